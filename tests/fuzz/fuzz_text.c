/*
 * fuzz_text.c: one text of a field -> every detector (rules_eval) ->
 * findings. The first byte picks the field, the rest is the text (made
 * valid UTF-8, as the parser guarantees). Also runs ntext_new/ntext_span
 * directly, the normalisation every detector relies on.
 */
#include <string.h>
#include <glib.h>

#include "../../rules/text.h"
#include "common.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct invite *inv;
	struct ntext *nt;
	enum inv_field f;
	char *s;
	size_t a, b;

	if (size == 0)
		return 0;
	f = (enum inv_field)(data[0] % FLD_COUNT);
	s = g_utf8_make_valid((const char *)data + 1, (gssize)size - 1);
	if ((nt = ntext_new(s, strlen(s))) != NULL) {
		ntext_span(nt, 0, nt->len, &a, &b);
		if (a > b || b > strlen(s))
			__builtin_trap();
		ntext_free(nt);
	}
	inv = invite_new();
	inv->is_invitation = true;
	inv->method = g_strdup("REQUEST");
	inv->n_cals = 1;
	inv->cals = g_new0(struct inv_cal, 1);
	invite_add_text(inv, f, -1, s, strlen(s));
	g_free(s);
	fuzz_pipeline(inv);
	return 0;
}
