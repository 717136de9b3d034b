/*
 * ident.c: the other identifiers of detection-spec section 2: reserve
 * numbers (Region Stockholm, VGR, Värmland/Carelink, NRID, the regional
 * letter forms), interim "T-numbers", LMA/dossier numbers (keyword
 * only), journal numbers, birth dates with a cue, diary numbers (log
 * only), and the person references ("flicka 15 år") the topic
 * combination needs. Two PCRE2 JIT passes per field: one anchored on
 * digits, one on cue words; each alternative names itself with
 * (*MARK), and C validates dates and check digits.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "detect.h"
#include "ruledata.h"
#include "idutil.h"

struct ident_data {
	struct idu_re	num;	/* digit-anchored identifiers */
	struct idu_re	cue;	/* cue word + value */
};

#define NB	"(?<![\\p{L}\\p{N}\\-+/.,#%=@&_])"	/* left boundary */
#define NA	"(?![\\p{L}\\p{N}]|[.,/-]\\d)"		/* right boundary */

static const char num_pat[] =
    /* Region Stockholm: 99 + issue year + 5 + check. */
    "(*MARK:S)" NB "99\\d{10}" NA
    /* Carelink: yyyymm + day 32-59 + NNN + C. */
    "|(*MARK:C)" NB "(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:3[2-9]|[45]\\d)\\d{4}" NA
    /* NRID: century+3, yymmdd, two letters (no IOQVW), G, C. */
    "|(*MARK:N)" NB "2[123]\\d{6}[A-HJ-NPR-UX-Z]{2}\\d{2}" NA
    /* Date + 4 characters, at least one a letter: VGR, interim,
     * Värmland, Skåne, ProReNata. */
    "|(*MARK:L)" NB "((?:18|19|20)?\\d{6})(-?)"
    "((?=[A-Z0-9]{0,3}[A-Z])[A-Z0-9]{4})" NA
    /* LMA / dossier number, optional card serial. */
    "|(*MARK:M)" NB "\\d{2}-\\d{6}(?:/\\d)?" NA
    /* "8-åringen" */
    "|(*MARK:A)" NB "\\d{1,2}-åring(?:en|ar|arna)?(?!\\p{L})";

#define DATE_ALT \
    "(\\d{4}-\\d{2}-\\d{2}|\\d{8}|\\d{6}|\\d{1,2}[/.]\\d{1,2}[/.-](?:\\d{4}|\\d{2})" \
    "|\\d{1,2}\\s(?:jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec)\\p{L}*\\.?\\s\\d{4})"

static const char cue_pat[] =
    "(?:"
    "(*MARK:J)journal(?:nr|nummer|-nr|\\s?nr)\\.?\\s*:?\\s*[a-z]{0,4}\\s?\\d[\\d/-]{2,}\\d"
    "|(*MARK:B)(?:född|f\\.|born|dob|födelsedatum|date\\sof\\sbirth)\\s*:?\\s*(?:den\\s)?" DATE_ALT
    "(?![\\p{L}\\p{N}])"
    "|(*MARK:D)(?:dnr|diarienr|diarienummer)\\.?\\s*:?\\s*[a-zåäö]{0,6}\\s?\\d{4}[/:.-]\\d{1,5}(?!\\p{N})"
    "|(*MARK:P)(?:pojken?|flickan?|barnet|barn|eleven|elev|klienten|klient|brukaren|"
    "patienten|mamman|pappan|vårdnadshavaren?|sonen|dottern|ungdomen|tjejen|killen)"
    "(?!\\p{L})[^\\n\\d]{0,20}?\\d{1,2}\\s?(?:år|-årig)(?!\\p{L})"
    ")";

static const struct idu_kw lma_kw[] = {
	{ "lma", false }, { "lma-", true }, { "dossier", true },
	{ "migrationsverket", true }, { "asyl", true }, { "asylsökande", true },
	IDU_KW_END
};

static const struct idu_kw reserv_kw[] = {
	{ "reservnr", true }, { "reservnummer", true }, { "rnr", false },
	{ "reserv-id", true }, { "reservid", true },
	{ "saknar personnummer", true }, { "utan personnummer", true },
	IDU_KW_END
};

#define KW_WINDOW	30

