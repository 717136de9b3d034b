/* names.c: placeholder until the detector lands (issue 3). */
#include <glib.h>
#include "detect.h"
#include "ruledata.h"

struct names_data { int unused; };

struct names_data *
names_data_new(const struct ruledata_paths *p, char *err, size_t n)
{
	(void)p; (void)err; (void)n;
	return g_new0(struct names_data, 1);
}

void
names_data_free(struct names_data *d)
{
	g_free(d);
}

void
det_names(const struct detctx *ctx, const struct ntext *nt, struct hitlist *out)
{
	(void)ctx; (void)nt; (void)out;
}
