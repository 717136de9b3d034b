/*
 * ids.c: the identifier pass (det_identifiers: pnr.c, ident.c and
 * contact.c in one pass over a field) and the checksums, calendar
 * checks, keyword proximity, dial-in test and PCRE2 setup the three
 * identifier detectors share. Keyword tests
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

struct ids_kwcache;
static void	kwc_begin(struct ids_kwcache *, const struct ntext *);
static void	kwc_end(struct ids_kwcache *);

#define KWC_SLOTS	24
struct kwc_slot {
	const struct ids_kwset	*set;
	size_t			 lo, hi;
	size_t			*v;
	size_t			 n, cap;
	size_t			 buf[16];
};
struct ids_kwcache {
	const struct ntext	*nt;
	unsigned		 nslot;
	struct kwc_slot		 slot[KWC_SLOTS];
};

int
ids_re_init(struct ids_re *re, const char *pat, uint32_t opts,
    const struct relimits *lim, char *err, size_t errlen)
{
	int ec;
	PCRE2_SIZE eo;

	re->mctx = NULL;
	re->jit = false;
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

/* Every position ids_next_run would stop at, in one pass: digit run
 * starts with their lengths and '+' signs before a digit. 16 bytes at a
 * time from bit masks: the starts and '+' signs in order, each start
 * closed by the lowest end (last digit of a run) not yet used, since
 * starts and ends alternate; a run still open at the end of a block is
 * closed by the first end of a later one. */
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
	for (; i + 17 <= len; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i d = _mm_sub_epi8(x, _mm_set1_epi8('0' - 128));
		unsigned dm = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(d,
		    _mm_set1_epi8(-128 + 10)));
		unsigned pm, pd, nd, dn, starts, ends, ev;

		if (dm == 0 && !inrun) {
			/* no digit: only a '+' before s[i + 16] can count */
			if (s[i + 15] == '+' && is_digit((unsigned char)s[i + 16])) {
				runs_reserve(r, 1);
				r->v[r->n].p = i + 15;
				r->v[r->n++].n = 0;
			}
			continue;
		}
		pm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x,
		    _mm_set1_epi8('+')));
		pd = i > 0 && is_digit((unsigned char)s[i - 1]);
		nd = is_digit((unsigned char)s[i + 16]);
		dn = (dm >> 1) | (nd << 15);	/* digit at k + 1 */
		starts = dm & ~((dm << 1) | pd) & 0xFFFF;
		ends = dm & ~dn & 0xFFFF;	/* last digit of a run */
		ev = starts | (pm & dn & 0xFFFF);
		if (inrun && ends != 0) {
			unsigned e = (unsigned)__builtin_ctz(ends);

			ends &= ends - 1;
			r->v[open].n = i + e + 1 - r->v[open].p;
			inrun = false;
		}
		if (ev == 0)
			continue;
		runs_reserve(r, 16);
		while (ev != 0) {
			unsigned k = (unsigned)__builtin_ctz(ev);
			struct ids_run *v = &r->v[r->n++];

			ev &= ev - 1;
			v->p = i + k;
			v->n = 0;
			if ((starts >> k & 1) == 0)
				continue;
			if (ends != 0) {
				v->n = (size_t)__builtin_ctz(ends) + 1 - k;
				ends &= ends - 1;
			} else {
				open = r->n - 1;
				inrun = true;
			}
		}
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
	kwc_begin(&kwc, nt);
	scan(ctx, nt, &runs, md, out);
	kwc_end(&kwc);
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
	kwc_begin(&kwc, nt);
	pnr_scan(ctx, nt, &runs, md, out);
	ident_scan(ctx, nt, &runs, md, out);
	contact_scan(ctx, nt, &runs, md, out);
	kwc_end(&kwc);
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

static bool
is_wordbyte(unsigned char c)
{
	return g_ascii_isalnum(c) || c >= 0x80;
}

/* Chains the keywords by first byte: a position then costs one bit
 * test, and only keywords with the right first byte are compared.
 * head[c] is only valid where the bit in has is set. */
/* The first two bytes of a keyword as a bit of ids_kwset.pair: most
 * word starts with a right first byte are rejected by it. */
