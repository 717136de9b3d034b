/*
 * split.h: per-recipient handling of a series (issue 20, [milter]
 * split_series): when the only finding that stops a message is a
 * recurring series with external guests, the message may go to its
 * internal envelope recipients while the external ones are removed
 * (smfi_delrcpt), and the sender is told which addresses were dropped
 * and why. Plain data, no I/O; actions.c removes the recipients.
 */
#ifndef MLT_SPLIT_H
#define MLT_SPLIT_H

#include <stddef.h>
#include "../conf/conf.h"
#include "../pipeline/pipeline.h"

/* The external envelope recipients to remove (NULL-terminated, g_strfreev),
 * or NULL when a split does not apply: the verdict stops the message for
 * another rule too, or there is no internal or no external recipient,
 * or (split_series_cannot) not every address was kept. */
char	**split_external(const struct config *, const struct envelope *,
	    const struct pipeline_out *po);
/* The notice to the sender listing the dropped addresses (RFC 5322
 * text, new string, length in *len); NULL without a usable sender. */
/* Would a split apply but for the recipients past RCPT_KEEP_ADDRS,
 * which were counted but not kept, so cannot be removed one by one?
 * Then the rule's own outcome stands (issue 17). */
bool	 split_series_cannot(const struct config *, const struct envelope *,
	    const struct pipeline_out *po);
char	*split_notice(const struct config *, const char *sender,
	    char *const *dropped, size_t n_kept, size_t *len);

#endif
