/*
 * redact.c: rewrites an invitation's MIME body in flight (see redact.h).
 * GMime re-serialises only the parts we touch; the rest are written
 * from the parsed stream. Which parts are calendars and body text, and
 * their text, come from parse/'s own walk (parse_parts), found by their
 * place in the message. Text is cut with the same needles and spans
 * as the corrected calendar (correct.c); HTML whose cut cannot be
 * proven (the needle hides behind entities or tags) is replaced by
 * HTML made from the corrected plain text.
 */
#include <string.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "correct_text.h"
#include "redact_int.h"
#include "../parse/limits.h"
#include "../parse/parts.h"
#include "../parse/text.h"
#include "redact.h"

struct rwalk {
	const struct invite	*inv;
	const struct verdict	*v;
	const struct parse_limits *lim;
	const struct parse_parts *parts;	/* parse/'s reading of buf */
	const char		*ics;
	GPtrArray		*needles;
	char			*plain;		/* last corrected text/plain */
	unsigned		 dropped, cut, cals;
	bool			 fail;
};

/* Sets a part's content to UTF-8 text with a safe transfer encoding. */
static void
set_text(GMimePart *part, const char *text, GMimeContentEncoding enc)
{
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(text, strlen(text));
	GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(st,
	    GMIME_CONTENT_ENCODING_DEFAULT);

	g_mime_part_set_content(part, w);
	g_mime_content_type_set_parameter(g_mime_object_get_content_type(
	    GMIME_OBJECT(part)), "charset", "utf-8");
	g_mime_part_set_content_encoding(part, enc);
	g_object_unref(w);
	g_object_unref(st);
}

/* What parse/ read at the raw content of part (found by its place in
 * the message, outside forwarded messages), or NULL: not a calendar or
 * body text part, or past a limit. */
static const struct parse_part *
part_read(const struct rwalk *w, GMimePart *part)
{
	GMimeDataWrapper *dw = g_mime_part_get_content(part);
	GMimeStream *st = dw ? g_mime_data_wrapper_get_stream(dw) : NULL;

	if (st == NULL || st->bound_start < 0)
		return NULL;
	for (size_t i = 0; i < w->parts->n; i++) {
		const struct parse_part *p = &w->parts->v[i];

		if (!p->forwarded && p->off == (size_t)st->bound_start)
			return p;
	}
	return NULL;
}

/* Exact spans of the verdict in a body field, when its text is the one
 * parse/ stored. */
static GArray *
body_spans(struct rwalk *w, enum inv_field fld, const char *text)
{
	GArray *r = g_array_new(FALSE, FALSE, sizeof(size_t));
	size_t tl = strlen(text);

	for (size_t i = 0; w->v && i < w->v->n; i++) {
		const struct finding *f = &w->v->f[i];

		if (f->field != fld || f->end <= f->start || f->action < ACT_FLAG)
			continue;
		for (size_t t = 0; t < w->inv->n_texts; t++) {
			const struct inv_text *tx = &w->inv->texts[t];

			if (tx->field == fld && tx->len == tl && f->end <= tl &&
			    memcmp(tx->s, text, tl) == 0) {
				g_array_append_val(r, f->start);
				g_array_append_val(r, f->end);
				break;
			}
		}
	}
	return r;
}

static bool
has_needle(const char *s, GPtrArray *needles)
{
	for (size_t k = 0; k < needles->len; k++)
		if (strstr(s, g_ptr_array_index(needles, k)) != NULL)
			return true;
	return false;
}

/* A part that cannot be read (TNEF, encrypted) or breaks if changed
 * (a signature). */
static bool
is_unsafe(const char *mtype)
{
	static const char *const types[] = { "application/ms-tnef",
		"application/pkcs7-mime", "application/x-pkcs7-mime",
		"application/pkcs7-signature", "application/pgp-signature" };

	for (size_t i = 0; i < G_N_ELEMENTS(types); i++)
		if (!g_ascii_strcasecmp(mtype, types[i]))
			return true;
	return false;
}

