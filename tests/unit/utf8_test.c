/*
 * utf8_test.c: utf8_valid() (parse/utf8.c) against g_utf8_validate(),
 * the reference it replaces: the answer and the end pointer must be the
 * same for every code point (and every surrogate, overlong and too-large
 * form) at every offset around the 16-byte steps, and for random bytes.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "parse/parse_int.h"

static long fails;

static void
check(const char *what, const char *s, size_t n)
{
	const char *e1 = NULL, *e2 = NULL;
	bool a = utf8_valid(s, n, &e1);
	bool b = g_utf8_validate(s, (gssize)n, &e2);

	if (a != b || e1 != e2) {
		if (fails++ < 10)
			printf("# differs: %s (length %zu)\n", what, n);
	}
	if (utf8_valid(s, n, NULL) != b && fails++ < 10)
		printf("# differs without end: %s\n", what);
}

/* c as 1 to 4 bytes, any value up to 0x1FFFFF, forced to len bytes
 * (so overlong forms too). */
static size_t
encode(guint32 c, size_t len, unsigned char *o)
{
	switch (len) {
	case 1:
		o[0] = (unsigned char)c;
		return 1;
	case 2:
		o[0] = (unsigned char)(0xC0 | ((c >> 6) & 0x1F));
		o[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	case 3:
		o[0] = (unsigned char)(0xE0 | ((c >> 12) & 0x0F));
		o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	default:
		o[0] = (unsigned char)(0xF0 | ((c >> 18) & 0x07));
		o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
		o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		o[3] = (unsigned char)(0x80 | (c & 0x3F));
		return 4;
	}
}

int
main(void)
{
	unsigned char buf[96];
	guint32 rng = 88172645u;
	long cases = 0;

	/* Every code point in its own length and overlong in longer ones,
	 * after k ASCII bytes and before some more. */
	for (guint32 c = 0; c < 0x200000; c++) {
		for (size_t len = 1; len <= 4; len++) {
			size_t k = (c + len) % 20, n;

			if (len == 1 && c > 0x7F)
				continue;
			if (len < 4 && c >= (1u << (len == 1 ? 7 : len == 2 ?
			    11 : 16)))
				continue;
			if (c > 0x10FFFF + 0x100 && c % 97 != 0)
				continue;	/* enough of the too-large */
			memset(buf, 'a', k);
			n = k + encode(c, len, buf + k);
			memset(buf + n, 'b', 19);
			check("code point", (const char *)buf, n + 19);
			check("code point, cut", (const char *)buf, n - 1);
			cases += 2;
		}
	}
	printf("%s 1 - every code point and form: as g_utf8_validate\n",
	    fails ? "not ok" : "ok");
	/* Random bytes: mostly ASCII, some high, a NUL now and then. */
	for (long r = 0; r < 400000; r++) {
		size_t n = 0;

		rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
		n = rng % sizeof(buf);
		for (size_t i = 0; i < n; i++) {
			rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
			buf[i] = (unsigned char)((rng >> 8) % 10 < 7 ?
			    0x20 + (rng >> 16) % 0x5F : (rng >> 16) % 1000 == 0 ?
			    0 : 0x80 + (rng >> 16) % 0x80);
		}
		check("random", (const char *)buf, n);
		cases++;
	}
	printf("%s 2 - random bytes: as g_utf8_validate\n",
	    fails ? "not ok" : "ok");
	/* Random valid text (ASCII and code points of every length), one
	 * byte now and then changed. */
	for (long r = 0; r < 200000; r++) {
		size_t n = 0;

		while (n + 4 < sizeof(buf)) {
			guint32 c;

			rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
			c = rng % 4 == 0 ? 0x20 + rng % 0x5F : rng % 0x110000;
			if (c == 0 || (c >= 0xD800 && c < 0xE000))
				c = 'x';
			n += encode(c, c < 0x80 ? 1 : c < 0x800 ? 2 :
			    c < 0x10000 ? 3 : 4, buf + n);
			if (rng % 7 == 0)
				break;
		}
		if (r % 3 == 0 && n > 0) {
			rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
			buf[rng % n] = (unsigned char)(rng >> 8);
		}
		check("random text", (const char *)buf, n);
		cases++;
	}
	printf("%s 3 - random text: as g_utf8_validate\n",
	    fails ? "not ok" : "ok");
	printf("# %ld cases\n1..3\n", cases);
	return fails != 0;
}
