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
 * The maps are read through ntext_span(), ntext_orig(), ntext_aspan() and
 * ntext_anorm() only: they are stored as break points (struct ntext_bp,
 * text.c's), not an entry per byte, and the whole ntext is one
 * allocation. Texts longer than NTEXT_MAX bytes are refused (ntext_new()
 * returns NULL), so every offset fits 32 bits.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>
#include <stdint.h>

/* The longest text ntext_new() takes: norm is at most 3 times the input
 * (NFC), so its offsets stay below 2^32. The parser caps a whole message
 * at 25 MB, far below. */
#define NTEXT_MAX	((size_t)1 << 30)

/* A break point of a position map (private to text.c): from view offset
 * pos on, the view maps to dst, all of it (flat) or the start of each
 * character at dst + its distance from pos (until the next break). */
struct ntext_bp {
	uint32_t	pos;
	uint32_t	dst;
	uint32_t	flat;
};

struct ntext {
	const char	*orig;
	size_t		 orig_len;
	char		*norm;		/* NUL-terminated */
	char		*fold;		/* lower case, same length as norm */
	size_t		 len;
	struct ntext_bp	*map;		/* private: norm -> orig break points */
	size_t		 nmap;
	char		*afold;		/* fold without diacritics, NUL-terminated */
	size_t		 alen;
	struct ntext_bp	*amap;		/* private: afold -> norm break points */
	size_t		 namap;
	size_t		 bytes;		/* private: size of the allocation */
};

/* Builds the views; returns NULL only on invalid arguments (s NULL, or
 * len > NTEXT_MAX). */
struct ntext	*ntext_new(const char *s, size_t len);
void		 ntext_free(struct ntext *);
/* Original span of a normalised span [a, b). */
void		 ntext_span(const struct ntext *, size_t a, size_t b,
		    size_t *oa, size_t *ob);
/* Original offset of norm byte i (i <= len; clamped). */
size_t		 ntext_orig(const struct ntext *, size_t i);
/* Norm offset of afold byte a (a <= alen; clamped). */
size_t		 ntext_anorm(const struct ntext *, size_t a);
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
