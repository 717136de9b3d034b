/*
 * notice_test.c: the [notice] settings, the mode of a verdict, who gets
 * a notice, the notice itself (masked, no original subject, passes the
 * rules, signed loop-stop header) and its submission through a real
 * sendmail-like program and a real SMTP conversation on a loopback
 * socket. Failure messages name rows, never message text.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "conf/conf.h"
#include "conf/noticeconf.h"
#include "notice/notice.h"
#include "notice/sign.h"
#include "notice/correct.h"
#include "milter/milter.h"
#include "milter/submit.h"
#include "parse/parse.h"
#include "rules/rules.h"

static struct config *cfg;

/* ---- settings ---- */

struct conf_row {
	const char	*name;
	const char	*text;
	const char	*err;		/* substring of the error, NULL = ok */
};

static const struct conf_row conf_rows[] = {
	{ "absent group", "[other]\nx = 1\n", NULL },
	{ "all keys", "[notice]\nenable = true\nfrom = pm@kommun.example\n"
	  "transport = smtp\nsmtp = 127.0.0.1:2525\ntimeout = 30\n"
	  "subjects = Uppföljning; Avstämning\nexclude = a@b.example; @c.example\n"
	  "mode = reject\nredact = personnummer\nnotify = topic\n"
	  "min_action = flag\nheader = X-Notice\n", NULL },
	{ "unknown key", "[notice]\nenabled = true\n", "unknown key" },
	{ "bad transport", "[notice]\ntransport = lmtp\n", "transport" },
	{ "bad smtp", "[notice]\nsmtp = localhost\n", "smtp" },
	{ "bad port", "[notice]\nsmtp = 127.0.0.1:99999\n", "smtp" },
	{ "relative sendmail", "[notice]\nsendmail = sendmail\n", "absolute" },
	{ "bad mode", "[notice]\nmode = drop\n", "mode" },
	{ "unknown rule", "[notice]\nredact = personnumer\n", "unknown rule" },
	{ "rule twice", "[notice]\nredact = topic\nnotify = topic\n", "also in" },
	{ "bad from", "[notice]\nfrom = Post Master <pm@x>\n", "from" },
	{ "bad header", "[notice]\nheader = X Notice\n", "header" },
	{ "bad enable", "[notice]\nenable = kanske\n", "enable" },
	{ "empty subjects", "[notice]\nsubjects = ;\n", "subjects" },
	{ "bad min_action", "[notice]\nmin_action = log\n", "min_action" },
	{ "bad timeout", "[notice]\ntimeout = 0\n", "timeout" },
	{ "missing key file", "[notice]\nkey_file = /nonexistent/k\n", "key_file" },
};

static void
test_conf(void)
{
	for (size_t i = 0; i < G_N_ELEMENTS(conf_rows); i++) {
		const struct conf_row *r = &conf_rows[i];
		GKeyFile *kf = g_key_file_new();
		struct notice_conf *nc;
		char err[256] = "";

		g_assert_true(g_key_file_load_from_data(kf, r->text, (gsize)-1,
		    G_KEY_FILE_NONE, NULL));
		nc = notice_conf_parse(kf, err, sizeof(err));
		if (r->err == NULL && nc == NULL)
			g_error("conf %s: rejected: %s", r->name, err);
		if (r->err != NULL && (nc != NULL || strstr(err, r->err) == NULL))
			g_error("conf %s: want an error about %s, got \"%s\"",
			    r->name, r->err, err);
		notice_conf_free(nc);
		g_key_file_free(kf);
	}
}

