/*
 * fuzz_tnef.c: raw bytes -> tnef_read (libytnef behind tnef.c's
 * guards) -> tnef_free; the same bytes through the RTF-to-text pass.
 * Small caps so the text and attendee limits are reached.
 * Seeds: real parts are third-party data, kept out of this repository
 * (../shared/corpus/tnef/ with its PROVENANCE.tsv, where present).
 */
#include <glib.h>

#include "../../parse/tnef.h"
#include "common.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_limits lim = PARSE_LIMITS_DEFAULT;
	struct tnef *t;
	char *s;

	lim.text_bytes = 4096;
	lim.attendees = 64;
	t = tnef_read(data, size, &lim);
	/* every string the caller would map must be readable */
	if (t->subject != NULL && !g_utf8_validate(t->subject, -1, NULL))
		__builtin_trap();
	for (size_t i = 0; i < t->n_attendees; i++)
		if (t->attendees[i].name == NULL && t->attendees[i].addr == NULL)
			__builtin_trap();
	tnef_free(t);
	s = tnef_rtf_to_text((const char *)data, size, 65536);
	g_free(s);
	return 0;
}
