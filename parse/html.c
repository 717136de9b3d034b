/*
 * html.c: HTML reduced to text for the detectors: tags dropped, block
 * ends as newlines, script/style skipped (but CSS generated content
 * kept), alt and title attributes kept, character references decoded
 * (so "19121212&#8209;1212" and "&aring;" read as the text they show).
 * Not an HTML parser: malformed markup gives best-effort text.
 */
#include <string.h>
#include <glib.h>

#include "parse_int.h"

static const struct { const char *name; gunichar c; } entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", 0xA0 }, { "aring", 0xE5 },
	{ "auml", 0xE4 }, { "ouml", 0xF6 }, { "Aring", 0xC5 },
	{ "Auml", 0xC4 }, { "Ouml", 0xD6 }, { "eacute", 0xE9 },
	{ "Eacute", 0xC9 }, { "uuml", 0xFC }, { "Uuml", 0xDC },
	{ "shy", 0xAD }, { "ndash", 0x2013 }, { "mdash", 0x2014 },
	{ "minus", 0x2212 }, { "hyphen", 0x2010 }, { "zwsp", 0x200B },
	{ "ZeroWidthSpace", 0x200B }, { "zwj", 0x200D }, { "zwnj", 0x200C },
	{ "thinsp", 0x2009 }, { "ensp", 0x2002 }, { "emsp", 0x2003 },
	{ "laquo", 0xAB }, { "raquo", 0xBB }, { "copy", 0xA9 },
	{ "sect", 0xA7 }, { "hellip", 0x2026 }, { "rsquo", 0x2019 },
	{ "lsquo", 0x2018 }, { "rdquo", 0x201D }, { "ldquo", 0x201C },
	{ "bull", 0x2022 }, { "middot", 0xB7 },
	/* Invisible and dash look-alikes a number can be written with. */
	{ "NoBreak", 0x2060 }, { "dash", 0x2010 }, { "numsp", 0x2007 },
	{ "puncsp", 0x2008 }, { "hairsp", 0x200A }, { "ThinSpace", 0x2009 },
	{ "VeryThinSpace", 0x200A }, { "NegativeMediumSpace", 0x200B },
	{ "NegativeThinSpace", 0x200B }, { "NegativeVeryThinSpace", 0x200B },
	{ "NegativeThickSpace", 0x200B }, { "InvisibleTimes", 0x2062 },
	{ "InvisibleComma", 0x2063 }, { "ApplyFunction", 0x2061 },
	{ "lrm", 0x200E }, { "rlm", 0x200F },
	/* A line break or tab in text is shown as a space; more spaces
	 * and dots (attack18: "19121212&NewLine;-1212" is shown as
	 * "19121212 -1212"). */
	{ "NewLine", ' ' }, { "Tab", ' ' }, { "MediumSpace", ' ' },
	{ "NonBreakingSpace", 0xA0 }, { "emsp13", 0x2004 },
	{ "emsp14", 0x2005 }, { "horbar", 0x2015 }, { "period", '.' },
	{ "plus", '+' },
};

/* Decodes the reference at s (after '&'); returns bytes used or 0. */
static size_t
entity(const char *s, size_t len, GString *out)
{
	size_t i = 0;
	gunichar c = 0;

	if (len > 1 && s[0] == '#') {
		bool hex = len > 2 && (s[1] == 'x' || s[1] == 'X');
		guint64 v = 0;

		i = hex ? 2 : 1;
		while (i < len && i < 12 && (hex ? g_ascii_isxdigit(s[i]) :
		    g_ascii_isdigit(s[i]))) {
			v = v * (hex ? 16 : 10) + (guint64)(hex ?
			    g_ascii_xdigit_value(s[i]) : g_ascii_digit_value(s[i]));
			i++;
		}
		if (i == (hex ? 2u : 1u) || v == 0 || v > 0x10FFFF)
			return 0;
		c = (gunichar)v;
	} else {
		while (i < len && i < 32 && g_ascii_isalnum(s[i]))
			i++;
		for (size_t k = 0; k < G_N_ELEMENTS(entities); k++)
			if (strlen(entities[k].name) == i &&
			    memcmp(entities[k].name, s, i) == 0) {
				c = entities[k].c;
				break;
			}
		/* The legacy references (the Latin-1 ones, amp, lt, gt,
		 * quot) are read without ';' and before more letters or
		 * digits too: "&nbsp1212" is shown as a no-break space and
		 * 1212 (attack18). The longest such name wins. */
		for (size_t best = 0, k = 0; c == 0 && k <= G_N_ELEMENTS(entities);
		    k++) {
			size_t m;

			if (k == G_N_ELEMENTS(entities)) {
				if (best == 0)
					break;
				i = best;
				for (size_t j = 0; j < G_N_ELEMENTS(entities); j++)
					if (entities[j].c <= 0xFF &&
					    strlen(entities[j].name) == best &&
					    memcmp(entities[j].name, s, best) == 0)
						c = entities[j].c;
				break;
			}
			m = strlen(entities[k].name);
			if (entities[k].c <= 0xFF && entities[k].c > ' ' &&
			    strcmp(entities[k].name, "apos") != 0 && m < i &&
			    m > best && memcmp(entities[k].name, s, m) == 0)
				best = m;
		}
		if (c == 0)
			return 0;
	}
	if (i < len && s[i] == ';')
		i++;
	g_string_append_unichar(out, g_unichar_validate(c) ? c : 0xFFFD);
	return i;
}

