/*
 * gate.c: what the daemon lets in, and how many at once. Which mail is
 * examined at all (outgoing, maybe a calendar), and the body and parse
 * slots that bound memory under concurrency; mlt_tune() sets the
 * process up for them. No libmilter calls: callbacks.c asks, gate.c
 * answers.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "budget.h"
#include "gate.h"
#include "../rules/domain.h"

/*
 * Memory under concurrency (issue 8). A message costs its buffer while
 * it is received and waits, and about three times its size more for a
 * moment while it is parsed (GMime's copy of the buffer, each decoded
 * part). So the number of messages of each kind is bounded, not left to
 * how fast the MTA delivers and how busy the processors are:
 * - body slots: at most BODY_SLOTS per processor buffer their body at
 *   once. The others wait at end of headers, before their body is sent:
 *   the MTA waits for that reply, so the body stays in its queue file,
 *   not in our memory. The MTA sends a body as fast as it reads its file
 *   (Postfix and Sendmail collect the whole message first), so a slot
 *   is held for the time of one message. A connection that ends frees
 *   its slot (cb_close); one that stalls keeps it until libmilter gives
 *   up on it (its timeout; the worker pool of Debian's libmilter looks
 *   every 10 minutes), so a message waits at most BODY_WAIT_US and then
 *   goes on over the bound. Mail that is not ours, or cannot hold a
 *   calendar, or is over max_body, never waits.
 * - parse slots: of those, at most PARSE_SLOTS per processor parse at
 *   once at end of message; a core parses about 250 messages of 1 MB
 *   per second, so the wait is short. The body slots beyond them let
 *   the next messages arrive while others are parsed, and keep the MTA
 *   busy: a slot is also held while the MTA is slow to send (a loaded
 *   machine), and with 4 per processor Postfix's throughput fell.
 * Both are served in arrival order (a ticket each), so no message waits
 * longer than the ones ahead of it take. Memory is then bounded per
 * processor, whatever the number of connections: BODY_SLOTS buffers
 * plus PARSE_SLOTS parses (about 3 message sizes each), at most about
 * 14 MB per processor for messages of 1 MB. Measured on 2 processors
 * (issue 8, target 64 MB above idle, see BENCHMARKS.md): with the parse
 * slots alone (the waiting messages held their buffers) 30-50 MB above
 * idle for 100 sessions of 1 MB and 41-70 MB for 200; with both 15-19
 * MB for either, at the same throughput.
 */
#define BODY_SLOTS	8
#define PARSE_SLOTS	2
/* A message waits for a body slot at most this long, then goes on over
 * the bound: slots held by stalled connections never stop mail, and the
 * MTA gets its reply well within its own limit for it (Sendmail's
 * default R=10s, Postfix's milter_content_timeout 300 s). */
#define BODY_WAIT_US	(5 * G_USEC_PER_SEC)

struct gate {
	GMutex		lock;
	GCond		cond;
	guint64		next;	/* the next ticket */
	guint64		done;	/* how many have left */
	guint64		max;	/* at most this many inside at once */
	guint		waiting;	/* in g_cond_wait*(): wake them */
};

static struct gate body_gate, parse_gate;
/* Processors, read once by mlt_tune(): g_get_num_processors() reads
 * /sys on every call (two file opens per message at end of headers and
 * end of message, seen with strace). */
static guint64 ncpu = 1;
/* The listening socket is a unix socket (set by mlt_tune()): no Nagle,
 * no delayed ACK, so DATA needs no reply (see callbacks.c). */
static bool listen_unix;

/* Waits until the caller is among the first max in arrival order that
 * have not left: ticket t may enter when t < done + max. With a
 * timeout (microseconds, 0 = none) it enters anyway when that has
 * passed, over the bound: every ticket still leaves once, so the count
 * stays right and no one waits behind it for longer. */
static void
gate_enter(struct gate *g, guint64 max, gint64 timeout_us)
{
	gint64 end = g_get_monotonic_time() + timeout_us;
	guint64 t;

	g_mutex_lock(&g->lock);
	if (g->max == 0)
		g->max = max;
	t = g->next++;
	g->waiting++;
	while (t >= g->done + g->max)
		if (timeout_us == 0)
			g_cond_wait(&g->cond, &g->lock);
		else if (!g_cond_wait_until(&g->cond, &g->lock, end))
			break;
	g->waiting--;
	g_mutex_unlock(&g->lock);
}

static void
gate_leave(struct gate *g)
{
	g_mutex_lock(&g->lock);
	g->done++;
	/* GLib's broadcast is a system call even when no one waits. */
	if (g->waiting > 0)
		g_cond_broadcast(&g->cond);
	g_mutex_unlock(&g->lock);
}

