/*
 * datafile.h: the one reader of the files the configuration names (the
 * configuration itself, keys, lexicons, name lists, the unit map):
 * regular files only, read whole up to a cap per kind (issue 17:
 * key_file = /dev/zero grew to 4.4 GB, a 100 MB lexicon took 21 s and
 * 3.9 GB for -n). In rules/ because it is the lowest room that reads
 * files (ruledata.c); conf/ and milter/ use it too. The caps and counts
 * are listed in invite-milter.conf(5), LIMITS.
 */
#ifndef DATAFILE_H
#define DATAFILE_H

#include <stddef.h>

enum datafile_kind {
	DF_CONFIG,	/* invite-milter.conf */
	DF_KEY,		/* [notice] key_file, [log] hash_key_file */
	DF_LEXICON,	/* lexicon_dir/topics.txt, forms.txt */
	DF_NAMES,	/* names_dir/first.txt, surnames.txt, ... */
	DF_UNIT_MAP,	/* [units] map_file */
};

/* Bytes per file. The shipped sample configuration, with every key
 * written out and commented, is 14 KB: 1 MiB is 70 times that and a
 * GKeyFile of that size loads in milliseconds. */
#define DF_CAP_CONFIG	(1u * 1024 * 1024)
/* A key is 16 to 4096 bytes (32 random bytes are enough). */
#define DF_CAP_KEY	4096u
/* The shipped lexicon files are 7.6 KB (topics.txt, 211 terms) and
 * 6.7 KB (forms.txt, 270 terms). A term costs about 0.8 KB of compiled
 * scanner and table: 20,000 terms (LEX_MAX_TERMS) load in under 0.1 s
 * into about 25 MB, and 1 MiB holds them with room for comments. */
#define DF_CAP_LEXICON	(1u * 1024 * 1024)
#define LEX_MAX_TERMS	20000
/* Longest shipped lexicon line: 81 bytes. A term is a word or a short
 * phrase. */
#define LEX_MAX_TERM	200
/* The shipped name lists: first.txt 25.9 KB (3,460 names), surnames.txt
 * 22.3 KB (2,545), stopwords.txt 2.5 KB (234). 100,000 names a list
 * (NAMES_MAX_ENTRIES) is 29 times the largest, about what official
 * statistics list with more than a handful of bearers; three such lists
 * load in about 0.5 s into about 60 MB. 4 MiB holds them with comments. */
#define DF_CAP_NAMES	(4u * 1024 * 1024)
#define NAMES_MAX_ENTRIES 100000
/* A name (one entry, before it is split at '-' and '\''). */
#define NAMES_MAX_ENTRY	100
/* [units] map_file: one address or domain and a unit a line, about
 * 50 bytes; 200,000 lines (UNITS_MAX_LINES) is every address of the
 * largest municipality several times over. */
#define DF_CAP_UNIT_MAP	(16u * 1024 * 1024)
#define UNITS_MAX_LINES	200000

/* The cap of a kind, and how the manual names the kind ("a lexicon
 * file"). */
size_t		 datafile_cap(enum datafile_kind);
const char	*datafile_what(enum datafile_kind);

/*
 * Reads path whole when it is a regular file of at most the kind's cap
 * (or cap, for datafile_read_cap; what names the kind then). Opens
 * without blocking (a FIFO never hangs the load), refuses anything but
 * a regular file and reads at most cap + 1 bytes, so a file that grows
 * while it is read is refused too. Returns a NUL-terminated copy
 * (g_free) with its length in *len (may be NULL), or NULL with err set
 * to "PATH: why; what to do". *too_big (may be NULL) is set when the
 * only fault was the size.
 */
char	*datafile_read(const char *path, enum datafile_kind, size_t *len,
	    char *err, size_t errlen);
char	*datafile_read_cap(const char *path, size_t cap, const char *what,
	    size_t *len, int *too_big, char *err, size_t errlen);

#endif
