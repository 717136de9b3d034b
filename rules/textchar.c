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

/* Default-ignorable code points that are not Cf (those all go below),
 * all Mn or Lo: invisible, so dropped like U+200B. */
static int
ignorable(gunichar c)
{
	return c == 0x034F ||			/* combining grapheme joiner */
	    (c >= 0xFE00 && c <= 0xFE0F) ||	/* variation selectors */
	    (c >= 0xE0100 && c <= 0xE01EF) ||	/* variation selectors sup. */
	    c == 0x115F || c == 0x1160 ||	/* Hangul choseong/jungseong */
	    c == 0x3164 || c == 0xFFA0 ||	/* Hangul fillers */
	    c == 0x17B4 || c == 0x17B5;		/* Khmer inherent vowels */
}

/* The one ASCII digit a number character c (No: superscript,
 * subscript, circled...) stands for by its compatibility decomposition,
 * or -1. */
static int
compat_digit(gunichar c)
{
	gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

	if (g_unichar_fully_decompose(c, TRUE, d, G_N_ELEMENTS(d)) != 1 ||
	    d[0] < '0' || d[0] > '9')
		return -1;
	return (int)(d[0] - '0');
}

/* The replacement for code point c: a code point to emit, or 0 to drop
 * it. Returns c itself when nothing applies. Only characters outside
 * ASCII come here (and every 2-byte one once, for the table). */
gunichar
text_map_char(gunichar c)
{
	GUnicodeType t;
	int d;

	if ((c >= 0x200B && c <= 0x200D) || c == 0xFEFF || c == 0x00AD ||
	    c == 0x2060 || c == 0x180E)
		return 0;	/* zero-width, soft hyphen */
	t = g_unichar_type(c);
	if (t == G_UNICODE_FORMAT)
		return 0;	/* bidi marks, tags, all Cf */
	if ((t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_OTHER_LETTER) &&
	    ignorable(c))
		return 0;	/* invisible (Mn, Lo) */
	if (t == G_UNICODE_DASH_PUNCTUATION || c == 0x2212 ||
	    c == 0x2043 || c == 0x02D7 || c == 0x2796)
		return '-';	/* every Pd; minus signs, hyphen bullet,
				 * modifier minus, heavy minus */
	if (t == G_UNICODE_SPACE_SEPARATOR)
		return ' ';	/* every Zs: NBSP, U+2000-200A, U+1680... */
	if (c == 0x2024 || c == 0xFE52 || c == 0xFF0E)
		return '.';	/* one dot leader, small and full-width stop */
	if (c >= 0xFF10 && c <= 0xFF19)
		return '0' + (c - 0xFF10);	/* full-width digits */
	if (c > 0x7F && t == G_UNICODE_DECIMAL_NUMBER &&
	    g_unichar_digit_value(c) >= 0)	/* Arabic-Indic, math bold... */
		return '0' + (gunichar)g_unichar_digit_value(c);
	if (t == G_UNICODE_OTHER_NUMBER && (d = compat_digit(c)) >= 0)
		return '0' + (gunichar)d;	/* ² ⁴ ₅ ① ... */
	if (c >= 0xFF21 && c <= 0xFF3A)
		return 'A' + (c - 0xFF21);
	if (c >= 0xFF41 && c <= 0xFF5A)
		return 'a' + (c - 0xFF41);
	if (c == 0xFF0B)
		return '+';
	return c;
}

/* The Latin letter a Cyrillic or Greek letter looks like, or 0: the
 * pairs Unicode's confusables data (UTS #39, section 4) is about,
 * written here from the code charts (Cyrillic U+0400, Cyrillic
 * Supplement U+0500, Greek U+0370) for the letters that look the same
 * in common fonts, lower case and capitals. text.c folds one only in a
 * word that has Latin letters too (a disguised "missbruk"), never in a
 * word of its own script. */
gunichar
text_alike_latin(gunichar c)
{
	switch (c) {
	/* Cyrillic */
	case 0x0430: return 'a';	case 0x0410: return 'A';
	case 0x0435: return 'e';	case 0x0415: return 'E';
	case 0x043E: return 'o';	case 0x041E: return 'O';
	case 0x0440: return 'p';	case 0x0420: return 'P';
	case 0x0441: return 'c';	case 0x0421: return 'C';
	case 0x0443: return 'y';	case 0x0423: return 'Y';
	case 0x0445: return 'x';	case 0x0425: return 'X';
	case 0x0456: return 'i';	case 0x0406: return 'I';
	case 0x0458: return 'j';	case 0x0408: return 'J';
	case 0x0455: return 's';	case 0x0405: return 'S';
	case 0x0501: return 'd';	case 0x0500: return 'D';
	case 0x051B: return 'q';	case 0x051A: return 'Q';
	case 0x051D: return 'w';	case 0x051C: return 'W';
	case 0x0412: return 'B';	case 0x041A: return 'K';
	case 0x041C: return 'M';	case 0x041D: return 'H';
	case 0x0422: return 'T';
	/* Greek */
	case 0x03BF: return 'o';	case 0x039F: return 'O';
	case 0x03B1: return 'a';	case 0x0391: return 'A';
	case 0x03B5: return 'e';	case 0x0395: return 'E';
	case 0x03B9: return 'i';	case 0x0399: return 'I';
	case 0x03BA: return 'k';	case 0x039A: return 'K';
	case 0x03BD: return 'v';	case 0x039D: return 'N';
	case 0x03C1: return 'p';	case 0x03A1: return 'P';
	case 0x03C4: return 't';	case 0x03A4: return 'T';
	case 0x03C5: return 'u';	case 0x03A5: return 'Y';
	case 0x03C7: return 'x';	case 0x03A7: return 'X';
	case 0x0392: return 'B';	case 0x0396: return 'Z';
	case 0x0397: return 'H';	case 0x039C: return 'M';
	default: return 0;
	}
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

		/* A look-alike letter goes the general way too: what it
		 * becomes depends on its word. */
		e->comb = g_unichar_combining_class(c) != 0 ||
		    text_alike_latin(c) != 0;
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
