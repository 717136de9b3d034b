/*
 * namedata.c: the names detector's data: the built-in word lists, the
 * configured name lists (first names, surnames, stop words) read into
 * one flat table of afold words with their list bits, and the
 * participants' names of an invitation. Built once per config snapshot
 * (names_data_new) or invitation (names_part_new); read-only after.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "datafile.h"
#include "names.h"
#include "langwords.h"

/* Word lists compare afold forms, so they are written without
 * diacritics: "gallande" is "gällande", "for" is "för". */
static const char *const triggers[] = { "ang", "angaende", "gallande",
	"rorande", "avseende", "om", "kring", "for", "med", "m", "hos", "till",
	"re", "regarding", "about", "with", "sip", NULL };
/* Honorifics (holdout17): the capitalised word after one is a person's
 * name ("fru Nazari", "Herr Okonkwo", "Mrs. Haile"), with or without a
 * dot; triggers to the tokenizer, names.c honor_word tells them apart
 * (the same words, by their letters). */
static const char *const honors[] = { "fru", "herr", "froken", "mr",
	"mrs", "ms", "miss", "mx", "mister", "frau", "herrn", NULL };
/* Meeting words of a case (spec section 3) and words for the client or
 * a relative: "Hembesök Ahmed", "Pappan Yusuf". */
static const char *const case_words[] = { "vardplanering", "uppfoljning",
	"avstamning", "hembesok", "besok", "inskrivning", "utskrivning",
	"overrapportering", "elevhalsomote", "ehm", "natverksmote", "samtal",
	"mote", "arende", "samordnad", "mamma", "mamman", "pappa", "pappan",
	"barnet", "eleven", "klienten", "brukaren", "patienten", "pat",
	"vardnadshavare", "vardnadshavaren", "sonen", "dottern", "brodern",
	"systern", "mormor", "morfar", "farmor", "farfar", "pojken", "flickan",
	"client", "patient", "pupil", "mother", "father", "follow", "meeting",
	"son", "daughter", "child", "boy", "girl", "brother", "sister",
	/* meeting someone: "Träffade Ayaan i korridoren", "träff med" */
	"traffen", "traffa", "traffar", "traffade", "traffat",
	"besokte",
	/* a name said to be one: "Hon heter Selam" */
	"heter",
	/* case words of social services and school (final17): "umgänge
	 * ...", "ekb nyansökan ...", "kartläggning ..." */
	"umgange", "ansokan", "nyansokan", "ekb", "kartlaggning",
	/* shorthands of case types and their plans (blind18c): "VP
	 * Ahmadi", "GP ...", "BBIC ...", "LVU ..." (not LSS, HVB, BUP:
	 * also a unit's name after a colleague, "(LSS)") */
	"vp", "gp", "svu", "bbic", "lvu", "lvm", "lpt", "laro", NULL };
static const char *const family[] = { "familjen", "fam", "family", NULL };
static const char *const place[] = { "rum", "sal", "konferensrum", "lokal",
	"i", "pa", "in", "at", "motesrum", "room", NULL };
static const char *const staff[] = { "avtackning", "pension", "grattis",
	"nyanstalld", "introduktion", NULL };
/* A name right after these, or right before a job title, is staff:
 * "Kontakta Anna Svensson vid frågor", "Anna Svensson, kurator". */
static const char *const staff_before[] = { "kontakta", "kontaktperson",
	"contact", "ansvarig", "moderator", "talare", "foredragare", "speaker",
	"host", "organizer", "arrangor", NULL };
/* More of them (issue 18): meeting roles and presenters,
 * "Föreläsare: Shirin Rostami", "Mötesledare: Goran Šarić". */
static const char *const staff_before2[] = { "forelasare",
	"foredragshallare", "presentator", "motesledare", "ordforande",
	"justerare", "sekreterare", "protokollforare", "processledare",
	"kursledare", "presenter", "facilitator", "chair", NULL };
/* Words for a relative: a first name in the same sentence is a client
 * or a relative ("Filmon kommer med sin moster"). */
