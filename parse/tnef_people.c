/*
 * tnef_people.c: the people of a TNEF meeting: the organizer (sender
 * properties, attFrom, PidLidOrganizerAlias) and the attendees
 * (attRecipTable, which libytnef does not decode, then the attendee
 * strings and PR_DISPLAY_TO/CC/BCC). Strings go into struct tnef,
 * which owns them; addresses are SMTP only, lower-case.
 */
#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "tnef_int.h"

/* "SMTP:a@b", "mailto:a@b", "a@b" -> "a@b" lower-case; NULL for anything
 * else (an Exchange X.500 address, a name). */
static char *
smtp_addr(const char *s)
{
	const char *at;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '<')
		s++;
	if (g_ascii_strncasecmp(s, "SMTP:", 5) == 0)
		s += 5;
	else if (g_ascii_strncasecmp(s, "mailto:", 7) == 0)
		s += 7;
	at = strchr(s, '@');
	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') ||
	    *s == '/')
		return NULL;
	for (const char *p = s; *p; p++)
		if (*p == ' ' || *p == '<' || *p == '>' || *p == ',' ||
		    *p == ';' || *p == '"' || (unsigned char)*p < 0x20) {
			if (*p == '>' && p[1] == '\0')
				return g_ascii_strdown(s, p - s);
			return NULL;
		}
	return g_ascii_strdown(s, -1);
}

/* Adds a person to c->t->attendees unless one with the same address
 * (or, without address, name) is there; a name fills a missing one.
 * addr_raw is made an SMTP address or dropped. Over the cap: noted. */
static void
add_person(struct ctx *c, const char *name, const char *addr_raw,
    enum tnef_role role)
{
	struct tnef *t = c->t;
	char *addr = smtp_addr(addr_raw);
	struct tnef_person *p;

	if (name != NULL && *name == '\0')
		name = NULL;
	if (name == NULL && addr == NULL)
		return;
	for (size_t i = 0; i < t->n_attendees; i++) {
		p = &t->attendees[i];
		if ((addr != NULL && p->addr != NULL &&
		    strcmp(addr, p->addr) == 0) || (addr == NULL &&
		    name != NULL && p->name != NULL &&
		    strcmp(name, p->name) == 0)) {
			if (p->name == NULL && name != NULL)
				p->name = g_strdup(name);
			g_free(addr);
			return;
		}
	}
	if (t->n_attendees >= c->max_people) {
		tnef_note(t, "more TNEF attendees than the cap");
		g_free(addr);
		return;
	}
	t->attendees = g_renew(struct tnef_person, t->attendees,
	    t->n_attendees + 1);
	p = &t->attendees[t->n_attendees++];
	p->name = name != NULL ? g_strdup(name) : NULL;
	p->addr = addr;
	p->role = role;
}

/* "Anna A; b@c; Bo B <d@e>" -> people. */
static void
add_list(struct ctx *c, const char *list, enum tnef_role role)
{
	char **v;

	if (list == NULL)
		return;
	v = g_strsplit_set(list, ";\r\n", -1);
	for (char **p = v; *p != NULL; p++) {
		char *tok = g_strstrip(*p), *lt;
		char *addr;

		if (*tok == '\0')
			continue;
		if ((lt = strrchr(tok, '<')) != NULL &&
		    (addr = smtp_addr(lt + 1)) != NULL) {
			*lt = '\0';
			g_strstrip(tok);
			if (tok[0] == '"' && tok[1] != '\0' &&
			    tok[strlen(tok) - 1] == '"') {
				tok[strlen(tok) - 1] = '\0';
				tok++;
			}
			add_person(c, tok, addr, role);
			g_free(addr);
		} else if ((lt = strrchr(tok, '(')) != NULL &&
		    tok[strlen(tok) - 1] == ')' && (tok[strlen(tok) - 1] = '\0',
		    addr = smtp_addr(lt + 1)) != NULL) {
			/* "Name (a@b)", as Outlook writes a name it has no
			 * address book entry for */
			*lt = '\0';
			g_strstrip(tok);
			add_person(c, tok, addr, role);
			g_free(addr);
		} else if ((addr = smtp_addr(tok)) != NULL) {
			add_person(c, NULL, addr, role);
			g_free(addr);
		} else {
			add_person(c, tok, NULL, role);
		}
	}
	g_strfreev(v);
}

