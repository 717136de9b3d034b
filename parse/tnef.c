/*
 * tnef.c: a TNEF part (winmail.dat) -> struct tnef, through libytnef.
 *
 * TNEF is a flat run of attributes (level, id, length, bytes, checksum)
 * after a signature and a key; the hard part is the MAPI property
 * blocks inside two of them (attMsgProps, attAttachment). libytnef
 * (2.0, Debian) decodes those well but is fragile around them, so we
 * walk the attribute framing ourselves (bounded, every length checked
 * against the bytes left) and give libytnef only small streams of our
 * own making, one MAPI block each:
 *   - libytnef fails a whole stream on a subject over 100 bytes (in
 *     attSubject, or PR_SUBJECT when no attSubject came first: with
 *     UTF-16 that is 50 characters), a file title over 100 bytes, a body
 *     over 100 KB, an icon over 10 KB, an attribute of length 0 or a bad
 *     checksum; it leaks a second copy of most attributes and anything
 *     of an attachment before attAttachRenddata, and keeps attachment
 *     contents in memory. Each of our streams is: signature, key, a
 *     one-byte attSubject (so PR_SUBJECT never meets the 100-byte
 *     check), the one MAPI attribute, with checksums we computed. The
 *     simple attributes (class, subject, body, from, titles, dates) we
 *     read from the framing walk.
 *   - DecompressRTF trusts the sizes in the RTF header (a 4 GB
 *     allocation), reads up to 2 bytes past a cut stream, leaks on a
 *     stream that ends early, and mishandles uncompressed ("MELA") RTF;
 *     rtf_plausible() checks every stream before it is called.
 *   - Inside a MAPI block libytnef fails on a property name over 100
 *     bytes (Exchange writes longer ones), a value over 512 KB, more
 *     than 1000 properties or values, and misreads PT_CURRENCY and
 *     PT_APPTIME (4 bytes, not 8) and a multi-valued property that ends
 *     the block. mapi_clean() rewrites each block into one libytnef
 *     reads whole (see there); a property it cannot walk ends the block
 *     and is noted (truncated).
 * If the message block is still refused, the part is not parsed (the
 * caller treats it as not inspectable); an attachment's refused block
 * only loses the name it carried.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include <ytnef.h>

#include "parse_int.h"
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

/* Named properties (MS-OXPROPS): property set and LID. */
static const unsigned char PSETID_APPOINTMENT[16] = { 0x02, 0x20, 0x06,
	0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x46 };
static const unsigned char PSETID_MEETING[16] = { 0x90, 0xDA, 0xD8, 0x6E,
	0x0B, 0x45, 0x1B, 0x10, 0x98, 0xDA, 0x00, 0xAA, 0x00, 0x3F, 0x13,
	0x05 };
static const unsigned char PSETID_COMMON[16] = { 0x08, 0x20, 0x06, 0x00,
	0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x46 };
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

struct attr {
	unsigned char	 level;
	uint32_t	 id;
	const unsigned char *p;
	size_t		 len;
};

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

static void
note(struct tnef *t, const char *why)
{
	t->truncated = true;
	if (t->problem == NULL)
		t->problem = why;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* ---- text helpers ---- */

/* 8-bit bytes in code page cp (0: unknown) -> new valid UTF-8. */
static char *
cp_to_utf8(const char *b, size_t n, unsigned cp)
{
	char *out = NULL, name[32];

	if (cp == 65001 || cp == 20127 || g_utf8_validate(b, (gssize)n, NULL))
		return g_utf8_make_valid(b, (gssize)n);
	if (cp == 28591)
		g_strlcpy(name, "ISO-8859-1", sizeof(name));
	else if (cp != 0)
		g_snprintf(name, sizeof(name), "CP%u", cp);
	if (cp != 0)
		out = g_convert_with_fallback(b, (gssize)n, "UTF-8", name, "?",
		    NULL, NULL, NULL);
	if (out == NULL)
		out = g_convert_with_fallback(b, (gssize)n, "UTF-8",
		    "WINDOWS-1252", "?", NULL, NULL, NULL);
	if (out == NULL)
		out = g_utf8_make_valid(b, (gssize)n);
	return out;
}

/* Takes s: cut to cap bytes at a character boundary, trimmed; NULL
 * when empty. */
static char *
fit(struct ctx *c, char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	if (n > c->text_cap) {
		const char *e = g_utf8_find_prev_char(s, s + c->text_cap + 1);

		s[e != NULL ? (size_t)(e - s) : 0] = '\0';
		note(c->t, "a TNEF text over the text cap was cut");
	}
	g_strstrip(s);
	if (*s == '\0') {
		g_free(s);
		return NULL;
	}
	return s;
}

/* ---- the framing walk ---- */

/* Walks the attributes of buf; returns them (at most TNEF_MAX_ATTRS) and
 * whether the walk reached the end cleanly. */
static GArray *
walk(struct tnef *t, const unsigned char *buf, size_t len, bool *clean)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(struct attr));
	size_t off = 6;

	*clean = false;
	while (off < len) {
		struct attr at;

		if (len - off < 9) {
			note(t, "TNEF stream cut short");
			return a;
		}
		at.level = buf[off];
		at.id = le32(buf + off + 1);
		at.len = le32(buf + off + 5);
		off += 9;
		if (at.len > len - off || len - off - at.len < 2) {
			note(t, "TNEF stream cut short");
			return a;
		}
		at.p = buf + off;
		off += at.len + 2;	/* checksum: not checked (we rebuild) */
		if (at.level != LVL_MSG && at.level != LVL_ATT) {
			note(t, "TNEF attribute of unknown level");
			return a;
		}
		if (a->len >= TNEF_MAX_ATTRS) {
			note(t, "more TNEF attributes than the cap");
			return a;
		}
		g_array_append_val(a, at);
	}
	*clean = true;
	return a;
}

static void
put_attr(GByteArray *s, unsigned char level, uint32_t id,
    const unsigned char *p, size_t len)
{
	unsigned char h[9];
	uint16_t sum = 0;

	h[0] = level;
	for (int i = 0; i < 4; i++) {
		h[1 + i] = (unsigned char)(id >> (8 * i));
		h[5 + i] = (unsigned char)((uint32_t)len >> (8 * i));
	}
	g_byte_array_append(s, h, sizeof(h));
	g_byte_array_append(s, p, (guint)len);
	for (size_t i = 0; i < len; i++)
		sum = (uint16_t)(sum + p[i]);
	h[0] = (unsigned char)(sum & 0xFF);
	h[1] = (unsigned char)(sum >> 8);
	g_byte_array_append(s, h, 2);
}

struct rd {
	const unsigned char *p;
	size_t n, off;
	bool bad;
};

static uint32_t
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

static void
rdskip(struct rd *r, size_t k)
{
	if (r->bad || r->n - r->off < k)
		r->bad = true;
	else
		r->off += k;
}


static void
put32(GByteArray *o, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8),
	    (unsigned char)(v >> 16), (unsigned char)(v >> 24) };

	g_byte_array_append(o, b, 4);
}

static void
put_padded(GByteArray *o, const unsigned char *p, size_t n)
{
	static const unsigned char zero[4] = { 0 };

	g_byte_array_append(o, p, (guint)n);
	if (n % 4)
		g_byte_array_append(o, zero, (guint)(4 - n % 4));
}

