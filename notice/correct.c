/*
 * correct.c: the corrected invitation (see correct.h). Takes the
 * calendar parts from parse/'s own walk (parse_parts) and reads them
 * with libical in that order, so a finding's component index and byte
 * span point at the same text,
 * then writes a new VCALENDAR from a whitelist of properties. What is
 * not on the whitelist is dropped: a corrected invitation carries less,
 * never more. Returns plain strings; no libical type leaves this file.
 */
#include <string.h>
#include <glib.h>
#include <libical/ical.h>

#include "correct.h"
#include "../parse/limits.h"
#include "../parse/parse_int.h"
#include "../parse/parts.h"

#define SERIES_NOTE_SV	"Detta var en mötesserie. Kallelsen gäller bara " \
	"första tillfället: boka varje följande tillfälle som ett eget möte."
#define SERIES_NOTE_EN	"This was a meeting series. The invitation is " \
	"for the first occasion only: book each further occasion as a " \
	"separate meeting."

/* Properties a corrected event keeps as they are (RFC 5545 3.8 and the
 * Teams/Outlook join and behaviour properties). Text properties are
 * handled separately; everything else is dropped. */
static const char *const keep_props[] = {
	"DTSTART", "DTEND", "DURATION", "ORGANIZER", "ATTENDEE", "CLASS",
	"TRANSP", "STATUS", "PRIORITY", "CONFERENCE",
	"X-MICROSOFT-SKYPETEAMSMEETINGURL",
	"X-MICROSOFT-ONLINEMEETINGCONFLINK",
	"X-MICROSOFT-ONLINEMEETINGINFORMATION",
	"X-MICROSOFT-DONOTFORWARDMEETING", "X-MICROSOFT-DISALLOW-COUNTER",
	"X-MICROSOFT-CDO-BUSYSTATUS", "X-MICROSOFT-CDO-INTENDEDSTATUS",
	"X-MICROSOFT-CDO-IMPORTANCE", "X-MICROSOFT-CDO-ALLDAYEVENT",
};

struct calsrc {
	GPtrArray	*roots;		/* icalcomponent * per calendar part */
	GPtrArray	*comps;		/* VEVENT/VTODO in parse/ order */
	GPtrArray	*comp_root;	/* the root each comp came from */
};

static void
collect_comps(struct calsrc *cs, icalcomponent *c, icalcomponent *root)
{
	icalcomponent_kind k = icalcomponent_isa(c);

	if (k == ICAL_VEVENT_COMPONENT || k == ICAL_VTODO_COMPONENT) {
		g_ptr_array_add(cs->comps, c);
		g_ptr_array_add(cs->comp_root, root);
		return;
	}
	for (icalcomponent *s = icalcomponent_get_first_component(c,
	    ICAL_ANY_COMPONENT); s != NULL;
	    s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
		k = icalcomponent_isa(s);
		if (k == ICAL_VEVENT_COMPONENT || k == ICAL_VTODO_COMPONENT ||
		    k == ICAL_VCALENDAR_COMPONENT)
			collect_comps(cs, s, root);
	}
}

/* Parses one calendar (UTF-8, at most lim->ics_bytes of it) into cs. */
static void
add_calendar(struct calsrc *cs, const char *s, size_t len,
    const struct parse_limits *lim)
{
	icalcomponent *root;
	char *copy;

	if (len > lim->ics_bytes)
		len = lim->ics_bytes;
	copy = g_strndup(s, len);
	root = icalparser_parse_string(copy);
	if (root == NULL && strstr(copy, "END:VEVENT") != NULL &&
	    strstr(copy, "END:VCALENDAR") == NULL) {
		/* cut off after its last event: close it and try again */
		char *closed = g_strconcat(copy, "\r\nEND:VCALENDAR\r\n", NULL);

		root = icalparser_parse_string(closed);
		g_free(closed);
	}
	g_free(copy);
	if (root == NULL)
		return;
	g_ptr_array_add(cs->roots, root);
	collect_comps(cs, root, root);
}

/* The calendars of buf (a message or a bare .ics) as parse/ read them,
 * in its order, so a finding's component index names the same event. */
