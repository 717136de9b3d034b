/*
 * gate.h: admission (gate.c): which mail the daemon examines, and the
 * slots that bound how many messages buffer a body and parse at once.
 */
#ifndef MLT_GATE_H
#define MLT_GATE_H

#include <sys/socket.h>
#include <stdbool.h>
#include <glib.h>
#include "../conf/conf.h"

/* Is this outgoing mail, to be examined ([milter] outgoing)? auth is
 * the {auth_authen} macro (NULL or "" = none), addr the client's
 * address (NULL = not known). MLT_OUTGOING_IF_RCPT_EXTERNAL: a client
 * in internal_networks with a sender outside internal_domains (a
 * content filter re-injecting inbound mail): outgoing only if a
 * recipient is outside internal_domains (mlt_gate_rcpt_external). */
enum mlt_out {
	MLT_NOT_OUTGOING,
	MLT_OUTGOING,
	MLT_OUTGOING_IF_RCPT_EXTERNAL
};
enum mlt_out mlt_gate_outgoing(const struct config *, const char *sender,
	    const char *auth, const struct sockaddr_storage *addr);
/* Is this recipient outside internal_domains (or not an address)? */
bool	mlt_gate_rcpt_external(const struct config *, const char *rcpt);

/* A body slot: waits in arrival order, at most a few seconds (then goes
 * on over the bound). Leave once per enter. Thread-safe. */
void	mlt_gate_body_enter(void);
void	mlt_gate_body_leave(void);
/* A parse slot at end of message: waits in arrival order. */
void	mlt_gate_parse_enter(void);
void	mlt_gate_parse_leave(void);

/* The memory budget of a message ([milter] memory_limit, budget.c):
 * what the message has taken so far (all 0 at its start) and its place
 * in arrival order (set by its first take).
 * mlt_gate_mem_grow: makes the buffer's share at least need bytes
 * (taken in chunks), waiting at most MEM_WAIT_US; false: not taken,
 * the message is to be tempfailed (and what it holds given back).
 * mlt_gate_mem_parse: at the parse slot, adds the reservation for
 * parsing len buffered bytes (PARSE_FACTOR times, at most what the
 * limit leaves), waiting at most PARSE_WAIT_US; false: tempfail.
 * mlt_gate_mem_release: gives everything back (all 0 again). */
struct mlt_mem {
	size_t		held;
	guint64		ticket;
};
bool	mlt_gate_mem_grow(struct mlt_mem *, size_t need, size_t limit);
bool	mlt_gate_mem_parse(struct mlt_mem *, size_t len, size_t limit);
void	mlt_gate_mem_release(struct mlt_mem *);

/* Process settings after smfi_opensocket(): TCP_NODELAY, malloc, the
 * processor count for the slots, whether the socket is a unix one. */
void	mlt_tune(void);
bool	mlt_listen_unix(void);

#endif
