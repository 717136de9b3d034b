/*
 * conf_test.c: the configuration loader: defaults, every kind of value,
 * and errors that name file, line and key with a hint.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "conf/conf.h"
#include "conf/noticeconf.h"
#include "rules/rules.h"

static char *
write_conf(const char *text)
{
	GError *err = NULL;
	char *path = NULL;
	int fd = g_file_open_tmp("invite-conf-XXXXXX.conf", &path, &err);

	g_assert_no_error(err);
	g_assert_true(g_file_set_contents(path, text, -1, &err));
	g_assert_no_error(err);
	close(fd);
	return path;
}

static void
test_defaults(void)
{
	char err[512] = "";
	struct config *c = conf_default(err, sizeof(err));
	const struct rule_conf *r;

	g_assert_nonnull(c);
	g_assert_cmpstr(c->digest, ==, "builtin");
	g_assert_cmpuint(c->rules.n_internal_domains, ==, 0);
	g_assert_cmpint(c->on_error, ==, ONERR_TEMPFAIL);
	g_assert_cmpint(c->rules.answer_max_action, ==, ACT_LOG);
	r = rules_conf_find(&c->rules, "personnummer");
	g_assert_nonnull(r);
	g_assert_cmpint(r->action, ==, ACT_REJECT);
	r = rules_conf_find(&c->rules, "attachment-external");
	g_assert_cmpint(r->action, ==, ACT_FLAG);
	g_assert_null(rules_conf_find(&c->rules, "no-such-rule"));
	g_assert_nonnull(c->rules.data);
	conf_unref(c);
}

static void
test_values(void)
{
	char err[512] = "";
	char *p = write_conf(
	    "# comment\n"
	    "[general]\n"
	    "internal_domains = Kommun.Example. ; region.example\n"
	    "teams_only = true\n"
	    "dry_run = yes\n"
	    "on_error = accept\n"
	    "answer_max_action = flag\n"
	    "[limits]\n"
	    "message_bytes = 2M\n"
	    "mime_depth = 8\n"
	    "[rules]\n"
	    "attachment-external = reject\n"
	    "name = off\n"
	    "[severity]\n"
	    "topic = high\n"
	    "[milter]\n"
	    "socket = inet:8890@127.0.0.1\n"
	    "socket_mode = 0600\n"
	    "internal_networks = 10.0.0.0/8; 2001:db8::/32\n"
	    "outgoing = auth; sender\n"
	    "max_body = 512K\n"
	    "subject_tag = [Granska]\n"
	    "[log]\n"
	    "syslog = false\n"
	    "file = /tmp/x.log\n");
	struct config *c = conf_load(p, err, sizeof(err));

	g_assert_cmpstr(err, ==, "");
	g_assert_nonnull(c);
	g_assert_cmpuint(c->rules.n_internal_domains, ==, 2);
	g_assert_cmpstr(c->rules.internal_domains[0], ==, "kommun.example");
	g_assert_cmpstr(c->rules.internal_domains[1], ==, "region.example");
	g_assert_true(c->rules.teams_only);
	g_assert_true(c->dry_run);
	g_assert_cmpint(c->on_error, ==, ONERR_ACCEPT);
	g_assert_cmpint(c->rules.answer_max_action, ==, ACT_FLAG);
	g_assert_cmpuint(c->limits.message_bytes, ==, 2u * 1024 * 1024);
	g_assert_cmpuint(c->limits.mime_depth, ==, 8);
	g_assert_cmpint(rules_conf_find(&c->rules, "attachment-external")->action, ==, ACT_REJECT);
	g_assert_cmpint(rules_conf_find(&c->rules, "name")->action, ==, ACT_OFF);
	g_assert_cmpint(rules_conf_find(&c->rules, "topic")->sev, ==, SEV_HIGH);
	g_assert_cmpstr(c->socket, ==, "inet:8890@127.0.0.1");
	g_assert_cmpuint(c->socket_mode, ==, 0600);
	g_assert_cmpuint(c->outgoing, ==, OUT_AUTH | OUT_SENDER);
	g_assert_cmpuint(c->max_body, ==, 512u * 1024);
	g_assert_cmpstr(c->subject_tag, ==, "[Granska]");
	g_assert_false(c->log_syslog);
	g_assert_cmpstr(c->log_file, ==, "/tmp/x.log");
	g_assert_cmpuint(strlen(c->digest), ==, 16);
	conf_unref(c);
	g_unlink(p);
	g_free(p);
}

struct bad_case {
	const char	*name;
	const char	*text;
	const char	*want;	/* substring of the error */
};

