/*
 * contact.c: private contact data (detection-spec section 2): phone
 * numbers with a private cue (or in Subject/LOCATION), e-mail addresses
 * at consumer mail providers, and street addresses with a home cue.
 * Staff numbers (switchboard, signature, dial-in) and office addresses
 * are left alone. One walk over the digit runs tries the anchored
 * PCRE2 JIT patterns where they can start; a memchr('@') walk finds
 * e-mail. Evidence is masked.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "detect.h"
#include "ruledata.h"
#include "ids.h"

struct contact_data {
	struct ids_re	phone;
	struct ids_re	addr;
};

static const char phone_pat[] =
    /* Swedish phone numbers: +46/0046/0, then 6-11 more digits in
     * groups separated by one space or dash; not after a digit and a
     * dash (the day of a date range "2025-10-01-2025-12-31", any
     * dash). */
    "((?<![\\p{L}\\p{N}+,/=#.&%@_])(?<!\\p{N}-)(?:\\+46\\s?(?:\\(0\\)\\s?)?|0046\\s?|0)"
    "[1-9](?:[\\s-]?\\d){5,10}(?![\\p{L}\\p{N}]|[.,]\\d|-\\d))";

/* Address parts; run only on fields that hold a home cue at all. */
static const char addr_pat[] =
    /* Postcode + town. */
    "((?<![\\p{L}\\p{N}+\\-])[1-9]\\d{2}\\s?\\d{2}\\s\\p{Lu}\\p{Ll}+)"
    /* Apartment number: the first two digits are floor + 10. */
    "|((?<!\\p{L})(?i:lgh)\\.?\\s?(?:nr\\.?\\s?)?[1-9]\\d{3}(?!\\p{N}))"
    "|((?<!\\p{L})(?i:c/o)\\s+\\p{Lu})";

/* A private person's phone number. */
static const struct ids_kw private_kw[] = {
	{ "mamma", true }, { "pappa", true }, { "mor", false },
	{ "modern", false }, { "far", false }, { "fadern", false },
	{ "vårdnadshavare", true }, { "förälder", true }, { "föräldr", true },
	{ "anhörig", true }, { "klient", true }, { "brukare", true },
	{ "patient", true }, { "elev", true }, { "privat", true },
	{ "hem", false }, { "hemma", false }, { "hemnummer", true },
	{ "hemtelefon", true }, { "mormor", false }, { "farmor", false },
	{ "morfar", false }, { "farfar", false }, { "sonen", false },
	{ "dottern", false }, { "familjen", false }, { "mother", true },
	{ "father", true }, { "parent", true }, { "guardian", true },
	{ "private", true }, { "home", false },
	IDS_KW_END
};
struct ids_kwset ids_kws_private = IDS_KWSET(private_kw);

/* Organisation numbers: not a private person. */
static const struct ids_kw switchboard_kw[] = {
	{ "växel", true }, { "kontaktcenter", true }, { "reception", true },
	{ "kundtjänst", true }, { "servicecenter", true },
	{ "support", true }, { "helpdesk", true }, { "jour", false },
	IDS_KW_END
};
struct ids_kwset ids_kws_switchboard = IDS_KWSET(switchboard_kw);

/* Signature blocks and the sender's own number. */
static const struct ids_kw signature_kw[] = {
	{ "hälsningar", true }, { "mvh", false }, { "med vänlig", true },
	{ "vänliga hälsningar", true }, { "ring mig", true },
	{ "direkt", true }, { "best regards", true }, { "regards", false },
	{ "kind regards", true }, { "nå mig", true },
	IDS_KW_END
};
struct ids_kwset ids_kws_signature = IDS_KWSET(signature_kw);