struct ident_data *
ident_data_new(const struct ruledata_paths *p, char *err, size_t n)
{
	struct ident_data *d = g_new0(struct ident_data, 1);

	(void)p;
	if (idu_re_init(&d->num, num_pat, 0, err, n) == -1) {
		g_free(d);
		return NULL;
	}
	if (idu_re_init(&d->cue, cue_pat, 0, err, n) == -1) {
		idu_re_fini(&d->num);
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
	idu_re_fini(&d->num);
	idu_re_fini(&d->cue);
	g_free(d);
}

/* Date of 6 (century from ref) or 8 digits; 1 when it exists and is not
 * after the reference date. */
static bool
ident_date(const char *s, size_t n, time_t ref, int *yy_out)
{
	int ry, rm, rd, y, m, d;

	idu_ymd(ref, &ry, &rm, &rd);
	if (n == 8) {
		y = idu_num(s, 4);
		m = idu_num(s + 4, 2);
		d = idu_num(s + 6, 2);
	} else if (n == 6) {
		y = (ry / 100) * 100 + idu_num(s, 2);
		m = idu_num(s + 2, 2);
		d = idu_num(s + 4, 2);
		if (y > ry || (y == ry && (m > rm || (m == rm && d > rd))))
			y -= 100;
	} else
		return false;
	if (yy_out != NULL)
		*yy_out = y;
	if (!idu_date_ok(y, m, d))
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
	kw = idu_kw_near(nt, start, end, KW_WINDOW, KW_WINDOW, reserv_kw);
	/* Interim number: letter counted as 1, Luhn over 10 (spec 2). */
	if (strchr("TRSUWXJKLMN", t4[0]) != NULL && g_ascii_isdigit(t4[1]) &&
	    g_ascii_isdigit(t4[2]) && g_ascii_isdigit(t4[3])) {
		for (k = 0; k < 6; k++)
			d[k] = s6[k] - '0';
		d[6] = 1;
		d[7] = t4[1] - '0';
		d[8] = t4[2] - '0';
		d[9] = t4[3] - '0';
		if (idu_luhn(d, 10) && !(dlen == 8 &&
		    strchr("KMX", t4[0]) != NULL)) {
			idu_emit(out, nt, "interim-number", HIT_IDENT,
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
		if (idu_luhn(d, 10)) {
			idu_emit(out, nt, "reservnummer", HIT_IDENT, SEV_HIGH,
			    start, end, dlen, "reservnummer (VGR format)");
			return;
		}
		/* The interim check, for 8-digit forms skipped above. */
		d[6] = 1;
		if (strchr("TRSUWXJKLMN", t4[0]) != NULL && idu_luhn(d, 10)) {
			idu_emit(out, nt, "interim-number", HIT_IDENT,
			    SEV_HIGH, start, end, dlen, "interim number (T-nummer)");
			return;
		}
	}
	if (kw)
		idu_emit(out, nt, "reservnummer", HIT_IDENT, SEV_HIGH, start,
		    end, dlen, "reservnummer (keyword)");
	else
		idu_emit(out, nt, "reservnummer-pattern", HIT_IDENT,
		    SEV_MEDIUM, start, end, dlen,
		    "date followed by a local reserve code");
}

static void
ident_num(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out, pcre2_match_data *md)
{
	const struct idu_re *re = &ctx->data->ident->num;
	const char *s = nt->norm;
	size_t off = 0;

	while (idu_re_next(re, s, nt->len, off, md)) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		const char *mark = (const char *)pcre2_get_mark(md);
		size_t a = ov[0], b = ov[1];
		int dg[12], ry, rm, rd, y;
		bool kw;

		off = b > a ? b : a + 1;
		if (mark == NULL)
			continue;
		if (mark[0] != 'A' && mark[0] != 'L' &&
		    idu_dialin(nt, a, b) &&
		    !idu_kw_near(nt, a, b, KW_WINDOW, KW_WINDOW, reserv_kw))
			continue;
		switch (mark[0]) {
		case 'S':
			/* Luhn over positions 5-11, check at 12. */
			for (int i = 0; i < 8; i++)
				dg[i] = s[a + 4 + i] - '0';
			idu_ymd(ctx->ref_time, &ry, &rm, &rd);
			y = idu_num(s + a + 2, 4);
			kw = idu_kw_near(nt, a, b, KW_WINDOW, KW_WINDOW,
			    reserv_kw);
			if (idu_luhn(dg, 8) && y >= 1900 && y <= ry)
				idu_emit(out, nt, "reservnummer", HIT_IDENT,
				    SEV_HIGH, a, b, 6,
				    "reservnummer (Region Stockholm format)");
			else if (kw)
				idu_emit(out, nt, "reservnummer-pattern",
				    HIT_IDENT, SEV_MEDIUM, a, b, 6,
				    "reservnummer keyword, check digit fails");
			break;
		case 'C':
			idu_ymd(ctx->ref_time, &ry, &rm, &rd);
			y = idu_num(s + a, 4);
			if (y <= ry)
				idu_emit(out, nt, "reservnummer-pattern",
				    HIT_IDENT, SEV_MEDIUM, a, b, 6,
				    "reserve number pattern (Carelink)");
			break;
		case 'N': {
			int m = idu_num(s + a + 4, 2), d = idu_num(s + a + 6, 2);

			if ((m == 0 || m <= 12) && d <= 31)
				idu_emit(out, nt, "reservnummer-pattern",
				    HIT_IDENT, SEV_MEDIUM, a, b, 8,
				    "reserve number pattern (national reserve ID)");
			break;
		}
		case 'L':
			if (ov[3] <= ov[2] || ov[7] <= ov[6])
				break;
			if (idu_dialin(nt, a, b))
				break;
			ident_letter_form(ctx, nt, out, a, b, s + ov[2],
			    ov[3] - ov[2], s + ov[6]);
			break;
		case 'M':
			if (idu_kw_near(nt, a, b, KW_WINDOW, KW_WINDOW, lma_kw))
				idu_emit(out, nt, "lma-number", HIT_IDENT,
				    SEV_HIGH, a, b, 2,
				    "LMA/dossier number (Migrationsverket)");
			break;
		case 'A':
			idu_emit(out, nt, "person-reference", HIT_PERSON_REF,
			    SEV_LOW, a, b, 2, "person reference with age");
			break;
		default:
			break;
		}
	}
}

static void
ident_cue(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out, pcre2_match_data *md)
{
	const struct idu_re *re = &ctx->data->ident->cue;
	const char *s = nt->norm;
	size_t off = 0;

	/* The cue pass runs on the folded view (same offsets), so the
	 * pattern is plain lower case. */
	while (idu_re_next(re, nt->fold, nt->len, off, md)) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		const char *mark = (const char *)pcre2_get_mark(md);
		size_t a = ov[0], b = ov[1];

		off = b > a ? b : a + 1;
		if (mark == NULL)
			continue;
		/* Word start: checked here, a lookbehind would cost the
		 * pattern its start-byte optimisation. */
		if (a > 0 && (g_ascii_isalnum(nt->fold[a - 1]) ||
		    (unsigned char)nt->fold[a - 1] >= 0x80)) {
			off = a + 1;
			continue;
		}
		switch (mark[0]) {
		case 'J':
			idu_emit(out, nt, "journal-number", HIT_IDENT,
			    SEV_MEDIUM, a, b, 0, "journal number");
			break;
		case 'B': {
			size_t da = ov[2], dl = ov[3] - ov[2];

			/* A compact or ISO date must exist. */
			if (dl == 10 && s[da + 4] == '-') {
				char tmp[8];

				memcpy(tmp, s + da, 4);
				memcpy(tmp + 4, s + da + 5, 2);
				memcpy(tmp + 6, s + da + 8, 2);
				if (!ident_date(tmp, 8, ctx->ref_time, NULL))
					break;
			} else if ((dl == 8 || dl == 6) &&
			    g_ascii_isdigit(s[da + 2]) &&
			    !ident_date(s + da, dl, ctx->ref_time, NULL))
				break;
			idu_emit(out, nt, "birth-date", HIT_CONTACT,
			    SEV_MEDIUM, a, b, 0, "birth date");
			break;
		}
		case 'D':
			idu_emit(out, nt, "diary-number", HIT_OTHER, SEV_LOW,
			    a, b, 4, "diary number (public record)");
			break;
		case 'P':
			idu_emit(out, nt, "person-reference", HIT_PERSON_REF,
			    SEV_LOW, a, b, 0, "person reference with age");
			break;
		default:
			break;
		}
	}
}

void
det_ident(const struct detctx *ctx, const struct ntext *nt, struct hitlist *out)
{
	pcre2_match_data *md;

	if (ctx == NULL || ctx->data == NULL || ctx->data->ident == NULL ||
	    nt == NULL || nt->len == 0)
		return;
	/* One match data serves both passes: it is sized for the larger. */
	md = pcre2_match_data_create(16, NULL);
	if (md == NULL)
		return;
	ident_num(ctx, nt, out, md);
	ident_cue(ctx, nt, out, md);
	pcre2_match_data_free(md);
}
