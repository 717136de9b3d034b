/*
 * parse_int.h: what the files of parse/ share among themselves.
 */
#ifndef PARSE_INT_H
#define PARSE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>
#include <gmime/gmime.h>
#include "invite.h"
#include "limits.h"
#include "parts.h"
#include "text.h"

/* charset.c: invite_to_utf8(), charset_to_utf8() that notes a guess in the invite: a
 * wrong or missing label is guessed (UTF-8, else Windows-1252) and
 * INV_CHARSET_GUESSED set. */
char	*invite_to_utf8(struct invite *, const char *b, size_t n,
	    const char *charset);

/* charset.c: charset_to_utf8() and charset_calendar_utf8() that also
 * set *nul (may be NULL; never set false) when the text held a NUL
 * (U+0000), which they turn into a space (see charset.h). */
char	*charset_decode(const char *b, size_t n, const char *charset,
	    bool *guessed, bool *nul);
char	*calendar_decode(char *b, size_t n, const char *charset,
	    bool *guessed, bool *nul);

/* utf8.c: g_utf8_validate(s, n, end) (NUL invalid), faster on ASCII. */
bool	utf8_valid(const char *s, size_t n, const char **end);

/* base64.c: decodes base64 in[0..len) into out (room for len bytes)
 * exactly as GMime's decoder does in one step; returns the bytes. */
size_t	b64_decode(const unsigned char *in, size_t len, unsigned char *out);

/* base64.c: counts well-formed base64 (the alphabet in groups of four,
 * line breaks and blanks, at most two '=' at the very end, nothing
 * else) chunk by chunk, as read from a stream: b64_tally_size() gives
 * its decoded size, or false when it is not well-formed. */
struct b64_tally {
	size_t	alpha, eq, other;
	bool	ok;
};
#define B64_TALLY_INIT	{ 0, 0, 0, true }
void	b64_tally_add(struct b64_tally *, const unsigned char *b, size_t n);
bool	b64_tally_size(const struct b64_tally *, size_t *size);
/* b64_tally over b[0..n) in chunks of cap bytes. */
bool	b64_size(const unsigned char *b, size_t n, size_t cap, size_t *size);

/* header.c: the raw value of an unstructured header (Subject) or an
 * encoded file name -> new UTF-8 text: RFC 2047 encoded words decoded
 * one by one (adjacent ones in one charset joined as bytes), the rest
 * UTF-8 if valid, else Windows-1252 (invite_to_utf8), line breaks dropped. */
char	*header_text(struct invite *, const char *raw);
/* header.c: a header a mail client shows, as the invite's text: the
 * display names and comments of an address header (From, Sender,
 * Reply-To, To, Cc, Bcc) as FLD_ADDRESS_NAME, the text of Comments,
 * Keywords, Thread-Topic, Organization as FLD_HEADER (skipped when it
 * is inv->subject's text). Any other name does nothing. raw is the
 * header's raw value (encoded words decoded here). */
void	header_shown(struct invite *, const char *name, const char *raw);
/* header.c: appends the local part [b, at) to out as one piece a line
 * (split at '.', '_' and '+'), its escapes taken off: quotes and
 * backslashes of RFC 5322 (mailto false) or %XX of a mailto: URI. */
void	header_local_lines(GString *out, const char *b, const char *at,
	    bool mailto);
/* header.c: the header names header_shown() reads. */
bool	header_is_shown(const char *name, size_t n);
/* header.c: parameter name of the raw structured header value hv,
 * quotes and backslashes undone, as a new string; NULL without one. */
char	*header_param(const char *hv, const char *name);


/* ical.c: parses one calendar object (UTF-8) into inv: a new inv_cal,
 * its components and texts. Broken input sets flags; never fails. */
void	ical_parse_into(struct invite *, const char *s, size_t len,
	    bool is_attachment, const struct parse_limits *);
/* bench.c: ical_parse_into(), its CPU time counted for the benchmarks
 * when parse_ical_timing(true) asked for it (bench.h). */
void	ical_parse_timed(struct invite *, const char *s, size_t len,
	    bool is_attachment, const struct parse_limits *);