static void
test_conf_values(void)
{
	const char *t = "[notice]\nenable = true\ntransport = smtp\n"
	    "smtp = ::1:2525\nsubjects = Uppföljning; Avstämning\n"
	    "exclude = A@B.example\nredact = personnummer\nnotify = topic\n";
	GKeyFile *kf = g_key_file_new();
	struct notice_conf *nc, *d = notice_conf_default();
	char err[256];

	g_assert_true(g_key_file_load_from_data(kf, t, (gsize)-1, 0, NULL));
	nc = notice_conf_parse(kf, err, sizeof(err));
	g_assert_nonnull(nc);
	g_assert_true(nc->enable);
	g_assert_cmpint(nc->transport, ==, NT_SMTP);
	g_assert_cmpstr(nc->smtp_host, ==, "::1");
	g_assert_cmpuint(nc->smtp_port, ==, 2525);
	g_assert_cmpstr(nc->subjects[0], ==, "Uppföljning");
	g_assert_cmpstr(nc->exclude[0], ==, "a@b.example");
	g_assert_cmpint(notice_conf_mode(nc, "personnummer"), ==, NMODE_REDACT);
	g_assert_cmpint(notice_conf_mode(nc, "topic"), ==, NMODE_NOTIFY);
	g_assert_cmpint(notice_conf_mode(nc, "name"), ==, NMODE_REJECT);
	/* defaults: off, sendmail, Avstämning, reject; one random key per
	 * process, shared by every snapshot (a reload keeps it) */
	g_assert_false(d->enable);
	g_assert_cmpint(d->transport, ==, NT_SENDMAIL);
	g_assert_cmpstr(d->sendmail, ==, "/usr/sbin/sendmail");
	g_assert_cmpstr(d->subjects[0], ==, CORRECT_SUBJECT_DEFAULT);
	g_assert_cmpint(d->min_action, ==, ACT_HOLD);	/* "reject": held mail is told too */
	g_assert_cmpstr(d->header, ==, NOTICE_HEADER_DEFAULT);
	g_assert_true(memcmp(d->key, nc->key, sizeof(d->key)) == 0);
	g_assert_false(d->key_from_file);
	notice_conf_free(nc);
	notice_conf_free(d);
	g_key_file_free(kf);
}

/* ---- modes and who gets a notice ---- */

static struct verdict *
mk_verdict(const char *rules_actions)	/* "personnummer=reject,topic=flag" */
{
	struct verdict *v = verdict_new();
	char **parts = g_strsplit(rules_actions, ",", -1);

	for (size_t i = 0; parts[i] && *parts[i]; i++) {
		struct finding f;
		char **kv = g_strsplit(parts[i], "=", 2);

		memset(&f, 0, sizeof(f));
		g_strlcpy(f.rule, kv[0], sizeof(f.rule));
		g_assert_cmpint(action_parse(kv[1], &f.action), ==, 0);
		f.field = FLD_DESCRIPTION;
		g_strlcpy(f.evidence, "19121212-****", sizeof(f.evidence));
		verdict_add(v, &f);
		g_strfreev(kv);
	}
	g_strfreev(parts);
	return v;
}

struct mode_row {
	const char		*findings;
	enum notice_mode	 want;
};

static const struct mode_row mode_rows[] = {
	{ "personnummer=reject", NMODE_REDACT },
	{ "recurring-external=reject", NMODE_NOTIFY },
	{ "person-topic=reject", NMODE_REJECT },
	{ "personnummer=reject,recurring-external=reject", NMODE_REDACT },
	{ "personnummer=reject,person-topic=reject", NMODE_REJECT },
	{ "topic=flag", NMODE_NOTIFY },		/* nothing rejects */
	{ "personnummer=reject,topic=flag", NMODE_REDACT },
};

static void
test_modes(void)
{
	struct notice_conf *nc = notice_conf_default();

	g_strfreev(nc->redact);
	nc->redact = g_new0(char *, 2);
	nc->redact[0] = g_strdup("personnummer");
	g_strfreev(nc->notify);
	nc->notify = g_new0(char *, 2);
	nc->notify[0] = g_strdup("recurring-external");
	for (size_t i = 0; i < G_N_ELEMENTS(mode_rows); i++) {
		struct verdict *v = mk_verdict(mode_rows[i].findings);

		if (notice_mode_of(nc, v) != mode_rows[i].want)
			g_error("mode row %zu: got %s", i,
			    notice_mode_name(notice_mode_of(nc, v)));
		verdict_free(v);
	}
	notice_conf_free(nc);
}

struct want_row {
	const char	*name;
	bool		 enable;
	const char	*findings;
	const char	*sender;
	bool		 want;
};

static const struct want_row want_rows[] = {
	{ "reject", true, "personnummer=reject", "a@kommun.example", true },
	{ "disabled", false, "personnummer=reject", "a@kommun.example", false },
	{ "null sender", true, "personnummer=reject", "", false },
	{ "null sender <>", true, "personnummer=reject", "<>", false },
	{ "no sender", true, "personnummer=reject", NULL, false },
	{ "excluded address", true, "personnummer=reject", "NoReply@kommun.example", false },
	{ "excluded domain", true, "personnummer=reject", "x@tyst.example", false },
	{ "flag below min", true, "topic=flag", "a@kommun.example", false },
	{ "option-like sender", true, "personnummer=reject", "-oQ@x.example", false },
	{ "not an address", true, "personnummer=reject", "postmaster", false },
};

