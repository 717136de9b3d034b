/*
 * mime.c: an RFC 5322 message -> struct invite, with GMime. Walks every
 * part at any depth (multipart, message/rfc822), decodes transfer
 * encodings and charsets to UTF-8, hands calendar parts to ical.c and
 * keeps bodies, attachment names and attachment facts. Holds no GMime
 * object after return.
 */
#include <stdint.h>
#include <string.h>
#include <glib.h>
#include <gmime/gmime.h>
#include <libical/ical.h>

#include "charset.h"
#include "parse.h"
#include "parts.h"
#include "ambig.h"
#include "walk.h"
#include "parse_int.h"
#include "limits.h"
#include "tnef.h"

void
parse_init(void)
{
	g_mime_init();
	/* libical must report, not abort, on bad input. */
	icalerror_set_errors_are_fatal(0);
}

/* The Subject of m in UTF-8 (new string), decoded by header_text() from
 * the raw header, or NULL without one. */
static char *
subject_of(struct invite *inv, GMimeMessage *m)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(m));
	GMimeHeader *h = hl ? g_mime_header_list_get_header(hl, "Subject") :
	    NULL;
	const char *raw = h ? g_mime_header_get_raw_value(h) : NULL;

	if (raw != NULL)
		return header_text(inv, raw);
	return g_mime_message_get_subject(m) ?
	    g_strdup(g_mime_message_get_subject(m)) : NULL;
}

/* The headers of m a mail client shows besides the Subject (display
 * names, Comments, Keywords...) as texts, in their order
 * (header_shown). Of a forwarded message too. */
static void
shown_headers(struct invite *inv, GMimeMessage *m)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(m));
	int n = hl ? g_mime_header_list_get_count(hl) : 0;

	for (int i = 0; i < n; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		const char *name = g_mime_header_get_name(h);

		if (name != NULL && header_is_shown(name, strlen(name)))
			header_shown(inv, name, g_mime_header_get_raw_value(h));
	}
}

/* The file name of a part as a new UTF-8 string, or NULL. Outlook and
 * others put RFC 2047 encoded words in a quoted filename= or name=;
 * GMime decodes them with the fault header_text() avoids, so those are
 * decoded here from the raw header. Otherwise GMime's name (RFC 2231). */
static char *
part_filename(struct invite *inv, GMimePart *part)
{
	static const char *const where[][2] = {
		{ "Content-Disposition", "filename" }, { "Content-Type", "name" },
	};
	GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(part));
	const char *fname = g_mime_part_get_filename(part);

	for (size_t i = 0; hl != NULL && i < G_N_ELEMENTS(where); i++) {
		GMimeHeader *h = g_mime_header_list_get_header(hl, where[i][0]);
		const char *raw = h ? g_mime_header_get_raw_value(h) : NULL;
		char *v = raw ? header_param(raw, where[i][1]) : NULL;

		if (v != NULL && strstr(v, "=?") != NULL) {
			char *u = header_text(inv, v);

			g_free(v);
			return u;
		}
		g_free(v);
	}
	return fname ? g_strdup(fname) : NULL;
}


static void
leaf(struct walk *w, GMimePart *part)
{
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	struct leafdesc d = { 0 };

	d.type = ct ? g_mime_content_type_get_media_type(ct) : "text";
	d.sub = ct ? g_mime_content_type_get_media_subtype(ct) : "plain";
	d.charset = ct ? g_mime_content_type_get_parameter(ct, "charset") :
	    NULL;
	d.method = ct ? g_mime_content_type_get_parameter(ct, "method") : NULL;
	if (ct != NULL) {
		const char *f = g_mime_content_type_get_parameter(ct, "format");
		const char *ds = g_mime_content_type_get_parameter(ct, "delsp");

		d.flowed = f != NULL && !g_ascii_strcasecmp(f, "flowed");
		d.delsp = ds != NULL && !g_ascii_strcasecmp(ds, "yes");
	}
	d.fname = part_filename(w->inv, part);
	d.disp = g_mime_object_get_disposition(GMIME_OBJECT(part));
	d.has_cid = g_mime_object_get_content_id(GMIME_OBJECT(part)) != NULL;
	d.gpart = part;
	if (w->out != NULL && g_mime_part_get_content(part) != NULL)
		d.enc = g_mime_data_wrapper_get_encoding(
		    g_mime_part_get_content(part));
	mime_leaf(w, &d);
	g_free(d.fname);
}

