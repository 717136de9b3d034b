/* ident.c: placeholder until the detector lands (issue 3). */
#include <glib.h>
#include "detect.h"
#include "ruledata.h"

struct ident_data { int unused; };

struct ident_data *
ident_data_new(const struct ruledata_paths *p, char *err, size_t n)
{
	(void)p; (void)err; (void)n;
	return g_new0(struct ident_data, 1);
}

void
ident_data_free(struct ident_data *d)
{
	g_free(d);
}

void
det_ident(const struct detctx *ctx, const struct ntext *nt, struct hitlist *out)
{
	(void)ctx; (void)nt; (void)out;
}
