/* contact.c: placeholder until the detector lands (issue 3). */
#include <glib.h>
#include "detect.h"
#include "ruledata.h"

struct contact_data { int unused; };

struct contact_data *
contact_data_new(const struct ruledata_paths *p, char *err, size_t n)
{
	(void)p; (void)err; (void)n;
	return g_new0(struct contact_data, 1);
}

void
contact_data_free(struct contact_data *d)
{
	g_free(d);
}

void
det_contact(const struct detctx *ctx, const struct ntext *nt, struct hitlist *out)
{
	(void)ctx; (void)nt; (void)out;
}
