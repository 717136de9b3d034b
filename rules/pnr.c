/*
 * pnr.c: personnummer and samordningsnummer (detection-spec section 1),
 * plus organisationsnummer (month >= 20) as a low "orgnr" hit. One
 * candidate pass per field: a byte loop finds digit runs and the
 * anchored PCRE2 JIT pattern is tried there; each candidate is validated in C
 * (date, Luhn over the 10 digits, century from the reference date) and
 * then weighed against keywords and the false-positive traps. Does not
 * decide actions; hits carry masked evidence only.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "detect.h"
#include "ruledata.h"
#include "ids.h"

struct pnr_data {
	struct ids_re	cand;
};

/* The spec's candidate pattern. Groups: 1 century, 2 yy, 3 mm, 4 dd,
 * 5 separator, 6 birth number, 7 check digit. Spaces join groups only
 * at the canonical 6|4 (or 8|4) position. A '.', ',' or '-' right
 * before the number is a boundary only after a letter
 * ("Samtal,850315-1238", "Utredning.19850315-1238.pdf",
 * "beslut-850315-1238-lss.docx"), never after a digit, a space or at
 * the start (decimals, lists of numbers, ranges). */
static const char pnr_pat[] =
    "(?<![\\p{L}\\p{N}+/#%=@&])(?<![^\\p{L}][.,\\-])(?<!^[.,\\-])"
    "((?:18|19|20)?)(\\d{2})(\\d{2})(\\d{2})"
    "(\\s?[-+]\\s?|[ .])?(\\d{3})(\\d)(?![\\p{L}\\p{N}#/@%]|[.,]\\d|-\\d)";

static const struct ids_kw pnr_kw[] = {
	{ "personnummer", true }, { "personnr", true }, { "pnr", false },
	{ "p-nr", false }, { "pers.nr", false }, { "pers nr", false },
	{ "födelsenummer", true }, { "samordningsnummer", true },
	{ "samordningsnr", true }, { "samordnings-nr", true },
	{ "id-nummer", true }, { "id-nr", false },
	{ "personal identity number", true }, { "personal number", true },
	{ "ssn", false }, { "social security", true },
	IDS_KW_END
};
struct ids_kwset ids_kws_pnr = IDS_KWSET(pnr_kw);

/* Separator-less numbers right after these are order/invoice numbers. */
static const struct ids_kw order_kw[] = {
	{ "order", true }, { "inköpsorder", true }, { "beställning", true },
	{ "po", false }, { "faktura", true }, { "ocr", false },
	{ "kundnr", true }, { "kundnummer", true }, { "avtalsnr", true },
	{ "avtalsnummer", true }, { "ref", false }, { "ref.", false },
	{ "referens", true }, { "bankgiro", true }, { "bg", false },
	{ "plusgiro", true }, { "pg", false }, { "artikelnr", true },
	{ "artikelnummer", true }, { "objekt-id", true }, { "kst", false },
	{ "invoice", true }, { "verifikation", true },
	IDS_KW_END
};
struct ids_kwset ids_kws_order = IDS_KWSET(order_kw);

/* Phone cues: a separator-less 07x number near these is a mobile. */
static const struct ids_kw phone_kw[] = {
	{ "tel", true }, { "tfn", false }, { "telefon", true },
	{ "mobil", true }, { "mob", false }, { "ring", true }, { "sms", true },
	{ "nås", false }, { "nummer", false }, { "+46", true },
	{ "phone", true }, { "cell", true },
	/* switchboards and help desks (spec section 2: not private) */
	{ "växel", true }, { "vxl", false }, { "kundtjänst", true },
	{ "reception", true }, { "kontaktcenter", true },
	{ "switchboard", true },
	IDS_KW_END
};
struct ids_kwset ids_kws_phone = IDS_KWSET(phone_kw);

#define KW_WINDOW	30	/* spec: keyword within ~30 characters */
#define ORDER_WINDOW	20	/* spec: order keywords 20 characters before */