static const char *const relatives[] = { "mamma", "mamman", "pappa",
	"pappan", "moster", "mostern", "morbror", "morbrodern", "farbror",
	"farbrodern", "faster", "fastern", "mormor", "morfar", "farmor",
	"farfar", "bror", "brodern", "syster", "systern", "foraldrar",
	"foraldrarna", "vardnadshavare", "vardnadshavaren", "dotter",
	"dottern", "sonen", "sambo", "sambon", "styvpappa", "styvpappan",
	"styvmamma", "styvmamman", "syskon", "syskonen", "maken", "hustrun",
	/* the compounds of older and younger, half and step (issue 18's
	 * blind set: "Yonas och hans storebror") */
	"storebror", "storebrodern", "lillebror", "lillebrodern",
	"storasyster", "storasystern", "lillasyster", "lillasystern",
	"halvbror", "halvbrodern", "halvsyster", "halvsystern", "styvbror",
	"styvbrodern", "styvsyster", "styvsystern", "kusin", "kusinen",
	"farmodern", "mormodern", "pojkvan", "pojkvannen", "flickvan",
	"flickvannen", "fru", "frun", "hustru", NULL };
/* A name followed by these is a company or an organisation ("Nilsson
 * Åkeri AB", "Kovačević Transport AB", "Nordic Health"). */
static const char *const trades[] = { "ab", "hb", "kb", "bygg", "maleri",
	"akeri", "transport", "fastigheter", "fastighet", "konsult",
	"konsulter", "advokatbyra", "revision", "arkitekter", "tandvard",
	"redovisning", "vvs", "stad", "handel", "entreprenad", "invest",
	"holding", "consulting", "group", "partners", "foretag", "health",
	"care", "assistans", "omsorg", "bemanning", "solutions", "systems",
	"services", "sverige", "sweden", "nordic", "international",
	"grossist", "service", "import", "export", "trading", "logistik",
	"teknik", "verkstad", "tryckeri", "snickeri", "partner", "company",
	"produktion",
	/* "Nilsson och Söner", English firms ("Northwind Traders") */
	"soner", "traders", "pharma", "industries", "labs", "technologies",
	"software", "media", "bank", "insurance", "capital", "ventures",
	"holdings", "consultants", "associates", "advisors", NULL };
/* "Presentation av", "Information från", "Workshop med": the name after
 * is the presenter (L_PRESENT before an L_BY word). */
static const char *const present[] = { "presentation", "foredrag",
	"dragning", "demo", "demonstration", "information", "workshop",
	"genomgang", "forelasning", "utbildning", "webbinarium", "seminarium",
	"inspiration", "intro", "introduktion", "presentationer", "inledning",
	"forelasningar", NULL };
static const char *const by[] = { "av", "fran", "med", "by", "from",
	"with", NULL };
const char *const names_titles[] = { "handlaggare", "sekreterare",
	"samordnare", "chef", "kurator", "psykolog", "skoterska", "rektor",
	"larare", "assistent", "koordinator", "konsulent", "terapeut",
	"pedagog", "radgivare", "specialist", "lakare", "ombud", "manager",
	"coordinator", "officer", "worker", NULL };
/* More job titles and their endings (issue 18): "processledare",
 * "leg. psykolog". */
const char *const names_titles2[] = { "ledare", "strateg", "controller",
	"ekonom", "utvecklare", "forvaltare", "ingenjor", "jurist", "leg",
	/* (holdout17) a role after the name marks staff: "Marta
	 * Kowalska, HR-konsult", "..., enhetschef", "..., socionom" */
	"konsult", "socionom", "utredare", "administrator", "analytiker",
	"kommunikator", "informator", "barnmorska", "dietist",
	"receptionist", "vaktmastare", "projektledare",
	"consultant", "analyst", "advisor", "adviser", "director",
	"engineer", "developer", "assistant", "tekniker", "partner",
	"logoped", "audionom", "psykiatriker", "notarie", "registrator",
	"arkivarie", "bibliotekarie", "studievagledare", "planerare",
	"arkitekt", "revisor", "inspektor", "kontrollant", "praktikant",
	"medarbetare", "expert", "tolk", "technician",
	NULL };
/* Closers of a letter: the names after them are the signature. */
static const char *const closers[] = { "mvh", "halsningar", "halsning",
	"regards", NULL };
