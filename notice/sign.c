/*
 * sign.c: the loop stop. A notice carries a header with an HMAC-SHA256
 * of its body (key: [notice] key_file, or one made at start), so the
 * milter lets exactly its own notices pass (null sender, matching
 * signature) and a sender cannot copy the header to get through.
 */
#include <string.h>
#include <glib.h>

#include "sign.h"

/* HMAC-SHA256 of the body with line ends removed (an MTA may rewrite
 * them) as lower-case hex. New string. */
static char *
body_sig(const struct notice_conf *nc, const char *body, size_t len)
{
	GHmac *mac = g_hmac_new(G_CHECKSUM_SHA256, nc->key, sizeof(nc->key));
	const char *p = body, *end = body + len;
	char *hex;

	while (p < end) {
		const char *q = p;

		while (q < end && *q != '\r' && *q != '\n')
			q++;
		if (q > p)
			g_hmac_update(mac, (const guchar *)p, q - p);
		p = q;
		while (p < end && (*p == '\r' || *p == '\n'))
			p++;
	}
	hex = g_strdup(g_hmac_get_string(mac));
	g_hmac_unref(mac);
	return hex;
}

/* Where the body starts (after the first empty line), or NULL. */
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

/* The loop-stop header "HEADER: 1; sig=HEX" over msg's body, prepended
 * to msg: new string, length in *len, or NULL when msg has no body. */
char *
notice_sign(const struct notice_conf *nc, const char *msg, size_t *len)
{
	const char *body;
	size_t hlen = 0;
	char *sig, *out;

	if ((body = body_of(msg, strlen(msg), &hlen)) == NULL)
		return NULL;
	sig = body_sig(nc, body, strlen(body));
	out = g_strdup_printf("%s: 1; sig=%s\n%s", nc->header, sig, msg);
	g_free(sig);
	*len = strlen(out);
	return out;
}

bool
notice_is_ours(const struct notice_conf *nc, const char *msg, size_t len,
    const char *sender)
{
	const char *body, *p, *end;
	size_t hlen = 0, nl = strlen(nc->header);
	bool ok = false;

	if (sender == NULL || (*sender != '\0' && strcmp(sender, "<>") != 0))
		return false;
	if ((body = body_of(msg, len, &hlen)) == NULL)
		return false;
	for (p = msg, end = msg + hlen; p < end; ) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t ll = eol ? (size_t)(eol - p) : (size_t)(end - p);

		if (ll > nl && g_ascii_strncasecmp(p, nc->header, nl) == 0 &&
		    p[nl] == ':') {
			const char *sg = g_strstr_len(p, (gssize)ll, "sig=");

			if (sg != NULL) {
				char *want = body_sig(nc, body,
				    (size_t)(msg + len - body));
				size_t wl = strlen(want), diff = 0;

				sg += 4;
				if ((size_t)(p + ll - sg) >= wl) {
					for (size_t i = 0; i < wl; i++)
						diff |= (size_t)(want[i] ^ sg[i]);
					ok = diff == 0;
				}
				g_free(want);
			}
			if (ok)
				break;
		}
		p = eol ? eol + 1 : end;
	}
	return ok;
}
