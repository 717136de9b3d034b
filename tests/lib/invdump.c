/*
 * invdump.c: a struct invite as text (see invdump.h).
 */
#include <stdio.h>
#include <string.h>

#include "tests/lib/invdump.h"

const struct parse_limits invdump_small_limits = { 20000, 2, 5, 2000, 2, 3,
    100, 20, 5000, 20 };

/* key="s" with C escapes for '"', '\\' and every byte outside printable
 * ASCII (as octal), so the line stays one line whatever s holds. */
static void
put_len(GString *o, const char *key, const char *s, size_t len)
{
	g_string_append_printf(o, "%s=", key);
	if (s == NULL) {
		g_string_append(o, "(null)\n");
		return;
	}
	g_string_append_c(o, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			g_string_append_c(o, '\\');
			g_string_append_c(o, (char)c);
		} else if (c < 0x20 || c >= 0x7f)
			g_string_append_printf(o, "\\%03o", c);
		else
			g_string_append_c(o, (char)c);
	}
	g_string_append(o, "\"\n");
}

static void
put(GString *o, const char *key, const char *s)
{
	put_len(o, key, s, s != NULL ? strlen(s) : 0);
}

static void
put_person(GString *o, const char *key, const struct inv_person *p)
{
	g_string_append_printf(o, "%s:\n", key);
	put(o, "  addr", p->addr);
	put(o, "  raw", p->raw);
	put(o, "  cn", p->cn);
	put(o, "  cutype", p->cutype);
	put(o, "  role", p->role);
}

static void
put_attach(GString *o, const struct inv_attach *a)
{
	put(o, "  name", a->name);
	put(o, "  type", a->type);
	g_string_append_printf(o, "  size=%zu inline_image=%d\n", a->size,
	    a->is_inline_image);
	put(o, "  uri", a->uri);
}

void
invdump_append(GString *o, const struct invite *inv)
{
	put(o, "subject", inv->subject);
	put(o, "from", inv->from);
	put(o, "message_id", inv->message_id);
	g_string_append_printf(o, "is_invitation=%d flags=%#x\n",
	    inv->is_invitation, inv->flags);
	put(o, "method", inv->method);
	put(o, "problem", inv->problem);
	put(o, "limit", inv->limit);
	put(o, "limit_cal", inv->limit_cal);
	for (size_t i = 0; i < inv->n_cals; i++) {
		g_string_append_printf(o, "cal %zu: is_attachment=%d "
		    "is_broken=%d size=%zu\n", i, inv->cals[i].is_attachment,
		    inv->cals[i].is_broken, inv->cals[i].size);
		put(o, "  method", inv->cals[i].method);
	}
	for (size_t i = 0; i < inv->n_comps; i++) {
		const struct inv_comp *c = &inv->comps[i];

		g_string_append_printf(o, "comp %zu: cal=%d dtstart_t=%lld "
		    "rrule=%d rdate=%d exrule=%d exdate=%d recurrence_id=%d "
		    "ms_rrule=%d ms_insttype=%d has_organizer=%d\n", i, c->cal,
		    (long long)c->dtstart_t, c->has_rrule, c->has_rdate,
		    c->has_exrule, c->has_exdate, c->has_recurrence_id,
		    c->has_ms_rrule, c->ms_insttype, c->has_organizer);
		put(o, " kind", c->kind);
		put(o, " uid", c->uid);
		put(o, " dtstart", c->dtstart);
		put(o, " teams_url", c->teams_url);
		put_person(o, " organizer", &c->organizer);
		for (size_t j = 0; j < c->n_attendees; j++)
			put_person(o, " attendee", &c->attendees[j]);
		for (size_t j = 0; j < c->n_attach; j++) {
			g_string_append_printf(o, " attach %zu:\n", j);
			put_attach(o, &c->attach[j]);
		}
	}
	for (size_t i = 0; i < inv->n_atts; i++) {
		g_string_append_printf(o, "att %zu:\n", i);
		put_attach(o, &inv->atts[i]);
	}
	for (size_t i = 0; i < inv->n_texts; i++) {
		g_string_append_printf(o, "text %zu: %s comp=%d len=%zu\n", i,
		    invite_field_name(inv->texts[i].field), inv->texts[i].comp,
		    inv->texts[i].len);
		put_len(o, "  s", inv->texts[i].s, inv->texts[i].len);
	}
}

char *
invdump(const struct invite *inv)
{
	GString *o = g_string_new(NULL);

	invdump_append(o, inv);
	return g_string_free(o, FALSE);
}

char *
invdump_parts(const struct parse_parts *pp)
{
	GString *o = g_string_new(NULL);

	for (size_t i = 0; pp != NULL && i < pp->n; i++) {
		const struct parse_part *p = &pp->v[i];

		g_string_append_printf(o, "part=%zu kind=%d off=%zu len=%zu "
		    "forwarded=%d\n", i, (int)p->kind, p->off, p->len,
		    (int)p->forwarded);
		put(o, "encoding", p->encoding);
		put(o, "charset", p->charset);
		put(o, "text", p->text);
	}
	return g_string_free(o, FALSE);
}
