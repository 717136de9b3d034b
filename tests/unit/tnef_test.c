/*
 * tnef_test.c: parse/tnef.c over real TNEF parts from public test
 * suites (third-party data, so not in this repository: read from
 * $SHARED/corpus/tnef/ with its PROVENANCE.tsv, default ../shared; the
 * tests on them are skipped, saying so, where it is absent), each field checked
 * against what the file holds (ytnef -v, the source project's own
 * tests); then hand-built streams for what libytnef 2.0 cannot take on
 * its own, the RTF pass, and broken input: every cut of a real part,
 * zero length, garbage behind a valid signature. Run under ASan with
 * make check SANITIZE=1 TESTS=tnef.
 */
#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "parse/parse_int.h"
#include "parse/tnef.h"

static const char *data_dir;	/* $SHARED/corpus/tnef/ */

static GBytes *
load(const char *name)
{
	gchar *p = g_strconcat(data_dir, name, NULL), *b = NULL;
	gsize n = 0;
	GError *e = NULL;

	if (!g_file_get_contents(p, &b, &n, &e))
		g_error("%s: %s", p, e->message);
	g_free(p);
	return g_bytes_new_take(b, n);
}

static struct tnef *
read_file(const char *name)
{
	GBytes *b = load(name);
	gsize n;
	const unsigned char *d = g_bytes_get_data(b, &n);
	struct tnef *t = tnef_read(d, n, NULL);

	g_bytes_unref(b);
	return t;
}

static const struct tnef_person *
person(const struct tnef *t, const char *addr)
{
	for (size_t i = 0; i < t->n_attendees; i++)
		if (t->attendees[i].addr != NULL &&
		    strcmp(t->attendees[i].addr, addr) == 0)
			return &t->attendees[i];
	return NULL;
}

/* ---- real parts, one row each ---- */

struct row {
	const char	*file;
	bool		 parsed;
	const char	*cls;
	enum tnef_kind	 kind;
	const char	*method;
	const char	*subject;	/* NULL: none */
	const char	*location;
	bool		 recurring;
	time_t		 start, end;
	const char	*attendee;	/* an address among the attendees */
	const char	*organizer;	/* organizer address */
	const char	*body_in;	/* in one of the bodies */
	const char	*attach;	/* an attachment name */
	size_t		 n_attach;
};

static const struct row rows[] = {
	/* ytnefprint: MtgReq, PidLidLocation "Office", 0x8223 True,
	 * AppointmentStartWhole 2013-12-23 17:00 UTC, "every Monday ..." */
	{ "meeting-request-recurring.tnef", true,
	  "IPM.Schedule.Meeting.Request", TNEF_KIND_REQUEST, "REQUEST",
	  "Meeting", "Office", true, 1387818000, 1387819800,
	  "mike@theupstairsroom.com", NULL, NULL, NULL, 0 },
	/* horde TnefTest::testMeetingTnef: SUMMARY, DESCRIPTION, ATTENDEE */
	{ "meeting-request.tnef", true, "IPM.Schedule.Meeting.Request",
	  TNEF_KIND_REQUEST, "REQUEST", "Test Meeting", "Clayton, NJ", false,
	  1422450000, 1422451800, "mrubinsk@horde.org", NULL,
	  "This is a test meeting.", NULL, 0 },
	/* horde TnefTest::testItipReply: REPLY, SUMMARY, ATTENDEE */
	{ "meeting-resp-pos.tnef", true, "IPM.Schedule.Meeting.Resp.Pos",
	  TNEF_KIND_RESP_POS, "REPLY", "Zugesagt: Infoveranstaltung VDI/VDE "
	  "Jena \"Digitalisierung Medizintechnik\"", NULL, false, 1423695600,
	  1423782000, "j.meier@medizin.uni-leipzig.de", NULL, NULL, NULL, 0 },
	/* verdammelt/tnef triples baseline: attFrom triples, attBody */
	{ "appointment.tnef", true, "IPM.Appointment", TNEF_KIND_APPOINTMENT,
	  "PUBLISH", "Sample Summary", "Sample Location", false, 1053698400,
	  1053702000, NULL, "rakhmanoff@sundance.spb.ru", "Sample description",
	  NULL, 0 },
	/* not meetings: only class and attachment names */
	{ "task-request.tnef", true, "IPM.TaskRequest", TNEF_KIND_OTHER, NULL,
	  NULL, NULL, false, 0, 0, NULL, NULL, NULL, "Untitled Attachment", 1 },
	{ "rtf-note.tnef", true, "IPM.Note", TNEF_KIND_OTHER, NULL, NULL, NULL,
	  false, 0, 0, NULL, NULL, NULL, NULL, 0 },
	{ "long-filename.tnef", true, "IPM.Note", TNEF_KIND_OTHER, NULL, NULL,
	  NULL, false, 0, 0, NULL, NULL, NULL, "allproductsmar2000.dat", 1 },
	/* libytnef alone fails this one (a property name of 102 bytes) */
	{ "rich-text-note.tnef", true, "IPM.Note", TNEF_KIND_OTHER, NULL, NULL,
	  NULL, false, 0, 0, NULL, NULL, NULL,
	  "kitten-playing-with-a-christmas-tree.jpg", 3 },
	{ "garbage-at-end.tnef", true, "Report.IPM.Note.IPNRN",
	  TNEF_KIND_OTHER, NULL, NULL, NULL, false, 0, 0, NULL, NULL, NULL,
	  NULL, 0 },
};