struct pnr_data *
pnr_data_new(const struct ruledata_paths *p, char *err, size_t n)
{
	struct pnr_data *d = g_new0(struct pnr_data, 1);
	const struct relimits *lim = p ? p->regex : NULL;

	if (ids_re_init(&d->cand, pnr_pat, PCRE2_ANCHORED, lim, err, n) == -1) {
		g_free(d);
		return NULL;
	}
	return d;
}

void
pnr_data_free(struct pnr_data *d)
{
	if (d == NULL)
		return;
	ids_re_fini(&d->cand);
	g_free(d);
}

/* One candidate, parsed. */
struct pnr_cand {
	size_t	 start, end;
	int	 cent;		/* -1 without century */
	int	 yy, mm, dd;
	char	 sep;		/* 0 none, '-', '+', ' ', '.', '_' (file) */
	int	 digits[10];
};

enum pnr_class {
	PNR_NONE,		/* not a personal number */
	PNR_SHAPE,		/* plausible shape, Luhn fails */
	PNR_PERSON,
	PNR_COORD,
	PNR_ORG			/* month >= 20, Luhn valid */
};

/* Classifies a candidate and computes the age at the reference date
 * (-1 when unknown). Century rule (spec 1): the latest century giving a
 * birth date <= reference, 100 years earlier with '+'. */
static enum pnr_class
pnr_classify(const struct pnr_cand *c, time_t ref, int *age)
{
	int ry, rm, rd, y, m = c->mm, d = c->dd, rday, am, ad;
	bool coord = false, luhn = ids_luhn(c->digits, 10);

	*age = -1;
	if (m >= 20) {
		/* Organisationsnummer: 10 digits (12 digits start 16). */
		return c->cent < 0 && luhn ? PNR_ORG : PNR_NONE;
	}
	if (m > 12)
		return PNR_NONE;
	if (d >= 60 && d <= 91) {
		coord = true;
		rday = d - 60;		/* 0: day unknown (test forms) */
	} else
		rday = d;
	if (m == 0 && !coord)
		return PNR_NONE;	/* month 00 only for samordningsnummer */
	if (!coord && (rday < 1 || rday > 31))
		return PNR_NONE;
	if (!luhn)
		return PNR_SHAPE;
	ids_ymd(ref, &ry, &rm, &rd);
	/* For the <= reference test an unknown month/day counts as the
	 * earliest; for the age as the latest (a child is not missed). */
	am = m == 0 ? 1 : m;
	ad = rday == 0 ? 1 : rday;
	if (c->cent >= 0)
		y = c->cent * 100 + c->yy;
	else {
		y = (ry / 100) * 100 + c->yy;
		if (y > ry || (y == ry && (am > rm || (am == rm && ad > rd))))
			y -= 100;
		if (c->sep == '+')
			y -= 100;
	}
	if (y > ry || (y == ry && (am > rm || (am == rm && ad > rd))))
		return PNR_NONE;	/* born after the reference date */
	if (!coord) {
		if (!ids_date_ok(y, m, rday) &&
		    !(c->cent < 0 && m == 2 && rday == 29 && c->yy % 4 == 0))
			return PNR_NONE;
	} else if (m != 0 && rday > 31)
		return PNR_NONE;
	/* Samordningsnummer: Skatteverket's own test numbers use day-60
	 * values that do not exist in the month (31 April), so the day is
	 * only range-checked; see the report. */
	am = m == 0 ? 12 : m;
	ad = rday == 0 ? ids_mdays(y, am) : rday;
	*age = ids_age(y, am, ad, ry, rm, rd);
	return coord ? PNR_COORD : PNR_PERSON;
}

/* Is the space-separated candidate part of a longer run of digit groups
 * (a meeting ID, a phone number)? */
