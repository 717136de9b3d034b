/*
 * engine_test.c: the engine on hand-built invites (scope, caps for
 * answers, combination, action table) and the reports built from a
 * verdict (JSON, reply lines). Evidence in failures is masked by the
 * engine itself; rows are named by id.
 */
#include <string.h>
#include <glib.h>

#include "conf/conf.h"
#include "pipeline/report.h"
#include "parse/invite.h"
#include "rules/detect.h"
#include "rules/recur.h"
#include "rules/rules.h"

static struct config *cfg;

static struct invite *
mk_invite(const char *method, const char *subject, const char *desc)
{
	struct invite *inv = invite_new();

	inv->is_invitation = true;
	inv->method = method ? g_strdup(method) : NULL;
	inv->n_cals = 1;
	inv->cals = g_new0(struct inv_cal, 1);
	inv->cals[0].method = method ? g_strdup(method) : NULL;
	inv->n_comps = 1;
	inv->comps = g_new0(struct inv_comp, 1);
	inv->comps[0].kind = g_strdup("VEVENT");
	inv->comps[0].uid = g_strdup("uid-1@kommun.example");
	inv->comps[0].ms_insttype = -1;
	inv->comps[0].dtstart_t = 1764000000;	/* 2025-11-24 */
	inv->comps[0].has_organizer = true;
	inv->comps[0].organizer.addr = g_strdup("org@kommun.example");
	if (subject) {
		inv->subject = g_strdup(subject);
		invite_add_text(inv, FLD_SUBJECT, -1, subject, strlen(subject));
		invite_add_text(inv, FLD_SUMMARY, 0, subject, strlen(subject));
	}
	if (desc)
		invite_add_text(inv, FLD_DESCRIPTION, 0, desc, strlen(desc));
	return inv;
}

static bool
has_rule(const struct verdict *v, const char *rule)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->f[i].rule, rule) == 0)
			return true;
	return false;
}

static void
test_not_invitation(void)
{
	struct invite *inv = invite_new();
	struct verdict *v = verdict_new();
	const char *s = "Uppföljning 19121212-1212";

	invite_add_text(inv, FLD_SUBJECT, -1, s, strlen(s));
	g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
	g_assert_true(v->scoped_out);
	g_assert_cmpuint(v->n, ==, 0);
	g_assert_cmpstr(verdict_word(v->action), ==, "accept");
	verdict_free(v);
	invite_free(inv);
}

static void
test_pnr_subject(void)
{
	struct invite *inv = mk_invite("REQUEST", "Uppföljning 19121212-1212",
	    NULL);
	struct verdict *v = verdict_new();

	g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
	g_assert_cmpstr(verdict_word(v->action), ==, "reject");
	g_assert_true(has_rule(v, "personnummer"));
	for (size_t i = 0; i < v->n; i++)
		g_assert_null(strstr(v->f[i].evidence, "1212-1212"));
	verdict_free(v);
	invite_free(inv);
}

/* Issue 17: the date for age and validity is the arrival time, never
 * the content. A decoy first VEVENT starting in 1900 made everyone look
 * unborn, so a personnummer in a later event passed. */
