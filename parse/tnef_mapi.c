/*
 * tnef_mapi.c: the MAPI property blocks of a TNEF part handed to
 * libytnef, one cleaned block per stream (mapi_clean says what is
 * cleaned and why), and the reads of the properties it decoded. The
 * TNEFStruct returned is the caller's (tnef_ytnef_done); strings read
 * are new and the caller's.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "tnef_int.h"

const unsigned char tnef_psetid_appt[16] = { 0x02, 0x20, 0x06,
	0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x46 };
const unsigned char tnef_psetid_meeting[16] = { 0x90, 0xDA, 0xD8, 0x6E,
	0x0B, 0x45, 0x1B, 0x10, 0x98, 0xDA, 0x00, 0xAA, 0x00, 0x3F, 0x13,
	0x05 };
const unsigned char tnef_psetid_common[16] = { 0x08, 0x20, 0x06, 0x00,
	0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x46 };

/* Appends one attribute to s: level, id, length, the bytes, and the
 * checksum libytnef checks (the sum of the bytes, 16 bits). */
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

/* Appends v, little-endian. */
static void
put32(GByteArray *o, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8),
	    (unsigned char)(v >> 16), (unsigned char)(v >> 24) };

	g_byte_array_append(o, b, 4);
}

/* Appends p[0..n) and zeros to a multiple of 4 bytes, as MAPI pads. */
static void
put_padded(GByteArray *o, const unsigned char *p, size_t n)
{
	static const unsigned char zero[4] = { 0 };

	g_byte_array_append(o, p, (guint)n);
	if (n % 4)
		g_byte_array_append(o, zero, (guint)(4 - n % 4));
}

/* Copies the name of a named property (property set, then a LID or a
 * string name) from r to q. A string name over 100 bytes is cut to 100
 * (libytnef fails the block on it): we look properties up by number,
 * never by string name. Sets r->bad when the name cannot be read. */
static void
mapi_copy_name(struct rd *r, GByteArray *q)
{
	uint32_t kind;

	if (r->n - r->off < 16) {
		r->bad = true;
		return;
	}
	g_byte_array_append(q, r->p + r->off, 16);
	r->off += 16;
	kind = rd32(r);
	put32(q, kind);
	if (kind == 0)
		put32(q, rd32(r));
	else if (kind == 1) {
		uint32_t l = rd32(r);
		size_t pl = ((size_t)l + 3) & ~(size_t)3;
		size_t keep = MIN((size_t)l, (size_t)100);

		if (r->bad || l == 0 || pl > r->n - r->off) {
			r->bad = true;
		} else {
			put32(q, (uint32_t)keep);
			put_padded(q, r->p + r->off, keep);
			r->off += pl;
		}
	} else
		r->bad = true;
}

/* Copies one value of type pt (MV_FLAG off) from r to q; a string or
 * binary value over big_value bytes becomes empty and sets *big. Sets
 * r->bad on a type we cannot walk or a value cut short. */
static void
mapi_copy_value(struct rd *r, GByteArray *q, unsigned pt, size_t big_value,
    bool *big)
{
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
		uint32_t l = rd32(r);
		size_t pl = ((size_t)l + 3) & ~(size_t)3;

		if (r->bad || (size_t)l > r->n - r->off) {
			r->bad = true;
			break;
		}
		if (l > big_value) {
			*big = true;
			put32(q, 0);
		} else {
			put32(q, l);
			put_padded(q, r->p + r->off, l);
		}
		r->off += MIN(pl, r->n - r->off);
		break;
	}
	default:
		r->bad = true;
		break;
	}
	if (fixed > 0) {
		if (r->n - r->off < fixed)
			r->bad = true;
		else {
			g_byte_array_append(q, r->p + r->off, (guint)fixed);
			r->off += fixed;
		}
	}
}

/* Copies the property with tag (already read) from r to q: the tag, the
 * name of a named property, the value count of a multi-valued or
 * variable one (1000 at most: libytnef's cap), the values. Sets r->bad
 * when the property cannot be walked to its end. */
static void
mapi_copy_prop(struct rd *r, GByteArray *q, uint32_t tag, size_t big_value,
    bool *big)
{
	unsigned pt = PROP_TYPE(tag) & ~MV_FLAG;
	bool mv = (PROP_TYPE(tag) & MV_FLAG) != 0, var;
	uint32_t vcount = 1;

	put32(q, tag);
	if (PROP_ID(tag) >= 0x8000)
		mapi_copy_name(r, q);
	var = pt == PT_STRING8 || pt == PT_UNICODE || pt == PT_BINARY ||
	    pt == PT_OBJECT;
	if (!r->bad && (mv || var)) {
		vcount = rd32(r);
		if (mv && (vcount == 0 || vcount > 1000))
			r->bad = true;
		put32(q, mv ? vcount : 1);
		if (!mv)
			vcount = 1;
	}
	for (uint32_t v = 0; v < vcount && !r->bad; v++)
		mapi_copy_value(r, q, pt, big_value, big);
}

/* Closes the block o of done properties: libytnef reads only the first
 * value of a multi-valued property that ends the block (its loop ends
 * first) and then fails the block, so after one (last_mv) a PT_LONG
 * with id 0 goes last; then the count at the start is filled in. */
