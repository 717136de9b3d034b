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
/* Several word sets in one trie: word i belongs to set set_of[i] (0 to
 * LEX_SETS - 1), scanned together by lex_scan_sets(). */
#define LEX_SETS	8
struct lexscan	*lex_new_sets(const char *const *words,
		    const unsigned *set_of, size_t n, bool bounded);
/* One pass over s[0..len) giving, for each set, exactly the matches
 * that lex_next() from 0 on would give for that set alone (leftmost,
 * longest, each search going on at the end of the last match): found()
 * is called in the order of the match starts. */
void		 lex_scan_sets(const struct lexscan *, const char *s,
		    size_t len, void (*found)(void *arg, unsigned set,
		    size_t a, size_t b), void *arg);
/* The same, with the index (in the words given to lex_new_sets) of the
 * first word equal to the match s[a..b). */
void		 lex_scan_words(const struct lexscan *, const char *s,
		    size_t len, void (*found)(void *arg, unsigned set,
		    size_t a, size_t b, size_t word), void *arg);
void		 lex_free(struct lexscan *);
/* The next match starting at or after off in s[0..len): leftmost, and
 * there the longest word; true with its span [*a, *b). */
bool		 lex_next(const struct lexscan *, const char *s, size_t len,
		    size_t off, size_t *a, size_t *b);

#endif
