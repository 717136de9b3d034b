/*
 * pnr_test: personnummer, samordningsnummer and organisationsnummer
 * (detection-spec section 1) over the spec's examples and the dev cases
 * of these categories. Reference date 2026-11-22 (ages in the dev notes).
 */
#include "idtest.h"

#define S	FLD_SUBJECT
#define D	FLD_DESCRIPTION
#define L	FLD_LOCATION
#define A	FLD_ATTACHMENT_NAME
#define PN	"personnummer"
#define SN	"samordningsnummer"

static const struct idrow rows[] = {
	/* Every written form (spec 1). */
	{ "form-dash", S, "Avstämning 850315-1238", PN, SEV_HIGH, NULL, NULL },
	{ "form-none", S, "Avstämning 8503151238", PN, SEV_HIGH, NULL, NULL },
	{ "form-12-dash", S, "Avstämning 19850315-1238", PN, SEV_HIGH, NULL, NULL },
	{ "form-12-none", S, "Avstämning 198503151238", PN, SEV_HIGH, NULL, NULL },
	{ "form-plus", S, "Avstämning 850315+1238", PN, SEV_HIGH, NULL, NULL },
	{ "form-space", S, "Avstämning 850315 1238", PN, SEV_HIGH, NULL, NULL },
	{ "form-endash", S, "Avstämning 850315\xe2\x80\x93" "1238", PN, SEV_HIGH, NULL, NULL },
	{ "form-spaced-dash", S, "Avstämning 850315 - 1238", PN, SEV_HIGH, NULL, NULL },
	{ "form-dot", S, "Avstämning 850315.1238", PN, SEV_HIGH, NULL, NULL },
	{ "form-12-space", S, "Avstämning 19850315 1238", PN, SEV_HIGH, NULL, NULL },
	{ "form-nbsp", S, "Avstämning 850315\xc2\xa0" "1238", PN, SEV_HIGH, NULL, NULL },
	{ "form-zwsp", S, "Avstämning 850315-\xe2\x80\x8b" "1238", PN, SEV_HIGH, NULL, NULL },
	{ "form-fullwidth", S, "Avstämning \xef\xbc\x98\xef\xbc\x95" "0315-1238", PN, SEV_HIGH, NULL, NULL },
	{ "form-arabic-indic", S, "Avstämning \xd9\xa8\xd9\xa5\xd9\xa0\xd9\xa3\xd9\xa1\xd9\xa5-\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa8", PN, SEV_HIGH, NULL, NULL },
	{ "form-math-bold", S, "Avstämning \xf0\x9d\x9f\x96\xf0\x9d\x9f\x93" "0315-1238", PN, SEV_HIGH, NULL, NULL },
	{ "form-bidi-marks", S, "Avstämning 8503\xe2\x80\x8e" "15\xe2\x80\x8f-\xe2\x81\xa3" "1238", PN, SEV_HIGH, NULL, NULL },
	{ "check-121212", D, "Testperson 121212-1212 kommer", PN, SEV_HIGH, NULL, NULL },
	{ "comma-after-word", S, "Nätverksmöte,121212-1212", PN, SEV_HIGH, NULL, NULL },
	{ "dot-after-word", D, "Utredning.121212-1212.pdf", PN, SEV_HIGH, NULL, NULL },
	{ "comma-after-digit", D, "Summa 3,121212-1212", NULL, 0, NULL, PN },
	{ "dot-at-start", D, ".121212-1212", NULL, 0, NULL, PN },
	{ "underscore-file", A, "Plan_20101206-4828.docx", PN, SEV_HIGH, NULL, NULL },
	/* final17: an underscore for the dash in a file name; a
	 * scanner's time stamp of the last two years stays clean */
	{ "underscore-both", A, "Anmalan_850315_1238_scan.pdf", PN, SEV_HIGH, NULL, NULL },
	{ "underscore-12", A, "Utredning_19850315_1238.docx", PN, SEV_HIGH, NULL, NULL },
	{ "underscore-text", D, "Fil 850315_1238 bifogas", NULL, 0, NULL, PN },
	{ "underscore-stamp", A, "scan_251103_0807.pdf", NULL, 0, NULL, PN },
	{ "underscore-five", A, "bild_850315_12380.jpg", NULL, 0, NULL, PN },
	{ "parens", L, "Lägenhet (850315-1238)", PN, SEV_HIGH, NULL, NULL },
	/* Issue 18/17: date dashes, groups of four; a date range stays clean. */
	{ "date-dashes", S, "Avstämning 1991-12-08-2384", PN, SEV_HIGH, NULL, NULL },
	{ "date-dashes-file", A, "Beslut_1984-02-19-2390.pdf", PN, SEV_HIGH, NULL, NULL },
	{ "date-dashes-child", S, "Uppföljning 2017-07-28-2388", PN, SEV_HIGH, "child", NULL },
	{ "date-range", D, "Period 2025-10-06-2025-12-19 enligt plan", NULL, 0, NULL, PN },
	/* after a word's hyphen in a file name (blind17 B019); a digit's
	 * hyphen stays no boundary */
	{ "date-dashes-word-hyphen", A, "Utredning-1984-02-19-2390.docx", PN, SEV_HIGH, NULL, NULL },
	{ "date-dashes-digit-hyphen", D, "Lista 7-1984-02-19-2390", NULL, 0, NULL, PN },
	/* the 10-digit form after a word's hyphen, a word after it
	 * (holdout17 K009); after a digit's hyphen it stays glue */
	{ "word-hyphen-10", A, "beslut-850315-1238-lss.docx", PN, SEV_HIGH, NULL, NULL },
	{ "word-hyphen-12", A, "Utredning-19850315-1238.pdf", PN, SEV_HIGH, NULL, NULL },
	{ "digit-hyphen-10", D, "Serie 4-850315-1238", NULL, 0, NULL, PN },
	{ "space-hyphen-10", D, "Lista -850315-1238", NULL, 0, NULL, PN },
	{ "groups-of-four", D, "Testperson 1912 1212 1212 kommer", PN, SEV_HIGH, NULL, NULL },
	{ "groups-of-four-longer", D, "Nummer 1912 1212 1212 1212", NULL, 0, NULL, PN },
	{ "switchboard", D, "Växel 0701670002, kundtjänst öppen 8-16", NULL, 0, NULL, NOID },
	{ "english", D, "Regarding patient 850315-1238, see referral.", PN, SEV_HIGH, NULL, NULL },
	/* Dev cases (personnummer, samordningsnummer). */
	{ "D001", S, "Uppföljning 180131-2396", PN, SEV_HIGH, "child", NULL },
	{ "D002", S, "Avstämning 19830220-2380", PN, SEV_HIGH, NULL, NULL },
	{ "D003", D, "Personnummer: 7109049275", PN, SEV_HIGH, NULL, NULL },
	{ "D004", S, "SIP 201906262397", PN, SEV_HIGH, "child", NULL },
	{ "D005", S, "Vårdplanering 251103+8149", PN, SEV_HIGH, NULL, NULL },
	{ "D006", FLD_SUMMARY, "Samtal 970405 2399", PN, SEV_HIGH, NULL, NULL },
	{ "D007", S, "Möte ang. 640301\xe2\x80\x93" "3417", PN, SEV_HIGH, NULL, NULL },
	{ "D008", D, "Regarding patient 20051011-2394, see referral.", PN, SEV_HIGH, NULL, NULL },
	{ "D009", A, "Underlag_20070602-2399.pdf", PN, SEV_HIGH, NULL, NULL },
	{ "D010", L, "Brukarens lägenhet (500907-2553)", PN, SEV_HIGH, NULL, NULL },
	{ "D011", S, "Avstämning 650771-2385", SN, SEV_HIGH, NULL, NULL },
	{ "D012", D, "Samordningsnr 202206642387 \xe2\x80\x93 tolk behövs", SN, SEV_HIGH, "child", NULL },
	{ "D013", S, "Uppföljning 950260-2395", SN, SEV_HIGH, NULL, NULL },
	/* Samordningsnummer: day + 60, test forms month 00 / day 60. */
	{ "coord-day75", S, "Avstämning 851275-1234", SN, SEV_HIGH, NULL, NULL },
	{ "coord-month00", S, "Avstämning 19150072-2390", SN, SEV_HIGH, NULL, NULL },
	{ "coord-07-nocue", S, "Avstämning 0701740680", SN, SEV_HIGH, NULL, NULL },
	/* Century and age. */
	{ "adult-no-child", S, "Avstämning 19830220-2380", PN, SEV_HIGH, "personnummer", NULL },
	{ "plus-centenarian", S, "Avstämning 090527+1474", PN, SEV_HIGH, NULL, NULL },
	{ "leap-2000", S, "Avstämning 000229-2399", PN, SEV_HIGH, NULL, NULL },
	{ "leap-88", S, "Avstämning 880229-1230", PN, SEV_HIGH, NULL, NULL },
	/* Keyword + failing Luhn: a typo, MEDIUM. */
	{ "typo-keyword", D, "Personnummer 821008-2398", "personnummer-typo", SEV_MEDIUM, NULL, "personnummer" },
	{ "typo-pnr", D, "pnr: 8503151239", "personnummer-typo", SEV_MEDIUM, NULL, NULL },
	/* A keyword overrides the traps. */
	{ "kw-beats-order", D, "Order 4502198734, personnummer 8503151238", PN, SEV_HIGH, NULL, NULL },
	{ "faktura-till", D, "Faktura till 850315-1238", PN, SEV_HIGH, NULL, NULL },
	{ "mobile-dash6", D, "Mobil 070174-0680", SN, SEV_HIGH, NULL, NULL },
	/* Organisationsnummer: LOW, never a person. */
	{ "D050", D, "Org.nr 212000-1355 (Göteborgs Stad)", "orgnr", SEV_LOW, NULL, NOPNR },
	{ "D051", D, "Leverantör Saab AB, 556036-0793", "orgnr", SEV_LOW, NULL, NOPNR },
	{ "orgnr-stockholm", D, "Stockholms stad 212000-0142", "orgnr", SEV_LOW, NULL, NOPNR },
	/* Clean: dial-in data (spec 1 traps). */
	{ "D045", D, "Mötes-ID: 412 660 395 017", NULL, 0, NULL, NOID },
	{ "D047", D, "+46 8 465 004 56,,720418366#   Sverige, Stockholm", NULL, 0, NULL, NOID },
	{ "D048", D, "Konferens-ID för videokonferens: 1309021655", NULL, 0, NULL, NOID },
	{ "D049", D, "Meeting ID: 196 108 221 935", NULL, 0, NULL, NOID },
	{ "vtc-line", D, "VTC: 1104270838", NULL, 0, NULL, NOID },
	{ "dial-string", D, "+46 8 465 004 56,,8503151238#", NULL, 0, NULL, NOID },
	{ "pin-hash", D, "PIN 8503151238 #", NULL, 0, NULL, NOID },
	{ "groups-of-3", D, "Anslut: 850 315 123 8", NULL, 0, NULL, NOID },
	{ "groups-joined", D, "Nummer 19 850315 1238 44", NULL, 0, NULL, NOPNR },
	{ "teams-url", D, "https://teams.microsoft.com/l/meetup-join/8503151238", NULL, 0, NULL, NOID },
	/* Clean: dates, times, weeks. */
	{ "D052", S, "Avstämning 2025-05-20 kl 10.00", NULL, 0, NULL, NOID },
	{ "D053", S, "Planering v. 21 (250520)", NULL, 0, NULL, NOID },
	{ "D054", D, "Nästa tillfälle: 20250603 09:00\xe2\x80\x93" "10:00", NULL, 0, NULL, NOID },
	{ "D055", FLD_SUMMARY, "Uppföljning 20/5 13:15", NULL, 0, NULL, NOID },
	{ "time-range", S, "Möte 13.00-14.30 v.12", NULL, 0, NULL, NOID },
	/* Clean: failing checks without a keyword. */
	{ "D056", S, "Avtalsuppföljning ref 821008-2398", NULL, 0, NULL, NOID },
	{ "D057", D, "Kundnummer 200103062397", NULL, 0, NULL, NOID },
	{ "D058", S, "Ärende 870231-4432", NULL, 0, NULL, NOID },
	{ "feb29-1900", S, "Ärende 19000229-1234", NULL, 0, NULL, NOPNR },
	{ "month13", S, "Ärende 851315-1238", NULL, 0, NULL, NOPNR },
	{ "future-12", S, "Ärende 20850315-1238", NULL, 0, NULL, NOPNR },
	{ "prefix-16", S, "Bolag 165560160680", NULL, 0, NULL, NOPNR },
	{ "vat", S, "Momsreg SE556036079301", NULL, 0, NULL, NOPNR ",orgnr" },
	{ "longer-run", S, "Nr 85031512381", NULL, 0, NULL, NOPNR },
	{ "letter-glued", S, "Kod A8503151238", NULL, 0, NULL, NOPNR },
	/* Clean: order/invoice numbers without separator. */
	{ "D059", D, "Inköpsorder 4502198734", NULL, 0, NULL, NOID },
	{ "D060", D, "Bankgiro 5402-9681, OCR 7731 0045 21", NULL, 0, NULL, NOID },
	{ "ocr-valid", D, "OCR 8503151238", NULL, 0, NULL, NOID },
	{ "po-valid", D, "PO: 4502198734", NULL, 0, NULL, NOID },
	/* Clean: a mobile number next to a phone cue. */
	{ "D079", D, "Mobil: 0701740680 /Erik, biståndshandläggare", NULL, 0, NULL, NOID ",phone-private" },
	{ "tel-07", D, "Tel 0701740680", NULL, 0, NULL, NOPNR },
};

int
main(int argc, char **argv)
{
	int rc;

	g_test_init(&argc, &argv, NULL);
	idt_setup(2026, 11, 22);
	idt_add("pnr", rows, G_N_ELEMENTS(rows));
	rc = g_test_run();
	idt_teardown();
	return rc;
}
