/*
 * invdump.c: prints every field of the struct invite parse_any() makes
 * of each file, one "key=value" line each, for differential checks of
 * the parser (the same corpus through two builds must print the same).
 * Strings are printed with C escapes. The output holds the messages'
 * text: compare it, do not publish it.
 *   invdump [-a] [-s] FILE...
 * -a: also through parse_message() and parse_ics() whatever the content;
 * -s: small [limits] (every cap low, so the caps are exercised).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "parse/parse.h"
#include "tests/lib/invdump.h"

static void
one(const char *what, struct invite *inv)
{
	printf("-- %s\n", what);
	if (inv == NULL)
		printf("parse failed\n");
	else {
		char *d = invdump(inv);

		fputs(d, stdout);
		g_free(d);
	}
	invite_free(inv);
}

int
main(int argc, char **argv)
{
	const struct parse_limits *lim = NULL;
	bool all = false;
	int ch;

	while ((ch = getopt(argc, argv, "as")) != -1) {
		if (ch == 'a')
			all = true;
		else if (ch == 's')
			lim = &invdump_small_limits;
		else
			goto usage;
	}
	if (optind >= argc)
		goto usage;
	parse_init();
	for (int i = optind; i < argc; i++) {
		char *buf;
		gsize len;

		printf("== %s\n", argv[i]);
		if (!g_file_get_contents(argv[i], &buf, &len, NULL)) {
			printf("unreadable\n");
			continue;
		}
		one("any", parse_any(buf, len, lim));
		if (all) {
			one("message", parse_message(buf, len, lim));
			one("ics", parse_ics(buf, len, lim));
		}
		g_free(buf);
	}
	return 0;
usage:
	fprintf(stderr, "usage: invdump [-a] [-s] FILE...\n");
	return 2;
}
