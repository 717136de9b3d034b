/*
 * ical.c: one iCalendar object -> the invite's calendars, components and
 * texts, copied out of libical (no libical type leaves this file).
 * libical accepts a lot and marks bad lines with X-LIC-ERROR; what it
 * cannot parse at all is scanned line by line instead, so text in a
 * broken calendar is still inspected (RFC 5545 3.1 unfolding, 3.3.11
 * escapes).
 */
#include <stdint.h>
#include <string.h>
#include <glib.h>
#include <libical/ical.h>

#include "parse_int.h"
#include "limits.h"

void
parse_ical_unescape(char *s)
{
	char *w = s;

	for (const char *r = s; *r; r++) {
		if (*r == '\\' && r[1] != '\0') {
			r++;
			*w++ = (*r == 'n' || *r == 'N') ? '\n' : *r;
		} else
			*w++ = *r;
	}
	*w = '\0';
}

size_t
ical_unfold_bytes(char *b, size_t n)
{
	size_t w = 0, r = 0;

	/* Line by line (memchr finds the breaks): a break followed by one
	 * blank is dropped with the CR before it and the blank. */
	while (r < n) {
		const char *nl = memchr(b + r, '\n', n - r);
		size_t k, keep;

		if (nl == NULL) {
			keep = n;
			k = n;
		} else {
			k = (size_t)(nl - b);
			if (k + 1 < n && (b[k + 1] == ' ' || b[k + 1] == '\t'))
				keep = k > r && b[k - 1] == '\r' ? k - 1 : k;
			else
				keep = k + 1, k = SIZE_MAX;
		}
		if (w != r)
			memmove(b + w, b + r, keep - r);
		w += keep - r;
		if (nl == NULL)
			break;
		r = k == SIZE_MAX ? keep : k + 2;
	}
	return w;
}

static void
add_text(struct invite *inv, enum inv_field f, int comp, const char *s)
{
	if (s != NULL)
		invite_add_text(inv, f, comp, s, strlen(s));
}

/* The readable parts of a URI as text of field f (issue 17: a
 * personnummer in an ATTACH or URL address, "%2D" for its hyphen, was
 * never examined, and a URL in a text is skipped by the rules): the
 * path segments, query names and values and the fragment after the
 * scheme and host, each percent-decoded, one a line, so that '/' or
 * '=' next to a number is no longer next to it. */
