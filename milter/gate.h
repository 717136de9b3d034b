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
 * address (NULL = not known). */
bool	mlt_gate_outgoing(const struct config *, const char *sender,
	    const char *auth, const struct sockaddr_storage *addr);
/* Could a message with this top-level Content-Type hold a calendar?
 * (RFC 2045: no Content-Type is text/plain, which cannot.) */
bool	mlt_gate_maybe_calendar(const char *content_type);

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
