/*
 * main.c: invite-milter, the daemon. Command line, configuration, the
 * config snapshot and its reload, privileges, signals, and libmilter's
 * main loop. SIGHUP (and SIGUSR1, its alias) reloads the configuration
 * atomically: messages in flight keep the snapshot they started with,
 * and a broken file is logged and the old configuration stays. SIGTERM
 * stops cleanly: new messages get 4xx, those in flight finish, then
 * libmilter is stopped and the pidfile and socket are removed. SIGINT
 * is left to libmilter (stop at once, messages in flight aborted).
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <dlfcn.h>
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <glib.h>
#include <gmime/gmime.h>
#include <libical/ical.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "gate.h"
#include "log.h"
#include "milter.h"
#include "submit.h"
#include "../notice/notice.h"
#include "../pipeline/pipeline.h"
#include "../pipeline/report.h"
#include "stats.h"
#include "../parse/parse.h"
#include "../parse/reduce.h"
#include "../rules/rules.h"

/* Read when no -c is given and it exists (the Debian package's conffile). */
#ifndef DEFAULT_CONF
#define DEFAULT_CONF "/etc/invite-milter/invite-milter.conf"
#endif

static struct config *current;
static pthread_mutex_t cur_lock = PTHREAD_MUTEX_INITIALIZER;
static const char *conf_path;
static char **extra_domains;
static size_t n_extra;
static char **rcpts;		/* -t --rcpt, as the daemon keeps them */
static size_t n_rcpts;
static atomic_bool stopping;
static atomic_bool exiting;	/* smfi_main() returned: the signal thread ends */

struct config *
mlt_config_get(void)
{
	struct config *c;

	pthread_mutex_lock(&cur_lock);
	c = conf_ref(current);
	pthread_mutex_unlock(&cur_lock);
	return c;
}

