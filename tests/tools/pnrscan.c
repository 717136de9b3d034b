/*
 * pnrscan: runs the identifier detectors (det_pnr, det_ident,
 * det_contact) over lines "id<TAB>expect<TAB>text" from stdin and
 * reports the lines whose hits disagree with expect. Output is masked:
 * only ids and masked hit evidence are printed. ref_time is fixed (-r YYYY-MM-DD,
 * default 2025-06-01) so results do not drift with the clock.
 *   expect: pnr      a personnummer or samordningsnummer hit
 *           interim  an interim-number hit
 *           none     no HIGH identifier hit and no personnummer-typo
 *           org      no identifier hit at all (orgnr is HIT_OTHER)
 *           RULE     any other word: a hit with that rule id
 * Exit status 0 when all lines agree, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "rules/detect.h"
#include "rules/ruledata.h"

static bool
has_rule(const struct hitlist *hl, const char *rule)
{
	for (size_t i = 0; i < hl->n; i++)
		if (strcmp(hl->v[i].rule, rule) == 0)
			return true;
	return false;
}

static bool
agrees(const struct hitlist *hl, const char *expect)
{
	if (strcmp(expect, "pnr") == 0)
		return has_rule(hl, "personnummer") ||
		    has_rule(hl, "samordningsnummer");
	if (strcmp(expect, "interim") == 0)
		return has_rule(hl, "interim-number");
	if (strcmp(expect, "none") == 0) {
		for (size_t i = 0; i < hl->n; i++)
			if ((hl->v[i].kind == HIT_IDENT &&
			    hl->v[i].sev == SEV_HIGH) ||
			    strcmp(hl->v[i].rule, "personnummer-typo") == 0)
				return false;
		return true;
	}
	if (strcmp(expect, "org") == 0) {
		for (size_t i = 0; i < hl->n; i++)
			if (hl->v[i].kind == HIT_IDENT)
				return false;
		return true;
	}
	return has_rule(hl, expect);
}

int
main(int argc, char **argv)
{
	struct ruledata rd;
	struct detctx ctx;
	char err[256], *line = NULL;
	size_t cap = 0, n = 0, bad = 0;
	ssize_t got;
	const char *refs = "2025-06-01";
	GDateTime *dt;
	int y, m, d, ch;
	bool verbose = false;

	while ((ch = getopt(argc, argv, "r:v")) != -1) {
		switch (ch) {
		case 'r':
			refs = optarg;
			break;
		case 'v':
			verbose = true;
			break;
		default:
			fprintf(stderr, "usage: pnrscan [-v] [-r YYYY-MM-DD]\n");
			return 2;
		}
	}
	if (sscanf(refs, "%d-%d-%d", &y, &m, &d) != 3) {
		fprintf(stderr, "pnrscan: bad date\n");
		return 2;
	}
	memset(&rd, 0, sizeof(rd));
	if ((rd.pnr = pnr_data_new(NULL, err, sizeof(err))) == NULL ||
	    (rd.ident = ident_data_new(NULL, err, sizeof(err))) == NULL ||
	    (rd.contact = contact_data_new(NULL, err, sizeof(err))) == NULL) {
		fprintf(stderr, "pnrscan: %s\n", err);
		return 2;
	}
	dt = g_date_time_new_utc(y, m, d, 12, 0, 0);
	memset(&ctx, 0, sizeof(ctx));
	ctx.data = &rd;
	ctx.field = FLD_SUMMARY;
	ctx.comp = 0;
	ctx.ref_time = (time_t)g_date_time_to_unix(dt);
	g_date_time_unref(dt);

	while ((got = getline(&line, &cap, stdin)) != -1) {
		char *id = line, *expect, *text;
		struct hitlist hl = { NULL, 0, 0 };
		struct ntext *nt;

		if (got > 0 && line[got - 1] == '\n')
			line[--got] = '\0';
		if ((expect = strchr(id, '\t')) == NULL ||
		    (text = strchr(expect + 1, '\t')) == NULL)
			continue;
		*expect++ = '\0';
		*text++ = '\0';
		nt = ntext_new(text, strlen(text));
		det_pnr(&ctx, nt, &hl);
		det_ident(&ctx, nt, &hl);
		det_contact(&ctx, nt, &hl);
		n++;
		if (!agrees(&hl, expect)) {
			bad++;
			/* The text may hold names or addresses: print
			 * the id and the (masked) hit evidence only. */
			printf("MISMATCH %s want=%s hits:", id, expect);
			for (size_t i = 0; i < hl.n; i++)
				printf(" %s(%s)", hl.v[i].rule,
				    hl.v[i].evidence);
			printf("\n");
		} else if (verbose) {
			printf("ok %s:", id);
			for (size_t i = 0; i < hl.n; i++)
				printf(" %s/%s(%s)", hl.v[i].rule,
				    severity_name(hl.v[i].sev),
				    hl.v[i].evidence);
			printf("\n");
		}
		hits_clear(&hl);
		ntext_free(nt);
	}
	free(line);
	printf("pnrscan: %zu lines, %zu mismatches\n", n, bad);
	pnr_data_free(rd.pnr);
	ident_data_free(rd.ident);
	contact_data_free(rd.contact);
	return bad == 0 ? 0 : 1;
}