static void
calsrc_read(struct calsrc *cs, const char *buf, size_t len,
    const struct parse_limits *lim)
{
	struct parse_parts *pp = parse_parts(buf, len, lim);

	cs->roots = g_ptr_array_new();
	cs->comps = g_ptr_array_new();
	cs->comp_root = g_ptr_array_new();
	for (size_t i = 0; i < pp->n; i++)
		if (pp->v[i].kind == PARSE_PART_CALENDAR)
			add_calendar(cs, pp->v[i].text, strlen(pp->v[i].text),
			    lim);
	parse_parts_free(pp);
}

static void
calsrc_clear(struct calsrc *cs)
{
	for (size_t i = 0; i < cs->roots->len; i++)
		icalcomponent_free(g_ptr_array_index(cs->roots, i));
	g_ptr_array_free(cs->roots, TRUE);
	g_ptr_array_free(cs->comps, TRUE);
	g_ptr_array_free(cs->comp_root, TRUE);
}

/* The decoded text of a TEXT property, exactly as parse/ical.c takes it
 * (libical unescapes known TEXT values; X- values get ical_unescape). */
static char *
prop_text(icalproperty *p)
{
	bool is_x = icalproperty_isa(p) == ICAL_X_PROPERTY;
	const char *v;
	char *s;

	if (is_x)
		v = icalproperty_get_x(p);
	else {
		icalvalue *val = icalproperty_get_value(p);

		v = val && icalvalue_isa(val) == ICAL_TEXT_VALUE ?
		    icalvalue_get_text(val) : icalproperty_get_value_as_string(p);
	}
	if (v == NULL)
		return NULL;
	s = g_strdup(v);
	if (is_x)
		ical_unescape(s);
	return s;
}

static bool
is_word_char(const char *s, const char *p, bool before, const char *end)
{
	gunichar c;

	if (before) {
		if (p <= s)
			return false;
		p = g_utf8_find_prev_char(s, p);
		if (p == NULL)
			return false;
	} else if (p >= end)
		return false;
	c = g_utf8_get_char_validated(p, end - p);
	if (c == (gunichar)-1 || c == (gunichar)-2)
		return false;
	return g_unichar_isalnum(c);
}

/* Byte ranges of Teams join links in s: never cut (the guests need them). */
static GArray *
protected_ranges(const char *s, size_t len)
{
	static const char *const hosts[] = { "https://teams.microsoft.com",
		"https://teams.live.com", "https://dialin.teams.microsoft.com",
		"https://aka.ms/JoinTeamsMeeting" };
	GArray *r = g_array_new(FALSE, FALSE, sizeof(size_t));

	for (size_t k = 0; k < G_N_ELEMENTS(hosts); k++) {
		const char *p = s;

		while ((p = g_strstr_len(p, (gssize)(s + len - p), hosts[k]))) {
			size_t a = (size_t)(p - s), b = a;

			while (b < len && !g_ascii_isspace(s[b]) && s[b] != '>' &&
			    s[b] != '"')
				b++;
			g_array_append_val(r, a);
			g_array_append_val(r, b);
			p = s + b;
		}
	}
	return r;
}

static gint
cmp_range(gconstpointer a, gconstpointer b)
{
	const size_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0;
}