/* One MAPI property block (count, properties) rewritten so libytnef
 * takes it whole: every property we can walk is copied; a string name
 * over 100 bytes is cut to 100 (libytnef fails the block on it), a
 * value over big_value bytes becomes empty (*big; libytnef fails on 512 KB;
 * attachment contents are not needed), more than 1000 properties or
 * values are dropped (*cut), and the walk stops at the first property it
 * cannot read (unknown type, cut short), keeping those before it. */
static GByteArray *
mapi_clean(const unsigned char *p, size_t n, size_t big_value, bool *cut,
    bool *big)
{
	struct rd r = { p, n, 0, false };
	GByteArray *o = g_byte_array_sized_new((guint)MIN(n, (size_t)65536));
	uint32_t count = rd32(&r), done = 0;
	bool last_mv = false;

	put32(o, 0);
	for (uint32_t k = 0; k < count && !r.bad; k++) {
		GByteArray *q;
		uint32_t tag = rd32(&r), vcount = 1;
		unsigned pt = PROP_TYPE(tag) & ~MV_FLAG;
		bool mv = (PROP_TYPE(tag) & MV_FLAG) != 0, var;

		if (r.bad)
			break;
		if (done >= 999) {	/* libytnef's cap, less the end mark */
			*cut = true;
			break;
		}
		q = g_byte_array_new();
		put32(q, tag);
		if (PROP_ID(tag) >= 0x8000) {
			uint32_t kind;

			if (r.n - r.off < 16) {
				r.bad = true;
				g_byte_array_free(q, TRUE);
				break;
			}
			g_byte_array_append(q, r.p + r.off, 16);
			r.off += 16;
			kind = rd32(&r);
			put32(q, kind);
			if (kind == 0)
				put32(q, rd32(&r));
			else if (kind == 1) {
				uint32_t l = rd32(&r);
				size_t pl = ((size_t)l + 3) & ~(size_t)3;
				size_t keep = MIN((size_t)l, (size_t)100);

				if (r.bad || l == 0 || pl > r.n - r.off) {
					r.bad = true;
				} else {
					/* a shorter name: we look properties up
					 * by number, never by string name */
					put32(q, (uint32_t)keep);
					put_padded(q, r.p + r.off, keep);
					r.off += pl;
				}
			} else
				r.bad = true;
		}
		var = pt == PT_STRING8 || pt == PT_UNICODE || pt == PT_BINARY ||
		    pt == PT_OBJECT;
		if (!r.bad && (mv || var)) {
			vcount = rd32(&r);
			if (mv && (vcount == 0 || vcount > 1000))
				r.bad = true;
			put32(q, mv ? vcount : 1);
			if (!mv)
				vcount = 1;
		}
		for (uint32_t v = 0; v < vcount && !r.bad; v++) {
			size_t fixed = 0;

			switch (pt) {
			case PT_I2: case PT_LONG: case PT_R4: case PT_ERROR:
			case PT_BOOLEAN:
				fixed = 4;
				break;
			case PT_DOUBLE: case PT_CURRENCY: case PT_APPTIME:
			case PT_I8: case PT_SYSTIME:
				fixed = 8;
				break;
			case PT_CLSID:
				fixed = 16;
				break;
			case PT_STRING8: case PT_UNICODE: case PT_BINARY:
			case PT_OBJECT: {
				uint32_t l = rd32(&r);
				size_t pl = ((size_t)l + 3) & ~(size_t)3;

				if (r.bad || (size_t)l > r.n - r.off) {
					r.bad = true;
					break;
				}
				if (l > big_value) {
					*big = true;
					put32(q, 0);
				} else {
					put32(q, l);
					put_padded(q, r.p + r.off, l);
				}
				r.off += MIN(pl, r.n - r.off);
				break;
			}
			default:
				r.bad = true;
				break;
			}
			if (fixed > 0) {
				if (r.n - r.off < fixed)
					r.bad = true;
				else {
					g_byte_array_append(q, r.p + r.off,
					    (guint)fixed);
					r.off += fixed;
				}
			}
		}
		if (!r.bad && o->len + q->len > TNEF_MAX_KEPT_BYTES) {
			*cut = true;	/* what libytnef gets is bounded */
			g_byte_array_free(q, TRUE);
			break;
		}
		/* libytnef reads PT_CURRENCY and PT_APPTIME as 4 bytes (they
		 * are 8) and loses its place: such a property is left out */
		if (!r.bad && pt != PT_CURRENCY && pt != PT_APPTIME) {
			g_byte_array_append(o, q->data, q->len);
			done++;
			last_mv = mv;
		}
		g_byte_array_free(q, TRUE);
	}
	if (r.bad)
		*cut = true;
	if (last_mv) {
		/* libytnef reads only the first value of a multi-valued
		 * property that ends the block (its loop ends first) and then
		 * fails the block: a PT_LONG with id 0 goes last */
		put32(o, PROP_TAG(PT_LONG, 0));
		put32(o, 0);
		done++;
	}
	o->data[0] = (unsigned char)done;
	o->data[1] = (unsigned char)(done >> 8);
	o->data[2] = (unsigned char)(done >> 16);
	o->data[3] = (unsigned char)(done >> 24);
	return o;
}

/* libytnef over a stream holding only the attribute a (a MAPI block):
 * returns the parsed struct (free with ytnef_done), or NULL. */
static TNEFStruct *
ytnef_one(struct tnef *t, const struct attr *a, size_t big_value)
{
	static const unsigned char head[6] = { 0x78, 0x9F, 0x3E, 0x22, 0, 0 };
	static const unsigned char nul = 0;
	TNEFStruct *y = g_new0(TNEFStruct, 1);
	bool cut = false, big = false;
	GByteArray *m = mapi_clean(a->p, a->len, big_value, &cut, &big);
	GByteArray *s = g_byte_array_sized_new(m->len + 64);
	int rc;

	if (cut)
		note(t, "a TNEF property block was cut to what could be read");
	if (m->len <= 4) {
		/* no property: libytnef fails (and prints) on a count of 0 */
		g_byte_array_free(m, TRUE);
		g_byte_array_free(s, TRUE);
		TNEFInitialize(y);
		return y;
	}
	/* an attachment's contents are not needed; a message value is */
	if (big && a->id == A_MSG_PROPS)
		note(t, "a TNEF property value over 512 KB was not read");
	g_byte_array_append(s, head, sizeof(head));
	put_attr(s, LVL_MSG, A_SUBJECT, &nul, 1);
	put_attr(s, a->level, a->id, m->data, m->len);
	g_byte_array_free(m, TRUE);
	TNEFInitialize(y);
	y->Debug = 0;
	rc = TNEFParseMemory(s->data, (long)s->len, y);
	g_byte_array_free(s, TRUE);
	if (rc < 0) {
		TNEFFree(y);
		TNEFFreeAttachment(&y->starting_attach);
		g_free(y);
		return NULL;
	}
	return y;
}

static void
ytnef_done(TNEFStruct *y)
{
	if (y == NULL)
		return;
	TNEFFree(y);
	/* attAttachment without attAttachRenddata lands here; TNEFFree
	 * leaves it. */
	TNEFFreeAttachment(&y->starting_attach);
	g_free(y);
}

/* ---- MAPI property lookup (over the decoded blocks) ---- */

static bool
is_string(const MAPIProperty *mp)
{
	return PROP_TYPE(mp->id) == PT_STRING8 ||
	    PROP_TYPE(mp->id) == PT_UNICODE;
}