static void
test_wanted(void)
{
	struct notice_conf *nc = notice_conf_default();

	g_strfreev(nc->exclude);
	nc->exclude = g_new0(char *, 3);
	nc->exclude[0] = g_strdup("noreply@kommun.example");
	nc->exclude[1] = g_strdup("@tyst.example");
	for (size_t i = 0; i < G_N_ELEMENTS(want_rows); i++) {
		const struct want_row *r = &want_rows[i];
		struct verdict *v = mk_verdict(r->findings);

		nc->enable = r->enable;
		if (notice_wanted(nc, v, r->sender) != r->want)
			g_error("wanted %s: got %d", r->name, !r->want);
		verdict_free(v);
	}
	notice_conf_free(nc);
}

/* ---- the notice ---- */

static char *
read_file(const char *path, size_t *len)
{
	char *p = g_build_filename(g_getenv("TOP") ? g_getenv("TOP") : ".",
	    path, NULL), *buf = NULL;
	gsize n = 0;

	if (!g_file_get_contents(p, &buf, &n, NULL))
		g_error("cannot read %s", path);
	g_free(p);
	*len = n;
	return buf;
}

/* notice_is_ours for sender (NULL: no envelope) and one recipient
 * (NULL: none; "a b": two) at now (0: the clock). */
static bool
ours(const struct notice_conf *nc, const char *msg, size_t len,
    const char *sender, const char *rcpt, time_t now)
{
	char **rc = rcpt ? g_strsplit(rcpt, " ", -1) : NULL;
	struct envelope env = { sender, (const char **)rc,
	    rc ? g_strv_length(rc) : 0, now };
	bool r = notice_is_ours(nc, msg, len, sender ? &env : NULL);

	g_strfreev(rc);
	return r;
}

/* msg with the header field name (and its continuation lines) replaced
 * by "name: value", or with value appended as a second field when add. */
static char *
with_field(const char *msg, const char *name, const char *value, bool add)
{
	GString *o = g_string_new(NULL);
	const char *p = msg, *hend = strstr(msg, "\n\n");
	size_t nl = strlen(name);
	bool done = false;

	g_assert_nonnull(hend);
	while (p <= hend) {
		const char *e = strchr(p, '\n');

		while (e[1] == ' ' || e[1] == '\t')
			e = strchr(e + 1, '\n');
		if (!done && g_ascii_strncasecmp(p, name, nl) == 0 &&
		    p[nl] == ':') {
			if (add)
				g_string_append_len(o, p, e + 1 - p);
			g_string_append_printf(o, "%s: %s\n", name, value);
			done = true;
		} else
			g_string_append_len(o, p, e + 1 - p);
		p = e + 1;
	}
	g_assert_true(done);
	g_string_append(o, p);
	return g_string_free(o, FALSE);
}

/* Issue 17, bypass 5: a notice passes only as made, to its recipient,
 * within NOTICE_SIG_TTL. Rows are named; no message text is printed. */
