/*
 * topic.c: the sensitive-topic detector (detection-spec section 4).
 * The lexicon (conf/lexicon/topics.txt, or lexicon_dir) is compiled at
 * config load into a few combined PCRE2 JIT patterns: one alternation of
 * all case-folded stems, one of the case-sensitive abbreviations, one of
 * the exclusions and one of the general-context words; a field is
 * scanned once by each. Stems, exclusions and general words are compared
 * without diacritics (ntext afold), so "barnavardsutredning" is found
 * like "barnavårdsutredning"; abbreviations keep their exact case.
 * Evidence is the category, never the text.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <pcre2.h>

#include "detect.h"
#include "ruledata.h"

enum tkind { TK_STRONG, TK_WEAK, TK_EXCLUDE, TK_GENERAL };

struct term {
	char		*category;
	enum tkind	 kind;
};

struct topic_data {
	pcre2_code		*stems;		/* on afold: strong + weak */
	pcre2_code		*abbrevs;	/* on norm: whole tokens */
	pcre2_code		*exclude;	/* on afold */
	pcre2_code		*general;	/* on afold and general-abbrev on norm */
	pcre2_code		*gen_abbr;
	pcre2_code		*icd;		/* ICD-10 codes, law references */
	pcre2_match_context	*mctx;
	GHashTable		*terms;		/* matched text -> struct term */
};

static void
term_free(gpointer p)
{
	struct term *t = p;

	g_free(t->category);
	g_free(t);
}

static pcre2_code *
compile(const char *pat, char *err, size_t errlen, const char *what)
{
	int ec;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP, &ec, &off, NULL);

	if (re == NULL) {
		PCRE2_UCHAR msg[120];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		snprintf(err, errlen, "topics.txt: %s pattern: %s", what,
		    (char *)msg);
		return NULL;
	}
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static gint
longer_first(gconstpointer a, gconstpointer b)
{
	return (int)strlen(*(char *const *)b) - (int)strlen(*(char *const *)a);
}

/* "(?:\Qa\E|\Qb\E)" wrapped by pre/post, longest first; NULL if empty. */
static char *
alternation(GPtrArray *words, const char *pre, const char *post)
{
	GString *s;

	if (words->len == 0)
		return NULL;
	g_ptr_array_sort(words, longer_first);
	s = g_string_new(pre);
	g_string_append(s, "(?:");
	for (guint i = 0; i < words->len; i++)
		g_string_append_printf(s, "%s\\Q%s\\E", i ? "|" : "",
		    (char *)g_ptr_array_index(words, i));
	g_string_append_printf(s, ")%s", post);
	return g_string_free(s, FALSE);
}

struct topic_data *
topic_data_new(const struct ruledata_paths *p, char *err, size_t errlen)
{
	struct topic_data *td = g_new0(struct topic_data, 1);
	GPtrArray *stems = g_ptr_array_new_with_free_func(g_free),
	    *abbr = g_ptr_array_new_with_free_func(g_free),
	    *excl = g_ptr_array_new_with_free_func(g_free),
	    *gen = g_ptr_array_new_with_free_func(g_free),
	    *gabbr = g_ptr_array_new_with_free_func(g_free);
	char *text, **lines = NULL, *pat;
	bool ok = false;
	static const char *const B = "(?<![\\p{L}\\p{N}])";
	static const char *const A = "(?![\\p{L}\\p{N}])";

	td->terms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    term_free);
	if ((text = ruledata_read(p->lexicon_dir, "lexicon/topics.txt", NULL,
	    err, errlen)) == NULL)
		goto out;
	lines = g_strsplit(text, "\n", -1);
	g_free(text);
	for (size_t i = 0; lines[i]; i++) {
		char *l = g_strchomp(lines[i]), **f, *key;
		struct term *t;
		bool abbrev = false;

		if (*l == '\0' || *l == '#')
			continue;
		f = g_strsplit(l, "\t", 3);
		if (g_strv_length(f) != 3 || *f[2] == '\0' ||
		    !g_utf8_validate(f[2], -1, NULL) || strstr(f[2], "\\E")) {
			snprintf(err, errlen, "%s/topics.txt:%zu: want "
			    "CATEGORY<TAB>KIND<TAB>TERM", p->lexicon_dir ?
			    p->lexicon_dir : "built-in", i + 1);
			g_strfreev(f);
			goto out;
		}
		t = g_new0(struct term, 1);
		t->category = g_strdup(f[0]);
		if (!strcmp(f[1], "strong"))
			t->kind = TK_STRONG;
		else if (!strcmp(f[1], "weak"))
			t->kind = TK_WEAK;
		else if (!strcmp(f[1], "abbrev")) {
			t->kind = TK_STRONG;
			abbrev = true;
		} else if (!strcmp(f[1], "weak-abbrev")) {
			t->kind = TK_WEAK;
			abbrev = true;
		} else if (!strcmp(f[1], "exclude"))
			t->kind = TK_EXCLUDE;
		else if (!strcmp(f[1], "general"))
			t->kind = TK_GENERAL;
		else if (!strcmp(f[1], "general-abbrev")) {
			t->kind = TK_GENERAL;
			abbrev = true;
		} else {
			snprintf(err, errlen, "%s/topics.txt:%zu: unknown kind "
			    "\"%s\" (strong, weak, abbrev, weak-abbrev, exclude, "
			    "general, general-abbrev)", p->lexicon_dir ?
			    p->lexicon_dir : "built-in", i + 1, f[1]);
			g_strfreev(f);
			term_free(t);
			goto out;
		}
		key = abbrev ? g_strdup(f[2]) : ntext_afold_str(f[2],
		    strlen(f[2]));
		g_ptr_array_add(t->kind == TK_EXCLUDE ? excl :
		    t->kind == TK_GENERAL ? (abbrev ? gabbr : gen) :
		    abbrev ? abbr : stems, key);
		g_hash_table_replace(td->terms, g_strdup(key), t);
		g_strfreev(f);
	}
	td->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(td->mctx, 100000);
	pcre2_set_depth_limit(td->mctx, 1000);
