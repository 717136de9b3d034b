/* recur.c: placeholder until issue 4 lands. */
#include <string.h>
#include "engine.h"

void
recur_check(const struct config *cfg, const struct invite *inv,
    const struct envelope *env, struct verdict *out)
{
	(void)cfg; (void)inv; (void)env; (void)out;
}

bool
recur_method_is_request(const char *method)
{
	return method == NULL || strcmp(method, "REQUEST") == 0 ||
	    strcmp(method, "PUBLISH") == 0 || strcmp(method, "ADD") == 0;
}
