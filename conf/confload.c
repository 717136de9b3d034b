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
	if (end == s || *end != '\0' || errno == ERANGE || s[0] == '-' ||
	    v > max / mul || v * mul < min)
		rc = ld_fail(ld, g, k,
		    "\"%s\" is not a number between %zu and %zu",
		    s, min, max);
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