static void
test_decoy_dtstart(void)
{
	struct invite *inv = mk_invite("REQUEST", "Möte", NULL);
	struct verdict *v = verdict_new();
	const char *d = "Gäller 19121212-1212";
	const char *rc[] = { "a@kommun.example" };
	struct envelope env = { "org@kommun.example", rc, 1, 1764000000 };
	time_t starts[] = { -2208988800, 4102444800, 0 };	/* 1900, 2100 */

	inv->comps = g_renew(struct inv_comp, inv->comps, 2);
	memset(&inv->comps[1], 0, sizeof(inv->comps[1]));
	inv->n_comps = 2;
	inv->comps[1].kind = g_strdup("VEVENT");
	inv->comps[1].uid = g_strdup("uid-2@kommun.example");
	inv->comps[1].ms_insttype = -1;
	inv->comps[1].dtstart_t = 1764000000;
	invite_add_text(inv, FLD_DESCRIPTION, 1, d, strlen(d));
	for (size_t i = 0; i < G_N_ELEMENTS(starts); i++) {
		inv->comps[0].dtstart_t = starts[i];
		verdict_reset(v);
		g_assert_cmpint(rules_eval(&cfg->rules, inv, &env, v), ==, 0);
		if (!has_rule(v, "personnummer"))
			g_error("decoy dtstart row %zu: personnummer missed", i);
		g_assert_cmpstr(verdict_word(v->action), ==, "reject");
		/* no envelope: the clock, still not the content */
		verdict_reset(v);
		g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
		if (!has_rule(v, "personnummer"))
			g_error("decoy dtstart row %zu, no envelope: missed", i);
	}
	verdict_free(v);
	invite_free(inv);
}

/* CANCEL and REPLY always get through: findings are capped at log. */
static void
test_answers_never_blocked(void)
{
	static const char *const methods[] = { "CANCEL", "REPLY", "REFRESH",
		"COUNTER", "DECLINECOUNTER" };

	for (size_t i = 0; i < G_N_ELEMENTS(methods); i++) {
		struct invite *inv = mk_invite(methods[i],
		    "Uppföljning 19121212-1212", NULL);
		struct verdict *v = verdict_new();

		inv->flags |= INV_TNEF;
		g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
		g_assert_cmpstr(verdict_word(v->action), ==, "accept");
		g_assert_true(has_rule(v, "not-inspectable"));
		for (size_t k = 0; k < v->n; k++)
			g_assert_cmpint(v->f[k].action, <=, ACT_LOG);
		verdict_free(v);
		invite_free(inv);
	}
}

static void
test_teams_only(void)
{
	char err[512];
	struct config *c = conf_default(err, sizeof(err));
	struct invite *inv = mk_invite("REQUEST", "Uppföljning 19121212-1212",
	    NULL);
	struct verdict *v = verdict_new();

	c->rules.teams_only = true;
	g_assert_cmpint(rules_eval(&c->rules, inv, NULL, v), ==, 0);
	g_assert_true(v->scoped_out);
	g_assert_cmpstr(verdict_word(v->action), ==, "accept");
	inv->flags |= INV_TEAMS;
	g_assert_cmpint(rules_eval(&c->rules, inv, NULL, v), ==, 0);
	g_assert_false(v->scoped_out);
	g_assert_cmpstr(verdict_word(v->action), ==, "reject");
	verdict_free(v);
	invite_free(inv);
	conf_unref(c);
}

/* A TNEF part may hide a (Teams) invitation: never scoped out, always
 * reported not-inspectable at the configured action. */
static void
test_tnef_not_scoped_out(void)
{
	char err[512];
	struct config *c = conf_default(err, sizeof(err));
	struct invite *inv = invite_new();
	struct verdict *v = verdict_new();
	const char *s = "Avst\xc3\xa4mning";

	inv->is_invitation = true;	/* as parse_message sets it */
	inv->flags |= INV_TNEF;
	invite_add_text(inv, FLD_BODY_TEXT, -1, s, strlen(s));
	c->rules.teams_only = true;
	g_assert_cmpint(rules_eval(&c->rules, inv, NULL, v), ==, 0);
	g_assert_false(v->scoped_out);
	g_assert_true(has_rule(v, "not-inspectable"));
	g_assert_cmpstr(verdict_word(v->action), ==, "flag");
	verdict_free(v);
	invite_free(inv);
	conf_unref(c);
}

