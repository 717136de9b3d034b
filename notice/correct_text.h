/*
 * correct_text.h: the text helpers shared by the corrected calendar
 * (correct.c) and the in-flight redaction (redact.c): what to cut
 * (the needles of a verdict) and the cutting itself. Pure and
 * thread-safe; every string returned is new (g_free).
 */
#ifndef CORRECT_TEXT_H
#define CORRECT_TEXT_H

#include <stddef.h>
#include <glib.h>
#include "../parse/invite.h"
#include "../rules/verdict.h"

/* The needles of a verdict: for every finding with a span, the text it
 * covers in the invite (deduplicated). Free with g_ptr_array_unref. */
GPtrArray	*correct_needles(const struct invite *, const struct verdict *);

/* s[0..len) with every whole-word occurrence of each needle cut out and
 * the spaces left around a cut tidied; Teams join links are never cut.
 * ranges (may be NULL) adds exact byte ranges (pairs of size_t) to cut.
 * Returns a new string; *n_cut (may be NULL) counts the cuts. */
char	*correct_cut(const char *s, size_t len, GPtrArray *needles,
	    const GArray *ranges, size_t *n_cut);

/* Simple HTML for text: escaped, line breaks as <br>, http(s) links
 * clickable. Returns a new string. */
char	*correct_text_to_html(const char *s);

/* The Teams join block of a description (from the line of underscores
 * before "Microsoft Teams" to the closing one), or NULL. New string. */
char	*correct_teams_block(const char *s);

#endif
