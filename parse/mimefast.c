/*
 * mimefast.c: the structure of a plain, well-formed message read
 * directly from its bytes, for the common case, with the result GMime's
 * parser (3.2.13) gives for it. Building and freeing GMime's object
 * tree is most of the cost of parsing a typical invitation; this reader
 * only finds headers and part boundaries.
 *
 * It is strict on purpose and answers "not mine" (false) for anything
 * outside a small, plain subset, where GMime's recovery rules would have
 * to be copied: control bytes in headers (8-bit bytes only in headers
 * it does not parse, such as Subject, whose raw value is kept), a header
 * name not followed at once by ':', a repeated header it reads,
 * comments, encoded words or RFC 2231 in parameters, message parts,
 * a part without Content-Type, a line that starts like a boundary but
 * is not exactly one, a multipart without its closing boundary, and so
 * on. The caller then parses with GMime, so the result never differs.
 * tests/unit/mimefast_test.c holds it to that (corpus and mutations,
 * against parse_message_gmime()); run it after a GMime upgrade.
 */
#include <string.h>
#include <glib.h>

#include "parse_int.h"

/* Not a limit of the parse (those are the configured parse_limits,
 * past which this reader answers "not mine" and GMime's walk notes the
 * limit): headers per header block this reader collects before it
 * hands the message to GMime; real blocks have 20-60. */
#define MF_MAX_HEADERS	1000

struct hdr {
	const char	*name;		/* in the buffer */
	size_t		 nlen;
	const char	*raw;		/* after ':' up to and with the line end */
	size_t		 rlen;
};

struct hdrs {
	struct hdr	*h;		/* g_free() it */
	size_t		 n, cap;
};

struct rd {
	const char	*b;
	size_t		 n;
	const struct parse_limits *lim;
	const char	**bounds;	/* boundaries, innermost last; room
					   for lim->mime_depth + 1 */
	size_t		*blen;
	size_t		 nb;
	struct mf_msg	*m;
};

/* The line at p: its text [p, *tend) without the line break, and the
 * start of the next line in *next (n at the end). False when the line
 * has no '\n' (the last line of the buffer). */
static bool
line_at(const struct rd *r, size_t p, size_t *tend, size_t *next)
{
	const char *e = memchr(r->b + p, '\n', r->n - p);

	if (e == NULL) {
		*tend = *next = r->n;
		return false;
	}
	*next = (size_t)(e - r->b) + 1;
	*tend = (size_t)(e - r->b);
	if (*tend > p && r->b[*tend - 1] == '\r')
		--*tend;
	return true;
}

enum bnd { B_NONE, B_SEP, B_END, B_BAD };

/* A line against the boundaries in use: the separator or the end of the
 * innermost one, nothing, or B_BAD for anything GMime could take as a
 * boundary otherwise (an outer one, trailing blanks, a longer line). */
static enum bnd
boundary_kind(const struct rd *r, size_t p, size_t tend)
{
	const char *s = r->b + p;
	size_t len = tend - p;

	if (len < 2 || s[0] != '-' || s[1] != '-')
		return B_NONE;
	for (size_t i = r->nb; i-- > 0;) {
		size_t bl = r->blen[i];

		if (len < 2 + bl || memcmp(s + 2, r->bounds[i], bl) != 0)
			continue;
		if (i + 1 != r->nb)
			return B_BAD;
		if (len == 2 + bl)
			return B_SEP;
		if (len == 4 + bl && s[2 + bl] == '-' && s[3 + bl] == '-')
			return B_END;
		return B_BAD;
	}
	return B_NONE;
}

static bool
is_name_char(unsigned char c)
{
	return g_ascii_isalnum(c) || c == '-';
}

/* No control character but tab in s[0..n); 8-bit bytes only with
 * high (the raw values of headers read as data, like Subject, keep
 * them; the headers parsed here refuse them in raw_plain). */
static bool
plain_text(const char *s, size_t n, bool high)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7F || (c > 0x7F && !high))
			return false;
	}
	return true;
}

static bool
ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] > 0x7F)
			return false;
	return true;
}