static const struct bad_case bad_cases[] = {
	{ "unknown group", "[genral]\nx = 1\n", ":1: [genral]" },
	{ "unknown key with hint", "[general]\n\nteams_onyl = true\n",
	  ":3: [general] teams_onyl: unknown key (did you mean \"teams_only\"?)" },
	{ "unknown rule id", "[rules]\npersonummer = reject\n",
	  "did you mean \"personnummer\"" },
	{ "bad boolean", "[general]\ndry_run = maybe\n", ":2: [general] dry_run" },
	{ "bad action", "[rules]\nname = block\n", "use reject, hold, flag, log or off" },
	{ "unit bad sender", "[unit:soc]\nsenders = a b@x\n",
	  ":2: [unit:soc] senders: \"a b@x\": use an address" },
	{ "unit no senders", "[unit:soc]\ndry_run = true\n",
	  ":1: [unit:soc] : no senders" },
	{ "unit bad name", "[unit:a@b]\nsenders = x.example\n",
	  ":1: [unit:a@b] : unit name" },
	{ "unit bad action", "[unit:soc]\nsenders = x.example\nname = stop\n",
	  ":3: [unit:soc] name: \"stop\": use reject, hold" },
	{ "unit key typo", "[unit:soc]\nsender = x.example\n",
	  "did you mean \"senders\"" },
	{ "unit overlap", "[unit:a]\nsenders = x.example\n[unit:b]\n"
	  "senders = X.Example\n", "is in unit \"a\" (unit:a) and in unit \"b\"" },
	{ "unit bad dry_run", "[unit:a]\nsenders = x.example\ndry_run = 2\n",
	  ":3: [unit:a] dry_run" },
	{ "units missing map", "[units]\nmap_file = /nonexistent/map\n",
	  "[units] map_file" },
	{ "series sender", "[exceptions]\nseries_senders = @\n",
	  ":2: [exceptions] series_senders" },
	{ "partner internal", "[general]\ninternal_domains = k.example\n"
	  "[exceptions]\npartner_domains = vard.k.example\n",
	  "already internal" },
	{ "answers never held", "[general]\nanswer_max_action = hold\n",
	  "never rejected or held" },
	{ "bad flag_external", "[milter]\nflag_external = sometimes\n",
	  ":2: [milter] flag_external" },
	{ "bad split_series", "[milter]\n\nsplit_series = 2\n",
	  ":3: [milter] split_series" },
	{ "bad reviewer", "[notice]\nreviewer = Granskare <g@k.example>\n",
	  "[notice] reviewer: not a plain address" },
	{ "bad severity", "[severity]\nname = huge\n", "use low, medium or high" },
	{ "bad size", "[limits]\nmime_depth = -3\n", "mime_depth" },
	{ "size too big", "[limits]\nmime_depth = 1000\n", "between 1 and 100" },
	{ "bad network", "[milter]\ninternal_networks = 10.0.0.0/40\n",
	  "internal_networks" },
	{ "bad outgoing", "[milter]\noutgoing = everyone\n", "use auth, networks" },
	{ "bad domain", "[general]\ninternal_domains = a..b\n", "internal_domains" },
	{ "answers never rejected", "[general]\nanswer_max_action = reject\n",
	  "never rejected" },
	{ "bad on_error", "[general]\non_error = ignore\n", "tempfail" },
	{ "bad mode", "[milter]\nsocket_mode = 999\n", "octal" },
	{ "bad header", "[milter]\nflag_header = X Bad:\n", "flag_header" },
	{ "bad facility", "[log]\nsyslog_facility = kern\n", "syslog_facility" },
	{ "not a key file", "just text\n", "" },
	{ "missing lexicon dir", "[lexicon]\nlexicon_dir = /nonexistent/dir\n",
	  "/nonexistent/dir" },
	/* [notice]: validated by noticeconf.c, reported with file and line */
	{ "notice unknown key", "[notice]\nenable = true\nenabel = true\n",
	  ":3: [notice] enabel: unknown key (did you mean \"enable\"?)" },
	{ "notice unknown key far off", "[notice]\nloudness = 3\n",
	  ":2: [notice] loudness: unknown key (see invite-milter.conf(5))" },
	{ "notice enable", "[notice]\nenable = kanske\n",
	  ":2: [notice] enable: \"kanske\" is not a boolean" },
	{ "notice from", "[notice]\nfrom = Post Master <pm@x>\n",
	  ":2: [notice] from: not a plain address" },
	{ "notice from no at", "[notice]\nfrom = postmaster\n",
	  "[notice] from: not a plain address" },
	{ "notice transport", "[notice]\ntransport = lmtp\n",
	  ":2: [notice] transport: use sendmail or smtp" },
	{ "notice sendmail", "[notice]\nsendmail = sendmail\n",
	  ":2: [notice] sendmail: must be an absolute path" },
	{ "notice smtp", "[notice]\nsmtp = localhost\n",
	  ":2: [notice] smtp: use HOST:PORT" },
	{ "notice smtp port", "[notice]\nsmtp = 127.0.0.1:70000\n",
	  ":2: [notice] smtp: use HOST:PORT" },
	{ "notice timeout", "[notice]\ntimeout = 0\n",
	  ":2: [notice] timeout: seconds, 1 to 3600" },
	{ "notice timeout big", "[notice]\ntimeout = 3601\n",
	  "[notice] timeout" },
	{ "notice subjects", "[notice]\nsubjects = ;\n",
	  ":2: [notice] subjects: at least one subject" },
	{ "notice mode", "[notice]\nmode = drop\n",
	  ":2: [notice] mode: use reject, redact or notify" },
	{ "notice redact rule", "[notice]\nredact = personumer\n",
	  ":2: [notice] redact: unknown rule \"personumer\"" },
	{ "notice notify rule", "[notice]\nnotify = nosuch\n",
	  ":2: [notice] notify: unknown rule" },
	{ "notice rule in both", "[notice]\nredact = topic\nnotify = topic\n",
	  ":3: [notice] notify: rule \"topic\" is also in redact" },
	{ "notice min_action", "[notice]\nmin_action = log\n",
	  ":2: [notice] min_action: use reject or flag" },
	{ "notice header", "[notice]\nheader = X Notice\n",
	  ":2: [notice] header: a header name" },
	{ "notice key_file", "[notice]\nkey_file = /nonexistent/k\n",
	  ":2: [notice] key_file: /nonexistent/k: No such file" },
	{ "unknown group lists notice", "[notices]\n", "severity, notice, units" },
};

