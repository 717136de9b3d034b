/*
 * detect.h: the contract between the engine and the detectors.
 * A detector reads one normalised field and appends hits; it never
 * decides the action (the engine does, from the config) and it masks
 * its own evidence. Detectors keep no state between calls: compiled
 * patterns and word lists live in struct ruledata (read-only, shared
 * between threads), scratch memory is per call.
 */
#ifndef DETECT_H
#define DETECT_H

#include <stdbool.h>
#include <time.h>
#include "../parse/invite.h"
#include "verdict.h"
#include "text.h"

struct ruledata;		/* compiled lexicons/patterns: ruledata.h */

/* What a hit is, for the combination rules of the severity model. */
enum hit_kind {
	HIT_IDENT,		/* personnummer, reservnummer, LMA, ... */
	HIT_CONTACT,		/* private phone, e-mail, address, birth date */
	HIT_NAME,		/* probable client name */
	HIT_TOPIC,		/* strong sensitive topic */
	HIT_TOPIC_WEAK,		/* weak topic or topic in general context */
	HIT_PERSON_REF,		/* "flicka 15 år", "hans", ... (no finding alone) */
	HIT_OTHER		/* dnr, orgnr, ... */
};

struct hit {
	const char	*rule;		/* static rule id */
	enum hit_kind	 kind;
	enum severity	 sev;
	size_t		 start, end;	/* span in ntext->norm */
	char		 evidence[96];	/* masked */
	char		 detail[160];	/* plain words, no personal data */
};

struct hitlist {
	struct hit	*v;
	size_t		 n, cap;
	const char	*limit;		/* [limits] key of the first regex match
					   that stopped on a bound (relimit.h),
					   else NULL: kept when n is reset */
	void		*seen;		/* hits.c: the hits kept, by key
					   (a GHashTable, NULL while short) */
};

/* What detectors derive from the invitation alone, built on first use
 * and kept for the invitation's other texts. The caller owns it (the
 * engine keeps one per rules_eval) and frees it with detcache_clear();
 * ctx->cache NULL means none: the detector builds it per call. */
struct names_part;
struct detcache {
	struct names_part	*names_part;	/* names.c: participants' names */
};

struct detctx {
	const struct ruledata	*data;
	const struct invite	*inv;
	enum inv_field		 field;
	int			 comp;
	time_t			 ref_time;	/* arrival time (envelope now) */
	struct detcache		*cache;		/* for inv; may be NULL */
};

void	detcache_clear(struct detcache *);
struct names_part *names_part_new(const struct invite *);
void	names_part_free(struct names_part *);

/* Detectors may look at ctx->field, but only to tell these classes
 * apart: the engine scans a text once and reuses its hits for every
 * other text with the same bytes in the same class (engine.c). The long
 * texts (DESCRIPTION, X-ALT-DESC, COMMENT, CATEGORIES, the bodies) are
 * one class; every other field is its own. A detector that needs to tell
 * two long texts apart must change this function too. */
int	det_field_class(enum inv_field);

/* hits_add keeps the first hit of each rule, kind and evidence in a
 * list and drops the later ones (hits.c); hits_reset empties the list
 * for the next text (the limit record stays). */
void	hits_add(struct hitlist *, const struct hit *);
void	hits_reset(struct hitlist *);
void	hits_clear(struct hitlist *);

typedef void detector_fn(const struct detctx *, const struct ntext *,
    struct hitlist *);

/* One per file in rules/. */
detector_fn	det_pnr;	/* pnr.c: personnummer, samordningsnummer */
detector_fn	det_ident;	/* ident.c: reservnummer, T-nr, LMA, journal, birth date, dnr */
detector_fn	det_contact;	/* contact.c: private phone, e-mail, address */
/* The three above in one pass (ids.c): what the engine runs. */
detector_fn	det_identifiers;
detector_fn	det_names;	/* names.c: probable client names */
detector_fn	det_topic;	/* topic.c: sensitive-topic lexicon, ICD-10, law refs */

/* For the invitation-level rules (recur.c), which write findings
 * themselves: adds a finding for rule id with the action and severity
 * configured for it (sev is the rule's own opinion; a configured
 * severity wins). Rules whose action is "off" are not added. evidence
 * must be masked. engine.c. */
struct rules_conf;
void	rules_emit(const struct rules_conf *, struct verdict *,
	    const char *rule, enum inv_field, int comp, enum severity sev,
	    size_t start, size_t end, const char *evidence,
	    const char *detail);
/* The same for a finding in one text (index into the invite's texts):
 * several texts can share a field and component, and correction and
 * redaction cut the span from this one. */
void	rules_emit_in(const struct rules_conf *, struct verdict *, int text,
	    const char *rule, enum inv_field, int comp, enum severity sev,
	    size_t start, size_t end, const char *evidence,
	    const char *detail);

/* Masking helpers shared by detectors (mask.c). Write at most n bytes. */
void	mask_digits(char *out, size_t n, const char *s, size_t len,
	    size_t keep);	/* keep the first `keep` digits, * the rest */
void	mask_initials(char *out, size_t n, const char *s, size_t len);

#endif
