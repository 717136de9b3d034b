/*
 * datafile_test.c: the capped reader of configured files: regular files
 * within the cap only, a clear error for everything else, never more
 * than cap + 1 bytes read (a file whose size says 0 but that has more,
 * as in /proc, stands in for one that grows while it is read).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "rules/datafile.h"

static char *dir;

static char *
scratch(const char *name, const char *data, size_t len)
{
	char *p = g_build_filename(dir, name, NULL);

	g_assert_true(g_file_set_contents(p, data, (gssize)len, NULL));
	return p;
}

static void
test_files(void)
{
	char *small = scratch("small", "abc\n", 4);
	char *empty = scratch("empty", "", 0);
	char *fifo = g_build_filename(dir, "fifo", NULL);
	char *missing = g_build_filename(dir, "missing", NULL);
	struct {
		const char	*path;
		size_t		 cap;
		const char	*want;		/* contents, or NULL */
		size_t		 len;
		const char	*err;		/* substring of the error */
		int		 too_big;
	} rows[] = {
		{ small, 4, "abc\n", 4, NULL, 0 },
		{ small, 100, "abc\n", 4, NULL, 0 },
		{ small, 3, NULL, 0, ": 4 bytes, too big: a test file may have "
		  "at most 3 bytes (LIMITS", 1 },
		{ empty, 10, "", 0, NULL, 0 },
		{ empty, 0, "", 0, NULL, 0 },
		{ "/dev/zero", 4096, NULL, 0, "/dev/zero: a character device, "
		  "not a regular file; a test file must be a regular file of "
		  "at most 4096 bytes (LIMITS in invite-milter.conf(5))", 0 },
		{ "/dev/null", 4096, NULL, 0, "a character device", 0 },
		{ fifo, 4096, NULL, 0, "fifo: a FIFO, not a regular file", 0 },
		{ dir, 1024 * 1024, NULL, 0, ": a directory, not a regular "
		  "file; a test file must be a regular file of at most 1 MiB", 0 },
		{ missing, 10, NULL, 0, "missing: No such file", 0 },
		/* st_size 0, more than the cap inside: the read stops */
		{ "/proc/self/status", 16, NULL, 0, "/proc/self/status: too big "
		  "(it grew while it was read): a test file may have at most "
		  "16 bytes", 1 },
	};

	g_assert_cmpint(mkfifo(fifo, 0600), ==, 0);
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		char err[512] = "";
		size_t len = 12345;
		int big = -1;
		char *got = datafile_read_cap(rows[i].path, rows[i].cap,
		    "a test file", &len, &big, err, sizeof(err));

		g_test_message("row %zu: %s", i, err);
		g_assert_cmpstr(got, ==, rows[i].want);
		if (rows[i].want != NULL)
			g_assert_cmpuint(len, ==, rows[i].len);
		else
			g_assert_nonnull(strstr(err, rows[i].err));
		g_assert_cmpint(big, ==, rows[i].too_big);
		g_free(got);
	}
	g_unlink(fifo);
	g_unlink(small);
	g_unlink(empty);
	g_free(small);
	g_free(empty);
	g_free(fifo);
	g_free(missing);
}

/* A file without a known size is read whole when it fits. */
static void
test_proc(void)
{
	char err[256];
	size_t len = 0;
	char *s = datafile_read_cap("/proc/self/status", 1024 * 1024, "x",
	    &len, NULL, err, sizeof(err));

	g_assert_nonnull(s);
	g_assert_cmpuint(len, >, 16);
	g_assert_cmpuint(strlen(s), ==, len);
	g_assert_true(g_str_has_prefix(s, "Name:"));
	g_free(s);
}

/* Larger than one read and than the first buffer: every byte comes
 * back, in order, up to and at the cap. */
static void
test_large(void)
{
	size_t n = 300 * 1000 + 7, len = 0;
	char *data = g_malloc(n), *p, *got, err[256];

	for (size_t i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	p = scratch("large", data, n);
	got = datafile_read_cap(p, n, "x", &len, NULL, err, sizeof(err));
	g_assert_nonnull(got);
	g_assert_cmpuint(len, ==, n);
	g_assert_true(memcmp(got, data, n) == 0);
	g_assert_cmpint(got[n], ==, '\0');
	g_free(got);
	g_assert_null(datafile_read_cap(p, n - 1, "x", &len, NULL, err,
	    sizeof(err)));
	g_unlink(p);
	g_free(p);
	g_free(data);
}

/* The kinds: caps as in invite-milter.conf(5), LIMITS. */
static void
test_kinds(void)
{
	char err[512];
	char *p = scratch("key", "0123456789abcdef", 16), *got;

	g_assert_cmpuint(datafile_cap(DF_CONFIG), ==, 1024 * 1024);
	g_assert_cmpuint(datafile_cap(DF_KEY), ==, 4096);
	g_assert_cmpuint(datafile_cap(DF_LEXICON), ==, 1024 * 1024);
	g_assert_cmpuint(datafile_cap(DF_NAMES), ==, 4 * 1024 * 1024);
	g_assert_cmpuint(datafile_cap(DF_UNIT_MAP), ==, 16 * 1024 * 1024);
	g_assert_cmpstr(datafile_what(DF_NAMES), ==, "a name list");
	got = datafile_read(p, DF_KEY, NULL, err, sizeof(err));
	g_assert_cmpstr(got, ==, "0123456789abcdef");
	g_free(got);
	g_assert_null(datafile_read("/dev/zero", DF_KEY, NULL, err,
	    sizeof(err)));
	g_assert_cmpstr(err, ==, "/dev/zero: a character device, not a "
	    "regular file; a key file must be a regular file of at most 4096 "
	    "bytes (LIMITS in invite-milter.conf(5))");
	g_unlink(p);
	g_free(p);
}

int
main(int argc, char **argv)
{
	int rc;

	g_test_init(&argc, &argv, NULL);
	dir = g_dir_make_tmp("datafile-XXXXXX", NULL);
	g_assert_nonnull(dir);
	g_test_add_func("/datafile/files", test_files);
	g_test_add_func("/datafile/proc", test_proc);
	g_test_add_func("/datafile/large", test_large);
	g_test_add_func("/datafile/kinds", test_kinds);
	rc = g_test_run();
	g_rmdir(dir);
	g_free(dir);
	return rc;
}
