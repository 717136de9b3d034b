/*
 * fuzz_ics.c: raw iCalendar bytes -> pipeline_run (parse_ics, rules) -> reports.
 * Seeds: ../shared/corpus/external/ics.
 */
#include <glib.h>
#include "common.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_free(fuzz_run(PIPE_ICS, data, size));
	return 0;
}
