/*
 * tnef.c: a TNEF part (winmail.dat) -> struct tnef, through libytnef:
 * the public entry, the attribute framing walk, the message class, the
 * meeting fields and attachment names (the other tnef_*.c files do the
 * rest, see tnef_int.h).
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
 *     rtf_plausible() (tnef_rtf.c) checks every stream before it is
 *     called.
 *   - Inside a MAPI block libytnef fails on a property name over 100
 *     bytes (Exchange writes longer ones), a value over 512 KB, more
 *     than 1000 properties or values, and misreads PT_CURRENCY and
 *     PT_APPTIME (4 bytes, not 8) and a multi-valued property that ends
 *     the block. mapi_clean() (tnef_mapi.c) rewrites each block into
 *     one libytnef reads whole (see there); a property it cannot walk
 *     ends the block and is noted (truncated).
 * If the message block is still refused, the part is not parsed (the
 * caller treats it as not inspectable); an attachment's refused block
 * only loses the name it carried.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "parse_int.h"
#include "tnef_int.h"

/* Marks t truncated and keeps the first reason (static words). */
void
tnef_note(struct tnef *t, const char *why)
{
	t->truncated = true;
	if (t->problem == NULL)
		t->problem = why;
}
/* ---- text helpers ---- */

/* 8-bit bytes in code page cp (0: unknown) -> new valid UTF-8. */
char *
tnef_cp_to_utf8(const char *b, size_t n, unsigned cp)
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
char *
tnef_fit(struct ctx *c, char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	if (n > c->text_cap) {
		const char *e = g_utf8_find_prev_char(s, s + c->text_cap + 1);

		s[e != NULL ? (size_t)(e - s) : 0] = '\0';
		tnef_note(c->t, "a TNEF text over the text cap was cut");
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
			tnef_note(t, "TNEF stream cut short");
			return a;
		}
		at.level = buf[off];
		at.id = le32(buf + off + 1);
		at.len = le32(buf + off + 5);
		off += 9;
		if (at.len > len - off || len - off - at.len < 2) {
			tnef_note(t, "TNEF stream cut short");
			return a;
		}
		at.p = buf + off;
		off += at.len + 2;	/* checksum: not checked (we rebuild) */
		if (at.level != LVL_MSG && at.level != LVL_ATT) {
			tnef_note(t, "TNEF attribute of unknown level");
			return a;
		}
		if (a->len >= TNEF_MAX_ATTRS) {
			tnef_note(t, "more TNEF attributes than the cap");
			return a;
		}
		g_array_append_val(a, at);
	}
	*clean = true;
	return a;
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

/* The kind a message class names (tnef.h). */
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

/* The iTIP METHOD a meeting kind stands for; NULL for TNEF_KIND_OTHER. */
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

/* The bytes of a string attribute up to its NUL (TNEF_MAX_NAME at
 * most), as a new string in its code page; NULL when a is NULL. */
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

/* Sets the class, kind, is_meeting and method of c->t: PR_MESSAGE_CLASS,
 * else attMessageClass, the Schedule+ names mapped to the MAPI ones. */