static const struct ids_kw home_kw[] = {
	{ "hembesök", true }, { "hemma hos", true }, { "bostad", true },
	{ "bostaden", true }, { "bor på", true }, { "bor i", true },
	{ "familjehemmet", true }, { "klientens adress", true },
	{ "brukarens adress", true }, { "klientens bostad", true },
	{ "brukarens bostad", true }, { "lgh", false }, { "c/o", false },
	{ "lägenhet", true }, { "hemadress", true }, { "hemmet", false },
	{ "home visit", true }, { "hos familjen", true },
	{ "familjens hem", true }, { "klientens hem", true },
	{ "brukarens hem", true }, { "hemma", false }, { "home address", true },
	{ "at home", true },
	/* a move: the new address is where the person lives now (blind18c:
	 * "Ny adress efter flytt: ..."); an office's move has an office
	 * cue (besöksadress, lokaler, vi flyttar) */
	{ "ny adress", true }, { "nya adress", true },
	{ "adressändring", true }, { "adressbyte", true },
	{ "flyttar till", true }, { "flyttat till", true },
	{ "flyttade till", true }, { "flytta till", true },
	{ "flyttar in på", true }, { "flyttat in på", true },
	{ "flyttade in på", true }, { "efter flytt", true },
	{ "flyttanmäl", true }, { "new address", true }, { "moved to", true },
	{ "moving to", true }, { "flyttad till", true },
	{ "relocated to", true },
	IDS_KW_END
};
struct ids_kwset ids_kws_home = IDS_KWSET(home_kw);

static const struct ids_kw office_kw[] = {
	{ "kontor", true }, { "stadshus", true }, { "förvaltning", true },
	{ "vårdcentral", true }, { "skola", true }, { "skolan", true },
	{ "familjecentral", true }, { "besöksadress", true }, { "rum", false },
	{ "plan", false }, { "sal", false }, { "mötesrum", true },
	{ "konferensrum", true }, { "kommunhus", true }, { "office", true },
	/* a unit's own move (vi flyttar till nya lokaler), the meeting's
	 * new place (ny adress för mötet; not "mötet" alone, Teams' own
	 * text has it) */
	{ "lokaler", false }, { "lokalerna", false }, { "lokalen", false },
	{ "vi flyttar", true }, { "vi har flyttat", true },
	{ "vi har fått ny", true }, { "vår nya adress", true },
	{ "we have moved", true }, { "we are moving", true },
	{ "our new address", true },
	{ "enheten", false }, { "verksamheten", false },
	{ "mottagningen", false }, { "premises", true },
	{ "för mötet", false }, { "mötet hålls", true },
	{ "mötet flyttar", true }, { "mötesplats", true },
	{ "mötesadress", true }, { "venue", true },
	IDS_KW_END
};
struct ids_kwset ids_kws_office = IDS_KWSET(office_kw);

/* Cues that a home address is meant even next to an office word. */
static const struct ids_kw strong_home_kw[] = {
	{ "hembesök", true }, { "hemma hos", true }, { "bor på", true },
	{ "bostad", true }, { "lgh", false }, { "c/o", false },
	IDS_KW_END
};
struct ids_kwset ids_kws_strong_home = IDS_KWSET(strong_home_kw);

/* Consumer mail providers (the domain, or its first label for yahoo.*
 * and gmx.*), with their lengths. */
#define DOM(w)	{ w, sizeof(w) - 1 }
static const struct {
	const char	*d;
	size_t		 n;
} private_domains[] = {
	DOM("gmail.com"), DOM("googlemail.com"), DOM("hotmail.com"),
	DOM("hotmail.se"), DOM("outlook.com"), DOM("outlook.se"),
	DOM("live.se"), DOM("live.com"), DOM("msn.com"), DOM("icloud.com"),
	DOM("me.com"), DOM("mac.com"), DOM("telia.com"), DOM("bredband.net"),
	DOM("spray.se"), DOM("comhem.se"), DOM("bahnhof.se"), DOM("tele2.se"),
	DOM("proton.me"), DOM("protonmail.com"), DOM("pm.me"), DOM("aol.com"),
	DOM("mail.com"), DOM("yandex.com"),
}, private_domain_labels[] = { DOM("yahoo"), DOM("gmx") };
#undef DOM

#define CUE_BEFORE	40
#define CUE_AFTER	25
#define ADDR_WINDOW	60
#define SIGN_REACH	300

struct contact_data *
contact_data_new(const struct ruledata_paths *p, char *err, size_t n)
{
	struct contact_data *d = g_new0(struct contact_data, 1);
	const struct relimits *lim = p ? p->regex : NULL;

	if (ids_re_init(&d->phone, phone_pat, PCRE2_ANCHORED, lim, err,
	    n) == -1) {
		g_free(d);
		return NULL;
	}
	if (ids_re_init(&d->addr, addr_pat, PCRE2_ANCHORED, lim, err,
	    n) == -1) {
		ids_re_fini(&d->phone);
		g_free(d);
		return NULL;
	}
	return d;
}

