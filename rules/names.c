/*
 * names.c: probable client names (detection-spec section 3), the weakest
 * detector: a first name followed by a surname, "Surname, Firstname", a
 * case word before a first name ("SIP för Alice", "Pappan Yusuf"),
 * "familjen Sjöberg", a first name with an age, school year or birth
 * year, a genitive ("Idas mamma"), a surname in a file name. Lists and
 * words are compared without case and diacritics (ntext afold), so
 * "Goran Ostlund" is "Göran Östlund". Never in ORGANIZER or ATTENDEE
 * names, nor for the participants' own names, a signature, a contact
 * person or a name before a job title. Evidence is initials only.
 * The rules; the word tables are namedata.c's, the tokens nametok.c's.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "names.h"
#include "langwords.h"

/* Unit words: a name that ends in one is a place ("Solgarden"). */
static const char *const units[] = { "enheten", "teamet", "boendet",
	"garden", "skolan", NULL };

/* Surname endings (spec section 3), on the afold form. */
static const char *const morph_strong[] = { "sson", "berg", "strom",
	"lund", "gren", "qvist", "kvist", "holm", "dahl", "stedt", "borg",
	"nen", "ovic", "evic", "ski", "ska", "wicz", NULL };
static const char *const morph_weak[] = { "son", "lin", "ell", "blad",
	"mark", NULL };
/* Endings that need their diacritic (-ic, -la alone are ordinary
 * English and Swedish endings), on the lower-case form. */
static const char *const morph_dia[] = { "ić", "lä", NULL };
/* In file names only the endings that ordinary words and town names do
 * not share (Engelska.pdf, Göteborg.pdf). */
static const char *const morph_file[] = { "sson", "berg", "strom", "lund",
	"gren", "qvist", "kvist", "holm", "dahl", "stedt", "nen", "ovic",
	"evic", "wicz", NULL };
/* Endings of trade words in company names, also in compounds:
 * "Martin Olsson Grossist", "Berg Byggservice", "Lind Fastighetsteknik"
 * (namedata.c's trades are whole words); on the afold form. */
static const char *const trade_ends[] = { "service", "tjanst",
	"tjanster", "handel", "byra", "bolag", "konsult", "konsulter",
	"teknik", "logistik", "forvaltning", "entreprenad", "produktion",
	"grossist", "import", "export", "trading", "verkstad", "tryckeri",
	"snickeri", "maleri", "akeri", "bygg", "transport", "fastigheter",
	"redovisning", "revision", NULL };

/* Heads of an organisation's name (issue 18's blind set): a name
 * followed by ", Socialstyrelsen", ", Malmö stad", ", Norska
 * Barnevernet" is a speaker's or a colleague's, and a token that ends
 * in one is no person; on the afold form, the word itself or its
 * end. */
static const char *const org_ends[] = { "styrelsen", "verket",
	"myndigheten", "kommun", "kommunen", "region", "regionen",
	"forbundet", "kassan", "namnden", "inspektionen", "institutet",
	"universitet", "universitetet", "hogskolan", "hogskola", "radet",
	"akademin", "akademien", "sjukhuset", "forvaltningen", "vernet",
	"direktoratet", "departementet", "ombudsmannen", "stad", "landsting",
	"landstinget", "polisen", "tingsratt", "tingsratten", "foreningen",
	"stiftelsen", "kyrkan", "university", "council", "agency",
	"ministry", "institute", NULL };
/* Roles of a speaker or a meeting, also in compounds, right before a
 * name: "Gästföreläsare Dr. Amina Yusuf", "förvaltningschef Per-Olof
 * Berg" (with namedata.c's titles). */
static const char *const role_ends[] = { "forelasare", "foredragshallare",
	"moderator", "talare", "presentator", "inledare", "motesledare",
	"ordforande", "samtalsledare", "chef", "direktor", "professor",
	"forskare", "docent", "talarna", "moderatorer", "moderatorerna",
	"forelasarna", "paneldeltagare", "paneldeltagarna", "medverkande",
	"inledarna", NULL };

/* Lecture words, also in compounds, before a name or its "av"/"med":
 * "Inspirationsföreläsning: Ahmed Ali", "Panelsamtal med ...". */
static const char *const lecture_ends[] = { "forelasning", "foredrag",
	"seminarium", "webbinarium", "webinar", "workshop", "keynote",
	"panelsamtal", "paneldebatt", "presentation", "inledning",
	"lecture", NULL };

/* A talk or course at the start of a line: a name set off at the
 * line's end is its presenter ("Föreläsning om ..., Anna Lindqvist",
 * final17). No "presentation", "information": a case is presented. */
static const char *const talk_ends[] = { "forelasning", "forelasningar",
	"seminarium", "webbinarium", "webinar", "workshop", "keynote",
	"panelsamtal", "paneldebatt", "lecture", "utbildning",
	"utbildningsdag", "temadag", "fortbildning", "training", "seminar",
	"kurs", "foredrag", NULL };

/* Passive verbs of a talk or a course before "av": "Kursen leds av
 * ...", "Passet hålls av ..." (the presenter). */
static const char *const talk_verbs[] = { "leds", "halls", "ges",
	"presenteras", "modereras", "arrangeras", "anordnas", NULL };

/* Words before a case word that keep it one: "fortsatt uppföljning",
 * "nytt möte", "akut hembesök". */
static const char *const case_adjs[] = { "fortsatt", "fortsatta", "ny",
	"nytt", "nya", "extra", "akut", "forsta", "andra", "gemensam",
	"gemensamt", "uppfoljande", "inledande", "planerat", "planerad",
	NULL };

/* Street and place words: a name's genitive before one is a place
 * named after a person ("Margaretas väg", "Idas torg"; holdout17). */
static const char *const streets[] = { "vag", "vagen", "gata", "gatan",
	"torg", "torget", "park", "parken", "plan", "alle", "allen", "grand",
	"granden", "backe", "backen", "stig", "stigen", "plats", "platsen",
	"strand", "stranden", "kulle", "hojd", "udde", "holme", "brygga",
	"bro", "bron", "kaj", "kajen", "hage", "hagen", "lund", "ang",
	"angen", "vik", "viken", "kvarter", "kvarteret", "lekplats",
	"lekplatsen", "hamn", "hamnen", "kvarn", "kvarnen", NULL };

/* Roles and relatives a name's genitive stands before ("Juma Bakaris
 * gode man", "Amiras förvaltare", "Kiros lärare"; holdout17), with
 * namedata.c's relatives and job titles: the genitive is a person's
 * even when the word is also one ("Bakaris"). */
static const char *const gen_roles[] = { "god", "gode", "goda", "mentor",
	"kontaktperson", "kontaktman", "advokat", "tolk", "stodperson",
	"boendestod", "familjehem", "familjehemmet", "kontaktfamilj",
	"personliga", "personlig", "vardare", "klassforestandare",
	"fortroendeman", "forvaltare", "forvaltaren", "handlaggare",
	"handlaggaren", "larare", "lararen", "mentorn", "kurator",
	"kuratorn", "lakare", "lakaren", "ombud", "ombudet", "foraldrar",
	"foraldrarna",
	/* a family's child (blind18c): "Bengtssons pojke", "Nilssons
	 * barn", "Hadžićs tjej" */
	"pojke", "pojken", "pojkar", "pojkarna", "flicka", "flickan",
	"flickor", "flickorna", "barn", "barnen", "barnet", "son", "soner",
	"sonerna", "tjej", "tjejen", "kille", "killen", "tvillingar",
	"tvillingarna", "bebis", "bebisen", "yngsta", "aldsta", "aldste",
	"yngste", NULL };

/* Vietnamese middle names (tên đệm) between the family and the given
 * name ("Nguyen Thi Lan"); not in first.txt: "This" would read as a
 * first name's genitive. */
static const char *const mid_names[] = { "thi", "van", "quoc", "huu",
	"cong", "duc", "minh", "ngoc", "thanh", "xuan", "dinh", NULL };

/* Whether afold w is one of l. The first byte compared inline: most entries
 * differ there, and strcmp is a call (some lists are long and asked
 * for many tokens: streets in name_genitive). */
static bool
word_in(const char *w, const char *const *l)
{
	for (; *l; l++)
		if (w[0] == (*l)[0] && strcmp(w, *l) == 0)
			return true;
	return false;
}

/* Whether afold w[0..n) is one of l or ends in one. */
static bool
is_or_ends(const char *w, size_t n, const char *const *l)
{
	for (; *l; l++) {
		size_t k = strlen(*l);

		if (n >= k && memcmp(w + n - k, *l, k) == 0)
			return true;
	}
	return false;
}

/* The name ending at token k is part of a place's name: a place word
 * follows, right after it or after one more capitalised word ("Per
 * Albin Hanssons väg"). */
static bool
before_place(const char *norm, const struct toks *tk, size_t k)
{
	const struct tok *toks = tk->v;

	for (size_t j = k + 1; j < tk->n && j <= k + 2; j++) {
		const struct tok *t = &toks[j];

		/* only a space, hyphen or underscore between ("Möte Luwam
		 * Ghebreyesus + skolan" names no school) */
		for (size_t q = toks[j - 1].b; !tk->v1 && q < t->a; q++)
			if (norm[q] != ' ' && norm[q] != '-' && norm[q] != '_')
				return false;
		if (t->lists & L_PLACE_NEXT)
			return true;
		if (!t->cap)
			break;
	}
	return false;
}

/* Whether w[0..n) (whole UTF-8 characters) ends in one of l and has
 * at least minlen characters. */
static bool
ends_in_n(const char *w, size_t n, const char *const *l, size_t minlen)
{
	if (n < minlen)		/* fewer bytes, so fewer characters */
		return false;
	for (; *l; l++) {
		size_t k = strlen(*l);

		if (n > k && memcmp(w + n - k, *l, k) == 0)
			return g_utf8_strlen(w, (gssize)n) >= (glong)minlen;
	}
	return false;
}

static bool
ends_in(const char *w, const char *const *l, size_t minlen)
{
	return ends_in_n(w, strlen(w), l, minlen);
}

/* Whether low[0..n) (lower case, UTF-8) is an ordinary word: Swedish
 * in any form, English, or a Swedish compound (a compound head or a
 * word of 4+ bytes, then a word; once more inside the tail:
 * "ekgårdsskolan"). */
static bool
plain_low(const char *low, size_t n, int depth)
{
	/* inside a compound an English tail of 4+ bytes only: "Parwin"
	 * is no "par" + "win" (holdout17) */
	if (langwords_has(LW_SV, low, n) || ((depth == 0 || n >= 4) &&
	    langwords_has(LW_EN, low, n)))
		return true;
	for (size_t i = 2; i + 3 <= n; i++) {
		if (((unsigned char)low[i] & 0xC0) == 0x80)
			continue;
		/* a long Swedish word at the end: "Ekgårdsskolan" */
		if (depth == 0 && n - i >= 6 && langwords_has(LW_SV, low + i,
		    n - i))
			return true;
		if (!langwords_has(LW_HEADS, low, i) &&
		    !(i >= 4 && langwords_has(LW_SV, low, i)))
			continue;
		if (langwords_has(LW_SV, low + i, n - i) ||
		    (depth == 0 && plain_low(low + i, n - i, 1)))
			return true;
	}
	return false;
}

/* Whether norm[a..b) is an ordinary word, also in the genitive: a
 * Swedish or English word or compound (lower case, with its
 * diacritics: "Åker" is a word, "Aker" is not), or a capitalised
 * dictionary entry, a place or a brand ("Kiruna", "Sveriges"). */
static bool
ordinary_at(const struct ntext *nt, size_t a, size_t b)
{
	char buf[64], *low = buf;
	size_t n = b - a;
	bool ascii = true, r;

	for (size_t i = a; i < b && ascii; i++)
		ascii = (unsigned char)nt->norm[i] < 0x80;
	if (ascii && n < sizeof(buf)) {
		/* lower case without a malloc: the common case */
		for (size_t i = 0; i < n; i++)
			buf[i] = g_ascii_tolower(nt->norm[a + i]);
		buf[n] = '\0';
	} else {
		low = g_utf8_strdown(nt->norm + a, (gssize)n);
		n = strlen(low);
	}
	r = plain_low(low, n, 0) ||
	    langwords_has(LW_PROPN, nt->norm + a, b - a) ||
	    (n >= 4 && low[n - 1] == 's' && (plain_low(low, n - 1, 0) ||
	    langwords_has(LW_PROPN, nt->norm + a, b - a - 1)));
	if (low != buf)
		g_free(low);
	return r;
}

/* The language test's answers for the words this thread asked last,
 * by a hash of the word (a cache only: invitations repeat their
 * boilerplate words field after field). */
#define UNK_CACHE	1024
struct unk_slot {
	uint64_t head;		/* the first eight bytes, zeros after len */
	uint64_t tail;		/* the last eight bytes (0 when len <= 8) */
	uint8_t	 len;		/* 0: empty */
	bool	 unknown;
	char	 w[40];
};
static _Thread_local struct unk_slot unk_cache[UNK_CACHE];

/* Whether s[0..n) (UTF-8) has at least k characters: the bytes that
 * start one, counted only when n does not tell. */
static inline bool
chars_atleast(const char *s, size_t n, size_t k)
{
	size_t c = 0;

	if (n + 3 >= 4 * k)	/* at most four bytes a character */
		return true;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0u) != 0x80u;
	return c >= k;
}

/* The first eight bytes of norm[a..a+n) as a number, zeros after n
 * (one load when the text goes on for eight bytes). */
static inline uint64_t
unk_head(const struct ntext *nt, size_t a, size_t n)
{
	uint64_t x = 0;

	if (a + 8 <= nt->len) {
		memcpy(&x, nt->norm + a, 8);
		x = GUINT64_FROM_LE(x);
		if (n < 8)
			x &= (1ull << (8 * n)) - 1;
	} else
		for (size_t i = 0; i < n && i < 8; i++)
			x |= (uint64_t)(unsigned char)nt->norm[a + i] << (8 * i);
	return x;
}

/* The last eight bytes of s[0..n) as a number, 0 when n <= 8 (the
 * head holds them all). */
static inline uint64_t
unk_tail(const char *s, size_t n)
{
	uint64_t y = 0;

	if (n > 8)
		memcpy(&y, s + n - 8, 8);
	return y;
}

/* The cache's slot for a word: a hash of its first and last eight
 * bytes and its length (cheap; a collision only costs a miss). */
static inline size_t
unk_slot_of(size_t n, uint64_t head, uint64_t tail)
{
	uint64_t y = (head ^ (tail * WHASH_SEED) ^ n) * 0xFF51AFD7ED558CCDull;

	return (size_t)(y >> 40) & (UNK_CACHE - 1);
}

/* unknown_at without an answer in the cache: asks the language test
 * and keeps its answer in slot e (out of line: most words hit). */
static G_GNUC_NO_INLINE bool
unknown_miss(const struct ntext *nt, size_t a, size_t b,
    struct unk_slot *e, uint64_t head, uint64_t tail)
{
	size_t n = b - a;
	bool r;

	if (!langwords_ready())
		return false;
	r = !ordinary_at(nt, a, b);
	e->head = head;
	e->tail = tail;
	e->len = (uint8_t)n;
	e->unknown = r;
	memcpy(e->w, nt->norm + a, n);
	return r;
}

/* Whether norm[a..b) may be a name no list knows: 3 to 40 letters
 * that are no ordinary word (the language test of issue 18). Without
 * the word lists nothing is (and nothing is cached). Asked for most
 * capitalised tokens, so the cache's hit is kept short: the first
 * eight bytes compared as one number; ascii: the span is ASCII letters
 * (its bytes are its characters). */
static inline bool
unknown_at(const struct ntext *nt, size_t a, size_t b, bool ascii)
{
	struct unk_slot *e;
	const char *w = nt->norm + a;
	size_t n = b - a;
	uint64_t head, tail;

	if (n > 40 || (ascii ? n < 3 : !chars_atleast(w, n, 3)))
		return false;
	head = unk_head(nt, a, n);
	tail = unk_tail(w, n);
	e = &unk_cache[unk_slot_of(n, head, tail)];
	/* head and tail cover words of up to 16 bytes; memcmp the rest */
	if (e->len == n && e->head == head && e->tail == tail &&
	    (n <= 16 || memcmp(e->w + 8, w + 8, n - 16) == 0))
		return e->unknown;
	return unknown_miss(nt, a, b, e, head, tail);
}

/* Whether the tokens i and j lie in one sentence: no '.', '!', '?' or
 * line break between them. */
static bool
same_sentence(const struct ntext *nt, const struct toks *tk, size_t i,
    size_t j)
{
	size_t a = MIN(tk->v[i].b, tk->v[j].b), b = MAX(tk->v[i].a, tk->v[j].a);

	for (size_t k = a; k < b; k++)
		if (strchr(".!?\n", nt->norm[k]) != NULL && nt->norm[k] != '\0')
			return false;
	return true;
}

/* Whether a relative word (L_RELATIVE) is in the sentence of token i,
 * by walking the tokens next to it (any number of relative words). */
static bool
relative_walk(const struct ntext *nt, const struct toks *tk, size_t i)
{
	for (size_t k = i; k-- > 0 && same_sentence(nt, tk, k, i);)
		if (tk->v[k].lists & L_RELATIVE)
			return true;
	for (size_t k = i + 1; k < tk->n && same_sentence(nt, tk, i, k); k++)
		if (tk->v[k].lists & L_RELATIVE)
			return true;
	return false;
}

/* Whether a relative word (L_RELATIVE) other than token i is in the
 * sentence of token i. With few relative words (tokenize's rel), from
 * the sentences of those, found once (the tokens of a sentence are a
 * run; the runs come in order): cheap enough to ask before the
 * language test. The rules ask in the order of the tokens, so the
 * runs that end before i are skipped for good (rq). */
static bool
relative_near(const struct ntext *nt, const struct toks *tk, size_t i)
{
	struct toks *w = (struct toks *)tk;	/* the tokens are this call's */

	if (tk->nrel > TOKS_REL)
		return relative_walk(nt, tk, i);
	if (tk->nrel > 0 && tk->rhi[0] == 0)
		for (size_t q = 0; q < tk->nrel; q++) {
			size_t lo = tk->rel[q], hi = lo + 1;

			while (lo > 0 && same_sentence(nt, tk, lo - 1, lo))
				lo--;
			while (hi < tk->n && same_sentence(nt, tk, hi - 1, hi))
				hi++;
			w->rlo[q] = lo;
			w->rhi[q] = hi;
		}
	if (i < tk->rq_i)
		w->rq = 0;
	w->rq_i = i;
	while (tk->rq < tk->nrel && tk->rhi[tk->rq] <= i)
		w->rq++;
	for (size_t q = tk->rq; q < tk->nrel && tk->rlo[q] <= i; q++)
		if (tk->rel[q] != i && i < tk->rhi[q])
			return true;
	return false;
}

/* The first match of scan word k in afold, or NULL: from the tokens,
 * or, in file names, where CamelCase splits words, memmem. */
