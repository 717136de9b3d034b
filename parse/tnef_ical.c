/*
 * tnef_ical.c: a TNEF meeting (parse/tnef.h) written as one iCalendar
 * text, which mime.c parses like any text/calendar part. Returns a new
 * string; the caller frees it.
 */
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <glib.h>

#include "parse_int.h"
#include "tnef.h"

/*
 * A TNEF meeting as iCalendar (ical_from_tnef). The text goes through
 * ical_parse_into() like any calendar part, so every rule reads it as
 * it reads a text/calendar part: what each value says survives the
 * round trip (escapes undone by libical give the string back; a CR is
 * dropped, another control character becomes a space, as RFC 5545 3.3.11
 * allows none).
 */

/* s as an RFC 5545 TEXT value (3.3.11). */
static void
esc_text(GString *o, const char *s)
{
	for (; *s != '\0'; s++) {
		guchar c = (guchar)*s;

		if (c == '\\' || c == ';' || c == ',') {
			g_string_append_c(o, '\\');
			g_string_append_c(o, (char)c);
		} else if (c == '\n')
			g_string_append(o, "\\n");
		else if (c == '\r')
			continue;
		else if ((c < 0x20 && c != '\t') || c == 0x7F)
			g_string_append_c(o, ' ');
		else
			g_string_append_c(o, (char)c);
	}
}

/* s as a quoted parameter value (3.2: no DQUOTE, no control
 * character inside the quotes). */
static void
esc_param(GString *o, const char *s)
{
	g_string_append_c(o, '"');
	for (; *s != '\0'; s++) {
		guchar c = (guchar)*s;

		g_string_append_c(o, c == '"' ? '\'' : c < 0x20 || c == 0x7F ?
		    ' ' : (char)c);
	}
	g_string_append_c(o, '"');
}

/* The content line l, folded at 75 octets (3.1), never inside a UTF-8
 * sequence, with its CRLF, appended to o; l is emptied. */
static void
put_line(GString *o, GString *l)
{
	size_t i = 0, room = 75;

	while (l->len - i > room) {
		size_t k = i + room;

		while (k > i && ((guchar)l->str[k] & 0xC0) == 0x80)
			k--;
		if (k == i)
			k = i + room;
		g_string_append_len(o, l->str + i, (gssize)(k - i));
		g_string_append(o, "\r\n ");
		i = k;
		room = 74;
	}
	g_string_append_len(o, l->str + i, (gssize)(l->len - i));
	g_string_append(o, "\r\n");
	g_string_truncate(l, 0);
}

/* NAME:value (TEXT) when v is not empty. */
static void
put_text(GString *o, GString *l, const char *name, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	g_string_append(l, name);
	g_string_append_c(l, ':');
	esc_text(l, v);
	put_line(o, l);
}