/* The first value of property mp as UTF-8 (strings; binary PR_HTML). */
static char *
value_str(struct ctx *c, const MAPIProperty *mp, unsigned idx)
{
	const variableLength *vl;
	const char *d;
	size_t n;

	if (mp->data == NULL || idx >= mp->count)
		return NULL;
	vl = &mp->data[idx];
	if (vl->data == NULL || vl->size <= 0)
		return NULL;
	d = (const char *)vl->data;
	if (PROP_TYPE(mp->id) == PT_UNICODE) {
		/* libytnef made it UTF-8 in 3 * size / 2 + 1 bytes, NUL
		 * terminated; size stays the UTF-16 byte count. */
		n = strnlen(d, 3 * (size_t)vl->size / 2 + 1);
		return fit(c, g_utf8_make_valid(d, (gssize)n));
	}
	n = (size_t)vl->size;
	if (PROP_TYPE(mp->id) == PT_STRING8) {
		const char *z = memchr(d, '\0', n);

		if (z != NULL)
			n = (size_t)(z - d);
	}
	return fit(c, cp_to_utf8(d, n, c->cp));
}

static MAPIProperty *
find_in(MAPIProps *ps, unsigned id, const unsigned char *guid, bool str,
    unsigned type)
{
	for (DWORD i = 0; ps != NULL && i < ps->count; i++) {
		MAPIProperty *mp = &ps->properties[i];

		if (PROP_ID(mp->id) != id || mp->data == NULL ||
		    mp->count == 0)
			continue;
		if (guid == NULL ? mp->custom != 0 :
		    (mp->custom != 1 || mp->namedproperty != 0 ||
		    memcmp(mp->guid, guid, 16) != 0))
			continue;
		if (str ? !is_string(mp) : PROP_TYPE(mp->id) != type)
			continue;
		return mp;
	}
	return NULL;
}

static MAPIProperty *
find(struct ctx *c, unsigned id, const unsigned char *guid, bool str,
    unsigned type)
{
	for (size_t i = 0; i < c->n_msg; i++) {
		MAPIProperty *mp = find_in(&c->msg[i]->MapiProperties, id,
		    guid, str, type);

		if (mp != NULL)
			return mp;
	}
	return NULL;
}

static char *
get_str(struct ctx *c, unsigned id, const unsigned char *guid)
{
	MAPIProperty *mp = find(c, id, guid, true, 0);

	if (mp == NULL)
		return NULL;
	g_ptr_array_add(c->seen, mp);
	return value_str(c, mp, 0);
}

static bool
get_bool(struct ctx *c, unsigned id, const unsigned char *guid)
{
	MAPIProperty *mp = find(c, id, guid, false, PT_BOOLEAN);

	return mp != NULL && mp->data[0].data != NULL &&
	    mp->data[0].size >= 1 && mp->data[0].data[0] != 0;
}

static const variableLength *
get_bin(struct ctx *c, unsigned id, const unsigned char *guid)
{
	MAPIProperty *mp = find(c, id, guid, false, PT_BINARY);

	if (mp == NULL || mp->data[0].data == NULL || mp->data[0].size <= 0)
		return NULL;
	return &mp->data[0];
}

/* FILETIME (100 ns since 1601) -> UTC seconds; 0 unless 1970..9999. */
static time_t
get_time(struct ctx *c, unsigned id, const unsigned char *guid)
{
	MAPIProperty *mp = find(c, id, guid, false, PT_SYSTIME);
	uint64_t ft;

	if (mp == NULL || mp->data[0].data == NULL || mp->data[0].size < 8)
		return 0;
	memcpy(&ft, mp->data[0].data, 8);	/* libytnef stored it native */
	ft /= 10000000u;
	if (ft <= 11644473600u || ft > 11644473600u + 253402300799u)
		return 0;
	return (time_t)(ft - 11644473600u);
}

/* attDateStart/End: 7 little-endian words (year, month, day, h, m, s,
 * weekday), local time of the sender taken as UTC (a fallback only). */
static time_t
dtr_time(const struct attr *a)
{
	GDateTime *d;
	time_t r = 0;

	if (a == NULL || a->len < 14)
		return 0;
	d = g_date_time_new_utc(le16(a->p), le16(a->p + 2), le16(a->p + 4),
	    le16(a->p + 6), le16(a->p + 8), le16(a->p + 10));
	if (d != NULL) {
		gint64 u = g_date_time_to_unix(d);

		r = u > 0 ? (time_t)u : 0;
		g_date_time_unref(d);
	}
	return r;
}

/* ---- message class ---- */

static const struct { const char *legacy, *mapi; } legacy_classes[] = {
	{ "IPM.Microsoft Schedule.MtgReq", "IPM.Schedule.Meeting.Request" },
	{ "IPM.Microsoft Schedule.MtgRespP", "IPM.Schedule.Meeting.Resp.Pos" },
	{ "IPM.Microsoft Schedule.MtgRespN", "IPM.Schedule.Meeting.Resp.Neg" },
	{ "IPM.Microsoft Schedule.MtgRespA", "IPM.Schedule.Meeting.Resp.Tent" },
	{ "IPM.Microsoft Schedule.MtgCncl", "IPM.Schedule.Meeting.Canceled" },
	{ "IPM.Microsoft Mail.Note", "IPM.Note" },
	{ "IPM.Microsoft Mail.Read Receipt", "Report.IPM.Note.IPNRN" },
	{ "IPM.Microsoft Mail.Non-Delivery", "Report.IPM.Note.NDR" },
};

static const struct { const char *prefix; enum tnef_kind kind; } kinds[] = {
	{ "IPM.Schedule.Meeting.Request", TNEF_KIND_REQUEST },
	{ "IPM.Schedule.Meeting.Canceled", TNEF_KIND_CANCEL },
	{ "IPM.Schedule.Meeting.Resp.Pos", TNEF_KIND_RESP_POS },
	{ "IPM.Schedule.Meeting.Resp.Neg", TNEF_KIND_RESP_NEG },
	{ "IPM.Schedule.Meeting.Resp.Tent", TNEF_KIND_RESP_TENT },
	{ "IPM.Schedule.Meeting.Notification.Forward",
	    TNEF_KIND_FORWARD_NOTIFY },
	{ "IPM.Appointment", TNEF_KIND_APPOINTMENT },
};

enum tnef_kind
tnef_class_kind(const char *cls)
{
	if (cls == NULL)
		return TNEF_KIND_OTHER;
	for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
		size_t n = strlen(kinds[i].prefix);

		/* the class, or the class of a custom form (".Suffix") */
		if (g_ascii_strncasecmp(cls, kinds[i].prefix, n) == 0 &&
		    (cls[n] == '\0' || cls[n] == '.'))
			return kinds[i].kind;
	}
	return TNEF_KIND_OTHER;
}

static const char *
kind_method(enum tnef_kind k)
{
	switch (k) {
	case TNEF_KIND_REQUEST:		return "REQUEST";
	case TNEF_KIND_CANCEL:		return "CANCEL";
	case TNEF_KIND_RESP_POS:
	case TNEF_KIND_RESP_NEG:
	case TNEF_KIND_RESP_TENT:
	case TNEF_KIND_FORWARD_NOTIFY:	return "REPLY";
	case TNEF_KIND_APPOINTMENT:	return "PUBLISH";
	case TNEF_KIND_OTHER:		break;
	}
	return NULL;
}

static char *
raw_name(const struct attr *a)
{
	size_t n;
	const unsigned char *z;

	if (a == NULL)
		return NULL;
	n = MIN(a->len, (size_t)TNEF_MAX_NAME);
	if ((z = memchr(a->p, '\0', n)) != NULL)
		n = (size_t)(z - a->p);
	return g_strndup((const char *)a->p, n);
}

