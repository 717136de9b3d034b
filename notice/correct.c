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
#include "correct_text.h"
#include "../parse/limits.h"
#include "../parse/parts.h"
#include "../parse/text.h"

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
 * (libical unescapes known TEXT values; X- values get parse_ical_unescape). */
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
		parse_ical_unescape(s);
	return s;
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

/* What correct_calendar() gathers while it reads the master event. */
struct fix {
	const struct invite	*inv;
	const struct verdict	*v;
	GPtrArray		*needles;
	int			 comp;		/* master's index in inv, or -1 */
	bool			 strip;		/* keep only the Teams block */
	unsigned		 ch;		/* CORR_* */
	GString			*desc;		/* corrected DESCRIPTION */
	char			*loc;		/* corrected LOCATION */
	icalproperty		*altdesc;	/* the master's X-ALT-DESC */
	bool			 alt_dirty;	/* X-ALT-DESC must be rebuilt */
};

/* Is the master part of a series: a series property of its own, or
 * another event of the calendar with its UID (an exception)? Other
 * events are dropped: CORR_EVENTS. */
static bool
in_series(struct calsrc *cs, int mi, struct fix *f)
{
	icalcomponent *master = g_ptr_array_index(cs->comps, (guint)mi);
	bool series = is_series_comp(master);

	for (size_t i = 0; i < cs->comps->len; i++) {
		icalcomponent *c = g_ptr_array_index(cs->comps, i);

		if ((int)i == mi)
			continue;
		if (icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT) {
			const char *a = icalcomponent_get_uid(c);
			const char *b = icalcomponent_get_uid(master);

			if (a && b && strcmp(a, b) == 0)
				series = true;	/* an exception of the series */
			else
				f->ch |= CORR_EVENTS;
		}
	}
	return series;
}

/* The new event's own properties: UID (the master's when o->keep_uid,
 * else a new one), DTSTAMP, SEQUENCE 0 and the neutral SUMMARY. */
