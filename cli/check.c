/*
 * check.c: invite-check, the command-line front end. Runs the same
 * pipeline as the milter (pipeline_run: parse, rules, the [limits]
 * outcome; --from/--rcpt as the envelope) on files or standard input
 * and prints a report per input. Exit status: 0 all
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
#include "../parse/reduce.h"
#include "../pipeline/pipeline.h"
#include "../notice/notice.h"
#include "../pipeline/report.h"

#define EX_ACCEPT	0
#define EX_FLAGGED	1
#define EX_USAGE	2
#define EX_NOINPUT	3
#define EX_LIMIT	4

/* Does the input start like a bare calendar (parse_any's test, roughly:
 * BOM and blank lines, then BEGIN:VCALENDAR)? */
static bool
looks_ics(const char *b, size_t n)
{
	size_t i = 0;

	if (n >= 3 && !memcmp(b, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < n && g_ascii_isspace(b[i]))
		i++;
	return n - i >= 15 && g_ascii_strncasecmp(b + i, "BEGIN:VCALENDAR",
	    15) == 0;
}

/* Reads path ("-" = stdin) into *buf as the daemon reads a message:
 * whole up to [milter] max_body, beyond that through the reducer
 * (parse/reduce.h: what the rules read, within max_body); *cut when
 * text went beyond the reducer's caps, *dropped when it dropped the
 * content of attachments. A bare calendar is read whole up
 * to limits.message_bytes and cut there. Returns 0, or -1 with errno
 * set. The parser then sees what the daemon's does and the rules report
 * limit-exceeded for a cut input. */
static int
read_input(const struct config *cfg, const char *path, char **buf,
    size_t *len, bool *cut, bool *dropped)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = cfg->limits.message_bytes;
	GString *s;
	char chunk[65536];
	size_t n;
	int saved;

	*cut = *dropped = false;
	if (fp == NULL)
		return -1;
	s = g_string_new(NULL);
	n = fread(chunk, 1, sizeof(chunk), fp);
	if (n > 0 && !looks_ics(chunk, n)) {
		struct reduce *r = reduce_new(&cfg->limits, cfg->max_body,
		    cfg->max_body);
		const char *d;
		size_t dlen;

		reduce_feed(r, chunk, n);
		if (reduce_feed_file(r, fp) == 0) {
			reduce_finish(r);
			d = reduce_data(r, &dlen);
			g_string_append_len(s, d, (gssize)dlen);
			*cut = reduce_over_cap(r);
			*dropped = reduce_dropped(r);
		}
		reduce_free(r);
		n = 0;
	}
	for (; n > 0; n = fread(chunk, 1, sizeof(chunk), fp)) {
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
    const struct envelope *env)
{
	struct pipeline_in in = { 0 };
	struct pipeline_out po;
	GString *out;
	char *buf = NULL;
	size_t len = 0;
	bool cut, dropped;
	int rc;

	if (read_input(cfg, path, &buf, &len, &cut, &dropped) < 0) {
		fprintf(stderr, "invite-check: %s: %s\n", path,
		    g_strerror(errno));
		return EX_NOINPUT;
	}
	in.buf = buf;
	in.len = len;
	in.cut = cut;
	in.dropped = dropped;
	in.kind = PIPE_ANY;
	in.env = env;
	rc = pipeline_run(cfg, &in, &po);
	g_free(buf);
	if (rc < 0) {
		fprintf(stderr, "invite-check: %s: internal error %s\n", path,
		    po.inv == NULL ? "while parsing" : "in the rules");
		pipeline_out_clear(&po);
		return EX_NOINPUT;
	}
	out = g_string_new(NULL);
	if (json) {
		report_json(out, path, po.inv, po.v);
		/* the sender's unit (issue 20), inside the object */
		if (po.unit != NULL && out->len > 0 &&
		    out->str[out->len - 1] == '}') {
			g_string_truncate(out, out->len - 1);
			g_string_append(out, ",\"unit\":");
			json_str(out, po.unit->name);
			g_string_append_printf(out, ",\"dry_run\":%s}",
			    po.dry_run ? "true" : "false");
		}
	} else {
		report_text(out, path, po.inv, po.v);
		if (cfg->n_units > 0)
			g_string_append_printf(out, "  unit: %s (%s)\n",
			    po.unit ? po.unit->name : "none: the global "
			    "[rules]", po.dry_run ? "dry run" : "enforced");
		if (po.inv->is_invitation)
			notice_explain(out, notice_conf_of(cfg), po.v);
	}
	if (json)
		g_string_append_c(out, '\n');
	fputs(out->str, stdout);
	g_string_free(out, TRUE);
	if (po.status == PIPE_LIMIT) {
		/* Not fully examined: an error, as the milter would
		 * tempfail or reject it ([limits] on_limit). */
		fprintf(stderr, "invite-check: %s: limit %s reached, not fully "
		    "examined (the milter would %s it)\n", path, po.v->limit,
		    po.action == ONERR_REJECT ? "reject" : "tempfail");
		rc = EX_LIMIT;
	} else
		rc = po.v->action >= ACT_FLAG ? EX_FLAGGED : EX_ACCEPT;
	pipeline_out_clear(&po);
	return rc;
}

int
main(int argc, char **argv)
{
	gchar *conf_path = NULL, **domains = NULL, *from = NULL;
	gchar **rcpts = NULL;
	gboolean json = FALSE, version = FALSE;
	GOptionEntry entries[] = {
		{ "config", 'c', 0, G_OPTION_ARG_FILENAME, &conf_path,
		  "Configuration file (default: built-in defaults)", "FILE" },
		{ "internal-domain", 'D', 0, G_OPTION_ARG_STRING_ARRAY,
		  &domains, "Add an internal domain (repeatable)", "DOMAIN" },
		{ "from", 0, 0, G_OPTION_ARG_STRING, &from,
		  "Envelope sender (MAIL FROM) the rules see", "ADDR" },
		{ "rcpt", 0, 0, G_OPTION_ARG_STRING_ARRAY, &rcpts,
		  "Envelope recipient (RCPT TO; repeatable)", "ADDR" },
		{ "json", 0, 0, G_OPTION_ARG_NONE, &json,
		  "One JSON object per input, one per line", NULL },
		{ "version", 'V', 0, G_OPTION_ARG_NONE, &version,
		  "Print the version and exit", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *ctx;
	GError *gerr = NULL;
	struct config *cfg = NULL;
	struct envelope env = { NULL, NULL, 0, 0, NULL };
	struct rcpt_sum *rs = rcpt_sum_new();
	char err[1024], *env_from = NULL;
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
		    "[--from ADDR] [--rcpt ADDR]... [--json] FILE...\n");
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
	/* as the milter keeps them: no angle brackets, lower case; every
	 * recipient counted, the first kept (the daemon's code) */
	if (from != NULL)
		env.sender = env_from = pipeline_envelope_addr(from);
	for (size_t i = 0; rcpts && rcpts[i]; i++)
		pipeline_envelope_rcpt(cfg, rs, env.sender, rcpts[i]);
	env.rcpts = rcpt_sum_addrs(rs, &env.n_rcpts);
	env.rcpt_sum = rs;
	for (int i = 1; i < argc; i++) {
		int r = check_one(cfg, argv[i], json, &env);

		if (r > rc)
			rc = r;
	}
	fflush(stdout);
out:
	conf_unref(cfg);
	g_free(conf_path);
	g_strfreev(domains);
	g_free(from);
	g_free(env_from);
	g_strfreev(rcpts);
	rcpt_sum_free(rs);
	return rc;
}
