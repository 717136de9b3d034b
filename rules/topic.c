/*
 * topic.c: the sensitive-topic detector (detection-spec section 4).
 * The lexicon (conf/lexicon/topics.txt, or lexicon_dir) is compiled at
 * config load into two word tries (lexscan.c): the stems, exclusions and
 * general-context words, compared without diacritics (ntext afold), so
 * "barnavardsutredning" is found like "barnavårdsutredning", with the
 * harm phrases (states, their rests after the verb, English passive
 * participles, the cues of short diagnoses) in sets of their own, whole
 * words checked where found; and the case-sensitive abbreviations,
 * which keep their exact case. A field is scanned once by each, ICD-10
 * codes and law references by one PCRE2 JIT pattern. Evidence is the
 * category, never the text.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <pcre2.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "datafile.h"
#include "detect.h"
#include "lexscan.h"
#include "ruledata.h"
#include "relimit.h"

/* TK_ACT: a violent act in plain words (slog, sparkar, hotade): a strong
 * topic only with a person in the same sentence. TK_STATE: harm to a
 * person in plain words (inte vill leva, hör röster, slutat äta, utan
 * mat, använder igen): strong with a person in the same sentence, weak
 * without one. */
enum tkind { TK_STRONG, TK_WEAK, TK_EXCLUDE, TK_GENERAL, TK_ACT, TK_STATE,
	/* TK_PASSIVE: an English participle, a state after a passive
	 * auxiliary (was sold). TK_TAIL: the rest of a state after its
	 * verb, a state after its verb and a subject (tar pappan på
	 * henne): both looked at only where they are found. */
	TK_PASSIVE, TK_TAIL };
/* SET_PHRASE: the states and their pieces in afold, SET_CUE: the
 * diagnosis cues (har ms), each a set of its own, so that they hide no
 * stem, nor each other ("har ra" no "ramlat"). */
enum { SET_STEM, SET_EXCL, SET_GEN, SET_PHRASE, SET_CUE, SET_ABBR = 0,
	SET_GEN_ABBR = 1 };
#define N_SETS	5

struct term {
	char		*category;
	enum tkind	 kind;
	/* a short diagnosis after its cue ("har MS", matched in afold as
	 * "har ms"): its length; the span is the diagnosis, in capitals */
	unsigned char	 skip;
	/* TK_TAIL: the verbs of its states, each between spaces
	 * (" tar tog ") */
	char		*verbs;
};

/* How a lexicon term is expanded at load (parse_kind()). */
enum texpand { EX_NONE, EX_PASSIVE, EX_CUE };

struct topic_data {
	/* The word sets in two tries (lexscan.c), each scanned in one pass
	 * per field with the semantics of the PCRE2 alternation of its
	 * words, longest first: on afold the stems (strong + weak), the
	 * exclusions and the general words; on norm, bounded by non-letters,
	 * the abbreviations and the general abbreviations. */
	struct lexscan		*on_fold;	/* afold: SET_STEM, SET_EXCL, SET_GEN */
	struct lexscan		*on_norm;	/* SET_ABBR, SET_GEN_ABBR */
	/* The term of each word of on_fold and on_norm (by the index
	 * lex_scan_words() gives), looked up in terms at load. */
	const struct term	**fold_term, **norm_term;
	pcre2_code		*icd;		/* ICD-10 codes, law references */
	pcre2_match_context	*mctx;
	GHashTable		*terms;		/* matched text -> struct term */
};

static void
term_free(gpointer p)
{
	struct term *t = p;

	g_free(t->category);
	g_free(t->verbs);
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

/* One trie of the words of arr[k] as set k (NULL: none); the term of
 * each word, in the order given to the trie, in *term (g_free). */
static struct lexscan *
sets_new(GHashTable *terms, GPtrArray *const arr[N_SETS], bool bounded,
    const struct term ***term)
{
	GPtrArray *w = g_ptr_array_new();
	GArray *set = g_array_new(FALSE, FALSE, sizeof(unsigned));
	struct lexscan *lx;

	for (unsigned k = 0; k < N_SETS; k++)
		for (guint i = 0; arr[k] != NULL && i < arr[k]->len; i++) {
			g_ptr_array_add(w, g_ptr_array_index(arr[k], i));
			g_array_append_val(set, k);
		}
	lx = lex_new_sets((const char *const *)w->pdata,
	    (const unsigned *)(const void *)set->data, w->len, bounded);
	*term = g_new0(const struct term *, w->len + 1);
	for (guint i = 0; i < w->len; i++)
		(*term)[i] = g_hash_table_lookup(terms,
		    g_ptr_array_index(w, i));
	g_ptr_array_free(w, TRUE);
	g_array_free(set, TRUE);
	return lx;
}

/* The word lists of the lexicon by where they are matched. */
struct lexlists {
	GPtrArray	*stems, *abbr, *excl, *gen, *gabbr, *phrases, *cues;
	/* the rest of each state after its verb -> the verbs (GString),
	 * and its category */
	GHashTable	*tails, *tail_cat;
};

/* The KIND column of the lexicon: *kind, whether it is an abbreviation
 * and how it is expanded; -1 for an unknown kind. */
static int
parse_kind(const char *w, enum tkind *kind, bool *abbrev, enum texpand *ex)
{
	static const struct {
		const char	*w;
		enum tkind	 kind;
		bool		 abbrev;
		enum texpand	 ex;
	} kinds[] = {
		{ "strong", TK_STRONG, false, EX_NONE },
		{ "weak", TK_WEAK, false, EX_NONE },
		{ "abbrev", TK_STRONG, true, EX_NONE },
		{ "weak-abbrev", TK_WEAK, true, EX_NONE },
		{ "exclude", TK_EXCLUDE, false, EX_NONE },
		{ "general", TK_GENERAL, false, EX_NONE },
		{ "general-abbrev", TK_GENERAL, true, EX_NONE },
		/* forms.txt: whole words, as the abbreviations */
		{ "word", TK_STRONG, true, EX_NONE },
		{ "act", TK_ACT, true, EX_NONE },
		{ "state", TK_STATE, true, EX_NONE },
		/* an English participle, a state after a passive auxiliary */
		{ "passive", TK_PASSIVE, true, EX_PASSIVE },
		/* a diagnosis of two capitals, strong after a cue (har MS) */
		{ "short-diagnosis", TK_STRONG, true, EX_CUE },
	};

	for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++)
		if (strcmp(w, kinds[k].w) == 0) {
			*kind = kinds[k].kind;
			*abbrev = kinds[k].abbrev;
			*ex = kinds[k].ex;
			return 0;
		}
	return -1;
}

/* Whether words of kind are matched in afold, not norm: the harm
 * phrases (states) and their pieces, whole words in any case; the
 * capitals of a sentence's or a bullet's start ("- Slutat äta", "Orsak:
 * Dricker varje dag") cost no second key, and the words of every text
 * they start with ("tar", "har") touch the afold filter's four bytes
 * less often than the norm filter's three. */
static bool
in_fold(enum tkind kind)
{
	return kind == TK_STATE || kind == TK_PASSIVE || kind == TK_TAIL;
}

/* Whether key of kind goes in afold: a key of under FOLD_MIN bytes there
 * would make the afold filter test every text at more places (all its
 * words are 4 bytes or longer, few of exactly 4); it stays in norm, as
 * written and capitalised. */
#define FOLD_MIN	5

static bool
to_fold(enum tkind kind, const char *key)
{
	return in_fold(kind) && strlen(key) >= FOLD_MIN;
}

/* Adds key (taken) as a term of category and kind to its list and to
 * terms. */
static void
add_key(struct topic_data *td, struct lexlists *ll, const char *category,
    enum tkind kind, char *key, bool abbrev, unsigned skip)
{
	struct term *t = g_new0(struct term, 1);

