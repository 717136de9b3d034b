/*
 * parse_test.c: raw messages and calendars -> struct invite, one row per
 * encoding or structure a real client produces, plus broken input.
 * Test data holds no personal data; failures print row names only.
 */
#include <string.h>
#include <glib.h>

#include "parse/parse.h"
#include "parse/parts.h"
#include "parse/parse_int.h"
#include "parse/tnef.h"

/* The same message through GMime only (never mimefast.c). */
static struct invite *
parse_message_gmime_only(const char *m)
{
	return parse_message_gmime(m, strlen(m), NULL);
}

#define CAL(method, extra) \
	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" method "BEGIN:VEVENT\r\n" \
	"UID:u1@kommun.example\r\nDTSTART:20251124T090000Z\r\n" \
	"SUMMARY:M\xc3\xb6te\r\nORGANIZER;CN=\"Org, A\":mailto:Org@Kommun.Example\r\n" \
	"ATTENDEE;CN=G;ROLE=OPT-PARTICIPANT;CUTYPE=INDIVIDUAL:mailto:g@region.example\r\n" \
	extra "END:VEVENT\r\nEND:VCALENDAR\r\n"

struct row {
	const char	*name;
	const char	*input;
	bool		 invitation;
	const char	*method;
	size_t		 comps, attendees, atts;
	unsigned	 flags;		/* must be set */
	enum inv_field	 field;		/* a text of this field ... */
	const char	*text;		/* ... must contain this (NULL: skip) */
};

static const struct row rows[] = {
	{ "bare ics", CAL("METHOD:REQUEST\r\n", ""), true, "REQUEST", 1, 1, 0,
	  0, FLD_SUMMARY, "M\xc3\xb6te" },
	{ "bare ics without METHOD is PUBLISH", CAL("", ""), true, "PUBLISH",
	  1, 1, 0, 0, FLD_ORGANIZER_CN, "Org, A" },
	{ "base64 calendar part",
	  "Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/calendar; "
	  "method=REQUEST; charset=utf-8\r\nContent-Transfer-Encoding: base64"
	  "\r\n\r\nQkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6UkVRVUVTVA0KQkVHSU46VkVWRU5U"
	  "DQpVSUQ6MQ0KU1VNTUFSWTpCYXNlNjQgdGV4dA0KRU5EOlZFVkVOVA0KRU5EOlZDQUxF"
	  "TkRBUg0K\r\n", true, "REQUEST", 1, 0, 0, 0, FLD_SUMMARY, "Base64 text" },
	{ "quoted-printable latin-1 with folded line",
	  "Subject: =?iso-8859-1?q?Avst=E4m?= =?iso-8859-1?q?ning?=\r\n"
	  "MIME-Version: 1.0\r\nContent-Type: text/calendar; charset=iso-8859-1"
	  "\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
	  "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:1\r\n"
	  "DESCRIPTION:Rad ett\\nrad tv=E5 med \\, komma och\r\n  fortsatt"
	  "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", true, "REQUEST", 1, 0, 0, 0,
	  FLD_DESCRIPTION, "rad tv\xc3\xa5 med , komma och fortsatt" },
	{ "RFC 2047 subject split over words", "Subject: "
	  "=?UTF-8?B?QXZzdMOk?= =?UTF-8?B?bW5pbmc=?=\r\n\r\nhej\r\n", false,
	  NULL, 0, 0, 0, 0, FLD_SUBJECT, "Avst\xc3\xa4mning" },
	{ "wrong charset label falls back",
	  "Subject: x\r\nContent-Type: text/calendar; charset=utf-8\r\n\r\n"
	  "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Tr\xe4" "ff\r\n"
	  "END:VEVENT\r\nEND:VCALENDAR\r\n", true, "PUBLISH", 1, 0, 0,
	  INV_CHARSET_GUESSED, FLD_SUMMARY, "Tr\xc3\xa4" "ff" },
	/* Issue 7, evasion: each of these hid text from the detectors. */
	{ "RFC 2047: text after a padded base64 word is kept (GMime 133)",
	  "Subject: =?utf-8?B?YQ==?= =?utf-8?B?Yg==?= =?utf-8?B?Yw==?=\r\n"
	  "\r\nx\r\n", false, NULL, 0, 0, 0, 0, FLD_SUBJECT, "abc" },
	{ "RFC 2047: a character split over two base64 words",
	  "Subject: =?utf-8?B?Sw==?=\r\n =?utf-8?B?w7Y=?= =?UTF-8?B?ww==?= "
	  "=?utf-8?B?tg==?= x\r\n\r\nx\r\n", false, NULL, 0, 0, 0, 0,
	  FLD_SUBJECT, "K\xc3\xb6\xc3\xb6 x" },
	{ "RFC 2047: UTF-8 under an ISO-8859-1 label, language tag, text",
	  "Subject: a =?iso-8859-1?B?w7Y=?= b =?utf-8*sv?Q?=C3=A5_c?= "
	  "=?x-unknown?q?=C3=A4?=\r\n\r\nx\r\n", false, NULL, 0, 0, 0,
	  INV_CHARSET_GUESSED, FLD_SUBJECT, "a \xc3\xb6 b \xc3\xa5 c\xc3\xa4" },
	{ "RFC 2047: Latin-1 bytes under a UTF-8 label, raw 8-bit tail",
	  "Subject: =?utf-8?q?J=F6?= n\xc3\xa4r\r\n\r\nx\r\n", false, NULL,
	  0, 0, 0, INV_CHARSET_GUESSED, FLD_SUBJECT, "J\xc3\xb6 n\xc3\xa4r" },
	{ "calendar: UTF-8 bytes under an ISO-8859-1 label",
	  "Subject: x\r\nContent-Type: text/calendar; charset=iso-8859-1\r\n"
	  "Content-Transfer-Encoding: 8bit\r\n\r\n"
	  CAL("METHOD:REQUEST\r\n", "DESCRIPTION:J\xc3\xb6nsson\r\n"), true,
	  "REQUEST", 1, 1, 0, INV_CHARSET_GUESSED, FLD_DESCRIPTION,
	  "J\xc3\xb6nsson" },
	{ "calendar: a fold between the bytes of one UTF-8 character",
	  "Subject: x\r\nContent-Type: text/calendar; charset=utf-8\r\n\r\n"
	  CAL("METHOD:REQUEST\r\n", "DESCRIPTION:J\xc3\r\n \xb6nsson "
	  "or\xc3\r\n\t\xa4\r\n")
	  , true, "REQUEST", 1, 1, 0, 0, FLD_DESCRIPTION,
	  "J\xc3\xb6nsson or\xc3\xa4" },
	{ "bare ics: a fold between the bytes of one UTF-8 character",
	  CAL("METHOD:REQUEST\r\n", "DESCRIPTION:\xc3\r\n \xa5r\r\n"), true,
	  "REQUEST", 1, 1, 0, 0, FLD_DESCRIPTION, "\xc3\xa5r" },
	{ "vCalendar 1.0: quoted-printable text with soft line breaks",
	  "BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
	  "SUMMARY;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Tr=E4ff=2C 1=\r\n"
	  "2=0D=0Ax\r\nlocation;Quoted-Printable:a=3Bb\r\nEND:VEVENT\r\n"
	  "END:VCALENDAR\r\n", true, "PUBLISH", 1, 0, 0, 0, FLD_SUMMARY,
	  "Tr\xc3\xa4" "ff, 12\nx" },
	{ "vCalendar 1.0: mixed-case QUOTED-PRINTABLE, lower-case name",
	  "BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
	  "location;Quoted-Printable:a=3Bb=\r\nc\r\nEND:VEVENT\r\n"
	  "END:VCALENDAR\r\n", true, "PUBLISH", 1, 0, 0, 0, FLD_LOCATION,
	  "a;bc" },
	{ "lower-case property names (libical 3.0 rejects x-...)",
	  "begin:vcalendar\r\nmethod:request\r\nbegin:vevent\r\nuid:1\r\n"
	  "x-alt-desc;fmttype=text/html:<p>Fr\xc3\xa5n\r\n  html</p>\r\n"
	  "x-microsoft-skypeteamsmeetingurl:https://teams.microsoft.com/l/x\r\n"
	  "end:vevent\r\nend:vcalendar\r\n", true, "REQUEST", 1, 0, 0,
	  INV_TEAMS, FLD_ALTDESC, "Fr\xc3\xa5n html" },
	{ "RFC 2047 words in a quoted filename= (GMime 133 again)",
	  "Subject: f\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n"
	  "--m\r\nContent-Type: application/pdf; name=\"x.pdf\"\r\n"
	  "Content-Disposition: attachment; filename=\"=?utf-8?B?YQ==?=\r\n"
	  " =?utf-8?B?w7Y=?= =?utf-8?Q?_c=2Epdf?=\"\r\n\r\nx\r\n--m--\r\n",
	  false, NULL, 0, 0, 1, 0, FLD_ATTACHMENT_NAME, "a\xc3\xb6 c.pdf" },
	{ "vCalendar QP check survives a line with an empty name",
	  "BEGIN:VCALENDAR\r\n:QUOTED-PRINTABLE\r\n;:x\r\nBEGIN:VEVENT\r\n"
	  "UID:1\r\nSUMMARY;QUOTED-PRINTABLE:ok\r\nEND:VEVENT\r\n"
	  "END:VCALENDAR\r\n", true, "PUBLISH", 1, 0, 0, 0, FLD_SUMMARY, "ok" },
	{ "google: alternative + invite.ics + pdf, filename*=",
	  "Subject: y\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
	  "boundary=m\r\n\r\n--m\r\nContent-Type: multipart/alternative; "
	  "boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nBody text"
	  "\r\n--a\r\nContent-Type: text/html\r\n\r\n<p>Html&nbsp;&aring;"
	  "<br>x</p>\r\n--a\r\nContent-Type: text/calendar; method=REQUEST\r\n"
	  "\r\n" CAL("METHOD:REQUEST\r\n", "RRULE:FREQ=WEEKLY\r\n") "\r\n--a--\r\n"
	  "--m\r\nContent-Type: application/ics; name=invite.ics\r\n"
	  "Content-Disposition: attachment; filename=invite.ics\r\n\r\n"
	  CAL("METHOD:REQUEST\r\n", "RRULE:FREQ=WEEKLY\r\n") "\r\n--m\r\n"
	  "Content-Type: application/pdf\r\nContent-Disposition: attachment; "
	  "filename*=utf-8''Plan%C3%A5.pdf\r\nContent-Transfer-Encoding: base64"
	  "\r\n\r\nJVBERi0xLjQK\r\n--m--\r\n", true, "REQUEST", 2, 2, 1, 0,
	  FLD_ATTACHMENT_NAME, "Plan\xc3\xa5.pdf" },
	{ "html body entities", "Subject: z\r\nContent-Type: text/html\r\n\r\n"
	  "<b>1912</b>1212&#8209;1212 &Aring;sa<style>p{}</style>\r\n", false,
	  NULL, 0, 0, 0, 0, FLD_BODY_HTML, "19121212\xe2\x80\x91" "1212 \xc3\x85sa" },
	{ "forwarded invitation in message/rfc822",
	  "Subject: Fwd\r\nContent-Type: multipart/mixed; boundary=f\r\n\r\n"
	  "--f\r\nContent-Type: message/rfc822\r\n\r\nSubject: Inner\r\n"
	  "Content-Type: text/calendar\r\n\r\n" CAL("METHOD:REQUEST\r\n", "")
	  "\r\n--f--\r\n", true, "REQUEST", 1, 1, 0, 0, FLD_SUBJECT, "Inner" },
	{ "TNEF is not inspectable", "Subject: t\r\nContent-Type: multipart/"
	  "mixed; boundary=t\r\n\r\n--t\r\nContent-Type: application/ms-tnef;"
	  " name=winmail.dat\r\n\r\nxx\r\n--t--\r\n", true, NULL, 0, 0, 1,
	  INV_TNEF, FLD_SUBJECT, "t" },
	{ "X-ALT-DESC and Teams URL", CAL("METHOD:REQUEST\r\n",
	  "X-ALT-DESC;FMTTYPE=text/html:<p>Hej&auml\\;<br>rad</p>\r\n"
	  "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/x\r\n"
	  "X-MICROSOFT-CDO-INSTTYPE:0\r\n"), true, "REQUEST", 1, 1, 0, INV_TEAMS,
	  FLD_ALTDESC, "Hej\xc3\xa4" },
	{ "CANCEL with RECURRENCE-ID", CAL("METHOD:CANCEL\r\n",
	  "RECURRENCE-ID:20251201T090000Z\r\n"), true, "CANCEL", 1, 1, 0, 0,
	  FLD_SUMMARY, NULL },
	{ "broken calendar is still scanned", "Subject: b\r\nContent-Type: "
	  "text/calendar\r\n\r\nBEGIN:VCALENDAR\r\nSUMMARY:Fr\xc3\xa5n trasig\r\n"
	  "BEGIN:VEVENT\r\n", true, "PUBLISH", 0, 0, 0, INV_ICAL_BROKEN,
	  FLD_SUMMARY, "Fr\xc3\xa5n trasig" },
	{ "empty input", "", false, NULL, 0, 0, 0, 0, FLD_SUBJECT, NULL },
	{ "garbage", "\x01\x02\xff\xfe garbage without headers", false, NULL,
	  0, 0, 0, 0, FLD_SUBJECT, NULL },
	{ "truncated base64", "Subject: q\r\nContent-Type: text/calendar\r\n"
	  "Content-Transfer-Encoding: base64\r\n\r\nQkVHSU46VkNBTEVOREFSDQpN=",
	  true, "PUBLISH", 0, 0, 0, 0, FLD_SUBJECT, "q" },
};

