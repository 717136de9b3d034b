/*
 * charset_test.c: the one charset decoder (parse/charset.c), one row
 * per case: bytes, label, the UTF-8 wanted and whether the label counts
 * as guessed. Byte-order marks, UTF-16LE/BE, UTF-8 under a Latin-1
 * label, wide labels, wrong and missing labels, and the calendar form
 * (unfolded before conversion, never for UTF-16/32); UTF-32 and NULs.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "parse/charset.h"

struct row {
	const char	*name;
	const char	*in;
	size_t		 n;		/* bytes of in */
	const char	*charset;	/* label or NULL */
	bool		 calendar;	/* charset_calendar_utf8() */
	const char	*want;
	bool		 guessed;
};

#define B(s)	s, sizeof(s) - 1

static const struct row rows[] = {
	{ "empty", B(""), NULL, false, "", false },
	{ "ascii, no label", B("Hej"), NULL, false, "Hej", false },
	{ "utf-8 labelled", B("J\xc3\xb6nsson"), "utf-8", false,
	    "J\xc3\xb6nsson", false },
	{ "latin-1 labelled", B("J\xf6nsson"), "iso-8859-1", false,
	    "J\xc3\xb6nsson", false },
	{ "utf-8 under a latin-1 label", B("J\xc3\xb6nsson"), "ISO-8859-1",
	    false, "J\xc3\xb6nsson", true },
	{ "utf-8 under windows-1252", B("\xc3\xa5r"), "windows-1252", false,
	    "\xc3\xa5r", true },
	{ "no label, 8-bit: windows-1252", B("J\xf6nsson \x80"), NULL, false,
	    "J\xc3\xb6nsson \xe2\x82\xac", false },
	{ "us-ascii label, 8-bit", B("\xe5"), "us-ascii", false, "\xc3\xa5",
	    false },
	{ "utf-8 label, 8-bit", B("\xe5"), "utf-8", false, "\xc3\xa5", true },
	{ "unknown label", B("abc"), "x-no-such-charset", false, "abc", true },
	{ "utf-16le with bom, no label", B("\xff\xfeH\0\xe5\0"), NULL, false,
	    "H\xc3\xa5", false },
	{ "utf-16be with bom, no label", B("\xfe\xff\0H\0\xe5"), NULL, false,
	    "H\xc3\xa5", false },
	{ "bom beats a latin-1 label", B("\xff\xfeH\0i\0"), "iso-8859-1", false,
	    "Hi", false },
	{ "utf-16le labelled", B("H\0\xe5\0"), "UTF-16LE", false, "H\xc3\xa5",
	    false },
	{ "utf-16be labelled", B("\0H\0\xe5"), "utf-16be", false, "H\xc3\xa5",
	    false },
	{ "ucs-2 label is wide", B("H\0i\0"), "UCS-2LE", false, "Hi", false },
	{ "calendar: unfolded", B("SUMMARY:a\r\n b"), NULL, true,
	    "SUMMARY:ab", false },
	{ "calendar: fold inside a utf-8 sequence", B("X:\xc3\r\n \xb6"),
	    NULL, true, "X:\xc3\xb6", false },
	{ "calendar: fold inside utf-8 under latin-1", B("X:\xc3\r\n \xb6"),
	    "iso-8859-1", true, "X:\xc3\xb6", true },
	{ "calendar: utf-16 with bom not unfolded",
	    B("\xff\xfe" "a\0\r\0\n\0 \0b\0"), NULL, true, "a\r\n b", false },
	{ "calendar: wide label not unfolded", B("a\0\r\0\n\0 \0b\0"),
	    "utf-16le", true, "a\r\n b", false },
	/* Issue 17: UTF-32, and a NUL that ended the text. */
	{ "utf-32le with bom, no label",
	    B("\xff\xfe\0\0H\0\0\0\xe5\0\0\0"), NULL, false, "H\xc3\xa5",
	    false },
	{ "utf-32be with bom, no label",
	    B("\0\0\xfe\xff\0\0\0H\0\0\0\xe5"), NULL, false, "H\xc3\xa5",
	    false },
	{ "utf-32le bom beats a utf-16 label",
	    B("\xff\xfe\0\0H\0\0\0i\0\0\0"), "utf-16", false, "Hi", false },
	{ "utf-16le bom and U+0000 is no utf-32 bom",
	    B("\xff\xfe\0\0H\0i\0"), NULL, false, " Hi", false },
	{ "utf-32 label without bom, big-endian bytes",
	    B("\0\0\0B\0\0\0E\0\0\0G\0\0\0I\0\0\0N\0\0\0:\0\0\0x\0\0\0y"),
	    "utf-32", false, "BEGIN:xy", false },
	{ "utf-32le without bom or label, by its NULs",
	    B("B\0\0\0E\0\0\0G\0\0\0I\0\0\0N\0\0\0:\0\0\0x\0\0\0y\0\0\0"),
	    NULL, false, "BEGIN:xy", false },
	{ "utf-16le without bom under a utf-8 label, by its NULs",
	    B("B\0E\0G\0I\0N\0:\0x\0y\0"), "utf-8", false, "BEGIN:xy",
	    false },
	{ "calendar: utf-32 with bom not unfolded",
	    B("\0\0\xfe\xff\0\0\0a\0\0\0\r\0\0\0\n\0\0\0 \0\0\0b"), NULL,
	    true, "a\r\n b", false },
	{ "a NUL is a space, utf-8 stays utf-8", B("J\xc3\xb6n\0sson"),
	    "utf-8", false, "J\xc3\xb6n sson", false },
	{ "a NUL is a space, no label", B("a\0b\xe5"), NULL, false,
	    "a b\xc3\xa5", false },
	{ "a NUL in utf-16 is a space", B("\xff\xfe" "a\0\0\0b\0"), NULL,
	    false, "a b", false },
};

int
main(void)
{
	int fails = 0;
	size_t i;

	g_mime_init();
	for (i = 0; i < G_N_ELEMENTS(rows); i++) {
		const struct row *r = &rows[i];
		char *b = g_memdup2(r->in, r->n + 1);
		bool guessed = false;
		char *got = r->calendar ?
		    charset_calendar_utf8(b, r->n, r->charset, &guessed) :
		    charset_to_utf8(b, r->n, r->charset, &guessed);
		bool ok = strcmp(got, r->want) == 0 && guessed == r->guessed;

		printf("%s %zu - %s\n", ok ? "ok" : "not ok", i + 1, r->name);
		if (!ok) {
			printf("#   guessed %d, want %d\n", guessed, r->guessed);
			fails++;
		}
		g_free(got);
		g_free(b);
	}
	printf("%s %zu - is_wide and the bom test\n",
	    charset_is_wide("UTF-32") && charset_is_wide("ucs4") &&
	    charset_is_wide("Unicode") && !charset_is_wide("utf-8") &&
	    !charset_is_wide(NULL) && charset_has_utf16_bom("\xfe\xff", 2) &&
	    !charset_has_utf16_bom("\xef\xbb\xbf", 3) ? "ok" : "not ok", i + 1);
	printf("1..%zu\n", i + 1);
	return fails ? 1 : 0;
}