G_STATIC_ASSERT(G_N_ELEMENTS(staff) == SW_CLOSER - SW_STAFF + 1);
G_STATIC_ASSERT(G_N_ELEMENTS(closers) == SW_VALK - SW_CLOSER + 1);

const char *
names_scan_word(size_t k)
{
	if (k < SW_CLOSER)
		return staff[k - SW_STAFF];
	if (k < SW_VALK)
		return closers[k - SW_CLOSER];
	return "valkommen";
}

/* Surname particles: "Mohammed al-Hassan", "Ali Abu Bakr", "Anna von
 * Essen"; the name after the particle decides. */
static const char *const particles[] = { "al", "el", "abu", "bin", "ibn",
	"von", "van", "de", "da", "di", "del", "della", "dos", "af", NULL };

/* Month names and abbreviations: "Jan" next to one is a month. */
static const char *const months[] = { "jan", "feb", "mar", "apr", "maj",
	"may", "jun", "jul", "aug", "sep", "sept", "okt", "oct", "nov", "dec",
	"januari", "februari", "mars", "april", "juni", "juli", "augusti",
	"september", "oktober", "november", "december", "january", "february",
	"march", "june", "july", "august", "october", NULL };

/* A name before these is a place named after a person: "Per Albin
 * Hanssons väg", "Astrid Lindgrens värld", Fredriksberg_skola.pdf. */
static const char *const place_next[] = { "skola", "skolan", "forskola",
	"forskolan", "boende", "boendet", "gard", "garden", "vardcentral",
	"centrum", "kyrka", "torg", "torget", "park", "parken", "hus", "huset",
	"omrade", "vag", "vagen", "gata", "gatan", "grand", "plats", "platsen",
	"alle", "varld", "stiftelse", "stiftelsen", "sjukhus", "sjukhuset",
	"institut", "institutet", "pris", "priset", "teater", "teatern",
	"museum", "museet", "hall", "hallen", "skolor", "gymnasium", NULL };

/* A genitive before these is a room or a group, not a client. */
static const char *const rooms[] = { "rum", "kontor", "tjansterum", "team",
	"grupp", "enhet", "avdelning", "plats", "lokal", NULL };
/* Words that mark a text as Swedish for the language test (names.c
 * text_lang): common words of Swedish prose and meetings that are no
 * English, German or French word ("for", "till", "den", "er" are left
 * out), afold. */
static const char *const sv_markers[] = { "och", "att", "inte", "jag",
	"hej", "eller", "kommer", "kl", "mote", "motet", "moten", "halsningar",
	"halsning", "valkommen", "valkomna", "angaende", "gallande", "samt",
	"nagon", "nagot", "ocksa", "mellan", "skulle", "finns", "genom",
	"hembesok", "samtal", "uppfoljning", "avstamning", "vardplanering",
	"arende", "inbjudan", "ska", "vill", "ar", "fran", "det", "som", "vi",
	"kan", "har", "med", "oss", "mig", "dig", "sin", "sitt", "sina", "hur",
	"vad", "nar", "efter", "vara", "mvh", "tack", "idag", "imorgon",
	"vecka", "veckan", NULL };
/* And function words of other languages (German, French, Spanish,
 * Italian, Dutch, Finnish) that are no Swedish or English word and no name
 * particle ("de", "la", "von" are): a text with one of them and no
 * Swedish marker is in a language the test does not know. */
static const char *const foreign_markers[] = { "der", "das", "und",
	"nicht", "ist", "zu", "auf", "mit", "ein", "eine", "im", "vom", "zum",
	"beim", "est", "une",
	"pour", "avec", "vous", "votre", "nous", "dans", "les", "los", "las",
	"para", "por", "una", "que", "il", "che", "het", "een", "niet",
	"voor",
	/* words of German, Dutch, French, Spanish and Italian invitations
	 * that no Swedish or English text has ("Kreis Schleswig-Flensburg",
	 * "Gemeente Utrecht") */
	"stadt", "gemeinde", "kreis", "landkreis", "jugendamt", "sozialamt",
	"zusammenarbeit", "abstimmung", "besprechung", "treffen", "haushalt",
	"bitte", "herrn", "frau", "uhr", "gemeente", "graag", "bij", "naar",
	"ook", "wij", "jullie", "zijn", "overleg", "begroting", "mairie",
	"bonjour", "merci", "cordialement", "ayuntamiento",
	"comune", "incontro",
	/* Finnish (a national minority language: invitations to and from
	 * Finnish-speaking units), in afold: pidetaan is "pidetään" */
	"tervetuloa", "kokous", "kokoukseen", "kokouksen", "tapaaminen",
	"tapaamiseen", "tapaamisen", "pidetaan", "kanssa", "kiitos",
	"terveisin", "etta", "olemme", "meidan", "teidan", NULL };

