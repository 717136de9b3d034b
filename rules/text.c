/*
 * text.c: builds the normalised views of one field (detection-spec
 * section 0, steps 4-5), once, for all detectors. Every normalised byte
 * remembers the original byte it came from, so evidence spans map back.
 * Does not undo MIME, iCalendar or HTML encodings: parse/ already did.
 * The afold view (no diacritics) has its own map back to norm.
 */
#include <stdint.h>
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

/* The afold form of one code point into buf (at least 8 bytes): lower
 * case, diacritics dropped, a few letters without a decomposition
 * spelled as Swedish keyboards without them do. Returns the length. */
static size_t
afold_char(gunichar c, char *buf)
{
	gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
	gsize n;

	c = g_unichar_tolower(c);
	if (c < 0x80) {
		buf[0] = (char)c;
		return 1;
	}
	switch (c) {
	case 0x00F8: buf[0] = 'o'; return 1;		/* ø */
	case 0x00E6: memcpy(buf, "ae", 2); return 2;	/* æ */
	case 0x0153: memcpy(buf, "oe", 2); return 2;	/* œ */
	case 0x00DF: memcpy(buf, "ss", 2); return 2;	/* ß */
	case 0x0142: buf[0] = 'l'; return 1;		/* ł */
	case 0x0111: case 0x00F0: buf[0] = 'd'; return 1; /* đ ð */
	case 0x0131: buf[0] = 'i'; return 1;		/* dotless ı */
	case 0x00FE: memcpy(buf, "th", 2); return 2;	/* þ */
	default: break;
	}
	/* A Latin base letter with combining marks: keep the base. */
	n = g_unichar_fully_decompose(c, FALSE, d, G_N_ELEMENTS(d));
	if (n > 1 && d[0] < 0x80) {
		gsize k;

		for (k = 1; k < n; k++)
			if (g_unichar_combining_class(d[k]) == 0)
				break;
		if (k == n) {
			buf[0] = (char)g_unichar_tolower(d[0]);
			return 1;
		}
	}
	return (size_t)g_unichar_to_utf8(c, buf);
}

/* Writes the afold form of s[0..len) (valid UTF-8) to out, which has
 * room for 2 * len bytes (no code point grows more than that: a 2-byte
 * letter gives at most 3), and, when map is set, the offset in s of each
 * byte's source. Returns the bytes written. */
static size_t
afold_into(char *out, size_t *map, const char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		char buf[8];
		size_t n, next;

		if (b < 0x80) {		/* fast path: ASCII */
			if (map != NULL)
				map[o] = i;
			out[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
			i++;
			continue;
		}
		next = (size_t)(g_utf8_next_char(s + i) - s);
		n = afold_char(g_utf8_get_char(s + i), buf);
		if (n > 2 * (next - i))
			n = 0;		/* cannot happen; keeps the bound */
		for (size_t k = 0; k < n; k++) {
			if (map != NULL)
				map[o] = i;
			out[o++] = buf[k];
		}
		i = next;
	}
	return o;
}

size_t
ntext_afold_into(char *out, const char *s, size_t len)
{
	size_t n = afold_into(out, NULL, s, len);

	out[n] = '\0';
	return n;
}

char *
ntext_afold_str(const char *s, size_t len)
{
	char *out;
	size_t n = 0;

	if (s == NULL || len > (SIZE_MAX - 1) / 2)
		return g_strdup("");
	out = g_malloc(2 * len + 1);
	if (g_utf8_validate(s, (gssize)len, NULL))
		n = afold_into(out, NULL, s, len);
	out[n] = '\0';
	return out;
}

/* The norm view under construction: bytes and, per byte, the offset of
 * the original byte it came from. */
struct nbuf {
	char	*b;
	size_t	*map;
	size_t	 len, cap;
};

static void
nbuf_room(struct nbuf *nb, size_t n)
{
	if (nb->len + n <= nb->cap)
		return;
	while (nb->len + n > nb->cap)
		nb->cap *= 2;
	nb->b = g_realloc(nb->b, nb->cap + 1);
	nb->map = g_renew(size_t, nb->map, nb->cap + 1);
}

static void
emit(struct nbuf *nb, const char *s, size_t n, size_t from)
{
	nbuf_room(nb, n);
	memcpy(nb->b + nb->len, s, n);
	for (size_t i = 0; i < n; i++)
		nb->map[nb->len + i] = from;
	nb->len += n;
}

