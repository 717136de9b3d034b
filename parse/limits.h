/*
 * limits.h: every size and count cap of the parser, each with a reason.
 * A cap that is hit is recorded in the invite (INV_TRUNCATED, and
 * inv->limit names the [limits] key); the rules add the finding
 * limit-exceeded and the front ends apply [limits] on_limit. It is never
 * a crash and never a silent pass.
 * Runtime values live in struct parse_limits (the config may lower or
 * raise them); these are the defaults.
 */
#ifndef LIMITS_H
#define LIMITS_H

#include <stddef.h>

/* Outlook invitations with a Teams block are 20-60 KB; 25 MB is the
 * common relay message size limit (message_size_limit is 10 MB in
 * Postfix by default, Exchange Online sends up to 25 MB). */
#define LIM_MESSAGE_BYTES	(25u * 1024 * 1024)
/* Real clients nest 3-4 levels (mixed > alternative > related), a
 * forwarded invitation adds 2; 16 leaves room and stops recursion bombs. */
#define LIM_MIME_DEPTH		16
/* An invitation with a few attachments has < 20 parts. */
#define LIM_MIME_PARTS		256
/* A calendar part is a few KB; 4 MB covers ATTACH with inline data. */
#define LIM_ICS_BYTES		(4u * 1024 * 1024)
/* Components per calendar: a series with exceptions, an import feed. */
#define LIM_COMPONENTS		1000
/* Distribution lists expand client-side; 2000 guests is a large event. */
#define LIM_ATTENDEES		2000
/* Text kept per field for scanning: DESCRIPTION with Teams HTML is
 * ~10 KB; longer text is scanned up to this many bytes. */
#define LIM_TEXT_BYTES		(1u * 1024 * 1024)
/* Text pieces collected per message. */
#define LIM_TEXTS		4096
/* Properties per calendar component: an event with 2000 attendees has
 * about 2050; a component with more is built to exhaust the parser. */
#define LIM_PROPERTIES		10000
/* Decoded bytes of all MIME parts of one message together. Base64 and
 * quoted-printable never grow, but uuencode, many small parts and
 * forwarded copies add up; 2x the message cap leaves room. */
#define LIM_DECODED_BYTES	(50u * 1024 * 1024)

struct parse_limits {
	size_t	message_bytes;
	size_t	mime_depth;
	size_t	mime_parts;
	size_t	ics_bytes;
	size_t	components;
	size_t	attendees;
	size_t	text_bytes;	/* one field/property value */
	size_t	properties;	/* per calendar component */
	size_t	decoded_bytes;	/* all MIME parts of a message, decoded */
	size_t	texts;		/* text pieces kept per message */
};

#define PARSE_LIMITS_DEFAULT { LIM_MESSAGE_BYTES, LIM_MIME_DEPTH, \
	LIM_MIME_PARTS, LIM_ICS_BYTES, LIM_COMPONENTS, LIM_ATTENDEES, \
	LIM_TEXT_BYTES, LIM_PROPERTIES, LIM_DECODED_BYTES, LIM_TEXTS }

#endif
