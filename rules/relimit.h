/*
 * relimit.h: the bounds on regular-expression work ([limits]
 * regex_match_limit, regex_depth_limit, jit_stack_bytes), applied to
 * every PCRE2 match context of the detectors when their data is
 * compiled, and the record of a match that stopped on one of them: the
 * detector notes it in its hit list (struct hitlist .limit) and the
 * engine turns it into the finding limit-exceeded, so a stopped match
 * is never a silent miss. No state of its own but a per-thread cache of
 * JIT stacks.
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

/* Sets the match and depth limit and the JIT stack of a match context
 * to r (NULL: the defaults above). r need not outlive the call. */
void		 relimit_apply(struct pcre2_real_match_context_8 *,
		    const struct relimits *r);
/* The [limits] key that rc of pcre2_match() stands for when the match
 * stopped on a bound, else NULL. */
const char	*relimit_key(int rc);
/* Stores relimit_key(rc) in *first unless *first is set already: the
 * first bound hit in a scan is the one reported. */
void		 relimit_note(const char **first, int rc);

#endif
