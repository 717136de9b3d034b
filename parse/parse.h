/*
 * parse.h: raw bytes -> struct invite. The only entry points of parse/.
 * Thread-safe once parse_init() has run (call it once from main).
 * Broken input is data: the invite comes back with flags and a problem
 * text. Only "could not do the job" (out of memory is an abort) fails.
 */
#ifndef PARSE_H
#define PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include "invite.h"
#include "limits.h"

void	parse_init(void);	/* g_mime_init, libical error mode */

/* An RFC 5322 message. Returns a new invite (caller frees) or NULL on an
 * internal error. lim may be NULL for the defaults. */
struct invite	*parse_message(const char *buf, size_t len,
		    const struct parse_limits *lim);

/* A bare iCalendar object (.ics file), as if attached to an empty mail. */
struct invite	*parse_ics(const char *buf, size_t len,
		    const struct parse_limits *lim);

/* Detects by content: "BEGIN:VCALENDAR" first (after BOM/blank lines)
 * means parse_ics, anything else parse_message. */
struct invite	*parse_any(const char *buf, size_t len,
		    const struct parse_limits *lim);

/* The end-of-headers shortcut (issue 17): whether a message with these
 * top-level headers could carry a calendar, so that one answering
 * false for every header of its block can be accepted unread. name and
 * value as an MTA hands them over (value unfolded or not). True for a
 * Content-Type other than text/plain, text/html or an image type (or one
 * that cannot be read), and for a Content-Type or Content-Disposition
 * with a name or filename parameter in any form (a "text/plain" named
 * invite.ics is a calendar to parse/). Every header counts, not only
 * the last: readers differ on which of two Content-Types they take. */
bool	parse_header_may_invite(const char *name, const char *value);

/* For a message whose headers all answer false above: whether its
 * Content-Type value is text/plain (a plain text body may still carry a
 * calendar uuencoded in the text, parse/encfile.h), and whether a
 * Content-Transfer-Encoding value leaves a line that begins such a file
 * readable as the body arrives (7bit, 8bit, binary, quoted-printable;
 * not base64). */
bool	parse_header_text_plain(const char *value);
bool	parse_header_cte_readable(const char *value);

/* parse_header_may_invite() over a whole header block hdr[0..len) (up
 * to the empty line or the end; folded lines joined): true when any of
 * its headers may carry a calendar. */
bool	parse_headers_may_invite(const char *hdr, size_t len);

/* A header's raw text as the rules read it (header_text: RFC 2047
 * encoded words decoded, the rest UTF-8 or Windows-1252, line breaks
 * dropped), for the redactor, which must find what the rules found.
 * New string (g_free). */
char	*parse_header_text(const char *raw);

/* Which shown headers the parse reads as address lists (display names,
 * comments, local parts with a digit: From, To, Cc, Resent-To, ...) and
 * which as text (Comments, Keywords, Thread-Topic, Organization): one
 * list for the parse and for redaction (notice/redact_hdr.c). */
bool	parse_header_is_address(const char *name);
bool	parse_header_is_text(const char *name);

#endif
