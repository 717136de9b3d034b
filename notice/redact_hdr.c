/*
 * redact_hdr.c: the header block of a redacted invitation (see
 * redact_int.h). Finds what the rules found in the headers a mail
 * client shows, with the rules' own decoder (parse_header_text), and
 * cuts it the way the body is cut (correct_cut); what it rewrites is
 * re-encoded (quoted display names, RFC 2047 encoded words for
 * non-ASCII, RFC 5322 folding). An address is never changed: a needle
 * in one, in a group's name or behind an encoded word that cannot be
 * read is a refusal, and the caller rejects. New strings; no I/O.
 */
#include <stddef.h>
#include <string.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "correct_text.h"
#include "redact_int.h"
#include "../parse/parse.h"
#include "../pipeline/pipeline.h"

#define FOLD_AT		78	/* RFC 5322 2.1.1: a line SHOULD be <= 78 */
#define LINE_MAX_LEN	998	/* RFC 5322 2.1.1: and MUST be <= 998 */
#define EW_BYTES	45	/* text bytes per encoded word: 60 base64
				   characters, 72 with "=?UTF-8?B?" and "?="
				   (RFC 2047 2: at most 75) */
#define QUOTED_MAX	200	/* a longer name is written as encoded
				   words: a quoted string is not folded */
#define NONE		((size_t)-1)
#define EVAL_MAX	256	/* names given to the rules one by one; past
				   that, the needles alone (the re-check
				   still decides) */

/* What finds the spans to cut: the rules, per name. */
struct finder {
	const struct config	*cfg;	/* NULL: the needles only */
	const struct envelope	*env;
	GPtrArray		*nd;
	bool			 names, text;	/* the verdict has findings in
						   address-name / header */
	unsigned		 evals;
};

size_t
redact_next_field(const char *buf, size_t len, size_t i, size_t *na,
    size_t *ne)
{
	size_t a = i;
	const char *c;

	if (i >= len || buf[i] == '\r' || buf[i] == '\n')
		return i;
	do {
		const char *nl = memchr(buf + i, '\n', len - i);

		i = nl ? (size_t)(nl - buf) + 1 : len;
	} while (i < len && (buf[i] == ' ' || buf[i] == '\t'));
	c = memchr(buf + a, ':', i - a);
	*na = a;
	*ne = c ? (size_t)(c - buf) : a;
	return i;
}

/* ---- encoding ---- */

static bool
is_plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x7f || (unsigned char)*s < 0x20)
			return false;
	return true;
}

/* s as RFC 2047 encoded words ("B", UTF-8), a space between them; no
 * word splits a character. */
static void
encode_words(GString *out, const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t k = n - i <= EW_BYTES ? n - i : EW_BYTES;
		char *b;

		/* back to the start of a character */
		while (k > 0 && i + k < n && ((unsigned char)s[i + k] & 0xc0)
		    == 0x80)
			k--;
		if (k == 0)
			k = n - i < EW_BYTES ? n - i : EW_BYTES;
		b = g_base64_encode((const guchar *)s + i, k);
		g_string_append_printf(out, "%s=?UTF-8?B?%s?=", i ? " " : "",
		    b);
		g_free(b);
		i += k;
	}
}

/* A display name (RFC 5322 3.2.5 phrase): a quoted string when plain
 * ASCII and short, else encoded words (RFC 2047 5(3)), which fold. */
static void
encode_phrase(GString *out, const char *s)
{
	if (!is_plain_ascii(s) || strstr(s, "=?") != NULL ||
	    strlen(s) > QUOTED_MAX) {
		encode_words(out, s);
		return;
	}
	g_string_append_c(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			g_string_append_c(out, '\\');
		g_string_append_c(out, *s);
	}
	g_string_append_c(out, '"');
}

/* A comment's text (RFC 5322 3.2.2 ctext, RFC 2047 5(2)). */
static void
encode_comment(GString *out, const char *s)
{
	g_string_append_c(out, '(');
	if (!is_plain_ascii(s) || strstr(s, "=?") != NULL)
		encode_words(out, s);
	else
		for (; *s; s++) {
			if (*s == '(' || *s == ')' || *s == '\\')
				g_string_append_c(out, '\\');
			g_string_append_c(out, *s);
		}
	g_string_append_c(out, ')');
}

/* Unstructured text (RFC 2047 5(1)): as it is when plain ASCII (it
 * folds at its blanks), else encoded words. */
static char *
encode_text(const char *s)
{
	GString *o = g_string_new(NULL);

	if (!is_plain_ascii(s) || strstr(s, "=?") != NULL)
		encode_words(o, s);
	else
		g_string_append(o, s);
	return g_string_free(o, FALSE);
}