static void
add_uri_text(struct invite *inv, enum inv_field f, int comp, const char *uri)
{
	const char *p = uri, *colon;
	GString *out = g_string_new(NULL);
	GByteArray *seg = g_byte_array_new();

	if (uri == NULL)
		goto done;
	colon = strchr(p, ':');
	if (colon != NULL && colon > p && strspn(p, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.") == (size_t)(colon - p))
		p = colon + 1;		/* the scheme */
	if (p[0] == '/' && p[1] == '/')
		p += 2 + strcspn(p + 2, "/?#");	/* the host */
	for (;; p++) {
		if (*p == '\0' || strchr("/?&=;#", *p) != NULL) {
			if (seg->len > 0) {
				char *u = invite_to_utf8(inv, (const char *)seg->data,
				    seg->len, NULL);

				if (out->len > 0)
					g_string_append_c(out, '\n');
				g_string_append(out, u);
				g_free(u);
				g_byte_array_set_size(seg, 0);
			}
			if (*p == '\0')
				break;
			continue;
		}
		{
			guchar c = (guchar)*p;

			if (c == '%' && g_ascii_isxdigit(p[1]) &&
			    g_ascii_isxdigit(p[2])) {
				c = (guchar)(g_ascii_xdigit_value(p[1]) * 16 +
				    g_ascii_xdigit_value(p[2]));
				p += 2;
			} else if (c == '+')
				c = ' ';
			g_byte_array_append(seg, &c, 1);
		}
	}
	invite_add_text(inv, f, comp, out->str, out->len);
done:
	g_byte_array_unref(seg);
	g_string_free(out, TRUE);
}

/* The local part of a mailto: address with a digit in it, as text of
 * field f (issue 17: "mailto:19121212-1212@x" was never examined, an
 * address being skipped by the rules): percent-decoded, split at '.',
 * '_' and '+' into lines. */
static void
add_local_part(struct invite *inv, enum inv_field f, int comp,
    const char *addr)
{
	const char *at = addr ? strrchr(addr, '@') : NULL;
	GString *out;
	char *u;

	if (at == NULL || strpbrk(addr, "0123456789") == NULL ||
	    strpbrk(addr, "0123456789") > at)
		return;
	out = g_string_new(NULL);
	header_local_lines(out, addr, at, true);
	u = invite_to_utf8(inv, out->str, out->len, NULL);
	invite_add_text(inv, f, comp, u, strlen(u));
	g_free(u);
	g_string_free(out, TRUE);
}

static char *
lower_addr(const char *v)
{
	char *a;

	if (v == NULL)
		return NULL;
	if (g_ascii_strncasecmp(v, "mailto:", 7) == 0)
		v += 7;
	else if (strchr(v, ':') != NULL || strchr(v, '@') == NULL)
		return NULL;		/* EX:/X.500, urn:, garbage */
	a = g_ascii_strdown(v, -1);
	g_strstrip(a);
	if (*a == '\0' || strchr(a, '@') == NULL || strchr(a, ' ')) {
		g_free(a);
		return NULL;
	}
	return a;
}

static char *
param_upper(icalproperty *p, const char *name)
{
	char *v = icalproperty_get_parameter_as_string_r(p, name);
	char *u;

	if (v == NULL)
		return NULL;
	u = g_ascii_strup(v, -1);
	icalmemory_free_buffer(v);
	return u;
}

/* A CN or another text parameter value as a reader sees it: RFC 6868
 * escapes (^n a line break, ^' a double quote, ^^ a caret) and RFC 2047
 * encoded words (some clients write CN="=?UTF-8?B?...?=") undone
 * (session 16: a personnummer in an encoded CN passed unexamined). A
 * new string. */
static char *
cn_text(struct invite *inv, const char *v)
{
	GString *o = g_string_sized_new(strlen(v));
	char *t;

	for (const char *p = v; *p; p++) {
		if (p[0] == '^' && (p[1] == 'n' || p[1] == 'N')) {
			g_string_append_c(o, '\n');
			p++;
		} else if (p[0] == '^' && p[1] == '\'') {
			g_string_append_c(o, '"');
			p++;
		} else if (p[0] == '^' && p[1] == '^') {
			g_string_append_c(o, '^');
			p++;
		} else
			g_string_append_c(o, *p);
	}
	if (strstr(o->str, "=?") == NULL)
		return g_string_free(o, FALSE);
	t = header_text(inv, o->str);
	g_string_free(o, TRUE);
	return t;
}

static void
fill_person(struct invite *inv, struct inv_person *pp, icalproperty *p,
    int comp, enum inv_field f)
{
	char *cn = icalproperty_get_parameter_as_string_r(p, "CN");
	const char *v = icalproperty_get_value_as_string(p);

	pp->raw = v ? g_strdup(v) : NULL;
	pp->addr = lower_addr(v);
	if (pp->addr == NULL) {
		/* CalendarServer/iCloud: the value is a principal path or
		 * urn:uuid:, the address is in EMAIL= (RFC 7986 5.9). */
		char *em = icalproperty_get_parameter_as_string_r(p, "EMAIL");

		if (em != NULL) {
			pp->addr = lower_addr(em);
			icalmemory_free_buffer(em);
		}
	}
	add_local_part(inv, f, comp, pp->addr);
	if (cn != NULL) {
		pp->cn = cn_text(inv, cn);
		icalmemory_free_buffer(cn);
		add_text(inv, f, comp, pp->cn);
	}
	pp->cutype = param_upper(p, "CUTYPE");
	pp->role = param_upper(p, "ROLE");
}

/* The value of a known TEXT property, escapes undone by libical; owned
 * by libical (read it before the next libical call). */
static const char *
known_text(icalproperty *p)
{
	icalvalue *val = icalproperty_get_value(p);

	return val && icalvalue_isa(val) == ICAL_TEXT_VALUE ?
	    icalvalue_get_text(val) : icalproperty_get_value_as_string(p);
}

/* The TEXT value of the X- property p with escapes undone (libical
 * keeps them in X- properties): a new string, or NULL. */
static char *
text_value(icalproperty *p)
{
	const char *v = icalproperty_get_x(p);
	char *s;

	if (v == NULL)
		return NULL;
	s = g_strdup(v);
	parse_ical_unescape(s);
	return s;
}

static void
add_attach(struct inv_comp *c, icalproperty *p, struct invite *inv, int ci)
{
	icalattach *a = icalproperty_get_attach(p);
	struct inv_attach *at;
	char *v;

	c->attach = g_renew(struct inv_attach, c->attach, c->n_attach + 1);
	at = &c->attach[c->n_attach++];
	memset(at, 0, sizeof(*at));
	if (a != NULL && icalattach_get_is_url(a)) {
		const char *u = icalattach_get_url(a);

		at->uri = u ? g_strdup(u) : NULL;
		add_uri_text(inv, FLD_ATTACHMENT_NAME, ci, u);
	} else if (a != NULL) {
		const char *d = (const char *)icalattach_get_data(a);

		at->size = d ? strlen(d) / 4 * 3 : 0;
	}
	if ((v = icalproperty_get_parameter_as_string_r(p, "FMTTYPE"))) {
		at->type = g_ascii_strdown(v, -1);
		icalmemory_free_buffer(v);
	}
	if ((v = icalproperty_get_parameter_as_string_r(p, "FILENAME")) ||
	    (v = icalproperty_get_parameter_as_string_r(p, "X-FILENAME"))) {
		at->name = g_strdup(v);
		icalmemory_free_buffer(v);
		add_text(inv, FLD_ATTACHMENT_NAME, ci, at->name);
	}
}


/* The error text of an X-LIC-ERROR names the property libical removed
 * ("... in RRULE property. Removing entire property: ..."). */
static void
broken_recurrence(struct inv_comp *c, const char *err)
{
	static const char *const names[] = { "RRULE", "RDATE", "EXRULE",
	    "EXDATE", "RECURRENCE-ID" };
	bool *flags[] = { &c->has_rrule, &c->has_rdate, &c->has_exrule,
	    &c->has_exdate, &c->has_recurrence_id };
	char pat[40];

	if (err == NULL)
		return;
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		g_snprintf(pat, sizeof(pat), " %s property", names[i]);
		if (strstr(err, pat) != NULL)
			*flags[i] = true;
		g_snprintf(pat, sizeof(pat), "property %s", names[i]);
		if (strstr(err, pat) != NULL)
			*flags[i] = true;
	}
}

/* DTSTART as written and, when libical can read it, as a time. */
static void
read_dtstart(struct inv_comp *c, icalproperty *p)
{
	struct icaltimetype tt = icalproperty_get_dtstart(p);
	const char *v = icalproperty_get_value_as_string(p);

	g_free(c->dtstart);
	c->dtstart = v ? g_strdup(v) : NULL;
	if (!icaltime_is_null_time(tt) && icaltime_is_valid_time(tt))
		c->dtstart_t = icaltime_as_timet_with_zone(tt,
		    tt.zone ? tt.zone : icaltimezone_get_utc_timezone());
}

/* One more ATTENDEE of component ci, up to limits.attendees. */
static void
add_attendee(struct invite *inv, struct inv_comp *c, int ci, icalproperty *p,
    const struct parse_limits *lim)
{
	if (c->n_attendees >= lim->attendees) {
		invite_limit(inv, "attendees",
		    "more attendees than limits.attendees");
		return;
	}
	c->attendees = g_renew(struct inv_person, c->attendees,
	    c->n_attendees + 1);
	memset(&c->attendees[c->n_attendees], 0, sizeof(struct inv_person));
	fill_person(inv, &c->attendees[c->n_attendees++], p, ci,
	    FLD_ATTENDEE_CN);
}

/* The X- properties the rules read: X-ALT-DESC (HTML, as text), the
 * Teams join URL, Outlook's instance type and its own recurrence. */
static void
read_x_property(struct invite *inv, struct inv_comp *c, int ci,
    icalproperty *p)
{
	const char *name = icalproperty_get_x_name(p);
	char *t;

	if (name == NULL)
		return;
	if (!g_ascii_strcasecmp(name, "X-ALT-DESC")) {
		GString *out = g_string_new(NULL);

		t = text_value(p);
		if (t)
			parse_html_to_text(t, strlen(t), out);
		add_text(inv, FLD_ALTDESC, ci, out->str);
		g_string_free(out, TRUE);
		g_free(t);
	} else if (!g_ascii_strcasecmp(name,
	    "X-MICROSOFT-SKYPETEAMSMEETINGURL")) {
		g_free(c->teams_url);
		c->teams_url = text_value(p);
		inv->flags |= INV_TEAMS;
	} else if (!g_ascii_strcasecmp(name, "X-MICROSOFT-SKYPETEAMSPROPERTIES") ||
	    (!g_ascii_strcasecmp(name, "X-MICROSOFT-ONLINEMEETINGCONFLINK") &&
	    icalproperty_get_x(p) != NULL &&
	    g_strrstr(icalproperty_get_x(p), ":teams:") != NULL)) {
		/* Teams without a join URL (dial-in only, consumer) */
		inv->flags |= INV_TEAMS;
	} else if (!g_ascii_strcasecmp(name, "X-MICROSOFT-CDO-INSTTYPE")) {
		const char *v = icalproperty_get_x(p);

		if (v && g_ascii_isdigit(v[0]))
			c->ms_insttype = v[0] - '0';
	} else if (!g_ascii_strcasecmp(name, "X-MICROSOFT-RRULE") ||
	    !g_ascii_strcasecmp(name, "X-MICROSOFT-EXDATE"))
		c->has_ms_rrule = true;
}

/* One VEVENT/VTODO (ic) of calendar cal -> a new inv_comp, its texts,
 * people and series facts; stops at limits.components and
 * limits.properties. */
static void
read_component(struct invite *inv, icalcomponent *ic, int cal,
    const struct parse_limits *lim)
{
	struct inv_comp *c;
	size_t n_props = 0;
	int ci;

	if (inv->n_comps >= lim->components) {
		invite_limit(inv, "components",
		    "more calendar components than limits.components");
		return;
	}
	inv->comps = g_renew(struct inv_comp, inv->comps, inv->n_comps + 1);
	ci = (int)inv->n_comps;
	c = &inv->comps[inv->n_comps++];
	memset(c, 0, sizeof(*c));
	c->kind = g_strdup(icalcomponent_kind_to_string(icalcomponent_isa(ic)));
	c->cal = cal;
	c->ms_insttype = -1;
	for (icalproperty *p = icalcomponent_get_first_property(ic,
	    ICAL_ANY_PROPERTY); p != NULL;
	    p = icalcomponent_get_next_property(ic, ICAL_ANY_PROPERTY)) {
		icalproperty_kind k = icalproperty_isa(p);

		if (++n_props > lim->properties) {
			invite_limit(inv, "properties", "more properties in a "
			    "calendar component than limits.properties");
			break;
		}
		switch (k) {
		case ICAL_SUMMARY_PROPERTY:
		case ICAL_DESCRIPTION_PROPERTY:
		case ICAL_LOCATION_PROPERTY:
		case ICAL_COMMENT_PROPERTY:
		case ICAL_CATEGORIES_PROPERTY:
			/* No copy of our own: add_text copies it. */
			add_text(inv, k == ICAL_SUMMARY_PROPERTY ? FLD_SUMMARY :
			    k == ICAL_DESCRIPTION_PROPERTY ? FLD_DESCRIPTION :
			    k == ICAL_LOCATION_PROPERTY ? FLD_LOCATION :
			    k == ICAL_COMMENT_PROPERTY ? FLD_COMMENT :
			    FLD_CATEGORIES, ci, known_text(p));
			break;
		case ICAL_RRULE_PROPERTY:
			c->has_rrule = true;
			break;
		case ICAL_RDATE_PROPERTY:
			c->has_rdate = true;
			break;
		case ICAL_EXRULE_PROPERTY:
			c->has_exrule = true;
			break;
		case ICAL_EXDATE_PROPERTY:
			c->has_exdate = true;
			break;
		case ICAL_RECURRENCEID_PROPERTY:
			c->has_recurrence_id = true;
			break;
		case ICAL_XLICERROR_PROPERTY:
			/* libical removed a property it could not parse; a
			 * recurrence it names still makes a series (a
			 * malformed RRULE is no single meeting). */
			broken_recurrence(c, icalproperty_get_xlicerror(p));
			break;
		case ICAL_UID_PROPERTY:
			g_free(c->uid);
			c->uid = g_strdup(icalproperty_get_uid(p));
			break;
		case ICAL_DTSTART_PROPERTY:
			read_dtstart(c, p);
			break;
		case ICAL_ORGANIZER_PROPERTY:
			if (!c->has_organizer) {
				c->has_organizer = true;
				fill_person(inv, &c->organizer, p, ci,
				    FLD_ORGANIZER_CN);
			}
			break;
		case ICAL_ATTENDEE_PROPERTY:
			add_attendee(inv, c, ci, p, lim);
			break;
		case ICAL_ATTACH_PROPERTY:
			add_attach(c, p, inv, ci);
			break;
		case ICAL_URL_PROPERTY:
			add_uri_text(inv, FLD_COMMENT, ci,
			    icalproperty_get_value_as_string(p));
			break;
		case ICAL_X_PROPERTY:
			read_x_property(inv, c, ci, p);
			break;
		default:
			break;
		}
	}
}

static void
read_calendar(struct invite *inv, icalcomponent *cal, int ci,
    const struct parse_limits *lim)
{
	icalproperty *m = icalcomponent_get_first_property(cal,
	    ICAL_METHOD_PROPERTY);

	if (m != NULL && inv->cals[ci].method == NULL) {
		const char *v = icalproperty_get_value_as_string(m);

		if (v)
			inv->cals[ci].method = g_ascii_strup(v, -1);
	}
	for (icalcomponent *c = icalcomponent_get_first_component(cal,
	    ICAL_ANY_COMPONENT); c != NULL;
	    c = icalcomponent_get_next_component(cal, ICAL_ANY_COMPONENT)) {
		icalcomponent_kind k = icalcomponent_isa(c);

		if (k == ICAL_VEVENT_COMPONENT || k == ICAL_VTODO_COMPONENT)
			read_component(inv, c, ci, lim);
		else if (k == ICAL_VCALENDAR_COMPONENT)
			read_calendar(inv, c, ci, lim);
	}
}

/* The unfolded text of s[0..len): folds undone, CR LF and CR as LF, a
 * NUL as a space. A new GString. */
static GString *
unfold_lines(const char *s, size_t len)
{
	GString *u = g_string_sized_new(len);

	for (size_t i = 0; i < len; i++) {
		if ((s[i] == '\r' || s[i] == '\n')) {
			size_t j = i + (s[i] == '\r' && i + 1 < len &&
			    s[i + 1] == '\n' ? 2 : 1);

			if (j < len && (s[j] == ' ' || s[j] == '\t')) {
				i = j;		/* folded: drop break + space */
				continue;
			}
			g_string_append_c(u, '\n');
			i = j - 1;
		} else
			g_string_append_c(u, s[i] ? s[i] : ' ');
	}
	return u;
}

/* What libical could not read: unfold, then take the text properties
 * and METHOD line by line. */
static void
scan_raw(struct invite *inv, const char *s, size_t len, int ci)
{
	static const struct { const char *name; enum inv_field f; } props[] = {
		{ "SUMMARY", FLD_SUMMARY }, { "DESCRIPTION", FLD_DESCRIPTION },
		{ "LOCATION", FLD_LOCATION }, { "COMMENT", FLD_COMMENT },
		{ "X-ALT-DESC", FLD_ALTDESC }, { "CATEGORIES", FLD_CATEGORIES },
	};
	GString *u = unfold_lines(s, len);

	/* Lines in place (no g_strsplit: one pass, no copy per line). */
	for (char *l = u->str, *next; l != NULL; l = next) {
		char *colon, *nl = memchr(l, '\n', u->len - (size_t)(l - u->str));
		bool quoted = false;

		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		for (colon = l; *colon; colon++) {
			if (*colon == '"')
				quoted = !quoted;
			else if (*colon == ':' && !quoted)
				break;
		}
		if (*colon != ':')
			continue;
		if (!g_ascii_strncasecmp(l, "METHOD:", 7) &&
		    inv->cals[ci].method == NULL) {
			inv->cals[ci].method = g_ascii_strup(l + 7, -1);
			g_strstrip(inv->cals[ci].method);
			continue;
		}
		for (size_t k = 0; k < G_N_ELEMENTS(props); k++) {
			size_t n = strlen(props[k].name);

			if (g_ascii_strncasecmp(l, props[k].name, n) == 0 &&
			    (l[n] == ':' || l[n] == ';')) {
				char *v = g_strdup(colon + 1);

				parse_ical_unescape(v);
				if (props[k].f == FLD_ALTDESC) {
					GString *o = g_string_new(NULL);

					parse_html_to_text(v, strlen(v), o);
					add_text(inv, FLD_ALTDESC, -1, o->str);
					g_string_free(o, TRUE);
				} else
					add_text(inv, props[k].f, -1, v);
				g_free(v);
			}
		}
	}
	g_string_free(u, TRUE);
}

/* Property names are case-insensitive (RFC 5545 2), but libical 3.0
 * rejects lower-case extension names ("x-alt-desc" becomes X-LIC-ERROR,
 * its text lost). Upper-cases the name of every content line in place;
 * continuation lines (a leading blank) and values are left alone. */
static void
upcase_names(char *s)
{
	for (char *p = s; p != NULL && *p != '\0'; ) {
		if (*p != ' ' && *p != '\t')
			for (; *p && *p != ';' && *p != ':' && *p != '\n'; p++)
				*p = g_ascii_toupper(*p);
		/* The rest of the line is value (strchr is the fast scan). */
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
}

/* Where libical's icalparser_add_line() (libical 3.0) ends the property
 * name of the content line l[0..n): at the first ';' or ':' outside
 * double quotes, never at the first byte, a backslash escaping the next
 * byte. Returns the name's length, trailing blanks cut, or -1 without
 * one (libical: an error line, no BEGIN or END); -2 when the name ends
 * in a byte 0x1C-0x1F, which iswspace() takes for a blank in some
 * locales only. */
static long
lib_name_len(const char *l, size_t n)
{
	bool quoted = false;
	size_t i;

	for (i = 1; i < n; i++) {
		if (l[i - 1] == '\\')
			continue;
		if (l[i] == '"')
			quoted = !quoted;
		else if (!quoted && (l[i] == ';' || l[i] == ':'))
			break;
	}
	if (i >= n)
		return -1;
	if (i > 0 && l[i - 1] >= 0x1C && l[i - 1] <= 0x1F)
		return -2;
	while (i > 0 && (l[i - 1] == ' ' || (l[i - 1] >= '\t' &&
	    l[i - 1] <= '\r')))
		i--;
	return (long)i;
}

/* The line l[0..n) (without its LF) is exactly "BEGIN:" kind, a CR at
 * the end allowed. */
static bool
is_begin_of(const char *l, size_t n, const char *kind)
{
	size_t k = strlen(kind);

	if (n > 0 && l[n - 1] == '\r')
		n--;
	return n == 6 + k && memcmp(l, "BEGIN:", 6) == 0 &&
	    memcmp(l + 6, kind, k) == 0;
}

/* Property names read_component() and read_calendar() never look at,
 * and names of X- properties they do read (any other X- property is
 * never read either). */
static const char *const unread_names[] = {
	"DTSTAMP", "DTEND", "DURATION", "PRODID", "VERSION", "TRANSP",
	"STATUS", "SEQUENCE", "CLASS", "PRIORITY", "CREATED",
	"LAST-MODIFIED", "CALSCALE",
};
static const char *const read_x_names[] = {
	"X-ALT-DESC", "X-MICROSOFT-SKYPETEAMSMEETINGURL",
	"X-MICROSOFT-SKYPETEAMSPROPERTIES", "X-MICROSOFT-ONLINEMEETINGCONFLINK",
	"X-MICROSOFT-CDO-INSTTYPE", "X-MICROSOFT-RRULE", "X-MICROSOFT-EXDATE",
};

/* The METHOD values (RFC 5546) that libical 3.0 reads as themselves:
 * as the value of the calendar's first METHOD line, read_calendar()
 * would make exactly this string of it. */
static const char *const plain_methods[] = {
	"REQUEST", "REPLY", "CANCEL", "PUBLISH", "ADD", "REFRESH", "COUNTER",
	"DECLINECOUNTER",
};

static bool
name_in(const char *l, size_t n, const char *const *names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(names[i]) == n && g_ascii_strncasecmp(l, names[i],
		    n) == 0)
			return true;
	return false;
}

/* The content line l[0..n) (its LF not counted) is "METHOD:" and one of
 * plain_methods, a CR at the end allowed: returns that value. */
static const char *
plain_method(const char *l, size_t n)
{
	if (n > 0 && l[n - 1] == '\r')
		n--;
	if (n < 8 || memcmp(l, "METHOD:", 7) != 0)
		return NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(plain_methods); i++)
		if (strlen(plain_methods[i]) == n - 7 &&
		    memcmp(l + 7, plain_methods[i], n - 7) == 0)
			return plain_methods[i];
	return NULL;
}

