/*
 * contact.c: private contact data (detection-spec section 2): phone
 * numbers with a private cue (or in Subject/LOCATION), e-mail addresses
 * at consumer mail providers, and street addresses with a home cue.
 * Staff numbers (switchboard, signature, dial-in) and office addresses
 * are left alone. One PCRE2 JIT pass for numbers and addresses, a
 * memchr('@') walk for e-mail. Evidence is masked.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "detect.h"
#include "ruledata.h"
#include "idutil.h"

struct contact_data {
	struct idu_re	re;
};

static const char contact_pat[] =
    /* Swedish phone numbers: +46/0046/0, then 6-11 more digits in
     * groups separated by one space or dash. */
    "(*MARK:P)(?<![\\p{L}\\p{N}+,/=#.&%@_])(?:\\+46\\s?(?:\\(0\\)\\s?)?|0046\\s?|0)"
    "[1-9](?:[\\s-]?\\d){5,10}(?![\\p{L}\\p{N}]|[.,]\\d|-\\d)"
    /* Street name + number (+ letter). */
    "|(*MARK:G)\\p{Lu}\\p{Ll}*(?:gatan|vägen|gränd|stigen|backen|allén|"
    "torget|leden|gången|stråket|slingan|liden|platsen|plan)\\s\\d{1,4}"
    "(?:\\s?[A-Za-z](?!\\p{L}))?(?!\\p{N})"
    /* Postcode + town. */
    "|(*MARK:Z)(?<![\\p{L}\\p{N}+\\-])[1-9]\\d{2}\\s?\\d{2}\\s\\p{Lu}\\p{Ll}+"
    /* Apartment number: the first two digits are floor + 10. */
    "|(*MARK:H)(?<!\\p{L})(?i:lgh)\\.?\\s?(?:nr\\.?\\s?)?[1-9]\\d{3}(?!\\p{N})"
    "|(*MARK:O)(?<!\\p{L})(?i:c/o)\\s+\\p{Lu}";

/* A private person's phone number. */
static const struct idu_kw private_kw[] = {
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
	IDU_KW_END
};

/* Organisation numbers: not a private person. */
static const struct idu_kw switchboard_kw[] = {
	{ "växel", true }, { "kontaktcenter", true }, { "reception", true },
	{ "kundtjänst", true }, { "servicecenter", true },
	{ "support", true }, { "helpdesk", true }, { "jour", false },
	IDU_KW_END
};

/* Signature blocks and the sender's own number. */
static const struct idu_kw signature_kw[] = {
	{ "hälsningar", true }, { "mvh", false }, { "med vänlig", true },
	{ "vänliga hälsningar", true }, { "ring mig", true },
	{ "direkt", true }, { "best regards", true }, { "regards", false },
	{ "kind regards", true }, { "nå mig", true },
	IDU_KW_END
};

static const struct idu_kw home_kw[] = {
	{ "hembesök", true }, { "hemma hos", true }, { "bostad", true },
	{ "bostaden", true }, { "bor på", true }, { "bor i", true },
	{ "familjehemmet", true }, { "klientens adress", true },
	{ "brukarens adress", true }, { "klientens bostad", true },
	{ "brukarens bostad", true }, { "lgh", false }, { "c/o", false },
	{ "lägenhet", true }, { "hemadress", true }, { "hemmet", false },
	{ "home visit", true }, { "hos familjen", true },
	IDU_KW_END
};

static const struct idu_kw office_kw[] = {
	{ "kontor", true }, { "stadshus", true }, { "förvaltning", true },
	{ "vårdcentral", true }, { "skola", true }, { "skolan", true },
	{ "familjecentral", true }, { "besöksadress", true }, { "rum", false },
	{ "plan", false }, { "sal", false }, { "mötesrum", true },
	{ "konferensrum", true }, { "kommunhus", true }, { "office", true },
	IDU_KW_END
};

/* Cues that a home address is meant even next to an office word. */
static const struct idu_kw strong_home_kw[] = {
	{ "hembesök", true }, { "hemma hos", true }, { "bor på", true },
	{ "bostad", true }, { "lgh", false }, { "c/o", false },
	IDU_KW_END
};

/* Consumer mail providers (the domain, or its first label for yahoo.*
 * and gmx.*). */
static const char *const private_domains[] = {
	"gmail.com", "googlemail.com", "hotmail.com", "hotmail.se",
	"outlook.com", "outlook.se", "live.se", "live.com", "msn.com",
	"icloud.com", "me.com", "mac.com", "telia.com", "bredband.net",
	"spray.se", "comhem.se", "bahnhof.se", "tele2.se", "proton.me",
	"protonmail.com", "pm.me", "aol.com", "mail.com", "yandex.com",
	NULL
};
static const char *const private_domain_labels[] = { "yahoo", "gmx", NULL };

