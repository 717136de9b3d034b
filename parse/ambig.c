/*
 * ambig.c: the other reading of a message whose MIME headers can be
 * read two ways (see ambig.h): where it differs, and what it adds.
 */
#include <string.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "ambig.h"
#include "limits.h"
#include "parse_int.h"


/* The byte at off in the message starts name (case-insensitively):
 * the place GMime says a header starts is checked before it is cut. */
static bool
at_name(const struct amb *a, gint64 off, const char *name)
{
	size_t n = strlen(name);

	return off >= 0 && (size_t)off + n <= a->len &&
	    g_ascii_strncasecmp(a->buf + off, name, n) == 0;
}

/* Offsets, in the raw header value v[0..n), of each parameter named
 * "boundary" (also "boundary*": RFC 2231), outside quotes. */
static GArray *
boundary_params(const char *v, size_t n)
{
	GArray *at = g_array_new(FALSE, FALSE, sizeof(size_t));
	bool quoted = false;

	for (size_t i = 0; i < n; i++) {
		if (v[i] == '"' && (i == 0 || v[i - 1] != '\\'))
			quoted = !quoted;
		if (quoted || v[i] != ';')
			continue;
		for (i++; i < n && (v[i] == ' ' || v[i] == '\t' ||
		    v[i] == '\r' || v[i] == '\n'); i++)
			;
		if (n - i >= 8 && g_ascii_strncasecmp(v + i, "boundary", 8) == 0) {
			size_t k = i + 8;

			if (k < n && v[k] == '*')
				k++;
			while (k < n && (v[k] == ' ' || v[k] == '\t'))
				k++;
			if (k < n && v[k] == '=')
				g_array_append_val(at, i);
		}
		i--;
	}
	return at;
}

static void
amb_object(GMimeObject *obj, struct amb *a)
{
	static const char *const names[] = { "Content-Type",
	    "Content-Transfer-Encoding" };
	GMimeHeaderList *hl = obj ? g_mime_object_get_header_list(obj) : NULL;
	int count = hl ? g_mime_header_list_get_count(hl) : 0;

	for (size_t k = 0; k < G_N_ELEMENTS(names); k++) {
		GMimeHeader *first = NULL, *last = NULL;
		int seen = 0;

		for (int i = 0; i < count; i++) {
			GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);

			if (g_ascii_strcasecmp(g_mime_header_get_name(h),
			    names[k]) != 0)
				continue;
			if (seen++ == 0)
				first = h;
			last = h;
		}
		/* Repeated boundaries in a Content-Type GMime did not take:
		 * one more ambiguity (a reading mixed with the other: more
		 * than one ambiguity is the limit). */
		for (int i = 0; k == 0 && seen > 1 && i < count; i++) {
			GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
			const char *raw = g_mime_header_get_raw_value(h);
			GArray *bp;

			if (h == last || g_ascii_strcasecmp(
			    g_mime_header_get_name(h), names[k]) != 0 ||
			    raw == NULL)
				continue;
			bp = boundary_params(raw, strlen(raw));
			if (bp->len >= 2)
				a->n++;
			g_array_free(bp, TRUE);
		}
		if (k == 0 && last != NULL) {
			/* The boundary of the Content-Type GMime read. */
			const char *raw = g_mime_header_get_raw_value(last);
			gint64 off = g_mime_header_get_offset(last) +
			    (gint64)a->skip;
			GArray *bp = raw ? boundary_params(raw, strlen(raw)) :
			    NULL;

			if (bp != NULL && bp->len >= 2) {
				/* raw starts after "name:" in the message */
				const char *p = off >= 0 && (size_t)off < a->len ?
				    g_strstr_len(a->buf + off, (gssize)MIN(a->len -
				    (size_t)off, strlen(names[k]) + 64), ":") :
				    NULL;

				a->n++;
				a->many |= bp->len > 2;
				if (p == NULL || !at_name(a, p + 1 - a->buf +
				    (gint64)g_array_index(bp, size_t, 0),
				    "boundary"))
					a->many = true;
				else {
					gint64 cut = p + 1 - a->buf +
					    (gint64)g_array_index(bp, size_t, 0);

					g_array_append_val(a->cuts, cut);
				}
			}
			if (bp != NULL)
				g_array_free(bp, TRUE);
		}
		if (seen < 2)
			continue;
		a->n++;
		a->many |= seen > 2;
		/* The other reading: the first one, the others cut. */
		for (int i = 0; i < count; i++) {
			GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
			gint64 off;

			if (h == first || g_ascii_strcasecmp(
			    g_mime_header_get_name(h), names[k]) != 0)
				continue;
			off = g_mime_header_get_offset(h) + (gint64)a->skip;
			if (at_name(a, off, names[k]))
				g_array_append_val(a->cuts, off);
			else
				a->many = true;
		}
	}
}

void
amb_walk(GMimeObject *obj, struct amb *a, size_t depth)
{
	if (obj == NULL || depth > 64)
		return;
	amb_object(obj, a);
	if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *m = g_mime_message_part_get_message(
		    GMIME_MESSAGE_PART(obj));

		if (m != NULL)
			amb_walk(g_mime_message_get_mime_part(m), a, depth + 1);
	} else if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp);

		for (int i = 0; i < n; i++)
			amb_walk(g_mime_multipart_get_part(mp, i), a, depth + 1);
	}
}

/* Moves what src read into dst (the second reading of a message into
 * the first): calendars, components, texts (a text dst has already, in
 * the same field, is dropped), files, flags, the first problem and
 * limit. src is freed. */
void
amb_merge(struct invite *dst, struct invite *src)
{
	size_t cal0 = dst->n_cals, comp0 = dst->n_comps;

	dst->flags |= src->flags;
	if (dst->problem == NULL && src->problem != NULL)
		dst->problem = g_strdup(src->problem);
	if (dst->limit == NULL)
		dst->limit = src->limit;
	if (dst->limit_cal == NULL)
		dst->limit_cal = src->limit_cal;
	if (src->n_cals > 0) {
		dst->cals = g_renew(struct inv_cal, dst->cals, dst->n_cals +
		    src->n_cals);
		memcpy(dst->cals + dst->n_cals, src->cals, src->n_cals *
		    sizeof(*src->cals));
		dst->n_cals += src->n_cals;
	}
	if (src->n_comps > 0)
		dst->comps = g_renew(struct inv_comp, dst->comps,
		    dst->n_comps + src->n_comps);
	for (size_t i = 0; i < src->n_comps; i++) {
		dst->comps[dst->n_comps] = src->comps[i];
		dst->comps[dst->n_comps++].cal += (int)cal0;
	}
	if (src->n_atts > 0) {
		dst->atts = g_renew(struct inv_attach, dst->atts, dst->n_atts +
		    src->n_atts);
		memcpy(dst->atts + dst->n_atts, src->atts, src->n_atts *
		    sizeof(*src->atts));
		dst->n_atts += src->n_atts;
	}
	for (size_t i = 0; i < src->n_texts; i++) {
		const struct inv_text *t = &src->texts[i];
		bool dup = false;

		for (size_t j = 0; j < dst->n_texts && !dup; j++)
			dup = dst->texts[j].field == t->field &&
			    dst->texts[j].len == t->len &&
			    memcmp(dst->texts[j].s, t->s, t->len) == 0;
		if (!dup)
			invite_add_text(dst, t->field, t->comp < 0 ? -1 :
			    t->comp + (int)comp0, t->s, t->len);
	}
	src->n_cals = src->n_comps = src->n_atts = 0;
	invite_free(src);
}