static icalcomponent *
new_event(icalcomponent *master, const struct correct_opts *o)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	struct icaltimetype now;

	if (o && o->keep_uid && icalcomponent_get_uid(master) != NULL)
		icalcomponent_add_property(ev, icalproperty_new_uid(
		    icalcomponent_get_uid(master)));
	else {
		char *uid = g_uuid_string_random();
		char *full = g_strdup_printf("%s@%s", uid, o && o->uid_domain ?
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
	return ev;
}

/* A text property of the master (fld != FLD_COUNT): its corrected text
 * kept in f (DESCRIPTION, LOCATION, X-ALT-DESC) or added to ev
 * (COMMENT). */
static void
take_text(struct fix *f, icalproperty *p, enum inv_field fld,
    icalcomponent *ev)
{
	size_t n_cut;
	char *t = fixed_text(p, fld, f->comp, f->inv, f->v, f->needles, &n_cut);

	if (fld == FLD_ALTDESC) {
		/* kept verbatim unless its text needs a cut */
		if (n_cut > 0)
			f->alt_dirty = true;
		if (f->altdesc == NULL)
			f->altdesc = p;
		g_free(t);
		return;
	}
	if (n_cut > 0)
		f->ch |= CORR_TEXT;
	if (t == NULL)
		return;
	if (fld == FLD_DESCRIPTION) {
		if (f->desc == NULL)
			f->desc = g_string_new(t);
	} else if (fld == FLD_LOCATION) {
		if (f->loc == NULL && !f->strip)
			f->loc = g_strdup(t);
	} else if (*g_strstrip(t) && !f->strip)
		icalcomponent_add_property(ev, icalproperty_new_comment(t));
	g_free(t);
}

/* The master's properties into ev: texts corrected (take_text), ATTACH
 * dropped, the keep_props copied once each (CN parameters cut). */
static void
copy_props(struct fix *f, icalcomponent *master, icalcomponent *ev)
{
	for (icalproperty *p = icalcomponent_get_first_property(master,
	    ICAL_ANY_PROPERTY); p != NULL;
	    p = icalcomponent_get_next_property(master, ICAL_ANY_PROPERTY)) {
		const char *name = icalproperty_get_property_name(p);
		enum inv_field fld = field_of(p);
		icalproperty_kind k = icalproperty_isa(p);
		icalproperty *np;

		if (name == NULL)
			continue;
		if (k == ICAL_ATTACH_PROPERTY) {
			f->ch |= CORR_ATTACH;
			continue;
		}
		if (fld != FLD_COUNT) {
			take_text(f, p, fld, ev);
			continue;
		}
		if (!in_list(name, keep_props, G_N_ELEMENTS(keep_props)))
			continue;
		/* one of each singular property (RFC 5545 3.6.1) */
		if (k != ICAL_ATTENDEE_PROPERTY && k != ICAL_X_PROPERTY &&
		    k != ICAL_CONFERENCE_PROPERTY &&
		    icalcomponent_get_first_property(ev, k))
			continue;
		if (k == ICAL_STATUS_PROPERTY &&
		    icalproperty_get_status(p) != ICAL_STATUS_TENTATIVE &&
		    icalproperty_get_status(p) != ICAL_STATUS_CONFIRMED)
			continue;	/* RFC 5546 3.2.2: REQUEST allows these */
		np = icalproperty_new_clone(p);
		if ((k == ICAL_ATTENDEE_PROPERTY || k == ICAL_ORGANIZER_PROPERTY) &&
		    fix_cn(np, f->needles))
			f->ch |= CORR_CN;
		icalcomponent_add_property(ev, np);
	}
}

/* DTEND or DURATION (never both, RFC 5545 3.6.1), an ORGANIZER (the
 * sender) when there is none, METHOD:REQUEST when there are organizer
 * and attendees, and the corrected LOCATION. */
static void
complete_event(struct fix *f, icalcomponent *cal, icalcomponent *ev,
    const struct correct_opts *o)
{
	icalproperty *dur = icalcomponent_get_first_property(ev,
	    ICAL_DURATION_PROPERTY);

	if (dur && icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY)) {
		icalcomponent_remove_property(ev, dur);
		icalproperty_free(dur);
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
	if (f->loc != NULL && *g_strstrip(f->loc))
		icalcomponent_add_property(ev, icalproperty_new_location(f->loc));
}

/* The DESCRIPTION (only the Teams block when f->strip, the series note
 * first for a series) and the X-ALT-DESC: the master's when no text
 * changed, else HTML made from the new description. */
static void
set_description(struct fix *f, icalcomponent *ev, bool series)
{
	if (f->strip) {
		char *tb = f->desc ? correct_teams_block(f->desc->str) : NULL;

		if (f->desc)
			g_string_assign(f->desc, tb ? tb : "");
		g_free(tb);
		f->ch |= CORR_STRIPPED;
		f->alt_dirty = true;
	}
	if (series) {
		GString *d = g_string_new(SERIES_NOTE_SV "\n" SERIES_NOTE_EN "\n");

		if (f->desc != NULL && f->desc->len > 0) {
			g_string_append_c(d, '\n');
			g_string_append_len(d, f->desc->str, (gssize)f->desc->len);
		}
		if (f->desc)
			g_string_free(f->desc, TRUE);
		f->desc = d;
		f->ch |= CORR_SERIES;
		f->alt_dirty = true;
	}
	if (f->ch & CORR_TEXT)
		f->alt_dirty = true;
	if (f->desc != NULL && f->desc->len > 0)
		icalcomponent_add_property(ev,
		    icalproperty_new_description(f->desc->str));
	if (f->altdesc != NULL && !f->alt_dirty)
		icalcomponent_add_property(ev, icalproperty_new_clone(f->altdesc));
	else if (f->altdesc != NULL && f->desc != NULL && f->desc->len > 0) {
		char *h = correct_text_to_html(f->desc->str);
		icalproperty *np = icalproperty_new_x(h);

		icalproperty_set_x_name(np, "X-ALT-DESC");
		icalproperty_set_parameter_from_string(np, "FMTTYPE",
		    "text/html");
		icalcomponent_add_property(ev, np);
		f->ch |= CORR_ALTDESC;
		g_free(h);
	} else if (f->altdesc != NULL)
		f->ch |= CORR_ALTDESC;
}

/* cal as a new g_ string, or NULL when ev has no valid DTSTART: no
 * start, no meeting, nothing the sender could send. */
static char *
calendar_string(icalcomponent *cal, icalcomponent *ev)
{
	icalproperty *ds = icalcomponent_get_first_property(ev,
	    ICAL_DTSTART_PROPERTY);
	struct icaltimetype t = ds ? icalproperty_get_dtstart(ds) :
	    icaltime_null_time();
	char *out, *g;

	if (ds == NULL || icaltime_is_null_time(t) ||
	    !icaltime_is_valid_time(t) || t.month < 1 || t.day < 1)
		return NULL;
	out = icalcomponent_as_ical_string_r(cal);
	if (out == NULL)
		return NULL;
	/* icalmemory buffers are malloc()ed: hand back a g_ string */
	g = g_strdup(out);
	icalmemory_free_buffer(out);
	return g;
}

char *
correct_calendar(const char *buf, size_t len, const struct parse_limits *lim,
    const struct invite *inv, const struct verdict *v,
    const struct correct_opts *o, bool strip, unsigned *changes)
{
	static const struct parse_limits defaults = PARSE_LIMITS_DEFAULT;
	struct fix f = { inv, v, NULL, -1, strip, CORR_SUBJECT, NULL, NULL,
	    NULL, false };
	struct calsrc cs;
	icalcomponent *master, *cal, *ev;
	char *out = NULL;
	int mi;
	bool series;

	calsrc_read(&cs, buf, len, lim ? lim : &defaults);
	if ((mi = pick_master(&cs)) < 0)
		goto out;
	master = g_ptr_array_index(cs.comps, (guint)mi);
	f.comp = aligned(&cs, inv) ? mi : -1;
	f.needles = correct_needles(inv, v);
	series = in_series(&cs, mi, &f);

	cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(cal,
	    icalproperty_new_prodid("-//invite-milter//corrected invitation//SV"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	ev = new_event(master, o);
	copy_props(&f, master, ev);
	complete_event(&f, cal, ev, o);
	set_description(&f, ev, series);
	copy_timezones(cal, g_ptr_array_index(cs.comp_root, (guint)mi), ev);
	icalcomponent_add_component(cal, ev);
	out = calendar_string(cal, ev);
	icalcomponent_free(cal);
	g_ptr_array_unref(f.needles);
	g_free(f.loc);
	if (f.desc)
		g_string_free(f.desc, TRUE);
out:
	calsrc_clear(&cs);
	if (changes)
		*changes = out ? f.ch : 0;
	return out;
}
