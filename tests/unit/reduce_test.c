/*
 * reduce_test.c: parse/reduce.c, the streaming MIME reducer. Each case
 * is reduced whole and in chunks split at every position (and one byte
 * at a time), with CRLF and with LF line ends: the output and the flags
 * must not depend on the chunks; what must stay and what must go is
 * checked; and parse_message() must read the reduced message as it
 * reads the original (attachment sizes aside: dropped content is
 * empty). Then the same differential check over every message of the
 * corpora. Failures name the case, never the content.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "parse/parse.h"
#include "parse/reduce.h"
#include "tests/lib/invdump.h"

static long fails, checks;

#define BIG	((size_t)1 << 30)

struct red {
	char	*out;
	size_t	 len;
	bool	 dropped, over;
};

/* Reduces m[0..n) in chunks: split > 0 cuts once there, step > 0 feeds
 * step bytes at a time. keep_whole 0: always streamed. */
static struct red
run(const char *m, size_t n, size_t split, size_t step, size_t max_out,
    const struct parse_limits *lim)
{
	struct reduce *r = reduce_new(lim, 0, max_out);
	struct red o;
	const char *d;

	if (step > 0)
		for (size_t p = 0; p < n; p += step)
			reduce_feed(r, m + p, MIN(step, n - p));
	else {
		reduce_feed(r, m, split);
		reduce_feed(r, m + split, n - split);
	}
	reduce_finish(r);
	d = reduce_data(r, &o.len);
	o.out = g_memdup2(d, o.len);
	o.dropped = reduce_dropped(r);
	o.over = reduce_over_cap(r);
	reduce_free(r);
	return o;
}

/* invdump with attachment sizes blanked. */
static char *
dump(const char *m, size_t n)
{
	struct invite *inv = parse_message(m, n, NULL);
	char *s = invdump(inv);
	GRegex *re = g_regex_new("  size=[0-9]+ inline", 0, 0, NULL);
	char *t = g_regex_replace_literal(re, s, -1, 0, "  size=? inline", 0,
	    NULL);

	g_regex_unref(re);
	g_free(s);
	invite_free(inv);
	return t;
}

static void
fail(const char *name, const char *what)
{
	printf("not ok - %s: %s\n", name, what);
	fails++;
}

/* The reduced message reads as the original: same invite. */
static void
same_reading(const char *name, const char *m, size_t n, const struct red *o)
{
	char *a = dump(m, n), *b = dump(o->out, o->len);

	checks++;
	if (strcmp(a, b) != 0)
		fail(name, "parse_message reads the reduced message otherwise");
	g_free(a);
	g_free(b);
}

/* Every split of m gives the output of the whole feed. */
static void
chunk_invariant(const char *name, const char *m, size_t n,
    const struct red *whole)
{
	for (size_t s = 0; s <= n; s++) {
		struct red o = run(m, n, s, 0, BIG, NULL);

		checks++;
		if (o.len != whole->len || memcmp(o.out, whole->out, o.len) ||
		    o.dropped != whole->dropped || o.over != whole->over) {
			char w[64];

			snprintf(w, sizeof(w), "differs when split at %zu", s);
			fail(name, w);
			g_free(o.out);
			return;
		}
		g_free(o.out);
	}
	for (size_t step = 1; step <= 3; step++) {
		struct red o = run(m, n, 0, step, BIG, NULL);

		checks++;
		if (o.len != whole->len || memcmp(o.out, whole->out, o.len))
			fail(name, "differs in small steps");
		g_free(o.out);
	}
}

struct tcase {
	const char	*name;
	const char	*msg;
	bool		 dropped, over;
	const char	*keep[3];	/* must stay */
	const char	*gone[3];	/* must go */
};

#define HDR	"From: a@kommun.example\r\nTo: b@kommun.example\r\n" \
		"Subject: Mote\r\nMIME-Version: 1.0\r\n"
#define CAL	"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n" \
		"UID:1\r\nDTSTART:20270101T100000Z\r\nSUMMARY:Planering\r\n" \
		"END:VEVENT\r\nEND:VCALENDAR\r\n"

