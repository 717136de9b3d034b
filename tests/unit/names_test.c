/*
 * names_test.c: the name detector (rules/names.c) on single fields, one
 * row per behaviour: first name + surname, "Surname, Firstname", case
 * words, familjen, ages, morphology, spellings without diacritics,
 * all-caps and lower-case text, stop words, staff and room contexts,
 * participants' own names; the masked evidence and spans; the shipped
 * name lists (size, no duplicates, letters only) and list loading
 * errors. Rows are named by id: failure messages print no names.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "rules/detect.h"
#include "rules/ruledata.h"
#include "names_ref.h"

static struct ruledata *rd;

struct row {
	const char	*id;
	enum inv_field	 field;
	const char	*text;
	bool		 want;		/* a name hit expected */
};

static const struct row rows[] = {
	/* first name + surname */
	{ "P01 first + listed surname", FLD_SUBJECT, "Uppföljning Emma Karlsson", true },
	{ "P02 first + weak surname ending", FLD_DESCRIPTION, "Lisa Grundell deltar", true },
	{ "P02b weak ending without a first name", FLD_DESCRIPTION, "Ekonomi Grundell", false },
	{ "P03 first + -ström", FLD_SUBJECT, "Möte: Oskar Vallström", true },
	{ "P04 first + -ović", FLD_SUMMARY, "Meeting Nikola Stankovović", true },
	{ "P05 immigrant names", FLD_SUBJECT, "Samtal Abdirahman Warsame", true },
	{ "P06 two first names", FLD_SUBJECT, "Avstämning Ali Hassan", true },
	{ "P07 relative with an initial", FLD_DESCRIPTION, "Mamman Y. Omar deltar", true },
	{ "P08 stop word first name + surname", FLD_SUBJECT, "Möte Per Holm", true },
	{ "P10 particle al-", FLD_SUBJECT, "Uppföljning Mohammed al-Hassan", true },
	{ "P11 particle Abu", FLD_DESCRIPTION, "Deltar: Omar Abu Bakr", true },
	{ "P12 particle before a word", FLD_DESCRIPTION, "Omar de flesta", false },
	{ "P13 initial and surname", FLD_DESCRIPTION, "Deltar: A. Svensson och mamma", true },
	{ "P14 initial and a word", FLD_DESCRIPTION, "Se bilaga B. Planering", false },
	{ "P15 the X family", FLD_SUMMARY, "Home visit, the Nguyen family", true },
	{ "P16 surname in the genitive", FLD_DESCRIPTION, "Emma Karlssons skolgång", true },
	/* a place named after a person is no client */
	{ "P17 street named after a person", FLD_SUBJECT, "Trafikplan Per Albin Hanssons väg", false },
	{ "P18 park named after a person", FLD_SUBJECT, "Möte om Astrid Lindgrens värld", false },
	{ "P19 the same name without the place", FLD_SUBJECT, "Möte om Astrid Lindgren", true },
	{ "P09 surname that is a word after a first name", FLD_SUBJECT,
	  "Orosanmälan – Lucas Falk", true },
	/* Surname, Firstname */
	{ "S01 Surname, Firstname", FLD_SUBJECT, "Vårdplanering Nordin, Selma", true },
	{ "S02 without diacritics", FLD_SUBJECT, "Vardplanering Sjoberg, Anna", true },
	{ "S03 comma list of words", FLD_SUBJECT, "Ekonomi, Budget", false },
	/* case words */
	{ "C01 SIP + first name", FLD_SUBJECT, "SIP för Alice", true },
	{ "C02 m. + first name", FLD_SUBJECT, "Samtal m. Hiba", true },
	{ "C03 meeting word + first name", FLD_SUBJECT, "Hembesök Abdirahman", true },
	{ "C04 relative word + first name", FLD_DESCRIPTION, "Pappan Yusuf ringer", true },
	{ "C05 trigger + stop word", FLD_SUBJECT, "Uppföljning per mejl", false },
	{ "C06 trigger + capitalised stop word", FLD_SUBJECT, "Samtal om Liv och Hälsa", false },
	{ "C07 trigger + month name", FLD_SUBJECT, "Sommarplanering för Juni", false },
	{ "C08 trigger + ordinary word", FLD_SUBJECT, "Möte med Försäkringskassan", false },
	{ "C09 trigger + listed surname", FLD_SUBJECT, "Hembesök hos Sjöström", true },
	{ "C10 compound with a name", FLD_SUBJECT, "Avstämning Eva-projektet", false },
	{ "C11 Pär spelled Par is stopped", FLD_SUBJECT, "Samtal för Par", false },
	{ "C12 case word ends at a line break", FLD_DESCRIPTION,
	  "Ändrat: ämnet är \"Avstämning\"\nTiden är densamma.", false },
	{ "C13 case word with a colon", FLD_SUBJECT, "SIP: Alice", true },
	{ "C14 surname that reads as a noun", FLD_SUBJECT, "Samtal om Norden", false },
	/* familjen */
	{ "F01 familjen + surname", FLD_SUBJECT, "Hembesök hos familjen Sjöberg", true },
	{ "F02 familjen + surname that is a word", FLD_SUBJECT, "Hembesök familjen Lind", true },
	{ "F03 familjen in lower case", FLD_SUBJECT, "hembesök familjen yilmaz", true },
	{ "F04 familjen + ordinary word", FLD_SUBJECT, "Familjen Helsingborg", false },
	/* ages and other cues after a first name */
	{ "A01 age in brackets", FLD_SUBJECT, "Placering – Vera (5 år)", true },
	{ "A02 school year", FLD_SUBJECT, "Elevhälsa – Liam åk 8", true },
	{ "A03 birth year", FLD_SUBJECT, "Placering Ebba f. 2015", true },
	{ "A07 age without a space", FLD_SUBJECT, "Placering Vera 5år", true },
	{ "A08 age written without diacritics", FLD_SUBJECT, "Placering Vera (5 ar)", true },
	{ "A09 school year without diacritics", FLD_SUBJECT, "Elevhalsa Liam ak 8", true },
	{ "A10 age word inside a word", FLD_SUBJECT, "Hugo 5 arbetsdagar", false },
	{ "A04 genitive", FLD_SUBJECT, "Idas mamma – avstämning", true },
	{ "A05 genitive before a room", FLD_LOCATION, "Annas rum", false },
	{ "A06 number that is no age", FLD_SUBJECT, "Hugo 2 möten", false },
	/* spellings without diacritics */
	{ "D01 ASCII first + surname", FLD_SUBJECT, "Mote Goran Ostlund", true },
	{ "D02 ASCII Turkish", FLD_SUBJECT, "Uppföljning Huseyin Ozturk", true },
	{ "D03 ASCII familjen", FLD_SUBJECT, "Hembesok familjen Bjorklund", true },
	/* case of the whole text */
	{ "K01 lower case pair", FLD_SUBJECT, "avstämning oliver pettersson", true },
	{ "K02 all caps pair", FLD_SUBJECT, "UPPFÖLJNING EMMA KARLSSON", true },
	{ "K03 lower case trigger only", FLD_SUBJECT, "möte med alice", false },
	{ "K04 all caps abbreviation and a name", FLD_SUBJECT, "SIP för Noah", true },
	/* morphology in file names */
	{ "M01 surname in a file name", FLD_ATTACHMENT_NAME, "Plan_LSS_Nordqvist.docx", true },
	{ "M02 -ić in a file name", FLD_ATTACHMENT_NAME, "SIP_Hodžić.docx", true },
	{ "M03 language name in a file name", FLD_ATTACHMENT_NAME, "Kursplan_Engelska.pdf", false },
	{ "M04 town in a file name", FLD_ATTACHMENT_NAME, "Karta_Göteborg.pdf", false },
	{ "M05 place before skola", FLD_ATTACHMENT_NAME, "Plan_Fredriksberg_skola.pdf", false },
	{ "M06 unit in a file name", FLD_ATTACHMENT_NAME, "Rutin_Familjehemsenheten.pdf", false },
	/* places, rooms, staff */
	{ "R01 place after i", FLD_SUBJECT, "Möte i Lund", false },
	{ "R02 room named after a person", FLD_LOCATION, "Konferensrum Strindberg, plan 5", false },
	{ "R03 room with a first name", FLD_LOCATION, "Rum Astrid Lindgren", false },
	{ "R04 staff farewell", FLD_SUBJECT, "Avtackning – Margareta går i pension", false },
	{ "R05 welcome", FLD_SUBJECT, "Välkommen Anna Berg!", false },
	{ "R06 signature", FLD_DESCRIPTION, "Agenda: budget.\nVänliga hälsningar\nAnna Andersson", false },
	{ "R07 contact person", FLD_DESCRIPTION, "Frågor? Kontakta Ahmed Ali.", false },
	{ "R08 job title after", FLD_DESCRIPTION, "Ahmed Ali, socialsekreterare, leder mötet", false },
	{ "R09 attendee CN never", FLD_ATTENDEE_CN, "Emma Karlsson", false },
	{ "R10 organizer CN never", FLD_ORGANIZER_CN, "Erik Lindgren (Vård och omsorg)", false },
	/* neutral text */
	{ "N01 neutral", FLD_SUBJECT, "Planering inför hösten", false },
	{ "N02 English title case", FLD_SUBJECT, "Team Meeting: Budget Review", false },
	{ "N03 months", FLD_SUBJECT, "Sommarplanering Juni Juli", false },
	{ "N05 month range", FLD_SUBJECT, "Planering för Jan-Mars", false },
	{ "N06 first name Jan", FLD_SUBJECT, "Samtal med Jan", true },
	{ "N04 possessive Mina", FLD_SUBJECT, "Nätverksträff Mina Sidor", false },
};