static bool
pnr_in_digit_run(const struct ntext *nt, size_t start, size_t end)
{
	const char *s = nt->norm;

	if (start >= 2 && (s[start - 1] == ' ' || s[start - 1] == '-') &&
	    g_ascii_isdigit(s[start - 2]))
		return true;
	if (end + 1 < nt->len && (s[end] == ' ' || s[end] == '-') &&
	    g_ascii_isdigit(s[end + 1]))
		return true;
	return false;
}

/* The traps of spec section 1: is candidate c a dial-in number, part
 * of a longer digit run, an order number or a mobile phone number? */
static bool
pnr_trap(const struct ntext *nt, const struct pnr_cand *c,
    struct ids_dcache *dc)
{
	const char *s = nt->norm;
	bool nosep = c->sep == 0;

	if (ids_dialin(nt, c->start, c->end, dc))
		return true;
	if ((c->sep == ' ' || c->sep == '.') &&
	    pnr_in_digit_run(nt, c->start, c->end))
		return true;
	if (nosep && ids_kw_near(nt, c->start, c->start, ORDER_WINDOW, 0,
	    &ids_kws_order))
		return true;
	return nosep && c->cent < 0 && s[c->start] == '0' &&
	    s[c->start + 1] == '7' &&
	    strchr("02369", s[c->start + 2]) != NULL &&
	    ids_kw_near(nt, c->start, c->end, KW_WINDOW, 10, &ids_kws_phone);
}

/* One of the signs of pnr_pat's first look-behind? (A switch: a bit
 * test, cheaper than strchr per candidate.) */
static inline bool
pnr_lb_sign(unsigned char c)
{
	switch (c) {
	case '+': case '/': case '#': case '%': case '=': case '@': case '&':
		return true;
	default:
		return false;
	}
}

/* Whether the byte before off is no boundary of a number: a letter, a
 * digit or one of the candidate pattern's look-behind characters. */
static bool
pnr_glued_before(const char *s, size_t off)
{
	const char *q;

	if (off == 0)
		return false;
	/* (a NUL counts: strchr() found the list's own terminator) */
	if ((unsigned char)s[off - 1] < 0x80)
		return g_ascii_isalnum(s[off - 1]) || s[off - 1] == '-' ||
		    s[off - 1] == '\0' ||
		    pnr_lb_sign((unsigned char)s[off - 1]);
	q = g_utf8_find_prev_char(s, s + off);
	return q != NULL && g_unichar_isalpha(g_utf8_get_char(q));
}

/* The 12-digit forms in groups that start with a 4-digit run: the
 * date-dash form YYYY-MM-DD-NNNN ("1991-12-08-2384") and groups of
 * four, YYYY MMDD NNNN ("1912 1212 1212", issue 17). The run at p
 * starts 18, 19 or 20, the rest follows exactly, with the candidate
 * pattern's boundaries, so a date range "2025-10-06-2025-12-19" (the
 * tail is followed by -1) is no match. Fills c and returns whether it
 * matched. */