static const char *
scan_found(const struct ntext *nt, const struct toks *tk, bool file,
    size_t k)
{
	const char *w = names_scan_word(k);

	if (file)
		return memmem(nt->afold, nt->alen, w, strlen(w));
	return tk->found[k] == SIZE_MAX ? NULL : nt->afold + tk->found[k];
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

/* Whether only a case word's own punctuation lies between a and b:
 * spaces, and at most one of '.', ':' or a dash ("ang. Alice", "SIP:
 * Alice", "SIP – Alice"); not a line break, comma, bracket or quote, which
 * end the phrase ("... \"Avstämning\"\nTiden"). */
static bool
gap_case(const char *s, size_t a, size_t b)
{
	int marks = 0;

	if (b <= a)
		return false;
	for (size_t i = a; i < b; i++) {
		if (s[i] == ' ')
			continue;
		if ((s[i] == '.' || s[i] == ':' || s[i] == '-') && marks++ == 0)
			continue;
		return false;
	}
	return true;
}

/* Whether s starts with word w followed by a non-letter. */
static bool
word_at(const char *s, const char *w)
{
	size_t n = strlen(w);

	return g_ascii_strncasecmp(s, w, n) == 0 &&
	    !g_unichar_isalpha(g_utf8_get_char(s + n));
}

/* What follows a first name and says it is a child or a client: an age
 * ("(5 år)", "5-åring", "5 ar" from an ASCII-only client, "7 y"), a
 * school year ("åk 8") or a birth year ("f. 2014", "född 2014"), and
 * (not v1) a number alone in brackets ("Liam (7)"). r points just
 * after the name. */
static bool
age_cue(const char *r, bool v1)
{
	static const char *const age[] = { "år", "ar", "års", "ars", "åring",
	    "aring", "y", "yrs", "years", "yo", NULL };
	const char *d;
	bool paren = false;

	while (*r == ' ' || *r == '(' || *r == ',')
		paren |= *r++ == '(';
	for (d = r; g_ascii_isdigit(*d); d++)
		;
	/* an age alone in brackets: "Liam (7)" (issue 18) */
	if (!v1 && paren && d > r && d - r <= 2 && *d == ')')
		return true;
	if (d > r && d - r <= 3) {
		if (*d == ' ' || *d == '-')
			d++;
		for (const char *const *w = age; *w; w++)
			if (word_at(d, *w))
				return true;
		return false;
	}
	if (word_at(r, "åk") || word_at(r, "Åk") || word_at(r, "ak") ||
	    word_at(r, "åk.") || word_at(r, "ak.")) {
		r += g_str_has_prefix(r, "a") || g_str_has_prefix(r, "A") ?
		    2 : strlen("åk");
		while (*r == '.' || *r == ' ')
			r++;
		return g_ascii_isdigit(*r);
	}
	if (word_at(r, "född") || word_at(r, "fodd"))
		r += g_str_has_prefix(r, "fodd") ? 4 : strlen("född");
	else if (r[0] == 'f' && (r[1] == '.' || r[1] == ' '))
		r++;
	else
		return false;
	while (*r == '.' || *r == ' ')
		r++;
	for (d = r; g_ascii_isdigit(*d); d++)
		;
	return d - r >= 4;
}

/* Whether p is an honorific (holdout17): fru, herr, fröken, Mr, Mrs, Ms,
 * Miss, Mx, Mister, Frau, Herrn; not in capitals ("MS Teams"). Asked
 * only after a trigger word (namedata.c lists them as such). */
static inline bool
honor_word(const struct tok *p)
{
	const char *w = p->asc;

	if (p->alen < 2 || p->alen > 6 || p->allcaps)
		return false;
	switch (p->alen) {
	case 2:
		return w[0] == 'm' && (w[1] == 'r' || w[1] == 's' ||
		    w[1] == 'x');
	case 3:
		return memcmp(w, "fru", 3) == 0 || memcmp(w, "mrs", 3) == 0;
	case 4:
		return memcmp(w, "herr", 4) == 0 || memcmp(w, "miss", 4) == 0 ||
		    memcmp(w, "frau", 4) == 0;
	case 5:
		return memcmp(w, "herrn", 5) == 0;
	default:
		return memcmp(w, "froken", 6) == 0 ||
		    memcmp(w, "mister", 6) == 0;
	}
}

/* Whether e, right before a title with only spaces between, is a
 * genitive: ends in one s (not a surname's -sson); a title after a
 * name is set off by a comma, a bracket or a line break. */
static bool
gen_before_title(const struct ntext *nt, const struct tok *e)
{
	return e->cap && !e->allcaps && e->alen >= 4 &&
	    e->asc[e->alen - 1] == 's' && e->asc[e->alen - 2] != 's' &&
	    !e->stop && e->b < nt->len &&
	    nt->norm[e->b] == ' ';
}

/* Languages a client needs an interpreter for, afold (most Swedish
 * language names end in -iska or -ska, is_lang takes those too). */
static const char *const langs[] = { "tigrinja", "dari", "farsi",
	"sorani", "kurmanji", "badinani", "fula", "fulani", "wolof", "thai",
	"mandarin", "kantonesiska", "pashto", "urdu", "hindi", "bengali",
	"swahili", "oromo", "tamil", "romani", "somali", "arabic", "lingala",
	"kinyarwanda", "mandinka", "soninke", "bambara", "hausa", "yoruba",
	"igbo", "twi", "akan", "punjabi", "teckensprak", "nepali", NULL };

/* Whether token k is "tolk"/"tolken" followed by a language ("tolk
 * fula", "tolk: arabiska", "tolk på somaliska"). */
static bool
tolk_lang(const struct ntext *nt, const struct toks *tk, size_t k)
{
	const struct tok *n = &tk->v[k], *l;

	if ((strcmp(n->asc, "tolk") != 0 && strcmp(n->asc, "tolken") != 0) ||
	    k + 1 >= tk->n)
		return false;
	l = n + 1;
	if ((strcmp(l->asc, "pa") == 0 || strcmp(l->asc, "for") == 0 ||
	    strcmp(l->asc, "i") == 0) && k + 2 < tk->n)
		l++;
	for (size_t q = l[-1].b; q < l->a; q++)
		if (strchr(" :,-", nt->norm[q]) == NULL)
			return false;
	return word_in(l->asc, langs) || (l->alen >= 6 &&
	    (ends_in(l->asc, (const char *const[]){ "iska", "anska", "enska",
	    "ynska", "ska", NULL }, 6)));
}

/* Whether a slash before the name at norm offset a starts a signature:
 * at the start of a line or after a sentence ("Tack! /Anna"), also
 * doubled or more ("//Hêvî Rashid", blind18a), with spaces around. */
static bool
slash_sig(const struct ntext *nt, size_t a)
{
	size_t k = a;

	while (k > 0 && nt->norm[k - 1] == ' ')
		k--;
	if (k == 0 || nt->norm[k - 1] != '/')
		return false;
	while (k > 0 && nt->norm[k - 1] == '/')
		k--;
	while (k > 0 && nt->norm[k - 1] == ' ')
		k--;
	return k == 0 || (nt->norm[k - 1] != '\0' &&
	    strchr("\n.!", nt->norm[k - 1]) != NULL);
}

/* Whether the name tokens toks[i..j] are staff: in the signature (after
 * sig, the norm offset of a letter closer), after a contact word, or
 * before a job title. */
static bool
is_staff(const struct ntext *nt, const struct toks *tk, size_t i, size_t j,
    size_t sig)
{
	const struct tok *t = &tk->v[i];
	const struct tok *e = &tk->v[j];

	if (t->a >= sig)
		return true;
	if (i > 0 && (tk->v[i - 1].lists & L_STAFF_BEFORE))
		return true;
	if (tk->v1)
		goto v1;
	if (i > 0 && (tk->v[i - 1].lists & L_STAFF2))
		return true;
	/* A presenter: "Presentation av Karin Ek", "Workshop med ..." */
	if (i > 1 && (tk->v[i - 1].lists & L_BY) &&
	    (tk->v[i - 2].lists & L_PRESENT))
		return true;
	/* A signature with a slash at the start of a line: "\n/Mirza
	 * Hadžić" (spec 2: "/Name" is a signature). */
	if (t->a > 0 && slash_sig(nt, t->a))
		return true;
v1:
	if (j + 1 < tk->n) {
		const struct tok *n = &tk->v[j + 1];
		bool paren = false;

		for (size_t k = e->b; k < n->a; k++) {
			if (strchr(" ,(-/", nt->norm[k]) == NULL)
				return false;
			paren |= nt->norm[k] == '(';
		}
		if (tk->v1)
			goto title;
		/* an interpreter for a language is the client's: "Aminata
		 * Diallo, tolk fula", "..., tolk: arabiska" (session 18) */
		if (tolk_lang(nt, tk, j + 1))
			return false;
		/* a genitive before a title is the client's: "Samtal med
		 * Kiros lärare" (holdout17) */
		if (gap_is(nt->norm, e->b, n->a, false) &&
		    gen_before_title(nt, e))
			return false;
		/* a unit before the title: "Marta Kowalska, HR-konsult",
		 * "IT-strateg", "HR consultant" (holdout17) */
		if (n->allcaps && j + 2 < tk->n && n->b < nt->len &&
		    (nt->norm[n->b] == '-' || nt->norm[n->b] == ' ') &&
		    n[1].a == n->b + 1 && !n[1].cap &&
		    ((n[1].lists & (L_TITLE | L_TITLE2)) ||
		    ends_in(n[1].asc, names_titles, 0) ||
		    ends_in(n[1].asc, names_titles2, 0)))
			return true;
		/* A unit in brackets after the name: "Karin Ek (IT)",
		 * "(HR)", "(IT-avdelningen)": a colleague; not a case word
		 * ("Wanjiru, Kamau (SIP)"). */
		if (paren && n->allcaps && n->b - n->a >= 2 && n->b < nt->len &&
		    !(n->lists & (L_TRIGGER | L_CASE)) &&
		    (nt->norm[n->b] == ')' || nt->norm[n->b] == '-'))
			return true;
		if (paren && n->cap &&
		    !(n->lists & (L_RELATIVE | L_TRIGGER | L_CASE)) &&
		    n->b < nt->len && nt->norm[n->b] == ')' &&
		    langwords_ready() && ordinary_at(nt, n->a, n->b))
			return true;
		if ((n->lists & L_TITLE2) || ends_in(n->asc, names_titles2, 0))
			return true;
title:
		return (n->lists & L_TITLE) || ends_in(n->asc, names_titles, 0);
	}
	return false;
}

/* Whether the name ending at token j is a company's: a company form
 * or a trade word follows (capitalised), or "&" and another name:
 * "Nilsson Åkeri AB", "Hadžić Bygg & Måleri", "Berglund Wallin
 * Fastigheter". */
static bool camel_brand(const struct ntext *, size_t, size_t);
static bool ordinary_at(const struct ntext *, size_t, size_t);

/* Whether the surname at token j (listed or by its ending; "Mamadou
 * Sow" is no firm), alone after a word in lower case (no title case),
 * is followed by a capitalised ordinary noun of no list:
 * Swedish writes a common noun in lower case, so "Hedin Bil",
 * "Nyström Arkitektkontor", "Jensen Education" are a firm's name. */
static bool
noun_after_name(const struct ntext *nt, const struct toks *tk, size_t j)
{
	static const char *const adverbs[] = { "idag", "imorgon", "igar",
	    "ikvall", "inatt", "nu", "snart", "sedan", "senare", "tidigare",
	    "direkt", "ocksa", "dessutom", "efter", "innan", "kl", "via",
	    "genom", "today", "tomorrow", "yesterday", NULL };
	const struct tok *n = &tk->v[j + 1];

	/* a surname alone ("Hassan Ali Imorgon" is a name and a slip of
	 * the shift key), after a word in lower case */
	if (tk->v1 || j == 0 || tk->v[j].first || tk->v[j - 1].cap ||
	    !(tk->v[j].sur || ends_in_n(tk->v[j].asc, tk->v[j].alen,
	    morph_strong, 4)) ||
	    !n->cap || n->allcaps || n->lists != 0 || n->first || n->sur ||
	    n->stop || n->part || n->alen < 3 || !langwords_ready())
		return false;
	/* an adverb with a capital by mistake: "Imorgon", "Idag" */
	for (const char *const *w = adverbs; *w; w++)
		if (strcmp(n->asc, *w) == 0)
			return false;
	return ordinary_at(nt, n->a, n->b);
}

/* A short brand in mixed case, a capital after a small letter: "PwC",
 * "EnA" (not a name: "McDonald" is longer). */
static bool
mixed_abbrev(const struct ntext *nt, const struct tok *t)
{
	bool low = false;

	if (t->b - t->a > 4)
		return false;
	for (size_t i = t->a; i < t->b; i++) {
		unsigned char c = (unsigned char)nt->norm[i];

		if ((unsigned)(c - 'a') < 26u)
			low = true;
		else if ((unsigned)(c - 'A') < 26u && low)
			return true;
	}
	return false;
}

/* Also a name joined by "och" to another before the trade ("Svensson
 * och Persson Bygg AB") and a name beside a brand in CamelCase
 * ("Öhrlings PricewaterhouseCoopers"). */
static bool
is_company(const struct ntext *nt, const struct toks *tk, size_t j)
{
	size_t lim = j + 2;
	bool joined = false;

	if (tk->v1)
		return false;
	for (size_t k = j + 1; k < tk->n && k <= lim; k++) {
		const struct tok *n = &tk->v[k];
		bool amp = false;

		for (size_t q = tk->v[k - 1].b; q < n->a; q++) {
			if (nt->norm[q] == '&')
				amp = true;
			else if (nt->norm[q] != ' ')
				return false;
		}
		if (!n->cap) {
			/* "X och Y Bygg AB": once, then a capital */
			if (joined || amp || k + 1 >= tk->n || !n[1].cap ||
			    (strcmp(n->asc, "och") != 0 &&
			    strcmp(n->asc, "and") != 0))
				return false;
			joined = true;
			lim = k + 3;
			continue;
		}
		if (amp || (n->lists & L_TRADE) ||
		    ends_in_n(n->asc, n->alen, trade_ends, 0) ||
		    (k == j + 1 && !n->allcaps && (camel_brand(nt, n->a, n->b) ||
		    mixed_abbrev(nt, n))) ||
		    (k == j + 1 && noun_after_name(nt, tk, j)))
			return true;
	}
	return false;
}

/* Whether the file-name token i names a firm: a company form among the
 * next two tokens, however they are joined
 * ("Inbjudan_ErikssonBygg_AB_offert.pdf", "Svensson Måleri AB.pdf";
 * blind18d). Not a trade word alone: "Plan_Lindqvist_hemtjanst" is a
 * client's plan. */
static const char *const company_forms[] = { "ab", "hb", "kb",
	"aktiebolag", "gmbh", "ltd", "oy", "aps", NULL };

static bool
file_company(const struct toks *tk, size_t i)
{
	for (size_t k = i + 1; k < tk->n && k <= i + 2; k++)
		if (word_in(tk->v[k].asc, company_forms))
			return true;
	return false;
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

/* Whether afold s[0..n) (hash h) is a participant's name word. */
static bool
part_has(const struct names_part *part, const char *s, size_t n, uint32_t h)
{
	return part != NULL && wtab_get(&part->tab, s, n, h) != 0;
}

/* Whether t's lower-case form ends in -ić or -lä (morph_dia) with at
 * least minlen characters; only a token with a letter outside ASCII
 * can. */
static bool
low_ends_dia(const struct ntext *nt, const struct tok *t, size_t minlen)
{
	char *low;
	bool r;

	if (t->ascii)
		return false;
	low = g_utf8_strdown(nt->norm + t->a, (gssize)(t->b - t->a));
	r = ends_in(low, morph_dia, minlen);
	g_free(low);
	return r;
}

/* Whether t is a surname: listed, or by its ending (weak endings too
 * when weak), also in the genitive ("Karlssons"). */
static bool
is_sur(const struct names_data *nd, const struct ntext *nt,
    const struct tok *t, bool weak)
{
	size_t n = t->alen;
	bool sur;

	if (ends_in_n(t->asc, n, units, 0))
		return false;
	sur = t->sur ||
	    ends_in_n(t->asc, n, morph_strong, 4) ||
	    low_ends_dia(nt, t, 4) ||
	    (weak && ends_in_n(t->asc, n, morph_weak, 5));
	if (!sur && n >= 5 && t->asc[n - 1] == 's')
		sur = (words_get(nd, t->asc, n - 1,
		    whash(t->asc, n - 1)) & W_SUR) != 0 ||
		    ends_in_n(t->asc, n - 1, morph_strong, 4);
	return sur;
}

/* What the name rules read while they walk the tokens of one text. */
struct nscan {
	const struct names_data	*nd;
	const struct ntext	*nt;
	const struct toks	*tk;
	const struct names_part	*part;
	struct hitlist		*out;
	size_t			 sig;	/* norm offset of a letter closer */
	bool			 any_cap, file;
};

/* Does the capitalisation of t mark a name (always, in text without
 * capitals)? */
static inline bool
name_case(const struct nscan *sc, const struct tok *t)
{
	return sc->any_cap ? t->cap && !t->allcaps : true;
}

/* unknown_at for token t: its answer from the tokenizer's cache entry
 * when the word was asked about before (most are: reading the token's
 * byte is cheaper than unknown_at's own cache), else asked and kept
 * there (names_tok_uat). */
static inline bool
tok_unknown_at(const struct nscan *sc, struct tok *t)
{
	if (t->uat < 0)
		names_tok_uat(sc->nd, sc->nt, t,
		    unknown_at(sc->nt, t->a, t->b, t->ascii));
	return t->uat == 1;
}

/* The text's language as the language test sees it (issue 18). The
 * test knows Swedish and English words only: in a text that is not
 * Swedish, a capitalised English dictionary entry ("Easter Tuesday",
 * "Aurora project") is an ordinary word, and in a text in another
 * language ("Diesen Abschnitt nicht bearbeiten", "Votre véhicule")
 * every word of that language would be "no ordinary word", so the
 * test says nothing there. */
enum { TL_SV = 1, TL_OTHER, TL_FOREIGN };

/* Whether token t is a word of running prose, between spaces or
 * punctuation (not a piece of a link, an address or an identifier). */
static bool
prose_tok(const struct ntext *nt, const struct tok *t)
{
	char p = t->a > 0 ? nt->norm[t->a - 1] : ' ';
	char q = t->b < nt->len ? nt->norm[t->b] : ' ';

	return strchr(" \n\t(\"", p) != NULL &&
	    strchr(" \n\t,.;:!?)\"", q) != NULL;
}

/* TL_SV: a Swedish marker word (namedata.c sv_markers) in the text;
 * else TL_FOREIGN: a function word of another language
 * (foreign_markers), or of the first 24 lower-case prose words of 3+
 * letters at least 5 and most of them no Swedish or English word; else
 * TL_OTHER. Asked once per text, and only when the test is. */
static int
text_lang(const struct nscan *sc)
{
	const struct toks *tk = sc->tk;
	size_t prose = 0, unk = 0;
	unsigned any = 0;

	if (tk->lang != 0)
		return tk->lang;
	for (size_t i = 0; i < tk->n; i++) {
		const struct tok *t = &tk->v[i];
		unsigned b = wtab_get(&sc->nd->svmark, t->asc, t->alen,
		    whash(t->asc, t->alen));

		if (b & 1)
			return ((struct toks *)tk)->lang = TL_SV;
		any |= b;
	}
	if (any & 2)
		return ((struct toks *)tk)->lang = TL_FOREIGN;
	for (size_t i = 0; i < tk->n && prose < 24; i++) {
		const struct tok *t = &tk->v[i];

		if (t->cap || t->allcaps || t->alen < 3 || !prose_tok(sc->nt, t))
			continue;
		prose++;
		unk += tok_unknown_at(sc, (struct tok *)t);
	}
	return ((struct toks *)tk)->lang = prose >= 5 && unk * 2 > prose ?
	    TL_FOREIGN : TL_OTHER;
}

/* Whether the line of norm offset a is in another language in a text
 * the test takes for Swedish: a foreign function word and no Swedish
 * marker on it ("Hej! Välkommen.\nAbstimmung Haushalt mit der Stadt
 * Flensburg"). Asked only for a token that is no ordinary word; at
 * most 48 tokens each side are read. */
static bool
line_foreign(const struct nscan *sc, size_t a)
{
	const struct toks *tk = sc->tk;
	const char *norm = sc->nt->norm;
	size_t lo = 0, hi = tk->n, i;
	unsigned any = 0;

	while (lo < hi) {	/* the first token at or after a */
		size_t mid = lo + (hi - lo) / 2;

		if (tk->v[mid].a < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i-- > 0 && lo - i <= 48;) {
		const struct tok *t = &tk->v[i];

		if (memchr(norm + t->b, '\n', tk->v[i + 1].a - t->b) != NULL)
			break;
		any |= wtab_get(&sc->nd->svmark, t->asc, t->alen,
		    whash(t->asc, t->alen));
	}
	for (i = lo; i < tk->n && i - lo <= 48; i++) {
		const struct tok *t = &tk->v[i];

		if (i > lo && memchr(norm + tk->v[i - 1].b, '\n',
		    t->a - tk->v[i - 1].b) != NULL)
			break;
		any |= wtab_get(&sc->nd->svmark, t->asc, t->alen,
		    whash(t->asc, t->alen));
	}
	return (any & 3) == 2;
}

/* Whether norm[a..b) has a capital after three lower-case letters:
 * a brand, product or handle written in CamelCase ("PhillyRising",
 * "PowerPoint"), not a person's name ("McDonald", "DeAndre" have one
 * or two before). */
static bool
camel_brand(const struct ntext *nt, size_t a, size_t b)
{
	size_t low = 0;

	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)nt->norm[i];

		if ((unsigned)(c - 'a') < 26u)
			low++;
		else if ((unsigned)(c - 'A') < 26u && low >= 3)
			return true;
		else if (c < 0x80)
			low = 0;
	}
	return false;
}

/* For norm[a..b), no ordinary word (unknown_at): whether the text's
 * language lets the language test say so here (no CamelCase brand, no
 * foreign line, no English entry in a text that is not Swedish). */
static bool
unknown_lang(const struct nscan *sc, size_t a, size_t b)
{
	int lang;

	if (camel_brand(sc->nt, a, b))
		return false;
	lang = text_lang(sc);
	if (lang == TL_SV && line_foreign(sc, a))
		return false;
	return lang == TL_SV || (lang == TL_OTHER &&
	    !langwords_has(LW_ENPROPN, sc->nt->norm + a, b - a));
}

/* Whether the language test, in this text, takes norm[a..b) for no
 * ordinary word (unknown_at, then the text's language). */
static bool
unknown_in_text(const struct nscan *sc, size_t a, size_t b, bool ascii)
{
	return unknown_at(sc->nt, a, b, ascii) && unknown_lang(sc, a, b);
}

/* Whether norm[a..b) is an ordinary word in this text: ordinary_at,
 * or in a text that is not Swedish a capitalised English entry. */
static bool
ordinary_in_text(const struct nscan *sc, size_t a, size_t b)
{
	return ordinary_at(sc->nt, a, b) || (text_lang(sc) != TL_SV &&
	    langwords_has(LW_ENPROPN, sc->nt->norm + a, b - a));
}

/* unknown_tok past its token test: not an abbreviation ("Org.nr",
 * "Tel.tid"), and no ordinary word, asked once per token (the tokens
 * are this call's own). */
static G_GNUC_NO_INLINE bool
unknown_tok_ask(const struct nscan *sc, struct tok *t)
{
	const struct ntext *nt = sc->nt;

	if (t->b + 1 < nt->len && nt->norm[t->b] == '.' &&
	    g_ascii_isalpha(nt->norm[t->b + 1]))
		return false;
	t->unk = tok_unknown_at(sc, t) && unknown_lang(sc, t->a, t->b);
	return t->unk == 1;
}

/* A capitalised token of 4+ letters in no list (names, stop words, the
 * detector's own words), no abbreviation, that is no ordinary word.
 * Inline: most tokens asked fail the token test, or were asked before
 * (unk is set only past the test), or are words the tokenizer's cache
 * knows for ordinary (uat 0). */
static inline bool
unknown_tok(const struct nscan *sc, const struct tok *t)
{
	if (t->unk >= 0)
		return t->unk == 1;
	if (t->uat == 0)	/* an ordinary word (tok_unknown_at) */
		return false;
	if (!t->cap || t->allcaps || t->first || t->sur || t->stop ||
	    t->part || t->lists != 0 || t->alen < 4)
		return false;
	return unknown_tok_ask(sc, (struct tok *)t);
}

/* Whether t may be a cue word: its length and first letter are a cue
 * word's (no hash). */
static inline bool
cue_may(const struct names_data *nd, const struct tok *t)
{
	return t->alen < 16 &&
	    (nd->cuefl[t->alen] & nd->lbit[(unsigned char)t->asc[0]]) != 0;
}

/* The cue bits (C_*) of token t. */
static unsigned
cue_of(const struct nscan *sc, const struct tok *t)
{
	const struct names_data *nd = sc->nd;

	if (!cue_may(nd, t))
		return 0;
	return wtab_get(&nd->cue, t->asc, t->alen, whash(t->asc, t->alen));
}

/* Whether token q names a role: a job title or a speaker's role, also
 * in a compound ("förvaltningschef", "Gästföreläsare"), an academic
 * title ("Dr.") or a lecture word ("Föreläsning:",
 * "Inspirationsföreläsning:"). */
/* Job titles of the units names_titles lacks (afold, the word or its
 * end): "Biståndsbedömare", "familjebehandlare", "boendestödjare". */
static const char *const sig_titles[] = { "bedomare", "behandlare",
	"stodjare", "skotare", "vardare", "coach", "handledare", NULL };

/* Whether the lower-case token q is a role in the definite form, its
 * -n or -en after a title or a speaker's role: "forskaren",
 * "moderatorn", "gästföreläsaren", "kuratorn", "chefen" (blind18a). */
static bool
role_definite(const struct tok *q)
{
	for (size_t cut = 1; cut <= 2; cut++) {
		size_t n = q->alen - cut;

		if (q->alen < 6 || q->asc[q->alen - 1] != 'n' ||
		    (cut == 2 && q->asc[n] != 'e'))
			return false;
		if (is_or_ends(q->asc, n, names_titles) ||
		    is_or_ends(q->asc, n, names_titles2) ||
		    is_or_ends(q->asc, n, role_ends))
			return true;
	}
	return false;
}

/* Guests of a talk by their trade, before the name: "med författaren
 * Jonas Hassen Khemiri", "journalisten ..." (afold, the word or its
 * end; the definite form by role_definite). */
static const char *const guest_roles[] = { "forfattare", "journalist",
	"debattor", "skadespelare", "artist", "musiker", "komiker", "poet",
	"regissor", "fotograf", "entreprenor", "illustrator", NULL };
/* Events a presenter is named after (lecture words too): "Inspirationsdag
 * – Parisa Moradi om ...", "Boksamtal med ..." (afold, the end). */
static const char *const event_ends[] = { "inspirationsdag", "temadag",
	"temaeftermiddag", "temakvall", "temamorgon", "boksamtal",
	"forfattarbesok", "konferens", "kickoff", "kick-off", "panel",
	"samtalskvall", NULL };

/* Whether q is a guest's role (guest_roles), also definite. */
static bool
guest_tok(const struct tok *q)
{
	size_t n = q->alen;

	if (is_or_ends(q->asc, n, guest_roles))
		return true;
	/* "författaren", "journalisten" */
	return n > 6 && q->asc[n - 1] == 'n' &&
	    (is_or_ends(q->asc, n - 1, guest_roles) ||
	    (q->asc[n - 2] == 'e' && is_or_ends(q->asc, n - 2, guest_roles)));
}

static bool
role_tok(const struct nscan *sc, const struct tok *q, bool lecture)
{
	return (q->lists & (L_STAFF_BEFORE | L_STAFF2 | L_TITLE | L_TITLE2)) ||
	    role_definite(q) || is_or_ends(q->asc, q->alen, sig_titles) ||
	    guest_tok(q) ||
	    (lecture && is_or_ends(q->asc, q->alen, event_ends)) ||
	    ends_in_n(q->asc, q->alen, names_titles, 0) ||
	    ends_in_n(q->asc, q->alen, names_titles2, 0) ||
	    is_or_ends(q->asc, q->alen, role_ends) ||
	    (lecture && is_or_ends(q->asc, q->alen, lecture_ends)) ||
	    (cue_of(sc, q) & (lecture ? C_DOCTOR | C_LECTURE : C_DOCTOR));
}

/* A speaker's role right after the name ending at token j: "Tove
 * Lindström, föreläsare", "Amina Yusuf (moderator)", "Eva Holm, docent
 * i socialt arbete" (job titles: is_staff). */
static bool
role_after(const struct nscan *sc, size_t j)
{
	const struct tok *n;

	if (j + 1 >= sc->tk->n)
		return false;
	n = &sc->tk->v[j + 1];
	for (size_t q = sc->tk->v[j].b; q < n->a; q++)
		if (strchr(" ,(-/", sc->nt->norm[q]) == NULL ||
		    sc->nt->norm[q] == '\0')
			return false;
	/* "Samtal med Kiros lärare": the client's */
	if (gap_is(sc->nt->norm, sc->tk->v[j].b, n->a, false) &&
	    gen_before_title(sc->nt, &sc->tk->v[j]))
		return false;
	/* "Aminata Diallo, tolk fula": the client's interpreter */
	if (tolk_lang(sc->nt, sc->tk, j + 1))
		return false;
	return !n->cap && role_tok(sc, n, false);
}

/* A role right before the name at token i (the first part of a
 * hyphenated first name skipped), also with a copula ("Dagens
 * föreläsare är Maria Sundin"), a lecture "by" the name
 * ("Gästföreläsning av Hanna Öberg", "Panelsamtal med ..."), and for
 * the second name of "A och B" the role before A. */
static bool
role_before(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	size_t p = i;

	if (p > 0 && tk->v[p].a > 0 && nt->norm[tk->v[p].a - 1] == '-' &&
	    tk->v[p - 1].b == tk->v[p].a - 1 && tk->v[p - 1].cap)
		p--;
	for (int round = 0; round < 2 && p > 0; round++) {
		const struct tok *q = &tk->v[p - 1];
		size_t k;

		if (!gap_case(nt->norm, q->b, tk->v[p].a))
			return false;
		if (role_tok(sc, q, true))
			return true;
		if (p >= 2 && !q->cap && gap_is(nt->norm, q[-1].b, q->a, false) &&
		    (((strcmp(q->asc, "ar") == 0 || strcmp(q->asc, "blir") == 0) &&
		    role_tok(sc, q - 1, true)) || ((q->lists & L_BY) &&
		    ((q[-1].lists & L_PRESENT) ||
		    is_or_ends(q[-1].asc, q[-1].alen, lecture_ends) ||
		    word_in(q[-1].asc, talk_verbs)))))
			return true;
		/* "A och B": back over A (up to three capitalised tokens) */
		if (q->cap || (strcmp(q->asc, "och") != 0 &&
		    strcmp(q->asc, "samt") != 0))
			return false;
		for (k = p - 1; k > 0 && p - k <= 3 && tk->v[k - 1].cap; k--)
			if (role_tok(sc, &tk->v[k - 1], true))
				return true;
		if (k == p - 1)
			return false;
		p = k;
	}
	return false;
}

/* An organisation after the name ending at token j, after a comma:
 * "Tove Lindström, Socialstyrelsen", "Ole Sandvik, Norska Barnevernet",
 * "Anna Berg, Malmö stad". */
static bool
org_after(const struct nscan *sc, size_t j)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *n;

	if (j + 1 >= tk->n)
		return false;
	n = &tk->v[j + 1];
	/* "från Socialstyrelsen", "vid Lunds universitet" */
	if (!n->cap && j + 2 < tk->n && (strcmp(n->asc, "fran") == 0 ||
	    strcmp(n->asc, "vid") == 0 || strcmp(n->asc, "from") == 0) &&
	    gap_is(nt->norm, tk->v[j].b, n->a, false) &&
	    gap_is(nt->norm, n->b, n[1].a, false)) {
		j++;
		n++;
	} else if (!gap_is(nt->norm, tk->v[j].b, n->a, true))
		return false;
	if (!n->cap)
		return false;
	if (is_or_ends(n->asc, n->alen, org_ends))
		return true;
	return j + 2 < tk->n && gap_is(nt->norm, n->b, n[1].a, false) &&
	    is_or_ends(n[1].asc, n[1].alen, org_ends);
}

