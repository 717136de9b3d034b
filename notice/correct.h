/*
 * correct.h: the corrected invitation. From the raw message (or a bare
 * .ics), its invite and the verdict of the rules, build a new calendar
 * the sender can send instead: neutral SUMMARY, each finding's text cut
 * out of DESCRIPTION/LOCATION/COMMENT/X-ALT-DESC, ATTACH dropped, a
 * series reduced to its first occasion, new UID, METHOD:REQUEST; same
 * organizer, attendees, times, time zones and Teams join information.
 * Pure: no I/O, no libmilter. Thread-safe after parse_init().
 */
#ifndef CORRECT_H
#define CORRECT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <glib.h>
#include "../parse/invite.h"
#include "../parse/limits.h"
#include "../rules/verdict.h"

#define CORRECT_SUBJECT_DEFAULT	"Avstämning"

struct correct_opts {
	const char	*subject;	/* neutral SUMMARY; NULL = default */
	const char	*uid_domain;	/* right of '@' in the new UID; NULL =
					   "invite-milter.invalid" */
	time_t		 now;		/* DTSTAMP; 0 = time(NULL) */
	bool		 keep_uid;	/* in-flight redaction: the guests'
					   answers must reach the organizer's
					   meeting */
	const char	*organizer;	/* address for an event without
					   ORGANIZER (the sender), or NULL */
};

/* What correct_calendar() changed (bit set), for the notice's words. */
#define CORR_SUBJECT	0x01	/* SUMMARY replaced */
#define CORR_TEXT	0x02	/* text cut out of a description etc. */
#define CORR_SERIES	0x04	/* series reduced to its first occasion */
#define CORR_ATTACH	0x08	/* ATTACH properties dropped */
#define CORR_ALTDESC	0x10	/* X-ALT-DESC rebuilt from DESCRIPTION */
#define CORR_EVENTS	0x20	/* further events of the calendar dropped */
#define CORR_CN		0x40	/* text cut out of a CN parameter */
#define CORR_STRIPPED	0x80	/* description reduced to the Teams block */

/* The corrected calendar as a new UTF-8 string with CRLF lines (caller
 * g_free()s), or NULL when buf holds no event with a DTSTART libical can
 * read. It is an RFC 5546 REQUEST (ORGANIZER, ATTENDEEs, DTSTART, no
 * DTEND beside DURATION, STATUS only TENTATIVE/CONFIRMED); an event
 * without attendees (or without organizer and none in o) gets no METHOD:
 * a plain event the sender opens and completes. inv and
 * v describe buf (v may be NULL: then only the subject, attachments and
 * the series are corrected). buf is read as parse/ reads it
 * (parse_parts) under lim (NULL: the defaults), the limits inv was
 * parsed with. *changes (may be NULL) gets CORR_*.
 * strip = true keeps of the description only the Teams join block and
 * the series note (the last resort when cutting spans is not enough). */
char	*correct_calendar(const char *buf, size_t len,
	    const struct parse_limits *lim, const struct invite *inv,
	    const struct verdict *v, const struct correct_opts *o, bool strip,
	    unsigned *changes);

#endif