void
mlt_gate_body_enter(void)
{
	gate_enter(&body_gate, BODY_SLOTS * ncpu, BODY_WAIT_US);
}

void
mlt_gate_body_leave(void)
{
	gate_leave(&body_gate);
}

void
mlt_gate_parse_enter(void)
{
	gate_enter(&parse_gate, PARSE_SLOTS * ncpu, 0);
}

void
mlt_gate_parse_leave(void)
{
	gate_leave(&parse_gate);
}

/*
 * The memory budget (issue 17). The slots above bound how many messages
 * buffer and parse at once, not their size: 8 MB of text dense with
 * names cost 170 MB to check, and a slot is given up after BODY_WAIT_US
 * (a stalled connection keeps its slot). So every byte a message holds
 * is also taken from one budget for the whole daemon ([milter]
 * memory_limit, budget.c), where it is taken:
 * - its buffer, in MEM_CHUNK steps as the headers and body arrive
 *   (callbacks.c, append). A message that cannot get the next chunk
 *   within MEM_WAIT_US stops buffering, gives back what it holds and
 *   is tempfailed at end of message. The wait stays well below the
 *   MTA's timeouts for body chunks (Sendmail's S=10s).
 * - at its parse slot, PARSE_FACTOR times its buffer for the parse
 *   (GMime's and libical's copies, the decoded parts, the texts; the
 *   measured peak of 8 MB of names is about 3.4 times the message), but
 *   at most what the limit leaves beside its buffer (less room for
 *   small messages): a message alone always runs, so none is lost
 *   (max_body <= memory_limit, checked when the config is read). It
 *   waits at most PARSE_WAIT_US (the MTA waits minutes for end of
 *   message: Postfix's milter_content_timeout, Sendmail's E=5m), then
 *   tempfails.
 * Requests are served in rank order, a parse before a body and the
 * older message first; a message that holds bytes gives up when one of
 * a lower rank waits too long for them (budget.c: otherwise messages
 * that hold part of the budget wait for each other until all their
 * waits run out). Small messages go first when they fit.
 * Everything is given back when the message ends (msg_reset: end of
 * message, abort, close, libmilter's timeout for a stalled connection).
 * Above idle the daemon then holds at most memory_limit of messages,
 * plus what is not counted: threads, the config, malloc's slack.
 * Measured (BENCHMARKS.md, "Memory under hostile load"): 100 sessions
 * of 8 MB of names, unfinished 9 MB bodies, 9 MB attachments and small
 * messages: 838 MB above idle before, 51-55 MB with the default 48M;
 * 300 messages of 1 MB through Postfix: unchanged (15 MB, none
 * tempfailed).
 */
#define MEM_CHUNK	((size_t)64 * 1024)
#define MEM_WAIT_US	(5 * G_USEC_PER_SEC)
#define PARSE_FACTOR	4
#define PARSE_WAIT_US	(30 * G_USEC_PER_SEC)
/* A message that holds at most MEM_SMALL goes before the ranks when
 * what it asks for fits (budget.c); a parse leaves 1/MEM_SMALL_ROOM of
 * the limit to them, when its buffer leaves that much. */
#define MEM_SMALL	((size_t)1024 * 1024)
#define MEM_SMALL_ROOM	8

/* Arrival order of the messages that hold bytes, and their rank in
 * the budget: a parse goes before any body (it gives back soonest),
 * then the older message first (budget.c). */
static atomic_ullong mem_tickets;
#define RANK_BODY	((guint64)1 << 63)

static guint64
mem_ticket(struct mlt_mem *m)
{
	if (m->ticket == 0)
		m->ticket = atomic_fetch_add(&mem_tickets, 1) + 1;
	return m->ticket & ~RANK_BODY;
}

bool
mlt_gate_mem_grow(struct mlt_mem *m, size_t need, size_t limit)
{
	size_t want;

	if (need <= m->held)
		return true;
	if (need > limit)
		return false;
	want = (need + MEM_CHUNK - 1) / MEM_CHUNK * MEM_CHUNK;
	if (want > limit)
		want = limit;
	if (!mlt_budget_take(want - m->held, limit, MEM_WAIT_US,
	    RANK_BODY | mem_ticket(m), m->held > 0, want <= MEM_SMALL))
		return false;
	m->held = want;
	return true;
}