	t->category = g_strdup(category);
	t->kind = kind;
	t->skip = (unsigned char)skip;
	if (abbrev && to_fold(kind, key)) {
		/* matched in afold, as the stems: any case, with or
		 * without diacritics ("Hör röster", "hor roster") */
		char *f = ntext_afold_str(key, strlen(key));

		g_free(key);
		key = f;
		if (g_hash_table_contains(td->terms, key)) {
			/* a stem of its own already (återfall) */
			g_free(key);
			term_free(t);
			return;
		}
		g_ptr_array_add(ll->phrases, key);
		g_hash_table_replace(td->terms, g_strdup(key), t);
		return;
	}
	if (skip > 0) {			/* a diagnosis cue, in afold */
		g_ptr_array_add(ll->cues, key);
		g_hash_table_replace(td->terms, g_strdup(key), t);
		return;
	}
	g_ptr_array_add(kind == TK_EXCLUDE ? ll->excl :
	    kind == TK_GENERAL ? (abbrev ? ll->gabbr : ll->gen) :
	    abbrev ? ll->abbr : ll->stems, key);
	g_hash_table_replace(td->terms, g_strdup(key), t);
}

/* key with its first letter in upper case (also outside ASCII:
 * "återfall" -> "Återfall"), or NULL when it does not start with a
 * lower-case letter (g_free). */
static char *
capitalised(const char *key)
{
	char up[8];

	if (!g_unichar_islower(g_utf8_get_char(key)))
		return NULL;
	up[g_unichar_to_utf8(g_unichar_toupper(g_utf8_get_char(key)), up)] =
	    '\0';
	return g_strconcat(up, g_utf8_next_char(key), NULL);
}

/* Adds key (taken) and, when it is a word written in lower case, its
 * capitalised form: a word also starts a sentence, a line, a subject
 * or a bullet ("Hiv-behandling", "Hör röster sedan mars", "- Slutat
 * äta"). The capitalised forms share their first bytes with few words
 * of running text, so they cost the scan next to nothing. */
static void
add_cased(struct topic_data *td, struct lexlists *ll, const char *category,
    enum tkind kind, char *key, bool abbrev, unsigned skip)
{
	char *cap = NULL, *low;

	if (abbrev && !to_fold(kind, key) &&
	    g_unichar_islower(g_utf8_get_char(key))) {
		low = g_utf8_strdown(key, -1);
		if (strcmp(low, key) == 0)
			cap = capitalised(key);
		g_free(low);
	}
	add_key(td, ll, category, kind, key, abbrev, skip);
	if (cap != NULL)
		add_key(td, ll, category, kind, cap, abbrev, skip);
}

/* Who does a harm, as the subject put after the verb when a sentence
 * starts with something else (Swedish word order: "Enligt skolan tar
 * pappan på henne", "Sedan i våras dricker han igen"). */
static const char *const inv_subjects[] = { "han", "hon", "hen", "de",
	"mamma", "mamman", "pappa", "pappan", "barnet", "flickan", "pojken",
	"eleven", "dottern", "sonen", "sambon", "maken", "frun", "hustrun",
	"kvinnan", "mannen", "brodern", "systern", "styvpappan",
	"styvmamman", "modern", "fadern", "klienten", "brukaren",
	"patienten", "ungdomen", "partnern", "vårdtagaren", "föräldrarna",
	"vårdnadshavaren", "tjejen", "killen", "pojkvännen", "flickvännen",
	"morbrodern", "farbrodern", "kusinen", "grannen", "exmaken",
	"expartnern", "mormor", "morfar", "farmor", "farfar",
	/* after a genitive: "kompisens pappa", "hennes bror" */
	"bror", "syster", "sambo", "pojkvän", "flickvän", "kompis", "man",
	"fru", "kille", "tjej", NULL };

/* The first words of states that are no finite verb: no subject comes
 * after them. */
static const char *const not_verbs[] = { "mot", "utan", "inte", "ner",
	"på", "i", "av", "för", "med", "till", "som", "efter", "under",
	"ingen", "inga", "helt", "ej", NULL };

/* A state of several words starting with a verb in lower case: its
 * rest after the verb is noted with the verb (add_tails()). */
static void
note_tail(struct lexlists *ll, const struct term *t, const char *key)
{
	const char *sp = strchr(key, ' ');
	GString *v;

	if (sp == NULL || !g_unichar_islower(g_utf8_get_char(key)))
		return;
	for (const char *const *n = not_verbs; *n; n++)
		if (strlen(*n) == (size_t)(sp - key) &&
		    memcmp(key, *n, (size_t)(sp - key)) == 0)
			return;
	if ((v = g_hash_table_lookup(ll->tails, sp + 1)) == NULL) {
		v = g_string_new(" ");
		g_hash_table_insert(ll->tails, g_strdup(sp + 1), v);
		g_hash_table_insert(ll->tail_cat, g_strdup(sp + 1),
		    g_strdup(t->category));
	}
	g_string_append_len(v, key, sp - key);
	g_string_append_c(v, ' ');
}

/* Rests that are, or start with, a word of every text (till, från):
 * each would be looked at all the time ("Anslut till mötet"). "på",
 * "inte" and "sig" are kept before another word (tar pappan på henne,
 * vill han inte leva, känner hon sig förföljd). */
static bool
common_tail(const char *k)
{
	static const char *const w[] = { "för", "bort", "sig", "till",
	    "henne", "honom", "hen", "her", "him", "inte", "från", "efter",
	    "av", "mot", "sitt", "sin", "i", "när", "om", "med", "ett",
	    "att", "förra", "nyligen", "plötsligt", "away", "off", "again",
	    "dåligt", "ingenting", "igår", "illa", "ensam", "ensamma", "to",
	    "into", "their", "his", "a", "nästan", "frånvaro", NULL };
	size_t n = strcspn(k, " ");

	if (k[n] == ' ' && ((n == 4 && memcmp(k, "inte", 4) == 0) ||
	    (n == 3 && memcmp(k, "sig", 3) == 0)))
		return false;
	for (const char *const *p = w; *p; p++)
		if (strlen(*p) == n && memcmp(k, *p, n) == 0)
			return true;
	return false;
}

/* The rests of the states (note_tail()) as words of their own: a rest
 * found after a subject after one of its verbs is the state ("dricker
 * igen" in "Sedan jul dricker pappan igen"). A rest of under 4 bytes
 * (äta) would slow the scan of every text; a rest that is a word of the
 * lexicon already is a topic anyway. */
static void
add_tails(struct topic_data *td, struct lexlists *ll)
{
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, ll->tails);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		struct term *t;

		char *f = ntext_afold_str(k, strlen(k));

		if (strlen(k) < FOLD_MIN || g_hash_table_contains(td->terms, f) ||
		    g_hash_table_contains(td->terms, k) || common_tail(k)) {
			g_free(f);
			continue;
		}
		add_key(td, ll, g_hash_table_lookup(ll->tail_cat, k), TK_TAIL,
		    g_strdup(k), true, 0);
		t = g_hash_table_lookup(td->terms, to_fold(TK_TAIL, k) ? f :
		    k);
		t->verbs = g_strdup(((GString *)v)->str);
		g_free(f);
	}
}

/* The auxiliaries of an English passive ("she was sold", "has been
 * abused", "got beaten"). */
static const char *const passive_aux[] = { "was", "were", "is", "are",
	"been", "being", "got", "gets", "get", "be", NULL };

/* The words before a short diagnosis that make it one ("hon har MS",
 * "patienten med ME", "diagnosen MS"): a token of two capitals alone
 * is too common (MS Teams, rum ME-2) and too costly to scan for. */
static const char *const diag_cues[] = { "har", "hade", "med", "fått",
	"fick", "lider av", "drabbats av", "drabbad av", "diagnos",
	"diagnosen", "sjukdomen", "has", "had", "with", NULL };

