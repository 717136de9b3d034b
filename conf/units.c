/*
 * units.c: sending units and exceptions of the configuration ([units],
 * [unit:NAME], [exceptions]): which unit a sender belongs to, and the
 * rules and dry_run that apply to it, as plain data for the pipeline.
 * A unit is a named set of senders: addresses, "@domain" (that domain),
 * "domain" (it and its subdomains), ".domain" (its subdomains), and the
 * addresses of a map file the administrator generates from the
 * directory. Everything is checked at load, with file, line and key.
 * Owns the units and the index; conf_unref() frees them.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "confload.h"
#include "../rules/datafile.h"
#include "../rules/domain.h"
#include "../rules/rules.h"

#define UNIT_NAME_MAX	64

struct unit_index {
	GHashTable	*byname;	/* name -> struct conf_unit * */
	GHashTable	*addr;		/* "local@domain" -> unit */
	GHashTable	*exact;		/* "domain" (from "@domain") -> unit */
	GHashTable	*tree;		/* "domain" and below -> unit */
	GHashTable	*subs;		/* below "domain" (".domain") -> unit */
	GHashTable	*where;		/* address -> where it was set (errors) */
};

static const char *const unit_keys[] = { "senders", "dry_run" };

const char *const *
conf_unit_keys(size_t *n)
{
	*n = G_N_ELEMENTS(unit_keys);
	return unit_keys;
}

/* A sender entry in canonical form (new string): "local@domain",
 * "@domain", ".domain" or "domain", lower case, IDNA; NULL if it is
 * none of these. */
char *
conf_sender_entry(const char *s)
{
	const char *at = strrchr(s, '@');
	char *dom, *local, *r;

	if (*s == '\0' || strpbrk(s, " \t<>\"(),;") != NULL)
		return NULL;
	if (at == NULL) {
		bool subs = s[0] == '.';

		if ((dom = domain_canon(s + (subs ? 1 : 0))) == NULL)
			return NULL;
		r = subs ? g_strconcat(".", dom, NULL) : g_strdup(dom);
		g_free(dom);
		return r;
	}
	if ((dom = domain_canon(at + 1)) == NULL || strchr(dom, '.') == NULL) {
		g_free(dom);
		return NULL;
	}
	local = g_ascii_strdown(s, at - s);
	r = g_strconcat(local, "@", dom, NULL);
	g_free(local);
	g_free(dom);
	return r;
}

/* Is the name fit for a log line and a report (and never an address)? */
static bool
unit_name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > UNIT_NAME_MAX || !g_utf8_validate(s, -1, NULL))
		return false;
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (!g_unichar_isalnum(c) && strchr(" -_.&", (int)c) == NULL)
			return false;
	}
	return s[0] != ' ' && s[n - 1] != ' ';
}

static struct conf_unit *
unit_get(struct config *c, const char *name)
{
	struct conf_unit *u = g_hash_table_lookup(c->unit_index->byname, name);

	if (u != NULL)
		return u;
	u = g_new0(struct conf_unit, 1);
	u->name = g_strdup(name);
	u->dry_run = -1;
	g_hash_table_insert(c->unit_index->byname, u->name, u);
	c->units = g_renew(struct conf_unit *, c->units, c->n_units + 2);
	c->units[c->n_units++] = u;
	c->units[c->n_units] = NULL;
	return u;
}

/* Puts key -> u into tab; "why" names the conflict when key is there
 * with another unit. where: how to name this place in an error. */
static int
index_put(struct config *c, GHashTable *tab, const char *key,
    struct conf_unit *u, const char *where, char *why, size_t whylen)
{
	struct conf_unit *had = g_hash_table_lookup(tab, key);
	char *wkey = g_strdup_printf("%p:%s", (void *)tab, key);
	const char *was;

	if (had == NULL) {
		g_hash_table_insert(tab, g_strdup(key), u);
		g_hash_table_insert(c->unit_index->where, wkey, g_strdup(where));
		return 0;
	}
	was = g_hash_table_lookup(c->unit_index->where, wkey);
	g_free(wkey);
	if (had == u)
		return 0;
	snprintf(why, whylen, "\"%s\" is in unit \"%s\" (%s) and in unit "
	    "\"%s\": a sender belongs to one unit", key, had->name,
	    was ? was : "elsewhere", u->name);
	return -1;
}

