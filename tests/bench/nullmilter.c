/*
 * nullmilter.c: the baseline of the end-to-end benchmark (issue 8, part
 * 3). A libmilter milter that registers every callback, negotiates
 * nothing (the MTA sends every stage and waits for every reply) and
 * accepts each message at end of message. It does no work, so what it
 * costs the MTA is the cost of the milter protocol itself.
 *
 *   nullmilter [-s] [-H] [-n] -p SOCKET   e.g. unix:/tmp/x.sock, inet:8890@127.0.0.1
 *
 * The options reproduce the two 40 ms stalls of the milter protocol over
 * TCP, for BENCHMARKS.md: -s asks the MTA to skip the DATA stage
 * (SMFIP_NODATA), -H adds a header before accepting, -n sets TCP_NODELAY
 * on the listening socket (what invite-milter does, see mlt_tune()).
 *
 * SIGTERM/SIGINT stop it (libmilter's own signal handling).
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libmilter/mfapi.h>

static sfsistat
nm_connect(SMFICTX *ctx, char *host, _SOCK_ADDR *sa)
{
	(void)ctx; (void)host; (void)sa;
	return SMFIS_CONTINUE;
}

static sfsistat
nm_helo(SMFICTX *ctx, char *name)
{
	(void)ctx; (void)name;
	return SMFIS_CONTINUE;
}

static sfsistat
nm_argv(SMFICTX *ctx, char **argv)	/* MAIL and RCPT */
{
	(void)ctx; (void)argv;
	return SMFIS_CONTINUE;
}

static sfsistat
nm_header(SMFICTX *ctx, char *name, char *value)
{
	(void)ctx; (void)name; (void)value;
	return SMFIS_CONTINUE;
}

static sfsistat
nm_body(SMFICTX *ctx, unsigned char *b, size_t n)
{
	(void)ctx; (void)b; (void)n;
	return SMFIS_CONTINUE;
}

static sfsistat
nm_continue(SMFICTX *ctx)	/* EOH, DATA, abort, close */
{
	(void)ctx;
	return SMFIS_CONTINUE;
}

static int add_header, skip_data;

static sfsistat
nm_eom(SMFICTX *ctx)
{
	if (add_header)
		smfi_addheader(ctx, "X-Null", "yes");
	return SMFIS_ACCEPT;
}

static sfsistat
nm_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1,
    unsigned long f2, unsigned long f3, unsigned long *pf0,
    unsigned long *pf1, unsigned long *pf2, unsigned long *pf3)
{
	(void)ctx; (void)f2; (void)f3;
	*pf0 = f0 & SMFIF_ADDHDRS;
	*pf1 = skip_data ? f1 & SMFIP_NODATA : 0;
	*pf2 = *pf3 = 0;
	return SMFIS_CONTINUE;
}

static void
listener_nodelay(void)
{
	for (int fd = 0; fd < 1024; fd++) {
		int on = 0, one = 1;
		socklen_t len = sizeof(on);

		if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &len) == 0 &&
		    on)
			(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
			    sizeof(one));
	}
}

static sfsistat
nm_unknown(SMFICTX *ctx, const char *cmd)
{
	(void)ctx; (void)cmd;
	return SMFIS_CONTINUE;
}

static struct smfiDesc desc = {
	.xxfi_name = "nullmilter",
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = SMFIF_ADDHDRS,
	.xxfi_connect = nm_connect,
	.xxfi_helo = nm_helo,
	.xxfi_envfrom = nm_argv,
	.xxfi_envrcpt = nm_argv,
	.xxfi_header = nm_header,
	.xxfi_eoh = nm_continue,
	.xxfi_body = nm_body,
	.xxfi_eom = nm_eom,
	.xxfi_abort = nm_continue,
	.xxfi_close = nm_continue,
	.xxfi_unknown = nm_unknown,
	.xxfi_data = nm_continue,
	.xxfi_negotiate = nm_negotiate,	/* every stage with a reply */
};

int
main(int argc, char **argv)
{
	const char *sock = NULL;
	int ch, nodelay = 0;

	while ((ch = getopt(argc, argv, "Hnp:s")) != -1) {
		switch (ch) {
		case 'H': add_header = 1; break;
		case 'n': nodelay = 1; break;
		case 'p': sock = optarg; break;
		case 's': skip_data = 1; break;
		default:
			fprintf(stderr, "usage: nullmilter [-s] [-H] [-n] -p SOCKET\n");
			return 2;
		}
	}
	if (sock == NULL) {
		fprintf(stderr, "usage: nullmilter -p SOCKET\n");
		return 2;
	}
	if (strncmp(sock, "unix:", 5) == 0)
		unlink(sock + 5);
	if (smfi_setconn((char *)sock) != MI_SUCCESS ||
	    smfi_register(desc) != MI_SUCCESS ||
	    smfi_opensocket(1) != MI_SUCCESS) {
		fprintf(stderr, "nullmilter: cannot listen on %s\n", sock);
		return 1;
	}
	if (nodelay)
		listener_nodelay();
	return smfi_main() == MI_SUCCESS ? 0 : 1;
}