void
contact_data_free(struct contact_data *d)
{
	if (d == NULL)
		return;
	ids_re_fini(&d->phone);
	ids_re_fini(&d->addr);
	g_free(d);
}

static bool
is_mobile(const char *s, size_t a, size_t b)
{
	char dg[16];
	size_t n = 0;

	for (size_t i = a; i < b && n < sizeof(dg); i++)
		if (g_ascii_isdigit(s[i]))
			dg[n++] = s[i];
	if (n >= 2 && dg[0] == '4' && dg[1] == '6') {
		memmove(dg + 1, dg + 2, n - 2);
		dg[0] = '0';
		n--;
	} else if (n >= 4 && dg[0] == '0' && dg[1] == '0') {
		memmove(dg + 1, dg + 4, n - 4);
		dg[0] = '0';
		n -= 3;
	}
	return n == 10 && dg[1] == '7' && strchr("02369", dg[2]) != NULL;
}

static void
contact_phone(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out, size_t a, size_t b, struct ids_dcache *dc)
{
	const char *s = nt->norm;
	size_t nd = 0, i;
	bool cue, mobile;

	for (i = a; i < b; i++)
		if (g_ascii_isdigit(s[i]))
			nd++;
	/* National number: 0 + 7-9 digits (+46 forms count 46 too). */
	if (nd < 8 || nd > 13)
		return;
	/* A dial string or PIN is never private (ids_dialin below says so
	 * too; this byte test spares the keyword windows). */
	if (ids_dialstring(nt, a, b))
		return;
	/* The cue test first: it is the cheap one that usually fails. */
	cue = ids_kw_near(nt, a, b, CUE_BEFORE, CUE_AFTER, &ids_kws_private);
	if (!cue && ctx->field != FLD_SUBJECT && ctx->field != FLD_LOCATION)
		return;
	if (ids_dialin(nt, a, b, dc))
		return;
	if (ids_kw_near(nt, a, a, CUE_BEFORE, 0, &ids_kws_switchboard))
		return;
	if (ids_kw_near(nt, a, b, SIGN_REACH, 0, &ids_kws_signature) ||
	    ids_kw_near(nt, a, b, 0, CUE_AFTER, &ids_kws_signature))
		return;
	/* "070-123 45 67 /Erik": the sender signs a staff number. */
	for (i = b; i < nt->len && s[i] == ' '; i++)
		;
	if (i + 1 < nt->len && s[i] == '/' && g_ascii_isupper(s[i + 1]))
		return;
	mobile = is_mobile(s, a, b);
	ids_emit(out, nt, "phone-private", HIT_CONTACT, SEV_MEDIUM, a, b, 3,
	    mobile ? "private mobile number" : "private phone number");
}

static void
contact_address(const struct ntext *nt, struct hitlist *out, size_t a,
    size_t b, char kind)
{
	if (kind != 'H' && kind != 'O' &&
	    !ids_kw_near(nt, a, b, ADDR_WINDOW, ADDR_WINDOW, &ids_kws_home))
		return;
	if (ids_kw_near(nt, a, b, ADDR_WINDOW, ADDR_WINDOW, &ids_kws_office) &&
	    !ids_kw_near(nt, a, b, ADDR_WINDOW, ADDR_WINDOW,
	    &ids_kws_strong_home))
		return;
	ids_emit(out, nt, "address-home", HIT_CONTACT, SEV_MEDIUM, a, b, 0,
	    kind == 'Z' ? "postcode of a home address" :
	    kind == 'H' ? "apartment number of a home address" :
	    "home address");
}

static bool
email_char(unsigned char c)
{
	return g_ascii_isalnum(c) || c == '.' || c == '_' || c == '%' ||
	    c == '+' || c == '-';
}

static bool
private_domain(const char *d, size_t n)
{
	for (size_t i = 0; i < G_N_ELEMENTS(private_domains); i++)
		if (private_domains[i].n == n &&
		    g_ascii_strncasecmp(d, private_domains[i].d, n) == 0)
			return true;
	for (size_t i = 0; i < G_N_ELEMENTS(private_domain_labels); i++) {
		size_t k = private_domain_labels[i].n;

		if (n > k + 1 && d[k] == '.' &&
		    g_ascii_strncasecmp(d, private_domain_labels[i].d, k) == 0)
			return true;
	}
	return false;
}