static void
test_bad(gconstpointer data)
{
	const struct bad_case *bc = data;
	char err[512] = "";
	char *p = write_conf(bc->text);
	struct config *c = conf_load(p, err, sizeof(err));

	g_assert_null(c);
	g_assert_true(g_str_has_prefix(err, p));
	if (strstr(err, bc->want) == NULL)
		g_test_message("%s: error was: %s", bc->name, err);
	g_assert_nonnull(strstr(err, bc->want));
	g_unlink(p);
	g_free(p);
}

static void
test_notice(void)
{
	char err[512] = "";
	char *kp = write_conf("0123456789abcdef0123456789abcdef\n");
	char *text = g_strdup_printf(
	    "[general]\ninternal_domains = kommun.example\n"
	    "[notice]\nenable = Yes\nfrom = pm@kommun.example\n"
	    "transport = smtp\nsmtp = 127.0.0.1:2525\ntimeout = 30\n"
	    "sendmail = /usr/lib/sendmail\n"
	    "subjects = Uppföljning; Avstämning\n"
	    "exclude = NoReply@Kommun.Example; @system.kommun.example\n"
	    "mode = notify\nredact = personnummer\nnotify = topic\n"
	    "min_action = flag\nheader = X-Notice\nkey_file = %s\n", kp);
	char *p = write_conf(text);
	struct config *c = conf_load(p, err, sizeof(err)), *d, *c2;
	const struct notice_conf *n;

	g_assert_cmpstr(err, ==, "");
	g_assert_nonnull(c);
	n = c->notice;
	g_assert_nonnull(n);
	g_assert_true(n->enable);
	g_assert_cmpstr(n->from, ==, "pm@kommun.example");
	g_assert_cmpint(n->transport, ==, NT_SMTP);
	g_assert_cmpstr(n->smtp_host, ==, "127.0.0.1");
	g_assert_cmpuint(n->smtp_port, ==, 2525);
	g_assert_cmpuint(n->timeout_s, ==, 30);
	g_assert_cmpstr(n->sendmail, ==, "/usr/lib/sendmail");
	g_assert_cmpstr(n->subjects[0], ==, "Uppföljning");
	g_assert_cmpstr(n->subjects[1], ==, "Avstämning");
	g_assert_cmpstr(n->exclude[0], ==, "noreply@kommun.example");
	g_assert_cmpstr(n->exclude[1], ==, "@system.kommun.example");
	g_assert_cmpint(n->mode, ==, NMODE_NOTIFY);
	g_assert_cmpint(notice_conf_mode(n, "personnummer"), ==, NMODE_REDACT);
	g_assert_cmpint(notice_conf_mode(n, "topic"), ==, NMODE_NOTIFY);
	g_assert_cmpint(notice_conf_mode(n, "name"), ==, NMODE_NOTIFY);
	g_assert_cmpint(n->min_action, ==, ACT_FLAG);
	g_assert_cmpstr(n->header, ==, "X-Notice");
	g_assert_true(n->key_from_file);

	/* the defaults: notices on where the sendmail program is there
	 * (issue 20; they were opt-in), mode reject, process key */
	d = conf_default(err, sizeof(err));
	g_assert_nonnull(d->notice);
	g_assert_true(d->notice->enable == (access(d->notice->sendmail,
	    X_OK) == 0));
	g_assert_cmpint(d->notice->mode, ==, NMODE_REJECT);
	g_assert_cmpint(d->notice->transport, ==, NT_SENDMAIL);
	g_assert_false(d->notice->key_from_file);
	/* the key: from key_file, the same in every snapshot of that file
	 * (a reload keeps it); without key_file, the process key, the same
	 * in every snapshot too, and different from the file's */
	c2 = conf_load(p, err, sizeof(err));
	g_assert_nonnull(c2);
	g_assert_true(memcmp(c2->notice->key, n->key, sizeof(n->key)) == 0);
	g_assert_true(memcmp(d->notice->key, n->key, sizeof(n->key)) != 0);
	conf_unref(c2);
	c2 = conf_default(err, sizeof(err));
	g_assert_true(memcmp(c2->notice->key, d->notice->key,
	    sizeof(n->key)) == 0);
	conf_unref(c2);
	conf_unref(d);
	conf_unref(c);
	g_unlink(p);
	g_unlink(kp);
	g_free(p);
	g_free(kp);
	g_free(text);
}

