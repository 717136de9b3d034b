/*
 * langwords.h: ordinary-word tests for the names detector (langwords.c).
 */
#ifndef LANGWORDS_H
#define LANGWORDS_H

#include <stdbool.h>
#include <stddef.h>

enum langwords {
	LW_SV,		/* ordinary Swedish words, every form, lower case */
	LW_HEADS,	/* first and middle parts of Swedish compounds */
	LW_PROPN,	/* capitalised dictionary entries (places, brands) */
	LW_EN,		/* ordinary English words, lower case */
	LW_ENPROPN,	/* capitalised English entries (places, days) */
	LW_N
};

/* Whether the lists are there (built into the binary); without them
 * no token may be taken for "no ordinary word". */
bool	langwords_ready(void);
/* Whether s[0..n) (UTF-8, exactly as listed) is in the list. */
bool	langwords_has(enum langwords, const char *s, size_t n);

#endif