bool
mlt_stopping(void)
{
	return atomic_load(&stopping);
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

/*
 * libmilter (sendmail 8.x, libmilter/signal.c) starts a thread in
 * smfi_main() that sigwait()s for SIGHUP, SIGTERM and SIGINT and stops
 * the milter on any of them; the set is built inside the library. When
 * two threads wait for the same process signal, the kernel hands it to
 * either, so a SIGHUP would sometimes reload and sometimes stop us. And
 * its stop does not let messages in flight finish: with the worker pool
 * (Debian's build) the sessions are closed at once.
 *
 * This definition takes the place of the C library's sigwait() for the
 * whole program (the executable comes first when libmilter's reference
 * is bound) and leaves SIGHUP and SIGTERM out of every set: they stay
 * blocked in every thread and pending until signal_thread() takes them
 * with sigwaitinfo(). SIGINT still reaches libmilter. Nothing else in
 * the program calls sigwait(). signals_are_ours() checks the binding.
 */
int
sigwait(const sigset_t *set, int *sig)
{
	sigset_t s = *set;
	int r;

	(void)sigdelset(&s, SIGHUP);
	(void)sigdelset(&s, SIGTERM);
	do
		r = sigwaitinfo(&s, NULL);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return errno;
	*sig = r;
	return 0;
}

/* True when libmilter's sigwait() resolves to the one above (it would
 * not with a static or otherwise unusual link). */
static bool
signals_are_ours(void)
{
	return dlsym(RTLD_DEFAULT, "sigwait") == (void *)sigwait;
}

/* Builds a new snapshot off to the side and swaps it in; the old one
 * is freed by its last holder. A failure keeps the old one. */
static void
reload(int sig)
{
	const char *name = sig == SIGHUP ? "SIGHUP" : "SIGUSR1";
	char err[1024];
	struct config *c, *old;
	GString *s;

	mlt_log_reopen();	/* after logrotate, even if the load fails */
	if ((c = load(err, sizeof(err))) == NULL) {
		struct config *cur = mlt_config_get();

		mlt_stat_inc(ST_RELOAD_FAILURES);
		s = g_string_new("{\"event\":\"reload_failed\",\"signal\":");
		json_str(s, name);
		g_string_append(s, ",\"error\":");
		json_str(s, err);
		g_string_append(s, ",\"config_digest\":");
		json_str(s, cur->digest);
		g_string_append(s, ",\"kept\":true}");
		fprintf(stderr, "invite-milter: reload failed, old configuration "
		    "kept: %s\n", err);
		mlt_log(cur, LOG_ERR, s->str);
		g_string_free(s, TRUE);
		conf_unref(cur);
		return;
	}
	pthread_mutex_lock(&cur_lock);
	old = current;
	current = c;
	pthread_mutex_unlock(&cur_lock);
	mlt_stat_inc(ST_RELOADS);
	if (g_strcmp0(old->syslog_facility, c->syslog_facility) != 0)
		mlt_log_open(c);
	mlt_logf(c, LOG_INFO, "{\"event\":\"reload\",\"signal\":\"%s\","
	    "\"config_digest\":\"%s\",\"previous_digest\":\"%s\"}", name,
	    c->digest, old->digest);
	conf_unref(old);	/* messages in flight keep theirs */
	mlt_stats_kick();	/* the interval may have changed */
}

/* Waits until no message is between MAIL FROM and its end, at most
 * max_s seconds. */
static void
drain(unsigned max_s)
{
	gint64 end = g_get_monotonic_time() + (gint64)max_s * G_USEC_PER_SEC;

	while (mlt_inflight() > 0 && g_get_monotonic_time() < end)
		g_usleep(20 * 1000);
}

/* SIGHUP/SIGUSR1: reload. SIGTERM: from now on new messages get 4xx
 * (cb_envfrom), the ones in flight may finish (at most [milter]
 * timeout seconds), then libmilter stops and smfi_main() returns. */
static void *
signal_thread(void *arg)
{
	const sigset_t *set = arg;

	for (;;) {
		int sig = sigwaitinfo(set, NULL);

		if (atomic_load(&exiting))
			break;	/* woken by main() after smfi_main() */
		if (sig == SIGHUP || sig == SIGUSR1)
			reload(sig);
		else if (sig == SIGTERM) {
			struct config *cfg = mlt_config_get();

			atomic_store(&stopping, true);
			mlt_logf(cfg, LOG_INFO, "{\"event\":\"stopping\","
			    "\"signal\":\"SIGTERM\",\"inflight\":%ld}",
			    mlt_inflight());
			drain(cfg->timeout_s);
			conf_unref(cfg);
			/* Returns once libmilter's listener lets go of its
			 * lock, which it holds in a 5-second select(). */
			smfi_stop();
			break;
		}
	}
	return NULL;
}

/* -t: what the daemon would answer for path with the envelope of --from
 * and --rcpt (none: not known, as for a null sender), decided by the
 * same code (pipeline_run, mlt_decide) without the MTA. The size cap is
 * the daemon's: [milter] max_body over the file's bytes. Exit status: 0
 * accepted, 1 flagged, corrected or rejected, 3 unreadable, 4 a
 * [limits] bound or text beyond the caps (over_cap) stops it. */
enum { OPT_FROM = 256, OPT_RCPT };

/* The Subject header's value as the MTA would hand it over (first
 * line), or NULL: for the subject tag. New string. */
static char *
raw_subject(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end && *p != '\r' && *p != '\n') {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t ll = eol ? (size_t)(eol - p) : (size_t)(end - p);

		if (ll > 0 && p[ll - 1] == '\r')
			ll--;
		if (ll >= 8 && g_ascii_strncasecmp(p, "Subject:", 8) == 0) {
			const char *v = p + 8;

			while (v < p + ll && (*v == ' ' || *v == '\t'))
				v++;
			return g_strndup(v, (gsize)(p + ll - v));
		}
		p = eol ? eol + 1 : end;
	}
	return NULL;
}

