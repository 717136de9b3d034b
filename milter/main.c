/*
 * main.c: invite-milter, the daemon. Command line, configuration, the
 * config snapshot, privileges, and libmilter's main loop. SIGUSR1
 * reloads the configuration (a broken file keeps the old one);
 * libmilter's own signal thread handles SIGTERM/SIGINT/SIGHUP.
 */
#include <sys/stat.h>
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <glib.h>

#include "milter.h"
#include "notice.h"
#include "../parse/parse.h"
#include "../rules/rules.h"

static struct config *current;
static pthread_mutex_t cur_lock = PTHREAD_MUTEX_INITIALIZER;
static const char *conf_path;
static char **extra_domains;
static size_t n_extra;

struct config *
mlt_config_get(void)
{
	struct config *c;

	pthread_mutex_lock(&cur_lock);
	c = conf_ref(current);
	pthread_mutex_unlock(&cur_lock);
	return c;
}

static struct config *
load(char *err, size_t errlen)
{
	struct config *c = conf_path ? conf_load(conf_path, err, errlen) :
	    conf_default(err, errlen);

	for (size_t i = 0; c != NULL && i < n_extra; i++)
		if (conf_add_internal_domain(c, extra_domains[i], err,
		    errlen) < 0) {
			conf_unref(c);
			return NULL;
		}
	return c;
}

static void *
reload_thread(void *arg)
{
	sigset_t *set = arg;
	int sig;

	for (;;) {
		char err[1024];
		struct config *c, *old;

		if (sigwait(set, &sig) != 0)
			continue;
		if ((c = load(err, sizeof(err))) == NULL) {
			syslog(LOG_ERR, "{\"event\":\"reload_failed\",\"error\":"
			    "\"%s\"}", err);
			continue;
		}
		pthread_mutex_lock(&cur_lock);
		old = current;
		current = c;
		pthread_mutex_unlock(&cur_lock);
		conf_unref(old);	/* messages in flight keep theirs */
		syslog(LOG_INFO, "{\"event\":\"reload\",\"config_digest\":"
		    "\"%s\"}", c->digest);
	}
	return NULL;
}

static int
test_file(const char *path)
{
	struct config *cfg = mlt_config_get();
	struct invite *inv;
	struct verdict *v = verdict_new();
	GError *gerr = NULL;
	char *buf;
	gsize len;
	int rc;

	if (!g_file_get_contents(path, &buf, &len, &gerr)) {
		fprintf(stderr, "invite-milter: %s\n", gerr->message);
		g_error_free(gerr);
		conf_unref(cfg);
		verdict_free(v);
		return 3;
	}
	inv = parse_any(buf, len, &cfg->limits);
	rules_eval(cfg, inv, NULL, v);
	printf("verdict: %s\n", inv->is_invitation ? verdict_word(v->action) :
	    "accept (not an invitation)");
	mlt_print_reply(cfg, v);
	rc = v->action >= ACT_FLAG ? 1 : 0;
	invite_free(inv);
	verdict_free(v);
	g_free(buf);
	conf_unref(cfg);
	return rc;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: invite-milter [-c FILE] [-N FILE] [-p SOCKET] [-f] "
	    "[-u USER] [-P PIDFILE] [-D DOMAIN]...\n"
	    "       invite-milter [-c FILE] [-D DOMAIN]... -t FILE\n"
	    "       invite-milter [-c FILE] -n | -V | -h\n"
	    "  -p SOCKET  unix:/path, inet:PORT@HOST or inet6:PORT@HOST\n"
	    "  -f         stay in the foreground\n"
	    "  -t FILE    print the verdict and the SMTP reply for FILE\n"
	    "  -n         check the configuration and exit (0 ok, 2 errors)\n"
	    "  -N FILE    [notice] settings (notices and modes; NOTICE-CONF.md)\n"
	    "See invite-milter(8) and invite-milter.conf(5).\n");
}

