/*
 * bench.c: the iCalendar parse with its CPU time counted, for the
 * benchmarks (bench.h) to tell MIME from iCalendar time. Off unless a
 * benchmark turns it on: then two clock reads (system calls) per
 * calendar part, CPU time like the benchmarks' own, so load elsewhere
 * does not count.
 */
#include <time.h>

#include "bench.h"
#include "parse_int.h"

/* CPU time this thread has spent in the iCalendar parser. */
static _Thread_local unsigned long long ical_usec;
/* Set once by the benchmark before any parsing. */
static bool ical_timing;

static unsigned long long
thread_usec(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
		return 0;
	return (unsigned long long)t.tv_sec * 1000000ULL +
	    (unsigned long long)t.tv_nsec / 1000;
}

unsigned long long
parse_ical_usec(void)
{
	return ical_usec;
}

void
parse_ical_timing(bool on)
{
	ical_timing = on;
}

void
ical_parse_timed(struct invite *inv, const char *s, size_t len,
    bool is_attachment, const struct parse_limits *lim)
{
	unsigned long long t0, t1;

	if (!ical_timing) {
		ical_parse_into(inv, s, len, is_attachment, lim);
		return;
	}
	t0 = thread_usec();
	ical_parse_into(inv, s, len, is_attachment, lim);
	if ((t1 = thread_usec()) > t0)
		ical_usec += t1 - t0;
}
