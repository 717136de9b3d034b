/*
 * milter.h: what the daemon's files share: the current config snapshot
 * (take a reference at envfrom, release at eom/abort) and the one entry
 * that applies a verdict to a message.
 */
#ifndef MILTER_H
#define MILTER_H

#include <libmilter/mfapi.h>
#include "../conf/conf.h"
#include "../parse/invite.h"
#include "../rules/rules.h"
#include "../rules/verdict.h"

struct config	*mlt_config_get(void);		/* new reference */
bool		 mlt_stopping(void);		/* SIGTERM: take no new message */
extern struct smfiDesc mlt_desc;		/* callbacks.c */
void		 mlt_tune(void);		/* after smfi_opensocket() */

/* What actions.c needs of the message for notices and the in-flight
 * correction (issue 6); NULL in mlt_apply means none of that. */
struct mlt_msg {
	const char		*buf;	/* headers and body as buffered */
	size_t			 len;
	const struct invite	*inv;
	const struct envelope	*env;	/* sender "" for the null sender */
	const char		*qid;
	const char		*outcome;	/* set by mlt_apply, for the log:
						   accept|flag|reject|redact|notify */
};

/* actions.c: the only caller of smfi_setmlreply/addheader/chgheader/
 * replacebody. Returns the SMFIS_* status for eom. */
sfsistat	mlt_apply(SMFICTX *, const struct config *,
		    const struct verdict *, size_t n_flag_headers,
		    const char *subject,	/* raw Subject or NULL */
		    struct mlt_msg *);
/* The multi-line reply as the MTA will send it, for -t. */
void		mlt_print_reply(const struct config *, const struct verdict *);

#endif
