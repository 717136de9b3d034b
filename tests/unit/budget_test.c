/*
 * budget_test.c: the daemon's memory budget (milter/budget.c): never
 * over the limit, waiters get what is given back, requests in rank
 * order, a higher rank that holds bytes gives up for a lower one that
 * waits, small requests go first. No timings are asserted: waits are
 * long, and each test ends when the expected thing has happened.
 */
#include <glib.h>

#include "milter/budget.h"

#define MB	((size_t)1024 * 1024)
#define LONG	(60 * G_USEC_PER_SEC)

static void
test_basic(void)
{
	size_t base = mlt_budget_used();

	g_assert_cmpuint(base, ==, 0);
	g_assert_true(mlt_budget_take(3 * MB, 4 * MB, 0, 1, false, false));
	g_assert_cmpuint(mlt_budget_used(), ==, 3 * MB);
	/* over the limit without a wait: not taken, nothing held */
	g_assert_false(mlt_budget_take(2 * MB, 4 * MB, 0, 2, false, false));
	g_assert_cmpuint(mlt_budget_used(), ==, 3 * MB);
	/* more than the limit never fits, even with a wait */
	g_assert_false(mlt_budget_take(5 * MB, 4 * MB, LONG, 2, false, false));
	g_assert_true(mlt_budget_take(1 * MB, 4 * MB, 0, 2, false, false));
	g_assert_cmpuint(mlt_budget_peak(), ==, 4 * MB);
	mlt_budget_give(4 * MB);
	g_assert_cmpuint(mlt_budget_used(), ==, 0);
	g_assert_true(mlt_budget_take(0, 4 * MB, 0, 1, false, false));
}

struct req {
	size_t	 n;
	guint64	 rank;
	bool	 holding, small;
	bool	 got;
};

static gpointer
taker(gpointer p)
{
	struct req *r = p;

	r->got = mlt_budget_take(r->n, 4 * MB, LONG, r->rank, r->holding,
	    r->small);
	return NULL;
}

/* A waiter gets what is given back. */
static void
test_wait(void)
{
	struct req a = { 2 * MB, 5, false, false, false };
	GThread *t;

	g_assert_true(mlt_budget_take(4 * MB, 4 * MB, 0, 1, false, false));
	t = g_thread_new("a", taker, &a);
	mlt_budget_give(2 * MB);
	g_thread_join(t);
	g_assert_true(a.got);
	g_assert_cmpuint(mlt_budget_used(), ==, 4 * MB);
	mlt_budget_give(4 * MB);
}

/* While a lower rank waits, a higher one that holds bytes gives up (its
 * caller gives them back); the lower one then gets its bytes. A small
 * request that fits goes first meanwhile. */
static void
test_rank(void)
{
	struct req lo = { 3 * MB, 10, false, false, false };
	struct req hi = { 2 * MB, 20, true, false, true };
	struct req sm = { 64 * 1024, 30, true, true, false };
	GThread *tl, *th, *ts;

	/* 3 MB held by others: lo (3 MB) does not fit and waits */
	g_assert_true(mlt_budget_take(3 * MB, 4 * MB, 0, 1, false, false));
	tl = g_thread_new("lo", taker, &lo);
	/* hi waits too; it holds bytes of its own, so it gives up once
	 * lo, of a lower rank, has waited its grace */
	th = g_thread_new("hi", taker, &hi);
	g_thread_join(th);
	g_assert_false(hi.got);
	/* a small request fits and goes before the ranks */
	ts = g_thread_new("small", taker, &sm);
	g_thread_join(ts);
	g_assert_true(sm.got);
	mlt_budget_give(64 * 1024);
	mlt_budget_give(3 * MB);
	g_thread_join(tl);
	g_assert_true(lo.got);
	g_assert_cmpuint(mlt_budget_used(), ==, 3 * MB);
	g_assert_cmpuint(mlt_budget_peak(), <=, 4 * MB);
	mlt_budget_give(3 * MB);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/budget/basic", test_basic);
	g_test_add_func("/budget/wait", test_wait);
	g_test_add_func("/budget/rank", test_rank);
	return g_test_run();
}
