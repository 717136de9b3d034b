/*
 * correct.c (test tool): prints the corrected invitation for a message or
 * .ics, as the notice would attach it: parse_any -> rules_eval ->
 * notice_corrected_ics. Options: -D DOMAIN (internal, repeatable),
 * -c FILE (config, with its [notice] group), -n (print the whole
 * notice instead, to the address given with -r). Exit 0 printed,
 * 1 no corrected calendar could be made, 2 usage or input error.
 * -R prints the message as mode redact would deliver it instead.
 * correct -v FILE: validates a calendar with libical instead (parse
 * errors, RFC 5546 restrictions for its METHOD, one VEVENT): exit 0
 * valid, 1 not, with the reasons on stderr.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <libical/ical.h>

#include "../../conf/conf.h"
#include "../../conf/noticeconf.h"
#include "../../notice/notice.h"
#include "../../parse/parse.h"
#include "../../rules/rules.h"

static int
validate(const char *path)
{
	icalcomponent *root, *c;
	char *buf;
	int errors, events = 0;

	if (!g_file_get_contents(path, &buf, NULL, NULL))
		return 2;
	icalerror_set_errors_are_fatal(0);
	root = icalparser_parse_string(buf);
	g_free(buf);
	if (root == NULL || icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
		fprintf(stderr, "libical: not a VCALENDAR\n");
		if (root)
			icalcomponent_free(root);
		return 1;
	}
	/* adds X-LIC-ERROR for every RFC 5546 violation of its METHOD */
	if (!icalrestriction_check(root))
		fprintf(stderr, "libical: RFC 5546 restriction violated\n");
	for (c = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
	    c != NULL; c = icalcomponent_get_next_component(root,
	    ICAL_VEVENT_COMPONENT))
		events++;
	errors = icalcomponent_count_errors(root);
	/* Only the count: libical's X-LIC-ERROR texts can quote the
	 * offending value, which may be personal data. */
	icalcomponent_free(root);
	if (errors > 0 || events != 1) {
		fprintf(stderr, "libical: %d errors, %d events\n", errors,
		    events);
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *cpath = NULL, *rcpt = "sender@kommun.example";
	char **doms = g_new0(char *, argc + 1);
	size_t nd = 0;
	bool whole = false, redact = false;
	struct notice_conf *nc;
	struct config *cfg;
	struct invite *inv;
	struct verdict *v;
	char err[512], *buf, *ics, *msg;
	gsize len;
	size_t mlen;
	unsigned ch = 0;
	int c, rc = 0;

	while ((c = getopt(argc, argv, "c:D:nRr:v:")) != -1) {
		switch (c) {
		case 'v': g_free(doms); return validate(optarg);
		case 'c': cpath = optarg; break;
		case 'D': doms[nd++] = optarg; break;
		case 'n': whole = true; break;
		case 'R': redact = true; break;
		case 'r': rcpt = optarg; break;
		default:
			fprintf(stderr, "usage: correct [-c CONF] "
			    "[-D DOMAIN]... [-n [-r RCPT]] FILE\n");
			return 2;
		}
	}
	if (optind + 1 != argc)
		return 2;
	parse_init();
	cfg = cpath ? conf_load(cpath, err, sizeof(err)) :
	    conf_default(err, sizeof(err));
	for (size_t i = 0; cfg && i < nd; i++)
		if (conf_add_internal_domain(cfg, doms[i], err, sizeof(err)) < 0) {
			conf_unref(cfg);
			cfg = NULL;
		}
	g_free(doms);
	if (cfg == NULL) {
		fprintf(stderr, "correct: %s\n", err);
		return 2;
	}
	nc = cfg->notice;	/* [notice] of -c CONF */
	if (!g_file_get_contents(argv[optind], &buf, &len, NULL)) {
		fprintf(stderr, "correct: cannot read input\n");
		conf_unref(cfg);
		return 2;
	}
	inv = parse_any(buf, len, &cfg->limits);
	v = verdict_new();
	rules_eval(&cfg->rules, inv, NULL, v);
	{
		/* the sender organizes what has no organizer */
		struct envelope env = { rcpt, NULL, 0, 0 };

		ics = notice_corrected_ics(cfg, nc, buf, len, inv, v, &env,
		    redact, &ch);
	}
	if (redact) {
		struct redact_out ro;
		const char *rcpts[1] = { rcpt };
		struct envelope env = { rcpt, rcpts, 1, 0 };

		if (ics != NULL && notice_redacted(cfg, nc, buf, len, inv, v,
		    &env, ics, &ro, NULL) == 0) {
			msg = redact_assemble(buf, len, &ro, &mlen);
			fwrite(msg, 1, mlen, stdout);
			g_free(msg);
			redact_out_clear(&ro);
		} else
			rc = 1;
	} else if (whole) {
		msg = notice_build(cfg, nc, v, notice_mode_of(nc, v), ics, ch,
		    rcpt, &mlen);
		if (msg)
			fwrite(msg, 1, mlen, stdout);
		else
			rc = 1;
		g_free(msg);
	} else if (ics != NULL) {
		fputs(ics, stdout);
		fprintf(stderr, "changes: 0x%02x\n", ch);
	} else
		rc = 1;
	g_free(ics);
	g_free(buf);
	invite_free(inv);
	verdict_free(v);
	conf_unref(cfg);
	return rc;
}
