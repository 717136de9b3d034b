/*
 * ident.c: the other identifiers of detection-spec section 2: reserve
 * numbers (Region Stockholm, VGR, Värmland/Carelink, NRID, the regional
 * letter forms), interim "T-numbers", LMA/dossier numbers (keyword
 * only), journal numbers, birth dates with a cue, diary numbers (log
 * only), and the person references ("flicka 15 år") the topic
 * combination needs. Two PCRE2 JIT passes per field: one anchored on
 * digits, one on cue words; each alternative is one capture group,
 * and C validates dates and check digits.
 */
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <glib.h>

#include "detect.h"
#include "ruledata.h"
#include "ids.h"

struct ident_data {
	struct ids_re	num;	/* digit-anchored identifiers */
	struct ids_re	cue;	/* cue word + value */
};

#define NB	"(?<![\\p{L}\\p{N}\\-+/.,#%=@&])"	/* left boundary */
#define NA	"(?![\\p{L}\\p{N}]|[.,/-]\\d)"		/* right boundary */

static const char num_pat[] =
    NB "(?:"
    /* 1: Region Stockholm: 99 + issue year + 5 + check. */
    "(99\\d{10})" NA
    /* 2: Carelink: yyyymm + day 32-59 + NNN + C. */
    "|((?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:3[2-9]|[45]\\d)\\d{4})" NA
    /* 3: NRID: century+3, yymmdd, two letters (no IOQVW), G, C. */
    "|(2[123]\\d{6}[A-HJ-NPR-UX-Z]{2}\\d{2})" NA
    /* 4: date + 4 characters, at least one a letter: VGR, interim,
     * Värmland, Skåne, ProReNata; 5 date, 6 dash, 7 the characters. */
    "|(((?:18|19|20)?\\d{6})(-?)"
    "((?=[A-Z0-9]{0,3}[A-Z])[A-Z0-9]{4}))" NA
    /* 8: LMA / dossier number, optional card serial. */
    "|(\\d{2}-\\d{6}(?:/\\d)?)" NA
    /* 9: "8-åringen" */
    "|(\\d{1,2}-åring(?:en|ar|arna)?(?!\\p{L})"
    /* ... or a bare age set off at a field or clause start and end:
     * "15 år – placering", "Utredning (14 år)", not "under 3 år" */
    "|(?<=^|[-(:,;]\\s|\\(|\\n)\\d{1,2}\\s?år(?:\\sgammal)?"
    "(?=\\s*(?:[-),:;\\n]|$)))"
    ")";

#define DATE_ALT \
    "(\\d{4}-\\d{2}-\\d{2}|\\d{8}|\\d{6}|\\d{1,2}[/.]\\d{1,2}(?:[/.-](?:\\d{4}|\\d{2})|\\s\\d{4})" \
    "|\\d{1,2}\\s(?:jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec)\\p{L}*\\.?\\s\\d{4})"

static const char cue_pat[] =
    /* 1: journal number */
    "(journal(?:nr|nummer|-nr|\\s?nr)\\.?\\s*:?\\s*[a-z]{0,4}\\s?\\d[\\d/-]{2,}\\d)"
    /* 2: birth date with a cue, 3 the date */
    "|((?:född(?:es|a)?|f\\.|born(?:\\son)?|dob|födelsedatum|date\\sof\\sbirth)\\s*:?\\s*(?:den\\s)?" DATE_ALT
    "(?![\\p{L}\\p{N}]))"
    /* 4: diary number */
    "|((?:dnr|diarienr|diarienummer)\\.?\\s*:?\\s*[a-zåäö]{0,6}\\s?\\d{4}[/:.-]\\d{1,5}(?!\\p{N}))"
    /* 5: person word + age: "flicka 15 år", "pojken, 8-årig",
     * "flicka (15)", "boy, 13", "girl aged 9" */
    "|((?:pojken?|flickan?|barnet|barn|eleven|elev|klienten|klient|brukaren|"
    "patienten|mamman?|pappan?|vårdnadshavaren?|sonen|son|dottern|dotter|"
    "ungdomen|ungdom|tjejen|tjej|killen|kille|kvinnan?|mannen|"
    "boy|girl|child|client|patient|pupil|teenager)"
    "(?!\\p{L})(?:[^\\n\\d]{0,20}?\\d{1,2}\\s?(?:år|-årig|years?\\sold|-year-old)"
    "(?!\\p{L})|\\s?[(,]\\s?(?:aged\\s)?\\d{1,2}(?:\\)|(?=[,;:\\s]|$))(?![\\p{N}/.:])))";