int
main(int argc, char **argv)
{
	const char *sock = NULL, *user = NULL, *pidfile = NULL, *tfile = NULL;
	const char *npath = NULL;
	bool fg = false, check_only = false;
	char err[1024];
	sigset_t set;
	pthread_t th;
	int ch, rc;

	extra_domains = g_new0(char *, argc + 1);
	while ((ch = getopt(argc, argv, "c:p:fu:P:D:N:t:nVh")) != -1) {
		switch (ch) {
		case 'c': conf_path = optarg; break;
		case 'p': sock = optarg; break;
		case 'f': fg = true; break;
		case 'u': user = optarg; break;
		case 'P': pidfile = optarg; break;
		case 'D': extra_domains[n_extra++] = optarg; break;
		case 'N': npath = optarg; break;
		case 't': tfile = optarg; break;
		case 'n': check_only = true; break;
		case 'V': printf("invite-milter %s\n", VERSION); return 0;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	parse_init();
	if ((current = load(err, sizeof(err))) == NULL) {
		fprintf(stderr, "invite-milter: %s\n", err);
		return 2;
	}
	if (npath != NULL) {
		/* until conf.c carries [notice]: read once, no reload */
		struct notice_conf *nc = notice_conf_load(npath, err,
		    sizeof(err));

		if (nc == NULL) {
			fprintf(stderr, "invite-milter: %s\n", err);
			return 2;
		}
		notice_conf_install(nc);
	}
	if (check_only) {
		printf("%s: configuration ok (digest %s)\n", conf_path ?
		    conf_path : "built-in", current->digest);
		conf_unref(current);
		return 0;
	}
	if (tfile != NULL) {
		rc = test_file(tfile);
		conf_unref(current);
		return rc;
	}
	openlog("invite-milter", LOG_PID, LOG_MAIL);
	if (sock == NULL)
		sock = current->socket;
	if (user == NULL)
		user = current->user;
	if (pidfile == NULL)
		pidfile = current->pidfile;
	if (current->n_internal_domains == 0)
		syslog(LOG_WARNING, "no internal domain configured: the "
		    "organizer's domain is assumed internal");
	if (g_str_has_prefix(sock, "unix:") || g_str_has_prefix(sock, "local:"))
		(void)unlink(strchr(sock, ':') + 1);
	if (smfi_setconn((char *)sock) != MI_SUCCESS ||
	    smfi_settimeout((int)current->timeout_s) != MI_SUCCESS ||
	    smfi_register(mlt_desc) != MI_SUCCESS ||
	    smfi_opensocket(1) != MI_SUCCESS) {
		fprintf(stderr, "invite-milter: cannot listen on %s\n", sock);
		return 1;
	}
	mlt_tune();	/* TCP_NODELAY, malloc: see callbacks.c */
	if (g_str_has_prefix(sock, "unix:")) {
		const char *path = sock + 5;

		chmod(path, current->socket_mode);
		if (current->socket_group) {
			struct group *gr = getgrnam(current->socket_group);

			if (gr == NULL || chown(path, (uid_t)-1, gr->gr_gid) < 0)
				fprintf(stderr, "invite-milter: socket group %s: "
				    "%s\n", current->socket_group,
				    gr ? strerror(errno) : "no such group");
		}
	}
	if (user != NULL) {
		struct passwd *pw = getpwnam(user);

		if (pw == NULL || initgroups(pw->pw_name, pw->pw_gid) < 0 ||
		    setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0) {
			fprintf(stderr, "invite-milter: cannot become %s\n", user);
			return 1;
		}
	}
	if (!fg && daemon(0, 0) < 0) {
		perror("invite-milter: daemon");
		return 1;
	}
	if (pidfile != NULL) {
		FILE *fp = fopen(pidfile, "w");

		if (fp) {
			fprintf(fp, "%ld\n", (long)getpid());
			fclose(fp);
		}
	}
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_create(&th, NULL, reload_thread, &set);
	syslog(LOG_INFO, "{\"event\":\"start\",\"version\":\"%s\","
	    "\"config_digest\":\"%s\",\"socket\":\"%s\"}", VERSION,
	    current->digest, sock);
	rc = smfi_main();
	if (notice_drain(5000) > 0)
		syslog(LOG_WARNING, "{\"event\":\"stop\",\"notices\":"
		    "\"some still in flight were not sent\"}");
	syslog(LOG_INFO, "{\"event\":\"stop\"}");
	if (pidfile != NULL)
		unlink(pidfile);
	return rc == MI_SUCCESS ? 0 : 1;
}