static int
add_sender(struct config *c, struct conf_unit *u, const char *entry,
    const char *where, char *why, size_t whylen)
{
	struct unit_index *ix = c->unit_index;

	if (strchr(entry, '@') != NULL && entry[0] != '@')
		return index_put(c, ix->addr, entry, u, where, why, whylen);
	if (entry[0] == '@')
		return index_put(c, ix->exact, entry + 1, u, where, why,
		    whylen);
	if (entry[0] == '.')
		return index_put(c, ix->subs, entry + 1, u, where, why,
		    whylen);
	return index_put(c, ix->tree, entry, u, where, why, whylen);
}

/* [units] map_file: "address unit name" per line, '#' comments. */
static int
load_map(struct loader *ld, struct config *c)
{
	gchar *text = NULL, *next;
	char why[512];
	int rc = 0;
	unsigned ln, n = 0;

	if (c->unit_map_file == NULL || *c->unit_map_file == '\0')
		return 0;
	/* a regular file within DF_CAP_UNIT_MAP (datafile.h) */
	if ((text = datafile_read(c->unit_map_file, DF_UNIT_MAP, NULL, why,
	    sizeof(why))) == NULL)
		return ld_fail(ld, "units", "map_file", "%s", why);
	/* Line by line in place (g_strsplit's strstr() per line is
	 * quadratic under ASan's interceptor: 200,000 lines took minutes). */
	for (ln = 0, next = text; next != NULL && rc == 0; ln++) {
		char *l = next, *sp, *entry, *name;
		char where[64];

		if ((next = strchr(l, '\n')) != NULL)
			*next++ = '\0';
		l = g_strstrip(l);

		if (*l == '\0' || *l == '#')
			continue;
		if (++n > UNITS_MAX_LINES) {
			snprintf(ld->err, ld->errlen, "%s:%u: [units] map_file: "
			    "more than %d entries (LIMITS in "
			    "invite-milter.conf(5))", c->unit_map_file, ln + 1,
			    UNITS_MAX_LINES);
			rc = -1;
			break;
		}
		sp = l + strcspn(l, " \t");
		name = g_strstrip(*sp ? sp + 1 : sp);
		*sp = '\0';
		entry = conf_sender_entry(l);
		if (entry == NULL || strchr(entry, '@') == NULL ||
		    entry[0] == '@')
			snprintf(why, sizeof(why), "\"%s\" is not an address "
			    "(the map holds one address and its unit per "
			    "line)", l);
		else if (!unit_name_ok(name))
			snprintf(why, sizeof(why), "unit name \"%s\": 1-%d "
			    "letters, digits, spaces, '-', '_', '.' or '&'",
			    name, UNIT_NAME_MAX);
		else {
			struct conf_unit *u = unit_get(c, name);

			snprintf(where, sizeof(where), "map_file line %u",
			    ln + 1);
			why[0] = '\0';
			if (add_sender(c, u, entry, where, why,
			    sizeof(why)) == 0) {
				c->n_unit_map++;
				u->n_map++;
			}
		}
		g_free(entry);
		if (why[0] != '\0') {
			snprintf(ld->err, ld->errlen, "%s:%u: [units] map_file: "
			    "%s", c->unit_map_file, ln + 1, why);
			rc = -1;
		}
	}
	g_free(text);
	return rc;
}

