/*
 * idutil.c: checksums, calendar checks, keyword proximity, the dial-in
 * test and PCRE2 setup shared by the identifier detectors. Keyword tests
 * run on ntext->fold (same offsets as norm); a byte >= 0x80 counts as a
 * letter, which is right for the Swedish letters we meet.
 */
#include <stdio.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string.h>
#include <glib.h>

#include "idutil.h"
#include "relimit.h"

int
idu_re_init(struct idu_re *re, const char *pat, uint32_t opts, char *err,
    size_t errlen)
{
	int ec;
	PCRE2_SIZE eo;

	re->mctx = NULL;
	re->code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | opts, &ec, &eo, NULL);
	if (re->code == NULL) {
		PCRE2_UCHAR msg[120];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		snprintf(err, errlen, "pattern error at %zu: %s", (size_t)eo,
		    (const char *)msg);
		return -1;
	}
	/* JIT is an optimisation: without it the interpreter still works. */
	(void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
	re->mctx = pcre2_match_context_create(NULL);
	if (re->mctx == NULL) {
		snprintf(err, errlen, "out of memory");
		pcre2_code_free(re->code);
		re->code = NULL;
		return -1;
	}
	/* [limits] regex_*: a stopped match is recorded, never a silent
	 * miss (relimit_note, the engine reads it). */
	relimit_apply(re->mctx);
	return 0;
}

void
idu_re_fini(struct idu_re *re)
{
	if (re == NULL)
		return;
	pcre2_match_context_free(re->mctx);
	pcre2_code_free(re->code);
	re->mctx = NULL;
	re->code = NULL;
}

int
idu_re_next(const struct idu_re *re, const char *s, size_t len, size_t off,
    pcre2_match_data *md)
{
	int rc;

	if (off > len)
		return 0;
	/* ntext is valid UTF-8 by construction: skip the O(n) check that
	 * would otherwise run on every call of the loop. */
	rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, off,
	    PCRE2_NO_UTF_CHECK, md, re->mctx);
	if (rc < PCRE2_ERROR_NOMATCH)
		relimit_note(rc);
	return rc > 0;
}

/* Could any of the 8 bytes in x start a run: a digit or a '+'? The
 * classic SWAR tests (bytes >= 0x80 never count). */
#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL
static inline bool
swar_maybe(uint64_t x)
{
	uint64_t lo = x & ~HIGHS, plus = x ^ (ONES * '+');
	uint64_t digit = (ONES * (127 + 0x3A) - lo) & ~x &
	    (lo + ONES * (127 - 0x2F)) & HIGHS;

	return digit != 0 || ((plus - ONES) & ~plus & HIGHS) != 0;
}

size_t
idu_next_run(const char *s, size_t len, size_t i)
{
	while (i < len) {
		unsigned char c;

#ifdef __SSE2__
		/* 16 bytes at a time: a bit mask of the digits and '+' signs,
		 * then the run starts straight from the masks. */
		if (i + 17 <= len) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i d = _mm_sub_epi8(x, _mm_set1_epi8('0' - 128));
			unsigned dm = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(d,
			    _mm_set1_epi8(-128 + 10)));
			unsigned pm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x,
			    _mm_set1_epi8('+')));
			unsigned pd = i > 0 &&
			    (unsigned)((unsigned char)s[i - 1] - '0') < 10;
			unsigned nd = (unsigned)((unsigned char)s[i + 16] - '0') < 10;
			unsigned starts = (dm & ~((dm << 1) | pd)) |
			    (pm & ((dm >> 1) | (nd << 15)));

			starts &= 0xFFFF;
			if (starts != 0)
				return i + (size_t)__builtin_ctz(starts);
			i += 16;
			continue;
		}
