/*
 * leaf.c: one leaf part of a message's MIME structure, as the walk of
 * mime.c hands it over: a calendar is decoded and parsed into the
 * invite, a text or HTML body becomes a text, a TNEF part is read
 * (a meeting becomes a calendar), anything else is a file (name, type,
 * size; its content is never kept).
 */
#include <stdint.h>
#include <string.h>
#include <glib.h>
#include <gmime/gmime.h>
#include <libical/ical.h>
#include "encfile.h"
#include "charset.h"
#include "parse.h"
#include "parse_int.h"
#include "tnef.h"
#include "walk.h"

static bool
ends_with_ci(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	/* Windows drops trailing dots and blanks from a file name:
	 * "invite.ics." and "invite.ics " open as invite.ics (attack18) */
	while (a > 0 && (s[a - 1] == '.' || s[a - 1] == ' ' ||
	    s[a - 1] == '\t'))
		a--;
	return a >= b && g_ascii_strncasecmp(s + a - b, suffix, b) == 0;
}

/* A file name a client opens as a calendar: .ics, .vcs, and the other
 * names of text/calendar (.ifb, .icalendar, .ical). */
static bool
cal_name(const char *name)
{
	static const char *const ext[] = { ".ics", ".vcs", ".ifb",
	    ".icalendar", ".ical" };

	for (size_t i = 0; i < G_N_ELEMENTS(ext); i++)
		if (ends_with_ci(name, ext[i]))
			return true;
	return false;
}

static void
add_attachment(struct invite *inv, const char *name, const char *type,
    size_t size, bool inline_image)
{
	struct inv_attach *a;

	inv->atts = g_renew(struct inv_attach, inv->atts, inv->n_atts + 1);
	a = &inv->atts[inv->n_atts++];
	memset(a, 0, sizeof(*a));
	a->name = name ? g_strdup(name) : NULL;
	a->type = g_ascii_strdown(type, -1);
	a->size = size;
	a->is_inline_image = inline_image;
	if (name != NULL)
		invite_add_text(inv, FLD_ATTACHMENT_NAME, -1, name,
		    strlen(name));
}

/* Adds the decoded size of a calendar or text part to the message's;
 * false (and the limit noted) once they exceed limits.decoded_bytes
 * together. Files are never decoded (their size is counted in a stream)
 * and do not count. */
static bool
count_decoded(struct walk *w, size_t n, bool is_cal)
{
	static const char why[] = "decoded parts larger than "
	    "limits.decoded_bytes";

	w->decoded += n;
	if (w->decoded <= w->lim->decoded_bytes)
		return true;
	if (is_cal)
		invite_limit(w->inv, "decoded_bytes", why);
	else
		invite_limit_nocal(w->inv, "decoded_bytes", why);
	return false;
}



/* The decoded size of a file part given as a window. */
static size_t
window_size(const struct leafdesc *d)
{
	size_t size;
	GByteArray *a;

	if (d->enc == GMIME_CONTENT_ENCODING_BASE64 &&
	    b64_size(d->body, d->blen, 16384, &size))
		return size;
	if (d->enc != GMIME_CONTENT_ENCODING_BASE64 &&
	    d->enc != GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE)
		return d->blen;
	if (d->enc == GMIME_CONTENT_ENCODING_BASE64) {
		/* a file's size as GMime counts it (part_decoded_size):
		 * up to the first '=' */
		guint8 *buf = g_malloc(d->blen + 3);

		size = b64_decode(d->body, d->blen, buf);
		g_free(buf);
		return size;
	}
	a = part_decode_window(d->enc, d->body, d->blen);
	size = a->len;
	g_byte_array_unref(a);
	return size;
}

/* A calendar part's decoded bytes (unfolded in place) -> the UTF-8
 * text ical.c reads (charset_calendar_utf8). New string. */
static char *
cal_utf8(struct invite *inv, GByteArray *data, const char *charset)
{
	bool guessed = false, nul = false;
	char *u = calendar_decode((char *)data->data, data->len, charset,
	    &guessed, &nul);

	if (guessed)
		inv->flags |= INV_CHARSET_GUESSED;
	if (nul)
		inv->flags |= INV_CAL_NUL;
	return u;
}