static const struct ids_kw lma_kw[] = {
	{ "lma", false }, { "lma-", true }, { "dossier", true },
	{ "migrationsverket", true }, { "asyl", true }, { "asylsökande", true },
	IDS_KW_END
};
struct ids_kwset ids_kws_lma = IDS_KWSET(lma_kw);

static const struct ids_kw reserv_kw[] = {
	{ "reservnr", true }, { "reservnummer", true }, { "rnr", false },
	{ "reserv-id", true }, { "reservid", true },
	{ "saknar personnummer", true }, { "utan personnummer", true },
	IDS_KW_END
};
struct ids_kwset ids_kws_reserv = IDS_KWSET(reserv_kw);

#define KW_WINDOW	30

/* Every cue_pat match starts with one of these at a word start (the
 * alternatives' first words, cut to a common stem): a window without
 * any of them cannot match, and this test is much cheaper than the
 * pattern. Keep in step with cue_pat. */
static const struct ids_kw cue_starts[] = {
	{ "journal", true }, { "född", true }, { "f.", true }, { "born", true },
	{ "dob", true }, { "födelsedatum", true }, { "date", true },
	{ "dnr", true }, { "diarie", true }, { "pojk", true },
	{ "flick", true }, { "barn", true }, { "elev", true },
	{ "klient", true }, { "brukare", true }, { "patient", true },
	{ "mamma", true }, { "pappa", true }, { "vårdnadshavare", true },
	{ "son", true }, { "dotter", true }, { "ungdom", true },
	{ "tjej", true }, { "kille", true }, { "kvinna", true },
	{ "mannen", true }, { "boy", true }, { "girl", true },
	{ "child", true }, { "client", true }, { "pupil", true },
	{ "teenager", true },
	IDS_KW_END
};
struct ids_kwset ids_kws_cue = IDS_KWSET(cue_starts);

struct ident_data *
ident_data_new(const struct ruledata_paths *p, char *err, size_t n)
{
	struct ident_data *d = g_new0(struct ident_data, 1);
	const struct relimits *lim = p ? p->regex : NULL;

	if (ids_re_init(&d->num, num_pat, PCRE2_ANCHORED, lim, err, n) == -1) {
		g_free(d);
		return NULL;
	}
	if (ids_re_init(&d->cue, cue_pat, PCRE2_ANCHORED, lim, err, n) == -1) {
		ids_re_fini(&d->num);
		g_free(d);
		return NULL;
	}
	return d;
}

void
ident_data_free(struct ident_data *d)
{
	if (d == NULL)
		return;
	ids_re_fini(&d->num);
	ids_re_fini(&d->cue);
	g_free(d);
}

/* Which alternative matched: the letter of names[i] for the first set
 * capture group i + 1 (alternatives are groups, not (*MARK), because a
 * leading verb costs the pattern its start-byte optimisation). */
static char
ident_which(const PCRE2_SIZE *ov, const char *names)
{
	for (size_t i = 0; names[i] != '\0'; i++)
		if (ov[2 * (i + 1)] != PCRE2_UNSET)
			return names[i];
	return 0;
}

/* Date of 6 (century from ref) or 8 digits; 1 when it exists and is not
 * after the reference date. */
static bool
ident_date(const char *s, size_t n, time_t ref, int *yy_out)
{
	int ry, rm, rd, y, m, d;

	ids_ymd(ref, &ry, &rm, &rd);
	if (n == 8) {
		y = ids_num(s, 4);
		m = ids_num(s + 4, 2);
		d = ids_num(s + 6, 2);
	} else if (n == 6) {
		y = (ry / 100) * 100 + ids_num(s, 2);
		m = ids_num(s + 2, 2);
		d = ids_num(s + 4, 2);
		if (y > ry || (y == ry && (m > rm || (m == rm && d > rd))))
			y -= 100;
	} else
		return false;
	if (yy_out != NULL)
		*yy_out = y;
	if (!ids_date_ok(y, m, d))
		return false;
	return !(y > ry || (y == ry && (m > rm || (m == rm && d > rd))));
}

