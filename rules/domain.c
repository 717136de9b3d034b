/*
 * domain.c: internal or external? Domains are compared in canonical
 * form (IDNA A-labels, lower case, no trailing dot) on whole labels.
 */
#include <stdbool.h>
#include <string.h>
#include <glib.h>

#include "domain.h"

/* Each label 1..63 bytes, the whole at most 253 (RFC 1035 2.3.4). */
static bool
lengths_ok(const char *a)
{
	size_t label = 0, all = 0;

	for (; *a; a++, all++)
		if (*a == '.') {
			if (label == 0)
				return false;
			label = 0;
		} else if (++label > 63)
			return false;
	return all > 0 && all <= 253 && label > 0;
}

char *
domain_canon(const char *d)
{
	char *w, *a, *p;
	size_t n;

	if (d == NULL)
		return NULL;
	/* Surrounding blanks and trailing dots are not part of a name. */
	while (*d == ' ' || *d == '\t')
		d++;
	n = strlen(d);
	while (n > 0 && (d[n - 1] == ' ' || d[n - 1] == '\t' ||
	    d[n - 1] == '\r' || d[n - 1] == '\n' || d[n - 1] == '.'))
		n--;
	if (n == 0 || n > 1024)
		return NULL;
	w = g_strndup(d, n);
	a = g_hostname_to_ascii(w);
	g_free(w);
	if (a == NULL)
		return NULL;
	/* IDNA may map a trailing U+3002 and friends to a dot. */
	n = strlen(a);
	while (n > 0 && a[n - 1] == '.')
		a[--n] = '\0';
	for (p = a; *p; p++) {
		*p = g_ascii_tolower(*p);
		if (!(g_ascii_isalnum(*p) || *p == '-' || *p == '.'))
			break;
	}
	if (*p != '\0' || a[0] == '-' || !lengths_ok(a)) {
		g_free(a);
		return NULL;
	}
	return a;
}

char *
domain_of_addr(const char *addr)
{
	const char *at;

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL || at == addr)
		return NULL;
	return domain_canon(at + 1);
}

bool
domain_is_internal(const char *d, char *const *list, size_t n)
{
	size_t dl;

	if (d == NULL)
		return false;
	dl = strlen(d);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(list[i]);

		if (dl == l && strcmp(d, list[i]) == 0)
			return true;
		/* below it: ends with "." + internal domain */
		if (dl > l && d[dl - l - 1] == '.' &&
		    strcmp(d + dl - l, list[i]) == 0)
			return true;
	}
	return false;
}

/* Counting all digits rather than one run catches every split; fewer
 * than 4 (tv4.se, a1.example) cannot hold a part worth hiding and stay
 * readable. */
char *
domain_shown(const char *d)
{
	char *s = g_strdup(d);
	size_t digits = 0;

	for (const char *p = s; *p != '\0'; p++)
		digits += g_ascii_isdigit(*p) ? 1 : 0;
	if (digits >= 4)
		for (char *p = s; *p != '\0'; p++)
			if (g_ascii_isdigit(*p))
				*p = '*';
	return s;
}
