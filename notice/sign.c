/*
 * sign.c: the loop stop. A notice carries a header with an HMAC-SHA256
 * (key: [notice] key_file, or one made at start) over what a reader and
 * the MTA see of it: the envelope recipient, the signing time, the
 * headers Subject, From, To, Date and Message-ID, and the body. The
 * milter lets exactly its own notices pass (null sender, matching
 * signature, not expired); a sender cannot copy the header to pass, nor
 * replay a captured notice with another subject, to another recipient,
 * or after NOTICE_SIG_TTL (issue 17, bypass 5).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "sign.h"

#define SIG_VERSION	"2"

/* The headers bound by the signature, in this order. */
static const char *const bound[] = {
	"Subject", "From", "To", "Date", "Message-ID",
};

/* Headers a mail client shows that a notice never has: one of them
 * added to a captured notice (a personnummer in a Cc display name, in
 * Comments:) makes it mail like any other. An MTA adds none of them. */
static const char *const absent[] = {
	"Cc", "Bcc", "Reply-To", "Sender", "Comments", "Keywords",
	"Thread-Topic", "Resent-From", "Resent-To", "Resent-Cc",
	"Resent-Sender", "Organization", "In-Reply-To", "References",
};

/* Where the body starts (after the first empty line), or NULL; *hlen is
 * the length of the header block up to and with its last line end. */
static const char *
body_of(const char *msg, size_t len, size_t *hlen)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (msg[i] != '\n')
			continue;
		if (msg[i + 1] == '\n') {
			*hlen = i + 1;
			return msg + i + 2;
		}
		if (msg[i + 1] == '\r' && i + 2 < len && msg[i + 2] == '\n') {
			*hlen = i + 1;
			return msg + i + 3;
		}
	}
	return NULL;
}

/* The next header field in [p, end): its start, with its continuation
 * lines; *next is where the following one starts. */
static size_t
field_len(const char *p, const char *end, const char **next)
{
	const char *q = p;

	for (;;) {
		const char *eol = memchr(q, '\n', (size_t)(end - q));

		q = eol ? eol + 1 : end;
		if (q >= end || (*q != ' ' && *q != '\t'))
			break;
	}
	*next = q;
	return (size_t)(q - p);
}

/* The value of the one header name in hdr[0, hlen), unfolded, with line
 * ends dropped, every run of white space made one space and the ends
 * trimmed (an MTA may refold a header): new string, or NULL when the
 * header is absent or there more than once (two Subjects: which one a
 * client shows is not ours to guess). */
static char *
header_value(const char *hdr, size_t hlen, const char *name)
{
	const char *p = hdr, *end = hdr + hlen, *next;
	size_t nl = strlen(name);
	GString *v = NULL;

	for (; p < end; p = next) {
		size_t fl = field_len(p, end, &next);
		bool sp = false;

		if (fl <= nl || p[nl] != ':' ||
		    g_ascii_strncasecmp(p, name, nl) != 0)
			continue;
		if (v != NULL) {
			g_string_free(v, TRUE);
			return NULL;
		}
		v = g_string_new(NULL);
		for (size_t i = nl + 1; i < fl; i++) {
			char c = p[i];

			if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
				sp = v->len > 0;
				continue;
			}
			if (sp)
				g_string_append_c(v, ' ');
			sp = false;
			g_string_append_c(v, c);
		}
	}
	return v ? g_string_free(v, FALSE) : NULL;
}

/* The HMAC-SHA256, as lower-case hex, over the version, when, the
 * recipient (lower case), the bound headers of hdr and the body with
 * line ends made "\n" (an MTA may rewrite them). New string, or NULL when
 * a bound header is missing or repeated. */
static char *
compute_sig(const struct notice_conf *nc, const char *hdr, size_t hlen,
    const char *body, size_t blen, const char *rcpt, long long when)
{
	GHmac *mac = g_hmac_new(G_CHECKSUM_SHA256, nc->key, sizeof(nc->key));
	const char *p = body, *end = body + blen;
	char pre[64], *s, *hex;
	int n;

	n = snprintf(pre, sizeof(pre), "invite-milter notice %s", SIG_VERSION);
	g_hmac_update(mac, (const guchar *)pre, n + 1);
	n = snprintf(pre, sizeof(pre), "%lld", when);
	g_hmac_update(mac, (const guchar *)pre, n + 1);
	s = g_ascii_strdown(rcpt, -1);
	g_hmac_update(mac, (const guchar *)s, (gssize)strlen(s) + 1);
	g_free(s);
	for (size_t i = 0; i < G_N_ELEMENTS(bound); i++) {
		char *v = header_value(hdr, hlen, bound[i]);

		if (v == NULL) {
			g_hmac_unref(mac);
			return NULL;
		}
		g_hmac_update(mac, (const guchar *)bound[i], -1);
		g_hmac_update(mac, (const guchar *)":", 1);
		g_hmac_update(mac, (const guchar *)v, (gssize)strlen(v) + 1);
		g_free(v);
	}
	/* Line ends as "\n" whatever the MTA made of them (CRLF, LF),
	 * without the ones at the very end; lines are not joined: moving a
	 * line break (a QP soft break, a MIME header line) must not keep
	 * the signature. */
	while (end > p && (end[-1] == '\r' || end[-1] == '\n'))
		end--;
	while (p < end) {
		const char *q = p;

		while (q < end && *q != '\r' && *q != '\n')
			q++;
		if (q > p)
			g_hmac_update(mac, (const guchar *)p, q - p);
		if (q < end && *q == '\r' && q + 1 < end && q[1] == '\n')
			q++;
		if (q < end) {
			g_hmac_update(mac, (const guchar *)"\n", 1);
			q++;
		}
		p = q;
	}
	hex = g_strdup(g_hmac_get_string(mac));
	g_hmac_unref(mac);
	return hex;
}