/* A text/plain body: the findings cut out of the text parse/ read. */
static void
cut_plain(struct rwalk *w, GMimePart *part, const char *s)
{
	GArray *sp = body_spans(w, FLD_BODY_TEXT, s);
	size_t k = 0;
	char *n = correct_cut(s, strlen(s), w->needles, sp, &k);

	g_array_free(sp, TRUE);
	if (k > 0) {
		set_text(part, n, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
		w->cut += (unsigned)k;
	}
	g_free(w->plain);
	w->plain = n;
}

/* A text/html body: cut in the markup, or, when the needle hides behind
 * markup, replaced by HTML made from the corrected plain text. */
static void
cut_html(struct rwalk *w, GMimePart *part, const char *s)
{
	GString *txt = g_string_new(NULL);
	size_t k = 0;
	char *n = correct_cut(s, strlen(s), w->needles, NULL, &k);

	parse_html_to_text(n, strlen(n), txt);
	if (has_needle(txt->str, w->needles)) {
		GString *t2 = g_string_new(NULL);
		char *c2;

		parse_html_to_text(s, strlen(s), t2);
		c2 = correct_cut(t2->str, t2->len, w->needles, NULL, &k);
		g_free(n);
		n = correct_text_to_html(w->plain ? w->plain : c2);
		g_free(c2);
		g_string_free(t2, TRUE);
		k = k ? k : 1;
	}
	if (k > 0) {
		set_text(part, n, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
		w->cut += (unsigned)k;
	}
	g_string_free(txt, TRUE);
	g_free(n);
}

/* Returns true when the part is to be removed from its parent. Which
 * part is a calendar or a body text, and its text, is parse/'s reading
 * (part_read): the redactor never decides it on its own. */
static bool
leaf(struct rwalk *w, GMimePart *part)
{
	GMimeObject *o = GMIME_OBJECT(part);
	GMimeContentType *ct = g_mime_object_get_content_type(o);
	const char *t = ct ? g_mime_content_type_get_media_type(ct) : "text";
	const char *st = ct ? g_mime_content_type_get_media_subtype(ct) : "plain";
	const char *disp = g_mime_object_get_disposition(o);
	bool is_attach = disp && !g_ascii_strcasecmp(disp, "attachment");
	char *mtype = g_strdup_printf("%s/%s", t ? t : "text", st ? st : "plain");
	const struct parse_part *pp = part_read(w, part);
	bool drop = false;

	if (pp != NULL && pp->kind == PARSE_PART_CALENDAR) {
		set_text(part, w->ics, GMIME_CONTENT_ENCODING_BASE64);
		if (ct && g_mime_content_type_get_parameter(ct, "method"))
			g_mime_content_type_set_parameter(ct, "method", "REQUEST");
		w->cals++;
	} else if (is_unsafe(mtype)) {
		w->fail = true;
	} else if (pp != NULL && pp->kind == PARSE_PART_TEXT) {
		cut_plain(w, part, pp->text);
	} else if (pp != NULL && pp->kind == PARSE_PART_HTML) {
		cut_html(w, part, pp->text);
	} else {
		/* a file: inline images of the HTML stay, the rest goes */
		bool inline_image = t && !g_ascii_strcasecmp(t, "image") &&
		    !is_attach && g_mime_object_get_content_id(o);

		drop = !inline_image;
	}
	g_free(mtype);
	return drop;
}

static bool
walk(struct rwalk *w, GMimeObject *obj, size_t depth)
{
	if (depth > w->lim->mime_depth) {
		w->fail = true;
		return false;
	}
	if (GMIME_IS_MESSAGE_PART(obj))
		return true;		/* a forwarded message: dropped whole */
	if (GMIME_IS_MULTIPART_ENCRYPTED(obj) || GMIME_IS_MULTIPART_SIGNED(obj)) {
		w->fail = true;
		return false;
	}
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);

		for (int i = g_mime_multipart_get_count(mp) - 1; i >= 0; i--)
			if (walk(w, g_mime_multipart_get_part(mp, i), depth + 1)) {
				g_mime_multipart_remove_at(mp, i);
				w->dropped++;
			}
		return false;
	}
	if (GMIME_IS_PART(obj))
		return leaf(w, GMIME_PART(obj));
	return false;
}

void
redact_out_clear(struct redact_out *out)
{
	g_free(out->body);
	for (size_t i = 0; i < out->n_hdrs; i++) {
		g_free(out->hdrs[i].name);
		g_free(out->hdrs[i].value);
	}
	g_free(out->hdrs);
	memset(out, 0, sizeof(*out));
}