static void
walk(struct walk *w, GMimeObject *obj, size_t depth)
{
	if (obj == NULL)
		return;
	if (depth > w->lim->mime_depth) {
		invite_limit(w->inv, "mime_depth",
		    "MIME nesting deeper than limits.mime_depth");
		return;
	}
	if (++w->parts > w->lim->mime_parts) {
		invite_limit(w->inv, "mime_parts",
		    "more MIME parts than limits.mime_parts");
		return;
	}
	if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *m = g_mime_message_part_get_message(
		    GMIME_MESSAGE_PART(obj));

		if (m != NULL) {
			char *subj = subject_of(w->inv, m);

			if (subj)
				invite_add_text(w->inv, FLD_SUBJECT, -1, subj,
				    strlen(subj));
			g_free(subj);
			shown_headers(w->inv, m);
			w->fwd++;
			walk(w, g_mime_message_get_mime_part(m), depth + 1);
			w->fwd--;
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

/* part_filename() for a part read by mimefast.c. */
static char *
fast_filename(struct invite *inv, const struct mf_part *pt)
{
	const char *const where[][2] = {
		{ pt->cd_raw, "filename" }, { pt->ct_raw, "name" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(where); i++) {
		char *v = where[i][0] ? header_param(where[i][0], where[i][1]) :
		    NULL;

		if (v != NULL && strstr(v, "=?") != NULL) {
			char *u = header_text(inv, v);

			g_free(v);
			return u;
		}
		g_free(v);
	}
	return pt->fname ? g_strdup(pt->fname) : NULL;
}

/* walk() over the parts mimefast.c read: part i and its subtree;
 * returns the index after it. */
static size_t
walk_fast(struct walk *w, const char *buf, const struct mf_msg *m, size_t i)
{
	static const GMimeContentEncoding encs[] = {
		[MF_DEFAULT] = GMIME_CONTENT_ENCODING_DEFAULT,
		[MF_7BIT] = GMIME_CONTENT_ENCODING_7BIT,
		[MF_8BIT] = GMIME_CONTENT_ENCODING_8BIT,
		[MF_BINARY] = GMIME_CONTENT_ENCODING_BINARY,
		[MF_BASE64] = GMIME_CONTENT_ENCODING_BASE64,
		[MF_QP] = GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE,
	};
	const struct mf_part *pt = &m->parts[i];
	struct leafdesc d = { 0 };
	char *method;

	if (pt->depth > w->lim->mime_depth) {
		invite_limit(w->inv, "mime_depth",
		    "MIME nesting deeper than limits.mime_depth");
		return pt->next;
	}
	if (++w->parts > w->lim->mime_parts) {
		invite_limit(w->inv, "mime_parts",
		    "more MIME parts than limits.mime_parts");
		return pt->next;
	}
	if (pt->multipart) {
		for (size_t j = i + 1; j < pt->next;)
			j = walk_fast(w, buf, m, j);
		return pt->next;
	}
	d.type = pt->type;
	d.sub = pt->sub;
	d.charset = pt->charset;
	method = pt->ct_raw ? header_param(pt->ct_raw, "method") : NULL;
	d.method = method;
	if (pt->ct_raw != NULL) {
		char *f = header_param(pt->ct_raw, "format");
		char *ds = header_param(pt->ct_raw, "delsp");

		d.flowed = f != NULL && !g_ascii_strcasecmp(f, "flowed");
		d.delsp = ds != NULL && !g_ascii_strcasecmp(ds, "yes");
		g_free(f);
		g_free(ds);
	}
	d.fname = fast_filename(w->inv, pt);
	d.disp = pt->disp;
	d.has_cid = pt->has_cid;
	d.enc = encs[pt->enc];
	d.body = (const guint8 *)buf + pt->off;
	d.blen = pt->len;
	mime_leaf(w, &d);
	g_free(d.fname);
	g_free(method);
	return pt->next;
}

/* The message as parse_message() reads it with GMime, from what
 * mimefast.c read. */
static void
parse_fast(struct walk *w, const char *buf, const struct mf_msg *m)
{
	struct invite *inv = w->inv;

	if (m->subject_raw != NULL) {
		inv->subject = header_text(inv, m->subject_raw);
		invite_add_text(inv, FLD_SUBJECT, -1, inv->subject,
		    strlen(inv->subject));
	}
	for (size_t i = 0; i < m->n_shown; i++)
		header_shown(inv, m->shown[i].name, m->shown[i].raw);
	if (m->message_id != NULL)
		inv->message_id = g_strdup(m->message_id);
	if (m->from != NULL)
		inv->from = g_ascii_strdown(m->from, -1);
	if (m->n_parts > 0)
		walk_fast(w, buf, m, 0);
}

/* A text that makes the meeting a Teams meeting (issue 17: consumer
 * Teams and dial-in-only meetings were not recognised, so teams_only
 * skipped them): a join link of Teams for work, school or consumers
 * (teams.microsoft.com/l/meetup-join, the short /meet/ links,
 * teams.live.com), or the words "Microsoft Teams" (the LOCATION Outlook
 * and Teams write, the dial-in block's heading), in any case. Not in
 * a file name. */
static bool
is_teams_text(const struct inv_text *t)
{
	static const char *const marks[] = { "teams.microsoft.com/l/meetup-join",
	    "teams.microsoft.com/meet/", "teams.live.com/meet/",
	    "teams.live.com/l/meetup-join", "microsoft teams" };
	char *low;
	bool found = false;

	if (t->field == FLD_ATTACHMENT_NAME)
		return false;
	/* the common case first: no "teams" at all */
	if (g_strstr_len(t->s, (gssize)t->len, "eams") == NULL &&
	    g_strstr_len(t->s, (gssize)t->len, "EAMS") == NULL)
		return false;
	low = g_ascii_strdown(t->s, (gssize)t->len);
	for (size_t i = 0; i < G_N_ELEMENTS(marks) && !found; i++)
		found = strstr(low, marks[i]) != NULL;
	g_free(low);
	return found;
}

static void
finish(struct invite *inv)
{
	/* Outlook sends meeting requests as TNEF (winmail.dat) too; a
	 * meeting read from one is a calendar (tnef_part). A TNEF part
	 * that could not be read may be one, so it makes the message a
	 * possible invitation: its readable text is examined and the rules
	 * report not-inspectable. It has no METHOD then (NULL). */
	inv->is_invitation = inv->n_cals > 0 || (inv->flags & INV_TNEF);
	if (!inv->is_invitation)
		return;
	/* The first METHOD decides; a calendar without one (an attached
	 * .ics, a bare file) is published to the guests: PUBLISH. */
	for (size_t i = 0; i < inv->n_cals; i++)
		if (inv->cals[i].method) {
			inv->method = g_strdup(inv->cals[i].method);
			break;
		}
	if (inv->method == NULL && inv->n_cals > 0)
		inv->method = g_strdup("PUBLISH");
	for (size_t i = 0; i < inv->n_texts && !(inv->flags & INV_TEAMS); i++)
		if (is_teams_text(&inv->texts[i]))
			inv->flags |= INV_TEAMS;
}

static struct invite *message(const char *, size_t,
    const struct parse_limits *, bool, struct parse_parts *);

/* The length of the lines of blanks (SP, HT, CR) at the start of
 * buf[0..len) that a header follows; 0 when none or nothing follows. */
static size_t
blank_lines(const char *buf, size_t len)
{
	size_t i = 0, start = 0;

	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
	    buf[i] == '\n')) {
		if (buf[i] == '\n')
			start = i + 1;
		i++;
	}
	return i < len && g_ascii_isgraph(buf[start]) ? start : 0;
}

/* Issue 17, memory: GMime builds its whole tree before walk() counts
 * anything, and holds far more than the bytes it reads: about 500 bytes
 * per header field (4 MB of "X: v" lines: 256 MB) and 430 per
 * Content-Type parameter (RFC 2231 pieces too), all beyond the four
 * times a message's size the daemon reserves for its parse ([milter]
 * memory_limit). So before GMime, a pass over the lines counts what
 * would reach it: header fields, ';' (parameters) and ',' (the items
 * of an address list: 4 MB of addresses in a To: took 125 MB) in every
 * header
 * block against limits.texts (a header is a text the rules may read;
 * at least its default, as a real header block has more fields than a
 * low limit for the texts kept),
 * and boundary lines of the boundaries declared against
 * limits.mime_parts. A header block is the top one, the one after a
 * boundary line and the one after a block with Content-Type message/.
 * A first line without ':' ends a header block (GMime reads the body
 * from there; after a header it reads on), any other line counts: an
 * upper bound of what GMime reads.
 * Returns the [limits]
 * key over, or NULL; *why says what. Linear in len. */
static const char *
precount(const char *buf, size_t len, const struct parse_limits *lim,
    const char **why)
{
	GHashTable *bounds = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	size_t fields = 0, parts = 0, next;
	bool hdr = true, msgnext = false, in_ct = false, in_block = false;
	const char *key = NULL;

	for (size_t p = 0; p < len && key == NULL; p = next) {
		const char *s = buf + p, *e = memchr(s, '\n', len - p);
		size_t n = e ? (size_t)(e - s) : len - p;

		next = p + n + 1;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (hdr) {
			if (n == 0) {
				hdr = msgnext;
				msgnext = in_ct = in_block = false;
				continue;
			}
			if (s[0] != ' ' && s[0] != '\t' && !in_block &&
			    memchr(s, ':', n) == NULL) {
				/* no header first: GMime reads the body
				 * from here (after a header it reads on) */
				hdr = msgnext = in_ct = false;
			} else if (s[0] != ' ' && s[0] != '\t') {
				fields++;
				in_block = true;
				size_t k = 12;

				while (k < n && (s[k] == ' ' || s[k] == '\t'))
					k++;
				in_ct = k < n && s[k] == ':' &&
				    g_ascii_strncasecmp(s, "Content-Type", 12) == 0;
			}
			for (size_t i = 0; i < n; i++)
				fields += s[i] == ';' || s[i] == ',';
			if (in_ct && g_strstr_len(s, (gssize)n, "essage/") != NULL)
				msgnext = true;
			for (size_t i = 0; in_ct && i + 9 <= n; i++) {
				const char *v;
				size_t k = 0;

				if (g_ascii_strncasecmp(s + i, "boundary=", 9) != 0)
					continue;
				v = s + i + 9;
				if (v < s + n && *v == '"') {
					v++;
					while (v + k < s + n && v[k] != '"')
						k++;
				} else
					while (v + k < s + n && v[k] != ';' &&
					    v[k] != ' ' && v[k] != '\t')
						k++;
				if (k > 0)
					g_hash_table_add(bounds, g_strndup(v, k));
				i += 8 + k;
			}
			if (fields > MAX(lim->texts, LIM_TEXTS)) {
				key = "texts";
				*why = "more header fields and parameters than "
				    "limits.texts";
			}
			if (hdr)
				continue;
		}
		if (n < 3 || s[0] != '-' || s[1] != '-' ||
		    g_hash_table_size(bounds) == 0)
			continue;
		while (n > 2 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		{
			char *b = g_strndup(s + 2, n - 2);
			bool end = false, found = g_hash_table_contains(bounds, b);

			if (!found && n > 4 && s[n - 1] == '-' && s[n - 2] == '-') {
				b[n - 4] = '\0';
				found = end = g_hash_table_contains(bounds, b);
			}
			g_free(b);
			if (!found)
				continue;
			hdr = !end;
			in_block = false;
			if (++parts > lim->mime_parts) {
				key = "mime_parts";
				*why = "more MIME parts than limits.mime_parts";
			}
		}
	}
	g_hash_table_destroy(bounds);
	return key;
}

/* True, with the limit noted in inv, when precount() finds buf over a
 * limit: then GMime does not read it. The limit may hide a calendar,
 * so it counts for a message that is no invitation too (limit_cal). */
static bool
over_precount(struct invite *inv, const char *buf, size_t len,
    const struct parse_limits *lim)
{
	const char *why = NULL, *key = precount(buf, len, lim, &why);

	if (key == NULL)
		return false;
	invite_limit(inv, key, why);
	if (inv->limit_cal == NULL)
		inv->limit_cal = key;
	return true;
}

/* GMime's message read from buf[0..len), or NULL. The stream reads the
 * caller's bytes in place (a mem stream "with buffer" would copy them
 * all): *arr only borrows buf, is never written (the parser only
 * reads); release it with g_byte_array_free(*arr, FALSE) once the
 * message, which holds the stream, is gone. */
static GMimeMessage *
gmime_parse(const char *buf, size_t len, GByteArray **arr)
{
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;

	*arr = g_byte_array_new_take((guint8 *)(uintptr_t)buf, len);
	stream = g_mime_stream_mem_new_with_byte_array(*arr);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
	parser = g_mime_parser_new_with_stream(stream);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	g_object_unref(stream);
	if (msg == NULL)
		(void)g_byte_array_free(*arr, FALSE);
	return msg;
}

/* The other reading of an ambiguous message (see struct amb): read
 * from a copy with a->cuts made 'X', into a new invite merged into
 * w's. The decoded-bytes budget is shared with the first reading. */
static void
second_reading(struct walk *w, const struct amb *a)
{
	char *copy = g_memdup2(a->buf, a->len);
	struct walk w2 = *w;
	GByteArray *arr;
	GMimeMessage *msg;

	for (guint i = 0; i < a->cuts->len; i++)
		copy[g_array_index(a->cuts, gint64, i)] = 'X';
	msg = gmime_parse(copy + a->skip, a->len - a->skip, &arr);
	if (msg != NULL) {
		w2.inv = invite_new();
		w2.inv->text_bytes = w->inv->text_bytes;
		w2.inv->max_texts = w->inv->max_texts;
		w2.buf = copy;
		w2.parts = 0;
		w2.again = true;
		walk(&w2, g_mime_message_get_mime_part(msg), 0);
		g_object_unref(msg);
		(void)g_byte_array_free(arr, FALSE);
		w->decoded = w2.decoded;
		amb_merge(w->inv, w2.inv);
	}
	g_free(copy);
}

void
mime_walk_embedded(struct walk *w, const char *buf, size_t len)
{
	struct walk w2 = *w;
	GByteArray *arr;
	GMimeMessage *m;
	char *copy;

	if (w->fwd + 1 > w->lim->mime_depth) {
		invite_limit(w->inv, "mime_depth",
		    "MIME nesting deeper than limits.mime_depth");
		return;
	}
	/* Read in place, or from a copy with NULs as spaces (as message()
	 * reads): the walk's offsets are into that buffer, and nothing is
	 * kept for parse_parts() (a file cannot be corrected in place).
	 * limits.decoded_bytes counts each level's decoded file. */
	copy = memchr(buf, '\0', len) != NULL ? g_memdup2(buf, len) : NULL;
	for (char *p = copy ? memchr(copy, '\0', len) : NULL; p != NULL;
	    p = memchr(p, '\0', len - (size_t)(p - copy)))
		*p = ' ';
	if (copy != NULL)
		buf = copy;
	if (over_precount(w->inv, buf, len, w->lim)) {
		g_free(copy);
		return;
	}
	m = gmime_parse(buf, len, &arr);
	if (m != NULL) {
		char *subj = subject_of(w->inv, m);

		if (subj)
			invite_add_text(w->inv, FLD_SUBJECT, -1, subj,
			    strlen(subj));
		g_free(subj);
		shown_headers(w->inv, m);
		w2.buf = w2.orig = buf;
		w2.out = NULL;
		w2.seen = NULL;
		w2.again = false;
		w2.fwd = w->fwd + 1;
		walk(&w2, g_mime_message_get_mime_part(m), w2.fwd);
		w->parts = w2.parts;
		w->decoded = w2.decoded;
		g_object_unref(m);
		(void)g_byte_array_free(arr, FALSE);
	}
	g_free(copy);
}

struct invite *
parse_message(const char *buf, size_t len, const struct parse_limits *lim)
{
	gint64 t0 = g_get_monotonic_time();
	struct invite *inv = message(buf, len, lim, true, NULL);

	if (inv != NULL)
		inv->parse_us = g_get_monotonic_time() - t0;
	return inv;
}

struct invite *
parse_message_gmime(const char *buf, size_t len,
    const struct parse_limits *lim)
{
	return message(buf, len, lim, false, NULL);
}

/* The message's invite; with out != NULL, its calendar and text parts
 * are noted there too (parse_parts). fast = false: GMime only. */
static struct invite *
message(const char *buf, size_t len, const struct parse_limits *lim,
    bool fast, struct parse_parts *out)
{
	static const struct parse_limits defaults = PARSE_LIMITS_DEFAULT;
	struct invite *inv = invite_new();
	struct walk w = { inv, lim ? lim : &defaults, 0, 0, buf, buf, out, 0 };
	char *nonul = NULL;
	GByteArray *arr;
	GMimeMessage *msg;
	InternetAddressList *from;
	struct mf_msg mf;
	struct amb amb = { 0 };
	size_t skip;

	inv->text_bytes = w.lim->text_bytes;
	inv->max_texts = w.lim->texts;
	if (buf == NULL || len == 0) {
		invite_set_problem(inv, 0, "empty input");
		return inv;
	}
	if (len > w.lim->message_bytes) {
		invite_limit(inv, "message_bytes",
		    "message larger than limits.message_bytes");
		len = w.lim->message_bytes;
	}
	/* Blank lines before the first header (issue 17: a first line of
	 * blanks made GMime read no header at all, and the message was no
	 * invitation, where other readers skip it): the message is read
	 * from its first non-blank line on. w.buf stays the start, so the
	 * offsets parse_parts() gives are the message's own. */
	skip = blank_lines(buf, len);
	/* Before either reader, so both give the same result. */
	if (over_precount(inv, buf + skip, len - skip, w.lim)) {
		finish(inv);
		return inv;
	}
	/* Plain, well-formed messages (most invitations) are read without
	 * building GMime's objects, with the same result; anything else
	 * goes to GMime. */
	if (fast && mf_parse(buf + skip, len - skip, w.lim, &mf)) {
		parse_fast(&w, buf + skip, &mf);
		mf_free(&mf);
		finish(inv);
		return inv;
	}
	/* GMime ends a header value at a NUL byte (a Subject "Hej<NUL>
	 * 19121212-1212" read as "Hej"), and so did every copy of text
	 * after it: a NUL is a space in all of parse/ (issue 17). A message
	 * with NUL bytes is read from a copy with spaces in their place (of
	 * the same length: offsets stay valid); mime_leaf() still notes a NUL
	 * in a calendar part from the original. mimefast.c never reads
	 * such a message. */
	if (memchr(buf, '\0', len) != NULL) {
		nonul = g_memdup2(buf, len);
		for (char *p = memchr(nonul, '\0', len); p != NULL;
		    p = memchr(p, '\0', len - (size_t)(p - nonul)))
			*p = ' ';
		buf = w.buf = nonul;
	}
	msg = gmime_parse(buf + skip, len - skip, &arr);
	if (msg == NULL) {
		g_free(nonul);
		invite_set_problem(inv, INV_MIME_BROKEN,
		    "not an e-mail message (no header could be read)");
		return inv;
	}
	inv->subject = subject_of(inv, msg);
	if (inv->subject)
		invite_add_text(inv, FLD_SUBJECT, -1, inv->subject,
		    strlen(inv->subject));
	shown_headers(inv, msg);
	if (g_mime_message_get_message_id(msg))
		inv->message_id = g_strdup(g_mime_message_get_message_id(msg));
	from = g_mime_message_get_from(msg);
	if (from && internet_address_list_length(from) > 0) {
		InternetAddress *a = internet_address_list_get_address(from, 0);

		if (INTERNET_ADDRESS_IS_MAILBOX(a))
			inv->from = g_ascii_strdown(internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(a)), -1);
	}
	amb.cuts = g_array_new(FALSE, FALSE, sizeof(gint64));
	amb.buf = buf;
	amb.len = len;
	amb.skip = skip;
	amb_walk(g_mime_message_get_mime_part(msg), &amb, 0);
	if (amb.n > 0)
		w.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		    NULL);
	walk(&w, g_mime_message_get_mime_part(msg), 0);
	g_object_unref(msg);
	(void)g_byte_array_free(arr, FALSE);
	if (amb.n > 0)
		second_reading(&w, &amb);
	if (amb.many || amb.n > 1)
		invite_limit(inv, "mime_ambiguous", "MIME headers that can be "
		    "read more than two ways (repeated Content-Type, "
		    "Content-Transfer-Encoding or boundary)");
	if (w.seen != NULL)
		g_hash_table_destroy(w.seen);
	g_array_free(amb.cuts, TRUE);
	g_free(nonul);
	finish(inv);
	return inv;
}