static int
test_file(const char *path, const char *from, char **to, size_t n_to)
{
	struct config *cfg = mlt_config_get();
	struct envelope env = { from, NULL, 0, 0, NULL };
	struct rcpt_sum *rs = NULL;
	struct mlt_msg m = { 0 };
	struct pipeline_in in = { 0 };
	struct pipeline_out po = { 0 };
	struct mlt_decision d;
	struct reduce *red;
	struct stat st;
	FILE *fp;
	const char *buf;
	char *sender = NULL, *subject = NULL;
	size_t len;
	bool over;
	int rc;

	/* read as the daemon reads: whole up to max_body, else reduced;
	 * a regular file only (a FIFO or /dev/zero never hangs -t) */
	red = reduce_new(&cfg->limits, cfg->max_body, cfg->max_body);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		fprintf(stderr, "invite-milter: %s: %s, not a regular file; a "
		    "message for -t must be a regular file\n", path,
		    S_ISCHR(st.st_mode) ? "a character device" :
		    S_ISBLK(st.st_mode) ? "a block device" :
		    S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISDIR(st.st_mode) ?
		    "a directory" : S_ISSOCK(st.st_mode) ? "a socket" :
		    "a special file");
		reduce_free(red);
		conf_unref(cfg);
		return 3;
	}
	if ((fp = fopen(path, "rb")) == NULL || reduce_feed_file(red, fp) < 0) {
		fprintf(stderr, "invite-milter: %s: %s\n", path,
		    g_strerror(errno));
		if (fp != NULL)
			fclose(fp);
		reduce_free(red);
		conf_unref(cfg);
		return 3;
	}
	fclose(fp);
	reduce_finish(red);
	buf = reduce_data(red, &len);
	over = reduce_over_cap(red);
	m.reduced = reduce_dropped(red) || over;
	in.dropped = reduce_dropped(red);
	if (from != NULL)	/* as cb_envfrom keeps it */
		env.sender = sender = pipeline_envelope_addr(from);
	rs = rcpt_sum_new();
	for (size_t i = 0; i < n_to; i++)	/* as cb_envrcpt counts them */
		pipeline_envelope_rcpt(cfg, rs, env.sender, to[i]);
	env.rcpts = rcpt_sum_addrs(rs, &env.n_rcpts);
	env.rcpt_sum = rs;
	m.buf = in.buf = buf;
	m.len = in.len = len;
	m.env = in.env = from || n_to ? &env : NULL;
	m.qid = "TEST";
	in.kind = PIPE_ANY;
	if (from != NULL && notice_is_ours(notice_conf_of(cfg), buf,
	    len, &env)) {
		printf("verdict: accept (our own notice: not examined)\n"
		    "250 2.0.0 accepted\n");
		rc = 0;
		goto out;
	}
	/* as cb_eom: over cap, only a finding that acts decides */
	(void)pipeline_run(cfg, &in, &po);
	if (over && !mlt_over_cap_found(&po)) {
		printf("verdict: none (text beyond the caps within [milter] "
		    "max_body: not fully examined)\n");
		pipeline_out_clear(&po);
		mlt_decide(cfg, &m, NULL, &d);
	} else {
		if (po.status == PIPE_ERROR)
			printf("verdict: none (internal error %s)\n",
			    po.error);
		else
			printf("verdict: %s\n", po.inv->is_invitation ?
			    verdict_word(po.v->action) :
			    "accept (not an invitation)");
		for (size_t i = 0; po.v != NULL && i < po.v->n; i++)
			if (g_str_has_prefix(po.v->f[i].rule, "exception-"))
				printf("exception: %s (%s)\n", po.v->f[i].rule,
				    po.v->f[i].detail);
		if (cfg->n_units > 0)
			printf("unit: %s (%s)\n", po.unit ? po.unit->name :
			    "none: the global [rules]", po.dry_run ?
			    "dry run: would act, delivers unchanged" :
			    "enforced");
		m.subject = subject = raw_subject(buf, len);
		mlt_decide(cfg, &m, &po, &d);
	}
	mlt_decision_print(stdout, cfg, &d);
	if (po.inv != NULL && po.inv->is_invitation) {	/* [notice] */
		GString *o = g_string_new(NULL);

		notice_explain(o, notice_conf_of(cfg), po.v);
		fputs(o->str, stdout);
		g_string_free(o, TRUE);
	}
	rc = (d.kind == DEC_LIMIT || d.kind == DEC_OVER_CAP) &&
	    d.rc != SMFIS_ACCEPT ? 4 :
	    po.v != NULL && po.v->action >= ACT_FLAG ? 1 : 0;
	mlt_decision_clear(&d);
out:
	pipeline_out_clear(&po);
	g_free(sender);
	g_free(subject);
	reduce_free(red);
	rcpt_sum_free(rs);
	conf_unref(cfg);
	return rc;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: invite-milter [-c FILE] [-p SOCKET] [-f] "
	    "[-u USER] [-P PIDFILE] [-D DOMAIN]...\n"
	    "       invite-milter [-c FILE] [-D DOMAIN]... -t FILE "
	    "[--from ADDR] [--rcpt ADDR]...\n"
	    "       invite-milter [-c FILE] [-u USER] -n | -V | -h\n"
	    "  -c FILE     configuration file (default: " DEFAULT_CONF "\n"
	    "              if it exists, else the built-in settings)\n"
	    "  -p SOCKET   unix:/path, inet:PORT@HOST or inet6:PORT@HOST\n"
	    "  -f          stay in the foreground\n"
	    "  -u USER     drop privileges to USER after opening the socket\n"
	    "  -P PIDFILE  write the process id to PIDFILE\n"
	    "  -D DOMAIN   add an internal domain (repeatable)\n"
	    "  -t FILE     print the verdict and the SMTP reply the daemon would\n"
	    "              give for FILE\n"
	    "  --from ADDR with -t: the envelope sender (MAIL FROM; <> the null\n"
	    "              sender); without it none is known: no notice\n"
	    "  --rcpt ADDR with -t: an envelope recipient (RCPT TO; repeatable)\n"
	    "  -n          check the configuration and exit (0 ok, 2 errors)\n"
	    "  -V          print the version and the libraries' versions\n"
	    "  -h          this help\n"
	    "See invite-milter(8) and invite-milter.conf(5).\n");
}

