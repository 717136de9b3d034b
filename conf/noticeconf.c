/*
 * noticeconf.c: the [notice] group of the configuration -> struct
 * notice_conf. Validates every key (unknown keys are errors, like the
 * rest of the config) and the rule ids of the mode lists. Owns all its
 * strings; notice_conf_free() releases them.
 */
#include <sys/random.h>
#include <unistd.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "noticeconf.h"
#include "../rules/datafile.h"
#include "../rules/rules.h"

#define G	"notice"

static const char *const known[] = {
	"enable", "from", "transport", "sendmail", "smtp", "timeout",
	"subjects", "exclude", "mode", "redact", "notify", "min_action",
	"header", "key_file", "reviewer",
};

const char *const *
notice_conf_keys(size_t *n)
{
	*n = G_N_ELEMENTS(known);
	return known;
}

static void
random_key(uint8_t *k, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom(k + got, n - got, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			g_error("getrandom failed");	/* aborts */
		got += (size_t)r;
	}
}

/* One random key per process, shared by every snapshot, so that a
 * notice signed before a reload is still recognised after it. */
static const uint8_t *
process_key(void)
{
	static uint8_t *key;

	if (g_once_init_enter(&key)) {
		uint8_t *k = g_malloc(32);

		random_key(k, 32);
		g_once_init_leave(&key, k);
	}
	return key;
}

struct notice_conf *
notice_conf_default(void)
{
	struct notice_conf *nc = g_new0(struct notice_conf, 1);

	nc->enable = false;
	nc->enable_auto = true;
	nc->transport = NT_SENDMAIL;
	nc->sendmail = g_strdup("/usr/sbin/sendmail");
	nc->smtp_host = g_strdup("127.0.0.1");
	nc->smtp_port = 25;
	nc->timeout_s = 60;
	nc->subjects = g_new0(char *, 2);
	nc->subjects[0] = g_strdup("Avstämning");
	nc->exclude = g_new0(char *, 1);
	nc->mode = NMODE_REJECT;
	nc->redact = g_new0(char *, 1);
	nc->notify = g_new0(char *, 1);
	nc->min_action = ACT_HOLD;
	nc->header = g_strdup(NOTICE_HEADER_DEFAULT);
	memcpy(nc->key, process_key(), sizeof(nc->key));
	return nc;
}

void
notice_conf_free(struct notice_conf *nc)
{
	if (nc == NULL)
		return;
	g_free(nc->from);
	g_free(nc->sendmail);
	g_free(nc->smtp_host);
	g_strfreev(nc->subjects);
	g_strfreev(nc->exclude);
	g_strfreev(nc->redact);
	g_strfreev(nc->notify);
	g_free(nc->header);
	g_free(nc->reviewer);
	memset(nc->key, 0, sizeof(nc->key));
	g_free(nc);
}

const char *
notice_mode_name(enum notice_mode m)
{
	return m == NMODE_REDACT ? "redact" : m == NMODE_NOTIFY ? "notify" :
	    m == NMODE_HOLD ? "hold" : "reject";
}

static int
mode_parse(const char *s, enum notice_mode *m)
{
	if (!strcmp(s, "reject"))
		*m = NMODE_REJECT;
	else if (!strcmp(s, "redact"))
		*m = NMODE_REDACT;
	else if (!strcmp(s, "notify"))
		*m = NMODE_NOTIFY;
	else
		return -1;
	return 0;
}