static inline unsigned
pair_hash(unsigned char c0, unsigned char c1)
{
	return ((unsigned)c0 << 4 ^ c1) & 0x3FF;
}

static void
kwset_build(struct ids_kwset *set)
{
	unsigned n = 0;

	for (const struct ids_kw *k = set->kw; k->w != NULL && n < IDS_KW_MAX;
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
		if (m < 2)
			set->short1 = true;
		else {
			unsigned h = pair_hash(c, (unsigned char)k->w[1]);

			set->pair[h >> 6] |= (uint64_t)1 << (h & 63);
		}
		set->head[c] = (unsigned char)n++;
	}
}

/* Does a keyword of set start at fold[i] (a word start)? */
static inline bool
kw_at(const char *fold, size_t len, size_t i, const struct ids_kwset *set)
{
	unsigned char c = (unsigned char)fold[i];

	if ((set->has[c >> 6] & ((uint64_t)1 << (c & 63))) == 0)
		return false;
	if (!set->short1) {
		unsigned h;

		if (i + 1 >= len)
			return false;	/* every keyword has two bytes */
		h = pair_hash(c, (unsigned char)fold[i + 1]);
		if ((set->pair[h >> 6] & ((uint64_t)1 << (h & 63))) == 0)
			return false;
	}
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

/* Do all keywords of set start with an ASCII letter or a byte >= 0x80? */
static inline bool
kwset_letters(const struct ids_kwset *set)
{
	return set->has[0] == 0 &&
	    (set->has[1] & ~UINT64_C(0x07FFFFFE07FFFFFE)) == 0;
}

#ifdef __SSE2__
/* Bit k: byte p[k] is an ASCII letter (either case) or a byte >= 0x80,
 * or with digits set also an ASCII digit (what is_wordbyte() takes). */
static inline unsigned
wordbytes16(const char *p, bool digits)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i lo = _mm_or_si128(x, _mm_set1_epi8(0x20));	/* A-Z -> a-z */
	__m128i m = _mm_or_si128(_mm_cmplt_epi8(_mm_sub_epi8(lo,
	    _mm_set1_epi8((char)('a' + 128))), _mm_set1_epi8(-128 + 26)), x);

	if (digits)
		m = _mm_or_si128(m, _mm_cmplt_epi8(_mm_sub_epi8(x,
		    _mm_set1_epi8((char)('0' + 128))), _mm_set1_epi8(-128 + 10)));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

size_t
ids_kw_next(const char *fold, size_t len, size_t a, size_t b,
    struct ids_kwset *set)
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
	/* When every keyword starts with a letter or a byte >= 0x80 (all
	 * sets but one), word starts at a space, digit or sign are dropped
	 * in the block, not one by one by kw_at. The last block may end
	 * after b (short windows are common): its starts are cut at b; it
	 * must not read past the text. */
	bool letters = kwset_letters(set);

	while (i < b && i + 15 <= len) {
		/* bit k: fold[i - 1 + k] ends no word */
		unsigned starts = ~wordbytes16(fold + i - 1, true) & 0xFFFF;

		if (letters && i + 16 <= len)	/* and fold[i + k] can begin one */
			starts &= wordbytes16(fold + i, false);
		if (b - i < 16)
			starts &= (1u << (b - i)) - 1;
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
ids_kw_in(const char *fold, size_t len, size_t a, size_t b,
    struct ids_kwset *set)
{
	if (b > len)
		b = len;
	return a < b && ids_kw_next(fold, len, a, b, set) < b;
}

/*
 * Keyword starts found so far, per keyword set, for the field that
 * det_identifiers (or ids_scan_one) is scanning: the candidates of one
 * field ask for overlapping windows, mostly moving forward, so each set
 * searches every byte of their union once instead of once per window.
 * A slot knows every keyword start of its set within [lo, hi), in order.
 * The cache lives on the stack of the scan and is reached through a
 * thread-local pointer; outside a scan (or for another text) the plain
 * search runs.
 */
static _Thread_local struct ids_kwcache *kwc_cur;

static void
kwc_begin(struct ids_kwcache *c, const struct ntext *nt)
{
	c->nt = nt;
	c->nslot = 0;
	kwc_cur = c;
}

static void
kwc_end(struct ids_kwcache *c)
{
	for (unsigned i = 0; i < c->nslot; i++)
		if (c->slot[i].v != c->slot[i].buf)
			g_free(c->slot[i].v);
	c->nslot = 0;
	kwc_cur = NULL;
}

static void
kwc_push(struct kwc_slot *sl, size_t p)
{
	if (sl->n == sl->cap) {
		sl->cap *= 2;
		if (sl->v == sl->buf)
			sl->v = g_memdup2(sl->buf, sizeof(sl->buf));
		sl->v = g_renew(size_t, sl->v, sl->cap);
	}
	sl->v[sl->n++] = p;
}

/* ids_kw_next(nt->fold, nt->len, a, b, set), through the cache when the
 * scan of nt has one. */
size_t
ids_kw_next_nt(const struct ntext *nt, size_t a, size_t b,
    struct ids_kwset *set)
{
	struct ids_kwcache *c = kwc_cur;
	struct kwc_slot *sl = NULL;
	size_t lo, hi, at;

	if (b > nt->len)
		b = nt->len;
	if (a >= b)
		return b;
	if (c == NULL || c->nt != nt)
		return ids_kw_next(nt->fold, nt->len, a, b, set);
	for (unsigned i = 0; i < c->nslot; i++)
		if (c->slot[i].set == set) {
			sl = &c->slot[i];
			break;
		}
	if (sl == NULL) {
		if (c->nslot == KWC_SLOTS)
			return ids_kw_next(nt->fold, nt->len, a, b, set);
		sl = &c->slot[c->nslot++];
		sl->set = set;
		sl->v = sl->buf;
		sl->cap = G_N_ELEMENTS(sl->buf);
		sl->n = 0;
		sl->lo = sl->hi = a;
	}
	if (a < sl->lo || a > sl->hi) {
		sl->n = 0;
		sl->lo = sl->hi = a;
	}
	/* Search [hi, b) once; a keyword may run past b (as before). */
	for (at = sl->hi; b > sl->hi &&
	    (at = ids_kw_next(nt->fold, nt->len, at, b, set)) < b; at++)
		kwc_push(sl, at);
	if (b > sl->hi)
		sl->hi = b;
	/* The first start >= a: is it before b? */
	lo = 0;
	hi = sl->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sl->v[mid] < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sl->n && sl->v[lo] < b ? sl->v[lo] : b;
}

static bool
kw_in_nt(const struct ntext *nt, size_t a, size_t b, struct ids_kwset *set)
{
	if (b > nt->len)
		b = nt->len;
	return a < b && ids_kw_next_nt(nt, a, b, set) < b;
}

bool
ids_kw_near(const struct ntext *nt, size_t start, size_t end, size_t before,
    size_t after, struct ids_kwset *kw)
{
	size_t a = start > before ? start - before : 0;
	size_t b = end + after < nt->len ? end + after : nt->len;

	return kw_in_nt(nt, a, b, kw);
}

static const struct ids_kw dialin_kw[] = {
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
	IDS_KW_END
};
static struct ids_kwset dialin_set = IDS_KWSET(dialin_kw);

/* Lines can be long (HTML reduced to one line); look at most this far. */
#define DIALIN_REACH	160

bool
ids_dialstring(const struct ntext *nt, size_t start, size_t end)
{
	const char *s = nt->norm;
	size_t i;

	for (i = end; i < nt->len && s[i] == ' '; i++)
		;
	if (i < nt->len && s[i] == '#')
		return true;		/* PIN or dial string */
	if (i + 1 < nt->len && s[i] == ',' && s[i + 1] == ',')
		return true;		/* "+46 8 505 248 93,,318274659#" */
	return start >= 2 && s[start - 1] == ',' && s[start - 2] == ',';
}

bool
ids_dialin(const struct ntext *nt, size_t start, size_t end,
    struct ids_dcache *dc)
{
	const char *s = nt->norm;
	size_t a = start, b = end;

	if (ids_dialstring(nt, start, end))
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
		return kw_in_nt(nt, a, b, &dialin_set);
	dc->a = a;
	dc->b = b;
	dc->valid = true;
	dc->val = kw_in_nt(nt, a, b, &dialin_set);
	return dc->val;
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
	g_strlcpy(h.detail, detail, sizeof(h.detail));
	hits_add(out, &h);
}