/* PR_*_SEARCH_KEY: "SMTP:A@B\0" (binary). */
static char *
search_key_addr(struct ctx *c, unsigned id)
{
	const variableLength *vl = tnef_get_bin(c, id, NULL);
	char *s, *a;

	if (vl == NULL)
		return NULL;
	s = g_strndup((const char *)vl->data, MIN((size_t)vl->size,
	    (size_t)TNEF_MAX_NAME));
	a = smtp_addr(s);
	g_free(s);
	return a;
}

/* The SMTP address of a sender: its PR_*_SMTP_ADDRESS, else its
 * PR_*_EMAIL_ADDRESS when PR_*_ADDRTYPE is SMTP or absent, else its
 * search key; new or NULL. */
static char *
addr_of(struct ctx *c, unsigned smtp, unsigned email, unsigned type,
    unsigned key)
{
	char *s, *a = NULL, *ty;

	if ((s = tnef_get_str(c, smtp, NULL)) != NULL) {
		a = smtp_addr(s);
		g_free(s);
	}
	if (a == NULL && (s = tnef_get_str(c, email, NULL)) != NULL) {
		ty = tnef_get_str(c, type, NULL);
		if (ty == NULL || g_ascii_strcasecmp(ty, "SMTP") == 0)
			a = smtp_addr(s);
		g_free(ty);
		g_free(s);
	}
	if (a == NULL)
		a = search_key_addr(c, key);
	return a;
}

/* attFrom: a TRP header (id, size, name length, address length), the
 * name, the address ("SMTP:a@b"). */
static void
from_triple(const struct attr *a, char **name, char **addr)
{
	size_t cch, cb;
	char *s;

	if (a == NULL || a->len < 8)
		return;
	cch = le16(a->p + 4);
	cb = le16(a->p + 6);
	if (cch > a->len - 8 || cb > a->len - 8 - cch)
		return;
	*name = g_strndup((const char *)a->p + 8, cch);
	s = g_strndup((const char *)a->p + 8 + cch, cb);
	*addr = smtp_addr(s);
	g_free(s);
}

/* The sender (PR_SENT_REPRESENTING_*, else PR_SENDER_*, else attFrom):
 * the organizer of a request, cancel or appointment; in a response the
 * attendee who answers (then an attendee, as iTIP REPLY has it).
 * PidLidOrganizerAlias, when it holds an address, names the organizer. */
void
tnef_organizer(struct ctx *c, const struct attr *a_from)
{
	struct tnef *t = c->t;
	char *name = tnef_get_str(c, P_SENT_REP_NAME, NULL);
	char *addr = addr_of(c, P_SENT_REP_SMTP, P_SENT_REP_EMAIL,
	    P_SENT_REP_ADDRTYPE, P_SENT_REP_SEARCH_KEY);
	char *sn = tnef_get_str(c, P_SENDER_NAME, NULL);
	char *sa = addr_of(c, P_SENDER_SMTP, P_SENDER_EMAIL, P_SENDER_ADDRTYPE,
	    P_SENDER_SEARCH_KEY);
	char *alias = tnef_get_str(c, L_ORGANIZER_ALIAS, tnef_psetid_appt);
	char *aa = smtp_addr(alias);
	bool reply = t->kind == TNEF_KIND_RESP_POS ||
	    t->kind == TNEF_KIND_RESP_NEG || t->kind == TNEF_KIND_RESP_TENT;

	g_free(alias);
	if (addr == NULL && name == NULL) {
		name = sn;
		addr = sa;
		sn = sa = NULL;
	}
	if (addr == NULL && name == NULL) {
		char *fn = NULL, *fa = NULL;

		from_triple(a_from, &fn, &fa);
		name = fn != NULL ? tnef_fit(c, tnef_cp_to_utf8(fn, strlen(fn),
		    c->cp)) : NULL;
		g_free(fn);
		addr = fa;
	}
	g_free(sn);
	g_free(sa);
	if (reply && (name != NULL || addr != NULL)) {
		add_person(c, name, addr, TNEF_ROLE_REQUIRED);
		g_free(name);
		g_free(addr);
		name = addr = NULL;
	}
	if (aa != NULL && (addr == NULL || strcmp(aa, addr) != 0)) {
		if (!reply && (name != NULL || addr != NULL))
			add_person(c, name, addr, TNEF_ROLE_UNKNOWN);
		g_free(name);
		g_free(addr);
		name = NULL;
		addr = aa;
		aa = NULL;
	}
	g_free(aa);
	if (name == NULL && addr == NULL)
		return;
	t->has_organizer = true;
	t->organizer.name = name;
	t->organizer.addr = addr;
	t->organizer.role = TNEF_ROLE_REQUIRED;
}