/* Adds term t under key (taken) to its list and to terms, expanded as
 * its kind says. An abbreviation written in lower case ("hiv") is a
 * word: it also goes in capitalised ("Hiv-behandling"). */
static void
add_term(struct topic_data *td, struct lexlists *ll, struct term *t,
    char *key, bool abbrev, enum texpand ex)
{
	if (ex == EX_PASSIVE) {
		add_key(td, ll, t->category, TK_PASSIVE, key, true, 0);
		term_free(t);
		return;
	}
	if (ex == EX_CUE) {
		/* in afold (4-byte filter keys: "har " is looked at, not
		 * every word starting "har"), the capitals checked where
		 * found (capitals()) */
		for (const char *const *c = diag_cues; *c; c++) {
			char *k = g_strdup_printf("%s %s", *c, key), *f;

			f = ntext_afold_str(k, strlen(k));
			g_free(k);
			if (!g_hash_table_contains(td->terms, f))
				add_key(td, ll, t->category, t->kind, f, false,
				    (unsigned)strlen(key));
			else
				g_free(f);
		}
		g_free(key);
		term_free(t);
		return;
	}
	if (abbrev && t->kind == TK_STATE)
		note_tail(ll, t, key);
	add_cased(td, ll, t->category, t->kind, key, abbrev, 0);
	term_free(t);
}

/* What a lexicon term may not hold: the operators of a regular
 * expression (a '.' and a '+' are text: "t.ex.", "HBTQ+"). */
#define LEX_REGEX_CHARS	"()[]{}|*?\\^$"

/* Reads one lexicon file (lexicon/NAME, or lexicon_dir's) into terms
 * and the lists: CATEGORY<TAB>KIND<TAB>TERM per line, '#' comments.
 * 0, or -1 with the file and line in err; 1 when an optional file is
 * not in lexicon_dir. */
static int
read_lexicon(struct topic_data *td, const struct ruledata_paths *p,
    const char *name, bool optional, struct lexlists *ll, char *err,
    size_t errlen)
{
	const char *where = p->lexicon_dir ? p->lexicon_dir : "built-in";
	char *text, *next, *rel = g_strconcat("lexicon/", name, NULL);
	int rc = 0;

	if (optional && p->lexicon_dir != NULL) {
		char *path = g_build_filename(p->lexicon_dir, name, NULL);
		bool there = g_file_test(path, G_FILE_TEST_EXISTS);

		g_free(path);
		if (!there) {
			g_free(rel);
			return 1;
		}
	}
	text = ruledata_read(p->lexicon_dir, rel, NULL, err, errlen);
	g_free(rel);
	if (text == NULL)
		return -1;
	/* Line by line in place: no copy per line, so a file of empty
	 * lines costs nothing (and no strstr() per line, which ASan makes
	 * quadratic). */
	next = text;
	for (size_t i = 0, n = 0; next != NULL && rc == 0; i++) {
		char *l = next, **f;
		struct term *t;
		enum tkind kind;
		enum texpand ex = EX_NONE;
		bool abbrev = false;
		size_t meta;

		if ((next = strchr(l, '\n')) != NULL)
			*next++ = '\0';
		l = g_strchomp(l);
		if (*l == '\0' || *l == '#')
			continue;
		/* bounded time and memory (datafile.h) */
		if (++n > LEX_MAX_TERMS) {
			snprintf(err, errlen, "%s/%s:%zu: more than %d terms in "
			    "one lexicon file (LIMITS in invite-milter.conf(5))",
			    where, name, i + 1, LEX_MAX_TERMS);
			rc = -1;
			break;
		}
		f = g_strsplit(l, "\t", 3);
		if (g_strv_length(f) != 3 || *f[2] == '\0' ||
		    !g_utf8_validate(f[2], -1, NULL)) {
			snprintf(err, errlen, "%s/%s:%zu: want "
			    "CATEGORY<TAB>KIND<TAB>TERM", where, name, i + 1);
			rc = -1;
		} else if (strlen(f[2]) > LEX_MAX_TERM) {
			snprintf(err, errlen, "%s/%s:%zu: a term of %zu bytes; "
			    "a term is a word or a short phrase of at most %d "
			    "(LIMITS in invite-milter.conf(5))", where, name,
			    i + 1, strlen(f[2]), LEX_MAX_TERM);
			rc = -1;
		} else if (f[2][meta = strcspn(f[2], LEX_REGEX_CHARS)] != '\0') {
			/* Terms are literal text, matched as they are written:
			 * "(foo|bar)" would only ever find those nine
			 * characters, so it is refused, not quietly dead. */
			snprintf(err, errlen, "%s/%s:%zu: \"%.60s\": '%c' looks "
			    "like a regular expression; terms are literal "
			    "text, not patterns: write each alternative on a "
			    "line of its own, without %s", where, name, i + 1,
			    f[2], f[2][meta], LEX_REGEX_CHARS);
			rc = -1;
		} else if (parse_kind(f[1], &kind, &abbrev, &ex) < 0) {
			snprintf(err, errlen, "%s/%s:%zu: unknown kind "
			    "\"%s\" (strong, weak, abbrev, weak-abbrev, exclude, "
			    "general, general-abbrev, word, act, state, passive, "
			    "short-diagnosis)", where,
			    name, i + 1, f[1]);
			rc = -1;
		} else {
			t = g_new0(struct term, 1);
			t->category = g_strdup(f[0]);
			t->kind = kind;
			add_term(td, ll, t, abbrev ? g_strdup(f[2]) :
			    ntext_afold_str(f[2], strlen(f[2])), abbrev, ex);
		}
		g_strfreev(f);
	}
	g_free(text);
	return rc;
}

static void
tail_free(gpointer p)
{
	g_string_free(p, TRUE);
}

struct topic_data *
topic_data_new(const struct ruledata_paths *p, char *err, size_t errlen)
{
	struct topic_data *td = g_new0(struct topic_data, 1);
	struct lexlists ll = { g_ptr_array_new_with_free_func(g_free),
	    g_ptr_array_new_with_free_func(g_free),
	    g_ptr_array_new_with_free_func(g_free),
	    g_ptr_array_new_with_free_func(g_free),
	    g_ptr_array_new_with_free_func(g_free),
	    g_ptr_array_new_with_free_func(g_free),
	    g_ptr_array_new_with_free_func(g_free),
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    tail_free), g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    g_free) };
	bool ok = false;

	td->terms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    term_free);
	/* topics.txt, hand-written; forms.txt, generated from it and
	 * hunspell-sv (conf/words/build-topic-forms.py): optional in a
	 * configured lexicon_dir. */
	if (read_lexicon(td, p, "topics.txt", false, &ll, err, errlen) < 0 ||
	    read_lexicon(td, p, "forms.txt", true, &ll, err, errlen) < 0)
		goto out;
	add_tails(td, &ll);
	td->mctx = pcre2_match_context_create(NULL);
	relimit_apply(td->mctx, p->regex);	/* [limits] regex_* */
	{
		GPtrArray *fold[N_SETS] = { [SET_STEM] = ll.stems,
		    [SET_EXCL] = ll.excl, [SET_GEN] = ll.gen,
		    [SET_PHRASE] = ll.phrases, [SET_CUE] = ll.cues };
		GPtrArray *norm[N_SETS] = { [SET_ABBR] = ll.abbr,
		    [SET_GEN_ABBR] = ll.gabbr };

		td->on_fold = sets_new(td->terms, fold, false, &td->fold_term);
		td->on_norm = sets_new(td->terms, norm, true, &td->norm_term);
	}
	/* ICD-10 with a dot (F43.1), or after diagnos/ICD/dx; law refs. */
	if ((td->icd = compile("(?<![\\p{L}\\p{N}])[A-TV-Z]\\d{2}\\.\\d{1,2}"
	    "(?![\\p{N}])|(?i:diagnos\\w*|icd(?:-10)?|dx)\\s*:?\\s*"
	    "(?-i:[A-TV-Z]\\d{2})(?![\\p{N}])|\\d+\\s?kap\\.?\\s?\\d+\\s?"
	    "[a-z]?\\s?§\\s?(?:SoL|LVU|LVM|LSS|LPT|OSL)", err, errlen,
	    "ICD-10")) == NULL)
		goto out;
	ok = true;