/* A relative path made absolute, since daemon() moves to "/" and a
 * reload, the pidfile and the socket removal happen after it. */
static char *
absolute(const char *path)
{
	return g_canonicalize_filename(path, NULL);
}

/* "unix:REL" -> "unix:/cwd/REL"; other forms unchanged. */
static char *
absolute_socket(const char *sock)
{
	const char *colon = strchr(sock, ':');
	char *abs, *r;

	if (colon == NULL || (strncmp(sock, "unix:", 5) != 0 &&
	    strncmp(sock, "local:", 6) != 0))
		return g_strdup(sock);
	abs = absolute(colon + 1);
	r = g_strdup_printf("%.*s%s", (int)(colon - sock + 1), sock, abs);
	g_free(abs);
	return r;
}

/* The socket's form as libmilter's smfi_setconn() takes it; what names
 * where it came from (the option, or file and key). Returns 0, or -1
 * with err set. */
static int
check_socket(const char *sock, const char *what, char *err, size_t errlen)
{
	const char *colon = strchr(sock, ':'), *at;
	char *end;
	unsigned long port;

	if (colon == NULL) {	/* libmilter: a bare path is a unix socket */
		if (sock[0] != '\0')
			return 0;
		snprintf(err, errlen, "%s: empty socket", what);
		return -1;
	}
	if (strncmp(sock, "unix:", 5) == 0 || strncmp(sock, "local:", 6) == 0) {
		if (colon[1] != '\0')
			return 0;
		snprintf(err, errlen, "%s: \"%s\": no path after \"%.*s\"",
		    what, sock, (int)(colon - sock + 1), sock);
		return -1;
	}
	if (strncmp(sock, "inet:", 5) != 0 && strncmp(sock, "inet6:", 6) != 0) {
		snprintf(err, errlen, "%s: \"%s\": not unix:PATH, "
		    "inet:PORT@HOST or inet6:PORT@HOST", what, sock);
		return -1;
	}
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	at = end;
	if (end == colon + 1 || errno != 0 || port == 0 || port > 65535 ||
	    (*at != '\0' && (*at != '@' || at[1] == '\0'))) {
		snprintf(err, errlen, "%s: \"%s\": expected %.*sPORT@HOST "
		    "with a port from 1 to 65535", what, sock,
		    (int)(colon - sock + 1), sock);
		return -1;
	}
	return 0;
}

/* The file of a unix socket spec (unix:PATH, local:PATH or a bare
 * path, as libmilter reads it), or NULL for a TCP one. */
static const char *
unix_path(const char *sock)
{
	if (g_str_has_prefix(sock, "unix:") || g_str_has_prefix(sock, "local:"))
		return strchr(sock, ':') + 1;
	return strchr(sock, ':') == NULL ? sock : NULL;
}

/* Does a process accept connections on the unix socket path (another
 * milter, or this one started twice)? */
static bool
socket_answers(const char *path)
{
	struct sockaddr_un sa;
	int fd, rc;

	if (strlen(path) >= sizeof(sa.sun_path))
		return false;
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return false;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, strlen(path));
	rc = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	close(fd);
	return rc == 0;
}

/* What start would refuse of a unix socket's path, for -n too: longer
 * than a socket address holds, "unix/..." for "unix:/...", a directory
 * that does not exist, or a file there that is not a socket (we never
 * remove one). 0, or -1 with err set. */