static void
test_loop_stop(const struct notice_conf *nc, const char *msg, size_t mlen)
{
	const char *R = "a@kommun.example";
	time_t now = time(NULL);
	static const struct { const char *name, *value; bool add; } alt[] = {
		{ "Subject", "Uppf=C3=B6ljning 19121212-1212", false },
		{ "Subject", "Uppf=C3=B6ljning 19121212-1212", true },
		{ "From", "<chef@kommun.example>", false },
		{ "To", "<b@kommun.example>", false },
		{ "To", "<b@kommun.example>", true },
		{ "Date", "Mon, 1 Jan 2035 10:00:00 +0000", false },
		{ "Message-ID", "<other@kommun.example>", false },
		{ NOTICE_HEADER_DEFAULT, "2; t=9999999999; sig="
		  "0000000000000000000000000000000000000000000000000000000000000000",
		  false },
		{ "To", "\"Anna 19121212-1212\" <a@kommun.example>", false },
		{ NOTICE_HEADER_DEFAULT, "1; sig="
		  "0000000000000000000000000000000000000000000000000000000000000000",
		  true },
	};
	struct notice_conf *other = notice_conf_default();
	char *t;

	g_assert_true(ours(nc, msg, mlen, "", R, 0));
	g_assert_true(ours(nc, msg, mlen, "<>", R, 0));
	g_assert_true(ours(nc, msg, mlen, "", "A@Kommun.Example", 0));
	g_assert_false(ours(nc, msg, mlen, "a@kommun.example", R, 0));
	g_assert_false(ours(nc, msg, mlen, NULL, R, 0));
	/* another recipient, none, or one more */
	g_assert_false(ours(nc, msg, mlen, "", "b@kommun.example", 0));
	g_assert_false(ours(nc, msg, mlen, "", NULL, 0));
	g_assert_false(ours(nc, msg, mlen, "", "a@kommun.example b@x.example", 0));
	/* the date: within the TTL passes, past it or from the future not */
	g_assert_true(ours(nc, msg, mlen, "", R, now + NOTICE_SIG_TTL - 60));
	g_assert_false(ours(nc, msg, mlen, "", R, now + NOTICE_SIG_TTL + 60));
	g_assert_true(ours(nc, msg, mlen, "", R, now - 60));
	g_assert_false(ours(nc, msg, mlen, "", R, now - NOTICE_SIG_SKEW - 60));
	/* a header a reader sees altered, repeated, or the stamp changed */
	for (size_t i = 0; i < G_N_ELEMENTS(alt); i++) {
		t = with_field(msg, alt[i].name, alt[i].value, alt[i].add);
		if (ours(nc, t, strlen(t), "", R, 0))
			g_error("loop stop: %s %s still passes", alt[i].name,
			    alt[i].add ? "added" : "altered");
		g_free(t);
	}
	/* a header a client shows that a notice never has, added */
	{
		static const char *const add[] = {
			"Cc: \"Anna 19121212-1212\" <c@x.example>\n",
			"Comments: 19121212-1212\n",
			"Reply-To: <c@x.example>\n", "keywords: x\n",
			"Thread-Topic: x\n", "Sender: <c@x.example>\n",
		};

		for (size_t i = 0; i < G_N_ELEMENTS(add); i++) {
			t = g_strconcat(add[i], msg, NULL);
			if (ours(nc, t, strlen(t), "", R, 0))
				g_error("loop stop: added header %zu passes", i);
			g_free(t);
		}
	}
	/* a line break moved in the body (a QP soft break, a MIME line) */
	{
		const char *b = strstr(msg, "\n\n") + 2, *nl = strchr(b + 1, '\n');
		GString *mv = g_string_new_len(msg, (gssize)mlen);
		size_t at = (size_t)(nl - msg);

		g_assert_nonnull(nl);
		g_string_erase(mv, (gssize)at, 1);
		g_string_insert_c(mv, (gssize)at + 2, '\n');
		if (ours(nc, mv->str, mv->len, "", R, 0))
			g_error("loop stop: a moved line break passes");
		g_string_free(mv, TRUE);
	}
	/* the body altered */
	t = g_strdup(msg);
	t[mlen - 10] ^= 1;
	g_assert_false(ours(nc, t, mlen, "", R, 0));
	g_free(t);
	/* what an MTA does: line ends rewritten, Received: added, the
	 * Subject refolded: still ours */
	{
		GString *crlf = g_string_new("Received: from localhost\n"
		    "\tby mx.kommun.example; Sun, 6 Dec 2026 10:00:00 +0000\n");
		const char *sp;

		g_string_append(crlf, msg);
		sp = strstr(crlf->str, "\nSubject: ");
		g_assert_nonnull(sp);
		sp = strchr(sp + 10, ' ');
		g_string_insert(crlf, sp - crlf->str, "\n\t");
		for (size_t i = 0; i < crlf->len; i++)
			if (crlf->str[i] == '\n')
				g_string_insert_c(crlf, (gssize)i++, '\r');
		g_assert_true(ours(nc, crlf->str, crlf->len, "", R, 0));
		g_string_free(crlf, TRUE);
	}
	/* another key (another process, or a key_file): not ours */
	other->key[0] ^= 1;
	g_assert_false(ours(other, msg, mlen, "", R, 0));
	notice_conf_free(other);
}

