/*
 * utf8.c: g_utf8_validate() with a fast path for ASCII. Invitation text
 * is mostly ASCII with a multi-byte character now and then; GLib checks
 * it a byte at a time. Here ASCII is passed over 16 bytes a step and
 * each run of bytes >= 0x80 (the multi-byte sequences between two ASCII
 * bytes) is handed to GLib, so what is valid, and where the first
 * invalid sequence starts, is GLib's answer.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <glib.h>

#include "parse_int.h"

bool
utf8_valid(const char *s, size_t n, const char **end)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t j;

#ifdef __SSE2__
		/* 16 bytes a step while none is NUL or >= 0x80. */
		while (i + 16 <= n) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
			int m = _mm_movemask_epi8(x) |
			    _mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_setzero_si128()));

			if (m != 0) {
				i += (size_t)__builtin_ctz((unsigned)m);
				break;
			}
			i += 16;
		}
#endif
		while (i < n && p[i] != 0 && p[i] < 0x80)
			i++;
		if (i == n)
			break;
		if (p[i] == 0) {	/* GLib: NUL within the length is invalid */
			if (end != NULL)
				*end = s + i;
			return false;
		}
		for (j = i; j < n && p[j] >= 0x80; j++)
			;
		if (!g_utf8_validate(s + i, (gssize)(j - i), end))
			return false;
		i = j;
	}
	if (end != NULL)
		*end = s + n;
	return true;
}