static const struct tcase cases[] = {
	{ "plain text", HDR "Content-Type: text/plain\r\n\r\nHej hej\r\n",
	  false, false, { "Hej hej" }, { NULL } },
	{ "calendar and pdf", HDR
	  "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
	  "preamble\r\n--b1\r\nContent-Type: text/plain\r\n\r\nText ok\r\n"
	  "--b1\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n" CAL
	  "--b1\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\n"
	  "Content-Transfer-Encoding: base64\r\n"
	  "Content-Disposition: attachment; filename=\"a.pdf\"\r\n\r\n"
	  "SEKRETSEKRETSEKRET\r\nQUJDREVG\r\n--b1--\r\nepilogue\r\n",
	  true, false, { "Text ok", "SUMMARY:Planering", "a.pdf" },
	  { "SEKRET" } },
	{ "nested multipart", HDR
	  "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
	  "--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n"
	  "\r\n--inner\r\nContent-Type: text/plain\r\n\r\nPlain body\r\n"
	  "--inner\r\nContent-Type: text/html\r\n\r\n<p>Html body</p>\r\n"
	  "--inner\r\nContent-Type: text/calendar\r\n\r\n" CAL "--inner--\r\n"
	  "--outer\r\nContent-Type: image/png; name=x.png\r\n\r\nPNGDATA\r\n"
	  "--outer--\r\n",
	  true, false, { "Plain body", "Html body", "x.png" }, { "PNGDATA" } },
	{ "outer boundary closes inner", HDR
	  "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
	  "--outer\r\nContent-Type: multipart/mixed; boundary=inner\r\n\r\n"
	  "--inner\r\nContent-Type: application/zip\r\n\r\nZIPDATA\r\n"
	  "--outer\r\nContent-Type: text/plain\r\n\r\nAfter outer\r\n"
	  "--outer--\r\n",
	  true, false, { "After outer" }, { "ZIPDATA" } },
	{ "ambiguous content-type kept", HDR
	  "Content-Type: multipart/mixed; boundary=b\r\n"
	  "Content-Type: text/plain\r\n\r\n"
	  "--b\r\nContent-Type: application/pdf\r\n\r\nKEEPME\r\n--b--\r\n",
	  false, false, { "KEEPME" }, { NULL } },
	{ "ambiguous part headers kept", HDR
	  "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	  "--b\r\nContent-Type: application/pdf\r\n"
	  "Content-Type: text/calendar\r\n\r\n" CAL "--b\r\n"
	  "Content-Type: application/pdf\r\n"
	  "Content-Transfer-Encoding: base64\r\n"
	  "Content-Transfer-Encoding: 7bit\r\n\r\nTWOCTE\r\n--b--\r\n",
	  false, false, { "SUMMARY:Planering", "TWOCTE" }, { NULL } },
	{ "two boundaries kept", HDR
	  "Content-Type: multipart/mixed; boundary=a; boundary=b\r\n\r\n"
	  "--a\r\nContent-Type: application/pdf\r\n\r\nBOTHREAD\r\n--a--\r\n",
	  false, false, { "BOTHREAD" }, { NULL } },
	{ "base64 and qp text", HDR
	  "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	  "--b\r\nContent-Type: text/plain; charset=utf-8\r\n"
	  "Content-Transfer-Encoding: base64\r\n\r\nSGVqIHDDpSBkaWc=\r\n"
	  "--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
	  "Content-Transfer-Encoding: quoted-printable\r\n\r\nH=E4lsning=\r\n"
	  " fr=E5n\r\n--b\r\nContent-Type: text/calendar\r\n"
	  "Content-Transfer-Encoding: base64\r\n\r\n"
	  "QkVHSU46VkNBTEVOREFSDQpFTkQ6VkNBTEVOREFSDQo=\r\n--b--\r\n",
	  false, false, { "SGVqIHDDpSBkaWc=", "H=E4lsning=" }, { NULL } },
	{ "missing final boundary", HDR
	  "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	  "--b\r\nContent-Type: text/calendar\r\n\r\n" CAL
	  "--b\r\nContent-Type: application/octet-stream\r\n\r\nLOSTDATA",
	  true, false, { "SUMMARY:Planering" }, { "LOSTDATA" } },
	{ "boundary-like lines", HDR
	  "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	  "--b\r\nContent-Type: application/octet-stream\r\n\r\n--bx\r\n"
	  "--b--x\r\nXDATA\r\n--b \t \r\nContent-Type: text/plain\r\n\r\n"
	  "Tail text\r\n--b--  \r\n",
	  true, false, { "Tail text" }, { "XDATA", "--bx" } },
	{ "forwarded message", HDR
	  "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	  "--b\r\nContent-Type: message/rfc822\r\n\r\n"
	  "Subject: Inner subject\r\nContent-Type: multipart/mixed; "
	  "boundary=c\r\n\r\n--c\r\nContent-Type: text/plain\r\n\r\n"
	  "Inner text\r\n--c\r\nContent-Type: application/pdf; name=in.pdf\r\n"
	  "\r\nINNERPDF\r\n--c--\r\n--b--\r\n",
	  true, false, { "Inner subject", "Inner text", "in.pdf" },
	  { "INNERPDF" } },
	{ "tnef and named calendar kept", HDR
	  "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	  "--b\r\nContent-Type: application/ms-tnef; name=winmail.dat\r\n\r\n"
	  "TNEFDATA\r\n--b\r\nContent-Type: application/octet-stream; "
	  "name=\"invite.ics\"\r\n\r\n" CAL "--b\r\n"
	  "Content-Type: application/octet-stream\r\nContent-Disposition: "
	  "attachment; filename*=utf-8''x.ics\r\n\r\nENCNAME\r\n--b--\r\n",
	  false, false, { "TNEFDATA", "SUMMARY:Planering", "ENCNAME" },
	  { NULL } },
	{ "text attachment is a file", HDR
	  "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	  "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment;"
	  " filename=log.txt\r\n\r\nLOGDATA\r\n--b--\r\n",
	  true, false, { "log.txt" }, { "LOGDATA" } },
	{ "not a header line", HDR
	  "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	  "--b\r\nContent-Type: application/pdf\r\nno colon here\r\n"
	  "KEPTBODY\r\n--b--\r\n",
	  false, false, { "KEPTBODY" }, { NULL } },
	{ "comment in a part's type (once freed twice)", HDR
	  "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	  "--b\r\nContent-Type: application/pdf (a comment)\r\n\r\n"
	  "COMMENTED\r\n--b\r\nContent-Type: text/plain\r\n\r\nAfter\r\n"
	  "--b--\r\n",
	  false, false, { "COMMENTED", "After" }, { NULL } },
	{ "big doubt multipart follows every reading", HDR
	  "Content-Type: multipart/mixed; boundary=b\r\n"
	  "Content-Type: text/plain\r\n\r\n--b\r\n"
	  "Content-Type: application/pdf\r\n\r\nSMALLPDF\r\n--b\r\n"
	  "Content-Type: text/calendar\r\n\r\n" CAL "--b--\r\n",
	  false, false, { "SMALLPDF", "SUMMARY:Planering" }, { NULL } },
	/* adversarial pass, session 16: parameters as GMime reads them */
	{ "boundary after a quoted ';'", HDR
	  "Content-Type: multipart/mixed; x=\"1;boundary=c z\"; boundary=b"
	  "\r\n\r\n--b\r\nContent-Type: application/pdf\r\n\r\nQPDF\r\n"
	  "--b\r\nContent-Type: text/calendar\r\n\r\n" CAL "--b--\r\n",
	  true, false, { "SUMMARY:Planering" }, { "QPDF" } },
	{ "file name after a quoted ';', in RFC 2231 pieces", HDR
	  "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	  "--b\r\nContent-Type: application/octet-stream; "
	  "x=\"a;name=b.pdf\"; name=invite.ics\r\n\r\nQNAME\r\n"
	  "--b\r\nContent-Type: application/octet-stream\r\n"
	  "Content-Disposition: attachment; filename*0=\"invite\"; "
	  "filename*1=\".ics\"\r\n\r\nCONTNAME\r\n--b\r\n"
	  "Content-Type: application/octet-stream; name*0=inv; name*1=ite.ics"
	  "\r\n\r\nCONTNAME2\r\n--b--\r\n",
	  false, false, { "QNAME", "CONTNAME", "CONTNAME2" }, { NULL } },
	{ "unquoted boundary with a blank: both readings", HDR
	  "Content-Type: multipart/mixed; boundary=b c\r\n\r\n"
	  "--b c\r\nContent-Type: text/calendar\r\n\r\n" CAL
	  "--b c--\r\n",
	  false, false, { "SUMMARY:Planering" }, { NULL } },
	{ "boundary ending in a blank", HDR
	  "Content-Type: multipart/mixed; boundary=\"b \"\r\n\r\n"
	  "--b \r\nContent-Type: application/pdf\r\n\r\nBLANKPDF\r\n"
	  "--b\r\nNOBOUNDARY\r\n--b \t\r\nContent-Type: text/calendar\r\n\r\n"
	  CAL "--b --\r\n",
	  true, false, { "SUMMARY:Planering" }, { "BLANKPDF", "NOBOUNDARY" } },
	{ "boundary as an encoded word (GMime decodes it)", HDR
	  "Content-Type: multipart/mixed; boundary=\"=?us-ascii?q?b?=\"\r\n\r\n"
	  "--b\r\nContent-Type: text/calendar\r\n\r\n" CAL "--b--\r\n",
	  false, false, { "SUMMARY:Planering" }, { NULL } },
	{ "boundary in RFC 2231 pieces", HDR
	  "Content-Type: multipart/mixed; boundary*0*=us-ascii''b%2D; "
	  "boundary*1=c\r\n\r\n--b-c\r\nContent-Type: application/pdf\r\n\r\n"
	  "PIECEPDF\r\n--b-c\r\nContent-Type: text/calendar\r\n\r\n" CAL
	  "--b-c--\r\n",
	  true, false, { "SUMMARY:Planering" }, { "PIECEPDF" } },
	{ "digest part without Content-Type: a message, followed", HDR
	  "Content-Type: multipart/digest; boundary=b\r\n\r\n--b\r\n\r\n"
	  "Subject: Inner\r\nContent-Type: multipart/mixed; boundary=i\r\n\r\n"
	  "--i\r\nContent-Type: application/pdf\r\n\r\nDIGESTPDF\r\n--i\r\n"
	  "Content-Type: text/calendar\r\n\r\n" CAL "--i--\r\n--b--\r\n",
	  true, false, { "Subject: Inner", "SUMMARY:Planering" },
	  { "DIGESTPDF" } },
	{ "top-level file", HDR "Content-Type: application/pdf\r\n\r\n"
	  "TOPPDF\r\n", true, false, { "application/pdf" }, { "TOPPDF" } },
	{ "headers without end", HDR "Content-Type: text/plain",
	  false, false, { "Content-Type: text/plain" }, { NULL } },
};

