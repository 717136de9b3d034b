/*
 * detbench: throughput of the identifier detectors (det_pnr, det_ident,
 * det_contact) on realistic invitation text: Teams boilerplate in
 * Swedish and English with meeting IDs, dial-in numbers and PINs, plus
 * ordinary agenda text with some dates, phone numbers and an identifier
 * now and then. Builds ~4 MB of fields of a few KB each (as the engine
 * sees them), scans them N times and prints MB/s. A figure, not a test.
 *   detbench [-t] [-d mask] [-m MB] [-n rounds]
 *   -d: 1 pnr, 2 ident, 4 contact (sum them); -t: the typical mix
 *   (less number-dense prose) instead of the dense one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

#include "rules/detect.h"
#include "rules/ruledata.h"

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

int
main(int argc, char **argv)
{
	struct ruledata rd;
	struct detctx ctx;
	struct ntext **fields;
	GString *buf;
	char err[256];
	size_t mb = 4, rounds = 5, nf = 0, total = 0, hits = 0, i, r;
	struct timespec t0, t1;
	double secs, best;
	int ch, which = 7;
	bool typical = false;

	while ((ch = getopt(argc, argv, "d:m:n:t")) != -1) {
		switch (ch) {
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
			fprintf(stderr, "usage: detbench [-t] [-d mask] [-m MB] [-n rounds]\n");
			return 2;
		}
	}
	if (mb == 0 || mb > 512 || rounds == 0)
		return 2;
	memset(&rd, 0, sizeof(rd));
	if ((rd.pnr = pnr_data_new(NULL, err, sizeof(err))) == NULL ||
	    (rd.ident = ident_data_new(NULL, err, sizeof(err))) == NULL ||
	    (rd.contact = contact_data_new(NULL, err, sizeof(err))) == NULL) {
		fprintf(stderr, "detbench: %s\n", err);
		return 2;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.data = &rd;
	ctx.field = FLD_DESCRIPTION;
	ctx.ref_time = time(NULL);

	/* Fields of ~8 KB: mostly boilerplate, one personal piece in ten. */
	fields = g_new0(struct ntext *, mb * 1024 * 1024 / 2000 + 16);
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
			fields[nf] = ntext_new(buf->str, buf->len);
			total += fields[nf]->len;
			nf++;
			g_string_truncate(buf, 0);
		}
	}
	g_string_free(buf, TRUE);

	/* Per round: CPU time of this thread (other jobs on a shared
	 * machine inflate wall time, not this); report the best round and
	 * the total. */
	best = 0;
	secs = 0;
	for (r = 0; r < rounds; r++) {
		double rs;

		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
		for (i = 0; i < nf; i++) {
			struct hitlist hl = { NULL, 0, 0 };

			if (which & 1)
				det_pnr(&ctx, fields[i], &hl);
			if (which & 2)
				det_ident(&ctx, fields[i], &hl);
			if (which & 4)
				det_contact(&ctx, fields[i], &hl);
			hits += hl.n;
			hits_clear(&hl);
		}
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
		rs = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		secs += rs;
		if (best == 0 || rs < best)
			best = rs;
	}
	printf("detbench: %zu fields, %.1f MB x %zu rounds, CPU %.3f s: "
	    "%.0f MB/s mean, %.0f MB/s best round (%zu hits per round)\n",
	    nf, (double)total / (1024 * 1024), rounds, secs,
	    (double)total * (double)rounds / (1024 * 1024) / secs,
	    (double)total / (1024 * 1024) / best, hits / rounds);
	for (i = 0; i < nf; i++)
		ntext_free(fields[i]);
	g_free(fields);
	pnr_data_free(rd.pnr);
	ident_data_free(rd.ident);
	contact_data_free(rd.contact);
	return 0;
}