static bool
pnr_grouped(const struct ntext *nt, size_t p, struct pnr_cand *c)
{
	static const char dash[] = "dddd-dd-dd-dddd", four[] = "dddd dddd dddd";
	const char *s = nt->norm, *shape;
	size_t e, k = 0, sl;

	/* A word's hyphen before the date-dash form is a boundary in a
	 * file name ("Utredning-2015-06-03-NNNN.docx"); a digit's is not
	 * (a date range). */
	bool word_dash = p >= 2 && s[p - 1] == '-' &&
	    (g_ascii_isalpha(s[p - 2]) || (unsigned char)s[p - 2] >= 0x80);

	if (p + 5 > nt->len || (pnr_glued_before(s, p) && !word_dash) ||
	    !((s[p] == '1' && (s[p + 1] == '8' || s[p + 1] == '9')) ||
	    (s[p] == '2' && s[p + 1] == '0')))
		return false;
	shape = s[p + 4] == ' ' ? four : dash;
	if (word_dash && pnr_glued_before(s, p) && shape != dash)
		return false;
	sl = strlen(shape);
	if ((e = p + sl) > nt->len)
		return false;
	for (size_t i = 0; i < sl; i++)
		if (shape[i] == 'd' ? !g_ascii_isdigit(s[p + i]) :
		    s[p + i] != shape[i])
			return false;
	/* groups of four: not one group of a longer list of groups */
	if (shape == four && e + 1 < nt->len && s[e] == ' ' &&
	    g_ascii_isdigit(s[e + 1]))
		return false;
	if (e < nt->len && (g_ascii_isalnum(s[e]) ||
	    strchr("#/@%", s[e]) != NULL ||
	    ((s[e] == '-' || s[e] == '.' || s[e] == ',') && e + 1 < nt->len &&
	    g_ascii_isdigit(s[e + 1])) || ((unsigned char)s[e] >= 0x80 &&
	    g_unichar_isalpha(g_utf8_get_char(s + e)))))
		return false;
	c->start = p;
	c->end = e;
	c->cent = ids_num(s + p, 2);
	c->yy = ids_num(s + p + 2, 2);
	c->mm = ids_num(s + p + 5, 2);
	c->dd = ids_num(s + p + (shape == four ? 7 : 8), 2);
	c->sep = shape == four ? ' ' : '-';
	for (size_t i = p + 2; i < e; i++)
		if (g_ascii_isdigit(s[i]))
			c->digits[k++] = s[i] - '0';
	return k == 10;
}

/* In a file name an underscore stands for the dash too:
 * "Anmalan_YYMMDD_NNNC_scan.pdf" (final17). The run at p (n = 6 or 8
 * digits, an 8-digit run starts 18, 19 or 20) is followed by '_' and
 * exactly four digits, then no letter or digit. Fills c and returns
 * whether it matched. */
static bool
pnr_underscore(const struct ntext *nt, size_t p, size_t n,
    struct pnr_cand *c)
{
	const char *s = nt->norm;
	size_t e = p + n + 5, k = 0, d = n == 8 ? 2 : 0;

	if (e > nt->len || pnr_glued_before(s, p) ||
	    (n == 8 && !((s[p] == '1' && (s[p + 1] == '8' ||
	    s[p + 1] == '9')) || (s[p] == '2' && s[p + 1] == '0'))))
		return false;
	for (size_t i = p + n + 1; i < e; i++)
		if (!g_ascii_isdigit(s[i]))
			return false;
	if (e < nt->len && (g_ascii_isalnum(s[e]) ||
	    ((unsigned char)s[e] >= 0x80 &&
	    g_unichar_isalpha(g_utf8_get_char(s + e)))))
		return false;
	c->start = p;
	c->end = e;
	c->cent = n == 8 ? ids_num(s + p, 2) : -1;
	c->yy = ids_num(s + p + d, 2);
	c->mm = ids_num(s + p + d + 2, 2);
	c->dd = ids_num(s + p + d + 4, 2);
	c->sep = '_';
	for (size_t i = p + d; i < e; i++)
		if (g_ascii_isdigit(s[i]))
			c->digits[k++] = s[i] - '0';
	return k == 10;
}

/* pnr_pat at the run of n digits at p, in C, for its two common shapes.
 * One run of 10 or 12: a separator needs a non-digit inside the run, so
 * the pattern can only take the 10 digits yymmddnnnc, or for 12 that
 * start 18, 19 or 20 the century and those 10. A run of 6 (or 8 with a
 * century), a '-' or '+' and a run of exactly 4: the sign is the
 * separator (\s?[-+]\s? with no white space). The look-behinds and the
 * look-ahead are byte tests when the bytes around are ASCII. Returns 1
 * with c filled as pnr_scan fills it from a match, 0 when the pattern
 * cannot match, -1 for any other shape or when a byte >= 0x80 borders
 * the number (a letter or number? the pattern says). */
