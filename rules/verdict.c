/*
 * verdict.c: the findings list and the names of severities and actions.
 */
#include <string.h>
#include <glib.h>

#include "verdict.h"

struct verdict *
verdict_new(void)
{
	return g_new0(struct verdict, 1);
}

void
verdict_free(struct verdict *v)
{
	if (v == NULL)
		return;
	g_free(v->f);
	g_free(v);
}

/* Empties v for the next message, keeping its memory. */
void
verdict_reset(struct verdict *v)
{
	v->n = 0;
	v->action = ACT_OFF;
	v->note[0] = '\0';
	v->scoped_out = false;
	v->limit[0] = '\0';
}

void
verdict_add(struct verdict *v, const struct finding *f)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->f = g_renew(struct finding, v->f, v->cap);
	}
	v->f[v->n++] = *f;
	if (f->action > v->action)
		v->action = f->action;
}

const char *
verdict_word(enum action a)
{
	switch (a) {
	case ACT_REJECT:
		return "reject";
	case ACT_HOLD:
		return "hold";
	case ACT_FLAG:
		return "flag";
	default:
		return "accept";
	}
}

static const char *const sev_names[] = { "none", "low", "medium", "high" };
static const char *const act_names[] = { "off", "log", "flag", "hold",
	"reject" };

const char *
severity_name(enum severity s)
{
	return (unsigned)s <= SEV_HIGH ? sev_names[s] : "none";
}

const char *
action_name(enum action a)
{
	return (unsigned)a <= ACT_REJECT ? act_names[a] : "off";
}

int
severity_parse(const char *s, enum severity *out)
{
	for (unsigned i = SEV_LOW; i <= SEV_HIGH; i++)
		if (g_ascii_strcasecmp(s, sev_names[i]) == 0) {
			*out = (enum severity)i;
			return 0;
		}
	return -1;
}

int
action_parse(const char *s, enum action *out)
{
	for (unsigned i = ACT_OFF; i <= ACT_REJECT; i++)
		if (g_ascii_strcasecmp(s, act_names[i]) == 0) {
			*out = (enum action)i;
			return 0;
		}
	return -1;
}
