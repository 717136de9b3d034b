/*
 * decision.h: what the daemon answers for a message, as plain data:
 * the SMFIS_* status, the SMTP reply, the header and body changes and
 * the notice to submit. Made without libmilter calls, so invite-milter
 * -t prints exactly what the daemon would answer (the same function
 * decides both), and actions.c only carries it out.
 */
#ifndef MLT_DECISION_H
#define MLT_DECISION_H

#include <stdio.h>
#include <libmilter/mfapi.h>
#include "../conf/conf.h"
#include "../notice/notice.h"
#include "../pipeline/pipeline.h"

/* The message as the daemon received it. */
struct mlt_msg {
	const char		*buf;	/* headers and body as buffered
					   (reduced when over max_body) */
	size_t			 len;
	const struct envelope	*env;	/* NULL: not known (-t without
					   --from); sender "" = null sender */
	size_t			 n_flag_headers;	/* copies the sender wrote */
	const char		*subject;	/* raw Subject or NULL */
	const char		*qid;
	/* buf is not the message as sent: content was dropped or cut
	 * (parse/reduce.h), so it may never replace the body */
	bool			 reduced;
};

enum mlt_kind {
	DEC_ERROR,	/* internal error: on_error, the MTA's own text */
	DEC_OVER_CAP,	/* text beyond the reducer's caps: over_cap */
	DEC_LIMIT,	/* a [limits] bound: 451 4.3.0 or 550 5.3.4 */
	DEC_ACCEPT,	/* clean, not an invitation, or dry run */
	DEC_FLAG,	/* delivered with the policy header */
	DEC_REJECT,	/* 550 5.7.1 */
	DEC_REDACT,	/* corrected in flight, then delivered */
	DEC_NOTIFY,	/* delivered unchanged, notice to the sender */
	DEC_HOLD,	/* accepted into the MTA's hold queue (quarantine) */
	DEC_SPLIT,	/* a series: external recipients removed, delivered
			   to the internal ones ([milter] split_series) */
};

struct mlt_decision {
	enum mlt_kind	 kind;
	sfsistat	 rc;		/* SMFIS_* for end of message */
	bool		 dry_run;	/* would act, but [general] dry_run */
	const char	*outcome;	/* for the counters and the log:
					   accept|flag|reject|redact|notify|
					   hold|split; NULL for error, over_cap,
					   limit */
	/* DEC_FLAG: add the policy header and subject tag (false: mail
	 * for an external recipient, [milter] flag_external off) */
	bool		 flag_visible;
	/* DEC_HOLD: the quarantine reason, and the reviewer's notice or
	 * NULL ([notice] reviewer) */
	char		*quarantine;
	char		*review;
	size_t		 review_len;
	/* DEC_SPLIT: the envelope recipients to remove, and how many stay */
	char		**drop;
	size_t		 n_kept;
	/* the reply: code and enhanced code, lines (NULL-terminated, at
	 * most MLT_REPLY_LINES); NULL: none (the MTA's own text) */
	const char	*code, *xcode;
	char		**lines;
	char		*fallback;	/* one line, if the MTA refuses lines */
	/* DEC_FLAG: the subject with [milter] subject_tag, or NULL */
	char		*tagged_subject;
	/* DEC_REDACT: the new body and the header changes (ro.hdrs: the
	 * Subject, MIME headers and the shown headers with the findings
	 * cut), applied by actions.c with smfi_chgheader */
	struct redact_out ro;
	/* DEC_REJECT in mode redact: why the redaction failed safe (a
	 * static string without personal data, for the log and -t), or
	 * NULL */
	const char	*redact_refused;
	/* the notice to the sender, or NULL (none wanted, or none could
	 * be built: notice_failed) */
	char		*notice;
	size_t		 notice_len;
	enum notice_mode notice_mode;
	bool		 notice_failed;
};

#define MLT_REPLY_LINES	12	/* smfi_setmlreply takes at most 32 */

/* Decides for m, whose pipeline result is po (NULL with DEC_OVER_CAP
 * when text went beyond the caps: over_cap). d is filled; free it with
 * mlt_decision_clear. Thread-safe; no I/O. */
void	mlt_decide(const struct config *, const struct mlt_msg *m,
	    const struct pipeline_out *po, struct mlt_decision *d);
/* DEC_REDACT could not be carried out: d becomes the reject (with a
 * notice) that mode reject would give. */
void	mlt_decide_reject(const struct config *, const struct mlt_msg *m,
	    const struct pipeline_out *po, struct mlt_decision *d);
void	mlt_decision_clear(struct mlt_decision *d);
/* A message whose text went beyond the reducer's caps (over cap): does
 * what was kept decide all the same? True when a finding other than
 * limit-exceeded acts (flag or more) and it is no dry run; then
 * mlt_decide() with po decides (a [limits] bound hit gives the limit
 * outcome), else the over_cap outcome (mlt_decide() with NULL). */
bool	mlt_over_cap_found(const struct pipeline_out *po);
/* The decision log's "outcome" (invite-report(1), DECISION LOG FIELDS):
 * rejected, held, redacted, flagged, accepted, tempfailed, or "would-"
 * and one of those in dry run. A static string. */
const char	*mlt_outcome_word(const struct config *,
		    const struct mlt_decision *d, const struct pipeline_out *po);
/* The SMTP reply the MTA will send for d, as invite-milter -t prints it. */
void	mlt_decision_print(FILE *, const struct config *,
	    const struct mlt_decision *d);

#endif