/* is_staff, and (issue 18's blind set) a role before the name or an
 * organisation after it. */
/* Whether the name tokens i..j are a talk's presenter: set off by a
 * comma or a dash at the end of a line that starts with a talk word
 * (talk_ends) and says its subject first: "Föreläsning om psykisk
 * ohälsa hos äldre, Anna Lindqvist", "Utbildning i MI – Per Holm". */
static bool
presenter_at(const struct nscan *sc, size_t i, size_t j)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const char *g;
	size_t k, gl;

	if (i < 2 || j >= tk->n)
		return false;
	if (j + 1 < tk->n && memchr(nt->norm + tk->v[j].b, '\n',
	    tk->v[j + 1].a - tk->v[j].b) == NULL)
		return false;
	g = nt->norm + tk->v[i - 1].b;
	gl = tk->v[i].a - tk->v[i - 1].b;
	if (memchr(g, ',', gl) == NULL && memchr(g, '-', gl) == NULL &&
	    g_strstr_len(g, (gssize)gl, "\xe2\x80\x93") == NULL)
		return false;
	for (k = i - 1; k > 0 && i - k < 24; k--)
		if (memchr(nt->norm + tk->v[k - 1].b, '\n',
		    tk->v[k].a - tk->v[k - 1].b) != NULL)
			break;
	return i - k < 24 && k + 1 < i &&
	    is_or_ends(tk->v[k].asc, tk->v[k].alen, talk_ends);
}

/* Words before a name that make it no client (session 18): a venue
 * named after a person ("Restaurang Per Olsson", "Café Agnes") and a
 * letter's greeting in another language before the signature ("Gruß,
 * Jürgen Weber", "Saludos, Ana"), afold. */
static const char *const venues[] = { "restaurang", "restaurant", "cafe",
	"kafe", "konditori", "hotell", "hotel", "bageri", "pizzeria",
	"bistro", "krog", "gastgiveri", "vardshus", "pub", "salong",
	"galleri", "butik", NULL };
static const char *const greets[] = { "gruss", "grusse", "grue", "gru",
	"grussen", "saludos", "cordialement", "groet", "groeten", "saluti",
	"pozdrav", "pozdrawiam", "terveisin", "hilsen", "hilsener",
	"kvedja", "cheers", "best", "regards", "greetings", "salutations",
	NULL };
/* A product, a place or a prize named after a person, joined by a
 * hyphen: "Nils Holgersson-appen", "Astrid Lindgren-priset" (a case
 * noun after the hyphen, "Ali Hassan-ärendet", stays a client). */
static const char *const named_things[] = { "appen", "app", "skolan",
	"garden", "huset", "priset", "modellen", "metoden", "dagen",
	"veckan", "projektet", "programmet", "salen", "parken", "torget",
	"museet", "biblioteket", "stiftelsen", "fonden", "stipendiet",
	"institutet", "centret", "centrum", "spelet", "filmen", "boken",
	"serien", "leden", "skolans", "prisets", "sallskapet", "orkestern",
	"koren", "bryggan", "hallen", "arenan", "badet",
	"stugan", "statyn", "konferensen", "foreningen", "effekten",
	"syndromet", "diagrammet", "testet", "skalan", NULL };
/* A staff unit a new colleague is welcomed to ("Välkommen Ahmed
 * Hussein till IT-supporten!"), and the desk a colleague sits at
 * ("Ring Anna Johansson på receptionen"), afold endings. */
static const char *const unit_ends[] = { "support", "supporten",
	"enheten", "avdelningen", "teamet", "gruppen", "kontoret",
	"kansliet", "forvaltningen", "sektionen", "staben", "redaktionen",
	"arbetslaget", "personalen", "ledningsgruppen", "team", NULL };
static const char *const desks[] = { "receptionen", "vaxeln",
	"kundtjanst", "kundtjansten", "servicecenter", "kontaktcenter",
	"kundcenter", "medborgarservice", "informationsdisken",
	"expeditionen", "kassan", "helpdesk", "servicedesk",
	"medborgarkontoret", "skolexpeditionen", NULL };

/* Buildings named after a person, capitalised before the name
 * (blind18c): "Huset Elsa Brändström", "Villa Anna Lindh"; afold, the
 * word itself: a compound may be where a client is ("Barnahuset",
 * "Solgården"). */
static const char *const buildings[] = { "huset", "villa", "villan",
	"paviljongen", "byggnaden", "salen", "aulan", "kvarteret",
	"annexet", "flygeln", NULL };

/* Whether only spaces and commas lie between a and b. */
static bool
gap_list(const char *s, size_t a, size_t b)
{
	for (size_t q = a; q < b; q++)
		if (s[q] != ' ' && s[q] != ',')
			return false;
	return b > a;
}

/* Words of new colleagues between "Välkomna" and their names:
 * "Välkomna nya kollegor X och Y!"; afold. */
static const char *const colleagues[] = { "nya", "kollegor", "kollegorna",
	"medarbetare", "medarbetarna", "vikarier", "praktikanter",
	"sommarvikarier", "chefer", NULL };

/* Whether the name tokens i..j are in a list of new colleagues after
 * "Välkomna" (blind18c): "Välkomna Mirela Popa och Habib Jalali!":
 * back over names, commas and "och"/"samt" to "Välkomna", and on to
 * the list's end: the text's or line's end, '!' or '.', or "till" and
 * a staff unit. A client is welcomed alone, or to a talk. */
static bool
welcome_list(const struct nscan *sc, size_t i, size_t j)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	size_t k = i, q;

	for (;; k--) {
		const struct tok *w;

		if (k == 0 || i - k > 12 ||
		    !gap_list(nt->norm, tk->v[k - 1].b, tk->v[k].a))
			return false;
		w = &tk->v[k - 1];
		if (w->alen == 8 && memcmp(w->asc, "valkomna", 8) == 0)
			break;
		if (!w->cap && strcmp(w->asc, "och") != 0 &&
		    strcmp(w->asc, "samt") != 0 && (strchr("nkmvpsc",
		    w->asc[0]) == NULL || !word_in(w->asc, colleagues)))
			return false;
	}
	for (k = j; k + 1 < tk->n && k - j < 12 &&
	    gap_list(nt->norm, tk->v[k].b, tk->v[k + 1].a) &&
	    (tk->v[k + 1].cap || strcmp(tk->v[k + 1].asc, "och") == 0 ||
	    strcmp(tk->v[k + 1].asc, "samt") == 0); k++)
		;
	q = tk->v[k].b;
	while (q < nt->len && nt->norm[q] == ' ')
		q++;
	if (q >= nt->len || strchr("!.\n", nt->norm[q]) != NULL)
		return true;
	if (k + 2 < tk->n && strcmp(tk->v[k + 1].asc, "till") == 0 &&
	    strcmp(tk->v[k + 2].asc, "oss") == 0)
		return true;	/* "till oss" */
	if (k + 2 < tk->n && strcmp(tk->v[k + 1].asc, "till") == 0)
		for (size_t u = k + 2; u < tk->n && u <= k + 4; u++)
			if (is_or_ends(tk->v[u].asc, tk->v[u].alen, unit_ends))
				return true;
	return false;
}

