/*
 * conf.c: reads the GLib key-file configuration into an immutable,
 * refcounted struct config, validating every key (unknown groups and
 * keys are errors with a hint; errors name file, line and key). Builds
 * the detectors' compiled data once per snapshot. The groups of the
 * rules ([general], [limits], [rules], [severity], [lexicon]) are read
 * here, the daemon's in confdaemon.c, [notice] in noticeconf.c; the
 * typed getters are confload.c's. Does not watch files or swap
 * snapshots: milter/ does that.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "conf.h"
#include "confload.h"
#include "noticeconf.h"
#include "../rules/domain.h"
#include "../rules/ruledata.h"
#include "../rules/rules.h"

struct keydef {
	const char	*group;
	const char	*key;
};

/* Every key the file may hold, besides [rules] and [severity] whose keys
 * are rule ids. Keep conf/invite-milter.conf and the man page in step. */
static const struct keydef known[] = {
	{ "general", "internal_domains" }, { "general", "teams_only" },
	{ "general", "dry_run" }, { "general", "answer_max_action" },
	{ "general", "on_error" }, { "general", "time_budget_ms" },
	{ "limits", "message_bytes" }, { "limits", "mime_depth" },
	{ "limits", "mime_parts" }, { "limits", "ics_bytes" },
	{ "limits", "components" }, { "limits", "attendees" },
	{ "limits", "text_bytes" }, { "limits", "properties" },
	{ "limits", "decoded_bytes" }, { "limits", "regex_match_limit" },
	{ "limits", "regex_depth_limit" }, { "limits", "jit_stack_bytes" },
	{ "limits", "on_limit" }, { "limits", "texts" },
	{ "lexicon", "names_dir" }, { "lexicon", "lexicon_dir" },
	{ "milter", "socket" }, { "milter", "user" }, { "milter", "pidfile" },
	{ "milter", "socket_mode" }, { "milter", "socket_group" },
	{ "milter", "internal_networks" }, { "milter", "outgoing" },
	{ "milter", "max_body" }, { "milter", "over_cap" },
	{ "milter", "memory_limit" },
	{ "milter", "timeout" }, { "milter", "flag_header" },
	{ "milter", "subject_tag" }, { "milter", "reply_sv" },
	{ "milter", "reply_en" }, { "milter", "flag_external" },
	{ "milter", "split_series" },
	{ "log", "syslog" }, { "log", "file" }, { "log", "syslog_facility" },
	{ "log", "stats_interval" },
	{ "log", "sender" }, { "log", "evidence" }, { "log", "hash_key_file" },
	{ "log", "metrics_file" },
	{ "units", "map_file" },
	{ "exceptions", "series_senders" }, { "exceptions", "partner_domains" },
};

/* Number of single-character edits between a and b (for hints). */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t *row = g_new(size_t, lb + 1), r;

	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t prev = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t sub = prev + (a[i - 1] != b[j - 1]);

			row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), sub);
			prev = cur;
		}
	}
	r = row[lb];
	g_free(row);
	return r;
}

static const char *
hint_key(const char *group, const char *key)
{
	const char *best = NULL;
	size_t bd = 4, i, n;

	if (strcmp(group, "rules") == 0 || strcmp(group, "severity") == 0 ||
	    g_str_has_prefix(group, "unit:")) {
		const struct rule_def *defs = rules_all(&n);
		const char *const *uk = conf_unit_keys(&n);

		for (i = 0; g_str_has_prefix(group, "unit:") && i < n; i++)
			if (edit_distance(key, uk[i]) < bd) {
				bd = edit_distance(key, uk[i]);
				best = uk[i];
			}
		defs = rules_all(&n);
		for (i = 0; i < n; i++) {
			size_t d = edit_distance(key, defs[i].id);

			if (d < bd) {
				bd = d;
				best = defs[i].id;
			}
		}
		return best;
	}
	if (strcmp(group, "notice") == 0) {
		const char *const *nk = notice_conf_keys(&n);

		for (i = 0; i < n; i++) {
			size_t d = edit_distance(key, nk[i]);

			if (d < bd) {
				bd = d;
				best = nk[i];
			}
		}
		return best;
	}
	for (i = 0; i < G_N_ELEMENTS(known); i++) {
		size_t d;

		if (strcmp(known[i].group, group) != 0)
			continue;
		d = edit_distance(key, known[i].key);
		if (d < bd) {
			bd = d;
			best = known[i].key;
		}
	}
	return best;
}