/* Reads the header block at *pp up to and with the empty line into hs
 * (empty at first; the caller frees hs->h, also after false). */
static bool
read_headers(const struct rd *r, size_t *pp, struct hdrs *hs)
{
	size_t p = *pp, tend, next;

	for (;;) {
		struct hdr *h;
		size_t k;

		if (p >= r->n || !line_at(r, p, &tend, &next))
			return false;
		if (tend == p) {	/* the empty line */
			*pp = next;
			return true;
		}
		if (!g_ascii_isalnum(r->b[p]) || hs->n == MF_MAX_HEADERS)
			return false;
		for (k = p; k < tend && is_name_char((unsigned char)r->b[k]); k++)
			;
		if (k == tend || r->b[k] != ':' ||
		    !plain_text(r->b + p, tend - p, true))
			return false;
		if (hs->n == hs->cap) {
			hs->cap = hs->cap ? hs->cap * 2 : 32;
			hs->h = g_renew(struct hdr, hs->h, hs->cap);
		}
		h = &hs->h[hs->n++];
		h->name = r->b + p;
		h->nlen = k - p;
		h->raw = r->b + k + 1;
		p = next;
		/* folded lines */
		while (p < r->n && (r->b[p] == ' ' || r->b[p] == '\t')) {
			if (!line_at(r, p, &tend, &next) ||
			    !plain_text(r->b + p, tend - p, true))
				return false;
			p = next;
		}
		h->rlen = (size_t)(r->b + p - h->raw);
	}
}

static bool
name_is(const struct hdr *h, const char *name)
{
	return strlen(name) == h->nlen &&
	    g_ascii_strncasecmp(h->name, name, h->nlen) == 0;
}

/* The one header called name: 1 found, 0 none, -1 more than one. */
static int
find(const struct hdrs *hs, const char *name, const struct hdr **out)
{
	int found = 0;

	for (size_t i = 0; i < hs->n; i++)
		if (name_is(&hs->h[i], name)) {
			if (found++)
				return -1;
			*out = &hs->h[i];
		}
	return found;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool
is_token(unsigned char c)
{
	return g_ascii_isalnum(c) || (c != 0 && strchr("!#$%&'*+.^_`|~-", c));
}

static const char *
skip_blank(const char *s, const char *e)
{
	while (s < e && is_blank(*s))
		s++;
	return s;
}

struct param {
	const char	*name;
	size_t		 nlen;
	char		*value;
};

/* Parameters "; name=token" or "; name=\"quoted\"" from s to e. */
static bool
read_params(const char *s, const char *e, struct param *ps, size_t max,
    size_t *np)
{
	*np = 0;
	for (s = skip_blank(s, e); s < e; s = skip_blank(s, e)) {
		const char *nm, *v;
		struct param *pm;

		if (*s != ';' || *np == max)
			return false;
		s = skip_blank(s + 1, e);
		for (nm = s; s < e && (g_ascii_isalnum(*s) || *s == '-' ||
		    *s == '_'); s++)
			;
		if (s == nm || s >= e || *s != '=')
			return false;
		for (size_t i = 0; i < *np; i++)
			if (ps[i].nlen == (size_t)(s - nm) &&
			    !g_ascii_strncasecmp(ps[i].name, nm, ps[i].nlen))
				return false;
		pm = &ps[(*np)++];
		pm->name = nm;
		pm->nlen = (size_t)(s - nm);
		pm->value = NULL;
		s++;
		if (s < e && *s == '"') {
			for (v = ++s; s < e && *s != '"'; s++)
				if (*s == '\\' || *s == '\t' || *s == '\r' ||
				    *s == '\n' || (*s == ' ' && (s == v ||
				    s[1] == ' ' || s[1] == '"')))
					return false;
			if (s >= e || s == v)
				return false;
			pm->value = g_strndup(v, (size_t)(s - v));
			s++;
		} else {
			for (v = s; s < e && is_token((unsigned char)*s); s++)
				;
			if (s == v)
				return false;
			pm->value = g_strndup(v, (size_t)(s - v));
		}
		if (strstr(pm->value, "=?") != NULL)
			return false;
	}
	return true;
}

static void
free_params(struct param *ps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		g_free(ps[i].value);
}

static char *
take_param(struct param *ps, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(name) == ps[i].nlen &&
		    !g_ascii_strncasecmp(ps[i].name, name, ps[i].nlen)) {
			char *v = ps[i].value;

			ps[i].value = NULL;
			return v;
		}
	return NULL;
}