/* Whether the address s[0..n) is a participant of the invitation: its
 * ORGANIZER or an ATTENDEE, or the From of the message. Calendar clients
 * print the guest list into the text (Google: "Guests: ..."); that copy
 * is the participant, not content. */
static bool
participant(const struct invite *inv, const char *s, size_t n)
{
	if (inv == NULL)
		return false;
	if (inv->from != NULL && strlen(inv->from) == n &&
	    g_ascii_strncasecmp(inv->from, s, n) == 0)
		return true;
	for (size_t c = 0; c < inv->n_comps; c++) {
		const struct inv_comp *ic = &inv->comps[c];
		const char *o = ic->organizer.addr;

		if (o != NULL && strlen(o) == n && g_ascii_strncasecmp(o, s, n) == 0)
			return true;
		for (size_t k = 0; k < ic->n_attendees; k++) {
			const char *a = ic->attendees[k].addr;

			if (a != NULL && strlen(a) == n &&
			    g_ascii_strncasecmp(a, s, n) == 0)
				return true;
		}
	}
	return false;
}

#define EMAIL_DETAIL	"e-mail address at a private mail provider"

static void
contact_email(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out)
{
	const char *s = nt->norm, *p = s, *end = s + nt->len;

	/* ATTENDEE/ORGANIZER, display names of the address fields (Outlook
	 * writes a guest's address as its name): a private address there
	 * marks an external guest (spec 5), it is not a content finding. */
	if (ctx->field == FLD_ATTENDEE_CN || ctx->field == FLD_ORGANIZER_CN ||
	    ctx->field == FLD_ADDRESS_NAME)
		return;
	while ((p = memchr(p, '@', (size_t)(end - p))) != NULL) {
		size_t at = (size_t)(p - s), a = at, b = at + 1, dot;
		struct hit h;

		while (a > 0 && email_char((unsigned char)s[a - 1]))
			a--;
		while (b < nt->len && (g_ascii_isalnum(s[b]) || s[b] == '.' ||
		    s[b] == '-'))
			b++;
		while (b > at + 1 && (s[b - 1] == '.' || s[b - 1] == '-'))
			b--;
		p++;
		if (a == at || b == at + 1 || !private_domain(s + at + 1,
		    b - at - 1) || participant(ctx->inv, s + a, b - a))
			continue;
		memset(&h, 0, sizeof(h));
		h.rule = "email-private";
		h.kind = HIT_CONTACT;
		h.sev = SEV_MEDIUM;
		h.start = a;
		h.end = b;
		dot = b - at - 1;
		/* Evidence: first character of the local part, then the
		 * provider ("j***@hotmail.com"). */
		snprintf(h.evidence, sizeof(h.evidence), "%c***@%.*s", s[a],
		    (int)(dot < 60 ? dot : 60), s + at + 1);
		/* h is zeroed: a plain copy leaves what g_strlcpy would */
		memcpy(h.detail, EMAIL_DETAIL, MIN(sizeof(EMAIL_DETAIL),
		    sizeof(h.detail) - 1));
		hits_add(out, &h);
		p = s + b;
	}
}

#define SFX(w)	{ w, sizeof(w) - 1 }
static const struct {
	const char	*w;
	size_t		 n;
} street_suffix[] = {
	SFX("gatan"), SFX("vägen"), SFX("gränd"), SFX("stigen"),
	SFX("backen"), SFX("allén"), SFX("torget"), SFX("leden"),
	SFX("gången"), SFX("stråket"), SFX("slingan"), SFX("liden"),
	SFX("platsen"), SFX("plan"),
	/* more street words of Swedish place names (final17: "hemma hos
	 * familjen, Sjöbrinken 4"); a home cue is still needed */
	SFX("brinken"), SFX("branten"), SFX("kroken"), SFX("ringen"),
	SFX("hagen"), SFX("höjden"), SFX("gärdet"), SFX("kullen"),
	SFX("ängen"), SFX("udden"), SFX("promenaden"),
};
#undef SFX

static bool
letter_byte(unsigned char c)
{
	return g_ascii_isalpha(c) || c >= 0x80;
}

/* Whether a capitalised word stands right before the street word at
 * *w ("Norra" in "Norra Allén"); then *w moves to its start. */