/* The property named l[0..n) is never read here. */
static bool
is_unread(const char *l, size_t n)
{
	if (n > 2 && g_ascii_strncasecmp(l, "X-", 2) == 0)
		return !name_in(l, n, read_x_names, G_N_ELEMENTS(read_x_names));
	return name_in(l, n, unread_names, G_N_ELEMENTS(unread_names));
}

/* More than libical 3.0's icalparser_add_line() can add to a component
 * from s: per content line one property, and per parameter (after a
 * ';') and per value (after a ',') at most two more (a copy for each
 * value of a multi-valued property, X-LIC-ERROR properties for what it
 * cannot parse), a line being ended by LF or CR. */
static size_t
lib_props_bound(const char *s)
{
	size_t lines = 1, seps = 0;

	for (const char *p = s + strcspn(s, "\n\r;,"); *p != '\0';
	    p += 1 + strcspn(p + 1, "\n\r;,")) {
		if (*p == '\n' || *p == '\r')
			lines++;
		else
			seps++;
	}
	return 8 * lines + 2 * seps;
}

/* libical builds every component and property it reads, and much of a
 * calendar is never read here: VTIMEZONE (about 15 % of the lines of a
 * typical Outlook invitation, and a timezone object is built from it)
 * and VALARM (read_calendar() takes VEVENT, VTODO and nested VCALENDAR
 * only, read_component() no sub-component), and properties such as
 * DTSTAMP or most X- properties (X- names are the slowest for libical
 * to look up). Returns a new copy of s without those, for libical
 * only, or NULL to parse s as it is. Only what libical would nest the
 * same way is cut: a "BEGIN:VTIMEZONE"/"BEGIN:VALARM" line inside an
 * open component up to the END that closes it, BEGIN and END counted as
 * libical counts them (lib_name_len), and unread property lines inside
 * a component, every line ended by LF. Property lines only when no
 * component can reach limits.properties (lib_props_bound), as cutting
 * them changes the count. A line libical would join to the one before
 * (a leading blank) or a name that is locale-dependent makes it give
 * up. The tree libical builds is then the one from s, less what is
 * never read. And with the property lines, in a text that is one
 * VCALENDAR, its first METHOD line when plain_method(): libical's look-up
 * of a METHOD value walks two of its tables, a cold cache's worth of
 * misses; *method is then the calendar's method (a static string), for
 * the caller to take instead of libical's. */