/* Rows for the issue-18 rules, on in test_rows18: a name with a relative
 * in its sentence (R), and the classes behind issue 18's blind set
 * (blind17, B): a lone name made a person by its sentence. */
static const struct row rows18[] = {
	/* a name with a relative in its sentence; the sentences of the
	 * relative words, and more relative words than the tokenizer keeps
	 * (TOKS_REL) */
	{ "R01 relative after the name", FLD_DESCRIPTION, "Emma kommer med sin moster", true },
	{ "R02 relative in the next sentence", FLD_DESCRIPTION, "Emma kommer idag. Sin moster ringer", false },
	{ "R03 relative in the sentence before", FLD_DESCRIPTION, "Mamman ringer. Emma kommer idag", false },
	{ "R04 relatives around, none in the sentence", FLD_DESCRIPTION, "Mamman ringer.\nEmma kommer idag!\nPappan ringer", false },
	{ "R05 a second relative in the sentence", FLD_DESCRIPTION, "Mamman ringer. Emma kommer med pappan", true },
	/* fixblind (blind18a): a harm over a chain of verbs */
	{ "X20 weak verb, adverb, harm", FLD_DESCRIPTION, "Mehmet kommer ofta berusad till skolan.", true },
	{ "X21 bruises", FLD_DESCRIPTION, "Oscar har blåmärken på armarna igen.", true },
	{ "X22 aux, weak verb, bruises", FLD_DESCRIPTION, "Lina har fått blåmärken igen.", true },
	{ "X23 came drunk", FLD_DESCRIPTION, "Kim kom full till träningen.", true },
	{ "X24 full av is no state", FLD_DESCRIPTION, "Anna är full av energi idag.", false },
	{ "X25 no harm in the chain", FLD_DESCRIPTION, "Jonas kommer att visa den nya rutinen.", false },
	{ "X26 an adverb the cues lack", FLD_DESCRIPTION, "Nadia kommer ibland full till praktiken.", true },
	{ "X27 a modifier before the harm", FLD_DESCRIPTION, "Liam har fått nya blåmärken på benen.", true },
	{ "X28 a modifier, no harm", FLD_DESCRIPTION, "Anna har fått nya uppgifter.", false },
	{ "X45 a verb of seeming", FLD_DESCRIPTION, "Mehmet verkar berusad på morgnarna.", true },
	{ "X46 a harm's matter", FLD_DESCRIPTION, "Sara luktade alkohol igen.", true },
	{ "X47 blivit slagen", FLD_DESCRIPTION, "Liam ska ha blivit slagen hemma.", true },
	{ "X48 seeming, no harm", FLD_DESCRIPTION, "Anna verkar nöjd med upplägget.", false },
	{ "X49 bought, no chain", FLD_DESCRIPTION, "Erik har köpt alkohol till festen.", false },
	{ "X50 name, initial, case word", FLD_SUBJECT, "Oksana K – uppföljning", true },
	{ "X51 a team letter", FLD_SUBJECT, "Team A – uppföljning", false },
	{ "R06 nine relatives, the name with one", FLD_DESCRIPTION, "mamma, pappa, moster, morbror, farmor, mormor, syster, bror och kusin. Sedan kommer Emma med sin faster", true },
	{ "R07 nine relatives, the name without", FLD_DESCRIPTION, "mamma, pappa, moster, morbror, farmor, mormor, syster, bror, faster.\nEmma kommer idag", false },
	{ "R08 a name that is a relative word", FLD_DESCRIPTION, "Ring Mamman idag", false },
	{ "R09 unknown word and a relative", FLD_DESCRIPTION, "Lisa och mamman kommer", true },
	{ "R10 two names, one relative between", FLD_DESCRIPTION, "Lisa kommer. Mamman och Emma kommer. Oskar kommer", true },
	/* a Finnish text: its capitalised words are no Swedish words */
	{ "F01 Finnish meeting text", FLD_DESCRIPTION, "Kiitos! Kokous pidetään Kaupungintalolla, tervetuloa.", false },
	{ "F02 Finnish greeting", FLD_DESCRIPTION, "Terveisin Tiimi Pohjoinen", false },
	{ "B01 unknown name, aux + weak verb", FLD_DESCRIPTION,
	  "Hej.\nZelalem har slutat på boendet.", true },
	{ "B02 listed first name, strong verb", FLD_DESCRIPTION,
	  "Kawa mår sämre sedan i våras.", true },
	{ "B03 listed first name, weak verb", FLD_DESCRIPTION,
	  "Karin vill att alla läser protokollet.", false },
	{ "B04 product, weak verb", FLD_DESCRIPTION,
	  "Treserva har slutat fungera.", false },
	{ "B05 English compound product", FLD_DESCRIPTION,
	  "Nextcloud har slutat synka.", false },
	{ "B06 aux, adverb, verb", FLD_DESCRIPTION,
	  "Temesgen har inte druckit på två veckor.", true },
	{ "B07 not at a sentence start", FLD_DESCRIPTION,
	  "Vi bokar Zelalem har inget med saken.", false },
	{ "B08 pronoun after an unknown name", FLD_DESCRIPTION,
	  "Pratade kort med Sewit i går, hon var orolig.", true },
	{ "B09 pronoun after a listed name only", FLD_DESCRIPTION,
	  "Karin skickar agendan, hon är ledig i morgon.", false },
	{ "B10 pronoun with som: someone else", FLD_DESCRIPTION,
	  "Installera Zotero innan, hon som håller i det visar.", false },
	{ "B11 meeting verb before a first name", FLD_DESCRIPTION,
	  "Träffade Ayaan i korridoren.", true },
	{ "B12 relative compound", FLD_DESCRIPTION,
	  "Yonas och hans lillasyster kommer.", true },
	{ "B13 two names at a sentence start", FLD_DESCRIPTION,
	  "Rut Fors har tackat ja till mötet.", true },
	{ "B14 two words at a sentence start", FLD_DESCRIPTION,
	  "Alla Barn har rätt till skola.", false },
	{ "B15 proper noun after an unknown name", FLD_DESCRIPTION,
	  "Sofija Demeter ringer i morgon.", true },
	{ "B16 surname by ending that is a word", FLD_DESCRIPTION,
	  "Moderator: Ole Sandvik, Norska Barnevernet", false },
	/* names in file names, any case and separator */
	{ "B20 lower-case Sami name in a file name", FLD_ATTACHMENT_NAME,
	  "kuhmunen-niila-kallelse.pdf", true },
	{ "B21 Surname_Firstname, the surname a word", FLD_ATTACHMENT_NAME,
	  "Labba_Maret_intyg.pdf", true },
	{ "B22 two stopped names in a file name", FLD_ATTACHMENT_NAME,
	  "berg-sten-geologi.pdf", false },
	{ "B23 a listed surname and a town", FLD_ATTACHMENT_NAME,
	  "karta_lund_malmo.pdf", false },
	/* presenters, speakers, companies, another language */
	{ "B30 lecture word and an organisation", FLD_SUBJECT,
	  "Föreläsning: Tove Lindström, Socialstyrelsen, om BBIC", false },
	{ "B31 job title before a hyphenated name", FLD_DESCRIPTION,
	  "Inledning av förvaltningschef Per-Olof Berg.", false },
	{ "B32 role compound and Dr.", FLD_SUBJECT,
	  "Gästföreläsare Dr. Amina Yusuf om omsorg", false },
	{ "B33 organisation of two words", FLD_SUBJECT,
	  "Anna Berg, Malmö stad, presenterar", false },
	{ "B34 surnames joined by och before a trade", FLD_SUBJECT,
	  "Möte med Svensson och Persson Bygg AB", false },
	{ "B35 surname beside a CamelCase brand", FLD_SUBJECT,
	  "Avstämning med Öhrlings PricewaterhouseCoopers", false },
	{ "B36 a German line in a Swedish text", FLD_DESCRIPTION,
	  "Hej!\nAbstimmung Haushalt mit der Stadt Flensburg", false },
	{ "B38 an organisation after a case word and a name", FLD_SUBJECT,
	  "Uppföljning Ahmed Ali, Försäkringskassan", true },
	{ "B39 lecture compound and av", FLD_SUBJECT,
	  "Gästföreläsning av Hanna Öberg", false },
	{ "B40 role, copula, från an organisation", FLD_DESCRIPTION,
	  "Dagens föreläsare är Maria Sundin från Karolinska institutet.", false },
	{ "B41 second presenter after och", FLD_SUBJECT,
	  "Panelsamtal med Karin Ek och Johan Berg", false },
	{ "B42 X och Söner", FLD_SUBJECT, "Möte med Nilsson och Söner", false },
	{ "B43 mixed-case brand", FLD_SUBJECT, "Uppstart med Öhrlings PwC", false },
	{ "B44 staff by copula, the client still found", FLD_DESCRIPTION,
	  "Kurator är Anna Berg och eleven är Leyla Hassan.", true },
	{ "B45 aux chain", FLD_DESCRIPTION,
	  "Zelalem har varit frånvarande i tre veckor.", true },
	{ "B49 listed name, weak state: a colleague", FLD_DESCRIPTION,
	  "Petra är sjuk idag, så vi flyttar mötet.", false },
	{ "B50 weak verb and how badly", FLD_DESCRIPTION,
	  "Hanad mår mycket dåligt efter flytten.", true },
	{ "B51 signing up is no reflexive cue", FLD_DESCRIPTION,
	  "Anna har anmält sig till kursen.", false },
	{ "B46 reflexive verb", FLD_DESCRIPTION,
	  "Nardos känner sig otrygg hemma.", true },
	{ "B47 heter", FLD_DESCRIPTION, "Hon heter Selam.", true },
	{ "B48 a Dutch line", FLD_DESCRIPTION,
	  "Overleg met de Gemeente Utrecht over de begroting", false },
	{ "B52 a speaker's role after the name", FLD_SUBJECT,
	  "Tove Lindström, föreläsare", false },
	{ "B53 a role in brackets", FLD_SUBJECT, "Amina Yusuf (moderator)", false },
	{ "B54 a plural role before two names", FLD_DESCRIPTION,
	  "Moderatorer: Anna Berg och Ahmed Ali", false },
	{ "B55 two names after a case word", FLD_SUBJECT,
	  "Samtal med Anna Berg och Ahmed Ali", true },
	{ "B56 an age alone in brackets", FLD_SUBJECT, "Placering Liam (7)", true },
	{ "B57 a case note's uppger after a listed name", FLD_DESCRIPTION,
	  "Ifrah uppger att maten är slut.", true },
	{ "B58 a number in brackets after a word", FLD_SUBJECT,
	  "Möte rum Ekhagen (3)", false },
	{ "B59 surname and a capitalised noun: a firm", FLD_SUBJECT,
	  "Möte med Nyström Arkitektkontor", false },
	{ "B60 an unknown name and an English word", FLD_DESCRIPTION,
	  "re: Mamadou Sow – new address", true },
	{ "B61 a surname and a capitalised adverb", FLD_SUBJECT,
	  "Hembesök hos Sjöström Imorgon", true },
	{ "B62 a place after a first name in the genitive", FLD_SUBJECT,
	  "Möte på Karl Johans skola", false },
	{ "B63 a first name in the genitive before skola", FLD_SUBJECT,
	  "Idas skola – avstämning", true },
	{ "B64 an infinitive after börjat", FLD_DESCRIPTION,
	  "Kawa har börjat dricka igen.", true },
	{ "B65 börjat and a work verb: a colleague", FLD_DESCRIPTION,
	  "Anna har börjat jobba här.", false },
	{ "B66 a name before a case word", FLD_SUBJECT,
	  "Aklilu – uppföljning LARO", true },
	{ "B67 a name and a case word with only a space", FLD_SUBJECT,
	  "Anna samtal", false },
	{ "B68 a product before a case word", FLD_SUBJECT,
	  "Treserva – utbildning", false },
	{ "B69 what is done to a client", FLD_DESCRIPTION,
	  "Ayaan ska placeras i familjehem.", true },
	{ "B70 a colleague signed up", FLD_DESCRIPTION,
	  "Anna är anmäld till kursen.", false },
	{ "B37 a name with a relative still counts", FLD_SUBJECT,
	  "Möte med Svensson och hans mamma", true },
	/* holdout17's classes (names2): honorifics */
	{ "H01 fru and a name no word", FLD_SUBJECT, "Möte med fru Nazari", true },
	{ "H02 Herr at the start", FLD_DESCRIPTION, "Herr Okonkwo kallas till samtal.", true },
	{ "H03 Mrs. with a dot", FLD_SUMMARY, "Meeting with Mrs. Haile and her daughter", true },
	{ "H04 fru and a surname that is a word", FLD_SUBJECT, "Avstämning fru Berg", true },
	{ "H05 Miss before an English word", FLD_SUMMARY, "Don't Miss Out: Teams training", false },
	{ "H06 MS in capitals", FLD_DESCRIPTION, "Anteckningar från MS Teams-mötet bifogas.", false },
	{ "H07 contact word before the honorific", FLD_DESCRIPTION, "Kontakta herr Svensson på växeln vid frågor.", false },
	/* Surname, Firstname that no list knows */
	{ "C01 both no word, before a dash", FLD_SUBJECT, "Ahmadzai, Gulalai – avstämning", true },
	{ "C02 after a case word's colon", FLD_SUBJECT, "Uppföljning: Haidari, Parwin", true },
	{ "C03 before a case word in brackets", FLD_SUBJECT, "Wanjiru, Kamau (SIP)", true },
	{ "C04 products with commas", FLD_DESCRIPTION, "Vi använder Teams, Outlook och Zoom.", false },
	{ "C05 two places", FLD_SUBJECT, "Kista, Solna – gemensam planering", false },
	/* pairs: proper nouns and word names before a name no list knows */
	{ "P01 Norwegian letters, proper noun first", FLD_DESCRIPTION, "Nattrapport: Halvard Sørensen föll i badrummet.", true },
	{ "P02 a word name before an unknown one", FLD_SUBJECT, "Hiv-mottagningen – Grace Nakato", true },
	{ "P03 no compound of par + win", FLD_SUBJECT, "Vårdcentralen: uppföljning Parwin Haidari", true },
	{ "P04 Polish letters", FLD_DESCRIPTION, "Möte med Łukasz Wiśniewski om boendet.", true },
	{ "P05 Turkish letters", FLD_SUBJECT, "Uppföljning – Şükrü Yıldırım", true },
	{ "P06 a brand and a product", FLD_DESCRIPTION, "Vi testar Cisco Webex och Microsoft Teams nästa vecka.", false },
	/* genitives: a role after, a street after */
	{ "G01 genitive before gode man", FLD_DESCRIPTION, "Juma Bakaris gode man begär byte av förvaltare.", true },
	{ "G02 genitive before a title", FLD_SUBJECT, "Samtal med Kiros lärare", true },
	{ "G03 an organisation's genitive before a role", FLD_DESCRIPTION, "Kommunens förvaltare besöker fastigheten.", false },
	{ "G04 genitives before street words", FLD_DESCRIPTION, "Parkering vid Margaretas väg eller Idas torg.", false },
	{ "G05 a CamelCase product", FLD_SUBJECT, "Workshop: Azure DevOps och GitHub Actions", false },
	/* staff: a role after the name */
	{ "S01 unit and title after the name", FLD_DESCRIPTION, "Inbjudan från Marta Kowalska, HR-konsult", false },
	{ "S02 a title after the name", FLD_DESCRIPTION, "Kallelse från Anders Nyström, socionom", false },
	{ "S03 an English unit and title", FLD_DESCRIPTION, "Invitation from Emma Clarke, HR consultant", false },
	/* final17's classes (names3): lower-case subjects */
	{ "L01 lower case after a case word", FLD_SUBJECT, "umgänge selam tesfay och mamma", true },
	{ "L02 lower case before a class", FLD_SUBJECT, "elevhälsa arben krasniqi 7c", true },
	{ "L03 lower case after a trigger", FLD_SUBJECT, "samtal med dawit haile", true },
	{ "L04 lower-case ordinary words", FLD_SUBJECT, "uppföljning budget och prognos 9b", false },
	{ "L05 lower-case staff words", FLD_SUBJECT, "avstämning rektor kurator mamma", false },
	/* file names joined by dots */
	{ "D01 surname.firstname", FLD_ATTACHMENT_NAME, "utredning - berglund.maria.docx", true },
	{ "D02 unknown.listed", FLD_ATTACHMENT_NAME, "tesfamariam.selam.journal.pdf", true },
	{ "D03 ordinary words with dots", FLD_ATTACHMENT_NAME, "protokoll.styrgrupp.final.docx", false },
	{ "D04 a version with dots", FLD_ATTACHMENT_NAME, "rapport.v2.1.pdf", false },
	/* family name first (East/Southeast Asian order) */
	{ "V01 Nguyen Thi + given", FLD_DESCRIPTION, "Tran Thi Hoa kommer med sin dotter.", true },
	{ "V02 Vietnamese middle Van", FLD_SUBJECT, "Uppföljning Pham Van Long", true },
	{ "V03 English This is no name", FLD_SUMMARY, "This event will never happen", false },
	/* Roma and Sami surnames */
	{ "R01 Roma surname after a first name", FLD_SUBJECT, "Hembesök Rosita Caldaras", true },
	{ "R02 Sami surname after a first name", FLD_SUBJECT, "SIP Ánte Aikio", true },
	/* a talk's presenter after its subject */
	{ "T01 lecture, topic, comma, name", FLD_SUBJECT, "Föreläsning om stress i arbetslivet, Maria Berglund", false },
	{ "T02 course, topic, dash, name", FLD_DESCRIPTION, "Utbildning i journalföring – Johan Lindqvist\nVälkomna", false },
	{ "T03 a case talk stays a name", FLD_SUBJECT, "Samtal om skolgången, Maria Berglund", true },
	{ "T04 information is no talk", FLD_SUBJECT, "Information om beslut, Johan Lindqvist", true },
	{ "T05 a course led by", FLD_DESCRIPTION, "Passet hålls av Karin Holmberg.", false },
	{ "D05 listed surname.unknown", FLD_ATTACHMENT_NAME, "plan - berisha.liridona.docx", true },
	{ "D06 stop surname.word", FLD_ATTACHMENT_NAME, "berg.rapport.docx", false },
	{ "D07 a name and its extension", FLD_ATTACHMENT_NAME, "winmail.dat", false },
	{ "D08 a name before the extension", FLD_ATTACHMENT_NAME, "Protokoll Anna.Dat", false },
	/* session 18: no client after a venue or greeting, at a desk, in a
	 * product, welcomed to a unit */
	{ "X01 venue before a name", FLD_DESCRIPTION, "Fika på Konditori Elsa Bergström", false },
	{ "X02 greeting before a signature", FLD_DESCRIPTION, "Danke!\nBeste Grüße, Klaus Wagner", false },
	{ "X03 name-hyphen-product", FLD_DESCRIPTION, "Vi provar Greta Thunberg-appen", false },
	{ "X04 welcomed to a unit", FLD_DESCRIPTION, "Välkommen Omar Haddad till ekonomiavdelningen", false },
	{ "X05 at a desk", FLD_DESCRIPTION, "Hämta nyckel hos Eva Lund i receptionen", false },
	{ "X06 welcomed to a talk stays", FLD_DESCRIPTION, "Välkommen Omar Haddad till ett samtal", true },
	/* one lower-case listed name after a case word */
	{ "X07 lower-case name after a case word", FLD_SUBJECT, "hembesök hos yasmin", true },
	{ "X08 lower-case word after a case word", FLD_SUBJECT, "uppföljning av budget", false },
	/* family name first */
	{ "X09 surname before a first name", FLD_DESCRIPTION, "Idag ringde Nyqvist Britt om sin tid", true },
	{ "X10 -ić surname before a first name", FLD_DESCRIPTION, "Jović Milan kommer kl 10", true },
	/* genitive before a client's matter */
	{ "X11 genitive before ärende", FLD_DESCRIPTION, "Vi tar Fatou Sows ärende först", true },
	{ "X12 organisation's genitive", FLD_DESCRIPTION, "Nämndens möte börjar 9", false },
	/* interpreter for a language */
	{ "X13 tolk + language", FLD_SUBJECT, "Möte ang. Awa Touré, tolk fula", true },
	/* possessive and kin; a name that is a word before a verb */
	{ "X14 name och hennes barn", FLD_DESCRIPTION, "Det gäller Leyla och hennes två barn", true },
	{ "X15 stop-word name before a verb", FLD_DESCRIPTION, "Klara kommer, hennes mamma också", true },
	{ "X16 determiner before a noun", FLD_DESCRIPTION, "Mina kollegor kommer, hennes chef också", false },
	/* lower-case name leading a subject before a case word */
	{ "X17 lower-case lead name", FLD_SUBJECT, "ánde sárri, avstämning", true },
	{ "X18 lower-case ordinary lead", FLD_SUBJECT, "ny rutin, avstämning", false },
	/* two first names with meeting material in a file name */
	{ "X19 presenters' slides", FLD_ATTACHMENT_NAME, "Anna_Erik_presentation.pptx", false },
	{ "X20 two first names alone", FLD_ATTACHMENT_NAME, "Yusuf_Osman.pdf", true },
	/* two name tokens after a word of what the meeting is about */
	{ "X21 about + short unknown names", FLD_SUBJECT, "Möte rörande Awa Touré", true },
	{ "X22 about + a product", FLD_SUBJECT, "Frågor angående Microsoft Teams", false },
	/* fixblind (blind18a): signatures, roles, organisations, file
	 * initials */
	{ "Y01 double slash signature", FLD_DESCRIPTION, "Tack för idag!\n\n//Hêvî Rashid", false },
	{ "Y02 name line over a title line", FLD_DESCRIPTION, "Tack!\n\nJovana Petrović\nSocialsekreterare, Barn och unga", false },
	{ "Y03 a title as a label stays", FLD_DESCRIPTION, "Klient:\nAhmed Ali\nHandläggare: Karin", true },
	{ "Y04 a title line, name not alone", FLD_DESCRIPTION, "Möte om Ahmed Ali\nSocialsekreterare deltar", true },
	{ "Y05 a definite role before", FLD_DESCRIPTION, "Inspirationsföreläsning med forskaren Parisa Moradi om digitalisering.", false },
	{ "Y06 moderatorn", FLD_DESCRIPTION, "Webbinarium med moderatorn Leyla Demir.", false },
	{ "Y07 a foundation before", FLD_SUBJECT, "Samverkan med Stiftelsen Anna Whitlocks Minne", false },
	{ "Y08 a fund after", FLD_DESCRIPTION, "Ansökan hos Anna Whitlocks minnesfond", false },
	{ "Y09 a person's memory", FLD_DESCRIPTION, "Anna Svenssons minne är sämre.", true },
	{ "Y10 a hyphen prize", FLD_DESCRIPTION, "Nominering till Greta Andersson-priset", false },
	{ "Y11 first name and initial", FLD_ATTACHMENT_NAME, "Anteckningar Oksana K 2025-11-20.docx", true },
	{ "Y12 initial with underscores", FLD_ATTACHMENT_NAME, "Samtal_Mehmet_Y.pdf", true },
	{ "Y13 an initial before a compound", FLD_ATTACHMENT_NAME, "Protokoll Eva A-grupp.pdf", false },
	{ "Y14 appendix letter", FLD_ATTACHMENT_NAME, "Bilaga A.pdf", false },
	{ "Y15 slash, space, name after a sentence", FLD_DESCRIPTION, "Ok, då kör vi så. // Ömer Çelik", false },
	{ "Y16 slash after the name is none", FLD_DESCRIPTION, "Återkoppling om Ömer Çelik // skolan", true },
	{ "Y17 a unit title line", FLD_DESCRIPTION, "Tack.\n\nDragana Ilić\nBiståndsbedömare, Äldreomsorg", false },
	{ "Y18 unknown name and initial", FLD_ATTACHMENT_NAME, "Minnesanteckningar Fatuma A 2025-10-02.pdf", true },
	{ "Y19 a product and a letter", FLD_ATTACHMENT_NAME, "Rapport Nextcloud A.pdf", false },
	{ "Y29 shortened closer", FLD_DESCRIPTION, "Vi ses.\n\nHälsn. Hêvî Rashid", false },
	{ "Y30 title after a pipe", FLD_DESCRIPTION, "Tack!\nSirpa Häkkinen | Socialsekreterare | Barn och familj", false },
	{ "Y31 no title after a pipe", FLD_SUBJECT, "Samtal med Ahmed Ali | skola", true },
	{ "Y32 a unit line under the name", FLD_DESCRIPTION, "Tack!\n\nĐorđe Marković\nAvdelningen för ekonomiskt bistånd", false },
	{ "Y33 a sentence under the name", FLD_DESCRIPTION, "Ärende:\nAhmed Ali\nEnheten beslutar om insats.", true },
	{ "Y34 role, words, copula", FLD_DESCRIPTION, "Moderator för dagen är Farid Haddad.", false },
	{ "Y35 relative and copula", FLD_SUBJECT, "Mamman är Farid Haddad", true },
	{ "Y36 a list after a role", FLD_DESCRIPTION, "Panel: Parisa Moradi, Jonas Ek och Lina Berg", false },
	{ "Y37 a list at a case meeting", FLD_DESCRIPTION, "Närvarande: Ahmed Ali, Lina Berg och mamma", true },
	{ "Y38 a guest's trade", FLD_DESCRIPTION, "Boksamtal med författaren Parisa Moradi", false },
	{ "Y39 an event word and a dash", FLD_DESCRIPTION, "Inspirationsdag – Parisa Moradi om motiverande samtal", false },
	{ "Y40 a speaker heard", FLD_DESCRIPTION, "Hör Parisa Moradi berätta om sin forskning.", false },
	{ "Y41 ask someone", FLD_DESCRIPTION, "Hör med Ahmed Ali om saken", true },
	{ "Y42 a compound fund", FLD_DESCRIPTION, "Bidrag från Ronald McDonald Barnfond", false },
	{ "Y43 a family foundation", FLD_DESCRIPTION, "Ansökan till Familjen Kamprads stiftelse", false },
	{ "Y44 a hyphen prize, genitive", FLD_DESCRIPTION, "Greta Thunberg-prisets jury", false },
	/* a surname in capitals after a first name in mixed-case text
	 * (attack18, name_caps_pair) */
	{ "C01 listed surname in capitals", FLD_SUMMARY, "Orosanmälan Anna LINDQVIST", true },
	{ "C02 surname in capitals mid-sentence", FLD_DESCRIPTION, "Möte med Anna LINDQVIST och hennes pappa", true },
	{ "C03 surname in capitals by its ending", FLD_SUMMARY, "Uppföljning Maria VALLSTRÖM", true },
	{ "C04 surname in capitals without diacritics", FLD_SUMMARY, "Uppfoljning Maria VALLSTROM", true },
	{ "C05 an acronym after a first name", FLD_DESCRIPTION, "Anna BUP ringer tillbaka", false },
	{ "C05b another acronym", FLD_DESCRIPTION, "Anna LSS kommer sen", false },
	{ "C06 an organisation in capitals", FLD_DESCRIPTION, "Rapporten från Anna till KOMMUNEN i morgon", false },
	{ "C07 a word in capitals after a name", FLD_DESCRIPTION, "Tack Anna VIKTIGT att alla kommer", false },
	/* fixnames3 (blind18c): shorthands, particles, families,
	 * appositions, agenda lines; buildings, rooms, welcomes */
	{ "Z01 surname after a shorthand", FLD_SUBJECT, "GP Rahimi", true },
	{ "Z02 short given name after a case word", FLD_SUBJECT, "Hembesök Ky Nguyen", true },
	{ "Z03 short name, no case word", FLD_SUBJECT, "APT Jo Karlsson", false },
	{ "Z04 particle after a case word", FLD_SUBJECT, "Avstämning Leopold von Arnim", true },
	{ "Z05 two particles", FLD_SUBJECT, "GP Sanne van der Berg", true },
	{ "Z06 particle in a city", FLD_DESCRIPTION, "Resan går till Rio de Janeiro i maj.", false },
	{ "Z07 family's plural genitive", FLD_SUBJECT, "Hembesök hos Lindqvists", true },
	{ "Z07b a genitive after hos with no visit", FLD_SUBJECT, "Lunch hos Anderssons", false },
	{ "Z07c a firm after med", FLD_DESCRIPTION, "Avtal med Svenssons om städningen", false },
	/* lead, blind18d: "in" as a verb particle, a firm in a file name */
	{ "L01 boka in + name", FLD_DESCRIPTION, "Kan ni boka in Anna Karlsson?", true },
	{ "L02 kalla in + unknown names", FLD_DESCRIPTION, "Vi kallar in Milica Gashi på tisdag.", true },
	{ "L03 English in + place", FLD_DESCRIPTION, "We meet in Stockholm Centralen.", false },
	{ "L04 a firm in a file name", FLD_ATTACHMENT_NAME, "Inbjudan_ErikssonBygg_AB_offert.pdf", false },
	{ "L05 a surname in a file name", FLD_ATTACHMENT_NAME, "Plan_Nordqvist.docx", true },
	{ "Z08 a city's genitive", FLD_SUBJECT, "Möte med Stockholms stad", false },
	{ "Z09 a firm's genitive", FLD_SUBJECT, "Leverans till Anderssons Bygg", false },
	{ "Z10 genitive surname before a child", FLD_SUBJECT, "Uppföljning Karlssons flicka", true },
	{ "Z11 apposition after a person noun", FLD_DESCRIPTION, "Flickan, Nour, har svårt att sova.", true },
	{ "Z12 apposition in brackets", FLD_DESCRIPTION, "Samtal med eleven (Kerstin) om frånvaron.", true },
	{ "Z13 apposition after staff", FLD_DESCRIPTION, "Handläggaren, Kerstin, återkommer med tid.", false },
	{ "Z14 agenda situation and a name", FLD_DESCRIPTION, "Dagordning:\n1. Mående Nasra\n2. Övrigt", true },
	{ "Z15 agenda with presenters", FLD_DESCRIPTION, "Agenda:\n1. Budget Anna\n2. Ekonomi Erik", false },
	{ "Z16 a building before a name", FLD_LOCATION, "Villan Sigrid Ekman, plan 2", false },
	{ "Z17 a room before a hyphenated name", FLD_LOCATION, "Sal Eva-Lotta Nordin", false },
	{ "Z18 new colleagues welcomed", FLD_SUBJECT, "Välkomna Lina Holm, Erik Sjöberg och Aida Begić!", false },
	{ "Z19 welcomed to a talk", FLD_SUBJECT, "Välkomna Ali och Sara Hassan till ett samtal om skolan", true },
	{ "Z20 surname-hyphen-children", FLD_DESCRIPTION, "Lindqvist-barnen kommer inte.", true },
	{ "Z21 a prize compound", FLD_DESCRIPTION, "Vi delar ut Nobel-priset.", false },
	{ "Z22 apposition after 'hennes man'", FLD_DESCRIPTION, "Hennes man, Dawit, är sjukskriven.", true },
	{ "Z23 'man' the pronoun", FLD_DESCRIPTION, "Om man, Anna, vill ha tid så ring.", false },
	{ "Z24 colleagues welcomed 'till oss'", FLD_SUBJECT, "Välkomna nya kollegor Sanna Ek och Omid Karimi till oss!", false },
	{ "Z25 hyphenated name and particles", FLD_SUBJECT, "SIP Marie-Louise de la Cour", true },
	{ "Z26 a compound in -huset", FLD_SUBJECT, "Samråd Barnahuset Nour Haddad", true },
	{ "Z27 apposition after the name", FLD_DESCRIPTION, "Yasmin, hans dotter, har slutat.", true },
	{ "Z28 a colleague spoken to", FLD_DESCRIPTION, "Lena, eleven behöver mer stöd, kan du ringa?", false },
	{ "Z29 short name, unknown surname", FLD_SUBJECT, "SIP Jo Hassanzadeh", true },
	{ "Z30 short word, ordinary word", FLD_SUBJECT, "Möte med Ny Handläggare", false },
};

