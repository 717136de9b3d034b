/*
 * names.c: probable client names (detection-spec section 3), the weakest
 * detector: a first name followed by a surname, "Surname, Firstname", a
 * case word before a first name ("SIP för Alice", "familjen Sjöberg"), a
 * first name with an age, a surname in a file name. Never in ORGANIZER
 * or ATTENDEE names, nor for tokens of the participants' own names.
 * Evidence is initials only.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "detect.h"
#include "ruledata.h"

struct names_data {
	GHashTable	*first, *sur, *stop;	/* lower-case UTF-8 sets */
};

struct tok {
	size_t	 a, b;		/* span in norm */
	char	*low;		/* lower case */
	bool	 cap, allcaps;
};

static const char *const triggers[] = { "ang", "angående", "gällande",
	"rörande", "avseende", "om", "kring", "för", "med", "m", "hos", "till",
	"re", "regarding", "about", "with", "for", "sip", NULL };
static const char *const family[] = { "familjen", "fam", "family", NULL };
static const char *const place[] = { "rum", "sal", "konferensrum", "lokal",
	"i", "på", "in", "at", NULL };
static const char *const staff[] = { "avtackning", "pension", "grattis",
	"nyanställd", "introduktion", NULL };
static const char *const units[] = { "enheten", "teamet", "boendet",
	"gården", "skolan", NULL };
static const char *const morph_strong[] = { "sson", "berg", "ström",
	"lund", "gren", "qvist", "kvist", "holm", "dahl", "stedt", "borg",
	"nen", "ić", "ović", "ski", "ska", "wicz", NULL };
static const char *const morph_weak[] = { "son", "lin", "ell", "blad",
	"mark", NULL };

static bool
in_list(const char *w, const char *const *l)
{
	for (; *l; l++)
		if (strcmp(w, *l) == 0)
			return true;
	return false;
}

static bool
ends_in(const char *w, const char *const *l, size_t minlen)
{
	size_t n = strlen(w);

	if (g_utf8_strlen(w, -1) < (glong)minlen)
		return false;
	for (; *l; l++)
		if (n > strlen(*l) && strcmp(w + n - strlen(*l), *l) == 0)
			return true;
	return false;
}

static GHashTable *
load_set(const char *dir, const char *rel, char *err, size_t errlen)
{
	char *text = ruledata_read(dir, rel, NULL, err, errlen), **lines;
	GHashTable *set;

	if (text == NULL)
		return NULL;
	set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i]; i++) {
		char *hash = strchr(lines[i], '#'), **w;

		if (hash)
			*hash = '\0';
		w = g_strsplit_set(lines[i], " \t\r", -1);
		for (size_t k = 0; w[k]; k++)
			if (*w[k] && g_utf8_validate(w[k], -1, NULL))
				g_hash_table_add(set, g_utf8_strdown(w[k], -1));
		g_strfreev(w);
	}
	g_strfreev(lines);
	g_free(text);
	return set;
}

struct names_data *
names_data_new(const struct ruledata_paths *p, char *err, size_t errlen)
{
	struct names_data *nd = g_new0(struct names_data, 1);

	if ((nd->first = load_set(p->names_dir, "names/first.txt", err,
	    errlen)) == NULL ||
	    (nd->sur = load_set(p->names_dir, "names/surnames.txt", err,
	    errlen)) == NULL ||
	    (nd->stop = load_set(p->names_dir, "names/stopwords.txt", err,
	    errlen)) == NULL) {
		names_data_free(nd);
		return NULL;
	}
	return nd;
}

void
names_data_free(struct names_data *nd)
{
	if (nd == NULL)
		return;
	if (nd->first)
		g_hash_table_destroy(nd->first);
	if (nd->sur)
		g_hash_table_destroy(nd->sur);
	if (nd->stop)
		g_hash_table_destroy(nd->stop);
	g_free(nd);
}

/* Letter runs; in file names also split at CamelCase humps. */
static GArray *
tokenize(const char *s, size_t len, bool camel)
{
	GArray *toks = g_array_new(FALSE, TRUE, sizeof(struct tok));
	size_t i = 0;

	while (i < len) {
		struct tok t = { i, i, NULL, false, true };
		gunichar prev = 0;
		size_t j = i;

		while (j < len) {
			gunichar c = g_utf8_get_char(s + j);

			if (!g_unichar_isalpha(c))
				break;
			if (camel && j > i && g_unichar_isupper(c) &&
			    g_unichar_islower(prev))
				break;
			if (j == i)
				t.cap = g_unichar_isupper(c);
			else if (g_unichar_islower(c))
				t.allcaps = false;
			prev = c;
			j = (size_t)(g_utf8_next_char(s + j) - s);
		}
		if (j == i) {
			i = (size_t)(g_utf8_next_char(s + i) - s);
			continue;
		}
		t.b = j;
		t.low = g_utf8_strdown(s + i, (gssize)(j - i));
		if (j - i == 1 || !t.cap)
			t.allcaps = false;
		g_array_append_val(toks, t);
		i = j;
	}
	return toks;
}

/* Only spaces (and, when comma, one comma) between a and b. */
static bool
gap_is(const char *s, size_t a, size_t b, bool comma)
{
	int commas = 0;

	if (b <= a)
		return false;
	for (size_t i = a; i < b; i++) {
		if (s[i] == ',')
			commas++;
		else if (s[i] != ' ')
			return false;
	}
	return comma ? commas == 1 : commas == 0;
}