/* v (one line) folded for a field called name: a line break before a
 * blank outside quoted strings once a line passes FOLD_AT, "\n " style.
 * NULL when a line would still be over LINE_MAX_LEN. */
static char *
fold(const char *name, const char *v)
{
	GString *o = g_string_new(NULL);
	size_t line = 0, col = strlen(name) + 2, sp = NONE;
	bool q = false;

	for (const char *p = v; *p; p++) {
		if (*p == '\\' && q && p[1]) {
			g_string_append_c(o, *p++);
			col++;
		} else if (*p == '"')
			q = !q;
		else if (*p == ' ' && !q && o->len > line)
			sp = o->len;
		g_string_append_c(o, *p);
		col++;
		if (col > FOLD_AT && sp != NONE) {
			g_string_insert_c(o, (gssize)sp, '\n');
			line = sp + 1;
			col = o->len - line;
			sp = NONE;
		}
	}
	/* every line within the hard limit, the first with "Name: " */
	col = strlen(name) + 2;
	for (const char *p = o->str, *nl; ; p = nl + 1, col = 0) {
		nl = strchr(p, '\n');
		if (col + (size_t)(nl ? nl - p : (ptrdiff_t)strlen(p)) >
		    LINE_MAX_LEN) {
			g_string_free(o, TRUE);
			return NULL;
		}
		if (nl == NULL)
			break;
	}
	return g_string_free(o, FALSE);
}

/* ---- reading ---- */

/* A display name or comment's text as parse/header.c add_name() reads
 * it: quotes dropped, backslashes undone, blanks squeezed, encoded
 * words decoded; but a quote parts words, as a client shows them
 * ("Anna 1912..."X is two words to it, one to add_name()). */
static char *
decode_name(const char *s, size_t n)
{
	GString *g = g_string_new(NULL);
	char *t;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '"')
			c = ' ';
		if (c == '\\' && i + 1 < n)
			c = s[++i];
		if (g_ascii_isspace(c) || c == '\0') {
			if (g->len > 0 && g->str[g->len - 1] != ' ')
				g_string_append_c(g, ' ');
			continue;
		}
		g_string_append_c(g, c);
	}
	g_strstrip(g->str);
	t = parse_header_text(g->str);
	g_string_free(g, TRUE);
	return t;
}

/* The spans the rules find in t read alone as field fld (pairs of
 * size_t), actions of flag and above. A finding's span names no header
 * (every display-name text is field address-name, comp -1), so each
 * name is given to the rules on its own, as an invitation's text. */
static GArray *
found_spans(struct finder *fi, enum inv_field fld, const char *t)
{
	GArray *r = g_array_new(FALSE, FALSE, sizeof(size_t));
	struct pipeline_out po = { 0 };
	struct invite *inv;
	size_t n = strlen(t);

	if (fi->cfg == NULL || n == 0 || fi->evals >= EVAL_MAX ||
	    !(fld == FLD_ADDRESS_NAME ? fi->names : fi->text))
		return r;
	fi->evals++;
	inv = invite_new();
	inv->is_invitation = true;
	inv->flags |= INV_TEAMS;	/* never scoped out by teams_only */
	invite_add_text(inv, fld, -1, t, n);
	if (pipeline_eval(fi->cfg, inv, fi->env, &po) == 0 && po.v != NULL)
		for (size_t i = 0; i < po.v->n; i++) {
			const struct finding *f = &po.v->f[i];

			if (f->field == fld && f->start < f->end && f->end <= n &&
			    f->action >= ACT_FLAG) {
				g_array_append_val(r, f->start);
				g_array_append_val(r, f->end);
			}
		}
	pipeline_out_clear(&po);
	return r;
}

/* The text t (field fld) with the needles and the rules' own findings
 * cut (a new string, stripped) and how many were, or NULL when none
 * was. */
static char *
cut_text(struct finder *fi, enum inv_field fld, const char *t, unsigned *k)
{
	GArray *sp = found_spans(fi, fld, t);
	size_t n = 0;
	char *c = correct_cut(t, strlen(t), fi->nd, sp, &n);

	g_array_free(sp, TRUE);
	if (n == 0) {
		g_free(c);
		return NULL;
	}
	*k += (unsigned)n;
	return g_strstrip(c);
}

/* An encoded word the decoder left as it was: we cannot know what it
 * says, so we cannot say the cut is complete. */
static bool
undecoded(const char *raw, size_t n, const char *text)
{
	return g_strstr_len(raw, (gssize)n, "=?") != NULL &&
	    strstr(text, "=?") != NULL;
}