static bool
group_known(const char *g)
{
	static const char *const groups[] = { "general", "limits", "lexicon",
		"milter", "log", "rules", "severity", "notice", "units",
		"exceptions" };

	if (g_str_has_prefix(g, "unit:"))
		return true;
	for (size_t i = 0; i < G_N_ELEMENTS(groups); i++)
		if (strcmp(g, groups[i]) == 0)
			return true;
	return false;
}

static int
check_keys(struct loader *ld)
{
	gchar **groups = g_key_file_get_groups(ld->kf, NULL);
	int rc = 0;

	for (size_t g = 0; groups[g] && rc == 0; g++) {
		gchar **keys;

		if (!group_known(groups[g])) {
			rc = ld_fail(ld, groups[g], NULL, "unknown group "
			    "(known: general, limits, lexicon, milter, log, "
			    "rules, severity, notice, units, exceptions, "
			    "unit:NAME)");
			break;
		}
		keys = g_key_file_get_keys(ld->kf, groups[g], NULL, NULL);
		for (size_t k = 0; keys && keys[k] && rc == 0; k++) {
			bool ok = false;
			const char *hint;

			if (strcmp(groups[g], "rules") == 0 ||
			    strcmp(groups[g], "severity") == 0)
				ok = rules_find(keys[k]) != NULL;
			else if (g_str_has_prefix(groups[g], "unit:")) {
				size_t nu;
				const char *const *uk = conf_unit_keys(&nu);

				ok = rules_find(keys[k]) != NULL;
				for (size_t i = 0; i < nu; i++)
					if (strcmp(uk[i], keys[k]) == 0)
						ok = true;
			} else if (strcmp(groups[g], "notice") == 0) {
				size_t nn;
				const char *const *nk = notice_conf_keys(&nn);

				for (size_t i = 0; i < nn; i++)
					if (strcmp(nk[i], keys[k]) == 0)
						ok = true;
			} else
				for (size_t i = 0; i < G_N_ELEMENTS(known); i++)
					if (strcmp(known[i].group, groups[g]) == 0 &&
					    strcmp(known[i].key, keys[k]) == 0)
						ok = true;
			if (ok)
				continue;
			hint = hint_key(groups[g], keys[k]);
			if (hint)
				rc = ld_fail(ld, groups[g], keys[k],
				    "unknown key (did you mean \"%s\"?)", hint);
			else
				rc = ld_fail(ld, groups[g], keys[k],
				    "unknown key (see invite-milter.conf(5))");
		}
		g_strfreev(keys);
	}
	g_strfreev(groups);
	return rc;
}

enum on_error
conf_limit_action(const struct config *c, const char *key)
{
	if (c->on_limit == ONERR_REJECT && key != NULL &&
	    strcmp(key, "time_budget_ms") == 0)
		return ONERR_TEMPFAIL;
	return c->on_limit;
}

int
conf_add_internal_domain(struct config *c, const char *d, char *err,
    size_t errlen)
{
	struct rules_conf *r = &c->rules;
	char *canon = domain_canon(d);

	if (canon == NULL) {
		snprintf(err, errlen, "\"%s\" is not a domain name", d);
		return -1;
	}
	for (size_t i = 0; i < r->n_internal_domains; i++)
		if (strcmp(r->internal_domains[i], canon) == 0) {
			g_free(canon);
			return 0;
		}
	r->internal_domains = g_renew(char *, r->internal_domains,
	    r->n_internal_domains + 2);
	r->internal_domains[r->n_internal_domains++] = canon;
	r->internal_domains[r->n_internal_domains] = NULL;
	conf_units_sync(c);
	return 0;
}

