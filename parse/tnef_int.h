/*
 * tnef_int.h: what the files of the TNEF reader share (parse/tnef*.c
 * only; tnef.h is the public face). tnef.c walks the attribute framing
 * and builds struct tnef; tnef_mapi.c hands libytnef the cleaned MAPI
 * blocks and reads their properties; tnef_rtf.c guards DecompressRTF
 * and turns RTF into text; tnef_people.c finds the organizer and the
 * attendees; tnef_texts.c the bodies and other strings. No ytnef type
 * leaves these files.
 */
#ifndef TNEF_INT_H
#define TNEF_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <glib.h>

#include <ytnef.h>

#include "tnef.h"

#define TNEF_SIGNATURE	0x223E9F78u

/* Attribute ids (type << 16 | id), MS-OXTNEF 2.1.3.3. */
#define A_FROM		0x00008000u
#define A_SUBJECT	0x00018004u
#define A_DATE_START	0x00030006u
#define A_DATE_END	0x00030007u
#define A_MSG_CLASS	0x00078008u
#define A_BODY		0x0002800Cu
#define A_ATT_DATA	0x0006800Fu
#define A_ATT_TITLE	0x00018010u
#define A_ATT_META	0x00068011u
#define A_ATT_REND	0x00069002u
#define A_MSG_PROPS	0x00069003u
#define A_RECIP_TABLE	0x00069004u
#define A_ATTACHMENT	0x00069005u
#define A_OEM_CP	0x00069007u

#define LVL_MSG		1
#define LVL_ATT		2

/* Values kept in a MAPI block handed to libytnef (it fails a block
 * on one over 512 KB): in the message, a compressed RTF or HTML body up
 * to that; in an attachment, its names (its contents are not needed). */
#define TNEF_MSG_BIG_VALUE	(512u * 1024)
#define TNEF_ATT_BIG_VALUE	(64u * 1024)
/* Message MAPI blocks decoded: Outlook writes one. */
#define TNEF_MAX_MSG_BLOCKS	4
/* A string kept from the framing walk (class, title) before the text
 * cap: a class or file name is < 256 bytes. */
#define TNEF_MAX_NAME		1024
/* teams_url: a join link is ~300 bytes. */
#define TNEF_MAX_URL		2048

/* MAPI property ids. */
#define P_MESSAGE_CLASS		0x001A
#define P_SUBJECT		0x0037
#define P_SENT_REP_SEARCH_KEY	0x003B
#define P_SENT_REP_NAME		0x0042
#define P_START_DATE		0x0060
#define P_END_DATE		0x0061
#define P_SENT_REP_ADDRTYPE	0x0064
#define P_SENT_REP_EMAIL	0x0065
#define P_CONVERSATION_TOPIC	0x0070
#define P_SENDER_NAME		0x0C1A
#define P_SENDER_SEARCH_KEY	0x0C1D
#define P_SENDER_ADDRTYPE	0x0C1E
#define P_SENDER_EMAIL		0x0C1F
#define P_DISPLAY_BCC		0x0E02
#define P_DISPLAY_CC		0x0E03
#define P_DISPLAY_TO		0x0E04
#define P_BODY			0x1000
#define P_RTF_COMPRESSED	0x1009
#define P_HTML			0x1013
#define P_DISPLAY_NAME		0x3001
#define P_ATTACH_FILENAME	0x3704
#define P_ATTACH_LONG_FILENAME	0x3707
#define P_SENDER_SMTP		0x5D01
#define P_SENT_REP_SMTP		0x5D02

/* Named properties (MS-OXPROPS): property set (tnef_mapi.c) and LID. */
extern const unsigned char tnef_psetid_appt[16];
extern const unsigned char tnef_psetid_meeting[16];
extern const unsigned char tnef_psetid_common[16];
#define L_LOCATION		0x8208	/* appointment */
#define L_START_WHOLE		0x820D
#define L_END_WHOLE		0x820E
#define L_APPT_RECUR		0x8216
#define L_RECURRING		0x8223
#define L_RECUR_PATTERN		0x8232
#define L_ALL_ATTENDEES		0x8238
#define L_ORGANIZER_ALIAS	0x8243
#define L_TO_ATTENDEES		0x823B
#define L_CC_ATTENDEES		0x823C
#define L_WHERE			0x0002	/* meeting */
#define L_GLOBAL_OBJID		0x0003
#define L_IS_RECURRING		0x0005
#define L_CLEAN_GLOBAL_OBJID	0x0023
#define L_COMMON_START		0x8516	/* common */
#define L_COMMON_END		0x8517