static void
test_real(gconstpointer data)
{
	const struct row *r = data;
	struct tnef *t = read_file(r->file);
	const char *bodies[3] = { t->body_plain, t->body_rtf, t->body_html };
	bool found = false;

	g_assert_true(t->parsed == r->parsed);
	g_assert_cmpstr(t->msg_class, ==, r->cls);
	g_assert_cmpint(t->kind, ==, r->kind);
	g_assert_true(t->is_meeting == (r->kind != TNEF_KIND_OTHER));
	g_assert_cmpstr(t->method, ==, r->method);
	g_assert_cmpstr(t->subject, ==, r->subject);
	g_assert_cmpstr(t->location, ==, r->location);
	g_assert_true(t->recurring == r->recurring);
	g_assert_cmpint(t->start, ==, r->start);
	g_assert_cmpint(t->end, ==, r->end);
	if (r->attendee != NULL)
		g_assert_nonnull(person(t, r->attendee));
	if (r->organizer != NULL) {
		g_assert_true(t->has_organizer);
		g_assert_cmpstr(t->organizer.addr, ==, r->organizer);
	}
	if (r->body_in != NULL) {
		for (int i = 0; i < 3; i++)
			if (bodies[i] != NULL && strstr(bodies[i], r->body_in))
				found = true;
		g_assert_true(found);
	}
	g_assert_cmpuint(t->n_attach, ==, r->n_attach);
	if (r->attach != NULL)
		g_assert_cmpstr(t->attach_names[0], ==, r->attach);
	if (r->kind == TNEF_KIND_OTHER) {
		/* not an invitation: none of the meeting fields */
		g_assert_null(t->body_plain);
		g_assert_null(t->body_rtf);
		g_assert_cmpuint(t->n_attendees, ==, 0);
		g_assert_cmpuint(t->n_other, ==, 0);
	}
	tnef_free(t);
}

static void
test_details(void)
{
	struct tnef *t = read_file("meeting-request-recurring.tnef");

	g_assert_cmpstr(t->recurrence_text, ==,
	    "every Monday from 12:00 PM to 12:30 PM");
	g_assert_nonnull(t->uid);
	g_assert_true(g_str_has_prefix(t->uid, "040000008200E00074C5B7101A82E008"));
	g_assert_false(t->has_organizer);	/* TNEF does not carry it */
	tnef_free(t);

	t = read_file("meeting-request.tnef");
	g_assert_cmpuint(t->n_attendees, ==, 1);
	g_assert_cmpstr(t->attendees[0].name, ==, "Michael Rubinsky");
	g_assert_cmpint(t->attendees[0].role, ==, TNEF_ROLE_REQUIRED);
	tnef_free(t);

	/* the responder is an attendee, not the organizer */
	t = read_file("meeting-resp-pos.tnef");
	g_assert_false(t->has_organizer);
	g_assert_cmpstr(person(t, "j.meier@medizin.uni-leipzig.de")->name, ==,
	    "Meier, Jens");
	tnef_free(t);
}

/* ---- hand-built streams ---- */

static void
p32(GByteArray *b, uint32_t v)
{
	unsigned char x[4] = { (unsigned char)v, (unsigned char)(v >> 8),
	    (unsigned char)(v >> 16), (unsigned char)(v >> 24) };

	g_byte_array_append(b, x, 4);
}