#endif
		/* Skip 8 bytes at a time while none can start a run. */
		if (i + 8 <= len) {
			uint64_t x;

			memcpy(&x, s + i, 8);
			if (!swar_maybe(x)) {
				i += 8;
				continue;
			}
		}
		c = (unsigned char)s[i];
		if ((unsigned)(c - '0') < 10) {
			if (i == 0 || (unsigned)((unsigned char)s[i - 1] - '0') >= 10)
				return i;
		} else if (c == '+' && i + 1 < len &&
		    (unsigned)((unsigned char)s[i + 1] - '0') < 10)
			return i;
		i++;
	}
	return len;
}

void
idu_runs_init(struct idu_runs *r, const char *s, size_t len)
{
	r->v = r->buf;
	r->n = 0;
	r->cap = G_N_ELEMENTS(r->buf);
	for (size_t p = idu_next_run(s, len, 0), n; p < len;
	    p = idu_next_run(s, len, p + (n > 0 ? n : 1))) {
		if (r->n == r->cap) {
			r->cap *= 2;
			if (r->v == r->buf)
				r->v = g_memdup2(r->buf, sizeof(r->buf));
			r->v = g_renew(struct idu_run, r->v, r->cap);
		}
		n = idu_run_len(s, len, p);
		r->v[r->n].p = p;
		r->v[r->n++].n = n;
	}
}

void
idu_runs_fini(struct idu_runs *r)
{
	if (r->v != r->buf)
		g_free(r->v);
	r->v = NULL;
	r->n = 0;
}

void
idu_scan_one(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out, void (*scan)(const struct detctx *,
    const struct ntext *, const struct idu_runs *, pcre2_match_data *,
    struct hitlist *))
{
	struct idu_runs runs;
	pcre2_match_data *md;

	if (ctx == NULL || ctx->data == NULL || nt == NULL || nt->len == 0)
		return;
	if ((md = pcre2_match_data_create(IDU_OVEC, NULL)) == NULL)
		return;
	idu_runs_init(&runs, nt->norm, nt->len);
	scan(ctx, nt, &runs, md, out);
	idu_runs_fini(&runs);
	pcre2_match_data_free(md);
}

/* The three identifier detectors in one pass over the field: the digit
 * runs are found once, one match data serves every pattern. Hits come
 * in the order of det_pnr, det_ident, det_contact run one by one. */
void
det_identifiers(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out)
{
	struct idu_runs runs;
	pcre2_match_data *md;

	if (ctx == NULL || ctx->data == NULL || nt == NULL || nt->len == 0)
		return;
	if ((md = pcre2_match_data_create(IDU_OVEC, NULL)) == NULL)
		return;
	idu_runs_init(&runs, nt->norm, nt->len);
	pnr_scan(ctx, nt, &runs, md, out);
	ident_scan(ctx, nt, &runs, md, out);
	contact_scan(ctx, nt, &runs, md, out);
	idu_runs_fini(&runs);
	pcre2_match_data_free(md);
}

size_t
idu_run_len(const char *s, size_t len, size_t i)
{
	size_t e = i;

	while (e < len && (unsigned)((unsigned char)s[e] - '0') < 10)
		e++;
	return e - i;
}

int
idu_re_at(const struct idu_re *re, const char *s, size_t len, size_t off,
    pcre2_match_data *md)
{
	if (off >= len)
		return 0;
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, off,
	    PCRE2_NO_UTF_CHECK, md, re->mctx);

	if (rc < PCRE2_ERROR_NOMATCH)
		relimit_note(rc);
	return rc > 0;
}

/* Luhn (ISO/IEC 7812-1): from the right, double every second payload
 * digit, subtract 9 from products over 9; the sum mod 10 must be 0. */
bool
idu_luhn(const int *d, size_t n)
{
	int sum = 0;
	bool dbl = false;

	if (n < 2)
		return false;
	for (size_t i = n; i-- > 0;) {
		int v = d[i];

		if (dbl) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
		dbl = !dbl;
	}
	return sum % 10 == 0;
}

bool
idu_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
idu_mdays(int y, int m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && idu_is_leap(y))
		return 29;
	return md[m - 1];
}

