/*
 * rules.c: the registry of rule ids: default action and severity, and the
 * words that explain a finding to the sender (Swedish and English) and
 * the guideline sentence it comes from. The config may change action
 * and severity (struct rules_conf, rules_conf_find), never the ids.
 * Keep conf/invite-milter.conf and the man page in step with this table.
 *
 * Default actions (issue 20): a finding that is a violation by the
 * detection spec stops the data: reject when the structure is validated
 * (checksum, keyword, or the spec's HIGH combination) and its precision
 * was 1.000 on all three labelled sets (make eval; tests/eval/
 * rule_precision.py), hold (a reviewer may release a false alarm) for
 * the rest; flag for the advisory rules, log for LOW. The figures per
 * rule are in invite-milter.conf(5), DEFAULT ACTIONS.
 */
#include <string.h>

#include "rules.h"

#define G_DATA	"Inga personuppgifter eller andra känsliga uppgifter ska kunna utläsas i kallelsen."
#define G_SERIES "Undvik att ha återkommande möten där externa deltagare är inbjudna. Skapa istället ett separat möte för varje tillfälle."
#define G_FILES	"Det är inte tillåtet att dela filer som innehåller konfidentiell information."
#define TODO_NEUTRAL_SV	"Ta bort uppgiften och använd ett neutralt ämne, t.ex. Avstämning eller Uppföljning."
#define TODO_NEUTRAL_EN	"Remove it and use a neutral subject such as Avstämning (check-in) or Uppföljning (follow-up)."

