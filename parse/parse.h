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

#endif
