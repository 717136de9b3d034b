/*
 * mime.c: an RFC 5322 message -> struct invite, with GMime. Walks every
 * part at any depth (multipart, message/rfc822), decodes transfer
 * encodings and charsets to UTF-8, hands calendar parts to ical.c and
 * keeps bodies, attachment names and attachment facts. Holds no GMime
 * object after return.
 */
#include <stdint.h>
#include <string.h>
#include <time.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <glib.h>
#include <gmime/gmime.h>
#include <libical/ical.h>

#include "parse.h"
#include "parse_int.h"

struct walk {
	struct invite			*inv;
	const struct parse_limits	*lim;
	size_t				 parts;
};

/* CPU time this thread has spent in the iCalendar parser (benchmarks
 * tell MIME from iCalendar with it; two clock reads per calendar part,
 * CPU time like the benchmarks' own, so load elsewhere does not count). */
static _Thread_local unsigned long long ical_usec;

static unsigned long long
thread_usec(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
		return 0;
	return (unsigned long long)t.tv_sec * 1000000ULL +
	    (unsigned long long)t.tv_nsec / 1000;
}

unsigned long long
parse_ical_usec(void)
{
	return ical_usec;
}

static void
ical_timed(struct invite *inv, const char *s, size_t len, bool is_attachment,
    const struct parse_limits *lim)
{
	unsigned long long t0 = thread_usec(), t1;

	ical_parse_into(inv, s, len, is_attachment, lim);
	if ((t1 = thread_usec()) > t0)
		ical_usec += t1 - t0;
}

void
parse_init(void)
{
	g_mime_init();
	/* libical must report, not abort, on bad input. */
	icalerror_set_errors_are_fatal(0);
}

/* bytes in `charset` (may be NULL) -> new UTF-8 string. A missing or
 * wrong label falls back to UTF-8 if valid, else Windows-1252. */
static char *
to_utf8(struct invite *inv, const char *b, size_t n, const char *charset)
{
	char *out = NULL;

	if (b == NULL || n == 0)
		return g_strdup("");
	if (n >= 2 && (((guchar)b[0] == 0xFF && (guchar)b[1] == 0xFE) ||
	    ((guchar)b[0] == 0xFE && (guchar)b[1] == 0xFF)))
		charset = "UTF-16";
	if (charset != NULL && g_ascii_strcasecmp(charset, "utf-8") != 0 &&
	    g_ascii_strcasecmp(charset, "us-ascii") != 0) {
		const char *cs = g_mime_charset_iconv_name(charset);

		out = g_convert(b, (gssize)n, "UTF-8", cs ? cs : charset, NULL,
		    NULL, NULL);
		if (out != NULL)
			return out;
		inv->flags |= INV_CHARSET_GUESSED;
	}
	if (g_utf8_validate(b, (gssize)n, NULL))
		return g_strndup(b, n);
	if (charset != NULL && g_ascii_strcasecmp(charset, "us-ascii") != 0)
		inv->flags |= INV_CHARSET_GUESSED;
	out = g_convert(b, (gssize)n, "UTF-8", "WINDOWS-1252", NULL, NULL,
	    NULL);
	if (out == NULL)
		out = g_utf8_make_valid(b, (gssize)n);
	return out;
}

static GByteArray *
decoded(GMimePart *part)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *mem;
	GByteArray *arr;

	if (w == NULL)
		return NULL;
	arr = g_byte_array_new();
	mem = g_mime_stream_mem_new_with_byte_array(arr);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
	g_mime_data_wrapper_write_to_stream(w, mem);
	g_object_unref(mem);
	return arr;
}

/* Counts in b[0..n) the base64 alphabet, the '=' and the bytes that
 * are neither nor a line break or blank. SSE2: 16 bytes a step. */
