/*
 * base64_test.c: b64_decode() (parse/base64.c) against GMime's decoder,
 * g_mime_encoding_base64_decode_step() from its first state, the one it
 * stands in for: every string of up to 6 characters over the kinds that
 * matter (alphabet, '=', line break, other), and random text, clean
 * base64 with line breaks and damaged base64.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "parse/parse_int.h"

static long fails;

static void
check(const unsigned char *s, size_t n)
{
	unsigned char a[1100], b[1100];
	int state = 0;
	guint32 save = 0;
	size_t na = b64_decode(s, n, a);
	size_t nb = g_mime_encoding_base64_decode_step(s, n, b, &state, &save);

	if (na != nb || memcmp(a, b, na) != 0)
		fails++;
}

int
main(void)
{
	static const char kinds[] = "Az9+/=\n\r -";
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char buf[1024];
	guint32 rng = 362436069u;
	long cases = 0;

	g_mime_init();
	for (size_t len = 0; len <= 6; len++) {
		size_t total = 1;

		for (size_t i = 0; i < len; i++)
			total *= sizeof(kinds) - 1;
		for (size_t v = 0; v < total; v++) {
			size_t x = v;

			for (size_t i = 0; i < len; i++, x /= sizeof(kinds) - 1)
				buf[i] = (unsigned char)kinds[x % (sizeof(kinds) - 1)];
			check(buf, len);
			cases++;
		}
	}
	printf("%s 1 - every short string: as GMime\n", fails ? "not ok" : "ok");
	for (long r = 0; r < 300000; r++) {
		size_t n;
		int mode;

		rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
		n = rng % sizeof(buf);
		mode = (int)((rng >> 10) % 3);
		for (size_t i = 0; i < n; i++) {
			rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
			if (mode == 0)		/* any byte */
				buf[i] = (unsigned char)(rng >> 7);
			else if (i % 78 == 76 || i % 78 == 77)	/* lines */
				buf[i] = i % 78 == 76 ? '\r' : '\n';
			else if (mode == 1 || (rng >> 9) % 50)
				buf[i] = (unsigned char)b64[(rng >> 13) % 64];
			else
				buf[i] = (unsigned char)"= !\n\xc3"[(rng >> 13) % 5];
		}
		if (mode == 1 && n > 2 && rng % 3 == 0) {	/* padding */
			buf[n - 1] = '=';
			if (rng % 2)
				buf[n - 2] = '=';
		}
		check(buf, n);
		cases++;
	}
	printf("%s 2 - random text: as GMime\n", fails ? "not ok" : "ok");
	printf("# %ld cases\n1..2\n", cases);
	return fails != 0;
}