static size_t
skip_quoted(const char *u, size_t n, size_t i)
{
	for (i++; i < n; i++) {
		if (u[i] == '\\' && i + 1 < n)
			i++;
		else if (u[i] == '"')
			return i + 1;
	}
	return n;
}

static size_t
skip_comment(const char *u, size_t n, size_t i)
{
	int depth = 0;

	for (; i < n; i++) {
		if (u[i] == '\\' && i + 1 < n)
			i++;
		else if (u[i] == '(')
			depth++;
		else if (u[i] == ')' && --depth == 0)
			return i + 1;
	}
	return n;
}

static bool	raw_needle(const char *, GPtrArray *);

/* the rewrite of one value: the output so far and what of u is in it */
struct rw {
	const char	*u;
	size_t		 n, copied;
	GString		*out;
	GString		*addr;		/* address text, for the needle check */
	struct finder	*fi;
	unsigned	 k;
	const char	*why;
};

static void
replace(struct rw *r, size_t a, size_t b, const char *with)
{
	g_string_append_len(r->out, r->u + r->copied, (gssize)(a - r->copied));
	g_string_append(r->out, with);
	r->copied = b;
}

/* A comment u[a..b): its text cut, or the comment dropped (and the
 * blank before it) when nothing is left. */
static void
comment(struct rw *r, size_t a, size_t b)
{
	size_t ia = a + 1, ib = b > ia && r->u[b - 1] == ')' ? b - 1 : b;
	char *t = decode_name(r->u + ia, ib - ia);
	char *c = cut_text(r->fi, FLD_ADDRESS_NAME, t, &r->k);

	if (c != NULL && undecoded(r->u + ia, ib - ia, c))
		r->why = "an encoded word in a header that cannot be read";
	else if (c != NULL && *c == '\0') {
		replace(r, a, b, "");
		if (r->out->len > 0 && r->out->str[r->out->len - 1] == ' ')
			g_string_truncate(r->out, r->out->len - 1);
	} else if (c != NULL) {
		GString *g = g_string_new(NULL);

		encode_comment(g, c);
		replace(r, a, b, g->str);
		g_string_free(g, TRUE);
	}
	g_free(c);
	g_free(t);
}

/* u[a..b), no display name: comments are read, the rest is address. */
static void
rest(struct rw *r, size_t a, size_t b)
{
	for (size_t i = a; i < b && r->why == NULL; ) {
		if (r->u[i] == '(') {
			size_t j = skip_comment(r->u, b, i);

			comment(r, i, j);
			g_string_append_c(r->addr, ' ');
			i = j;
		} else if (r->u[i] == '"') {
			size_t j = skip_quoted(r->u, b, i);

			g_string_append_len(r->addr, r->u + i, (gssize)(j - i));
			i = j;
		} else
			g_string_append_c(r->addr, r->u[i++]);
	}
	g_string_append_c(r->addr, ' ');
}

/* The display name u[a..lt) before an angle address. */
static void
phrase(struct rw *r, size_t a, size_t lt)
{
	size_t pa = a, pb = lt;
	char *t, *c;

	while (pa < pb && g_ascii_isspace(r->u[pa]))
		pa++;
	while (pb > pa && g_ascii_isspace(r->u[pb - 1]))
		pb--;
	if (pa == pb)
		return;
	t = decode_name(r->u + pa, pb - pa);
	c = cut_text(r->fi, FLD_ADDRESS_NAME, t, &r->k);
	if (c != NULL && undecoded(r->u + pa, pb - pa, c))
		r->why = "an encoded word in a header that cannot be read";
	else if (c != NULL && *c == '\0')
		replace(r, pa, lt, "");
	else if (c != NULL) {
		GString *g = g_string_new(NULL);

		encode_phrase(g, c);
		replace(r, pa, pb, g->str);
		g_string_free(g, TRUE);
	}
	g_free(c);
	g_free(t);
}

/* An address list (RFC 5322 3.4) with the needles cut from its display
 * names and comments. 1 and *nv set when changed, 0 when not, -1 with
 * *why when it cannot be done safely. */