/* Builds the views of s[0..len), which must be valid UTF-8 (invalid
 * bytes are dropped). The caller frees with ntext_free(). */
struct ntext *
ntext_new(const char *s, size_t len)
{
	struct ntext *nt;
	struct nbuf nb;
	size_t i = 0, end;

	if (s == NULL)
		return NULL;
	nb.cap = len + 16;
	nb.len = 0;
	nb.b = g_malloc(nb.cap + 1);
	nb.map = g_new(size_t, nb.cap + 1);
	while (i < len) {
		gunichar c;
		size_t clen, j;
		char buf[8];
		int n;

		/* Fast path: a run of ASCII bytes other than NUL (dropped
		 * below) maps to itself, all but a last one that a
		 * combining mark (never ASCII) may follow. */
		for (j = i; j < len && (unsigned char)s[j] - 1u < 0x7Fu; j++)
			;
		if (j < len && j > i)
			j--;
		if (j > i) {
			nbuf_room(&nb, j - i);
			memcpy(nb.b + nb.len, s + i, j - i);
			for (size_t k = 0; k < j - i; k++)
				nb.map[nb.len + k] = i + k;
			nb.len += j - i;
			i = j;
			continue;
		}
		c = g_utf8_get_char_validated(s + i, (gssize)(len - i));

		if (c == (gunichar)-1 || c == (gunichar)-2) {
			i++;		/* invalid byte: skip it */
			continue;
		}
		clen = (size_t)(g_utf8_next_char(s + i) - (s + i));
		/* A base followed by combining marks: compose the run (NFC),
		 * so "a" + U+030A becomes "å". */
		j = i + clen;
		while (j < len && (unsigned char)s[j] >= 0x80) {
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
				emit(&nb, nfc, strlen(nfc), i);
				g_free(nfc);
			}
			i = j;
			continue;
		}
		c = map_char(c);
		if (c != 0) {
			n = g_unichar_to_utf8(c, buf);
			emit(&nb, buf, (size_t)n, i);
		}
		i += clen;
	}
	nb.map[nb.len] = len;
	nb.b[nb.len] = '\0';

	nt = g_new0(struct ntext, 1);
	nt->orig = s;
	nt->orig_len = len;
	nt->len = nb.len;
	nt->norm = nb.b;
	nt->map = nb.map;

	/* Case-folded view with the same byte length, so offsets are shared:
	 * a lower-case form of another length (rare outside Turkish İ) is
	 * left as it is. */
	nt->fold = g_malloc(nt->len + 1);
	for (i = 0; i < nt->len; i = end) {
		unsigned char b = (unsigned char)nt->norm[i];
		char buf[8];
		int n;

		if (b < 0x80) {
			nt->fold[i] = (char)((unsigned)(b - 'A') < 26u ? b + 32 : b);
			end = i + 1;
			continue;
		}
		n = g_unichar_to_utf8(g_unichar_tolower(g_utf8_get_char(
		    nt->norm + i)), buf);
		end = (size_t)(g_utf8_next_char(nt->norm + i) - nt->norm);
		if ((size_t)n == end - i)
			memcpy(nt->fold + i, buf, (size_t)n);
		else
			memcpy(nt->fold + i, nt->norm + i, end - i);
	}
	nt->fold[nt->len] = '\0';

	/* Without diacritics: its own length, its own map to norm. */
	nt->afold = g_malloc(2 * nt->len + 1);
	nt->amap = g_new(size_t, 2 * nt->len + 1);
	nt->alen = afold_into(nt->afold, nt->amap, nt->norm, nt->len);
	nt->afold[nt->alen] = '\0';
	nt->amap[nt->alen] = nt->len;
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
	g_free(nt->afold);
	g_free(nt->amap);
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

/* Maps the afold span [a, b) to norm: from the start of the character
 * that gave byte a to the end of the one that gave byte b - 1. */
void
ntext_aspan(const struct ntext *nt, size_t a, size_t b, size_t *na,
    size_t *nb)
{
	if (a > nt->alen)
		a = nt->alen;
	if (b > nt->alen)
		b = nt->alen;
	if (b < a)
		b = a;
	*na = nt->amap[a];
	if (b == a)
		*nb = *na;
	else {
		size_t k = b;

		while (k < nt->alen && nt->amap[k] == nt->amap[b - 1])
			k++;
		*nb = nt->amap[k];
	}
}