static bool
street_word_before(const char *s, size_t *w)
{
	size_t a = *w;

	if (a < 3 || s[a - 1] != ' ')
		return false;
	a--;
	while (a > 0 && letter_byte((unsigned char)s[a - 1]))
		a--;
	/* two letters at least, a capital first: A-Z or Å Ä Ö */
	if (a + 2 > *w - 1 || !(g_ascii_isupper((unsigned char)s[a]) ||
	    ((unsigned char)s[a] == 0xC3 && ((unsigned char)s[a + 1] == 0x85 ||
	    (unsigned char)s[a + 1] == 0x84 ||
	    (unsigned char)s[a + 1] == 0x96))))
		return false;
	*w = a;
	return true;
}

/* Street name + house number (+ letter): "Kvarngatan 14", "Lärkvägen 8 B",
 * for the digit run at i. A C walk back to the word before the number:
 * cheaper than a pattern that starts at every capital letter. */
static void
contact_street_at(const struct ntext *nt, struct hitlist *out, size_t i,
    size_t n)
{
	const char *s = nt->norm;
	size_t len = nt->len, e = i + n, w, wl;
	unsigned char c0;
	bool ok = false;

	/* Every street suffix ends in 'n', 't' or 'd'. */
	if (i < 2 || n > 4 || s[i - 1] != ' ' ||
	    (s[i - 2] != 'n' && s[i - 2] != 't' && s[i - 2] != 'd'))
		return;
	w = i - 1;
	while (w > 0 && letter_byte((unsigned char)s[w - 1]))
		w--;
	wl = i - 1 - w;
	c0 = (unsigned char)s[w];
	/* A capital: ASCII, or Å Ä Ö (C3 85, C3 84, C3 96). */
	if (!(g_ascii_isupper(c0) || (c0 == 0xC3 && w + 1 < len &&
	    ((unsigned char)s[w + 1] == 0x85 ||
	    (unsigned char)s[w + 1] == 0x84 ||
	    (unsigned char)s[w + 1] == 0x96))))
		return;
	for (size_t k = 0; k < G_N_ELEMENTS(street_suffix) && !ok; k++) {
		size_t sl = street_suffix[k].n;

		ok = wl > sl && memcmp(s + i - 1 - sl, street_suffix[k].w,
		    sl) == 0;
		/* the street word alone after a capitalised word: "Norra
		 * Allén 22", "Stora Torget 5" (blind18d); not "plan" (a
		 * floor: "Huset, Plan 2") */
		if (!ok && wl == sl &&
		    strcmp(street_suffix[k].w, "plan") != 0 &&
		    g_ascii_tolower(c0) == (unsigned char)street_suffix[k].w[0] &&
		    memcmp(s + w + 1, street_suffix[k].w + 1, sl - 1) == 0)
			ok = street_word_before(s, &w);
	}
	if (!ok || (e < len && letter_byte((unsigned char)s[e]) &&
	    !(e + 1 >= len || !letter_byte((unsigned char)s[e + 1]))))
		return;
	/* An optional door letter: "8 B", "14A". */
	if (e + 1 < len && s[e] == ' ' && g_ascii_isalpha(s[e + 1]) &&
	    (e + 2 >= len || !letter_byte((unsigned char)s[e + 2])))
		e += 2;
	else if (e < len && g_ascii_isalpha(s[e]))
		e++;
	contact_address(nt, out, w, e, 'G');
}

/* One anchored try of the address-part pattern at p. */
static size_t
contact_addr_at(const struct ntext *nt, struct hitlist *out,
    const struct contact_data *cd, pcre2_match_data *md, size_t p)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);

	if (!ids_re_at(&cd->addr, nt->norm, nt->len, p, md, &out->limit))
		return p + 1;
	for (size_t i = 0; i < 3; i++)
		if (ov[2 * (i + 1)] != PCRE2_UNSET) {
			contact_address(nt, out, ov[0], ov[1], "ZHO"[i]);
			break;
		}
	return ov[1] > p ? ov[1] : p + 1;
}

/* Where a "lgh" before the digit run at p starts ("lgh 1301",
 * "Lgh. nr 1301"), or SIZE_MAX. */
