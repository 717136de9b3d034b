/*
 * ruledata.h: everything the detectors compile once per config snapshot
 * (PCRE2 JIT patterns, word lists, lexicons). Immutable after
 * ruledata_new(); shared read-only by all threads. Each detector module
 * owns its part: X_data_new() builds it, X_data_free(NULL) does nothing.
 */
#ifndef RULEDATA_H
#define RULEDATA_H

#include <stddef.h>
#include "relimit.h"

/* Where the word lists come from: NULL means the copies embedded in the
 * binary (GResource, built from conf/names and conf/lexicon). */
struct ruledata_paths {
	const char	*names_dir;	/* holds first.txt, surnames.txt, stopwords.txt */
	const char	*lexicon_dir;	/* holds the topic lexicon files */
	const struct relimits *regex;	/* NULL = relimit.h defaults */
};

struct pnr_data;
struct ident_data;
struct contact_data;
struct names_data;
struct topic_data;

struct ruledata {
	struct pnr_data		*pnr;
	struct ident_data	*ident;
	struct contact_data	*contact;
	struct names_data	*names;
	struct topic_data	*topic;
};

/* Returns NULL and a message naming file and line in err on failure. */
struct ruledata	*ruledata_new(const struct ruledata_paths *,
		    char *err, size_t errlen);
void		 ruledata_free(struct ruledata *);

struct pnr_data		*pnr_data_new(const struct ruledata_paths *, char *, size_t);
void			 pnr_data_free(struct pnr_data *);
struct ident_data	*ident_data_new(const struct ruledata_paths *, char *, size_t);
void			 ident_data_free(struct ident_data *);
struct contact_data	*contact_data_new(const struct ruledata_paths *, char *, size_t);
void			 contact_data_free(struct contact_data *);
struct names_data	*names_data_new(const struct ruledata_paths *, char *, size_t);
void			 names_data_free(struct names_data *);
/* The list bits names.c keeps for the afold word s[0..n), 0 for none
 * (for names_test: the flat table against the lists). */
unsigned		 names_word_bits(const struct names_data *,
			    const char *s, size_t n);
struct topic_data	*topic_data_new(const struct ruledata_paths *, char *, size_t);
void			 topic_data_free(struct topic_data *);

/* Reads an embedded data file ("names/first.txt") or, when dir is set,
 * dir/basename (datafile_read: a regular file within the cap of a
 * lexicon or name list). Returns a NUL-terminated copy (g_free) or NULL
 * with err. */
char	*ruledata_read(const char *dir, const char *rel, size_t *len,
	    char *err, size_t errlen);

#endif
