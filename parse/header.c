/*
 * header.c: header values as text: RFC 2047 encoded words in an
 * unstructured header (Subject) or a file name, and one parameter of a
 * structured value (Content-Type, Content-Disposition). Works on raw
 * header values; GMime's own decoder loses text (see encoded_word), so
 * parse/ decodes these itself. Returns new strings (g_free).
 */
#include <string.h>
#include <glib.h>

#include "parse.h"
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

char *
parse_header_text(const char *raw)
{
	struct invite *inv = invite_new();
	char *t = header_text(inv, raw);

	invite_free(inv);
	return t;
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

/* The text/plain, text/html or image type that alone cannot be a calendar
 * at the start of value v (after blanks and comments), followed by
 * nothing, blanks, ';' or a comment. */
static bool
type_among(const char *v, const char *const *types, size_t ntypes)
{
	for (;;) {		/* blanks and (comments) before the type */
		while (g_ascii_isspace(*v))
			v++;
		if (*v != '(')
			break;
		for (int depth = 0; *v != '\0'; v++) {
			if (*v == '\\' && v[1] != '\0')
				v++;
			else if (*v == '(')
				depth++;
			else if (*v == ')' && --depth == 0) {
				v++;
				break;
			}
		}
	}
	for (size_t i = 0; i < ntypes; i++) {
		size_t n = strlen(types[i]);
		char c;

		if (g_ascii_strncasecmp(v, types[i], n) != 0)
			continue;
		if (types[i][n - 1] == '/') {	/* image/ + a token */
			const char *t = v + n;

			while (g_ascii_isalnum(*t) || (*t != '\0' &&
			    strchr("!#$%&'*+.^_`|~-", *t) != NULL))
				t++;
			if (t == v + n)
				return false;
			c = *t;
		} else
			c = v[n];
		return c == '\0' || c == ';' || c == '(' || g_ascii_isspace(c);
	}
	return false;
}

static bool
plain_type(const char *v)
{
	static const char *const types[] = { "text/plain", "text/html",
	    "image/" };

	return type_among(v, types, G_N_ELEMENTS(types));
}

bool
parse_header_text_plain(const char *value)
{
	static const char *const types[] = { "text/plain" };

	return value != NULL && type_among(value, types, 1);
}

bool
parse_header_cte_readable(const char *value)
{
	static const char *const ids[] = { "7bit", "8bit", "binary",
	    "quoted-printable" };

	return value != NULL && type_among(value, ids, G_N_ELEMENTS(ids));
}

/* A parameter whose name starts with "name" or "filename" (name=,
 * name*=, filename*0*=...), anywhere after a ';'. */
static bool
has_name_param(const char *v)
{
	for (const char *p = v; (p = strchr(p, ';')) != NULL;) {
		for (p++; g_ascii_isspace(*p); p++)
			;
		if (g_ascii_strncasecmp(p, "name", 4) == 0 ||
		    g_ascii_strncasecmp(p, "filename", 8) == 0)
			return true;
	}
	return false;
}

bool
parse_header_may_invite(const char *name, const char *value)
{
	if (name == NULL || value == NULL)
		return name != NULL && (!g_ascii_strcasecmp(name,
		    "Content-Type") || !g_ascii_strcasecmp(name,
		    "Content-Disposition"));
	if (!g_ascii_strcasecmp(name, "Content-Type"))
		return !plain_type(value) || has_name_param(value);
	if (!g_ascii_strcasecmp(name, "Content-Disposition"))
		return has_name_param(value);
	return false;
}

bool
parse_headers_may_invite(const char *hdr, size_t len)
{
	const char *p = hdr, *end = hdr + len;
	bool may = false;

	while (p < end && !may) {
		const char *colon, *e = p;
		GString *v;
		char *name;

		/* the header's lines: up to a line that starts no fold */
		for (;;) {
			const char *nl = memchr(e, '\n', (size_t)(end - e));

			e = nl ? nl + 1 : end;
			if (e >= end || (*e != ' ' && *e != '\t'))
				break;
		}
		if (p[0] == '\n' || (p[0] == '\r' && p + 1 < end &&
		    p[1] == '\n'))
			break;		/* the empty line */
		colon = memchr(p, ':', (size_t)(e - p));
		if (colon == NULL) {
			p = e;
			continue;
		}
		name = g_strstrip(g_strndup(p, (size_t)(colon - p)));
		v = g_string_new_len(colon + 1, e - colon - 1);
		for (gsize i = 0; i < v->len; i++)
			if (v->str[i] == '\r' || v->str[i] == '\n' ||
			    v->str[i] == '\0')
				v->str[i] = ' ';
		may = parse_header_may_invite(name, v->str);
		g_free(name);
		g_string_free(v, TRUE);
		p = e;
	}
	return may;
}

static const char *const address_headers[] = { "From", "Sender", "Reply-To",
    "To", "Cc", "Bcc", "Resent-From", "Resent-Sender", "Resent-To",
    "Resent-Cc" };
static const char *const text_headers[] = { "Comments", "Keywords",
    "Thread-Topic", "Organization" };

static bool
name_in_list(const char *name, size_t n, const char *const *l, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(l[i]) == n && g_ascii_strncasecmp(name, l[i], n) == 0)
			return true;
	return false;
}

bool
parse_header_is_address(const char *name)
{
	return name_in_list(name, strlen(name), address_headers,
	    G_N_ELEMENTS(address_headers));
}

bool
parse_header_is_text(const char *name)
{
	return name_in_list(name, strlen(name), text_headers,
	    G_N_ELEMENTS(text_headers));
}