static void
test_build(void)
{
	struct notice_conf *nc = notice_conf_default();
	size_t len, mlen;
	char *raw = read_file("tests/corpus/002-pnr-subject.eml", &len);
	struct invite *inv = parse_message(raw, len, NULL);
	struct verdict *v = verdict_new();
	unsigned ch = 0;
	char *ics, *msg;
	struct invite *ninv;

	g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
	g_assert_cmpint(v->action, ==, ACT_REJECT);
	ics = notice_corrected_ics(cfg, nc, raw, len, inv, v, NULL, false, &ch);
	g_assert_nonnull(ics);
	g_assert_true(ch & CORR_SUBJECT);
	msg = notice_build(cfg, nc, v, NMODE_REJECT, ics, ch,
	    "a@kommun.example", &mlen);
	g_assert_nonnull(msg);
	g_assert_cmpuint(mlen, ==, strlen(msg));
	/* no identifier in clear, no original subject; masked evidence is
	 * in the (quoted-printable) text */
	g_assert_null(strstr(msg, "1212-1212"));
	g_assert_null(strstr(msg, inv->subject));
	g_assert_nonnull(strstr(msg, "19121212-****"));
	g_assert_true(g_str_has_prefix(msg, NOTICE_HEADER_DEFAULT ": 2; t="));
	g_assert_nonnull(strstr(msg, "\nAuto-Submitted: auto-generated\n"));
	g_assert_nonnull(strstr(msg, "\nTo: a@kommun.example\n"));
	g_assert_nonnull(strstr(msg, "postmaster@kommun.example"));
	g_assert_nonnull(strstr(msg, "filename=kallelse.ics"));
	/* it parses as an invitation that passes the rules */
	ninv = parse_message(msg, mlen, NULL);
	g_assert_true(ninv->is_invitation);
	verdict_reset(v);
	g_assert_cmpint(rules_eval(&cfg->rules, ninv, NULL, v), ==, 0);
	g_assert_cmpint(v->action, <, ACT_FLAG);
	invite_free(ninv);

	/* the loop stop: only for <>, one recipient, unchanged, recent */
	test_loop_stop(nc, msg, mlen);
	g_assert_false(ours(nc, raw, len, "", "a@kommun.example", 0));
	g_free(msg);

	/* no calendar: the notice says so; notify: no calendar section */
	verdict_reset(v);
	g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
	msg = notice_build(cfg, nc, v, NMODE_REJECT, NULL, 0, "a@kommun.example",
	    &mlen);
	g_assert_nonnull(msg);
	g_assert_null(strstr(msg, "kallelse.ics"));
	g_free(msg);
	g_free(ics);
	verdict_free(v);
	invite_free(inv);
	g_free(raw);
	notice_conf_free(nc);
}

/* Each corpus invitation that is stopped gets a notice that passes. */
static void
test_corpus_notices(void)
{
	static const struct { const char *file; unsigned bits; } files[] = {
		{ "tests/corpus/003-google-base64.eml", CORR_TEXT | CORR_SERIES },
		{ "tests/corpus/004-outlook-pnr-description.eml", CORR_TEXT },
		{ "tests/corpus/100-weekly-external.eml", CORR_SERIES },
		{ "tests/corpus/103-rdate-external.eml", CORR_SERIES },
		{ "tests/corpus/110-outlook-pdf-external.eml", CORR_ATTACH },
	};
	struct notice_conf *nc = notice_conf_default();

	for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
		size_t len, mlen;
		char *raw = read_file(files[i].file, &len), *ics, *msg;
		struct invite *inv = parse_message(raw, len, NULL);
		struct verdict *v = verdict_new();
		unsigned ch = 0;

		g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
		g_assert_cmpint(v->action, >=, ACT_FLAG);
		ics = notice_corrected_ics(cfg, nc, raw, len, inv, v, NULL,
		    false, &ch);
		if (ics == NULL)
			g_error("%s: no corrected calendar", files[i].file);
		if ((ch & files[i].bits) != files[i].bits)
			g_error("%s: changes 0x%x, want 0x%x", files[i].file, ch,
			    files[i].bits);
		msg = notice_build(cfg, nc, v, NMODE_REJECT, ics, ch,
		    "a@kommun.example", &mlen);
		if (msg == NULL || strstr(msg, "kallelse.ics") == NULL)
			g_error("%s: no notice with calendar", files[i].file);
		g_free(msg);
		g_free(ics);
		verdict_free(v);
		invite_free(inv);
		g_free(raw);
	}
	notice_conf_free(nc);
}

/* ---- mode redact ---- */

struct redact_row {
	const char	*name;
	const char	*file;		/* corpus file, or NULL: text */
	const char	*text;
	int		 want_rc;
	unsigned	 want_dropped;
};