/* One attribute of the framing walk: points into the caller's bytes. */
struct attr {
	unsigned char	 level;
	uint32_t	 id;
	const unsigned char *p;
	size_t		 len;
};

/* One tnef_read() call: the result being built and what it reads from. */
struct ctx {
	struct tnef	*t;
	size_t		 text_cap;
	size_t		 max_people;
	unsigned	 cp;		/* attOemCodepage, 0 unknown */
	/* decoded message MAPI blocks */
	TNEFStruct	*msg[TNEF_MAX_MSG_BLOCKS];
	size_t		 n_msg;
	GPtrArray	*seen;		/* MAPIProperty * mapped to a field */
};

/* Little-endian words of the wire format. */
static inline uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* A bounded reader of p[0..n): once a read would pass the end, bad is
 * set and every later read gives 0 and moves nothing. */
struct rd {
	const unsigned char *p;
	size_t n, off;
	bool bad;
};

static inline uint32_t
rd32(struct rd *r)
{
	uint32_t v;

	if (r->bad || r->n - r->off < 4) {
		r->bad = true;
		return 0;
	}
	v = le32(r->p + r->off);
	r->off += 4;
	return v;
}

static inline void
rdskip(struct rd *r, size_t k)
{
	if (r->bad || r->n - r->off < k)
		r->bad = true;
	else
		r->off += k;
}

/* tnef.c: marks t truncated; why (static words) is kept if first. */
void		 tnef_note(struct tnef *t, const char *why);
/* tnef.c: 8-bit bytes in code page cp (0: unknown) -> new valid UTF-8. */
char		*tnef_cp_to_utf8(const char *b, size_t n, unsigned cp);
/* tnef.c: takes s: cut to the text cap at a character boundary,
 * trimmed; NULL when empty. */
char		*tnef_fit(struct ctx *c, char *s);

/* tnef_mapi.c: libytnef over a stream holding only the MAPI block a
 * (cleaned first); NULL if refused. Free with tnef_ytnef_done. */
TNEFStruct	*tnef_ytnef_one(struct tnef *t, const struct attr *a,
		    size_t big_value);
void		 tnef_ytnef_done(TNEFStruct *y);
/* tnef_mapi.c: property reads over the decoded blocks. */
bool		 tnef_is_string(const MAPIProperty *mp);
char		*tnef_value_str(struct ctx *c, const MAPIProperty *mp,
		    unsigned idx);
MAPIProperty	*tnef_find_in(MAPIProps *ps, unsigned id,
		    const unsigned char *guid, bool str, unsigned type);
MAPIProperty	*tnef_find(struct ctx *c, unsigned id,
		    const unsigned char *guid, bool str, unsigned type);
char		*tnef_get_str(struct ctx *c, unsigned id,
		    const unsigned char *guid);
bool		 tnef_get_bool(struct ctx *c, unsigned id,
		    const unsigned char *guid);
const variableLength *tnef_get_bin(struct ctx *c, unsigned id,
		    const unsigned char *guid);
time_t		 tnef_get_time(struct ctx *c, unsigned id,
		    const unsigned char *guid);

/* tnef_rtf.c: the RTF of PR_RTF_COMPRESSED (new, *len bytes), or NULL
 * (noted) when damaged or over the cap. */
char		*tnef_rtf_bytes(struct tnef *t, const variableLength *vl,
		    size_t *len);

/* tnef_people.c: the organizer (sender, PidLidOrganizerAlias) and the
 * attendees (recipient table a_recip, attendee strings); NULLs allowed. */
void		 tnef_organizer(struct ctx *c, const struct attr *a_from);
void		 tnef_people(struct ctx *c, const struct attr *a_recip);

/* tnef_texts.c: the bodies (PR_BODY/attBody a_body, RTF, HTML) and
 * every other string property of a meeting, each noting a Teams link. */
void		 tnef_bodies(struct ctx *c, const struct attr *a_body);
void		 tnef_other_texts(struct ctx *c);

#endif
