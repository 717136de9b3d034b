/*
 * lexscan_frozen.h: the literal-set scanner as it was before the hashed
 * start filter (rules/lexscan.c at 88a7ebc: a byte-pair filter, then the
 * trie), frozen here as the reference for lexscan_test's differential
 * test. Test-only; keep it as it is.
 */
#ifndef LEXSCAN_FROZEN_H
#define LEXSCAN_FROZEN_H

#include <string.h>
#include <glib.h>

#define OLD_LEX_SETS	8

struct old_lexscan;
static struct old_lexscan *old_lex_new_sets(const char *const *,
    const unsigned *, size_t, bool);

struct old_lex_node {
	guint32	edges;		/* first edge in lexscan.edge */
	guint16	n_edges;
	guint8	term;		/* the sets with a word ending here */
};

struct old_lex_edge {
	guint8	byte;
	guint32	child;
};

struct old_lexscan {
	gint32		 root[256];	/* child of the root, -1 none */
	/* Bit (a << 8 | b): some word starts with bytes a b; one1[a]: a
	 * word is the single byte a. Most positions stop at this test. */
	guint8		 pair[65536 / 8];
	bool		 one1[256];
	struct old_lex_node	*node;
	struct old_lex_edge	*edge;
	size_t		 n_node;
	bool		 bounded;
};

/* Building: a node's children as a sorted list while words are added. */
struct old_build_node {
	GArray	*kids;		/* struct old_lex_edge, sorted by byte */
	guint8	 term;
};

static guint32
old_build_child(GArray *nodes, guint32 at, guint8 c)
{
	struct old_build_node *n = &g_array_index(nodes, struct old_build_node, at);
	struct old_lex_edge e;
	guint i;

	for (i = 0; i < n->kids->len; i++) {
		struct old_lex_edge *k = &g_array_index(n->kids, struct old_lex_edge, i);

		if (k->byte == c)
			return k->child;
		if (k->byte > c)
			break;
	}
	e.byte = c;
	e.child = nodes->len;
	g_array_insert_val(n->kids, i, e);
	{
		struct old_build_node fresh = {
			g_array_new(FALSE, FALSE, sizeof(struct old_lex_edge)), 0
		};

		g_array_append_val(nodes, fresh);
	}
	return e.child;
}

static struct old_lexscan *
old_lex_new_sets(const char *const *words, const unsigned *set_of, size_t n,
    bool bounded)
{
	GArray *nodes;
	struct old_lexscan *lx;
	size_t n_edge = 0, at = 0;

	if (n == 0)
		return NULL;
	nodes = g_array_new(FALSE, FALSE, sizeof(struct old_build_node));
	{
		struct old_build_node root = {
			g_array_new(FALSE, FALSE, sizeof(struct old_lex_edge)), 0
		};

		g_array_append_val(nodes, root);
	}
	for (size_t w = 0; w < n; w++) {
		guint32 cur = 0;

		if (words[w] == NULL || words[w][0] == '\0')
			continue;
		for (const char *p = words[w]; *p != '\0'; p++)
			cur = old_build_child(nodes, cur, (guint8)*p);
		g_array_index(nodes, struct old_build_node, cur).term |=
		    (guint8)(1u << (set_of != NULL ? set_of[w] % OLD_LEX_SETS : 0));
	}
	lx = g_new0(struct old_lexscan, 1);
	lx->bounded = bounded;
	lx->n_node = nodes->len;
	lx->node = g_new0(struct old_lex_node, nodes->len);
	for (guint i = 0; i < nodes->len; i++)
		n_edge += g_array_index(nodes, struct old_build_node, i).kids->len;
	lx->edge = g_new0(struct old_lex_edge, n_edge + 1);
	for (guint i = 0; i < nodes->len; i++) {
		struct old_build_node *b = &g_array_index(nodes, struct old_build_node, i);

		lx->node[i].edges = (guint32)at;
		lx->node[i].n_edges = (guint16)b->kids->len;
		lx->node[i].term = b->term;
		if (b->kids->len > 0)
			memcpy(lx->edge + at, b->kids->data,
			    b->kids->len * sizeof(struct old_lex_edge));
		at += b->kids->len;
		g_array_free(b->kids, TRUE);
	}
	g_array_free(nodes, TRUE);
	for (size_t w = 0; w < n; w++) {
		const unsigned char *u = (const unsigned char *)words[w];

		if (u == NULL || u[0] == '\0')
			continue;
		if (u[1] == '\0')
			lx->one1[u[0]] = true;
		else
			lx->pair[(u[0] << 8 | u[1]) >> 3] |= (guint8)(1 << (u[1] & 7));
	}
	for (int c = 0; c < 256; c++)
		lx->root[c] = -1;
	for (guint16 k = 0; k < lx->node[0].n_edges; k++)
		lx->root[lx->edge[lx->node[0].edges + k].byte] =
		    (gint32)lx->edge[lx->node[0].edges + k].child;
	return lx;
}

static void
old_lex_free(struct old_lexscan *lx)
{
	if (lx == NULL)
		return;
	g_free(lx->node);
	g_free(lx->edge);
	g_free(lx);
}

