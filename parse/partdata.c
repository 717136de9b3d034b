/*
 * partdata.c: the bytes of a GMime part: its window on the message's
 * buffer, decoded in one step, and the decoded size of a file without
 * keeping it. Used by the MIME walk (mime.c); callers free what they get.
 */
#include <string.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "parse_int.h"

/* The bytes of a memory stream between its bounds, in place: GMime's
 * parser gives every part a window on the message's buffer. False for
 * any other stream. */
bool
part_mem_window(GMimeStream *s, const guint8 **p, size_t *n)
{
	GByteArray *b;
	gint64 end;

	if (s == NULL || !GMIME_IS_STREAM_MEM(s) ||
	    (b = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(s))) == NULL)
		return false;
	end = s->bound_end != -1 ? s->bound_end : (gint64)b->len;
	if (end > (gint64)b->len)
		end = (gint64)b->len;
	if (s->bound_start < 0 || s->bound_start > end)
		return false;
	*p = b->data + s->bound_start;
	*n = (size_t)(end - s->bound_start);
	return true;
}

/* The decoded content of a window in encoding enc (new array). */
GByteArray *
part_decode_window(GMimeContentEncoding enc, const guint8 *p, size_t n)
{
	GByteArray *arr = g_byte_array_sized_new((guint)n + 3);

	g_byte_array_set_size(arr, (guint)n + 3);
	if (enc == GMIME_CONTENT_ENCODING_BASE64) {
		/* GMime's decoder stops at the first '='; base64 pieces
		 * written one after the other ("SGVq" "IA==" "MTkx...")
		 * are read on by other decoders, so every piece after the
		 * padding is decoded as well (attack18: a calendar in two
		 * padded pieces was read only up to the first). At most one
		 * output byte per input byte: the buffer holds it. */
		size_t o = 0, i = 0;

		while (i < n) {
			const guint8 *eq = memchr(p + i, '=', n - i);
			size_t k = eq ? (size_t)(eq - p) : n;

			o += b64_decode(p + i, k - i + (eq != NULL), arr->data + o);
			for (i = k; i < n && (p[i] == '=' || p[i] == '\r' ||
			    p[i] == '\n' || p[i] == ' ' || p[i] == '\t'); i++)
				;
		}
		n = o;
	} else if (enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE) {
		GMimeEncoding st;

		g_mime_encoding_init_decode(&st, enc);
		n = g_mime_encoding_step(&st, (const char *)p, n,
		    (char *)arr->data);
	} else if (n > 0)
		memcpy(arr->data, p, n);
	g_byte_array_set_size(arr, (guint)n);
	return arr;
}

/* The decoded content of part (new array), or NULL without content.
 * Base64, quoted-printable and the identity encodings are decoded in
 * one step from the message's buffer by part_decode_window(), as on the fast
 * path (b64_decode gives GMime's bytes: base64_test; quoted-printable is
 * GMime's own decoder, whose state carries over chunks, so one step
 * gives the same bytes); anything else goes through GMime's filter
 * stream. */
GByteArray *
part_decoded(GMimePart *part)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeContentEncoding enc;
	GMimeStream *mem;
	GByteArray *arr;
	const guint8 *p;
	size_t n;

	if (w == NULL)
		return NULL;
	enc = g_mime_data_wrapper_get_encoding(w);
	if ((enc == GMIME_CONTENT_ENCODING_BASE64 ||
	    enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
	    enc == GMIME_CONTENT_ENCODING_DEFAULT ||
	    enc == GMIME_CONTENT_ENCODING_7BIT ||
	    enc == GMIME_CONTENT_ENCODING_8BIT ||
	    enc == GMIME_CONTENT_ENCODING_BINARY) &&
	    part_mem_window(g_mime_data_wrapper_get_stream(w), &p, &n) &&
	    n < G_MAXUINT - 3) {
		return part_decode_window(enc, p, n);
	}
	arr = g_byte_array_new();
	mem = g_mime_stream_mem_new_with_byte_array(arr);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
	g_mime_data_wrapper_write_to_stream(w, mem);
	g_object_unref(mem);
	return arr;
}

/* The decoded size of a part that is only a file. Well-formed base64
 * (nearly every attachment: the alphabet in groups of four, line
 * breaks, at most two '=' at the very end) is counted without decoding
 * it, which is what takes the time in a large message; anything else
 * is decoded into a stream that only counts, as GMime decodes it. */
bool
part_decoded_size(GMimePart *part, size_t *size)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *raw, *null;

	if (w == NULL)
		return false;
	raw = g_mime_data_wrapper_get_stream(w);
	if (g_mime_data_wrapper_get_encoding(w) == GMIME_CONTENT_ENCODING_BASE64 &&
	    raw != NULL && g_mime_stream_reset(raw) == 0) {
		unsigned char buf[16384];
		struct b64_tally t = B64_TALLY_INIT;
		ssize_t r = 0;

		while (t.ok && (r = g_mime_stream_read(raw, (char *)buf,
		    sizeof(buf))) > 0)
			b64_tally_add(&t, buf, (size_t)r);
		(void)g_mime_stream_reset(raw);
		if (r == 0 && b64_tally_size(&t, size))
			return true;
	}
	null = g_mime_stream_null_new();
	g_mime_data_wrapper_write_to_stream(w, null);
	*size = GMIME_STREAM_NULL(null)->written;
	g_object_unref(null);
	return true;
}

