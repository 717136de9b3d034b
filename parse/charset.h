/*
 * charset.h: the one decoder from a part's bytes and its charset label
 * to UTF-8. Every reader of a message uses it (parse/ for the invite,
 * the corrector and the redactor in notice/), so all of them read the
 * same text. It does not know MIME: the caller has undone the transfer
 * encoding. Returned strings are new (g_free); thread-safe.
 */
#ifndef CHARSET_H
#define CHARSET_H

#include <stdbool.h>
#include <stddef.h>

/* A charset whose code units are wider than a byte (UTF-16/32, UCS-2/4,
 * "unicode"): its text is never valid UTF-8 and CR LF are no single
 * bytes in it. cs may be NULL (false). */
bool	charset_is_wide(const char *cs);

/* b[0..n) starts with a UTF-16 byte-order mark (either order). */
bool	charset_has_utf16_bom(const char *b, size_t n);

/* b[0..n) in charset (NULL: no label) -> new UTF-8 string, never NULL.
 * A UTF-16 or UTF-32 byte-order mark overrides the label, so do NUL
 * bytes in the pattern of ASCII in UTF-16/32 under a missing or
 * byte-wide label; valid multi-byte UTF-8
 * under a single-byte label is taken as UTF-8; a missing or wrong label
 * falls back to UTF-8 if valid, else Windows-1252. *guessed (may be
 * NULL) is set true when the label was missing where one was needed,
 * or wrong; it is never set false. A NUL (U+0000) becomes a space: it
 * ends no text (the result is as long as the text, NUL or not). */
char	*charset_to_utf8(const char *b, size_t n, const char *charset,
	    bool *guessed);

/* A calendar part's bytes (transfer encoding undone) -> the UTF-8 text
 * the iCalendar parser reads: content lines unfolded first (RFC 5545
 * 3.1: folding counts octets and may split a UTF-8 sequence), unless
 * the text is UTF-16/32, then converted as charset_to_utf8() does.
 * b[0..n) is unfolded in place (its bytes change). New string. */
char	*charset_calendar_utf8(char *b, size_t n, const char *charset,
	    bool *guessed);

#endif
