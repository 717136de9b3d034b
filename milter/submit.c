/*
 * submit.c: the daemon's submission of notices to the local MTA, with
 * the null sender: the sendmail binary (posix_spawn, a pipe, a timeout)
 * or SMTP to host:port (RFC 5321, dot-stuffed), on a detached thread per
 * notice so the milter's threads never wait for it; submit_drain() lets
 * them finish at stop. Each outcome is one log line (mlt_log): the
 * recipient as domain and short hash, never in clear.
 */
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

#include "log.h"
#include "stats.h"
#include "submit.h"
#include "../conf/conf.h"
#include "../conf/noticeconf.h"
#include "../notice/policy.h"
#include "../pipeline/report.h"

extern char **environ;

struct submit_job {
	enum notice_transport	 transport;
	char			*sendmail;
	char			*host;
	unsigned		 port, timeout_s;
	char			*rcpt;
	char			*msg;
	size_t			 len;
	char			*qid, *rules, *mode;
	struct config		*cfg;	/* a reference, for the log */
};

static pthread_mutex_t flight_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t flight_cond = PTHREAD_COND_INITIALIZER;
static unsigned in_flight;

struct submit_job *
submit_job_new(struct config *cfg, const char *rcpt, const char *msg,
    size_t len, const char *qid, const char *rules, const char *mode)
{
	const struct notice_conf *nc = notice_conf_of(cfg);
	struct submit_job *j = g_new0(struct submit_job, 1);

	j->transport = nc->transport;
	j->sendmail = g_strdup(nc->sendmail);
	j->host = g_strdup(nc->smtp_host);
	j->port = nc->smtp_port;
	j->timeout_s = nc->timeout_s;
	j->rcpt = g_strdup(rcpt);
	j->msg = g_memdup2(msg, len);
	j->len = len;
	j->qid = g_strdup(qid ? qid : "");
	j->rules = g_strdup(rules ? rules : "");
	j->mode = g_strdup(mode ? mode : "");
	j->cfg = conf_ref(cfg);
	return j;
}

void
submit_job_free(struct submit_job *j)
{
	if (j == NULL)
		return;
	g_free(j->sendmail);
	g_free(j->host);
	g_free(j->rcpt);
	g_free(j->msg);
	g_free(j->qid);
	g_free(j->rules);
	g_free(j->mode);
	conf_unref(j->cfg);
	g_free(j);
}