static void
pbytes(GByteArray *b, const void *p, size_t n)
{
	static const unsigned char z[4] = { 0 };

	g_byte_array_append(b, p, (guint)n);
	if (n % 4)
		g_byte_array_append(b, z, (guint)(4 - n % 4));
}

/* a variable-size property (string or binary) */
static void
pvar(GByteArray *b, uint32_t tag, const void *p, size_t n)
{
	p32(b, tag);
	p32(b, 1);
	p32(b, (uint32_t)n);
	pbytes(b, p, n);
}

static void
putf16(GByteArray *b, uint32_t tag, const char *s)
{
	glong n = 0;
	gunichar2 *u = g_utf8_to_utf16(s, -1, NULL, &n, NULL);

	pvar(b, tag, u, (size_t)(n + 1) * 2);
	g_free(u);
}

static void
attr(GByteArray *s, unsigned char lvl, uint32_t id, const void *p, size_t n)
{
	uint16_t sum = 0;
	unsigned char c[2];

	g_byte_array_append(s, &lvl, 1);
	p32(s, id);
	p32(s, (uint32_t)n);
	g_byte_array_append(s, p, (guint)n);
	for (size_t i = 0; i < n; i++)
		sum = (uint16_t)(sum + ((const unsigned char *)p)[i]);
	c[0] = (unsigned char)sum;
	c[1] = (unsigned char)(sum >> 8);
	g_byte_array_append(s, c, 2);
}

/* signature, key, attMessageClass cls, attMsgProps of props (count
 * first) */
static GByteArray *
stream(const char *cls, GByteArray *props, uint32_t nprops)
{
	static const unsigned char head[6] = { 0x78, 0x9F, 0x3E, 0x22, 1, 0 };
	GByteArray *s = g_byte_array_new(), *m = g_byte_array_new();

	g_byte_array_append(s, head, 6);
	attr(s, 1, 0x00078008u, cls, strlen(cls) + 1);
	p32(m, nprops);
	g_byte_array_append(m, props->data, props->len);
	attr(s, 1, 0x00069003u, m->data, m->len);
	g_byte_array_free(m, TRUE);
	return s;
}

/* A subject of 120 characters in PR_SUBJECT (UTF-16: 242 bytes) and no
 * attSubject: libytnef 2.0 fails the whole stream on it by itself. */
static void
test_long_subject(void)
{
	GByteArray *p = g_byte_array_new(), *s;
	GString *subj = g_string_new(NULL);
	struct tnef *t;

	for (int i = 0; i < 12; i++)
		g_string_append(subj, "Mötesämne ");
	putf16(p, 0x0037001Fu, subj->str);		/* PR_SUBJECT */
	putf16(p, 0x0E04001Fu, "Anna Exempel <anna@kommun.example>; "
	    "bo@extern.example");			/* PR_DISPLAY_TO */
	s = stream("IPM.Microsoft Schedule.MtgCncl", p, 2);
	t = tnef_read(s->data, s->len, NULL);
	g_assert_true(t->parsed);
	g_assert_cmpint(t->kind, ==, TNEF_KIND_CANCEL);
	g_assert_cmpstr(t->method, ==, "CANCEL");
	g_string_truncate(subj, subj->len - 1);	/* trimmed */
	g_assert_cmpstr(t->subject, ==, subj->str);
	g_assert_cmpstr(person(t, "anna@kommun.example")->name, ==,
	    "Anna Exempel");
	g_assert_nonnull(person(t, "bo@extern.example"));
	tnef_free(t);
	g_byte_array_free(s, TRUE);
	g_byte_array_free(p, TRUE);
	g_string_free(subj, TRUE);
}

/* a named property (numeric name) in the appointment set */
static void
pnamed_head(GByteArray *b, uint16_t type, uint32_t lid)
{
	static const unsigned char appt[16] = { 0x02, 0x20, 0x06, 0x00, 0, 0,
	    0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46 };

	p32(b, 0x80000000u | type);
	g_byte_array_append(b, appt, 16);
	p32(b, 0);		/* MNID_ID */
	p32(b, lid);
}

/* The fields a meeting request carries in named properties and the
 * HTML body, built by hand the way Outlook writes them. */
