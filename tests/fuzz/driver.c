/*
 * driver.c: a main() for the harnesses without libFuzzer, so make check
 * runs each harness once over its regression inputs and seeds with gcc
 * (and under ASan+UBSan with SANITIZE=1). Arguments are files or
 * directories (every regular file directly inside). Prints one TAP line
 * per argument; a crash ends the program, which tests/run.sh counts.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <glib.h>

#include "fuzz.h"

static int
run_file(const char *path)
{
	gchar *buf = NULL;
	gsize len = 0;

	if (!g_file_get_contents(path, &buf, &len, NULL))
		return -1;
	(void)LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	g_free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	int n_test = 0, bad = 0;

	(void)LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		struct stat st;
		size_t n = 0;
		int fail = 0;

		if (stat(argv[i], &st) < 0)
			fail = 1;
		else if (S_ISDIR(st.st_mode)) {
			DIR *d = opendir(argv[i]);
			struct dirent *e;

			while (d && (e = readdir(d)) != NULL) {
				char *p;

				if (e->d_name[0] == '.')
					continue;
				p = g_build_filename(argv[i], e->d_name, NULL);
				if (g_file_test(p, G_FILE_TEST_IS_REGULAR)) {
					if (run_file(p) < 0)
						fail = 1;
					n++;
				}
				g_free(p);
			}
			if (d)
				closedir(d);
			else
				fail = 1;
		} else {
			fail = run_file(argv[i]) < 0;
			n = 1;
		}
		printf("%sok %d - %s: %zu input%s\n", fail ? "not " : "",
		    ++n_test, argv[i], n, n == 1 ? "" : "s");
		bad += fail;
	}
	printf("1..%d\n", n_test);
	return bad ? 1 : 0;
}