/* Whether the name tokens i..j stand where no client does (session
 * 18): after a venue word or a greeting, joined by a hyphen to a
 * product, welcomed to a staff unit or at a desk; (blind18c) after a
 * building's name, the second part of a hyphenated first name after a
 * room word ("Konferensrum Nils-Aslak Valkeapää": name_at skips a
 * name right after one), new colleagues welcomed. Only on a match's
 * path. */
static bool
not_client_at(const struct nscan *sc, size_t i, size_t j)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *e = &tk->v[j];

	if (i > 0 && tk->v[i - 1].cap && !tk->v[i - 1].allcaps &&
	    tk->v[i - 1].alen >= 5 && tk->v[i - 1].alen <= 11 &&
	    strchr("hvpbsakf", tk->v[i - 1].asc[0]) != NULL &&
	    gap_is(nt->norm, tk->v[i - 1].b, tk->v[i].a, false) &&
	    word_in(tk->v[i - 1].asc, buildings))
		return true;
	if (i >= 2 && tk->v[i].a > 0 && nt->norm[tk->v[i].a - 1] == '-' &&
	    tk->v[i - 1].b + 1 == tk->v[i].a && tk->v[i - 1].cap &&
	    (tk->v[i - 2].lists & L_PLACE) && tk->v[i - 2].alen >= 3 &&
	    gap_is(nt->norm, tk->v[i - 2].b, tk->v[i - 1].a, false))
		return true;
	if (welcome_list(sc, i, j))
		return true;

	/* the greeting itself: "Viele Grüße", "Liebe Grüße" */
	if (e->cap && e->alen <= 12 && word_in(e->asc, greets) && j > i)
		return true;
	if (i > 0) {
		const struct tok *p = &tk->v[i - 1];

		if (p->lists == 0 && p->alen >= 3 && p->alen <= 12 &&
		    gap_is(nt->norm, p->b, tk->v[i].a, false) &&
		    word_in(p->asc, venues))
			return true;
		/* "Gruß, Jürgen", "Saludos\nAna": a comma or a line break */
		if (p->cap && p->alen <= 12) {
			size_t q = p->b;

			while (q < tk->v[i].a && strchr(" ,!\n", nt->norm[q]))
				q++;
			if (q == tk->v[i].a && q > p->b &&
			    (memchr(nt->norm + p->b, ',', q - p->b) ||
			    memchr(nt->norm + p->b, '\n', q - p->b)) &&
			    word_in(p->asc, greets))
				return true;
		}
	}
	if (e->b + 1 < nt->len && nt->norm[e->b] == '-' && j + 1 < tk->n &&
	    tk->v[j + 1].a == e->b + 1 && !tk->v[j + 1].cap &&
	    word_in(tk->v[j + 1].asc, named_things))
		return true;
	if (j + 2 < tk->n && gap_is(nt->norm, e->b, tk->v[j + 1].a, false)) {
		const struct tok *n = &tk->v[j + 1];

		/* "på receptionen", "i växeln", "vid kundtjänst" */
		if (n->alen <= 3 && (strcmp(n->asc, "pa") == 0 ||
		    strcmp(n->asc, "i") == 0 || strcmp(n->asc, "vid") == 0) &&
		    word_in(n[1].asc, desks))
			return true;
		/* "Välkommen X till IT-supporten", "welcome X to the team" */
		if (i > 0 && n->alen <= 4 &&
		    (strcmp(n->asc, "till") == 0 || strcmp(n->asc, "to") == 0) &&
		    (strcmp(tk->v[i - 1].asc, "valkommen") == 0 ||
		    strcmp(tk->v[i - 1].asc, "welcome") == 0))
			for (size_t k = j + 2; k < tk->n && k <= j + 4; k++)
				if (is_or_ends(tk->v[k].asc, tk->v[k].alen,
				    unit_ends))
					return true;
	}
	return false;
}

/* Shortened closers and greetings right before a signature's name
 * (namedata.c closers has mvh, hälsningar, regards): "Hälsn. Hêvî
 * Rashid", "Vh Jîn Xalid", "Hälsar Ayşe Kaya"; afold. */
static const char *const short_closers[] = { "halsn", "vh", "vhl",
	"halsar", "halsningarna", "cheers", "kram", NULL };

/* Whether a shortened closer (short_closers) stands right before the
 * name at token i, set off by spaces, a full stop, a comma or a line
 * break. */
static bool
closer_short(const struct nscan *sc, size_t i)
{
	const struct toks *tk = sc->tk;

	if (i == 0 || !word_in(tk->v[i - 1].asc, short_closers))
		return false;
	for (size_t q = tk->v[i - 1].b; q < tk->v[i].a; q++)
		if (strchr(" .,\n", sc->nt->norm[q]) == NULL ||
		    sc->nt->norm[q] == '\0')
			return false;
	return true;
}

/* Separators of a signature's fields: '|', '-', a bullet, a middle
 * dot, an en or em dash (UTF-8). */
static size_t
sig_sep(const char *s)
{
	if (*s == '|' || *s == '-')	/* norm has '-' for the dashes */
		return 1;
	if (memcmp(s, "\xe2\x80\x93", 3) == 0 ||
	    memcmp(s, "\xe2\x80\x94", 3) == 0 ||
	    memcmp(s, "\xe2\x80\xa2", 3) == 0)
		return 3;
	if (memcmp(s, "\xc2\xb7", 2) == 0)
		return 2;
	return 0;
}

/* A job title after the name and a signature's separator: "Sirpa
 * Häkkinen | Socialsekreterare | Barn och familj", "Ali Ek – kurator". */
static bool
title_after_sep(const struct nscan *sc, size_t j)
{
	const struct ntext *nt = sc->nt;
	const struct tok *n;
	size_t q, seps = 0;

	if (j + 1 >= sc->tk->n)
		return false;
	n = &sc->tk->v[j + 1];
	for (q = sc->tk->v[j].b; q < n->a;) {
		size_t k = sig_sep(nt->norm + q);

		if (k > 0 && q + k <= n->a) {
			seps++;
			q += k;
		} else if (nt->norm[q] == ' ')
			q++;
		else
			return false;
	}
	/* "X Y – tolk: ukrainska" books the client's interpreter */
	return seps == 1 && !tolk_lang(nt, sc->tk, j + 1) &&
	    (role_tok(sc, n, false) || is_or_ends(n->asc, n->alen, sig_titles));
}

/* Heads of a unit's name starting a signature's line under the name:
 * "Avdelningen för ekonomiskt bistånd", "Enheten för familjestöd"
 * (afold, the word or its end; org_ends has the authorities). */
static const char *const unit_heads[] = { "avdelningen", "enheten",
	"sektionen", "socialtjansten", "mottagningen", "verksamheten",
	"kontoret", "gruppen", "teamet", "stodet", NULL };

/* Whether the line that token n starts names a unit: a unit head, the
 * line no sentence (no '.', '!', '?') of at most six words. */
static bool
unit_line(const struct nscan *sc, const struct tok *n)
{
	const struct ntext *nt = sc->nt;
	size_t q, words = 0;

	if (!n->cap || !(is_or_ends(n->asc, n->alen, unit_heads) ||
	    is_or_ends(n->asc, n->alen, org_ends)))
		return false;
	for (q = n->a; q < nt->len && nt->norm[q] != '\n'; q++) {
		if (strchr(".!?", nt->norm[q]) != NULL)
			return false;
		if (nt->norm[q] == ' ' && ++words > 5)
			return false;
	}
	return true;
}

/* Whether the name tokens i..j stand alone on their line (after spaces
 * or slashes only) with a job title starting the next line, not as a
 * label ("Handläggare:"): a signature block without a closer
 * ("//Hêvî Rashid\nBiståndshandläggare", blind18a). */
static bool
title_below(const struct nscan *sc, size_t i, size_t j)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *n;
	bool nl = false;
	size_t q;

	if (j + 1 >= tk->n)
		return false;
	for (q = tk->v[i].a; q > 0 && nt->norm[q - 1] != '\n'; q--)
		if (nt->norm[q - 1] != ' ' && nt->norm[q - 1] != '/')
			return false;
	n = &tk->v[j + 1];
	for (q = tk->v[j].b; q < n->a; q++) {
		if (nt->norm[q] == '\n' && !nl)
			nl = true;
		else if (nt->norm[q] != ' ')
			return false;
	}
	for (q = n->b; q < nt->len && nt->norm[q] == ' '; q++)
		;
	return nl && (q == nt->len || nt->norm[q] != ':') &&
	    (role_tok(sc, n, false) ||
	    is_or_ends(n->asc, n->alen, sig_titles) || unit_line(sc, n));
}

/* Heads of an organisation named after a person, before the name:
 * "Stiftelsen Anna Whitlocks Minne", "Minnesfonden Kerstin Ek"
 * (blind18a); on the afold form, the word or its end. */
static const char *const named_heads[] = { "stiftelsen", "foreningen",
	"fonden", "sallskapet", "stipendiet", "stipendiefonden",
	"minnesfond", "institutet", "foundation", "society", NULL };
/* After the name, set off by a space, the word or its end: "Anna
 * Whitlocks minnesfond", "Stina Bergs stiftelse", "Karin Ek
 * Foundation", "Ronald McDonald Barnfond"; "Minne" only capitalised
 * ("Annas minne är dåligt" is hers). */
static const char *const named_tails[] = { "minnesfond", "minnesfonden",
	"stiftelse", "stiftelsen", "fond", "fonden", "stipendium",
	"stipendiefond", "foundation", "memorial", "trust", "fund", NULL };
/* After the name and a hyphen, also in the genitive: "Eva
 * Lundgren-stiftelsen", "Greta Knutson-prisets", "Astrid
 * Lindgren-skolan". */
static const char *const named_hyph[] = { "stiftelsen", "priset", "fonden",
	"stipendiet", "sallskapet", "foreningen", "institutet", "skolan",
	"gymnasiet", "huset", "medaljen", "centret", "salen", "akademin",
	"dagen", "forelasningen", NULL };

/* Whether the name tokens i..j name an organisation after a person, a
 * foundation, a society, a fund or a prize: a head before it
 * (named_heads), a tail after it (named_tails, a capitalised "Minne"),
 * or a hyphen compound (named_hyph). */
static bool
org_named(const struct nscan *sc, size_t i, size_t j)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *n;

	if (i > 0 && gap_is(nt->norm, tk->v[i - 1].b, tk->v[i].a, false) &&
	    is_or_ends(tk->v[i - 1].asc, tk->v[i - 1].alen, named_heads))
		return true;
	if (j + 1 >= tk->n)
		return false;
	n = &tk->v[j + 1];
	if (n->a == tk->v[j].b + 1 && nt->norm[tk->v[j].b] == '-')
		return is_or_ends(n->asc, n->alen, named_hyph) ||
		    (n->alen > 1 && n->asc[n->alen - 1] == 's' &&
		    is_or_ends(n->asc, n->alen - 1, named_hyph));
	return gap_is(nt->norm, tk->v[j].b, n->a, false) &&
	    (is_or_ends(n->asc, n->alen, named_tails) ||
	    (n->cap && strcmp(n->asc, "minne") == 0));
}

/* A role before a copula a few words before the name: "Moderator för
 * dagen är Farid Haddad", "Kvällens gäst blir ..." (role_before takes
 * the role right before "är"). */
static bool
role_copula(const struct nscan *sc, size_t i)
{
	const struct toks *tk = sc->tk;
	size_t c = i - 1;

	if (i < 3 || tk->v[c].cap || (strcmp(tk->v[c].asc, "ar") != 0 &&
	    strcmp(tk->v[c].asc, "blir") != 0) ||
	    !gap_is(sc->nt->norm, tk->v[c].b, tk->v[i].a, false))
		return false;
	for (size_t k = c; k > 0 && c - k < 4; k--) {
		if (!gap_is(sc->nt->norm, tk->v[k - 1].b, tk->v[k].a, false))
			return false;
		if (role_tok(sc, &tk->v[k - 1], true))
			return true;
	}
	return false;
}

/* The second and later names of a list after a role: "Panel: Parisa
 * Moradi, Jonas Ek och Lina Berg", "Föreläsare: A B, C D": back over
 * capitalised tokens, commas and "och"/"samt" on the line (twelve
 * tokens at most) to a role set off like a case word's. */
static bool
role_before_list(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	bool comma = false;

	for (size_t k = i; k > 0 && i - k < 12; k--) {
		const struct tok *q = &tk->v[k - 1];
		size_t g;

		for (g = q->b; g < tk->v[k].a; g++)
			if (nt->norm[g] == ',')
				comma = true;
			else if (nt->norm[g] != ' ')
				break;
		if (g < tk->v[k].a)
			return comma && gap_case(nt->norm, q->b, tk->v[k].a) &&
			    role_tok(sc, q, true);
		if (!q->cap && strcmp(q->asc, "och") != 0 &&
		    strcmp(q->asc, "samt") != 0)
			return false;
	}
	return false;
}

/* "Hör Parisa Moradi berätta om ...": a speaker heard. */
static bool
heard_speaker(const struct nscan *sc, size_t i, size_t j)
{
	static const char *const speak[] = { "beratta", "prata", "forelasa",
	    "tala", "presentera", "dela", NULL };
	const struct toks *tk = sc->tk;

	return i > 0 && j + 1 < tk->n && strcmp(tk->v[i - 1].asc, "hor") == 0 &&
	    word_in(tk->v[j + 1].asc, speak);
}

static bool
staff_at(const struct nscan *sc, size_t i, size_t j)
{
	/* the honorific before the name belongs to it: "Gästföreläsare:
	 * Mrs. Chimamanda Adichie" */
	if (i > 0 && !sc->tk->v1 && (sc->tk->v[i - 1].lists & L_TRIGGER) &&
	    honor_word(&sc->tk->v[i - 1]))
		i--;
	if (is_staff(sc->nt, sc->tk, i, j, sc->sig) || org_named(sc, i, j))
		return true;
	if (!sc->tk->v1 && not_client_at(sc, i, j))
		return true;
	/* after a case word the organisation is the client's
	 * ("Uppföljning Ahmed Ali, Försäkringskassan") */
	return !sc->tk->v1 && (role_before(sc, i) || role_after(sc, j) ||
	    presenter_at(sc, i, j) || title_below(sc, i, j) ||
	    closer_short(sc, i) || title_after_sep(sc, j) ||
	    role_copula(sc, i) || role_before_list(sc, i) ||
	    heard_speaker(sc, i, j) ||
	    (org_after(sc, j) &&
	    !(i > 0 && (sc->tk->v[i - 1].lists & L_CASE))));
}

/* Whether token i starts a sentence: the text's first token, or after
 * a full stop, '!', '?' or a line break. */
static bool
sent_start(const struct nscan *sc, size_t i)
{
	const struct toks *tk = sc->tk;

	if (i == 0)
		return true;
	for (size_t q = tk->v[i - 1].b; q < tk->v[i].a; q++) {
		char c = sc->nt->norm[q];

		if (c == '.' || c == '!' || c == '?' || c == '\n')
			return true;
	}
	return false;
}

/* Whether t is a verb of signing up or joining, reflexive in Swedish
 * and said of colleagues: "anmält sig", "ansluter sig", "förbereder
 * sig". */
static bool
admin_verb(const struct tok *t)
{
	static const char *const pre[] = { "anmal", "avanmal", "registrer",
	    "ansl", "logg", "infinn", "infann", "forbered", "koppl", "bok",
	    "presenter", "aterkom", NULL };

	for (const char *const *p = pre; *p; p++)
		if (strncmp(t->asc, *p, strlen(*p)) == 0)
			return true;
	return false;
}

/* Whether token m is "sig" right after token m - 1. */
static bool
sig_at(const struct nscan *sc, size_t m)
{
	const struct toks *tk = sc->tk;

	return m < tk->n && tk->v[m].alen == 3 &&
	    memcmp(tk->v[m].asc, "sig", 3) == 0 &&
	    gap_is(sc->nt->norm, tk->v[m - 1].b, tk->v[m].a, false);
}

/* Whether what follows the name ending at token k says what a person
 * does or is: a verb of the cue list ("mår", "druckit"; weak too:
 * "vill", "slutat"), or an auxiliary, maybe an adverb, and one ("har
 * slutat", "har inte druckit", "har varit frånvarande"), or a reflexive
 * verb ("känner sig", "har skadat sig"). */
static bool
verb_after(const struct nscan *sc, size_t k, bool weak)
{
	const struct toks *tk = sc->tk;
	unsigned want = C_PVERB | (weak ? C_PVERB_WEAK : 0), c;

	for (size_t m = k + 1; m < tk->n && m <= k + 4; m++) {
		if (tk->v[m].cap ||
		    !gap_is(sc->nt->norm, tk->v[m - 1].b, tk->v[m].a, false))
			return false;
		c = cue_of(sc, &tk->v[m]);
		if (c & want)
			return true;
		/* a weak one and how badly: "mår (mycket) dåligt" */
		if (c & C_PVERB_WEAK)
			for (size_t q = m + 1; q < tk->n && q <= m + 2; q++) {
				unsigned d;

				if (tk->v[q].cap || !gap_is(sc->nt->norm,
				    tk->v[q - 1].b, tk->v[q].a, false))
					break;
				d = cue_of(sc, &tk->v[q]);
				if (d & C_NEG)
					return true;
				if (!(d & C_ADV))
					break;
			}
		/* a reflexive verb: "känner sig", "har skadat sig" (not
		 * "anmält sig", "loggar in sig") */
		if (sig_at(sc, m + 1) && !admin_verb(&tk->v[m]))
			return true;
		if (!(c & (m == k + 1 ? C_AUX : C_AUX | C_ADV)))
			return false;
	}
	return false;
}

/* Intoxication said of a person after a verb of coming or being
 * ("kom full till skolan"; "full av idéer" is no state): names.c's own,
 * the cue words (namedata.c pverbs) have the unambiguous ones. */
static const char *const intox[] = { "full", "packad", "aspackad",
	"fylld", NULL };
/* Verbs of seeming and showing right after the name, which the cue
 * words lack: "Mehmet verkar berusad", "Elsa uppvisar blåmärken", "Sara
 * luktade alkohol". */
static const char *const chain_verbs[] = { "verkar", "verkade", "verkat",
	"uppvisar", "uppvisade", "visar", "visade", "luktar", "luktade",
	"ser", "sag", NULL };
/* What a harm is made of, at the chain's end (the cue words are verbs
 * and states): "luktade alkohol", "röker hasch", "blivit slagen". */
static const char *const harm_words[] = { "alkohol", "sprit", "hasch",
	"cannabis", "droger", "narkotika", "slagen", "sparkad", "knuffad",
	NULL };
/* Adverbs and modifiers in the chain the cue words lack: "kommer
 * ibland full", "har fått nya blåmärken". */
static const char *const chain_mods[] = { "ibland", "emellanat", "sallan",
	"oftast", "dagligen", "regelbundet", "nastan", "nya", "fler",
	"flera", "synliga", "tydliga", "stora", "ha", "av", "med", NULL };

/* A harm said of the lone name at token k over a chain of verbs and
 * adverbs (blind18a): "Mehmet kommer ofta berusad till skolan", "Oscar
 * har fått blåmärken", "Kim kom full", "Sara luktade alkohol": a verb
 * (an auxiliary, a weak one, chain_verbs) right after the name, then
 * auxiliaries, weak verbs, adverbs or chain_mods (three at most), then
 * what a person does or is (C_PVERB, intox) or a harm's matter
 * (harm_words); verb_after only takes an auxiliary before it. */