char *
correct_cut(const char *s, size_t len, GPtrArray *needles,
    const GArray *ranges, size_t *n_cut)
{
	GArray *cuts = g_array_new(FALSE, FALSE, 2 * sizeof(size_t));
	GArray *prot = protected_ranges(s, len);
	GString *out = g_string_sized_new(len);
	size_t pos = 0, n = 0;

	if (ranges != NULL)
		for (size_t i = 0; i + 1 < ranges->len; i += 2) {
			size_t r[2] = { g_array_index(ranges, size_t, i),
			    g_array_index(ranges, size_t, i + 1) };

			if (r[0] < r[1] && r[1] <= len)
				g_array_append_val(cuts, r);
		}
	for (size_t k = 0; needles != NULL && k < needles->len; k++) {
		const char *nd = g_ptr_array_index(needles, k);
		size_t nl = strlen(nd);
		const char *p = s;

		if (nl == 0)
			continue;
		while ((p = g_strstr_len(p, (gssize)(s + len - p), nd))) {
			size_t r[2] = { (size_t)(p - s), (size_t)(p - s) + nl };

			if (!is_word_char(s, p, true, s + len) &&
			    !is_word_char(s, p + nl, false, s + len))
				g_array_append_val(cuts, r);
			p += nl;
		}
	}
	g_array_sort(cuts, cmp_range);
	for (size_t i = 0; i < cuts->len; i++) {
		size_t *r = &g_array_index(cuts, size_t, 2 * i);
		bool keep = false;

		if (r[1] <= pos)
			continue;	/* inside an earlier cut */
		if (r[0] < pos)
			r[0] = pos;
		for (size_t j = 0; j + 1 < prot->len; j += 2)
			if (r[0] < g_array_index(prot, size_t, j + 1) &&
			    g_array_index(prot, size_t, j) < r[1])
				keep = true;
		if (keep)
			continue;
		g_string_append_len(out, s + pos, (gssize)(r[0] - pos));
		pos = r[1];
		/* "a  b" or "a ,": drop the space the cut leaves behind. */
		while (pos < len && s[pos] == ' ' && (out->len == 0 ||
		    out->str[out->len - 1] == ' ' ||
		    out->str[out->len - 1] == '\n'))
			pos++;
		/* "a ." : no space before the punctuation after a cut */
		if (pos < len && s[pos] != '\0' && strchr(".,;:)!?", s[pos]) &&
		    out->len > 0 && out->str[out->len - 1] == ' ')
			g_string_truncate(out, out->len - 1);
		n++;
	}
	g_string_append_len(out, s + pos, (gssize)(len - pos));
	g_array_free(cuts, TRUE);
	g_array_free(prot, TRUE);
	if (n_cut)
		*n_cut = n;
	return g_string_free(out, FALSE);
}

GPtrArray *
correct_needles(const struct invite *inv, const struct verdict *v)
{
	GPtrArray *nd = g_ptr_array_new_with_free_func(g_free);

	for (size_t i = 0; v != NULL && inv != NULL && i < v->n; i++) {
		const struct finding *f = &v->f[i];

		if (f->end <= f->start || f->action < ACT_FLAG)
			continue;
		for (size_t t = 0; t < inv->n_texts; t++) {
			const struct inv_text *tx = &inv->texts[t];
			char *s;
			bool dup = false;

			if (tx->field != f->field || tx->comp != f->comp ||
			    f->end > tx->len)
				continue;
			s = g_strndup(tx->s + f->start, f->end - f->start);
			g_strstrip(s);
			for (size_t k = 0; k < nd->len; k++)
				dup |= strcmp(g_ptr_array_index(nd, k), s) == 0;
			if (dup || *s == '\0' || !g_utf8_validate(s, -1, NULL))
				g_free(s);
			else
				g_ptr_array_add(nd, s);
			break;
		}
	}
	return nd;
}

char *
correct_text_to_html(const char *s)
{
	GString *h = g_string_new("<html><body><p>");

	for (const char *p = s; *p; ) {
		if (g_str_has_prefix(p, "https://") || g_str_has_prefix(p,
		    "http://")) {
			size_t n = strcspn(p, " \t\r\n<>\"");
			char *u = g_markup_escape_text(p, (gssize)n);

			g_string_append_printf(h, "<a href=\"%s\">%s</a>", u, u);
			g_free(u);
			p += n;
		} else if (*p == '\n') {
			g_string_append(h, "<br>\n");
			p++;
		} else {
			const char *q = p + 1;
			char *e;

			while (*q && *q != '\n' && *q != 'h')
				q++;
			e = g_markup_escape_text(p, q - p);
			g_string_append(h, e);
			g_free(e);
			p = q;
		}
	}
	g_string_append(h, "</p></body></html>");
	return g_string_free(h, FALSE);
}

char *
correct_teams_block(const char *s)
{
	const char *m = strstr(s, "Microsoft Teams");
	const char *a, *b;

	if (m == NULL)
		return NULL;
	/* the line of underscores before the marker, if any */
	a = m;
	while (a > s && a[-1] != '\n')
		a--;
	if (a > s) {
		const char *prev = a - 1;

		while (prev > s && prev[-1] != '\n')
			prev--;
		if (g_str_has_prefix(prev, "____"))
			a = prev;
	}
	b = strstr(m, "\n____");
	if (b != NULL) {
		b++;
		while (*b == '_')
			b++;
	} else
		b = m + strlen(m);
	return g_strndup(a, (gsize)(b - a));
}

