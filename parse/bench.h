/*
 * bench.h: measuring hooks for the benchmarks (tests/tools/pipebench.c)
 * only; no production code includes it. The parse itself counts the
 * time (parse/bench.c) because only it knows where the iCalendar parse
 * starts and ends inside parse_message().
 */
#ifndef PARSE_BENCH_H
#define PARSE_BENCH_H

#include <stdbool.h>

/* Microseconds of CPU time this thread has spent in the iCalendar parser
 * so far (MIME = parse time - this). Counted only after
 * parse_ical_timing(true) (call it once, before any parsing: reading
 * the clock costs two system calls per calendar part). */
unsigned long long	parse_ical_usec(void);
void			parse_ical_timing(bool on);

#endif