static bool
tag_is(const char *t, size_t n, const char *name)
{
	size_t k = strlen(name);

	return n >= k && g_ascii_strncasecmp(t, name, k) == 0 &&
	    (n == k || !g_ascii_isalnum(t[k]));
}

/* The first "</name" at or after p (any case), or NULL. */
static const char *
find_close(const char *p, const char *e, const char *name)
{
	size_t k = strlen(name);

	for (; (p = memchr(p, '<', (size_t)(e - p))) != NULL; p++)
		if (e - p > (ptrdiff_t)(k + 1) && p[1] == '/' &&
		    g_ascii_strncasecmp(p + 2, name, k) == 0)
			return p;
	return NULL;
}

/* The value of attribute name in the tag text t[0..n) (quotes taken
 * off), or NULL: a new string. */
static char *
attr_value(const char *t, size_t n, const char *name)
{
	size_t k = strlen(name);

	for (size_t i = 1; i + k + 1 < n; i++) {
		const char *v;
		size_t m;

		if (!g_ascii_isspace(t[i - 1]) ||
		    g_ascii_strncasecmp(t + i, name, k) != 0 || t[i + k] != '=')
			continue;
		v = t + i + k + 1;
		if (*v == '"' || *v == '\'') {
			const char *q = memchr(v + 1, *v, (size_t)(t + n - v - 1));

			m = q ? (size_t)(q - v - 1) : (size_t)(t + n - v - 1);
			v++;
		} else
			m = strcspn(v, " \t\r\n>");
		if (v + m > t + n)
			m = (size_t)(t + n - v);
		return g_strndup(v, m);
	}
	return NULL;
}

/* An attribute's value a reader is shown (alt, title, a form field's
 * text) on a line of its own, its entities decoded. */
static void
attr_line(const char *v, GString *out)
{
	size_t m;

	if (v == NULL || *v == '\0')
		return;
	m = strlen(v);
	g_string_append_c(out, '\n');
	for (size_t i = 0; i < m; ) {
		size_t used = v[i] == '&' ? entity(v + i + 1, m - i - 1, out) : 0;

		if (used == 0)
			g_string_append_c(out, v[i]);
		i += used + 1;
	}
	g_string_append_c(out, '\n');
}

/* Text a reader is shown from inside a tag (session 16): an image's
 * alt text (shown where images are blocked, as mail clients do by
 * default) and a title (a tooltip), each on a line of its own. */
static void
tag_texts(const char *t, size_t n, GString *out)
{
	static const char *const names[] = { "alt", "title" };

	for (size_t k = 0; k < G_N_ELEMENTS(names); k++) {
		char *v = attr_value(t, n, names[k]);

		attr_line(v, out);
		g_free(v);
	}
}

/* CSS generated content a reader is shown (p::before { content:
 * "..." }, session 16): the quoted strings after "content:" in a style
 * block s[0..n), each on a line of its own. */
