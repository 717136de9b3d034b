/* topic.c: placeholder until the detector lands (issue 3). */
#include <glib.h>
#include "detect.h"
#include "ruledata.h"

struct topic_data { int unused; };

struct topic_data *
topic_data_new(const struct ruledata_paths *p, char *err, size_t n)
{
	(void)p; (void)err; (void)n;
	return g_new0(struct topic_data, 1);
}

void
topic_data_free(struct topic_data *d)
{
	g_free(d);
}

void
det_topic(const struct detctx *ctx, const struct ntext *nt, struct hitlist *out)
{
	(void)ctx; (void)nt; (void)out;
}