/* One [unit:NAME] group: its senders, dry_run and rule actions. */
static int
load_group(struct loader *ld, struct config *c, const char *group)
{
	const char *name = group + strlen("unit:");
	struct conf_unit *u;
	gchar **keys, **list;
	gsize n = 0;
	bool dry;
	int rc = 0;

	if (!unit_name_ok(name))
		return ld_fail(ld, group, NULL, "unit name \"%s\": 1-%d letters, "
		    "digits, spaces, '-', '_', '.' or '&' (it goes into the "
		    "log instead of the sender)", name, UNIT_NAME_MAX);
	u = unit_get(c, name);
	u->has_group = true;
	list = g_key_file_get_string_list(ld->kf, group, "senders", &n, NULL);
	for (gsize i = 0; list != NULL && i < n && rc == 0; i++) {
		char *s = g_strstrip(list[i]), *e, why[256];

		if (*s == '\0')
			continue;
		if ((e = conf_sender_entry(s)) == NULL)
			rc = ld_fail(ld, group, "senders", "\"%s\": use an "
			    "address, @domain (that domain), domain (it and "
			    "its subdomains) or .domain (its subdomains)", s);
		else if (add_sender(c, u, e, group, why, sizeof(why)) < 0)
			rc = ld_fail(ld, group, "senders", "%s", why);
		g_free(e);
	}
	g_strfreev(list);
	if (rc < 0)
		return rc;
	dry = false;
	if (g_key_file_has_key(ld->kf, group, "dry_run", NULL)) {
		if (ld_bool(ld, group, "dry_run", &dry) < 0)
			return -1;
		u->dry_run = dry ? 1 : 0;
	}
	/* the rule actions: checked here, applied in unit_rules() */
	keys = g_key_file_get_keys(ld->kf, group, NULL, NULL);
	for (size_t k = 0; keys && keys[k] && rc == 0; k++) {
		char *s;
		enum action a;

		if (rules_find(keys[k]) == NULL)
			continue;		/* senders, dry_run */
		s = ld_str(ld, group, keys[k]);
		if (s == NULL || action_parse(s, &a) < 0)
			rc = ld_fail(ld, group, keys[k], "\"%s\": use reject, "
			    "hold, flag, log or off", s ? s : "");
		g_free(s);
		u->n_overrides++;
	}
	g_strfreev(keys);
	return rc;
}

/* The unit's rules: the global table with its own actions over it. */
static void
unit_rules(struct loader *ld, struct config *c, struct conf_unit *u)
{
	char *group = g_strconcat("unit:", u->name, NULL);

	u->rules.rule = g_memdup2(c->rules.rule,
	    c->rules.n_rule * sizeof(*c->rules.rule));
	for (size_t i = 0; u->has_group && i < c->rules.n_rule; i++) {
		char *s = ld_str(ld, group, u->rules.rule[i].id);

		if (s != NULL)
			(void)action_parse(s, &u->rules.rule[i].action);
		g_free(s);
	}
	g_free(group);
}

/* [exceptions] series_senders and partner_domains. */
static int
load_exceptions(struct loader *ld, struct config *c)
{
	gchar **list;
	gsize n = 0;
	GPtrArray *out;
	int rc = 0;

	list = g_key_file_get_string_list(ld->kf, "exceptions",
	    "series_senders", &n, NULL);
	out = g_ptr_array_new();
	for (gsize i = 0; list != NULL && i < n && rc == 0; i++) {
		char *s = g_strstrip(list[i]), *e;

		if (*s == '\0')
			continue;
		if ((e = conf_sender_entry(s)) == NULL)
			rc = ld_fail(ld, "exceptions", "series_senders",
			    "\"%s\": use an address, @domain, domain or "
			    ".domain", s);
		else
			g_ptr_array_add(out, e);
	}
	g_strfreev(list);
	if (out->len > 0 || rc < 0) {
		g_ptr_array_add(out, NULL);
		c->rules.series_senders = (char **)g_ptr_array_free(out, FALSE);
	} else
		g_ptr_array_free(out, TRUE);
	if (rc < 0)
		return rc;
	list = g_key_file_get_string_list(ld->kf, "exceptions",
	    "partner_domains", &n, NULL);
	out = g_ptr_array_new();
	for (gsize i = 0; list != NULL && i < n && rc == 0; i++) {
		char *s = g_strstrip(list[i]), *d;

		if (*s == '\0')
			continue;
		if ((d = domain_canon(s)) == NULL)
			rc = ld_fail(ld, "exceptions", "partner_domains",
			    "\"%s\" is not a domain name (subdomains are "
			    "included)", s);
		else if (domain_is_internal(d, c->rules.internal_domains,
		    c->rules.n_internal_domains)) {
			rc = ld_fail(ld, "exceptions", "partner_domains",
			    "\"%s\" is already internal ([general] "
			    "internal_domains)", s);
			g_free(d);
		} else
			g_ptr_array_add(out, d);
	}
	g_strfreev(list);
	c->rules.n_partner_domains = out->len;
	if (out->len > 0 || rc < 0) {
		g_ptr_array_add(out, NULL);
		c->rules.partner_domains = (char **)g_ptr_array_free(out, FALSE);
	} else
		g_ptr_array_free(out, TRUE);
	return rc;
}