static int
check_unix_path(const char *path, const char *what, char *err,
    size_t errlen)
{
	struct sockaddr_un sa;
	struct stat st;
	char *dir, *abs = absolute(path);
	int rc = 0;

	/* as it is bound: a relative path is made absolute (serve()) */
	if (strlen(abs) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "%s: socket path of %zu bytes%s: a unix "
		    "socket path holds at most %zu", what, strlen(abs),
		    g_path_is_absolute(path) ? "" : " (made absolute)",
		    sizeof(sa.sun_path) - 1);
		g_free(abs);
		return -1;
	}
	g_free(abs);
	if (g_str_has_prefix(path, "unix/") || g_str_has_prefix(path,
	    "local/")) {
		snprintf(err, errlen, "%s: \"%s\": a relative path; did you "
		    "mean \"%.*s:%s\"?", what, path, (int)strcspn(path, "/"),
		    path, path + strcspn(path, "/"));
		return -1;
	}
	dir = g_path_get_dirname(path);
	if (stat(dir, &st) < 0) {
		snprintf(err, errlen, "%s: socket directory %s: %s", what, dir,
		    strerror(errno));
		rc = -1;
	} else if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: socket directory %s: not a "
		    "directory", what, dir);
		rc = -1;
	} else if (access(dir, W_OK | X_OK) < 0) {
		/* the socket is made (and a stale one removed) there before
		 * any -u USER takes over: as who runs this now */
		snprintf(err, errlen, "%s: socket directory %s: %s (uid %u "
		    "cannot create the socket there)", what, dir,
		    strerror(errno), (unsigned)geteuid());
		rc = -1;
	} else if (lstat(path, &st) == 0 && !S_ISSOCK(st.st_mode)) {
		snprintf(err, errlen, "%s: %s exists and is not a socket (it "
		    "is never removed)", what, path);
		rc = -1;
	}
	g_free(dir);
	return rc;
}

/* A [log] file's directory exists (start opens the log file there and
 * stops if it cannot; the metrics file is written there). */