static void
style_texts(const char *s, size_t n, GString *out)
{
	const char *e = s + n;

	for (const char *p = s; (p = g_strstr_len(p, e - p, "content")) != NULL;
	    p++) {
		const char *q = p + 7, *c;

		while (q < e && g_ascii_isspace(*q))
			q++;
		if (q >= e || *q != ':')
			continue;
		for (q++; q < e && *q != ';' && *q != '}'; q++) {
			if (*q != '"' && *q != '\'')
				continue;
			c = memchr(q + 1, *q, (size_t)(e - q - 1));
			if (c == NULL)
				break;
			g_string_append_c(out, '\n');
			g_string_append_len(out, q + 1, c - q - 1);
			g_string_append_c(out, '\n');
			q = c;
		}
		p = q - 1;	/* go on after what was read: linear */
	}
}

/* The '>' that ends the tag starting at t (after '<'), or NULL: as the
 * HTML tokenizer reads it, a '>' inside a quoted attribute value ends
 * nothing ("<span title='a>b'>" once cut a number shown whole in two).
 * A quote opens a value only right after '=' (and blanks); comments and
 * other "<!" and "<?" tags end at the first '>'. */
static const char *
tag_end(const char *t, const char *e)
{
	bool after_eq = false;

	/* A comment ends at "-->" (or "--!>"; "<!-->" and "<!--->" are
	 * empty): "1912<!-- a>b -->1212-1212" is shown as one number
	 * (attack18). Outlook's conditional comments ("<!--[if mso]>")
	 * show their content in Outlook: those end at the first '>'. */
	if (e - t >= 3 && memcmp(t, "!--", 3) == 0 &&
	    !(e - t >= 4 && t[3] == '[')) {
		const char *p = t + 3;

		if (p < e && *p == '>')
			return p;
		if (e - p >= 2 && p[0] == '-' && p[1] == '>')
			return p + 1;
		for (; (p = memchr(p, '-', (size_t)(e - p))) != NULL; p++) {
			if (e - p >= 3 && p[1] == '-' && p[2] == '>')
				return p + 2;
			if (e - p >= 4 && p[1] == '-' && p[2] == '!' &&
			    p[3] == '>')
				return p + 3;
		}
		return NULL;
	}
	if (t < e && (*t == '!' || *t == '?'))
		return memchr(t, '>', (size_t)(e - t));
	for (const char *p = t; p < e; p++) {
		if (*p == '>')
			return p;
		if (after_eq && (*p == '"' || *p == '\'')) {
			const char *q = memchr(p + 1, *p, (size_t)(e - p - 1));

			if (q == NULL)
				return NULL;
			p = q;
			after_eq = false;
		} else if (*p == '=')
			after_eq = true;
		else if (!g_ascii_isspace(*p))
			after_eq = false;
	}
	return NULL;
}

/* The text of a form field a reader sees in it (an <input> that is not
 * hidden, a <button>'s value, a placeholder), on a line of its own. */
static void
field_texts(const char *t, size_t n, GString *out)
{
	char *type, *v;

	if (!tag_is(t, n, "input") && !tag_is(t, n, "button"))
		return;
	type = attr_value(t, n, "type");
	if (type == NULL || g_ascii_strcasecmp(type, "hidden") != 0) {
		static const char *const names[] = { "value", "placeholder" };

		for (size_t k = 0; k < G_N_ELEMENTS(names); k++) {
			v = attr_value(t, n, names[k]);
			attr_line(v, out);
			g_free(v);
		}
	}
	g_free(type);
}

/* A tag whose content a reader sees in reverse order (bidi override,
 * right to left): <bdo dir=rtl>, or a style with "bidi-override" and
 * "rtl". The name to look for its close tag by, or NULL. */
static const char *
rtl_override(const char *t, size_t n)
{
	char *dir, *style;
	const char *name = NULL;

	if (tag_is(t, n, "bdo")) {
		dir = attr_value(t, n, "dir");
		if (dir != NULL && !g_ascii_strcasecmp(dir, "rtl"))
			name = "bdo";
		g_free(dir);
		return name;
	}
	style = attr_value(t, n, "style");
	if (style != NULL) {
		char *low = g_ascii_strdown(style, -1);

		if (strstr(low, "bidi-override") && strstr(low, "rtl")) {
			size_t k = strcspn(t, " \t\r\n/>");

			for (const char *const *nm = (const char *const[]){
			    "span", "div", "p", "font", "b", "i", "td", NULL };
			    *nm != NULL; nm++)
				if (strlen(*nm) == k &&
				    !g_ascii_strncasecmp(t, *nm, k))
					name = *nm;
		}
		g_free(low);
		g_free(style);
	}
	return name;
}