/* Which text field a property feeds. */
static enum inv_field
field_of(icalproperty *p)
{
	const char *name;

	switch (icalproperty_isa(p)) {
	case ICAL_DESCRIPTION_PROPERTY:
		return FLD_DESCRIPTION;
	case ICAL_LOCATION_PROPERTY:
		return FLD_LOCATION;
	case ICAL_COMMENT_PROPERTY:
		return FLD_COMMENT;
	case ICAL_X_PROPERTY:
		name = icalproperty_get_x_name(p);
		if (name && !g_ascii_strcasecmp(name, "X-ALT-DESC"))
			return FLD_ALTDESC;
		return FLD_COUNT;
	default:
		return FLD_COUNT;
	}
}

/* Exact spans of the verdict in (field, comp), when the text parse/
 * stored is the very text we re-read (else only the needles apply). */
static GArray *
spans_for(const struct invite *inv, const struct verdict *v,
    enum inv_field fld, int comp, const char *text)
{
	GArray *r = g_array_new(FALSE, FALSE, sizeof(size_t));
	size_t tl = strlen(text);

	for (size_t i = 0; v && inv && comp >= 0 && i < v->n; i++) {
		const struct finding *f = &v->f[i];

		if (f->field != fld || f->comp != comp || f->end <= f->start ||
		    f->action < ACT_FLAG)
			continue;
		for (size_t t = 0; t < inv->n_texts; t++) {
			const struct inv_text *tx = &inv->texts[t];

			if (tx->field == fld && tx->comp == comp &&
			    tx->len == tl && memcmp(tx->s, text, tl) == 0 &&
			    f->end <= tl) {
				g_array_append_val(r, f->start);
				g_array_append_val(r, f->end);
				break;
			}
		}
	}
	return r;
}

static bool
in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_strcasecmp(name, list[i]))
			return true;
	return false;
}

static bool
is_series_comp(icalcomponent *c)
{
	for (icalproperty *p = icalcomponent_get_first_property(c,
	    ICAL_ANY_PROPERTY); p != NULL;
	    p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
		const char *name = icalproperty_get_property_name(p);

		switch (icalproperty_isa(p)) {
		case ICAL_RRULE_PROPERTY:
		case ICAL_RDATE_PROPERTY:
		case ICAL_EXRULE_PROPERTY:
		case ICAL_EXDATE_PROPERTY:
		case ICAL_RECURRENCEID_PROPERTY:
			return true;
		default:
			break;
		}
		if (name && (!g_ascii_strcasecmp(name, "X-MICROSOFT-RRULE") ||
		    !g_ascii_strcasecmp(name, "X-MICROSOFT-EXDATE")))
			return true;
		if (name && !g_ascii_strcasecmp(name, "X-MICROSOFT-CDO-INSTTYPE")) {
			const char *v = icalproperty_get_x(p);

			if (v && v[0] >= '1' && v[0] <= '3')
				return true;
		}
	}
	return false;
}

/* Cuts needles out of a CN parameter; drops the CN if nothing is left. */
static bool
fix_cn(icalproperty *p, GPtrArray *needles)
{
	char *cn = icalproperty_get_parameter_as_string_r(p, "CN");
	char *nw;
	size_t n = 0;

	if (cn == NULL)
		return false;
	nw = correct_cut(cn, strlen(cn), needles, NULL, &n);
	g_strstrip(nw);
	if (n > 0) {
		icalproperty_remove_parameter_by_name(p, "CN");
		if (*nw)
			icalproperty_set_parameter_from_string(p, "CN", nw);
	}
	icalmemory_free_buffer(cn);
	g_free(nw);
	return n > 0;
}

/* The event the sender meant: the first VEVENT without RECURRENCE-ID
 * (the master of a series), else the first VEVENT. */
static int
pick_master(struct calsrc *cs)
{
	int any = -1;

	for (size_t i = 0; i < cs->comps->len; i++) {
		icalcomponent *c = g_ptr_array_index(cs->comps, i);

		if (icalcomponent_isa(c) != ICAL_VEVENT_COMPONENT)
			continue;
		if (any < 0)
			any = (int)i;
		if (icalcomponent_get_first_property(c,
		    ICAL_RECURRENCEID_PROPERTY) == NULL)
			return (int)i;
	}
	return any;
}