static bool
harm_chain(const struct nscan *sc, size_t k)
{
	const struct toks *tk = sc->tk;

	for (size_t m = k + 1; m < tk->n && m <= k + 4; m++) {
		const struct tok *q = &tk->v[m];
		unsigned c;

		if (q->cap || !gap_is(sc->nt->norm, tk->v[m - 1].b, q->a, false))
			return false;
		c = cue_of(sc, q);
		if (m > k + 1 && (c & C_PVERB))
			return true;
		if (m > k + 1 && word_in(q->asc, intox))
			return m + 1 >= tk->n ||
			    strcmp(tk->v[m + 1].asc, "av") != 0;
		if (m > k + 1 && word_in(q->asc, harm_words))
			return true;
		if (m == k + 1 ? !(c & (C_AUX | C_PVERB_WEAK)) &&
		    !word_in(q->asc, chain_verbs) :
		    !(c & (C_AUX | C_ADV | C_PVERB_WEAK)) &&
		    !word_in(q->asc, chain_mods))
			return false;
	}
	return false;
}

/* Whether a personal pronoun follows token i in its sentence, within
 * twelve tokens ("Träffade Ayaan i korridoren, hon vill ..."). */
static bool
pron_after(const struct nscan *sc, size_t i)
{
	const struct toks *tk = sc->tk;

	for (size_t k = i + 1; k < tk->n && k <= i + 12; k++) {
		const struct tok *p = &tk->v[k];

		if (p->asc[0] != 'h' || p->cap || p->alen < 3 || p->alen > 6 ||
		    !(cue_of(sc, p) & C_PRON))
			continue;
		/* in the sentence, and not "hon som ...": another person,
		 * described */
		return same_sentence(sc->nt, tk, i, k) && (k + 1 >= tk->n ||
		    strcmp(tk->v[k + 1].asc, "som") != 0);
	}
	return false;
}

/* Whether t is two English words of four letters or more, a product's
 * or a service's name ("Nextcloud", "Teamviewer"), not a person's. */
static bool
en_compound(const struct tok *t)
{
	for (size_t i = 4; i + 4 <= t->alen; i++)
		if (langwords_has(LW_EN, t->asc, i) &&
		    langwords_has(LW_EN, t->asc + i, t->alen - i))
			return true;
	return false;
}

/* Whether t is a capitalised proper noun of the dictionaries that is no
 * lower-case word, in a Swedish text: after a first name a surname
 * ("Sofija Demeter"), not a word. (In English text the English proper
 * nouns are places and holidays too often: "Viernes Santo", "Anna
 * Boston".) */
static bool
propn_only(const struct nscan *sc, const struct tok *t)
{
	const char *w = sc->nt->norm + t->a;
	size_t n = t->b - t->a;
	char *low;
	bool r;

	if (!t->cap || t->allcaps || t->lists != 0 || t->stop || t->part ||
	    t->alen < 3 || !langwords_ready() ||
	    (!langwords_has(LW_PROPN, w, n) && !langwords_has(LW_ENPROPN, w, n)) ||
	    is_or_ends(t->asc, t->alen, org_ends) || text_lang(sc) != TL_SV)
		return false;
	low = g_utf8_strdown(w, (gssize)n);
	r = !plain_low(low, strlen(low), 0);
	g_free(low);
	return r;
}

/* Whether t, capitalised, is a proper noun of the dictionaries (a
 * Swedish or English entry: "Halvard") in a Swedish text, no
 * organisation, in no list: before a surname or a name no list knows a
 * first name ("Halvard Sørensen"). */
static bool
propn_first(const struct nscan *sc, const struct tok *t)
{
	const char *w = sc->nt->norm + t->a;
	size_t n = t->b - t->a;

	return t->cap && !t->allcaps && t->lists == 0 && !t->stop &&
	    !t->part && !t->notname && t->alen >= 3 && langwords_ready() &&
	    (langwords_has(LW_PROPN, w, n) || langwords_has(LW_ENPROPN, w, n)) &&
	    !is_or_ends(t->asc, t->alen, org_ends) && text_lang(sc) == TL_SV;
}

/* Whether the capitalised t, after an honorific, is a name: listed, a
 * surname by its ending, or no lower-case word ("Nazari", "Haile"; not
 * "Miss Out"). */
static bool
honor_tok(const struct nscan *sc, const struct tok *t)
{
	char *low;
	bool r;

	if (!t->cap || t->allcaps || t->notname || t->part || t->lists != 0)
		return false;
	if (t->first || t->sur || is_sur(sc->nd, sc->nt, t, false))
		return true;
	/* German capitalises its nouns: "Frau Bürgermeisterin"; a place
	 * or a brand of the dictionaries is no person: "Miss Saigon" */
	if (t->alen < 2 || !langwords_ready() || text_lang(sc) == TL_FOREIGN ||
	    langwords_has(LW_PROPN, sc->nt->norm + t->a, t->b - t->a) ||
	    langwords_has(LW_ENPROPN, sc->nt->norm + t->a, t->b - t->a) ||
	    is_or_ends(t->asc, t->alen, org_ends) ||
	    camel_brand(sc->nt, t->a, t->b))
		return false;
	low = g_utf8_strdown(sc->nt->norm + t->a, (gssize)(t->b - t->a));
	r = !plain_low(low, strlen(low), 0);
	g_free(low);
	return r;
}

/* An honorific before the capitalised token i: "Möte med fru Nazari",
 * "Herr Okonkwo kallas", "Mrs. Haile" (holdout17); one more name
 * token joins it. Out of line. */
static __attribute__((noinline)) bool
name_honor(const struct nscan *sc, size_t i, size_t *last)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i];
	size_t j = i;

	if (!gap_case(nt->norm, t[-1].b, t->a) || !honor_tok(sc, t))
		return false;
	if (i + 1 < tk->n && gap_is(nt->norm, t->b, t[1].a, false) &&
	    honor_tok(sc, &t[1]))
		j = i + 1;
	*last = j;
	/* staff as the honorific's: "Kontakta herr Svensson" */
	if (!staff_at(sc, i - 1, j) && !is_company(nt, tk, j) &&
	    !before_place(nt->norm, tk, j))
		emit(nt, t->a, tk->v[j].b, "name after an honorific", sc->out);
	return true;
}

/* Whether only spaces and at least one mark of a heading's break (a
 * colon, a dash, a bracket, a line break) lie between a and b, or b is
 * the text's end. */
static bool
gap_break(const char *s, size_t a, size_t b, size_t len)
{
	bool mark = b >= len;

	for (size_t i = a; i < b; i++) {
		if (s[i] == ':' || s[i] == '-' || s[i] == '(' || s[i] == '\n' ||
		    s[i] == '|' || s[i] == '/')
			mark = true;
		else if (s[i] != ' ')
			return false;
	}
	return mark;
}

/* "Surname, Firstname" as a case's head, both no word or one listed
 * and the other no word, or a listed first name after a first name or
 * surname: "Ahmadzai, Gulalai – avstämning",
 * "Uppföljning: Haidari, Parwin" (holdout17). At the start of a line or
 * sentence or after a case word or a colon or dash, and before a
 * break or the end. */
static __attribute__((noinline)) bool
name_comma_pair(const struct nscan *sc, size_t i)
{
	const struct names_data *nd = sc->nd;
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1;
	bool ut, un;

	if (t->stop || n->stop || t->notname || n->notname || t->lists != 0 ||
	    n->lists != 0 || !name_case(sc, t) || !name_case(sc, n) ||
	    !t->cap || !n->cap || !gap_is(nt->norm, t->b, n->a, true))
		return false;
	if (!(i == 0 || sent_start(sc, i) ||
	    gap_break(nt->norm, t[-1].b, t->a, nt->len) ||
	    ((t[-1].lists & (L_CASE | L_TRIGGER)) &&
	    gap_case(nt->norm, t[-1].b, t->a))))
		return false;
	if (!(i + 2 >= tk->n ? gap_break(nt->norm, n->b, nt->len, nt->len) :
	    gap_break(nt->norm, n->b, n[1].a, nt->len) ||
	    ((n[1].lists & L_CASE) && gap_is(nt->norm, n->b, n[1].a, false))))
		return false;
	ut = unknown_tok(sc, t);
	un = unknown_tok(sc, n);
	/* a listed first name is a surname too ("Abdulkadir, Hodan") */
	if (!(ut || un || n->first) ||
	    !(ut || t->sur || t->first || is_sur(nd, nt, t, false)) ||
	    !(un || n->first || n->sur) ||
	    is_or_ends(t->asc, t->alen, org_ends))
		return false;
	/* two words no list knows, in a text that is not Swedish, only
	 * beside a case word: "Contoso, Fabrikam" are firms */
	if (!(t->first || t->sur || n->first || n->sur) &&
	    !(i > 0 && (t[-1].lists & (L_CASE | L_TRIGGER))) &&
	    !(i + 2 < tk->n && (n[1].lists & (L_CASE | L_TRIGGER))) &&
	    text_lang(sc) != TL_SV)
		return false;
	if (!staff_at(sc, i, i + 1) && !is_company(nt, tk, i + 1))
		emit(nt, t->a, n->b, "surname, first name", sc->out);
	return true;
}

/* A name token in a file name, any case: a listed first name or
 * surname, a surname by its ending, or no ordinary word. *anchor: it
 * is listed or has a surname's ending. */
static bool
file_name_tok(const struct nscan *sc, const struct tok *t, bool *anchor)
{
	*anchor = false;
	if (t->part || t->notname || t->lists != 0 || t->alen < 3 ||
	    ends_in(t->asc, units, 0) || is_or_ends(t->asc, t->alen, org_ends))
		return false;
	/* a name that is a word (Labba, Berg) counts, but only beside an
	 * anchor */
	if (t->stop)
		return t->first || t->sur;
	if (t->first || t->sur || ends_in(t->asc, morph_file, 5) ||
	    low_ends_dia(sc->nt, t, 5)) {
		*anchor = true;
		return true;
	}
	return langwords_ready() && unknown_at(sc->nt, t->a, t->b, t->ascii) &&
	    !camel_brand(sc->nt, t->a, t->b);
}

/* Two name tokens in a file name joined by one '-', '_' or space,
 * in any case: one listed (or a surname by its ending), the other too
 * or no ordinary word: kuhmunen-niila-kallelse.pdf,
 * Labba_Maret_intyg.pdf. */
static bool
file_pair(const struct nscan *sc, size_t i)
{
	const struct tok *t = &sc->tk->v[i], *n = t + 1;
	bool at, an;

	if (n->a != t->b + 1 || strchr("-_. ", sc->nt->norm[t->b]) == NULL ||
	    sc->nt->norm[t->b] == '\0')
		return false;
	/* after a dot, the last token is the extension: "winmail.dat" */
	if (sc->nt->norm[t->b] == '.' && (n->b >= sc->nt->len ||
	    sc->nt->norm[n->b] != '.'))
		return false;
	if (!file_name_tok(sc, t, &at) || !file_name_tok(sc, n, &an))
		return false;
	/* a listed surname that is no word with a word no list knows:
	 * berisha.liridona.docx */
	return (at && an) || ((at || an) && (t->first || n->first ||
	    ends_in(t->asc, morph_file, 5) || ends_in(n->asc, morph_file, 5) ||
	    (!t->stop && !n->stop && ((at && t->sur) || (an && n->sur)))));
}

/* At the start of a sentence, a first name (or a name that is a word:
 * "Rut") or a word no list knows, a capitalised name token and what a
 * person does or is: "Rut Fors har tackat ja" (the verb makes them a
 * name, as a case word does before them). Out of line: the caller's
 * loop stays small. Returns whether it matched (emitted, or staff). */
static __attribute__((noinline)) bool
name_sentence_pair(const struct nscan *sc, size_t i)
{
	const struct names_data *nd = sc->nd;
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1;

	if (t->allcaps || n->allcaps || t->notname || n->notname ||
	    n->part || n->lists != 0 || !sent_start(sc, i) ||
	    !gap_is(nt->norm, t->b, n->a, false) ||
	    !verb_after(sc, i + 1, true) ||
	    !(t->first || t->stop || unknown_tok(sc, t)) ||
	    !(n->first || is_sur(nd, nt, n, true) || unknown_tok(sc, n) ||
	    (langwords_ready() && (langwords_has(LW_PROPN, nt->norm + n->a,
	    n->b - n->a) || langwords_has(LW_ENPROPN, nt->norm + n->a,
	    n->b - n->a)))))
		return false;
	if (!staff_at(sc, i, i + 1) && !is_company(nt, tk, i + 1))
		emit(nt, t->a, n->b, "two name tokens at the start of a "
		    "sentence before what a person does", sc->out);
	return true;
}

/* Material for a meeting, afold endings: "Anna_Erik_presentation.pptx"
 * is the presenters' slides, no client's file. */
static const char *const materials[] = { "presentation", "presentationen",
	"bilder", "bildspel", "slides", "agenda", "dagordning", "workshop",
	"foredrag", "utbildning", "schema", "instruktion", "mall", "rutin",
	"nyhetsbrev", "inbjudan", "program", "affisch", "handout", "manus",
	"material", "lathund", "guide", "deck", NULL };

/* Whether the file name pair at i is two listed first names (neither a
 * listed surname nor one by its ending) in a file name that names
 * meeting material and no case word or relative: the presenters, no
 * client (session 18). */
static bool
file_material_pair(const struct nscan *sc, size_t i)
{
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1;
	bool mat = false;

	if (!t->first || !n->first || t->sur || n->sur ||
	    ends_in(t->asc, morph_file, 5) || ends_in(n->asc, morph_file, 5))
		return false;
	for (size_t k = 0; k < tk->n; k++) {
		const struct tok *q = &tk->v[k];

		if (q->lists & (L_CASE | L_RELATIVE | L_TRIGGER))
			return false;
		if (k != i && k != i + 1 &&
		    is_or_ends(q->asc, q->alen, materials))
			mat = true;
	}
	return mat;
}

/* Two name tokens in a file name, any case (file_pair). */
static __attribute__((noinline)) bool
name_file_pair(const struct nscan *sc, size_t i)
{
	const struct toks *tk = sc->tk;

	if (!file_pair(sc, i))
		return false;
	if (file_material_pair(sc, i))
		return true;
	if (!staff_at(sc, i, i + 1) && !is_company(sc->nt, tk, i + 1))
		emit(sc->nt, tk->v[i].a, tk->v[i + 1].b, "two name tokens in a "
		    "file name", sc->out);
	return true;
}

/* A first name (listed, or a name token no list knows) and a capital
 * initial in a file name, joined by one space, '_' or '-' and set off
 * after ("Anteckningar Oksana K 2025-11-20.docx", "Samtal_Mehmet_Y.pdf",
 * blind18a): a person's name shortened, as staff name a client's
 * notes. */
static __attribute__((noinline)) bool
name_file_initial(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct tok *t = &sc->tk->v[i], *n = t + 1;
	bool anchor;

	if (!t->cap || t->part || t->lists != 0 || t->alen < 3 ||
	    n->b - n->a != 1 || !n->cap || n->a != t->b + 1 ||
	    strchr(" _-", nt->norm[t->b]) == NULL ||
	    (n->b < nt->len && strchr(" _-.", nt->norm[n->b]) == NULL))
		return false;
	/* not a compound's first part: "Eva A-grupp" */
	if (n->b + 1 < nt->len && nt->norm[n->b] == '-' &&
	    !g_ascii_isdigit(nt->norm[n->b + 1]))
		return false;
	/* a listed first name, or a name token no word list knows
	 * ("Fatuma A"); not a word ("Bilaga A", "Version B") */
	if (!t->first && (t->stop || t->alen < 4 || en_compound(t) ||
	    !file_name_tok(sc, t, &anchor)))
		return false;
	if (!staff_at(sc, i, i + 1))
		emit(nt, t->a, n->b, "first name and an initial in a file name",
		    sc->out);
	return true;
}

/* A listed first name and a capital initial at a sentence's start
 * before a case word: "Oksana K – uppföljning", "Mehmet Y. inför SIP"
 * (after a case word, name_pair has them). */
static __attribute__((noinline)) bool
name_initial_case(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1, *c;
	size_t k = i + 2;

	if (!t->first || !t->cap || t->part || t->lists != 0 ||
	    n->b - n->a != 1 || !n->cap || !gap_is(nt->norm, t->b, n->a, false) ||
	    !sent_start(sc, i))
		return false;
	if (k >= tk->n)
		return false;
	c = &tk->v[k];
	/* "K." or "K", then a case word (or a case adjective and one) */
	if (!gap_case(nt->norm, n->b, c->a) && !(nt->norm[n->b] == '.' &&
	    gap_case(nt->norm, n->b + 1, c->a)))
		return false;
	if (!(c->lists & L_CASE) && !(k + 1 < tk->n && word_in(c->asc,
	    case_adjs) && (c[1].lists & L_CASE)))
		return false;
	if (!staff_at(sc, i, i + 1))
		emit(nt, t->a, n->b, "first name and an initial before a case "
		    "word", sc->out);
	return true;
}

/* A lone name made a person by its sentence (issue 18's blind set):
 * at the start of a sentence before what a person does or is ("Kawa
 * har druckit", a listed first name or surname; "Aklilu har slutat",
 * said of colleagues too, only for a word no list knows), or, a word
 * no list knows, with a personal pronoun after it ("..., hon vill
 * ..."). Out of line. */
static __attribute__((noinline)) bool
name_sentence(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i];
	const struct tok *n = i + 1 < tk->n ? t + 1 : NULL;
	bool first = t->first || t->sur;

	/* the caller asked: first, a surname, or unknown_tok */
	if (n != NULL && !n->cap && (cue_of(sc, n) != 0 || sig_at(sc, i + 2) ||
	    word_in(n->asc, chain_verbs)) &&
	    sent_start(sc, i) && (verb_after(sc, i, !first) ||
	    harm_chain(sc, i)) &&
	    (first || !en_compound(t))) {
		if (!staff_at(sc, i, i) && !is_company(nt, tk, i))
			emit(nt, t->a, t->b, "name at the start of a sentence "
			    "before what a person does", sc->out);
		return true;
	}
	/* before a case word at the start: "Aklilu – uppföljning",
	 * "Kawa: avstämning", "Eyob – fortsatt planering" (as after
	 * one) */
	if (n != NULL && !n->allcaps && gap_case(nt->norm, t->b, n->a) &&
	    n->a - t->b > strspn(nt->norm + t->b, " ") &&
	    ((n->lists & L_CASE) || (i + 2 < tk->n && !n->cap &&
	    (t[2].lists & L_CASE) && gap_is(nt->norm, n->b, t[2].a, false) &&
	    word_in(n->asc, case_adjs))) &&
	    sent_start(sc, i) && (first || !en_compound(t))) {
		if (!staff_at(sc, i, i) && !is_company(nt, tk, i))
			emit(nt, t->a, t->b, "name before a case word",
			    sc->out);
		return true;
	}
	if (!first && pron_after(sc, i) && !en_compound(t)) {
		if (!staff_at(sc, i, i) && !is_company(nt, tk, i))
			emit(nt, t->a, t->b, "a word that is no ordinary word "
			    "with a pronoun after it", sc->out);
		return true;
	}
	return false;
}

/* Whether token t may not be a family name written first: a listed
 * surname that is a Swedish or English word itself ("Berg", "Holm";
 * a compound of words, "Sjöberg", is a surname), or a surname by its
 * ending only that is a word, a compound or a proper noun of the
 * dictionaries ("Stockholm", "Göteborg"). */
static bool
common_at(const struct ntext *nt, const struct tok *t)
{
	char *low = g_utf8_strdown(nt->norm + t->a, (gssize)(t->b - t->a));
	size_t n = strlen(low);
	bool r = t->sur ? langwords_has(LW_SV, low, n) ||
	    langwords_has(LW_EN, low, n) : plain_low(low, n, 0) ||
	    langwords_has(LW_PROPN, nt->norm + t->a, t->b - t->a);

	g_free(low);
	return r;
}

