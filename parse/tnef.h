/*
 * tnef.h: what a TNEF part (application/ms-tnef, winmail.dat) says, as
 * plain data. tnef_read() takes the decoded bytes of the part and
 * returns a struct tnef that owns every string it points to; no ytnef
 * type leaves tnef.c. Hostile or broken input is data (parsed false,
 * truncated, problem), never a crash and never unbounded work.
 *
 * The reading is done by libytnef (Debian: libytnef0), guarded: tnef.c
 * walks the attribute framing itself first and hands libytnef a copy
 * without the attributes it cannot take (see tnef.c for each), and
 * checks every compressed RTF before DecompressRTF sees it.
 */
#ifndef TNEF_H
#define TNEF_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "limits.h"

/* The caps below are TNEF's own; texts and attendees use the
 * parse_limits given to tnef_read (text_bytes, attendees). */

/* Attributes walked per stream: a message with 100 attachments has
 * about 700 (each attachment 5-7); more is built to exhaust us. */
#define TNEF_MAX_ATTRS		4096
/* Bytes handed to libytnef (the part without attachment contents and
 * renderings): message properties of a large invitation with an RTF
 * body and many attendees are < 1 MB; the same 4 MB as a calendar. */
#define TNEF_MAX_KEPT_BYTES	LIM_ICS_BYTES
/* Attachment names kept: the MIME cap of parts. */
#define TNEF_MAX_ATTACH		LIM_MIME_PARTS
/* Decompressed RTF body: an RTF meeting body with a Teams block is
 * 20-60 KB, with pasted pictures a few MB; LZFu expands at most ~8x
 * (see rtf_plausible in tnef.c). */
#define TNEF_MAX_RTF_BYTES	(4u * 1024 * 1024)
/* Text scanned out of the RTF: the text cap is applied after, this
 * bounds the RTF parser's group nesting. */
#define TNEF_MAX_RTF_DEPTH	64
/* Other string properties kept as texts (see other_texts). */
#define TNEF_MAX_OTHER_TEXTS	64

enum tnef_kind {
	TNEF_KIND_OTHER,	/* IPM.Note, IPM.Task..., or no class */
	TNEF_KIND_REQUEST,	/* IPM.Schedule.Meeting.Request */
	TNEF_KIND_CANCEL,	/* IPM.Schedule.Meeting.Canceled */
	TNEF_KIND_RESP_POS,	/* IPM.Schedule.Meeting.Resp.Pos */
	TNEF_KIND_RESP_NEG,	/* ...Resp.Neg */
	TNEF_KIND_RESP_TENT,	/* ...Resp.Tent */
	TNEF_KIND_FORWARD_NOTIFY,	/* IPM.Schedule.Meeting.Notification.Forward */
	TNEF_KIND_APPOINTMENT	/* IPM.Appointment: a calendar item sent as is */
};

enum tnef_role {
	TNEF_ROLE_REQUIRED,	/* PidLidToAttendeesString, PR_DISPLAY_TO, recipient MAPI_TO */
	TNEF_ROLE_OPTIONAL,	/* PidLidCcAttendeesString, PR_DISPLAY_CC, MAPI_CC */
	TNEF_ROLE_RESOURCE,	/* PR_DISPLAY_BCC, MAPI_BCC (rooms, equipment) */
	TNEF_ROLE_UNKNOWN	/* PidLidAllAttendeesString only */
};

struct tnef_person {
	char		*name;	/* display name or NULL */
	char		*addr;	/* lower-case SMTP address or NULL (Exchange
				   X.500 addresses are not SMTP: NULL) */
	enum tnef_role	 role;
};

struct tnef {
	bool		 parsed;	/* the attributes walked to the end (or
					   to damage after the message properties)
					   and every message property block was
					   read; false: not inspectable */
	bool		 truncated;	/* a cap hit or a part skipped */
	const char	*problem;	/* static words: why not parsed or what
					   was skipped (first one), or NULL */
	char		*msg_class;	/* PR_MESSAGE_CLASS, else attMessageClass
					   with the Schedule+ names mapped
					   (IPM.Microsoft Schedule.MtgReq ->
					   IPM.Schedule.Meeting.Request), or NULL */
	enum tnef_kind	 kind;
	/* A meeting class (REQUEST..APPOINTMENT): the fields below are
	 * filled only then; other TNEF is "not an invitation". */
	bool		 is_meeting;
	const char	*method;	/* static iTIP METHOD the class stands
					   for: REQUEST, CANCEL, REPLY (responses,
					   forward notification), PUBLISH
					   (appointment); NULL unless is_meeting */
	char		*subject;	/* PR_SUBJECT, else attSubject, else
					   PR_CONVERSATION_TOPIC */
	/* Bodies: every one the part carries, each reduced to text (a
	 * client shows one of them; which one is the sender's choice). */
	char		*body_plain;	/* PR_BODY or attBody */
	char		*body_rtf;	/* PR_RTF_COMPRESSED -> RTF -> text */
	char		*body_html;	/* PR_HTML (PR_BODY_HTML) -> text */
	char		*location;	/* PidLidLocation, else PidLidWhere */
	char		*uid;		/* PidLidGlobalObjectId (hex), or NULL */
	char		*teams_url;	/* a teams.microsoft.com/teams.live.com
					   link among the string properties */
	time_t		 start, end;	/* UTC seconds; 0 when absent */
	bool		 recurring;	/* PidLidRecurring, a PidLidAppointmentRecur
					   blob, or PidLidIsRecurring */
	char		*recurrence_text;	/* PidLidRecurrencePattern
						   ("every Monday from ...") */
	bool		 has_organizer;
	struct tnef_person organizer;	/* PidLidOrganizerAlias if an address,
					   else the sender (PR_SENT_REPRESENTING_*,
					   PR_SENDER_*, attFrom); in a response
					   the sender is an attendee instead */
	struct tnef_person *attendees;	/* recipient table rows, then the
					   attendee strings, PR_DISPLAY_TO/CC/BCC
					   (names without address included) */
	size_t		 n_attendees;
	/* Filled for every class (a file inside any TNEF is a file): */
	char		**attach_names;	/* PR_ATTACH_LONG_FILENAME, else
					   attAttachTitle, else PR_ATTACH_FILENAME,
					   PR_DISPLAY_NAME */
	size_t		 n_attach;
	/* Meetings only: every other non-empty string property of the
	 * message (named ones included), so nothing a client may show goes
	 * unexamined; n_other strings (addresses, time zone names and
	 * Exchange headers among them: noise for the name rules). */
	char		**other_texts;
	size_t		 n_other;
};

/* Reads the decoded TNEF part buf[0..len). lim NULL: the defaults
 * (text_bytes caps every string, attendees the people). Never NULL;
 * free with tnef_free. Thread-safe: libytnef keeps no state between
 * calls. libytnef prints to stdout on its error paths; tnef.c hands it
 * only what it takes without one (none printed in 4 fuzz runs). Link
 * with -lytnef and -Wl,--exclude-libs,libinvite.a (see Makefile). */
struct tnef	*tnef_read(const unsigned char *buf, size_t len,
		    const struct parse_limits *lim);
void		 tnef_free(struct tnef *);
/* "IPM.Schedule.Meeting.Request" -> TNEF_KIND_REQUEST (case-insensitive,
 * a form suffix ".Foo" allowed); exported for the tests. */
enum tnef_kind	 tnef_class_kind(const char *msg_class);
/* The RTF-to-text pass alone (for the tests): appends the text of
 * rtf[0..len) to a new string, at most max bytes of it. */
char		*tnef_rtf_to_text(const char *rtf, size_t len, size_t max);

#endif