#define COMPILE(field, arr, pre, post, what)				\
	if ((pat = alternation(arr, pre, post)) != NULL) {		\
		td->field = compile(pat, err, errlen, what);		\
		g_free(pat);						\
		if (td->field == NULL)					\
			goto out;					\
	}
	COMPILE(stems, stems, "", "", "stem")
	COMPILE(abbrevs, abbr, B, A, "abbreviation")
	COMPILE(exclude, excl, "", "", "exclusion")
	COMPILE(general, gen, "", "", "general")
	COMPILE(gen_abbr, gabbr, B, A, "general abbreviation")
#undef COMPILE
	/* ICD-10 with a dot (F43.1), or after diagnos/ICD/dx; law refs. */
	if ((td->icd = compile("(?<![\\p{L}\\p{N}])[A-TV-Z]\\d{2}\\.\\d{1,2}"
	    "(?![\\p{N}])|(?i:diagnos\\w*|icd(?:-10)?|dx)\\s*:?\\s*"
	    "(?-i:[A-TV-Z]\\d{2})(?![\\p{N}])|\\d+\\s?kap\\.?\\s?\\d+\\s?"
	    "[a-z]?\\s?§\\s?(?:SoL|LVU|LVM|LSS|LPT|OSL)", err, errlen,
	    "ICD-10")) == NULL)
		goto out;
	ok = true;
out:
	g_strfreev(lines);
	g_ptr_array_free(stems, TRUE);
	g_ptr_array_free(abbr, TRUE);
	g_ptr_array_free(excl, TRUE);
	g_ptr_array_free(gen, TRUE);
	g_ptr_array_free(gabbr, TRUE);
	if (!ok) {
		topic_data_free(td);
		return NULL;
	}
	return td;
}

void
topic_data_free(struct topic_data *td)
{
	if (td == NULL)
		return;
	pcre2_code_free(td->stems);
	pcre2_code_free(td->abbrevs);
	pcre2_code_free(td->exclude);
	pcre2_code_free(td->general);
	pcre2_code_free(td->gen_abbr);
	pcre2_code_free(td->icd);
	pcre2_match_context_free(td->mctx);
	if (td->terms)
		g_hash_table_destroy(td->terms);
	g_free(td);
}

struct span {
	size_t	a, b;
	const struct term *t;
};

/* All matches of re in norm (afold false) or afold (true) appended to
 * out, the term looked up by the matched text, the span in norm. */
static void
scan(const struct topic_data *td, const pcre2_code *re,
    const struct ntext *nt, bool afold, GArray *out)
{
	pcre2_match_data *md;
	PCRE2_SIZE off = 0;
	const char *s = afold ? nt->afold : nt->norm;
	size_t len = afold ? nt->alen : nt->len;

	if (re == NULL)
		return;
	md = pcre2_match_data_create_from_pattern(re, NULL);
	while (off < len && pcre2_match(re, (PCRE2_SPTR)s, len, off,
	    PCRE2_NO_UTF_CHECK, md, td->mctx) >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		struct span sp = { ov[0], ov[1], NULL };
		char *key = g_strndup(s + ov[0], ov[1] - ov[0]);

		sp.t = g_hash_table_lookup(td->terms, key);
		g_free(key);
		if (afold)
			ntext_aspan(nt, ov[0], ov[1], &sp.a, &sp.b);
		g_array_append_val(out, sp);
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
			off++;
	}
	pcre2_match_data_free(md);
}