/* The family name first: t a surname (listed, or by a strong ending
 * or a diacritic one: "Hodžić") that is no word (common_at), n a listed
 * first name right after it, and no third name token after them (a
 * list "Anna Berg Erik" is read from its first name). Out of line.
 * Returns whether it matched (emitted, or staff). */
static __attribute__((noinline)) bool
name_family_first(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1;

	if (t->notname || n->notname || t->part || n->part || t->lists != 0 ||
	    !(t->sur || ends_in_n(t->asc, t->alen, morph_strong, 5) ||
	    low_ends_dia(nt, t, 4)) ||
	    !gap_is(nt->norm, t->b, n->a, false) || !langwords_ready() ||
	    common_at(nt, t))
		return false;
	if (i + 2 < tk->n && tk->v[i + 2].cap &&
	    gap_is(nt->norm, n->b, tk->v[i + 2].a, false))
		return false;
	if (!staff_at(sc, i, i + 1) && !before_place(nt->norm, tk, i + 1) &&
	    !is_company(nt, tk, i + 1))
		emit(nt, t->a, n->b, "family name and first name", sc->out);
	return true;
}

/* Triggers that say what a meeting is about, afold: the two names
 * after one are its subject ("Möte rörande Aminata Diallo"). */
static const char *const abouts[] = { "ang", "angaende", "gallande",
	"rorande", "avseende", "regarding", "re", NULL };

/* After an "about" trigger, two capitalised tokens of 3+ letters, each
 * in no list and no word (the language test, 3 letters too: "Awa
 * Touré"), or one a listed first name: the meeting's subject is a
 * person (session 18). Out of line. Returns whether it matched. */
static __attribute__((noinline)) bool
name_about_pair(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1;

	if (!word_in(t[-1].asc, abouts) || !gap_case(nt->norm, t[-1].b, t->a) ||
	    t->allcaps || n->allcaps || t->stop || n->stop || t->part ||
	    n->part || t->notname || n->notname || t->lists || n->lists ||
	    t->alen < 3 || n->alen < 3 || !gap_is(nt->norm, t->b, n->a, false) ||
	    !langwords_ready() ||
	    (!t->first && ordinary_in_text(sc, t->a, t->b)) ||
	    (!n->first && !n->sur && ordinary_in_text(sc, n->a, n->b)) ||
	    camel_brand(nt, t->a, t->b) || camel_brand(nt, n->a, n->b))
		return false;
	if (!staff_at(sc, i, i + 1) && !before_place(nt->norm, tk, i + 1) &&
	    !is_company(nt, tk, i + 1))
		emit(nt, t->a, n->b, "two name tokens after a word of what the "
		    "meeting is about", sc->out);
	return true;
}

/* Session 18, blind18c: names after a case type's shorthand, with a
 * particle, a family's plural genitive, an apposition, an agenda line. */

/* Lower-case words that may follow a particle inside a name: "van der
 * Berg", "de la Cruz", "von dem Busche"; afold. */
static const char *const particles2[] = { "der", "den", "dem", "la", "le",
	"los", "las", "ter", "ten", NULL };

/* A name with a particle inside (blind18c): a capitalised token, a
 * particle (namedata.c particles; in lower case unless the first token
 * is a listed first name) and maybe one more (particles2), then a
 * capitalised token: "VP Hilde de Vries", "Uppföljning Friedrich von
 * Essen", "Anna van der Berg". The first token is a listed first name,
 * or follows a case word, or is no ordinary word and the last no
 * dictionary's proper noun ("Rio de Janeiro" is a city), the text
 * Swedish (a football club's "Celta de Vigo"). *last: the
 * name's last token. Out of line: asked only before a particle. */
static __attribute__((noinline)) bool
name_particle(const struct nscan *sc, size_t i, size_t *last)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1, *m, *f = t;
	size_t k = i + 2, s = i;
	bool casew, first;

	/* a hyphenated given name: "Jean-Luc de la Fontaine" */
	if (i > 0 && t->a > 0 && nt->norm[t->a - 1] == '-' &&
	    t[-1].b + 1 == t->a && t[-1].cap && !t[-1].allcaps) {
		s = i - 1;
		f = t - 1;
	}
	first = t->first || f->first;
	if (!t->cap || t->allcaps || t->lists != 0 || t->stop || t->notname ||
	    t->part || k >= tk->n || (n->cap && !first) ||
	    !gap_is(nt->norm, t->b, n->a, false))
		return false;
	if (word_in(tk->v[k].asc, particles2) && !tk->v[k].cap &&
	    k + 1 < tk->n && gap_is(nt->norm, n->b, tk->v[k].a, false))
		k++;
	m = &tk->v[k];
	/* "de Vries", "al-Amin", "van der Berg" */
	if (!m->cap || m->allcaps || m->notname || m->part || m->alen < 2 ||
	    m->a != tk->v[k - 1].b + 1 || (nt->norm[m->a - 1] != ' ' &&
	    nt->norm[m->a - 1] != '-') || is_or_ends(m->asc, m->alen, org_ends))
		return false;
	/* a case word, or "SIP" (a trigger to namedata.c) */
	casew = s > 0 && ((f[-1].lists & L_CASE) || (f[-1].alen == 3 &&
	    memcmp(f[-1].asc, "sip", 3) == 0)) &&
	    gap_case(nt->norm, f[-1].b, f->a);
	/* without a case word only in Swedish text ("Celta de Vigo",
	 * "Robin van Persie" of a football club's calendar), and after no
	 * listed first name the last part no ordinary word or proper noun
	 * of the dictionaries ("till Rio de Janeiro") */
	if (!casew && (!langwords_ready() || text_lang(sc) != TL_SV))
		return false;
	if (!first && !casew && (
	    ordinary_in_text(sc, m->a, m->b) ||
	    langwords_has(LW_ENPROPN, nt->norm + m->a, m->b - m->a) ||
	    !(unknown_tok(sc, t) || (s > 0 && (f[-1].lists & L_TRIGGER) &&
	    gap_case(nt->norm, f[-1].b, f->a)))))
		return false;
	*last = k;
	if (!staff_at(sc, s, k) && !before_place(nt->norm, tk, k) &&
	    !is_company(nt, tk, k))
		emit(nt, f->a, m->b, "name with a particle", sc->out);
	return true;
}

/* A short given name no list knows and a surname after a case word
 * (blind18c): "SIP Mo Ahmadi", "EHM Li Karlsson", "Möte med Jo
 * Hassanzadeh": two or three letters, capitalised, no ordinary word
 * needed (a case word makes them a name); the surname listed or no
 * ordinary word. Out of line. */
static __attribute__((noinline)) bool
name_short_case(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1;

	if (t->allcaps || t->stop || t->notname || t->part || t->lists != 0 ||
	    n->stop || n->notname || n->part || n->allcaps || n->lists != 0 ||
	    !n->cap || !gap_is(nt->norm, t->b, n->a, false) ||
	    !(t[-1].lists & (L_CASE | L_TRIGGER)) ||
	    !gap_case(nt->norm, t[-1].b, t->a))
		return false;
	/* the surname listed, or no ordinary word ("Mo Hassanzadeh"; not
	 * "Ny Handläggare") */
	if (!n->sur && !unknown_tok(sc, n))
		return false;
	if (!staff_at(sc, i, i + 1) && !before_place(nt->norm, tk, i + 1) &&
	    !is_company(nt, tk, i + 1))
		emit(nt, t->a, n->b, "short given name and surname after a "
		    "case word", sc->out);
	return true;
}

/* A family by its surname in the plural genitive after "hos", "till",
 * "med", "för" (blind18c): "Hembesök hos Nilssons", "Samtal med
 * Hadžićs": the base a listed surname (no stop word), or a surname by
 * its ending that is no ordinary word or proper noun ("till Göteborgs"
 * is a city). Not before a place or a firm ("hos Anderssons Bygg").
 * Out of line: asked for a capitalised word in -s after a trigger. */
/* Whether the preposition before token i ends a visit or a case's
 * meeting: "hem till", or a case word (L_CASE) earlier on its line
 * ("Hembesök hos", "Samtal med"). Without one, "Lunch hos Anderssons"
 * or "Avtal med Svenssons" read as a firm or a restaurant (a held-out
 * company row went wrong without this test). */
static bool
family_visit(const struct nscan *sc, size_t i)
{
	const struct toks *tk = sc->tk;

	if (i >= 2 && strcmp(tk->v[i - 2].asc, "hem") == 0)
		return true;
	for (size_t k = i - 1; k > 0 && i - k <= 4; k--) {
		for (size_t g = tk->v[k - 1].b; g < tk->v[k].a; g++)
			if (strchr("\n.!?", sc->nt->norm[g]) != NULL &&
			    sc->nt->norm[g] != '\0')
				return false;
		if (tk->v[k - 1].lists & L_CASE)
			return true;
	}
	return false;
}

static __attribute__((noinline)) bool
name_family_gen(const struct nscan *sc, size_t i)
{
	static const char *const preps[] = { "hos", "till", "med", "for",
	    NULL };
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *p = t - 1;
	size_t bl = t->alen - 1;
	uint32_t bh;
	unsigned bb;

	if (t->alen < 5 || t->allcaps || t->stop || t->notname || t->part ||
	    t->lists != 0 || !word_in(p->asc, preps) ||
	    !gap_is(nt->norm, p->b, t->a, false))
		return false;
	bh = whash(t->asc, bl);
	bb = words_get(sc->nd, t->asc, bl, bh);
	if ((bb & (W_STOP | W_FIRST)) || part_has(sc->part, t->asc, bl, bh))
		return false;
	if (!(bb & W_SUR) && !(langwords_ready() &&
	    (ends_in_n(t->asc, bl, morph_strong, 4) ||
	    (!t->ascii && low_ends_dia(nt, &(struct tok){ .a = t->a,
	    .b = t->b - 1, .ascii = false }, 4))) &&
	    !ordinary_at(nt, t->a, t->b - 1) && !ordinary_at(nt, t->a, t->b)))
		return false;
	if (i + 1 < tk->n && gap_is(nt->norm, t->b, t[1].a, false) &&
	    (t[1].cap || word_in(t[1].asc, streets) ||
	    (t[1].lists & L_PLACE_NEXT)))
		return false;
	if (!family_visit(sc, i))
		return false;
	if (!staff_at(sc, i, i) && !is_company(nt, tk, i))
		emit(nt, t->a, t->b, "family's surname in the genitive",
		    sc->out);
	return true;
}

/* A family's children or the family by its surname in a hyphen
 * compound (blind18c): "Andersson-barnen", "Ahmadi-familjen",
 * "Hodžić-pojkarna"; the surname listed (no stop word) or by a strong
 * or diacritic ending; afold. */
static const char *const family_tails[] = { "barnen", "barn", "familjen",
	"familj", "pojkarna", "flickorna", "syskonen", "tvillingarna",
	"broderna", "systrarna", NULL };

static __attribute__((noinline)) bool
name_family_compound(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct tok *t = &sc->tk->v[i], *n = t + 1;

	if (n->a != t->b + 1 || t->allcaps || t->stop || t->notname ||
	    t->part || t->lists != 0 || !word_in(n->asc, family_tails) ||
	    !(t->sur || ends_in_n(t->asc, t->alen, morph_strong, 5) ||
	    low_ends_dia(nt, t, 4)))
		return false;
	if (!staff_at(sc, i, i))
		emit(nt, t->a, t->b, "surname in a compound with the family's "
		    "children", sc->out);
	return true;
}

/* Person nouns a name stands beside as an apposition (blind18c):
 * "Pojken, Adnan, går i 5:an", "Hennes son, Milan, ...", "brukaren
 * (Fatima)"; with namedata.c's relatives. No staff ("handläggaren,
 * Anna,"); afold. */
static const char *const person_nouns[] = { "pojken", "pojke", "flickan",
	"flicka", "sonen", "son", "dottern", "dotter", "barnet", "barn",
	"eleven", "elev", "klienten", "klient", "brukaren", "brukare",
	"patienten", "patient", "ungdomen", "ungdom", "tjejen", "killen",
	"kvinnan", "mannen", "maken", "make", "makan", "maka", "frun",
	"sambon", "sambo", "yngsta", "aldsta", "dottrarna", "sonerna",
	"boy", "girl", "daughter", "client", "pupil", NULL };

/* Whether only spaces and one comma, or an opening bracket, lie
 * between a and b. */
static bool
gap_appos(const char *s, size_t a, size_t b)
{
	int marks = 0;

	if (b <= a)
		return false;
	for (size_t i = a; i < b; i++) {
		if (s[i] == ',' || s[i] == '(')
			marks++;
		else if (s[i] != ' ')
			return false;
	}
	return marks == 1;
}

/* Whether an apposition's name may end at norm offset b: a comma, a
 * closing bracket or a spaced dash follows (norm ends in a NUL). */
static inline bool
appos_end(const struct ntext *nt, size_t b)
{
	char d = nt->norm[b];

	return d == ',' || d == ')' || (d == ' ' && nt->norm[b + 1] == '-');
}

/* A lone name as an apposition to a person noun (blind18c): set off
 * by a comma or a bracket before and a comma, a closing bracket or a
 * dash after; a listed first name or a word no list knows. Out of
 * line: asked for a capitalised token after a comma or a bracket. */
static __attribute__((noinline)) bool
name_apposition(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *p = t - 1;
	size_t q;

	if (t->lists != 0 || t->notname || t->part || p->allcaps ||
	    p->first || p->sur || p->alen < 3 || p->alen > 10)
		return false;
	/* the cheap tests first: a list of names has commas too */
	for (q = t->b; q < nt->len && nt->norm[q] == ' '; q++)
		;
	if (q >= nt->len || (nt->norm[q] != ',' && nt->norm[q] != ')' &&
	    nt->norm[q] != '-'))
		return false;
	if (nt->norm[t->a - 1] == '(' ? nt->norm[q] != ')' :
	    nt->norm[q] == ')')
		return false;
	if (!gap_appos(nt->norm, p->b, t->a) ||
	    !((p->lists & L_RELATIVE) || word_in(p->asc, person_nouns) ||
	    /* "hennes man, Ali," (not "man" the pronoun) */
	    (p->alen == 3 && memcmp(p->asc, "man", 3) == 0 && i >= 2 &&
	    word_in(p[-1].asc, (const char *const[]){ "hennes", "hans",
	    "hens", "sin", NULL }))))
		return false;
	if (!(t->first || unknown_tok(sc, t)))
		return false;
	if (!staff_at(sc, i, i) && !is_company(nt, tk, i))
		emit(nt, t->a, t->b, "name as an apposition to a person",
		    sc->out);
	return true;
}

/* A lone name before a comma and a person noun, maybe after a
 * possessive (blind18c): "Milan, hennes son, har ...", "Adnan, pojken
 * i 5:an, ..."; at a sentence's start, a listed first name or a word no
 * list knows. Out of line: asked for a capitalised token before a
 * comma. */
static __attribute__((noinline)) bool
name_apposition_after(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *q;
	size_t k = i + 1;

	/* the cheap tests first: in a list of names a capital follows */
	if (k + 1 >= tk->n || tk->v[k].cap || tk->v[k].alen < 3 ||
	    t->lists != 0 || t->notname || t->part || !sent_start(sc, i) ||
	    !gap_appos(nt->norm, t->b, tk->v[k].a))
		return false;
	if ((tk->v[k].asc[0] == 'h' || tk->v[k].asc[0] == 'd') &&
	    word_in(tk->v[k].asc, (const char *const[]){ "hennes", "hans",
	    "hens", "deras", NULL }) && gap_is(nt->norm, tk->v[k].b,
	    tk->v[k + 1].a, false))
		k++;
	q = &tk->v[k];
	if (q->cap || q->alen < 3 || q->alen > 10 ||
	    !((q->lists & L_RELATIVE) || word_in(q->asc, person_nouns)))
		return false;
	/* set off after: a comma right after the noun, or after a
	 * preposition's phrase ("pojken i 5:an,"); "Anna, eleven behöver
	 * ..." speaks to Anna */
	for (size_t r = k + 1;; r++) {
		const char *g;
		size_t gl;

		if (r >= tk->n || r > k + 5)
			return false;
		g = nt->norm + tk->v[r - 1].b;
		gl = tk->v[r].a - tk->v[r - 1].b;
		if (memchr(g, ',', gl) != NULL)
			break;
		if (memchr(g, '.', gl) != NULL || memchr(g, '\n', gl) != NULL ||
		    (r == k + 1 && !word_in(tk->v[r].asc,
		    (const char *const[]){ "i", "pa", "fran", "till", "med",
		    "som", "vid", NULL })))
			return false;
	}
	if (!(t->first || unknown_tok(sc, t)))
		return false;
	if (!staff_at(sc, i, i) && !is_company(nt, tk, i))
		emit(nt, t->a, t->b, "name before an apposition of a person",
		    sc->out);
	return true;
}

/* Words of a client's situation that head an agenda item (blind18c):
 * "1. Nuläge Nasra", "- Mående Jonas"; afold. */
static const char *const situations[] = { "nulage", "maende", "situation",
	"skolsituation", "hemsituation", "livssituation", "boendesituation",
	"familjesituation", "skolgang", "narvaro", "franvaro", "trivsel",
	"halsa", "behov", "stodbehov", "vardbehov", "insatser", "mal",
	"malen", "lagesbild", NULL };

/* Whether only spaces lie between norm offset b and the line's or the
 * text's end. */
static inline bool
line_end(const struct ntext *nt, size_t b)
{
	while (b < nt->len && nt->norm[b] == ' ')
		b++;
	return b >= nt->len || nt->norm[b] == '\n';
}

/* A lone name on an agenda line after a case word (blind18c): the line
 * is an item (a number and '.' or ')', a dash, an asterisk or a bullet
 * first, or the field's first line), a case or situation word, then
 * the name and the line's end. Out of line. */
static __attribute__((noinline)) bool
name_agenda(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *p = t - 1;
	size_t q;

	if (t->lists != 0 || t->notname || t->part || p->first || p->sur ||
	    !gap_case(nt->norm, p->b, t->a) ||
	    !((p->lists & L_CASE) || word_in(p->asc, situations)))
		return false;
	/* an item's mark, or nothing, before the word */
	for (q = p->a; q > 0 && nt->norm[q - 1] == ' '; q--)
		;
	if (q > 0 && nt->norm[q - 1] != '\n') {
		size_t k = q - 1;

		if (strchr(".)-*", nt->norm[k]) == NULL || nt->norm[k] == '\0') {
			if (k < 2 || memcmp(nt->norm + k - 2, "\xe2\x80\xa2", 3) != 0)
				return false;
			k -= 2;
		} else if (nt->norm[k] == '.' || nt->norm[k] == ')') {
			if (k == 0 || !g_ascii_isdigit(nt->norm[k - 1]))
				return false;
			while (k > 0 && g_ascii_isdigit(nt->norm[k - 1]))
				k--;
		}
		while (k > 0 && nt->norm[k - 1] == ' ')
			k--;
		if (k > 0 && nt->norm[k - 1] != '\n')
			return false;
	}
	if (!(t->first || unknown_tok(sc, t)))
		return false;
	if (!staff_at(sc, i, i) && !is_company(nt, tk, i))
		emit(nt, t->a, t->b, "name on an agenda line after a case word",
		    sc->out);
	return true;
}

static bool name_caps_pair(const struct nscan *, size_t);

/* The rules on the pair at token i: first name + surname (or two first
 * names, or a particle and the surname after it) and "Surname,
 * Firstname". Returns whether one matched (emitted, or staff), with
 * *last the pair's last token. */