/* s with every CRLF made LF. */
static char *
lf_only(const char *s)
{
	GString *o = g_string_new(NULL);

	for (; *s; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			g_string_append_c(o, *s);
	return g_string_free(o, FALSE);
}

static void
one_case(const struct tcase *c, const char *msg, const char *variant)
{
	size_t n = strlen(msg);
	struct red o = run(msg, n, n, 0, BIG, NULL);
	char *name = g_strdup_printf("%s (%s)", c->name, variant);

	checks++;
	if (o.dropped != c->dropped)
		fail(name, "dropped flag");
	if (o.over != c->over)
		fail(name, "over_cap flag");
	for (size_t i = 0; i < G_N_ELEMENTS(c->keep) && c->keep[i]; i++)
		if (g_strstr_len(o.out, (gssize)o.len, c->keep[i]) == NULL)
			fail(name, "a kept piece is missing");
	for (size_t i = 0; i < G_N_ELEMENTS(c->gone) && c->gone[i]; i++)
		if (g_strstr_len(o.out, (gssize)o.len, c->gone[i]) != NULL)
			fail(name, "a dropped piece stayed");
	same_reading(name, msg, n, &o);
	chunk_invariant(name, msg, n, &o);
	g_free(o.out);
	g_free(name);
}

/* Caps: a long text body is kept up to the text cap (over cap), a long
 * attachment costs nothing and is not over cap. */
static void
caps(void)
{
	struct parse_limits lim = PARSE_LIMITS_DEFAULT;
	GString *m = g_string_new(HDR "Content-Type: multipart/mixed; "
	    "boundary=b\r\n\r\n--b\r\nContent-Type: application/pdf\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n");
	struct red o;

	lim.text_bytes = 1000;
	lim.ics_bytes = 1000;
	for (int i = 0; i < 20000; i++)
		g_string_append(m, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xt"
		    "bm9wcXJzdHV2d3h5ejAxMjM0NTY3\r\n");
	g_string_append(m, "--b\r\nContent-Type: text/calendar\r\n\r\n" CAL
	    "--b--\r\n");
	o = run(m->str, m->len, m->len, 0, BIG, &lim);
	checks++;
	if (!o.dropped || o.over || o.len > 2000 ||
	    g_strstr_len(o.out, (gssize)o.len, "SUMMARY:Planering") == NULL)
		fail("big attachment", "not dropped, or over cap");
	g_free(o.out);
	g_string_truncate(m, 0);
	g_string_append(m, HDR "Content-Type: text/plain\r\n\r\n");
	for (int i = 0; i < 2000; i++)
		g_string_append(m, "Lang text som fortsatter.\r\n");
	o = run(m->str, m->len, m->len, 0, BIG, &lim);
	checks++;
	if (!o.over || o.len > 1000 + 1000 / 8 + 4096 + 200)
		fail("long text", "not over cap, or kept beyond the cap");
	g_free(o.out);
	/* a header block read two ways, a big file in one reading: the
	 * calendar after it is kept, the file beyond the text cap makes it
	 * over cap (the other reading reads it as text) */
	g_string_truncate(m, 0);
	g_string_append(m, HDR "Content-Type: multipart/mixed; boundary=b\r\n"
	    "Content-Type: text/plain\r\n\r\n--b\r\nContent-Type: "
	    "application/pdf\r\n\r\n");
	for (int i = 0; i < 20000; i++)
		g_string_append(m, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xt"
		    "bm9wcXJzdHV2d3h5ejAxMjM0NTY3\r\n");
	g_string_append(m, "--b\r\nContent-Type: text/calendar\r\n\r\n" CAL
	    "--b--\r\n");
	o = run(m->str, m->len, m->len, 0, BIG, &lim);
	checks++;
	if (!o.over || !o.dropped || o.len > 3000 + 4096 + 1000 ||
	    g_strstr_len(o.out, (gssize)o.len, "SUMMARY:Planering") == NULL)
		fail("big doubt multipart", "calendar lost, or not over cap");
	g_free(o.out);
	/* the reduced message beyond max_out: over cap */
	o = run(m->str, m->len, m->len, 0, 1000, NULL);
	checks++;
	if (!o.over || o.len > 1000)
		fail("max_out", "not over cap, or beyond max_out");
	g_free(o.out);
	g_string_free(m, TRUE);
}

/* A part whose header block is longer than a chunk (a 200 KB folded
 * header), fed in the MTA's 64 KB chunks: the same output as fed
 * whole, headers kept, content dropped; and memory stays small while a
 * 20 MB attachment streams through. */
static void
long_headers(void)
{
	GString *m = g_string_new(HDR "Content-Type: multipart/mixed; "
	    "boundary=b\r\n\r\n--b\r\nContent-Type: application/pdf; "
	    "name=long.pdf\r\nX-Long: a");
	struct red w, o;
	struct reduce *r;
	size_t peak = 0;

	for (int i = 0; i < 4000; i++)
		g_string_append(m, "\r\n lang rad i ett huvud som fortsatter");
	g_string_append(m, "\r\n\r\nPDFDATA\r\n--b\r\nContent-Type: "
	    "text/calendar\r\n\r\n" CAL "--b--\r\n");
	w = run(m->str, m->len, m->len, 0, BIG, NULL);
	o = run(m->str, m->len, 0, 65536, BIG, NULL);
	checks++;
	if (o.len != w.len || memcmp(o.out, w.out, o.len) != 0 || !o.dropped ||
	    g_strstr_len(o.out, (gssize)o.len, "long.pdf") == NULL ||
	    g_strstr_len(o.out, (gssize)o.len, "PDFDATA") != NULL ||
	    g_strstr_len(o.out, (gssize)o.len, "SUMMARY:Planering") == NULL)
		fail("long part headers", "differ in 64 KB chunks, or lost");
	g_free(w.out);
	g_free(o.out);
	/* 20 MB of attachment in 64 KB chunks: memory does not grow */
	r = reduce_new(NULL, 65536, 1 << 20);
	reduce_feed(r, cases[1].msg, strstr(cases[1].msg, "SEKRET") -
	    cases[1].msg);
	g_string_truncate(m, 0);
	for (int i = 0; i < 840; i++)
		g_string_append(m, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xt"
		    "bm9wcXJzdHV2d3h5ejAxMjM0NTY3\r\n");
	for (int i = 0; i < 320; i++) {
		reduce_feed(r, m->str, m->len);
		peak = MAX(peak, reduce_mem(r));
	}
	reduce_feed(r, "--b1--\r\n", 9);
	reduce_finish(r);
	checks++;
	if (reduce_total(r) < 20u << 20 || peak > 200000 || !reduce_dropped(r))
		fail("20 MB attachment", "memory grew with dropped content");
	reduce_free(r);
	g_string_free(m, TRUE);
}

/* keep_whole: up to it the message is kept byte for byte. */
static void
whole(void)
{
	const char *m = cases[1].msg;
	size_t n = strlen(m), len;
	struct reduce *r = reduce_new(NULL, n, n);
	const char *d;

	reduce_feed(r, m, 10);
	reduce_feed(r, m + 10, n - 10);
	reduce_finish(r);
	d = reduce_data(r, &len);
	checks++;
	if (len != n || memcmp(d, m, n) != 0 || reduce_dropped(r) ||
	    reduce_total(r) != n)
		fail("keep_whole", "not kept whole");
	reduce_free(r);
	r = reduce_new(NULL, n / 2, n);
	reduce_feed(r, m, n);
	reduce_finish(r);
	d = reduce_data(r, &len);
	checks++;
	if (!reduce_dropped(r) || strstr(d, "SEKRET") != NULL)
		fail("keep_whole", "outgrown, not reduced");
	reduce_free(r);
}

/* Every message of the corpora, streamed: the same reading. */
static void
corpus(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *e;

	if (d == NULL)
		return;
	while ((e = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(dir, e, NULL);
		char *buf;
		gsize n;

		if (g_file_test(p, G_FILE_TEST_IS_DIR))
			corpus(p);
		else if (getenv("REDUCE_VERBOSE") != NULL &&
		    g_str_has_suffix(e, ".eml"))
			printf("# %s\n", p);
		else if (g_str_has_suffix(e, ".eml") &&
		    g_file_get_contents(p, &buf, &n, NULL)) {
			struct red o = run(buf, n, n / 2, 0, BIG, NULL);

			if (!o.over)
				same_reading(p, buf, n, &o);
			g_free(o.out);
			g_free(buf);
		}
		g_free(p);
	}
	g_dir_close(d);
}

int
main(void)
{
	parse_init();
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *lf = lf_only(cases[i].msg);

		one_case(&cases[i], cases[i].msg, "CRLF");
		one_case(&cases[i], lf, "LF");
		g_free(lf);
	}
	caps();
	long_headers();
	whole();
	corpus("tests/corpus");
	corpus("../shared/corpus");
	/* more: REDUCE_CORPUS=dir (e.g. the evasion corpus of
	 * tests/evasion/gen.py) */
	if (getenv("REDUCE_CORPUS") != NULL)
		corpus(getenv("REDUCE_CORPUS"));
	printf("%s - reduce: %ld checks, %ld failures\n", fails ? "not ok" :
	    "ok", checks, fails);
	return fails ? 1 : 0;
}