/* A raw header value with nothing GMime would read in a special way:
 * no comment, no encoded word, no backslash. */
static bool
raw_plain(const struct hdr *h)
{
	return ascii(h->raw, h->rlen) &&
	    memchr(h->raw, '(', h->rlen) == NULL &&
	    memchr(h->raw, '\\', h->rlen) == NULL &&
	    g_strstr_len(h->raw, (gssize)h->rlen, "=?") == NULL;
}

/* Content-* headers of a part into pt. */
static bool
read_part_headers(const struct hdrs *hs, struct mf_part *pt)
{
	const struct hdr *ct, *cd, *te, *id;
	struct param ps[8];
	size_t np = 0;
	const char *s, *e, *t;
	char *fn;
	int k;

	if (find(hs, "Content-Type", &ct) != 1 || !raw_plain(ct))
		return false;
	s = skip_blank(ct->raw, e = ct->raw + ct->rlen);
	for (t = s; s < e && is_token((unsigned char)*s); s++)
		;
	if (s == t || s >= e || *s != '/')
		return false;
	pt->type = g_strndup(t, (size_t)(s - t));
	for (t = ++s; s < e && is_token((unsigned char)*s); s++)
		;
	if (s == t)
		return false;
	pt->sub = g_strndup(t, (size_t)(s - t));
	if (!read_params(s, e, ps, G_N_ELEMENTS(ps), &np)) {
		free_params(ps, np);
		return false;
	}
	pt->ct_raw = g_strndup(ct->raw, ct->rlen);
	pt->charset = take_param(ps, np, "charset");
	fn = take_param(ps, np, "name");
	if (!g_ascii_strcasecmp(pt->type, "multipart")) {
		pt->multipart = true;
		pt->fname = take_param(ps, np, "boundary");	/* for now */
	}
	free_params(ps, np);
	np = 0;		/* ps is read again for Content-Disposition */

	if ((k = find(hs, "Content-Disposition", &cd)) < 0 ||
	    (k == 1 && !raw_plain(cd))) {
		g_free(fn);
		return false;
	}
	if (k == 1) {
		char *f;

		s = skip_blank(cd->raw, e = cd->raw + cd->rlen);
		for (t = s; s < e && (g_ascii_isalnum(*s) || *s == '-' ||
		    *s == '_'); s++)
			;
		if (s == t || !read_params(s, e, ps, G_N_ELEMENTS(ps), &np)) {
			free_params(ps, np);
			g_free(fn);
			return false;
		}
		pt->disp = g_strndup(t, (size_t)(s - t));
		pt->cd_raw = g_strndup(cd->raw, cd->rlen);
		f = take_param(ps, np, "filename");
		free_params(ps, np);
		if (f != NULL && !pt->multipart) {
			g_free(fn);
			fn = f;
		} else
			g_free(f);
	}
	if (!pt->multipart)
		pt->fname = fn;
	else
		g_free(fn);

	pt->enc = MF_DEFAULT;
	if ((k = find(hs, "Content-Transfer-Encoding", &te)) < 0)
		return false;
	if (k == 1) {
		static const struct { const char *s; enum mf_enc e; } encs[] = {
			{ "7bit", MF_7BIT }, { "8bit", MF_8BIT },
			{ "binary", MF_BINARY }, { "base64", MF_BASE64 },
			{ "quoted-printable", MF_QP },
		};
		size_t i;

		s = skip_blank(te->raw, e = te->raw + te->rlen);
		for (t = s; s < e && !is_blank(*s); s++)
			;
		if (skip_blank(s, e) != e)
			return false;
		for (i = 0; i < G_N_ELEMENTS(encs); i++)
			if (strlen(encs[i].s) == (size_t)(s - t) &&
			    !g_ascii_strncasecmp(t, encs[i].s, (size_t)(s - t)))
				break;
		if (i == G_N_ELEMENTS(encs))
			return false;
		pt->enc = encs[i].e;
	}
	if ((k = find(hs, "Content-ID", &id)) < 0)
		return false;
	pt->has_cid = k == 1;
	return true;
}