#define TNEF_MSG "From: a@kommun.example\r\nSubject: 19121212-1212\r\n" \
	"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n" \
	"\r\n--b\r\nContent-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\n" \
	"METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:u@x\r\nDTSTAMP:20251101T090000Z" \
	"\r\nDTSTART:20251124T090000Z\r\nSUMMARY:19121212-1212\r\nEND:VEVENT" \
	"\r\nEND:VCALENDAR\r\n--b\r\nContent-Type: application/ms-tnef\r\n" \
	"Content-Transfer-Encoding: base64\r\n\r\neJ8+IgAA\r\n--b--\r\n"

static const struct redact_row redact_rows[] = {
	{ "subject", "tests/corpus/002-pnr-subject.eml", NULL, 0, 0 },
	{ "description-text-html", "tests/corpus/004-outlook-pnr-description.eml",
	  NULL, 0, 0 },
	{ "google-base64", "tests/corpus/003-google-base64.eml", NULL, 0, 0 },
	{ "pdf-dropped", "tests/corpus/110-outlook-pdf-external.eml", NULL, 0, 1 },
	{ "tnef-refused", NULL, TNEF_MSG, -1, 0 },
};

static void
test_redact(void)
{
	struct notice_conf *nc = notice_conf_default();

	for (size_t i = 0; i < G_N_ELEMENTS(redact_rows); i++) {
		const struct redact_row *r = &redact_rows[i];
		size_t len, wl;
		char *raw = r->file ? read_file(r->file, &len) : g_strdup(r->text);
		struct invite *inv, *inv2;
		struct verdict *v = verdict_new();
		struct redact_out ro;
		char *ics, *whole;
		int rc;

		if (r->file == NULL)
			len = strlen(raw);
		inv = parse_message(raw, len, NULL);
		g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
		ics = notice_corrected_ics(cfg, nc, raw, len, inv, v, NULL, true,
		    NULL);
		rc = ics ? notice_redacted(cfg, nc, raw, len, inv, v, NULL, ics,
		    &ro, NULL) : -1;
		if (rc != r->want_rc)
			g_error("redact %s: rc %d", r->name, rc);
		if (rc == 0) {
			if (ro.dropped != r->want_dropped)
				g_error("redact %s: dropped %u", r->name,
				    ro.dropped);
			whole = redact_assemble(raw, len, &ro, &wl);
			g_assert_null(strstr(whole, "1212-1212"));
			g_assert_null(strstr(whole, "201212121212"));
			g_assert_null(strstr(whole, "Thread-Topic:"));
			inv2 = parse_message(whole, wl, NULL);
			g_assert_true(inv2->is_invitation);
			g_assert_cmpint(inv2->flags & INV_MIME_BROKEN, ==, 0);
			g_assert_cmpstr(inv2->subject, ==, CORRECT_SUBJECT_DEFAULT);
			g_assert_cmpuint(inv2->n_atts, ==, 0);
			/* the organizer's meeting keeps its UID */
			g_assert_cmpstr(inv2->comps[0].uid, ==, inv->comps[0].uid);
			verdict_reset(v);
			g_assert_cmpint(rules_eval(&cfg->rules, inv2, NULL, v), ==, 0);
			g_assert_cmpint(v->action, <, ACT_FLAG);
			invite_free(inv2);
			g_free(whole);
			redact_out_clear(&ro);
		}
		g_free(ics);
		verdict_free(v);
		invite_free(inv);
		g_free(raw);
	}
	notice_conf_free(nc);
}

/* ---- submission ---- */

/* The built-in config, whose [notice] the tests below change. */
/* The daemon's log (milter/log.c, for submit.c's lines) reaches the
 * stats thread's config through main.c, which is not linked here. */
struct config *
mlt_config_get(void)
{
	return NULL;
}

static struct config *
send_config(void)
{
	char err[256];
	struct config *c = conf_default(err, sizeof(err));

	g_assert_nonnull(c);
	c->log_syslog = false;	/* submit.c logs each job (mlt_log) */
	return c;
}

/* g_file_set_contents replaces the file: set the mode every time */
static void
put_script(const char *path, const char *text)
{
	g_assert_true(g_file_set_contents(path, text, -1, NULL));
	g_assert_cmpint(g_chmod(path, 0755), ==, 0);
}