/* The cue words of the sentence rules (names.c, issue 18's blind set):
 * what a person does or is, said right after a lone name at the start
 * of a sentence ("Kawa har druckit", "Aklilu har slutat"), afold. The
 * strong ones are said of clients, not of colleagues or products. */
static const char *const pverbs[] = { "dricker", "drack",
	"druckit", "roker", "rokte", "rokt", "missbrukar", "missbrukade",
	"missbrukat", "skolkar", "skolkade", "skolkat", "vagrar", "vagrade",
	"vagrat", "grater", "grat", "gratit", "ljuger", "ljog", "ljugit",
	"sover", "sovit", "ater", "atit", "brakar", "brakade", "brakat",
	"slar", "slog", "slagit", "hotar", "hotade", "hotat", "rymmer",
	"rymde", "rymt", "hemlos", "deprimerad", "placerad", "omhandertagen",
	"nykter", "drogfri", "paverkad", "berusad", "radd", "suicidal",
	"utagerande", "misshandlad", "hotad", "aterfallit", "somnar",
	"somnade", "somnat",
	/* harm seen on a person (blind18a): "Oscar har blåmärken" */
	"blamarken", "blamarke", "blaslagen", "onykter", "alkoholpaverkad",
	"drogpaverkad", "bakfull",
	/* their infinitives, after "börjat", "slutat", "vill" */
	"dricka", "roka", "missbruka", "skolka", "ljuga", "rymma", "slass",
	"grata",
	/* what is done to a client: "Ayaan ska placeras", "Noah är
	 * inskriven" */
	"placeras", "placerades", "omhandertas", "omhandertogs", "utreds",
	"utredas", "inskriven", "utskriven", "polisanmald",
	"orosanmald", "familjehemsplacerad", "hvbplacerad",
	/* what a case note says a client states: "Ifrah uppger att ..." */
	"uppger", "uppgav", "uppgett", "uttrycker", "uttryckte", "uttryckt",
	NULL };
/* Said of anyone, also colleagues ("Petra är sjuk idag", "Pernilla
 * behöver veta"): only after a name no list knows, or before a word of
 * how badly (C_NEG: "mår dåligt"). */
static const char *const pverbs_weak[] = { "vill", "ville", "velat",
	"ska", "skulle", "kommer", "kom", "kommit", "gar", "gick", "gatt",
	"slutat", "slutade", "slutar", "borjat", "borjade", "borjar", "ringt",
	"ringde", "ringer", "flyttat", "flyttade", "flyttar", "berattat",
	"berattade", "berattar", "sagt", "sade", "sager", "tackat", "tackade",
	"meddelat", "meddelade", "anvander", "anvande", "anvant", "kanner",
	"kande", "kant", "tycker", "tyckte", "tyckt", "onskar", "onskade",
	"onskat", "traffat", "traffade", "traffar", "fick", "fatt", "pratar",
	"pratade", "pratat", "jobbar", "arbetar", "studerar", "bokat",
	"bokade", "avbokat", "avbokade", "mar", "madde", "matt", "bor",
	"bodde", "bott", "behover", "behovde", "behovt", "fyller", "fyllde",
	"fyllt", "sjuk", "sjukskriven", "ledsen", "orolig", "inlagd",
	"franvarande", "gravid", "skadad", NULL };
/* How badly, after a weak one: "mår dåligt", "mår sämre". */
static const char *const negs[] = { "daligt", "samre", "illa",
	"psykiskt", "jattedaligt", NULL };
/* Auxiliaries before one of them: "har slutat", "är sjuk". */
static const char *const auxes[] = { "har", "hade", "ar", "var", "ska",
	"skulle", "kan", "kunde", "vill", "ville", "maste", "borde", "blev",
	"blir", "varit", "blivit",
	/* and the verbs before an infinitive: "har börjat dricka" */
	"borjat", "borjade", "borjar", "slutat", "slutade", "slutar",
	"fortsatt", "fortsatter", "fortsatte", "forsokt", "forsoker",
	"forsokte", NULL };
