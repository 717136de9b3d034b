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
/* d as shown to people (a finding's detail, the 550, the log): when it
 * holds 4 digits or more in all, every digit becomes '*' (a guest's
 * domain is chosen by whoever runs it, so it may carry a personnummer,
 * even split over labels). New string (g_free). */
char	*domain_shown(const char *d);

#endif
