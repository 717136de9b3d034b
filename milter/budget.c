/*
 * budget.c: the daemon's memory budget (issue 17). One count of bytes
 * for the whole process, under a mutex: a message takes what it
 * buffers (callbacks.c, through gate.c, in chunks) and, at its parse
 * slot, a reservation for the parse; it gives all of it back when it
 * ends, however it ends (end of message, abort, close; libmilter's
 * timeout ends a stalled connection). So the total never goes over the
 * limit, whatever arrives. The limit is passed with each take (the
 * config snapshot of the message), so a reload applies to the next
 * takes.
 *
 * Messages hold bytes while they wait for more, so waiting alone can
 * deadlock: twenty messages of 9 MB each buffer 2 MB of a 48 MB budget
 * and all wait for their next chunk, or four have buffered and each
 * waits for its parse. Measured with 67 such messages at once, all
 * but one were tempfailed when their waits ran out together. So
 * requests are ranked (gate.c: a parse before a body, then the older
 * message first) and served in rank order: while a request waits, no
 * request of a higher rank takes anything, and one that already holds
 * bytes gives up when the lower one has waited BUDGET_GRACE_US (time
 * for the parses under way to end and give back); the caller then
 * gives back what it holds and tempfails its message. The request of
 * the lowest rank always gets what the others give back, so one
 * message always goes on; a message that holds bytes and does not ask
 * for more (a stalled client) keeps them until it ends or libmilter's
 * timeout ends it, and then the waits run out (the caller's timeout).
 * A small message (gate.c: at most 1 MB held) takes what fits even
 * while larger ones wait: it gives back within milliseconds, and
 * without this every small message behind a large one that waits for
 * most of the budget ran out of time (gate.c keeps room for them).
 */
#include <glib.h>

#include "budget.h"

#define BUDGET_GRACE_US	(1 * G_USEC_PER_SEC)

struct waiter {
	guint64		 rank;
	gint64		 since;		/* monotonic */
};

static GMutex	 lock;
static GCond	 cond;
static size_t	 used, peak;
static GPtrArray *waiters;	/* struct waiter *, on their stacks */

/* The waiter of the lowest rank below rank, or NULL. */
static const struct waiter *
better(guint64 rank)
{
	const struct waiter *b = NULL;

	for (guint i = 0; waiters != NULL && i < waiters->len; i++) {
		const struct waiter *w = g_ptr_array_index(waiters, i);

		if (w->rank < rank && (b == NULL || w->rank < b->rank))
			b = w;
	}
	return b;
}

bool
mlt_budget_take(size_t n, size_t limit, gint64 timeout_us, guint64 rank,
    bool holding, bool small)
{
	gint64 now = g_get_monotonic_time(), end = now + timeout_us;
	struct waiter me = { rank, now };
	bool ok = false, listed = false;

	if (n == 0)
		return true;
	if (n > limit)
		return false;
	g_mutex_lock(&lock);
	for (;;) {
		const struct waiter *b = better(rank);
		gint64 until = end;

		if ((b == NULL || small) && used <= limit &&
		    limit - used >= n) {
			ok = true;
			break;
		}
		now = g_get_monotonic_time();
		if (timeout_us <= 0 || now >= end)
			break;
		if (b != NULL && holding) {
			/* a lower rank waits, maybe for what we hold */
			if (now >= b->since + BUDGET_GRACE_US)
				break;
			until = MIN(end, b->since + BUDGET_GRACE_US);
		}
		if (!listed) {
			if (waiters == NULL)
				waiters = g_ptr_array_new();
			g_ptr_array_add(waiters, &me);
			listed = true;
			/* holders of a higher rank now have a grace to
			 * count: wake them */
			g_cond_broadcast(&cond);
		}
		(void)g_cond_wait_until(&cond, &lock, until);
	}
	if (listed) {
		g_ptr_array_remove_fast(waiters, &me);
		/* higher ranks may go on now */
		g_cond_broadcast(&cond);
	}
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
	if (waiters != NULL && waiters->len > 0)
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