/* Where d's raw content lies in the message, or PARSE_OFF_NONE. */
static size_t
raw_offset(const struct walk *w, const struct leafdesc *d, size_t *len)
{
	GMimeDataWrapper *dw;
	const guint8 *p;

	*len = d->blen;
	if (d->body != NULL)
		return (size_t)((const char *)d->body - w->buf);
	dw = g_mime_part_get_content(d->gpart);
	if (dw != NULL && part_mem_window(g_mime_data_wrapper_get_stream(dw), &p,
	    len))
		return (size_t)((const char *)p - w->buf);
	*len = 0;
	return PARSE_OFF_NONE;
}

/* Notes a part parse_parts() hands back: text is the UTF-8 parse/ read. */
static void
keep_part(struct walk *w, const struct leafdesc *d, enum parse_part_kind k,
    const char *text)
{
	struct parse_parts *pp = w->out;
	struct parse_part *p;

	if (pp == NULL)
		return;
	pp->v = g_renew(struct parse_part, pp->v, pp->n + 1);
	p = &pp->v[pp->n++];
	memset(p, 0, sizeof(*p));
	p->kind = k;
	p->text = g_strdup(text);
	p->off = raw_offset(w, d, &p->len);
	p->encoding = g_mime_content_encoding_to_string(d->enc);
	p->charset = d->charset ? g_strdup(d->charset) : NULL;
	p->forwarded = w->fwd > 0;
}

/* A message that can be read two ways (ambiguous()) is read twice;
 * the second reading adds only parts the first did not read: false
 * (and the part noted) for a part not seen before. kind tells calendars
 * (C), text bodies (T), file names (A), TNEF (N), .eml files (E) and
 * signed S/MIME content (S) apart. */
static bool
already_read(struct walk *w, char kind, const char *b, size_t n)
{
	char *key = g_malloc(n + 2);

	key[0] = kind;
	if (n > 0)		/* an empty part's data may be NULL */
		memcpy(key + 1, b, n);
	key[n + 1] = '\0';
	/* A NUL in b: the key is cut there, which only makes two parts
	 * look alike that differ after it; the second reading then skips
	 * a part, but b had its NULs made spaces before (message()). */
	if (g_hash_table_contains(w->seen, key)) {
		g_free(key);
		return true;
	}
	g_hash_table_add(w->seen, key);
	return false;
}

/* A calendar without a METHOD line whose MIME part says method=
 * (Lotus Notes, RFC 6047 2.4): the part's method is the calendar's
 * (issue 17: it was read as PUBLISH). Only iTIP's method names. The
 * two must be equal (RFC 6047 2.4); where they are not and the part
 * says REQUEST, PUBLISH or ADD but the calendar an answer or a
 * cancellation (which the rules never stop), a client that goes by
 * the part shows an invitation: the stricter reading is taken. */
static void
mime_method(struct invite *inv, const char *m)
{
	static const char *const methods[] = { "PUBLISH", "REQUEST", "ADD",
	    "REPLY", "CANCEL", "REFRESH", "COUNTER", "DECLINECOUNTER" };
	const size_t n_inviting = 3;	/* the first three */
	struct inv_cal *c = inv->n_cals > 0 ? &inv->cals[inv->n_cals - 1] :
	    NULL;
	char *v;

	if (c == NULL || m == NULL)
		return;
	if (c->method != NULL) {
		bool cal_inviting = false;

		for (size_t i = 0; i < n_inviting; i++)
			cal_inviting |= strcmp(c->method, methods[i]) == 0;
		if (cal_inviting)
			return;
	}
	v = g_strstrip(g_ascii_strup(m, -1));
	for (size_t i = 0; i < G_N_ELEMENTS(methods); i++)
		if (strcmp(v, methods[i]) == 0 && (c->method == NULL ||
		    i < n_inviting)) {
			g_free(c->method);
			c->method = v;
			return;
		}
	g_free(v);
}

/* A TNEF part (application/ms-tnef, winmail.dat) read by tnef_read():
 * not readable, it is a file (winmail.dat) as before and not
 * inspectable (INV_TNEF), the configured action. Read: the files inside
 * are files of the message; a meeting class is a calendar built from
 * it (ical_from_tnef) and read like any calendar part; any other class
 * (a plain RTF mail) is no invitation. Its decoded bytes count against
 * limits.decoded_bytes like a calendar's: over it, the limit path (the
 * part may hold a calendar). The built calendar is no part of the
 * message, so parse_parts() never lists it: the corrector finds no
 * event in it and the redactor none to replace (they reject). */