/* A letter or a number in Unicode's sense (\p{L}, \p{N}). */
static bool
old_is_alnum_char(gunichar c)
{
	switch (g_unichar_type(c)) {
	case G_UNICODE_LOWERCASE_LETTER:
	case G_UNICODE_MODIFIER_LETTER:
	case G_UNICODE_OTHER_LETTER:
	case G_UNICODE_TITLECASE_LETTER:
	case G_UNICODE_UPPERCASE_LETTER:
	case G_UNICODE_DECIMAL_NUMBER:
	case G_UNICODE_LETTER_NUMBER:
	case G_UNICODE_OTHER_NUMBER:
		return true;
	default:
		return false;
	}
}

static bool
old_alnum_at(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0x80)
		return g_ascii_isalnum(c);
	return old_is_alnum_char(g_utf8_get_char_validated(s + i,
	    (gssize)(len - i)));
}

/* Is a letter or digit right before s[i]? */
static bool
old_alnum_before(const char *s, size_t len, size_t i)
{
	size_t k = i;

	if (i == 0)
		return false;
	if ((unsigned char)s[i - 1] < 0x80)
		return g_ascii_isalnum(s[i - 1]);
	while (k > 0 && i - k < 4 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k == 0)
		return false;
	return old_alnum_at(s, len, k - 1);
}

/* The trie node of s[p] when a word of lx may start at p, else -1: the
 * byte pair filter first (no word starts with this pair, unless one is a
 * single byte), then the root. */
static inline gint32
old_start_at(const struct old_lexscan *lx, const char *s, size_t len, size_t p)
{
	unsigned c0 = (unsigned char)s[p];

	if (p + 1 < len) {
		unsigned c1 = (unsigned char)s[p + 1];

		if ((lx->pair[(c0 << 8 | c1) >> 3] & (1 << (c1 & 7))) == 0 &&
		    !lx->one1[c0])
			return -1;
	}
	return lx->root[c0];
}

static bool
old_lex_next(const struct old_lexscan *lx, const char *s, size_t len, size_t off,
    size_t *a, size_t *b)
{
	if (lx == NULL)
		return false;
	for (size_t p = off; p < len; p++) {
		gint32 cur;
		size_t best = 0;

		if ((cur = old_start_at(lx, s, len, p)) < 0)
			continue;
		if (lx->bounded && old_alnum_before(s, len, p))
			continue;
		for (size_t q = p + 1;; q++) {
			const struct old_lex_node *nd = &lx->node[cur];
			const struct old_lex_edge *e;
			guint16 k;

			/* Longest first: a later end replaces best; bounded,
			 * only an end with no letter or digit after it. */
			if (nd->term && (!lx->bounded || q == len ||
			    !old_alnum_at(s, len, q)))
				best = q;
			if (q == len || nd->n_edges == 0)
				break;
			e = lx->edge + nd->edges;
			for (k = 0; k < nd->n_edges && e[k].byte <
			    (unsigned char)s[q]; k++)
				;
			if (k == nd->n_edges || e[k].byte != (unsigned char)s[q])
				break;
			cur = (gint32)e[k].child;
		}
		if (best > 0) {
			*a = p;
			*b = best;
			return true;
		}
	}
	return false;
}

static void
old_lex_scan_sets(const struct old_lexscan *lx, const char *s, size_t len,
    void (*found)(void *arg, unsigned set, size_t a, size_t b), void *arg)
{
	size_t next[OLD_LEX_SETS] = { 0 };

	if (lx == NULL)
		return;
	for (size_t p = 0; p < len; p++) {
		unsigned want = 0, have = 0;
		size_t best[OLD_LEX_SETS];
		gint32 cur;

		if ((cur = old_start_at(lx, s, len, p)) < 0)
			continue;
		/* The sets still searching at p: past their last match. */
		for (unsigned k = 0; k < OLD_LEX_SETS; k++)
			if (next[k] <= p)
				want |= 1u << k;
		if (want == 0 || (lx->bounded && old_alnum_before(s, len, p)))
			continue;
		for (size_t q = p + 1;; q++) {
			const struct old_lex_node *nd = &lx->node[cur];
			const struct old_lex_edge *e;
			unsigned t = nd->term & want;
			guint16 k;

			/* A later end replaces an earlier one: longest. */
			if (t != 0 && (!lx->bounded || q == len ||
			    !old_alnum_at(s, len, q)))
				for (; t != 0; t &= t - 1) {
					best[__builtin_ctz(t)] = q;
					have |= t & -t;
				}
			if (q == len || nd->n_edges == 0)
				break;
			e = lx->edge + nd->edges;
			for (k = 0; k < nd->n_edges && e[k].byte <
			    (unsigned char)s[q]; k++)
				;
			if (k == nd->n_edges || e[k].byte != (unsigned char)s[q])
				break;
			cur = (gint32)e[k].child;
		}
		for (; have != 0; have &= have - 1) {
			unsigned k = (unsigned)__builtin_ctz(have);

			found(arg, k, p, best[k]);
			next[k] = best[k];
		}
	}
}

#endif