/* What a recipient table row says that we use. */
struct recip {
	char		*name;	/* PR_DISPLAY_NAME */
	char		*email;	/* PR_EMAIL_ADDRESS */
	char		*smtp;	/* PR_SMTP_ADDRESS */
	char		*type;	/* PR_ADDRTYPE */
	uint32_t	 rtype;	/* PR_RECIPIENT_TYPE: 1 to, 2 cc, 3 bcc */
};

/* Skips the name of a named property (property set, LID or string) in r. */
static void
recip_skip_name(struct rd *r)
{
	uint32_t kind;

	rdskip(r, 16);
	kind = rd32(r);
	if (kind == 0)
		rdskip(r, 4);
	else {
		uint32_t l = rd32(r);

		rdskip(r, ((size_t)l + 3) & ~(size_t)3);
	}
}

/* The field of w that string property id takes (its first value of a
 * single-valued string only), or NULL for one we do not use. */
static char **
recip_field(struct recip *w, unsigned id, unsigned pt, bool mv, uint32_t v)
{
	if (v != 0 || mv || (pt != PT_STRING8 && pt != PT_UNICODE))
		return NULL;
	return id == 0x3001 ? &w->name : id == 0x3003 ? &w->email :
	    id == 0x39FE ? &w->smtp : id == 0x3002 ? &w->type : NULL;
}

/* Reads a string or binary value (type pt) at r; into *dst, as fitted
 * UTF-8, when dst is given and *dst still empty. */
static void
recip_var(struct ctx *c, struct rd *r, unsigned pt, char **dst)
{
	uint32_t l = rd32(r);
	size_t padded;

	if (r->bad || l > r->n - r->off) {
		r->bad = true;
		return;
	}
	if (dst != NULL && *dst == NULL) {
		const char *d = (const char *)r->p + r->off;
		char *s;

		if (pt == PT_UNICODE)
			s = g_convert(d, (gssize)(l & ~1u), "UTF-8", "UTF-16LE",
			    NULL, NULL, NULL);
		else
			s = tnef_cp_to_utf8(d, strnlen(d, l), c->cp);
		*dst = tnef_fit(c, s);
	}
	padded = ((size_t)l + 3) & ~(size_t)3;
	rdskip(r, MIN(padded, r->n - r->off));
}

/* Reads value v of property id (type pt, MV_FLAG off; mv: it was set)
 * at r into w; r->bad on a type we cannot walk or a value cut short. */
static void
recip_value(struct ctx *c, struct rd *r, struct recip *w, unsigned id,
    unsigned pt, bool mv, uint32_t v)
{
	switch (pt) {
	case PT_I2: case PT_LONG: case PT_R4:
	case PT_ERROR: case PT_BOOLEAN:
		if (!mv && id == 0x0C15 && pt == PT_LONG && r->n - r->off >= 4)
			w->rtype = le32(r->p + r->off);
		rdskip(r, 4);
		break;
	case PT_DOUBLE: case PT_CURRENCY:
	case PT_APPTIME: case PT_I8: case PT_SYSTIME:
		rdskip(r, 8);
		break;
	case PT_CLSID:
		rdskip(r, 16);
		break;
	case PT_STRING8: case PT_UNICODE:
	case PT_BINARY: case PT_OBJECT:
		recip_var(c, r, pt, recip_field(w, id, pt, mv, v));
		break;
	default:
		r->bad = true;
		break;
	}
}