static void
tnef_part(struct walk *w, const struct leafdesc *d, const char *fname,
    const char *mtype)
{
	static const char unread[] = "a TNEF (winmail.dat) part cannot be "
	    "inspected";
	GByteArray *data = d->body != NULL ? part_decode_window(d->enc, d->body,
	    d->blen) : part_decoded(d->gpart);
	struct tnef *t;
	size_t dlen = data != NULL ? data->len : 0;

	if (w->seen != NULL && already_read(w, 'N', data != NULL ?
	    (const char *)data->data : "", dlen) && w->again) {
		if (data != NULL)
			g_byte_array_unref(data);
		return;
	}
	if (data == NULL) {
		add_attachment(w->inv, fname, mtype, 0, false);
		invite_set_problem(w->inv, INV_TNEF, unread);
		return;
	}
	if (!count_decoded(w, dlen, true)) {
		add_attachment(w->inv, fname, mtype, dlen, false);
		g_byte_array_unref(data);
		return;
	}
	t = tnef_read(data->data, dlen, w->lim);
	g_byte_array_unref(data);
	if (!t->parsed) {
		add_attachment(w->inv, fname, mtype, dlen, false);
		invite_set_problem(w->inv, INV_TNEF, unread);
		tnef_free(t);
		return;
	}
	/* Read: winmail.dat is the message itself (its text, its files),
	 * not a file of its own. */
	for (size_t i = 0; i < t->n_attach; i++)
		add_attachment(w->inv, t->attach_names[i],
		    "application/octet-stream", 0, false);
	if (t->is_meeting) {
		char *ics = ical_from_tnef(t);

		/* Read in part: the [limits] key of the cap that stands
		 * for tnef.c's (tnef.h: texts and people use ours). */
		if (t->truncated) {
			const char *why = t->problem ? t->problem :
			    "a TNEF meeting was read in part";

			invite_limit(w->inv, strstr(why, "attendees") ?
			    "attendees" : strstr(why, "text cap") ?
			    "text_bytes" : "ics_bytes", why);
		}
		ical_parse_timed(w->inv, ics, strlen(ics), false, w->lim);
		w->inv->cals[w->inv->n_cals - 1].from_tnef = true;
		w->inv->flags |= INV_TNEF_CAL;
		g_free(ics);
	}
	tnef_free(t);
}

/* One uuencoded line (its length character first) appended to out. */
static void
uu_line(const char *l, size_t n, GByteArray *out)
{
	size_t want = n > 0 ? (size_t)((l[0] - 32) & 63) : 0, got = 0;

	for (size_t i = 1; i + 3 < n + 1 && got < want; i += 4) {
		guint8 c[4], b[3];

		for (int k = 0; k < 4; k++)
			c[k] = (guint8)((i + (size_t)k < n ? l[i + k] - 32 :
			    0) & 63);
		b[0] = (guint8)(c[0] << 2 | c[1] >> 4);
		b[1] = (guint8)(c[1] << 4 | c[2] >> 2);
		b[2] = (guint8)(c[2] << 6 | c[3]);
		g_byte_array_append(out, b, want - got < 3 ?
		    (guint)(want - got) : 3);
		got += want - got < 3 ? want - got : 3;
	}
}

/* One yEnc line appended to out. */
static void
yenc_line(const char *l, size_t n, GByteArray *out)
{
	for (size_t i = 0; i < n; i++) {
		guint8 c = (guint8)l[i];

		if (c == '\r')
			continue;
		if (c == '=' && i + 1 < n)
			c = (guint8)((guint8)l[++i] - 64);
		c = (guint8)(c - 42);
		g_byte_array_append(out, &c, 1);
	}
}

/* A file uuencoded or yEnc-encoded inside a text body, as mail clients
 * show it (Thunderbird and Outlook turn "begin 644 name" ... "end" in a
 * plain text body into an attachment; session 16: an .ics sent so
 * passed unexamined): a calendar (by name or content) is parsed as an
 * attached calendar, anything else is a file (name, type, size). */