/* Defaults shared by conf_default() and conf_load(), without ruledata. */
static struct config *
conf_base(void)
{
	struct config *c = g_new0(struct config, 1);
	const struct parse_limits lim = PARSE_LIMITS_DEFAULT;
	const struct rule_def *defs;
	size_t n;
	char *nets[] = { g_strdup("127.0.0.0/8"), g_strdup("::1/128"), NULL };
	char err[64];

	c->refs = 1;
	g_strlcpy(c->digest, "builtin", sizeof(c->digest));
	c->rules.answer_max_action = ACT_LOG;
	c->on_error = ONERR_TEMPFAIL;
	c->limits = lim;
	c->rules.time_budget_ms = 2000;
	c->on_limit = ONERR_TEMPFAIL;
	c->rules.regex.match_limit = RELIM_MATCH_LIMIT;
	c->rules.regex.depth_limit = RELIM_DEPTH_LIMIT;
	c->rules.regex.jit_stack_bytes = RELIM_JIT_STACK;
	defs = rules_all(&n);
	c->rules.rule = g_new0(struct rule_conf, n);
	c->rules.n_rule = n;
	for (size_t i = 0; i < n; i++) {
		c->rules.rule[i].id = defs[i].id;
		c->rules.rule[i].action = defs[i].action;
		c->rules.rule[i].sev = SEV_NONE;	/* the detector decides */
	}
	/* Inside Postfix's spool, which is the chroot of Debian's smtpd and
	 * cleanup: there Postfix reaches it as unix:/invite-milter/milter.sock. */
	c->socket = g_strdup("unix:/var/spool/postfix/invite-milter/milter.sock");
	c->socket_mode = 0660;
	(void)conf_set_networks(c, nets, err, sizeof(err));
	g_free(nets[0]);
	g_free(nets[1]);
	c->outgoing = OUT_AUTH | OUT_NETWORKS | OUT_SENDER;
	c->max_body = 10u * 1024 * 1024;
	c->memory_limit = 48u * 1024 * 1024;
	c->over_cap = ONERR_ACCEPT;
	c->timeout_s = 60;
	c->flag_header = g_strdup("X-Invite-Policy");
	c->subject_tag = g_strdup("");
	c->log_syslog = true;
	c->syslog_facility = g_strdup("mail");
	c->stats_interval_s = 300;
	c->notice = notice_conf_default();
	notice_conf_resolve(c->notice);
	return c;
}

static int
build_data(struct config *c, char *err, size_t errlen)
{
	struct ruledata_paths p = { c->names_dir, c->lexicon_dir,
	    &c->rules.regex };

	c->rules.data = ruledata_new(&p, err, errlen);
	return c->rules.data ? 0 : -1;
}

struct config *
conf_default(char *err, size_t errlen)
{
	struct config *c = conf_base();

	if (build_data(c, err, errlen) < 0) {
		conf_unref(c);
		return NULL;
	}
	return c;
}

static int
load_general(struct loader *ld, struct config *c)
{
	char **list, *s;
	gsize n;

	if (g_key_file_has_key(ld->kf, "general", "internal_domains", NULL)) {
		list = g_key_file_get_string_list(ld->kf, "general",
		    "internal_domains", &n, NULL);
		for (gsize i = 0; list && i < n; i++) {
			char msg[200];

			g_strstrip(list[i]);
			if (list[i][0] == '\0')
				continue;
			if (conf_add_internal_domain(c, list[i], msg,
			    sizeof(msg)) < 0) {
				g_strfreev(list);
				return ld_fail(ld, "general",
				    "internal_domains", "%s", msg);
			}
		}
		g_strfreev(list);
	}
	if (ld_bool(ld, "general", "teams_only", &c->rules.teams_only) < 0 ||
	    ld_bool(ld, "general", "dry_run", &c->dry_run) < 0 ||
	    ld_onerr(ld, "general", "on_error", &c->on_error) < 0 ||
	    ld_uint(ld, "general", "time_budget_ms", 600000,
	    &c->rules.time_budget_ms) < 0)
		return -1;
	if ((s = ld_str(ld, "general", "answer_max_action")) != NULL) {
		enum action a;

		if (action_parse(s, &a) < 0 || a > ACT_FLAG) {
			ld_fail(ld, "general", "answer_max_action",
			    "\"%s\": use off, log or flag (answers and "
			    "cancellations are never rejected or held)", s);
			g_free(s);
			return -1;
		}
		c->rules.answer_max_action = a;
		g_free(s);
	}
	return 0;
}

