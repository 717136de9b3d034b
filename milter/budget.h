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

/* Takes n bytes if the total stays within limit, waiting for others to
 * give back at most timeout_us microseconds (0: no wait). false: not
 * taken (nothing is held for the caller); n > limit never fits. */
bool	mlt_budget_take(size_t n, size_t limit, gint64 timeout_us);
/* Gives back n bytes taken before. */
void	mlt_budget_give(size_t n);
/* Bytes taken now, and the most taken at once since start. */
size_t	mlt_budget_used(void);
size_t	mlt_budget_peak(void);

#endif