static void
set_class(struct ctx *c, const struct attr *a_class)
{
	char *cls = get_str(c, P_MESSAGE_CLASS, NULL);

	if (cls == NULL && a_class != NULL) {
		cls = fit(c, cp_to_utf8((const char *)a_class->p,
		    strnlen((const char *)a_class->p,
		    MIN(a_class->len, (size_t)TNEF_MAX_NAME)), c->cp));
	}
	if (cls != NULL) {
		for (size_t i = 0; i < G_N_ELEMENTS(legacy_classes); i++)
			if (g_ascii_strcasecmp(cls,
			    legacy_classes[i].legacy) == 0) {
				g_free(cls);
				cls = g_strdup(legacy_classes[i].mapi);
				break;
			}
	}
	c->t->msg_class = cls;
	c->t->kind = tnef_class_kind(cls);
	c->t->is_meeting = c->t->kind != TNEF_KIND_OTHER;
	c->t->method = kind_method(c->t->kind);
}

/* ---- RTF ---- */

/* Whether DecompressRTF can take p[0..n) (an LZFu stream) safely: the
 * header agrees with the length, the output size is capped and possible
 * for the input, and a dry run of DecompressRTF's own loop never reaches
 * its "Corrupted stream" exit (which leaks both its buffers). Its reads
 * of up to 2 bytes past the end are met with a padded copy instead. */
static bool
rtf_plausible(const unsigned char *p, size_t n)
{
	uint32_t csize, usize, total, out, in;
	unsigned flags = 0, flag_count = 0;
	const uint32_t pre = 207;	/* strlen(RTF_PREBUF) in libytnef */

	if (n < 20 || n > INT32_MAX)
		return false;
	csize = le32(p);
	usize = le32(p + 4);
	if (csize != n - 4 || le32(p + 8) != 0x75465A4Cu)	/* "LZFu" */
		return false;
	if (usize == 0 || usize > TNEF_MAX_RTF_BYTES ||
	    usize > 8 * (uint32_t)n + 4096)
		return false;
	total = pre + usize;
	out = pre;
	in = 16;
	while (out < total && in < n) {
		flags = (flag_count++ % 8 == 0) ? p[in++] : flags >> 1;
		if (flags & 1) {
			unsigned off = in < n ? p[in] : 0;
			unsigned l = in + 1 < n ? p[in + 1] : 0;
			unsigned end;

			in += 2;
			off = (off << 4) | (l >> 4);
			l = (l & 0xF) + 2;
			off = (out / 4096) * 4096 + off;
			if (off >= out)
				off -= 4096;
			end = off + l;
			while (off < end && out < total && off < total) {
				out++;
				off++;
			}
		} else {
			if (out >= total || in >= n)
				return false;
			out++;
			in++;
		}
	}
	return true;
}

/* The RTF of PR_RTF_COMPRESSED, or NULL. */
static char *
rtf_bytes(struct tnef *t, const variableLength *vl, size_t *len)
{
	const unsigned char *p = vl->data;
	size_t n = (size_t)vl->size;
	variableLength pad;
	BYTE *r;
	int rsize = 0;
	char *s;

	if (n >= 16 && le32(p + 8) == 0x414C454Du) {
		/* "MELA": stored uncompressed after the 16-byte header;
		 * DecompressRTF copies from the wrong offset and loses it. */
		size_t u = MIN((size_t)le32(p + 4), n - 16);

		u = MIN(u, (size_t)TNEF_MAX_RTF_BYTES);
		*len = u;
		return g_strndup((const char *)p + 16, u);
	}
	if (!rtf_plausible(p, n)) {
		note(t, "a compressed RTF body was damaged or over the cap");
		return NULL;
	}
	pad.size = (int)n;
	pad.data = g_malloc0(n + 4);
	memcpy(pad.data, p, n);
	r = DecompressRTF(&pad, &rsize);
	g_free(pad.data);
	if (r == NULL || rsize <= 0) {
		free(r);
		note(t, "a compressed RTF body could not be read");
		return NULL;
	}
	s = g_strndup((const char *)r, (size_t)rsize);
	*len = strlen(s);
	free(r);
	return s;
}

struct rtfgrp {
	bool	skip;
	bool	htmlrtf;
	int	uc;
};

static bool
rtf_is_dest(const char *w)
{
	static const char *const dest[] = { "fonttbl", "colortbl",
	    "stylesheet", "info", "pict", "object", "header", "footer",
	    "headerl", "headerr", "headerf", "footerl", "footerr", "footerf",
	    "listtable", "listoverridetable", "rsidtbl", "xmlnstbl",
	    "generator", "themedata", "colorschememapping", "datastore",
	    "latentstyles", "pgdsctbl", "revtbl", "filetbl", "private",
	    "mmathPr", "pntext", "pntxta", "pntxtb", "objdata", "blipuid",
	    "shppict", "nonshppict", "bkmkstart", "bkmkend", "xe", "tc" };

	for (size_t i = 0; i < G_N_ELEMENTS(dest); i++)
		if (strcmp(w, dest[i]) == 0)
			return true;
	return false;
}

static void
rtf_flush(GString *raw, GString *out, unsigned cp)
{
	char *u;

	if (raw->len == 0)
		return;
	u = cp_to_utf8(raw->str, raw->len, cp);
	g_string_append(out, u);
	g_free(u);
	g_string_truncate(raw, 0);
}

