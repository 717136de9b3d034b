/*
 * base64.c: base64 decoding with the result of GMime's decoder
 * (g_mime_encoding_base64_decode_step() from its first state, 3.2):
 * bytes outside the alphabet are skipped, the first '=' ends the data
 * (the quartet it cuts short gives one or two bytes, or none when fewer
 * than two characters came before it). Four characters a step while
 * they are all in the alphabet, which is nearly always.
 */
#include <stdbool.h>
#include <stddef.h>

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