static size_t
count_names(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *hl)
{
	size_t n = 0;

	det_names(ctx, nt, hl);
	for (size_t k = 0; k < hl->n; k++)
		if (strcmp(hl->v[k].rule, "name") == 0) {
			n++;
			/* Initials only: "E. K."; five for a name with
			 * particles, "M. L. D. L. C." */
			g_assert_nonnull(strchr(hl->v[k].evidence, '.'));
			g_assert_cmpuint(strlen(hl->v[k].evidence), <=, 14);
			g_assert_cmpuint(hl->v[k].start, <, hl->v[k].end);
			g_assert_cmpuint(hl->v[k].end, <=, nt->len);
		}
	return n;
}

/* The rows that fail: a name found where none is expected, or none
 * found (ids only in the messages, never the text). */
static size_t
run_rows(const struct row *rows_, size_t n)
{
	size_t failed = 0;

	for (size_t i = 0; i < n; i++) {
		struct ntext *nt = ntext_new(rows_[i].text,
		    strlen(rows_[i].text));
		struct detctx ctx = { rd, NULL, rows_[i].field, 0, 0 };
		struct hitlist hl = { NULL, 0, 0 };
		bool got = count_names(&ctx, nt, &hl) > 0;

		if (got != rows_[i].want) {
			g_test_message("%s: %s", rows_[i].id, got ?
			    "name found, none expected" : "no name found");
			failed++;
		}
		hits_clear(&hl);
		ntext_free(nt);
	}
	return failed;
}

