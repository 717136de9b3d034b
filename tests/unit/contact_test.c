/*
 * contact_test: private phone numbers, e-mail addresses and home
 * addresses (detection-spec section 2) over the spec's examples and the
 * dev cases of these categories; staff numbers, dial-in numbers and
 * office addresses must stay clean. Reference date 2026-11-22.
 */
#include "idtest.h"

#define S	FLD_SUBJECT
#define D	FLD_DESCRIPTION
#define L	FLD_LOCATION
#define PH	"phone-private"
#define EM	"email-private"
#define AD	"address-home"
#define NOC	"phone-private,email-private,address-home"

static const struct idrow rows[] = {
	/* Phone: a private cue, or Subject/LOCATION. */
	{ "D042", D, "Ring pappan på 070-174 06 05 innan mötet.", PH, SEV_MEDIUM, NULL, NULL },
	{ "mamma-plus46", D, "Mamma nås på +46 70 123 45 67", PH, SEV_MEDIUM, NULL, NULL },
	{ "vh-0046", D, "Vårdnadshavare: 0046701234567", PH, SEV_MEDIUM, NULL, NULL },
	{ "klient-landline", D, "Klientens telefon 019-12 34 56", PH, SEV_MEDIUM, NULL, NULL },
	{ "hem-nr", D, "Hem: 08-555 123 45", PH, SEV_MEDIUM, NULL, NULL },
	{ "subject-mobile", S, "Ring 0731234567", PH, SEV_MEDIUM, NULL, NULL },
	{ "location-mobile", L, "Telefon 073-123 45 67", PH, SEV_MEDIUM, NULL, NULL },
	{ "english-parent", D, "Parent phone: +46 (0)70 123 45 67", PH, SEV_MEDIUM, NULL, NULL },
	/* Phone: staff and organisation numbers stay clean. */
	{ "D079", D, "Mobil: 0701740680 /Erik, biståndshandläggare", NULL, 0, NULL, NOC },
	{ "no-cue", D, "Nås på 070-123 45 67 under dagen", NULL, 0, NULL, PH },
	{ "vaxel", D, "Pappan kan ringa växeln 019-21 10 00", NULL, 0, NULL, PH },
	{ "kundtjanst", D, "Kundtjänst för föräldrar: 0771-123 456", NULL, 0, NULL, PH },
	{ "signature", D, "Hälsa mamma.\n\nMed vänliga hälsningar\nAnna\nMobil 070-123 45 67", NULL, 0, NULL, PH },
	{ "ring-mig", D, "Gäller elev i åk 8, ring mig på 070-123 45 67", NULL, 0, NULL, PH },
	{ "D047", D, "+46 8 465 004 56,,720418366#   Sverige, Stockholm", NULL, 0, NULL, NOC },
	{ "dial-string-location", L, "+46 8 465 004 56,,720418366#   Sverige, Stockholm", NULL, 0, NULL, NOC },
	{ "teams-callin", D, "Ring in (endast ljud): +46 10 884 09 71", NULL, 0, NULL, NOC },
	/* "ring innan" is no dial-in line (final17) */
	{ "ring-innan", D, "pappas mobil 0709876543, ring innan ni kommer", PH, SEV_MEDIUM, NULL, NULL },
	{ "call-in-word", D, "Call in number: +46 10 884 09 71 (mamma)", NULL, 0, NULL, NOC },
	{ "D045", D, "Mötes-ID: 412 660 395 017", NULL, 0, NULL, NOC },
	{ "D060", D, "Bankgiro 5402-9681, OCR 7731 0045 21", NULL, 0, NULL, NOC },
	/* A date range joined by any dash is no phone number (holdout17
	 * K243): the day after the month's dash starts no number. */
	{ "date-range-emdash", S, "Q4 2025-10-01\xe2\x80\x94" "2025-12-31", NULL, 0, NULL, PH },
	{ "date-range-endash", S, "Period 2026-03-02\xe2\x80\x93" "2026-05-29", NULL, 0, NULL, PH },
	{ "date-range-hyphen", L, "Vecka 2025-11-03-2025-11-07", NULL, 0, NULL, PH },
	{ "subject-landline-after-date", S, "Ring 2025-11-03 08-555 123 45", PH, SEV_MEDIUM, NULL, NULL },
	/* E-mail at consumer providers. */
	{ "D043", D, "Skicka kallelsen även till vårdnadshavare: johanna.nilsson77@hotmail.com", EM, SEV_MEDIUM, NULL, NULL },
	{ "gmail", D, "kontakt: a.b@gmail.com", EM, SEV_MEDIUM, NULL, NULL },
	{ "yahoo-se", D, "mail x_y@yahoo.se.", EM, SEV_MEDIUM, NULL, NULL },
	{ "gmx-de", D, "info abc@gmx.de", EM, SEV_MEDIUM, NULL, NULL },
	{ "icloud-upper", D, "Maila Anna@ICLOUD.COM", EM, SEV_MEDIUM, NULL, NULL },
	{ "work-mail", D, "anna.svensson@orebro.se", NULL, 0, NULL, EM },
	{ "lookalike", D, "x@gmail.com.evil.se", NULL, 0, NULL, EM },
	{ "cn-field", FLD_ATTENDEE_CN, "someone@gmail.com", NULL, 0, NULL, EM },
	/* Street addresses with a home cue. */
	{ "D040", L, "Hembesök, Lärkvägen 8, 703 55 Örebro", AD, SEV_MEDIUM, NULL, NULL },
	{ "D041", D, "Brukaren bor på Kvarngatan 14 lgh 1301.", AD, SEV_MEDIUM, NULL, NULL },
	{ "door-letter", D, "Hembesök Storgatan 12 B", AD, SEV_MEDIUM, NULL, NULL },
	/* a street of two words (blind18d) */
	{ "two-word-street", L, "Bostad: Norra Allén 22, 2 tr", AD, SEV_MEDIUM, NULL, NULL },
	{ "two-word-square", D, "Familjen bor på Stora Torget 5.", AD, SEV_MEDIUM, NULL, NULL },
	{ "co", D, "Post till c/o Andersson, Björkstigen 3", AD, SEV_MEDIUM, NULL, NULL },
	{ "alle", D, "Hemma hos familjen, Parkallén 7", AD, SEV_MEDIUM, NULL, NULL },
	/* final17: more street words, a home cue still needed */
	{ "brinken", L, "Hemma hos familjen, Sjöbrinken 4", AD, SEV_MEDIUM, NULL, NULL },
	{ "kroken", D, "Hembesök på Ekkroken 12 B", AD, SEV_MEDIUM, NULL, NULL },
	{ "kullen-no-cue", L, "Tallkullen 3", NULL, 0, NULL, AD },
	{ "hagen-office", L, "Konferensrum Hagen 2, plan 3", NULL, 0, NULL, AD },
	{ "lgh-only", D, "Kallelse till lgh 1102", AD, SEV_MEDIUM, NULL, NULL },
	/* blind18c: an address after a person's move is a home address */
	{ "moved-to", D, "Sonen har flyttat till Granvägen 6.", AD, SEV_MEDIUM, NULL, NULL },
	{ "new-address", D, "Adressändring: Tallstigen 2, 441 30 Alingsås", AD, SEV_MEDIUM, NULL, NULL },
	{ "unit-move", D, "Vi flyttar till nya lokaler på Storgatan 9.", NULL, 0, NULL, AD },
	{ "meeting-move", D, "Ny adress för mötet: Kyrkogatan 3", NULL, 0, NULL, AD },
	{ "we-moved", D, "Vi har flyttat till Åsgatan 4.", NULL, 0, NULL, AD },
	/* Office addresses and addresses without a cue stay clean. */
	{ "office", L, "Besöksadress Drottninggatan 5, 702 10 Örebro", NULL, 0, NULL, AD },
	{ "stadshus", L, "Stadshuset, Rum 3.08, Storgatan 12", NULL, 0, NULL, AD },
	{ "no-home-cue", L, "Kvarngatan 14, 703 55 Örebro", NULL, 0, NULL, AD },
	{ "two-word-no-cue", L, "Stora Torget 5, konferensrum Eken", NULL, 0, NULL, AD },
	{ "floor-word", L, "Huset, Plan 2", NULL, 0, NULL, AD },
	{ "D062", L, "Konferensrum Strindberg, plan 5", NULL, 0, NULL, NOC },
	{ "D063", L, "Solgläntan, mötesrum 1", NULL, 0, NULL, NOC },
	{ "D061", L, "Rum 3.08", NULL, 0, NULL, NOC },
	{ "co-no-match", D, "c/x c/ o c/o 1 och c/o", NULL, 0, NULL, AD },
	{ "lowercase-street", D, "hembesök, vi går till gatan 5 min", NULL, 0, NULL, AD },
};

int
main(int argc, char **argv)
{
	int rc;

	g_test_init(&argc, &argv, NULL);
	idt_setup(2026, 11, 22);
	idt_add("contact", rows, G_N_ELEMENTS(rows));
	rc = g_test_run();
	idt_teardown();
	return rc;
}
