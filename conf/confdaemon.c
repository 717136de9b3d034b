/*
 * confdaemon.c: the daemon's groups of the configuration: [milter]
 * (socket, user, which mail is outgoing, internal networks, size cap,
 * reply texts) and [log] (with its privacy levels), and the internal-network test the daemon
 * asks per connection. The rules' groups are conf.c's.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "confload.h"

static int
parse_net(const char *s, struct netmask *nm)
{
	char buf[64], *slash, *end;
	unsigned long pfx;

	if (g_strlcpy(buf, s, sizeof(buf)) >= sizeof(buf))
		return -1;
	if ((slash = strchr(buf, '/')) != NULL)
		*slash++ = '\0';
	memset(nm, 0, sizeof(*nm));
	if (inet_pton(AF_INET, buf, nm->addr) == 1) {
		nm->family = AF_INET;
		nm->prefix = 32;
	} else if (inet_pton(AF_INET6, buf, nm->addr) == 1) {
		nm->family = AF_INET6;
		nm->prefix = 128;
	} else
		return -1;
	if (slash) {
		errno = 0;
		pfx = strtoul(slash, &end, 10);
		if (*slash == '\0' || *end != '\0' || pfx > nm->prefix)
			return -1;
		nm->prefix = (unsigned)pfx;
	}
	return 0;
}

int
conf_set_networks(struct config *c, char **list, char *err, size_t errlen)
{
	size_t n = list ? g_strv_length(list) : 0;

	g_free(c->internal_networks);
	c->internal_networks = g_new0(struct netmask, n ? n : 1);
	c->n_internal_networks = 0;
	for (size_t i = 0; i < n; i++) {
		char *s = g_strstrip(list[i]);

		if (*s == '\0')
			continue;
		if (parse_net(s, &c->internal_networks[c->n_internal_networks]) < 0) {
			snprintf(err, errlen, "\"%s\" is not an address or "
			    "network (e.g. 10.0.0.0/8, 2001:db8::/32)", s);
			return -1;
		}
		c->n_internal_networks++;
	}
	return 0;
}

int
conf_load_milter(struct loader *ld, struct config *c)
{
	char **list, *s;
	gsize n;

	ld_replace_str(ld, "milter", "socket", &c->socket);
	ld_replace_str(ld, "milter", "user", &c->user);
	ld_replace_path(ld, "milter", "pidfile", &c->pidfile);
	ld_replace_str(ld, "milter", "socket_group", &c->socket_group);
	ld_replace_str(ld, "milter", "flag_header", &c->flag_header);
	ld_replace_str(ld, "milter", "subject_tag", &c->subject_tag);
	ld_replace_str(ld, "milter", "reply_sv", &c->reply_sv);
	ld_replace_str(ld, "milter", "reply_en", &c->reply_en);
	if (c->socket[0] == '\0')
		return ld_fail(ld, "milter", "socket", "must not be empty");
	if (c->flag_header[0] == '\0' || strpbrk(c->flag_header, ": \t"))
		return ld_fail(ld, "milter", "flag_header",
		    "must be a header field name without ':' or spaces");
	if ((s = ld_str(ld, "milter", "socket_mode")) != NULL) {
		char *end;
		unsigned long m = strtoul(s, &end, 8);

		if (*s == '\0' || *end != '\0' || m > 0777) {
			ld_fail(ld, "milter", "socket_mode",
			    "\"%s\" is not an octal mode such as 0660", s);
			g_free(s);
			return -1;
		}
		c->socket_mode = (unsigned)m;
		g_free(s);
	}
	if (g_key_file_has_key(ld->kf, "milter", "internal_networks", NULL)) {
		char msg[200];

		list = g_key_file_get_string_list(ld->kf, "milter",
		    "internal_networks", &n, NULL);
		if (conf_set_networks(c, list, msg, sizeof(msg)) < 0) {
			g_strfreev(list);
			return ld_fail(ld, "milter", "internal_networks",
			    "%s", msg);
		}
		g_strfreev(list);
	}
	if (g_key_file_has_key(ld->kf, "milter", "outgoing", NULL)) {
		list = g_key_file_get_string_list(ld->kf, "milter", "outgoing",
		    &n, NULL);
		c->outgoing = 0;
		for (gsize i = 0; list && i < n; i++) {
			char *w = g_strstrip(list[i]);

			if (!strcmp(w, "auth"))
				c->outgoing |= OUT_AUTH;
			else if (!strcmp(w, "networks"))
				c->outgoing |= OUT_NETWORKS;
			else if (!strcmp(w, "sender"))
				c->outgoing |= OUT_SENDER;
			else if (!strcmp(w, "all"))
				c->outgoing |= OUT_ALL;
			else if (*w != '\0') {
				ld_fail(ld, "milter", "outgoing", "\"%s\": use "
				    "auth, networks, sender or all", w);
				g_strfreev(list);
				return -1;
			}
		}
		g_strfreev(list);
		if (c->outgoing == 0)
			return ld_fail(ld, "milter", "outgoing", "empty: no "
			    "mail would be examined (use all to examine "
			    "everything)");
	}
	if (ld_bool(ld, "milter", "flag_external", &c->flag_external) < 0 ||
	    ld_bool(ld, "milter", "split_series", &c->split_series) < 0)
		return -1;
	if (ld_size(ld, "milter", "max_body", 1024, (size_t)1 << 31,
	    &c->max_body) < 0 ||
	    ld_onerr(ld, "milter", "over_cap", &c->over_cap) < 0 ||
	    ld_uint(ld, "milter", "timeout", 86400, &c->timeout_s) < 0 ||
	    ld_size(ld, "milter", "memory_limit", 64 * 1024, (size_t)1 << 40,
	    &c->memory_limit) < 0)
		return -1;
	/* A message of max_body must fit alone, or it could never be
	 * examined: it would be tempfailed on every retry (gate.c). */
	if (c->memory_limit < c->max_body)
		return ld_fail(ld, "milter", "memory_limit", "%zu bytes is "
		    "below max_body (%zu): a message of that size could never "
		    "be examined; raise memory_limit or lower max_body",
		    c->memory_limit, c->max_body);
	return 0;
}

