/*
 * invdump: every field of a struct invite as text, one "key=value" line
 * each, strings with C escapes (embedded NULs in texts included). For
 * differential checks of the parser: the same input through two parsers
 * or two builds must give the same text. The text holds the message's
 * content: compare it, do not publish it. Test code only.
 */
#ifndef INVDUMP_H
#define INVDUMP_H

#include <glib.h>

#include "parse/parse.h"
#include "parse/parts.h"

/* Limits with every cap low, so that the caps are exercised. */
extern const struct parse_limits invdump_small_limits;

void	invdump_append(GString *o, const struct invite *inv);
char	*invdump(const struct invite *inv);
/* The parts parse_parts() gave, the same way. */
char	*invdump_parts(const struct parse_parts *pp);

#endif