static int
pnr_plain(const struct ntext *nt, size_t p, size_t n, struct pnr_cand *c)
{
	const char *s = nt->norm;
	/* d: century digits; t: where the last 4 digits start */
	size_t d = n == 12 || n == 8 ? 2 : 0, e = p + n, t = p + d + 6;
	unsigned char b;
	char sep = 0;

	if (n == 6 || n == 8) {
		/* 6 or 8 digits, a sign and a run of exactly 4 digits
		 * ("850315-1238"); other separators ask the pattern */
		if (e + 5 > nt->len || (s[e] != '-' && s[e] != '+') ||
		    ids_run_len(s, nt->len, e + 1) != 4)
			return -1;
		sep = s[e];
		t = e + 1;
		e += 5;
	}
	if ((n == 12 || n == 8) && !((s[p] == '1' && (s[p + 1] == '8' ||
	    s[p + 1] == '9')) || (s[p] == '2' && s[p + 1] == '0')))
		return 0;	/* no century: the digits do not fit */
	if (p > 0) {
		/* (?<![\p{L}\p{N}+/#%=@&]) */
		if ((b = (unsigned char)s[p - 1]) >= 0x80)
			return -1;
		if (g_ascii_isalnum(b) || pnr_lb_sign(b))
			return 0;
		/* (?<![^\p{L}][.,\-]) and (?<!^[.,\-]) */
		if (b == '.' || b == ',' || b == '-') {
			if (p == 1)
				return 0;
			if ((unsigned char)s[p - 2] >= 0x80)
				return -1;
			if (!g_ascii_isalpha(s[p - 2]))
				return 0;
		}
	}
	/* (?![\p{L}\p{N}#/@%]|[.,]\d|-\d) after the run */
	if (e < nt->len) {
		if ((b = (unsigned char)s[e]) >= 0x80)
			return -1;
		if (g_ascii_isalnum(b) || b == '#' || b == '/' || b == '@' ||
		    b == '%')
			return 0;
		if ((b == '.' || b == ',' || b == '-') && e + 1 < nt->len &&
		    g_ascii_isdigit(s[e + 1]))
			return 0;
	}
	c->start = p;
	c->end = e;
	c->cent = d > 0 ? ids_num(s + p, 2) : -1;
	c->yy = ids_num(s + p + d, 2);
	c->mm = ids_num(s + p + d + 2, 2);
	c->dd = ids_num(s + p + d + 4, 2);
	c->sep = sep;
	for (size_t i = 0; i < 6; i++)
		c->digits[i] = s[p + d + i] - '0';
	for (size_t i = 0; i < 4; i++)
		c->digits[6 + i] = s[t + i] - '0';
	return 1;
}