static bool
name_pair(const struct nscan *sc, size_t i, size_t *last)
{
	const struct names_data *nd = sc->nd;
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1, *m = n;
	bool first = t->first, any_cap = sc->any_cap;
	bool msur, mfirst = n->first, mcase = name_case(sc, n);

	if (!(first || any_cap) || n->part)
		return false;
	/* Every rule below needs t a first name, a stop word or the next
	 * word capitalised: the common capitalised word before a lower-case
	 * one stops here. */
	if (!first && !t->stop && !mcase) {
		/* a particle inside the name: "Hilde de Vries" */
		return (n->lists & L_PARTICLE) && !tk->v1 && any_cap &&
		    !sc->file && name_particle(sc, i, last);
	}
	/* a short given name after a case word: "SIP Mo Ahmadi"
	 * (name_short_case) */
	if (t->alen <= 3 && i > 0 && (t[-1].lists & (L_CASE | L_TRIGGER)) &&
	    n->cap && !first && !tk->v1 && any_cap && !sc->file && t->cap &&
	    name_short_case(sc, i)) {
		*last = i + 1;
		return true;
	}
	msur = first && is_sur(nd, nt, n, true);
	*last = i + 1;
	/* A particle: the next name decides ("al-Hassan"). */
	if (first && name_case(sc, t) && (n->lists & L_PARTICLE) &&
	    i + 2 < tk->n && (nt->norm[n->b] == '-' ||
	    nt->norm[n->b] == ' ') && n[1].a == n->b + 1 && !n[1].part) {
		m = n + 1;
		*last = i + 2;
		msur = is_sur(nd, nt, m, true) || m->first;
		mfirst = false;
		mcase = name_case(sc, m);
	}
	/* First name + surname (or two first names). */
	if (first && name_case(sc, t) && mcase && (msur ||
	    (any_cap && mfirst && !m->stop)) &&
	    gap_is(nt->norm, t->b, n->a, false)) {
		if (!staff_at(sc, i, *last) &&
		    !before_place(nt->norm, tk, *last) &&
		    !is_company(nt, tk, *last))
			emit(nt, t->a, m->b, "first name and surname", sc->out);
		return true;
	}
	/* a surname in capitals: "Anna LINDQVIST" (name_caps_pair) */
	if (msur && m == n && n->allcaps && any_cap && !tk->v1 &&
	    name_caps_pair(sc, i))
		return true;
	/* a first name, a particle and a name no list knows: "Anna von
	 * Essen" (name_particle) */
	if (!tk->v1 && any_cap && first && (n->lists & L_PARTICLE) &&
	    !sc->file && name_particle(sc, i, last))
		return true;
	/* After a case word, a listed first name (or a stop word, the
	 * names that are words: Sten, Klara) and a capitalised word, both
	 * also ordinary words: "Avstämning Sten Skog", "Hembesök Klara
	 * Sjö" (the case word makes them a name). */
	if (!tk->v1 && any_cap && (first || t->stop) && !t->notname &&
	    !n->notname && i > 0 && name_case(sc, t) &&
	    name_case(sc, n) && n->lists == 0 && !n->part &&
	    (t[-1].lists & (L_TRIGGER | L_CASE)) &&
	    gap_case(nt->norm, t[-1].b, t->a) &&
	    gap_is(nt->norm, t->b, n->a, false)) {
		*last = i + 1;
		if (!staff_at(sc, i, *last) &&
		    !before_place(nt->norm, tk, *last) &&
		    !is_company(nt, tk, *last))
			emit(nt, t->a, n->b, "first name and a capitalised word "
			    "after a case word", sc->out);
		return true;
	}
	/* "rörande/angående/gällande" + two capitalised tokens that are no
	 * words (name_about_pair) */
	if (!tk->v1 && any_cap && i > 0 && (t[-1].lists & L_TRIGGER) &&
	    t->cap && n->cap && !sc->file && name_about_pair(sc, i)) {
		*last = i + 1;
		return true;
	}
	/* Names no list knows (issue 18): two capitalised tokens, each a
	 * listed first name, a surname by list or form, or no ordinary
	 * word, and at least one no ordinary word: "Luwam Ghebreyesus",
	 * "Riikka Hyvönen", "Elle-Máret Kuoljok". */
	if (!tk->v1 && any_cap && name_case(sc, t) && name_case(sc, n) &&
	    (!t->stop || first) &&
	    !n->stop && !n->part && gap_is(nt->norm, t->b, n->a, false)) {
		bool ut = unknown_tok(sc, t), un = unknown_tok(sc, n);
		/* a proper noun of the dictionaries after a first name is
		 * a surname ("Sofija Demeter"); a surname by its ending
		 * alone must be no word ("Norska Barnevernet"), and an
		 * organisation's head is no name */
		bool pn = !un && (ut || first) && propn_only(sc, n);
		/* a first name that is a word ("Grace") before a name no
		 * list knows: "Grace Nakato" (holdout17) */
		bool pf = !ut && !first && !t->stop && (un || n->sur) &&
		    propn_first(sc, t);
		size_t a = t->a;

		/* before a name no list knows, a proper noun of the
		 * dictionaries is a first name too: "Halvard Sørensen",
		 * "Grace Nakato" (holdout17) */
		if ((ut || un || pn || pf) && (!t->stop || un) &&
		    (ut || first || t->sur || pf ||
		    (is_sur(nd, nt, t, false) &&
		    !ordinary_in_text(sc, t->a, t->b))) &&
		    (un || pn || n->first || is_sur(nd, nt, n, true)) &&
		    !is_or_ends(n->asc, n->alen, org_ends)) {
			*last = i + 1;
			/* a hyphenated first name: the part before counts */
			if (i > 0 && t->a > 0 && nt->norm[t->a - 1] == '-' &&
			    t[-1].b == t->a - 1 && t[-1].cap)
				a = t[-1].a;
			if (!staff_at(sc, i, *last) &&
			    !before_place(nt->norm, tk, *last) &&
			    !is_company(nt, tk, *last))
				emit(nt, a, n->b, "two name tokens that are no "
				    "ordinary words", sc->out);
			return true;
		}
	}
	/* At the start of a sentence before what a person does: "Rut
	 * Fors har tackat ja" (name_sentence_pair). */
	if (!tk->v1 && any_cap && t->cap && n->cap && i + 2 < tk->n &&
	    !t[2].cap && n->lists == 0 && cue_may(nd, &t[2]) && !sc->file &&
	    name_sentence_pair(sc, i)) {
		*last = i + 1;
		return true;
	}
	/* The family name first, as East and Southeast Asian names are
	 * written: a listed surname that is no word, a listed first name
	 * (or middle name) and a third part: "Nguyen Thi Lan", "Tran Quoc
	 * Bao" (final17). */
	if (!tk->v1 && any_cap && t->sur && !t->stop && !t->first &&
	    !t->allcaps && !n->allcaps && !n->stop && n->cap &&
	    (n->first || word_in(n->asc, mid_names)) &&
	    i + 2 < tk->n && n[1].cap && !n[1].allcaps && !n[1].part &&
	    !n[1].notname && (n[1].first || n[1].lists == 0) &&
	    gap_is(nt->norm, t->b, n->a, false) &&
	    gap_is(nt->norm, n->b, n[1].a, false)) {
		*last = i + 2;
		if (!staff_at(sc, i, *last) && !is_company(nt, tk, *last))
			emit(nt, t->a, n[1].b, "family name, middle and given "
			    "name", sc->out);
		return true;
	}
	/* The family name first in running text (session 18): a surname
	 * (listed or by its ending) that is no ordinary word, then a listed
	 * first name: "Lindqvist Berit behöver ny tid" (name_family_first) */
	if (!tk->v1 && any_cap && !first && !t->stop && n->first && !n->stop &&
	    t->cap && !t->allcaps && name_case(sc, n) && !sc->file &&
	    name_family_first(sc, i)) {
		*last = i + 1;
		return true;
	}
	/* Surname, Firstname */
	if (any_cap && t->cap && !t->allcaps && name_case(sc, n) &&
	    n->first && is_sur(nd, nt, t, false) &&
	    gap_is(nt->norm, t->b, n->a, true)) {
		if (!staff_at(sc, i, i + 1))
			emit(nt, t->a, n->b, "surname, first name", sc->out);
		*last = i + 1;
		return true;
	}
	/* "Surname, Firstname" that no list knows (name_comma_pair) */
	if (!tk->v1 && any_cap && t->cap && n->cap && nt->norm[t->b] == ',' &&
	    !sc->file && name_comma_pair(sc, i)) {
		*last = i + 1;
		return true;
	}
	return false;
}

/* The rules on token i next to a family word or an initial: "familjen
 * Berg", "A. Svensson", "the Nguyen family". Returns whether one
 * matched, with *last the last token it used. */
static bool
name_family(const struct nscan *sc, size_t i, size_t *last)
{
	const struct names_data *nd = sc->nd;
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i];
	const struct tok *n = i + 1 < tk->n ? t + 1 : NULL;
	const struct tok *p = i > 0 ? t - 1 : NULL;
	bool any_cap = sc->any_cap;

	/* familjen + surname, also a surname that is a word
	 * ("familjen Berg") and in lower-case text. */
	if (p && (p->lists & L_FAMILY) && (t->cap || !any_cap) &&
	    gap_case(nt->norm, p->b, t->a) &&
	    !t->allcaps && (t->sur ||
	    (!t->stop && (t->cap || is_sur(nd, nt, t, false))))) {
		/* "Familjen Kamprads stiftelse" is a foundation */
		if (!org_named(sc, i, i))
			emit(nt, t->a, t->b, "surname after familjen", sc->out);
		*last = i;
		return true;
	}
	/* An initial and a surname: "A. Svensson". */
	if (any_cap && t->cap && t->b - t->a == 1 && n != NULL &&
	    n->cap && !n->allcaps && n->a == t->b + 2 &&
	    nt->norm[t->b] == '.' && nt->norm[t->b + 1] == ' ' &&
	    !n->stop && !n->part &&
	    (n->sur || ends_in(n->asc, morph_strong, 5))) {
		if (!staff_at(sc, i, i + 1))
			emit(nt, t->a, n->b, "initial and surname", sc->out);
		*last = i + 1;
		return true;
	}
	/* "the Nguyen family" */
	if (any_cap && t->cap && !t->allcaps && !t->stop && n != NULL &&
	    n->alen == 6 && gap_is(nt->norm, t->b, n->a, false) &&
	    (strcmp(n->asc, "family") == 0 ||
	    strcmp(n->asc, "familj") == 0) &&
	    is_sur(nd, nt, t, false)) {
		emit(nt, t->a, t->b, "surname before family", sc->out);
		*last = i;
		return true;
	}
	return false;
}

/* Whether n is a role or a relative a genitive stands before. */
static bool
gen_role(const struct tok *n)
{
	return (n->lists & (L_RELATIVE | L_TITLE | L_TITLE2)) ||
	    word_in(n->asc, gen_roles) || ends_in(n->asc, names_titles, 0);
}

/* Whether t has a capital after two small letters: "DevOps",
 * "GitHub" (not "McDonald"). */
static bool
inner_cap(const struct ntext *nt, const struct tok *t)
{
	size_t low = 0;

	for (size_t i = t->a + 1; i < t->b; i++) {
		unsigned char c = (unsigned char)nt->norm[i];

		if ((unsigned)(c - 'a') < 26u)
			low++;
		else if ((unsigned)(c - 'A') < 26u && low >= 2)
			return true;
	}
	return false;
}

/* Is the capitalised word t a first name in the genitive before a
 * noun ("Ahmeds skola"), n the next token? */
static bool
name_genitive(const struct nscan *sc, const struct tok *t,
    const struct tok *n)
{
	size_t sl;
	uint32_t sh;
	unsigned sb;

	if (t->first || sc->file || n == NULL || n->cap || t->alen < 4 ||
	    t->asc[t->alen - 1] != 's' || (n->lists & L_ROOM) ||
	    !gap_is(sc->nt->norm, t->b, n->a, false))
		return false;
	/* a place named after a person: "Karl Johans skola",
	 * "Margaretas väg" */
	if (!sc->tk->v1 && (n->lists & L_PLACE_NEXT) && t > sc->tk->v &&
	    t[-1].cap && t[-1].first && gap_is(sc->nt->norm, t[-1].b, t->a,
	    false))
		return false;
	if (!sc->tk->v1 && n->alen <= 10 && word_in(n->asc, streets))
		return false;
	sl = t->alen - 1;
	sh = whash(t->asc, sl);
	sb = words_get(sc->nd, t->asc, sl, sh);
	if ((sb & W_STOP) || part_has(sc->part, t->asc, sl, sh))
		return false;
	if (sb & W_FIRST)
		return true;
	if (sc->tk->v1)
		return false;
	/* An abbreviation's plural or genitive: "APIs", "SVTs"; a
	 * product in CamelCase: "DevOps" */
	if ((g_ascii_isupper(sc->nt->norm[t->a + 1]) &&
	    g_ascii_isupper(sc->nt->norm[t->b - 2])) || inner_cap(sc->nt, t))
		return false;
	/* A surname, or a name no list knows, in the genitive ("Hadžićs",
	 * "Luwams"), when the whole word is no ordinary word ("Insats"). */
	return !t->stop && t->lists == 0 && langwords_ready() &&
	    ((sb & W_SUR) || unknown_in_text(sc, t->a, t->b - 1, false)) &&
	    (gen_role(n) || !ordinary_in_text(sc, t->a, t->b));
}

/* Whether the genitive t's base is a listed first name. */
static bool
first_gen(const struct nscan *sc, const struct tok *t)
{
	return (words_get(sc->nd, t->asc, t->alen - 1,
	    whash(t->asc, t->alen - 1)) & W_FIRST) != 0;
}

/* A client's own matters after a genitive name (session 18):
 * "Ibrahima Sows tid", "Amra Hodžićs ärende", afold. */
static const char *const gen_cases[] = { "tid", "tiden", "tider", "arende",
	"arendet", "arenden", "mote", "motet", "moten", "besok", "besoket",
	"samtal", "samtalet", "bokning", "bokningen", "utredning",
	"utredningen", "placering", "placeringen", "ansokan", "journal",
	"akt", "akten", "vardplan", "genomforandeplan", "skolgang",
	"hembesok", "uppfoljning", "uppfoljningen", "remiss", "remissen",
	"overlamning", "overlamningen", "insats", "insatser", "beslut",
	"beslutet", "behandling", "behandlingen", NULL };

/* A first name (listed, or a word no list knows) and a capitalised
 * genitive before a client's matter (gen_cases), the genitive's base
 * no Swedish word and no stop word: "Ibrahima Sows tid", "Ali Hassans
 * ärende" (the sentence about a case names the client). Out of line:
 * asked for a capitalised word ending in s before a lower-case one. */
static __attribute__((noinline)) bool
name_gen_case(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1, *p = t - 1;
	char *low;
	bool word;

	if (i == 0 || i + 1 >= tk->n || t->alen < 3 || t->stop || t->notname ||
	    t->part || t->lists != 0 || !name_case(sc, p) || p->stop ||
	    p->notname || p->lists != 0 || !word_in(n->asc, gen_cases) ||
	    !gap_is(nt->norm, t->b, n->a, false) ||
	    !gap_is(nt->norm, p->b, t->a, false) ||
	    !(p->first || unknown_tok(sc, p)) || !langwords_ready())
		return false;
	low = g_utf8_strdown(nt->norm + t->a, (gssize)(t->b - 1 - t->a));
	word = langwords_has(LW_SV, low, strlen(low));
	g_free(low);
	if (word || part_has(sc->part, t->asc, t->alen - 1,
	    whash(t->asc, t->alen - 1)))
		return false;
	if (!staff_at(sc, i - 1, i) && !before_place(nt->norm, tk, i))
		emit(nt, p->a, t->b, "name in the genitive before a client's "
		    "matter", sc->out);
	return true;
}

/* A name joined to its own family by a possessive (session 18):
 * "Halima och hennes två barn", "Omar med sin fru", afold. */
static const char *const poss[] = { "hennes", "hans", "hens", "sin", "sina",
	"sitt", NULL };
static const char *const kin[] = { "barn", "barnen", "son", "sonen",
	"soner", "sonerna", "dotter", "dottern", "dottrar", "dottrarna",
	"make", "maken", "maka", "makan", "fru", "frun", "man", "mannen",
	"sambo", "sambon", "familj", "familjen", "syskon", "syskonen",
	"foraldrar", "foraldrarna", "bebis", "bebisen", "tvillingar",
	"barnbarn", "partner", "pojke", "pojken", "flicka", "flickan",
	"pojkar", "flickor", NULL };
static const char *const small_nums[] = { "ett", "en", "tva", "tre",
	"fyra", "fem", "sex", "sma", "yngsta", "aldsta", "nyfodda", NULL };

/* Whether token i, a listed first name or a word no list knows, is
 * followed by "och"/"med"/"samt", a possessive and a kin word or a
 * relative, a number or "små" allowed before it: "Halima och hennes
 * två barn", "Dawit med sin fru". */
static __attribute__((noinline)) bool
name_own_kin(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *q;
	size_t k = i + 2;

	if (k + 1 >= tk->n || t->notname || t->lists != 0 ||
	    (tk->v[k].asc[0] != 'h' && tk->v[k].asc[0] != 's') ||
	    tk->v[k].alen > 6 || !word_in(tk->v[k].asc, poss))
		return false;
	q = &tk->v[k + 1];
	if ((word_in(q->asc, small_nums) || g_ascii_isdigit(nt->norm[q->a])) &&
	    k + 2 < tk->n)
		q++;
	if (q->cap || !((q->lists & L_RELATIVE) || word_in(q->asc, kin)))
		return false;
	for (size_t p = t->b; p < q->a; p++)
		if (nt->norm[p] == '\n' || nt->norm[p] == '.' ||
		    nt->norm[p] == ',')
			return false;
	if (!(t->first || unknown_tok(sc, t)))
		return false;
	if (!staff_at(sc, i, i))
		emit(nt, t->a, t->b, "name with a possessive and kin after it",
		    sc->out);
	return true;
}

/* The rules on one capitalised word i (not all capitals, no stop
 * word) in text with capitals: after a case word, with an age, in the
 * genitive, a surname in a file name. */