static void
embedded_file(struct walk *w, const char *name, GByteArray *data)
{
	const char *p = (const char *)data->data;
	size_t n = data->len;

	while (n > 0 && g_ascii_isspace(*p))
		p++, n--;
	if (!count_decoded(w, data->len, true))
		return;
	if (cal_name(name) ||
	    (n >= 15 && g_ascii_strncasecmp(p, "BEGIN:VCALENDAR", 15) == 0)) {
		char *u = cal_utf8(w->inv, data, NULL);

		ical_parse_timed(w->inv, u, strlen(u), true, w->lim);
		g_free(u);
	} else
		add_attachment(w->inv, name, "application/octet-stream",
		    data->len, false);
}

/* The files uuencoded ("begin NNN name" ... "end") or yEnc-encoded
 * ("=ybegin ... name=x" ... "=yend") in the text body s[0..len). */
static void
embedded_files(struct walk *w, const char *s, size_t len)
{
	const char *e, *l, *nl;
	GByteArray *data = NULL;
	char *name = NULL;
	int mode = 0;		/* 1 uuencode, 2 yEnc */
	size_t files = 0;

	if (s == NULL || len == 0)
		return;		/* an empty body (data NULL) */
	e = s + len;
	if (g_strstr_len(s, (gssize)len, "begin ") == NULL &&
	    g_strstr_len(s, (gssize)len, "=ybegin ") == NULL)
		return;
	for (l = s; l < e; l = nl + 1) {
		size_t n;

		nl = memchr(l, '\n', (size_t)(e - l));
		if (nl == NULL)
			nl = e;
		n = (size_t)(nl - l);
		if (n > 0 && l[n - 1] == '\r')
			n--;
		if (mode == 0) {
			if (!encfile_begin_line(l, n))
				continue;
			if (l[0] == 'b') {
				const char *sp = memchr(l + 6, ' ', n - 6);

				if (sp == NULL)
					continue;
				name = g_strndup(sp + 1, (size_t)(l + n - sp - 1));
				mode = 1;
			} else {
				const char *nm = g_strstr_len(l, (gssize)n,
				    " name=");

				name = nm ? g_strndup(nm + 6, (size_t)(l + n -
				    nm - 6)) : g_strdup("");
				mode = 2;
			}
			if (mode != 0 && ++files > w->lim->mime_parts) {
				/* As many files as parts a message may have. */
				invite_limit(w->inv, "mime_parts", "more "
				    "uuencoded files in a text than "
				    "limits.mime_parts");
				g_free(name);
				return;
			}
			if (mode != 0)
				data = g_byte_array_new();
			continue;
		}
		if ((mode == 1 && ((n == 3 && memcmp(l, "end", 3) == 0))) ||
		    (mode == 2 && n >= 5 && memcmp(l, "=yend", 5) == 0)) {
			embedded_file(w, name, data);
			g_byte_array_unref(data);
			g_free(name);
			data = NULL;
			name = NULL;
			mode = 0;
		} else if (mode == 1)
			uu_line(l, n, data);
		else if (n >= 6 && memcmp(l, "=ypart", 6) == 0)
			continue;
		else
			yenc_line(l, n, data);
	}
	if (data != NULL) {
		/* No end line: what was there is read all the same. */
		embedded_file(w, name, data);
		g_byte_array_unref(data);
		g_free(name);
	}
}

/* One BER header at p[0..n): *tag, *len (SIZE_MAX: indefinite) and
 * the header's size, or 0 when there is none that fits. */
static size_t
ber_hdr(const guint8 *p, size_t n, guint8 *tag, size_t *len)
{
	size_t i = 2, l;

	if (n < 2 || (p[0] & 0x1F) == 0x1F)
		return 0;		/* CMS has no high tag numbers */
	*tag = p[0];
	if (p[1] < 0x80)
		l = p[1];
	else if (p[1] == 0x80) {
		if (!(p[0] & 0x20))
			return 0;	/* indefinite is constructed only */
		l = SIZE_MAX;
	} else {
		size_t k = p[1] & 0x7F;

		if (k > 4 || k > n - 2)
			return 0;
		for (l = 0; k > 0; k--)
			l = l << 8 | p[i++];
	}
	if (l != SIZE_MAX && l > n - i)
		return 0;
	*len = l;
	return i;
}