static int
check_dir_of(const char *path, const char *f, const char *key, char *err,
    size_t errlen)
{
	char *dir;
	struct stat st;
	int bad;

	if (path == NULL)
		return 0;
	dir = g_path_get_dirname(path);
	bad = stat(dir, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	if (bad)
		snprintf(err, errlen, "%s: [log] %s: directory %s: %s", f, key,
		    dir, strerror(bad));
	g_free(dir);
	return bad ? -1 : 0;
}

/* What would otherwise only fail at start, checked for -n too: the
 * socket's form, the user and the socket group. Returns 0, or -1 with
 * err set. */
static int
check_start(const char *sock, const char *user, bool user_opt,
    const char *group, char *err, size_t errlen)
{
	const char *f = conf_path ? conf_path : "built-in";
	char what[300];

	if (sock == current->socket)
		snprintf(what, sizeof(what), "%.250s: [milter] socket", f);
	else
		snprintf(what, sizeof(what), "-p");
	if (check_socket(sock, what, err, errlen) < 0)
		return -1;
	if (user != NULL && getpwnam(user) == NULL) {
		if (user_opt)
			snprintf(err, errlen, "-u: no such user \"%s\"", user);
		else
			snprintf(err, errlen, "%s: [milter] user: no such user "
			    "\"%s\"", f, user);
		return -1;
	}
	if (group != NULL && getgrnam(group) == NULL) {
		snprintf(err, errlen, "%s: [milter] socket_group: no such "
		    "group \"%s\"", f, group);
		return -1;
	}
	if (unix_path(sock) != NULL &&
	    check_unix_path(unix_path(sock), what, err, errlen) < 0)
		return -1;
	if (check_dir_of(current->log_file, f, "file", err, errlen) < 0 ||
	    check_dir_of(current->metrics_file, f, "metrics_file", err,
	    errlen) < 0)
		return -1;
	return 0;
}

/* Opens the milter's socket and, for a unix one, sets its mode and
 * group: an MTA that cannot reach it would tempfail all mail, so better
 * not to start. *path: the socket file (NULL for TCP), *st: what it was
 * made as, to remove only our own at stop. Returns 0 or -1 (said on
 * stderr). */
static int
open_socket(const char *sock, const char **path, struct stat *st)
{
	const char *sock_path = unix_path(sock);

	/* libmilter removes the file before it listens: never another
	 * milter's live socket (all mail would tempfail, nothing said). */
	if (sock_path != NULL && socket_answers(sock_path)) {
		fprintf(stderr, "invite-milter: %s: a milter already answers "
		    "on this socket; not started\n", sock_path);
		return -1;
	}
	errno = 0;
	if (smfi_setconn((char *)sock) != MI_SUCCESS ||
	    smfi_settimeout((int)current->timeout_s) != MI_SUCCESS ||
	    smfi_register(mlt_desc) != MI_SUCCESS ||
	    smfi_opensocket(1) != MI_SUCCESS) {
		int e = errno;	/* bind()'s, as libmilter leaves it */

		fprintf(stderr, "invite-milter: cannot listen on %s%s%s\n",
		    sock, e ? ": " : "", e ? strerror(e) : "");
		return -1;
	}
	mlt_tune();	/* TCP_NODELAY, malloc: see gate.c */
	if (sock_path != NULL) {
		/* An MTA that cannot reach the socket would tempfail all
		 * mail: better not to start. */
		struct group *gr = current->socket_group ?
		    getgrnam(current->socket_group) : NULL;

		if (chmod(sock_path, current->socket_mode) < 0 ||
		    (current->socket_group != NULL && (gr == NULL ||
		    chown(sock_path, (uid_t)-1, gr->gr_gid) < 0))) {
			fprintf(stderr, "invite-milter: socket %s: mode %04o, "
			    "group %s: %s\n", sock_path, current->socket_mode,
			    current->socket_group ? current->socket_group :
			    "(unchanged)", gr || !current->socket_group ?
			    strerror(errno) : "no such group");
			(void)unlink(sock_path);
			return -1;
		}
		/* to remove only our own socket at stop */
		if (stat(sock_path, st) < 0)
			sock_path = NULL;
	}
	*path = sock_path;
	return 0;
}

/* Drops privileges to user (NULL: stays), opens the pidfile (NULL:
 * none) as that user, goes to the background unless fg, writes the pid.
 * The pidfile is opened before detaching: one that cannot be written
 * fails the command itself (exit 1, the reason on stderr), not a child
 * nobody hears of. On a failure before detaching, our socket file
 * (sock_path, may be NULL) is removed where the user may. 0 or -1. */
static int
detach(const char *user, bool fg, const char *pidfile, const char *sock_path)
{
	FILE *pidfp = NULL;

	if (user != NULL) {
		struct passwd *pw = getpwnam(user);

		if (pw == NULL || initgroups(pw->pw_name, pw->pw_gid) < 0 ||
		    setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0) {
			fprintf(stderr, "invite-milter: cannot become %s: %s\n",
			    user, pw ? strerror(errno) : "no such user");
			goto fail;
		}
	}
	if (pidfile != NULL && (pidfp = fopen(pidfile, "w")) == NULL) {
		fprintf(stderr, "invite-milter: pidfile %s: %s\n", pidfile,
		    strerror(errno));
		goto fail;
	}
	if (!fg && daemon(0, 0) < 0) {
		perror("invite-milter: daemon");
		if (pidfp != NULL)
			fclose(pidfp);
		goto fail;
	}
	if (pidfp != NULL && (fprintf(pidfp, "%ld\n", (long)getpid()) < 0 ||
	    fclose(pidfp) != 0)) {
		mlt_logf(current, LOG_ERR, "{\"event\":\"error\",\"what\":"
		    "\"pidfile: %s\"}", strerror(errno));
		return -1;
	}
	return 0;
fail:
	if (sock_path != NULL)
		(void)unlink(sock_path);
	return -1;
}

/* After smfi_main() returned rc: notices in flight, the last lines,
 * the pidfile and our own socket file. */
static void
stopped(int rc, const char *pidfile, const char *sock_path,
    const struct stat *sock_st)
{
	struct config *cfg;
	struct stat st;
	long left;
	unsigned unsent;

	cfg = mlt_config_get();
	left = mlt_inflight();
	mlt_stats_stop();
	if ((unsent = submit_drain(5000)) > 0)
		mlt_logf(cfg, LOG_WARNING, "{\"event\":\"warning\",\"what\":"
		    "\"%u notices still being submitted at stop were not "
		    "sent\"}", unsent);
	mlt_logf(cfg, LOG_INFO, "{\"event\":\"stop\",\"status\":\"%s\","
	    "\"inflight_left\":%ld}", rc == MI_SUCCESS ? "ok" : "failure", left);
	conf_unref(cfg);
	if (pidfile != NULL)
		unlink(pidfile);
	/* libmilter removes the socket itself only when not running as
	 * root; remove it if it is still the one we made. */
	if (sock_path != NULL && stat(sock_path, &st) == 0 &&
	    st.st_dev == sock_st->st_dev && st.st_ino == sock_st->st_ino)
		(void)unlink(sock_path);
}

/* Before any thread starts (and before a signal could kill us half set
 * up), so that every thread inherits the mask: SIGHUP, SIGUSR1 and
 * SIGTERM only ever reach signal_thread() (set: what it waits for),
 * SIGINT only libmilter's signal thread. */
static void
block_signals(sigset_t *set)
{
	sigset_t all;

	sigemptyset(set);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGUSR1);
	sigaddset(set, SIGTERM);
	all = *set;
	sigaddset(&all, SIGINT);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
}