static char *
strip_unread(const char *s, size_t max_props, const char **method)
{
	GString *out = NULL;
	const char *l = s, *keep = s, *blk = NULL, *nl;
	size_t depth = 0, blk_depth = 0, roots = 0;
	bool give_up = false, props = lib_props_bound(s) <= max_props;
	bool in_vcal = false, seen_method = false;

	*method = NULL;
	if ((guchar)l[0] == 0xEF && (guchar)l[1] == 0xBB && (guchar)l[2] == 0xBF)
		l += 3;		/* libical skips a UTF-8 BOM */
	for (; !give_up && (nl = strchr(l, '\n')) != NULL; l = nl + 1) {
		size_t n = (size_t)(nl - l);
		long nn = lib_name_len(l, n);
		const char *cut = NULL;

		if (l[0] == ' ' || l[0] == '\t' || nn == -2)
			give_up = true;
		else if (nn == 5 && g_ascii_strncasecmp(l, "BEGIN", 5) == 0) {
			if (depth == 0 && ++roots == 1)
				in_vcal = is_begin_of(l, n, "VCALENDAR");
			else if (depth == 0 && *method != NULL)
				give_up = true;	/* libical: more roots */
			if (blk == NULL && depth > 0 &&
			    (is_begin_of(l, n, "VTIMEZONE") ||
			    is_begin_of(l, n, "VALARM"))) {
				blk = l;
				blk_depth = depth;
			}
			depth++;
		} else if (nn == 3 && g_ascii_strncasecmp(l, "END", 3) == 0) {
			depth = depth > 0 ? depth - 1 : 0;
			if (blk != NULL && depth == blk_depth) {
				cut = blk;
				blk = NULL;
			}
		} else if (nn == 6 && depth == 1 && in_vcal && roots == 1 &&
		    g_ascii_strncasecmp(l, "METHOD", 6) == 0) {
			if (!seen_method && props &&
			    (*method = plain_method(l, n)) != NULL)
				cut = l;
			seen_method = true;
		} else if (props && blk == NULL && depth > 0 && nn > 0 &&
		    is_unread(l, (size_t)nn))
			cut = l;
		if (cut != NULL) {
			if (out == NULL)
				out = g_string_sized_new(strlen(s));
			g_string_append_len(out, keep, cut - keep);
			keep = nl + 1;
		}
	}
	/* The last line (no LF) may be joined to the one before too. */
	if (out != NULL && (give_up || l[0] == ' ' || l[0] == '\t')) {
		g_string_free(out, TRUE);
		*method = NULL;
		return NULL;
	}
	if (out == NULL)
		return NULL;
	g_string_append(out, keep);
	return g_string_free(out, FALSE);
}

