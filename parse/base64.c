/*
 * base64.c: base64 decoding with the result of GMime's decoder
 * (g_mime_encoding_base64_decode_step() from its first state, 3.2):
 * bytes outside the alphabet are skipped, the first '=' ends the data
 * (the quartet it cuts short gives one or two bytes, or none when fewer
 * than two characters came before it). Four characters a step while
 * they are all in the alphabet, which is nearly always.
 * Also the decoded size of well-formed base64 without decoding it
 * (b64_size, b64_tally_*): attachments are only measured.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <glib.h>

#include "parse_int.h"

#define NO 0xFF

static const unsigned char rank[256] = {
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, 62, NO, NO, NO, 63,
	52, 53, 54, 55, 56, 57, 58, 59, 60, 61, NO, NO, NO, NO, NO, NO,
	NO,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
	15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, NO, NO, NO, NO, NO,
	NO, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
	41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
	NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO,
};

size_t
b64_decode(const unsigned char *in, size_t len, unsigned char *out)
{
	unsigned char *o = out;
	unsigned int saved = 0;
	size_t i = 0;
	int n = 0;

	while (i < len) {
		unsigned char r;

		/* whole quartets */
		while (n == 0 && i + 4 <= len) {
			unsigned int a = rank[in[i]], b = rank[in[i + 1]],
			    c = rank[in[i + 2]], d = rank[in[i + 3]];
			unsigned int v;

			if ((a | b | c | d) & 0xC0)
				break;
			v = a << 18 | b << 12 | c << 6 | d;
			o[0] = (unsigned char)(v >> 16);
			o[1] = (unsigned char)(v >> 8);
			o[2] = (unsigned char)v;
			o += 3;
			i += 4;
		}
		if (i >= len)
			break;
		/* one character */
		r = rank[in[i]];
		if (r != NO) {
			saved = saved << 6 | r;
			if (++n == 4) {
				o[0] = (unsigned char)(saved >> 16);
				o[1] = (unsigned char)(saved >> 8);
				o[2] = (unsigned char)saved;
				o += 3;
				saved = 0;
				n = 0;
			}
		} else if (in[i] == '=') {
			/* the end of the data */
			if (n > 1) {
				saved <<= 6 * (4 - n);
				*o++ = (unsigned char)(saved >> 16);
				if (n > 2)
					*o++ = (unsigned char)(saved >> 8);
			}
			break;
		}
		i++;
	}
	return (size_t)(o - out);
}

/* Counts in b[0..n) the base64 alphabet, the '=' and the bytes that
 * are neither nor a line break or blank. SSE2: 16 bytes a step. */
static void
b64_count(const unsigned char *b, size_t n, size_t *alpha, size_t *eq,
    size_t *other)
{
	size_t i = 0;

#ifdef __SSE2__
	/* Byte counters (a compare gives -1 per hit), summed every 255
	 * steps before they can wrap. */
	while (i + 16 <= n) {
		__m128i ca = _mm_setzero_si128(), ce = ca, co = ca;
		__m128i sa, se, so;

		for (size_t k = 0; k < 255 && i + 16 <= n; k++, i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
#define IN(lo, cnt) _mm_cmplt_epi8(_mm_sub_epi8(x, _mm_set1_epi8((char)((lo) + 128))), \
			    _mm_set1_epi8((char)(-128 + (cnt))))
#define EQ(c) _mm_cmpeq_epi8(x, _mm_set1_epi8(c))
			__m128i al = _mm_or_si128(_mm_or_si128(IN('A', 26),
			    IN('a', 26)), _mm_or_si128(IN('0', 10),
			    _mm_or_si128(EQ('+'), EQ('/'))));
			__m128i e = EQ('=');
			__m128i ws = _mm_or_si128(_mm_or_si128(EQ('\r'), EQ('\n')),
			    _mm_or_si128(EQ(' '), EQ('\t')));
#undef IN
#undef EQ

			ca = _mm_sub_epi8(ca, al);
			ce = _mm_sub_epi8(ce, e);
			co = _mm_add_epi8(co, _mm_andnot_si128(_mm_or_si128(al,
			    _mm_or_si128(e, ws)), _mm_set1_epi8(1)));
		}
		sa = _mm_sad_epu8(ca, _mm_setzero_si128());
		se = _mm_sad_epu8(ce, _mm_setzero_si128());
		so = _mm_sad_epu8(co, _mm_setzero_si128());
		*alpha += (size_t)_mm_cvtsi128_si32(sa) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sa, 8));
		*eq += (size_t)_mm_cvtsi128_si32(se) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(se, 8));
		*other += (size_t)_mm_cvtsi128_si32(so) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(so, 8));
	}
#endif
	for (; i < n; i++) {
		if (g_ascii_isalnum(b[i]) || b[i] == '+' || b[i] == '/')
			++*alpha;
		else if (b[i] == '=')
			++*eq;
		else if (b[i] != '\r' && b[i] != '\n' && b[i] != ' ' &&
		    b[i] != '\t')
			++*other;
	}
}

void
b64_tally_add(struct b64_tally *t, const unsigned char *b, size_t n)
{
	size_t a0 = t->alpha, e0 = t->eq;

	b64_count(b, n, &t->alpha, &t->eq, &t->other);
	/* After the first '=' only '=' and blanks. */
	if (e0 > 0 && t->alpha > a0)
		t->ok = false;
	else if (t->eq > e0) {
		const unsigned char *q = memchr(b, '=', n);

		for (; q < b + n && t->ok; q++)
			t->ok = *q == '=' || *q == '\r' || *q == '\n' ||
			    *q == ' ' || *q == '\t';
	}
}

bool
b64_tally_size(const struct b64_tally *t, size_t *size)
{
	if (t->ok && t->other == 0 && t->eq <= 2 &&
	    (t->alpha + t->eq) % 4 == 0) {
		*size = (t->alpha + t->eq) / 4 * 3 - t->eq;
		return true;
	}
	return false;
}

bool
b64_size(const unsigned char *b, size_t n, size_t cap, size_t *size)
{
	struct b64_tally t = B64_TALLY_INIT;

	for (size_t off = 0; t.ok && off < n; off += cap)
		b64_tally_add(&t, b + off, n - off < cap ? n - off : cap);
	return b64_tally_size(&t, size);
}