/* The start line, and a warning when our signal handling is not in
 * place (signals_are_ours). */
static void
log_start(const char *sock)
{
	GString *line = g_string_new(NULL);

	if (!signals_are_ours())
		mlt_log(current, LOG_WARNING, "{\"event\":\"warning\",\"what\":"
		    "\"SIGHUP may stop the milter on this build (reload with "
		    "SIGUSR1), and SIGTERM may not wait for messages in "
		    "flight\"}");
	g_string_printf(line, "{\"event\":\"start\",\"version\":\"%s\","
	    "\"config_digest\":\"%s\",\"socket\":", VERSION, current->digest);
	json_str(line, sock);
	g_string_append_printf(line, ",\"pid\":%ld}", (long)getpid());
	mlt_log(current, LOG_INFO, line->str);
	g_string_free(line, TRUE);
}

/* The daemon proper, once the configuration is loaded and checked:
 * signals, the log, the socket, privileges, the pidfile, then
 * libmilter until it stops. Returns the exit status. */
static int
serve(const char *sock, const char *user, bool fg, const char *pidfile)
{
	char *abs_conf = NULL, *abs_sock = NULL, *abs_pid = NULL;
	const char *sock_path = NULL;
	struct stat sock_st;
	sigset_t set;
	pthread_t th;
	int rc;

	block_signals(&set);
	mlt_log_open(current);
	/* The file is read again at each reload, the pidfile written and
	 * the socket removed after daemon() has moved to "/". */
	if (conf_path != NULL)
		conf_path = abs_conf = absolute(conf_path);
	sock = abs_sock = absolute_socket(sock);
	if (pidfile != NULL)
		pidfile = abs_pid = absolute(pidfile);
	if (current->rules.n_internal_domains == 0)
		mlt_log(current, LOG_WARNING, "{\"event\":\"warning\",\"what\":"
		    "\"no internal domain configured: the organizer's domain is "
		    "assumed internal\"}");
	if (open_socket(sock, &sock_path, &sock_st) < 0)
		return 1;
	if (detach(user, fg, pidfile, sock_path) < 0)
		return 1;
	if (pthread_create(&th, NULL, signal_thread, &set) != 0) {
		fprintf(stderr, "invite-milter: cannot start the signal thread\n");
		return 1;
	}
	mlt_stats_start();
	log_start(sock);
	rc = smfi_main();
	atomic_store(&stopping, true);	/* after SIGINT or a failure */
	/* The signal thread has ended (SIGTERM) or waits: wake it and
	 * join it, so nothing runs beside the exit. */
	atomic_store(&exiting, true);
	(void)pthread_kill(th, SIGTERM);
	(void)pthread_join(th, NULL);
	stopped(rc, pidfile, sock_path, &sock_st);
	g_free(abs_conf);
	g_free(abs_sock);
	g_free(abs_pid);
	return rc == MI_SUCCESS ? 0 : 1;
}

/* -V: the version and the libraries it runs with, as opendkim -V does:
 * the version found at run time where the library tells it, and the one
 * of the headers it was built with. */
static void
print_version(void)
{
	unsigned maj = 0, min = 0, pl = 0;
	char pcre[64] = "";

	printf("invite-milter %s\n", VERSION);
	(void)smfi_version(&maj, &min, &pl);
	printf("  libmilter %u.%u.%u (built with SMFI_VERSION 0x%x)\n", maj,
	    min, pl, (unsigned)SMFI_VERSION);
	printf("  GMime %u.%u.%u (built with %d.%d.%d)\n", gmime_major_version,
	    gmime_minor_version, gmime_micro_version, GMIME_MAJOR_VERSION,
	    GMIME_MINOR_VERSION, GMIME_MICRO_VERSION);
	printf("  GLib %u.%u.%u (built with %d.%d.%d)\n", glib_major_version,
	    glib_minor_version, glib_micro_version, GLIB_MAJOR_VERSION,
	    GLIB_MINOR_VERSION, GLIB_MICRO_VERSION);
	(void)pcre2_config(PCRE2_CONFIG_VERSION, pcre);
	printf("  PCRE2 %s (built with %d.%02d)\n", pcre, PCRE2_MAJOR,
	    PCRE2_MINOR);
	printf("  libical %d.%d.%d (built with; it has no run-time version)\n",
	    ICAL_MAJOR_VERSION, ICAL_MINOR_VERSION, ICAL_PATCH_VERSION);
	printf("  libytnef (it has no version in its interface)\n");
}