/* The date + 4 characters family. s6 is the last 6 date digits. */
static void
ident_letter_form(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out, size_t start, size_t end, const char *date,
    size_t dlen, const char *t4)
{
	const char *s6 = date + dlen - 6;
	int d[10], k;
	bool kw;

	if (!ident_date(date, dlen, ctx->ref_time, NULL))
		return;
	kw = ids_kw_near(nt, start, end, KW_WINDOW, KW_WINDOW, &ids_kws_reserv);
	/* Interim number: letter counted as 1, Luhn over 10 (spec 2). */
	if (strchr("TRSUWXJKLMN", t4[0]) != NULL && g_ascii_isdigit(t4[1]) &&
	    g_ascii_isdigit(t4[2]) && g_ascii_isdigit(t4[3])) {
		for (k = 0; k < 6; k++)
			d[k] = s6[k] - '0';
		d[6] = 1;
		d[7] = t4[1] - '0';
		d[8] = t4[2] - '0';
		d[9] = t4[3] - '0';
		if (ids_luhn(d, 10) && !(dlen == 8 &&
		    strchr("KMX", t4[0]) != NULL)) {
			ids_emit(out, nt, "interim-number", HIT_IDENT,
			    SEV_HIGH, start, end, dlen, "interim number (T-nummer)");
			return;
		}
	}
	/* VGR: K=5, M=7, X=8 (spec 2). */
	if (strchr("KMX", t4[0]) != NULL && g_ascii_isdigit(t4[1]) &&
	    g_ascii_isdigit(t4[2]) && g_ascii_isdigit(t4[3])) {
		for (k = 0; k < 6; k++)
			d[k] = s6[k] - '0';
		d[6] = t4[0] == 'K' ? 5 : t4[0] == 'M' ? 7 : 8;
		d[7] = t4[1] - '0';
		d[8] = t4[2] - '0';
		d[9] = t4[3] - '0';
		if (ids_luhn(d, 10)) {
			ids_emit(out, nt, "reservnummer", HIT_IDENT, SEV_HIGH,
			    start, end, dlen, "reservnummer (VGR format)");
			return;
		}
		/* The interim check, for 8-digit forms skipped above. */
		d[6] = 1;
		if (strchr("TRSUWXJKLMN", t4[0]) != NULL && ids_luhn(d, 10)) {
			ids_emit(out, nt, "interim-number", HIT_IDENT,
			    SEV_HIGH, start, end, dlen, "interim number (T-nummer)");
			return;
		}
	}
	if (kw)
		ids_emit(out, nt, "reservnummer", HIT_IDENT, SEV_HIGH, start,
		    end, dlen, "reservnummer (keyword)");
	else
		ids_emit(out, nt, "reservnummer-pattern", HIT_IDENT,
		    SEV_MEDIUM, start, end, dlen,
		    "date followed by a local reserve code");
}

/* One of the signs of NB? (A switch: a bit test, cheaper than strchr
 * per digit run.) */
static inline bool
nb_sign(char c)
{
	switch (c) {
	case '-': case '+': case '/': case '.': case ',': case '#': case '%':
	case '=': case '@': case '&':
		return true;
	default:
		return false;
	}
}

/* Can num_pat match at the run of n digits at p, which the shape tests
 * of ident_num_at have let through? Its left boundary NB, decided on an
 * ASCII byte before p (a date's "-03" of "2025-06-03" stops here), and
 * for a run and a dash the alternatives that take one: a letter form
 * (6 or 8 digits, a capital within the 4 characters after the dash),
 * an LMA number (2 digits, 6 after the dash) or "8-åringen". */
static bool
ident_num_maybe(const char *s, size_t len, size_t p, size_t n)
{
	size_t e = p + n;

	if (p > 0 && (g_ascii_isalnum(s[p - 1]) || nb_sign(s[p - 1])))
		return false;
	if (e >= len || s[e] != '-' || n == 12)
		return true;
	if (n > 2) {
		/* Only the letter forms take 6+ digits and a dash (12
		 * digits are tried as they are): the date, the dash and
		 * four characters of which one is a capital A-Z. */
		for (size_t i = e + 1; i < len && i <= e + 4; i++)
			if (s[i] >= 'A' && s[i] <= 'Z')
				return true;
		return false;
	}
	if (n == 2 && ids_run_len(s, len, e + 1) >= 6)
		return true;
	return len - e > 6 && memcmp(s + e + 1, "\xc3\xa5ring", 6) == 0;
}

