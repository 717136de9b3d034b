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
#include "parts.h"

/* charset.c: charset_to_utf8() that notes a guess in the invite: a
 * wrong or missing label is guessed (UTF-8, else Windows-1252) and
 * INV_CHARSET_GUESSED set. */
char	*to_utf8(struct invite *, const char *b, size_t n,
	    const char *charset);

/* utf8.c: g_utf8_validate(s, n, end) (NUL invalid), faster on ASCII. */
bool	utf8_valid(const char *s, size_t n, const char **end);

/* base64.c: decodes base64 in[0..len) into out (room for len bytes)
 * exactly as GMime's decoder does in one step; returns the bytes. */
size_t	b64_decode(const unsigned char *in, size_t len, unsigned char *out);

/* html.c: appends the text of HTML s[0..len) to out: tags dropped,
 * <br>, </p>, </div>, </li>, </tr> as newlines, script and style
 * skipped, entities decoded. */
void	html_to_text(const char *s, size_t len, GString *out);

/* ical.c: parses one calendar object (UTF-8) into inv: a new inv_cal,
 * its components and texts. Broken input sets flags; never fails. */
void	ical_parse_into(struct invite *, const char *s, size_t len,
	    bool is_attachment, const struct parse_limits *);
/* bench.c: ical_parse_into(), its CPU time counted for the benchmarks
 * when parse_ical_timing(true) asked for it (bench.h). */
void	ical_parse_timed(struct invite *, const char *s, size_t len,
	    bool is_attachment, const struct parse_limits *);
/* Unfolds iCalendar content lines (RFC 5545 3.1) in the raw bytes
 * b[0..n), in place; returns the new length. Folding counts octets, so
 * a client may fold inside a UTF-8 sequence: unfold before any charset
 * work. Not for UTF-16/32 text. */
size_t	ical_unfold_bytes(char *b, size_t n);
/* Undoes iCalendar TEXT escapes (RFC 5545 3.3.11) in place. */
void	ical_unescape(char *s);

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

struct mf_msg {
	char		*subject_raw;	/* raw Subject value or NULL */
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

#endif