/* -n: the configuration is valid; what an administrator asks of it
 * most (issue 20): notices, the reviewer, units, exceptions, dry run. */
static void
print_check(void)
{
	const struct notice_conf *nc = notice_conf_of(current);

	printf("%s: configuration ok (digest %s)\n", conf_path ?
	    conf_path : "built-in", current->digest);
	/* issue 20: what -n is asked most about */
	printf("  notices: %s\n", notice_conf_enable_why(nc));
	if (nc->reviewer != NULL)
		printf("  reviewer of held mail: %s\n", nc->reviewer);
	if (current->n_units > 0) {
		size_t g = 0;

		for (size_t i = 0; i < current->n_units; i++)
			g += current->units[i]->has_group;
		printf("  units: %zu (%zu with a [unit:] group, %zu "
		    "addresses in map_file)\n", current->n_units, g,
		    current->n_unit_map);
		for (size_t i = 0; i < current->n_units; i++) {
			const struct conf_unit *u = current->units[i];

			if (u->has_group)
				printf("    %s: %s, %zu rule action%s "
				    "of its own\n", u->name,
				    conf_dry_run_of(current, u) ?
				    "dry run" : "enforced",
				    u->n_overrides, u->n_overrides ==
				    1 ? "" : "s");
		}
	}
	if (current->rules.series_senders != NULL)
		printf("  exceptions: %zu series sender entr%s\n",
		    (size_t)g_strv_length(current->rules.series_senders),
		    g_strv_length(current->rules.series_senders) == 1 ?
		    "y" : "ies");
	if (current->rules.n_partner_domains > 0)
		printf("  exceptions: %zu partner domain%s\n",
		    current->rules.n_partner_domains,
		    current->rules.n_partner_domains == 1 ? "" : "s");
	printf("  dry run: %s\n", current->dry_run ? "yes ([general])" :
	    "no");
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, OPT_FROM },
		{ "rcpt", required_argument, NULL, OPT_RCPT },
		{ NULL, 0, NULL, 0 }
	};
	const char *sock = NULL, *user = NULL, *pidfile = NULL, *tfile = NULL;
	const char *from = NULL;
	bool fg = false, check_only = false, user_opt;
	char err[1024];
	int ch, rc;

	extra_domains = g_new0(char *, argc + 1);
	rcpts = g_new0(char *, argc + 1);
	while ((ch = getopt_long(argc, argv, "c:p:fu:P:D:t:nVh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case OPT_FROM: from = optarg; break;
		case OPT_RCPT: rcpts[n_rcpts++] = pipeline_envelope_addr(optarg); break;
		case 'c': conf_path = optarg; break;
		case 'p': sock = optarg; break;
		case 'f': fg = true; break;
		case 'u': user = optarg; break;
		case 'P': pidfile = optarg; break;
		case 'D': extra_domains[n_extra++] = optarg; break;
		case 't': tfile = optarg; break;
		case 'n': check_only = true; break;
		case 'V': print_version(); return 0;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc || (tfile == NULL && (from || n_rcpts))) {
		if (optind == argc)
			fprintf(stderr, "invite-milter: --from and --rcpt "
			    "go with -t\n");
		usage(stderr);
		return 2;
	}
	/* A typo in the installed file must stop the start, not be skipped;
	 * only a missing file means the built-in settings. */
	if (conf_path == NULL && access(DEFAULT_CONF, F_OK) == 0)
		conf_path = DEFAULT_CONF;
	parse_init();
	if ((current = load(err, sizeof(err))) == NULL) {
		fprintf(stderr, "invite-milter: %s\n", err);
		return 2;
	}
	user_opt = user != NULL;
	if (sock == NULL)
		sock = current->socket;
	if (user == NULL)
		user = current->user;
	if (pidfile == NULL)
		pidfile = current->pidfile;
	if (tfile == NULL && check_start(sock, user, user_opt,
	    current->socket_group, err, sizeof(err)) < 0) {
		fprintf(stderr, "invite-milter: %s\n", err);
		conf_unref(current);
		return 2;
	}
	if (check_only) {
		print_check();
		conf_unref(current);
		return 0;
	}
	if (tfile != NULL) {
		rc = test_file(tfile, from, rcpts, n_rcpts);
		conf_unref(current);
		return rc;
	}
	return serve(sock, user, fg, pidfile);
}