static void
test_row(gconstpointer data)
{
	const struct row *r = data;
	struct invite *inv = parse_any(r->input, strlen(r->input), NULL);
	size_t att = 0;
	bool found = r->text == NULL;

	g_assert_nonnull(inv);
	g_assert_cmpint(inv->is_invitation, ==, r->invitation);
	g_assert_cmpstr(inv->method, ==, r->method);
	g_assert_cmpuint(inv->n_comps, ==, r->comps);
	for (size_t i = 0; i < inv->n_comps; i++)
		att += inv->comps[i].n_attendees;
	g_assert_cmpuint(att, ==, r->attendees);
	g_assert_cmpuint(inv->n_atts, ==, r->atts);
	g_assert_cmpuint(inv->flags & r->flags, ==, r->flags);
	for (size_t i = 0; i < inv->n_texts && !found; i++)
		found = inv->texts[i].field == r->field &&
		    strstr(inv->texts[i].s, r->text) != NULL;
	g_assert_true(found);
	invite_free(inv);
}

static void
test_details(void)
{
	const char *m = CAL("METHOD:REQUEST\r\n", "RRULE:FREQ=WEEKLY\r\n"
	    "EXDATE:20251201T090000Z\r\nATTACH;FMTTYPE=application/pdf;"
	    "FILENAME=a.pdf:https://x.example/a.pdf\r\n"
	    "ATTENDEE;CUTYPE=ROOM:mailto:rum1@kommun.example\r\n"
	    "ATTENDEE:EX:/o=org/cn=x\r\n");
	struct invite *inv = parse_any(m, strlen(m), NULL);
	struct inv_comp *c;

	g_assert_cmpuint(inv->n_comps, ==, 1);
	c = &inv->comps[0];
	g_assert_true(c->has_rrule);
	g_assert_true(c->has_exdate);
	g_assert_false(c->has_recurrence_id);
	g_assert_cmpstr(c->organizer.addr, ==, "org@kommun.example");
	g_assert_cmpstr(c->organizer.cn, ==, "Org, A");
	g_assert_cmpuint(c->n_attendees, ==, 3);
	g_assert_cmpstr(c->attendees[0].role, ==, "OPT-PARTICIPANT");
	g_assert_cmpstr(c->attendees[1].cutype, ==, "ROOM");
	g_assert_null(c->attendees[2].addr);	/* EX: is no address */
	g_assert_cmpuint(c->n_attach, ==, 1);
	g_assert_cmpstr(c->attach[0].uri, ==, "https://x.example/a.pdf");
	g_assert_cmpstr(c->attach[0].type, ==, "application/pdf");
	g_assert_cmpstr(c->attach[0].name, ==, "a.pdf");
	g_assert_cmpint((long long)c->dtstart_t, ==, 1763974800LL);
	g_assert_cmpstr(c->uid, ==, "u1@kommun.example");
	invite_free(inv);
}

