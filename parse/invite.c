/*
 * invite.c: lifecycle of struct invite and the append helpers the parsers
 * use. Owns every string of the invite; invite_free() releases all.
 */
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "invite.h"
#include "limits.h"
#include "parse_int.h"

static const char *const field_names[FLD_COUNT] = {
	[FLD_SUBJECT] = "subject",
	[FLD_SUMMARY] = "summary",
	[FLD_DESCRIPTION] = "description",
	[FLD_ALTDESC] = "x-alt-desc",
	[FLD_LOCATION] = "location",
	[FLD_COMMENT] = "comment",
	[FLD_CATEGORIES] = "categories",
	[FLD_BODY_TEXT] = "body-text",
	[FLD_BODY_HTML] = "body-html",
	[FLD_ATTACHMENT_NAME] = "attachment-name",
	[FLD_ATTENDEE_CN] = "attendee-cn",
	[FLD_ORGANIZER_CN] = "organizer-cn",
	[FLD_ADDRESS_NAME] = "address-name",
	[FLD_HEADER] = "header",
};

const char *
invite_field_name(enum inv_field f)
{
	if ((unsigned)f >= FLD_COUNT)
		return "unknown";
	return field_names[f];
}

struct invite *
invite_new(void)
{
	return g_new0(struct invite, 1);
}

static void
person_clear(struct inv_person *p)
{
	g_free(p->addr);
	g_free(p->raw);
	g_free(p->cn);
	g_free(p->cutype);
	g_free(p->role);
}

static void
attach_clear(struct inv_attach *a)
{
	g_free(a->name);
	g_free(a->type);
	g_free(a->uri);
}

/* Frees the invite and everything it owns; NULL does nothing. */
void
invite_free(struct invite *inv)
{
	size_t i, j;

	if (inv == NULL)
		return;
	g_free(inv->subject);
	g_free(inv->from);
	g_free(inv->message_id);
	g_free(inv->method);
	g_free(inv->problem);
	for (i = 0; i < inv->n_cals; i++)
		g_free(inv->cals[i].method);
	g_free(inv->cals);
	for (i = 0; i < inv->n_comps; i++) {
		struct inv_comp *c = &inv->comps[i];

		g_free(c->kind);
		g_free(c->uid);
		g_free(c->dtstart);
		g_free(c->teams_url);
		person_clear(&c->organizer);
		for (j = 0; j < c->n_attendees; j++)
			person_clear(&c->attendees[j]);
		g_free(c->attendees);
		for (j = 0; j < c->n_attach; j++)
			attach_clear(&c->attach[j]);
		g_free(c->attach);
	}
	g_free(inv->comps);
	for (i = 0; i < inv->n_atts; i++)
		attach_clear(&inv->atts[i]);
	g_free(inv->atts);
	for (i = 0; i < inv->n_texts; i++)
		g_free(inv->texts[i].s);
	g_free(inv->texts);
	g_free(inv);
}

/* U+202E (right-to-left override) shows the text after it, up to
 * U+202C or the end of the line, in reverse order: "<RLO>2121-
 * 21212191" is shown as 19121212-1212 (attack18). Returns the text as
 * shown, without any override character (so it is added once). */
static GString *
rlo_shown(const char *s, size_t len)
{
	GString *shown = g_string_sized_new(len);
	const char *p = s, *e = s + len;
	size_t w = 0;

	while (p < e) {
		const char *r = memmem(p, (size_t)(e - p), "\xE2\x80\xAE", 3);
		const char *q, *pdf, *nl;
		char *rev;

		if (r == NULL) {
			g_string_append_len(shown, p, e - p);
			break;
		}
		g_string_append_len(shown, p, r - p);
		r += 3;
		pdf = memmem(r, (size_t)(e - r), "\xE2\x80\xAC", 3);
		nl = memchr(r, '\n', (size_t)(e - r));
		q = pdf && (!nl || pdf < nl) ? pdf : nl ? nl : e;
		rev = g_utf8_strreverse(r, q - r);
		g_string_append(shown, rev);
		g_free(rev);
		p = q == pdf ? q + 3 : q;
	}
	/* overrides inside a reversed run: dropped, not read again */
	for (size_t i = 0; i < shown->len; i++) {
		if (i + 3 <= shown->len &&
		    memcmp(shown->str + i, "\xE2\x80\xAE", 3) == 0) {
			i += 2;
			continue;
		}
		shown->str[w++] = shown->str[i];
	}
	g_string_truncate(shown, w);
	return shown;
}

/* Copies s[0..len) as a text of the given field. Text longer than
 * inv->text_bytes is cut at a character boundary and the cap recorded;
 * empty text is skipped. Returns -1 when the text count cap was hit. */
int
invite_add_text(struct invite *inv, enum inv_field field, int comp,
    const char *s, size_t len)
{
	struct inv_text *t;
	const char *end;
	char *copy;
	size_t cap = inv->text_bytes ? inv->text_bytes : LIM_TEXT_BYTES;

	if (s == NULL || len == 0)
		return 0;
	if (inv->n_texts >= (inv->max_texts ? inv->max_texts : LIM_TEXTS)) {
		invite_limit(inv, "texts", "more texts in one message than "
		    "limits.texts");
		return -1;
	}
	if (len > cap) {
		/* Cut at a character boundary (the check below). */
		len = cap;
		invite_limit(inv, "text_bytes",
		    "a field longer than limits.text_bytes");
	}
	/* Never store invalid UTF-8: the detectors rely on it. A NUL is
	 * a space, never the end of the text (issue 17: it hid the rest). */
	copy = g_strndup(s, len);
	for (char *p = copy; !utf8_valid(p, len - (size_t)(p - copy), &end);
	    p = copy + (end - copy) + 1) {
		if (*end != '\0') {
			len = (size_t)(end - copy);
			copy[len] = '\0';
			break;
		}
		copy[end - copy] = ' ';
	}
	if (len == 0) {
		g_free(copy);
		return 0;
	}
	if ((inv->n_texts & (inv->n_texts - 1)) == 0) {
		size_t n = inv->n_texts ? inv->n_texts * 2 : 8;

		inv->texts = g_renew(struct inv_text, inv->texts, n);
	}
	t = &inv->texts[inv->n_texts++];
	t->field = field;
	t->comp = comp;
	t->s = copy;
	t->len = len;
	/* U+202E: the text as shown is added as well (rlo_shown) */
	if (memmem(copy, len, "\xE2\x80\xAE", 3) != NULL) {
		GString *shown = rlo_shown(copy, len);

		(void)invite_add_text(inv, field, comp, shown->str, shown->len);
		g_string_free(shown, TRUE);
	}
	return 0;
}

/* Records an input problem: sets the flag, keeps the first explanation. */
void
invite_set_problem(struct invite *inv, unsigned flag, const char *why)
{
	inv->flags |= flag;
	if (inv->problem == NULL && why != NULL)
		inv->problem = g_strdup(why);
}

void
invite_limit_nocal(struct invite *inv, const char *key, const char *why)
{
	if (inv->limit == NULL)
		inv->limit = key;
	invite_set_problem(inv, INV_TRUNCATED, why);
}

void
invite_limit(struct invite *inv, const char *key, const char *why)
{
	if (inv->limit_cal == NULL && strcmp(key, "texts") != 0 &&
	    strcmp(key, "text_bytes") != 0)
		inv->limit_cal = key;
	invite_limit_nocal(inv, key, why);
}
