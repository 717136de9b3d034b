/*
 * vcal.c: vCalendar 1.0 quoted-printable values (Outlook 2003, .vcs
 * files, phones) rewritten as iCalendar TEXT before libical reads the
 * calendar, so the detectors see the decoded text. Knows nothing else
 * of iCalendar; returns new strings (g_free).
 */
#include <string.h>
#include <glib.h>

#include "parse_int.h"

/* The value of parameter name (upper case) in the parameter part of a
 * content line, e.g. "CHARSET" in ";ENCODING=QUOTED-PRINTABLE;CHARSET=
 * UTF-8"; a bare "QUOTED-PRINTABLE" (vCalendar 1.0) counts as ENCODING.
 * Returns a new string or NULL. */
static char *
vcal_param(const char *params, const char *name)
{
	char **ps = g_strsplit(params, ";", -1);
	char *v = NULL;
	size_t n = strlen(name);

	/* ps[0] is the name; an empty params gives no element at all. */
	for (size_t i = 1; ps[0] != NULL && ps[i] && v == NULL; i++) {
		if (g_ascii_strncasecmp(ps[i], name, n) == 0 && ps[i][n] == '=')
			v = g_strdup(ps[i] + n + 1);
		else if (!strcmp(name, "ENCODING") &&
		    !g_ascii_strcasecmp(ps[i], "QUOTED-PRINTABLE"))
			v = g_strdup(ps[i]);
	}
	g_strfreev(ps);
	if (v != NULL)
		g_strstrip(g_strdelimit(v, "\"", ' '));
	return v;
}

/* vCalendar 1.0 (Outlook 2003, .vcs, phones) writes non-ASCII text as
 * "SUMMARY;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:J=C3=B6nsson 1912=" with
 * "=" at the end of a line continuing it. libical keeps that as text, so
 * the detectors saw "J=C3=B6nsson" and a number cut in two. Rewrites such
 * lines as plain iCalendar TEXT (decoded, converted, escaped). Returns a
 * new string, or NULL when the text has no such line. */
char *
vcal_qp_decode(struct invite *inv, const char *s)
{
	GString *out;
	char **lines;
	const char *q;

	for (q = s; (q = strpbrk(q, "Qq")) != NULL; q++)
		if (g_ascii_strncasecmp(q, "QUOTED-PRINTABLE", 16) == 0)
			break;
	if (q == NULL)
		return NULL;
	out = g_string_new(NULL);
	lines = g_strsplit(s, "\n", -1);
	for (size_t i = 0; lines[i]; i++) {
		char *l = lines[i], *colon, *params, *enc;
		bool quoted = false;

		g_strchomp(l);
		for (colon = l; *colon; colon++) {
			if (*colon == '"')
				quoted = !quoted;
			else if (*colon == ':' && !quoted)
				break;
		}
		params = *colon ? g_strndup(l, (size_t)(colon - l)) : NULL;
		enc = params ? vcal_param(params, "ENCODING") : NULL;
		if (enc == NULL || g_ascii_strcasecmp(enc, "QUOTED-PRINTABLE")) {
			g_string_append(out, l);
			g_string_append(out, "\r\n");
		} else {
			GString *raw = g_string_new(NULL);
			GString *v = g_string_new(colon + 1);
			char *cs = vcal_param(params, "CHARSET"), *u, **ps;

			/* "=" at the end: the value goes on in the next line. */
			while (v->len > 0 && v->str[v->len - 1] == '=' &&
			    lines[i + 1] != NULL) {
				g_string_truncate(v, v->len - 1);
				g_string_append(v, g_strchomp(lines[++i]));
			}
			for (size_t k = 0; k < v->len; k++) {
				const char *p = v->str + k;

				if (*p == '=' && k + 2 < v->len &&
				    g_ascii_isxdigit(p[1]) && g_ascii_isxdigit(p[2])) {
					g_string_append_c(raw, (char)(
					    g_ascii_xdigit_value(p[1]) * 16 +
					    g_ascii_xdigit_value(p[2])));
					k += 2;
				} else
					g_string_append_c(raw, *p);
			}
			u = invite_to_utf8(inv, raw->str, raw->len, cs);
			/* The parameters without ENCODING and CHARSET. */
			ps = g_strsplit(params, ";", -1);
			g_string_append(out, ps[0] ? ps[0] : "");
			for (size_t k = 1; ps[0] && ps[k]; k++)
				if (g_ascii_strncasecmp(ps[k], "ENCODING=", 9) &&
				    g_ascii_strncasecmp(ps[k], "CHARSET=", 8) &&
				    g_ascii_strcasecmp(ps[k], "QUOTED-PRINTABLE")) {
					g_string_append_c(out, ';');
					g_string_append(out, ps[k]);
				}
			g_string_append_c(out, ':');
			for (const char *p = u; *p; p++) {
				if (*p == '\r' && p[1] == '\n')
					continue;
				if (*p == '\n' || *p == '\r')
					g_string_append(out, "\\n");
				else {
					if (*p == '\\' || *p == ';' || *p == ',')
						g_string_append_c(out, '\\');
					g_string_append_c(out, *p);
				}
			}
			g_string_append(out, "\r\n");
			g_strfreev(ps);
			g_free(u);
			g_free(cs);
			g_string_free(v, TRUE);
			g_string_free(raw, TRUE);
		}
		g_free(enc);
		g_free(params);
	}
	g_strfreev(lines);
	return g_string_free(out, FALSE);
}