/* Adverbs between the auxiliary and the verb: "har inte druckit". */
static const char *const advs[] = { "inte", "nu", "redan", "aldrig",
	"ofta", "fortfarande", "ocksa", "igen", "just", "precis", "helt",
	"alltid", "bara", "sedan", "aterigen", "mycket", "valdigt", "ganska",
	"riktigt", NULL };
/* Personal pronouns that refer back to a person named before them
 * (Swedish only: the rule is for Swedish text). */
static const char *const prons[] = { "han", "hon", "hen", "hans",
	"hennes", "hens", "honom", "henne", NULL };
/* Academic titles before a name: a speaker or a doctor, no client. */
static const char *const doctors[] = { "dr", "doktor", "docent",
	"professor", "prof", NULL };
/* Lecture words right before a name: "Föreläsning: Tove Lindström". */
static const char *const lectures[] = { "forelasning", "foredrag",
	"presentation", "inledning", "inledare", "keynote", "talare",
	"gastforelasning", "webbinarium", "seminarium", "panel",
	"paneldeltagare", "lecture", "talk", NULL };
static const struct {
	const char *const	*words;
	unsigned		 bit;
} cue_lists[] = {
	{ pverbs, C_PVERB }, { pverbs_weak, C_PVERB_WEAK }, { auxes, C_AUX },
	{ prons, C_PRON }, { doctors, C_DOCTOR }, { lectures, C_LECTURE },
	{ advs, C_ADV }, { negs, C_NEG },
};

static const struct {
	const char *const	*words;
	unsigned		 bit;
} word_lists[] = {
	{ triggers, L_TRIGGER }, { honors, L_TRIGGER },
	{ case_words, L_CASE }, { family, L_FAMILY },
	{ place, L_PLACE }, { staff_before, L_STAFF_BEFORE },
	{ names_titles, L_TITLE }, { particles, L_PARTICLE }, { months, L_MONTH },
	{ place_next, L_PLACE_NEXT }, { rooms, L_ROOM },
	{ relatives, L_RELATIVE }, { trades, L_TRADE }, { present, L_PRESENT },
	{ by, L_BY }, { staff_before2, L_STAFF2 }, { names_titles2, L_TITLE2 },
};

unsigned
names_word_bits(const struct names_data *nd, const char *s, size_t n)
{
	return words_get(nd, s, n, whash(s, n));
}

static void
wtab_put(struct wslot *slot, uint32_t mask, const struct wslot *e)
{
	uint32_t i = e->hash & mask;

	while (slot[i].len != 0)
		i = (i + 1) & mask;
	slot[i] = *e;
}

/* Adds s[0..n) with bits (or's them into an existing key's). Empty keys
 * are left out: no token is empty. */
static void
wtab_add(struct wtab *w, const char *s, size_t n, unsigned bits)
{
	uint32_t h = whash(s, n), i;
	struct wslot e;

	if (n == 0 || n > UINT32_MAX)
		return;
	if (w->slot == NULL || (w->n + 1) * 2 > w->mask + 1) {
		uint32_t size = w->slot ? (w->mask + 1) * 2 : 16;
		struct wslot *ns = g_new0(struct wslot, size);

		for (uint32_t k = 0; w->slot && k <= w->mask; k++)
			if (w->slot[k].len != 0)
				wtab_put(ns, size - 1, &w->slot[k]);
		g_free(w->slot);
		w->slot = ns;
		w->mask = size - 1;
	}
	for (i = h & w->mask; w->slot[i].len != 0; i = (i + 1) & w->mask)
		if (w->slot[i].hash == h && w->slot[i].len == n &&
		    memcmp(w->keys + w->slot[i].off, s, n) == 0) {
			w->slot[i].bits |= bits;
			return;
		}
	/* eight bytes after every key, zeros at the end: key_eq8 reads
	 * up to the next multiple of eight */
	if (w->klen + n + 8 > w->kcap) {
		size_t old = w->kcap;

		w->kcap = MAX(w->kcap * 2, w->klen + n + 256);
		w->keys = g_realloc(w->keys, w->kcap);
		memset(w->keys + old, 0, w->kcap - old);
	}
	memcpy(w->keys + w->klen, s, n);
	e.hash = h;
	e.bits = bits;
	e.off = (uint32_t)w->klen;
	e.len = (uint32_t)n;
	w->klen += n;
	w->slot[i] = e;
	w->n++;
}