/*
 * [log] privacy levels (issue 21): sender = address | hashed | unit |
 * none, evidence = masked | category, and the site key of "hashed",
 * hash_key_file. The key is read here, so -n checks it and a reload
 * reads a new one; a file that is missing, empty, too short or too big
 * is an error, never a silently weaker log.
 */
#define HASH_KEY_MIN	16
#define HASH_KEY_MAX	4096

static int
load_hash_key(struct loader *ld, struct config *c)
{
	const char *p = c->log_hash_key_file;
	unsigned char *buf;
	struct stat st;
	ssize_t n;
	int fd;

	if ((fd = open(p, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
		return ld_fail(ld, "log", "hash_key_file", "%s: %s", p,
		    g_strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		(void)close(fd);
		return ld_fail(ld, "log", "hash_key_file", "%s: not a "
		    "regular file", p);
	}
	if (st.st_size < HASH_KEY_MIN || st.st_size > HASH_KEY_MAX) {
		(void)close(fd);
		return ld_fail(ld, "log", "hash_key_file", "%s: %s (%lld "
		    "bytes; %d to %d, e.g. head -c 32 /dev/urandom >FILE)", p,
		    st.st_size == 0 ? "empty" : st.st_size < HASH_KEY_MIN ?
		    "too short" : "too big", (long long)st.st_size,
		    HASH_KEY_MIN, HASH_KEY_MAX);
	}
	buf = g_malloc((size_t)st.st_size);
	n = read(fd, buf, (size_t)st.st_size);
	(void)close(fd);
	if (n < HASH_KEY_MIN) {
		g_free(buf);
		return ld_fail(ld, "log", "hash_key_file", "%s: could not be "
		    "read whole", p);
	}
	if (c->log_hash_key != NULL)
		memset(c->log_hash_key, 0, c->log_hash_key_len);
	g_free(c->log_hash_key);
	c->log_hash_key = buf;
	c->log_hash_key_len = (size_t)n;
	return 0;
}

static int
load_log_privacy(struct loader *ld, struct config *c)
{
	static const char *const snd[] = { "address", "hashed", "unit",
		"none" };
	char *s;
	int rc = 0;

	if ((s = ld_str(ld, "log", "sender")) != NULL) {
		size_t i;

		for (i = 0; i < G_N_ELEMENTS(snd) && strcmp(s, snd[i]); i++)
			;
		if (i < G_N_ELEMENTS(snd))
			c->log_sender = (enum log_sender)(LOG_SENDER_ADDRESS +
			    (int)i);
		else
			rc = ld_fail(ld, "log", "sender", "\"%s\": use "
			    "address, hashed, unit or none", s);
		g_free(s);
		if (rc < 0)
			return rc;
	}
	if ((s = ld_str(ld, "log", "evidence")) != NULL) {
		if (strcmp(s, "masked") == 0)
			c->log_evidence = LOG_EVIDENCE_MASKED;
		else if (strcmp(s, "category") == 0)
			c->log_evidence = LOG_EVIDENCE_CATEGORY;
		else
			rc = ld_fail(ld, "log", "evidence", "\"%s\": use "
			    "masked or category", s);
		g_free(s);
		if (rc < 0)
			return rc;
	}
	ld_replace_path(ld, "log", "hash_key_file", &c->log_hash_key_file);
	if (c->log_hash_key_file != NULL && c->log_hash_key_file[0] == '\0') {
		g_free(c->log_hash_key_file);
		c->log_hash_key_file = NULL;
	}
	if (c->log_hash_key_file != NULL)
		return load_hash_key(ld, c);
	if (c->log_sender == LOG_SENDER_HASHED)
		return ld_fail(ld, "log", "sender", "hashed needs a site key: "
		    "set [log] hash_key_file");
	return 0;
}

int
conf_load_log(struct loader *ld, struct config *c)
{
	static const char *const fac[] = { "mail", "daemon", "user", "local0",
		"local1", "local2", "local3", "local4", "local5", "local6",
		"local7" };
	bool ok = false;

	if (load_log_privacy(ld, c) < 0)
		return -1;
	if (ld_bool(ld, "log", "syslog", &c->log_syslog) < 0)
		return -1;
	ld_replace_path(ld, "log", "file", &c->log_file);
	if (c->log_file && c->log_file[0] == '\0') {
		g_free(c->log_file);
		c->log_file = NULL;
	}
	ld_replace_str(ld, "log", "syslog_facility", &c->syslog_facility);
	for (size_t i = 0; i < G_N_ELEMENTS(fac); i++)
		if (strcmp(c->syslog_facility, fac[i]) == 0)
			ok = true;
	if (!ok)
		return ld_fail(ld, "log", "syslog_facility",
		    "\"%s\": use mail, daemon, user or local0..local7",
		    c->syslog_facility);
	return ld_uint(ld, "log", "stats_interval", 86400 * 7,
	    &c->stats_interval_s);
}

/* [log] metrics_file: the counters in Prometheus text format (stats.c);
 * a relative path is taken from the file's directory, "" = none. */
int
conf_load_metrics(struct loader *ld, struct config *c)
{
	ld_replace_path(ld, "log", "metrics_file", &c->metrics_file);
	if (c->metrics_file && c->metrics_file[0] == '\0') {
		g_free(c->metrics_file);
		c->metrics_file = NULL;
	}
	return 0;
}

bool
conf_is_internal_network(const struct config *c, const void *sa_)
{
	const struct sockaddr *sa = sa_;
	uint8_t addr[16];
	int fam;

	if (sa == NULL)
		return false;
	if (sa->sa_family == AF_INET) {
		memcpy(addr, &((const struct sockaddr_in *)sa_)->sin_addr, 4);
		fam = AF_INET;
	} else if (sa->sa_family == AF_INET6) {
		const uint8_t *a6 = ((const struct sockaddr_in6 *)sa_)->
		    sin6_addr.s6_addr;
		static const uint8_t v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0,
			0, 0, 0xff, 0xff };

		if (memcmp(a6, v4mapped, 12) == 0) {
			memcpy(addr, a6 + 12, 4);
			fam = AF_INET;
		} else {
			memcpy(addr, a6, 16);
			fam = AF_INET6;
		}
	} else
		return false;
	for (size_t i = 0; i < c->n_internal_networks; i++) {
		const struct netmask *nm = &c->internal_networks[i];
		unsigned bits = nm->prefix, b;

		if (nm->family != fam)
			continue;
		for (b = 0; b < bits / 8; b++)
			if (addr[b] != nm->addr[b])
				break;
		if (b < bits / 8)
			continue;
		if (bits % 8) {
			uint8_t m = (uint8_t)(0xff << (8 - bits % 8));

			if ((addr[b] & m) != (nm->addr[b] & m))
				continue;
		}
		return true;
	}
	return false;
}
