/*
 * parse_int.h: what the files of parse/ share among themselves.
 */
#ifndef PARSE_INT_H
#define PARSE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>
#include "invite.h"
#include "limits.h"

/* mime.c: bytes in charset (NULL: unknown) -> new UTF-8 string; a
 * wrong or missing label is guessed (UTF-8, else Windows-1252) and
 * INV_CHARSET_GUESSED set. */
char	*to_utf8(struct invite *, const char *b, size_t n,
	    const char *charset);

/* html.c: appends the text of HTML s[0..len) to out: tags dropped,
 * <br>, </p>, </div>, </li>, </tr> as newlines, script and style
 * skipped, entities decoded. */
void	html_to_text(const char *s, size_t len, GString *out);

/* ical.c: parses one calendar object (UTF-8) into inv: a new inv_cal,
 * its components and texts. Broken input sets flags; never fails. */
void	ical_parse_into(struct invite *, const char *s, size_t len,
	    bool is_attachment, const struct parse_limits *);
/* Unfolds iCalendar content lines (RFC 5545 3.1) in the raw bytes
 * b[0..n), in place; returns the new length. Folding counts octets, so
 * a client may fold inside a UTF-8 sequence: unfold before any charset
 * work. Not for UTF-16/32 text. */
size_t	ical_unfold_bytes(char *b, size_t n);
/* Undoes iCalendar TEXT escapes (RFC 5545 3.3.11) in place. */
void	ical_unescape(char *s);

#endif
