/*
 * gate.h: admission (gate.c): which mail the daemon examines, and the
 * slots that bound how many messages buffer a body and parse at once.
 */
#ifndef MLT_GATE_H
#define MLT_GATE_H

#include <sys/socket.h>
#include <stdbool.h>
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

/* Process settings after smfi_opensocket(): TCP_NODELAY, malloc, the
 * processor count for the slots, whether the socket is a unix one. */
void	mlt_tune(void);
bool	mlt_listen_unix(void);

#endif