/* Text the component readers never look at, read from the calendar's
 * own lines (session 16: each of these passed unexamined): properties
 * of VALARM (an EMAIL alarm is mailed to its ATTENDEE), VJOURNAL beside
 * a VEVENT, VFREEBUSY, X- components (not VTIMEZONE); calendar-level NAME,
 * DESCRIPTION, X-WR-CALNAME; CONTACT, RESOURCES, STYLED-DESCRIPTION,
 * CONFERENCE and X- properties (X-MICROSOFT-LOCATIONDISPLAYNAME) of a
 * VEVENT/VTODO; vCalendar 1.0 DALARM/AALARM display strings; and the
 * text parameters of any line: X-TITLE (Apple's structured location),
 * LABEL, ALTREP and DIR (URIs), SENT-BY, DELEGATED-FROM/-TO, MEMBER,
 * EMAIL (their local parts), and CN outside VEVENT/VTODO. Machine data
 * (dates, UIDs, rules, the Teams ids) is skipped. One text per field
 * for the whole calendar, each value once, so a long series does not
 * use up limits.texts. */
static const char *const machine_names[] = {
	"BEGIN", "END", "DTSTART", "DTEND", "DTSTAMP", "DUE", "COMPLETED",
	"CREATED", "LAST-MODIFIED", "RECURRENCE-ID", "RRULE", "RDATE",
	"EXDATE", "EXRULE", "UID", "SEQUENCE", "PRIORITY", "STATUS", "TRANSP",
	"CLASS", "DURATION", "TRIGGER", "ACTION", "REPEAT", "TZID",
	"TZOFFSETFROM", "TZOFFSETTO", "TZURL", "FREEBUSY", "PERCENT-COMPLETE",
	"GEO", "VERSION", "PRODID", "CALSCALE", "METHOD", "REQUEST-STATUS",
	"ACKNOWLEDGED",
	"RELATED-TO", "ATTACH", "X-LIC-ERROR",
	"X-MICROSOFT-SKYPETEAMSPROPERTIES",
	"X-MICROSOFT-ONLINEMEETINGCONFLINK", "X-MICROSOFT-SKYPETEAMSMEETINGURL",
	"X-MICROSOFT-RRULE", "X-MICROSOFT-EXDATE", "X-MICROSOFT-CDO-INSTTYPE",
	"X-MICROSOFT-CDO-OWNERAPPTID", "X-MICROSOFT-CDO-APPT-SEQUENCE",
	"X-MICROSOFT-CDO-IMPORTANCE", "X-MICROSOFT-CDO-BUSYSTATUS",
	"X-MICROSOFT-CDO-INTENDEDSTATUS", "X-MICROSOFT-CDO-ALLDAYEVENT",
	"X-MICROSOFT-CDO-OWNER-CRITICAL-CHANGE",
	"X-MICROSOFT-CDO-ATTENDEE-CRITICAL-CHANGE",
	"X-MICROSOFT-CDO-REPLYTIME", "X-MS-OLK-APPTSEQTIME",
	"X-MS-OLK-APPTLASTSEQUENCE", "X-MS-OLK-CONFTYPE",
	"X-MS-OLK-AUTOSTARTCHECK", "X-MS-OLK-AUTOFILLLOCATION",
	"X-MS-OLK-ALLOWEXTERNCHECK", "X-MICROSOFT-DISALLOW-COUNTER",
	"X-MICROSOFT-DONOTFORWARDMEETING", "X-MICROSOFT-ISRESPONSEREQUESTED",
	"X-MICROSOFT-REQUESTEDATTENDANCEMODE", "X-LIC-LOCATION",
	"X-WR-TIMEZONE", "X-ENTOURAGE_UUID", "X-MOZ-GENERATION",
	"X-MOZ-LASTACK", "X-MOZ-SEND-INVITATIONS",
	"X-MOZ-SEND-INVITATIONS-UNDISCLOSED", "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR",
	"X-GOOGLE-CONFERENCE", "X-MICROSOFT-CDO-TZID",
};
/* Read by read_component() in a VEVENT/VTODO. */
static const char *const comp_read_names[] = {
	"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CATEGORIES",
	"X-ALT-DESC", "ATTENDEE", "ORGANIZER", "URL",
};

struct extra {
	struct invite	*inv;
	GString		*f[FLD_COUNT];	/* the text of each field */
	GHashTable	*seen;		/* values added, "field\x01value" */
};