char *
tnef_rtf_to_text(const char *s, size_t len, size_t max)
{
	struct rtfgrp st[TNEF_MAX_RTF_DEPTH + 1];
	int depth = 0, ucskip = 0;
	bool fromhtml = false, star = false;
	unsigned cp = 1252;
	GString *out = g_string_new(NULL), *raw = g_string_new(NULL);
	size_t i = 0;

	st[0].skip = false;
	st[0].htmlrtf = false;
	st[0].uc = 1;
	while (i < len && out->len + raw->len < max) {
		unsigned char ch = (unsigned char)s[i];
		bool hide = st[depth].skip || (fromhtml && st[depth].htmlrtf);

		if (ch == '{') {
			i++;
			if (depth >= TNEF_MAX_RTF_DEPTH)
				break;
			st[depth + 1] = st[depth];
			depth++;
			continue;
		}
		if (ch == '}') {
			i++;
			if (depth > 0)
				depth--;
			star = false;
			continue;
		}
		if (ch == '\r' || ch == '\n') {
			i++;
			continue;
		}
		if (ch != '\\') {
			i++;
			if (ucskip > 0) {
				ucskip--;
				continue;
			}
			if (!hide)
				g_string_append_c(raw, (char)ch);
			continue;
		}
		/* a control word or symbol */
		if (++i >= len)
			break;
		ch = (unsigned char)s[i];
		if (g_ascii_isalpha(ch)) {
			char w[33];
			size_t wl = 0;
			long param = 0;
			bool has_param = false, neg = false;

			while (i < len && g_ascii_isalpha(s[i])) {
				if (wl < sizeof(w) - 1)
					w[wl++] = s[i];
				i++;
			}
			w[wl] = '\0';
			if (i < len && s[i] == '-') {
				neg = true;
				i++;
			}
			for (int d = 0; i < len && g_ascii_isdigit(s[i]); i++,
			    d++) {
				if (d < 10)
					param = param * 10 + (s[i] - '0');
				has_param = true;
			}
			if (neg)
				param = -param;
			if (i < len && s[i] == ' ')
				i++;
			if (star) {
				star = false;
				/* an ignorable destination: skipped unless it
				 * is field instructions (links are text) */
				if (strcmp(w, "fldinst") != 0)
					st[depth].skip = true;
				continue;
			}
			if (ucskip > 0) {
				ucskip--;
				continue;
			}
			if (rtf_is_dest(w)) {
				st[depth].skip = true;
			} else if (strcmp(w, "bin") == 0 && has_param) {
				size_t k = param > 0 ? (size_t)param : 0;

				i += MIN(k, len - i);
			} else if (strcmp(w, "fromhtml") == 0) {
				fromhtml = true;
			} else if (strcmp(w, "htmlrtf") == 0) {
				st[depth].htmlrtf = !has_param || param != 0;
			} else if (strcmp(w, "ansicpg") == 0 && has_param &&
			    param > 0 && param < 100000) {
				rtf_flush(raw, out, cp);
				cp = (unsigned)param;
			} else if (strcmp(w, "uc") == 0 && has_param) {
				st[depth].uc = param >= 0 && param < 10 ?
				    (int)param : 1;
			} else if (strcmp(w, "u") == 0 && has_param) {
				long u = param < 0 ? param + 65536 : param;

				if (!hide && u > 0 && u < 0x110000 &&
				    !(u >= 0xD800 && u <= 0xDFFF)) {
					rtf_flush(raw, out, cp);
					g_string_append_unichar(out,
					    (gunichar)u);
				}
				ucskip = st[depth].uc;
			} else if (!hide && (strcmp(w, "par") == 0 ||
			    strcmp(w, "line") == 0 || strcmp(w, "row") == 0 ||
			    strcmp(w, "sect") == 0 || strcmp(w, "page") == 0)) {
				g_string_append_c(raw, '\n');
			} else if (!hide && (strcmp(w, "tab") == 0 ||
			    strcmp(w, "cell") == 0)) {
				g_string_append_c(raw, '\t');
			} else if (!hide && (strcmp(w, "emdash") == 0 ||
			    strcmp(w, "endash") == 0)) {
				g_string_append_c(raw, '-');
			}
			continue;
		}
		i++;
		switch (ch) {
		case '*':
			star = true;
			break;
		case '\'':
			if (i + 2 <= len && g_ascii_isxdigit(s[i]) &&
			    g_ascii_isxdigit(s[i + 1])) {
				char b = (char)(g_ascii_xdigit_value(s[i]) * 16 +
				    g_ascii_xdigit_value(s[i + 1]));

				i += 2;
				if (ucskip > 0)
					ucskip--;
				else if (!hide)
					g_string_append_c(raw, b);
			}
			break;
		case '\\': case '{': case '}':
			if (ucskip > 0)
				ucskip--;
			else if (!hide)
				g_string_append_c(raw, (char)ch);
			break;
		case '~':
			if (!hide)
				g_string_append_c(raw, ' ');
			break;
		case '_':
			if (!hide)
				g_string_append_c(raw, '-');
			break;
		case '\r': case '\n':
			if (!hide)
				g_string_append_c(raw, '\n');
			break;
		default:
			break;
		}
	}
	rtf_flush(raw, out, cp);
	g_string_free(raw, TRUE);
	if (out->len > max) {
		const char *e = g_utf8_find_prev_char(out->str,
		    out->str + max + 1);

		g_string_truncate(out, e != NULL ? (size_t)(e - out->str) : 0);
	}
	return g_string_free(out, FALSE);
}

/* ---- people ---- */

/* "SMTP:a@b", "mailto:a@b", "a@b" -> "a@b" lower-case; NULL for anything
 * else (an Exchange X.500 address, a name). */
static char *
smtp_addr(const char *s)
{
	const char *at;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '<')
		s++;
	if (g_ascii_strncasecmp(s, "SMTP:", 5) == 0)
		s += 5;
	else if (g_ascii_strncasecmp(s, "mailto:", 7) == 0)
		s += 7;
	at = strchr(s, '@');
	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') ||
	    *s == '/')
		return NULL;
	for (const char *p = s; *p; p++)
		if (*p == ' ' || *p == '<' || *p == '>' || *p == ',' ||
		    *p == ';' || *p == '"' || (unsigned char)*p < 0x20) {
			if (*p == '>' && p[1] == '\0')
				return g_ascii_strdown(s, p - s);
			return NULL;
		}
	return g_ascii_strdown(s, -1);
}

static void
add_person(struct ctx *c, const char *name, const char *addr_raw,
    enum tnef_role role)
{
	struct tnef *t = c->t;
	char *addr = smtp_addr(addr_raw);
	struct tnef_person *p;

	if (name != NULL && *name == '\0')
		name = NULL;
	if (name == NULL && addr == NULL)
		return;
	for (size_t i = 0; i < t->n_attendees; i++) {
		p = &t->attendees[i];
		if ((addr != NULL && p->addr != NULL &&
		    strcmp(addr, p->addr) == 0) || (addr == NULL &&
		    name != NULL && p->name != NULL &&
		    strcmp(name, p->name) == 0)) {
			if (p->name == NULL && name != NULL)
				p->name = g_strdup(name);
			g_free(addr);
			return;
		}
	}
	if (t->n_attendees >= c->max_people) {
		note(t, "more TNEF attendees than the cap");
		g_free(addr);
		return;
	}
	t->attendees = g_renew(struct tnef_person, t->attendees,
	    t->n_attendees + 1);
	p = &t->attendees[t->n_attendees++];
	p->name = name != NULL ? g_strdup(name) : NULL;
	p->addr = addr;
	p->role = role;
}

/* "Anna A; b@c; Bo B <d@e>" -> people. */
static void
add_list(struct ctx *c, const char *list, enum tnef_role role)
{
	char **v;

	if (list == NULL)
		return;
	v = g_strsplit_set(list, ";\r\n", -1);
	for (char **p = v; *p != NULL; p++) {
		char *tok = g_strstrip(*p), *lt;
		char *addr;

		if (*tok == '\0')
			continue;
		if ((lt = strrchr(tok, '<')) != NULL &&
		    (addr = smtp_addr(lt + 1)) != NULL) {
			*lt = '\0';
			g_strstrip(tok);
			if (tok[0] == '"' && tok[1] != '\0' &&
			    tok[strlen(tok) - 1] == '"') {
				tok[strlen(tok) - 1] = '\0';
				tok++;
			}
			add_person(c, tok, addr, role);
			g_free(addr);
		} else if ((lt = strrchr(tok, '(')) != NULL &&
		    tok[strlen(tok) - 1] == ')' && (tok[strlen(tok) - 1] = '\0',
		    addr = smtp_addr(lt + 1)) != NULL) {
			/* "Name (a@b)", as Outlook writes a name it has no
			 * address book entry for */
			*lt = '\0';
			g_strstrip(tok);
			add_person(c, tok, addr, role);
			g_free(addr);
		} else if ((addr = smtp_addr(tok)) != NULL) {
			add_person(c, NULL, addr, role);
			g_free(addr);
		} else {
			add_person(c, tok, NULL, role);
		}
	}
	g_strfreev(v);
}

/* PR_*_SEARCH_KEY: "SMTP:A@B\0" (binary). */
static char *
search_key_addr(struct ctx *c, unsigned id)
{
	const variableLength *vl = get_bin(c, id, NULL);
	char *s, *a;

	if (vl == NULL)
		return NULL;
	s = g_strndup((const char *)vl->data, MIN((size_t)vl->size,
	    (size_t)TNEF_MAX_NAME));
	a = smtp_addr(s);
	g_free(s);
	return a;
}

