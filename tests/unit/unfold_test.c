/*
 * unfold_test.c: ical_unfold_bytes() (parse/ical.c, line by line with
 * memchr) against a frozen copy of the byte-at-a-time version it
 * replaced, on random text over the bytes that matter (CR, LF, blank,
 * tab, a letter) and every string of up to 7 of them.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "parse/parse_int.h"

/* The old ical_unfold_bytes(), unchanged. */
static size_t
old_unfold(char *b, size_t n)
{
	size_t w = 0;

	for (size_t r = 0; r < n; r++) {
		size_t j = r;

		if (b[r] == '\r' && r + 1 < n && b[r + 1] == '\n')
			j = r + 1;
		if (b[j] == '\n' && j + 1 < n && (b[j + 1] == ' ' ||
		    b[j + 1] == '\t')) {
			r = j + 1;	/* line break and one blank: no text */
			continue;
		}
		b[w++] = b[r];
	}
	return w;
}

static long fails;

static void
check(const char *s, size_t n)
{
	char *a = g_memdup2(s, n + 1), *b = g_memdup2(s, n + 1);
	size_t na = ical_unfold_bytes(a, n), nb = old_unfold(b, n);

	if (na != nb || memcmp(a, b, na) != 0)
		fails++;
	g_free(a);
	g_free(b);
}

int
main(void)
{
	static const char alpha[] = "\r\n \tab";
	char buf[300];
	guint32 rng = 123456789u;
	long cases = 0;

	for (size_t len = 0; len <= 7; len++) {
		size_t total = 1;

		for (size_t i = 0; i < len; i++)
			total *= 5;
		for (size_t v = 0; v < total; v++) {
			size_t x = v;

			for (size_t i = 0; i < len; i++, x /= 5)
				buf[i] = alpha[x % 5];
			check(buf, len);
			cases++;
		}
	}
	printf("%s 1 - every string of up to 7 bytes: as before\n",
	    fails ? "not ok" : "ok");
	for (long r = 0; r < 200000; r++) {
		size_t n;

		rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
		n = rng % sizeof(buf);
		for (size_t i = 0; i < n; i++) {
			rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
			buf[i] = (rng >> 8) % 3 ? 'a' + (char)(rng % 3) :
			    alpha[(rng >> 12) % 6];
		}
		check(buf, n);
		cases++;
	}
	printf("%s 2 - random text: as before\n", fails ? "not ok" : "ok");
	printf("# %ld cases\n1..2\n", cases);
	return fails != 0;
}