/* The number patterns at the run start p; returns the offset where the
 * next number may start. */
static size_t
ident_num_at(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out, pcre2_match_data *md, size_t p, size_t n,
    struct ids_dcache *dc)
{
	const struct ids_re *re = &ctx->data->ident->num;
	const char *s = nt->norm;
	PCRE2_SIZE *ov;
	size_t off;
	char mark[1];
	size_t a, b;
	int dg[12], ry, rm, rd, y;
	bool kw;

	off = p + 1;
	/* Every alternative starts with 6+ digits, or with 1-2 digits
	 * and a dash (LMA, "8-åringen") or "år" (an age). */
	if (n < 6 && !(n >= 1 && n <= 2 && p + n < nt->len &&
	    (s[p + n] == '-' || (p + n + 3 < nt->len &&
	    memcmp(s + p + n, " \xc3\xa5r", 4) == 0) ||
	    memcmp(s + p + n, "\xc3\xa5r", 3) == 0)))
		return off;
	/* 6+ digits: 12 in one run (Region Stockholm, Carelink), or the
	 * run ends at a dash or a capital (the letter forms, NRID). */
	if (n >= 6 && n != 12 && !(p + n < nt->len && (s[p + n] == '-' ||
	    (s[p + n] >= 'A' && s[p + n] <= 'Z'))))
		return off;
	if (re->shortcut && !ident_num_maybe(s, nt->len, p, n))
		return off;
	if (!ids_re_at(re, s, nt->len, p, md, &out->limit))
		return off;
	ov = pcre2_get_ovector_pointer(md);
	mark[0] = ident_which(ov, "SCNLLLLMA");
	a = ov[0];
	b = ov[1];
	off = b > p ? b : p + 1;
	if (mark[0] == 0)
		return off;
	if (mark[0] != 'A' && mark[0] != 'L' &&
	    ids_dialin(nt, a, b, dc) &&
	    !ids_kw_near(nt, a, b, KW_WINDOW, KW_WINDOW, &ids_kws_reserv))
		return off;
	switch (mark[0]) {
	case 'S':
		/* Luhn over positions 5-11, check at 12. */
		for (int i = 0; i < 8; i++)
			dg[i] = s[a + 4 + i] - '0';
		ids_ymd(ctx->ref_time, &ry, &rm, &rd);
		y = ids_num(s + a + 2, 4);
		kw = ids_kw_near(nt, a, b, KW_WINDOW, KW_WINDOW,
		    &ids_kws_reserv);
		if (ids_luhn(dg, 8) && y >= 1900 && y <= ry)
			ids_emit(out, nt, "reservnummer", HIT_IDENT,
			    SEV_HIGH, a, b, 6,
			    "reservnummer (Region Stockholm format)");
		else if (kw)
			ids_emit(out, nt, "reservnummer-pattern",
			    HIT_IDENT, SEV_MEDIUM, a, b, 6,
			    "reservnummer keyword, check digit fails");
		break;
	case 'C':
		ids_ymd(ctx->ref_time, &ry, &rm, &rd);
		y = ids_num(s + a, 4);
		if (y <= ry)
			ids_emit(out, nt, "reservnummer-pattern",
			    HIT_IDENT, SEV_MEDIUM, a, b, 6,
			    "reserve number pattern (Carelink)");
		break;
	case 'N': {
		int m = ids_num(s + a + 4, 2), d = ids_num(s + a + 6, 2);

		if ((m == 0 || m <= 12) && d <= 31)
			ids_emit(out, nt, "reservnummer-pattern",
			    HIT_IDENT, SEV_MEDIUM, a, b, 8,
			    "reserve number pattern (national reserve ID)");
		break;
	}
	case 'L':
		if (ov[11] <= ov[10] || ov[15] <= ov[14])
			break;
		if (ids_dialin(nt, a, b, dc))
			break;
		ident_letter_form(ctx, nt, out, a, b, s + ov[10],
		    ov[11] - ov[10], s + ov[14]);
		break;
	case 'M':
		if (ids_kw_near(nt, a, b, KW_WINDOW, KW_WINDOW, &ids_kws_lma))
			ids_emit(out, nt, "lma-number", HIT_IDENT,
			    SEV_HIGH, a, b, 2,
			    "LMA/dossier number (Migrationsverket)");
		break;
	case 'A':
		ids_emit(out, nt, "person-reference", HIT_PERSON_REF,
		    SEV_LOW, a, b, 2, "person reference with age");
		break;
	default:
		break;
	}
	return off;
}