static void
test_rows(void)
{
	g_assert_cmpuint(run_rows(rows, G_N_ELEMENTS(rows)), ==, 0);
}

/* rules/names.h (not included here: names_ref.h has its own struct
 * tok): the rules before issue 18, for the differential tests. */
struct names_data;
void	names_data_rules_v1(struct names_data *, bool);

/* rows18 with the issue-18 rules on (main switches them off for the
 * differential tests), then off again. */
static void
test_rows18(void)
{
	size_t failed;

	names_data_rules_v1(rd->names, false);
	failed = run_rows(rows18, G_N_ELEMENTS(rows18));
	names_data_rules_v1(rd->names, true);
	g_assert_cmpuint(failed, ==, 0);
}

/* The span of a name found without diacritics maps back to exactly the
 * written bytes, and the evidence is the initials. */
static void
test_span_and_evidence(void)
{
	static const char in[] = "Vardplanering Sjo\xcc\x88" "berg, Anna";
	struct ntext *nt = ntext_new(in, strlen(in));
	struct detctx ctx = { rd, NULL, FLD_SUBJECT, 0, 0 };
	struct hitlist hl = { NULL, 0, 0 };
	size_t oa, ob;

	g_assert_cmpuint(count_names(&ctx, nt, &hl), ==, 1);
	ntext_span(nt, hl.v[0].start, hl.v[0].end, &oa, &ob);
	g_assert_cmpuint(oa, ==, strlen("Vardplanering "));
	g_assert_cmpuint(ob, ==, strlen(in));
	g_assert_cmpstr(hl.v[0].evidence, ==, "S. A.");
	hits_clear(&hl);
	ntext_free(nt);
}