void
pnr_scan(const struct detctx *ctx, const struct ntext *nt,
    const struct ids_runs *runs, pcre2_match_data *md, struct hitlist *out)
{
	struct ids_dcache dc = { 0, 0, false, false };
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	size_t p, next = 0, r, n;

	if (ctx->data->pnr == NULL)
		return;
	for (r = 0; r < runs->n; r++) {
		const char *s = nt->norm;
		struct pnr_cand c;
		enum pnr_class cls;
		bool kw;
		int age, k = 0, plain;
		char detail[160];

		if ((p = runs->v[r].p) < next)
			continue;
		next = p + 1;
		/* 10 or 12 digits in one run, or 6 or 8 and a separator
		 * (\\s is ASCII white space: no UCP). */
		n = runs->v[r].n;
		if (n == 4 && pnr_grouped(nt, p, &c)) {
			next = c.end;
			goto classify;
		}
		if ((n == 6 || n == 8) && ctx->field == FLD_ATTACHMENT_NAME &&
		    p + n < nt->len && s[p + n] == '_' &&
		    pnr_underscore(nt, p, n, &c)) {
			next = c.end;
			goto classify;
		}
		/* The common shapes (meeting, invoice, phone numbers, the
		 * dashed form) are decided in C where they can be. */
		if (n >= 6 && n <= 12 && n % 2 == 0 &&
		    ctx->data->pnr->cand.shortcut &&
		    (plain = pnr_plain(nt, p, n, &c)) >= 0) {
			if (plain == 0)
				continue;
			next = c.end;
			goto classify;
		}
		if (n != 10 && n != 12 && !((n == 6 || n == 8) &&
		    p + n < nt->len && (s[p + n] == '-' || s[p + n] == '+' ||
		    s[p + n] == '.' || s[p + n] == ' ' ||
		    (s[p + n] >= '\t' && s[p + n] <= '\r'))))
			continue;
		if (!ids_re_at(&ctx->data->pnr->cand, nt->norm, nt->len, p,
		    md, &out->limit))
			continue;
		c.start = ov[0];
		c.end = ov[1];
		next = ov[1] > p ? ov[1] : p + 1;
		c.cent = ov[3] > ov[2] ? ids_num(s + ov[2], 2) : -1;
		c.yy = ids_num(s + ov[4], 2);
		c.mm = ids_num(s + ov[6], 2);
		c.dd = ids_num(s + ov[8], 2);
		c.sep = 0;
		if (ov[10] != PCRE2_UNSET && ov[11] > ov[10]) {
			for (size_t i = ov[10]; i < ov[11]; i++)
				if (s[i] != ' ' && s[i] != '\t' &&
				    s[i] != '\n' && s[i] != '\r')
					c.sep = s[i];
			if (c.sep == 0)
				c.sep = ' ';
		}
		for (size_t i = ov[4]; i < ov[9]; i++)
			c.digits[k++] = s[i] - '0';
		for (size_t i = ov[12]; i < ov[15]; i++)
			c.digits[k++] = s[i] - '0';
classify:
		cls = pnr_classify(&c, ctx->ref_time, &age);
		if (cls == PNR_NONE)
			continue;
		if (cls == PNR_ORG) {
			if (!ids_dialin(nt, c.start, c.end, &dc))
				ids_emit(out, nt, "orgnr", HIT_OTHER, SEV_LOW,
				    c.start, c.end, 6,
				    "organisationsnummer (not a person)");
			continue;
		}
		kw = ids_kw_near(nt, c.start, c.end, KW_WINDOW, KW_WINDOW,
		    &ids_kws_pnr);
		if (cls == PNR_SHAPE) {
			if (kw)
				ids_emit(out, nt, "personnummer-typo",
				    HIT_IDENT, SEV_MEDIUM, c.start, c.end,
				    c.cent >= 0 ? 8 : 6,
				    "personnummer keyword with a number failing the check digit");
			continue;
		}
		if (!kw && pnr_trap(nt, &c, &dc))
			continue;	/* a keyword overrides the traps */
		/* a scanner's or camera's time stamp, date_HHMM of the last
		 * two years: "scan_YYYYMMDD_HHMM.pdf" */
		if (c.sep == '_' && !kw && age >= 0 && age < 2 &&
		    ids_num(s + c.end - 4, 2) < 24 &&
		    ids_num(s + c.end - 2, 2) < 60)
			continue;
		if (age >= 0 && age < 18)
			snprintf(detail, sizeof(detail), "%s of a barn/child (age < 18)",
			    cls == PNR_COORD ? "samordningsnummer" :
			    "personnummer");
		else
			snprintf(detail, sizeof(detail), "%s",
			    cls == PNR_COORD ? "samordningsnummer" :
			    "personnummer");
		ids_emit(out, nt, cls == PNR_COORD ? "samordningsnummer" :
		    "personnummer", HIT_IDENT, SEV_HIGH, c.start, c.end,
		    c.cent >= 0 ? 8 : 6, detail);
	}
}

void
det_pnr(const struct detctx *ctx, const struct ntext *nt, struct hitlist *out)
{
	ids_scan_one(ctx, nt, out, pnr_scan);
}
