/*
 * hits.c: the growable list detectors append their hits to.
 *
 * Memory (issue 17): a list keeps the first hit of each rule, kind and
 * (masked) evidence of its text and drops the later ones. A text dense
 * with names gave a hit per name, about 300 bytes each: 8 MB of names
 * cost 150 MB of hits, and the engine copied them again. Nothing is
 * lost: the engine makes one finding per rule, field and evidence, the
 * first one (rules_emit), and the severity model combines the first
 * person and topic hits (engine.c, combine); a list is the hits of one
 * text, in one field, and the kind is part of the key. Detectors never
 * read the list back.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "detect.h"

/* Up to this many hits a list is searched; beyond, a hash table of
 * keys is built. */
#define HITS_LINEAR	16

/* rule, kind and evidence as one string in buf (n bytes). */
static const char *
hit_key(const struct hit *h, char *buf, size_t n)
{
	snprintf(buf, n, "%s\x1f%d\x1f%s", h->rule ? h->rule : "",
	    (int)h->kind, h->evidence);
	return buf;
}

static bool
hit_same(const struct hit *a, const struct hit *b)
{
	return a->kind == b->kind && strcmp(a->evidence, b->evidence) == 0 &&
	    (a->rule == b->rule || (a->rule && b->rule &&
	    strcmp(a->rule, b->rule) == 0));
}

void
hits_add(struct hitlist *hl, const struct hit *h)
{
	char key[256];

	if (hl->seen == NULL) {
		for (size_t i = 0; i < hl->n; i++)
			if (hit_same(&hl->v[i], h))
				return;
		if (hl->n >= HITS_LINEAR) {
			hl->seen = g_hash_table_new_full(g_str_hash,
			    g_str_equal, g_free, NULL);
			for (size_t i = 0; i < hl->n; i++)
				g_hash_table_add(hl->seen, g_strdup(hit_key(
				    &hl->v[i], key, sizeof(key))));
		}
	}
	if (hl->seen != NULL) {
		hit_key(h, key, sizeof(key));
		if (g_hash_table_contains(hl->seen, key))
			return;
		g_hash_table_add(hl->seen, g_strdup(key));
	}
	if (hl->n == hl->cap) {
		hl->cap = hl->cap ? hl->cap * 2 : 8;
		hl->v = g_renew(struct hit, hl->v, hl->cap);
	}
	hl->v[hl->n++] = *h;
}

/* Empties the list for the next text; its memory and limit record
 * stay. */
void
hits_reset(struct hitlist *hl)
{
	hl->n = 0;
	if (hl->seen != NULL)
		g_hash_table_destroy(hl->seen);
	hl->seen = NULL;
}

/* Empties the list (and its limit record) and frees its memory. */
void
hits_clear(struct hitlist *hl)
{
	hits_reset(hl);
	g_free(hl->v);
	hl->v = NULL;
	hl->n = hl->cap = 0;
	hl->limit = NULL;
}