/* A surname in capitals (attack18): the span is the two tokens, the
 * evidence the initials. */
static void
test_caps_surname_span(void)
{
	static const char in[] = "Orosanmälan Anna LINDQVIST";
	struct ntext *nt = ntext_new(in, strlen(in));
	struct detctx ctx = { rd, NULL, FLD_SUMMARY, 0, 0 };
	struct hitlist hl = { NULL, 0, 0 };
	size_t oa, ob;

	names_data_rules_v1(rd->names, false);
	g_assert_cmpuint(count_names(&ctx, nt, &hl), ==, 1);
	names_data_rules_v1(rd->names, true);
	ntext_span(nt, hl.v[0].start, hl.v[0].end, &oa, &ob);
	g_assert_cmpuint(oa, ==, strlen("Orosanmälan "));
	g_assert_cmpuint(ob, ==, strlen(in));
	g_assert_cmpstr(hl.v[0].evidence, ==, "A. L.");
	hits_clear(&hl);
	ntext_free(nt);
}

/* A participant's own name is never a finding, in any spelling. */
static void
test_participants(void)
{
	struct inv_person att = { NULL, NULL, (char *)"Sjöberg, Anna", NULL, NULL };
	struct inv_comp comp;
	struct invite inv;
	static const char *const texts[] = { "Uppföljning Anna Sjöberg",
	    "Uppfoljning Anna Sjoberg", "SIP för Anna",
	    "Hembesök familjen Sjöberg" };

	memset(&comp, 0, sizeof(comp));
	memset(&inv, 0, sizeof(inv));
	comp.attendees = &att;
	comp.n_attendees = 1;
	inv.comps = &comp;
	inv.n_comps = 1;
	for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
		struct ntext *nt = ntext_new(texts[i], strlen(texts[i]));
		struct detctx ctx = { rd, &inv, FLD_SUBJECT, 0, 0 };
		struct hitlist hl = { NULL, 0, 0 };

		g_test_message("participant text %zu", i);
		g_assert_cmpuint(count_names(&ctx, nt, &hl), ==, 0);
		hits_clear(&hl);
		ntext_free(nt);
	}
	/* someone else in the same invitation still counts */
	{
		static const char s[] = "Uppföljning Ahmed Hassan";
		struct ntext *nt = ntext_new(s, strlen(s));
		struct detctx ctx = { rd, &inv, FLD_SUBJECT, 0, 0 };
		struct hitlist hl = { NULL, 0, 0 };

		g_assert_cmpuint(count_names(&ctx, nt, &hl), ==, 1);
		hits_clear(&hl);
		ntext_free(nt);
	}
}

