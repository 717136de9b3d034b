/*
 * fuzz_reduce.c: parse/reduce.c, the streaming MIME reducer. The first
 * byte picks a chunk size; the rest is the message. Fed whole and fed
 * in those chunks, the reduced message and its flags must be the same
 * (any difference aborts), within max_out, with the reducer's memory
 * bounded; the reduced message then goes through the whole pipeline.
 * Seeds: the message harness's.
 */
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "../../parse/reduce.h"
#include "common.h"
#include "fuzz.h"

#define MAX_OUT	(256u * 1024)

static struct reduce *
reduce(const struct config *cfg, const char *d, size_t n, size_t step,
    size_t *peak)
{
	struct reduce *r = reduce_new(&cfg->limits, 0, MAX_OUT);

	for (size_t p = 0; p < n; p += step) {
		reduce_feed(r, d + p, MIN(step, n - p));
		if (reduce_mem(r) > *peak)
			*peak = reduce_mem(r);
	}
	reduce_finish(r);
	return r;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct config *cfg = fuzz_config();
	struct reduce *a, *b;
	const char *da, *db;
	size_t la, lb, step, peak = 0;

	if (size < 1)
		return 0;
	step = (size_t)data[0] * 37 % 4096 + 1;
	a = reduce(cfg, (const char *)data + 1, size - 1, size, &peak);
	b = reduce(cfg, (const char *)data + 1, size - 1, step, &peak);
	da = reduce_data(a, &la);
	db = reduce_data(b, &lb);
	if (la != lb || memcmp(da, db, la) != 0 ||
	    reduce_dropped(a) != reduce_dropped(b) ||
	    reduce_over_cap(a) != reduce_over_cap(b))
		abort();	/* depends on the chunks */
	if (la > MAX_OUT || peak > 4 * MAX_OUT + size + 65536)
		abort();	/* beyond its bounds */
	g_free(fuzz_run(PIPE_MESSAGE, (const uint8_t *)da, la));
	reduce_free(a);
	reduce_free(b);
	return 0;
}
