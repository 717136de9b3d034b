/*
 * encfile.c: the line that starts a file encoded in a text body
 * (uuencode, yEnc), and a scan over a body that arrives in chunks.
 * See encfile.h.
 */
#include <string.h>

#include "encfile.h"

static bool
octal(char c)
{
	return c >= '0' && c <= '7';
}

bool
encfile_begin_line(const char *l, size_t n)
{
	if (n >= 10 && memcmp(l, "begin ", 6) == 0 && octal(l[6]) &&
	    octal(l[7]) && octal(l[8]))
		return true;
	return n >= 8 && memcmp(l, "=ybegin ", 8) == 0;
}

void
encfile_scan_init(struct encfile_scan *s)
{
	memset(s, 0, sizeof(*s));
}

/* The head of a line is complete (full, or the line ended). */
static void
judge(struct encfile_scan *s)
{
	/* a body in quoted-printable shows "=ybegin" as "=3Dybegin" */
	if (!s->found && (encfile_begin_line(s->head, s->n) ||
	    (s->n >= 10 && memcmp(s->head, "=3Dybegin ", 10) == 0)))
		s->found = true;
}

void
encfile_scan_feed(struct encfile_scan *s, const char *b, size_t n)
{
	const char *e = b + n;

	while (b < e && !s->found) {
		const char *nl = memchr(b, '\n', (size_t)(e - b));
		const char *end = nl != NULL ? nl : e;

		if (!s->mid) {
			size_t k = (size_t)(end - b);

			if (k > sizeof(s->head) - s->n)
				k = sizeof(s->head) - s->n;
			memcpy(s->head + s->n, b, k);
			s->n += k;
			if (s->n == sizeof(s->head)) {
				judge(s);
				s->mid = true;
			}
		}
		if (nl == NULL)
			break;
		if (!s->mid)
			judge(s);	/* a line shorter than the head */
		s->n = 0;
		s->mid = false;
		b = nl + 1;
	}
}