char *
notice_sign(const struct notice_conf *nc, const char *msg, const char *rcpt,
    time_t when, size_t *len)
{
	const char *body;
	size_t hlen = 0, ml = strlen(msg);
	char *sig, *out;

	if ((body = body_of(msg, ml, &hlen)) == NULL)
		return NULL;
	sig = compute_sig(nc, msg, hlen, body, (size_t)(msg + ml - body), rcpt,
	    (long long)when);
	if (sig == NULL)
		return NULL;
	out = g_strdup_printf("%s: " SIG_VERSION "; t=%lld; sig=%s\n%s",
	    nc->header, (long long)when, sig, msg);
	g_free(sig);
	*len = strlen(out);
	return out;
}

/* Reads "2; t=WHEN; sig=HEX" (the value after the colon) into *when and
 * sig (65 bytes). False when it is not exactly that. */
static bool
parse_stamp(const char *v, size_t vl, long long *when, char *sig)
{
	char *s = g_strndup(v, vl), *p, *e;
	bool ok = false;

	p = g_strstrip(s);
	if (strncmp(p, SIG_VERSION ";", 2) != 0)
		goto out;
	p += 2;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "t=", 2) != 0)
		goto out;
	*when = strtoll(p + 2, &e, 10);
	if (e == p + 2 || *e != ';')
		goto out;
	p = e + 1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "sig=", 4) != 0 || strlen(p + 4) != 64)
		goto out;
	for (int i = 0; i < 64; i++)
		if (!g_ascii_isxdigit(p[4 + i]))
			goto out;
	memcpy(sig, p + 4, 64);
	sig[64] = '\0';
	ok = true;
out:
	g_free(s);
	return ok;
}

bool
notice_is_ours(const struct notice_conf *nc, const char *msg, size_t len,
    const struct envelope *env)
{
	const char *body, *p, *end, *next, *stamp = NULL;
	size_t hlen = 0, nl = strlen(nc->header), sl = 0, diff = 0;
	long long when, now;
	char got[65], *want;

	if (env == NULL || env->sender == NULL ||
	    (*env->sender != '\0' && strcmp(env->sender, "<>") != 0))
		return false;
	/* a notice goes to one recipient: the one it was signed for */
	if (env->n_rcpts != 1 || env->rcpts[0] == NULL)
		return false;
	if ((body = body_of(msg, len, &hlen)) == NULL)
		return false;
	for (p = msg, end = msg + hlen; p < end; p = next) {
		size_t fl = field_len(p, end, &next);

		for (size_t i = 0; i < G_N_ELEMENTS(absent); i++) {
			size_t al = strlen(absent[i]);

			if (fl > al && p[al] == ':' &&
			    g_ascii_strncasecmp(p, absent[i], al) == 0)
				return false;
		}
		if (fl <= nl || p[nl] != ':' ||
		    g_ascii_strncasecmp(p, nc->header, nl) != 0)
			continue;
		if (stamp != NULL)
			return false;	/* two stamps: not ours */
		stamp = p + nl + 1;
		sl = fl - nl - 1;
	}
	if (stamp == NULL || !parse_stamp(stamp, sl, &when, got))
		return false;
	now = env->now != 0 ? (long long)env->now : (long long)time(NULL);
	if (when > now + NOTICE_SIG_SKEW || now - when > NOTICE_SIG_TTL)
		return false;
	want = compute_sig(nc, msg, hlen, body, (size_t)(msg + len - body),
	    env->rcpts[0], when);
	if (want == NULL)
		return false;
	for (size_t i = 0; i < 64; i++)
		diff |= (size_t)(g_ascii_tolower(got[i]) ^ want[i]);
	g_free(want);
	return diff == 0;
}