static void
test_limits(void)
{
	struct parse_limits lim = PARSE_LIMITS_DEFAULT;
	GString *m = g_string_new("Subject: deep\r\n");
	struct invite *inv;

	for (int i = 0; i < 30; i++)
		g_string_append_printf(m, "Content-Type: multipart/mixed; "
		    "boundary=b%d\r\n\r\n--b%d\r\n", i, i);
	g_string_append(m, "Content-Type: text/calendar\r\n\r\n"
	    CAL("METHOD:REQUEST\r\n", ""));
	lim.mime_depth = 8;
	inv = parse_message(m->str, m->len, &lim);
	g_assert_true(inv->flags & INV_TRUNCATED);
	g_assert_nonnull(inv->problem);
	invite_free(inv);
	lim = (struct parse_limits)PARSE_LIMITS_DEFAULT;
	lim.attendees = 0;
	inv = parse_ics(CAL("", ""), strlen(CAL("", "")), &lim);
	g_assert_true(inv->flags & INV_TRUNCATED);
	g_assert_cmpuint(inv->comps[0].n_attendees, ==, 0);
	invite_free(inv);
	g_string_free(m, TRUE);
}

/* Attachment sizes: well-formed base64 is counted without decoding,
 * anything else decoded; both must give the decoded length. */
static void
test_attachment_size(void)
{
	static const size_t lens[] = { 0, 1, 2, 3, 4, 57, 58, 59, 1000,
	    16383, 16384, 16385, 50001 };

	for (size_t i = 0; i < G_N_ELEMENTS(lens); i++)
		for (int form = 0; form < 5; form++) {
			guchar *d = g_malloc(lens[i] + 1);
			char *b64, *msg;
			GString *body = g_string_new(NULL);
			struct invite *inv;
			size_t want = lens[i], n;

			for (size_t k = 0; k < lens[i]; k++)
				d[k] = (guchar)(k * 7 + i);
			b64 = g_base64_encode(d, lens[i]);
			n = strlen(b64);
			for (size_t k = 0; k < n; k += 76) {
				g_string_append_len(body, b64 + k,
				    (gssize)MIN(76, n - k));
				g_string_append(body, form == 1 ? "\n" : "\r\n");
			}
			if (form == 2)		/* trailing blanks */
				g_string_append(body, " \t\r\n");
			if (form == 3 && n > 0) {	/* a stray byte */
				g_string_insert_c(body, 0, '!');
			}
			if (form == 4 && n >= 4) {	/* '=' removed */
				while (body->len > 0 && (body->str[body->len - 1] ==
				    '\n' || body->str[body->len - 1] == '\r'))
					g_string_truncate(body, body->len - 1);
				if (body->str[body->len - 1] == '=') {
					g_string_truncate(body, body->len - 1);
					want = (size_t)-1;	/* GMime decides */
				}
			}
			msg = g_strdup_printf("Subject: s\r\nMIME-Version: 1.0\r\n"
			    "Content-Type: multipart/mixed; boundary=B\r\n\r\n"
			    "--B\r\nContent-Type: text/calendar\r\n\r\n%s"
			    "--B\r\nContent-Type: application/pdf; name=a.pdf\r\n"
			    "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
			    "--B--\r\n", CAL("METHOD:REQUEST\r\n", ""), body->str);
			inv = parse_message(msg, strlen(msg), NULL);
			g_assert_cmpuint(inv->n_atts, ==, 1);
			if (want != (size_t)-1)
				g_assert_cmpuint(inv->atts[0].size, ==, want);
			else
				g_assert_cmpuint(inv->atts[0].size, <=, lens[i]);
			invite_free(inv);
			g_free(msg);
			g_free(b64);
			g_free(d);
			g_string_free(body, TRUE);
		}
}

/* VTIMEZONE and VALARM are left out of what libical parses (ical.c,
 * strip_unread_blocks): the invite must be the one from the same
 * calendar without them (but for the VALARM's text, which scan_extra
 * reads), however the blocks are written, and what libical would nest
 * differently must not be cut. */
#define TZ "BEGIN:VTIMEZONE\r\nTZID:W. Europe\r\nBEGIN:STANDARD\r\n" \
	"DTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n" \
	"END:STANDARD\r\nEND:VTIMEZONE\r\n"
#define ALARM "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Alarmtext\r\n" \
	"TRIGGER:-PT15M\r\nEND:VALARM\r\n"
#define EV(x) "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=W. Europe:" \
	"20251124T090000\r\nSUMMARY:Moete\r\nATTENDEE;CN=G:mailto:g@x.example" \
	"\r\n" x "END:VEVENT\r\n"

static bool
has_text(const struct invite *inv, const char *s)
{
	for (size_t i = 0; i < inv->n_texts; i++)
		if (strstr(inv->texts[i].s, s) != NULL)
			return true;
	return false;
}

static void
test_unread_blocks(void)
{
	static const char *const same[] = {
		"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n" TZ EV(ALARM)
		    "END:VCALENDAR\r\n",
		/* LF only, END with a parameter, lower case, a fold after */
		"BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VTIMEZONE\nTZID:x\n"
		    "BEGIN:DAYLIGHT\nEND;X=1:DAYLIGHT\nend :VTIMEZONE\n X\n"
		    "BEGIN:VEVENT\nUID:1\nDTSTART;TZID=W. Europe:20251124T090000\n"
		    "SUMMARY:Moete\nATTENDEE;CN=G:mailto:g@x.example\n"
		    "BEGIN:VALARM\nDESCRIPTION:Alarmtext\nEND:VALARM\n"
		    "END:VEVENT\nEND:VCALENDAR\n",
		/* a quoted "END:" is no END */
		"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VTIMEZONE\r\n"
		    "X-A;X=\"END:\":1\r\nEND:VTIMEZONE\r\n" EV(ALARM)
		    "END:VCALENDAR\r\n",
	};
	const char *plain = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n" EV("")
	    "END:VCALENDAR\r\n";
	/* An unclosed VTIMEZONE swallows the event in libical: nothing is
	 * cut, the calendar is broken and its text scanned line by line. */
	const char *unclosed = "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\n"
	    "TZID:x\r\n" EV("") "END:VCALENDAR\r\n";
	struct invite *ref = parse_any(plain, strlen(plain), NULL), *inv;

	g_assert_cmpuint(ref->n_comps, ==, 1);
	for (size_t i = 0; i < G_N_ELEMENTS(same); i++) {
		inv = parse_any(same[i], strlen(same[i]), NULL);
		g_assert_cmpuint(inv->n_comps, ==, 1);
		g_assert_cmpuint(inv->flags, ==, ref->flags);
		g_assert_cmpstr(inv->method, ==, "REQUEST");
		g_assert_cmpint((long long)inv->comps[0].dtstart_t, ==,
		    (long long)ref->comps[0].dtstart_t);
		g_assert_cmpuint(inv->comps[0].n_attendees, ==, 1);
		/* the VALARM's text is examined all the same (ical.c,
		 * scan_extra; an EMAIL alarm is mailed to its ATTENDEE):
		 * one text more */
		g_assert_cmpuint(inv->n_texts, ==, ref->n_texts + 1);
		g_assert_true(has_text(inv, "Moete"));
		g_assert_true(has_text(inv, "Alarmtext"));
		invite_free(inv);
	}
	/* Unread properties are left out; the read X- ones are kept, and
	 * limits.properties still counts every property. */
	{
		const char *x = "BEGIN:VCALENDAR\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
		    "DTSTAMP:20250101T000000Z\r\nX-MICROSOFT-CDO-BUSYSTATUS:BUSY"
		    "\r\nX-MICROSOFT-CDO-INSTTYPE:1\r\nX-A:1\r\nX-B:2\r\n"
		    "X-ALT-DESC;FMTTYPE=text/html:<p>Alt</p>\r\nSUMMARY:Moete\r\n"
		    "END:VEVENT\r\nEND:VCALENDAR\r\n";
		struct parse_limits lim = PARSE_LIMITS_DEFAULT;

		inv = parse_any(x, strlen(x), NULL);
		g_assert_cmpint(inv->comps[0].ms_insttype, ==, 1);
		g_assert_true(has_text(inv, "Alt"));
		g_assert_true(has_text(inv, "Moete"));
		g_assert_false(inv->flags & INV_TRUNCATED);
		invite_free(inv);
		lim.properties = 6;	/* SUMMARY is the 7th */
		inv = parse_ics(x, strlen(x), &lim);
		g_assert_true(inv->flags & INV_TRUNCATED);
		g_assert_cmpstr(inv->limit, ==, "properties");
		g_assert_true(has_text(inv, "Alt"));
		g_assert_false(has_text(inv, "Moete"));
		invite_free(inv);
	}
	inv = parse_any(unclosed, strlen(unclosed), NULL);
	g_assert_cmpuint(inv->n_comps, ==, 0);
	g_assert_true(inv->flags & INV_ICAL_BROKEN);
	g_assert_true(has_text(inv, "Moete"));
	invite_free(inv);
	invite_free(ref);
}