out:
	g_ptr_array_free(ll.stems, TRUE);
	g_ptr_array_free(ll.abbr, TRUE);
	g_ptr_array_free(ll.excl, TRUE);
	g_ptr_array_free(ll.gen, TRUE);
	g_ptr_array_free(ll.gabbr, TRUE);
	g_ptr_array_free(ll.phrases, TRUE);
	g_ptr_array_free(ll.cues, TRUE);
	g_hash_table_destroy(ll.tails);
	g_hash_table_destroy(ll.tail_cat);
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
	lex_free(td->on_fold);
	lex_free(td->on_norm);
	g_free(td->fold_term);
	g_free(td->norm_term);
	pcre2_code_free(td->icd);
	pcre2_match_context_free(td->mctx);
	if (td->terms)
		g_hash_table_destroy(td->terms);
	g_free(td);
}

struct span {
	size_t	a, b;
	const struct term *t;
	bool	raw;		/* a, b still in afold: see norm_span() */
};

/* The span in norm: an afold span is mapped when first needed (most
 * general words and exclusions never are). */
static const struct span *
norm_span(const struct ntext *nt, struct span *sp)
{
	if (sp->raw) {
		size_t a, b;

		ntext_aspan(nt, sp->a, sp->b, &a, &b);
		sp->a = a;
		sp->b = b;
		sp->raw = false;
	}
	return sp;
}

/* A growing list of spans, the first ones on the stack: most fields
 * have few matches, and then no allocation. Not to be copied. */
struct spans {
	struct span	*v;
	size_t		 n, cap;
	struct span	 in[16];
};

static void
spans_init(struct spans *l)
{
	l->v = l->in;
	l->n = 0;
	l->cap = G_N_ELEMENTS(l->in);
}

static void
spans_add(struct spans *l, const struct span *sp)
{
	if (l->n == l->cap) {
		if (l->v == l->in) {
			l->v = g_new(struct span, l->cap * 2);
			memcpy(l->v, l->in, l->n * sizeof(*l->v));
		} else
			l->v = g_renew(struct span, l->v, l->cap * 2);
		l->cap *= 2;
	}
	l->v[l->n++] = *sp;
}

static void
spans_free(struct spans *l)
{
	if (l->v != l->in)
		g_free(l->v);
}

/* All matches of re in norm (afold false) or afold (true) appended to
 * out, the term looked up by the matched text, the span in norm; a
 * match stopped on a [limits] bound is noted in *limit. */
static void
scan(const struct topic_data *td, const pcre2_code *re,
    const struct ntext *nt, bool afold, struct spans *out,
    const char **limit)
{
	pcre2_match_data *md;
	PCRE2_SIZE off = 0;
	const char *s = afold ? nt->afold : nt->norm;
	size_t len = afold ? nt->alen : nt->len;
	int rc = 0;

	if (re == NULL)
		return;
	md = pcre2_match_data_create_from_pattern(re, NULL);
	while (off < len && (rc = pcre2_match(re, (PCRE2_SPTR)s, len, off,
	    PCRE2_NO_UTF_CHECK, md, td->mctx)) >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		struct span sp = { ov[0], ov[1], NULL, false };
		char *key = g_strndup(s + ov[0], ov[1] - ov[0]);

		sp.t = g_hash_table_lookup(td->terms, key);
		g_free(key);
		if (afold)
			ntext_aspan(nt, ov[0], ov[1], &sp.a, &sp.b);
		spans_add(out, &sp);
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
			off++;
	}
	relimit_note(limit, rc);	/* a stopped match is recorded */
	pcre2_match_data_free(md);
}

/* A word right before a topic word that makes it one person's matter
 * (spec section 4, person reference: "hans/hennes" + a topic word), in
 * the case-folded view: "hennes placering", "klientens missbruk". */
static const char *const owners[] = { "hans", "hennes", "hens", "deras",
	"klientens", "brukarens", "patientens", "elevens", "barnets",
	"mammans", "pappans", "moderns", "faderns", "sonens", "dotterns",
	"pojkens", "flickans", "ungdomens", "vårdnadshavarens",
	"förälderns", "familjens", "hushållets", "sons", "dotters", NULL };

/* The owner word ending right before norm offset a (only spaces
 * between), its span in *sp; NULL if there is none. */
static const char *
owner_before(const struct ntext *nt, size_t a, struct span *sp)
{
	size_t e = a, b;

	while (e > 0 && nt->fold[e - 1] == ' ')
		e--;
	if (e == a)
		return NULL;
	for (b = e; b > 0 && (g_ascii_isalpha(nt->fold[b - 1]) ||
	    (unsigned char)nt->fold[b - 1] >= 0x80); b--)
		;
	if (b > 0 && (g_ascii_isalnum(nt->fold[b - 1]) ||
	    nt->fold[b - 1] == '-'))
		return NULL;
	for (const char *const *o = owners; *o; o++)
		if (strlen(*o) == e - b && memcmp(nt->fold + b, *o, e - b) == 0) {
			sp->a = b;
			sp->b = e;
			return *o;
		}
	return NULL;
}

/* Where lex_scan_words() puts the matches of each set: the term of the
 * matched word; the span in norm for the hits, left in afold (raw) for
 * the exclusions and general words. */
struct sink {
	const struct ntext	*nt;
	const struct term	**term;	/* by word index */
	bool			 afold;	/* scanned nt->afold, not norm */
	struct spans		*to[N_SETS];	/* per set, NULL: ignore */
	struct spans		*hits;	/* the one whose spans are mapped now */
};

static void
sink_found(void *arg, unsigned set, size_t a, size_t b, size_t word)
{
	struct sink *k = arg;
	struct span sp = { a, b, NULL, k->afold };

	if (set >= N_SETS || k->to[set] == NULL)
		return;
	sp.t = k->term[word];
	if (k->to[set] == k->hits)
		(void)norm_span(k->nt, &sp);
	if (sp.t != NULL && sp.t->skip > 0 && !sp.raw && sp.b - sp.a >
	    sp.t->skip)
		sp.a = sp.b - sp.t->skip;	/* "har MS": the diagnosis */
	spans_add(k->to[set], &sp);
}

/* Can the ICD-10 / law pattern match at all? Each of its alternatives
 * holds [A-TV-Z]\d (\d: any Unicode digit, so any byte >= 0x80 may
 * start one) or a '§': a byte loop that spares the pattern nearly every
 * field. Keep in step with the pattern. icd_at() tests the positions
 * from..to-1 exactly; icd_possible() runs it only on the 16-byte blocks
 * where a vector test of the same bytes says one may be: there a byte
 * >= DIGIT_LEAD stands for a digit, as no character below U+0660 (the
 * first Arabic-Indic digit, D9 A0), nor a continuation byte, is one
 * (topic_test checks every code point). */
#define DIGIT_LEAD	0xD9

static bool
icd_at(const unsigned char *u, size_t len, size_t from, size_t to)
{
	for (size_t i = from; i < to && i + 1 < len; i++) {
		if (u[i] == 0xC2 && u[i + 1] == 0xA7)
			return true;
		if (u[i] < 'A' || u[i] > 'Z' || u[i] == 'U')
			continue;
		if (g_ascii_isdigit(u[i + 1]) || (u[i + 1] >= 0x80 &&
		    g_unichar_isdigit(g_utf8_get_char_validated((const char *)
		    u + i + 1, (gssize)(len - i - 1)))))
			return true;
	}
	return false;
}

