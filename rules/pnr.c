/* pnr.c: placeholder until the detector lands (issue 3). */
#include <glib.h>
#include "detect.h"
#include "ruledata.h"

struct pnr_data { int unused; };

struct pnr_data *
pnr_data_new(const struct ruledata_paths *p, char *err, size_t n)
{
	(void)p; (void)err; (void)n;
	return g_new0(struct pnr_data, 1);
}

void
pnr_data_free(struct pnr_data *d)
{
	g_free(d);
}

void
det_pnr(const struct detctx *ctx, const struct ntext *nt, struct hitlist *out)
{
	(void)ctx; (void)nt; (void)out;
}
