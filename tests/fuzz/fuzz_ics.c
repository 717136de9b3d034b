/*
 * fuzz_ics.c: raw iCalendar bytes -> parse_ics -> rules -> reports.
 * Seeds: ../shared/corpus/external/ics.
 */
#include "../../parse/parse.h"
#include "common.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct config *cfg = fuzz_config();

	fuzz_pipeline(parse_ics((const char *)data, size, &cfg->limits));
	return 0;
}