static char *
addr_of(struct ctx *c, unsigned smtp, unsigned email, unsigned type,
    unsigned key)
{
	char *s, *a = NULL, *ty;

	if ((s = get_str(c, smtp, NULL)) != NULL) {
		a = smtp_addr(s);
		g_free(s);
	}
	if (a == NULL && (s = get_str(c, email, NULL)) != NULL) {
		ty = get_str(c, type, NULL);
		if (ty == NULL || g_ascii_strcasecmp(ty, "SMTP") == 0)
			a = smtp_addr(s);
		g_free(ty);
		g_free(s);
	}
	if (a == NULL)
		a = search_key_addr(c, key);
	return a;
}

/* attFrom: a TRP header (id, size, name length, address length), the
 * name, the address ("SMTP:a@b"). */
static void
from_triple(const struct attr *a, char **name, char **addr)
{
	size_t cch, cb;
	char *s;

	if (a == NULL || a->len < 8)
		return;
	cch = le16(a->p + 4);
	cb = le16(a->p + 6);
	if (cch > a->len - 8 || cb > a->len - 8 - cch)
		return;
	*name = g_strndup((const char *)a->p + 8, cch);
	s = g_strndup((const char *)a->p + 8 + cch, cb);
	*addr = smtp_addr(s);
	g_free(s);
}

/* The sender (PR_SENT_REPRESENTING_*, else PR_SENDER_*, else attFrom):
 * the organizer of a request, cancel or appointment; in a response the
 * attendee who answers (then an attendee, as iTIP REPLY has it).
 * PidLidOrganizerAlias, when it holds an address, names the organizer. */
static void
organizer(struct ctx *c, const struct attr *a_from)
{
	struct tnef *t = c->t;
	char *name = get_str(c, P_SENT_REP_NAME, NULL);
	char *addr = addr_of(c, P_SENT_REP_SMTP, P_SENT_REP_EMAIL,
	    P_SENT_REP_ADDRTYPE, P_SENT_REP_SEARCH_KEY);
	char *sn = get_str(c, P_SENDER_NAME, NULL);
	char *sa = addr_of(c, P_SENDER_SMTP, P_SENDER_EMAIL, P_SENDER_ADDRTYPE,
	    P_SENDER_SEARCH_KEY);
	char *alias = get_str(c, L_ORGANIZER_ALIAS, PSETID_APPOINTMENT);
	char *aa = smtp_addr(alias);
	bool reply = t->kind == TNEF_KIND_RESP_POS ||
	    t->kind == TNEF_KIND_RESP_NEG || t->kind == TNEF_KIND_RESP_TENT;

	g_free(alias);
	if (addr == NULL && name == NULL) {
		name = sn;
		addr = sa;
		sn = sa = NULL;
	}
	if (addr == NULL && name == NULL) {
		char *fn = NULL, *fa = NULL;

		from_triple(a_from, &fn, &fa);
		name = fn != NULL ? fit(c, cp_to_utf8(fn, strlen(fn), c->cp)) :
		    NULL;
		g_free(fn);
		addr = fa;
	}
	g_free(sn);
	g_free(sa);
	if (reply && (name != NULL || addr != NULL)) {
		add_person(c, name, addr, TNEF_ROLE_REQUIRED);
		g_free(name);
		g_free(addr);
		name = addr = NULL;
	}
	if (aa != NULL && (addr == NULL || strcmp(aa, addr) != 0)) {
		if (!reply && (name != NULL || addr != NULL))
			add_person(c, name, addr, TNEF_ROLE_UNKNOWN);
		g_free(name);
		g_free(addr);
		name = NULL;
		addr = aa;
		aa = NULL;
	}
	g_free(aa);
	if (name == NULL && addr == NULL)
		return;
	t->has_organizer = true;
	t->organizer.name = name;
	t->organizer.addr = addr;
	t->organizer.role = TNEF_ROLE_REQUIRED;
}

/* attRecipTable: libytnef does not decode it (its handler returns at
 * once). Rows of MAPI properties: a small reader for the few string and
 * long properties a row needs, every length checked. */
static void
recip_table(struct ctx *c, const struct attr *a)
{
	struct rd r = { a->p, a->len, 0, false };
	uint32_t rows = rd32(&r);

	for (uint32_t row = 0; row < rows && !r.bad; row++) {
		uint32_t nprop = rd32(&r);
		char *name = NULL, *email = NULL, *smtp = NULL, *type = NULL;
		uint32_t rtype = 1;

		if (nprop > 1000) {
			r.bad = true;
			break;
		}
		for (uint32_t k = 0; k < nprop && !r.bad; k++) {
			uint32_t tag = rd32(&r), count = 1;
			unsigned pt = PROP_TYPE(tag), id = PROP_ID(tag);
			bool mv = (pt & MV_FLAG) != 0;

			pt &= ~MV_FLAG;
			if (id >= 0x8000) {
				uint32_t kind;

				rdskip(&r, 16);
				kind = rd32(&r);
				if (kind == 0)
					rdskip(&r, 4);
				else {
					uint32_t l = rd32(&r);

					rdskip(&r, ((size_t)l + 3) & ~(size_t)3);
				}
			}
			if (mv || pt == PT_STRING8 || pt == PT_UNICODE ||
			    pt == PT_BINARY || pt == PT_OBJECT)
				count = rd32(&r);
			if (count > 10000) {
				r.bad = true;
				break;
			}
			for (uint32_t v = 0; v < count && !r.bad; v++) {
				switch (pt) {
				case PT_I2: case PT_LONG: case PT_R4:
				case PT_ERROR: case PT_BOOLEAN:
					if (!mv && id == 0x0C15 && pt == PT_LONG &&
					    r.n - r.off >= 4)
						rtype = le32(r.p + r.off);
					rdskip(&r, 4);
					break;
				case PT_DOUBLE: case PT_CURRENCY:
				case PT_APPTIME: case PT_I8: case PT_SYSTIME:
					rdskip(&r, 8);
					break;
				case PT_CLSID:
					rdskip(&r, 16);
					break;
				case PT_STRING8: case PT_UNICODE:
				case PT_BINARY: case PT_OBJECT: {
					uint32_t l = rd32(&r);
					size_t padded;
					char *s = NULL, **dst = NULL;

					if (r.bad || l > r.n - r.off) {
						r.bad = true;
						break;
					}
					if (v == 0 && !mv && (pt == PT_STRING8 ||
					    pt == PT_UNICODE)) {
						dst = id == 0x3001 ? &name :
						    id == 0x3003 ? &email :
						    id == 0x39FE ? &smtp :
						    id == 0x3002 ? &type : NULL;
					}
					if (dst != NULL && *dst == NULL) {
						const char *d = (const char *)r.p +
						    r.off;

						if (pt == PT_UNICODE)
							s = g_convert(d, (gssize)(l & ~1u),
							    "UTF-8", "UTF-16LE", NULL,
							    NULL, NULL);
						else
							s = cp_to_utf8(d, strnlen(d, l),
							    c->cp);
						*dst = fit(c, s);
					}
					padded = ((size_t)l + 3) & ~(size_t)3;
					rdskip(&r, MIN(padded, r.n - r.off));
					break;
				}
				default:
					r.bad = true;
					break;
				}
			}
		}
		if (!r.bad) {
			const char *addr = smtp != NULL ? smtp :
			    (type == NULL || g_ascii_strcasecmp(type,
			    "SMTP") == 0) ? email : NULL;

			add_person(c, name, addr, rtype == 2 ?
			    TNEF_ROLE_OPTIONAL : rtype == 3 ?
			    TNEF_ROLE_RESOURCE : TNEF_ROLE_REQUIRED);
		}
		g_free(name);
		g_free(email);
		g_free(smtp);
		g_free(type);
	}
	if (r.bad)
		note(c->t, "a TNEF recipient table was damaged");
}