/* html_text() modes: the document itself (not an override's content);
 * the pass that leaves out what a style hides. */
enum { HT_TOP = 1, HT_SKIP_HIDDEN = 2 };

static void html_text(const char *s, size_t len, GString *out, int mode,
    bool *hidden);

/* Whether a style or the hidden attribute hides the element from the
 * reader (display:none, visibility:hidden, font-size:0, opacity:0,
 * mso-hide:all): "1912<span style='display:none'>0</span>1212-1212" is
 * shown as one number. */
static bool
tag_hidden(const char *t, size_t n)
{
	char *style = attr_value(t, n, "style"), *hid;
	bool h = false;

	if (style != NULL) {
		GString *c = g_string_new(NULL);
		static const char *const marks[] = { "display:none",
		    "visibility:hidden", "mso-hide:all", "font-size:0",
		    "opacity:0" };

		for (const char *p = style; *p != '\0'; p++)
			if (!g_ascii_isspace(*p))
				g_string_append_c(c, g_ascii_tolower(*p));
		for (size_t k = 0; k < G_N_ELEMENTS(marks) && !h; k++) {
			const char *m = strstr(c->str, marks[k]);
			size_t ml = strlen(marks[k]);

			/* "font-size:0.8em" and "opacity:0.5" show it */
			h = m != NULL && m[ml] != '.' && !g_ascii_isdigit(m[ml]);
		}
		g_string_free(c, TRUE);
		g_free(style);
	}
	hid = attr_value(t, n, "hidden");
	if (hid != NULL)
		h = true;
	g_free(hid);
	for (size_t i = 1; !h && i + 6 <= n; i++)	/* a bare "hidden" */
		h = g_ascii_isspace(t[i - 1]) &&
		    !g_ascii_strncasecmp(t + i, "hidden", 6) &&
		    (i + 6 == n || g_ascii_isspace(t[i + 6]) || t[i + 6] == '/');
	return h;
}

static bool
name_in(const char *const *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == name)
			return true;
	return false;
}

static bool
hidden_noclose(char (*v)[16], size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_strcasecmp(v[i], name))
			return true;
	return false;
}

void
parse_html_to_text(const char *s, size_t len, GString *out)
{
	bool hidden = false;

	html_text(s, len, out, HT_TOP, &hidden);
	/* What a style hides was read with the rest; the text as shown,
	 * without it, is read as well (attack18). */
	if (hidden) {
		GString *shown = g_string_new(NULL);

		html_text(s, len, shown, HT_TOP | HT_SKIP_HIDDEN, &hidden);
		g_string_append_c(out, '\n');
		g_string_append_len(out, shown->str, (gssize)shown->len);
		g_string_free(shown, TRUE);
	}
}

/* top: the document itself; an override's content is read with top
 * false (one level: no recursion beyond, and a reversal inside a
 * reversal is not undone twice). */