static size_t
contact_lgh_before(const struct ntext *nt, size_t p)
{
	size_t a = p > 12 ? p - 12 : 0;
	const char *f = nt->fold;

	/* From p - 3 down ("lgh" ends by p), 'l' tested first. */
	if (p < 3)
		return SIZE_MAX;
	for (size_t i = p - 2; i-- > a;)
		if (f[i] == 'l' && f[i + 1] == 'g' && f[i + 2] == 'h' &&
		    (i == 0 || !letter_byte((unsigned char)f[i - 1])))
			return i;
	return SIZE_MAX;
}

/* Can the postcode form of addr_pat match at the run of n digits at p
 * ("702 10 Örebro", "70210 Örebro")? Its necessary bytes: \s is ASCII
 * white space (no UCP), \p{Lu} starts with A-Z or a UTF-8 lead byte. */
static bool
contact_postcode_maybe(const char *s, size_t len, size_t p, size_t n)
{
	size_t e = p + n;

#define WS(c)	((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))
#define UP(c)	(((c) >= 'A' && (c) <= 'Z') || (unsigned char)(c) >= 0xC0)
	if (n == 3) {
		if (e + 4 >= len || !WS(s[e]) || !g_ascii_isdigit(s[e + 1]) ||
		    !g_ascii_isdigit(s[e + 2]))
			return false;
		e += 3;
	}
	return e + 1 < len && WS(s[e]) && UP(s[e + 1]);
#undef WS
#undef UP
}

/* Can phone_pat match at p: "+46", "0046" or "0" and a digit 1-9? */
static bool
contact_phone_maybe(const char *s, size_t len, size_t p)
{
	if (s[p] == '+')
		return p + 2 < len && s[p + 1] == '4' && s[p + 2] == '6';
	if (s[p] != '0' || p + 1 >= len)
		return false;
	if (s[p + 1] >= '1' && s[p + 1] <= '9')
		return true;
	return p + 3 < len && s[p + 1] == '0' && s[p + 2] == '4' &&
	    s[p + 3] == '6';
}

/* \s without UCP: ASCII white space only */
#define PH_WS(c)	((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))
/* a byte >= 0x80 decides: ask the pattern */
#define PH_ASK		SIZE_MAX

/* phone_pat's look-ahead (?![\p{L}\p{N}]|[.,]\d|-\d) at q: 1 holds,
 * 0 fails, -1 a byte >= 0x80 there. */
static int
phone_after(const char *s, size_t len, size_t q)
{
	unsigned char c;

	if (q >= len)
		return 1;
	if ((c = (unsigned char)s[q]) >= 0x80)
		return -1;
	if (g_ascii_isalnum(c))
		return 0;
	return !((c == '.' || c == ',' || c == '-') && q + 1 < len &&
	    g_ascii_isdigit(s[q + 1]));
}

/* One of the signs of phone_pat's first look-behind? (A switch: the
 * compiler makes it a bit test, cheaper than strchr per candidate.) */
static inline bool
phone_lb_sign(unsigned char c)
{
	switch (c) {
	case '+': case ',': case '/': case '=': case '#': case '.': case '&':
	case '%': case '@': case '_':
		return true;
	default:
		return false;
	}
}

/* phone_pat anchored at p, in C: the end of its match, 0 when it cannot
 * match, PH_ASK when a byte >= 0x80 next to the number decides. Every
 * step but the {5,10} is forced (the optional white space and "(0)" of
 * the prefix leave one place for the 1-9; a digit is no separator), so
 * the walk takes the most repetitions and, as the matcher backtracks,
 * the look-ahead is tried after each count from there down to 5. */