static void
people(struct ctx *c, const struct attr *a_recip)
{
	static const struct { unsigned id; const unsigned char *guid;
	    enum tnef_role role; } lists[] = {
		{ L_TO_ATTENDEES, PSETID_APPOINTMENT, TNEF_ROLE_REQUIRED },
		{ L_CC_ATTENDEES, PSETID_APPOINTMENT, TNEF_ROLE_OPTIONAL },
		{ L_ALL_ATTENDEES, PSETID_APPOINTMENT, TNEF_ROLE_UNKNOWN },
		{ P_DISPLAY_TO, NULL, TNEF_ROLE_REQUIRED },
		{ P_DISPLAY_CC, NULL, TNEF_ROLE_OPTIONAL },
		{ P_DISPLAY_BCC, NULL, TNEF_ROLE_RESOURCE },
	};

	if (a_recip != NULL)
		recip_table(c, a_recip);
	for (size_t i = 0; i < G_N_ELEMENTS(lists); i++) {
		char *s = get_str(c, lists[i].id, lists[i].guid);

		add_list(c, s, lists[i].role);
		g_free(s);
	}
}

/* ---- bodies, Teams link, other texts ---- */

static void
find_teams(struct tnef *t, const char *s, size_t n)
{
	static const char *const pfx[] = {
	    "https://teams.microsoft.com/l/meetup-join/",
	    "https://teams.live.com/meet/",
	    "https://teams.microsoft.com/meet/" };

	if (t->teams_url != NULL || s == NULL)
		return;
	for (size_t k = 0; k < G_N_ELEMENTS(pfx); k++) {
		const char *hit = g_strstr_len(s, (gssize)n, pfx[k]);
		size_t l = 0;

		if (hit == NULL)
			continue;
		while (hit + l < s + n && l < TNEF_MAX_URL &&
		    !strchr(" \t\r\n\"'<>{}\\", hit[l]) && hit[l] != '\0')
			l++;
		t->teams_url = g_strndup(hit, l);
		return;
	}
}

static void
bodies(struct ctx *c, const struct attr *a_body)
{
	struct tnef *t = c->t;
	MAPIProperty *mp;
	const variableLength *vl;

	t->body_plain = get_str(c, P_BODY, NULL);
	if (t->body_plain == NULL && a_body != NULL)
		t->body_plain = fit(c, cp_to_utf8((const char *)a_body->p,
		    strnlen((const char *)a_body->p, a_body->len), c->cp));
	if ((vl = get_bin(c, P_RTF_COMPRESSED, NULL)) != NULL) {
		size_t rl = 0;
		char *rtf = rtf_bytes(t, vl, &rl);

		if (rtf != NULL) {
			find_teams(t, rtf, rl);
			t->body_rtf = fit(c, tnef_rtf_to_text(rtf, rl,
			    c->text_cap + 1));
			g_free(rtf);
		}
	}
	/* PR_HTML is binary (or a string) in the internet code page */
	mp = find(c, P_HTML, NULL, false, PT_BINARY);
	if (mp == NULL)
		mp = find(c, P_HTML, NULL, true, 0);
	if (mp != NULL) {
		char *h = NULL;

		g_ptr_array_add(c->seen, mp);
		if (PROP_TYPE(mp->id) == PT_BINARY) {
			if (mp->data[0].data != NULL && mp->data[0].size > 0)
				h = cp_to_utf8((const char *)mp->data[0].data,
				    (size_t)mp->data[0].size, 65001);
		} else
			h = value_str(c, mp, 0);
		if (h != NULL) {
			GString *o = g_string_new(NULL);
			size_t hl = strlen(h);

			find_teams(t, h, hl);
			parse_html_to_text(h, hl, o);
			t->body_html = fit(c, g_string_free(o, FALSE));
			g_free(h);
		}
	}
	if (t->body_plain != NULL)
		find_teams(t, t->body_plain, strlen(t->body_plain));
}

static bool
was_seen(struct ctx *c, const MAPIProperty *mp)
{
	for (guint i = 0; i < c->seen->len; i++)
		if (g_ptr_array_index(c->seen, i) == mp)
			return true;
	return false;
}

static void
other_texts(struct ctx *c)
{
	struct tnef *t = c->t;
	GPtrArray *v = g_ptr_array_new();

	for (size_t b = 0; b < c->n_msg; b++) {
		MAPIProps *ps = &c->msg[b]->MapiProperties;

		for (DWORD i = 0; i < ps->count; i++) {
			MAPIProperty *mp = &ps->properties[i];

			if (!is_string(mp) || mp->data == NULL ||
			    was_seen(c, mp))
				continue;
			for (ULONG k = 0; k < mp->count; k++) {
				char *s;

				if (v->len >= TNEF_MAX_OTHER_TEXTS) {
					note(t, "more TNEF string properties "
					    "than the cap");
					goto out;
				}
				if ((s = value_str(c, mp, k)) == NULL)
					continue;
				find_teams(t, s, strlen(s));
				g_ptr_array_add(v, s);
			}
		}
	}
out:
	t->n_other = v->len;
	t->other_texts = (char **)g_ptr_array_free(v, v->len == 0);
}

/* ---- attachments ---- */

static void
add_attach(struct ctx *c, const struct attr *title, const struct attr *mapi)
{
	struct tnef *t = c->t;
	char *name = NULL;

	if (t->n_attach >= TNEF_MAX_ATTACH) {
		note(t, "more TNEF attachments than the cap");
		return;
	}
	if (mapi != NULL) {
		TNEFStruct *y = ytnef_one(t, mapi, TNEF_ATT_BIG_VALUE);

		if (y != NULL) {
			static const unsigned ids[] = { P_ATTACH_LONG_FILENAME,
			    P_ATTACH_FILENAME, P_DISPLAY_NAME };
			Attachment *at = y->starting_attach.next != NULL ?
			    y->starting_attach.next : &y->starting_attach;

			for (size_t i = 0; i < G_N_ELEMENTS(ids) &&
			    name == NULL; i++) {
				MAPIProperty *mp = find_in(&at->MAPI, ids[i],
				    NULL, true, 0);

				if (mp != NULL && (i == 0 || title == NULL))
					name = value_str(c, mp, 0);
			}
			ytnef_done(y);
		} else
			note(t, "a TNEF attachment's properties could not "
			    "be read");
	}
	if (name == NULL && title != NULL) {
		char *r = raw_name(title);

		name = fit(c, cp_to_utf8(r, strlen(r), c->cp));
		g_free(r);
	}
	if (name == NULL)
		return;
	t->attach_names = g_renew(char *, t->attach_names, t->n_attach + 1);
	t->attach_names[t->n_attach++] = name;
}

