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

/* The charset a byte-order mark at b names, or NULL: UTF-32 (either
 * order; its little-endian mark starts like UTF-16's, so it is tried
 * first) or UTF-16. iconv reads the mark itself for these names. */
static const char *
bom_charset(const char *b, size_t n)
{
	const guchar *u = (const guchar *)b;

	if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
		return "UTF-32";
	if (n >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) {
		/* Or UTF-16LE's mark and U+0000: UTF-32LE only when its
		 * first code units are code points (UTF-16 text is not). */
		bool utf32 = n % 4 == 0;

		for (size_t i = 4; utf32 && i + 4 <= n && i < 1024; i += 4)
			utf32 = u[i + 3] == 0 && u[i + 2] <= 0x10;
		if (utf32)
			return "UTF-32";
	}
	if (charset_has_utf16_bom(b, n))
		return "UTF-16";
	return NULL;
}

/* Text without a byte-order mark whose label is missing or byte-wide
 * but whose NULs say UTF-16 or UTF-32 (ASCII in a wide code unit
 * leaves the other bytes 0): of the first 256 code units at least 90 %
 * are ASCII in that one form, none of its zero bytes elsewhere.
 * Returns that charset, or NULL. */
static const char *
wide_by_nuls(const char *b, size_t n)
{
	static const struct { const char *cs; size_t w, at; } forms[] = {
		{ "UTF-32LE", 4, 0 }, { "UTF-32BE", 4, 3 },
		{ "UTF-16LE", 2, 0 }, { "UTF-16BE", 2, 1 },
	};
	const guchar *u = (const guchar *)b;

	for (size_t f = 0; f < G_N_ELEMENTS(forms); f++) {
		size_t w = forms[f].w, units = MIN(n / w, 256), ascii = 0;

		if (units < 8 || n % w != 0)
			continue;
		for (size_t i = 0; i < units; i++) {
			const guchar *c = u + i * w;
			bool zero_rest = true;

			for (size_t k = 0; k < w; k++)
				if (k != forms[f].at && c[k] != 0)
					zero_rest = false;
			if (zero_rest && c[forms[f].at] != 0 &&
			    c[forms[f].at] < 0x80)
				ascii++;
		}
		if (ascii * 10 >= units * 9)
			return forms[f].cs;
	}
	return NULL;
}

/* The charset to read b[0..n) in: a byte-order mark's, else the wide
 * form its NUL bytes show (wide_by_nuls: under a missing or byte-wide
 * label, and under a wide label without byte order, "UTF-32" that iconv
 * would read in the host's order), else the label. */
static const char *
effective_charset(const char *b, size_t n, const char *charset)
{
	const char *cs = bom_charset(b, n);

	if (cs != NULL)
		return cs;
	if (memchr(b, '\0', n) != NULL && (cs = wide_by_nuls(b, n)) != NULL)
		return cs;
	return charset;
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

/* NUL bytes (U+0000) in out[0..n) become spaces: a NUL is no end of
 * text anywhere in parse/ (issue 17: a copy that stopped at the first
 * NUL hid everything after it). *nul (may be NULL) is set when there
 * was one. */
static void
nul_to_space(char *out, size_t n, bool *nul)
{
	for (char *p = memchr(out, '\0', n); p != NULL;
	    p = memchr(p, '\0', n - (size_t)(p - out))) {
		*p = ' ';
		if (nul != NULL)
			*nul = true;
	}
}

/* charset_to_utf8() that also says whether the text held a NUL. */
char *
charset_decode(const char *b, size_t n, const char *charset, bool *guessed,
    bool *nul)
{
	char *out = NULL, *copy = NULL;
	gsize written = 0;

	if (b == NULL || n == 0)
		return g_strdup("");
	charset = effective_charset(b, n, charset);
	/* A byte-wide charset: NUL is the byte 0, a space before the
	 * conversion (so a NUL does not make UTF-8 text "invalid" and
	 * turn it into Windows-1252 mojibake). Wide text is converted
	 * first, its U+0000 replaced after. */
	if (!charset_is_wide(charset) && memchr(b, '\0', n) != NULL) {
		copy = g_memdup2(b, n);
		nul_to_space(copy, n, nul);
		b = copy;
	}
	if (charset != NULL && !charset_is_wide(charset) &&
	    g_ascii_strcasecmp(charset, "utf-8") != 0 &&
	    is_multibyte_utf8(b, n)) {
		set_guessed(guessed);
		out = g_strndup(b, n);
		goto done;
	}
	if (charset != NULL && g_ascii_strcasecmp(charset, "utf-8") != 0 &&
	    g_ascii_strcasecmp(charset, "us-ascii") != 0) {
		const char *cs = g_mime_charset_iconv_name(charset);

		out = g_convert(b, (gssize)n, "UTF-8", cs ? cs : charset, NULL,
		    &written, NULL);
		if (out != NULL) {
			nul_to_space(out, written, nul);
			goto done;
		}
		set_guessed(guessed);
	}
	if (utf8_valid(b, n, NULL)) {
		out = g_strndup(b, n);
		goto done;
	}
	if (charset != NULL && g_ascii_strcasecmp(charset, "us-ascii") != 0)
		set_guessed(guessed);
	out = g_convert(b, (gssize)n, "UTF-8", "WINDOWS-1252", NULL, &written,
	    NULL);
	if (out != NULL)
		nul_to_space(out, written, nul);
	else
		out = g_utf8_make_valid(b, (gssize)n);
done:
	g_free(copy);
	return out;
}

char *
charset_to_utf8(const char *b, size_t n, const char *charset, bool *guessed)
{
	return charset_decode(b, n, charset, guessed, NULL);
}

char *
calendar_decode(char *b, size_t n, const char *charset, bool *guessed,
    bool *nul)
{
	if (b != NULL && !charset_is_wide(effective_charset(b, n, charset)))
		n = ical_unfold_bytes(b, n);
	return charset_decode(b, n, charset, guessed, nul);
}

char *
charset_calendar_utf8(char *b, size_t n, const char *charset, bool *guessed)
{
	return calendar_decode(b, n, charset, guessed, NULL);
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
