/*
 * milter.h: what the daemon's files share: the current config snapshot
 * (take a reference at envfrom, release at eom/abort) and the one entry
 * that carries out a decision (decision.h) on a message.
 */
#ifndef MILTER_H
#define MILTER_H

#include <libmilter/mfapi.h>
#include "../conf/conf.h"
#include "../pipeline/pipeline.h"
#include "decision.h"

struct config	*mlt_config_get(void);		/* new reference */
bool		 mlt_stopping(void);		/* SIGTERM: take no new message */
extern struct smfiDesc mlt_desc;		/* callbacks.c */

/* actions.c: the only caller of smfi_setreply/setmlreply/addheader/
 * chgheader/replacebody. Carries out d (made by mlt_decide for m and
 * its pipeline result po; po NULL for DEC_OVER_CAP) and submits its
 * notice; d may change (a redaction the MTA refused becomes a reject).
 * Returns the SMFIS_* status for eom. */
sfsistat	mlt_apply(SMFICTX *, const struct config *,
		    const struct mlt_msg *m, const struct pipeline_out *po,
		    struct mlt_decision *d);

#endif