static void
attachments(struct ctx *c, const GArray *a)
{
	const struct attr *title = NULL, *mapi = NULL;
	bool open = false;

	for (guint i = 0; i < a->len; i++) {
		const struct attr *at = &g_array_index(a, struct attr, i);

		if (at->level != LVL_ATT)
			continue;
		if (at->id == A_ATT_REND) {
			if (open)
				add_attach(c, title, mapi);
			title = mapi = NULL;
			open = true;
		} else if (at->id == A_ATT_TITLE) {
			title = at;
			open = true;
		} else if (at->id == A_ATTACHMENT) {
			mapi = at;
			open = true;
		} else
			open = true;
	}
	if (open)
		add_attach(c, title, mapi);
}

/* ---- the whole part ---- */

static void
meeting(struct ctx *c, const struct attr *a_subject, const struct attr *a_body,
    const struct attr *a_from, const struct attr *a_start,
    const struct attr *a_end, const struct attr *a_recip)
{
	struct tnef *t = c->t;
	const variableLength *vl;

	t->subject = get_str(c, P_SUBJECT, NULL);
	if (t->subject == NULL && a_subject != NULL) {
		char *r = raw_name(a_subject);

		t->subject = fit(c, cp_to_utf8(r, strlen(r), c->cp));
		g_free(r);
	}
	if (t->subject == NULL)
		t->subject = get_str(c, P_CONVERSATION_TOPIC, NULL);
	t->location = get_str(c, L_LOCATION, PSETID_APPOINTMENT);
	if (t->location == NULL)
		t->location = get_str(c, L_WHERE, PSETID_MEETING);
	else {
		MAPIProperty *w = find(c, L_WHERE, PSETID_MEETING, true, 0);
		char *ws = w != NULL ? value_str(c, w, 0) : NULL;

		/* the same text twice is no other text */
		if (ws != NULL && strcmp(ws, t->location) == 0)
			g_ptr_array_add(c->seen, w);
		g_free(ws);
	}
	t->start = get_time(c, L_START_WHOLE, PSETID_APPOINTMENT);
	if (t->start == 0)
		t->start = get_time(c, L_COMMON_START, PSETID_COMMON);
	if (t->start == 0)
		t->start = get_time(c, P_START_DATE, NULL);
	if (t->start == 0)
		t->start = dtr_time(a_start);
	t->end = get_time(c, L_END_WHOLE, PSETID_APPOINTMENT);
	if (t->end == 0)
		t->end = get_time(c, L_COMMON_END, PSETID_COMMON);
	if (t->end == 0)
		t->end = get_time(c, P_END_DATE, NULL);
	if (t->end == 0)
		t->end = dtr_time(a_end);
	vl = get_bin(c, L_APPT_RECUR, PSETID_APPOINTMENT);
	t->recurring = get_bool(c, L_RECURRING, PSETID_APPOINTMENT) ||
	    get_bool(c, L_IS_RECURRING, PSETID_MEETING) ||
	    (vl != NULL && vl->size >= 4 && le16(vl->data) == 0x3004 &&
	    le16(vl->data + 2) == 0x3004);	/* Reader/WriterVersion */
	t->recurrence_text = get_str(c, L_RECUR_PATTERN, PSETID_APPOINTMENT);
	if ((vl = get_bin(c, L_GLOBAL_OBJID, PSETID_MEETING)) == NULL)
		vl = get_bin(c, L_CLEAN_GLOBAL_OBJID, PSETID_MEETING);
	if (vl != NULL && vl->size <= 256) {
		GString *h = g_string_sized_new((gsize)vl->size * 2);

		for (int i = 0; i < vl->size; i++)
			g_string_append_printf(h, "%02X", vl->data[i]);
		t->uid = g_string_free(h, FALSE);
	}
	organizer(c, a_from);
	people(c, a_recip);
	bodies(c, a_body);
	other_texts(c);
}

struct tnef *
tnef_read(const unsigned char *buf, size_t len, const struct parse_limits *lim)
{
	static const struct parse_limits def = PARSE_LIMITS_DEFAULT;
	struct tnef *t = g_new0(struct tnef, 1);
	struct ctx c = { 0 };
	const struct attr *a_class = NULL, *a_subject = NULL, *a_body = NULL;
	const struct attr *a_from = NULL, *a_start = NULL, *a_end = NULL;
	const struct attr *a_recip = NULL;
	GArray *a;
	bool clean, msg_ok = true;

	if (lim == NULL)
		lim = &def;
	c.t = t;
	c.text_cap = lim->text_bytes > 0 ? lim->text_bytes : LIM_TEXT_BYTES;
	c.max_people = lim->attendees > 0 ? lim->attendees : LIM_ATTENDEES;
	if (buf == NULL || len < 6 || le32(buf) != TNEF_SIGNATURE) {
		t->problem = "not a TNEF stream (no signature)";
		return t;
	}
	a = walk(t, buf, len, &clean);
	c.seen = g_ptr_array_new();
	for (guint i = 0; i < a->len; i++) {
		const struct attr *at = &g_array_index(a, struct attr, i);

		if (at->level != LVL_MSG)
			continue;
		switch (at->id) {
		case A_MSG_CLASS:	a_class = at; break;
		case A_SUBJECT:		if (!a_subject) a_subject = at; break;
		case A_BODY:		if (!a_body) a_body = at; break;
		case A_FROM:		if (!a_from) a_from = at; break;
		case A_DATE_START:	if (!a_start) a_start = at; break;
		case A_DATE_END:	if (!a_end) a_end = at; break;
		case A_RECIP_TABLE:	if (!a_recip) a_recip = at; break;
		case A_OEM_CP:
			if (at->len >= 4)
				c.cp = le32(at->p);
			break;
		case A_MSG_PROPS: {
			TNEFStruct *y;

			if (c.n_msg >= TNEF_MAX_MSG_BLOCKS) {
				note(t, "more TNEF message property blocks than "
				    "the cap");
				msg_ok = false;
				break;
			}
			if ((y = ytnef_one(t, at, TNEF_MSG_BIG_VALUE)) == NULL) {
				note(t, "TNEF message properties could not be "
				    "read");
				msg_ok = false;
				break;
			}
			c.msg[c.n_msg++] = y;
			break;
		}
		default:
			break;
		}
	}
	/* parsed: the walk reached the end, or stopped only after the
	 * message properties were read (damage in the attachments or bytes
	 * after the last attribute only truncate). */
	t->parsed = msg_ok && (clean || c.n_msg > 0);
	set_class(&c, a_class);
	if (t->is_meeting)
		meeting(&c, a_subject, a_body, a_from, a_start, a_end, a_recip);
	attachments(&c, a);
	for (size_t i = 0; i < c.n_msg; i++)
		ytnef_done(c.msg[i]);
	g_ptr_array_free(c.seen, TRUE);
	g_array_free(a, TRUE);
	return t;
}

static void
person_clear(struct tnef_person *p)
{
	g_free(p->name);
	g_free(p->addr);
}

void
tnef_free(struct tnef *t)
{
	if (t == NULL)
		return;
	g_free(t->msg_class);
	g_free(t->subject);
	g_free(t->body_plain);
	g_free(t->body_rtf);
	g_free(t->body_html);
	g_free(t->location);
	g_free(t->uid);
	g_free(t->teams_url);
	g_free(t->recurrence_text);
	person_clear(&t->organizer);
	for (size_t i = 0; i < t->n_attendees; i++)
		person_clear(&t->attendees[i]);
	g_free(t->attendees);
	for (size_t i = 0; i < t->n_attach; i++)
		g_free(t->attach_names[i]);
	g_free(t->attach_names);
	for (size_t i = 0; i < t->n_other; i++)
		g_free(t->other_texts[i]);
	g_free(t->other_texts);
	g_free(t);
}