static void
mapi_finish(GByteArray *o, uint32_t done, bool last_mv)
{
	if (last_mv) {
		put32(o, PROP_TAG(PT_LONG, 0));
		put32(o, 0);
		done++;
	}
	o->data[0] = (unsigned char)done;
	o->data[1] = (unsigned char)(done >> 8);
	o->data[2] = (unsigned char)(done >> 16);
	o->data[3] = (unsigned char)(done >> 24);
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
		uint32_t tag = rd32(&r);
		unsigned pt = PROP_TYPE(tag) & ~MV_FLAG;

		if (r.bad)
			break;
		if (done >= 999) {	/* libytnef's cap, less the end mark */
			*cut = true;
			break;
		}
		q = g_byte_array_new();
		mapi_copy_prop(&r, q, tag, big_value, big);
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
			last_mv = (PROP_TYPE(tag) & MV_FLAG) != 0;
		}
		g_byte_array_free(q, TRUE);
	}
	if (r.bad)
		*cut = true;
	mapi_finish(o, done, last_mv);
	return o;
}

/* libytnef over a stream holding only the attribute a (a MAPI block):
 * returns the parsed struct (free with tnef_ytnef_done), or NULL. */
TNEFStruct *
tnef_ytnef_one(struct tnef *t, const struct attr *a, size_t big_value)
{
	static const unsigned char head[6] = { 0x78, 0x9F, 0x3E, 0x22, 0, 0 };
	static const unsigned char nul = 0;
	TNEFStruct *y = g_new0(TNEFStruct, 1);
	bool cut = false, big = false;
	GByteArray *m = mapi_clean(a->p, a->len, big_value, &cut, &big);
	GByteArray *s = g_byte_array_sized_new(m->len + 64);
	int rc;

	if (cut)
		tnef_note(t, "a TNEF property block was cut to what could "
		    "be read");
	if (m->len <= 4) {
		/* no property: libytnef fails (and prints) on a count of 0 */
		g_byte_array_free(m, TRUE);
		g_byte_array_free(s, TRUE);
		TNEFInitialize(y);
		return y;
	}
	/* an attachment's contents are not needed; a message value is */
	if (big && a->id == A_MSG_PROPS)
		tnef_note(t, "a TNEF property value over 512 KB was not read");
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

/* Frees a tnef_ytnef_one() result; NULL does nothing. */
void
tnef_ytnef_done(TNEFStruct *y)
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

/* Whether mp is a PT_STRING8 or PT_UNICODE property. */
bool
tnef_is_string(const MAPIProperty *mp)
{
	return PROP_TYPE(mp->id) == PT_STRING8 ||
	    PROP_TYPE(mp->id) == PT_UNICODE;
}

/* The first value of property mp as UTF-8 (strings; binary PR_HTML). */
char *
tnef_value_str(struct ctx *c, const MAPIProperty *mp, unsigned idx)
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
		return tnef_fit(c, g_utf8_make_valid(d, (gssize)n));
	}
	n = (size_t)vl->size;
	if (PROP_TYPE(mp->id) == PT_STRING8) {
		const char *z = memchr(d, '\0', n);

		if (z != NULL)
			n = (size_t)(z - d);
	}
	return tnef_fit(c, tnef_cp_to_utf8(d, n, c->cp));
}

/* The property id of ps (named in property set guid, else unnamed),
 * a string when str, else of the given type, with a value; or NULL. */
MAPIProperty *
tnef_find_in(MAPIProps *ps, unsigned id, const unsigned char *guid, bool str,
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
		if (str ? !tnef_is_string(mp) : PROP_TYPE(mp->id) != type)
			continue;
		return mp;
	}
	return NULL;
}

/* tnef_find_in over every decoded message block, first found. */
MAPIProperty *
tnef_find(struct ctx *c, unsigned id, const unsigned char *guid, bool str,
    unsigned type)
{
	for (size_t i = 0; i < c->n_msg; i++) {
		MAPIProperty *mp = tnef_find_in(&c->msg[i]->MapiProperties, id,
		    guid, str, type);

		if (mp != NULL)
			return mp;
	}
	return NULL;
}

/* A string property as new fitted UTF-8 (NULL if none), marked seen
 * so tnef_other_texts does not repeat it. */
char *
tnef_get_str(struct ctx *c, unsigned id, const unsigned char *guid)
{
	MAPIProperty *mp = tnef_find(c, id, guid, true, 0);

	if (mp == NULL)
		return NULL;
	g_ptr_array_add(c->seen, mp);
	return tnef_value_str(c, mp, 0);
}

/* A PT_BOOLEAN property: true only when present and set. */
bool
tnef_get_bool(struct ctx *c, unsigned id, const unsigned char *guid)
{
	MAPIProperty *mp = tnef_find(c, id, guid, false, PT_BOOLEAN);

	return mp != NULL && mp->data[0].data != NULL &&
	    mp->data[0].size >= 1 && mp->data[0].data[0] != 0;
}

/* A non-empty PT_BINARY property's first value, or NULL. */
const variableLength *
tnef_get_bin(struct ctx *c, unsigned id, const unsigned char *guid)
{
	MAPIProperty *mp = tnef_find(c, id, guid, false, PT_BINARY);

	if (mp == NULL || mp->data[0].data == NULL || mp->data[0].size <= 0)
		return NULL;
	return &mp->data[0];
}

/* FILETIME (100 ns since 1601) -> UTC seconds; 0 unless 1970..9999. */
time_t
tnef_get_time(struct ctx *c, unsigned id, const unsigned char *guid)
{
	MAPIProperty *mp = tnef_find(c, id, guid, false, PT_SYSTIME);
	uint64_t ft;

	if (mp == NULL || mp->data[0].data == NULL || mp->data[0].size < 8)
		return 0;
	memcpy(&ft, mp->data[0].data, 8);	/* libytnef stored it native */
	ft /= 10000000u;
	if (ft <= 11644473600u || ft > 11644473600u + 253402300799u)
		return 0;
	return (time_t)(ft - 11644473600u);
}