bool
idu_date_ok(int y, int m, int d)
{
	return y >= 1800 && d >= 1 && d <= idu_mdays(y, m);
}

void
idu_ymd(time_t ref, int *y, int *m, int *d)
{
	struct tm tm;

	if (gmtime_r(&ref, &tm) == NULL) {
		*y = 1970;
		*m = *d = 1;
		return;
	}
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

int
idu_age(int y, int m, int d, int ry, int rm, int rd)
{
	int a = ry - y;

	if (rm < m || (rm == m && rd < d))
		a--;
	return a;
}

/* Value of n ASCII digits (caller guarantees digits, n <= 9). */
int
idu_num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool
is_wordbyte(unsigned char c)
{
	return g_ascii_isalnum(c) || c >= 0x80;
}

/* Chains the keywords by first byte: a position then costs one bit
 * test, and only keywords with the right first byte are compared.
 * head[c] is only valid where the bit in has is set. */
static void
kwset_build(struct idu_kwset *set)
{
	unsigned n = 0;

	for (const struct idu_kw *k = set->kw; k->w != NULL && n < IDU_KW_MAX;
	    k++) {
		unsigned char c = (unsigned char)k->w[0];
		uint64_t bit = (uint64_t)1 << (c & 63);
		size_t m = strlen(k->w);

		if ((set->has[c >> 6] & bit) == 0) {
			set->has[c >> 6] |= bit;
			set->head[c] = 0xFF;
		}
		set->next[n] = set->head[c];
		set->len[n] = (unsigned char)(m < 255 ? m : 255);
		set->head[c] = (unsigned char)n++;
	}
}

/* Does a keyword of set start at fold[i] (a word start)? */
static inline bool
kw_at(const char *fold, size_t len, size_t i, const struct idu_kwset *set)
{
	unsigned char c = (unsigned char)fold[i];

	if ((set->has[c >> 6] & ((uint64_t)1 << (c & 63))) == 0)
		return false;
	for (unsigned j = set->head[c]; j != 0xFF; j = set->next[j]) {
		const char *w = set->kw[j].w;
		size_t m = set->len[j];

		if (m > len - i || (m > 1 && fold[i + 1] != w[1]) ||
		    memcmp(fold + i, w, m) != 0)
			continue;
		if (set->kw[j].prefix || i + m == len ||
		    !is_wordbyte((unsigned char)fold[i + m]))
			return true;
	}
	return false;
}

size_t
idu_kw_next(const char *fold, size_t len, size_t a, size_t b,
    struct idu_kwset *set)
{
	size_t i = a;

	if (g_once_init_enter(&set->once)) {
		kwset_build(set);
		g_once_init_leave(&set->once, 1);
	}
	if (b > len)
		b = len;
	if (i >= b)
		return b;
	if ((i == 0 || !is_wordbyte((unsigned char)fold[i - 1])) &&
	    kw_at(fold, len, i, set))
		return i;
	i++;
	/* Only word starts can hold a keyword: i with no letter, digit or
	 * byte >= 0x80 at i - 1. */
#ifdef __SSE2__
	while (i + 16 <= b) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(fold + i - 1));
		__m128i lo = _mm_or_si128(x, _mm_set1_epi8(0x20));	/* A-Z -> a-z */
		__m128i alpha = _mm_cmplt_epi8(_mm_sub_epi8(lo,
		    _mm_set1_epi8((char)('a' + 128))), _mm_set1_epi8(-128 + 26));
		__m128i digit = _mm_cmplt_epi8(_mm_sub_epi8(x,
		    _mm_set1_epi8((char)('0' + 128))), _mm_set1_epi8(-128 + 10));
		unsigned word = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(alpha, digit), x));	/* x: bytes >= 0x80 */
		unsigned starts = ~word & 0xFFFF;	/* bit k: fold[i - 1 + k] */

		while (starts != 0) {
			unsigned k = (unsigned)__builtin_ctz(starts);

			starts &= starts - 1;
			if (kw_at(fold, len, i + k, set))
				return i + k;
		}
		i += 16;
	}
