/*
 * rcpt.c: see rcpt.h. The kept domains are indexed by a hash table, so
 * adding a recipient costs one domain canonicalisation and one lookup
 * whatever the count. Owns copies of everything it keeps.
 */
#include <string.h>
#include <glib.h>

#include "domain.h"
#include "rcpt.h"
#include "rules.h"

struct rcpt_dom {
	char	*name;		/* canonical */
	size_t	 count;
};

struct rcpt_sum {
	size_t		 total;
	GPtrArray	*addrs;		/* char *, at most RCPT_KEEP_ADDRS */
	GArray		*doms;		/* struct rcpt_dom, in order seen */
	GHashTable	*index;		/* name (borrowed) -> position + 1 */
	size_t		 n_external;	/* kept past RCPT_KEEP_DOMAINS */
	size_t		 no_domain;
	size_t		 bad_domain;
	size_t		 over_ext;
	size_t		 over_int;
};

/* See rcpt.h. The percent hack and the bang path are read the way an
 * MTA with allow_percent_hack or swap_bangpath (Postfix's defaults, for
 * its own domains) reads them. Nobody writes such an address to reach a
 * colleague, so the routed domain (with a dot: one label is completed
 * with the MTA's own) is the one that counts. */
char *
rcpt_domain(const char *addr)
{
	const char *at = strrchr(addr, '@'), *p, *bang;
	char *local, *d = NULL;

	if (at == NULL || addr[0] == '"')
		return domain_of_addr(addr);
	/* after a source route "@a,@b:" the mailbox starts past ':' */
	if (addr[0] == '@' && (p = strchr(addr, ':')) != NULL && p < at)
		addr = p + 1;
	local = g_strndup(addr, (gsize)(at - addr));
	if ((p = strrchr(local, '%')) != NULL)
		d = domain_canon(p + 1);
	else if ((bang = strchr(local, '!')) != NULL) {
		char *h = g_strndup(local, (gsize)(bang - local));

		d = domain_canon(h);
		g_free(h);
	}
	g_free(local);
	/* one label ("a%team") the MTA completes with its own domain */
	if (d != NULL && strchr(d, '.') == NULL) {
		g_free(d);
		d = NULL;
	}
	return d != NULL ? d : domain_canon(at + 1);
}

struct rcpt_sum *
rcpt_sum_new(void)
{
	struct rcpt_sum *s = g_new0(struct rcpt_sum, 1);

	s->addrs = g_ptr_array_new_with_free_func(g_free);
	s->doms = g_array_new(FALSE, FALSE, sizeof(struct rcpt_dom));
	s->index = g_hash_table_new(g_str_hash, g_str_equal);
	return s;
}

void
rcpt_sum_reset(struct rcpt_sum *s)
{
	if (s == NULL)
		return;
	g_hash_table_remove_all(s->index);
	for (guint i = 0; i < s->doms->len; i++)
		g_free(g_array_index(s->doms, struct rcpt_dom, i).name);
	g_array_set_size(s->doms, 0);
	g_ptr_array_set_size(s->addrs, 0);
	s->total = s->no_domain = s->bad_domain = s->over_ext = 0;
	s->over_int = 0;
	s->n_external = 0;
}

void
rcpt_sum_free(struct rcpt_sum *s)
{
	if (s == NULL)
		return;
	rcpt_sum_reset(s);
	g_hash_table_destroy(s->index);
	g_array_free(s->doms, TRUE);
	g_ptr_array_free(s->addrs, TRUE);
	g_free(s);
}

void
rcpt_sum_add(struct rcpt_sum *s, const char *addr, char *const *internal,
    size_t n_internal)
{
	struct rcpt_dom nd;
	gpointer pos;
	char *d;

	if (addr == NULL)
		addr = "";
	s->total++;
	if (s->addrs->len < RCPT_KEEP_ADDRS)
		g_ptr_array_add(s->addrs, g_strdup(addr));
	if ((d = rcpt_domain(addr)) == NULL) {
		if (strchr(addr, '@') != NULL)
			s->bad_domain++;
		else
			s->no_domain++;
		return;
	}
	if ((pos = g_hash_table_lookup(s->index, d)) != NULL) {
		g_array_index(s->doms, struct rcpt_dom,
		    GPOINTER_TO_SIZE(pos) - 1).count++;
		g_free(d);
		return;
	}
	if (s->doms->len >= RCPT_KEEP_DOMAINS) {
		/* classified now: internal counted, external kept while
		 * there is room, then counted */
		if (internal != NULL && domain_is_internal(d, internal,
		    n_internal)) {
			s->over_int++;
			g_free(d);
			return;
		}
		if (s->n_external >= RCPT_KEEP_EXTERNAL) {
			s->over_ext++;
			g_free(d);
			return;
		}
		s->n_external++;
	}
	nd.name = d;
	nd.count = 1;
	g_array_append_val(s->doms, nd);
	g_hash_table_insert(s->index, d, GSIZE_TO_POINTER(
	    (gsize)s->doms->len));
}

size_t
rcpt_sum_total(const struct rcpt_sum *s)
{
	return s->total;
}

const char **
rcpt_sum_addrs(const struct rcpt_sum *s, size_t *n)
{
	*n = s->addrs->len;
	return (const char **)s->addrs->pdata;
}

bool
rcpt_sum_has_all(const struct rcpt_sum *s)
{
	return s->total == s->addrs->len;
}

size_t
rcpt_sum_n_domains(const struct rcpt_sum *s)
{
	return s->doms->len;
}

const char *
rcpt_sum_domain(const struct rcpt_sum *s, size_t i, size_t *count)
{
	const struct rcpt_dom *d;

	if (i >= s->doms->len)
		return NULL;
	d = &g_array_index(s->doms, struct rcpt_dom, i);
	if (count != NULL)
		*count = d->count;
	return d->name;
}

size_t
rcpt_sum_no_domain(const struct rcpt_sum *s)
{
	return s->no_domain;
}

size_t
rcpt_sum_bad_domain(const struct rcpt_sum *s)
{
	return s->bad_domain;
}

size_t
rcpt_sum_over_external(const struct rcpt_sum *s)
{
	return s->over_ext;
}

size_t
rcpt_sum_over_internal(const struct rcpt_sum *s)
{
	return s->over_int;
}

void
rcpt_sum_count(const struct rcpt_sum *s, char *const *internal,
    size_t n_internal, size_t *n_int, size_t *n_ext)
{
	size_t in = s->over_int;

	for (guint i = 0; i < s->doms->len; i++) {
		const struct rcpt_dom *d = &g_array_index(s->doms,
		    struct rcpt_dom, i);

		if (domain_is_internal(d->name, internal, n_internal))
			in += d->count;
	}
	*n_int = in;
	*n_ext = s->total - in;
}

const struct rcpt_sum *
rcpt_sum_of_env(const struct envelope *env, struct rcpt_sum **tmp)
{
	*tmp = NULL;
	if (env == NULL)
		return NULL;
	if (env->rcpt_sum != NULL)
		return env->rcpt_sum;
	*tmp = rcpt_sum_new();
	for (size_t i = 0; env->rcpts != NULL && i < env->n_rcpts; i++)
		rcpt_sum_add(*tmp, env->rcpts[i], NULL, 0);
	return *tmp;
}