/* Do the components we re-read line up with the invite's? Then a
 * finding's comp index names the same event here. */
static bool
aligned(struct calsrc *cs, const struct invite *inv)
{
	if (inv == NULL || cs->comps->len != inv->n_comps)
		return false;
	for (size_t i = 0; i < cs->comps->len; i++) {
		icalcomponent *c = g_ptr_array_index(cs->comps, i);
		const char *uid = icalcomponent_get_uid(c);
		const char *iu = inv->comps[i].uid;

		if ((uid == NULL) != (iu == NULL) || (uid && strcmp(uid, iu)))
			return false;
	}
	return true;
}

/* The corrected text of a DESCRIPTION/LOCATION/COMMENT/X-ALT-DESC. */
static char *
fixed_text(icalproperty *p, enum inv_field fld, int comp,
    const struct invite *inv, const struct verdict *v, GPtrArray *needles,
    size_t *n_cut)
{
	char *t = prop_text(p), *out;
	GArray *spans;

	*n_cut = 0;
	if (t == NULL)
		return NULL;
	spans = spans_for(inv, v, fld, comp, t);
	out = correct_cut(t, strlen(t), needles, spans, n_cut);
	g_array_free(spans, TRUE);
	g_free(t);
	return out;
}

/* Is a TZID used by a property of ev? */
static bool
tzid_used(icalcomponent *ev, const char *tzid)
{
	for (icalproperty *p = icalcomponent_get_first_property(ev,
	    ICAL_ANY_PROPERTY); p != NULL;
	    p = icalcomponent_get_next_property(ev, ICAL_ANY_PROPERTY)) {
		char *v = icalproperty_get_parameter_as_string_r(p, "TZID");
		bool yes = v && strcmp(v, tzid) == 0;

		icalmemory_free_buffer(v);
		if (yes)
			return true;
	}
	return false;
}

/* The VTIMEZONEs the event refers to, with only their defining
 * properties (RFC 5545 3.6.5). */
static void
copy_timezones(icalcomponent *dst, icalcomponent *root, icalcomponent *ev)
{
	static const char *const tz_props[] = { "TZID", "TZURL",
		"LAST-MODIFIED", "X-LIC-LOCATION" };

	for (icalcomponent *z = icalcomponent_get_first_component(root,
	    ICAL_VTIMEZONE_COMPONENT); z != NULL;
	    z = icalcomponent_get_next_component(root,
	    ICAL_VTIMEZONE_COMPONENT)) {
		icalproperty *id = icalcomponent_get_first_property(z,
		    ICAL_TZID_PROPERTY);
		icalcomponent *c;
		GPtrArray *drop;

		if (id == NULL || icalproperty_get_tzid(id) == NULL ||
		    !tzid_used(ev, icalproperty_get_tzid(id)))
			continue;
		c = icalcomponent_new_clone(z);
		drop = g_ptr_array_new();
		for (icalproperty *p = icalcomponent_get_first_property(c,
		    ICAL_ANY_PROPERTY); p != NULL;
		    p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY))
			if (!in_list(icalproperty_get_property_name(p), tz_props,
			    G_N_ELEMENTS(tz_props)))
				g_ptr_array_add(drop, p);
		for (guint i = 0; i < drop->len; i++) {
			icalcomponent_remove_property(c, g_ptr_array_index(drop, i));
			icalproperty_free(g_ptr_array_index(drop, i));
		}
		g_ptr_array_free(drop, TRUE);
		icalcomponent_add_component(dst, c);
	}
}