static void
test_missing_file(void)
{
	char err[512] = "";

	g_assert_null(conf_load("/nonexistent/invite.conf", err, sizeof(err)));
	g_assert_nonnull(strstr(err, "/nonexistent/invite.conf"));
}

/* Units: resolution most specific first, effective rules and dry_run,
 * the map file, exceptions. */
static void
test_units(void)
{
	char err[512] = "";
	char *map = write_conf("# address unit\n"
	    "Anna.A@soc.kommun.example  Socialtjänsten\n"
	    "\n"
	    "b@kommun.example\tSkola Norr\n");
	char *text = g_strdup_printf(
	    "[general]\ninternal_domains = kommun.example\ndry_run = true\n"
	    "[rules]\nname = flag\n"
	    "[units]\nmap_file = %s\n"
	    "[unit:Socialtjänsten]\nsenders = soc.kommun.example; "
	    "boss@kommun.example\ndry_run = false\nname = hold\n"
	    "personnummer = hold\n"
	    "[unit:Kultur]\nsenders = @kommun.example; .kultur.kommun.example\n"
	    "[exceptions]\nseries_senders = bokning@kommun.example; "
	    "@boka.kommun.example\npartner_domains = Vard.Region.Example\n",
	    map);
	char *p = write_conf(text);
	struct config *c = conf_load(p, err, sizeof(err));
	const struct conf_unit *soc, *u;
	const struct rules_conf *rc;

	g_assert_cmpstr(err, ==, "");
	g_assert_nonnull(c);
	g_assert_cmpuint(c->n_units, ==, 3);
	g_assert_cmpuint(c->n_unit_map, ==, 2);
	soc = conf_unit_of(c, "x@soc.kommun.example");
	g_assert_nonnull(soc);
	g_assert_cmpstr(soc->name, ==, "Socialtjänsten");
	g_assert_true(conf_unit_of(c, "y@a.soc.kommun.example") == soc);
	g_assert_true(conf_unit_of(c, "anna.a@soc.kommun.example") == soc);
	g_assert_true(conf_unit_of(c, "Boss@Kommun.Example") == soc);
	u = conf_unit_of(c, "b@kommun.example");		/* map */
	g_assert_cmpstr(u->name, ==, "Skola Norr");
	g_assert_false(u->has_group);
	u = conf_unit_of(c, "c@kommun.example");		/* @domain */
	g_assert_cmpstr(u->name, ==, "Kultur");
	g_assert_cmpstr(conf_unit_of(c, "d@bib.kultur.kommun.example")->name,
	    ==, "Kultur");
	g_assert_null(conf_unit_of(c, "e@other.kommun.example"));
	g_assert_null(conf_unit_of(c, "e@kultur.kommun.example"));
	g_assert_null(conf_unit_of(c, ""));
	g_assert_null(conf_unit_of(c, "x@evilkommun.example"));
	/* rules and dry_run */
	rc = conf_rules_of(c, soc);
	g_assert_cmpint(rules_conf_find(rc, "name")->action, ==, ACT_HOLD);
	g_assert_cmpint(rules_conf_find(rc, "personnummer")->action, ==,
	    ACT_HOLD);
	g_assert_true(rc->data == c->rules.data);
	g_assert_cmpuint(rc->n_internal_domains, ==, 1);
	rc = conf_rules_of(c, conf_unit_of(c, "b@kommun.example"));
	g_assert_cmpint(rules_conf_find(rc, "name")->action, ==, ACT_FLAG);
	g_assert_true(conf_rules_of(c, NULL) == &c->rules);
	g_assert_false(conf_dry_run_of(c, soc));
	g_assert_true(conf_dry_run_of(c, u));
	g_assert_true(conf_dry_run_of(c, NULL));
	/* -D after load reaches the units */
	g_assert_cmpint(conf_add_internal_domain(c, "region.example", err,
	    sizeof(err)), ==, 0);
	g_assert_cmpuint(conf_rules_of(c, soc)->n_internal_domains, ==, 2);
	g_assert_true(conf_rules_of(c, soc)->internal_domains ==
	    c->rules.internal_domains);
	/* exceptions */
	g_assert_cmpstr(c->rules.series_senders[0], ==, "bokning@kommun.example");
	g_assert_cmpstr(c->rules.series_senders[1], ==, "@boka.kommun.example");
	g_assert_cmpuint(c->rules.n_partner_domains, ==, 1);
	g_assert_cmpstr(c->rules.partner_domains[0], ==, "vard.region.example");
	g_assert_true(conf_rules_of(c, soc)->partner_domains ==
	    c->rules.partner_domains);
	conf_unref(c);
	g_unlink(p);
	g_free(p);
	g_free(text);

	/* a bad map line names the map file and the line */
	text = g_strdup_printf("[units]\nmap_file = %s\n", map);
	g_file_set_contents(map, "a@x.example  A\nnot-an-address B\n", -1,
	    NULL);
	p = write_conf(text);
	g_assert_null(conf_load(p, err, sizeof(err)));
	g_assert_nonnull(strstr(err, ":2: [units] map_file: \"not-an-address\""));
	g_unlink(p);
	g_free(p);
	g_free(text);
	g_unlink(map);
	g_free(map);
}