static size_t
phone_plain(const char *s, size_t len, size_t p)
{
	size_t q, ends[11];
	unsigned k = 0;
	unsigned char c;

	/* (?<![\p{L}\p{N}+,/=#.&%@_])(?<!\p{N}-) */
	if (p > 0) {
		if ((c = (unsigned char)s[p - 1]) >= 0x80)
			return PH_ASK;
		if (g_ascii_isalnum(c) || phone_lb_sign(c))
			return 0;
		if (c == '-' && p >= 2) {
			if ((unsigned char)s[p - 2] >= 0x80)
				return PH_ASK;
			if (g_ascii_isdigit(s[p - 2]))
				return 0;
		}
	}
	/* \+46\s?(?:\(0\)\s?)? | 0046\s? | 0 */
	if (s[p] == '+') {
		if (p + 2 >= len || s[p + 1] != '4' || s[p + 2] != '6')
			return 0;
		q = p + 3;
		if (q < len && PH_WS(s[q]))
			q++;
		if (q + 2 < len && s[q] == '(' && s[q + 1] == '0' &&
		    s[q + 2] == ')') {
			q += 3;
			if (q < len && PH_WS(s[q]))
				q++;
		}
	} else if (s[p] == '0' && p + 1 < len && s[p + 1] == '0') {
		if (p + 3 >= len || s[p + 2] != '4' || s[p + 3] != '6')
			return 0;
		q = p + 4;
		if (q < len && PH_WS(s[q]))
			q++;
	} else if (s[p] == '0')
		q = p + 1;
	else
		return 0;
	if (q >= len || s[q] < '1' || s[q] > '9')
		return 0;
	q++;
	/* (?:[\s-]?\d){5,10}: ends[k] is the end after k of them */
	while (k < 10 && q < len) {
		c = (unsigned char)s[q];
		if (g_ascii_isdigit(c))
			q++;
		else if ((PH_WS(c) || c == '-') && q + 1 < len &&
		    g_ascii_isdigit(s[q + 1]))
			q += 2;
		else
			break;
		ends[++k] = q;
	}
	for (; k >= 5; k--) {
		int la = phone_after(s, len, ends[k]);

		if (la < 0)
			return PH_ASK;
		if (la > 0)
			return ends[k];
	}
	return 0;
}

/* Does phone_pat match at p? Its span in *a, *b. */
static bool
contact_phone_at(const struct contact_data *cd, const struct ntext *nt,
    struct hitlist *out, pcre2_match_data *md, size_t p, size_t *a,
    size_t *b)
{
	const char *s = nt->norm;
	PCRE2_SIZE *ov;
	size_t e;

	if (!contact_phone_maybe(s, nt->len, p))
		return false;
	if (cd->phone.shortcut && (e = phone_plain(s, nt->len, p)) != PH_ASK) {
		*a = p;
		*b = e;
		return e != 0;
	}
	if (!ids_re_at(&cd->phone, s, nt->len, p, md, &out->limit))
		return false;
	ov = pcre2_get_ovector_pointer(md);
	*a = ov[0];
	*b = ov[1];
	return true;
}
#undef PH_WS

void
contact_scan(const struct detctx *ctx, const struct ntext *nt,
    const struct ids_runs *runs, pcre2_match_data *md, struct hitlist *out)
{
	const struct contact_data *cd = ctx->data->contact;
	const char *s = nt->norm, *q, *end;
	struct ids_dcache dc = { 0, 0, false, false };
	size_t p, r, next = 0, n, lgh, pa, pb;

	if (cd == NULL)
		return;
	/* One walk over the digit runs (and '+') serves phone numbers,
	 * postcodes, house numbers and apartment numbers; each pattern runs
	 * anchored where it can start. */
	for (r = 0; r < runs->n; r++) {
		if ((p = runs->v[r].p) < next)
			continue;
		next = p + 1;
		if (contact_phone_at(cd, nt, out, md, p, &pa, &pb)) {
			next = pb > p ? pb : p + 1;
			contact_phone(ctx, nt, out, pa, pb, &dc);
			continue;
		}
		if (s[p] == '+')
			continue;
		n = runs->v[r].n;
		if ((n == 3 || n == 5) && s[p] != '0' &&
		    contact_postcode_maybe(s, nt->len, p, n))
			(void)contact_addr_at(nt, out, cd, md, p);
		if (n == 4 && (lgh = contact_lgh_before(nt, p)) != SIZE_MAX)
			(void)contact_addr_at(nt, out, cd, md, lgh);
		contact_street_at(nt, out, p, n);
		next = p + (n > 0 ? n : 1);
	}
	/* "c/o": memchr for the slash is faster than memmem. */
	for (q = nt->fold, end = nt->fold + nt->len;
	    (q = memchr(q, '/', (size_t)(end - q))) != NULL;) {
		size_t i = (size_t)(q - nt->fold), at = i + 1;

		if (i > 0 && i + 1 < nt->len && nt->fold[i - 1] == 'c' &&
		    nt->fold[i + 1] == 'o') {
			at = contact_addr_at(nt, out, cd, md, i - 1);
			if (at <= i)
				at = i + 1;	/* always move on */
		}
		q = nt->fold + at;
	}
	contact_email(ctx, nt, out);
}

void
det_contact(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out)
{
	ids_scan_one(ctx, nt, out, contact_scan);
}