typedef unsigned char v16u8 __attribute__((vector_size(16)));

static bool
icd_possible(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

#ifdef __SSE2__
	/* The same test with a byte mask (unsigned compares as min/max).
	 * The second byte first: most blocks of prose have no digit, no
	 * byte >= DIGIT_LEAD and no 0xA7 in it, and then the first bytes
	 * do not matter. */
	for (; i + 17 <= len; i += 16) {
		__m128i y = _mm_loadu_si128((const __m128i *)(const void *)
		    (u + i + 1));
		__m128i y0 = _mm_sub_epi8(y, _mm_set1_epi8('0'));
		__m128i dig = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(y0,
		    _mm_set1_epi8(9)), y0), _mm_cmpeq_epi8(_mm_max_epu8(y,
		    _mm_set1_epi8((char)DIGIT_LEAD)), y));
		__m128i a7 = _mm_cmpeq_epi8(y, _mm_set1_epi8((char)0xA7));
		__m128i x, xa, up, sect;

		if (_mm_movemask_epi8(_mm_or_si128(dig, a7)) == 0)
			continue;
		x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		xa = _mm_sub_epi8(x, _mm_set1_epi8('A'));
		up = _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('U')),
		    _mm_cmpeq_epi8(_mm_min_epu8(xa, _mm_set1_epi8('Z' - 'A')),
		    xa));
		sect = _mm_and_si128(_mm_cmpeq_epi8(x,
		    _mm_set1_epi8((char)0xC2)), a7);
		if (_mm_movemask_epi8(_mm_or_si128(_mm_and_si128(up, dig),
		    sect)) != 0 && icd_at(u, len, i, i + 16))
			return true;
	}
#endif
	for (; i + 17 <= len; i += 16) {
		v16u8 x, y, m;
		guint64 h[2];

		memcpy(&x, u + i, sizeof(x));
		memcpy(&y, u + i + 1, sizeof(y));
		m = (v16u8)(((v16u8)(x - 'A') <= 'Z' - 'A') & (x != 'U') &
		    (((v16u8)(y - '0') <= 9) | (y >= DIGIT_LEAD))) |
		    (v16u8)((x == 0xC2) & (y == 0xA7));
		memcpy(h, &m, sizeof(h));
		if ((h[0] | h[1]) != 0 && icd_at(u, len, i, i + 16))
			return true;
	}
	return icd_at(u, len, i, len);
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

/* Does an exclusion span of ex hold norm offset a? */
static bool
excluded_at(const struct ntext *nt, struct spans *ex, size_t a)
{
	bool inside = false;

	for (size_t k = 0; k < ex->n; k++) {
		const struct span *e = norm_span(nt, &ex->v[k]);

		if (a >= e->a && a < e->b)
			inside = true;
	}
	return inside;
}

/* Whether norm offset a lies inside a strong topic word of hits
 * ("budgetrådgivning" holds the general word "budget"). */
static bool
in_strong(const struct spans *hits, size_t a)
{
	for (size_t k = 0; k < hits->n; k++)
		if (hits->v[k].t != NULL && hits->v[k].t->kind == TK_STRONG &&
		    a >= hits->v[k].a && a < hits->v[k].b)
			return true;
	return false;
}

/* Whether f[i] is a byte of a word's letter (ASCII or any non-ASCII
 * byte: the Swedish letters). */
static bool
word_byte(const char *f, size_t i)
{
	return g_ascii_isalpha(f[i]) || (unsigned char)f[i] >= 0x80;
}

/* A clinic as the place a client is seen ("samtal på
 * ungdomsmottagningen", "luktade alkohol på mottagningen"): the general
 * word "mottagning" in a word after a place preposition is no unit
 * context, as it is in an attendee or a subject ("BUP Mottagning Väst",
 * "APT Beroendemottagningen"). */
static bool
clinic_visited(const struct ntext *nt, size_t a)
{
	static const char *const preps[] = { "på", "till", "från", "hos",
	    "vid", NULL };
	const char *f = nt->fold;
	size_t w = a, e;

	if (nt->len - a < 10 || memcmp(f + a, "mottagning", 10) != 0)
		return false;
	while (w > 0 && (word_byte(f, w - 1) || f[w - 1] == '-'))
		w--;
	for (e = w; e > 0 && f[e - 1] == ' '; e--)
		;
	if (e == w)
		return false;
	for (w = e; w > 0 && word_byte(f, w - 1); w--)
		;
	for (const char *const *p = preps; *p; p++)
		if (strlen(*p) == e - w && memcmp(f + w, *p, e - w) == 0)
			return true;
	return false;
}

/* A topic word that is the first part of a building's name
 * ("Psykiatrihuset plan 2", "Beroendebyggnaden"): a place, as a room's
 * name, not a matter. */
static bool
in_building(const struct ntext *nt, const struct span *h)
{
	static const char *const nouns[] = { "hus", "huset", "husets",
	    "byggnad", "byggnaden", "byggnadens", "flygeln", "paviljongen",
	    NULL };
	const char *f = nt->fold;
	size_t e = h->b;

	while (e < nt->len && word_byte(f, e))
		e++;
	if (e - h->b < 3)
		return false;
	for (const char *const *p = nouns; *p; p++) {
		size_t n = strlen(*p);

		if (e - h->b >= n && memcmp(f + e - n, *p, n) == 0)
			return true;
	}
	return false;
}

/* Whether norm[a..] starts with a capital: its lower-case copy (fold,
 * same offsets) differs in the first two bytes (Å and å differ in the
 * second). */
static bool
cap_at(const struct ntext *nt, size_t a)
{
	return nt->norm[a] != nt->fold[a] ||
	    (a + 1 < nt->len && nt->norm[a + 1] != nt->fold[a + 1]);
}

/* Whether norm[a..b) is a company form: "AB", "HB", "KB", "Ab",
 * "GmbH", "Ltd"... */
static bool
company_form(const struct ntext *nt, size_t a, size_t b)
{
	static const char *const forms[] = { "AB", "HB", "KB", "Ab", "Oy",
	    "AS", "ASA", "ApS", "GmbH", "Ltd", "Inc", "LLC", "Aktiebolag",
	    "Handelsbolag", "Kommanditbolag", NULL };

	for (const char *const *p = forms; *p; p++)
		if (strlen(*p) == b - a && memcmp(nt->norm + a, *p, b - a) == 0)
			return true;
	return false;
}

/* A topic word in a company's name (blind18a): a capitalised word after
 * another capitalised word (a surname, a trade: "Lindqvist Hälsa &
 * Rehab AB", "Berg Beroendevård & Terapi HB"), followed, over at most
 * three capitalised words joined by spaces or '&', by a company form
 * (AB, HB, KB...); or by '&' when the name stands after a word in lower
 * case (not a heading: "Missbruk & Beroende" alone is the topic). */
