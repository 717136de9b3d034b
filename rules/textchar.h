/*
 * textchar.h: what one character becomes in the normalised views,
 * internal to text.c and textchar.c: the rules for a code point
 * (textchar.c) and the table of every 2-byte character worked out
 * once from them, read inline on the hot path of ntext_new().
 */
#ifndef TEXTCHAR_H
#define TEXTCHAR_H

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

/* What the general path makes of one 2-byte character (U+0080..U+07FF)
 * that no combining mark follows, worked out once by that path. */
struct c2 {
	uint8_t		nlen;		/* norm bytes: 0 (dropped), 1 or 2 */
	uint8_t		alen;		/* afold bytes, 0 to 4 */
	uint8_t		comb;		/* the general path takes it: a
					 * combining mark (class not 0) or
					 * a look-alike letter (its word
					 * decides what it becomes) */
	uint8_t		same;		/* norm is the character itself */
	uint8_t		asame;		/* afold is one character of nlen
					 * bytes (its map needs no break) */
	uint8_t		folds;		/* no mark, norm is the character,
					 * afold 1 or 2 bytes that need
					 * breaks: the common letter with a
					 * diacritic, U+00E5 U+00E4 U+00F6
					 * U+00E9 (ntext_new's fast case) */
	char		norm[2];
	char		fold[2];
	char		afold[4];
};
extern struct c2	text_c2tab[0x800 - 0x80];

/* Fills text_c2tab, once per process (thread-safe). */
void		 text_c2tab_init(void);
/* The replacement for code point c: a code point to emit, or 0 to drop
 * it; c itself when nothing applies. */
gunichar	 text_map_char(gunichar c);
/* The Latin letter the Cyrillic or Greek letter c looks like, or 0. */
gunichar	 text_alike_latin(gunichar c);
/* The fold of the norm character p[0..clen) into out (clen bytes). */
void		 text_fold_char(const char *p, size_t clen, char *out);
/* The afold bytes of the norm character p[0..clen) into out (at least
 * 8 bytes); at most 2 * clen of them. Returns the count. */
size_t		 text_afold_one(const char *p, size_t clen, char *out);

/* The table entry of the 2-byte character at p[0..1], or NULL when p is
 * not one (p has room for 2 bytes). */
static inline const struct c2 *
c2_at(const char *p)
{
	unsigned char b = (unsigned char)p[0], b1 = (unsigned char)p[1];

	if (b < 0xC2 || b > 0xDF || (b1 & 0xC0) != 0x80)
		return NULL;
	return &text_c2tab[((unsigned)(b & 0x1F) << 6 | (b1 & 0x3Fu)) - 0x80];
}

#endif
