/*
 * confload.c: reading values from the configuration's key file: each
 * getter checks its value and reports an error as "file:line: [group]
 * key: why" (the line found in the file's text, which GKeyFile does
 * not tell). Used by the loaders of conf/; holds no state.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "confload.h"

/* Line number of `key` in [group] of the file text (0 if not found). */
static unsigned
find_line(const char *text, const char *group, const char *key)
{
	const char *p = text;
	unsigned line = 1;
	bool in_group = group == NULL;
	size_t klen = key ? strlen(key) : 0;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		const char *q = p;

		while (q < p + n && (*q == ' ' || *q == '\t'))
			q++;
		if (*q == '[') {
			const char *e = memchr(q, ']', (size_t)(p + n - q));

			in_group = e && group && (size_t)(e - q - 1) ==
			    strlen(group) && memcmp(q + 1, group, strlen(group)) == 0;
			if (in_group && key == NULL)
				return line;
		} else if (in_group && key && (size_t)(p + n - q) >= klen &&
		    memcmp(q, key, klen) == 0) {
			const char *r = q + klen;

			while (r < p + n && (*r == ' ' || *r == '\t'))
				r++;
			if (r < p + n && *r == '=')
				return line;
		}
		line++;
		p = eol ? eol + 1 : NULL;
	}
	return 0;
}

int
ld_fail(struct loader *ld, const char *group, const char *key,
    const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	unsigned line = ld->text ? find_line(ld->text, group, key) : 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		snprintf(ld->err, ld->errlen, "%s:%u: [%s] %s: %s", ld->path,
		    line, group, key ? key : "", msg);
	else
		snprintf(ld->err, ld->errlen, "%s: [%s] %s: %s", ld->path,
		    group, key ? key : "", msg);
	return -1;
}

char *
ld_str(struct loader *ld, const char *g, const char *k)
{
	char *s;

	if (!g_key_file_has_key(ld->kf, g, k, NULL))
		return NULL;
	s = g_key_file_get_string(ld->kf, g, k, NULL);
	if (s)
		g_strstrip(s);
	return s;
}

int
ld_bool(struct loader *ld, const char *g, const char *k, bool *out)
{
	char *s = ld_str(ld, g, k);
	int rc = 0;

	if (s == NULL)
		return 0;
	if (!g_ascii_strcasecmp(s, "true") || !g_ascii_strcasecmp(s, "yes") ||
	    !strcmp(s, "1"))
		*out = true;
	else if (!g_ascii_strcasecmp(s, "false") ||
	    !g_ascii_strcasecmp(s, "no") || !strcmp(s, "0"))
		*out = false;
	else
		rc = ld_fail(ld, g, k, "\"%s\" is not a boolean "
		    "(true/false)", s);
	g_free(s);
	return rc;
}

/* A size: digits with an optional K, M or G suffix (binary). */
int
ld_size(struct loader *ld, const char *g, const char *k, size_t min,
    size_t max, size_t *out)
{
	char *s = ld_str(ld, g, k), *end;
	unsigned long long v, mul = 1;
	int rc = 0;

	if (s == NULL)
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (end != s) {
		switch (g_ascii_toupper(*end)) {
		case 'K': mul = 1024; end++; break;
		case 'M': mul = 1024 * 1024; end++; break;
		case 'G': mul = 1024ULL * 1024 * 1024; end++; break;
		default: break;
		}
	}
	if (end == s || *end != '\0' || errno == ERANGE || s[0] == '-')
		/* "10MB", "ten", "1.5M": name the form that is read */
		rc = ld_fail(ld, g, k, "\"%s\" is not a size: write %s "
		    "(a number, or with K, M or G)", s,
		    end != s && mul > 1 ? (g_ascii_toupper(end[-1]) == 'K' ?
		    "10K" : g_ascii_toupper(end[-1]) == 'G' ? "1G" : "10M") :
		    "10M");
	else if (v > max / mul || v * mul < min)
		rc = ld_fail(ld, g, k, "\"%s\" is out of range: between "
		    "%zu and %zu", s, min, max);
	else
		*out = (size_t)(v * mul);
	g_free(s);
	return rc;
}

