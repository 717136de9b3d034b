/*
 * datafile.c: reads a configured file whole, if it is a regular file
 * within its kind's cap (datafile.h has the caps and why).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>

#include "datafile.h"

#define MANUAL	"LIMITS in invite-milter.conf(5)"

static const struct {
	size_t		 cap;
	const char	*what;
	const char	*todo;
} kinds[] = {
	[DF_CONFIG] = { DF_CAP_CONFIG, "a configuration file",
	    "shorten it" },
	[DF_KEY] = { DF_CAP_KEY, "a key file", "32 random bytes are "
	    "enough: head -c 32 /dev/urandom >FILE" },
	[DF_LEXICON] = { DF_CAP_LEXICON, "a lexicon file", "shorten it" },
	[DF_NAMES] = { DF_CAP_NAMES, "a name list", "shorten it" },
	[DF_UNIT_MAP] = { DF_CAP_UNIT_MAP, "a unit map", "shorten it" },
};

size_t
datafile_cap(enum datafile_kind k)
{
	return kinds[k].cap;
}

const char *
datafile_what(enum datafile_kind k)
{
	return kinds[k].what;
}

/* "1 MiB" for whole MiB from 1 MiB, else "4096 bytes". */
static const char *
size_str(size_t n, char *buf, size_t len)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		snprintf(buf, len, "%zu MiB", n / (1024 * 1024));
	else
		snprintf(buf, len, "%zu bytes", n);
	return buf;
}

static const char *
type_str(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" :
	    S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device" :
	    S_ISSOCK(m) ? "a socket" : "not a file";
}

/* The reading itself; todo (may be NULL) is the advice after an
 * oversize error. */
static char *
read_capped(const char *path, size_t cap, const char *what,
    const char *todo, size_t *len, int *too_big, char *err, size_t errlen)
{
	char capbuf[32], *buf = NULL;
	size_t have = 0, alloc;
	struct stat st;
	int fd;

	if (too_big != NULL)
		*too_big = 0;
	/* O_NONBLOCK: opening a FIFO without a writer would wait forever;
	 * for a regular file it changes nothing. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) <
	    0) {
		snprintf(err, errlen, "%s: %s", path, g_strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s: %s", path, g_strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: %s, not a regular file; %s must be "
		    "a regular file of at most %s (%s)", path,
		    type_str(st.st_mode), what, size_str(cap, capbuf,
		    sizeof(capbuf)), MANUAL);
		goto fail;
	}
	if (st.st_size > 0 && (unsigned long long)st.st_size > cap) {
		snprintf(err, errlen, "%s: %lld bytes, too big: %s may have "
		    "at most %s%s%s (%s)", path, (long long)st.st_size, what,
		    size_str(cap, capbuf, sizeof(capbuf)), todo ? "; " : "",
		    todo ? todo : "", MANUAL);
		if (too_big != NULL)
			*too_big = 1;
		goto fail;
	}
	/* st_size is a hint (0 for /proc files, stale for a growing one):
	 * read until EOF, but never more than cap + 1 bytes. */
	alloc = (size_t)st.st_size + 2;
	if (alloc > cap + 2)
		alloc = cap + 2;
	if (alloc < 4096 && cap + 2 > 4096)
		alloc = 4096;
	buf = g_malloc(alloc);
	for (;;) {
		ssize_t n;

		if (have + 1 == alloc) {
			if (have > cap)
				break;
			alloc = alloc > (cap + 2) / 2 ? cap + 2 : alloc * 2;
			buf = g_realloc(buf, alloc);
		}
		n = read(fd, buf + have, alloc - 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "%s: %s", path, g_strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		have += (size_t)n;
	}
	if (have > cap) {
		snprintf(err, errlen, "%s: too big (it grew while it was "
		    "read): %s may have at most %s%s%s (%s)", path, what,
		    size_str(cap, capbuf, sizeof(capbuf)), todo ? "; " : "",
		    todo ? todo : "", MANUAL);
		if (too_big != NULL)
			*too_big = 1;
		goto fail;
	}
	(void)close(fd);
	buf[have] = '\0';
	if (len != NULL)
		*len = have;
	return buf;
fail:
	(void)close(fd);
	g_free(buf);
	return NULL;
}

char *
datafile_read(const char *path, enum datafile_kind k, size_t *len,
    char *err, size_t errlen)
{
	return read_capped(path, kinds[k].cap, kinds[k].what, kinds[k].todo,
	    len, NULL, err, errlen);
}

char *
datafile_read_cap(const char *path, size_t cap, const char *what,
    size_t *len, int *too_big, char *err, size_t errlen)
{
	return read_capped(path, cap, what, NULL, len, too_big, err, errlen);
}
