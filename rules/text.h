/*
 * text.h: the normalised view of one field, built once and shared by all
 * detectors (detection-spec section 0, steps 4-5). norm is NFC with dash
 * and space variants mapped; zero-width characters, soft hyphens and the
 * other invisible format characters (Cf: bidi marks...) removed; decimal
 * digits of every script (full-width, Arabic-Indic, mathematical...)
 * made ASCII. fold is norm case-folded with the same byte length (so one
 * offset serves both); map[i] gives the byte offset in the original text
 * of norm byte i (map[len] = orig_len).
 * afold is fold without diacritics, for lexicons and name lists (spec
 * section 0 step 5: "Sjoberg" = "Sjöberg", "lakarbesok" = "läkarbesök"):
 * å ä → a, ö ø → o, é ü ç ş ... → their base letter, æ → ae, ß → ss,
 * ł đ ı → l d i; other letters (Arabic, Cyrillic, ...) stay. It has its
 * own length, and amap[i] gives the norm offset of afold byte i.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>

struct ntext {
	const char	*orig;
	size_t		 orig_len;
	char		*norm;		/* NUL-terminated */
	char		*fold;		/* lower case, same length as norm */
	size_t		 len;
	size_t		*map;		/* len + 1 entries */
	char		*afold;		/* fold without diacritics, NUL-terminated */
	size_t		 alen;
	size_t		*amap;		/* alen + 1 entries: afold byte -> norm */
};

/* Builds the views; returns NULL only on invalid arguments. */
struct ntext	*ntext_new(const char *s, size_t len);
void		 ntext_free(struct ntext *);
/* Original span of a normalised span [a, b). */
void		 ntext_span(const struct ntext *, size_t a, size_t b,
		    size_t *oa, size_t *ob);
/* Normalised span of an afold span [a, b): whole characters of norm. */
void		 ntext_aspan(const struct ntext *, size_t a, size_t b,
		    size_t *na, size_t *nb);
/* The afold form of s[0..len) (UTF-8) as a new string (g_free), for
 * building lexicons and name sets that are matched against afold. */
char		*ntext_afold_str(const char *s, size_t len);
/* The same into out, which has room for 2 * len + 1 bytes; s must be
 * valid UTF-8 (a piece of norm). Returns the length written before the
 * NUL. */
size_t		 ntext_afold_into(char *out, const char *s, size_t len);

#endif
