/*
 * encfile.h: whether a text body carries a file encoded in the text
 * itself (uuencode "begin 644 name" ... "end", yEnc "=ybegin ...").
 * Mail clients show such a file as an attachment, so a calendar can
 * travel that way in a plain text mail (session 16). The line test is
 * the one parse/leaf.c reads those files by; the stream scan lets the
 * daemon see it in a plain text body as it arrives, with no copy.
 */
#ifndef ENCFILE_H
#define ENCFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Whether the line l[0..n) (no line break) begins an encoded file:
 * "begin " and three octal digits, or "=ybegin ". */
bool	encfile_begin_line(const char *l, size_t n);

/* The start of the current line of one view of a body. */
struct encfile_line {
	char	head[16];
	size_t	n;
	bool	mid;		/* inside a line past its head */
};

/* A body fed in chunks: found once any line begins a file, in the body
 * as it is or decoded from quoted-printable (both views are read, so
 * the Content-Transfer-Encoding header, however it is written, does
 * not matter: "=62egin", "be=" soft breaks, "=0D=0Abegin"). */
struct encfile_scan {
	struct encfile_line raw, dec;
	int	qp;		/* the decoder: 0, 1 after '=', 2 and a char */
	char	saved;
	bool	found;
};

void	encfile_scan_init(struct encfile_scan *);
void	encfile_scan_feed(struct encfile_scan *, const char *b, size_t n);

#endif
