/*
 * lexscan.h: a set of literal words compiled once into a byte trie,
 * scanned in one pass: the leftmost, then longest word, as a PCRE2
 * alternation of the words sorted longest first finds it, at a fraction
 * of its cost per byte. Optionally bounded: no letter or digit (Unicode)
 * may touch the match on either side, like (?<![\p{L}\p{N}]) and
 * (?![\p{L}\p{N}]) around that alternation. Immutable after lex_new(),
 * shared read-only between threads.
 */
#ifndef LEXSCAN_H
#define LEXSCAN_H

#include <stdbool.h>
#include <stddef.h>

struct lexscan;

/* n non-empty words (bytes, compared exactly; the text is UTF-8). NULL
 * when n is 0. */
struct lexscan	*lex_new(const char *const *words, size_t n, bool bounded);
void		 lex_free(struct lexscan *);
/* The next match starting at or after off in s[0..len): leftmost, and
 * there the longest word; true with its span [*a, *b). */
bool		 lex_next(const struct lexscan *, const char *s, size_t len,
		    size_t off, size_t *a, size_t *b);

#endif