static int
write_all(int fd, const char *p, size_t n, bool sock)
{
	while (n > 0) {
		ssize_t w = sock ? send(fd, p, n, MSG_NOSIGNAL) : write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
via_sendmail(struct submit_job *j, char *why, size_t whylen)
{
	char *argv[] = { "sendmail", "-i", "-f", "<>", "--", j->rcpt, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, pipe_set, old;
	int fds[2], st = 0, rc = -1, e;
	pid_t pid;
	gint64 deadline;

	if (pipe2(fds, O_CLOEXEC) < 0) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[0], 0);
	posix_spawnattr_init(&at);
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
	e = posix_spawn(&pid, j->sendmail, &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(fds[0]);
	if (e != 0) {
		close(fds[1]);
		snprintf(why, whylen, "%s: %s", j->sendmail, strerror(e));
		return -1;
	}
	/* a sendmail that dies early must not kill us with SIGPIPE */
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	if (write_all(fds[1], j->msg, j->len, false) < 0)
		snprintf(why, whylen, "write to sendmail: %s", strerror(errno));
	close(fds[1]);
	{
		struct timespec z = { 0, 0 };

		while (sigtimedwait(&pipe_set, NULL, &z) > 0)
			;	/* consume a SIGPIPE raised by the write */
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	deadline = g_get_monotonic_time() + (gint64)j->timeout_s * G_USEC_PER_SEC;
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			snprintf(why, whylen, "waitpid: %s", strerror(errno));
			return -1;
		}
		if (g_get_monotonic_time() > deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			snprintf(why, whylen, "sendmail timed out after %us",
			    j->timeout_s);
			return -1;
		}
		g_usleep(20000);
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		snprintf(why, whylen, "sendmail exit 0");
		rc = 0;
	} else if (WIFEXITED(st))
		snprintf(why, whylen, "sendmail exit %d", WEXITSTATUS(st));
	else
		snprintf(why, whylen, "sendmail killed by signal %d",
		    WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return rc;
}

/* Reads one SMTP reply (all its lines); returns the code or -1. */
static int
smtp_reply(int fd, char *last, size_t lastlen)
{
	char line[1024];
	size_t n = 0;

	for (;;) {
		char c;
		ssize_t r = recv(fd, &c, 1, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		if (c == '\n') {
			line[n] = '\0';
			if (n && line[n - 1] == '\r')
				line[--n] = '\0';
			if (n >= 4 && line[3] == ' ') {
				g_strlcpy(last, line, lastlen);
				return (int)g_ascii_strtoll(line, NULL, 10);
			}
			if (n < 4 || line[3] != '-')
				return -1;
			n = 0;
		} else if (n + 1 < sizeof(line))
			line[n++] = c;
	}
}

static int
smtp_cmd(int fd, const char *cmd, int want, char *why, size_t whylen)
{
	char last[256] = "";
	int code;

	if (cmd != NULL && write_all(fd, cmd, strlen(cmd), true) < 0) {
		snprintf(why, whylen, "smtp write: %s", strerror(errno));
		return -1;
	}
	code = smtp_reply(fd, last, sizeof(last));
	if (code / 100 != want / 100) {
		/* the reply text may quote the recipient: keep the code */
		snprintf(why, whylen, "smtp %d after %.4s", code,
		    cmd ? cmd : "greeting");
		return -1;
	}
	return 0;
}

static int
via_smtp(struct submit_job *j, char *why, size_t whylen)
{
	struct addrinfo hints, *res = NULL, *ai;
	struct timeval tv = { (time_t)j->timeout_s, 0 };
	char port[16], *cmd;
	GString *data;
	int fd = -1, e, rc = -1;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	snprintf(port, sizeof(port), "%u", j->port);
	if ((e = getaddrinfo(j->host, port, &hints, &res)) != 0) {
		snprintf(why, whylen, "smtp %s: %s", j->host, gai_strerror(e));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
		    ai->ai_protocol);
		if (fd < 0)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		snprintf(why, whylen, "smtp connect %s:%u: %s", j->host,
		    j->port, strerror(errno));
		return -1;
	}
	/* RFC 5321 4.5.2: dot-stuffing; lines end in CRLF on the wire */
	data = g_string_sized_new(j->len + j->len / 40 + 8);
	for (size_t i = 0; i < j->len; i++) {
		bool bol = i == 0 || j->msg[i - 1] == '\n';

		if (bol && j->msg[i] == '.')
			g_string_append_c(data, '.');
		if (j->msg[i] == '\n' && (i == 0 || j->msg[i - 1] != '\r'))
			g_string_append_c(data, '\r');
		g_string_append_c(data, j->msg[i]);
	}
	if (data->len < 2 || data->str[data->len - 1] != '\n')
		g_string_append(data, "\r\n");
	g_string_append(data, ".\r\n");
	cmd = g_strdup_printf("RCPT TO:<%s>\r\n", j->rcpt);
	if (smtp_cmd(fd, NULL, 220, why, whylen) == 0 &&
	    smtp_cmd(fd, "EHLO localhost\r\n", 250, why, whylen) == 0 &&
	    smtp_cmd(fd, "MAIL FROM:<>\r\n", 250, why, whylen) == 0 &&
	    smtp_cmd(fd, cmd, 250, why, whylen) == 0 &&
	    smtp_cmd(fd, "DATA\r\n", 354, why, whylen) == 0 &&
	    smtp_cmd(fd, data->str, 250, why, whylen) == 0) {
		snprintf(why, whylen, "smtp 250");
		rc = 0;
		(void)smtp_cmd(fd, "QUIT\r\n", 221, (char[64]){ 0 }, 64);
	}
	g_free(cmd);
	g_string_free(data, TRUE);
	close(fd);
	return rc;
}

static void
log_job(const struct submit_job *j, int rc, const char *why)
{
	GString *s = g_string_new(",\"mode\":");
	const char *at = strrchr(j->rcpt, '@');

	json_str(s, j->mode);
	g_string_append(s, ",\"rules\":");
	json_str(s, j->rules);
	g_string_append(s, ",\"rcpt_domain\":");
	json_str(s, at ? at + 1 : "");
	mlt_log_notice_rcpt(s, j->cfg, j->rcpt);	/* [log] sender */
	g_string_append_printf(s, ",\"bytes\":%zu,"
	    "\"transport\":\"%s\",\"result\":\"%s\",\"detail\":", j->len,
	    j->transport == NT_SMTP ? "smtp" : "sendmail", rc == 0 ? "sent" :
	    "failed");
	json_str(s, why);
	mlt_log_event(j->cfg, rc == 0 ? LOG_INFO : LOG_WARNING, "notice",
	    j->qid, s->str);
	mlt_stat_inc(rc == 0 ? ST_NOTICES_SENT : ST_NOTICES_FAILED);
	g_string_free(s, TRUE);
}

int
submit_now(struct submit_job *j, char *why, size_t whylen)
{
	int rc;

	why[0] = '\0';
	rc = j->transport == NT_SMTP ? via_smtp(j, why, whylen) :
	    via_sendmail(j, why, whylen);
	log_job(j, rc, why);
	return rc;
}

static void *
send_thread(void *arg)
{
	struct submit_job *j = arg;
	char why[256];

	(void)submit_now(j, why, sizeof(why));
	submit_job_free(j);
	pthread_mutex_lock(&flight_lock);
	in_flight--;
	pthread_cond_broadcast(&flight_cond);
	pthread_mutex_unlock(&flight_lock);
	return NULL;
}

void
submit_send(struct submit_job *j)
{
	pthread_attr_t at;
	pthread_t th;

	pthread_mutex_lock(&flight_lock);
	in_flight++;
	pthread_mutex_unlock(&flight_lock);
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&th, &at, send_thread, j) != 0) {
		/* no thread: do it here rather than lose the notice */
		send_thread(j);
	}
	pthread_attr_destroy(&at);
}

unsigned
submit_drain(unsigned ms)
{
	gint64 deadline = g_get_monotonic_time() + (gint64)ms * 1000;
	unsigned n;

	pthread_mutex_lock(&flight_lock);
	while (in_flight > 0) {
		struct timespec ts;
		gint64 left = deadline - g_get_monotonic_time();

		if (left <= 0)
			break;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += (time_t)(left / G_USEC_PER_SEC);
		ts.tv_nsec += (long)(left % G_USEC_PER_SEC) * 1000;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&flight_cond, &flight_lock, &ts);
	}
	n = in_flight;
	pthread_mutex_unlock(&flight_lock);
	return n;
}