static void
extra_add(struct extra *x, enum inv_field f, const char *v, size_t n)
{
	char *key;

	while (n > 0 && (*v == ' ' || *v == '\t'))
		v++, n--;
	if (n == 0)
		return;
	key = g_strdup_printf("%d\x01%.*s", (int)f, (int)n, v);
	if (!g_hash_table_add(x->seen, key))
		return;
	if (x->f[f] == NULL)
		x->f[f] = g_string_new(NULL);
	else
		g_string_append_c(x->f[f], '\n');
	g_string_append_len(x->f[f], v, (gssize)n);
}

/* A value of a URI parameter or property: its readable parts. */
static void
extra_uri(struct extra *x, enum inv_field f, const char *v)
{
	size_t before = x->inv->n_texts;
	struct inv_text t;

	add_uri_text(x->inv, f, -1, v);
	if (x->inv->n_texts == before + 1) {
		/* Into the field's one text instead of a text of its own. */
		t = x->inv->texts[--x->inv->n_texts];
		extra_add(x, f, t.s, t.len);
		g_free(t.s);
	}
}

/* mailto: addresses in v (a comma list, quotes allowed): local parts. */
static void
extra_mailtos(struct extra *x, enum inv_field f, const char *v)
{
	char **as = g_strsplit_set(v, ",\"", -1);

	for (size_t i = 0; as[i] != NULL; i++) {
		char *a = lower_addr(g_strstrip(as[i]));
		size_t before = x->inv->n_texts;

		add_local_part(x->inv, f, -1, a);
		if (x->inv->n_texts == before + 1) {
			struct inv_text t = x->inv->texts[--x->inv->n_texts];

			extra_add(x, f, t.s, t.len);
			g_free(t.s);
		}
		g_free(a);
	}
	g_strfreev(as);
}

/* The parameters of one content line, pr[0..n) after the name's ';'. */
static void
extra_params(struct extra *x, const char *pr, size_t n, bool cn_read)
{
	size_t i = 0;

	while (i < n) {
		size_t a = i, eq = 0;
		bool quoted = false;
		char *name, *val;

		for (; i < n && (quoted || pr[i] != ';'); i++) {
			if (pr[i] == '"')
				quoted = !quoted;
			else if (pr[i] == '=' && eq == 0 && !quoted)
				eq = i;
		}
		if (eq > a) {
			name = g_ascii_strup(pr + a, (gssize)(eq - a));
			val = g_strndup(pr + eq + 1, i - eq - 1);
			if (!strcmp(name, "X-TITLE") || !strcmp(name, "LABEL") ||
			    (!strcmp(name, "CN") && !cn_read)) {
				char *t = cn_text(x->inv, g_strdelimit(val,
				    "\"", ' '));

				extra_add(x, !strcmp(name, "X-TITLE") ?
				    FLD_LOCATION : !strcmp(name, "CN") ?
				    FLD_ATTENDEE_CN : FLD_COMMENT, t, strlen(t));
				g_free(t);
			} else if (!strcmp(name, "ALTREP") ||
			    !strcmp(name, "DIR"))
				extra_uri(x, FLD_COMMENT, g_strstrip(
				    g_strdelimit(val, "\"", ' ')));
			else if (!strcmp(name, "SENT-BY") ||
			    !strcmp(name, "DELEGATED-FROM") ||
			    !strcmp(name, "DELEGATED-TO") ||
			    !strcmp(name, "MEMBER") ||
			    (!strcmp(name, "EMAIL") && !cn_read))
				extra_mailtos(x, FLD_ATTENDEE_CN, val);
			g_free(name);
			g_free(val);
		}
		i++;
	}
}

/* Inside a VTIMEZONE: its TZID and TZNAME ("Mitteleuropäische
 * Sommerzeit") are zone names, which the name rule would take for a
 * person's; clients show their own zone names (SECURITY.md). */
static bool
in_vtimezone(const GPtrArray *stack)
{
	for (guint i = 0; i < stack->len; i++)
		if (!strcmp(g_ptr_array_index(stack, i), "VTIMEZONE"))
			return true;
	return false;
}

static void
scan_extra(struct invite *inv, const char *s, size_t len)
{
	GString *u = unfold_lines(s, len);
	GPtrArray *stack = g_ptr_array_new_with_free_func(g_free);
	struct extra x = { inv, { NULL }, g_hash_table_new_full(g_str_hash,
	    g_str_equal, g_free, NULL) };

	for (char *l = u->str, *next; l != NULL; l = next) {
		char *nl = memchr(l, '\n', u->len - (size_t)(l - u->str));
		size_t nlen, pend, vpos;
		bool quoted = false, in_read;
		const char *top, *below;
		char *name;

		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';	/* strcspn stays in the line */
		nlen = nl ? (size_t)(nl - l) : strlen(l);
		pend = strcspn(l, ";:");
		if (pend >= nlen || pend == 0)
			continue;
		for (vpos = pend; vpos < nlen; vpos++) {
			if (l[vpos] == '"')
				quoted = !quoted;
			else if (l[vpos] == ':' && !quoted)
				break;
		}
		if (vpos >= nlen)
			continue;
		name = g_ascii_strup(l, (gssize)pend);
		g_strchomp(name);	/* "END :X" is END to libical */
		if (!strcmp(name, "BEGIN")) {
			g_ptr_array_add(stack, g_ascii_strup(l + vpos + 1,
			    (gssize)(nlen - vpos - 1)));
			g_strstrip(g_ptr_array_index(stack, stack->len - 1));
			g_free(name);
			continue;
		}
		if (!strcmp(name, "END")) {
			if (stack->len > 0)
				g_ptr_array_remove_index(stack, stack->len - 1);
			g_free(name);
			continue;
		}
		if (in_vtimezone(stack)) {
			g_free(name);
			continue;
		}
		top = stack->len > 0 ? g_ptr_array_index(stack,
		    stack->len - 1) : "";
		below = stack->len > 1 ? g_ptr_array_index(stack,
		    stack->len - 2) : "VCALENDAR";
		/* A VEVENT/VTODO that read_component() reads. */
		in_read = (!strcmp(top, "VEVENT") || !strcmp(top, "VTODO")) &&
		    !strcmp(below, "VCALENDAR");
		if (vpos > pend)
			extra_params(&x, l + pend + 1, vpos - pend - 1,
			    in_read && (!strcmp(name, "ATTENDEE") ||
			    !strcmp(name, "ORGANIZER")));
		if (!(in_read && name_in(name, strlen(name), comp_read_names,
		    G_N_ELEMENTS(comp_read_names))) &&
		    !name_in(name, strlen(name), machine_names,
		    G_N_ELEMENTS(machine_names)) &&
		    g_ascii_strncasecmp(name, "X-MICROSOFT-CDO-", 16) != 0) {
			char *v = g_strndup(l + vpos + 1, nlen - vpos - 1);
			bool html = strstr(name, "STYLED") != NULL ||
			    !strcmp(name, "X-ALT-DESC");
			enum inv_field f = html ? FLD_DESCRIPTION :
			    !strcmp(name, "RESOURCES") ||
			    !strcmp(name, "X-MICROSOFT-LOCATIONDISPLAYNAME") ?
			    FLD_LOCATION : FLD_COMMENT;

			if (!strcmp(name, "ATTENDEE") ||
			    !strcmp(name, "ORGANIZER"))
				extra_mailtos(&x, FLD_ATTENDEE_CN, v);
			else if (!strcmp(name, "URL") ||
			    !strcmp(name, "CONFERENCE"))
				extra_uri(&x, FLD_COMMENT, v);
			else {
				parse_ical_unescape(v);
				if (html) {
					GString *o = g_string_new(NULL);

					parse_html_to_text(v, strlen(v), o);
					extra_add(&x, f, o->str, o->len);
					g_string_free(o, TRUE);
				} else
					extra_add(&x, f, v, strlen(v));
			}
			g_free(v);
		}
		g_free(name);
	}
	for (int f = 0; f < FLD_COUNT; f++) {
		if (x.f[f] == NULL)
			continue;
		{
			char *t = invite_to_utf8(inv, x.f[f]->str, x.f[f]->len,
			    NULL);

			invite_add_text(inv, (enum inv_field)f, -1, t,
			    strlen(t));
			g_free(t);
		}
		g_string_free(x.f[f], TRUE);
	}
	g_hash_table_destroy(x.seen);
	g_ptr_array_free(stack, TRUE);
	g_string_free(u, TRUE);
}

