/*
 * correct_text.c: the text helpers of the correction (see
 * correct_text.h): a verdict's needles, cutting them out of a text
 * (never out of a Teams join link), plain text as simple HTML, the
 * Teams join block. Plain strings in and out; no MIME, no iCalendar.
 */
#include <string.h>
#include <glib.h>

#include "correct_text.h"

static bool
is_word_char(const char *s, const char *p, bool before, const char *end)
{
	gunichar c;

	if (before) {
		if (p <= s)
			return false;
		p = g_utf8_find_prev_char(s, p);
		if (p == NULL)
			return false;
	} else if (p >= end)
		return false;
	c = g_utf8_get_char_validated(p, end - p);
	if (c == (gunichar)-1 || c == (gunichar)-2)
		return false;
	return g_unichar_isalnum(c);
}

/* Byte ranges of Teams join links in s: never cut (the guests need them). */
static GArray *
protected_ranges(const char *s, size_t len)
{
	static const char *const hosts[] = { "https://teams.microsoft.com",
		"https://teams.live.com", "https://dialin.teams.microsoft.com",
		"https://aka.ms/JoinTeamsMeeting" };
	GArray *r = g_array_new(FALSE, FALSE, sizeof(size_t));

	for (size_t k = 0; k < G_N_ELEMENTS(hosts); k++) {
		const char *p = s;

		while ((p = g_strstr_len(p, (gssize)(s + len - p), hosts[k]))) {
			size_t a = (size_t)(p - s), b = a;

			while (b < len && !g_ascii_isspace(s[b]) && s[b] != '>' &&
			    s[b] != '"')
				b++;
			g_array_append_val(r, a);
			g_array_append_val(r, b);
			p = s + b;
		}
	}
	return r;
}

static gint
cmp_range(gconstpointer a, gconstpointer b)
{
	const size_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0;
}

char *
correct_cut(const char *s, size_t len, GPtrArray *needles,
    const GArray *ranges, size_t *n_cut)
{
	GArray *cuts = g_array_new(FALSE, FALSE, 2 * sizeof(size_t));
	GArray *prot = protected_ranges(s, len);
	GString *out = g_string_sized_new(len);
	size_t pos = 0, n = 0;

	if (ranges != NULL)
		for (size_t i = 0; i + 1 < ranges->len; i += 2) {
			size_t r[2] = { g_array_index(ranges, size_t, i),
			    g_array_index(ranges, size_t, i + 1) };

			if (r[0] < r[1] && r[1] <= len)
				g_array_append_val(cuts, r);
		}
	for (size_t k = 0; needles != NULL && k < needles->len; k++) {
		const char *nd = g_ptr_array_index(needles, k);
		size_t nl = strlen(nd);
		const char *p = s;

		if (nl == 0)
			continue;
		while ((p = g_strstr_len(p, (gssize)(s + len - p), nd))) {
			size_t r[2] = { (size_t)(p - s), (size_t)(p - s) + nl };

			if (!is_word_char(s, p, true, s + len) &&
			    !is_word_char(s, p + nl, false, s + len))
				g_array_append_val(cuts, r);
			p += nl;
		}
	}
	g_array_sort(cuts, cmp_range);
	for (size_t i = 0; i < cuts->len; i++) {
		size_t *r = &g_array_index(cuts, size_t, 2 * i);
		bool keep = false;

		if (r[1] <= pos)
			continue;	/* inside an earlier cut */
		if (r[0] < pos)
			r[0] = pos;
		for (size_t j = 0; j + 1 < prot->len; j += 2)
			if (r[0] < g_array_index(prot, size_t, j + 1) &&
			    g_array_index(prot, size_t, j) < r[1])
				keep = true;
		if (keep)
			continue;
		g_string_append_len(out, s + pos, (gssize)(r[0] - pos));
		pos = r[1];
		/* "a  b" or "a ,": drop the space the cut leaves behind. */
		while (pos < len && s[pos] == ' ' && (out->len == 0 ||
		    out->str[out->len - 1] == ' ' ||
		    out->str[out->len - 1] == '\n'))
			pos++;
		/* "a ." : no space before the punctuation after a cut */
		if (pos < len && s[pos] != '\0' && strchr(".,;:)!?", s[pos]) &&
		    out->len > 0 && out->str[out->len - 1] == ' ')
			g_string_truncate(out, out->len - 1);
		n++;
	}
	g_string_append_len(out, s + pos, (gssize)(len - pos));
	g_array_free(cuts, TRUE);
	g_array_free(prot, TRUE);
	if (n_cut)
		*n_cut = n;
	return g_string_free(out, FALSE);
}

GPtrArray *
correct_needles(const struct invite *inv, const struct verdict *v)
{
	GPtrArray *nd = g_ptr_array_new_with_free_func(g_free);

	for (size_t i = 0; v != NULL && inv != NULL && i < v->n; i++) {
		const struct finding *f = &v->f[i];

		if (f->end <= f->start || f->action < ACT_FLAG)
			continue;
		for (size_t t = 0; t < inv->n_texts; t++) {
			const struct inv_text *tx = &inv->texts[t];
			char *s;
			bool dup = false;

			/* the text the rules found it in, when they say */
			if (f->text_no != 0 && f->text_no != t + 1)
				continue;
			if (tx->field != f->field || tx->comp != f->comp ||
			    f->end > tx->len)
				continue;
			s = g_strndup(tx->s + f->start, f->end - f->start);
			g_strstrip(s);
			for (size_t k = 0; k < nd->len; k++)
				dup |= strcmp(g_ptr_array_index(nd, k), s) == 0;
			if (dup || *s == '\0' || !g_utf8_validate(s, -1, NULL))
				g_free(s);
			else
				g_ptr_array_add(nd, s);
			break;
		}
	}
	return nd;
}

char *
correct_text_to_html(const char *s)
{
	GString *h = g_string_new("<html><body><p>");

	for (const char *p = s; *p; ) {
		if (g_str_has_prefix(p, "https://") || g_str_has_prefix(p,
		    "http://")) {
			size_t n = strcspn(p, " \t\r\n<>\"");
			char *u = g_markup_escape_text(p, (gssize)n);

			g_string_append_printf(h, "<a href=\"%s\">%s</a>", u, u);
			g_free(u);
			p += n;
		} else if (*p == '\n') {
			g_string_append(h, "<br>\n");
			p++;
		} else {
			const char *q = p + 1;
			char *e;

			while (*q && *q != '\n' && *q != 'h')
				q++;
			e = g_markup_escape_text(p, q - p);
			g_string_append(h, e);
			g_free(e);
			p = q;
		}
	}
	g_string_append(h, "</p></body></html>");
	return g_string_free(h, FALSE);
}

char *
correct_teams_block(const char *s)
{
	const char *m = strstr(s, "Microsoft Teams");
	const char *a, *b;

	if (m == NULL)
		return NULL;
	/* the line of underscores before the marker, if any */
	a = m;
	while (a > s && a[-1] != '\n')
		a--;
	if (a > s) {
		const char *prev = a - 1;

		while (prev > s && prev[-1] != '\n')
			prev--;
		if (g_str_has_prefix(prev, "____"))
			a = prev;
	}
	b = strstr(m, "\n____");
	if (b != NULL) {
		b++;
		while (*b == '_')
			b++;
	} else
		b = m + strlen(m);
	return g_strndup(a, (gsize)(b - a));
}