static void
test_emit_table(void)
{
	char err[512];
	struct config *c = conf_default(err, sizeof(err));
	struct verdict *v = verdict_new();

	for (size_t i = 0; i < c->rules.n_rule; i++) {
		if (strcmp(c->rules.rule[i].id, "name") == 0)
			c->rules.rule[i].action = ACT_OFF;
		if (strcmp(c->rules.rule[i].id, "topic") == 0)
			c->rules.rule[i].sev = SEV_HIGH;
	}
	rules_emit(&c->rules, v, "name", FLD_SUBJECT, -1, SEV_MEDIUM, 0, 5,
	    "E. K.", "");
	g_assert_cmpuint(v->n, ==, 0);		/* off: not added */
	rules_emit(&c->rules, v, "topic", FLD_SUBJECT, -1, SEV_MEDIUM, 0, 5,
	    "x", "");
	g_assert_cmpuint(v->n, ==, 1);
	g_assert_cmpint(v->f[0].sev, ==, SEV_HIGH);	/* configured wins */
	g_assert_cmpint(v->f[0].action, ==, ACT_HOLD);	/* default since issue 20 */
	rules_emit(&c->rules, v, "topic", FLD_SUBJECT, -1, SEV_MEDIUM, 9, 14,
	    "x", "");
	g_assert_cmpuint(v->n, ==, 1);		/* same rule, field, evidence */
	rules_emit(&c->rules, v, "personnummer", FLD_SUMMARY, 0, SEV_HIGH, 0,
	    13, "19121212-****", "");
	g_assert_cmpuint(v->n, ==, 2);
	g_assert_cmpint(v->action, ==, ACT_REJECT);
	verdict_reset(v);
	g_assert_cmpuint(v->n, ==, 0);
	g_assert_cmpint(v->action, ==, ACT_OFF);
	verdict_free(v);
	conf_unref(c);
}

/* A person and a sensitive topic together are the case itself. */
static void
test_person_topic(void)
{
	struct invite *inv = mk_invite("REQUEST",
	    "Orosanmälan – flicka 15 år", NULL);
	struct verdict *v = verdict_new();

	g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
	g_assert_true(has_rule(v, "person-topic"));
	g_assert_cmpstr(verdict_word(v->action), ==, "reject");
	verdict_free(v);
	invite_free(inv);
}

static void
test_reply_lines(void)
{
	struct verdict *v = verdict_new();
	struct finding f = { .field = FLD_SUBJECT, .comp = -1,
		.sev = SEV_HIGH, .action = ACT_REJECT };
	char **lines;
	size_t n;

	g_strlcpy(f.rule, "personnummer", sizeof(f.rule));
	g_strlcpy(f.evidence, "19121212-****", sizeof(f.evidence));
	g_strlcpy(f.detail, "100 % säkert", sizeof(f.detail));
	verdict_add(v, &f);
	lines = report_reply_lines(cfg, v, 12);
	n = g_strv_length(lines);
	g_assert_cmpuint(n, >=, 4);
	g_assert_cmpuint(n, <=, 12);
	for (size_t i = 0; i < n; i++) {
		g_assert_cmpuint(strlen(lines[i]), <, 200);
		for (const char *p = lines[i]; *p; p++) {
			g_assert_cmpint((unsigned char)*p, >=, 0x20);
			g_assert_cmpint((unsigned char)*p, <, 0x7f);
			g_assert_cmpint(*p, !=, '%');
		}
	}
	/* Swedish first, then English; both show the masked evidence. */
	g_assert_nonnull(strstr(lines[0], "Kallelsen stoppades"));
	g_assert_nonnull(strstr(lines[1], "19121212-****"));
	g_assert_nonnull(strstr(lines[1], "amnesraden"));
	{
		char *all = g_strjoinv("\n", lines);
		char *en = strstr(all, "The invitation was stopped");

		g_assert_nonnull(en);
		g_assert_nonnull(strstr(en, "in the subject: 19121212-****"));
		g_free(all);
	}
	g_strfreev(lines);
	lines = report_reply_lines(cfg, v, 3);
	g_assert_cmpuint(g_strv_length(lines), <=, 3);
	g_strfreev(lines);
	verdict_free(v);
}

