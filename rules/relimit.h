/*
 * relimit.h: the bounds on regular-expression work ([limits]
 * regex_match_limit, regex_depth_limit, jit_stack_bytes), applied to
 * every PCRE2 match context of the detectors, and the per-thread record
 * of a match that stopped on one of them (the engine turns it into the
 * finding limit-exceeded: a stopped match is never a silent miss).
 */
#ifndef RELIMIT_H
#define RELIMIT_H

#include <stddef.h>
#include <stdint.h>

/* The detector patterns are linear: real text needs a few hundred
 * steps per match attempt; hostile text stops here, well under 1 ms. */
#define RELIM_MATCH_LIMIT	100000
#define RELIM_DEPTH_LIMIT	1000	/* interpreter only (JIT ignores it) */
#define RELIM_JIT_STACK		(256u * 1024)

struct relimits {
	unsigned	match_limit;
	unsigned	depth_limit;
	size_t		jit_stack_bytes;	/* 0 = PCRE2's 32 KB machine stack */
};

struct pcre2_real_match_context_8;

/* The limits used by relimit_apply() in this thread while rule data is
 * built (ruledata_new sets them; NULL = the defaults above). */
void		 relimit_set_current(const struct relimits *);
/* Sets the match and depth limit and the JIT stack of a match context. */
void		 relimit_apply(struct pcre2_real_match_context_8 *);
/* Records rc of pcre2_match() when it is a limit error. */
void		 relimit_note(int rc);
/* The [limits] key of the first limit hit in this thread since the last
 * call, or NULL; resets. */
const char	*relimit_take(void);

#endif