int
redact_message(const char *buf, size_t len, const struct config *cfg,
    const struct envelope *env, const struct invite *inv, const struct verdict *v, const char *ics,
    const char *subject, struct redact_out *out, const char **why)
{
	static const struct parse_limits defaults = PARSE_LIMITS_DEFAULT;
	struct parse_parts *parts = NULL;
	struct rwalk w;
	GMimeStream *st;
	GMimeParser *p;
	GMimeMessage *m;
	GMimeObject *top;
	GMimeFormatOptions *fo;
	GMimeStream *mem;
	GByteArray *arr;
	const char *ct, *cte, *dummy;
	int rc = -1;

	if (why == NULL)
		why = &dummy;
	*why = "the message body cannot be rewritten";
	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	w.lim = cfg ? &cfg->limits : &defaults;
	if (buf == NULL || ics == NULL || inv == NULL || subject == NULL ||
	    len > w.lim->message_bytes)
		return -1;
	w.inv = inv;
	w.v = v;
	w.parts = parts = parse_parts(buf, len, w.lim);
	w.ics = ics;
	w.needles = correct_needles(inv, v);
	st = g_mime_stream_mem_new_with_buffer(buf, len);
	p = g_mime_parser_new_with_stream(st);
	m = g_mime_parser_construct_message(p, NULL);
	g_object_unref(p);
	g_object_unref(st);
	if (m == NULL || (top = g_mime_message_get_mime_part(m)) == NULL)
		goto out;
	/* the text parts come before the HTML in an alternative: read the
	 * plain text first so a replaced HTML part can use it */
	if (walk(&w, top, 0) || w.fail || w.cals == 0)
		goto out;
	fo = g_mime_format_options_new();
	g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
	arr = g_byte_array_new();
	mem = g_mime_stream_mem_new_with_byte_array(arr);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
	g_mime_object_write_content_to_stream(top, fo, mem);
	g_object_unref(mem);
	out->len = arr->len;
	out->body = (char *)g_byte_array_free(arr, FALSE);
	out->body = g_realloc(out->body, out->len + 1);
	out->body[out->len] = '\0';
	ct = g_mime_object_get_header(top, "Content-Type");
	cte = g_mime_object_get_header(top, "Content-Transfer-Encoding");
	out->dropped = w.dropped;
	out->cut = w.cut;
	g_mime_format_options_free(fo);
	/* the headers a client shows lose what the body lost */
	if (redact_headers(buf, len, cfg, env, v, w.needles, subject, ct,
	    cte, out, why) < 0)
		goto out;
	*why = NULL;
	rc = 0;
out:
	if (m)
		g_object_unref(m);
	g_ptr_array_unref(w.needles);
	parse_parts_free(parts);
	g_free(w.plain);
	if (rc < 0)
		redact_out_clear(out);
	return rc;
}

/* The change for field number index of name, or NULL. */
static const struct redact_hdr *
change_of(const struct redact_out *out, const char *name, int index)
{
	for (size_t i = 0; i < out->n_hdrs; i++)
		if (out->hdrs[i].index == index &&
		    g_ascii_strcasecmp(out->hdrs[i].name, name) == 0)
			return &out->hdrs[i];
	return NULL;
}

static void
put_field(GString *s, const struct redact_hdr *h)
{
	g_string_append_printf(s, "%s: ", h->name);
	for (const char *p = h->value; *p; p++)
		if (*p == '\n')
			g_string_append(s, "\r\n");
		else
			g_string_append_c(s, *p);
	g_string_append(s, "\r\n");
}

char *
redact_assemble(const char *buf, size_t len, const struct redact_out *out,
    size_t *rlen)
{
	GString *s = g_string_sized_new(len);
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	bool *used = g_new0(bool, out->n_hdrs + 1);
	size_t i = 0, na = 0, ne = 0;

	while (i < len) {
		size_t a = i, e = redact_next_field(buf, len, i, &na, &ne);
		const struct redact_hdr *h = NULL;

		if (e == i)
			break;		/* end of the header block */
		i = e;
		while (ne > na && (buf[ne - 1] == ' ' || buf[ne - 1] == '\t'))
			ne--;
		if (ne > na) {
			char *key = g_ascii_strdown(buf + na, (gssize)(ne - na));
			int n = GPOINTER_TO_INT(g_hash_table_lookup(seen, key)) +
			    1;

			g_hash_table_replace(seen, key, GINT_TO_POINTER(n));
			key = g_strndup(buf + na, ne - na);
			h = change_of(out, key, n);
			g_free(key);
		}
		if (h == NULL)
			g_string_append_len(s, buf + a, (gssize)(e - a));
		else {
			used[h - out->hdrs] = true;
			if (h->value != NULL)
				put_field(s, h);
		}
	}
	/* a change past the last field of its name adds one, as
	 * smfi_chgheader does */
	for (size_t k = 0; k < out->n_hdrs; k++)
		if (!used[k] && out->hdrs[k].value != NULL)
			put_field(s, &out->hdrs[k]);
	g_string_append(s, "\r\n");
	g_string_append_len(s, out->body, (gssize)out->len);
	g_free(used);
	g_hash_table_destroy(seen);
	*rlen = s->len;
	return g_string_free(s, FALSE);
}