static bool
in_company(const struct ntext *nt, const struct span *h)
{
	const char *f = nt->fold;
	size_t w0 = h->a, e, p, n;
	bool amp = false, low_before = false, brand;

	while (w0 > 0 && word_byte(f, w0 - 1))
		w0--;
	if (!cap_at(nt, w0))
		return false;
	/* back: spaces (one '&'), a capitalised word */
	for (p = w0; p > 0 && (f[p - 1] == ' ' || f[p - 1] == '&'); p--)
		;
	if (p == w0 || p == 0 || !word_byte(f, p - 1))
		return false;
	for (e = p; e > 0 && word_byte(f, e - 1); e--)
		;
	if (!cap_at(nt, e))
		return false;
	/* a brand's word, not an abbreviation (BUP): its last letter small;
	 * not a genitive ("Ahmeds Missbruk" is his, title-cased) */
	brand = nt->norm[p - 1] == f[p - 1] && f[p - 1] != 's' && w0 - p == 1;
	for (; e > 0 && f[e - 1] == ' '; e--)
		;
	if (e > 0 && word_byte(f, e - 1)) {
		size_t s0 = e;

		while (s0 > 0 && word_byte(f, s0 - 1))
			s0--;
		low_before = !cap_at(nt, s0);
	}
	/* Swedish writes a common noun in lower case: a capitalised topic
	 * word after a capitalised brand inside a sentence ("faktura från
	 * Capio Psykiatri") is an organisation's name */
	if (brand && low_before)
		return true;
	/* forward */
	e = h->b;
	for (n = 0; n < 4; n++) {
		while (e < nt->len && word_byte(f, e))
			e++;
		for (p = e; p < nt->len && (f[p] == ' ' || f[p] == '&'); p++)
			amp |= f[p] == '&';
		if (p == e || p == nt->len || !word_byte(f, p) ||
		    !cap_at(nt, p))
			return amp && low_before;
		for (e = p; e < nt->len && word_byte(f, e); e++)
			;
		if (company_form(nt, p, e))
			return true;
	}
	return amp && low_before;
}

/* Endings of job titles (lower case, fold): a topic word in one is a
 * role's field ("Biståndshandläggare", "Psykiatrisjuksköterska"). */
static const char *const title_ends[] = { "handläggare", "sekreterare",
	"terapeut", "sköterska", "bedömare", "stödjare", "behandlare",
	"kurator", "rådgivare", "samordnare", "assistent", "utredare",
	"pedagog", "läkare", "psykolog", "konsulent", "skötare", "chef",
	"coach", "ledare", "specialist", "ombud", NULL };

/* Whether fold[a..b) is a line of a signature's name: one to five
 * capitalised words (after slashes; a closer "hälsningar" may be
 * among them), two at least or one after a slash, no
 * digit, no colon. */
static bool
name_line(const struct ntext *nt, size_t a, size_t b)
{
	const char *f = nt->fold;
	size_t words = 0, a0 = a;

	while (a < b && (f[a] == '/' || f[a] == ' '))
		a++;
	/* one word only after a slash ("/Karin"): else a heading */
	if (memchr(f + a0, '/', a - a0) != NULL)
		words++;
	while (a < b) {
		size_t w = a;

		while (a < b && (word_byte(f, a) || f[a] == '-' || f[a] == '.'))
			a++;
		if (a == w || (!cap_at(nt, w) &&
		    !(a - w == 11 && memcmp(f + w, "hälsningar", 11) == 0)))
			return false;
		if (++words > 5)
			return false;
		while (a < b && (f[a] == ' ' || f[a] == ','))
			a++;
	}
	return words > 1;
}

/* Whether the word at fold offset w0 (to its end) is a job title
 * (title_ends) not used as a label ("Missbruksterapeut: ..."). */
static bool
title_at(const struct ntext *nt, size_t w0)
{
	const char *f = nt->fold;
	size_t w1 = w0;

	while (w1 < nt->len && word_byte(f, w1))
		w1++;
	if (w1 < nt->len && f[w1] == ':')
		return false;
	for (const char *const *t = title_ends; *t; t++) {
		size_t n = strlen(*t);

		if (w1 - w0 >= n && memcmp(f + w1 - n, *t, n) == 0)
			return true;
	}
	return false;
}

/* Whether the capitalised word at fold offset w0 heads a unit's name
 * ("Avdelningen för ekonomiskt bistånd", "Enheten för missbruk"). */
static bool
unit_at(const struct ntext *nt, size_t w0)
{
	static const char *const heads[] = { "avdelningen", "enheten",
	    "sektionen", "socialtjänsten", "mottagningen", "verksamheten",
	    "kontoret", "gruppen", "teamet", "förvaltningen", NULL };
	const char *f = nt->fold;
	size_t w1 = w0;

	if (w0 >= nt->len || !cap_at(nt, w0))
		return false;
	while (w1 < nt->len && word_byte(f, w1))
		w1++;
	for (const char *const *h = heads; *h; h++) {
		size_t n = strlen(*h);

		if (w1 - w0 >= n && memcmp(f + w1 - n, *h, n) == 0)
			return true;
	}
	return false;
}

/* A topic word on a signature's title line (blind18a): a line that
 * starts with a job title (title_ends) under a name line, or a name
 * line, a comma and a title ("//Hêvî Rashid\nBiståndshandläggare",
 * "Mvh Eva Berg, demenssjuksköterska", "...\nPsykiatrisjuksköterska,
 * Vuxenpsykiatrin": the title and the unit after it), and a unit's line
 * (unit_at) under the name line or the title line: staff's role, no
 * client's topic. */
static bool
role_in_sig(const struct ntext *nt, const struct span *h)
{
	const char *f = nt->fold;
	size_t l0, p, c;

	for (l0 = h->a; l0 > 0 && f[l0 - 1] != '\n'; l0--)
		;
	/* "Name, title[, unit]" on one line, the hit after the title's
	 * comma ("Hälsningar, Hêvî Rashid, socialsekreterare ...") */
	for (c = l0; c < h->a; c++) {
		if (f[c] != ',')
			continue;
		for (p = c + 1; p < nt->len && f[p] == ' '; p++)
			;
		if (p < nt->len && title_at(nt, p) && name_line(nt, l0, c))
			return true;
	}
	/* a title line under a name line; a unit's line under either */
	for (p = l0; p < nt->len && (f[p] == ' ' || f[p] == '/'); p++)
		;
	if (l0 == 0)
		return false;
	for (c = l0 - 1; c > 0 && f[c - 1] != '\n'; c--)
		;
	if (title_at(nt, p))
		return name_line(nt, c, l0 - 1);
	if (!unit_at(nt, p))
		return false;
	if (name_line(nt, c, l0 - 1))
		return true;
	for (p = c; p < nt->len && (f[p] == ' ' || f[p] == '/'); p++)
		;
	if (c == 0 || !title_at(nt, p))
		return false;
	for (l0 = c - 1; l0 > 0 && f[l0 - 1] != '\n'; l0--)
		;
	return name_line(nt, l0, c - 1);
}

/* A general context: one general word outside every exclusion (an
 * excluded word is no context either: "Telefonkonferens-ID"), not part
 * of a strong topic word, and owned by nobody: "hushållets budget",
 * "hennes budget" is a client's, not the organisation's. */
static bool
is_general(const struct ntext *nt, struct spans *gen, struct spans *ex,
    const struct spans *hits)
{
	for (size_t i = 0; i < gen->n; i++) {
		size_t a = norm_span(nt, &gen->v[i])->a;
		struct span own;

		if (!excluded_at(nt, ex, a) && !in_strong(hits, a) &&
		    owner_before(nt, a, &own) == NULL &&
		    !clinic_visited(nt, a))
			return true;
	}
	return false;
}

/* Whether the text names a household as a whole word: familjen,
 * hushållet (and their genitives). */
static bool
household(const struct ntext *nt)
{
	static const char *const w[] = { "familjen", "familjens", "hushållet",
	    "hushållets", NULL };

	for (const char *const *p = w; *p; p++) {
		size_t n = strlen(*p);

		for (const char *at = nt->fold; (at = strstr(at, *p)) != NULL;
		    at += n) {
			size_t i = (size_t)(at - nt->fold);

			if ((i == 0 || !g_ascii_isalpha(nt->fold[i - 1])) &&
			    !g_ascii_isalpha(nt->fold[i + n]) &&
			    (unsigned char)nt->fold[i + n] < 0x80)
				return true;
		}
	}
	return false;
}

