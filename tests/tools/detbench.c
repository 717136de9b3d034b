/*
 * detbench: scan rate of the detectors on realistic invitation text:
 * Teams boilerplate in Swedish and English with meeting IDs, dial-in
 * numbers and PINs, plus ordinary agenda text with some dates, phone
 * numbers and an identifier now and then. Builds ~4 MB of fields of
 * ~8 KB each (as the engine sees them) and, per detector and for the
 * whole rule scan (normalisation + all detectors), scans them in
 * several rounds after a warm-up round; prints the median MB/s with
 * min-max and the ratio to the 200 MB/s target (issues 3 and 8). CPU
 * time of this thread, so other jobs on a shared machine count less.
 * A figure, not a test.
 *   detbench [-a | -s] [-t] [-d mask] [-m MB] [-n rounds]
 *   -d: 1 pnr, 2 ident, 4 contact, 8 names, 16 topic (sum them; the
 *   default 7 is the identifier detectors in one pass, det_identifiers,
 *   as the engine runs them); -t: the typical mix (less
 *   number-dense prose) instead of the dense one; -a: every detector
 *   on its own, normalisation on its own and the whole rule scan; -s:
 *   only the whole rule scan (for repeated runs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

#include "rules/detect.h"
#include "rules/ruledata.h"

#define TARGET_MBS	200.0

static const char *const pieces[] = {
	"________________________________________________________________________________\n"
	"Microsoft Teams-möte\n"
	"Anslut på datorn, i mobilappen eller via en rumsenhet\n"
	"Klicka här för att ansluta till mötet\n"
	"Mötes-ID: 412 660 395 017\n"
	"Lösenkod: t8Qw2E\n"
	"Ladda ned Teams | Anslut på webben\n"
	"Eller ring in (endast ljud)\n"
	"+46 8 465 004 56,,720418366#   Sverige, Stockholm\n"
	"Telefonkonferens-ID: 720 418 366#\n"
	"Hitta ett lokalt nummer | Återställ PIN-kod\n"
	"Anslut till ett videokonferensenhet\n"
	"teams@vc.orebro.se\n"
	"Konferens-ID för videokonferens: 1309021655\n"
	"Alternativa VTC-instruktioner\n"
	"Läs mer | Mötesalternativ\n"
	"________________________________________________________________________________\n",
	"Microsoft Teams meeting\n"
	"Join on your computer, mobile app or room device\n"
	"Click here to join the meeting\n"
	"Meeting ID: 196 108 221 935\n"
	"Passcode: Hd7kPq\n"
	"Download Teams | Join on the web\n"
	"Or call in (audio only)\n"
	"+46 10 884 09 71,,318274659#   Sweden, Göteborg\n"
	"Phone Conference ID: 318 274 659#\n"
	"Find a local number | Reset PIN\n"
	"Learn More | Meeting options\n",
	"Hej!\n\nVälkommen till avstämning om höstens planering. Vi går igenom "
	"nuläget, budget 2025 och nästa steg. Mötet hålls i Rum 3.08, plan 5, "
	"Stadshuset. Nästa tillfälle: 2025-06-03 kl 09.00–10.00, v. 23.\n"
	"Agenda:\n1. Nuläge\n2. Uppföljning av rutin (Dnr SN 2025/0219)\n"
	"3. Övrigt\n\nMed vänliga hälsningar\nErik Lindgren\n"
	"Vård och omsorg, Örebro kommun\nTel: 019-21 10 00 (växel)\n"
	"Mobil: 070-174 06 05\n",
	"Inför mötet: läs igenom underlaget och skicka synpunkter senast "
	"fredag. Faktura 4502198734 är betald, OCR 7731 0045 21, bankgiro "
	"5402-9681. Leverantör Saab AB, 556036-0793. Referens: projekt "
	"Framtidens omsorg. Lokalen ligger på Storgatan 12, besöksadress "
	"Drottninggatan 5, 702 10 Örebro.\n",
	"Hej alla,\n\nVälkomna till mötet. Vi går igenom läget i verksamheten, "
	"hur arbetet med den nya rutinen har gått och vad som behöver göras "
	"framåt. Ta gärna med synpunkter från era arbetsplatser. Mötet hålls "
	"digitalt; kameran får gärna vara på. Om ni inte kan delta, meddela "
	"mig så skickar jag anteckningarna efteråt.\n\nVarma hälsningar\n"
	"Anna Berg\nEnhetschef, Vård och omsorg\n",
	"Uppföljning 850315-1238 enligt plan. Kontakta vårdnadshavare på "
	"0701234567 eller mamma.svensson@hotmail.com. Hembesök på "
	"Lärkvägen 8, 703 55 Örebro. Pojken, 12 år, deltar.\n",
};

static detector_fn *const dets[] = {
	det_pnr, det_ident, det_contact, det_names, det_topic,
};
static const char *const det_names_v[] = {
	"pnr", "ident", "contact", "names", "topic",
};

static struct ntext **fields;
static char **raw;
static size_t *raw_len;
static size_t nf, total;

static double
cpu_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One round over all fields: the detectors of mask, and when norm is
 * set the normalisation too (as the engine does it). Returns seconds. */
