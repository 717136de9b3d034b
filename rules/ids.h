/*
 * ids.h: the identifier pass: det_identifiers (detect.h) runs the
 * scans of pnr.c, ident.c and contact.c in one pass over a field, and
 * these are the helpers the three share: digit runs, checksums,
 * calendar checks, keyword proximity on the case-folded view, the
 * dial-in line test, PCRE2 setup and hit output. Internal to rules/;
 * nothing here keeps state between calls.
 */
#ifndef IDS_H
#define IDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <glib.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "detect.h"
#include "relimit.h"

/* A keyword list entry: whole word, or a word prefix ("mamma" also
 * finds "mamman"). Keywords are lower case UTF-8. */
struct ids_kw {
	const char	*w;
	bool		 prefix;
};
#define IDS_KW_END { NULL, false }

/* A keyword list with its index by first byte, built once on first use
 * (thread-safe) instead of on every call. Declare one static set per
 * list: static struct ids_kwset x_set = IDS_KWSET(x_kw); */
#define IDS_KW_MAX	255
struct ids_kwset {
	const struct ids_kw	*kw;
	gsize			 once;
	uint64_t		 has[4];	/* first bytes present */
	unsigned char		 head[256];	/* first keyword per byte */
	unsigned char		 next[IDS_KW_MAX];	/* chain, 0xFF ends */
	unsigned char		 len[IDS_KW_MAX];	/* strlen of each */
	uint64_t		 pair[16];	/* first two bytes, hashed */
	bool			 short1;	/* a one-byte keyword */
	uint16_t		 bit;	/* its bit in the keyword index, 0: none */
};
#define IDS_KWSET(list)	{ (list), 0, { 0, 0, 0, 0 }, { 0 }, { 0 }, { 0 }, \
	{ 0 }, false, 0 }

/* The keyword sets of the identifier detectors (pnr.c, ident.c,
 * contact.c; the dial-in set is idkw.c's): the keyword index of a scan
 * (ids_kwc_begin) answers all of them from one pass over the text. */
extern struct ids_kwset ids_kws_pnr, ids_kws_order, ids_kws_phone,
    ids_kws_lma, ids_kws_reserv, ids_kws_cue, ids_kws_private,
    ids_kws_switchboard, ids_kws_signature, ids_kws_home, ids_kws_office,
    ids_kws_strong_home;

/* Compiled pattern with its match context (limits). */
struct ids_re {
	pcre2_code		*code;
	pcre2_match_context	*mctx;
	bool			 jit;	/* JIT compiled: pcre2_jit_match */
	/* The [limits] bounds are the defaults or wider: no anchored try of
	 * a detector pattern can stop on them, so a C pre-check may skip a
	 * try that cannot match (or a C matcher stand in for one) without
	 * losing a limit note. With tighter bounds every try runs. */
	bool			 shortcut;
};

/* Compiles pat with the [limits] regex bounds lim (NULL: defaults). */
int	ids_re_init(struct ids_re *, const char *pat, uint32_t opts,
	    const struct relimits *lim, char *err, size_t errlen);
void	ids_re_fini(struct ids_re *);

/* The next position >= i that starts a digit run (no digit before it)
 * or is a '+' before a digit; len when none. Candidates of the number
 * patterns can only start there, so the patterns are compiled anchored
 * and tried at these positions only: a byte loop is faster than letting
 * the matcher try every position. */
size_t	ids_next_run(const char *s, size_t len, size_t i);
/* Length of the digit run at s[i] (0 when s[i] is no digit). */
size_t	ids_run_len(const char *s, size_t len, size_t i);
/* Every run start of a text (ids_next_run from 0 on), found once and
 * shared by the identifier detectors of one field. */
struct ids_run {
	size_t	p;		/* start (a digit, or a '+' before one) */
	size_t	n;		/* digits from p (0 at a '+') */
};
struct ids_runs {
	struct ids_run	*v;
	size_t		 n, cap;
	struct ids_run	 buf[64];
};
void	ids_runs_init(struct ids_runs *, const char *s, size_t len);
void	ids_runs_fini(struct ids_runs *);

/* The identifier detectors on one field, given its runs and a match data
 * of IDS_OVEC pairs (det_identifiers runs all three in one pass). */
#define IDS_OVEC	16
void	pnr_scan(const struct detctx *, const struct ntext *,
	    const struct ids_runs *, pcre2_match_data *, struct hitlist *);
void	ident_scan(const struct detctx *, const struct ntext *,
	    const struct ids_runs *, pcre2_match_data *, struct hitlist *);
