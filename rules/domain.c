/*
 * domain.c: internal or external? Domains are compared in canonical
 * form (IDNA A-labels, lower case, no trailing dot) on whole labels.
 */
#include <string.h>
#include <glib.h>

#include "domain.h"

char *
domain_canon(const char *d)
{
	char *a, *p;
	size_t n;

	if (d == NULL)
		return NULL;
	while (*d == ' ' || *d == '\t')
		d++;
	if ((a = g_hostname_to_ascii(d)) == NULL)
		return NULL;
	n = strlen(a);
	while (n > 0 && (a[n - 1] == '.' || a[n - 1] == ' '))
		a[--n] = '\0';
	for (p = a; *p; p++) {
		*p = g_ascii_tolower(*p);
		if (!(g_ascii_isalnum(*p) || *p == '-' || *p == '.'))
			break;
	}
	if (n == 0 || *p != '\0' || a[0] == '.' || a[0] == '-' ||
	    strstr(a, "..") != NULL || strlen(a) > 253) {
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
