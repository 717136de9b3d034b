/*
 * text.c: builds the normalised views of one field (detection-spec
 * section 0, steps 4-5), once, for all detectors. Every normalised byte
 * remembers the original byte it came from, so evidence spans map back.
 * Does not undo MIME, iCalendar or HTML encodings: parse/ already did.
 */
#include <string.h>
#include <glib.h>

#include "text.h"

/* The replacement for code point c: a code point to emit, or 0 to drop
 * it. Returns c itself when nothing applies. */
static gunichar
map_char(gunichar c)
{
	if ((c >= 0x200B && c <= 0x200D) || c == 0xFEFF || c == 0x00AD ||
	    c == 0x2060 || c == 0x180E || g_unichar_type(c) == G_UNICODE_FORMAT)
		return 0;	/* zero-width, soft hyphen, bidi marks, all Cf */
	if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFF0D ||
	    c == 0xFE63 || c == 0x2043)
		return '-';		/* dashes and minus */
	if (c == 0x00A0 || c == 0x202F || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x3000)
		return ' ';		/* space variants */
	if (c >= 0xFF10 && c <= 0xFF19)
		return '0' + (c - 0xFF10);	/* full-width digits */
	if (c > 0x7F && g_unichar_type(c) == G_UNICODE_DECIMAL_NUMBER &&
	    g_unichar_digit_value(c) >= 0)	/* Arabic-Indic, math bold... */
		return '0' + (gunichar)g_unichar_digit_value(c);
	if (c >= 0xFF21 && c <= 0xFF3A)
		return 'A' + (c - 0xFF21);
	if (c >= 0xFF41 && c <= 0xFF5A)
		return 'a' + (c - 0xFF41);
	if (c == 0xFF0B)
		return '+';
	if (c == 0xFF0E)
		return '.';
	return c;
}

static void
emit(GString *out, GArray *map, const char *s, size_t n, size_t from)
{
	g_string_append_len(out, s, (gssize)n);
	for (size_t i = 0; i < n; i++)
		g_array_append_val(map, from);
}

/* Builds the views of s[0..len), which must be valid UTF-8 (invalid
 * bytes are dropped). The caller frees with ntext_free(). */
struct ntext *
ntext_new(const char *s, size_t len)
{
	struct ntext *nt;
	GString *out;
	GArray *map;
	size_t i = 0, end;

	if (s == NULL)
		return NULL;
	out = g_string_sized_new(len + 1);
	map = g_array_sized_new(FALSE, FALSE, sizeof(size_t), len + 1);
	while (i < len) {
		gunichar c = g_utf8_get_char_validated(s + i, (gssize)(len - i));
		size_t clen, j;
		char buf[8];
		int n;

		if (c == (gunichar)-1 || c == (gunichar)-2) {
			i++;		/* invalid byte: skip it */
			continue;
		}
		clen = (size_t)(g_utf8_next_char(s + i) - (s + i));
		/* A base followed by combining marks: compose the run (NFC),
		 * so "a" + U+030A becomes "å". */
		j = i + clen;
		while (j < len) {
			gunichar m = g_utf8_get_char_validated(s + j,
			    (gssize)(len - j));

			if (m == (gunichar)-1 || m == (gunichar)-2 ||
			    g_unichar_combining_class(m) == 0)
				break;
			j = (size_t)(g_utf8_next_char(s + j) - s);
		}
		if (j > i + clen) {
			char *nfc = g_utf8_normalize(s + i, (gssize)(j - i),
			    G_NORMALIZE_NFC);

			if (nfc != NULL) {
				emit(out, map, nfc, strlen(nfc), i);
				g_free(nfc);
			}
			i = j;
			continue;
		}
		c = map_char(c);
		if (c != 0) {
			n = g_unichar_to_utf8(c, buf);
			emit(out, map, buf, (size_t)n, i);
		}
		i += clen;
	}
	g_array_append_val(map, len);

	nt = g_new0(struct ntext, 1);
	nt->orig = s;
	nt->orig_len = len;
	nt->len = out->len;
	nt->norm = g_string_free(out, FALSE);
	nt->map = (size_t *)(void *)g_array_free(map, FALSE);

	/* Case-folded view with the same byte length, so offsets are shared:
	 * a lower-case form of another length (rare outside Turkish İ) is
	 * left as it is. */
	nt->fold = g_malloc(nt->len + 1);
	for (i = 0; i < nt->len; i = end) {
		gunichar c = g_utf8_get_char(nt->norm + i);
		gunichar l = g_unichar_tolower(c);
		char buf[8];
		int n;

		end = (size_t)(g_utf8_next_char(nt->norm + i) - nt->norm);
		n = g_unichar_to_utf8(l, buf);
		if ((size_t)n == end - i)
			memcpy(nt->fold + i, buf, (size_t)n);
		else
			memcpy(nt->fold + i, nt->norm + i, end - i);
	}
	nt->fold[nt->len] = '\0';
	return nt;
}

void
ntext_free(struct ntext *nt)
{
	if (nt == NULL)
		return;
	g_free(nt->norm);
	g_free(nt->fold);
	g_free(nt->map);
	g_free(nt);
}

/* Maps the normalised span [a, b) to the original text. */
void
ntext_span(const struct ntext *nt, size_t a, size_t b, size_t *oa, size_t *ob)
{
	if (a > nt->len)
		a = nt->len;
	if (b > nt->len)
		b = nt->len;
	*oa = nt->map[a];
	/* The end is the start of the first original byte not covered. */
	if (b == 0)
		*ob = nt->map[0];
	else if (b < nt->len && nt->map[b] != nt->map[b - 1])
		*ob = nt->map[b];
	else {
		size_t k = b;

		while (k < nt->len && nt->map[k] == nt->map[b - 1])
			k++;
		*ob = nt->map[k];
	}
}