static int
rewrite_addresses(const char *u, struct finder *fi, char **nv, unsigned *k,
    const char **why)
{
	struct rw r = { u, strlen(u), 0, g_string_new(NULL),
	    g_string_new(NULL), fi, 0, NULL };
	size_t s = 0;
	int rc = -1;

	while (s <= r.n && r.why == NULL) {
		size_t j = s, lt = NONE, gt = NONE;

		/* one element: up to ',' or ';', or a group's ':' */
		while (j < r.n) {
			char c = u[j];

			if (c == '"')
				j = skip_quoted(u, r.n, j);
			else if (c == '(')
				j = skip_comment(u, r.n, j);
			else if (c == '<' && lt == NONE) {
				lt = j;
				while (j < r.n && u[j] != '>')
					j = u[j] == '"' ? skip_quoted(u, r.n, j) :
					    j + 1;
				gt = j < r.n ? ++j : j;
			} else if (c == ':' && lt == NONE)
				break;
			else if (c == ',' || c == ';')
				break;
			else
				j++;
		}
		if (j < r.n && u[j] == ':') {
			char *t = decode_name(u + s, j - s);
			char *c = cut_text(fi, FLD_ADDRESS_NAME, t, &r.k);

			if (c != NULL)
				r.why = "a finding in a group's name";
			g_free(c);
			g_free(t);
		} else if (lt != NONE) {
			phrase(&r, s, lt);
			g_string_append_len(r.addr, u + lt, (gssize)(gt - lt));
			rest(&r, gt, j);
		} else
			rest(&r, s, j);
		s = j + 1;
	}
	if (r.why == NULL && r.addr->len > 0 && raw_needle(r.addr->str,
	    fi->nd))
		r.why = "a finding in an address";
	if (r.why != NULL) {
		*why = r.why;
		goto out;
	}
	rc = 0;
	if (r.k > 0) {
		replace(&r, r.n, r.n, "");
		*nv = g_strdup(g_strstrip(r.out->str));
		*k += r.k;
		rc = 1;
	}
out:
	g_string_free(r.out, TRUE);
	g_string_free(r.addr, TRUE);
	return rc;
}

/* ---- the header block ---- */

static char	*unfold(const char *, size_t);

/* Does the value v as written (folds undone; NULL: none) hold a
 * needle? */
static bool
raw_needle(const char *v, GPtrArray *nd)
{
	char *u, *c;
	size_t k = 0;

	if (v == NULL)
		return false;
	c = unfold(v, strlen(v));
	u = g_utf8_make_valid(c, -1);	/* bytes read as Windows-1252 by
					   the rules: never a word character
					   to the needle match */
	g_free(c);
	c = correct_cut(u, strlen(u), nd, NULL, &k);
	g_free(c);
	g_free(u);
	return k > 0;
}

/* Does the raw value v or its decoded text hold a needle? */
static bool
has_needle(const char *v, GPtrArray *nd)
{
	char *t = parse_header_text(v);
	size_t k = 0, k2 = 0;
	char *c = correct_cut(t, strlen(t), nd, NULL, &k);
	char *c2 = correct_cut(v, strlen(v), nd, NULL, &k2);

	g_free(c);
	g_free(c2);
	g_free(t);
	return k + k2 > 0;
}

static void
add(GArray *a, const char *name, int index, char *value, const char *what)
{
	struct redact_hdr h = { g_strdup(name), index, value, what };

	g_array_append_val(a, h);
}

/* s without its line breaks (RFC 5322 2.2.3 unfolding); a NUL is a
 * blank, as parse/ reads it. */
static char *
unfold(const char *s, size_t n)
{
	GString *g = g_string_sized_new(n);

	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r' && s[i] != '\n')
			g_string_append_c(g, s[i] ? s[i] : ' ');
	return g_strstrip(g_string_free(g, FALSE));
}

/* Number of the field called name so far (1-based), counted in seen. */
static int
count(GHashTable *seen, const char *name)
{
	char *key = g_ascii_strdown(name, -1);
	int n = GPOINTER_TO_INT(g_hash_table_lookup(seen, key)) + 1;

	g_hash_table_replace(seen, key, GINT_TO_POINTER(n));
	return n;
}

/* A change of field name to the one-line value v (NULL: removed). */
static int
change(GArray *a, const char *name, int index, const char *v,
    const char *what, const char **why)
{
	char *f = NULL;

	if (v != NULL && (f = fold(name, v)) == NULL) {
		*why = "a header line too long to fold";
		return -1;
	}
	add(a, name, index, f, what);
	return 0;
}

