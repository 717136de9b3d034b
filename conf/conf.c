/*
 * conf.c: reads the GLib key-file configuration into an immutable,
 * refcounted struct config, validating every key (unknown groups and
 * keys are errors with a hint; errors name file, line and key). Builds
 * the detectors' compiled data once per snapshot. Does not watch files
 * or swap snapshots: milter/ does that.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "conf.h"
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
	{ "milter", "timeout" }, { "milter", "flag_header" },
	{ "milter", "subject_tag" }, { "milter", "reply_sv" },
	{ "milter", "reply_en" },
	{ "log", "syslog" }, { "log", "file" }, { "log", "syslog_facility" },
	{ "log", "stats_interval" },
};

struct loader {
	const char	*path;
	const char	*text;		/* file contents, for line numbers */
	GKeyFile	*kf;
	char		*err;
	size_t		 errlen;
};

/* Line number of `key` in [group] of the file text (0 if not found). */
static unsigned
find_line(const char *text, const char *group, const char *key)
{
	const char *p = text;
	unsigned line = 1;
	bool in_group = group == NULL;
	size_t klen = key ? strlen(key) : 0;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		const char *q = p;

		while (q < p + n && (*q == ' ' || *q == '\t'))
			q++;
		if (*q == '[') {
			const char *e = memchr(q, ']', (size_t)(p + n - q));

			in_group = e && group && (size_t)(e - q - 1) ==
			    strlen(group) && memcmp(q + 1, group, strlen(group)) == 0;
			if (in_group && key == NULL)
				return line;
		} else if (in_group && key && (size_t)(p + n - q) >= klen &&
		    memcmp(q, key, klen) == 0) {
			const char *r = q + klen;

			while (r < p + n && (*r == ' ' || *r == '\t'))
				r++;
			if (r < p + n && *r == '=')
				return line;
		}
		line++;
		p = eol ? eol + 1 : NULL;
	}
	return 0;
}

static int G_GNUC_PRINTF(4, 5)
fail(struct loader *ld, const char *group, const char *key,
    const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	unsigned line = ld->text ? find_line(ld->text, group, key) : 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		snprintf(ld->err, ld->errlen, "%s:%u: [%s] %s: %s", ld->path,
		    line, group, key ? key : "", msg);
	else
		snprintf(ld->err, ld->errlen, "%s: [%s] %s: %s", ld->path,
		    group, key ? key : "", msg);
	return -1;
}

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

	if (strcmp(group, "rules") == 0 || strcmp(group, "severity") == 0) {
		const struct rule_def *defs = rules_all(&n);

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
		"milter", "log", "rules", "severity", "notice" };

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
			rc = fail(ld, groups[g], NULL, "unknown group (known: "
			    "general, limits, lexicon, milter, log, rules, "
			    "severity, notice)");
			break;
		}
		keys = g_key_file_get_keys(ld->kf, groups[g], NULL, NULL);
		for (size_t k = 0; keys && keys[k] && rc == 0; k++) {
			bool ok = false;
			const char *hint;

			if (strcmp(groups[g], "rules") == 0 ||
			    strcmp(groups[g], "severity") == 0)
				ok = rules_find(keys[k]) != NULL;
			else if (strcmp(groups[g], "notice") == 0) {
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
				rc = fail(ld, groups[g], keys[k],
				    "unknown key (did you mean \"%s\"?)", hint);
			else
				rc = fail(ld, groups[g], keys[k],
				    "unknown key (see invite-milter.conf(5))");
		}
		g_strfreev(keys);
	}
	g_strfreev(groups);
	return rc;
}

static char *
get_str(struct loader *ld, const char *g, const char *k)
{
	char *s;

	if (!g_key_file_has_key(ld->kf, g, k, NULL))
		return NULL;
	s = g_key_file_get_string(ld->kf, g, k, NULL);
	if (s)
		g_strstrip(s);
	return s;
}

