/*
 * invite.h: the plain description of one meeting-invitation e-mail.
 * Filled by parse_message()/parse_ics() (parse/), read by rules/ and the
 * front ends. No GMime or libical type appears here, on purpose: the
 * invite owns every string it points to and invite_free() releases all.
 * All text is UTF-8, NUL-terminated, iCalendar escapes undone, HTML
 * reduced to text. A NUL in the input is a space in every text (it
 * never ends one early).
 */
#ifndef INVITE_H
#define INVITE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Where a piece of text came from. Keep invite_field_name() in step. */
enum inv_field {
	FLD_SUBJECT,
	FLD_SUMMARY,
	FLD_DESCRIPTION,
	FLD_ALTDESC,		/* X-ALT-DESC (HTML reduced to text) */
	FLD_LOCATION,
	FLD_COMMENT,
	FLD_CATEGORIES,
	FLD_BODY_TEXT,		/* text/plain body part */
	FLD_BODY_HTML,		/* text/html body part, reduced to text */
	FLD_ATTACHMENT_NAME,	/* MIME filename/name, ATTACH FILENAME */
	FLD_ATTENDEE_CN,	/* ATTENDEE CN= (never a name finding) */
	FLD_ORGANIZER_CN,	/* ORGANIZER CN= (never a name finding) */
	FLD_ADDRESS_NAME,	/* display names and comments in From,
				   Sender, Reply-To, To, Cc, Bcc: the
				   participants, like a CN (one text a
				   header, one name a line) */
	FLD_HEADER,		/* other header text a mail client shows:
				   Comments, Keywords, Thread-Topic,
				   Organization (not when it is the
				   Subject's text) */
	FLD_COUNT
};

/* Facts about the message as a whole; input trouble is data, not error. */
#define INV_TEAMS		0x0001	/* Teams marker or join link seen */
#define INV_TNEF		0x0002	/* a TNEF part (application/ms-tnef,
					   winmail.dat) that could not be
					   read: not inspectable */
#define INV_TRUNCATED		0x0004	/* a cap in limits.h was hit */
#define INV_MIME_BROKEN		0x0008	/* MIME structure damaged */
#define INV_ICAL_BROKEN		0x0010	/* a calendar part libical rejected */
#define INV_CHARSET_GUESSED	0x0020	/* declared charset wrong or missing */
#define INV_ENCRYPTED		0x0040	/* S/MIME or PGP: not inspectable */
#define INV_CAL_NUL		0x0080	/* a NUL byte (U+0000) inside a
					   calendar part: read as a space,
					   but no client writes one */
#define INV_TNEF_CAL		0x0100	/* a calendar was built from a TNEF
					   meeting (inv_cal.from_tnef) */

struct inv_text {
	enum inv_field	 field;
	int		 comp;		/* index into comps, -1 for MIME-level */
	char		*s;		/* UTF-8, NUL-terminated */
	size_t		 len;
};

struct inv_person {
	char	*addr;		/* lower-case address without "mailto:", or NULL */
	char	*raw;		/* the property value as written (for reports) */
	char	*cn;		/* CN parameter or NULL */
	char	*cutype;	/* upper-case CUTYPE or NULL (= INDIVIDUAL) */
	char	*role;		/* upper-case ROLE or NULL */
};

struct inv_attach {
	char	*name;		/* file name or NULL */
	char	*type;		/* lower-case MIME type / FMTTYPE or NULL */
	size_t	 size;		/* decoded bytes (0 for a URI) */
	bool	 size_unknown;	/* its content was not kept (a message
				   reduced by parse/reduce.c): size says 0 */
	char	*uri;		/* ATTACH by URI, else NULL */
	bool	 is_inline_image;	/* image referenced by the HTML body (cid:) */
};

struct inv_comp {
	char		*kind;		/* "VEVENT" or "VTODO" */
	int		 cal;		/* index into cals */
	char		*uid;
	char		*dtstart;	/* as written, or NULL */
	time_t		 dtstart_t;	/* UTC seconds, 0 when unknown */
	bool		 has_rrule, has_rdate, has_exrule, has_exdate;
	bool		 has_recurrence_id;
	bool		 has_ms_rrule;	/* X-MICROSOFT-RRULE / -EXDATE */
	int		 ms_insttype;	/* X-MICROSOFT-CDO-INSTTYPE, -1 absent */
	char		*teams_url;	/* X-MICROSOFT-SKYPETEAMSMEETINGURL */
	struct inv_person	 organizer;	/* addr NULL when absent */
	bool		 has_organizer;
	struct inv_person	*attendees;
	size_t		 n_attendees;
	struct inv_attach	*attach;	/* ATTACH properties */
	size_t		 n_attach;
};

struct inv_cal {
	char	*method;	/* upper-case METHOD, NULL when absent */
	bool	 is_attachment;	/* came as an .ics attachment */
	bool	 is_broken;	/* libical could not parse it */
	bool	 from_tnef;	/* built from a TNEF meeting (winmail.dat):
				   no part of the message holds this text,
				   so it cannot be corrected in place */
	size_t	 size;		/* decoded bytes */
};

struct invite {
	char		*subject;	/* decoded Subject, or NULL */
	char		*from;		/* From address, lower-case, or NULL */
	char		*message_id;	/* or NULL */
	bool		 is_invitation;	/* at least one calendar part */
	char		*method;	/* effective METHOD, see parse_effective_method */
	unsigned	 flags;		/* INV_* */
	char		*problem;	/* first input problem in words, or NULL */
	const char	*limit;		/* [limits] key of the first cap hit
					   (static string), or NULL */
	const char	*limit_cal;	/* the first cap hit that may have
					   hidden a calendar part (all but
					   texts, text_bytes and a skipped
					   non-calendar part), or NULL */
	size_t		 text_bytes;	/* cap per text, 0 = LIM_TEXT_BYTES */
	size_t		 max_texts;	/* cap of n_texts, 0 = LIM_TEXTS */
	long long	 parse_us;	/* microseconds parse_message() or
					   parse_ics() took: time_budget_ms
					   counts them (issue 17) */

	struct inv_cal		*cals;
	size_t			 n_cals;
	struct inv_comp		*comps;
	size_t			 n_comps;
	struct inv_attach	*atts;	/* MIME parts that are files (not calendar, not body) */
	size_t			 n_atts;
	struct inv_text		*texts;
	size_t			 n_texts;
};

struct invite	*invite_new(void);
void		 invite_free(struct invite *);
const char	*invite_field_name(enum inv_field);

/* Append helpers for the parsers; each copies its input. Return 0 or -1
 * when a cap was hit (then INV_TRUNCATED is set and nothing is added). */
int	invite_add_text(struct invite *, enum inv_field, int comp,
	    const char *s, size_t len);
void	invite_set_problem(struct invite *, unsigned flag, const char *why);
/* A cap was hit: INV_TRUNCATED, the problem text, and key (a static
 * [limits] key name) in inv->limit if none was recorded before (and in
 * inv->limit_cal unless key is "texts" or "text_bytes", which only cut
 * texts). */
void	invite_limit(struct invite *, const char *key, const char *why);
/* The same for a cap that skipped a part that is no calendar (only
 * inv->limit is set). */
void	invite_limit_nocal(struct invite *, const char *key, const char *why);

#endif
