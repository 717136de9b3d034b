/*
 * text.h: the text conversions parse/ applies to what it reads, for
 * the readers in notice/ that must apply the very same ones to the
 * text they cut (the corrector, the redactor). Pure; thread-safe.
 */
#ifndef PARSE_TEXT_H
#define PARSE_TEXT_H

#include <stddef.h>
#include <glib.h>

/* html.c: appends the text of HTML s[0..len) to out: tags dropped,
 * <br>, </p>, </div>, </li>, </tr> as newlines, script and style
 * skipped, entities decoded. */
void	parse_html_to_text(const char *s, size_t len, GString *out);

/* ical.c: undoes iCalendar TEXT escapes (RFC 5545 3.3.11) in place, as
 * parse/ does for the X- properties libical leaves escaped. */
void	parse_ical_unescape(char *s);

#endif