#define CUE_BEFORE	40
#define CUE_AFTER	25
#define ADDR_WINDOW	60
#define SIGN_REACH	300

struct contact_data *
contact_data_new(const struct ruledata_paths *p, char *err, size_t n)
{
	struct contact_data *d = g_new0(struct contact_data, 1);

	(void)p;
	if (idu_re_init(&d->re, contact_pat, 0, err, n) == -1) {
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
	idu_re_fini(&d->re);
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
    struct hitlist *out, size_t a, size_t b)
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
	if (idu_dialin(nt, a, b))
		return;
	if (idu_kw_near(nt, a, a, CUE_BEFORE, 0, switchboard_kw))
		return;
	if (idu_kw_near(nt, a, b, SIGN_REACH, 0, signature_kw) ||
	    idu_kw_near(nt, a, b, 0, CUE_AFTER, signature_kw))
		return;
	/* "070-123 45 67 /Erik": the sender signs a staff number. */
	for (i = b; i < nt->len && s[i] == ' '; i++)
		;
	if (i + 1 < nt->len && s[i] == '/' && g_ascii_isupper(s[i + 1]))
		return;
	mobile = is_mobile(s, a, b);
	cue = idu_kw_near(nt, a, b, CUE_BEFORE, CUE_AFTER, private_kw);
	if (!cue && ctx->field != FLD_SUBJECT && ctx->field != FLD_LOCATION)
		return;
	idu_emit(out, nt, "phone-private", HIT_CONTACT, SEV_MEDIUM, a, b, 3,
	    mobile ? "private mobile number" : "private phone number");
}

static void
contact_address(const struct ntext *nt, struct hitlist *out, size_t a,
    size_t b, char kind)
{
	if (kind != 'H' && kind != 'O' &&
	    !idu_kw_near(nt, a, b, ADDR_WINDOW, ADDR_WINDOW, home_kw))
		return;
	if (idu_kw_near(nt, a, b, ADDR_WINDOW, ADDR_WINDOW, office_kw) &&
	    !idu_kw_near(nt, a, b, ADDR_WINDOW, ADDR_WINDOW, strong_home_kw))
		return;
	idu_emit(out, nt, "address-home", HIT_CONTACT, SEV_MEDIUM, a, b, 0,
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
	for (size_t i = 0; private_domains[i] != NULL; i++) {
		size_t k = strlen(private_domains[i]);

		if (k == n && g_ascii_strncasecmp(d, private_domains[i], n) == 0)
			return true;
	}
	for (size_t i = 0; private_domain_labels[i] != NULL; i++) {
		size_t k = strlen(private_domain_labels[i]);

		if (n > k + 1 && d[k] == '.' &&
		    g_ascii_strncasecmp(d, private_domain_labels[i], k) == 0)
			return true;
	}
	return false;
}

static void
contact_email(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out)
{
	const char *s = nt->norm, *p = s, *end = s + nt->len;

	/* ATTENDEE/ORGANIZER: a private address there marks an external
	 * guest (spec 5), it is not a content finding. */
	if (ctx->field == FLD_ATTENDEE_CN || ctx->field == FLD_ORGANIZER_CN)
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
		    b - at - 1))
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
		g_strlcpy(h.detail, "e-mail address at a private mail provider",
		    sizeof(h.detail));
		hits_add(out, &h);
		p = s + b;
	}
}

void
det_contact(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out)
{
	const struct idu_re *re;
	pcre2_match_data *md;
	size_t off = 0;

	if (ctx == NULL || ctx->data == NULL || ctx->data->contact == NULL ||
	    nt == NULL || nt->len == 0)
		return;
	re = &ctx->data->contact->re;
	md = pcre2_match_data_create_from_pattern(re->code, NULL);
	if (md == NULL)
		return;
	while (idu_re_next(re, nt->norm, nt->len, off, md)) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		const char *mark = (const char *)pcre2_get_mark(md);
		size_t a = ov[0], b = ov[1];

		off = b > a ? b : a + 1;
		if (mark == NULL)
			continue;
		if (mark[0] == 'P')
			contact_phone(ctx, nt, out, a, b);
		else
			contact_address(nt, out, a, b, mark[0]);
	}
	pcre2_match_data_free(md);
	contact_email(ctx, nt, out);
}