static void
emit(struct hitlist *out, const char *rule, enum hit_kind kind,
    enum severity sev, const struct span *sp, const char *category,
    const char *detail)
{
	struct hit h;

	memset(&h, 0, sizeof(h));
	h.rule = rule;
	h.kind = kind;
	h.sev = sev;
	h.start = sp->a;
	h.end = sp->b;
	snprintf(h.evidence, sizeof(h.evidence), "%s", category);
	snprintf(h.detail, sizeof(h.detail), "%s", detail);
	hits_add(out, &h);
}

void
det_topic(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out)
{
	const struct topic_data *td = ctx->data ? ctx->data->topic : NULL;
	GArray *ex, *gen, *hits;
	const struct span *strong = NULL, *weak = NULL;
	const char *strong_cat = NULL;
	size_t n_weak = 0;
	bool general;

	if (td == NULL || nt->len == 0)
		return;
	ex = g_array_new(FALSE, FALSE, sizeof(struct span));
	gen = g_array_new(FALSE, FALSE, sizeof(struct span));
	hits = g_array_new(FALSE, FALSE, sizeof(struct span));
	scan(td, td->exclude, nt, true, ex);
	scan(td, td->general, nt, true, gen);
	scan(td, td->gen_abbr, nt, false, gen);
	/* An excluded word is no context either ("Telefonkonferens-ID"). */
	general = false;
	for (guint i = 0; i < gen->len; i++) {
		const struct span *g = &g_array_index(gen, struct span, i);
		bool inside = false;

		for (guint k = 0; k < ex->len; k++) {
			const struct span *e = &g_array_index(ex, struct span, k);

			if (g->a >= e->a && g->a < e->b)
				inside = true;
		}
		general |= !inside;
	}
	scan(td, td->stems, nt, true, hits);
	scan(td, td->abbrevs, nt, false, hits);
	for (guint i = 0; i < hits->len; i++) {
		const struct span *h = &g_array_index(hits, struct span, i);
		bool excluded = false;

		if (h->t == NULL)
			continue;
		for (guint k = 0; k < ex->len; k++) {
			const struct span *e = &g_array_index(ex, struct span, k);

			if (h->a >= e->a && h->a < e->b)
				excluded = true;
		}
		if (excluded)
			continue;
		if (h->t->kind == TK_STRONG && strong == NULL) {
			strong = h;
			strong_cat = h->t->category;
		} else if (h->t->kind == TK_WEAK) {
			if (weak == NULL || strcmp(weak->t->category, "") ||
			    h->a != weak->a)
				n_weak++;
			if (weak == NULL)
				weak = h;
		}
	}
	if (strong == NULL) {
		GArray *icd = g_array_new(FALSE, FALSE, sizeof(struct span));

		scan(td, td->icd, nt, false, icd);
		if (icd->len > 0) {
			static struct term t = { (char *)"hälsa/diagnos", TK_STRONG };

			g_array_index(icd, struct span, 0).t = &t;
			g_array_append_val(hits, g_array_index(icd, struct span, 0));
			strong = &g_array_index(hits, struct span, hits->len - 1);
			strong_cat = t.category;
		}
		g_array_free(icd, TRUE);
	}
	if (strong != NULL) {
		if (general)
			emit(out, "topic-weak", HIT_TOPIC_WEAK, SEV_LOW, strong,
			    strong_cat, "sensitive topic in a general context "
			    "(training, routine, statistics...)");
		else
			emit(out, "topic", HIT_TOPIC, SEV_MEDIUM, strong,
			    strong_cat, "sensitive topic");
	} else if (weak != NULL) {
		if (n_weak >= 2 && !general)
			emit(out, "topic", HIT_TOPIC, SEV_MEDIUM, weak,
			    weak->t->category, "two weak topic words");
		else
			emit(out, "topic-weak", HIT_TOPIC_WEAK, SEV_LOW, weak,
			    weak->t->category, "weak topic word");
	}
	g_array_free(ex, TRUE);
	g_array_free(gen, TRUE);
	g_array_free(hits, TRUE);
}