struct invite *
parse_ics(const char *buf, size_t len, const struct parse_limits *lim)
{
	static const struct parse_limits defaults = PARSE_LIMITS_DEFAULT;
	gint64 t0 = g_get_monotonic_time();
	struct invite *inv = invite_new();
	bool guessed = false, nul = false;
	char *u, *b;

	inv->text_bytes = (lim ? lim : &defaults)->text_bytes;
	inv->max_texts = (lim ? lim : &defaults)->texts;
	if (buf == NULL || len == 0) {
		invite_set_problem(inv, 0, "empty input");
		return inv;
	}
	b = g_memdup2(buf, len);
	u = calendar_decode(b, len, NULL, &guessed, &nul);
	g_free(b);
	if (guessed)
		inv->flags |= INV_CHARSET_GUESSED;
	if (nul)
		inv->flags |= INV_CAL_NUL;
	ical_parse_timed(inv, u, strlen(u), true, lim ? lim : &defaults);
	g_free(u);
	finish(inv);
	inv->parse_us = g_get_monotonic_time() - t0;
	return inv;
}

/* buf[0..len) is a bare iCalendar object, not a message: a UTF-16
 * byte-order mark, or BEGIN:VCALENDAR / BEGIN:VEVENT first (after a
 * UTF-8 byte-order mark and blanks), its NUL bytes and the bytes of a
 * UTF-16/32 byte-order mark left out (UTF-16/32 without a mark, NULs
 * the calendar's decoder reads as blanks). */