static void
test_send_sendmail(void)
{
	struct config *scfg = send_config();
	struct notice_conf *nc = scfg->notice;
	char *dir = g_dir_make_tmp("notice-XXXXXX", NULL);
	char *script = g_build_filename(dir, "sendmail", NULL);
	char *out = g_build_filename(dir, "out", NULL);
	char *args = g_build_filename(dir, "args", NULL);
	char *body, *sc;
	const char *msg = "Subject: t\n\nline one\n.\nline three\n";
	struct submit_job *j;
	char why[256];
	gsize n;

	sc = g_strdup_printf("#!/bin/sh\necho \"$@\" >%s\ncat >%s\nexit 0\n",
	    args, out);
	put_script(script, sc);
	g_free(nc->sendmail);
	nc->sendmail = g_strdup(script);
	j = submit_job_new(scfg, "a@kommun.example", msg, strlen(msg), "Q1",
	    "personnummer", "reject");
	g_assert_cmpint(submit_now(j, why, sizeof(why)), ==, 0);
	g_assert_true(g_file_get_contents(out, &body, &n, NULL));
	g_assert_cmpstr(body, ==, msg);
	g_free(body);
	g_assert_true(g_file_get_contents(args, &body, &n, NULL));
	g_assert_cmpstr(body, ==, "-i -f <> -- a@kommun.example\n");
	g_free(body);
	submit_job_free(j);

	/* a failing MTA is reported, not fatal */
	g_free(sc);
	sc = g_strdup("#!/bin/sh\ncat >/dev/null\nexit 75\n");
	put_script(script, sc);
	j = submit_job_new(scfg, "a@kommun.example", msg, strlen(msg), NULL,
	    NULL, NULL);
	g_assert_cmpint(submit_now(j, why, sizeof(why)), ==, -1);
	g_assert_cmpstr(why, ==, "sendmail exit 75");
	submit_job_free(j);

	/* an MTA that hangs is killed after the timeout */
	g_free(sc);
	sc = g_strdup("#!/bin/sh\nexec sleep 30\n");
	put_script(script, sc);
	nc->timeout_s = 1;
	j = submit_job_new(scfg, "a@kommun.example", msg, strlen(msg), NULL,
	    NULL, NULL);
	g_assert_cmpint(submit_now(j, why, sizeof(why)), ==, -1);
	g_assert_nonnull(strstr(why, "timed out"));
	submit_job_free(j);

	/* missing binary */
	g_free(nc->sendmail);
	nc->sendmail = g_strdup("/nonexistent/sendmail");
	j = submit_job_new(scfg, "a@kommun.example", msg, strlen(msg), NULL,
	    NULL, NULL);
	g_assert_cmpint(submit_now(j, why, sizeof(why)), ==, -1);
	submit_job_free(j);

	/* asynchronous: returns at once, drain waits, the log line has no
	 * address */
	g_free(sc);
	sc = g_strdup_printf("#!/bin/sh\nsleep 0.3\ncat >%s\n", out);
	put_script(script, sc);
	g_free(nc->sendmail);
	nc->sendmail = g_strdup(script);
	nc->timeout_s = 10;
	g_unlink(out);
	{
		gint64 t0 = g_get_monotonic_time();

		char *logf = g_build_filename(dir, "log", NULL), *logged = NULL;

		g_free(scfg->log_file);
		scfg->log_file = g_strdup(logf);
		submit_send(submit_job_new(scfg, "a@kommun.example", msg,
		    strlen(msg), "Q2", "personnummer", "reject"));
		g_assert_cmpint(g_get_monotonic_time() - t0, <, 200000);
		g_assert_cmpuint(submit_drain(5000), ==, 0);
		g_assert_true(g_file_test(out, G_FILE_TEST_EXISTS));
		g_assert_true(g_file_get_contents(logf, &logged, NULL, NULL));
		g_assert_nonnull(strstr(logged, "\"result\":\"sent\""));
		g_assert_nonnull(strstr(logged,
		    "\"rcpt_domain\":\"kommun.example\""));
		g_assert_null(strstr(logged, "a@kommun"));
		g_free(scfg->log_file);
		scfg->log_file = NULL;
		g_unlink(logf);
		g_free(logf);
		g_free(logged);
	}
	g_unlink(out);
	g_unlink(args);
	g_unlink(script);
	g_rmdir(dir);
	g_free(sc);
	g_free(script);
	g_free(out);
	g_free(args);
	g_free(dir);
	conf_unref(scfg);
}

/* A minimal SMTP server on a loopback socket, one session. */
struct smtpd {
	int		 lfd;
	GString		*log;		/* commands seen */
	GString		*data;
	const char	*rcpt_reply;
};

static void
say(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		g_error("write");
}