static void
html_text(const char *s, size_t len, GString *out, int mode, bool *hidden)
{
	bool top = (mode & HT_TOP) != 0;
	/* the first place no close tag of an override follows: a search
	 * for one is not repeated from there on (linear) */
	const char *rtl_none[8] = { NULL };	/* names, by rtl_override */
	size_t n_none = 0, n_hnone = 0;
	char hnone[8][16];	/* hidden tags' names without a close */
	const char *rname;
	/* Text from inside tags (alt, title, form fields) is kept apart
	 * and added after the document: put where the tag is, it cut the
	 * text around it ("1912<span title='x'>1212-1212" is shown as one
	 * number, the title only as a tooltip). */
	GString *side = g_string_new(NULL);
	size_t i = 0;

	while (i < len) {
		/* "<" starts a tag only before a letter, "/", "!" or "?"
		 * (HTML tokenizer); "<19121212-1212" is shown as text. */
		if (s[i] == '<' && i + 1 < len && (g_ascii_isalpha(s[i + 1]) ||
		    s[i + 1] == '/' || s[i + 1] == '!' || s[i + 1] == '?')) {
			const char *t = s + i + 1;
			const char *end = tag_end(t, s + len), *rclose, *hclose;
			char hname[16];
			bool th;
			size_t n, k;

			if (end == NULL)
				break;
			n = (size_t)(end - t);
			k = MIN(n, strcspn(t, " \t\r\n/>"));
			th = g_ascii_isalpha(t[0]) && k < sizeof(hname) &&
			    tag_hidden(t, n);
			if (th) {
				*hidden = true;
				memcpy(hname, t, k);
				hname[k] = '\0';
			}
			if (tag_is(t, n, "script") || tag_is(t, n, "style")) {
				/* The close tag in any case ("</Script>" once
				 * hid the rest of the document). */
				const char *close = find_close(end, s + len,
				    tag_is(t, n, "script") ? "script" : "style");

				if (close == NULL)
					break;
				if (tag_is(t, n, "style"))
					style_texts(end, (size_t)(close - end), out);
				end = memchr(close, '>', (size_t)(s + len - close));
				if (end == NULL)
					break;
			} else if (th && (mode & HT_SKIP_HIDDEN) &&
			    !hidden_noclose(hnone, n_hnone, hname) &&
			    ((hclose = find_close(end, s + len, hname)) != NULL ||
			    (n_hnone < G_N_ELEMENTS(hnone) &&
			    (g_strlcpy(hnone[n_hnone++], hname,
			    sizeof(hnone[0])), false)))) {
				/* hidden: left out in this pass */
				end = memchr(hclose, '>', (size_t)(s + len - hclose));
				if (end == NULL)
					break;
			} else if (top && t[0] != '/' && t[0] != '!' &&
			    memchr(t, '=', n) &&
			    (rname = rtl_override(t, n)) != NULL &&
			    !name_in(rtl_none, n_none, rname) &&
			    ((rclose = find_close(end, s + len, rname)) != NULL ||
			    (n_none < G_N_ELEMENTS(rtl_none) &&
			    (rtl_none[n_none++] = rname) == NULL))) {
				/* Shown right to left: "2121-21212191" in a
				 * <bdo dir=rtl> reads 19121212-1212. The text
				 * up to the close tag, reversed (by
				 * characters), the close tag after it. */
				GString *in = g_string_new(NULL);
				char *rev;

				html_text(end + 1, (size_t)(rclose - end - 1),
				    in, mode & HT_SKIP_HIDDEN, hidden);
				rev = g_utf8_validate(in->str, (gssize)in->len,
				    NULL) ? g_utf8_strreverse(in->str,
				    (gssize)in->len) : g_strdup(in->str);
				g_string_append(out, rev);
				g_free(rev);
				g_string_free(in, TRUE);
				end = memchr(rclose, '>', (size_t)(s + len - rclose));
				if (end == NULL)
					break;
			} else if (t[0] != '/' && t[0] != '!' && memchr(t, '=', n)) {
				tag_texts(t, n, side);
				field_texts(t, n, side);
			}
			if (tag_is(t, n, "br") || tag_is(t, n, "/p") ||
			    tag_is(t, n, "/div") || tag_is(t, n, "/li") ||
			    tag_is(t, n, "/tr") || tag_is(t, n, "p") ||
			    tag_is(t, n, "/h1") || tag_is(t, n, "/h2") ||
			    tag_is(t, n, "/td") || tag_is(t, n, "title") ||
			    tag_is(t, n, "/title") || tag_is(t, n, "head") ||
			    tag_is(t, n, "/head") || tag_is(t, n, "/body") ||
			    tag_is(t, n, "/html"))
				g_string_append_c(out, tag_is(t, n, "/td") ?
				    ' ' : '\n');
			i = (size_t)(end - s) + 1;
		} else if (s[i] == '&') {
			size_t used = entity(s + i + 1, len - i - 1, out);

			if (used == 0)
				g_string_append_c(out, '&');
			i += used + 1;
		} else {
			/* Source line breaks are not text breaks in HTML. */
			g_string_append_c(out, s[i] == '\r' || s[i] == '\n' ?
			    ' ' : s[i]);
			i++;
		}
	}
	if (side->len > 0) {
		g_string_append_c(out, '\n');
		g_string_append_len(out, side->str, (gssize)side->len);
	}
	g_string_free(side, TRUE);
}
