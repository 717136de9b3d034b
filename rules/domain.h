/*
 * domain.h: is an address inside the organisation? Matching is on whole
 * DNS labels, case-insensitive, IDN-aware (U-labels are converted to
 * A-labels with GLib), trailing dots ignored: "kommun.example" covers
 * "socialtjanst.kommun.example" but not "evilkommun.example" nor
 * "kommun.example.evil.test".
 */
#ifndef DOMAIN_H
#define DOMAIN_H

#include <stdbool.h>
#include <stddef.h>

/* Canonical form of a domain (lower-case ASCII, no trailing dot) in a
 * new string (g_free), or NULL when it is not a usable domain. */
char	*domain_canon(const char *d);
/* The domain part of an address ("a@b" -> canonical "b"), or NULL. */
char	*domain_of_addr(const char *addr);
/* Is canonical domain d equal to or below one of the canonical list? */
bool	 domain_is_internal(const char *d, char *const *list, size_t n);

#endif