/* The first METHOD line of a one-calendar text may be left out of what
 * libical parses (ical.c, plain_method): the method must be the one
 * libical gives, here with property lines kept (a properties limit that
 * lib_props_bound() exceeds and no component reaches). */
static void
test_method_strip(void)
{
	static const char *const methods[] = {
		"REQUEST", "REPLY", "CANCEL", "PUBLISH", "ADD", "REFRESH",
		"COUNTER", "DECLINECOUNTER", "request", "Cancel", "X-FOO",
		"REQUEST ", " REQUEST", "REQUESTX", "", "CREATE", "FOO",
	};
	static const char *const forms[] = {
		"BEGIN:VCALENDAR\r\nMETHOD:%s\r\n" EV("") "END:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\nMETHOD:%s\n" EV("") "END:VCALENDAR\n",
		"BEGIN:VCALENDAR\r\nPRODID:x\r\nMETHOD:%s\r\nMETHOD:CANCEL\r\n"
		    EV("") "END:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nMETHOD;X=1:PUBLISH\r\nMETHOD:%s\r\n"
		    EV("") "END:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\n" EV("") "METHOD:%s\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nBEGIN:VCALENDAR\r\nMETHOD:%s\r\n" EV("")
		    "END:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nMETHOD:%s\r\n" EV("") "END:VCALENDAR\r\n"
		    "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n" EV("")
		    "END:VCALENDAR\r\n",
		"BEGIN:VEVENT\r\nMETHOD:%s\r\nUID:1\r\nSUMMARY:Moete\r\n"
		    "END:VEVENT\r\n",
		"BEGIN:vcalendar\r\nMETHOD:%s\r\n" EV("") "END:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nMETHOD:%s\r\n" EV(""),
		"BEGIN:VCALENDAR\r\nMETHOD:%s\r\n X\r\n" EV("")
		    "END:VCALENDAR\r\n",
	};

	for (size_t f = 0; f < G_N_ELEMENTS(forms); f++)
		for (size_t m = 0; m < G_N_ELEMENTS(methods); m++) {
			struct parse_limits lim = PARSE_LIMITS_DEFAULT;
			const char *at = strstr(forms[f], "%s");
			char *pre = g_strndup(forms[f], (size_t)(at - forms[f]));
			char *ics = g_strconcat(pre, methods[m], at + 2, NULL);
			struct invite *a, *b;

			a = parse_ics(ics, strlen(ics), NULL);
			lim.properties = 60;	/* < lib_props_bound() */
			b = parse_ics(ics, strlen(ics), &lim);
			g_assert_false(b->flags & INV_TRUNCATED);
			g_assert_cmpstr(a->method, ==, b->method);
			g_assert_cmpuint(a->n_cals, ==, b->n_cals);
			for (size_t i = 0; i < a->n_cals; i++)
				g_assert_cmpstr(a->cals[i].method, ==,
				    b->cals[i].method);
			g_assert_cmpuint(a->n_comps, ==, b->n_comps);
			g_assert_cmpuint(a->flags, ==, b->flags);
			g_assert_cmpuint(a->n_texts, ==, b->n_texts);
			invite_free(a);
			invite_free(b);
			g_free(ics);
			g_free(pre);
		}
}

/* Issue 17: a NUL byte in a calendar (raw, QP =00, base64, vCalendar
 * QP, UTF-16 U+0000), in a body or in a header hid everything after
 * it, and leading NULs turned a REQUEST into PUBLISH. A NUL is read as
 * a space; one in a calendar part sets INV_CAL_NUL. */