static int
get_bool(struct loader *ld, const char *g, const char *k, bool *out)
{
	char *s = get_str(ld, g, k);
	int rc = 0;

	if (s == NULL)
		return 0;
	if (!g_ascii_strcasecmp(s, "true") || !g_ascii_strcasecmp(s, "yes") ||
	    !strcmp(s, "1"))
		*out = true;
	else if (!g_ascii_strcasecmp(s, "false") ||
	    !g_ascii_strcasecmp(s, "no") || !strcmp(s, "0"))
		*out = false;
	else
		rc = fail(ld, g, k, "\"%s\" is not a boolean (true/false)", s);
	g_free(s);
	return rc;
}

/* A size: digits with an optional K, M or G suffix (binary). */
static int
get_size(struct loader *ld, const char *g, const char *k, size_t min,
    size_t max, size_t *out)
{
	char *s = get_str(ld, g, k), *end;
	unsigned long long v, mul = 1;
	int rc = 0;

	if (s == NULL)
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (end != s) {
		switch (g_ascii_toupper(*end)) {
		case 'K': mul = 1024; end++; break;
		case 'M': mul = 1024 * 1024; end++; break;
		case 'G': mul = 1024ULL * 1024 * 1024; end++; break;
		default: break;
		}
	}
	if (end == s || *end != '\0' || errno == ERANGE || s[0] == '-' ||
	    v > max / mul || v * mul < min)
		rc = fail(ld, g, k, "\"%s\" is not a number between %zu and %zu",
		    s, min, max);
	else
		*out = (size_t)(v * mul);
	g_free(s);
	return rc;
}

static int
get_uint(struct loader *ld, const char *g, const char *k, unsigned max,
    unsigned *out)
{
	size_t v = *out;
	int rc = get_size(ld, g, k, 0, max, &v);

	*out = (unsigned)v;
	return rc;
}

static int
get_onerr(struct loader *ld, const char *g, const char *k,
    enum on_error *out)
{
	char *s = get_str(ld, g, k);
	int rc = 0;

	if (s == NULL)
		return 0;
	if (!strcmp(s, "tempfail"))
		*out = ONERR_TEMPFAIL;
	else if (!strcmp(s, "accept"))
		*out = ONERR_ACCEPT;
	else if (!strcmp(s, "reject"))
		*out = ONERR_REJECT;
	else
		rc = fail(ld, g, k, "\"%s\": use tempfail, accept or reject", s);
	g_free(s);
	return rc;
}

static int
parse_net(const char *s, struct netmask *nm)
{
	char buf[64], *slash, *end;
	unsigned long pfx;

	if (g_strlcpy(buf, s, sizeof(buf)) >= sizeof(buf))
		return -1;
	if ((slash = strchr(buf, '/')) != NULL)
		*slash++ = '\0';
	memset(nm, 0, sizeof(*nm));
	if (inet_pton(AF_INET, buf, nm->addr) == 1) {
		nm->family = AF_INET;
		nm->prefix = 32;
	} else if (inet_pton(AF_INET6, buf, nm->addr) == 1) {
		nm->family = AF_INET6;
		nm->prefix = 128;
	} else
		return -1;
	if (slash) {
		errno = 0;
		pfx = strtoul(slash, &end, 10);
		if (*slash == '\0' || *end != '\0' || pfx > nm->prefix)
			return -1;
		nm->prefix = (unsigned)pfx;
	}
	return 0;
}