static void
b64_count(const unsigned char *b, size_t n, size_t *alpha, size_t *eq,
    size_t *other)
{
	size_t i = 0;

#ifdef __SSE2__
	/* Byte counters (a compare gives -1 per hit), summed every 255
	 * steps before they can wrap. */
	while (i + 16 <= n) {
		__m128i ca = _mm_setzero_si128(), ce = ca, co = ca;
		__m128i sa, se, so;

		for (size_t k = 0; k < 255 && i + 16 <= n; k++, i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
#define IN(lo, cnt) _mm_cmplt_epi8(_mm_sub_epi8(x, _mm_set1_epi8((char)((lo) + 128))), \
			    _mm_set1_epi8((char)(-128 + (cnt))))
#define EQ(c) _mm_cmpeq_epi8(x, _mm_set1_epi8(c))
			__m128i al = _mm_or_si128(_mm_or_si128(IN('A', 26),
			    IN('a', 26)), _mm_or_si128(IN('0', 10),
			    _mm_or_si128(EQ('+'), EQ('/'))));
			__m128i e = EQ('=');
			__m128i ws = _mm_or_si128(_mm_or_si128(EQ('\r'), EQ('\n')),
			    _mm_or_si128(EQ(' '), EQ('\t')));
#undef IN
#undef EQ

			ca = _mm_sub_epi8(ca, al);
			ce = _mm_sub_epi8(ce, e);
			co = _mm_add_epi8(co, _mm_andnot_si128(_mm_or_si128(al,
			    _mm_or_si128(e, ws)), _mm_set1_epi8(1)));
		}
		sa = _mm_sad_epu8(ca, _mm_setzero_si128());
		se = _mm_sad_epu8(ce, _mm_setzero_si128());
		so = _mm_sad_epu8(co, _mm_setzero_si128());
		*alpha += (size_t)_mm_cvtsi128_si32(sa) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sa, 8));
		*eq += (size_t)_mm_cvtsi128_si32(se) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(se, 8));
		*other += (size_t)_mm_cvtsi128_si32(so) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(so, 8));
	}
#endif
	for (; i < n; i++) {
		if (g_ascii_isalnum(b[i]) || b[i] == '+' || b[i] == '/')
			++*alpha;
		else if (b[i] == '=')
			++*eq;
		else if (b[i] != '\r' && b[i] != '\n' && b[i] != ' ' &&
		    b[i] != '\t')
			++*other;
	}
}

/* The decoded size of a part that is only a file. Well-formed base64
 * (nearly every attachment: the alphabet in groups of four, line
 * breaks, at most two '=' at the very end) is counted without decoding
 * it, which is what takes the time in a large message; anything else
 * is decoded into a stream that only counts, as GMime decodes it. */
static bool
decoded_size(GMimePart *part, size_t *size)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *raw, *null;

	if (w == NULL)
		return false;
	raw = g_mime_data_wrapper_get_stream(w);
	if (g_mime_data_wrapper_get_encoding(w) == GMIME_CONTENT_ENCODING_BASE64 &&
	    raw != NULL && g_mime_stream_reset(raw) == 0) {
		unsigned char buf[16384];
		size_t alpha = 0, eq = 0, other = 0;
		bool ok = true;
		ssize_t r;

		while (ok && (r = g_mime_stream_read(raw, (char *)buf,
		    sizeof(buf))) > 0) {
			size_t a0 = alpha, e0 = eq;

			b64_count(buf, (size_t)r, &alpha, &eq, &other);
			/* After the first '=' only '=' and blanks. */
			if (e0 > 0 && alpha > a0)
				ok = false;
			else if (eq > e0) {
				const unsigned char *q = memchr(buf, '=',
				    (size_t)r);

				for (; q < buf + r && ok; q++)
					ok = *q == '=' || *q == '\r' ||
					    *q == '\n' || *q == ' ' || *q == '\t';
			}
		}
		(void)g_mime_stream_reset(raw);
		if (ok && r == 0 && other == 0 && eq <= 2 &&
		    (alpha + eq) % 4 == 0) {
			*size = (alpha + eq) / 4 * 3 - eq;
			return true;
		}
	}
	null = g_mime_stream_null_new();
	g_mime_data_wrapper_write_to_stream(w, null);
	*size = GMIME_STREAM_NULL(null)->written;
	g_object_unref(null);
	return true;
}