static int
load_limits(struct loader *ld, struct config *c)
{
	struct parse_limits *l = &c->limits;
	struct relimits *re = &c->rules.regex;

	if (ld_size(ld, "limits", "message_bytes", 1024, (size_t)1 << 31,
	    &l->message_bytes) < 0 ||
	    ld_size(ld, "limits", "mime_depth", 1, 100, &l->mime_depth) < 0 ||
	    ld_size(ld, "limits", "mime_parts", 1, 100000,
	    &l->mime_parts) < 0 ||
	    ld_size(ld, "limits", "ics_bytes", 1024, (size_t)1 << 30,
	    &l->ics_bytes) < 0 ||
	    ld_size(ld, "limits", "components", 1, 1000000,
	    &l->components) < 0 ||
	    ld_size(ld, "limits", "attendees", 1, 1000000, &l->attendees) < 0 ||
	    ld_size(ld, "limits", "text_bytes", 1024, (size_t)1 << 30,
	    &l->text_bytes) < 0 ||
	    ld_size(ld, "limits", "properties", 1, 10000000,
	    &l->properties) < 0 ||
	    ld_size(ld, "limits", "decoded_bytes", 1024, (size_t)1 << 32,
	    &l->decoded_bytes) < 0 ||
	    ld_size(ld, "limits", "texts", 1, 1000000, &l->texts) < 0 ||
	    ld_uint(ld, "limits", "regex_match_limit", 1000000000,
	    &re->match_limit) < 0 ||
	    ld_uint(ld, "limits", "regex_depth_limit", 1000000000,
	    &re->depth_limit) < 0 ||
	    ld_size(ld, "limits", "jit_stack_bytes", 0, (size_t)1 << 30,
	    &re->jit_stack_bytes) < 0 ||
	    ld_onerr(ld, "limits", "on_limit", &c->on_limit) < 0)
		return -1;
	if (re->match_limit == 0 || re->depth_limit == 0)
		return ld_fail(ld, "limits", re->match_limit == 0 ?
		    "regex_match_limit" : "regex_depth_limit",
		    "must be at least 1");
	return 0;
}

static int
load_rules(struct loader *ld, struct config *c)
{
	for (size_t i = 0; i < c->rules.n_rule; i++) {
		struct rule_conf *r = &c->rules.rule[i];
		char *s;

		if ((s = ld_str(ld, "rules", r->id)) != NULL) {
			if (action_parse(s, &r->action) < 0) {
				ld_fail(ld, "rules", r->id, "\"%s\": use "
				    "reject, hold, flag, log or off", s);
				g_free(s);
				return -1;
			}
			g_free(s);
		}
		if ((s = ld_str(ld, "severity", r->id)) != NULL) {
			if (severity_parse(s, &r->sev) < 0) {
				ld_fail(ld, "severity", r->id, "\"%s\": use "
				    "low, medium or high", s);
				g_free(s);
				return -1;
			}
			g_free(s);
		}
	}
	return 0;
}

/* [notice]: noticeconf.c validates; errors get file, line and key here. */
static int
load_notice(struct loader *ld, struct config *c)
{
	struct notice_conf *nc;
	const char *key;
	char why[256], *kfile = NULL;

	/* key_file, like the other paths, from the file's directory */
	ld_replace_path(ld, "notice", "key_file", &kfile);
	if (kfile != NULL)
		g_key_file_set_string(ld->kf, "notice", "key_file", kfile);
	g_free(kfile);
	if ((nc = notice_conf_parse_at(ld->kf, &key, why, sizeof(why))) == NULL)
		return ld_fail(ld, "notice", key, "%s", why);
	notice_conf_free(c->notice);
	c->notice = nc;
	return 0;
}

struct config *
conf_load(const char *path, char *err, size_t errlen)
{
	GError *gerr = NULL;
	gchar *text = NULL;
	gsize len = 0;
	struct config *c;

	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		snprintf(err, errlen, "%s: %s", path, gerr->message);
		g_error_free(gerr);
		return NULL;
	}
	c = conf_load_data(path, text, len, err, errlen);
	g_free(text);
	return c;
}

