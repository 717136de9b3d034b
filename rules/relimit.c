/*
 * relimit.c: see relimit.h. The JIT stack is per thread (PCRE2 stacks
 * must not be shared by threads running at the same time), created on
 * first use with the size of the context that asks for it.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdint.h>
#include <glib.h>
#include <pcre2.h>

#include "relimit.h"

static const struct relimits defaults = { RELIM_MATCH_LIMIT,
	RELIM_DEPTH_LIMIT, RELIM_JIT_STACK };

struct tjit {
	size_t			 size;
	pcre2_jit_stack		*stack;
};

static void
tjit_free(gpointer p)
{
	struct tjit *t = p;

	if (t != NULL)
		pcre2_jit_stack_free(t->stack);
	g_free(t);
}

static GPrivate jit_key = G_PRIVATE_INIT(tjit_free);

static pcre2_jit_stack *
jit_stack(void *data)
{
	size_t size = (size_t)(uintptr_t)data;
	struct tjit *t = g_private_get(&jit_key);

	if (t == NULL) {
		t = g_new0(struct tjit, 1);
		g_private_set(&jit_key, t);
	}
	if (t->stack == NULL || t->size != size) {
		pcre2_jit_stack_free(t->stack);
		t->stack = pcre2_jit_stack_create(size < 32768 ? size : 32768,
		    size, NULL);
		t->size = size;
	}
	return t->stack;	/* NULL: PCRE2 uses its 32 KB default */
}

void
relimit_apply(pcre2_match_context *mctx, const struct relimits *r)
{
	if (r == NULL)
		r = &defaults;
	if (mctx == NULL)
		return;
	pcre2_set_match_limit(mctx, r->match_limit);
	pcre2_set_depth_limit(mctx, r->depth_limit);
	if (r->jit_stack_bytes > 0)
		pcre2_jit_stack_assign(mctx, jit_stack,
		    (void *)(uintptr_t)r->jit_stack_bytes);
}

const char *
relimit_key(int rc)
{
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
		return "regex_match_limit";
	case PCRE2_ERROR_DEPTHLIMIT:
		return "regex_depth_limit";
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return "jit_stack_bytes";
	default:
		return NULL;
	}
}

void
relimit_note(const char **first, int rc)
{
	if (*first == NULL)
		*first = relimit_key(rc);
}
