/*
 * confload.h: internal to conf/: the key-file loader that the files of
 * conf/ share, typed getters that check a value and report errors as
 * "file:line: [group] key: why", and the loaders of the daemon's groups
 * (confdaemon.c). Not for other rooms: they read struct config.
 */
#ifndef CONFLOAD_H
#define CONFLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "conf.h"

/* One file being loaded: its text (for line numbers) and its keys. */
struct loader {
	const char	*path;
	const char	*text;		/* file contents, for line numbers */
	GKeyFile	*kf;
	char		*err;
	size_t		 errlen;
};

/* Writes "file:line: [group] key: msg" to ld->err; returns -1. */
int	ld_fail(struct loader *, const char *group, const char *key,
	    const char *fmt, ...) G_GNUC_PRINTF(4, 5);
/* The value of [g] k, stripped (g_free), or NULL when absent. */
char	*ld_str(struct loader *, const char *g, const char *k);
/* Typed values: the out value is only set when the key is present and
 * valid; 0, or -1 with the error in ld->err. */
int	ld_check_twice(struct loader *);
int	ld_bool(struct loader *, const char *g, const char *k, bool *out);
int	ld_size(struct loader *, const char *g, const char *k, size_t min,
	    size_t max, size_t *out);
int	ld_uint(struct loader *, const char *g, const char *k, unsigned max,
	    unsigned *out);
int	ld_onerr(struct loader *, const char *g, const char *k,
	    enum on_error *out);
/* Replaces *field (g_free) with the value when present; a path is
 * taken from the configuration file's directory when relative. */
int	ld_replace_str(struct loader *, const char *g, const char *k,
	    char **field);
int	ld_replace_path(struct loader *, const char *g, const char *k,
	    char **field);

/* confdaemon.c: [milter] and [log]; internal_networks from a list of
 * addresses or networks (err without file and key). */
int	conf_load_milter(struct loader *, struct config *);
int	conf_load_log(struct loader *, struct config *);
int	conf_load_metrics(struct loader *, struct config *);
int	conf_set_networks(struct config *, char **list, char *err,
	    size_t errlen);

/* units.c: [units], [unit:NAME] and [exceptions] (after [general] and
 * [rules]); conf_units_sync() copies the shared rules fields into every
 * unit (after the data is built and after -D); conf_units_free(). The
 * keys of a [unit:] group besides rule ids, and a sender entry in its
 * canonical form (NULL if it is not one). */
int	conf_load_units(struct loader *, struct config *);
void	conf_units_sync(struct config *);
void	conf_units_free(struct config *);
const char *const *conf_unit_keys(size_t *n);
char	*conf_sender_entry(const char *s);

#endif
