/*
 * fuzz_message.c: raw RFC 5322 message -> parse_message -> rules ->
 * reports. Seeds: tests/corpus (.eml), ../shared/corpus/external/invites.
 */
#include "../../parse/parse.h"
#include "common.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct config *cfg = fuzz_config();

	fuzz_pipeline(parse_message((const char *)data, size, &cfg->limits));
	return 0;
}