/* NAME:t as a UTC DATE-TIME when t is a time of years 1-9999. */
static void
put_time(GString *o, GString *l, const char *name, time_t t)
{
	struct tm tm;
	char b[32];

	if (t == 0 || gmtime_r(&t, &tm) == NULL || tm.tm_year < 1 - 1900 ||
	    tm.tm_year > 9999 - 1900)
		return;
	g_snprintf(b, sizeof(b), "%s:%04d%02d%02dT%02d%02d%02dZ", name,
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	g_string_append(l, b);
	put_line(o, l);
}

/* ORGANIZER or ATTENDEE for p: CN, ROLE/CUTYPE from the TNEF role, and
 * mailto: its address; a person without an SMTP address (an Exchange
 * X.500 address, a name in PR_DISPLAY_TO) is "invalid:nomail", as
 * Outlook writes such a guest into its own calendars. */
static void
put_person(GString *o, GString *l, const char *prop,
    const struct tnef_person *p)
{
	g_string_append(l, prop);
	if (strcmp(prop, "ATTENDEE") == 0) {
		if (p->role == TNEF_ROLE_REQUIRED)
			g_string_append(l, ";ROLE=REQ-PARTICIPANT");
		else if (p->role == TNEF_ROLE_OPTIONAL)
			g_string_append(l, ";ROLE=OPT-PARTICIPANT");
		else if (p->role == TNEF_ROLE_RESOURCE)
			g_string_append(l, ";CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT");
	}
	if (p->name != NULL && *p->name != '\0') {
		g_string_append(l, ";CN=");
		esc_param(l, p->name);
	}
	g_string_append_c(l, ':');
	if (p->addr != NULL && *p->addr != '\0') {
		g_string_append(l, "mailto:");
		for (const char *a = p->addr; *a != '\0'; a++)
			if ((guchar)*a > 0x20 && *a != 0x7F)
				g_string_append_c(l, *a);
	} else
		g_string_append(l, "invalid:nomail");
	put_line(o, l);
}

/* The attendees, each address once; a person named only (no address)
 * is left out when a person of that name has one (TNEF lists a guest
 * in the recipient table and again in PR_DISPLAY_TO). */
static void
put_attendees(GString *o, GString *l, const struct tnef *t)
{
	GHashTable *addrs = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *named = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);

	for (size_t i = 0; i < t->n_attendees; i++) {
		const struct tnef_person *p = &t->attendees[i];

		if (p->addr != NULL && p->name != NULL)
			g_hash_table_add(named, g_utf8_casefold(p->name, -1));
	}
	for (size_t i = 0; i < t->n_attendees; i++) {
		const struct tnef_person *p = &t->attendees[i];

		if (p->addr != NULL) {
			if (g_hash_table_contains(addrs, p->addr))
				continue;
			g_hash_table_add(addrs, p->addr);
		} else if (p->name == NULL || *p->name == '\0')
			continue;
		else {
			char *k = g_utf8_casefold(p->name, -1);

			if (g_hash_table_contains(named, k)) {
				g_free(k);
				continue;
			}
			g_hash_table_add(named, k);	/* once */
		}
		put_person(o, l, "ATTENDEE", p);
	}
	g_hash_table_destroy(addrs);
	g_hash_table_destroy(named);
}

char *
ical_from_tnef(const struct tnef *t)
{
	GString *o = g_string_new("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "PRODID:-//invite-milter//TNEF//EN\r\n");
	GString *l = g_string_new(NULL);
	const char *bodies[3] = { t->body_plain, t->body_rtf, t->body_html };

	if (t->method != NULL) {
		g_string_append_printf(o, "METHOD:%s\r\n", t->method);
	}
	g_string_append(o, "BEGIN:VEVENT\r\n");
	put_text(o, l, "UID", t->uid);
	put_time(o, l, "DTSTART", t->start);
	put_time(o, l, "DTEND", t->end);
	put_text(o, l, "SUMMARY", t->subject);
	put_text(o, l, "LOCATION", t->location);
	/* Every body: a client shows one, which one the sender chose. */
	for (size_t i = 0; i < G_N_ELEMENTS(bodies); i++) {
		bool dup = false;

		for (size_t j = 0; j < i && !dup; j++)
			dup = bodies[j] != NULL && bodies[i] != NULL &&
			    strcmp(bodies[i], bodies[j]) == 0;
		if (!dup)
			put_text(o, l, "DESCRIPTION", bodies[i]);
	}
	put_text(o, l, "X-MICROSOFT-SKYPETEAMSMEETINGURL", t->teams_url);
	/* The pattern is not decoded: the name alone makes a series
	 * (recur_is_series reads has_ms_rrule); its words are a text. */
	if (t->recurring)
		g_string_append(o, "X-MICROSOFT-RRULE:FREQ=DAILY\r\n");
	put_text(o, l, "COMMENT", t->recurrence_text);
	if (t->has_organizer)
		put_person(o, l, "ORGANIZER", &t->organizer);
	put_attendees(o, l, t);
	for (size_t i = 0; i < t->n_other; i++)
		put_text(o, l, "COMMENT", t->other_texts[i]);
	g_string_append(o, "END:VEVENT\r\nEND:VCALENDAR\r\n");
	g_string_free(l, TRUE);
	return g_string_free(o, FALSE);
}
