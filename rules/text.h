/*
 * text.h: the normalised view of one field, built once and shared by all
 * detectors (detection-spec section 0, steps 4-5). norm is NFC with dash
 * and space variants mapped; zero-width characters, soft hyphens and the
 * other invisible format characters (Cf: bidi marks...) removed; decimal
 * digits of every script (full-width, Arabic-Indic, mathematical...)
 * made ASCII. fold is norm case-folded with the same byte length (so one
 * offset serves both); map[i] gives the byte offset in the original text
 * of norm byte i (map[len] = orig_len).
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
};

/* Builds the views; returns NULL only on invalid arguments. */
struct ntext	*ntext_new(const char *s, size_t len);
void		 ntext_free(struct ntext *);
/* Original span of a normalised span [a, b). */
void		 ntext_span(const struct ntext *, size_t a, size_t b,
		    size_t *oa, size_t *ob);

#endif