static int
set_networks(struct config *c, char **list, char *err, size_t errlen)
{
	size_t n = list ? g_strv_length(list) : 0;

	g_free(c->internal_networks);
	c->internal_networks = g_new0(struct netmask, n ? n : 1);
	c->n_internal_networks = 0;
	for (size_t i = 0; i < n; i++) {
		char *s = g_strstrip(list[i]);

		if (*s == '\0')
			continue;
		if (parse_net(s, &c->internal_networks[c->n_internal_networks]) < 0) {
			snprintf(err, errlen, "\"%s\" is not an address or "
			    "network (e.g. 10.0.0.0/8, 2001:db8::/32)", s);
			return -1;
		}
		c->n_internal_networks++;
	}
	return 0;
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
	c->socket = g_strdup("unix:/run/invite-milter/milter.sock");
	c->socket_mode = 0660;
	(void)set_networks(c, nets, err, sizeof(err));
	g_free(nets[0]);
	g_free(nets[1]);
	c->outgoing = OUT_AUTH | OUT_NETWORKS | OUT_SENDER;
	c->max_body = 10u * 1024 * 1024;
	c->over_cap = ONERR_ACCEPT;
	c->timeout_s = 60;
	c->flag_header = g_strdup("X-Invite-Policy");
	c->subject_tag = g_strdup("");
	c->log_syslog = true;
	c->syslog_facility = g_strdup("mail");
	c->stats_interval_s = 300;
	c->notice = notice_conf_default();
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
				return fail(ld, "general", "internal_domains",
				    "%s", msg);
			}
		}
		g_strfreev(list);
	}
	if (get_bool(ld, "general", "teams_only", &c->rules.teams_only) < 0 ||
	    get_bool(ld, "general", "dry_run", &c->dry_run) < 0 ||
	    get_onerr(ld, "general", "on_error", &c->on_error) < 0 ||
	    get_uint(ld, "general", "time_budget_ms", 600000,
	    &c->rules.time_budget_ms) < 0)
		return -1;
	if ((s = get_str(ld, "general", "answer_max_action")) != NULL) {
		enum action a;

		if (action_parse(s, &a) < 0 || a == ACT_REJECT) {
			fail(ld, "general", "answer_max_action",
			    "\"%s\": use off, log or flag (answers and "
			    "cancellations are never rejected)", s);
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

	if (get_size(ld, "limits", "message_bytes", 1024, (size_t)1 << 31,
	    &l->message_bytes) < 0 ||
	    get_size(ld, "limits", "mime_depth", 1, 100, &l->mime_depth) < 0 ||
	    get_size(ld, "limits", "mime_parts", 1, 100000, &l->mime_parts) < 0 ||
	    get_size(ld, "limits", "ics_bytes", 1024, (size_t)1 << 30,
	    &l->ics_bytes) < 0 ||
	    get_size(ld, "limits", "components", 1, 1000000,
	    &l->components) < 0 ||
	    get_size(ld, "limits", "attendees", 1, 1000000, &l->attendees) < 0 ||
	    get_size(ld, "limits", "text_bytes", 1024, (size_t)1 << 30,
	    &l->text_bytes) < 0 ||
	    get_size(ld, "limits", "properties", 1, 10000000,
	    &l->properties) < 0 ||
	    get_size(ld, "limits", "decoded_bytes", 1024, (size_t)1 << 32,
	    &l->decoded_bytes) < 0 ||
	    get_size(ld, "limits", "texts", 1, 1000000, &l->texts) < 0 ||
	    get_uint(ld, "limits", "regex_match_limit", 1000000000,
	    &re->match_limit) < 0 ||
	    get_uint(ld, "limits", "regex_depth_limit", 1000000000,
	    &re->depth_limit) < 0 ||
	    get_size(ld, "limits", "jit_stack_bytes", 0, (size_t)1 << 30,
	    &re->jit_stack_bytes) < 0 ||
	    get_onerr(ld, "limits", "on_limit", &c->on_limit) < 0)
		return -1;
	if (re->match_limit == 0 || re->depth_limit == 0)
		return fail(ld, "limits", re->match_limit == 0 ?
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

		if ((s = get_str(ld, "rules", r->id)) != NULL) {
			if (action_parse(s, &r->action) < 0) {
				fail(ld, "rules", r->id, "\"%s\": use reject, "
				    "flag, log or off", s);
				g_free(s);
				return -1;
			}
			g_free(s);
		}
		if ((s = get_str(ld, "severity", r->id)) != NULL) {
			if (severity_parse(s, &r->sev) < 0) {
				fail(ld, "severity", r->id, "\"%s\": use low, "
				    "medium or high", s);
				g_free(s);
				return -1;
			}
			g_free(s);
		}
	}
	return 0;
}

static int
replace_str(struct loader *ld, const char *g, const char *k, char **field)
{
	char *s = get_str(ld, g, k);

	if (s == NULL)
		return 0;
	g_free(*field);
	*field = s;
	return 0;
}

/* The same for a file or directory: a relative path is taken from the
 * configuration file's directory, so it means the same after the daemon
 * has moved to / and at every reload. */
static int
replace_path(struct loader *ld, const char *g, const char *k, char **field)
{
	char *rel, *dir, *abs;

	replace_str(ld, g, k, field);
	if (*field == NULL || **field == '\0' || g_path_is_absolute(*field) ||
	    ld->path == NULL)
		return 0;
	rel = g_path_get_dirname(ld->path);
	dir = g_canonicalize_filename(rel, NULL);	/* from the cwd */
	abs = g_canonicalize_filename(*field, dir);
	g_free(rel);
	g_free(dir);
	g_free(*field);
	*field = abs;
	return 0;
}

static int
load_milter(struct loader *ld, struct config *c)
{
	char **list, *s;
	gsize n;

	replace_str(ld, "milter", "socket", &c->socket);
	replace_str(ld, "milter", "user", &c->user);
	replace_path(ld, "milter", "pidfile", &c->pidfile);
	replace_str(ld, "milter", "socket_group", &c->socket_group);
	replace_str(ld, "milter", "flag_header", &c->flag_header);
	replace_str(ld, "milter", "subject_tag", &c->subject_tag);
	replace_str(ld, "milter", "reply_sv", &c->reply_sv);
	replace_str(ld, "milter", "reply_en", &c->reply_en);
	if (c->socket[0] == '\0')
		return fail(ld, "milter", "socket", "must not be empty");
	if (c->flag_header[0] == '\0' || strpbrk(c->flag_header, ": \t"))
		return fail(ld, "milter", "flag_header",
		    "must be a header field name without ':' or spaces");
	if ((s = get_str(ld, "milter", "socket_mode")) != NULL) {
		char *end;
		unsigned long m = strtoul(s, &end, 8);

		if (*s == '\0' || *end != '\0' || m > 0777) {
			fail(ld, "milter", "socket_mode",
			    "\"%s\" is not an octal mode such as 0660", s);
			g_free(s);
			return -1;
		}
		c->socket_mode = (unsigned)m;
		g_free(s);
	}
	if (g_key_file_has_key(ld->kf, "milter", "internal_networks", NULL)) {
		char msg[200];

		list = g_key_file_get_string_list(ld->kf, "milter",
		    "internal_networks", &n, NULL);
		if (set_networks(c, list, msg, sizeof(msg)) < 0) {
			g_strfreev(list);
			return fail(ld, "milter", "internal_networks", "%s", msg);
		}
		g_strfreev(list);
	}
	if (g_key_file_has_key(ld->kf, "milter", "outgoing", NULL)) {
		list = g_key_file_get_string_list(ld->kf, "milter", "outgoing",
		    &n, NULL);
		c->outgoing = 0;
		for (gsize i = 0; list && i < n; i++) {
			char *w = g_strstrip(list[i]);

			if (!strcmp(w, "auth"))
				c->outgoing |= OUT_AUTH;
			else if (!strcmp(w, "networks"))
				c->outgoing |= OUT_NETWORKS;
			else if (!strcmp(w, "sender"))
				c->outgoing |= OUT_SENDER;
			else if (!strcmp(w, "all"))
				c->outgoing |= OUT_ALL;
			else if (*w != '\0') {
				fail(ld, "milter", "outgoing", "\"%s\": use "
				    "auth, networks, sender or all", w);
				g_strfreev(list);
				return -1;
			}
		}
		g_strfreev(list);
		if (c->outgoing == 0)
			return fail(ld, "milter", "outgoing", "empty: no mail "
			    "would be examined (use all to examine everything)");
	}
	if (get_size(ld, "milter", "max_body", 1024, (size_t)1 << 31,
	    &c->max_body) < 0 ||
	    get_onerr(ld, "milter", "over_cap", &c->over_cap) < 0 ||
	    get_uint(ld, "milter", "timeout", 86400, &c->timeout_s) < 0)
		return -1;
	return 0;
}

static int
load_log(struct loader *ld, struct config *c)
{
	static const char *const fac[] = { "mail", "daemon", "user", "local0",
		"local1", "local2", "local3", "local4", "local5", "local6",
		"local7" };
	bool ok = false;

	if (get_bool(ld, "log", "syslog", &c->log_syslog) < 0)
		return -1;
	replace_path(ld, "log", "file", &c->log_file);
	if (c->log_file && c->log_file[0] == '\0') {
		g_free(c->log_file);
		c->log_file = NULL;
	}
	replace_str(ld, "log", "syslog_facility", &c->syslog_facility);
	for (size_t i = 0; i < G_N_ELEMENTS(fac); i++)
		if (strcmp(c->syslog_facility, fac[i]) == 0)
			ok = true;
	if (!ok)
		return fail(ld, "log", "syslog_facility",
		    "\"%s\": use mail, daemon, user or local0..local7",
		    c->syslog_facility);
	return get_uint(ld, "log", "stats_interval", 86400 * 7,
	    &c->stats_interval_s);
}

/* [notice]: noticeconf.c validates; errors get file, line and key here. */
static int
load_notice(struct loader *ld, struct config *c)
{
	struct notice_conf *nc;
	const char *key;
	char why[256], *kfile = NULL;

	/* key_file, like the other paths, from the file's directory */
	replace_path(ld, "notice", "key_file", &kfile);
	if (kfile != NULL)
		g_key_file_set_string(ld->kf, "notice", "key_file", kfile);
	g_free(kfile);
	if ((nc = notice_conf_parse_at(ld->kf, &key, why, sizeof(why))) == NULL)
		return fail(ld, "notice", key, "%s", why);
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
	if (check_keys(&ld) < 0 || load_general(&ld, c) < 0 ||
	    load_limits(&ld, c) < 0 || load_rules(&ld, c) < 0 ||
	    load_milter(&ld, c) < 0 || load_log(&ld, c) < 0 ||
	    load_notice(&ld, c) < 0)
		goto fail;
	replace_path(&ld, "lexicon", "names_dir", &c->names_dir);
	replace_path(&ld, "lexicon", "lexicon_dir", &c->lexicon_dir);
	if (build_data(c, err, errlen) < 0) {
		char inner[512];

		g_strlcpy(inner, err, sizeof(inner));
		snprintf(err, errlen, "%s: [lexicon]: %s", path, inner);
		goto fail;
	}
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
	g_free(c->syslog_facility);
	notice_conf_free(c->notice);
	g_free(c);
}

bool
conf_is_internal_network(const struct config *c, const void *sa_)
{
	const struct sockaddr *sa = sa_;
	uint8_t addr[16];
	int fam;

	if (sa == NULL)
		return false;
	if (sa->sa_family == AF_INET) {
		memcpy(addr, &((const struct sockaddr_in *)sa_)->sin_addr, 4);
		fam = AF_INET;
	} else if (sa->sa_family == AF_INET6) {
		const uint8_t *a6 = ((const struct sockaddr_in6 *)sa_)->
		    sin6_addr.s6_addr;
		static const uint8_t v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0,
			0, 0, 0xff, 0xff };

		if (memcmp(a6, v4mapped, 12) == 0) {
			memcpy(addr, a6 + 12, 4);
			fam = AF_INET;
		} else {
			memcpy(addr, a6, 16);
			fam = AF_INET6;
		}
	} else
		return false;
	for (size_t i = 0; i < c->n_internal_networks; i++) {
		const struct netmask *nm = &c->internal_networks[i];
		unsigned bits = nm->prefix, b;

		if (nm->family != fam)
			continue;
		for (b = 0; b < bits / 8; b++)
			if (addr[b] != nm->addr[b])
				break;
		if (b < bits / 8)
			continue;
		if (bits % 8) {
			uint8_t m = (uint8_t)(0xff << (8 - bits % 8));

			if ((addr[b] & m) != (nm->addr[b] & m))
				continue;
		}
		return true;
	}
	return false;
}