/* Handles one cue match at [a, b); ov as left by the match. */
static void
ident_cue_hit(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out, const PCRE2_SIZE *ov)
{
	const char *s = nt->norm;
	size_t a = ov[0], b = ov[1];

	switch (ident_which(ov, "JBBDP")) {
	case 'J':
		ids_emit(out, nt, "journal-number", HIT_IDENT, SEV_MEDIUM, a, b,
		    0, "journal number");
		break;
	case 'B': {
		size_t da = ov[6], dl = ov[7] - ov[6];

		/* A compact or ISO date must exist. */
		if (dl == 10 && s[da + 4] == '-') {
			char tmp[8];

			memcpy(tmp, s + da, 4);
			memcpy(tmp + 4, s + da + 5, 2);
			memcpy(tmp + 6, s + da + 8, 2);
			if (!ident_date(tmp, 8, ctx->ref_time, NULL))
				break;
		} else if ((dl == 8 || dl == 6) && ids_run_len(s, da + dl,
		    da) == dl && !ident_date(s + da, dl, ctx->ref_time, NULL))
			break;
		ids_emit(out, nt, "birth-date", HIT_CONTACT, SEV_MEDIUM, a, b,
		    0, "birth date");
		break;
	}
	case 'D':
		ids_emit(out, nt, "diary-number", HIT_OTHER, SEV_LOW, a, b, 4,
		    "diary number (public record)");
		break;
	case 'P':
		ids_emit(out, nt, "person-reference", HIT_PERSON_REF, SEV_LOW,
		    a, b, 0, "person reference with age");
		break;
	default:
		break;
	}
}

/* Every cue is followed by its digits within CUE_REACH bytes, so the cue
 * pattern only searches the window before each digit run (subject cut
 * CUE_TAIL bytes after the run start, at a space), on the folded view
 * (same offsets), so the pattern is plain lower case. */
#define CUE_REACH	48
#define CUE_TAIL	40
#define CUE_WORD	32	/* at most this much more, to a space */

/* Can the digit run at p end a cue match? An age ("15 år", "8-årig"),
 * a date (2016-08-03, 20160803, 3/8 2016, 3 aug 2016) or a diary
 * number (2025/0219); any run with a 'j' ("journal") shortly before. A byte
 * test that spares the pattern most of the digits of a Teams block. */
/* "journal" in the fold: at is the first occurrence at or after lb
 * (SIZE_MAX when none). The windows move forward with the digit runs,
 * so each 'j' of the text is looked at about once. */
struct jnext {
	size_t	lb, at;
	bool	valid;
};

/* The first "journal" in f[a, len), or NULL: memchr for the 'j' (libc's
 * is wider than a 16-byte loop, and 'j' is rare in prose), then the
 * rest of the word. */
static const char *
find_journal(const char *f, size_t a, size_t len)
{
	const char *q = f + a, *end = f + len;

	while (end - q >= 7 && (q = memchr(q, 'j', (size_t)(end - q - 6))) !=
	    NULL) {
		if (memcmp(q, "journal", 7) == 0)
			return q;
		q++;
	}
	return NULL;
}

/* Does "journal" start in [a, p - 7]? */
static bool
journal_in(const char *f, size_t len, size_t a, size_t p, struct jnext *j)
{
	if (p < a + 7)
		return false;
	if (!j->valid || a < j->lb || (j->at != SIZE_MAX && j->at < a)) {
		const char *q = find_journal(f, a, len);

		j->lb = a;
		j->at = q != NULL ? (size_t)(q - f) : SIZE_MAX;
		j->valid = true;
	}
	return j->at != SIZE_MAX && j->at + 7 <= p;
}