char *
correct_calendar(const char *buf, size_t len, const struct parse_limits *lim,
    const struct invite *inv, const struct verdict *v,
    const struct correct_opts *o, bool strip, unsigned *changes)
{
	static const struct parse_limits defaults = PARSE_LIMITS_DEFAULT;
	struct calsrc cs;
	icalcomponent *master, *cal, *ev;
	icalproperty *altdesc = NULL;
	GPtrArray *needles;
	GString *desc = NULL;
	char *uid, *out = NULL, *loc = NULL;
	unsigned ch = CORR_SUBJECT;
	int mi, comp;
	bool series, alt_dirty = false;
	struct icaltimetype now;

	calsrc_read(&cs, buf, len, lim ? lim : &defaults);
	if ((mi = pick_master(&cs)) < 0)
		goto out;
	master = g_ptr_array_index(cs.comps, (guint)mi);
	comp = aligned(&cs, inv) ? mi : -1;
	needles = correct_needles(inv, v);
	series = is_series_comp(master);
	for (size_t i = 0; i < cs.comps->len; i++) {
		icalcomponent *c = g_ptr_array_index(cs.comps, i);

		if ((int)i == mi)
			continue;
		if (icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT) {
			const char *a = icalcomponent_get_uid(c);
			const char *b = icalcomponent_get_uid(master);

			if (a && b && strcmp(a, b) == 0)
				series = true;	/* an exception of the series */
			else
				ch |= CORR_EVENTS;
		}
	}

	cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(cal,
	    icalproperty_new_prodid("-//invite-milter//corrected invitation//SV"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);

	if (o && o->keep_uid && icalcomponent_get_uid(master) != NULL)
		icalcomponent_add_property(ev, icalproperty_new_uid(
		    icalcomponent_get_uid(master)));
	else {
		char *full;

		uid = g_uuid_string_random();
		full = g_strdup_printf("%s@%s", uid, o && o->uid_domain ?
		    o->uid_domain : "invite-milter.invalid");
		icalcomponent_add_property(ev, icalproperty_new_uid(full));
		g_free(full);
		g_free(uid);
	}
	now = icaltime_from_timet_with_zone(o && o->now ? o->now :
	    time(NULL), 0, icaltimezone_get_utc_timezone());
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(now));
	icalcomponent_add_property(ev, icalproperty_new_sequence(0));
	icalcomponent_add_property(ev, icalproperty_new_summary(o && o->subject &&
	    *o->subject ? o->subject : CORRECT_SUBJECT_DEFAULT));

	for (icalproperty *p = icalcomponent_get_first_property(master,
	    ICAL_ANY_PROPERTY); p != NULL;
	    p = icalcomponent_get_next_property(master, ICAL_ANY_PROPERTY)) {
		const char *name = icalproperty_get_property_name(p);
		enum inv_field fld = field_of(p);
		icalproperty *np;
		size_t n_cut;
		char *t;

		if (name == NULL)
			continue;
		if (icalproperty_isa(p) == ICAL_ATTACH_PROPERTY) {
			ch |= CORR_ATTACH;
			continue;
		}
		if (fld == FLD_ALTDESC) {
			size_t n;

			/* kept verbatim unless its text needs a cut */
			t = fixed_text(p, fld, comp, inv, v, needles, &n);
			if (n > 0)
				alt_dirty = true;
			if (altdesc == NULL)
				altdesc = p;
			g_free(t);
			continue;
		}
		if (fld != FLD_COUNT) {
			t = fixed_text(p, fld, comp, inv, v, needles, &n_cut);
			if (n_cut > 0)
				ch |= CORR_TEXT;
			if (t == NULL)
				continue;
			if (fld == FLD_DESCRIPTION) {
				if (desc == NULL)
					desc = g_string_new(t);
			} else if (fld == FLD_LOCATION) {
				if (loc == NULL && !strip)
					loc = g_strdup(t);
			} else if (*g_strstrip(t) && !strip)
				icalcomponent_add_property(ev,
				    icalproperty_new_comment(t));
			g_free(t);
			continue;
		}
		if (!in_list(name, keep_props, G_N_ELEMENTS(keep_props)))
			continue;
		/* one of each singular property (RFC 5545 3.6.1) */
		if (icalproperty_isa(p) != ICAL_ATTENDEE_PROPERTY &&
		    icalproperty_isa(p) != ICAL_X_PROPERTY &&
		    icalproperty_isa(p) != ICAL_CONFERENCE_PROPERTY &&
		    icalcomponent_get_first_property(ev, icalproperty_isa(p)))
			continue;
		if (icalproperty_isa(p) == ICAL_STATUS_PROPERTY &&
		    icalproperty_get_status(p) != ICAL_STATUS_TENTATIVE &&
		    icalproperty_get_status(p) != ICAL_STATUS_CONFIRMED)
			continue;	/* RFC 5546 3.2.2: REQUEST allows these */
		np = icalproperty_new_clone(p);
		if ((icalproperty_isa(np) == ICAL_ATTENDEE_PROPERTY ||
		    icalproperty_isa(np) == ICAL_ORGANIZER_PROPERTY) &&
		    fix_cn(np, needles))
			ch |= CORR_CN;
		icalcomponent_add_property(ev, np);
	}
	{
		icalproperty *dur = icalcomponent_get_first_property(ev,
		    ICAL_DURATION_PROPERTY);

		/* RFC 5545 3.6.1: DTEND or DURATION, never both */
		if (dur && icalcomponent_get_first_property(ev,
		    ICAL_DTEND_PROPERTY)) {
			icalcomponent_remove_property(ev, dur);
			icalproperty_free(dur);
		}
	}
	if (icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY) ==
	    NULL && o && o->organizer && strchr(o->organizer, '@')) {
		char *mt = g_strdup_printf("mailto:%s", o->organizer);

		icalcomponent_add_property(ev, icalproperty_new_organizer(mt));
		g_free(mt);
	}
	if (icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY) &&
	    icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY))
		icalcomponent_add_property(cal,
		    icalproperty_new_method(ICAL_METHOD_REQUEST));
	if (loc != NULL && *g_strstrip(loc))
		icalcomponent_add_property(ev, icalproperty_new_location(loc));
	g_free(loc);

	if (strip) {
		char *tb = desc ? correct_teams_block(desc->str) : NULL;

		if (desc)
			g_string_assign(desc, tb ? tb : "");
		g_free(tb);
		ch |= CORR_STRIPPED;
		alt_dirty = true;
	}
	if (series) {
		GString *d = g_string_new(SERIES_NOTE_SV "\n" SERIES_NOTE_EN "\n");

		if (desc != NULL && desc->len > 0) {
			g_string_append_c(d, '\n');
			g_string_append_len(d, desc->str, (gssize)desc->len);
		}
		if (desc)
			g_string_free(desc, TRUE);
		desc = d;
		ch |= CORR_SERIES;
		alt_dirty = true;
	}
	if (ch & CORR_TEXT)
		alt_dirty = true;
	if (desc != NULL && desc->len > 0)
		icalcomponent_add_property(ev,
		    icalproperty_new_description(desc->str));
	if (altdesc != NULL && !alt_dirty)
		icalcomponent_add_property(ev, icalproperty_new_clone(altdesc));
	else if (altdesc != NULL && desc != NULL && desc->len > 0) {
		char *h = correct_text_to_html(desc->str);
		icalproperty *np = icalproperty_new_x(h);

		icalproperty_set_x_name(np, "X-ALT-DESC");
		icalproperty_set_parameter_from_string(np, "FMTTYPE",
		    "text/html");
		icalcomponent_add_property(ev, np);
		ch |= CORR_ALTDESC;
		g_free(h);
	} else if (altdesc != NULL)
		ch |= CORR_ALTDESC;
	if (desc)
		g_string_free(desc, TRUE);
	copy_timezones(cal, g_ptr_array_index(cs.comp_root, (guint)mi), ev);
	icalcomponent_add_component(cal, ev);
	/* no start, no meeting: nothing the sender could send */
	{
		icalproperty *ds = icalcomponent_get_first_property(ev,
		    ICAL_DTSTART_PROPERTY);
		struct icaltimetype t = ds ? icalproperty_get_dtstart(ds) :
		    icaltime_null_time();

		out = ds && !icaltime_is_null_time(t) &&
		    icaltime_is_valid_time(t) && t.month >= 1 && t.day >= 1 ?
		    icalcomponent_as_ical_string_r(cal) : NULL;
	}
	icalcomponent_free(cal);
	g_ptr_array_unref(needles);
	if (out != NULL) {
		/* icalmemory buffers are malloc()ed: hand back a g_ string */
		char *g = g_strdup(out);

		icalmemory_free_buffer(out);
		out = g;
	}
out:
	calsrc_clear(&cs);
	if (changes)
		*changes = out ? ch : 0;
	return out;
}