static void
test_named(void)
{
	static const char html[] = "<p>Join <a href=\"https://teams.microsoft"
	    ".com/l/meetup-join/19%3ameeting_X%40thread.v2/0\">here</a></p>";
	static const unsigned char recur[8] = { 0x04, 0x30, 0x04, 0x30, 0x0B,
	    0x20, 0x01, 0 };
	GByteArray *p = g_byte_array_new(), *s;
	glong n = 0;
	gunichar2 *u = g_utf8_to_utf16("Rum 1 \xc3\xa5", -1, NULL, &n, NULL);
	struct tnef *t;

	pnamed_head(p, 0x001F, 0x8208);		/* PidLidLocation */
	p32(p, 1);
	p32(p, (uint32_t)(n + 1) * 2);
	pbytes(p, u, (size_t)(n + 1) * 2);
	g_free(u);
	pnamed_head(p, 0x0102, 0x8216);		/* PidLidAppointmentRecur */
	p32(p, 1);
	p32(p, sizeof(recur));
	pbytes(p, recur, sizeof(recur));
	pnamed_head(p, 0x001E, 0x823B);		/* PidLidToAttendeesString */
	p32(p, 1);
	p32(p, 28);
	pbytes(p, "Anna <anna@kommun.example>;", 28);
	pvar(p, 0x10130102u, html, sizeof(html) - 1);	/* PR_HTML */
	pvar(p, 0x0065001Eu, "org@kommun.example", 19); /* PR_SENT_REP_EMAIL */
	s = stream("IPM.Schedule.Meeting.Request", p, 5);
	t = tnef_read(s->data, s->len, NULL);
	g_assert_true(t->parsed);
	g_assert_cmpstr(t->location, ==, "Rum 1 \xc3\xa5");
	g_assert_true(t->recurring);
	g_assert_cmpstr(person(t, "anna@kommun.example")->name, ==, "Anna");
	g_assert_cmpstr(t->body_html, ==, "Join here");
	g_assert_cmpstr(t->teams_url, ==, "https://teams.microsoft.com/l/"
	    "meetup-join/19%3ameeting_X%40thread.v2/0");
	g_assert_cmpstr(t->organizer.addr, ==, "org@kommun.example");
	tnef_free(t);
	g_byte_array_free(s, TRUE);
	g_byte_array_free(p, TRUE);
}

/* A multi-valued property that ends the block: libytnef reads its
 * first value only, then fails the whole block. */
static void
test_mv_last(void)
{
	GByteArray *p = g_byte_array_new(), *s;
	struct tnef *t;

	pvar(p, 0x0037001Eu, "Kategorier", 11);	/* PR_SUBJECT */
	p32(p, 0x6002101Eu);			/* PT_MV_STRING8 */
	p32(p, 2);
	p32(p, 2);
	pbytes(p, "a", 2);
	p32(p, 2);
	pbytes(p, "b", 2);
	s = stream("IPM.Schedule.Meeting.Request", p, 2);
	t = tnef_read(s->data, s->len, NULL);
	g_assert_true(t->parsed);
	g_assert_false(t->truncated);
	g_assert_cmpstr(t->subject, ==, "Kategorier");
	g_assert_cmpuint(t->n_other, ==, 2);	/* both values */
	tnef_free(t);
	g_byte_array_free(s, TRUE);
	g_byte_array_free(p, TRUE);
}

/* An attachment of 20 MB inside its MAPI block: its name is read, its
 * contents are never copied for libytnef (which would fail on them). */
static void
test_big_attachment(void)
{
	static const unsigned char rend[14] = { 1 };
	GByteArray *p = g_byte_array_new(), *a = g_byte_array_new(), *s;
	size_t big = 20u * 1024 * 1024;
	unsigned char *blob = g_malloc0(big);
	struct tnef *t;

	pvar(p, 0x0037001Eu, "Med bilaga", 11);
	s = stream("IPM.Schedule.Meeting.Request", p, 1);
	p32(a, 2);
	pvar(a, 0x37010102u, blob, big);		/* PR_ATTACH_DATA_BIN */
	pvar(a, 0x3707001Eu, "stor.pdf", 9);	/* PR_ATTACH_LONG_FILENAME */
	attr(s, 2, 0x00069002u, rend, sizeof(rend));
	attr(s, 2, 0x00069005u, a->data, a->len);
	t = tnef_read(s->data, s->len, NULL);
	g_assert_true(t->parsed);
	g_assert_false(t->truncated);
	g_assert_cmpstr(t->subject, ==, "Med bilaga");
	g_assert_cmpuint(t->n_attach, ==, 1);
	g_assert_cmpstr(t->attach_names[0], ==, "stor.pdf");
	tnef_free(t);
	g_free(blob);
	g_byte_array_free(a, TRUE);
	g_byte_array_free(s, TRUE);
	g_byte_array_free(p, TRUE);
}