/* The size of the whole BER element at p[0..n), or 0. */
static size_t
ber_skip(const guint8 *p, size_t n, int depth)
{
	guint8 tag;
	size_t len, h = ber_hdr(p, n, &tag, &len), at;

	if (h == 0 || depth > 32)
		return 0;
	if (len != SIZE_MAX)
		return h + len;
	for (at = h; at + 2 <= n; ) {
		size_t k;

		if (p[at] == 0 && p[at + 1] == 0)
			return at + 2;
		if ((k = ber_skip(p + at, n - at, depth + 1)) == 0)
			return 0;
		at += k;
	}
	return 0;
}

/* The content of the element at p[0..n) (after its header), with its
 * end for an indefinite length: *c, *cn; false without one. */
static bool
ber_in(const guint8 *p, size_t n, guint8 want, const guint8 **c, size_t *cn)
{
	guint8 tag;
	size_t len, h = ber_hdr(p, n, &tag, &len), all;

	if (h == 0 || tag != want)
		return false;
	*c = p + h;
	if (len != SIZE_MAX) {
		*cn = len;
		return true;
	}
	if ((all = ber_skip(p, n, 0)) == 0)
		return false;
	*cn = all - h - 2;
	return true;
}

/* The signed content of a CMS signed-data object (opaque-signed
 * S/MIME, application/pkcs7-mime; smime-type=signed-data): readable
 * without a key, and shown by the clients that verify it (session 16:
 * an invitation signed so passed unexamined). ContentInfo { signedData,
 * [0] SignedData { version, digestAlgorithms, EncapsulatedContentInfo
 * { id-data, [0] OCTET STRING (or constructed chunks) } ... } }. A new
 * array, or NULL (enveloped data, anything else). */
static GByteArray *
cms_signed_content(const guint8 *p, size_t n)
{
	static const guint8 signed_data[] = { 0x06, 0x09, 0x2A, 0x86, 0x48,
	    0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02 };
	const guint8 *c, *sd, *eci, *ex;
	size_t cn, sdn, ecin, exn, k;
	GByteArray *out;

	if (!ber_in(p, n, 0x30, &c, &cn) || cn < sizeof(signed_data) ||
	    memcmp(c, signed_data, sizeof(signed_data)) != 0)
		return NULL;
	c += sizeof(signed_data);
	cn -= sizeof(signed_data);
	if (!ber_in(c, cn, 0xA0, &c, &cn) || !ber_in(c, cn, 0x30, &sd, &sdn))
		return NULL;
	for (int i = 0; i < 2; i++) {		/* version, digestAlgorithms */
		if ((k = ber_skip(sd, sdn, 0)) == 0)
			return NULL;
		sd += k;
		sdn -= k;
	}
	if (!ber_in(sd, sdn, 0x30, &eci, &ecin) || (k = ber_skip(eci, ecin,
	    0)) == 0)
		return NULL;		/* eContentType skipped */
	eci += k;
	ecin -= k;
	if (!ber_in(eci, ecin, 0xA0, &ex, &exn))
		return NULL;		/* detached: no content */
	out = g_byte_array_new();
	if (ber_in(ex, exn, 0x04, &c, &cn))
		g_byte_array_append(out, c, (guint)cn);
	else if (ber_in(ex, exn, 0x24, &c, &cn)) {
		/* chunks of OCTET STRING, one level */
		while (cn > 0 && (k = ber_skip(c, cn, 0)) != 0) {
			const guint8 *d;
			size_t dn;

			if (ber_in(c, k, 0x04, &d, &dn))
				g_byte_array_append(out, d, (guint)dn);
			c += k;
			cn -= k;
		}
	}
	if (out->len == 0) {
		g_byte_array_unref(out);
		return NULL;
	}
	return out;
}

/* An S/MIME application/pkcs7-mime part: signed content is read like
 * an attached message; true when it was (not encrypted). */
static bool
smime_signed(struct walk *w, const struct leafdesc *d)
{
	GByteArray *data = d->body != NULL ?
	    part_decode_window(d->enc, d->body, d->blen) :
	    part_decoded(d->gpart), *inner;

	if (data == NULL)
		return false;
	inner = cms_signed_content(data->data, data->len);
	g_byte_array_unref(data);
	if (inner == NULL)
		return false;
	/* The second reading of an ambiguous message: once is enough. */
	if (!(w->seen != NULL && already_read(w, 'S', (const char *)
	    inner->data, inner->len) && w->again) &&
	    count_decoded(w, inner->len, true))
		mime_walk_embedded(w, (const char *)inner->data, inner->len);
	g_byte_array_unref(inner);
	return true;
}

