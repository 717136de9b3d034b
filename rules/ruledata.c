/*
 * ruledata.c: builds and frees the compiled data of all detectors, and
 * reads their data files (embedded GResource or a directory).
 */
#include <stdio.h>
#include <string.h>
#include <gio/gio.h>

#include "datafile.h"
#include "ruledata.h"

struct ruledata *
ruledata_new(const struct ruledata_paths *paths, char *err, size_t errlen)
{
	struct ruledata *rd = g_new0(struct ruledata, 1);
	static const struct ruledata_paths none = { NULL, NULL, NULL };

	if (paths == NULL)
		paths = &none;
	if ((rd->pnr = pnr_data_new(paths, err, errlen)) == NULL ||
	    (rd->ident = ident_data_new(paths, err, errlen)) == NULL ||
	    (rd->contact = contact_data_new(paths, err, errlen)) == NULL ||
	    (rd->names = names_data_new(paths, err, errlen)) == NULL ||
	    (rd->topic = topic_data_new(paths, err, errlen)) == NULL) {
		ruledata_free(rd);
		return NULL;
	}
	return rd;
}

void
ruledata_free(struct ruledata *rd)
{
	if (rd == NULL)
		return;
	pnr_data_free(rd->pnr);
	ident_data_free(rd->ident);
	contact_data_free(rd->contact);
	names_data_free(rd->names);
	topic_data_free(rd->topic);
	g_free(rd);
}

char *
ruledata_read(const char *dir, const char *rel, size_t *len, char *err,
    size_t errlen)
{
	GError *gerr = NULL;
	char *buf = NULL;
	gsize n = 0;

	if (dir != NULL) {
		const char *base = strrchr(rel, '/');
		char *path = g_build_filename(dir, base ? base + 1 : rel, NULL);

		/* capped, regular files only (datafile.h) */
		buf = datafile_read(path, g_str_has_prefix(rel, "lexicon/") ?
		    DF_LEXICON : DF_NAMES, &n, err, errlen);
		g_free(path);
		if (buf == NULL)
			return NULL;
	} else {
		char *rpath = g_strconcat("/invite-milter/", rel, NULL);
		GBytes *b = g_resources_lookup_data(rpath,
		    G_RESOURCE_LOOKUP_FLAGS_NONE, &gerr);

		g_free(rpath);
		if (b == NULL) {
			snprintf(err, errlen, "built-in %s: %s", rel,
			    gerr->message);
			g_error_free(gerr);
			return NULL;
		}
		const char *data = g_bytes_get_data(b, &n);

		buf = g_strndup(data, n);
		g_bytes_unref(b);
	}
	if (len != NULL)
		*len = n;
	return buf;
}