static double
round_once(const struct detctx *ctx, int mask, bool norm, size_t *hits)
{
	struct hitlist hl = { NULL, 0, 0 };
	double t0 = cpu_now();

	for (size_t i = 0; i < nf; i++) {
		struct ntext *nt = norm ? ntext_new(raw[i], raw_len[i]) :
		    fields[i];

		/* All three identifier detectors: the one pass the engine
		 * runs (det_identifiers). */
		if ((mask & 7) == 7)
			det_identifiers(ctx, nt, &hl);
		for (size_t d = 0; d < G_N_ELEMENTS(dets); d++)
			if ((mask & (1 << d)) && ((mask & 7) != 7 || d > 2))
				dets[d](ctx, nt, &hl);
		*hits += hl.n;
		hl.n = 0;
		if (norm)
			ntext_free(nt);
	}
	hits_clear(&hl);
	return cpu_now() - t0;
}

/* Warm-up, then `rounds` rounds; prints median and min-max MB/s. */
static void
measure(const struct detctx *ctx, const char *label, int mask, bool norm,
    size_t rounds)
{
	double *mbs = g_new(double, rounds), cpu = 0;
	size_t hits = 0;

	(void)round_once(ctx, mask, norm, &hits);
	hits = 0;
	for (size_t r = 0; r < rounds; r++) {
		double s = round_once(ctx, mask, norm, &hits);

		cpu += s;
		mbs[r] = (double)total / (1024 * 1024) / s;
	}
	qsort(mbs, rounds, sizeof(double), cmp_double);
	printf("%-22s %7.0f MB/s median (min %.0f, max %.0f), %.2fx target; "
	    "CPU %.3f s, %zu hits per round\n", label, mbs[rounds / 2],
	    mbs[0], mbs[rounds - 1], mbs[rounds / 2] / TARGET_MBS, cpu,
	    hits / rounds);
	g_free(mbs);
}

int
main(int argc, char **argv)
{
	struct ruledata *rd;
	struct detctx ctx;
	GString *buf;
	char err[256];
	size_t mb = 4, rounds = 5, i;
	int ch, which = 7;
	bool typical = false, all = false, scan = false;

	while ((ch = getopt(argc, argv, "ad:m:n:st")) != -1) {
		switch (ch) {
		case 'a':
			all = true;
			break;
		case 's':
			scan = true;
			break;
		case 'd':
			which = (int)strtol(optarg, NULL, 10);
			break;
		case 'm':
			mb = strtoul(optarg, NULL, 10);
			break;
		case 'n':
			rounds = strtoul(optarg, NULL, 10);
			break;
		case 't':
			typical = true;
			break;
		default:
			fprintf(stderr, "usage: detbench [-a | -s] [-t] [-d mask] "
			    "[-m MB] [-n rounds]\n");
			return 2;
		}
	}
	if (mb == 0 || mb > 512 || rounds == 0 || rounds > 1000 ||
	    which <= 0 || which > 31)
		return 2;
	if ((rd = ruledata_new(NULL, err, sizeof(err))) == NULL) {
		fprintf(stderr, "detbench: %s\n", err);
		return 2;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.data = rd;
	ctx.field = FLD_DESCRIPTION;
	ctx.ref_time = time(NULL);

	/* Fields of ~8 KB: mostly boilerplate, one personal piece in ten. */
	fields = g_new0(struct ntext *, mb * 1024 * 1024 / 2000 + 16);
	raw = g_new0(char *, mb * 1024 * 1024 / 2000 + 16);
	raw_len = g_new0(size_t, mb * 1024 * 1024 / 2000 + 16);
	buf = g_string_new(NULL);
	for (i = 0; total < mb * 1024 * 1024; i++) {
		/* Dense: boilerplate and number-heavy prose in turn. Typical
		 * (-t): one Teams block per invitation, then ordinary prose
		 * and an agenda. One personal piece in ten either way. */
		static const int dense[] = { 0, 1, 2, 3 };
		static const int typ[] = { 0, 4, 2, 4, 1, 4, 3, 4 };

		g_string_append(buf, pieces[typical ? typ[i % 8] : dense[i % 4]]);
		if (i % 10 == 9)
			g_string_append(buf, pieces[5]);
		if (buf->len >= 8192) {
			raw[nf] = g_strndup(buf->str, buf->len);
			raw_len[nf] = buf->len;
			fields[nf] = ntext_new(raw[nf], raw_len[nf]);
			total += raw_len[nf];
			nf++;
			g_string_truncate(buf, 0);
		}
	}
	g_string_free(buf, TRUE);
	printf("detbench: %s text, %zu fields, %.1f MB, %zu rounds after a "
	    "warm-up; target %.0f MB/s\n", typical ? "typical" : "dense", nf,
	    (double)total / (1024 * 1024), rounds, TARGET_MBS);
	if (all) {
		for (size_t d = 0; d < G_N_ELEMENTS(dets); d++)
			measure(&ctx, det_names_v[d], 1 << d, false, rounds);
		measure(&ctx, "identifiers, one pass", 7, false, rounds);
		measure(&ctx, "normalisation", 0, true, rounds);
		measure(&ctx, "rule scan (all)", 31, true, rounds);
	} else if (scan)
		measure(&ctx, "rule scan (all)", 31, true, rounds);
	else
		measure(&ctx, "detectors", which, false, rounds);
	for (i = 0; i < nf; i++) {
		ntext_free(fields[i]);
		g_free(raw[i]);
	}
	g_free(fields);
	g_free(raw);
	g_free(raw_len);
	ruledata_free(rd);
	return 0;
}