static const struct rule_def defs[] = {
	{ "personnummer", ACT_REJECT, SEV_HIGH,
	  "personnummer", "a Swedish personal identity number",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "samordningsnummer", ACT_HOLD, SEV_HIGH,
	  "samordningsnummer", "a co-ordination number",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "personnummer-typo", ACT_HOLD, SEV_MEDIUM,
	  "troligt personnummer (felskrivet)", "a probable personal identity number (mistyped)",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "reservnummer", ACT_REJECT, SEV_HIGH,
	  "reservnummer", "a reserve identity number",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "reservnummer-pattern", ACT_HOLD, SEV_MEDIUM,
	  "troligt reservnummer", "a probable reserve identity number",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "interim-number", ACT_REJECT, SEV_HIGH,
	  "interimistiskt nummer (T-nummer)", "an interim identity number",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "lma-number", ACT_REJECT, SEV_HIGH,
	  "LMA-/dossiernummer", "an LMA/dossier number",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "journal-number", ACT_HOLD, SEV_MEDIUM,
	  "journalnummer", "a medical record number",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "birth-date", ACT_HOLD, SEV_MEDIUM,
	  "födelsedatum", "a date of birth",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "diary-number", ACT_LOG, SEV_LOW,
	  "diarienummer", "a registry (diary) number",
	  G_DATA, "Inget att göra: diariet är offentligt.", "Nothing to do: the registry is public." },
	{ "orgnr", ACT_LOG, SEV_LOW,
	  "organisationsnummer", "an organisation number",
	  G_DATA, "Inget att göra.", "Nothing to do." },
	{ "phone-private", ACT_HOLD, SEV_MEDIUM,
	  "privat telefonnummer", "a private phone number",
	  G_DATA, "Ta bort telefonnumret ur kallelsen; lämna det på annat sätt.",
	  "Remove the phone number from the invitation; pass it on another way." },
	{ "email-private", ACT_HOLD, SEV_MEDIUM,
	  "privat e-postadress", "a private e-mail address",
	  G_DATA, "Ta bort adressen ur texten; bjud in personen som deltagare i stället.",
	  "Remove the address from the text; invite the person as an attendee instead." },
	{ "address-home", ACT_HOLD, SEV_MEDIUM,
	  "hemadress", "a home address",
	  G_DATA, "Ta bort adressen ur kallelsen; skriv t.ex. Hembesök utan adress.",
	  "Remove the address; write e.g. Home visit without the address." },
	{ "name", ACT_HOLD, SEV_MEDIUM,
	  "troligt namn på en klient", "a probable client name",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "topic", ACT_HOLD, SEV_MEDIUM,
	  "känsligt ämne", "a sensitive topic",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "topic-weak", ACT_LOG, SEV_LOW,
	  "möjligt känsligt ämne", "a possibly sensitive topic",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "person-topic", ACT_REJECT, SEV_HIGH,
	  "en person och ett känsligt ämne i samma kallelse",
	  "a person and a sensitive topic in the same invitation",
	  G_DATA, TODO_NEUTRAL_SV, TODO_NEUTRAL_EN },
	{ "recurring-external", ACT_REJECT, SEV_HIGH,
	  "återkommande mötesserie med externa deltagare",
	  "a recurring meeting series with external guests",
	  G_SERIES, "Boka ett separat möte för varje tillfälle.",
	  "Book a separate meeting for each occasion." },
	{ "attachment-external", ACT_FLAG, SEV_MEDIUM,
	  "bifogad fil till externa deltagare", "a file attached for external guests",
	  G_FILES, "Skicka inte filer med kallelsen; dela dem på ett säkert sätt.",
	  "Do not send files with the invitation; share them securely." },
	{ "external-guest-unknown", ACT_FLAG, SEV_MEDIUM,
	  "deltagare utan användbar adress", "an attendee without a usable address",
	  G_SERIES, "Kontrollera deltagarlistan.", "Check the list of attendees." },
	{ "not-inspectable", ACT_FLAG, SEV_MEDIUM,
	  "kallelsen kan inte granskas (TNEF/krypterad)",
	  "the invitation cannot be inspected (TNEF/encrypted)",
	  G_DATA, "Skicka kallelsen som vanlig iCalendar.",
	  "Send the invitation as plain iCalendar." },
	/* issue 17: the text after a NUL is examined like any other, so
	 * the NUL itself only says "made by a tool, or to hide something":
	 * logged, not acted on by default. */
	{ "calendar-nul", ACT_LOG, SEV_LOW,
	  "kalenderdelen innehåller ett NUL-tecken, som ingen kalenderklient skriver",
	  "the calendar part contains a NUL character, which no calendar client writes",
	  G_DATA, "Skicka kallelsen på nytt från kalenderprogrammet.",
	  "Send the invitation again from the calendar program." },
	{ "exception-series-sender", ACT_LOG, SEV_LOW,
	  "mötesserie från ett bokningssystem med undantag",
	  "a series from a booking mailbox with an exception",
	  G_SERIES, "Inget att göra: avsändaren har undantag ([exceptions] series_senders).",
	  "Nothing to do: the sender has an exception ([exceptions] series_senders)." },
	{ "exception-partner-domain", ACT_LOG, SEV_LOW,
	  "deltagare hos en partner räknas som interna",
	  "guests at a partner count as internal",
	  G_SERIES, "Inget att göra: domänen har undantag ([exceptions] partner_domains).",
	  "Nothing to do: the domain has an exception ([exceptions] partner_domains)." },
	{ "limit-exceeded", ACT_FLAG, SEV_MEDIUM,
	  "kallelsen är för stor eller för komplex för att granskas helt",
	  "the invitation is too large or complex to inspect fully",
	  G_DATA, "Gör kallelsen kortare och utan bilagor.",
	  "Make the invitation shorter and without attachments." },
};

const struct rule_def *
rules_all(size_t *n)
{
	*n = sizeof(defs) / sizeof(defs[0]);
	return defs;
}

const struct rule_def *
rules_find(const char *id)
{
	for (size_t i = 0; i < sizeof(defs) / sizeof(defs[0]); i++)
		if (strcmp(defs[i].id, id) == 0)
			return &defs[i];
	return NULL;
}

const struct rule_conf *
rules_conf_find(const struct rules_conf *rc, const char *id)
{
	for (size_t i = 0; i < rc->n_rule; i++)
		if (strcmp(rc->rule[i].id, id) == 0)
			return &rc->rule[i];
	return NULL;
}
