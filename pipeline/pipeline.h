/*
 * pipeline.h: the one path of a message: bytes -> parse -> rules ->
 * outcome. Every front end (the daemon, invite-milter -t, invite-check,
 * the notice re-checks, the fuzz harnesses) runs a message through
 * pipeline_run() and nothing else, so they cannot judge it differently.
 * Plain data in, plain data out: no libmilter, no I/O, no logging; the
 * caller acts on the result. Thread-safe on a shared config.
 */
#ifndef PIPELINE_H
#define PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include "../conf/conf.h"
#include "../parse/invite.h"
#include "../parse/limits.h"
#include "../rules/rules.h"
#include "../rules/verdict.h"

enum pipeline_kind {
	PIPE_ANY,		/* told apart by content (parse_any) */
	PIPE_MESSAGE,		/* an RFC 5322 message */
	PIPE_ICS,		/* a bare iCalendar object */
};

enum pipeline_status {
	PIPE_EXAMINED,		/* the verdict applies */
	PIPE_LIMIT,		/* a [limits] bound was hit and its action is
				   not accept: not fully examined */
	PIPE_ERROR,		/* internal error: apply on_error */
};

struct pipeline_in {
	const char		*buf;	/* the bytes, not NUL-terminated */
	size_t			 len;
	bool			 cut;	/* the input was longer than
					   limits.message_bytes and cut there */
	enum pipeline_kind	 kind;
	const struct envelope	*env;	/* NULL: nothing known beyond the
					   message */
	const struct parse_limits *lim;	/* NULL: the config's [limits] */
	bool			 dropped;	/* parse/reduce.c dropped the
					   content of attachments: a file
					   read as empty has no known size */
};

struct pipeline_out {
	struct invite		*inv;	/* NULL only when status is PIPE_ERROR */
	struct verdict		*v;	/* never NULL after pipeline_run */
	enum pipeline_status	 status;
	/* PIPE_LIMIT: what the bound does (conf_limit_action: tempfail or
	 * reject); PIPE_ERROR: the config's on_error; else ONERR_ACCEPT. */
	enum on_error		 action;
	const char		*error;	/* PIPE_ERROR: "parsing" or "the rules" */
	/* The sender's unit (conf_unit_of: NULL = none, or no envelope),
	 * whose rules judged the message, and the dry_run that applies to
	 * it (the unit's, else [general] dry_run). */
	const struct conf_unit	*unit;
	bool			 dry_run;
};

/* Parses in and evaluates the rules with cfg (not NULL): fills out,
 * which the caller frees with pipeline_out_clear (also after an error).
 * Returns 0, or -1 when status is PIPE_ERROR. */
int	pipeline_run(const struct config *, const struct pipeline_in *,
	    struct pipeline_out *out);
/* The rules half, for an invite made some other way (a fuzz harness):
 * takes inv (out->inv owns it). Same result and return as above. */
int	pipeline_eval(const struct config *, struct invite *inv,
	    const struct envelope *, struct pipeline_out *out);
/* Frees what out holds and empties it; out may be empty. */
void	pipeline_out_clear(struct pipeline_out *out);
/* Fully examined and below flag: what a corrected message or a notice
 * must be before it may go out. */
bool	pipeline_is_clean(const struct pipeline_out *);

/* An envelope address (MAIL FROM, RCPT TO argument) as every front end
 * keeps it: without angle brackets and leading spaces, lower case; ""
 * for the null sender <>. New string. */
char	*pipeline_envelope_addr(const char *);
/* Counts RCPT TO argument a (as given) into s, the one recipient path
 * of every front end (issue 17: all counted, the first kept, rcpt.h).
 * A domain past the kept ones is classified by the internal domains of
 * the rules of sender's unit (sender as pipeline_envelope_addr keeps
 * it, NULL = unknown), the sender's own domain when none is configured,
 * as the rules assume; a partner domain there counts as external. */
void	pipeline_envelope_rcpt(const struct config *, struct rcpt_sum *s,
	    const char *sender, const char *a);

#endif