/* A file named .eml (any type: application/octet-stream, text/plain)
 * is a message to the client that opens it (session 16: an invitation
 * sent so passed unexamined): read like a forwarded message. */
static void
embedded_message(struct walk *w, const struct leafdesc *d)
{
	GByteArray *data = d->body != NULL ?
	    part_decode_window(d->enc, d->body, d->blen) :
	    part_decoded(d->gpart);

	if (data == NULL)
		return;
	if (!(w->seen != NULL && already_read(w, 'E', (const char *)
	    data->data, data->len) && w->again) &&
	    count_decoded(w, data->len, true))
		mime_walk_embedded(w, (const char *)data->data, data->len);
	g_byte_array_unref(data);
}

/* format=flowed (RFC 3676): a line ending in a space goes on in the
 * next one, and a reader shows them joined (with delsp=yes the space is
 * deleted too: "1912121 " + "2-1212" is shown as one number). The text
 * as a reader shows it is given to the rules as well, when it differs
 * from the lines as sent. Space-stuffing is undone; a signature
 * separator ("-- ") is no soft break. Linear. */
static void
flowed_text(struct invite *inv, const char *u, bool delsp)
{
	GString *t = g_string_sized_new(strlen(u));
	bool joined = false;

	for (const char *l = u; *l != '\0';) {
		const char *e = strchr(l, '\n'), *next;
		size_t n;

		next = e ? e + 1 : l + strlen(l);
		if (e == NULL)
			e = next;
		n = (size_t)(e - l);
		if (n > 0 && l[n - 1] == '\r')
			n--;
		if (*l == ' ') {	/* space-stuffed */
			l++;
			n--;
		}
		if (n > 0 && l[n - 1] == ' ' && *next != '\0' &&
		    !(n == 3 && memcmp(l, "-- ", 3) == 0)) {
			g_string_append_len(t, l, (gssize)(delsp ? n - 1 : n));
			joined = true;
		} else {
			g_string_append_len(t, l, (gssize)n);
			if (e != next)
				g_string_append_c(t, '\n');
		}
		l = next;
	}
	if (joined)
		invite_add_text(inv, FLD_BODY_TEXT, -1, t->str, t->len);
	g_string_free(t, TRUE);
}

