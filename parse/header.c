/*
 * header.c: header values as text: RFC 2047 encoded words in an
 * unstructured header (Subject) or a file name, and one parameter of a
 * structured value (Content-Type, Content-Disposition). Works on raw
 * header values; GMime's own decoder loses text (see encoded_word), so
 * parse/ decodes these itself. Returns new strings (g_free).
 */
#include <string.h>
#include <glib.h>

#include "parse_int.h"

/* One RFC 2047 encoded word at s ("=?cs?e?text?="): its charset (the
 * RFC 2231 language tag cut off) and decoded bytes appended to out.
 * Returns the bytes used, or 0 when s is no encoded word. Each word is
 * decoded on its own: GMime 3.2.13 joins adjacent base64 words before
 * decoding and loses everything after a padded word (GMime issue 133),
 * which let "=?utf-8?B?...==?= =?utf-8?B?...?=" hide a subject's tail. */
static size_t
encoded_word(const char *s, size_t len, char **cs, GByteArray *out)
{
	const char *q1, *q2, *end;
	char enc;

	if (len < 8 || s[0] != '=' || s[1] != '?')
		return 0;
	q1 = memchr(s + 2, '?', len - 2);
	if (q1 == NULL || q1 == s + 2 || (size_t)(s + len - q1) < 5 ||
	    q1[2] != '?')
		return 0;
	enc = g_ascii_toupper(q1[1]);
	if (enc != 'B' && enc != 'Q')
		return 0;
	q2 = q1 + 3;
	end = g_strstr_len(q2, (gssize)(s + len - q2), "?=");
	if (end == NULL || memchr(q2, ' ', (size_t)(end - q2)) != NULL)
		return 0;
	*cs = g_strndup(s + 2, (size_t)(q1 - s - 2));
	if (strchr(*cs, '*'))
		*strchr(*cs, '*') = '\0';
	if (enc == 'B') {
		gint state = 0;
		guint save = 0;
		size_t n = (size_t)(end - q2);
		guchar *buf = g_malloc(n * 3 / 4 + 3);
		gsize got = g_base64_decode_step(q2, n, buf, &state, &save);

		g_byte_array_append(out, buf, (guint)got);
		g_free(buf);
	} else {
		for (const char *p = q2; p < end; p++) {
			guchar c = (guchar)*p;

			if (c == '_')
				c = ' ';
			else if (c == '=' && end - p > 2 &&
			    g_ascii_isxdigit(p[1]) && g_ascii_isxdigit(p[2])) {
				c = (guchar)(g_ascii_xdigit_value(p[1]) * 16 +
				    g_ascii_xdigit_value(p[2]));
				p += 2;
			}
			g_byte_array_append(out, &c, 1);
		}
	}
	return (size_t)(end + 2 - s);
}

/* Appends the pending bytes of encoded words, converted from their
 * charset, to out and empties them. */
static void
flush_words(struct invite *inv, GString *out, GByteArray *pend,
    char **pend_cs)
{
	if (pend->len > 0) {
		char *u = invite_to_utf8(inv, (const char *)pend->data, pend->len,
		    *pend_cs);

		g_string_append(out, u);
		g_free(u);
		g_byte_array_set_size(pend, 0);
	}
	g_free(*pend_cs);
	*pend_cs = NULL;
}

/* Appends raw[from..to), text outside encoded words, to out. */
static void
flush_plain(struct invite *inv, GString *out, const char *raw, size_t from,
    size_t to)
{
	if (to > from) {
		char *u = invite_to_utf8(inv, raw + from, to - from, NULL);

		g_string_append(out, u);
		g_free(u);
	}
}

/* The raw value of an unstructured header (Subject) -> new UTF-8 text.
 * Adjacent encoded words in one charset are joined as bytes before
 * conversion, so a character split across words survives; bytes outside
 * encoded words are UTF-8 if valid, else Windows-1252 (invite_to_utf8). */
char *
header_text(struct invite *inv, const char *raw)
{
	GString *out = g_string_new(NULL);
	GByteArray *pend = g_byte_array_new();
	char *pend_cs = NULL;
	size_t len = strlen(raw), i = 0, plain = 0;
	bool after_word = false;

	while (i < len) {
		char *cs = NULL;
		GByteArray *w;
		size_t used;

		if (raw[i] != '=' || i + 1 >= len || raw[i + 1] != '?') {
			i++;
			continue;
		}
		w = g_byte_array_new();
		used = encoded_word(raw + i, len - i, &cs, w);
		if (used > 0) {
			bool only_space = true;

			for (size_t k = plain; k < i; k++)
				if (!g_ascii_isspace(raw[k]))
					only_space = false;
			/* Blanks between two encoded words are dropped. */
			if (!(after_word && only_space)) {
				flush_words(inv, out, pend, &pend_cs);
				flush_plain(inv, out, raw, plain, i);
			} else if (pend_cs && g_ascii_strcasecmp(pend_cs, cs))
				flush_words(inv, out, pend, &pend_cs);
			if (pend_cs == NULL)
				pend_cs = g_strdup(cs);
			g_byte_array_append(pend, w->data, w->len);
			i += used;
			plain = i;
			after_word = true;
		} else
			i++;
		g_free(cs);
		g_byte_array_unref(w);
	}
	flush_words(inv, out, pend, &pend_cs);
	flush_plain(inv, out, raw, plain, len);
	g_byte_array_unref(pend);
	/* Unfolding (RFC 5322 2.2.3): CR and LF are no text. */
	for (size_t k = 0, j = 0; k <= out->len; k++)
		if (out->str[k] != '\r' && out->str[k] != '\n')
			out->str[j++] = out->str[k];
	return g_strstrip(g_string_free(out, FALSE));
}

/* The value of parameter name in the raw header value hv, quotes and
 * backslashes undone, as a new string; NULL without one. */
char *
header_param(const char *hv, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = hv; (p = strchr(p, ';')) != NULL;) {
		const char *q;
		GString *v;

		for (p++; g_ascii_isspace(*p); p++)
			;
		if (g_ascii_strncasecmp(p, name, n) != 0)
			continue;
		for (q = p + n; g_ascii_isspace(*q); q++)
			;
		if (*q != '=')
			continue;
		for (q++; g_ascii_isspace(*q); q++)
			;
		v = g_string_new(NULL);
		if (*q == '"') {
			for (q++; *q && *q != '"'; q++) {
				if (*q == '\\' && q[1])
					q++;
				g_string_append_c(v, *q);
			}
		} else
			for (; *q && *q != ';' && !g_ascii_isspace(*q); q++)
				g_string_append_c(v, *q);
		return g_string_free(v, FALSE);
	}
	return NULL;
}