/* Reads one property of a row at r (its tag, name, value count and
 * values) into w. */
static void
recip_prop(struct ctx *c, struct rd *r, struct recip *w)
{
	uint32_t tag = rd32(r), count = 1;
	unsigned pt = PROP_TYPE(tag), id = PROP_ID(tag);
	bool mv = (pt & MV_FLAG) != 0;

	pt &= ~MV_FLAG;
	if (id >= 0x8000)
		recip_skip_name(r);
	if (mv || pt == PT_STRING8 || pt == PT_UNICODE ||
	    pt == PT_BINARY || pt == PT_OBJECT)
		count = rd32(r);
	if (count > 10000) {
		r->bad = true;
		return;
	}
	for (uint32_t v = 0; v < count && !r->bad; v++)
		recip_value(c, r, w, id, pt, mv, v);
}

/* Reads one row at r and adds its person, read whole: the SMTP address
 * (PR_SMTP_ADDRESS, else PR_EMAIL_ADDRESS of an SMTP or no PR_ADDRTYPE)
 * and the role its PR_RECIPIENT_TYPE gives. */
static void
recip_row(struct ctx *c, struct rd *r)
{
	struct recip w = { NULL, NULL, NULL, NULL, 1 };
	uint32_t nprop = rd32(r);

	if (nprop > 1000) {
		r->bad = true;
		return;
	}
	for (uint32_t k = 0; k < nprop && !r->bad; k++)
		recip_prop(c, r, &w);
	if (!r->bad) {
		const char *addr = w.smtp != NULL ? w.smtp :
		    (w.type == NULL || g_ascii_strcasecmp(w.type,
		    "SMTP") == 0) ? w.email : NULL;

		add_person(c, w.name, addr, w.rtype == 2 ?
		    TNEF_ROLE_OPTIONAL : w.rtype == 3 ?
		    TNEF_ROLE_RESOURCE : TNEF_ROLE_REQUIRED);
	}
	g_free(w.name);
	g_free(w.email);
	g_free(w.smtp);
	g_free(w.type);
}

/* attRecipTable: libytnef does not decode it (its handler returns at
 * once). Rows of MAPI properties: a small reader for the few string and
 * long properties a row needs, every length checked. */
static void
recip_table(struct ctx *c, const struct attr *a)
{
	struct rd r = { a->p, a->len, 0, false };
	uint32_t rows = rd32(&r);

	for (uint32_t row = 0; row < rows && !r.bad; row++)
		recip_row(c, &r);
	if (r.bad)
		tnef_note(c->t, "a TNEF recipient table was damaged");
}

/* The attendees: recipient table rows, then the attendee strings and
 * PR_DISPLAY_TO/CC/BCC (the same person once). */
void
tnef_people(struct ctx *c, const struct attr *a_recip)
{
	static const struct { unsigned id; const unsigned char *guid;
	    enum tnef_role role; } lists[] = {
		{ L_TO_ATTENDEES, tnef_psetid_appt, TNEF_ROLE_REQUIRED },
		{ L_CC_ATTENDEES, tnef_psetid_appt, TNEF_ROLE_OPTIONAL },
		{ L_ALL_ATTENDEES, tnef_psetid_appt, TNEF_ROLE_UNKNOWN },
		{ P_DISPLAY_TO, NULL, TNEF_ROLE_REQUIRED },
		{ P_DISPLAY_CC, NULL, TNEF_ROLE_OPTIONAL },
		{ P_DISPLAY_BCC, NULL, TNEF_ROLE_RESOURCE },
	};

	if (a_recip != NULL)
		recip_table(c, a_recip);
	for (size_t i = 0; i < G_N_ELEMENTS(lists); i++) {
		char *s = tnef_get_str(c, lists[i].id, lists[i].guid);

		add_list(c, s, lists[i].role);
		g_free(s);
	}
}
