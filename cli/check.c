/*
 * check.c: invite-check, the command-line front end. Runs the same
 * pipeline as the milter (parse_any -> rules_eval -> report) on files or
 * standard input and prints a report per input. Exit status: 0 all
 * accepted, 1 some flagged or rejected, 2 usage or config error, 3 an
 * input could not be read, 4 a [limits] bound was hit (on_limit is
 * tempfail or reject: the input was not fully examined).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "../conf/conf.h"
#include "../parse/parse.h"
#include "../rules/rules.h"
#include "../notice/notice.h"
#include "../pipeline/report.h"

#define EX_ACCEPT	0
#define EX_FLAGGED	1
#define EX_USAGE	2
#define EX_NOINPUT	3
#define EX_LIMIT	4

/* Reads at most cap bytes of path ("-" = stdin) into *buf. Returns 0,
 * or -1 with errno set. A longer input is cut at cap: the parser sees
 * the beginning and the rules report limit-exceeded. */
static int
read_input(const char *path, size_t cap, char **buf, size_t *len,
    bool *cut)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	GString *s;
	char chunk[65536];
	size_t n;
	int saved;

	*cut = false;
	if (fp == NULL)
		return -1;
	s = g_string_new(NULL);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (s->len + n > cap) {
			g_string_append_len(s, chunk, (gssize)(cap - s->len));
			*cut = true;
			break;
		}
		g_string_append_len(s, chunk, (gssize)n);
	}
	saved = errno;
	if (ferror(fp)) {
		if (fp != stdin)
			fclose(fp);
		g_string_free(s, TRUE);
		errno = saved ? saved : EIO;
		return -1;
	}
	if (fp != stdin)
		fclose(fp);
	*len = s->len;
	*buf = g_string_free(s, FALSE);
	return 0;
}

static int
check_one(const struct config *cfg, const char *path, bool json,
    struct verdict *v)
{
	struct invite *inv;
	struct envelope env = { NULL, NULL, 0, 0 };
	GString *out;
	char *buf = NULL;
	size_t len = 0;
	enum on_error la;
	bool cut;

	if (read_input(path, cfg->limits.message_bytes, &buf, &len, &cut) < 0) {
		fprintf(stderr, "invite-check: %s: %s\n", path,
		    g_strerror(errno));
		return EX_NOINPUT;
	}
	inv = parse_any(buf, len, &cfg->limits);
	g_free(buf);
	if (inv == NULL) {
		fprintf(stderr, "invite-check: %s: internal error while "
		    "parsing\n", path);
		return EX_NOINPUT;
	}
	if (cut)
		invite_limit(inv, "message_bytes",
		    "message larger than limits.message_bytes");
	if (rules_eval(&cfg->rules, inv, &env, v) < 0) {
		fprintf(stderr, "invite-check: %s: internal error in the "
		    "rules\n", path);
		invite_free(inv);
		return EX_NOINPUT;
	}
	out = g_string_new(NULL);
	if (json)
		report_json(out, path, inv, v);
	else {
		report_text(out, path, inv, v);
		if (inv->is_invitation)
			notice_explain(out, notice_conf_of(cfg), v);
	}
	if (json)
		g_string_append_c(out, '\n');
	fputs(out->str, stdout);
	g_string_free(out, TRUE);
	invite_free(inv);
	if (v->limit[0] != '\0' &&
	    (la = conf_limit_action(cfg, v->limit)) != ONERR_ACCEPT) {
		/* Not fully examined: an error, as the milter would
		 * tempfail or reject it ([limits] on_limit). */
		fprintf(stderr, "invite-check: %s: limit %s reached, not fully "
		    "examined (the milter would %s it)\n", path, v->limit,
		    la == ONERR_REJECT ? "reject" : "tempfail");
		return EX_LIMIT;
	}
	return v->action >= ACT_FLAG ? EX_FLAGGED : EX_ACCEPT;
}

int
main(int argc, char **argv)
{
	gchar *conf_path = NULL, **domains = NULL;
	gboolean json = FALSE, version = FALSE;
	GOptionEntry entries[] = {
		{ "config", 'c', 0, G_OPTION_ARG_FILENAME, &conf_path,
		  "Configuration file (default: built-in defaults)", "FILE" },
		{ "internal-domain", 'D', 0, G_OPTION_ARG_STRING_ARRAY,
		  &domains, "Add an internal domain (repeatable)", "DOMAIN" },
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json,
		  "One JSON object per input, one per line", NULL },
		{ "version", 'V', 0, G_OPTION_ARG_NONE, &version,
		  "Print the version and exit", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *ctx;
	GError *gerr = NULL;
	struct config *cfg = NULL;
	struct verdict *v = NULL;
	char err[1024];
	int rc = EX_ACCEPT;

	ctx = g_option_context_new("FILE... - check meeting invitations "
	    "against the Teams guidelines");
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_description(ctx,
	    "FILE is an e-mail message (.eml) or a bare iCalendar file "
	    "(.ics), detected by content;\n\"-\" reads standard input.\n"
	    "Exit status: 0 all accepted, 1 some flagged or rejected, "
	    "2 usage or configuration error,\n3 an input could not be read, "
	    "4 a [limits] bound was hit. "
	    "See invite-check(1).");
	if (!g_option_context_parse(ctx, &argc, &argv, &gerr)) {
		fprintf(stderr, "invite-check: %s (try --help)\n",
		    gerr->message);
		g_error_free(gerr);
		g_option_context_free(ctx);
		rc = EX_USAGE;
		goto out;
	}
	g_option_context_free(ctx);
	if (version) {
		printf("invite-check %s\n", VERSION);
		goto out;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: invite-check [-c CONFIG] [-D DOMAIN]... "
		    "[--json] FILE...\n");
		rc = EX_USAGE;
		goto out;
	}
	parse_init();
	cfg = conf_path ? conf_load(conf_path, err, sizeof(err)) :
	    conf_default(err, sizeof(err));
	if (cfg == NULL) {
		fprintf(stderr, "invite-check: %s\n", err);
		rc = EX_USAGE;
		goto out;
	}
	for (size_t i = 0; domains && domains[i]; i++)
		if (conf_add_internal_domain(cfg, domains[i], err,
		    sizeof(err)) < 0) {
			fprintf(stderr, "invite-check: -D: %s\n", err);
			rc = EX_USAGE;
			goto out;
		}
	v = verdict_new();
	for (int i = 1; i < argc; i++) {
		int r = check_one(cfg, argv[i], json, v);

		if (r > rc)
			rc = r;
	}
	fflush(stdout);
out:
	verdict_free(v);
	conf_unref(cfg);
	g_free(conf_path);
	g_strfreev(domains);
	return rc;
}