bool
mlt_gate_mem_parse(struct mlt_mem *m, size_t len, size_t limit)
{
	size_t more = len > (SIZE_MAX - m->held) / PARSE_FACTOR ? SIZE_MAX :
	    len * PARSE_FACTOR;

	size_t room = limit - MIN(limit, m->held);

	/* leave room for small messages if the buffer does */
	if (room > limit / MEM_SMALL_ROOM)
		room -= limit / MEM_SMALL_ROOM;
	if (more > room)
		more = room;
	if (!mlt_budget_take(more, limit, PARSE_WAIT_US, mem_ticket(m),
	    m->held > 0, m->held + more <= MEM_SMALL))
		return false;
	m->held += more;
	return true;
}

void
mlt_gate_mem_release(struct mlt_mem *m)
{
	mlt_budget_give(m->held);
	m->held = 0;
	m->ticket = 0;
}

/*
 * Outgoing (issue 19): where the mail comes from, and, for a client in
 * internal_networks, where it goes. A content filter re-injects inbound
 * mail from 127.0.0.1 (in the default internal_networks): external
 * sender, internal recipients. Such a message is not outgoing: from an
 * internal network, mail of a sender outside internal_domains counts
 * only if it has a recipient outside them. Authenticated senders and
 * senders in internal_domains count as before; outgoing = all takes
 * everything. callbacks.c accepts such mail at end of headers, or for
 * the null sender at end of message, after its own notices are told
 * apart (notice_passed).
 */
enum mlt_out
mlt_gate_outgoing(const struct config *cfg, const char *sender,
    const char *auth, const struct sockaddr_storage *addr)
{
	char *d = domain_of_addr(sender);
	bool internal_sender = d && domain_is_internal(d,
	    cfg->rules.internal_domains, cfg->rules.n_internal_domains);
	enum mlt_out out = MLT_NOT_OUTGOING;

	if ((cfg->outgoing & OUT_ALL) ||
	    ((cfg->outgoing & OUT_AUTH) && auth && *auth) ||
	    ((cfg->outgoing & OUT_SENDER) && internal_sender))
		out = MLT_OUTGOING;
	else if ((cfg->outgoing & OUT_NETWORKS) && addr != NULL &&
	    conf_is_internal_network(cfg, addr))
		out = internal_sender || cfg->rules.n_internal_domains == 0 ?
		    MLT_OUTGOING : MLT_OUTGOING_IF_RCPT_EXTERNAL;
	g_free(d);
	return out;
}

bool
mlt_gate_rcpt_external(const struct config *cfg, const char *rcpt)
{
	char *d = domain_of_addr(rcpt);
	bool ext = d == NULL || !domain_is_internal(d,
	    cfg->rules.internal_domains, cfg->rules.n_internal_domains);

	g_free(d);
	return ext;
}

bool
mlt_listen_unix(void)
{
	return listen_unix;
}

/*
 * Process settings for the daemon, after smfi_opensocket():
 * - TCP_NODELAY, the other half of the stall: at end of message
 *   libmilter writes each header change and then the final reply, each
 *   in its own write. With Nagle on, the reply waits until the MTA
 *   acknowledges the change, which its delayed ACK does after 40 ms.
 *   TCP_NODELAY on the listening socket is inherited by every accepted
 *   connection (Linux, BSD). libmilter keeps the listening socket to
 *   itself, so it is found among the open descriptors. Unix sockets
 *   have no Nagle.
 * - malloc: message buffers and parse copies are large and short-lived.
 *   glibc raises its mmap threshold after the first such free and then
 *   keeps them in per-thread arenas, so the peak RSS grew with the number
 *   of threads that ever held a large message, not with what is live.
 *   A fixed threshold gives them back to the system when freed, and one
 *   arena per processor (glibc's default is eight) keeps the freed
 *   smaller pieces where the next connection reuses them. Measured with
 *   100 sessions of 1 MB on a loaded 2-core machine: 118 MB above idle
 *   before, 41-72 MB after.
 */
void
mlt_tune(void)
{
	long max = sysconf(_SC_OPEN_MAX);

	ncpu = g_get_num_processors();

	for (int fd = 0; fd < (max > 0 && max < 4096 ? max : 4096); fd++) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);
		int on = 0, one = 1;
		socklen_t olen = sizeof(on);

		if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &olen) < 0 ||
		    !on || getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
			continue;
		if (ss.ss_family == AF_UNIX)
			listen_unix = true;
		if (ss.ss_family != AF_INET && ss.ss_family != AF_INET6)
			continue;
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one));
	}
#ifdef M_MMAP_THRESHOLD
	(void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
#ifdef M_ARENA_MAX
	(void)mallopt(M_ARENA_MAX, (int)ncpu);
#endif
}
