/*
 * budget.h: the daemon's memory budget (budget.c), one count of bytes
 * for the whole process: messages take what they buffer and what their
 * parse will need, and give it back when they end ([milter]
 * memory_limit). Thread-safe.
 */
#ifndef MLT_BUDGET_H
#define MLT_BUDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

/* Takes n bytes if the total stays within limit and no request of a
 * lower rank waits, waiting at most timeout_us microseconds (0: no
 * wait). holding: the caller already holds bytes; then it gives up
 * early when a lower rank has waited BUDGET_GRACE_US for what it holds
 * (budget.c). small: a small message's request, which goes before
 * the ranks when it fits. false: not taken; n > limit never fits. */
bool	mlt_budget_take(size_t n, size_t limit, gint64 timeout_us,
	    guint64 rank, bool holding, bool small);
/* Gives back n bytes taken before. */
void	mlt_budget_give(size_t n);
/* Bytes taken now, and the most taken at once since start. */
size_t	mlt_budget_used(void);
size_t	mlt_budget_peak(void);

#endif