/* The shipped lists: at least the promised size, every entry letters
 * only (or letters joined by '-'), no entry twice once case and
 * diacritics are ignored. */
static void
check_list(const char *rel, size_t min)
{
	char err[256] = "";
	char *text = ruledata_read(NULL, rel, NULL, err, sizeof(err));
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	char **lines;
	size_t n = 0, dup = 0, bad = 0;

	g_assert_nonnull(text);
	g_assert_true(g_utf8_validate(text, -1, NULL));
	lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i]; i++) {
		char **w;

		if (lines[i][0] == '#')
			continue;
		g_assert_null(strchr(lines[i], '#'));	/* no trailing comments */
		w = g_strsplit_set(lines[i], " \t\r", -1);
		for (size_t k = 0; w[k]; k++) {
			char *key;

			if (*w[k] == '\0')
				continue;
			for (const char *p = w[k]; *p; p = g_utf8_next_char(p))
				if (!g_unichar_isalpha(g_utf8_get_char(p))) {
					g_test_message("%s:%zu: entry %zu is not "
					    "letters only", rel, i + 1, k + 1);
					bad++;
					break;
				}
			if (g_utf8_strlen(w[k], -1) < 2)
				bad++;
			key = ntext_afold_str(w[k], strlen(w[k]));
			if (!g_hash_table_add(seen, key)) {
				g_test_message("%s:%zu: entry %zu is listed "
				    "twice", rel, i + 1, k + 1);
				dup++;
			}
			n++;
		}
		g_strfreev(w);
	}
	g_test_message("%s: %zu entries", rel, n);
	g_assert_cmpuint(n, >=, min);
	g_assert_cmpuint(dup, ==, 0);
	g_assert_cmpuint(bad, ==, 0);
	g_strfreev(lines);
	g_hash_table_destroy(seen);
	g_free(text);
}

static void
test_lists(void)
{
	check_list("names/first.txt", 2500);
	check_list("names/surnames.txt", 1500);
	check_list("names/stopwords.txt", 100);
}

/* names_dir: a user's own lists are read; a garbage entry is an error
 * that names the file and line. */
static void
test_names_dir(void)
{
	char *dir = g_dir_make_tmp("names-XXXXXX", NULL);
	char *f = g_build_filename(dir, "first.txt", NULL);
	char *s = g_build_filename(dir, "surnames.txt", NULL);
	char *w = g_build_filename(dir, "stopwords.txt", NULL);
	struct ruledata_paths p = { dir, NULL };
	char err[512] = "";
	struct ruledata *r;

	g_assert_true(g_file_set_contents(f, "# mine\nZorblax Ann-Marie\n",
	    -1, NULL));
	g_assert_true(g_file_set_contents(s, "Quuxberg\n", -1, NULL));
	g_assert_true(g_file_set_contents(w, "\n", -1, NULL));
	r = ruledata_new(&p, err, sizeof(err));
	g_assert_nonnull(r);
	{
		static const char *const t[] = { "Möte Zorblax Quuxberg",
		    "SIP för Marie" };

		for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
			struct ntext *nt = ntext_new(t[i], strlen(t[i]));
			struct detctx ctx = { r, NULL, FLD_SUBJECT, 0, 0 };
			struct hitlist hl = { NULL, 0, 0 };

			g_assert_cmpuint(count_names(&ctx, nt, &hl), ==, 1);
			hits_clear(&hl);
			ntext_free(nt);
		}
	}
	ruledata_free(r);
	g_assert_true(g_file_set_contents(f, "Anna\nEva 42\n", -1, NULL));
	g_assert_null(ruledata_new(&p, err, sizeof(err)));
	g_assert_nonnull(strstr(err, "first.txt:2:"));
	g_assert_true(g_file_set_contents(f, "Anna\n\xff\xfe\n", -1, NULL));
	g_assert_null(ruledata_new(&p, err, sizeof(err)));
	g_assert_nonnull(strstr(err, "not UTF-8"));
	g_unlink(f);
	g_unlink(s);
	g_unlink(w);
	g_assert_null(ruledata_new(&p, err, sizeof(err)));	/* missing */
	g_rmdir(dir);
	g_free(f);
	g_free(s);
	g_free(w);
	g_free(dir);
}

/*
 * Differential tests: det_names against the frozen copy of the old
 * detector (names_ref.h) on generated texts, every code point and two
 * invitations through one participants cache. Failure messages give
 * the case number and field, never the text.
 */
static struct ref_names_data *ref;
static size_t diff_hits;	/* hits both detectors agreed on */
static char **vocab;		/* the shipped list entries */
static size_t n_vocab;

/* Whether both detectors give the same hits for s in ctx; counts and
 * reports a difference under label and number. */
static bool
same_hits(const struct detctx *ctx, const char *s, size_t len,
    const char *label, size_t no)
{
	struct ntext *nt = ntext_new(s, len);
	struct hitlist a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	bool same;

	if (nt == NULL)
		return true;
	det_names(ctx, nt, &a);
	ref_det_names(ref, ctx, nt, &b);
	same = a.n == b.n;
	for (size_t k = 0; same && k < a.n; k++)
		same = strcmp(a.v[k].rule, b.v[k].rule) == 0 &&
		    a.v[k].kind == b.v[k].kind && a.v[k].sev == b.v[k].sev &&
		    a.v[k].start == b.v[k].start && a.v[k].end == b.v[k].end &&
		    strcmp(a.v[k].evidence, b.v[k].evidence) == 0 &&
		    strcmp(a.v[k].detail, b.v[k].detail) == 0;
	if (same)
		diff_hits += a.n;
	else
		g_test_message("%s %zu (field %d, %zu bytes): %zu hits, the "
		    "old detector %zu", label, no, (int)ctx->field, len, a.n,
		    b.n);
	hits_clear(&a);
	hits_clear(&b);
	ntext_free(nt);
	return same;
}

static void
load_vocab(void)
{
	static const char *const rel[] = { "names/first.txt",
	    "names/surnames.txt", "names/stopwords.txt" };
	GPtrArray *v = g_ptr_array_new();

	for (size_t f = 0; f < G_N_ELEMENTS(rel); f++) {
		char err[256], *text = ruledata_read(NULL, rel[f], NULL, err,
		    sizeof(err)), **w;

		g_assert_nonnull(text);
		for (char *p = text; *p; p++)
			if (*p == '#')		/* comments to the line end */
				while (*p && *p != '\n')
					*p++ = ' ';
		w = g_strsplit_set(text, " \t\r\n", -1);
		for (size_t k = 0; w[k]; k++)
			if (*w[k])
				g_ptr_array_add(v, g_strdup(w[k]));
		g_strfreev(w);
		g_free(text);
	}
	n_vocab = v->len;
	g_ptr_array_add(v, NULL);
	vocab = (char **)g_ptr_array_free(v, FALSE);
}

/* The list bits issue 18 added (L_RELATIVE .. L_TITLE2, W_NOTNAME of
 * rules/names.h): the old detector has none of them. */
#define NEW_BITS	(0xFC00u | (1u << 19))	/* and W_NOTNAME */

/* The honorifics (holdout17) are trigger words now (namedata.c honors):
 * the old detector's table has some of them without L_TRIGGER. */
static unsigned
honor_mask(const char *w)
{
	static const char *const h[] = { "fru", "herr", "froken", "mr", "mrs",
	    "ms", "miss", "mx", "mister", "frau", "herrn", NULL };

	for (const char *const *p = h; *p; p++)
		if (strcmp(w, *p) == 0)
			return ~1u;	/* L_TRIGGER */
	return ~0u;
}

/* Every word the old detector knows, with its bits, and near misses of
 * them: the flat table answers as the GHashTable did. */
static void
test_word_table(void)
{
	struct ref_names_data *r = ref;
	GHashTableIter it;
	gpointer k, v;
	size_t n = 0, bad = 0;

	g_hash_table_iter_init(&it, r->bits);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const char *w = k;
		size_t len = strlen(w);
		char *near[5];

		if ((names_word_bits(rd->names, w, len) & ~NEW_BITS &
		    honor_mask(w)) != GPOINTER_TO_UINT(v))
			bad++;
		near[0] = g_strndup(w, len - 1);
		near[1] = g_strconcat(w, "s", NULL);
		near[2] = g_strconcat(w, "x", NULL);
		near[3] = g_strdup(w);
		near[3][0] = near[3][0] == 'q' ? 'z' : 'q';
		near[4] = g_strconcat("a", w, NULL);
		for (size_t i = 0; i < G_N_ELEMENTS(near); i++) {
			if ((names_word_bits(rd->names, near[i], strlen(near[i])) &
			    ~NEW_BITS & honor_mask(near[i])) !=
			    GPOINTER_TO_UINT(g_hash_table_lookup(
			    r->bits, near[i])))
				bad++;
			g_free(near[i]);
		}
		n++;
	}
	g_test_message("%zu words", n);
	g_assert_cmpuint(n, >, 5000);
	g_assert_cmpuint(bad, ==, 0);
	g_assert_cmpuint(names_word_bits(rd->names, "", 0), ==, 0);
}