void
mime_leaf(struct walk *w, struct leafdesc *d)
{
	const char *type = d->type, *sub = d->sub, *charset = d->charset;
	char *fname = d->fname;
	const char *disp = d->disp;
	/* No printf: its code is a cold cache's worth of misses. */
	char *mtype = g_strconcat(type ? type : "text", "/",
	    sub ? sub : "plain", NULL);
	bool is_attach = disp && g_ascii_strcasecmp(disp, "attachment") == 0;
	bool is_cal, is_text_body, is_tnef;
	GByteArray *data;
	size_t dlen;
	char *u;

	is_cal = !g_ascii_strcasecmp(mtype, "text/calendar") ||
	    !g_ascii_strcasecmp(mtype, "application/ics") ||
	    !g_ascii_strcasecmp(mtype, "text/x-vcalendar") ||
	    (fname && cal_name(fname));
	is_tnef = !g_ascii_strcasecmp(mtype, "application/ms-tnef") ||
	    (fname && !g_ascii_strcasecmp(fname, "winmail.dat"));
	if ((!g_ascii_strcasecmp(mtype, "application/pkcs7-mime") ||
	    !g_ascii_strcasecmp(mtype, "application/x-pkcs7-mime")) &&
	    !smime_signed(w, d))
		invite_set_problem(w->inv, INV_ENCRYPTED,
		    "an encrypted part cannot be inspected");
	/* Every inline text part is a body a client shows, not only
	 * plain and html (session 16: text/enriched, text/markdown, an
	 * inline text/rtf passed unexamined); html is reduced, the others
	 * are read as they are. */
	is_text_body = !is_attach && !is_cal && type &&
	    !g_ascii_strcasecmp(type, "text") && sub != NULL;
	if (is_tnef && !is_cal && !is_text_body) {
		tnef_part(w, d, fname, mtype);
		g_free(mtype);
		return;
	}
	/* A calendar or a body text named winmail.dat is read as such; as
	 * TNEF it is not read: not inspectable. */
	if (is_tnef)
		invite_set_problem(w->inv, INV_TNEF, "a TNEF (winmail.dat) "
		    "part cannot be inspected");

	if (!is_cal && !is_text_body) {
		/* A file: its name and size are all the rules need (a base64
		 * size is counted without decoding). */
		bool inline_image = type && !g_ascii_strcasecmp(type, "image") &&
		    !is_attach && d->has_cid;
		size_t size;

		/* A file named .eml, or a message/partial (its first part
		 * is the message's start: headers and the beginning of its
		 * body, which a client can show on its own), or a forwarded
		 * message GMime took for a leaf: message/rfc822 in base64 or
		 * quoted-printable (RFC 2046 forbids it; clients decode it). */
		if ((fname != NULL && ends_with_ci(fname, ".eml")) ||
		    !g_ascii_strcasecmp(mtype, "message/partial") ||
		    !g_ascii_strcasecmp(mtype, "message/rfc822") ||
		    !g_ascii_strcasecmp(mtype, "message/global"))
			embedded_message(w, d);
		if (d->body != NULL)
			size = window_size(d);
		else if (!part_decoded_size(d->gpart, &size)) {
			g_free(mtype);
			return;
		}
		if (!(w->seen != NULL && already_read(w, 'A', fname ? fname :
		    "", strlen(fname ? fname : "")) && w->again))
			add_attachment(w->inv, fname, mtype, size, inline_image);
		g_free(mtype);
		return;
	}
	data = d->body != NULL ? part_decode_window(d->enc, d->body, d->blen) :
	    part_decoded(d->gpart);
	if (data == NULL) {
		g_free(mtype);
		return;
	}
	dlen = data->len;
	/* html and plain text apart: the same bytes read as text/plain
	 * may hold a file encoded in the text, which html never shows */
	if (w->seen != NULL && already_read(w, is_cal ? 'C' :
	    !g_ascii_strcasecmp(sub, "html") ? 'H' : 'T',
	    (const char *)data->data, dlen) && w->again) {
		g_byte_array_unref(data);
		g_free(mtype);
		return;
	}
	if (!count_decoded(w, dlen, is_cal)) {
		/* Over limits.decoded_bytes: only the size is kept, the
		 * content is not read. */
		add_attachment(w->inv, fname, mtype, dlen, false);
	} else if (is_cal) {
		size_t rlen, roff = raw_offset(w, d, &rlen);

		/* A raw NUL (8bit, binary) was made a space in the copy the
		 * MIME reader read (message()): the message as given says. */
		if (w->orig != w->buf && roff != PARSE_OFF_NONE &&
		    memchr(w->orig + roff, '\0', rlen) != NULL)
			w->inv->flags |= INV_CAL_NUL;
		u = cal_utf8(w->inv, data, charset);
		keep_part(w, d, PARSE_PART_CALENDAR, u);
		ical_parse_timed(w->inv, u, strlen(u), is_attach || fname != NULL ||
		    g_ascii_strcasecmp(mtype, "text/calendar") != 0, w->lim);
		mime_method(w->inv, d->method);
		g_free(u);
	} else {
		u = invite_to_utf8(w->inv, (const char *)data->data, data->len, charset);
		keep_part(w, d, g_ascii_strcasecmp(sub, "html") ?
		    PARSE_PART_TEXT : PARSE_PART_HTML, u);
		if (!g_ascii_strcasecmp(sub, "html")) {
			GString *t = g_string_new(NULL);

			parse_html_to_text(u, strlen(u), t);
			invite_add_text(w->inv, FLD_BODY_HTML, -1, t->str, t->len);
			g_string_free(t, TRUE);
		} else {
			invite_add_text(w->inv, FLD_BODY_TEXT, -1, u, strlen(u));
			if (d->flowed)
				flowed_text(w->inv, u, d->delsp);
			embedded_files(w, (const char *)data->data, data->len);
		}
		g_free(u);
	}
	g_byte_array_unref(data);
	g_free(mtype);
}