void	contact_scan(const struct detctx *, const struct ntext *,
	    const struct ids_runs *, pcre2_match_data *, struct hitlist *);
/* The wrapper behind det_pnr, det_ident, det_contact: one of the scans. */
void	ids_scan_one(const struct detctx *, const struct ntext *,
	    struct hitlist *, void (*scan)(const struct detctx *,
	    const struct ntext *, const struct ids_runs *,
	    pcre2_match_data *, struct hitlist *));

/* Anchored match at exactly off; 1 found, 0 not. A match stopped on a
 * [limits] bound is noted in *limit (relimit_note). */
int	ids_re_at(const struct ids_re *, const char *s, size_t len,
	    size_t off, pcre2_match_data *md, const char **limit);

/* Luhn check: the last of n digit values is the check digit. */
bool	ids_luhn(const int *d, size_t n);
bool	ids_is_leap(int y);
int	ids_mdays(int y, int m);
/* y-m-d of ref (UTC). */
void	ids_ymd(time_t ref, int *y, int *m, int *d);
/* Whole years from y-m-d to ref y-m-d. */
int	ids_age(int y, int m, int d, int ry, int rm, int rd);
/* A calendar date that exists, with 1800 <= y. */
bool	ids_date_ok(int y, int m, int d);
int	ids_num(const char *s, size_t n);

/* Where the first keyword of kw that starts a word within fold[a, b)
 * starts, or b (clipped to len) when none does. */
size_t	ids_kw_next(const char *fold, size_t len, size_t a, size_t b,
	    struct ids_kwset *kw);
/* ids_kw_next on nt->fold, answered from the keyword starts the scan of
 * nt (det_identifiers, ids_scan_one) has already found when it can. */
size_t	ids_kw_next_nt(const struct ntext *, size_t a, size_t b,
	    struct ids_kwset *kw);
/* Does a keyword of kw start a word within fold[a, b)? */
bool	ids_kw_in(const char *fold, size_t len, size_t a, size_t b,
	    struct ids_kwset *kw);
/* The same for the window of `before` bytes before start and `after`
 * bytes after end (clipped to the text and, if stop_nl, to the line). */
bool	ids_kw_near(const struct ntext *, size_t start, size_t end,
	    size_t before, size_t after, struct ids_kwset *kw);
/* The keyword index of the text being scanned (idkw.c): for every
 * 64-byte block asked about, the word starts where a keyword of any set
 * above begins, each with the bits of those sets, found in one pass over
 * the block for all sets. On the stack of det_identifiers and
 * ids_scan_one, between ids_kwc_begin and ids_kwc_end. */
#define IDS_KWC_BLOCKS	256	/* blocks without an allocation (16 KB) */
struct ids_kwcache {
	const struct ntext	*nt;
	size_t			 nblk;
	uint8_t			*done;	/* block indexed yet */
	uint64_t		*hit;	/* bit k: a keyword start at 64j + k */
	uint32_t		*base;	/* its first entry in bits[] */
	uint16_t		*any;	/* the sets of all its starts */
	uint16_t		*bits;	/* sets of each keyword start */
	size_t			 nbits, capbits;
	uint8_t			 done_buf[IDS_KWC_BLOCKS];
	uint64_t		 hit_buf[IDS_KWC_BLOCKS];
	uint32_t		 base_buf[IDS_KWC_BLOCKS];
	uint16_t		 any_buf[IDS_KWC_BLOCKS];
	uint16_t		 bits_buf[256];
};
void	ids_kwc_begin(struct ids_kwcache *, const struct ntext *);
void	ids_kwc_end(struct ids_kwcache *);

/* Remembers the last line ids_dialin() looked at, so candidates on one
 * line scan it once. Zero it before the first use; one per call. */
struct ids_dcache {
	size_t	a, b;
	bool	valid, val;
};

/* The keyword-free part of ids_dialin: is the span part of a dial
 * string (",,123#") or a #-terminated PIN? */
bool	ids_dialstring(const struct ntext *, size_t start, size_t end);
/* Is the span on a Teams/Zoom/Webex dial-in line, part of a dial string
 * (",,123#") or a #-terminated PIN? dc may be NULL. */
bool	ids_dialin(const struct ntext *, size_t start, size_t end,
	    struct ids_dcache *dc);

/* Appends a hit with evidence masked after `keep` digits. */
void	ids_emit(struct hitlist *, const struct ntext *, const char *rule,
	    enum hit_kind, enum severity, size_t start, size_t end,
	    size_t keep, const char *detail);

#endif
