/*
 * pipebench.c: the pipeline in process, on one core: parse + rules over
 * the given messages, repeated for about SECONDS (default 3) after a
 * warm-up; prints messages/s, MB/s and the split between parse and
 * rules. A benchmark: it prints figures, it asserts nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "conf/conf.h"
#include "parse/parse.h"
#include "rules/rules.h"

int
main(int argc, char **argv)
{
	double secs = getenv("SECONDS_PER_RUN") ? atof(getenv("SECONDS_PER_RUN")) : 3.0;
	char err[512];
	struct config *cfg;
	struct verdict *v = verdict_new();
	char **buf = g_new0(char *, argc);
	gsize *len = g_new0(gsize, argc), total = 0;
	gint64 t_parse = 0, t_rules = 0, start;
	size_t n = 0;
	int nf = argc - 1;

	if (argc < 2) {
		fprintf(stderr, "usage: pipebench FILE...\n");
		return 2;
	}
	parse_init();
	cfg = conf_default(err, sizeof(err));
	conf_add_internal_domain(cfg, "kommun.example", err, sizeof(err));
	for (int i = 0; i < nf; i++)
		if (!g_file_get_contents(argv[i + 1], &buf[i], &len[i], NULL)) {
			fprintf(stderr, "pipebench: cannot read %s\n", argv[i + 1]);
			return 2;
		}
	for (int warm = 0; warm < 2; warm++) {
		start = g_get_monotonic_time();
		n = 0;
		total = 0;
		t_parse = t_rules = 0;
		do {
			for (int i = 0; i < nf; i++) {
				gint64 a = g_get_monotonic_time(), b;
				struct invite *inv = parse_any(buf[i], len[i],
				    &cfg->limits);

				b = g_get_monotonic_time();
				rules_eval(cfg, inv, NULL, v);
				t_rules += g_get_monotonic_time() - b;
				t_parse += b - a;
				invite_free(inv);
				total += len[i];
				n++;
			}
		} while (g_get_monotonic_time() - start < (gint64)(secs *
		    (warm ? 1e6 : 2e5)));
	}
	{
		double s = (double)(t_parse + t_rules) / 1e6;

		printf("%zu messages, %.1f MB in %.2f s: %.0f messages/s, "
		    "%.1f MB/s; parse %.0f %%, rules %.0f %%; %.1f us/message\n",
		    n, total / 1e6, s, n / s, total / 1e6 / s,
		    100.0 * t_parse / (t_parse + t_rules),
		    100.0 * t_rules / (t_parse + t_rules), s * 1e6 / n);
	}
	for (int i = 0; i < nf; i++)
		g_free(buf[i]);
	g_free(buf);
	g_free(len);
	verdict_free(v);
	conf_unref(cfg);
	return 0;
}
