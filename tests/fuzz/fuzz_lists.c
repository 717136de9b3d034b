/*
 * fuzz_lists.c: the files a configuration names, as read at load: the
 * first byte picks a lexicon (topics.txt -> topic_data_new), a name list
 * (first.txt -> names_data_new) or a unit map ([units] map_file ->
 * conf_load_data); the rest is the file. Written to a scratch directory
 * (the loaders read files through datafile_read). A load either works
 * or fails with a message: an error without one traps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "../../conf/conf.h"
#include "../../rules/ruledata.h"
#include "fuzz.h"

static char *dir;

static void
cleanup(void)
{
	static const char *const files[] = { "topics.txt", "first.txt",
		"surnames.txt", "stopwords.txt", "units.map" };

	for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
		char *p = g_build_filename(dir, files[i], NULL);

		(void)g_unlink(p);
		g_free(p);
	}
	(void)g_rmdir(dir);
}

static void
put(const char *name, const uint8_t *data, size_t size)
{
	char *p = g_build_filename(dir, name, NULL);

	if (!g_file_set_contents(p, (const char *)data, (gssize)size, NULL))
		abort();
	g_free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024] = "";

	if (size == 0)
		return 0;
	if (dir == NULL) {
		if ((dir = g_dir_make_tmp("fuzz-lists-XXXXXX", NULL)) == NULL)
			abort();
		put("surnames.txt", (const uint8_t *)"", 0);
		put("stopwords.txt", (const uint8_t *)"", 0);
		atexit(cleanup);
	}
	switch (data[0] % 3) {
	case 0: {
		struct ruledata_paths p = { NULL, dir, NULL };
		struct topic_data *td;

		put("topics.txt", data + 1, size - 1);
		if ((td = topic_data_new(&p, err, sizeof(err))) == NULL &&
		    err[0] == '\0')
			__builtin_trap();
		topic_data_free(td);
		break;
	}
	case 1: {
		struct ruledata_paths p = { dir, NULL, NULL };
		struct names_data *nd;

		put("first.txt", data + 1, size - 1);
		if ((nd = names_data_new(&p, err, sizeof(err))) == NULL &&
		    err[0] == '\0')
			__builtin_trap();
		names_data_free(nd);
		break;
	}
	default: {
		char *text = g_strdup_printf("[general]\ninternal_domains = "
		    "kommun.example\n[units]\nmap_file = %s/units.map\n", dir);
		struct config *c;

		put("units.map", data + 1, size - 1);
		if ((c = conf_load_data("fuzz.conf", text, strlen(text), err,
		    sizeof(err))) == NULL && err[0] == '\0')
			__builtin_trap();
		conf_unref(c);
		g_free(text);
		break;
	}
	}
	return 0;
}