static void
wtab_clear(struct wtab *w)
{
	g_free(w->slot);
	g_free(w->keys);
	memset(w, 0, sizeof(*w));
}

/* Adds one list entry: letters, or letters joined by '-' or '\''
 * (Ann-Marie adds ann and marie). Returns false for anything else. */
static bool
add_entry(GHashTable *set, const char *w)
{
	const char *p;
	char **parts;

	for (p = w; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (!g_unichar_isalpha(c) && g_unichar_type(c) !=
		    G_UNICODE_NON_SPACING_MARK && c != '-' && c != '\'')
			return false;
	}
	parts = g_strsplit_set(w, "-'", -1);
	for (size_t k = 0; parts[k]; k++)
		if (g_utf8_strlen(parts[k], -1) >= 2)
			g_hash_table_add(set, ntext_afold_str(parts[k],
			    strlen(parts[k])));
	g_strfreev(parts);
	return true;
}

/* Reads one word list (spaces or newlines, '#' comments) into a set of
 * afold forms. A malformed entry is an error naming file and line. */
static GHashTable *
load_set(const char *dir, const char *rel, char *err, size_t errlen)
{
	char *text = ruledata_read(dir, rel, NULL, err, errlen), *next;
	GHashTable *set;
	bool ok = true;

	if (text == NULL)
		return NULL;
	set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (!g_utf8_validate(text, -1, NULL)) {
		snprintf(err, errlen, "%s%s%s: not UTF-8", dir ? dir : "built-in ",
		    dir ? "/" : "", dir ? strrchr(rel, '/') + 1 : rel);
		ok = false;
	}
	/* Lines and words split in place: a file of blanks costs nothing
	 * (g_strsplit_set() made an empty string of every one: 4 MiB of
	 * spaces took 260 MB). */
	next = text;
	for (size_t i = 0, n = 0; ok && next != NULL; i++) {
		char *l = next, *hash, *w;

		if ((next = strchr(l, '\n')) != NULL)
			*next++ = '\0';
		if ((hash = strchr(l, '#')) != NULL)
			*hash = '\0';
		for (w = l + strspn(l, " \t\r"); ok && *w != '\0';
		    w += strspn(w, " \t\r")) {
			size_t wl = strcspn(w, " \t\r");
			char save = w[wl], more[96];
			const char *why = NULL;

			w[wl] = '\0';
			/* bounded time and memory (datafile.h) */
			if (++n > NAMES_MAX_ENTRIES) {
				snprintf(more, sizeof(more), "more than %d names "
				    "in one list (LIMITS in invite-milter.conf(5))",
				    NAMES_MAX_ENTRIES);
				why = more;
			} else if (wl > NAMES_MAX_ENTRY)
				why = "longer than a name may be (at most "
				    G_STRINGIFY(NAMES_MAX_ENTRY) " bytes; LIMITS in "
				    "invite-milter.conf(5))";
			else if (!add_entry(set, w))
				why = "not a name (letters, '-' or ' only)";
			if (why != NULL) {
				snprintf(err, errlen, "%s%s%s:%zu: \"%.40s\": %s",
				    dir ? dir : "built-in ", dir ? "/" : "", dir ?
				    strrchr(rel, '/') + 1 : rel, i + 1, w, why);
				ok = false;
			}
			w[wl] = save;
			w += wl;
		}
	}
	g_free(text);
	if (!ok) {
		g_hash_table_destroy(set);
		return NULL;
	}
	return set;
}

/* bits keys point into the static lists and the three sets' keys, which
 * live as long as the table. */
static void
add_bits(GHashTable *bits, const char *w, unsigned b)
{
	g_hash_table_insert(bits, (gpointer)w, GUINT_TO_POINTER(b |
	    GPOINTER_TO_UINT(g_hash_table_lookup(bits, w))));
}

