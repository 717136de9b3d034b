/*
 * pipebench.c: the pipeline in process, on one core: parse + rules over
 * the given messages, round after round. A warm-up of about a fifth of
 * a run, then RUNS runs (default 5) of about SECONDS each (default 2);
 * prints the median and min-max of messages/s and MB/s and the median
 * split of the time between MIME, iCalendar and rules. Times are CPU
 * time of this thread, so other jobs on a shared machine inflate them
 * less than wall time would. A benchmark: it prints figures, it asserts
 * nothing.
 * -c MB: before each message (not timed) write MB megabytes of other
 * memory, so the message meets caches as cold as in the daemon, where
 * the MTA's processes run between two messages.
 *   pipebench [-c MB] [-r RUNS] [-s SECONDS] [-l LABEL] FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

#include "conf/conf.h"
#include "parse/bench.h"
#include "parse/parse.h"
#include "rules/rules.h"

struct run {
	double	msgs, mbs;		/* per second */
	double	mime, ical, rules;	/* shares of the time, % */
	double	us;			/* per message */
	size_t	n;
};

/* -c: the memory written before each message, and its size. */
static unsigned char *cold_buf;
static size_t cold_len;

static void
cool_caches(void)
{
	static unsigned char k;

	k++;
	for (size_t i = 0; i < cold_len; i += 64)
		cold_buf[i] = k;
}

static double
cpu_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of field off in r[0..n) (n odd or even: the upper middle);
 * min and max too. */
static double
median(const struct run *r, size_t n, size_t off, double *lo, double *hi)
{
	double *v = g_new(double, n), m;

	for (size_t i = 0; i < n; i++)
		v[i] = *(const double *)(const void *)((const char *)&r[i] + off);
	qsort(v, n, sizeof(double), cmp_double);
	m = v[n / 2];
	if (lo != NULL)
		*lo = v[0];
	if (hi != NULL)
		*hi = v[n - 1];
	g_free(v);
	return m;
}

static void
one_run(const struct config *cfg, struct verdict *v, char **buf,
    const gsize *len, int nf, double secs, struct run *out)
{
	double t_parse = 0, t_rules = 0, t_ical = 0, start = cpu_us();
	size_t n = 0, total = 0;

	do {
		for (int i = 0; i < nf; i++) {
			unsigned long long ic;
			double a, b;

			if (cold_len > 0)
				cool_caches();
			ic = parse_ical_usec();
			a = cpu_us();
			struct invite *inv = parse_any(buf[i], len[i],
			    &cfg->limits);

			b = cpu_us();
			rules_eval(&cfg->rules, inv, NULL, v);
			t_rules += cpu_us() - b;
			t_parse += b - a;
			t_ical += (double)(parse_ical_usec() - ic);
			invite_free(inv);
			total += len[i];
			n++;
		}
	} while (cpu_us() - start < secs * 1e6);
	{
		double s = (t_parse + t_rules) / 1e6;

		if (t_ical > t_parse)
			t_ical = t_parse;	/* two clocks: keep it sane */
		out->n = n;
		out->msgs = (double)n / s;
		out->mbs = (double)total / 1e6 / s;
		out->mime = 100.0 * (t_parse - t_ical) / (t_parse + t_rules);
		out->ical = 100.0 * t_ical / (t_parse + t_rules);
		out->rules = 100.0 * t_rules / (t_parse + t_rules);
		out->us = s * 1e6 / (double)n;
	}
}

int
main(int argc, char **argv)
{
	double secs = 2.0, lo, hi, lo2, hi2;
	const char *label = "set";
	char err[512];
	struct config *cfg;
	struct verdict *v;
	struct run warm, *runs;
	char **buf;
	gsize *len, bytes = 0;
	size_t nruns = 5;
	int ch, nf;

	while ((ch = getopt(argc, argv, "c:l:r:s:")) != -1) {
		switch (ch) {
		case 'c':
			cold_len = strtoul(optarg, NULL, 10) << 20;
			break;
		case 'l':
			label = optarg;
			break;
		case 'r':
			nruns = strtoul(optarg, NULL, 10);
			break;
		case 's':
			secs = atof(optarg);
			break;
		default:
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || nruns == 0 || nruns > 100 || !(secs > 0 && secs < 600) ||
	    cold_len > ((size_t)1024 << 20))
		goto usage;
	if (cold_len > 0)
		cold_buf = g_malloc0(cold_len);
	nf = argc;
	parse_init();
	parse_ical_timing(true);	/* for the split */
	if ((cfg = conf_default(err, sizeof(err))) == NULL ||
	    conf_add_internal_domain(cfg, "kommun.example", err,
	    sizeof(err)) != 0) {
		fprintf(stderr, "pipebench: %s\n", err);
		return 2;
	}
	v = verdict_new();
	buf = g_new0(char *, nf);
	len = g_new0(gsize, nf);
	for (int i = 0; i < nf; i++) {
		if (!g_file_get_contents(argv[i], &buf[i], &len[i], NULL)) {
			fprintf(stderr, "pipebench: cannot read %s\n", argv[i]);
			return 2;
		}
		bytes += len[i];
	}
	one_run(cfg, v, buf, len, nf, secs / 5, &warm);
	runs = g_new0(struct run, nruns);
	for (size_t r = 0; r < nruns; r++)
		one_run(cfg, v, buf, len, nf, secs, &runs[r]);
	{
		double m = median(runs, nruns, G_STRUCT_OFFSET(struct run, msgs),
		    &lo, &hi);
		double mb = median(runs, nruns, G_STRUCT_OFFSET(struct run, mbs),
		    &lo2, &hi2);

		printf("%s: %d files, %.1f KB average; %zu runs of %.1f s CPU: "
		    "%.0f messages/s (min %.0f, max %.0f), %.1f MB/s (min %.1f, "
		    "max %.1f), %.1f us/message; MIME %.0f %%, iCalendar %.0f %%, "
		    "rules %.0f %%\n", label, nf, (double)bytes / nf / 1024,
		    nruns, secs, m, lo, hi, mb, lo2, hi2,
		    median(runs, nruns, G_STRUCT_OFFSET(struct run, us), NULL,
		    NULL),
		    median(runs, nruns, G_STRUCT_OFFSET(struct run, mime), NULL,
		    NULL),
		    median(runs, nruns, G_STRUCT_OFFSET(struct run, ical), NULL,
		    NULL),
		    median(runs, nruns, G_STRUCT_OFFSET(struct run, rules), NULL,
		    NULL));
	}
	for (int i = 0; i < nf; i++)
		g_free(buf[i]);
	g_free(buf);
	g_free(len);
	g_free(runs);
	g_free(cold_buf);
	verdict_free(v);
	conf_unref(cfg);
	return 0;
usage:
	fprintf(stderr, "usage: pipebench [-c MB] [-r RUNS] [-s SECONDS] "
	    "[-l LABEL] FILE...\n");
	return 2;
}