static bool
has(char **list, const char *s)
{
	for (size_t i = 0; list && list[i]; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

enum notice_mode
notice_conf_mode(const struct notice_conf *nc, const char *rule)
{
	if (has(nc->redact, rule))
		return NMODE_REDACT;
	if (has(nc->notify, rule))
		return NMODE_NOTIFY;
	return nc->mode;
}

/* A list key: trimmed, empty items dropped. NULL if absent. */
static char **
get_list(GKeyFile *kf, const char *key)
{
	char **l, **out;
	size_t n = 0;

	if (!g_key_file_has_key(kf, G, key, NULL))
		return NULL;
	l = g_key_file_get_string_list(kf, G, key, NULL, NULL);
	out = g_new0(char *, (l ? g_strv_length(l) : 0) + 1);
	for (size_t i = 0; l && l[i]; i++) {
		g_strstrip(l[i]);
		if (*l[i])
			out[n++] = g_strdup(l[i]);
	}
	g_strfreev(l);
	return out;
}

static char *
get_str(GKeyFile *kf, const char *key)
{
	char *s = g_key_file_get_string(kf, G, key, NULL);

	if (s)
		g_strstrip(s);
	return s;
}

static void
replace_list(char ***dst, char **l)
{
	if (l == NULL)
		return;
	g_strfreev(*dst);
	*dst = l;
}

/* Where an error is reported: the key (a literal from known[], or NULL
 * when the key itself is unknown and named in the message) and why. */
struct nerr {
	const char	*key;
	char		*why;
	size_t		 len;
};

static int G_GNUC_PRINTF(3, 4)
bad(struct nerr *e, const char *key, const char *fmt, ...)
{
	va_list ap;

	e->key = key;
	va_start(ap, fmt);
	vsnprintf(e->why, e->len, fmt, ap);
	va_end(ap);
	return -1;
}

static int
parse_smtp(struct notice_conf *nc, const char *s)
{
	const char *colon = strrchr(s, ':');
	char *end;
	long port;

	if (colon == NULL || colon == s || colon[1] == '\0')
		return -1;
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (errno || *end || port < 1 || port > 65535)
		return -1;
	g_free(nc->smtp_host);
	nc->smtp_host = g_strndup(s, (gsize)(colon - s));
	nc->smtp_port = (unsigned)port;
	return 0;
}

static int
read_key_file(struct notice_conf *nc, const char *path, struct nerr *e)
{
	char *data = NULL, why[512];
	size_t len = 0;
	GChecksum *ck;
	gsize dl = sizeof(nc->key);

	/* a regular file of at most DF_CAP_KEY (datafile.h) */
	if ((data = datafile_read(path, DF_KEY, &len, why, sizeof(why))) ==
	    NULL)
		return bad(e, "key_file", "%s", why);
	if (len < 16) {
		g_free(data);
		return bad(e, "key_file", "%s: %zu bytes, shorter than 16 (32 "
		    "random bytes are enough: head -c 32 /dev/urandom >FILE)",
		    path, len);
	}
	ck = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(ck, (const guchar *)data, (gssize)len);
	g_checksum_get_digest(ck, nc->key, &dl);
	g_checksum_free(ck);
	memset(data, 0, len);
	g_free(data);
	nc->key_from_file = true;
	return 0;
}

static int
check_rules(char **l, const char *key, struct nerr *e)
{
	for (size_t i = 0; l && l[i]; i++)
		if (rules_find(l[i]) == NULL)
			return bad(e, key, "unknown rule \"%s\" (rule ids as "
			    "in [rules], see invite-milter.conf(5))", l[i]);
	return 0;
}

/* Every key of [notice] is a known one. */
static int
fill_known(GKeyFile *kf, struct nerr *e)
{
	char **keys = g_key_file_get_keys(kf, G, NULL, NULL);

	for (size_t i = 0; keys && keys[i]; i++) {
		bool ok = false;

		for (size_t k = 0; k < G_N_ELEMENTS(known); k++)
			ok |= strcmp(keys[i], known[k]) == 0;
		if (!ok) {
			bad(e, NULL, "%s: unknown key (see "
			    "invite-milter.conf(5))", keys[i]);
			g_strfreev(keys);
			return -1;
		}
	}
	g_strfreev(keys);
	return 0;
}

/* enable, and how a notice is sent: from, transport, sendmail, smtp,
 * timeout. */
static int
fill_delivery(struct notice_conf *nc, GKeyFile *kf, struct nerr *e)
{
	char *s;
	GError *ge = NULL;
	int rc = 0;

	if ((s = get_str(kf, "enable")) != NULL) {
		/* as conf.c's booleans: true/yes/1, false/no/0 */
		if (!g_ascii_strcasecmp(s, "true") ||
		    !g_ascii_strcasecmp(s, "yes") || !strcmp(s, "1"))
			nc->enable = true;
		else if (!g_ascii_strcasecmp(s, "false") ||
		    !g_ascii_strcasecmp(s, "no") || !strcmp(s, "0"))
			nc->enable = false;
		else
			rc = bad(e, "enable", "\"%s\" is not a boolean (true/"
			    "false)", s);
		nc->enable_auto = false;
		g_free(s);
		if (rc)
			return rc;
	}
	if ((s = get_str(kf, "reviewer")) != NULL) {
		g_free(nc->reviewer);
		nc->reviewer = *s ? s : NULL;
		if (*s == '\0')
			g_free(s);
		else if (strchr(s, '@') == NULL || s[0] == '-' ||
		    strpbrk(s, " <>\r\n\t\"\\"))
			return bad(e, "reviewer", "not a plain address");
	}
	if ((s = get_str(kf, "from")) != NULL) {
		g_free(nc->from);
		nc->from = *s ? s : NULL;
		if (*s == '\0')
			g_free(s);
		else if (strchr(nc->from, '@') == NULL || strpbrk(nc->from,
		    " <>\r\n\""))
			return bad(e, "from", "not a plain address");
	}
	if ((s = get_str(kf, "transport")) != NULL) {
		if (!strcmp(s, "sendmail"))
			nc->transport = NT_SENDMAIL;
		else if (!strcmp(s, "smtp"))
			nc->transport = NT_SMTP;
		else
			rc = bad(e, "transport", "use sendmail or smtp");
		g_free(s);
		if (rc)
			return rc;
	}
	if ((s = get_str(kf, "sendmail")) != NULL) {
		g_free(nc->sendmail);
		nc->sendmail = s;
		if (*s != '/')
			return bad(e, "sendmail", "must be an "
			    "absolute path");
	}
	if ((s = get_str(kf, "smtp")) != NULL) {
		rc = parse_smtp(nc, s);
		g_free(s);
		if (rc)
			return bad(e, "smtp", "use HOST:PORT, e.g. "
			    "127.0.0.1:25");
	}
	if (g_key_file_has_key(kf, G, "timeout", NULL)) {
		gint64 t = g_key_file_get_int64(kf, G, "timeout", &ge);

		if (ge || t < 1 || t > 3600) {
			g_clear_error(&ge);
			return bad(e, "timeout", "seconds, 1 to 3600");
		}
		nc->timeout_s = (unsigned)t;
	}
	return 0;
}

/* What a notice does: subjects, exclude, mode, redact, notify,
 * min_action. */
static int
fill_modes(struct notice_conf *nc, GKeyFile *kf, struct nerr *e)
{
	char *s;
	int rc = 0;

	replace_list(&nc->subjects, get_list(kf, "subjects"));
	if (nc->subjects[0] == NULL)
		return bad(e, "subjects", "at least one subject");
	for (size_t i = 0; nc->subjects[i]; i++)
		if (!g_utf8_validate(nc->subjects[i], -1, NULL) ||
		    strpbrk(nc->subjects[i], "\r\n"))
			return bad(e, "subjects", "one line of UTF-8");
	replace_list(&nc->exclude, get_list(kf, "exclude"));
	for (size_t i = 0; nc->exclude[i]; i++) {
		char *l = g_ascii_strdown(nc->exclude[i], -1);

		g_free(nc->exclude[i]);
		nc->exclude[i] = l;
	}
	if ((s = get_str(kf, "mode")) != NULL) {
		rc = mode_parse(s, &nc->mode);
		g_free(s);
		if (rc)
			return bad(e, "mode", "use reject, redact or "
			    "notify");
	}
	replace_list(&nc->redact, get_list(kf, "redact"));
	replace_list(&nc->notify, get_list(kf, "notify"));
	if (check_rules(nc->redact, "redact", e) ||
	    check_rules(nc->notify, "notify", e))
		return -1;
	for (size_t i = 0; nc->redact[i]; i++)
		if (has(nc->notify, nc->redact[i]))
			return bad(e, "notify", "rule \"%s\" is also in "
			    "redact (a rule has one mode)", nc->redact[i]);
	if ((s = get_str(kf, "min_action")) != NULL) {
		if (!strcmp(s, "reject"))
			nc->min_action = ACT_HOLD;	/* held mail too */
		else if (!strcmp(s, "flag"))
			nc->min_action = ACT_FLAG;
		else
			rc = bad(e, "min_action", "use reject or flag");
		g_free(s);
		if (rc)
			return rc;
	}
	return 0;
}

/* How a notice is marked: header, key_file. */
static int
fill_marks(struct notice_conf *nc, GKeyFile *kf, struct nerr *e)
{
	char *s;
	int rc;

	if ((s = get_str(kf, "header")) != NULL) {
		g_free(nc->header);
		nc->header = s;
		if (*s == '\0' || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(s))
			return bad(e, "header", "a header name "
			    "(letters, digits, '-')");
	}
	if ((s = get_str(kf, "key_file")) != NULL) {
		rc = *s ? read_key_file(nc, s, e) : 0;
		g_free(s);
		if (rc)
			return rc;
	}
	return 0;
}

static int
fill(struct notice_conf *nc, GKeyFile *kf, struct nerr *e)
{
	int rc;

	if ((rc = fill_known(kf, e)) != 0 ||
	    (rc = fill_delivery(nc, kf, e)) != 0 ||
	    (rc = fill_modes(nc, kf, e)) != 0)
		return rc;
	return fill_marks(nc, kf, e);
}

void
notice_conf_resolve(struct notice_conf *nc)
{
	if (nc->enable_auto)
		nc->enable = nc->transport == NT_SMTP ||
		    access(nc->sendmail, X_OK) == 0;
}

const char *
notice_conf_enable_why(const struct notice_conf *nc)
{
	if (!nc->enable_auto)
		return nc->enable ? "on ([notice] enable = true)" :
		    "off ([notice] enable = false)";
	if (nc->transport == NT_SMTP)
		return nc->enable ? "on (default: transport smtp)" : "off";
	return nc->enable ? "on (default: the sendmail program is there; "
	    "[notice] enable = false turns them off)" : "off (default: no "
	    "sendmail program at [notice] sendmail; set it, or transport = "
	    "smtp, or enable = true)";
}

struct notice_conf *
notice_conf_parse_at(GKeyFile *kf, const char **key, char *why,
    size_t whylen)
{
	struct notice_conf *nc = notice_conf_default();
	struct nerr e = { NULL, why, whylen };

	*key = NULL;
	if (kf != NULL && g_key_file_has_group(kf, G) &&
	    fill(nc, kf, &e) < 0) {
		*key = e.key;
		notice_conf_free(nc);
		return NULL;
	}
	notice_conf_resolve(nc);
	return nc;
}

struct notice_conf *
notice_conf_parse(GKeyFile *kf, char *err, size_t errlen)
{
	struct notice_conf *nc;
	const char *key;
	char why[256];

	if ((nc = notice_conf_parse_at(kf, &key, why, sizeof(why))) == NULL) {
		if (key)
			snprintf(err, errlen, "notice: %s: %s", key, why);
		else
			snprintf(err, errlen, "notice: %s", why);
	}
	return nc;
}

struct notice_conf *
notice_conf_load(const char *path, char *err, size_t errlen)
{
	GKeyFile *kf;
	GError *ge = NULL;
	struct notice_conf *nc;
	size_t len = 0;
	char *text;

	/* a regular file within DF_CAP_CONFIG, as conf_load() reads */
	if ((text = datafile_read(path, DF_CONFIG, &len, err, errlen)) == NULL)
		return NULL;
	kf = g_key_file_new();
	if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &ge)) {
		snprintf(err, errlen, "%s: %s", path, ge->message);
		g_error_free(ge);
		g_key_file_free(kf);
		g_free(text);
		return NULL;
	}
	g_free(text);
	nc = notice_conf_parse(kf, err, errlen);
	g_key_file_free(kf);
	return nc;
}
