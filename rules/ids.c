/*
 * ids.c: the identifier pass (det_identifiers: pnr.c, ident.c and
 * contact.c in one pass over a field) and the digit runs, checksums,
 * calendar checks and PCRE2 setup the three identifier detectors share
 * (their keyword tests are idkw.c's). Keyword tests
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

#include "ids.h"
#include "relimit.h"

int
ids_re_init(struct ids_re *re, const char *pat, uint32_t opts,
    const struct relimits *lim, char *err, size_t errlen)
{
	int ec;
	PCRE2_SIZE eo;

	re->mctx = NULL;
	re->jit = false;
	re->shortcut = false;
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
	re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
	re->mctx = pcre2_match_context_create(NULL);
	if (re->mctx == NULL) {
		snprintf(err, errlen, "out of memory");
		pcre2_code_free(re->code);
		re->code = NULL;
		return -1;
	}
	/* [limits] regex_*: a stopped match is recorded, never a silent
	 * miss (ids_re_at notes it in the hit list, the engine reads it). */
	relimit_apply(re->mctx, lim);
	re->shortcut = lim == NULL || (lim->match_limit >= RELIM_MATCH_LIMIT &&
	    (re->jit || lim->depth_limit >= RELIM_DEPTH_LIMIT) &&
	    (lim->jit_stack_bytes == 0 || lim->jit_stack_bytes >= 32768));
	return 0;
}

void
ids_re_fini(struct ids_re *re)
{
	if (re == NULL)
		return;
	pcre2_match_context_free(re->mctx);
	pcre2_code_free(re->code);
	re->mctx = NULL;
	re->code = NULL;
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
ids_next_run(const char *s, size_t len, size_t i)
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

static inline void
runs_push(struct ids_runs *r, size_t p)
{
	if (r->n == r->cap) {
		r->cap *= 2;
		if (r->v == r->buf)
			r->v = g_memdup2(r->buf, sizeof(r->buf));
		r->v = g_renew(struct ids_run, r->v, r->cap);
	}
	r->v[r->n].p = p;
	r->v[r->n++].n = 0;
}

static inline bool
is_digit(unsigned char c)
{
	return (unsigned)(c - '0') < 10;
}

#define RUNS_FIRST	16384	/* 256 KB */

/* Room for at least k more runs. */
static inline void
runs_reserve(struct ids_runs *r, size_t k)
{
	if (r->n + k <= r->cap)
		return;
	while (r->n + k > r->cap)
		r->cap *= 2;
	if (r->v == r->buf)
		r->v = g_memdup2(r->buf, sizeof(r->buf));
	r->v = g_renew(struct ids_run, r->v, r->cap);
}

#ifdef __SSE2__
/* 0xFF in each byte of the 16 at p that is a digit. */
static inline __m128i
digits_v(const char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);

	return _mm_cmplt_epi8(_mm_sub_epi8(x, _mm_set1_epi8('0' - 128)),
	    _mm_set1_epi8(-128 + 10));
}

/* Bit k: p[k] (k < 16) is a '+'. */
static inline uint64_t
plus16(const char *p)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(
	    (const __m128i *)(const void *)p), _mm_set1_epi8('+')));
}

/* The state of a pass: the run still open (its index) when inrun. */
struct runs_pass {
	size_t	open;
	bool	inrun;
};

/* The positions in the block of w bytes at s[i], from its masks of
 * digits (dm) and '+' signs (pm): the starts and '+' signs in order,
 * each start closed by the lowest end (last digit of a run) not yet
 * used, since starts and ends alternate; a run still open at the end
 * of the block is closed by the first end of a later one. pd: s[i - 1]
 * is a digit; nd: s[i + w] is. */
static inline void
runs_block(struct ids_runs *r, struct runs_pass *ps, size_t i, unsigned w,
    uint64_t dm, uint64_t pm, bool pd, bool nd)
{
	uint64_t dn = (dm >> 1) | (uint64_t)nd << (w - 1); /* digit at k + 1 */
	uint64_t starts = dm & ~((dm << 1) | pd);
	uint64_t ends = dm & ~dn;	/* last digit of a run */
	uint64_t ev = starts | (pm & dn);

	if (ps->inrun && ends != 0) {
		unsigned e = (unsigned)__builtin_ctzll(ends);

		ends &= ends - 1;
		r->v[ps->open].n = i + e + 1 - r->v[ps->open].p;
		ps->inrun = false;
	}
	for (; ev != 0; ev &= ev - 1) {
		unsigned k = (unsigned)__builtin_ctzll(ev);

		runs_push(r, i + k);
		if ((starts >> k & 1) == 0)
			continue;
		if (ends != 0) {
			r->v[r->n - 1].n = (size_t)__builtin_ctzll(ends) + 1 - k;
			ends &= ends - 1;
		} else {
			ps->open = r->n - 1;
			ps->inrun = true;
		}
	}
}
#endif