static bool
ident_cue_worthy(const char *f, size_t len, size_t p, size_t n,
    struct jnext *jn)
{
	size_t e = p + n, a = p > CUE_REACH ? p - CUE_REACH : 0;

	/* "journal" before the number: any number may follow it. */
	if (journal_in(f, len, a, p, jn))
		return true;
	if (n == 6 || n == 8)
		return true;
	if (n == 4)
		return e + 1 < len && (f[e] == '/' || f[e] == ':' ||
		    f[e] == '.' || f[e] == '-') &&
		    g_ascii_isdigit(f[e + 1]);
	if (n > 2 || e >= len)
		return false;
	if (f[e] == '/' || f[e] == '.') {	/* d/m/yy, d.m.yyyy */
		size_t k = ids_run_len(f, len, e + 1);

		if (k < 1 || k > 2 || e + 1 + k >= len)
			return false;
		if (f[e + 1 + k] == ' ')		/* d/m yyyy */
			return ids_run_len(f, len, e + 2 + k) == 4;
		return (f[e + 1 + k] == '/' || f[e + 1 + k] == '.' ||
		    f[e + 1 + k] == '-') &&
		    ids_run_len(f, len, e + 2 + k) >= 2;
	}
	if (p > 0 && (f[p - 1] == '(' || f[p - 1] == ',' || (p > 1 &&
	    f[p - 1] == ' ' && (f[p - 2] == '(' || f[p - 2] == ','))))
		return true;			/* "flicka (15)", "boy, 13" */
	if (f[e] == '-' && e + 2 < len && memcmp(f + e + 1, "\xc3\xa5", 2) == 0)
		return true;			/* "8-årig" */
	if (f[e] == ' ')
		e++;
	if (e + 2 < len && memcmp(f + e, "\xc3\xa5r", 3) == 0)
		return true;			/* "15 år" */
	return e > p + n && e < len && g_ascii_isalpha(f[e]);	/* "3 aug" */
}

/* The cue pattern over the window before the digit run at p, tried
 * anchored at each word start where a cue word begins (cue_starts);
 * *done is how far the text has been searched. */
static void
ident_cue_at(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out, pcre2_match_data *md, size_t p, size_t *done)
{
	const struct ids_re *re = &ctx->data->ident->cue;
	const char *f = nt->fold;
	size_t wa = p > CUE_REACH ? p - CUE_REACH : 0, we, at, next;

	if (wa < *done)
		wa = *done;
	if (wa > p)
		return;
	we = p + CUE_TAIL < nt->len ? p + CUE_TAIL : nt->len;
	/* to the end of the word, but never far: a long run without a
	 * space would make every window reach the end (quadratic) */
	for (size_t k = 0; k < CUE_WORD && we < nt->len && f[we] != ' ' &&
	    f[we] != '\n'; k++)
		we++;
	/* wa: the end of the last match; a word that did not match here
	 * is tried again by the next window, which may reach further. */
	for (next = wa; (at = ids_kw_next_nt(nt, next, we,
	    &ids_kws_cue)) < we;) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);

		next = at + 1;
		if (!ids_re_at(re, f, we, at, md, &out->limit))
			continue;
		wa = next = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		ident_cue_hit(ctx, nt, out, ov);
	}
	*done = p + 1 > wa ? p + 1 : wa;
}

void
ident_scan(const struct detctx *ctx, const struct ntext *nt,
    const struct ids_runs *runs, pcre2_match_data *md, struct hitlist *out)
{
	const char *s = nt->norm;
	struct ids_dcache dc = { 0, 0, false, false };
	size_t p, r, num_off = 0, done = 0;
	struct jnext jn = { 0, 0, false };

	if (ctx->data->ident == NULL)
		return;
	/* One walk over the digit runs serves both patterns. */
	for (r = 0; r < runs->n; r++) {
		p = runs->v[r].p;
		if (p >= num_off)
			num_off = ident_num_at(ctx, nt, out, md, p, runs->v[r].n,
			    &dc);
		if (s[p] != '+' && ident_cue_worthy(nt->fold, nt->len, p,
		    runs->v[r].n, &jn))
			ident_cue_at(ctx, nt, out, md, p, &done);
	}
}

void
det_ident(const struct detctx *ctx, const struct ntext *nt, struct hitlist *out)
{
	ids_scan_one(ctx, nt, out, ident_scan);
}