int
redact_headers(const char *buf, size_t len, const struct config *cfg,
    const struct envelope *env, const struct verdict *v,
    GPtrArray *needles, const char *subject,
    const char *ct, const char *cte, struct redact_out *out,
    const char **why)
{
	struct finder fi = { cfg, env, needles, false, false, 0 };
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	GArray *a = g_array_new(FALSE, TRUE, sizeof(struct redact_hdr));
	char *subj = g_mime_utils_header_encode_text(NULL, subject, "utf-8");
	char *s1 = unfold(subj, strlen(subj));
	char *ct1 = ct ? unfold(ct, strlen(ct)) : NULL;
	char *cte1 = cte ? unfold(cte, strlen(cte)) : NULL;
	size_t i = 0, na = 0, ne = 0, n_before;
	int n_subj = 0, n_ct = 0, n_cte = 0, rc = 0;

	for (size_t k = 0; v != NULL && k < v->n; k++)
		if (v->f[k].action >= ACT_FLAG) {
			fi.names |= v->f[k].field == FLD_ADDRESS_NAME;
			fi.text |= v->f[k].field == FLD_HEADER;
		}

	while (rc == 0 && i < len) {
		size_t e = redact_next_field(buf, len, i, &na, &ne), colon;
		char *name, *val, *nv = NULL;
		bool shown = false;
		int idx;

		if (e == i)
			break;
		i = e;
		colon = ne;
		while (ne > na && (buf[ne - 1] == ' ' || buf[ne - 1] == '\t'))
			ne--;
		if (ne == na)
			continue;	/* no field: left as it is */
		name = g_strndup(buf + na, ne - na);
		idx = count(seen, name);
		n_before = a->len;
		while (e > colon + 1 && (buf[e - 1] == '\n' || buf[e - 1] ==
		    '\r'))
			e--;
		val = unfold(buf + colon + 1, e - colon - 1);
		if (g_ascii_strcasecmp(name, "Subject") == 0) {
			n_subj++;
			rc = change(a, name, idx, s1, "subject", why);
		} else if (g_ascii_strcasecmp(name, "Thread-Topic") == 0)
			add(a, name, idx, NULL, "subject");
		else if (ct1 && g_ascii_strcasecmp(name, "Content-Type") == 0) {
			n_ct++;
			rc = change(a, name, idx, ct1, "mime", why);
		} else if (cte1 && g_ascii_strcasecmp(name,
		    "Content-Transfer-Encoding") == 0) {
			n_cte++;
			rc = change(a, name, idx, cte1, "mime", why);
		} else if ((shown = parse_header_is_address(name))) {
			int r = rewrite_addresses(val, &fi, &nv,
			    &out->hdr_cut, why);

			if (r < 0)
				rc = -1;
			else if (r > 0)
				rc = change(a, name, idx, nv, "display name",
				    why);
		} else if ((shown = parse_header_is_text(name))) {
			/* (Thread-Topic went whole above, as the Subject is
			 * replaced) */
			char *t = parse_header_text(val);
			char *c = cut_text(&fi, FLD_HEADER, t, &out->hdr_cut);

			if (c != NULL && undecoded(val, strlen(val), c)) {
				*why = "an encoded word in a header that cannot "
				    "be read";
				rc = -1;
			} else if (c != NULL) {
				nv = *c ? encode_text(c) : NULL;
				rc = change(a, name, idx, nv, "text", why);
			}
			g_free(c);
			g_free(t);
		} else if (has_needle(val, needles) ||
		    has_needle(name, needles)) {
			/* a header no client shows holds what the rules found
			 * elsewhere (an X- copy of the subject, a file name):
			 * it is not ours to rewrite, and not to deliver */
			*why = "a finding in a header that is not rewritten";
			rc = -1;
		}
		/* what goes out, as written, holds no needle either: one
		 * inside an encoded word we read as something else (bad
		 * base64, an unknown charset) is what a client that shows
		 * the word raw would show */
		if (rc == 0 && shown && raw_needle(a->len > n_before ?
		    g_array_index(a, struct redact_hdr, a->len - 1).value :
		    val, needles)) {
			*why = "an encoded word in a header that cannot be read";
			rc = -1;
		}
		/* "To :": an MTA may count the field under another name,
		 * and smfi_chgheader would add a copy instead of changing
		 * it */
		if (rc == 0 && ne != colon && a->len > n_before) {
			*why = "a header name with a blank before its colon";
			rc = -1;
		}
		g_free(nv);
		g_free(val);
		g_free(name);
	}
	/* a message without one: added (smfi_chgheader past the last adds) */
	if (rc == 0 && n_subj == 0)
		rc = change(a, "Subject", 1, s1, "subject", why);
	if (rc == 0 && ct1 && n_ct == 0)
		rc = change(a, "Content-Type", 1, ct1, "mime", why);
	if (rc == 0 && cte1 && n_cte == 0)
		rc = change(a, "Content-Transfer-Encoding", 1, cte1, "mime",
		    why);
	out->n_hdrs = a->len;
	out->hdrs = (struct redact_hdr *)(void *)g_array_free(a, FALSE);
	g_hash_table_destroy(seen);
	g_free(subj);
	g_free(s1);
	g_free(ct1);
	g_free(cte1);
	return rc;
}