/* Every position ids_next_run would stop at, in one pass: digit run
 * starts with their lengths and '+' signs before a digit; 64 bytes at a
 * time from bit masks (runs_block), then 16, then byte by byte. Prose
 * costs one test per 64 bytes: with no digit in them and no run open,
 * only a '+' before s[i + 64] can count. */
void
ids_runs_init(struct ids_runs *r, const char *s, size_t len)
{
	size_t i = 0, open = 0;
	bool inrun = false;

	r->v = r->buf;
	r->n = 0;
	r->cap = G_N_ELEMENTS(r->buf);
	/* Number-dense text has a run every 25 bytes or so: room for one
	 * per 16 bytes at once rather than growing step by step (at most
	 * RUNS_FIRST; a huge text grows from there as it needs). */
	if (len / 16 > r->cap) {
		r->cap = MIN(len / 16, RUNS_FIRST);
		r->v = g_new(struct ids_run, r->cap);
	}
#ifdef __SSE2__
	{
		struct runs_pass ps = { 0, false };

		for (; i + 65 <= len; i += 64) {
			const char *p = s + i;
			__m128i d0 = digits_v(p), d1 = digits_v(p + 16);
			__m128i d2 = digits_v(p + 32), d3 = digits_v(p + 48);
			uint64_t dm, pm;

			if (!ps.inrun && _mm_movemask_epi8(_mm_or_si128(
			    _mm_or_si128(d0, d1), _mm_or_si128(d2, d3))) == 0) {
				if (p[63] == '+' && is_digit((unsigned char)p[64]))
					runs_push(r, i + 63);
				continue;
			}
			dm = (uint64_t)(unsigned)_mm_movemask_epi8(d0) |
			    (uint64_t)(unsigned)_mm_movemask_epi8(d1) << 16 |
			    (uint64_t)(unsigned)_mm_movemask_epi8(d2) << 32 |
			    (uint64_t)(unsigned)_mm_movemask_epi8(d3) << 48;
			pm = plus16(p) | plus16(p + 16) << 16 |
			    plus16(p + 32) << 32 | plus16(p + 48) << 48;
			runs_block(r, &ps, i, 64, dm, pm,
			    i > 0 && is_digit((unsigned char)p[-1]),
			    is_digit((unsigned char)p[64]));
		}
		for (; i + 17 <= len; i += 16)
			runs_block(r, &ps, i, 16, (unsigned)_mm_movemask_epi8(
			    digits_v(s + i)), plus16(s + i),
			    i > 0 && is_digit((unsigned char)s[i - 1]),
			    is_digit((unsigned char)s[i + 16]));
		open = ps.open;
		inrun = ps.inrun;
	}
#endif
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_digit(c)) {
			if (!inrun && (i == 0 || !is_digit((unsigned char)s[i - 1]))) {
				runs_push(r, i);
				open = r->n - 1;
				inrun = true;
			}
			if (i + 1 == len || !is_digit((unsigned char)s[i + 1])) {
				r->v[open].n = i + 1 - r->v[open].p;
				inrun = false;
			}
		} else if (c == '+' && i + 1 < len &&
		    is_digit((unsigned char)s[i + 1]))
			runs_push(r, i);
	}
}

void
ids_runs_fini(struct ids_runs *r)
{
	if (r->v != r->buf)
		g_free(r->v);
	r->v = NULL;
	r->n = 0;
}

void
ids_scan_one(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out, void (*scan)(const struct detctx *,
    const struct ntext *, const struct ids_runs *, pcre2_match_data *,
    struct hitlist *))
{
	struct ids_kwcache kwc;
	struct ids_runs runs;
	pcre2_match_data *md;

