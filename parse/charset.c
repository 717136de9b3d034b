/*
 * charset.c: a part's bytes and charset label -> UTF-8 (see charset.h).
 * Labels lie: Outlook and web clients send UTF-8 marked ISO-8859-1,
 * UTF-16 with a byte-order mark and no label, or no label at all. The
 * rules here decide what text every reader of the message sees; keep
 * them in this one file (tests/unit/charset_test.c).
 */
#include <string.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "charset.h"
#include "parse_int.h"

bool
charset_is_wide(const char *cs)
{
	return cs != NULL && (g_ascii_strncasecmp(cs, "utf-16", 6) == 0 ||
	    g_ascii_strncasecmp(cs, "utf-32", 6) == 0 ||
	    g_ascii_strncasecmp(cs, "ucs-", 4) == 0 ||
	    g_ascii_strncasecmp(cs, "ucs2", 4) == 0 ||
	    g_ascii_strncasecmp(cs, "ucs4", 4) == 0 ||
	    g_ascii_strcasecmp(cs, "unicode") == 0);
}

bool
charset_has_utf16_bom(const char *b, size_t n)
{
	return n >= 2 && (((guchar)b[0] == 0xFF && (guchar)b[1] == 0xFE) ||
	    ((guchar)b[0] == 0xFE && (guchar)b[1] == 0xFF));
}

/* Valid UTF-8 holding at least one multi-byte sequence: text that a
 * single-byte label (ISO-8859-1, Windows-1252...) would turn into
 * mojibake ("JÃ¶nsson"). Real 8-bit text is almost never valid UTF-8. */
static bool
is_multibyte_utf8(const char *b, size_t n)
{
	bool high = false;

	for (size_t i = 0; i < n && !high; i++)
		high = (guchar)b[i] >= 0x80;
	return high && utf8_valid(b, n, NULL);
}

static void
set_guessed(bool *guessed)
{
	if (guessed != NULL)
		*guessed = true;
}

char *
charset_to_utf8(const char *b, size_t n, const char *charset, bool *guessed)
{
	char *out = NULL;

	if (b == NULL || n == 0)
		return g_strdup("");
	if (charset_has_utf16_bom(b, n))
		charset = "UTF-16";
	if (charset != NULL && !charset_is_wide(charset) &&
	    g_ascii_strcasecmp(charset, "utf-8") != 0 &&
	    is_multibyte_utf8(b, n)) {
		set_guessed(guessed);
		return g_strndup(b, n);
	}
	if (charset != NULL && g_ascii_strcasecmp(charset, "utf-8") != 0 &&
	    g_ascii_strcasecmp(charset, "us-ascii") != 0) {
		const char *cs = g_mime_charset_iconv_name(charset);

		out = g_convert(b, (gssize)n, "UTF-8", cs ? cs : charset, NULL,
		    NULL, NULL);
		if (out != NULL)
			return out;
		set_guessed(guessed);
	}
	if (utf8_valid(b, n, NULL))
		return g_strndup(b, n);
	if (charset != NULL && g_ascii_strcasecmp(charset, "us-ascii") != 0)
		set_guessed(guessed);
	out = g_convert(b, (gssize)n, "UTF-8", "WINDOWS-1252", NULL, NULL,
	    NULL);
	if (out == NULL)
		out = g_utf8_make_valid(b, (gssize)n);
	return out;
}

char *
charset_calendar_utf8(char *b, size_t n, const char *charset, bool *guessed)
{
	if (b != NULL && !charset_has_utf16_bom(b, n) &&
	    !charset_is_wide(charset))
		n = ical_unfold_bytes(b, n);
	return charset_to_utf8(b, n, charset, guessed);
}

char *
invite_to_utf8(struct invite *inv, const char *b, size_t n, const char *charset)
{
	bool guessed = false;
	char *u = charset_to_utf8(b, n, charset, &guessed);

	if (guessed)
		inv->flags |= INV_CHARSET_GUESSED;
	return u;
}