/* Issue 20's keys besides units: hold, flag_external, split_series,
 * reviewer, and notices on by default when they can go out. */
static void
test_enforcement_keys(void)
{
	char err[512] = "";
	struct config *c = conf_default(err, sizeof(err));
	char *p;

	g_assert_nonnull(c);
	g_assert_false(c->flag_external);
	g_assert_false(c->split_series);
	g_assert_null(c->notice->reviewer);
	g_assert_true(c->notice->enable_auto);
	g_assert_true(c->notice->enable == (access("/usr/sbin/sendmail",
	    X_OK) == 0));
	g_assert_cmpint(rules_conf_find(&c->rules, "name")->action, ==,
	    ACT_HOLD);
	g_assert_cmpint(rules_conf_find(&c->rules, "personnummer")->action,
	    ==, ACT_REJECT);
	g_assert_cmpint(rules_conf_find(&c->rules, "attachment-external")->
	    action, ==, ACT_FLAG);
	conf_unref(c);
	p = write_conf("[milter]\nflag_external = yes\nsplit_series = true\n"
	    "[rules]\ntopic = hold\n[notice]\nreviewer = g@kommun.example\n"
	    "sendmail = /nonexistent/sendmail\n");
	c = conf_load(p, err, sizeof(err));
	g_assert_nonnull(c);
	g_assert_true(c->flag_external);
	g_assert_true(c->split_series);
	g_assert_cmpstr(c->notice->reviewer, ==, "g@kommun.example");
	g_assert_false(c->notice->enable);	/* auto: no program there */
	g_assert_nonnull(strstr(notice_conf_enable_why(c->notice), "off"));
	conf_unref(c);
	g_unlink(p);
	g_free(p);
	p = write_conf("[notice]\ntransport = smtp\n");
	c = conf_load(p, err, sizeof(err));
	g_assert_true(c->notice->enable);	/* auto: smtp can go out */
	conf_unref(c);
	g_unlink(p);
	g_free(p);
	p = write_conf("[notice]\ntransport = smtp\nenable = no\n");
	c = conf_load(p, err, sizeof(err));
	g_assert_false(c->notice->enable);
	g_assert_cmpstr(notice_conf_enable_why(c->notice), ==,
	    "off ([notice] enable = false)");
	conf_unref(c);
	g_unlink(p);
	g_free(p);
}