bool
header_is_shown(const char *name, size_t n)
{
	return name_in_list(name, n, address_headers,
	    G_N_ELEMENTS(address_headers)) || name_in_list(name, n,
	    text_headers, G_N_ELEMENTS(text_headers));
}

/* Appends the display name raw[a..b) (quotes and backslashes undone,
 * blanks squeezed, encoded words decoded) to names, a line each. */
static void
add_name(struct invite *inv, GString *names, const char *raw, size_t a,
    size_t b)
{
	GString *n = g_string_new(NULL);

	for (size_t i = a; i < b; i++) {
		char c = raw[i];

		if (c == '"')
			continue;
		if (c == '\\' && i + 1 < b)
			c = raw[++i];
		if (g_ascii_isspace(c) || c == '\0') {
			if (n->len > 0 && n->str[n->len - 1] != ' ')
				g_string_append_c(n, ' ');
			continue;
		}
		g_string_append_c(n, c);
	}
	g_strstrip(n->str);
	if (n->str[0] != '\0') {
		char *t = header_text(inv, n->str);

		if (names->len > 0 && t[0] != '\0')
			g_string_append_c(names, '\n');
		g_string_append(names, t);
		g_free(t);
	}
	g_string_free(n, TRUE);
}

/* The display names and comments of an address list (RFC 5322 3.4):
 * per element, the phrase before '<' (or a group's name before ':'),
 * and every (comment), which old clients use for the name
 * ("a@b (Anna Svensson)"); never the addresses themselves. One name a
 * line. */
static void
address_names(struct invite *inv, const char *raw, GString *names)
{
	size_t n = strlen(raw), start = 0;
	bool quoted = false, in_angle = false, phrase_done = false;

	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? raw[i] : ',';

		if (quoted) {
			if (c == '\\' && i + 1 < n)
				i++;
			else if (c == '"')
				quoted = false;
			continue;
		}
		if (in_angle) {
			if (c == '>') {
				in_angle = false;
				start = i + 1;
			}
			continue;
		}
		if (c == '"')
			quoted = true;
		else if (c == '(') {
			/* a comment: its text is a name */
			size_t j = i + 1;

			for (int depth = 1; j < n && depth > 0; j++) {
				if (raw[j] == '\\' && j + 1 < n)
					j++;
				else if (raw[j] == '(')
					depth++;
				else if (raw[j] == ')')
					depth--;
			}
			add_name(inv, names, raw, i + 1, j > i + 1 && raw[j - 1] == ')' ?
			    j - 1 : j);
			i = j - 1;
			if (!phrase_done)
				start = j;
		} else if (c == '<') {
			if (!phrase_done)
				add_name(inv, names, raw, start, i);
			phrase_done = true;
			in_angle = true;
		} else if (c == ':') {
			add_name(inv, names, raw, start, i);	/* a group's name */
			start = i + 1;
		} else if (c == ',' || c == ';') {
			/* no '<': an addr-spec alone, not a name */
			phrase_done = false;
			start = i + 1;
		}
	}
}

void
header_local_lines(GString *out, const char *b, const char *at, bool mailto)
{
	for (const char *p = b; p < at; p++) {
		char c = *p;

		if (!mailto && c == '"')
			continue;
		if (!mailto && c == '\\' && p + 1 < at)
			c = *++p;
		else if (mailto && c == '%' && p + 2 < at &&
		    g_ascii_isxdigit(p[1]) && g_ascii_isxdigit(p[2])) {
			c = (char)(g_ascii_xdigit_value(p[1]) * 16 +
			    g_ascii_xdigit_value(p[2]));
			p += 2;
		}
		g_string_append_c(out, c == '.' || c == '_' || c == '+' ?
		    '\n' : c);
	}
}

/* The local parts of the addresses in raw that hold a digit, one piece
 * a line (header_local_lines): a reader sees "19121212-1212"@kommun.example
 * as plainly as a display name (session 16), as the calendar's mailto:
 * local parts (ical.c). Letters-only local parts are left out:
 * "Anna.Svensson@" is the address book's form of a name already read
 * from its display name. */
static void
local_parts(const char *raw, GString *names)
{
	for (const char *at = strchr(raw, '@'); at != NULL;
	    at = strchr(at + 1, '@')) {
		const char *b = at;
		bool digit = false;

		if (b > raw && b[-1] == '"') {		/* "quoted"@ */
			b--;
			while (b > raw && !(b[-1] == '"' && (b - 1 == raw ||
			    b[-2] != '\\')))
				b--;
			if (b > raw)
				b--;
		} else
			while (b > raw && strchr(" \t\r\n<,:;()\"", b[-1]) == NULL)
				b--;
		for (const char *p = b; p < at; p++)
			digit |= g_ascii_isdigit(*p);
		if (!digit)
			continue;
		if (names->len > 0)
			g_string_append_c(names, '\n');
		header_local_lines(names, b, at, false);
	}
}

void
header_shown(struct invite *inv, const char *name, const char *raw)
{
	size_t n = strlen(name);
	char *t;

	if (raw == NULL)
		return;
	if (name_in_list(name, n, address_headers,
	    G_N_ELEMENTS(address_headers))) {
		GString *names = g_string_new(NULL);

		address_names(inv, raw, names);
		local_parts(raw, names);
		invite_add_text(inv, FLD_ADDRESS_NAME, -1, names->str,
		    names->len);
		g_string_free(names, TRUE);
	} else if (name_in_list(name, n, text_headers,
	    G_N_ELEMENTS(text_headers))) {
		t = header_text(inv, raw);
		if (inv->subject == NULL || strcmp(t, inv->subject) != 0)
			invite_add_text(inv, FLD_HEADER, -1, t, strlen(t));
		g_free(t);
	}
}