/* PT_CURRENCY and PT_APPTIME are 8 bytes; libytnef reads 4 and
 * misreads every property after one. tnef.c leaves them out. */
static void
test_currency(void)
{
	static const unsigned char eight[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	GByteArray *p = g_byte_array_new(), *s;
	struct tnef *t;

	p32(p, 0x60000006u);			/* PT_CURRENCY */
	g_byte_array_append(p, eight, 8);
	p32(p, 0x60010007u);			/* PT_APPTIME */
	g_byte_array_append(p, eight, 8);
	pvar(p, 0x0037001Eu, "Efter", 6);	/* PR_SUBJECT, STRING8 */
	s = stream("IPM.Schedule.Meeting.Request", p, 3);
	t = tnef_read(s->data, s->len, NULL);
	g_assert_true(t->parsed);
	g_assert_false(t->truncated);
	g_assert_cmpstr(t->subject, ==, "Efter");
	tnef_free(t);
	g_byte_array_free(s, TRUE);
	g_byte_array_free(p, TRUE);
}

/* PR_RTF_COMPRESSED: stored ("MELA"), a header asking for 4 GB, and a
 * compressed stream that ends early (DecompressRTF leaks on it). */
static void
rtf_case(const unsigned char *body, size_t n, const char *want)
{
	GByteArray *p = g_byte_array_new(), *s;
	struct tnef *t;

	pvar(p, 0x10090102u, body, n);
	s = stream("IPM.Schedule.Meeting.Request", p, 1);
	t = tnef_read(s->data, s->len, NULL);
	g_assert_true(t->parsed);
	g_assert_cmpstr(t->body_rtf, ==, want);
	if (want == NULL)
		g_assert_true(t->truncated);
	tnef_free(t);
	g_byte_array_free(s, TRUE);
	g_byte_array_free(p, TRUE);
}

static void
test_rtf_streams(void)
{
	static const char rtf[] = "{\\rtf1\\ansi Hej\\par 19121212-1212}";
	GByteArray *b = g_byte_array_new();

	/* MELA: sizes, magic, crc, then the RTF */
	p32(b, (uint32_t)(12 + sizeof(rtf) - 1));
	p32(b, (uint32_t)(sizeof(rtf) - 1));
	p32(b, 0x414C454Du);
	p32(b, 0);
	g_byte_array_append(b, (const guint8 *)rtf, sizeof(rtf) - 1);
	rtf_case(b->data, b->len, "Hej\n19121212-1212");

	/* LZFu claiming 4 GB out of 20 bytes */
	g_byte_array_set_size(b, 0);
	p32(b, 16);
	p32(b, 0xFFFFFFF0u);
	p32(b, 0x75465A4Cu);
	p32(b, 0);
	p32(b, 0x41414100u);
	rtf_case(b->data, b->len, NULL);

	/* LZFu whose data ends before the promised size: what there is */
	g_byte_array_set_size(b, 0);
	p32(b, 20);
	p32(b, 100);
	p32(b, 0x75465A4Cu);
	p32(b, 0);
	p32(b, 0x72287B00u);		/* flags 0: literals "{(r" */
	p32(b, 0x31667400u);		/* NUL "tf1" */
	rtf_case(b->data, b->len, "(r");

	/* ... and whose last byte is a flag byte: DecompressRTF's
	 * "Corrupted stream" exit, which leaks its buffers, is avoided */
	g_byte_array_set_size(b, 0);
	p32(b, 22);
	p32(b, 100);
	p32(b, 0x75465A4Cu);
	p32(b, 0);
	g_byte_array_append(b, (const guint8 *)"\0{\\rtf1 x\0", 10);
	rtf_case(b->data, b->len, NULL);
	g_byte_array_free(b, TRUE);
}

/* ---- the RTF pass ---- */

static const struct { const char *rtf, *want; } rtf_rows[] = {
	{ "{\\rtf1\\ansi\\ansicpg1252 Hej \\'e5\\'e4\\'f6\\par r\\u228?d}",
	  "Hej åäö\nräd" },
	{ "{\\rtf1{\\fonttbl{\\f0 Arial;}}{\\*\\generator x;}Text}", "Text" },
	{ "{\\rtf1\\fromhtml1{\\*\\htmltag <p>}\\htmlrtf {\\b x}\\htmlrtf0 "
	  "Syns{\\*\\htmltag </p>}}", "Syns" },
	{ "{\\rtf1{\\field{\\*\\fldinst HYPERLINK \"https://x.example/\"}"
	  "{\\fldrslt L}}}", "HYPERLINK \"https://x.example/\"L" },
	{ "{\\rtf1 a\\bin3 {}\\c}", "ac" },
	{ "{\\rtf1\\uc2 \\u8209\\'2d\\'2dx}", "‑x" },
	{ "{\\rtf1 \\{lit\\}\\\\}", "{lit}\\" },
	{ "{\\rtf1 trunc\\", "trunc" },
	{ "", "" },
};

static void
test_rtf_text(void)
{
	GString *deep = g_string_new("{\\rtf1 ");
	char *s;

	for (size_t i = 0; i < G_N_ELEMENTS(rtf_rows); i++) {
		s = tnef_rtf_to_text(rtf_rows[i].rtf, strlen(rtf_rows[i].rtf),
		    4096);
		g_assert_cmpstr(s, ==, rtf_rows[i].want);
		g_free(s);
	}
	/* the output cap, at a character boundary */
	s = tnef_rtf_to_text("{\\rtf1 \\'e5\\'e5\\'e5}", 17, 3);
	g_assert_cmpstr(s, ==, "å");
	g_free(s);
	/* a nesting bomb stops at the depth cap */
	for (int i = 0; i < 100000; i++)
		g_string_append(deep, "{x");
	s = tnef_rtf_to_text(deep->str, deep->len, 1 << 20);
	g_assert_cmpuint(strlen(s), <=, TNEF_MAX_RTF_DEPTH + 1);
	g_free(s);
	g_string_free(deep, TRUE);
}

/* ---- broken input ---- */

static void
test_cuts(gconstpointer data)
{
	GBytes *b = load(data);
	gsize n;
	const unsigned char *d = g_bytes_get_data(b, &n);
	struct tnef *full = tnef_read(d, n, NULL);

	/* every length: no crash, no leak (ASan); a cut inside the last
	 * attribute (the message properties here) is never "parsed" */
	for (gsize k = 0; k < n; k++) {
		unsigned char *copy = g_memdup2(d, k);
		struct tnef *t = tnef_read(copy, k, NULL);

		if (k > n - 100 && k < n)
			g_assert_false(t->parsed);
		if (t->parsed && t->subject != NULL && full->subject != NULL)
			g_assert_cmpstr(t->subject, ==, full->subject);
		tnef_free(t);
		g_free(copy);
	}
	tnef_free(full);
	g_bytes_unref(b);
}

static void
test_garbage(void)
{
	static const unsigned char sig[6] = { 0x78, 0x9F, 0x3E, 0x22, 0, 0 };
	GRand *r = g_rand_new_with_seed(17);
	unsigned char buf[4096];
	struct tnef *t;

	t = tnef_read(NULL, 0, NULL);
	g_assert_false(t->parsed);
	g_assert_nonnull(t->problem);
	tnef_free(t);
	t = tnef_read(sig, 0, NULL);
	g_assert_false(t->parsed);
	tnef_free(t);
	t = tnef_read(sig, 5, NULL);
	g_assert_false(t->parsed);
	tnef_free(t);
	t = tnef_read((const unsigned char *)"winmail.dat", 11, NULL);
	g_assert_false(t->parsed);
	g_assert_false(t->is_meeting);
	tnef_free(t);
	/* a signature and nothing: an empty TNEF, no invitation */
	t = tnef_read(sig, 6, NULL);
	g_assert_false(t->is_meeting);
	tnef_free(t);

	for (int i = 0; i < 3000; i++) {
		size_t n = 6 + (size_t)g_rand_int_range(r, 0, sizeof(buf) - 6);

		memcpy(buf, sig, 6);
		for (size_t k = 6; k < n; k++)
			buf[k] = (unsigned char)g_rand_int(r);
		/* half of them with a plausible first attribute header */
		if (i % 2 && n > 15) {
			buf[6] = 1;
			buf[7] = 0x03; buf[8] = 0x90; buf[9] = 0x06; buf[10] = 0;
			buf[11] = (unsigned char)(n - 17);
			buf[12] = (unsigned char)((n - 17) >> 8);
			buf[13] = buf[14] = 0;
		}
		t = tnef_read(buf, n, NULL);
		tnef_free(t);
	}
	g_rand_free(r);
}

/* Random mutations of a real meeting request (bytes flipped inside its
 * MAPI block): libytnef sees every shape of damaged property. */
static void
test_mutations(void)
{
	GBytes *b = load("meeting-request.tnef");
	gsize n;
	const unsigned char *d = g_bytes_get_data(b, &n);
	GRand *r = g_rand_new_with_seed(5);
	unsigned char *m = g_malloc(n);

	for (int i = 0; i < 2000; i++) {
		struct tnef *t;

		memcpy(m, d, n);
		for (int k = 0; k < 1 + i % 8; k++)
			m[g_rand_int_range(r, 6, (gint32)n)] =
			    (unsigned char)g_rand_int(r);
		t = tnef_read(m, n, NULL);
		tnef_free(t);
	}
	g_free(m);
	g_rand_free(r);
	g_bytes_unref(b);
}

static void
test_class_kind(void)
{
	g_assert_cmpint(tnef_class_kind("ipm.schedule.meeting.request"), ==,
	    TNEF_KIND_REQUEST);
	g_assert_cmpint(tnef_class_kind("IPM.Schedule.Meeting.Request.Form"),
	    ==, TNEF_KIND_REQUEST);
	g_assert_cmpint(tnef_class_kind("IPM.Schedule.Meeting.Requests"), ==,
	    TNEF_KIND_OTHER);
	g_assert_cmpint(tnef_class_kind("IPM.Schedule.Meeting.Canceled"), ==,
	    TNEF_KIND_CANCEL);
	g_assert_cmpint(tnef_class_kind("IPM.Note"), ==, TNEF_KIND_OTHER);
	g_assert_cmpint(tnef_class_kind(NULL), ==, TNEF_KIND_OTHER);
}

static void
skip_real(void)
{
	g_test_skip("no real TNEF samples: third-party data belongs in "
	    "../shared/corpus/tnef/ (staged for it with PROVENANCE.tsv)");
}

int
main(int argc, char **argv)
{
	/* Links parse/charset.c in, as every real binary does: no function
	 * of ours may be the one libytnef calls (its own to_utf8(), through
	 * the PLT: ours is invite_to_utf8, and LDFLAGS keeps libinvite.a's
	 * symbols local); a clash was a crash in /tnef/long-subject. */
	char *(*volatile mime_to_utf8)(struct invite *, const char *, size_t,
	    const char *) = invite_to_utf8;

	const char *shared = g_getenv("SHARED");
	char *probe;
	bool have_data;

	(void)mime_to_utf8;
	g_test_init(&argc, &argv, NULL);
	data_dir = g_strconcat(shared ? shared : "../shared", "/corpus/tnef/",
	    NULL);
	probe = g_strconcat(data_dir, "meeting-request.tnef", NULL);
	have_data = g_file_test(probe, G_FILE_TEST_EXISTS);
	g_free(probe);
	if (!have_data) {
		g_test_add_func("/tnef/real-samples", skip_real);
		goto built;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		char *name = g_strconcat("/tnef/real/", rows[i].file, NULL);

		g_test_add_data_func(name, &rows[i], test_real);
		g_free(name);
	}
	g_test_add_func("/tnef/details", test_details);
	g_test_add_func("/tnef/mutations", test_mutations);
	g_test_add_data_func("/tnef/cuts/meeting-request",
	    "meeting-request.tnef", test_cuts);
	g_test_add_data_func("/tnef/cuts/meeting-request-recurring",
	    "meeting-request-recurring.tnef", test_cuts);
	g_test_add_data_func("/tnef/cuts/appointment", "appointment.tnef",
	    test_cuts);
built:
	g_test_add_func("/tnef/long-subject", test_long_subject);
	g_test_add_func("/tnef/currency", test_currency);
	g_test_add_func("/tnef/named", test_named);
	g_test_add_func("/tnef/mv-last", test_mv_last);
	g_test_add_func("/tnef/big-attachment", test_big_attachment);
	g_test_add_func("/tnef/rtf-streams", test_rtf_streams);
	g_test_add_func("/tnef/rtf-text", test_rtf_text);
	g_test_add_func("/tnef/garbage", test_garbage);
	g_test_add_func("/tnef/class-kind", test_class_kind);
	return g_test_run();
}