static void
emit(const struct ntext *nt, size_t a, size_t b, const char *why,
    struct hitlist *out)
{
	struct hit h;

	memset(&h, 0, sizeof(h));
	h.rule = "name";
	h.kind = HIT_NAME;
	h.sev = SEV_MEDIUM;
	h.start = a;
	h.end = b;
	mask_initials(h.evidence, sizeof(h.evidence), nt->norm + a, b - a);
	snprintf(h.detail, sizeof(h.detail), "%s", why);
	hits_add(out, &h);
}

static void
add_participants(GHashTable *set, const char *cn)
{
	char **w;

	if (cn == NULL)
		return;
	w = g_strsplit_set(cn, " ,.;()\"'", -1);
	for (size_t k = 0; w[k]; k++)
		if (*w[k] && g_utf8_validate(w[k], -1, NULL))
			g_hash_table_add(set, g_utf8_strdown(w[k], -1));
	g_strfreev(w);
}

void
det_names(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out)
{
	const struct names_data *nd = ctx->data ? ctx->data->names : NULL;
	GHashTable *part;
	GArray *toks;
	bool any_cap = false, file = ctx->field == FLD_ATTACHMENT_NAME;
	guint i;

	if (nd == NULL || ctx->field == FLD_ATTENDEE_CN ||
	    ctx->field == FLD_ORGANIZER_CN || nt->len == 0)
		return;
	for (const char *const *s = staff; *s; s++)
		if (strstr(nt->fold, *s))
			return;		/* staff context: a colleague */
	if ((ctx->field == FLD_SUBJECT || ctx->field == FLD_SUMMARY) &&
	    strstr(nt->fold, "välkommen"))
		return;			/* "Välkommen Anna!": a new colleague */
	part = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (size_t c = 0; ctx->inv && c < ctx->inv->n_comps; c++) {
		const struct inv_comp *ic = &ctx->inv->comps[c];

		add_participants(part, ic->organizer.cn);
		for (size_t k = 0; k < ic->n_attendees; k++)
			add_participants(part, ic->attendees[k].cn);
	}
	toks = tokenize(nt->norm, nt->len, file);
	for (i = 0; i < toks->len; i++)
		any_cap |= g_array_index(toks, struct tok, i).cap &&
		    !g_array_index(toks, struct tok, i).allcaps;
	for (i = 0; i < toks->len; i++) {
		struct tok *t = &g_array_index(toks, struct tok, i);
		struct tok *n = i + 1 < toks->len ? t + 1 : NULL;
		struct tok *p = i > 0 ? t - 1 : NULL;
		bool first = g_hash_table_contains(nd->first, t->low);
		bool stop = g_hash_table_contains(nd->stop, t->low);
		bool name_case = any_cap ? t->cap && !t->allcaps : true;

		if (g_hash_table_contains(part, t->low) ||
		    (p && in_list(p->low, place)))
			continue;
		if (n != NULL && !g_hash_table_contains(part, n->low)) {
			bool nsur = !ends_in(n->low, units, 0) &&
			    (g_hash_table_contains(nd->sur, n->low) ||
			    ends_in(n->low, morph_strong, 4) ||
			    ends_in(n->low, morph_weak, 5));
			bool nfirst = g_hash_table_contains(nd->first, n->low);
			bool ncase = any_cap ? n->cap && !n->allcaps : true;

			/* First name + surname (or two first names). */
			if (first && name_case && ncase && (nsur ||
			    (any_cap && nfirst && !g_hash_table_contains(
			    nd->stop, n->low))) &&
			    gap_is(nt->norm, t->b, n->a, false)) {
				emit(nt, t->a, n->b, "first name and surname", out);
				i++;
				continue;
			}
			/* Surname, Firstname */
			if (any_cap && t->cap && !t->allcaps && ncase && nfirst &&
			    (g_hash_table_contains(nd->sur, t->low) ||
			    ends_in(t->low, morph_strong, 4)) &&
			    gap_is(nt->norm, t->b, n->a, true)) {
				emit(nt, t->a, n->b, "surname, first name", out);
				i++;
				continue;
			}
		}
		if (!any_cap || !t->cap || t->allcaps || stop)
			continue;
		/* A case word before a first name; familjen + surname. */
		if (p && ((first && in_list(p->low, triggers)) ||
		    in_list(p->low, family))) {
			emit(nt, t->a, t->b, "name after a case word", out);
			continue;
		}
		/* First name with an age: "Vera (5 år)". */
		if (first) {
			const char *r = nt->norm + t->b;

			while (*r == ' ' || *r == '(' || *r == ',')
				r++;
			while (g_ascii_isdigit(*r))
				r++;
			if (r > nt->norm + t->b && (g_str_has_prefix(r, " år") ||
			    g_str_has_prefix(r, "-år") || g_str_has_prefix(r, " y"))) {
				emit(nt, t->a, t->b, "first name with an age", out);
				continue;
			}
		}
		/* A surname in a file name: Plan_Nordqvist.docx */
		if (file && !ends_in(t->low, units, 0) &&
		    (g_hash_table_contains(nd->sur, t->low) ||
		    ends_in(t->low, morph_strong, 5)))
			emit(nt, t->a, t->b, "surname in a file name", out);
	}
	for (i = 0; i < toks->len; i++)
		g_free(g_array_index(toks, struct tok, i).low);
	g_array_free(toks, TRUE);
	g_hash_table_destroy(part);
}
