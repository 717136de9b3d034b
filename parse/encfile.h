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

/* A body fed in chunks, as it is or in quoted-printable: found once
 * any line begins a file. */
struct encfile_scan {
	char	head[16];	/* the start of the current line */
	size_t	n;
	bool	mid;		/* inside a line past its head */
	bool	found;
};

void	encfile_scan_init(struct encfile_scan *);
void	encfile_scan_feed(struct encfile_scan *, const char *b, size_t n);

#endif