static void
test_nul(void)
{
	static const char cal[] = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n"
	    "BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Hej\0 efter noll\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n";
	static const char hdr[] = "Subject: s\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n";
	struct { const char *name; GString *m; bool ics, calnul; } c[9];
	GString *u16;
	char *b64;
	size_t n = 0, calen = sizeof(cal) - 1;

	c[n].name = "raw";
	c[n].m = g_string_new(hdr);
	g_string_append(c[n].m, "Content-Transfer-Encoding: 8bit\r\n\r\n");
	g_string_append_len(c[n].m, cal, (gssize)calen);
	c[n].ics = false, c[n++].calnul = true;
	c[n].name = "quoted-printable =00";
	c[n].m = g_string_new(hdr);
	g_string_append(c[n].m, "Content-Transfer-Encoding: quoted-printable"
	    "\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
	    "UID:1\r\nSUMMARY:Hej=00 efter noll\r\nEND:VEVENT\r\n"
	    "END:VCALENDAR\r\n");
	c[n].ics = false, c[n++].calnul = true;
	c[n].name = "base64";
	c[n].m = g_string_new(hdr);
	b64 = g_base64_encode((const guchar *)cal, calen);
	g_string_append_printf(c[n].m, "Content-Transfer-Encoding: base64"
	    "\r\n\r\n%s\r\n", b64);
	g_free(b64);
	c[n].ics = false, c[n++].calnul = true;
	c[n].name = "leading NULs, base64";
	c[n].m = g_string_new(hdr);
	{
		GString *t = g_string_new_len("\0\0\0\r\n", 5);

		g_string_append_len(t, cal, (gssize)calen);
		b64 = g_base64_encode((const guchar *)t->str, t->len);
		g_string_free(t, TRUE);
	}
	g_string_append_printf(c[n].m, "Content-Transfer-Encoding: base64"
	    "\r\n\r\n%s\r\n", b64);
	g_free(b64);
	c[n].ics = false, c[n++].calnul = true;
	c[n].name = "leading NULs, bare ics";
	c[n].m = g_string_new_len("\0\0", 2);
	g_string_append_len(c[n].m, cal, (gssize)calen);
	c[n].ics = true, c[n++].calnul = true;
	c[n].name = "vCalendar QP =00";
	c[n].m = g_string_new(hdr);
	g_string_append(c[n].m, "\r\nBEGIN:VCALENDAR\r\nVERSION:1.0\r\n"
	    "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:1\r\n"
	    "SUMMARY;ENCODING=QUOTED-PRINTABLE:Hej=00 efter noll\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n");
	c[n].ics = false, c[n++].calnul = true;
	c[n].name = "UTF-16LE U+0000";
	u16 = g_string_new_len("\xff\xfe", 2);
	for (size_t i = 0; i < calen; i++)
		g_string_append_len(u16, (char []){ cal[i], 0 }, 2);
	c[n].m = g_string_new(hdr);
	b64 = g_base64_encode((const guchar *)u16->str, u16->len);
	g_string_append_printf(c[n].m, "Content-Transfer-Encoding: base64"
	    "\r\n\r\n%s\r\n", b64);
	g_free(b64);
	c[n].ics = false, c[n++].calnul = true;
	c[n].name = "text body";
	c[n].m = g_string_new("Subject: s\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n"
	    "Content-Type: text/plain\r\n\r\nHej");
	g_string_append_len(c[n].m, "\0", 1);
	g_string_append(c[n].m, " efter noll\r\n--B\r\nContent-Type: "
	    "text/calendar\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n"
	    "BEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n--B--\r\n");
	c[n].ics = false, c[n++].calnul = false;
	c[n].name = "Subject";
	c[n].m = g_string_new("Subject: Hej");
	g_string_append_len(c[n].m, "\0", 1);
	g_string_append(c[n].m, " efter noll\r\nContent-Type: text/calendar"
	    "\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
	    "UID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
	c[n].ics = false, c[n++].calnul = false;
	g_assert_cmpuint(n, ==, G_N_ELEMENTS(c));
	for (size_t i = 0; i < n; i++) {
		struct invite *inv = parse_any(c[i].m->str, c[i].m->len, NULL);

		if (g_test_verbose())
			g_printerr("%s\n", c[i].name);
		g_assert_true(inv->is_invitation);
		g_assert_cmpstr(inv->method, ==, "REQUEST");
		g_assert_true(has_text(inv, "efter noll"));
		g_assert_cmpint(!!(inv->flags & INV_CAL_NUL), ==, c[i].calnul);
		if (c[i].ics)
			g_assert_cmpuint(inv->n_comps, ==, 1);
		invite_free(inv);
		g_string_free(c[i].m, TRUE);
	}
	g_string_free(u16, TRUE);
}

/* Issue 17: a header block that readers take two ways (two
 * Content-Types, two Content-Transfer-Encodings, two boundaries) is
 * read both ways; more than two ways is the limit mime_ambiguous. */
#define AMB_H "From: a@kommun.example\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
#define AMB_CAL "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n" \
	"UID:1\r\nSUMMARY:Dolt\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
#define AMB_MP "--A\r\nContent-Type: text/plain\r\n\r\nhej\r\n--A\r\n" \
	"Content-Type: text/calendar; method=REQUEST\r\n\r\n" AMB_CAL "--A--\r\n"
/* base64 of AMB_CAL */
#define AMB_B64 "QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6UkVRVUVTVA0KQkVHSU46VkVWRU5U" \
	"DQpVSUQ6MQ0KU1VNTUFSWTpEb2x0DQpFTkQ6VkVWRU5UDQpFTkQ6VkNBTEVOREFSDQo=\r\n"

static void
test_ambiguous(void)
{
	static const struct { const char *name, *m; const char *limit; } c[] = {
		{ "Content-Type: multipart first", AMB_H "Content-Type: "
		  "multipart/mixed; boundary=A\r\nContent-Type: text/plain\r\n"
		  "\r\n" AMB_MP, NULL },
		{ "Content-Type: multipart last", AMB_H "Content-Type: "
		  "text/plain\r\nContent-Type: multipart/mixed; boundary=A\r\n"
		  "\r\n" AMB_MP, NULL },
		{ "Content-Transfer-Encoding: base64 first", AMB_H
		  "Content-Type: text/calendar\r\nContent-Transfer-Encoding: "
		  "base64\r\nContent-Transfer-Encoding: 7bit\r\n\r\n" AMB_B64,
		  NULL },
		{ "boundary: the calendar in the last", AMB_H "Content-Type: "
		  "multipart/mixed; boundary=A; boundary=B\r\n\r\n--A\r\n"
		  "Content-Type: text/plain\r\n\r\nhej\r\n--B\r\n"
		  "Content-Type: text/calendar\r\n\r\n" AMB_CAL "--B--\r\n"
		  "--A--\r\n", NULL },
		{ "in a nested part", AMB_H "Content-Type: multipart/mixed; "
		  "boundary=O\r\n\r\n--O\r\nContent-Type: multipart/mixed; "
		  "boundary=A\r\nContent-Type: text/plain\r\n\r\n" AMB_MP
		  "--O--\r\n", NULL },
		{ "three Content-Types: a limit", AMB_H "Content-Type: "
		  "multipart/mixed; boundary=A\r\nContent-Type: text/html\r\n"
		  "Content-Type: text/plain\r\n\r\n" AMB_MP, "mime_ambiguous" },
		{ "two ambiguities: a limit", AMB_H "Content-Type: "
		  "multipart/mixed; boundary=A; boundary=C\r\nContent-Type: "
		  "text/plain\r\n\r\n" AMB_MP, "mime_ambiguous" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(c); i++) {
		struct invite *inv = parse_message(c[i].m, strlen(c[i].m), NULL);
		struct invite *g = parse_message_gmime_only(c[i].m);

		if (g_test_verbose())
			g_printerr("%s\n", c[i].name);
		g_assert_true(inv->is_invitation);
		g_assert_cmpstr(inv->method, ==, "REQUEST");
		g_assert_true(has_text(inv, "Dolt"));
		g_assert_cmpuint(inv->n_comps, ==, 1);
		g_assert_cmpstr(inv->limit, ==, c[i].limit);
		g_assert_cmpuint(g->n_comps, ==, inv->n_comps);
		invite_free(inv);
		invite_free(g);
	}
	/* The same calendar in both readings is read once (no series of
	 * one UID twice): a CTE repeated with the same value. */
	{
		const char *m = AMB_H "Content-Type: text/calendar\r\n"
		    "Content-Transfer-Encoding: 7bit\r\nContent-Transfer-"
		    "Encoding: 7bit\r\n\r\n" AMB_CAL;
		struct invite *inv = parse_message(m, strlen(m), NULL);

		g_assert_cmpuint(inv->n_comps, ==, 1);
		g_assert_cmpuint(inv->n_cals, ==, 1);
		g_assert_null(inv->limit);
		invite_free(inv);
	}
}

/* parse_header_may_invite(): false only where no reading can hold a
 * calendar. */
static void
test_may_invite(void)
{
	static const struct { const char *hdr; bool may; } r[] = {
		{ "Subject: x\r\nFrom: a@b\r\n\r\n", false },
		{ "Content-Type: text/plain; charset=utf-8\r\n\r\n", false },
		{ "content-type:TEXT/HTML\r\n", false },
		{ "Content-Type: image/png\r\n", false },
		{ "Content-Type: (c) text/plain (c)\r\n", false },
		{ "Content-Type: text/calendar\r\n", true },
		{ "Content-Type: multipart/mixed; boundary=x\r\n", true },
		{ "Content-Type: multipart/mixed;\r\n boundary=x\r\n"
		  "Content-Type: text/plain\r\n", true },
		{ "Content-Type: text/plain\r\nContent-Type: multipart/mixed; "
		  "boundary=x\r\n", true },
		{ "Content-Type: text/plain; name=\"invite.ics\"\r\n", true },
		{ "Content-Type: text/plain\r\nContent-Disposition: attachment;"
		  " filename*=utf-8''m%C3%B6te.ics\r\n", true },
		{ "Content-Type: text/plainx\r\n", true },
		{ "Content-Type: image/\r\n", true },
		{ "Content-Type: application/ms-tnef\r\n", true },
		{ "Content-Type: text/plain\r\n\r\nContent-Type: "
		  "multipart/mixed\r\n", false },	/* that is the body */
	};

	for (size_t i = 0; i < G_N_ELEMENTS(r); i++) {
		if (g_test_verbose())
			g_printerr("%zu\n", i);
		g_assert_cmpint(parse_headers_may_invite(r[i].hdr,
		    strlen(r[i].hdr)), ==, r[i].may);
	}
	g_assert_true(parse_header_may_invite("Content-Type",
	    "multipart/alternative; boundary=x"));
	g_assert_false(parse_header_may_invite("Content-Type", " text/plain"));
	g_assert_false(parse_header_may_invite("Subject", "text/calendar"));
}

/* Issue 17: the headers a mail client shows are texts: display names
 * and address comments (never the addresses), Comments, Keywords,
 * Thread-Topic (not a copy of the Subject), Organization; through the
 * fast path and GMime alike, and in a forwarded message. */
static void
test_shown_headers(void)
{
	static const struct { const char *hdr; enum inv_field f;
	    const char *want, *never; } r[] = {
		{ "To: \"Svensson, Anna 1\" <anna@x.example>\r\n",
		  FLD_ADDRESS_NAME, "Svensson, Anna 1", "anna@" },
		{ "Cc: =?utf-8?Q?J=C3=B6nsson?= <j@x.example>, b@x.example "
		  "(Bo Ek)\r\n", FLD_ADDRESS_NAME, "J\xc3\xb6nsson\nBo Ek",
		  "b@x" },
		{ "From: \"A\" <a@kommun.example>\r\nReply-To: Grupp: "
		  "=?utf-8?B?S2xpZW50?= <k@x.example>;\r\n", FLD_ADDRESS_NAME,
		  "Grupp\nKlient", "k@x" },
		{ "Bcc: plain@x.example\r\nSender: S <s@x.example>\r\n",
		  FLD_ADDRESS_NAME, "S", "plain@" },
		{ "Keywords: =?utf-8?Q?orosanm=C3=A4lan?=, x\r\n", FLD_HEADER,
		  "orosanm\xc3\xa4lan, x", NULL },
		{ "Comments: kommentar\r\n folded\r\n", FLD_HEADER,
		  "kommentar folded", NULL },
		{ "Thread-Topic: annat\r\nOrganization: Org\r\n", FLD_HEADER,
		  "annat", NULL },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(r); i++)
		for (int fast = 0; fast < 2; fast++) {
			char *m = g_strconcat(r[i].hdr, "Subject: s\r\n"
			    "Thread-Topic: s\r\nMIME-Version: 1.0\r\n"
			    "Content-Type: text/calendar\r\n\r\n",
			    CAL("METHOD:REQUEST\r\n", ""), NULL);
			struct invite *inv = fast ? parse_message(m, strlen(m),
			    NULL) : parse_message_gmime_only(m);
			bool found = false;

			for (size_t k = 0; k < inv->n_texts; k++) {
				const struct inv_text *t = &inv->texts[k];

				if (t->field == r[i].f && strstr(t->s,
				    r[i].want) != NULL)
					found = true;
				if (r[i].never != NULL)
					g_assert_null(strstr(t->s, r[i].never));
				/* the Subject's copy is no text of its own */
				g_assert_false(t->field == FLD_HEADER &&
				    strcmp(t->s, "s") == 0);
			}
			if (g_test_verbose())
				g_printerr("%zu %d\n", i, fast);
			g_assert_true(found);
			invite_free(inv);
			g_free(m);
		}
	/* in a forwarded message */
	{
		const char *m = "Subject: fw\r\nContent-Type: multipart/mixed; "
		    "boundary=B\r\n\r\n--B\r\nContent-Type: message/rfc822\r\n"
		    "\r\nSubject: inner\r\nTo: \"Inre Namn\" <i@x.example>\r\n"
		    "Content-Type: text/calendar\r\n\r\n" CAL("", "")
		    "--B--\r\n";
		struct invite *inv = parse_message(m, strlen(m), NULL);
		bool found = false;

		for (size_t k = 0; k < inv->n_texts; k++)
			found |= inv->texts[k].field == FLD_ADDRESS_NAME &&
			    strcmp(inv->texts[k].s, "Inre Namn") == 0;
		g_assert_true(found);
		invite_free(inv);
	}
}

/* Issue 17: a number in an ATTACH or URL address or a mailto: local
 * part reaches the rules as text, percent-decoded, a segment a line. */
static void
test_uri_text(void)
{
	static const struct { const char *prop; enum inv_field f;
	    const char *want; } r[] = {
		{ "ATTACH:https://x.example/d/a%2Db%20c.pdf?v=1#frag\r\n",
		  FLD_ATTACHMENT_NAME, "d\na-b c.pdf\nv\n1\nfrag" },
		{ "URL:https://x.example/p?pnr=12+34&t=%C3%A5\r\n", FLD_COMMENT,
		  "p\npnr\n12 34\nt\n\xc3\xa5" },
		{ "ATTENDEE;CN=G:mailto:anna.b_12%2D34+x@x.example\r\n",
		  FLD_ATTENDEE_CN, "anna\nb\n12-34\nx" },
		{ "ORGANIZER:mailto:99@x.example\r\n", FLD_ORGANIZER_CN, "99" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(r); i++) {
		char *ics = g_strconcat("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"
		    "UID:1\r\n", r[i].prop, "END:VEVENT\r\nEND:VCALENDAR\r\n",
		    NULL);
		struct invite *inv = parse_ics(ics, strlen(ics), NULL);
		bool found = false;

		for (size_t k = 0; k < inv->n_texts; k++)
			found |= inv->texts[k].field == r[i].f &&
			    strcmp(inv->texts[k].s, r[i].want) == 0;
		if (g_test_verbose())
			g_printerr("%zu\n", i);
		g_assert_true(found);
		invite_free(inv);
		g_free(ics);
	}
	/* a local part without a digit adds no text */
	{
		const char *ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\n"
		    "ATTENDEE:mailto:anna@x9.example\r\nEND:VEVENT\r\n"
		    "END:VCALENDAR\r\n";
		struct invite *inv = parse_ics(ics, strlen(ics), NULL);

		g_assert_cmpuint(inv->n_texts, ==, 0);
		invite_free(inv);
	}
}

/* Issue 17, real clients: consumer and dial-in-only Teams, iCloud
 * principal paths with EMAIL=, METHOD only in the Content-Type (Lotus
 * Notes), a first line of blanks. */
static void
test_clients(void)
{
	static const struct { const char *name, *m; bool teams; } t[] = {
		{ "consumer join link", CAL("METHOD:REQUEST\r\n", "DESCRIPTION:"
		  "https://teams.live.com/meet/9384?p=x\r\n"), true },
		{ "short work link", CAL("", "DESCRIPTION:"
		  "https://teams.microsoft.com/meet/2345?p=x\r\n"), true },
		{ "LOCATION Microsoft Teams", CAL("", "LOCATION:Microsoft "
		  "Teams-m\xc3\xb6te\r\n"), true },
		{ "dial-in only conference link", CAL("",
		  "X-MICROSOFT-ONLINEMEETINGCONFLINK:conf:sip:a@x\\;gruu\\;"
		  "opaque=app:conf:focus:id:teams:2:0!19:m\r\n"), true },
		{ "Teams properties", CAL("", "X-MICROSOFT-SKYPETEAMSPROPERTIES:"
		  "{}\r\n"), true },
		{ "not Teams", CAL("", "LOCATION:Rum 4\r\nATTACH;FILENAME="
		  "microsoft teams.pdf:https://x.example/a\r\n"), false },
	};
	struct invite *inv;
	const char *m;

	for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
		inv = parse_ics(t[i].m, strlen(t[i].m), NULL);
		if (g_test_verbose())
			g_printerr("%s\n", t[i].name);
		g_assert_cmpint(!!(inv->flags & INV_TEAMS), ==, t[i].teams);
		invite_free(inv);
	}
	m = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\n"
	    "ORGANIZER;CN=O;EMAIL=O@Kommun.Example:/principals/__uids__/A/\r\n"
	    "ATTENDEE;CN=G;EMAIL=g@extern.example:urn:uuid:12-34\r\n"
	    "ATTENDEE;EMAIL=x@y.example:mailto:p@kommun.example\r\n"
	    "END:VEVENT\r\nEND:VCALENDAR\r\n";
	inv = parse_ics(m, strlen(m), NULL);
	g_assert_cmpstr(inv->comps[0].organizer.addr, ==, "o@kommun.example");
	g_assert_cmpstr(inv->comps[0].attendees[0].addr, ==, "g@extern.example");
	/* a mailto: value is the address; EMAIL= only stands in */
	g_assert_cmpstr(inv->comps[0].attendees[1].addr, ==, "p@kommun.example");
	invite_free(inv);
	for (int fast = 0; fast < 2; fast++) {
		static const char *const forms[] = {
			"Subject: s\r\nContent-Type: text/calendar; "
			    "method=REQUEST\r\n\r\n",
			"Subject: s\r\nContent-Type: text/calendar; "
			    "method=\"request\"; charset=utf-8\r\n\r\n",
			" \r\n\t\r\nSubject: s\r\nContent-Type: text/calendar; "
			    "method=REQUEST\r\n\r\n",
		};

		for (size_t i = 0; i < G_N_ELEMENTS(forms); i++) {
			char *msg = g_strconcat(forms[i], CAL("", ""), NULL);

			inv = fast ? parse_message(msg, strlen(msg), NULL) :
			    parse_message_gmime_only(msg);
			if (g_test_verbose())
				g_printerr("method %d %zu\n", fast, i);
			g_assert_true(inv->is_invitation);
			g_assert_cmpstr(inv->method, ==, "REQUEST");
			g_assert_cmpstr(inv->subject, ==, "s");
			invite_free(inv);
			g_free(msg);
		}
	}
	/* the calendar's own METHOD wins over the part's */
	m = "Subject: s\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n"
	    CAL("METHOD:PUBLISH\r\n", "");
	inv = parse_message(m, strlen(m), NULL);
	g_assert_cmpstr(inv->method, ==, "PUBLISH");
	invite_free(inv);
	/* ... but a CANCEL in a part that says REQUEST is read as the
	 * REQUEST a client going by the part shows */
	m = "Subject: s\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n"
	    CAL("METHOD:CANCEL\r\n", "");
	inv = parse_message(m, strlen(m), NULL);
	g_assert_cmpstr(inv->method, ==, "REQUEST");
	invite_free(inv);
	m = "Subject: s\r\nContent-Type: text/calendar; method=CANCEL\r\n\r\n"
	    CAL("METHOD:REPLY\r\n", "");
	inv = parse_message(m, strlen(m), NULL);
	g_assert_cmpstr(inv->method, ==, "REPLY");
	invite_free(inv);
	/* blank lines first: parse_parts() offsets stay the message's own */
	{
		const char *b = " \r\nSubject: s\r\nContent-Type: text/calendar"
		    "\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
		struct parse_parts *pp = parse_parts(b, strlen(b), NULL);

		g_assert_cmpuint(pp->n, ==, 1);
		g_assert_cmpuint(pp->v[0].off, ==, (size_t)(strstr(b, "BEGIN") - b));
		parse_parts_free(pp);
	}
}

/* ---- TNEF (winmail.dat): a small builder of TNEF streams, as
 * tests/unit/tnef_test.c builds them ---- */

static void
t32(GByteArray *b, guint32 v)
{
	guint8 x[4] = { (guint8)v, (guint8)(v >> 8), (guint8)(v >> 16),
	    (guint8)(v >> 24) };

	g_byte_array_append(b, x, 4);
}

/* a variable-size property: tag, one value, its size, padded bytes */
static void
tvar(GByteArray *b, guint32 tag, const void *p, size_t n)
{
	static const guint8 z[4] = { 0 };

	t32(b, tag);
	t32(b, 1);
	t32(b, (guint32)n);
	g_byte_array_append(b, p, (guint)n);
	if (n % 4)
		g_byte_array_append(b, z, (guint)(4 - n % 4));
}

static void
tstr(GByteArray *b, guint32 tag, const char *s)
{
	tvar(b, tag, s, strlen(s) + 1);
}

/* an attribute: level, id, length, data, checksum */
static void
tattr(GByteArray *s, guint8 lvl, guint32 id, const void *p, size_t n)
{
	guint16 sum = 0;
	guint8 c[2];

	g_byte_array_append(s, &lvl, 1);
	t32(s, id);
	t32(s, (guint32)n);
	g_byte_array_append(s, p, (guint)n);
	for (size_t i = 0; i < n; i++)
		sum = (guint16)(sum + ((const guint8 *)p)[i]);
	c[0] = (guint8)sum;
	c[1] = (guint8)(sum >> 8);
	g_byte_array_append(s, c, 2);
}

/* signature, attMessageClass, attMsgProps (nprops of props), then an
 * attachment named att when not NULL */
static GByteArray *
tnef_stream(const char *cls, GByteArray *props, guint32 nprops,
    const char *att)
{
	static const guint8 head[6] = { 0x78, 0x9F, 0x3E, 0x22, 1, 0 };
	static const guint8 rend[14] = { 1 };
	GByteArray *s = g_byte_array_new(), *m = g_byte_array_new();

	g_byte_array_append(s, head, 6);
	tattr(s, 1, 0x00078008u, cls, strlen(cls) + 1);
	t32(m, nprops);
	g_byte_array_append(m, props->data, props->len);
	tattr(s, 1, 0x00069003u, m->data, m->len);
	if (att != NULL) {
		g_byte_array_set_size(m, 0);
		t32(m, 1);
		tstr(m, 0x3707001Eu, att);	/* PR_ATTACH_LONG_FILENAME */
		tattr(s, 2, 0x00069002u, rend, sizeof(rend));
		tattr(s, 2, 0x00069005u, m->data, m->len);
	}
	g_byte_array_free(m, TRUE);
	return s;
}

/* A mail with the stream as winmail.dat (base64), next to a text. */
static char *
tnef_mail(const GByteArray *s, const char *type)
{
	gchar *b = g_base64_encode(s->data, s->len);
	char *m = g_strdup_printf("From: org@kommun.example\r\nSubject: x\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b"
	    "\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSe bilagan\r\n"
	    "--b\r\nContent-Type: %s; name=\"winmail.dat\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--b--\r\n", type, b);

	g_free(b);
	return m;
}

static bool
field_has(const struct invite *inv, enum inv_field f, const char *want)
{
	for (size_t i = 0; i < inv->n_texts; i++)
		if (inv->texts[i].field == f && strstr(inv->texts[i].s, want))
			return true;
	return false;
}

/* the same reading on the fast path and through GMime */
static struct invite *
tnef_parse(const char *m, const struct parse_limits *lim)
{
	struct invite *a = parse_message(m, strlen(m), lim);
	struct invite *b = parse_message_gmime(m, strlen(m), lim);

	g_assert_cmpint(a->is_invitation, ==, b->is_invitation);
	g_assert_cmpuint(a->flags, ==, b->flags);
	g_assert_cmpuint(a->n_comps, ==, b->n_comps);
	g_assert_cmpuint(a->n_texts, ==, b->n_texts);
	g_assert_cmpuint(a->n_atts, ==, b->n_atts);
	invite_free(b);
	return a;
}

static void
test_tnef(void)
{
	static const guint8 recur[8] = { 0x04, 0x30, 0x04, 0x30, 0x0B, 0x20,
	    0x01, 0 };
	static const guint8 appt[16] = { 0x02, 0x20, 0x06, 0x00, 0, 0, 0, 0,
	    0xC0, 0, 0, 0, 0, 0, 0, 0x46 };
	GByteArray *p = g_byte_array_new(), *s;
	struct parse_limits lim = PARSE_LIMITS_DEFAULT;
	struct parse_parts *pp;
	struct invite *inv;
	char *m;

	/* 1. a meeting request, a personnummer in the subject: the
	 * calendar built from it is read like a text/calendar part */
	tstr(p, 0x0037001Eu, "Samtal 19121212-1212; kl, 9\\x");	/* PR_SUBJECT */
	tstr(p, 0x1000001Eu, "Rad ett\r\nRad tv\xc3\xa5");	/* PR_BODY */
	tstr(p, 0x0E04001Eu, "Anna <anna@kommun.example>");	/* PR_DISPLAY_TO */
	tstr(p, 0x0065001Eu, "org@kommun.example");	/* PR_SENT_REP_EMAIL */
	s = tnef_stream("IPM.Schedule.Meeting.Request", p, 4, "plan.pdf");
	m = tnef_mail(s, "application/ms-tnef");
	inv = tnef_parse(m, NULL);
	g_assert_true(inv->is_invitation);
	g_assert_cmpstr(inv->method, ==, "REQUEST");
	g_assert_cmpuint(inv->flags & (INV_TNEF | INV_TRUNCATED), ==, 0);
	g_assert_cmpuint(inv->flags & INV_TNEF_CAL, ==, INV_TNEF_CAL);
	g_assert_cmpuint(inv->n_cals, ==, 1);
	g_assert_true(inv->cals[0].from_tnef);
	g_assert_cmpuint(inv->n_comps, ==, 1);
	g_assert_true(field_has(inv, FLD_SUMMARY,
	    "Samtal 19121212-1212; kl, 9\\x"));
	g_assert_true(field_has(inv, FLD_DESCRIPTION, "Rad ett\nRad tv\xc3\xa5"));
	g_assert_cmpuint(inv->comps[0].n_attendees, ==, 1);
	g_assert_cmpstr(inv->comps[0].attendees[0].addr, ==,
	    "anna@kommun.example");
	g_assert_cmpstr(inv->comps[0].attendees[0].cn, ==, "Anna");
	g_assert_cmpstr(inv->comps[0].organizer.addr, ==, "org@kommun.example");
	g_assert_false(inv->comps[0].has_ms_rrule);
	/* its files are the message's; winmail.dat itself is none */
	g_assert_cmpuint(inv->n_atts, ==, 1);
	g_assert_cmpstr(inv->atts[0].name, ==, "plan.pdf");
	/* no part of the message holds the built calendar: correction and
	 * redaction find none to rewrite (they reject) */
	pp = parse_parts(m, strlen(m), NULL);
	for (size_t i = 0; i < pp->n; i++)
		g_assert_cmpint(pp->v[i].kind, !=, PARSE_PART_CALENDAR);
	parse_parts_free(pp);
	invite_free(inv);

	/* 5. over limits.decoded_bytes: the limit path, not read */
	lim.decoded_bytes = s->len - 1;
	inv = tnef_parse(m, &lim);
	g_assert_cmpstr(inv->limit_cal, ==, "decoded_bytes");
	g_assert_cmpuint(inv->n_cals, ==, 0);
	invite_free(inv);
	g_free(m);
	g_byte_array_free(s, TRUE);

	/* 2. a recurring request with an external guest: a series; as
	 * application/octet-stream named winmail.dat */
	g_byte_array_set_size(p, 0);
	tstr(p, 0x0037001Eu, "Veckom\xc3\xb6te");
	tstr(p, 0x0E04001Eu, "Bo <bo@extern.example>; Bo");
	t32(p, 0x80000102u);			/* PidLidAppointmentRecur */
	g_byte_array_append(p, appt, 16);
	t32(p, 0);
	t32(p, 0x8216);
	t32(p, 1);
	t32(p, sizeof(recur));
	g_byte_array_append(p, recur, sizeof(recur));
	s = tnef_stream("IPM.Schedule.Meeting.Request", p, 3, NULL);
	m = tnef_mail(s, "application/octet-stream");
	inv = tnef_parse(m, NULL);
	g_assert_true(inv->is_invitation);
	g_assert_cmpstr(inv->method, ==, "REQUEST");
	g_assert_cmpuint(inv->n_comps, ==, 1);
	g_assert_true(inv->comps[0].has_ms_rrule);
	/* "Bo" without address is the same guest as Bo with one */
	g_assert_cmpuint(inv->comps[0].n_attendees, ==, 1);
	g_assert_cmpstr(inv->comps[0].attendees[0].addr, ==,
	    "bo@extern.example");
	g_assert_cmpuint(inv->n_atts, ==, 0);
	g_assert_null(inv->limit);
	invite_free(inv);
	/* more people than limits.attendees: read in part, the limit */
	lim = (struct parse_limits)PARSE_LIMITS_DEFAULT;
	lim.attendees = 0;
	inv = tnef_parse(m, &lim);
	g_assert_true(inv->is_invitation);
	g_assert_cmpuint(inv->comps[0].n_attendees, ==, 0);
	g_assert_cmpstr(inv->limit, ==, "attendees");
	invite_free(inv);
	g_free(m);
	g_byte_array_free(s, TRUE);

	/* 3. a plain (RTF) mail in TNEF: no invitation, its files kept */
	g_byte_array_set_size(p, 0);
	tstr(p, 0x0037001Eu, "Protokoll 19121212-1212");
	s = tnef_stream("IPM.Note", p, 1, "protokoll.docx");
	m = tnef_mail(s, "application/ms-tnef");
	inv = tnef_parse(m, NULL);
	g_assert_false(inv->is_invitation);
	g_assert_cmpuint(inv->flags & (INV_TNEF | INV_TNEF_CAL), ==, 0);
	g_assert_null(inv->limit_cal);
	g_assert_cmpuint(inv->n_cals, ==, 0);
	g_assert_cmpuint(inv->n_atts, ==, 1);
	g_assert_cmpstr(inv->atts[0].name, ==, "protokoll.docx");
	invite_free(inv);
	g_free(m);

	g_byte_array_free(s, TRUE);

	/* 4. broken TNEF (a meeting cut in its properties): not
	 * inspectable, as before */
	s = tnef_stream("IPM.Schedule.Meeting.Request", p, 1, NULL);
	g_byte_array_set_size(s, s->len - 7);
	m = tnef_mail(s, "application/ms-tnef");
	inv = tnef_parse(m, NULL);
	g_assert_true(inv->is_invitation);
	g_assert_null(inv->method);
	g_assert_cmpuint(inv->flags & INV_TNEF, ==, INV_TNEF);
	g_assert_cmpuint(inv->n_atts, ==, 1);
	g_assert_cmpstr(inv->atts[0].name, ==, "winmail.dat");
	invite_free(inv);
	g_free(m);
	g_byte_array_free(s, TRUE);
	g_byte_array_free(p, TRUE);
}

/* ical_from_tnef: escapes and folding give every value back */
static void
test_tnef_ical(void)
{
	struct tnef t = { 0 };
	struct tnef_person att[2] = {
		{ g_strdup("Anna \"A\" Svensson"), g_strdup("anna@kommun.example"),
		  TNEF_ROLE_OPTIONAL },
		{ g_strdup("Rum 1"), NULL, TNEF_ROLE_RESOURCE },
	};
	GString *loc = g_string_new(NULL);
	struct invite *inv;
	char *ics;

	for (int i = 0; i < 40; i++)	/* folded at a UTF-8 sequence */
		g_string_append(loc, i ? " r\xc3\xa4knes\xc3\xa4l" :
		    "r\xc3\xa4knes\xc3\xa4l");
	t.parsed = t.is_meeting = true;
	t.method = "CANCEL";
	t.subject = (char *)"a;b,c\\d\ne\x01" "f";
	t.location = loc->str;
	t.uid = (char *)"040000008200E000";
	t.start = 1764000000;
	t.end = 1764003600;
	t.attendees = att;
	t.n_attendees = 2;
	ics = ical_from_tnef(&t);
	for (const char *l = ics; (l = strstr(l, "\r\n")) != NULL; l += 2)
		g_assert_cmpuint(strcspn(l + 2, "\r"), <=, 75);
	inv = parse_ics(ics, strlen(ics), NULL);
	g_assert_cmpstr(inv->method, ==, "CANCEL");
	g_assert_true(field_has(inv, FLD_SUMMARY, "a;b,c\\d\ne f"));
	g_assert_true(field_has(inv, FLD_LOCATION, loc->str));
	g_assert_cmpstr(inv->comps[0].uid, ==, "040000008200E000");
	g_assert_cmpint(inv->comps[0].dtstart_t, ==, 1764000000);
	g_assert_cmpuint(inv->comps[0].n_attendees, ==, 2);
	g_assert_cmpstr(inv->comps[0].attendees[0].cn, ==, "Anna 'A' Svensson");
	g_assert_cmpstr(inv->comps[0].attendees[0].role, ==, "OPT-PARTICIPANT");
	g_assert_null(inv->comps[0].attendees[1].addr);
	g_assert_cmpstr(inv->comps[0].attendees[1].cutype, ==, "RESOURCE");
	invite_free(inv);
	g_free(ics);
	g_string_free(loc, TRUE);
	for (int i = 0; i < 2; i++) {
		g_free(att[i].name);
		g_free(att[i].addr);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	parse_init();
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		char *n = g_strdup_printf("/parse/%s", rows[i].name);

		g_test_add_data_func(n, &rows[i], test_row);
		g_free(n);
	}
	g_test_add_func("/parse/details", test_details);
	g_test_add_func("/parse/limits", test_limits);
	g_test_add_func("/parse/attachment-size", test_attachment_size);
	g_test_add_func("/parse/unread-blocks", test_unread_blocks);
	g_test_add_func("/parse/method-strip", test_method_strip);
	g_test_add_func("/parse/nul", test_nul);
	g_test_add_func("/parse/ambiguous-mime", test_ambiguous);
	g_test_add_func("/parse/may-invite", test_may_invite);
	g_test_add_func("/parse/shown-headers", test_shown_headers);
	g_test_add_func("/parse/uri-text", test_uri_text);
	g_test_add_func("/parse/clients", test_clients);
	g_test_add_func("/parse/tnef", test_tnef);
	g_test_add_func("/parse/tnef-ical", test_tnef_ical);
	return g_test_run();
}
