/*
 * budget.c: the daemon's memory budget (issue 17). One count of bytes
 * for the whole process, under a mutex: a message takes what it
 * buffers (callbacks.c, through gate.c, in chunks) and, at its parse
 * slot, a reservation for the parse; it gives all of it back when it
 * ends, however it ends (end of message, abort, close; libmilter's
 * timeout ends a stalled connection). Whoever cannot take waits for
 * others to give back, a bounded time, and then does without: the
 * caller tempfails the message (the client retries). So the total
 * never goes over the limit, whatever arrives.
 *
 * The limit is passed with each take (the config snapshot of the
 * message), so a reload applies to the next takes; bytes taken under
 * an older limit are given back as they were taken. Waiters are not
 * served in order: any that fits goes first, so a small message is not
 * held behind a large one; a large one that waits too long tempfails
 * and comes back.
 */
#include <glib.h>

#include "budget.h"

static GMutex	lock;
static GCond	cond;
static size_t	used, peak;
static guint	waiting;	/* in g_cond_wait_until(): wake them */

bool
mlt_budget_take(size_t n, size_t limit, gint64 timeout_us)
{
	gint64 end = g_get_monotonic_time() + timeout_us;
	bool ok = true;

	if (n == 0)
		return true;
	if (n > limit)
		return false;
	g_mutex_lock(&lock);
	waiting++;
	while (used > limit || limit - used < n)
		if (timeout_us <= 0 || !g_cond_wait_until(&cond, &lock, end)) {
			/* one last look: a wake-up may race the timeout */
			ok = used <= limit && limit - used >= n;
			break;
		}
	waiting--;
	if (ok) {
		used += n;
		if (used > peak)
			peak = used;
	}
	g_mutex_unlock(&lock);
	return ok;
}

void
mlt_budget_give(size_t n)
{
	if (n == 0)
		return;
	g_mutex_lock(&lock);
	used = n > used ? 0 : used - n;
	/* GLib's broadcast is a system call even when no one waits. */
	if (waiting > 0)
		g_cond_broadcast(&cond);
	g_mutex_unlock(&lock);
}

size_t
mlt_budget_used(void)
{
	size_t n;

	g_mutex_lock(&lock);
	n = used;
	g_mutex_unlock(&lock);
	return n;
}

size_t
mlt_budget_peak(void)
{
	size_t n;

	g_mutex_lock(&lock);
	n = peak;
	g_mutex_unlock(&lock);
	return n;
}
