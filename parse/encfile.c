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

/* The head of a line of one view is complete (full, or the line
 * ended). */
static void
judge(struct encfile_scan *s, const struct encfile_line *l)
{
	/* a body in quoted-printable shows "=ybegin" as "=3Dybegin" (kept
	 * for the raw view; the decoded one sees "=ybegin" itself) */
	if (!s->found && (encfile_begin_line(l->head, l->n) ||
	    (l->n >= 10 && memcmp(l->head, "=3Dybegin ", 10) == 0)))
		s->found = true;
}

/* Bytes b[0..n) of one view. */
static void
lines(struct encfile_scan *s, struct encfile_line *l, const char *b,
    size_t n)
{
	const char *e = b + n;

	while (b < e && !s->found) {
		const char *nl = memchr(b, '\n', (size_t)(e - b));
		const char *end = nl != NULL ? nl : e;

		if (!l->mid) {
			size_t k = (size_t)(end - b);

			if (k > sizeof(l->head) - l->n)
				k = sizeof(l->head) - l->n;
			memcpy(l->head + l->n, b, k);
			l->n += k;
			if (l->n == sizeof(l->head)) {
				judge(s, l);
				l->mid = true;
			}
		}
		if (nl == NULL)
			break;
		if (!l->mid)
			judge(s, l);	/* a line shorter than the head */
		l->n = 0;
		l->mid = false;
		b = nl + 1;
	}
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c & ~0x20);
	return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* b[0..n) decoded from quoted-printable as GMime's decoder does it
 * (g_mime_encoding_quoted_decode_step: "=\n" and "=\r\n" are soft
 * breaks, "=XX" a byte in either case, any other '=' stays as it is),
 * into the decoded view. Adversarial pass, session 16: the raw scan
 * missed "=62egin 644 x.ics", "be=\r\ngin" and "x=0D=0Abegin". */
static void
decoded(struct encfile_scan *s, const char *b, size_t n)
{
	char out[1024];
	size_t o = 0;

	for (size_t i = 0; i < n && !s->found; i++) {
		char c = b[i];

		if (o + 3 > sizeof(out)) {
			lines(s, &s->dec, out, o);
			o = 0;
		}
		switch (s->qp) {
		case 0:
			if (c == '=')
				s->qp = 1;
			else
				out[o++] = c;
			break;
		case 1:
			if (c == '\n')
				s->qp = 0;	/* soft break */
			else {
				s->saved = c;
				s->qp = 2;
			}
			break;
		default:
			if (hexval(s->saved) >= 0 && hexval(c) >= 0)
				out[o++] = (char)(hexval(s->saved) << 4 |
				    hexval(c));
			else if (!(s->saved == '\r' && c == '\n')) {
				out[o++] = '=';
				out[o++] = s->saved;
				out[o++] = c;
			}
			s->qp = 0;
			break;
		}
	}
	if (o > 0)
		lines(s, &s->dec, out, o);
}

void
encfile_scan_feed(struct encfile_scan *s, const char *b, size_t n)
{
	lines(s, &s->raw, b, n);
	decoded(s, b, n);
}