static struct mf_part *
new_part(struct rd *r, size_t depth)
{
	struct mf_msg *m = r->m;
	struct mf_part *pt;

	if (m->n_parts >= r->lim->mime_parts)
		return NULL;		/* GMime's walk notes the limit */
	if (m->n_parts % 8 == 0)
		m->parts = g_renew(struct mf_part, m->parts, m->n_parts + 8);
	pt = &m->parts[m->n_parts++];
	memset(pt, 0, sizeof(*pt));
	pt->depth = depth;
	return pt;
}

/* Scans lines from *pp to the next boundary line of the innermost
 * multipart: its kind in *kind, the line's start in *bstart, and *pp
 * after it. False at the end of the buffer or on B_BAD. */
static bool
to_boundary(const struct rd *r, size_t *pp, enum bnd *kind, size_t *bstart,
    bool *crlf)
{
	size_t p = *pp, tend, next;

	while (p < r->n) {
		bool nl = line_at(r, p, &tend, &next);
		enum bnd k = boundary_kind(r, p, tend);

		if (k == B_BAD || (k != B_NONE && !nl))
			return false;
		if (k != B_NONE) {
			*kind = k;
			*bstart = p;
			*crlf = nl && tend + 1 < next;
			*pp = next;
			return true;
		}
		p = next;
	}
	return false;
}

/* Ends of an entity: the boundary line after it, or the end of the
 * buffer (B_NONE); false for anything else. */
static bool read_entity(struct rd *, size_t *, size_t, const struct hdrs *,
    enum bnd *);

/* The subparts of a multipart whose headers ended at *pp, up to and
 * with its closing boundary line. */
static bool
read_multipart(struct rd *r, size_t *pp, const char *boundary, size_t depth)
{
	enum bnd kind;
	size_t bstart;
	bool crlf;

	if (r->nb > r->lim->mime_depth || *boundary == '\0')
		return false;
	r->bounds[r->nb] = boundary;
	r->blen[r->nb++] = strlen(boundary);
	/* the prologue */
	if (!to_boundary(r, pp, &kind, &bstart, &crlf) || kind != B_SEP)
		return false;
	do {
		if (!read_entity(r, pp, depth + 1, NULL, &kind))
			return false;
	} while (kind == B_SEP);
	if (kind != B_END)
		return false;
	r->nb--;
	return true;
}

static bool
read_entity(struct rd *r, size_t *pp, size_t depth, const struct hdrs *top,
    enum bnd *kind)
{
	struct hdrs own = { 0 };
	const struct hdrs *hs = top;
	struct mf_part *pt;
	size_t idx, bstart;
	bool crlf, ok;

	if (depth > r->lim->mime_depth)
		return false;		/* GMime's walk notes the limit */
	if (hs == NULL) {
		if (!read_headers(r, pp, &own)) {
			g_free(own.h);
			return false;
		}
		hs = &own;
	}
	if ((pt = new_part(r, depth)) == NULL) {
		g_free(own.h);
		return false;
	}
	idx = r->m->n_parts - 1;
	ok = read_part_headers(hs, pt);
	g_free(own.h);
	if (!ok)
		return false;
	if (!g_ascii_strcasecmp(pt->type, "message"))
		return false;
	if (pt->multipart) {
		char *bd = pt->fname;

		if (bd == NULL || !g_ascii_strcasecmp(pt->sub, "encrypted") ||
		    !g_ascii_strcasecmp(pt->sub, "digest"))
			return false;
		if (!read_multipart(r, pp, bd, depth))
			return false;
		r->m->parts[idx].next = r->m->n_parts;
		/* the epilogue, up to the next boundary of the enclosing
		 * multipart or the end */
		if (r->nb == 0) {
			*kind = B_NONE;
			*pp = r->n;
			return true;
		}
		return to_boundary(r, pp, kind, &bstart, &crlf);
	}
	pt->off = *pp;
	pt->next = idx + 1;
	if (r->nb == 0) {
		pt->len = r->n - *pp;
		*kind = B_NONE;
		*pp = r->n;
		return true;
	}
	if (!to_boundary(r, pp, kind, &bstart, &crlf))
		return false;
	pt = &r->m->parts[idx];
	/* GMime: the line break before the boundary belongs to it; how
	 * long it is, is read from the boundary line's own end. */
	pt->len = bstart - pt->off;
	if (pt->len > 0) {
		size_t cut = crlf ? 2 : 1;

		if (pt->len < cut)
			return false;
		pt->len -= cut;
	}
	return true;
}