	if (ctx == NULL || ctx->data == NULL || nt == NULL || nt->len == 0)
		return;
	if ((md = pcre2_match_data_create(IDS_OVEC, NULL)) == NULL)
		return;
	ids_runs_init(&runs, nt->norm, nt->len);
	ids_kwc_begin(&kwc, nt);
	scan(ctx, nt, &runs, md, out);
	ids_kwc_end(&kwc);
	ids_runs_fini(&runs);
	pcre2_match_data_free(md);
}

/* The three identifier detectors in one pass over the field: the digit
 * runs are found once, one match data serves every pattern. Hits come
 * in the order of det_pnr, det_ident, det_contact run one by one. */
void
det_identifiers(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out)
{
	struct ids_kwcache kwc;
	struct ids_runs runs;
	pcre2_match_data *md;

	if (ctx == NULL || ctx->data == NULL || nt == NULL || nt->len == 0)
		return;
	if ((md = pcre2_match_data_create(IDS_OVEC, NULL)) == NULL)
		return;
	/* The keyword tests read the folded view in windows here and
	 * there; ask for all of it now, while the runs are found. */
	for (size_t i = 0; i < nt->len; i += 64)
		__builtin_prefetch(nt->fold + i);
	ids_runs_init(&runs, nt->norm, nt->len);
	ids_kwc_begin(&kwc, nt);
	pnr_scan(ctx, nt, &runs, md, out);
	ident_scan(ctx, nt, &runs, md, out);
	contact_scan(ctx, nt, &runs, md, out);
	ids_kwc_end(&kwc);
	ids_runs_fini(&runs);
	pcre2_match_data_free(md);
}

size_t
ids_run_len(const char *s, size_t len, size_t i)
{
	size_t e = i;

	while (e < len && (unsigned)((unsigned char)s[e] - '0') < 10)
		e++;
	return e - i;
}

int
ids_re_at(const struct ids_re *re, const char *s, size_t len, size_t off,
    pcre2_match_data *md, const char **limit)
{
	int rc;

	if (off >= len)
		return 0;
	/* With JIT, pcre2_match only checks its arguments and calls
	 * pcre2_jit_match (same limits, same JIT stack); done per candidate
	 * those checks count. */
	if (re->jit)
		rc = pcre2_jit_match(re->code, (PCRE2_SPTR)s, len, off,
		    PCRE2_NO_UTF_CHECK, md, re->mctx);
	else	/* ntext is valid UTF-8 by construction: no O(n) check */
		rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, off,
		    PCRE2_NO_UTF_CHECK, md, re->mctx);

	if (rc < PCRE2_ERROR_NOMATCH)
		relimit_note(limit, rc);
	return rc > 0;
}

/* Luhn (ISO/IEC 7812-1): from the right, double every second payload
 * digit, subtract 9 from products over 9; the sum mod 10 must be 0. */
bool
ids_luhn(const int *d, size_t n)
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
ids_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
ids_mdays(int y, int m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ids_is_leap(y))
		return 29;
	return md[m - 1];
}

bool
ids_date_ok(int y, int m, int d)
{
	return y >= 1800 && d >= 1 && d <= ids_mdays(y, m);
}

/* gmtime_r takes the time zone lock: the detectors ask for the same
 * reference time for every candidate, so the last answer is kept. */
void
ids_ymd(time_t ref, int *y, int *m, int *d)
{
	static _Thread_local struct {
		time_t	ref;
		int	y, m, d;
		bool	valid;
	} last;
	struct tm tm;

	if (last.valid && last.ref == ref) {
		*y = last.y;
		*m = last.m;
		*d = last.d;
		return;
	}
	if (gmtime_r(&ref, &tm) == NULL) {
		*y = 1970;
		*m = *d = 1;
	} else {
		*y = tm.tm_year + 1900;
		*m = tm.tm_mon + 1;
		*d = tm.tm_mday;
	}
	last.ref = ref;
	last.y = *y;
	last.m = *m;
	last.d = *d;
	last.valid = true;
}

int
ids_age(int y, int m, int d, int ry, int rm, int rd)
{
	int a = ry - y;

	if (rm < m || (rm == m && rd < d))
		a--;
	return a;
}

/* Value of n ASCII digits (caller guarantees digits, n <= 9). */
int
ids_num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

void
ids_emit(struct hitlist *out, const struct ntext *nt, const char *rule,
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
	/* What g_strlcpy would leave (h is zeroed), without its second
	 * pass over the source. */
	memcpy(h.detail, detail, strnlen(detail, sizeof(h.detail) - 1));
	hits_add(out, &h);
}