static void
set_class(struct ctx *c, const struct attr *a_class)
{
	char *cls = tnef_get_str(c, P_MESSAGE_CLASS, NULL);

	if (cls == NULL && a_class != NULL) {
		cls = tnef_fit(c, tnef_cp_to_utf8((const char *)a_class->p,
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


/* ---- attachments ---- */

/* Adds the name of one attachment: from its MAPI block (title: its
 * attAttachTitle, taken before all but PR_ATTACH_LONG_FILENAME). */
static void
add_attach(struct ctx *c, const struct attr *title, const struct attr *mapi)
{
	struct tnef *t = c->t;
	char *name = NULL;

	if (t->n_attach >= TNEF_MAX_ATTACH) {
		tnef_note(t, "more TNEF attachments than the cap");
		return;
	}
	if (mapi != NULL) {
		TNEFStruct *y = tnef_ytnef_one(t, mapi, TNEF_ATT_BIG_VALUE);

		if (y != NULL) {
			static const unsigned ids[] = { P_ATTACH_LONG_FILENAME,
			    P_ATTACH_FILENAME, P_DISPLAY_NAME };
			Attachment *at = y->starting_attach.next != NULL ?
			    y->starting_attach.next : &y->starting_attach;

			for (size_t i = 0; i < G_N_ELEMENTS(ids) &&
			    name == NULL; i++) {
				MAPIProperty *mp = tnef_find_in(&at->MAPI,
				    ids[i], NULL, true, 0);

				if (mp != NULL && (i == 0 || title == NULL))
					name = tnef_value_str(c, mp, 0);
			}
			tnef_ytnef_done(y);
		} else
			tnef_note(t, "a TNEF attachment's properties could not "
			    "be read");
	}
	if (name == NULL && title != NULL) {
		char *r = raw_name(title);

		name = tnef_fit(c, tnef_cp_to_utf8(r, strlen(r), c->cp));
		g_free(r);
	}
	if (name == NULL)
		return;
	t->attach_names = g_renew(char *, t->attach_names, t->n_attach + 1);
	t->attach_names[t->n_attach++] = name;
}

/* The attachments of the walk a: each starts at attAttachRenddata (or
 * at the first attachment attribute) and ends at the next one. */
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

/* Fills the meeting fields of c->t from the decoded blocks, each with
 * the framing attribute it falls back to (NULL: none). */
static void
meeting(struct ctx *c, const struct attr *a_subject, const struct attr *a_body,
    const struct attr *a_from, const struct attr *a_start,
    const struct attr *a_end, const struct attr *a_recip)
{
	struct tnef *t = c->t;
	const variableLength *vl;

	t->subject = tnef_get_str(c, P_SUBJECT, NULL);
	if (t->subject == NULL && a_subject != NULL) {
		char *r = raw_name(a_subject);

		t->subject = tnef_fit(c, tnef_cp_to_utf8(r, strlen(r), c->cp));
		g_free(r);
	}
	if (t->subject == NULL)
		t->subject = tnef_get_str(c, P_CONVERSATION_TOPIC, NULL);
	t->location = tnef_get_str(c, L_LOCATION, tnef_psetid_appt);
	if (t->location == NULL)
		t->location = tnef_get_str(c, L_WHERE, tnef_psetid_meeting);
	else {
		MAPIProperty *w = tnef_find(c, L_WHERE, tnef_psetid_meeting,
		    true, 0);
		char *ws = w != NULL ? tnef_value_str(c, w, 0) : NULL;

		/* the same text twice is no other text */
		if (ws != NULL && strcmp(ws, t->location) == 0)
			g_ptr_array_add(c->seen, w);
		g_free(ws);
	}
	t->start = tnef_get_time(c, L_START_WHOLE, tnef_psetid_appt);
	if (t->start == 0)
		t->start = tnef_get_time(c, L_COMMON_START, tnef_psetid_common);
	if (t->start == 0)
		t->start = tnef_get_time(c, P_START_DATE, NULL);
	if (t->start == 0)
		t->start = dtr_time(a_start);
	t->end = tnef_get_time(c, L_END_WHOLE, tnef_psetid_appt);
	if (t->end == 0)
		t->end = tnef_get_time(c, L_COMMON_END, tnef_psetid_common);
	if (t->end == 0)
		t->end = tnef_get_time(c, P_END_DATE, NULL);
	if (t->end == 0)
		t->end = dtr_time(a_end);
	vl = tnef_get_bin(c, L_APPT_RECUR, tnef_psetid_appt);
	t->recurring = tnef_get_bool(c, L_RECURRING, tnef_psetid_appt) ||
	    tnef_get_bool(c, L_IS_RECURRING, tnef_psetid_meeting) ||
	    (vl != NULL && vl->size >= 4 && le16(vl->data) == 0x3004 &&
	    le16(vl->data + 2) == 0x3004);	/* Reader/WriterVersion */
	t->recurrence_text = tnef_get_str(c, L_RECUR_PATTERN, tnef_psetid_appt);
	if ((vl = tnef_get_bin(c, L_GLOBAL_OBJID, tnef_psetid_meeting)) == NULL)
		vl = tnef_get_bin(c, L_CLEAN_GLOBAL_OBJID, tnef_psetid_meeting);
	if (vl != NULL && vl->size <= 256) {
		GString *h = g_string_sized_new((gsize)vl->size * 2);

		for (int i = 0; i < vl->size; i++)
			g_string_append_printf(h, "%02X", vl->data[i]);
		t->uid = g_string_free(h, FALSE);
	}
	tnef_organizer(c, a_from);
	tnef_people(c, a_recip);
	tnef_bodies(c, a_body);
	tnef_other_texts(c);
}

/* Decodes the message property block at (attMsgProps) into c->msg;
 * false (noted) when over the cap of blocks or refused by libytnef. */
static bool
msg_block(struct ctx *c, const struct attr *at)
{
	TNEFStruct *y;

	if (c->n_msg >= TNEF_MAX_MSG_BLOCKS) {
		tnef_note(c->t, "more TNEF message property blocks than the "
		    "cap");
		return false;
	}
	if ((y = tnef_ytnef_one(c->t, at, TNEF_MSG_BIG_VALUE)) == NULL) {
		tnef_note(c->t, "TNEF message properties could not be read");
		return false;
	}
	c->msg[c->n_msg++] = y;
	return true;
}

/* See tnef.h. */
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
		case A_MSG_PROPS:
			if (!msg_block(&c, at))
				msg_ok = false;
			break;
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
		tnef_ytnef_done(c.msg[i]);
	g_ptr_array_free(c.seen, TRUE);
	g_array_free(a, TRUE);
	return t;
}

/* Frees the strings of p, not p. */
static void
person_clear(struct tnef_person *p)
{
	g_free(p->name);
	g_free(p->addr);
}

/* See tnef.h. */
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