/* Message-ID "<local@domain>" with dot-atoms of plain characters. */
static char *
msgid(const struct hdr *h)
{
	const char *s = h->raw, *e = h->raw + h->rlen, *t;
	bool at = false;

	if (g_strstr_len(h->raw, (gssize)h->rlen, "=?") != NULL)
		return NULL;	/* GMime decodes encoded words first */
	s = skip_blank(s, e);
	if (s >= e || *s != '<')
		return NULL;
	for (t = ++s; s < e && *s != '>'; s++) {
		if (*s == '@') {
			if (at || s == t || s[-1] == '.')
				return NULL;
			at = true;
		} else if (*s == '.') {
			if (s == t || s[-1] == '.' || s[-1] == '@')
				return NULL;
		} else if (!g_ascii_isalnum(*s) &&
		    !strchr("-_+=$%#!&*/^`{|}~'", *s))
			return NULL;
	}
	if (s >= e || !at || s[-1] == '.' || s[-1] == '@' ||
	    skip_blank(s + 1, e) != e)
		return NULL;
	return g_strndup(t, (size_t)(s - t));
}

/* A plain addr-spec [s, e): dot-atoms, one '@', domain labels, none
 * an IDN label ("xn--": GMime, built with libidn2, gives the domain in
 * Unicode then). */
static bool
plain_addr(const char *s, const char *e)
{
	const char *at = memchr(s, '@', (size_t)(e - s));

	if (at == NULL || at == s || at + 1 == e)
		return false;
	for (const char *p = at + 1; p + 4 <= e; p++)
		if (g_ascii_strncasecmp(p, "xn--", 4) == 0)
			return false;
	for (const char *p = s; p < e; p++) {
		if (p == at)
			continue;
		if (*p == '.') {
			if (p == s || p[-1] == '.' || p[-1] == '@' ||
			    p + 1 == e || p[1] == '@')
				return false;
		} else if (p > at ? !(g_ascii_isalnum(*p) || *p == '-') :
		    !(g_ascii_isalnum(*p) || strchr("-_+", *p)))
			return false;
	}
	return true;
}

/* From: "addr", "<addr>", "phrase <addr>" or "\"quoted\" <addr>", the
 * phrase atoms (encoded words too) and blanks. The address or NULL;
 * *ok false when the value is anything else. */
static char *
from_addr(const struct hdr *h, bool *ok)
{
	const char *s = h->raw, *e = h->raw + h->rlen, *lt, *gt;

	*ok = false;
	if (!ascii(s, h->rlen))
		return NULL;
	while (e > s && is_blank(e[-1]))
		e--;
	s = skip_blank(s, e);
	if (s == e)
		return NULL;
	lt = memchr(s, '<', (size_t)(e - s));
	if (lt == NULL) {
		if (!plain_addr(s, e))
			return NULL;
		*ok = true;
		return g_strndup(s, (size_t)(e - s));
	}
	if (e[-1] != '>' || (gt = memchr(lt, '>', (size_t)(e - lt))) != e - 1 ||
	    !plain_addr(lt + 1, gt))
		return NULL;
	if (*s == '"') {
		const char *q;

		for (q = s + 1; q < lt && *q != '"'; q++)
			if (*q == '\\' || *q == '\r' || *q == '\n')
				return NULL;
		if (q >= lt || skip_blank(q + 1, lt) != lt)
			return NULL;
	} else
		for (const char *q = s; q < lt; q++)
			if (!is_blank(*q) && !g_ascii_isalnum(*q) &&
			    !strchr("!#$%&'*+-/=?^_`{|}~", *q))
				return NULL;
	*ok = true;
	return g_strndup(lt + 1, (size_t)(gt - lt - 1));
}