static bool
is_ics(const char *buf, size_t len)
{
	char head[20];
	size_t i = 0, k = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	if (len >= 2 && ((guchar)buf[0] == 0xFF || (guchar)buf[0] == 0xFE))
		return true;
	for (; i < len && i < 256 && k < sizeof(head); i++) {
		guchar c = (guchar)buf[i];

		if (c == 0 || c == 0xFE || c == 0xFF ||
		    (k == 0 && g_ascii_isspace(c)))
			continue;
		head[k++] = (char)c;
	}
	if (k >= 15 && g_ascii_strncasecmp(head, "BEGIN:VCALENDAR", 15) == 0)
		return true;
	return k >= 12 && g_ascii_strncasecmp(head, "BEGIN:VEVENT", 12) == 0;
}

struct invite *
parse_any(const char *buf, size_t len, const struct parse_limits *lim)
{
	if (is_ics(buf, len))
		return parse_ics(buf, len, lim);
	return parse_message(buf, len, lim);
}

/* parse_parts() of a message: fast as in message(). */
static struct parse_parts *
parts_of(const char *buf, size_t len, const struct parse_limits *lim,
    bool fast)
{
	struct parse_parts *pp = g_new0(struct parse_parts, 1);

	if (buf == NULL || len == 0)
		return pp;
	if (is_ics(buf, len)) {
		char *b = g_memdup2(buf, len);

		pp->v = g_new0(struct parse_part, 1);
		pp->n = 1;
		pp->v[0].kind = PARSE_PART_CALENDAR;
		pp->v[0].text = charset_calendar_utf8(b, len, NULL, NULL);
		pp->v[0].len = len;
		g_free(b);
		return pp;
	}
	invite_free(message(buf, len, lim, fast, pp));
	return pp;
}

struct parse_parts *
parse_parts(const char *buf, size_t len, const struct parse_limits *lim)
{
	return parts_of(buf, len, lim, true);
}

struct parse_parts *
parse_parts_gmime(const char *buf, size_t len, const struct parse_limits *lim)
{
	return parts_of(buf, len, lim, false);
}

void
parse_parts_free(struct parse_parts *pp)
{
	if (pp == NULL)
		return;
	for (size_t i = 0; i < pp->n; i++) {
		g_free(pp->v[i].text);
		g_free(pp->v[i].charset);
	}
	g_free(pp->v);
	g_free(pp);
}