int
conf_load_units(struct loader *ld, struct config *c)
{
	gchar **groups;
	int rc = 0;

	if (load_exceptions(ld, c) < 0)
		return -1;
	c->unit_index = g_new0(struct unit_index, 1);
	c->unit_index->byname = g_hash_table_new(g_str_hash, g_str_equal);
	c->unit_index->addr = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	c->unit_index->exact = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	c->unit_index->tree = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	c->unit_index->subs = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	c->unit_index->where = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, g_free);
	groups = g_key_file_get_groups(ld->kf, NULL);
	for (size_t g = 0; groups[g] != NULL && rc == 0; g++)
		if (g_str_has_prefix(groups[g], "unit:"))
			rc = load_group(ld, c, groups[g]);
	g_strfreev(groups);
	if (rc < 0)
		return rc;
	ld_replace_path(ld, "units", "map_file", &c->unit_map_file);
	if (load_map(ld, c) < 0)
		return -1;
	for (size_t i = 0; i < c->n_units; i++) {
		struct conf_unit *u = c->units[i];
		char *group;
		bool has_senders;

		if (!u->has_group)
			continue;
		group = g_strconcat("unit:", u->name, NULL);
		has_senders = g_key_file_has_key(ld->kf, group, "senders",
		    NULL);
		if (!has_senders && u->n_map == 0)
			rc = ld_fail(ld, group, NULL, "no senders: add senders "
			    "= ... or name the unit in [units] map_file");
		g_free(group);
		if (rc < 0)
			return rc;
	}
	for (size_t i = 0; i < c->n_units; i++)
		unit_rules(ld, c, c->units[i]);
	conf_units_sync(c);
	return 0;
}

void
conf_units_sync(struct config *c)
{
	for (size_t i = 0; i < c->n_units; i++) {
		struct conf_unit *u = c->units[i];
		struct rule_conf *rule = u->rules.rule;

		u->rules = c->rules;
		u->rules.rule = rule;
	}
}

void
conf_units_free(struct config *c)
{
	for (size_t i = 0; i < c->n_units; i++) {
		g_free(c->units[i]->name);
		g_free(c->units[i]->rules.rule);
		g_free(c->units[i]);
	}
	g_free(c->units);
	g_free(c->unit_map_file);
	g_strfreev(c->rules.series_senders);
	g_strfreev(c->rules.partner_domains);
	if (c->unit_index != NULL) {
		g_hash_table_destroy(c->unit_index->byname);
		g_hash_table_destroy(c->unit_index->addr);
		g_hash_table_destroy(c->unit_index->exact);
		g_hash_table_destroy(c->unit_index->tree);
		g_hash_table_destroy(c->unit_index->subs);
		g_hash_table_destroy(c->unit_index->where);
		g_free(c->unit_index);
	}
}

const struct conf_unit *
conf_unit_of(const struct config *c, const char *sender)
{
	const struct unit_index *ix = c->unit_index;
	const struct conf_unit *u;
	char *e, *d;

	if (ix == NULL || c->n_units == 0 || sender == NULL ||
	    (e = conf_sender_entry(sender)) == NULL)
		return NULL;
	if (strchr(e, '@') == NULL || e[0] == '@') {
		g_free(e);
		return NULL;
	}
	if ((u = g_hash_table_lookup(ix->addr, e)) == NULL) {
		d = strchr(e, '@') + 1;
		if ((u = g_hash_table_lookup(ix->exact, d)) == NULL)
			u = g_hash_table_lookup(ix->tree, d);
		while (u == NULL && (d = strchr(d, '.')) != NULL) {
			d++;
			if ((u = g_hash_table_lookup(ix->subs, d)) == NULL)
				u = g_hash_table_lookup(ix->tree, d);
		}
	}
	g_free(e);
	return u;
}

const struct rules_conf *
conf_rules_of(const struct config *c, const struct conf_unit *u)
{
	return u != NULL ? &u->rules : &c->rules;
}

bool
conf_dry_run_of(const struct config *c, const struct conf_unit *u)
{
	return u != NULL && u->dry_run >= 0 ? u->dry_run == 1 : c->dry_run;
}