/* People an act happens to or is done by: pronouns and the words for
 * a client or a relative (lower case, compared with fold). */
static const char *const act_people[] = { "han", "hon", "hen", "henne",
	"honom", "mamma", "mamman", "pappa", "pappan", "barnet", "barnen",
	"flickan", "pojken", "eleven", "dottern", "sonen", "sambo", "sambon",
	"maken", "make", "frun", "hustrun", "kvinnan", "mannen", "brodern",
	"systern", "styvpappan", "styvmamman", "modern", "fadern",
	"klienten", "brukaren", "patienten", "ungdomen", "partnern",
	"vårdtagaren", "omsorgstagaren", "föräldrarna", "föräldern",
	"vårdnadshavaren", "vårdnadshavarna", "tjejen", "killen",
	"tonåringen", "mormor", "morfar", "farmor", "farfar",
	"barnbarnet", "barnbarnen", "makan", "styvdottern", "styvsonen",
	"familjen", "hushållet",
	/* an English case note (summaries): "Client is hearing voices" */
	"he", "she", "him", "her", "his", "client", "patient", "mother",
	"father", "mum", "dad", "child", "son", "daughter", "boy",
	"girl", "woman", "parent", "parents", "pupil", "wife", "husband",
	NULL };

/* A client by role, not a pronoun: whose debt it is ("utmätning –
 * budgetgenomgång med klienten"); a pronoun may be a speaker's. */
static const char *const client_people[] = { "klienten", "brukaren",
	"patienten", "vårdtagaren", "omsorgstagaren", "mamman", "pappan",
	"föräldrarna", "vårdnadshavaren", "ungdomen", "klientens",
	"brukarens", "patientens", NULL };

/* The writer and the readers: a harm phrase in their sentence is the
 * meeting's own business ("Vi använder igen samma mall", "ta inte med
 * egen mat"), not a third person's. */
static const char *const speakers[] = { "vi", "jag", "du", "ni", "oss",
	"mig", "dig", "er", "we", "you", "us", NULL };

/* Whether the sentence around norm span [a, b) (up to . ! ? or a line
 * break) holds a word of people (NULL: act_people) as a whole word. */
static bool
person_in_sentence(const struct ntext *nt, size_t a, size_t b,
    const char *const *people)
{
	const char *f = nt->fold;
	size_t s0 = a, s1 = b, i;

	while (s0 > 0 && strchr(".!?\n", f[s0 - 1]) == NULL)
		s0--;
	while (s1 < nt->len && strchr(".!?\n", f[s1]) == NULL)
		s1++;
	for (i = s0; i < s1;) {
		size_t w = i;

		while (i < s1 && (g_ascii_isalpha(f[i]) ||
		    (unsigned char)f[i] >= 0x80))
			i++;
		if (i > w && (w < a || w >= b))
			for (const char *const *p = people ? people :
			    act_people; *p; p++)
				if (strlen(*p) == i - w &&
				    memcmp(f + w, *p, i - w) == 0)
					return true;
		if (i == w)
			i++;
	}
	return false;
}

static bool
act_person(const struct ntext *nt, size_t a, size_t b)
{
	return person_in_sentence(nt, a, b, NULL);
}

/* Whether a capitalised word or a number follows norm offset b: a
 * short diagnosis after its cue is then a product's name ("med MS
 * Teams", "har MS Office 365"). */
static bool
product_after(const struct ntext *nt, size_t b)
{
	const char *s = nt->norm;

	if (b + 1 >= nt->len || (s[b] != ' ' && s[b] != '-'))
		return false;
	return g_ascii_isupper(s[b + 1]) || g_ascii_isdigit(s[b + 1]);
}

/* Whether norm span h is whole words: no letter or digit touches it
 * (a state found in afold: "ensam" is no state in "ensamkommande"). */
static bool
whole_word(const struct ntext *nt, const struct span *h)
{
	return (h->a == 0 || (!word_byte(nt->fold, h->a - 1) &&
	    !g_ascii_isdigit(nt->fold[h->a - 1]))) && (h->b >= nt->len ||
	    (!word_byte(nt->fold, h->b) && !g_ascii_isdigit(nt->fold[h->b])));
}

/* The word before norm offset a, only spaces between: true with its
 * span [*w, *e) in fold. */
static bool
word_before(const struct ntext *nt, size_t a, size_t *w, size_t *e)
{
	size_t i = a;

	while (i > 0 && nt->fold[i - 1] == ' ')
		i--;
	if (i == a || i == 0)
		return false;
	*e = i;
	while (i > 0 && word_byte(nt->fold, i - 1))
		i--;
	*w = i;
	return *e > i && (i == 0 || !g_ascii_isalnum(nt->fold[i - 1]));
}

static bool
word_in(const struct ntext *nt, size_t w, size_t e,
    const char *const *list)
{
	for (const char *const *p = list; *p; p++)
		if (strlen(*p) == e - w && memcmp(nt->fold + w, *p, e - w) == 0)
			return true;
	return false;
}

/* A passive auxiliary before a participle at a ("she was sold"), or
 * one adverb between ("was repeatedly beaten", "has been sexually
 * abused", "was also threatened"): true with the auxiliary's start in
 * *start. */
static bool
passive_before(const struct ntext *nt, size_t a, size_t *start)
{
	static const char *const adverbs[] = { "also", "often", "again",
	    "allegedly", "repeatedly", "sexually", "physically", "badly",
	    "severely", "seriously", "reportedly", "regularly", NULL };
	size_t w, e;

	if (!word_before(nt, a, &w, &e))
		return false;
	if (!word_in(nt, w, e, passive_aux) && (!word_in(nt, w, e, adverbs) ||
	    !word_before(nt, w, &w, &e) || !word_in(nt, w, e, passive_aux)))
		return false;
	*start = w;
	return true;
}

/* Whether the word fold[w, e) is one of the verbs of tail t. */
static bool
tail_verb(const struct ntext *nt, const struct term *t, size_t w, size_t e)
{
	size_t n = e - w;

	for (const char *v = t->verbs; (v = strchr(v, ' ')) != NULL &&
	    v[1] != '\0'; v++)
		if (strncmp(v + 1, nt->fold + w, n) == 0 && v[1 + n] == ' ')
			return true;
	return false;
}

/* The rest of a state at a after a subject after one of its verbs
 * ("tar pappan på henne", "tog kompisens pappa på henne"): true with
 * the verb's start in *start. */
static bool
inverted_before(const struct ntext *nt, const struct term *t, size_t a,
    size_t *start)
{
	size_t w1, e1, w0, e0;

	if (!word_before(nt, a, &w1, &e1) || !word_in(nt, w1, e1,
	    inv_subjects) || !word_before(nt, w1, &w0, &e0))
		return false;
	/* a genitive before the subject: the verb is one word further */
	if (!tail_verb(nt, t, w0, e0) && (e0 - w0 < 3 ||
	    nt->fold[e0 - 1] != 's' || !word_before(nt, w0, &w0, &e0) ||
	    !tail_verb(nt, t, w0, e0)))
		return false;
	*start = w0;
	return true;
}

/* Whether norm span h is in capitals (MS, not ms or Ms). */
static bool
capitals(const struct ntext *nt, const struct span *h)
{
	for (size_t i = h->a; i < h->b; i++)
		if (!g_ascii_isupper(nt->norm[i]))
			return false;
	return true;
}

/* What the topic words of one text add up to. */
struct pick {
	const struct span	*strong, *weak;
	const char		*strong_cat, *owner;
	struct span		 owner_span;
	size_t			 n_weak;
	bool			 act;	/* strong is an act with a person */
	bool			 state;	/* strong is a harm with a person */
	/* an act or a harm with a person in its sentence, strong or not
	 * the pick: someone's, so no general context makes it general */
	bool			 someone;
};