/* libical 3.0 reads at most 100 parameters of a content line and 500
 * values of a multi-valued one (CATEGORIES) and drops the rest without
 * a word (issue 17, session 16: a CN after 100 dummy parameters, a
 * number after 500 categories passed unexamined). Sets the limit
 * "properties" when a content line of s (names upper-cased, folding
 * undone on the fly) has that many: a ';' outside quotes before the
 * value's ':', a ',' in a CATEGORIES value. One pass over s. */
#define LIB_MAX_PARAMS	100
#define LIB_MAX_VALUES	500

static bool
lib_line_bounds(struct invite *inv, const char *s)
{
	const char *p = s;

	while (*p != '\0') {
		size_t params = 0, commas = 0;
		bool quoted = false, in_value = false, cats;

		cats = strncmp(p, "CATEGORIES", 10) == 0 &&
		    (p[10] == ':' || p[10] == ';');
		for (; *p != '\0'; p++) {
			if (*p == '\n' || *p == '\r') {
				/* a fold (a break then a blank) goes on */
				const char *q = p + (p[0] == '\r' &&
				    p[1] == '\n' ? 2 : 1);

				if (*q == ' ' || *q == '\t') {
					p = q;
					continue;
				}
				p = q;
				break;
			}
			if (in_value) {
				if (*p == ',' && cats)
					commas++;
			} else if (*p == '"')
				quoted = !quoted;
			else if (!quoted && *p == ';')
				params++;
			else if (!quoted && *p == ':')
				in_value = true;
		}
		if (params >= LIB_MAX_PARAMS) {
			invite_limit(inv, "properties", "a calendar line with "
			    "more parameters than libical reads (100)");
			return true;
		}
		if (commas >= LIB_MAX_VALUES - 1) {
			invite_limit(inv, "properties", "a calendar line with "
			    "more values than libical reads (500)");
			return true;
		}
	}
	return false;
}

/* Issue 17, memory: libical builds every component and property of a
 * calendar before read_component() counts them: about 330 bytes for a
 * 6-byte property line (4 MB of "X-P:v" lines peaked at 230 MB), 500
 * for a typical one (a 1 MB feed of 37,000 lines: 19 MB), and it copies
 * a long line several times while it reads it; the daemon reserves four
 * times a message's size for its parse ([milter] memory_limit). So
 * libical is handed only a bounded head of the calendar, cut before the
 * first line that is over: a BEGIN:VEVENT/VTODO past limits.components,
 * an ATTENDEE past limits.attendees in its VEVENT/VTODO, a property
 * past limits.properties
 * (at least its default: a lower one is per component, and counted by
 * read_component() as before) + len / LIB_PROPS_PER (the
 * rest grows with the size; at most a few MB per parse, and the daemon
 * runs two parses per processor at once), the components still open
 * closed with END lines; and a content line longer than
 * limits.text_bytes + LIB_LINE_SLACK (its text is cut at text_bytes
 * anyway; the slack is for the name and parameters) is cut to that
 * length. The limit is noted
 * (on_limit applies); what the head holds is read as before, and
 * scan_extra() still reads the whole text. Returns the new text, or NULL
 * when nothing was cut (then s is read as it is). One pass, linear. */
#define LIB_PROPS_PER	1024
#define LIB_LINE_SLACK	65536

struct open_comp {
	const char	*name;
	size_t		 len;
	size_t		 atts;		/* its ATTENDEE lines */
	bool		 read;		/* a VEVENT/VTODO */
};

static char *
lib_bound(struct invite *inv, const char *s, size_t len,
    const struct parse_limits *lim)
{
	GString *out = NULL;
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(struct open_comp));
	size_t props = 0, comps = 0, line = 0, keep = 0, next;
	size_t max_props = MAX(lim->properties, LIM_PROPERTIES) +
	    len / LIB_PROPS_PER;
	bool skipping = false;

	for (size_t p = 0; p < len; p = next) {
		const char *l = s + p, *e = memchr(l, '\n', len - p);
		size_t n = e ? (size_t)(e - l) : len - p;
		bool fold = n > 0 && (l[0] == ' ' || l[0] == '\t');
		const char *key = NULL, *why = NULL;

		next = e ? p + n + 1 : len;
		if (n > 0 && l[n - 1] == '\r')
			n--;
		if (!fold) {
			line = n;
			skipping = false;
		} else
			line += n;
		if (skipping) {
			keep = next;	/* the rest of a line cut short */
			continue;
		}
		if (line > lim->text_bytes + LIB_LINE_SLACK) {
			size_t cut = p + n - (line - lim->text_bytes -
			    LIB_LINE_SLACK);

			invite_limit(inv, "text_bytes", "a calendar line "
			    "longer than limits.text_bytes");
			if (out == NULL)
				out = g_string_sized_new(lim->text_bytes +
				    LIB_LINE_SLACK + 64);
			g_string_append_len(out, s + keep, (gssize)(cut - keep));
			g_string_append(out, "\r\n");
			keep = next;
			skipping = true;
			continue;
		}
		if (n == 0 || fold)
			continue;
		if (n >= 6 && strncmp(l, "BEGIN:", 6) == 0) {
			struct open_comp oc = { l + 6, n - 6, 0, false };

			oc.read = (n >= 12 && strncmp(l + 6, "VEVENT", 6) == 0) ||
			    (n >= 11 && strncmp(l + 6, "VTODO", 5) == 0);
			if (oc.read)
				if (++comps > lim->components) {
					key = "components";
					why = "more calendar components than "
					    "limits.components";
				}
			if (key == NULL)
				g_array_append_val(stack, oc);
		} else if (n >= 4 && strncmp(l, "END:", 4) == 0) {
			if (stack->len > 0)
				g_array_set_size(stack, stack->len - 1);
		} else if (++props > max_props) {
			key = "properties";
			why = "more properties in a calendar than its size "
			    "allows libical to build (limits.properties)";
		} else if (n >= 9 && strncmp(l, "ATTENDEE", 8) == 0 &&
		    (l[8] == ':' || l[8] == ';') && stack->len > 0) {
			struct open_comp *top = &g_array_index(stack,
			    struct open_comp, stack->len - 1);

			if (top->read && ++top->atts > lim->attendees) {
				key = "attendees";
				why = "more attendees than limits.attendees";
			}
		}
		if (key == NULL)
			continue;
		invite_limit(inv, key, why);
		if (out == NULL)
			out = g_string_sized_new(p - keep + 256);
		g_string_append_len(out, s + keep, (gssize)(p - keep));
		for (guint i = stack->len; i > 0; i--) {
			const struct open_comp *oc = &g_array_index(stack,
			    struct open_comp, i - 1);

			g_string_append(out, "END:");
			g_string_append_len(out, oc->name, (gssize)oc->len);
			g_string_append(out, "\r\n");
		}
		keep = len;
		break;
	}
	g_array_free(stack, TRUE);
	if (out == NULL)
		return NULL;
	if (keep < len)
		g_string_append_len(out, s + keep, (gssize)(len - keep));
	return g_string_free(out, FALSE);
}

