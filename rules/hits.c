/*
 * hits.c: the growable list detectors append their hits to.
 */
#include <glib.h>

#include "detect.h"

void
hits_add(struct hitlist *hl, const struct hit *h)
{
	if (hl->n == hl->cap) {
		hl->cap = hl->cap ? hl->cap * 2 : 8;
		hl->v = g_renew(struct hit, hl->v, hl->cap);
	}
	hl->v[hl->n++] = *h;
}

/* Empties the list (and its limit record) and frees its memory. */
void
hits_clear(struct hitlist *hl)
{
	g_free(hl->v);
	hl->v = NULL;
	hl->n = hl->cap = 0;
	hl->limit = NULL;
}
