/*
 * textchar.c: what one character becomes in the normalised views
 * (detection-spec section 0, steps 4-5): removed (invisible format
 * characters), mapped (dash and space variants, digits of every
 * script), folded, and its afold form without diacritics; the table of
 * 2-byte characters built from these rules once; the afold form of a
 * whole string (ntext_afold_into, ntext_afold_str).
 */
#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "text.h"
#include "textchar.h"

/* The replacement for code point c: a code point to emit, or 0 to drop
 * it. Returns c itself when nothing applies. */
gunichar
text_map_char(gunichar c)
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


/* The fold of the norm character p[0..clen) into out (clen bytes): its
 * lower case when that has the same length, else the character as it
 * is (rare outside Turkish İ). */
void
text_fold_char(const char *p, size_t clen, char *out)
{
	unsigned char b = (unsigned char)p[0];
	char buf[8];
	int n;

	if (b < 0x80) {
		out[0] = (char)((unsigned)(b - 'A') < 26u ? b + 32 : b);
		return;
	}
	n = g_unichar_to_utf8(g_unichar_tolower(g_utf8_get_char(p)), buf);
	memcpy(out, (size_t)n == clen ? buf : p, clen);
}

/* The afold bytes of the norm character p[0..clen) into out (at least 8
 * bytes); at most 2 * clen of them. Returns the count. */
size_t
text_afold_one(const char *p, size_t clen, char *out)
{
	unsigned char b = (unsigned char)p[0];
	size_t n;

	if (b < 0x80) {
		out[0] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
		return 1;
	}
	n = afold_char(g_utf8_get_char(p), out);
	if (n > 2 * clen)
		n = 0;		/* cannot happen; keeps the bound */
	return n;
}

struct c2	text_c2tab[0x800 - 0x80];

void
text_c2tab_init(void)
{
	static gsize done;

	if (!g_once_init_enter(&done))
		return;
	for (gunichar c = 0x80; c < 0x800; c++) {
		struct c2 *e = &text_c2tab[c - 0x80];
		gunichar m = text_map_char(c);
		char buf[8];
		int n;

		e->comb = g_unichar_combining_class(c) != 0;
		if (m == 0)
			continue;
		n = g_unichar_to_utf8(m, buf);
		if (n > 2)
			g_error("text: U+%04X maps to %d bytes", c, n);
		e->nlen = (uint8_t)n;
		e->same = m == c;
		memcpy(e->norm, buf, (size_t)n);
		text_fold_char(e->norm, (size_t)n, e->fold);
		e->alen = (uint8_t)text_afold_one(e->norm, (size_t)n, buf);
		memcpy(e->afold, buf, e->alen);
		e->asame = e->alen == n &&
		    g_utf8_skip[(unsigned char)buf[0]] == n;
		e->folds = !e->comb && e->same && n == 2 && !e->asame &&
		    e->alen >= 1 && e->alen <= 2;
	}
	g_once_init_leave(&done, 1);
}

/* Writes the afold form of s[0..len) (valid UTF-8) to out, which has
 * room for 2 * len bytes (no code point grows more than that: a 2-byte
 * letter gives at most 3). Returns the bytes written. */
static size_t
afold_into(char *out, const char *s, size_t len)
{
	size_t i = 0, o = 0;

	text_c2tab_init();
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		const struct c2 *e;
		size_t n, next;
		char buf[8];

		if (b < 0x80) {		/* fast path: ASCII */
			out[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
			i++;
			continue;
		}
		if (i + 1 < len && (e = c2_at(s + i)) != NULL && e->same) {
			memcpy(out + o, e->afold, e->alen);
			o += e->alen;
			i += 2;
			continue;
		}
		next = (size_t)(g_utf8_next_char(s + i) - s);
		n = text_afold_one(s + i, next - i, buf);
		memcpy(out + o, buf, n);
		o += n;
		i = next;
	}
	return o;
}

size_t
ntext_afold_into(char *out, const char *s, size_t len)
{
	size_t n = afold_into(out, s, len);

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
		n = afold_into(out, s, len);
	out[n] = '\0';
	return out;
}
