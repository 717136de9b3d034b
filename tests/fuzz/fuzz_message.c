/*
 * fuzz_message.c: raw RFC 5322 message -> pipeline_run (parse_message,
 * rules) -> reports. Seeds: tests/corpus (.eml), ../shared/corpus/external/invites.
 * Differential too: parse_message() (parse/mimefast.c where it takes
 * the message) must give the invite GMime alone gives
 * (parse_message_gmime()); any difference aborts.
 */
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "../../parse/parse.h"
#include "../../parse/parse_int.h"
#include "../lib/invdump.h"
#include "common.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct config *cfg = fuzz_config();
	char *a = fuzz_run(PIPE_MESSAGE, data, size);
	struct invite *ref = parse_message_gmime((const char *)data, size,
	    &cfg->limits);
	char *b;

	if (ref == NULL)
		abort();
	b = invdump(ref);
	if (strcmp(a, b) != 0)
		abort();	/* mimefast.c and GMime disagree */
	g_free(a);
	g_free(b);
	invite_free(ref);
	return 0;
}