static void
add_set_bits(GHashTable *bits, GHashTable *set, unsigned b)
{
	GHashTableIter it;
	gpointer k;

	g_hash_table_iter_init(&it, set);
	while (g_hash_table_iter_next(&it, &k, NULL))
		add_bits(bits, k, b);
}

struct names_data *
names_data_new(const struct ruledata_paths *p, char *err, size_t errlen)
{
	static gint serial;
	struct names_data *nd = g_new0(struct names_data, 1);

	nd->serial = (uint64_t)g_atomic_int_add(&serial, 1) + 1;

	/* The language test's word lists (read-only data of the binary):
	 * their header is read here, at config load, not on a first
	 * message. Without them the test says "ordinary" to everything. */
	(void)langwords_ready();
	if ((nd->first = load_set(p->names_dir, "names/first.txt", err,
	    errlen)) == NULL ||
	    (nd->sur = load_set(p->names_dir, "names/surnames.txt", err,
	    errlen)) == NULL ||
	    (nd->stop = load_set(p->names_dir, "names/stopwords.txt", err,
	    errlen)) == NULL) {
		names_data_free(nd);
		return NULL;
	}
	/* Organisations, providers and IT systems that are no ordinary
	 * word and no name (issue 18): stop words too. Optional in a
	 * configured names_dir. */
	{
		char *path = p->names_dir ? g_build_filename(p->names_dir,
		    "not-names.txt", NULL) : NULL;

		if (path == NULL || g_file_test(path, G_FILE_TEST_EXISTS)) {
			GHashTable *nn = load_set(p->names_dir,
			    "names/not-names.txt", err, errlen);
			GHashTableIter it;
			gpointer k;

			if (nn == NULL) {
				g_free(path);
				names_data_free(nd);
				return NULL;
			}
			g_hash_table_iter_init(&it, nn);
			while (g_hash_table_iter_next(&it, &k, NULL))
				g_hash_table_add(nd->stop, g_strdup(k));
			nd->notname = nn;
		}
		g_free(path);
	}
	nd->bits = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t i = 0; i < G_N_ELEMENTS(word_lists); i++)
		for (const char *const *l = word_lists[i].words; *l; l++)
			add_bits(nd->bits, *l, word_lists[i].bit);
	for (const char *const *l = sv_markers; *l; l++)
		wtab_add(&nd->svmark, *l, strlen(*l), 1);
	for (const char *const *l = foreign_markers; *l; l++)
		wtab_add(&nd->svmark, *l, strlen(*l), 2);
	for (size_t i = 0; i < G_N_ELEMENTS(cue_lists); i++)
		for (const char *const *l = cue_lists[i].words; *l; l++) {
			size_t n = strlen(*l);

			wtab_add(&nd->cue, *l, n, cue_lists[i].bit);
			if (n < 16)
				nd->cuefl[n] |= 1u << ((*l)[0] - 'a');
		}
	add_set_bits(nd->bits, nd->first, W_FIRST);
	add_set_bits(nd->bits, nd->sur, W_SUR);
	add_set_bits(nd->bits, nd->stop, W_STOP);
	if (nd->notname)
		add_set_bits(nd->bits, nd->notname, W_NOTNAME);
	{
		GHashTableIter it;
		gpointer k, v;

		g_hash_table_iter_init(&it, nd->bits);
		while (g_hash_table_iter_next(&it, &k, &v))
			wtab_add(&nd->words, k, strlen(k), GPOINTER_TO_UINT(v));
	}
	for (uint32_t k = 0; k <= nd->words.mask; k++)
		if (nd->words.slot[k].len != 0) {
			uint32_t f = nd->words.slot[k].hash >> 18;

			nd->filter[f >> 3] |= (uint8_t)(1u << (f & 7));
		}
	for (size_t k = 0; k < N_SW; k++) {
		/* need_any: the word's letter that is rarest in Swedish
		 * text (roughly; any letter of the word is correct) */
		static const char rare[] = "qxzwjyvpgkcfbhumodlrtnsiea";

		for (const char *c = names_scan_word(k); *c; c++)
			nd->need[k] |= 1u << (*c - 'a');
		nd->wlen[k] = strlen(names_scan_word(k));
		for (const char *r = rare; *r; r++)
			if (nd->need[k] & (1u << (*r - 'a'))) {
				nd->need_any |= 1u << (*r - 'a');
				break;
			}
	}
	for (unsigned c = 0; c < 3; c++)
		for (uint32_t x = 0; x < 512; x++)
			for (size_t k = 0; k < N_SW; k++)
				if (((nd->need[k] >> (9 * c)) & 0x1FFu & ~x) == 0)
					nd->needt[c][x] |= (uint16_t)(1u << k);
	for (size_t k = 0; k < N_SW; k++) {	/* insertion sort by length */
		size_t o = k;

		for (; o > 0 && nd->wlen[nd->order[o - 1]] > nd->wlen[k]; o--)
			nd->order[o] = nd->order[o - 1];
		nd->order[o] = k;
	}
	for (unsigned c = 0; c < 256; c++) {
		unsigned lc = c | 0x20u;

		nd->lbit[c] = c - 'a' < 26u ? 1u << (c - 'a') : 0;
		nd->nonl[c] = c < 0x80 && lc - 'a' >= 26u;
		nd->gap[c] = nd->nonl[c] && c != 0;
	}
	for (gunichar c = 0x80; c < 0x800; c++) {
		struct cp2 *e = &nd->cp2[c];
		char u[8], buf[16];
		int n = g_unichar_to_utf8(c, u);

		e->flags = (g_unichar_isalpha(c) ? CP_ALPHA : 0) |
		    (g_unichar_isupper(c) ? CP_UPPER : 0) |
		    (g_unichar_islower(c) ? CP_LOWER : 0);
		e->alen = (uint8_t)ntext_afold_into(buf, u, (size_t)n);
		/* a character of two bytes folds to at most four (the
		 * tokenizer writes a32 whole) */
		g_assert(e->alen <= sizeof(e->a));
		memcpy(e->a, buf, e->alen);
		for (size_t k = 0; k < e->alen; k++) {
			e->a32 |= (uint32_t)(unsigned char)buf[k] << (8 * k);
			e->m |= nd->lbit[(unsigned char)buf[k]];
		}
	}
	return nd;
}