static void
name_single(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i];
	const struct tok *n = i + 1 < tk->n ? t + 1 : NULL;
	const struct tok *p = i > 0 ? t - 1 : NULL;
	bool first = t->first;

	/* A month range or list: "Jan–Mars", "dec och jan". */
	if ((t->lists & L_MONTH) && ((n && (n->lists & L_MONTH)) ||
	    (p && (p->lists & L_MONTH))))
		return;
	/* The first part of a compound: "Eva-projektet"; a family by its
	 * surname, "Andersson-barnen" (name_family_compound) */
	if (nt->norm[t->b] == '-' && g_unichar_islower(
	    g_utf8_get_char(nt->norm + t->b + 1))) {
		if (!tk->v1 && n != NULL && !sc->file)
			(void)name_family_compound(sc, i);
		return;
	}
	/* An honorific (namedata.c gives them L_TRIGGER): "fru Nazari",
	 * "Mrs. Haile" (name_honor); not in the v1 rules. */
	if (p && (p->lists & L_TRIGGER) && honor_word(p)) {
		size_t last;

		if (tk->v1 || name_honor(sc, i, &last))
			return;
	}
	/* A case word before a first name, or before a listed
	 * surname ("hos Sjöström"). */
	if (p && ((p->lists & L_TRIGGER) || (p->lists & L_CASE)) &&
	    gap_case(nt->norm, p->b, t->a) && (first || (t->sur &&
	    g_utf8_strlen(t->asc, -1) >= 4) ||
	    (!tk->v1 && unknown_tok(sc, t)))) {
		if (!staff_at(sc, i, i) &&
		    !is_company(nt, tk, i))
			emit(nt, t->a, t->b, first || t->sur ?
			    "name after a case word" : "a word that is no "
			    "ordinary word after a case word", sc->out);
		return;
	}
	/* (blind18c) a family's plural genitive: "hos Nilssons"
	 * (name_family_gen); an apposition: "Pojken, Adnan, går"
	 * (name_apposition), "Milan, hennes son," (name_apposition_after);
	 * an agenda line: "1. Nuläge Nasra" (name_agenda). Each test is
	 * paid by every capitalised token: the cheap ones first. */
	if (p && !tk->v1 && !sc->file) {
		char c = nt->norm[p->b];

		/* "brukaren (Fatima)": a space before the bracket */
		if (c == ' ' ? ((p->lists & L_TRIGGER) &&
		    t->asc[t->alen - 1] == 's' && name_family_gen(sc, i)) ||
		    (nt->norm[t->a - 1] == '(' &&
		    !p->first && !p->sur && name_apposition(sc, i)) :
		    (c == ',' || c == '(') && !p->first && !p->sur &&
		    appos_end(nt, t->b) && name_apposition(sc, i))
			return;
		/* the name ending an agenda line; "Milan, hennes son, ..."
		 * (name_apposition_after) */
		if (p->cap && line_end(nt, t->b) && name_agenda(sc, i))
			return;
		if (nt->norm[t->b] == ',' && n != NULL && !n->cap &&
		    name_apposition_after(sc, i))
			return;

	}
	/* First name with an age, school year or birth year. */
	if (first && age_cue(nt->norm + t->b, tk->v1)) {
		emit(nt, t->a, t->b, "first name with an age", sc->out);
		return;
	}
	if (name_genitive(sc, t, n)) {
		size_t a = t->a;

		/* the first name before it: "Juma Bakaris gode man" */
		if (!tk->v1 && p && name_case(sc, p) && !p->stop &&
		    !p->notname && gap_is(nt->norm, p->b, t->a, false) &&
		    (p->first || unknown_tok(sc, p)))
			a = p->a;
		emit(nt, a, t->b, first_gen(sc, t) ?
		    "first name in the genitive" : "name in the genitive",
		    sc->out);
		return;
	}
	if (!tk->v1 && n && !n->cap && t->asc[t->alen - 1] == 's' && p &&
	    p->cap && !p->stop && p->lists == 0 && n->alen >= 3 &&
	    n->alen <= 16 && !sc->file && name_gen_case(sc, i))
		return;
	/* key_eq: inline (memcmp is a call here, for many tokens) */
	if (!tk->v1 && n && !n->cap && ((n->alen == 3 &&
	    (key_eq(n->asc, "och", 3) || key_eq(n->asc, "med", 3))) ||
	    (n->alen == 4 && key_eq(n->asc, "samt", 4))) && !sc->file &&
	    name_own_kin(sc, i))
		return;
	/* A first name or a word that is no ordinary word with a relative
	 * in the sentence: "Filmon kommer med sin moster", "Ayaan och
	 * mamman". The token test before the sentence's: unknown_tok's
	 * answer is kept in the token and the rule below asks it anyway,
	 * while relative_near is a walk most capitalised words need not
	 * take (both are pure). */
	if (!tk->v1 && tk->any_rel && !(t->lists & L_RELATIVE) &&
	    !sc->file && (first || unknown_tok(sc, t)) &&
	    relative_near(nt, tk, i) && !staff_at(sc, i, i)) {
		emit(nt, t->a, t->b, "name with a relative in the sentence",
		    sc->out);
		return;
	}
	/* A lone name made a person by its sentence (name_sentence). */
	if (!tk->v1 && !sc->file && !t->notname && t->lists == 0 &&
	    (first || t->sur || t->unk == 1 ||
	    (t->unk < 0 && unknown_tok(sc, t))) && name_sentence(sc, i))
		return;
	/* A surname in a file name: Plan_Nordqvist.docx */
	if (sc->file && !ends_in(t->asc, units, 0) && !file_company(tk, i) &&
	    (n == NULL || !(n->lists & L_PLACE_NEXT)) &&
	    ((t->sur &&
	    g_utf8_strlen(t->asc, -1) >= 3) ||
	    ends_in(t->asc, morph_file, 5) ||
	    low_ends_dia(nt, t, 5)))
		emit(nt, t->a, t->b, "surname in a file name", sc->out);
}

/* A lower-case name token in text without capitals: a listed first
 * name or surname that is no word (*listed), or a word of 4+ letters
 * no list knows that is no ordinary word. */
static bool
low_name_tok(const struct nscan *sc, const struct tok *t, bool *listed)
{
	*listed = false;
	if (t->part || t->notname || t->stop || t->lists != 0 || t->alen < 3)
		return false;
	if (t->first || t->sur) {
		*listed = true;
		return true;
	}
	return t->alen >= 4 && langwords_ready() &&
	    unknown_in_text(sc, t->a, t->b, t->ascii);
}

/* Whether a school class follows norm offset b: " 9b", " åk 7". */
static bool
class_after(const struct ntext *nt, size_t b)
{
	const char *s = nt->norm + b;

	s += strspn(s, " ");
	if (strncmp(s, "åk", 3) == 0 || strncmp(s, "ak", 2) == 0)
		s += s[0] == 'a' ? 2 : 3, s += strspn(s, " ");
	if (!g_ascii_isdigit(*s))
		return false;
	s += g_ascii_isdigit(s[1]) ? 2 : 1;
	if (g_ascii_isalpha(*s) && !g_ascii_isalpha(s[1]))
		s++;
	return !g_ascii_isalnum(*s);
}

/* Two lower-case name tokens at the start of a text without capitals,
 * set off by a comma, a colon or a dash before a case word (session
 * 18): "sara-kitti ánde, avstämning", "yonas tesfaye - uppföljning"; one
 * of them (or the first part of a hyphenated first name) listed, the
 * other listed or no ordinary word. */
static bool
low_pair_lead(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1, *c;
	size_t s = i, q;
	bool lt, ln, lp = false;

	if (i + 2 >= tk->n || !(n[1].lists & L_CASE))
		return false;
	/* the part before a hyphen: "sara-kitti" */
	if (i > 0 && t->a > 0 && nt->norm[t->a - 1] == '-' &&
	    t[-1].b == t->a - 1) {
		s = i - 1;
		lp = t[-1].first && !t[-1].stop;
	}
	if (s != 0)
		return false;
	c = &n[1];
	q = n->b + strspn(nt->norm + n->b, " ");
	if (q >= c->a || strchr(",:-", nt->norm[q]) == NULL ||
	    q + 1 + strspn(nt->norm + q + 1, " ") != c->a)
		return false;
	if (!low_name_tok(sc, t, &lt) || !low_name_tok(sc, n, &ln) ||
	    !(lt || ln || lp))
		return false;
	if (!staff_at(sc, s, i + 1) && !is_company(nt, tk, i + 1))
		emit(nt, tk->v[s].a, n->b, "two lower-case name tokens before "
		    "a case word", sc->out);
	return true;
}

/* Two lower-case name tokens in text without capitals (a subject typed
 * in lower case, final17): after a case word when one is listed
 * ("umgänge yonas gebremedhin", "elevhälsomöte ardit shala 9b"), or,
 * both listed, before a relative or a school class ("yonas gebremedhin
 * + pappa"). Out of line: only lower-case texts come here. */
static __attribute__((noinline)) bool
name_low_pair(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1;
	bool lt, ln, before, after;

	if (!gap_is(nt->norm, t->b, n->a, false))
		return false;
	before = i > 0 && (t[-1].lists & (L_CASE | L_TRIGGER)) &&
	    gap_case(nt->norm, t[-1].b, t->a);
	after = (i + 2 < tk->n && (n[1].lists & L_RELATIVE) &&
	    strspn(nt->norm + n->b, " +&,-") == n[1].a - n->b) ||
	    class_after(nt, n->b);
	if (!(before || after))
		return low_pair_lead(sc, i);
	if (!low_name_tok(sc, t, &lt) ||
	    !low_name_tok(sc, n, &ln) || !(before ? lt || ln : lt && ln))
		return false;
	if (!staff_at(sc, i, i + 1) && !is_company(nt, tk, i + 1))
		emit(nt, t->a, n->b, "two lower-case name tokens next to a "
		    "case word, a relative or a class", sc->out);
	return true;
}

/* One lower-case listed name after a case word in text without
 * capitals (a subject typed in lower case, session 18): "hembesök
 * ahmed", "samtal med yonas", "uppföljning fatima"; a listed name that
 * is also an ordinary word ("per", "mina", "alla") is not.
 * Out of line: the caller asks only after a case word. */
static __attribute__((noinline)) bool
name_low_single(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i];
	bool listed;

	if (!gap_case(nt->norm, t[-1].b, t->a) ||
	    !low_name_tok(sc, t, &listed) || !listed || t->alen < 3 ||
	    !langwords_ready() || ordinary_in_text(sc, t->a, t->b))
		return false;
	/* the name of a pair: name_low_pair's, or a word after it */
	if (i + 1 < tk->n && gap_is(nt->norm, t->b, tk->v[i + 1].a, false) &&
	    (tk->v[i + 1].first || tk->v[i + 1].sur))
		return false;
	if (!staff_at(sc, i, i) && !is_company(nt, tk, i))
		emit(nt, t->a, t->b, "a lower-case name after a case word",
		    sc->out);
	return true;
}

/* A first name that is also a word (a stop word: Mina, Klara, Hans)
 * made a person by a verb right after it and a relative or a personal
 * pronoun in its sentence (session 18): "Mina följer med till mötet,
 * hennes pappa också". A determiner is followed by a noun, not by a
 * verb ("Mina elever följer med"); "Alla" and "Inga" stand alone as
 * pronouns ("Alla kommer, även hennes pappa") and stay out. Out of
 * line: asked for a capitalised stop word that is a listed first name. */
static const char *const stop_verbs[] = { "foljer", "foljde", "foljt",
	"deltar", "deltog", "medverkar", "narvarar", "ar", "var", "har",
	"hade", NULL };
static __attribute__((noinline)) bool
name_stop_person(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1;

	if (i + 2 >= tk->n || n->cap || strcmp(t->asc, "alla") == 0 ||
	    strcmp(t->asc, "inga") == 0 || t->notname || t->lists != 0 ||
	    !gap_is(nt->norm, t->b, n->a, false) ||
	    !((cue_of(sc, n) & (C_PVERB | C_PVERB_WEAK | C_AUX)) ||
	    word_in(n->asc, stop_verbs)) ||
	    !((tk->any_rel && relative_near(nt, tk, i)) || pron_after(sc, i)))
		return false;
	if (!staff_at(sc, i, i) && !is_company(nt, tk, i))
		emit(nt, t->a, t->b, "a name that is a word before a verb, with "
		    "a relative or a pronoun in the sentence", sc->out);
	return true;
}

/* A surname in capitals after a first name in mixed-case text, the
 * formal Swedish style: "Orosanmälan Anna LINDQVIST" (attack18). The
 * first name listed and written as a name, the surname all capitals of
 * at least three letters that, folded, is a listed surname or has a
 * surname's ending, and no word, organisation or participant (an
 * acronym such as "Anna BUP" has neither). Returns whether it matched
 * (emitted, or staff). */
static __attribute__((noinline)) bool
name_caps_pair(const struct nscan *sc, size_t i)
{
	const struct ntext *nt = sc->nt;
	const struct toks *tk = sc->tk;
	const struct tok *t = &tk->v[i], *n = t + 1;

	if (!t->first || !t->cap || t->allcaps || !n->allcaps ||
	    n->alen < 3 || n->stop || n->notname || n->part || t->stop ||
	    sc->file || !gap_is(nt->norm, t->b, n->a, false) ||
	    !is_sur(sc->nd, nt, n, true) ||
	    is_or_ends(n->asc, n->alen, org_ends))
		return false;
	if (!staff_at(sc, i, i + 1) && !before_place(nt->norm, tk, i + 1) &&
	    !is_company(nt, tk, i + 1))
		emit(nt, t->a, n->b, "first name and a surname in capitals",
		    sc->out);
	return true;
}

/* Whether token k is the Swedish verb particle "in" ("boka in Anna
 * Karlsson", "kalla in", "skriva in": blind18d), not the English place
 * preposition of "in Lund" (namedata.c place). afold. */
static bool
verb_particle_in(const struct toks *tk, size_t k)
{
	static const char *const verbs[] = { "boka", "bokar", "bokat",
	    "bokade", "kalla", "kallar", "kallat", "kallade",
	    "skriva", "skriver", "skrivit", "skrev", "skrivs", "ring",
	    "ringa", "ringer", "ringt", "ringde", "bjud", "bjuda", "bjuder",
	    "bjudit", "bjod", "slapp", "slappa", "slapper", "slappt",
	    "lagg", "lagga", "lagger", "lagt", "lade", "skicka", "skickar",
	    "skickat", "skickade", "ta", "tar", "tagit", "tog", "hamta",
	    "hamtar", "hamtat", "hamtade", "remittera", "remitterar", NULL };

	return strcmp(tk->v[k].asc, "in") == 0 && k > 0 &&
	    !tk->v[k - 1].cap && word_in(tk->v[k - 1].asc, verbs);
}

/* Every name rule on token i; returns the last token used (i when the
 * rule took one token or none matched). */
static size_t
name_at(const struct nscan *sc, size_t i)
{
	const struct tok *t = &sc->tk->v[i];
	size_t last;

	if (t->part || (i > 0 && (t[-1].lists & L_PLACE) &&
	    !verb_particle_in(sc->tk, i - 1)))
		return i;
	if (sc->file && i + 1 < sc->tk->n && !sc->tk->v1 &&
	    (name_file_pair(sc, i) || name_file_initial(sc, i)))
		return i + 1;
	if (!sc->any_cap && !sc->tk->v1 && i + 1 < sc->tk->n &&
	    !sc->file && name_low_pair(sc, i))
		return i + 1;
	if (!sc->any_cap && i > 0 && (t[-1].lists & (L_CASE | L_TRIGGER)) &&
	    (t->first || t->sur) && !sc->tk->v1 && !sc->file &&
	    name_low_single(sc, i))
		return i;
	if (i + 1 < sc->tk->n && name_pair(sc, i, &last))
		return last;
	/* the one-letter token first: most tokens stop there */
	if (i + 2 < sc->tk->n && t[1].b - t[1].a == 1 && t->first &&
	    !sc->file && !sc->tk->v1 && name_initial_case(sc, i))
		return i + 1;
	if (name_family(sc, i, &last))
		return last;
	if (!sc->any_cap || !t->cap || t->allcaps)
		return i;
	if (t->stop) {
		/* a name that is a word after an honorific: "fru Berg" */
		if (i > 0 && (t[-1].lists & L_TRIGGER) && !sc->tk->v1 &&
		    honor_word(&t[-1]) && name_honor(sc, i, &last))
			return last;
		if (t->first && !sc->tk->v1 && !sc->file)
			(void)name_stop_person(sc, i);
		return i;
	}
	name_single(sc, i);
	return i;
}

/* lists, cap and first of a token (and the bytes between) as one
 * number: next_start's loop reads each token once. */
G_STATIC_ASSERT(offsetof(struct tok, cap) == offsetof(struct tok, lists) + 4 &&
    offsetof(struct tok, first) == offsetof(struct tok, lists) + 7);

static inline uint64_t
tok_lists_flags(const struct tok *t)
{
	uint64_t x;

	memcpy(&x, &t->lists, 8);
	return x;
}

/* tok_lists_flags's bits of L_FAMILY, cap and first (a constant). */
static inline uint64_t
start_mask(void)
{
	struct tok m;

	memset(&m, 0, sizeof(m));
	m.lists = L_FAMILY;
	m.cap = m.first = true;
	return tok_lists_flags(&m);
}

/* The first token from i on that may start a name when capitals mark
 * names: a capitalised word, a first name or a word after "familjen"
 * (every rule then needs one of the three). Most tokens are none:
 * their own loop, one load and test a token (a "familjen" that is
 * neither of the others stops it too: its next token is the one). */
static inline size_t
next_start(const struct toks *tk, size_t i)
{
	const struct tok *t = tk->v + i, *end = tk->v + tk->n;
	const uint64_t mask = start_mask();

	if (i > 0 && i <= tk->n && (t[-1].lists & L_FAMILY))
		return i;
	while (t < end && !(tok_lists_flags(t) & mask))
		t++;
	if (t < end && !t->cap && !t->first)
		t++;	/* after "familjen" */
	return (size_t)(t - tk->v);
}

/* The norm offset of the first letter closer ("Mvh") in nt, or
 * SIZE_MAX; NULL sig: a staff word or a welcome in a subject was
 * found (the text is about a colleague). */
static bool
name_context(const struct ntext *nt, const struct toks *tk, bool file,
    bool subject, size_t *sig)
{
	for (size_t k = SW_STAFF; k < SW_CLOSER; k++)
		if (scan_found(nt, tk, file, k))
			return false;	/* staff context: a colleague */
	if (subject && scan_found(nt, tk, file, SW_VALK))
		return false;	/* "Välkommen Anna!": a new colleague */
	for (size_t k = SW_CLOSER; k < SW_VALK; k++) {
		const char *at = scan_found(nt, tk, file, k);

		if (at != NULL &&
		    ntext_anorm(nt, (size_t)(at - nt->afold)) < *sig)
			*sig = ntext_anorm(nt, (size_t)(at - nt->afold));
	}
	return true;
}

void
det_names(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out)
{
	const struct names_data *nd = ctx->data ? ctx->data->names : NULL;
	struct names_part *own = NULL;
	struct nscan sc;
	struct toks tk;
	bool file = ctx->field == FLD_ATTACHMENT_NAME;
	bool subject = ctx->field == FLD_SUBJECT || ctx->field == FLD_SUMMARY;

	/* Participants' own names (calendar CNs, display names of the
	 * address fields) are no client names (spec section 3). */
	if (nd == NULL || ctx->field == FLD_ATTENDEE_CN ||
	    ctx->field == FLD_ORGANIZER_CN || ctx->field == FLD_ADDRESS_NAME ||
	    nt->len == 0)
		return;
	sc.nd = nd;
	sc.nt = nt;
	sc.tk = &tk;
	sc.out = out;
	sc.sig = SIZE_MAX;
	sc.file = file;
	/* The participants' names: once per invitation when the caller
	 * keeps a cache, else for this call. */
	if (ctx->inv == NULL)
		sc.part = NULL;
	else if (ctx->cache != NULL) {
		if (ctx->cache->names_part == NULL)
			ctx->cache->names_part = names_part_new(ctx->inv);
		sc.part = ctx->cache->names_part;
	} else
		sc.part = own = names_part_new(ctx->inv);
	names_tokenize(nd, sc.part, nt, file, file ? 0 : subject ? N_SW : SW_VALK,
	    &tk);
	sc.any_cap = tk.any_cap;
	tk.v1 = nd->v1;
	tk.any_rel = !tk.v1 && tk.nrel > 0;
	if (name_context(nt, &tk, file, subject, &sc.sig)) {
		for (size_t i = sc.any_cap ? next_start(&tk, 0) : 0; i < tk.n;
		    i = sc.any_cap ? next_start(&tk, i + 1) : i + 1)
			i = name_at(&sc, i);
	}
	names_toks_free(&tk);
	names_part_free(own);
}