static bool
ends_with_ci(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && g_ascii_strcasecmp(s + a - b, suffix) == 0;
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

static void
leaf(struct walk *w, GMimePart *part)
{
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	const char *type = ct ? g_mime_content_type_get_media_type(ct) : "text";
	const char *sub = ct ? g_mime_content_type_get_media_subtype(ct) : "plain";
	const char *charset = ct ? g_mime_content_type_get_parameter(ct,
	    "charset") : NULL;
	const char *fname = g_mime_part_get_filename(part);
	const char *disp = g_mime_object_get_disposition(GMIME_OBJECT(part));
	char *mtype = g_strdup_printf("%s/%s", type ? type : "text",
	    sub ? sub : "plain");
	bool is_attach = disp && g_ascii_strcasecmp(disp, "attachment") == 0;
	bool is_cal, is_text_body;
	GByteArray *data;
	char *u;

	is_cal = !g_ascii_strcasecmp(mtype, "text/calendar") ||
	    !g_ascii_strcasecmp(mtype, "application/ics") ||
	    !g_ascii_strcasecmp(mtype, "text/x-vcalendar") ||
	    (fname && (ends_with_ci(fname, ".ics") || ends_with_ci(fname, ".vcs")));
	if (!g_ascii_strcasecmp(mtype, "application/ms-tnef") ||
	    (fname && !g_ascii_strcasecmp(fname, "winmail.dat")))
		invite_set_problem(w->inv, INV_TNEF, "a TNEF (winmail.dat) "
		    "part cannot be inspected");
	if (!g_ascii_strcasecmp(mtype, "application/pkcs7-mime") ||
	    !g_ascii_strcasecmp(mtype, "application/x-pkcs7-mime"))
		invite_set_problem(w->inv, INV_ENCRYPTED,
		    "an encrypted part cannot be inspected");
	is_text_body = !is_attach && !is_cal && type &&
	    !g_ascii_strcasecmp(type, "text") && sub &&
	    (!g_ascii_strcasecmp(sub, "plain") || !g_ascii_strcasecmp(sub, "html"));

	if (!is_cal && !is_text_body) {
		/* A file: its name and size are all the rules need. */
		bool inline_image = type && !g_ascii_strcasecmp(type, "image") &&
		    !is_attach && g_mime_object_get_content_id(GMIME_OBJECT(part));
		size_t size;

		if (decoded_size(part, &size))
			add_attachment(w->inv, fname, mtype, size, inline_image);
		g_free(mtype);
		return;
	}
	data = decoded(part);
	if (data == NULL) {
		g_free(mtype);
		return;
	}
	if (is_cal) {
		u = to_utf8(w->inv, (const char *)data->data, data->len, charset);
		ical_timed(w->inv, u, strlen(u), is_attach || fname != NULL ||
		    g_ascii_strcasecmp(mtype, "text/calendar") != 0, w->lim);
		g_free(u);
	} else {
		u = to_utf8(w->inv, (const char *)data->data, data->len, charset);
		if (!g_ascii_strcasecmp(sub, "html")) {
			GString *t = g_string_new(NULL);

			html_to_text(u, strlen(u), t);
			invite_add_text(w->inv, FLD_BODY_HTML, -1, t->str, t->len);
			g_string_free(t, TRUE);
		} else
			invite_add_text(w->inv, FLD_BODY_TEXT, -1, u, strlen(u));
		g_free(u);
	}
	g_byte_array_unref(data);
	g_free(mtype);
}

static void
walk(struct walk *w, GMimeObject *obj, size_t depth)
{
	if (obj == NULL)
		return;
	if (depth > w->lim->mime_depth) {
		invite_set_problem(w->inv, INV_TRUNCATED,
		    "MIME nesting deeper than limits.mime_depth");
		return;
	}
	if (++w->parts > w->lim->mime_parts) {
		invite_set_problem(w->inv, INV_TRUNCATED,
		    "more MIME parts than limits.mime_parts");
		return;
	}
	if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *m = g_mime_message_part_get_message(
		    GMIME_MESSAGE_PART(obj));

		if (m != NULL) {
			const char *subj = g_mime_message_get_subject(m);

			if (subj)
				invite_add_text(w->inv, FLD_SUBJECT, -1, subj,
				    strlen(subj));
			walk(w, g_mime_message_get_mime_part(m), depth + 1);
		}
	} else if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp);

		if (GMIME_IS_MULTIPART_ENCRYPTED(obj))
			invite_set_problem(w->inv, INV_ENCRYPTED,
			    "an encrypted part cannot be inspected");
		for (int i = 0; i < n; i++)
			walk(w, g_mime_multipart_get_part(mp, i), depth + 1);
	} else if (GMIME_IS_PART(obj))
		leaf(w, GMIME_PART(obj));
}