void
names_data_rules_v1(struct names_data *nd, bool v1)
{
	nd->v1 = v1;
}

void
names_data_free(struct names_data *nd)
{
	if (nd == NULL)
		return;
	if (nd->bits)
		g_hash_table_destroy(nd->bits);
	if (nd->first)
		g_hash_table_destroy(nd->first);
	if (nd->sur)
		g_hash_table_destroy(nd->sur);
	if (nd->stop)
		g_hash_table_destroy(nd->stop);
	if (nd->notname)
		g_hash_table_destroy(nd->notname);
	wtab_clear(&nd->words);
	wtab_clear(&nd->svmark);
	wtab_clear(&nd->cue);
	g_free(nd);
}

static void
add_participants(struct wtab *set, const char *cn)
{
	char **w;

	if (cn == NULL)
		return;
	w = g_strsplit_set(cn, " ,.;()\"'-\n\r", -1);
	for (size_t k = 0; w[k]; k++)
		if (*w[k] && g_utf8_validate(w[k], -1, NULL)) {
			char *a = ntext_afold_str(w[k], strlen(w[k]));

			wtab_add(set, a, strlen(a), 1);
			g_free(a);
		}
	g_strfreev(w);
}

struct names_part *
names_part_new(const struct invite *inv)
{
	struct names_part *np = g_new0(struct names_part, 1);

	for (size_t c = 0; inv && c < inv->n_comps; c++) {
		const struct inv_comp *ic = &inv->comps[c];

		add_participants(&np->tab, ic->organizer.cn);
		for (size_t k = 0; k < ic->n_attendees; k++)
			add_participants(&np->tab, ic->attendees[k].cn);
	}
	/* The display names of From, To, Cc, ... (one a line): the mail's
	 * own participants, like the calendar's CNs. */
	for (size_t t = 0; inv && t < inv->n_texts; t++)
		if (inv->texts[t].field == FLD_ADDRESS_NAME)
			add_participants(&np->tab, inv->texts[t].s);
	return np;
}

void
names_part_free(struct names_part *np)
{
	if (np == NULL)
		return;
	wtab_clear(&np->tab);
	g_free(np);
}