/* vcal.c: a calendar (UTF-8) with its vCalendar 1.0 quoted-printable
 * values (ENCODING=QUOTED-PRINTABLE, CHARSET=) rewritten as iCalendar
 * TEXT: a new string, or NULL when it has none. Conversion guesses set
 * INV_CHARSET_GUESSED in inv. */
char	*vcal_qp_decode(struct invite *, const char *s);
/* Unfolds iCalendar content lines (RFC 5545 3.1) in the raw bytes
 * b[0..n), in place; returns the new length. Folding counts octets, so
 * a client may fold inside a UTF-8 sequence: unfold before any charset
 * work. Not for UTF-16/32 text. */
size_t	ical_unfold_bytes(char *b, size_t n);
/* ical.c: what the last libical parse of this thread was handed: the
 * pieces of at most 79 bytes its line reader asked for, and the longest
 * (the unit tests check that the feed is linear and bounded). */
struct ical_feed_stats {
	unsigned long	calls;
	size_t		longest;
};
void	ical_last_feed(struct ical_feed_stats *st);

/* tnef_ical.c: the iCalendar object a TNEF meeting (tnef.h, is_meeting)
 * stands for, for ical_parse_into(): METHOD, one VEVENT with UID,
 * DTSTART/DTEND, SUMMARY, LOCATION, a DESCRIPTION per distinct body,
 * ORGANIZER and ATTENDEEs (CN, mailto:), X-MICROSOFT-RRULE when it
 * recurs, the Teams URL, the other texts as COMMENT; RFC 5545 escaped
 * and folded. New string. */
struct tnef;
char	*ical_from_tnef(const struct tnef *);

/* mimefast.c: a strict reader of plain, well-formed messages (ASCII
 * headers, multipart with exact boundary lines, no message/rfc822)
 * that gives what GMime's parser would, without building GMime's
 * objects. mf_parse() returns false for anything it does not fully
 * understand, and for a message past the MIME depth or part limits (NULL:
 * the defaults): then the caller uses GMime, whose walk notes the limit. */
enum mf_enc { MF_DEFAULT, MF_7BIT, MF_8BIT, MF_BINARY, MF_BASE64, MF_QP };

struct mf_part {
	size_t		 depth;
	size_t		 next;		/* index of the first node after
					   this one's subtree */
	bool		 multipart;
	char		*type, *sub;
	char		*charset;	/* or NULL */
	char		*disp;		/* or NULL */
	char		*fname;		/* filename=, else name=, or NULL;
					   a multipart's boundary */
	char		*ct_raw, *cd_raw;	/* raw header values or NULL */
	bool		 has_cid;
	enum mf_enc	 enc;
	size_t		 off, len;	/* raw content in the buffer */
};

struct mf_hdr {
	char		*name, *raw;	/* a header_is_shown() header */
};

struct mf_msg {
	char		*subject_raw;	/* raw Subject value or NULL */
	struct mf_hdr	*shown;		/* header_is_shown() headers, in order */
	size_t		 n_shown;
	char		*message_id;	/* as GMime decodes it, or NULL */
	char		*from;		/* first From address, or NULL */
	struct mf_part	*parts;		/* preorder */
	size_t		 n_parts;
};

bool	mf_parse(const char *buf, size_t len,
	    const struct parse_limits *, struct mf_msg *);
/* mime.c: parse_message() through GMime only, never mimefast.c (for
 * the differential test). */
struct invite	*parse_message_gmime(const char *buf, size_t len,
		    const struct parse_limits *);
void	mf_free(struct mf_msg *);
/* mime.c: parse_parts() through GMime only (the differential test). */
struct parse_parts	*parse_parts_gmime(const char *buf, size_t len,
			    const struct parse_limits *);


/* partdata.c: the bytes of a GMime part (see the file). */
bool		 part_mem_window(GMimeStream *, const guint8 **p, size_t *n);
GByteArray	*part_decode_window(GMimeContentEncoding, const guint8 *p,
		    size_t n);
GByteArray	*part_decoded(GMimePart *);
bool		 part_decoded_size(GMimePart *, size_t *size);

#endif