static void
test_json(void)
{
	struct invite *inv = mk_invite("REQUEST", "x", NULL);
	struct verdict *v = verdict_new();
	struct finding f = { .field = FLD_LOCATION, .comp = 0,
		.sev = SEV_MEDIUM, .action = ACT_FLAG, .start = 3, .end = 9 };
	GString *out = g_string_new(NULL);

	g_strlcpy(f.rule, "address-home", sizeof(f.rule));
	g_strlcpy(f.evidence, "a \"quoted\"\\ \n line", sizeof(f.evidence));
	verdict_add(v, &f);
	report_json(out, "dir/f\"1.eml", inv, v);
	g_assert_nonnull(strstr(out->str, "{\"file\":\"dir/f\\\"1.eml\","
	    "\"invitation\":true,\"method\":\"REQUEST\",\"verdict\":\"flag\""));
	g_assert_nonnull(strstr(out->str, "\"findings\":[{\"rule\":"
	    "\"address-home\",\"field\":\"location\",\"severity\":\"medium\","
	    "\"action\":\"flag\",\"evidence\":\"a \\\"quoted\\\"\\\\ \\n line\","
	    "\"span\":[3,9]}]"));
	g_assert_null(strchr(out->str, '\n'));
	g_string_free(out, TRUE);
	verdict_free(v);
	invite_free(inv);
}

/* The same text in several fields is scanned once (engine.c); every
 * field still gets its own finding with its own field, component and
 * span, and a field class with other rules (LOCATION: a phone number
 * needs no cue there) is scanned on its own. */
static void
test_same_text(void)
{
	const char *d = "Agenda\nRing 0701234567 efter m\xc3\xb6tet.\n"
	    "Uppf\xc3\xb6ljning 19121212-1212";
	struct invite *inv = mk_invite("REQUEST", "Avst\xc3\xa4mning", d);
	struct verdict *v = verdict_new();
	size_t pnr[FLD_COUNT] = { 0 }, phone[FLD_COUNT] = { 0 };
	size_t start = 0, end = 0;

	invite_add_text(inv, FLD_BODY_TEXT, -1, d, strlen(d));
	invite_add_text(inv, FLD_ALTDESC, 0, d, strlen(d));
	invite_add_text(inv, FLD_LOCATION, 0, d, strlen(d));
	invite_add_text(inv, FLD_DESCRIPTION, 1, d, strlen(d));
	g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
	for (size_t i = 0; i < v->n; i++) {
		if (strcmp(v->f[i].rule, "personnummer") == 0) {
			pnr[v->f[i].field]++;
			if (start == 0) {
				start = v->f[i].start;
				end = v->f[i].end;
			}
			/* One span for the same bytes, in every field. */
			g_assert_cmpuint(v->f[i].start, ==, start);
			g_assert_cmpuint(v->f[i].end, ==, end);
		}
		if (strcmp(v->f[i].rule, "phone-private") == 0)
			phone[v->f[i].field]++;
	}
	g_assert_cmpuint(end - start, ==, strlen("19121212-1212"));
	g_assert_cmpuint(strncmp(d + start, "19121212", 8), ==, 0);
	/* Two components of DESCRIPTION: one finding (rule, field,
	 * evidence are the same); one in each other field. */
	g_assert_cmpuint(pnr[FLD_DESCRIPTION], ==, 1);
	g_assert_cmpuint(pnr[FLD_BODY_TEXT], ==, 1);
	g_assert_cmpuint(pnr[FLD_ALTDESC], ==, 1);
	g_assert_cmpuint(pnr[FLD_LOCATION], ==, 1);
	/* "Ring" is no private cue: only LOCATION reports the number. */
	g_assert_cmpuint(phone[FLD_LOCATION], ==, 1);
	g_assert_cmpuint(phone[FLD_DESCRIPTION] + phone[FLD_BODY_TEXT] +
	    phone[FLD_ALTDESC], ==, 0);
	verdict_free(v);
	invite_free(inv);
}

/* More texts than engine.c's SEEN_LIST: the same text is found through
 * the hash table instead of the list, with the same findings. */