/* The tokenizer finds the scan words (staff, closers) inside tokens:
 * that needs the afold form of every code point that is no letter to
 * hold no ASCII letter. */
static void
test_afold_nonletters(void)
{
	size_t bad = 0;

	for (gunichar c = 1; c <= 0x10FFFF; c++) {
		char u[8], *a;
		int n;

		if ((c >= 0xD800 && c <= 0xDFFF) || (c < 0x80 ?
		    g_ascii_isalpha((char)c) : g_unichar_isalpha(c)))
			continue;
		n = g_unichar_to_utf8(c, u);
		a = ntext_afold_str(u, (size_t)n);
		for (const char *p = a; *p; p++)
			if (g_ascii_isalpha(*p)) {
				g_test_message("U+%04X folds to a letter", c);
				bad++;
				break;
			}
		g_free(a);
	}
	g_assert_cmpuint(bad, ==, 0);
}

static const enum inv_field diff_fields[] = { FLD_SUBJECT, FLD_SUMMARY,
	FLD_DESCRIPTION, FLD_LOCATION, FLD_ATTACHMENT_NAME, FLD_COMMENT,
	FLD_ATTENDEE_CN };

/* One random piece of text: a listed name or word in some spelling, a
 * word of the detector's own lists, a surname ending, a cue, a
 * separator or an odd code point. */
static void
add_piece(GRand *r, GString *s)
{
	static const char *const other[] = { "möte", "Möte", "planering",
	    "Budget", "Teams", "och", "på", "Örebro", "väg", "Lindgrens",
	    "skola", "rum", "Rum", "kurator", "A.", "B.", "Y.", "al", "Abu",
	    "von", "Jan", "Mars", "dec", "Eva-projektet", "family", "familj",
	    "Familjen", "SIP", "ang.", "M.", "Välkommen", "MVH", "Hälsningar",
	    "pensionär", "Introduktionen", "Regards", "enheten", "Kontakta",
	    "Hodžić", "Mäkilä", "ĆIĆ", "İpek", "Øberg", "Straße", "Æsa",
	    "ẞtraße", "Ḿaria", "Σοφία", "Иван", "أحمد", "𝐀nna", "MariaAnna",
	    "annaKarlsson", "Karlsson_Plan", "AnnaÅberg", "ÅBERG",
	    "Sjo\xcc\x88" "berg", "e\xcc\x81va" };
	static const char *const sep[] = { " ", " ", " ", " ", "  ", ", ",
	    ". ", ": ", " - ", " – ", " — ", "\n", "(", ")", " (5 år) ",
	    " 5 år", " 5-åring", " åk 8", " åk. 8", " f. 2014", " född 2012",
	    " fodd 2012", " 7 y", " 12 ar", "_", ".", "/", "'", "-", "1",
	    "2025", "\t", "\xc2\xa0", "\xe2\x80\x8b", "\xc2\xad", "’", "“",
	    "•", "·", "§", "\xcc\x88", ",", ";", "!", "?" };
	static const char *const end[] = { "sson", "berg", "ström", "lund",
	    "gren", "qvist", "kvist", "holm", "dahl", "stedt", "borg", "nen",
	    "ović", "ski", "wicz", "son", "lin", "ell", "blad", "mark", "ić",
	    "lä", "la", "ic", "s", "sons" };
	static const char *const *const lists[] = { triggers, case_words,
	    family, place, staff, units, staff_before, titles, closers,
	    particles, months, place_next, rooms };
	guint32 what = g_rand_int_range(r, 0, 100);

	if (what < 45) {		/* a listed name or word */
		const char *w = vocab[g_rand_int_range(r, 0, (gint32)n_vocab)];
		char *t = NULL;

		switch (g_rand_int_range(r, 0, 8)) {
		case 0:
			t = g_utf8_strdown(w, -1);
			break;
		case 1:
			t = g_utf8_strup(w, -1);
			break;
		case 2:
			t = ntext_afold_str(w, strlen(w));
			if (*t)
				t[0] = g_ascii_toupper(t[0]);
			break;
		case 3:
			t = g_strconcat(w, "s", NULL);
			break;
		default:
			break;
		}
		g_string_append(s, t ? t : w);
		g_free(t);
	} else if (what < 58) {
		const char *const *l = lists[g_rand_int_range(r, 0,
		    G_N_ELEMENTS(lists))];
		size_t n = 0;

		while (l[n])
			n++;
		if (what < 54 || n == 0)
			g_string_append(s, l[g_rand_int_range(r, 0, (gint32)n)]);
		else {
			char *t = g_strdup(l[g_rand_int_range(r, 0, (gint32)n)]);

			t[0] = g_ascii_toupper(t[0]);
			g_string_append(s, t);
			g_free(t);
		}
	} else if (what < 63) {
		g_string_append(s, g_rand_boolean(r) ? "Vall" : "Nord");
		g_string_append(s, end[g_rand_int_range(r, 0,
		    G_N_ELEMENTS(end))]);
	} else if (what < 70)
		g_string_append(s, other[g_rand_int_range(r, 0,
		    G_N_ELEMENTS(other))]);
	else if (what < 97)
		g_string_append(s, sep[g_rand_int_range(r, 0,
		    G_N_ELEMENTS(sep))]);
	else {				/* any code point */
		gunichar c;

		do
			c = (gunichar)g_rand_int_range(r, 1, 0x110000);
		while (c >= 0xD800 && c <= 0xDFFF);
		g_string_append_unichar(s, c);
	}
}

/* An invitation whose attendees are named from the lists. */
static void
make_invite(GRand *r, struct invite *inv, struct inv_comp *comp,
    struct inv_person *att, size_t n_att, GString **cn)
{
	memset(comp, 0, sizeof(*comp));
	memset(inv, 0, sizeof(*inv));
	for (size_t k = 0; k < n_att; k++) {
		g_string_truncate(cn[k], 0);
		g_string_append(cn[k], vocab[g_rand_int_range(r, 0,
		    (gint32)n_vocab)]);
		g_string_append(cn[k], g_rand_boolean(r) ? ", " : " ");
		g_string_append(cn[k], vocab[g_rand_int_range(r, 0,
		    (gint32)n_vocab)]);
		memset(&att[k], 0, sizeof(att[k]));
		att[k].cn = cn[k]->str;
	}
	comp->attendees = att;
	comp->n_attendees = n_att;
	comp->organizer.cn = (char *)"Erik Lindgren (Vård och omsorg)";
	inv->comps = comp;
	inv->n_comps = 1;
}

static void
test_diff_random(void)
{
	GRand *r = g_rand_new_with_seed(20261204);
	GString *s = g_string_new(NULL), *cn[3];
	struct inv_person att[3];
	struct inv_comp comp;
	struct invite inv;
	size_t bad = 0, cases = g_test_thorough() ? 400000 : 60000;

	for (size_t k = 0; k < G_N_ELEMENTS(cn); k++)
		cn[k] = g_string_new(NULL);
	for (size_t i = 0; i < cases; i++) {
		struct detctx ctx = { rd, NULL, diff_fields[g_rand_int_range(r,
		    0, G_N_ELEMENTS(diff_fields))], 0, 0, NULL };
		guint32 n = (guint32)g_rand_int_range(r, 1, i % 50 == 0 ? 400 : 24);

		g_string_truncate(s, 0);
		for (guint32 k = 0; k < n; k++)
			add_piece(r, s);
		if (g_rand_int_range(r, 0, 4) == 0) {
			make_invite(r, &inv, &comp, att, 3, cn);
			ctx.inv = &inv;
		}
		if (!same_hits(&ctx, s->str, s->len, "random case", i))
			bad++;
	}
	g_test_message("%zu random cases, %zu hits", cases, diff_hits);
	g_assert_cmpuint(diff_hits, >, cases / 5);
	g_assert_cmpuint(bad, ==, 0);
	for (size_t k = 0; k < G_N_ELEMENTS(cn); k++)
		g_string_free(cn[k], TRUE);
	g_string_free(s, TRUE);
	g_rand_free(r);
}

/* Texts for the tokenizer's ASCII fast path and its edges: words of 1
 * to 20 letters (one, two and three 8-byte steps), capitalised, in
 * capitals or not, some with two-byte letters inside (å, Ö, ª, ǅ) or
 * two-byte non-letters, at the very end of the text, and followed by a
 * letter outside ASCII, a capital (a CamelCase hump in file names), an
 * apostrophe, a hyphen or other non-letters. */