static gpointer
smtpd_run(gpointer arg)
{
	struct smtpd *s = arg;
	int fd = accept(s->lfd, NULL, NULL);
	GString *line = g_string_new(NULL);
	bool in_data = false;
	char c;

	say(fd, "220 test ESMTP\r\n");
	while (read(fd, &c, 1) == 1) {
		if (c != '\n') {
			g_string_append_c(line, c);
			continue;
		}
		if (line->len && line->str[line->len - 1] == '\r')
			g_string_truncate(line, line->len - 1);
		if (in_data) {
			if (strcmp(line->str, ".") == 0) {
				in_data = false;
				say(fd, "250 queued\r\n");
			} else
				g_string_append_printf(s->data, "%s\n", line->str);
		} else {
			g_string_append_printf(s->log, "%s\n", line->str);
			if (!g_ascii_strncasecmp(line->str, "EHLO", 4))
				say(fd, "250-test\r\n250 8BITMIME\r\n");
			else if (!g_ascii_strncasecmp(line->str, "RCPT", 4))
				say(fd, s->rcpt_reply);
			else if (!g_ascii_strncasecmp(line->str, "DATA", 4)) {
				say(fd, "354 go\r\n");
				in_data = true;
			} else if (!g_ascii_strncasecmp(line->str, "QUIT", 4)) {
				say(fd, "221 bye\r\n");
				break;
			} else
				say(fd, "250 ok\r\n");
		}
		g_string_truncate(line, 0);
	}
	close(fd);
	g_string_free(line, TRUE);
	return NULL;
}

static void
smtp_once(const char *rcpt_reply, int want_rc, const char *want_data,
    const char *want_why)
{
	struct config *scfg = send_config();
	struct notice_conf *nc = scfg->notice;
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	struct smtpd s = { -1, g_string_new(NULL), g_string_new(NULL),
	    rcpt_reply };
	const char *msg = "Subject: t\n\nline one\n.dot first\n";
	struct submit_job *j;
	GThread *th;
	char why[256];

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s.lfd = socket(AF_INET, SOCK_STREAM, 0);
	g_assert_cmpint(bind(s.lfd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
	g_assert_cmpint(listen(s.lfd, 1), ==, 0);
	g_assert_cmpint(getsockname(s.lfd, (struct sockaddr *)&sa, &sl), ==, 0);
	nc->transport = NT_SMTP;
	nc->smtp_port = ntohs(sa.sin_port);
	nc->timeout_s = 5;
	th = g_thread_new("smtpd", smtpd_run, &s);
	j = submit_job_new(scfg, "a@kommun.example", msg, strlen(msg), NULL,
	    NULL, NULL);
	g_assert_cmpint(submit_now(j, why, sizeof(why)), ==, want_rc);
	g_thread_join(th);
	g_assert_nonnull(strstr(s.log->str, "MAIL FROM:<>\n"));
	g_assert_nonnull(strstr(s.log->str, "RCPT TO:<a@kommun.example>\n"));
	if (want_data)
		g_assert_cmpstr(s.data->str, ==, want_data);
	if (want_why)
		g_assert_cmpstr(why, ==, want_why);
	submit_job_free(j);
	close(s.lfd);
	g_string_free(s.log, TRUE);
	g_string_free(s.data, TRUE);
	conf_unref(scfg);
}

static void
test_send_smtp(void)
{
	/* dot-stuffed on the wire (RFC 5321 4.5.2): ".." comes back */
	smtp_once("250 ok\r\n", 0, "Subject: t\n\nline one\n..dot first\n",
	    "smtp 250");
	smtp_once("550 5.1.1 no such user\r\n", -1, NULL, "smtp 550 after RCPT");
}

int
main(int argc, char **argv)
{
	char err[256];
	int rc;

	g_test_init(&argc, &argv, NULL);
	parse_init();
	cfg = conf_default(err, sizeof(err));
	g_assert_nonnull(cfg);
	g_assert_cmpint(conf_add_internal_domain(cfg, "kommun.example", err,
	    sizeof(err)), ==, 0);
	g_test_add_func("/notice/conf", test_conf);
	g_test_add_func("/notice/conf_values", test_conf_values);
	g_test_add_func("/notice/modes", test_modes);
	g_test_add_func("/notice/wanted", test_wanted);
	g_test_add_func("/notice/build", test_build);
	g_test_add_func("/notice/corpus", test_corpus_notices);
	g_test_add_func("/notice/redact", test_redact);
	g_test_add_func("/notice/send_sendmail", test_send_sendmail);
	g_test_add_func("/notice/send_smtp", test_send_smtp);
	rc = g_test_run();
	conf_unref(cfg);
	return rc;
}