/* The first line GKeyFile cannot take (GLib's message quotes it but has
 * no number): neither blank, comment, [group] nor key = value. 0: none
 * found (the error is elsewhere, e.g. the encoding). */
static unsigned
bad_line(const char *text)
{
	unsigned n = 1;

	for (const char *l = text; *l; n++) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		char *t = g_strstrip(g_strndup(l, len));
		bool ok = *t == '\0' || *t == '#' || (*t == '[' &&
		    t[strlen(t) - 1] == ']') || (*t != '[' && *t != '=' &&
		    strchr(t, '=') != NULL);

		g_free(t);
		if (!ok)
			return n;
		if (e == NULL)
			break;
		l = e + 1;
	}
	return 0;
}

struct config *
conf_load_data(const char *path, const char *text, size_t len, char *err,
    size_t errlen)
{
	struct loader ld = { path, NULL, NULL, err, errlen };
	struct config *c = NULL;
	GError *gerr = NULL;
	guint64 h = 14695981039346656037ULL;	/* FNV-1a */
	char *copy = g_strndup(text, len);	/* NUL-terminated for find_line */

	ld.text = copy;
	ld.kf = g_key_file_new();
	g_key_file_set_list_separator(ld.kf, ';');
	if (!g_key_file_load_from_data(ld.kf, text, len, G_KEY_FILE_NONE,
	    &gerr)) {
		unsigned n = bad_line(copy);

		if (n > 0)
			snprintf(err, errlen, "%s:%u: %s", path, n, gerr->message);
		else
			snprintf(err, errlen, "%s: %s", path, gerr->message);
		g_error_free(gerr);
		goto out;
	}
	c = conf_base();
	c->path = g_strdup(path);
	for (gsize i = 0; i < len; i++)
		h = (h ^ (guchar)text[i]) * 1099511628211ULL;
	snprintf(c->digest, sizeof(c->digest), "%016" G_GINT64_MODIFIER "x", h);
	if (ld_check_twice(&ld) < 0 || check_keys(&ld) < 0 ||
	    load_general(&ld, c) < 0 || load_limits(&ld, c) < 0 ||
	    load_rules(&ld, c) < 0 || conf_load_units(&ld, c) < 0 ||
	    conf_load_milter(&ld, c) < 0 || conf_load_log(&ld, c) < 0 ||
	    conf_load_metrics(&ld, c) < 0 ||
	    load_notice(&ld, c) < 0)
		goto fail;
	ld_replace_path(&ld, "lexicon", "names_dir", &c->names_dir);
	ld_replace_path(&ld, "lexicon", "lexicon_dir", &c->lexicon_dir);
	if (build_data(c, err, errlen) < 0) {
		char inner[512];

		g_strlcpy(inner, err, sizeof(inner));
		snprintf(err, errlen, "%s: [lexicon]: %s", path, inner);
		goto fail;
	}
	conf_units_sync(c);
	goto out;
fail:
	conf_unref(c);
	c = NULL;
out:
	g_key_file_free(ld.kf);
	g_free(copy);
	return c;
}

struct config *
conf_ref(struct config *c)
{
	if (c != NULL)
		g_atomic_int_inc(&c->refs);
	return c;
}

void
conf_unref(struct config *c)
{
	if (c == NULL || !g_atomic_int_dec_and_test(&c->refs))
		return;
	g_free(c->path);
	g_strfreev(c->rules.internal_domains);
	g_free(c->rules.rule);
	g_free(c->names_dir);
	g_free(c->lexicon_dir);
	ruledata_free(c->rules.data);
	g_free(c->socket);
	g_free(c->user);
	g_free(c->pidfile);
	g_free(c->socket_group);
	g_free(c->internal_networks);
	g_free(c->flag_header);
	g_free(c->subject_tag);
	g_free(c->reply_sv);
	g_free(c->reply_en);
	g_free(c->log_file);
	g_free(c->metrics_file);
	g_free(c->syslog_facility);
	g_free(c->log_hash_key_file);
	if (c->log_hash_key != NULL)
		memset(c->log_hash_key, 0, c->log_hash_key_len);
	g_free(c->log_hash_key);
	notice_conf_free(c->notice);
	conf_units_free(c);
	g_free(c);
}