#endif
	for (; i < b; i++)
		if (!is_wordbyte((unsigned char)fold[i - 1]) &&
		    kw_at(fold, len, i, set))
			return i;
	return b;
}

bool
idu_kw_in(const char *fold, size_t len, size_t a, size_t b,
    struct idu_kwset *set)
{
	if (b > len)
		b = len;
	return a < b && idu_kw_next(fold, len, a, b, set) < b;
}

bool
idu_kw_near(const struct ntext *nt, size_t start, size_t end, size_t before,
    size_t after, struct idu_kwset *kw)
{
	size_t a = start > before ? start - before : 0;
	size_t b = end + after < nt->len ? end + after : nt->len;

	return idu_kw_in(nt->fold, nt->len, a, b, kw);
}

static const struct idu_kw dialin_kw[] = {
	{ "mötes-id", true }, { "mötes id", true }, { "meeting id", true },
	{ "lösenord", true }, { "lösenkod", true }, { "passcode", true },
	{ "password", true }, { "telefonkonferens-id", true },
	{ "phone conference id", true }, { "conference id", true },
	{ "konferens-id", true }, { "vtc", true }, { "videokonferens", true },
	{ "ring in", true }, { "call in", true }, { "dial-in", true },
	{ "dial in", true }, { "teams.microsoft.com", true },
	{ "hitta ett lokalt nummer", true }, { "find a local number", true },
	{ "återställ pin", true }, { "reset pin", true },
	{ "zoom.us", true }, { "webex", true }, { "sip:", true },
	{ "webinar id", true }, { "access code", true },
	IDU_KW_END
};
static struct idu_kwset dialin_set = IDU_KWSET(dialin_kw);

/* Lines can be long (HTML reduced to one line); look at most this far. */
#define DIALIN_REACH	160

bool
idu_dialin(const struct ntext *nt, size_t start, size_t end,
    struct idu_dcache *dc)
{
	const char *s = nt->norm;
	size_t a = start, b = end, i;

	for (i = end; i < nt->len && s[i] == ' '; i++)
		;
	if (i < nt->len && s[i] == '#')
		return true;		/* PIN or dial string */
	if (i + 1 < nt->len && s[i] == ',' && s[i + 1] == ',')
		return true;		/* "+46 8 505 248 93,,318274659#" */
	if (start >= 2 && s[start - 1] == ',' && s[start - 2] == ',')
		return true;
	{
		size_t lo = start > DIALIN_REACH ? start - DIALIN_REACH : 0;
		size_t hi = nt->len - end > DIALIN_REACH ? end + DIALIN_REACH :
		    nt->len;
		const char *q = start > lo ? memrchr(s + lo, '\n', start - lo) :
		    NULL;

		a = q != NULL ? (size_t)(q - s) + 1 : lo;
		q = hi > end ? memchr(s + end, '\n', hi - end) : NULL;
		b = q != NULL ? (size_t)(q - s) : hi;
	}
	if (dc != NULL && dc->valid && dc->a == a && dc->b == b)
		return dc->val;
	if (dc == NULL)
		return idu_kw_in(nt->fold, nt->len, a, b, &dialin_set);
	dc->a = a;
	dc->b = b;
	dc->valid = true;
	dc->val = idu_kw_in(nt->fold, nt->len, a, b, &dialin_set);
	return dc->val;
}

void
idu_emit(struct hitlist *out, const struct ntext *nt, const char *rule,
    enum hit_kind kind, enum severity sev, size_t start, size_t end,
    size_t keep, const char *detail)
{
	struct hit h;

	memset(&h, 0, sizeof(h));
	h.rule = rule;
	h.kind = kind;
	h.sev = sev;
	h.start = start;
	h.end = end;
	mask_digits(h.evidence, sizeof(h.evidence), nt->norm + start,
	    end - start, keep);
	g_strlcpy(h.detail, detail, sizeof(h.detail));
	hits_add(out, &h);
}