static void
finish(struct invite *inv)
{
	inv->is_invitation = inv->n_cals > 0;
	if (!inv->is_invitation)
		return;
	/* The first METHOD decides; a calendar without one (an attached
	 * .ics, a bare file) is published to the guests: PUBLISH. */
	for (size_t i = 0; i < inv->n_cals; i++)
		if (inv->cals[i].method) {
			inv->method = g_strdup(inv->cals[i].method);
			break;
		}
	if (inv->method == NULL)
		inv->method = g_strdup("PUBLISH");
	for (size_t i = 0; i < inv->n_texts; i++)
		if (strstr(inv->texts[i].s, "teams.microsoft.com/l/meetup-join"))
			inv->flags |= INV_TEAMS;
}

struct invite *
parse_message(const char *buf, size_t len, const struct parse_limits *lim)
{
	static const struct parse_limits defaults = PARSE_LIMITS_DEFAULT;
	struct invite *inv = invite_new();
	struct walk w = { inv, lim ? lim : &defaults, 0 };
	GMimeStream *stream;
	GByteArray *arr;
	GMimeParser *parser;
	GMimeMessage *msg;
	InternetAddressList *from;

	if (buf == NULL || len == 0) {
		invite_set_problem(inv, 0, "empty input");
		return inv;
	}
	if (len > w.lim->message_bytes) {
		invite_set_problem(inv, INV_TRUNCATED,
		    "message larger than limits.message_bytes");
		len = w.lim->message_bytes;
	}
	/* The stream reads the caller's bytes in place (a mem stream "with
	 * buffer" would copy them all): the array only borrows buf, is
	 * never written (the parser only reads) and is released without
	 * freeing it once the message, which holds the stream, is gone. */
	arr = g_byte_array_new_take((guint8 *)(uintptr_t)buf, len);
	stream = g_mime_stream_mem_new_with_byte_array(arr);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
	parser = g_mime_parser_new_with_stream(stream);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	g_object_unref(stream);
	if (msg == NULL) {
		(void)g_byte_array_free(arr, FALSE);
		invite_set_problem(inv, INV_MIME_BROKEN,
		    "not an e-mail message (no header could be read)");
		return inv;
	}
	if (g_mime_message_get_subject(msg)) {
		inv->subject = g_strdup(g_mime_message_get_subject(msg));
		invite_add_text(inv, FLD_SUBJECT, -1, inv->subject,
		    strlen(inv->subject));
	}
	if (g_mime_message_get_message_id(msg))
		inv->message_id = g_strdup(g_mime_message_get_message_id(msg));
	from = g_mime_message_get_from(msg);
	if (from && internet_address_list_length(from) > 0) {
		InternetAddress *a = internet_address_list_get_address(from, 0);

		if (INTERNET_ADDRESS_IS_MAILBOX(a))
			inv->from = g_ascii_strdown(internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(a)), -1);
	}
	walk(&w, g_mime_message_get_mime_part(msg), 0);
	g_object_unref(msg);
	(void)g_byte_array_free(arr, FALSE);
	finish(inv);
	return inv;
}

struct invite *
parse_ics(const char *buf, size_t len, const struct parse_limits *lim)
{
	static const struct parse_limits defaults = PARSE_LIMITS_DEFAULT;
	struct invite *inv = invite_new();
	char *u;

	if (buf == NULL || len == 0) {
		invite_set_problem(inv, 0, "empty input");
		return inv;
	}
	u = to_utf8(inv, buf, len, NULL);
	ical_timed(inv, u, strlen(u), true, lim ? lim : &defaults);
	g_free(u);
	finish(inv);
	return inv;
}

struct invite *
parse_any(const char *buf, size_t len, const struct parse_limits *lim)
{
	size_t i = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	if (len >= 2 && ((guchar)buf[0] == 0xFF || (guchar)buf[0] == 0xFE))
		return parse_ics(buf, len, lim);
	while (i < len && g_ascii_isspace(buf[i]))
		i++;
	if (len - i >= 15 && g_ascii_strncasecmp(buf + i, "BEGIN:VCALENDAR",
	    15) == 0)
		return parse_ics(buf, len, lim);
	if (len - i >= 12 && g_ascii_strncasecmp(buf + i, "BEGIN:VEVENT", 12) == 0)
		return parse_ics(buf, len, lim);
	return parse_message(buf, len, lim);
}