int
ld_uint(struct loader *ld, const char *g, const char *k, unsigned max,
    unsigned *out)
{
	size_t v = *out;
	int rc = ld_size(ld, g, k, 0, max, &v);

	*out = (unsigned)v;
	return rc;
}

int
ld_onerr(struct loader *ld, const char *g, const char *k,
    enum on_error *out)
{
	char *s = ld_str(ld, g, k);
	int rc = 0;

	if (s == NULL)
		return 0;
	if (!strcmp(s, "tempfail"))
		*out = ONERR_TEMPFAIL;
	else if (!strcmp(s, "accept"))
		*out = ONERR_ACCEPT;
	else if (!strcmp(s, "reject"))
		*out = ONERR_REJECT;
	else
		rc = ld_fail(ld, g, k, "\"%s\": use tempfail, accept or "
		    "reject", s);
	g_free(s);
	return rc;
}

int
ld_replace_str(struct loader *ld, const char *g, const char *k, char **field)
{
	char *s = ld_str(ld, g, k);

	if (s == NULL)
		return 0;
	g_free(*field);
	*field = s;
	return 0;
}

/* The same for a file or directory: a relative path is taken from the
 * configuration file's directory, so it means the same after the daemon
 * has moved to / and at every reload. */
int
ld_replace_path(struct loader *ld, const char *g, const char *k, char **field)
{
	char *rel, *dir, *abs;

	ld_replace_str(ld, g, k, field);
	if (*field == NULL || **field == '\0' || g_path_is_absolute(*field) ||
	    ld->path == NULL)
		return 0;
	rel = g_path_get_dirname(ld->path);
	dir = g_canonicalize_filename(rel, NULL);	/* from the cwd */
	abs = g_canonicalize_filename(*field, dir);
	g_free(rel);
	g_free(dir);
	g_free(*field);
	*field = abs;
	return 0;
}

/* GKeyFile merges a group given twice and keeps the last value of a key
 * given twice: a second [group] or key is an error here, with both lines,
 * so that a copied block or a forgotten old line is not silently taken. */
int
ld_check_twice(struct loader *ld)
{
	GHashTable *groups = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	GHashTable *keys = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	const char *p = ld->text;
	char *group = NULL;
	unsigned line = 1;
	int rc = 0;

	while (p && *p && rc == 0) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		char *l = g_strstrip(g_strndup(p, n));
		char *e;
		gpointer first;

		if (l[0] == '[' && (e = strchr(l, ']')) != NULL) {
			g_free(group);
			group = g_strndup(l + 1, (size_t)(e - l - 1));
			if (g_hash_table_lookup_extended(groups, group, NULL,
			    &first)) {
				snprintf(ld->err, ld->errlen, "%s:%u: [%s]: given "
				    "twice (first at line %u: put its keys there)", ld->path, line,
				    group, GPOINTER_TO_UINT(first));
				rc = -1;
			} else
				g_hash_table_insert(groups, g_strdup(group),
				    GUINT_TO_POINTER(line));
		} else if (group && l[0] != '#' && l[0] != '\0' &&
		    (e = strchr(l, '=')) != NULL) {
			char *key, *gk;

			*e = '\0';
			key = g_strstrip(l);
			gk = g_strdup_printf("%s\n%s", group, key);
			if (g_hash_table_lookup_extended(keys, gk, NULL,
			    &first)) {
				snprintf(ld->err, ld->errlen, "%s:%u: [%s] %s: "
				    "given twice (first at line %u)", ld->path,
				    line, group, key, GPOINTER_TO_UINT(first));
				rc = -1;
				g_free(gk);
			} else
				g_hash_table_insert(keys, gk,
				    GUINT_TO_POINTER(line));
		}
		g_free(l);
		line++;
		p = eol ? eol + 1 : NULL;
	}
	g_free(group);
	g_hash_table_destroy(groups);
	g_hash_table_destroy(keys);
	return rc;
}