static void
test_same_text_many(void)
{
	const char *d = "Uppf\xc3\xb6ljning 19121212-1212";
	struct invite *inv = mk_invite("REQUEST", "Avst\xc3\xa4mning", d);
	struct verdict *v = verdict_new();
	size_t pnr[FLD_COUNT] = { 0 };

	for (int i = 0; i < 40; i++) {
		char filler[32];

		g_snprintf(filler, sizeof(filler), "Agenda punkt %d", i);
		invite_add_text(inv, FLD_BODY_TEXT, -1, filler,
		    strlen(filler));
	}
	invite_add_text(inv, FLD_BODY_TEXT, -1, d, strlen(d));
	invite_add_text(inv, FLD_ALTDESC, 0, d, strlen(d));
	invite_add_text(inv, FLD_DESCRIPTION, 1, d, strlen(d));
	g_assert_cmpuint(inv->n_texts, >, 40);
	g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->f[i].rule, "personnummer") == 0)
			pnr[v->f[i].field]++;
	g_assert_cmpuint(pnr[FLD_DESCRIPTION], ==, 1);
	g_assert_cmpuint(pnr[FLD_BODY_TEXT], ==, 1);
	g_assert_cmpuint(pnr[FLD_ALTDESC], ==, 1);
	verdict_free(v);
	invite_free(inv);
}

/* A regex match stopped on a [limits] bound is reported in this
 * verdict's limit and in no later one: the record travels with the
 * evaluation (the hit list), not with the thread. */
static void
test_regex_limit(void)
{
	const char *text = "[limits]\nregex_match_limit = 1\n";
	struct invite *inv = mk_invite("REQUEST", "Avstämning",
	    "Ring 070-123 45 67 om 19121212-1212");
	struct invite *plain = mk_invite("REQUEST", "Avstämning", "Välkomna");
	struct verdict *v = verdict_new();
	struct config *c;
	char err[512];

	c = conf_load_data("limit.conf", text, strlen(text), err, sizeof(err));
	g_assert_nonnull(c);
	g_assert_cmpint(rules_eval(&c->rules, inv, NULL, v), ==, 0);
	g_assert_cmpstr(v->limit, ==, "regex_match_limit");
	g_assert_true(has_rule(v, "limit-exceeded"));
	g_assert_cmpint(rules_eval(&c->rules, plain, NULL, v), ==, 0);
	g_assert_cmpstr(v->limit, ==, "");
	g_assert_false(has_rule(v, "limit-exceeded"));
	/* the default bounds on the same text: found, no limit */
	g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
	g_assert_cmpstr(v->limit, ==, "");
	g_assert_true(has_rule(v, "personnummer"));
	conf_unref(c);
	verdict_free(v);
	invite_free(plain);
	invite_free(inv);
}

int
main(int argc, char **argv)
{
	char err[512];
	int rc;

	g_test_init(&argc, &argv, NULL);
	cfg = conf_default(err, sizeof(err));
	g_assert_nonnull(cfg);
	g_test_add_func("/engine/not-invitation", test_not_invitation);
	g_test_add_func("/engine/pnr-subject", test_pnr_subject);
	g_test_add_func("/engine/decoy-dtstart", test_decoy_dtstart);
	g_test_add_func("/engine/answers-never-blocked",
	    test_answers_never_blocked);
	g_test_add_func("/engine/teams-only", test_teams_only);
	g_test_add_func("/engine/tnef-not-scoped-out", test_tnef_not_scoped_out);
	g_test_add_func("/engine/emit-table", test_emit_table);
	g_test_add_func("/engine/person-topic", test_person_topic);
	g_test_add_func("/engine/same-text", test_same_text);
	g_test_add_func("/engine/same-text-many", test_same_text_many);
	g_test_add_func("/engine/regex-limit", test_regex_limit);
	g_test_add_func("/report/reply-lines", test_reply_lines);
	g_test_add_func("/report/json", test_json);
	rc = g_test_run();
	conf_unref(cfg);
	return rc;
}
