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

/* Keyword lists are short; chains of at most this many entries. */
#define KW_MAX	255

bool
idu_kw_in(const char *fold, size_t len, size_t a, size_t b,
    const struct idu_kw *kw)
{
	unsigned char head[256], next[KW_MAX];
	uint64_t has[4] = { 0, 0, 0, 0 };
	unsigned n = 0;

	/* Chain the keywords by first byte (built per call, one step per
	 * keyword; head[c] is only valid where the bit in has is set), so
	 * a position costs one bit test and only keywords with the right
	 * first byte are compared. */
	for (const struct idu_kw *k = kw; k->w != NULL && n < KW_MAX; k++) {
		unsigned char c = (unsigned char)k->w[0];
		uint64_t bit = (uint64_t)1 << (c & 63);

		if ((has[c >> 6] & bit) == 0) {
			has[c >> 6] |= bit;
			head[c] = 0xFF;
		}
		next[n] = head[c];
		head[c] = (unsigned char)n++;
	}
	if (b > len)
		b = len;
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)fold[i];
		unsigned j;

		if ((has[c >> 6] & ((uint64_t)1 << (c & 63))) == 0 ||
		    (i > 0 && is_wordbyte((unsigned char)fold[i - 1])))
			continue;
		j = head[c];
		for (; j != 0xFF; j = next[j]) {
			const char *w = kw[j].w;
			size_t m;

			if (w[1] != '\0' && (i + 1 >= len || fold[i + 1] != w[1]))
				continue;
			m = strlen(w);
			if (m > len - i || memcmp(fold + i, w, m) != 0)
				continue;
			if (kw[j].prefix || i + m == len ||
			    !is_wordbyte((unsigned char)fold[i + m]))
				return true;
		}
	}
	return false;
}

bool
idu_kw_near(const struct ntext *nt, size_t start, size_t end, size_t before,
    size_t after, const struct idu_kw *kw)
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
	while (a > 0 && start - a < DIALIN_REACH && s[a - 1] != '\n')
		a--;
	while (b < nt->len && b - end < DIALIN_REACH && s[b] != '\n')
		b++;
	if (dc != NULL && dc->valid && dc->a == a && dc->b == b)
		return dc->val;
	if (dc == NULL)
		return idu_kw_in(nt->fold, nt->len, a, b, dialin_kw);
	dc->a = a;
	dc->b = b;
	dc->valid = true;
	dc->val = idu_kw_in(nt->fold, nt->len, a, b, dialin_kw);
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