/* libical 3.0's icalparser_string_line_generator() looks for the end
 * of the line with strchr() over the whole rest of the text each time
 * it fills its 80-byte buffer: a line of n bytes costs n * n / 80 (a
 * 4 MB SUMMARY took 4 s, issue 17), and text without any LF (a CR at
 * every line end) is searched to its end once per line. This one hands
 * libical the same pieces in time linear in the text: it looks for the
 * line end inside the buffer's window only. The LF-less rest (after the
 * last LF) is split at CR as libical does, but a long CR line is cut
 * like an LF line, not at a made-up LF in its middle. */
struct line_src {
	const char	*pos;		/* next byte to hand out */
	const char	*end;		/* the text's NUL */
	const char	*last_lf;	/* the last LF, or NULL */
	unsigned long	 calls;		/* pieces handed out (tests) */
	size_t		 longest;	/* longest piece handed out */
};

static char *
line_gen(char *out, size_t size, void *d)
{
	struct line_src *src = d;
	size_t rem = (size_t)(src->end - src->pos), win, n;
	const char *e;
	bool cr = false;

	if (rem == 0 || size < 2)
		return NULL;
	win = rem < size - 1 ? rem : size - 1;
	if (src->last_lf != NULL && src->pos <= src->last_lf)
		e = memchr(src->pos, '\n', win);
	else if ((e = memchr(src->pos, '\r', win)) != NULL)
		cr = true;
	n = e != NULL ? (size_t)(e - src->pos) + 1 : win;
	memcpy(out, src->pos, n);
	if (cr)
		out[n - 1] = '\n';
	out[n] = '\0';
	src->pos += n;
	src->calls++;
	if (n > src->longest)
		src->longest = n;
	return out;
}

/* What the last lib_parse() handed libical (for the unit tests). */
static _Thread_local struct ical_feed_stats last_feed;

void
ical_last_feed(struct ical_feed_stats *st)
{
	*st = last_feed;
}

/* icalparser_parse_string(s), in time linear in strlen(s) (line_gen). */
static icalcomponent *
lib_parse(const char *s)
{
	struct line_src src;
	icalparser *p = icalparser_new();
	icalcomponent *root;
	size_t n = strlen(s);

	if (p == NULL)
		return NULL;
	src.pos = s;
	src.end = s + n;
	src.last_lf = memrchr(s, '\n', n);
	src.calls = 0;
	src.longest = 0;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		src.pos += 3;	/* libical skips a UTF-8 BOM */
	icalparser_set_gen_data(p, &src);
	/* icalparser_parse() makes malformed data non-fatal itself. */
	root = icalparser_parse(p, line_gen);
	icalparser_free(p);
	last_feed.calls = src.calls;
	last_feed.longest = src.longest;
	return root;
}

void
ical_parse_into(struct invite *inv, const char *s, size_t len,
    bool is_attachment, const struct parse_limits *lim)
{
	icalcomponent *root;
	char *copy, *vcal, *lib;
	const char *method;
	int ci;
	size_t before;

	inv->cals = g_renew(struct inv_cal, inv->cals, inv->n_cals + 1);
	ci = (int)inv->n_cals++;
	memset(&inv->cals[ci], 0, sizeof(struct inv_cal));
	inv->cals[ci].is_attachment = is_attachment;
	inv->cals[ci].size = len;
	if (len > lim->ics_bytes) {
		invite_limit(inv, "ics_bytes",
		    "calendar part larger than limits.ics_bytes");
		len = lim->ics_bytes;
	}
	/* Blank lines and blanks before the first line (a NUL read as a
	 * space is one): libical would join a first line that starts with
	 * a blank to a line before it that does not exist, and lose it
	 * (issue 17: leading NULs made the METHOD line vanish). */
	{
		size_t k = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		size_t j = k;

		while (j < len && (s[j] == ' ' || s[j] == '\t' ||
		    s[j] == '\r' || s[j] == '\n'))
			j++;
		if (j > k) {
			s += j;
			len -= j;
		}
	}
	copy = g_strndup(s, len);
	/* First vCalendar QP: its continuation lines look like names. */
	if ((vcal = vcal_qp_decode(inv, copy)) != NULL) {
		g_free(copy);
		copy = vcal;
		len = strlen(copy);
	}
	upcase_names(copy);
	before = inv->n_comps;
	if (lib_line_bounds(inv, copy))
		root = NULL;	/* libical would hold the line many times */
	else {
		char *head = lib_bound(inv, copy, len, lim);
		const char *in = head != NULL ? head : copy;

		lib = strip_unread(in, lim->properties, &method);
		if (lib != NULL) {
			g_free(head);
			head = NULL;
		}
		root = lib_parse(lib != NULL ? lib : in);
		g_free(lib);
		g_free(head);
	}
	if (root != NULL) {
		icalcomponent_kind k = icalcomponent_isa(root);

		/* The METHOD line strip_unread() took out: the root's first. */
		if (method != NULL && k == ICAL_VCALENDAR_COMPONENT)
			inv->cals[ci].method = g_strdup(method);

		if (k == ICAL_VEVENT_COMPONENT || k == ICAL_VTODO_COMPONENT)
			read_component(inv, root, ci, lim);
		else
			read_calendar(inv, root, ci, lim);
		icalcomponent_free(root);
	}
	if (root == NULL || inv->n_comps == before) {
		/* Nothing usable: say so, and still read the text. */
		if (root == NULL || g_strstr_len(copy, (gssize)len, "BEGIN:V")) {
			inv->cals[ci].is_broken = true;
			invite_set_problem(inv, INV_ICAL_BROKEN,
			    "a calendar part could not be parsed; its text "
			    "was scanned line by line");
		}
		scan_raw(inv, copy, len, ci);
	} else
		scan_extra(inv, copy, len);
	g_free(copy);
}