static void
test_add_domain(void)
{
	char err[512] = "";
	struct config *c = conf_default(err, sizeof(err));

	g_assert_cmpint(conf_add_internal_domain(c, "Kommun.Example.", err,
	    sizeof(err)), ==, 0);
	g_assert_cmpint(conf_add_internal_domain(c, "kommun.example", err,
	    sizeof(err)), ==, 0);
	g_assert_cmpuint(c->rules.n_internal_domains, ==, 1);
	g_assert_cmpint(conf_add_internal_domain(c, "not a domain", err,
	    sizeof(err)), ==, -1);
	g_assert_cmpint(conf_add_internal_domain(c, "", err, sizeof(err)),
	    ==, -1);
	conf_unref(c);
}

static void
test_networks(void)
{
	char err[512] = "";
	char *p = write_conf("[milter]\ninternal_networks = 10.0.0.0/8; "
	    "192.168.1.128/25; 2001:db8::/32\n");
	struct config *c = conf_load(p, err, sizeof(err));
	struct sockaddr_in in = { .sin_family = AF_INET };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };
	static const struct { const char *a; bool want; } rows[] = {
		{ "10.1.2.3", true }, { "11.0.0.1", false },
		{ "192.168.1.200", true }, { "192.168.1.100", false },
		{ "2001:db8::1", true }, { "2001:db9::1", false },
		{ "::ffff:10.9.9.9", true }, { "127.0.0.1", false },
	};

	g_assert_nonnull(c);
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		bool got;

		if (inet_pton(AF_INET, rows[i].a, &in.sin_addr) == 1)
			got = conf_is_internal_network(c, &in);
		else {
			g_assert_cmpint(inet_pton(AF_INET6, rows[i].a,
			    &in6.sin6_addr), ==, 1);
			got = conf_is_internal_network(c, &in6);
		}
		if (got != rows[i].want)
			g_test_message("row %zu (%s)", i, rows[i].a);
		g_assert_true(got == rows[i].want);
	}
	g_assert_false(conf_is_internal_network(c, NULL));
	conf_unref(c);
	g_unlink(p);
	g_free(p);
}

static void
test_refs(void)
{
	char err[512] = "";
	struct config *c = conf_default(err, sizeof(err));

	g_assert_true(conf_ref(c) == c);
	conf_unref(c);
	g_assert_cmpint(c->refs, ==, 1);
	conf_unref(c);
	conf_unref(NULL);
	g_assert_null(conf_ref(NULL));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/conf/defaults", test_defaults);
	g_test_add_func("/conf/values", test_values);
	for (size_t i = 0; i < G_N_ELEMENTS(bad_cases); i++) {
		char *name = g_strdup_printf("/conf/bad/%s", bad_cases[i].name);

		g_test_add_data_func(name, &bad_cases[i], test_bad);
		g_free(name);
	}
	g_test_add_func("/conf/notice", test_notice);
	g_test_add_func("/conf/missing-file", test_missing_file);
	g_test_add_func("/conf/add-domain", test_add_domain);
	g_test_add_func("/conf/units", test_units);
	g_test_add_func("/conf/enforcement-keys", test_enforcement_keys);
	g_test_add_func("/conf/networks", test_networks);
	g_test_add_func("/conf/refs", test_refs);
	return g_test_run();
}
