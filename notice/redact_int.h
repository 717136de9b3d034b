/*
 * redact_int.h: between redact.c (the body) and redact_hdr.c (the
 * header block) of the redactor. Not for other rooms.
 */
#ifndef REDACT_INT_H
#define REDACT_INT_H

#include <glib.h>
#include "redact.h"

/* The header changes of buf's top-level header block into out->hdrs:
 * every Subject -> subject (UTF-8, encoded), every Thread-Topic
 * removed, Content-Type and Content-Transfer-Encoding -> ct and cte
 * when not NULL, and from the shown headers (display names, comments,
 * Comments, Keywords, Organization) the needles cut and what the rules
 * (cfg, env; cfg NULL: needles only) find in each name on its own
 * when v has findings in that field.
 * Returns 0, or -1 with *why set when a header holds a finding that
 * cannot be cut safely. */
int	redact_headers(const char *buf, size_t len, const struct config *cfg,
	    const struct envelope *env, const struct verdict *v,
	    GPtrArray *needles,
	    const char *subject, const char *ct, const char *cte,
	    struct redact_out *out, const char **why);

/* One field of a header block at buf[i..len): its name [*na, *ne) and
 * the end of its last folded line; returns the index after it, or i at
 * the empty line that ends the block (or at the end). */
size_t	redact_next_field(const char *buf, size_t len, size_t i,
	    size_t *na, size_t *ne);

#endif