static void
test_diff_ascii_edges(void)
{
	static const char *const after[] = { "", " ", " ", " ", "å", "é",
	    "ß", "Ö", "X", "'", "-", ".", ", ", "\u2013", "\u00a0", "1", "_",
	    "s ", "\n" };
	static const char *const twob[] = { "å", "ä", "ö", "é", "ü", "ø",
	    "ß", "ñ", "ç", "Å", "Ä", "Ö", "É", "ª", "\u0301", "\u00a0", "ǅ" };
	GRand *r = g_rand_new_with_seed(20261205);
	GString *s = g_string_new(NULL);
	size_t bad = 0, cases = g_test_thorough() ? 200000 : 30000;
	size_t lone_hits = 0;

	for (size_t i = 0; i < cases; i++) {
		struct detctx ctx = { rd, NULL, diff_fields[g_rand_int_range(r,
		    0, G_N_ELEMENTS(diff_fields))], 0, 0, NULL };
		guint32 n = (guint32)g_rand_int_range(r, 1, 9);

		g_string_truncate(s, 0);
		for (guint32 k = 0; k < n; k++) {
			int how = g_rand_int_range(r, 0, 4);

			if (g_rand_int_range(r, 0, 3) == 0) {
				const char *w = vocab[g_rand_int_range(r, 0,
				    (gint32)n_vocab)];
				char *t = ntext_afold_str(w, strlen(w));

				if (how == 0 && t[0] != '\0')
					t[0] = g_ascii_toupper(t[0]);
				else if (how == 1)
					for (char *c = t; *c; c++)
						*c = g_ascii_toupper(*c);
				g_string_append(s, t);
				g_free(t);
			} else {
				guint32 len = (guint32)g_rand_int_range(r, 1, 21);

				for (guint32 q = 0; q < len; q++) {
					char c = (char)('a' + g_rand_int_range(r,
					    0, 26));

					if (how >= 2 && g_rand_int_range(r, 0, 4) == 0) {
						/* two bytes, lower or upper */
						g_string_append(s, twob[g_rand_int_range(
						    r, 0, G_N_ELEMENTS(twob))]);
						continue;
					}
					if ((q == 0 && how == 0) || how == 1)
						c = g_ascii_toupper(c);
					g_string_append_c(s, c);
				}
			}
			g_string_append(s, after[g_rand_int_range(r, 0,
			    G_N_ELEMENTS(after))]);
		}
		if (!same_hits(&ctx, s->str, s->len, "ASCII edge case", i))
			bad++;
	}
	/* A lone two-byte capital is all capitals: lower-case text with
	 * it still has no capitalised word. */
	for (size_t k = 0; k < G_N_ELEMENTS(twob); k++)
		for (size_t f = 0; f < G_N_ELEMENTS(diff_fields); f++) {
			struct detctx ctx = { rd, NULL, diff_fields[f], 0, 0,
			    NULL };
			size_t before = diff_hits;

			g_string_printf(s, "%s möte med anna svensson och "
			    "familjen berg", twob[k]);
			if (!same_hits(&ctx, s->str, s->len, "lone capital", k))
				bad++;
			g_string_printf(s, "möte med anna svensson %s", twob[k]);
			if (!same_hits(&ctx, s->str, s->len, "lone capital", k))
				bad++;
			lone_hits += diff_hits - before;
		}
	g_test_message("%zu hits in lower-case texts with a lone letter",
	    lone_hits);
	g_assert_cmpuint(lone_hits, >, 0);
	g_assert_cmpuint(bad, ==, 0);
	g_string_free(s, TRUE);
	g_rand_free(r);
}

/* Every code point inside a name, between two names, before a closer
 * and inside one; and 24 times before a signature (a closer's
 * offset in afold that drifts from norm moves the names after it out of
 * the signature). */
static void
test_diff_codepoints(void)
{
	static const char *const tmpl[][3] = {
		{ "Möte Anna", "Karlsson och mvh", "ningar Idas mamma" },
		{ "SIP för Ali", "sson, Emma. hals", "ningar Idas mamma" },
		{ "Plan_", "Nordqvist.docx", "" },
		{ "Möte ", " Ali Hassan mvh Emma Berg", " och Ali" },
	};
	GString *s = g_string_new(NULL);
	size_t bad = 0;

	for (gunichar c = 1; c <= 0x10FFFF; c++) {
		size_t t = c % G_N_ELEMENTS(tmpl);
		struct detctx ctx = { rd, NULL, t == 2 ? FLD_ATTACHMENT_NAME :
		    c % 2 ? FLD_SUBJECT : FLD_DESCRIPTION, 0, 0, NULL };

		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		g_string_assign(s, tmpl[t][0]);
		for (int k = 0; k < (t == 3 ? 24 : 1); k++)
			g_string_append_unichar(s, c);
		g_string_append(s, tmpl[t][1]);
		g_string_append_unichar(s, c);
		g_string_append(s, tmpl[t][2]);
		if (!same_hits(&ctx, s->str, s->len, "code point", c))
			bad++;
	}
	g_assert_cmpuint(bad, ==, 0);
	g_string_free(s, TRUE);
}

/* A participant's name of 8 to 15 letters read from the tokenizer's
 * cache of long runs is still the participant's (its hash is of the
 * whole afold form): the same text twice, the second from the cache. */
static void
test_part_long(void)
{
	struct inv_person a = { NULL, NULL, (char *)"Lindqvist, Margareta",
	    NULL, NULL };
	struct inv_comp c;
	struct invite inv;
	static const char text[] = "Uppföljning Margareta Lindqvist";

	memset(&c, 0, sizeof(c));
	memset(&inv, 0, sizeof(inv));
	c.attendees = &a;
	c.n_attendees = 1;
	inv.comps = &c;
	inv.n_comps = 1;
	for (int round = 0; round < 2; round++) {
		struct ntext *nt = ntext_new(text, strlen(text));
		struct detctx ctx = { rd, &inv, FLD_SUBJECT, 0, 0, NULL };
		struct hitlist hl = { NULL, 0, 0 };

		g_test_message("round %d", round + 1);
		g_assert_cmpuint(count_names(&ctx, nt, &hl), ==, 0);
		hits_clear(&hl);
		ntext_free(nt);
	}
}

/* The engine's participants cache: built on the first text of an
 * invitation, used for the others, cleared before the next one. */
static void
test_part_cache(void)
{
	struct inv_person a1 = { NULL, NULL, (char *)"Sjöberg, Anna", NULL, NULL };
	struct inv_person a2 = { NULL, NULL, (char *)"Ahmed Hassan", NULL, NULL };
	struct inv_comp c1, c2;
	struct invite i1, i2;
	struct detcache cache = { NULL };
	static const char *const texts[] = { "Uppföljning Anna Sjöberg",
	    "Uppföljning Ahmed Hassan", "SIP för Anna", "Hembesök Ahmeds mamma" };
	/* hits with invitation 1, then 2: each sees only its own names */
	static const size_t want[2][4] = { { 0, 1, 0, 1 }, { 1, 0, 1, 0 } };

	memset(&c1, 0, sizeof(c1));
	memset(&c2, 0, sizeof(c2));
	memset(&i1, 0, sizeof(i1));
	memset(&i2, 0, sizeof(i2));
	c1.attendees = &a1;
	c1.n_attendees = 1;
	c2.attendees = &a2;
	c2.n_attendees = 1;
	i1.comps = &c1;
	i1.n_comps = 1;
	i2.comps = &c2;
	i2.n_comps = 1;
	for (int v = 0; v < 2; v++) {
		for (size_t k = 0; k < G_N_ELEMENTS(texts); k++) {
			struct ntext *nt = ntext_new(texts[k], strlen(texts[k]));
			struct detctx ctx = { rd, v ? &i2 : &i1, FLD_SUBJECT, 0,
			    0, &cache };
			struct hitlist hl = { NULL, 0, 0 };

			g_test_message("invitation %d, text %zu", v + 1, k);
			g_assert_cmpuint(count_names(&ctx, nt, &hl), ==,
			    want[v][k]);
			g_assert_nonnull(cache.names_part);
			g_assert_true(same_hits(&ctx, texts[k], strlen(texts[k]),
			    "cached", k));
			hits_clear(&hl);
			ntext_free(nt);
		}
		detcache_clear(&cache);
		g_assert_null(cache.names_part);
	}
	detcache_clear(&cache);		/* twice is harmless */
}

int
main(int argc, char **argv)
{
	char err[512];
	int rc;

	g_test_init(&argc, &argv, NULL);
	rd = ruledata_new(NULL, err, sizeof(err));
	g_assert_nonnull(rd);
	ref = ref_names_data_new(&(struct ruledata_paths){ NULL, NULL, NULL },
	    err, sizeof(err));
	g_assert_nonnull(ref);
	load_vocab();
	/* The differential tests compare the old rules: the issue-18 rules
	 * (language test, relatives, presenters, companies) are off; the
	 * rows of names_test and topic_test test them. */
	names_data_rules_v1(rd->names, true);
	g_test_add_func("/names/rows", test_rows);
	g_test_add_func("/names/rows18", test_rows18);
	g_test_add_func("/names/span-evidence", test_span_and_evidence);
	g_test_add_func("/names/caps-surname-span", test_caps_surname_span);
	g_test_add_func("/names/participants", test_participants);
	g_test_add_func("/names/lists", test_lists);
	g_test_add_func("/names/names-dir", test_names_dir);
	g_test_add_func("/names/word-table", test_word_table);
	g_test_add_func("/names/afold-nonletters", test_afold_nonletters);
	g_test_add_func("/names/diff-random", test_diff_random);
	g_test_add_func("/names/diff-codepoints", test_diff_codepoints);
	g_test_add_func("/names/diff-ascii-edges", test_diff_ascii_edges);
	g_test_add_func("/names/participants-cache", test_part_cache);
	g_test_add_func("/names/participants-long", test_part_long);
	rc = g_test_run();
	ref_names_data_free(ref);
	g_strfreev(vocab);
	ruledata_free(rd);
	return rc;
}