bool
mf_parse(const char *buf, size_t len, const struct parse_limits *lim,
    struct mf_msg *m)
{
	static const struct parse_limits defaults = PARSE_LIMITS_DEFAULT;
	struct rd r = { .b = buf, .n = len, .m = m };
	struct hdrs hs = { 0 }, ps = { 0 };
	const struct hdr *h;
	size_t p = 0;
	enum bnd kind;
	int k;

	memset(m, 0, sizeof(*m));
	r.lim = lim ? lim : &defaults;
	/* a boundary per multipart level, depth 0 to lim->mime_depth */
	r.bounds = g_new(const char *, r.lim->mime_depth + 1);
	r.blen = g_new(size_t, r.lim->mime_depth + 1);
	if (buf == NULL || len == 0 || len >= G_MAXUINT / 2 ||
	    memchr(buf, '\0', len) != NULL ||
	    !read_headers(&r, &p, &hs) ||
	    (k = find(&hs, "Subject", &h)) < 0)
		goto fail;
	if (k == 1)
		m->subject_raw = g_strndup(h->raw, h->rlen);
	/* The headers a client shows (header_shown), raw, in order. */
	for (size_t i = 0; i < hs.n; i++)
		if (header_is_shown(hs.h[i].name, hs.h[i].nlen)) {
			if (m->n_shown % 8 == 0)
				m->shown = g_renew(struct mf_hdr, m->shown,
				    m->n_shown + 8);
			m->shown[m->n_shown].name = g_strndup(hs.h[i].name,
			    hs.h[i].nlen);
			m->shown[m->n_shown++].raw = g_strndup(hs.h[i].raw,
			    hs.h[i].rlen);
		}
	if ((k = find(&hs, "Message-ID", &h)) < 0 ||
	    (k == 1 && (m->message_id = msgid(h)) == NULL))
		goto fail;
	if ((k = find(&hs, "From", &h)) < 0)
		goto fail;
	if (k == 1) {
		bool ok;

		m->from = from_addr(h, &ok);
		if (!ok)
			goto fail;
	}
	/* the Content-* headers are the top part's */
	ps.h = g_new(struct hdr, hs.n);
	for (size_t i = 0; i < hs.n; i++)
		if (hs.h[i].nlen >= 8 &&
		    !g_ascii_strncasecmp(hs.h[i].name, "Content-", 8))
			ps.h[ps.n++] = hs.h[i];
	if (!read_entity(&r, &p, 0, &ps, &kind) || kind != B_NONE)
		goto fail;
	g_free(hs.h);
	g_free(ps.h);
	g_free(r.bounds);
	g_free(r.blen);
	return true;
fail:
	g_free(hs.h);
	g_free(ps.h);
	g_free(r.bounds);
	g_free(r.blen);
	mf_free(m);
	return false;
}

void
mf_free(struct mf_msg *m)
{
	for (size_t i = 0; i < m->n_parts; i++) {
		struct mf_part *pt = &m->parts[i];

		g_free(pt->type);
		g_free(pt->sub);
		g_free(pt->charset);
		g_free(pt->disp);
		g_free(pt->fname);
		g_free(pt->ct_raw);
		g_free(pt->cd_raw);
	}
	g_free(m->parts);
	for (size_t i = 0; i < m->n_shown; i++) {
		g_free(m->shown[i].name);
		g_free(m->shown[i].raw);
	}
	g_free(m->shown);
	g_free(m->subject_raw);
	g_free(m->message_id);
	g_free(m->from);
	memset(m, 0, sizeof(*m));
}