/* The first strong and weak topic word outside the exclusions, the
 * count of weak ones, and the first owner word before a topic word. */
static void
pick_hits(const struct ntext *nt, struct spans *hits, struct spans *ex,
    struct pick *pk)
{
	for (size_t i = 0; i < hits->n; i++) {
		struct span *h = &hits->v[i];
		enum tkind kind;
		bool subject = false;
		size_t start;

		if (h->t == NULL || excluded_at(nt, ex, h->a))
			continue;
		kind = h->t->kind;
		if (in_fold(kind) && !whole_word(nt, h))
			continue;
		if (kind == TK_PASSIVE) {
			if (!passive_before(nt, h->a, &start))
				continue;
			h->a = start;		/* "was sold" */
			kind = TK_STATE;
		} else if (kind == TK_TAIL) {
			if (!inverted_before(nt, h->t, h->a, &start))
				continue;
			h->a = start;		/* "tar pappan på henne" */
			kind = TK_STATE;
			subject = true;
		}
		if ((h->t->kind == TK_STRONG || h->t->kind == TK_WEAK) &&
		    (in_building(nt, h) || in_company(nt, h) ||
		    role_in_sig(nt, h)))
			continue;
		if (h->t->skip > 0 && (!whole_word(nt, h) ||
		    !capitals(nt, h) || product_after(nt, h->b)))
			continue;
		if (h->t->kind == TK_ACT) {
			if (!act_person(nt, h->a, h->b))
				continue;
			pk->someone = true;
			if (pk->strong == NULL) {
				pk->strong = h;
				pk->strong_cat = h->t->category;
				pk->act = true;
			}
			continue;
		}
		/* A harm in plain words: strong with a person in the
		 * sentence ("Brukaren säger att han inte vill leva") or
		 * its owner before it ("hennes återfall"), weak without
		 * one (it may be a named person's: engine.c), none in the
		 * writer's or the readers' own sentence. */
		if (kind == TK_STATE) {
			struct span own;
			const char *o = owner_before(nt, h->a, &own);

			if (o != NULL && pk->owner == NULL) {
				/* "hennes återfall": a person's */
				pk->owner = o;
				pk->owner_span = own;
			}
			if (o != NULL || subject ||
			    act_person(nt, h->a, h->b)) {
				pk->someone = true;
				if (pk->strong == NULL) {
					pk->strong = h;
					pk->strong_cat = h->t->category;
					pk->state = true;
				}
				continue;
			}
			if (person_in_sentence(nt, h->a, h->b, speakers))
				continue;
			pk->n_weak++;
			if (pk->weak == NULL)
				pk->weak = h;
			continue;
		}
		if ((h->t->kind == TK_STRONG || h->t->kind == TK_WEAK) &&
		    pk->owner == NULL)
			pk->owner = owner_before(nt, h->a, &pk->owner_span);
		if (h->t->kind == TK_STRONG && pk->strong == NULL) {
			pk->strong = h;
			pk->strong_cat = h->t->category;
		} else if (h->t->kind == TK_WEAK) {
			if (pk->weak == NULL ||
			    strcmp(pk->weak->t->category, "") ||
			    h->a != pk->weak->a)
				pk->n_weak++;
			if (pk->weak == NULL)
				pk->weak = h;
		}
	}
}

/* Without a strong word: an ICD-10 code or a law reference is one
 * (appended to hits). A match stopped on a bound is noted in *limit. */
static void
pick_icd(const struct topic_data *td, const struct ntext *nt,
    struct spans *hits, struct pick *pk, const char **limit)
{
	static struct term t = { (char *)"hälsa/diagnos", TK_STRONG };
	struct spans icd;

	if (pk->strong != NULL || !icd_possible(nt->norm, nt->len))
		return;
	spans_init(&icd);
	scan(td, td->icd, nt, false, &icd, limit);
	if (icd.n > 0) {
		icd.v[0].t = &t;
		spans_add(hits, &icd.v[0]);
		pk->strong = &hits->v[hits->n - 1];
		pk->strong_cat = t.category;
	}
	spans_free(&icd);
}

/* The hits of a pick: a strong word (weak in a general context), two
 * weak ones or one, and a person reference outside a general context. */
static void
emit_pick(const struct pick *pk, bool general, struct hitlist *out)
{
	if (pk->strong != NULL) {
		if (general)
			emit(out, "topic-weak", HIT_TOPIC_WEAK, SEV_LOW,
			    pk->strong, pk->strong_cat, "sensitive topic in a "
			    "general context (training, routine, statistics...)");
		else
			emit(out, "topic", HIT_TOPIC, SEV_MEDIUM, pk->strong,
			    pk->strong_cat, pk->act ? "sensitive topic: a violent "
			    "act with a person in the sentence" : pk->state ?
			    "sensitive topic: a harm to a person described in "
			    "the sentence" : "sensitive topic");
	} else if (pk->weak != NULL) {
		if (pk->n_weak >= 2 && !general)
			emit(out, "topic", HIT_TOPIC, SEV_MEDIUM, pk->weak,
			    pk->weak->t->category, "two weak topic words");
		else
			emit(out, "topic-weak", HIT_TOPIC_WEAK, SEV_LOW,
			    pk->weak, pk->weak->t->category, "weak topic word");
	}
	/* Someone's topic outside a general context: a person reference
	 * (with the topic it makes person-topic, engine.c). */
	if (pk->owner != NULL && !general)
		emit(out, "person-reference", HIT_PERSON_REF, SEV_LOW,
		    &pk->owner_span, pk->owner, "a topic word with its owner "
		    "(hans, hennes, klientens...)");
}

void
det_topic(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out)
{
	const struct topic_data *td = ctx->data ? ctx->data->topic : NULL;
	struct spans ex, gen, hits;
	struct pick pk = { NULL, NULL, NULL, NULL, { 0, 0, NULL, false }, 0,
	    false, false, false };
	bool general;

	if (td == NULL || nt->len == 0)
		return;
	spans_init(&ex);
	spans_init(&gen);
	spans_init(&hits);
	/* Two passes: each array gets its matches in the order the
	 * separate scans gave them (general words before general
	 * abbreviations, stems before abbreviations). */
	{
		struct sink f = { nt, td->fold_term, true, { [SET_STEM] = &hits,
		    [SET_EXCL] = &ex, [SET_GEN] = &gen, [SET_PHRASE] = &hits,
		    [SET_CUE] = &hits },
		    &hits };
		struct sink n = { nt, td->norm_term, false, { [SET_ABBR] =
		    &hits, [SET_GEN_ABBR] = &gen }, &hits };

		lex_scan_words(td->on_fold, nt->afold, nt->alen, sink_found, &f);
		lex_scan_words(td->on_norm, nt->norm, nt->len, sink_found, &n);
	}
	general = is_general(nt, &gen, &ex, &hits);
	pick_hits(nt, &hits, &ex, &pk);
	pick_icd(td, nt, &hits, &pk, &out->limit);
	/* Debt and enforcement of a named household ("Budgetplan för
	 * familjen – skulder och utmätning") or of a client in the same
	 * sentence ("Kronofogdens utmätning – budgetgenomgång med
	 * klienten") is the client's economy, not a budget meeting. */
	if (general && pk.strong != NULL && !pk.act && !pk.state &&
	    strcmp(pk.strong_cat, "ekonomi") == 0 && (household(nt) ||
	    person_in_sentence(nt, pk.strong->a, pk.strong->b,
	    client_people)))
		general = false;
	/* A person's harm or a violent act on one, told in its sentence
	 * ("Studiedag, men brukaren dricker igen"), is a case, whatever
	 * training or routine words the text also has. */
	if (general && pk.someone)
		general = false;
	emit_pick(&pk, general, out);
	spans_free(&ex);
	spans_free(&gen);
	spans_free(&hits);
}
