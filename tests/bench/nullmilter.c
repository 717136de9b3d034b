/*
 * nullmilter.c: the baseline of the end-to-end benchmark (issue 8, part
 * 3). A libmilter milter that registers every callback, negotiates
 * nothing (the MTA sends every stage and waits for every reply) and
 * accepts each message at end of message. It does no work, so what it
 * costs the MTA is the cost of the milter protocol itself.
 *
 *   nullmilter -p SOCKET     e.g. unix:/tmp/x.sock or inet:8890@127.0.0.1
 *
 * SIGTERM/SIGINT stop it (libmilter's own signal handling).
 */
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

static sfsistat
nm_eom(SMFICTX *ctx)
{
	(void)ctx;
	return SMFIS_ACCEPT;
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
	.xxfi_flags = 0,
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
	.xxfi_negotiate = NULL,	/* take everything the MTA offers */
};

int
main(int argc, char **argv)
{
	const char *sock = NULL;
	int ch;

	while ((ch = getopt(argc, argv, "p:")) != -1) {
		if (ch != 'p') {
			fprintf(stderr, "usage: nullmilter -p SOCKET\n");
			return 2;
		}
		sock = optarg;
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
	return smfi_main() == MI_SUCCESS ? 0 : 1;
}
