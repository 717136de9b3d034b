/*
 * ident_test: reserve numbers, interim numbers, LMA numbers, journal
 * numbers, birth dates, diary numbers and person references
 * (detection-spec section 2) over the spec's examples and the dev cases
 * of these categories. Reference date 2026-11-22.
 */
#include "idtest.h"

#define S	FLD_SUBJECT
#define D	FLD_DESCRIPTION
#define RN	"reservnummer"
#define RP	"reservnummer-pattern"
#define PR	"person-reference"

static const struct idrow rows[] = {
	/* Region Stockholm: 99 + year + 5 + check over positions 5-11. */
	{ "D014", S, "Vårdplanering reservnr 992023012883", RN, SEV_HIGH, NULL, NULL },
	{ "sthlm-spec", D, "Reservnummer 991981000010", RN, SEV_HIGH, NULL, NULL },
	{ "sthlm-nokw", D, "Avstämning 992019001239", RN, SEV_HIGH, NULL, NULL },
	{ "sthlm-badcheck-kw", D, "reservnr 992019001238", RP, SEV_MEDIUM, NULL, NULL },
	{ "sthlm-badcheck", D, "Avstämning 992019001238", NULL, 0, NULL, NOID },
	{ "sthlm-future", D, "Avstämning 992099001235", NULL, 0, NULL, RN },
	/* VGR: yyyymmdd + K/M/X + gg + check (K=5, M=7, X=8). */
	{ "D015", D, "Pat. med reservnummer 20030611X845", RN, SEV_HIGH, NULL, NULL },
	{ "vgr-spec", D, "Avstämning 19810829M071", RN, SEV_HIGH, NULL, NULL },
	{ "vgr-k", D, "Avstämning 20150101K125", RN, SEV_HIGH, NULL, NULL },
	{ "vgr-badcheck", D, "Avstämning 20150101K123", RP, SEV_MEDIUM, NULL, NULL },
	{ "k-interim", D, "Avstämning 20150101K124", "interim-number", SEV_HIGH, NULL, NULL },
	{ "vgr-baddate", D, "Avstämning 20150231K125", NULL, 0, NULL, NOID },
	/* Other regions: date + 4 characters with a letter. */
	{ "varmland", D, "Avstämning 19810829SU3A", RP, SEV_MEDIUM, NULL, NULL },
	{ "prorenata", D, "Elevhälsa 20140312TF10", RP, SEV_MEDIUM, NULL, NULL },
	{ "region-kw", D, "Saknar personnummer, 20140312AB12", RN, SEV_HIGH, NULL, NULL },
	{ "carelink", D, "Avstämning 198108451234", RP, SEV_MEDIUM, NULL, NULL },
	{ "nrid", D, "Avstämning 228108 29AB12", NULL, 0, NULL, RP },
	{ "nrid-form", D, "Avstämning 22810829AB12", RP, SEV_MEDIUM, NULL, NULL },
	/* Interim numbers: letter counted as 1 in the Luhn sum. */
	{ "interim-spec", D, "Avstämning 000101-T220", "interim-number", SEV_HIGH, NULL, NULL },
	{ "interim-nodash", D, "Avstämning 000101T220", "interim-number", SEV_HIGH, NULL, NULL },
	{ "interim-12", D, "Avstämning 20000101-T220", "interim-number", SEV_HIGH, NULL, NULL },
	{ "interim-r", D, "Avstämning 120101-R457", "interim-number", SEV_HIGH, NULL, NULL },
	{ "interim-bad", D, "Avstämning 000101-T221", NULL, 0, NULL, "interim-number" },
	{ "interim-e", D, "Avstämning 000101-E221", NULL, 0, NULL, "interim-number" },
	/* LMA: only with a keyword. */
	{ "D016", S, "Möte Migrationsverket LMA 24-550317", "lma-number", SEV_HIGH, NULL, NULL },
	{ "lma-serial", D, "LMA-kort 23-417598/1", "lma-number", SEV_HIGH, NULL, NULL },
	{ "lma-dossier", D, "Dossiernr 23-417598", "lma-number", SEV_HIGH, NULL, NULL },
	{ "lma-file", FLD_ATTACHMENT_NAME, "LMA-kort_23-417598.pdf", "lma-number", SEV_HIGH, NULL, NULL },
	{ "lma-file-after", FLD_ATTACHMENT_NAME, "LMA_25-118204_framsida.jpg", "lma-number", SEV_HIGH, NULL, NULL },
	{ "dossier-file", FLD_ATTACHMENT_NAME, "Dossier_22-104583.pdf", "lma-number", SEV_HIGH, NULL, NULL },
	{ "lma-nokw", D, "Avstämning 23-417598", NULL, 0, NULL, "lma-number" },
	{ "lma-far", D, "Migrationsverket har skickat underlag om ärendet. Sedan dess: 23-417598", NULL, 0, NULL, "lma-number" },
	/* Journal number and birth date with a cue. */
	{ "journal", D, "Journalnr 2024-55871", "journal-number", SEV_MEDIUM, NULL, NULL },
	{ "D044", S, "Uppföljning pojke f. 2016-08-03", "birth-date", SEV_MEDIUM, NULL, NULL },
	{ "born-dob", D, "DOB: 12/03/2015", "birth-date", SEV_MEDIUM, NULL, NULL },
	{ "fodd-month", D, "Född 3 augusti 2016", "birth-date", SEV_MEDIUM, NULL, NULL },
	{ "foddes", D, "Barnet föddes 2019-05-04 enligt journal.", "birth-date", SEV_MEDIUM, NULL, NULL },
	{ "born-on", D, "Born on 04/05/2019", "birth-date", SEV_MEDIUM, NULL, NULL },
	{ "fodelsedatum", D, "Födelsedatum: 20160803", "birth-date", SEV_MEDIUM, NULL, NULL },
	{ "born-nocue", D, "Mötet 2016-08-03", NULL, 0, NULL, "birth-date" },
	{ "born-baddate", D, "född 2016-02-30", NULL, 0, NULL, "birth-date" },
	{ "fodd-dm-yyyy", D, "Flickan, f. 3/9 2013, har", "birth-date", SEV_MEDIUM, NULL, NULL },
	{ "fodd-d-m-yyyy", D, "född 1/2/2012", "birth-date", SEV_MEDIUM, NULL, NULL },
	{ "fodd-dm-yy-space", D, "f. 3/9 13 st", NULL, 0, NULL, "birth-date" },
	/* Diary numbers: LOW only. */
	{ "D080", S, "Remiss Dnr SN 2025/0219", "diary-number", SEV_LOW, NULL, NOID },
	{ "dnr-colon", D, "Diarienummer: KS 2024:117", "diary-number", SEV_LOW, NULL, NULL },
	/* Person references (no finding alone, LOW). */
	{ "D039", S, "Flicka 15 år \xe2\x80\x93 självskadebeteende, samråd", PR, SEV_LOW, NULL, NOID },
	{ "pojken-paren", S, "Samtal pojken (7 år)", PR, SEV_LOW, NULL, NULL },
	{ "aringen", D, "Uppföljning 8-åringen", PR, SEV_LOW, NULL, NULL },
	{ "eleven", D, "Eleven, 12 år, deltar", PR, SEV_LOW, NULL, NULL },
	{ "no-age", D, "Eleven deltar i 12 möten", NULL, 0, NULL, PR },
	{ "years-no-person", D, "Avtalet gäller 3 år", NULL, 0, NULL, PR },
	{ "flicka-paren", S, "Flicka (13) \xe2\x80\x93 umgänge", PR, SEV_LOW, NULL, NULL },
	{ "ungdom", S, "Ungdom 17 år, kontaktperson", PR, SEV_LOW, NULL, NULL },
	{ "kvinna", S, "Kvinna 42 år \xe2\x80\x93 bistånd", PR, SEV_LOW, NULL, NULL },
	{ "girl-comma", S, "Girl, 12 \xe2\x80\x93 placement", PR, SEV_LOW, NULL, NULL },
	{ "boy-years", D, "a boy 9 years old", PR, SEV_LOW, NULL, NULL },
	{ "bare-age-start", S, "15 år \xe2\x80\x93 placering", PR, SEV_LOW, NULL, NULL },
	{ "bare-age-paren", S, "Utredning (14 år)", PR, SEV_LOW, NULL, NULL },
	{ "bare-age-comma", S, "Placering, 16 år gammal", PR, SEV_LOW, NULL, NULL },
	{ "under-years", S, "Insatser under 3 år \xe2\x80\x93 utvärdering", NULL, 0, NULL, PR },
	{ "jubilee", S, "Hemtjänsten 25 år \xe2\x80\x93 jubileum", NULL, 0, NULL, PR },
	{ "age-band", S, "Barn 0\xe2\x80\x93" "5 år: öppna förskolan", NULL, 0, NULL, PR },
	{ "child-count", D, "Barnen, 12 st, går", NULL, 0, NULL, PR },
	/* Clean: the dev cases of neighbouring categories. */
	{ "D046", D, "Lösenkod: t8Qw2E", NULL, 0, NULL, NOID },
	{ "D053", S, "Planering v. 21 (250520)", NULL, 0, NULL, NOID },
	{ "ical-time", D, "DTSTART:20250603T090000Z", NULL, 0, NULL, NOID },
	{ "date-code", D, "Version 20250603T0900", NULL, 0, NULL, NOID },
	{ "product-code", D, "Artikel 1234ABCD", NULL, 0, NULL, NOID },
	{ "D060", D, "Bankgiro 5402-9681, OCR 7731 0045 21", NULL, 0, NULL, NOID },
	{ "D061", FLD_LOCATION, "Rum 3.08", NULL, 0, NULL, NOID },
	{ "vtc-reserv", D, "Konferens-ID för videokonferens: 992019001239", NULL, 0, NULL, NOID },
};

int
main(int argc, char **argv)
{
	int rc;

	g_test_init(&argc, &argv, NULL);
	idt_setup(2026, 11, 22);
	idt_add("ident", rows, G_N_ELEMENTS(rows));
	rc = g_test_run();
	idt_teardown();
	return rc;
}
