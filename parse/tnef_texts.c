/*
 * tnef_texts.c: the texts of a TNEF meeting a client may show: the
 * plain, RTF and HTML bodies reduced to text, every other string
 * property, and the first Teams join link among them. Strings go into
 * struct tnef, which owns them.
 */
#include <string.h>
#include <glib.h>

#include "parse_int.h"
#include "tnef_int.h"

/* Keeps the first Teams join link found in s[0..n) as t->teams_url. */
static void
find_teams(struct tnef *t, const char *s, size_t n)
{
	static const char *const pfx[] = {
	    "https://teams.microsoft.com/l/meetup-join/",
	    "https://teams.live.com/meet/",
	    "https://teams.microsoft.com/meet/" };

	if (t->teams_url != NULL || s == NULL)
		return;
	for (size_t k = 0; k < G_N_ELEMENTS(pfx); k++) {
		const char *hit = g_strstr_len(s, (gssize)n, pfx[k]);
		size_t l = 0;

		if (hit == NULL)
			continue;
		while (hit + l < s + n && l < TNEF_MAX_URL &&
		    !strchr(" \t\r\n\"'<>{}\\", hit[l]) && hit[l] != '\0')
			l++;
		t->teams_url = g_strndup(hit, l);
		return;
	}
}

/* The plain, RTF and HTML bodies of the message, each as text. */
void
tnef_bodies(struct ctx *c, const struct attr *a_body)
{
	struct tnef *t = c->t;
	MAPIProperty *mp;
	const variableLength *vl;

	t->body_plain = tnef_get_str(c, P_BODY, NULL);
	if (t->body_plain == NULL && a_body != NULL)
		t->body_plain = tnef_fit(c, tnef_cp_to_utf8(
		    (const char *)a_body->p, strnlen((const char *)a_body->p,
		    a_body->len), c->cp));
	if ((vl = tnef_get_bin(c, P_RTF_COMPRESSED, NULL)) != NULL) {
		size_t rl = 0;
		char *rtf = tnef_rtf_bytes(t, vl, &rl);

		if (rtf != NULL) {
			find_teams(t, rtf, rl);
			t->body_rtf = tnef_fit(c, tnef_rtf_to_text(rtf, rl,
			    c->text_cap + 1));
			g_free(rtf);
		}
	}
	/* PR_HTML is binary (or a string) in the internet code page */
	mp = tnef_find(c, P_HTML, NULL, false, PT_BINARY);
	if (mp == NULL)
		mp = tnef_find(c, P_HTML, NULL, true, 0);
	if (mp != NULL) {
		char *h = NULL;

		g_ptr_array_add(c->seen, mp);
		if (PROP_TYPE(mp->id) == PT_BINARY) {
			if (mp->data[0].data != NULL && mp->data[0].size > 0)
				h = tnef_cp_to_utf8(
				    (const char *)mp->data[0].data,
				    (size_t)mp->data[0].size, 65001);
		} else
			h = tnef_value_str(c, mp, 0);
		if (h != NULL) {
			GString *o = g_string_new(NULL);
			size_t hl = strlen(h);

			find_teams(t, h, hl);
			parse_html_to_text(h, hl, o);
			t->body_html = tnef_fit(c, g_string_free(o, FALSE));
			g_free(h);
		}
	}
	if (t->body_plain != NULL)
		find_teams(t, t->body_plain, strlen(t->body_plain));
}

/* Whether mp was already taken into a field of struct tnef. */
static bool
was_seen(struct ctx *c, const MAPIProperty *mp)
{
	for (guint i = 0; i < c->seen->len; i++)
		if (g_ptr_array_index(c->seen, i) == mp)
			return true;
	return false;
}

/* Every string property not taken into a field, as other_texts. */
void
tnef_other_texts(struct ctx *c)
{
	struct tnef *t = c->t;
	GPtrArray *v = g_ptr_array_new();

	for (size_t b = 0; b < c->n_msg; b++) {
		MAPIProps *ps = &c->msg[b]->MapiProperties;

		for (DWORD i = 0; i < ps->count; i++) {
			MAPIProperty *mp = &ps->properties[i];

			if (!tnef_is_string(mp) || mp->data == NULL ||
			    was_seen(c, mp))
				continue;
			for (ULONG k = 0; k < mp->count; k++) {
				char *s;

				if (v->len >= TNEF_MAX_OTHER_TEXTS) {
					tnef_note(t, "more TNEF string "
					    "properties than the cap");
					goto out;
				}
				if ((s = tnef_value_str(c, mp, k)) == NULL)
					continue;
				find_teams(t, s, strlen(s));
				g_ptr_array_add(v, s);
			}
		}
	}
out:
	t->n_other = v->len;
	t->other_texts = (char **)g_ptr_array_free(v, v->len == 0);
}
