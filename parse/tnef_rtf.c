/*
 * tnef_rtf.c: the RTF body of a TNEF part: PR_RTF_COMPRESSED checked
 * before libytnef's DecompressRTF sees it (rtf_plausible), then RTF ->
 * plain text (tnef_rtf_to_text). Not a full RTF reader: only what a
 * client shows as text. Strings returned are new and the caller's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "tnef_int.h"

/* Whether DecompressRTF can take p[0..n) (an LZFu stream) safely: the
 * header agrees with the length, the output size is capped and possible
 * for the input, and a dry run of DecompressRTF's own loop never reaches
 * its "Corrupted stream" exit (which leaks both its buffers). Its reads
 * of up to 2 bytes past the end are met with a padded copy instead. */
static bool
rtf_plausible(const unsigned char *p, size_t n)
{
	uint32_t csize, usize, total, out, in;
	unsigned flags = 0, flag_count = 0;
	const uint32_t pre = 207;	/* strlen(RTF_PREBUF) in libytnef */

	if (n < 20 || n > INT32_MAX)
		return false;
	csize = le32(p);
	usize = le32(p + 4);
	if (csize != n - 4 || le32(p + 8) != 0x75465A4Cu)	/* "LZFu" */
		return false;
	if (usize == 0 || usize > TNEF_MAX_RTF_BYTES ||
	    usize > 8 * (uint32_t)n + 4096)
		return false;
	total = pre + usize;
	out = pre;
	in = 16;
	while (out < total && in < n) {
		flags = (flag_count++ % 8 == 0) ? p[in++] : flags >> 1;
		if (flags & 1) {
			unsigned off = in < n ? p[in] : 0;
			unsigned l = in + 1 < n ? p[in + 1] : 0;
			unsigned end;

			in += 2;
			off = (off << 4) | (l >> 4);
			l = (l & 0xF) + 2;
			off = (out / 4096) * 4096 + off;
			if (off >= out)
				off -= 4096;
			end = off + l;
			while (off < end && out < total && off < total) {
				out++;
				off++;
			}
		} else {
			if (out >= total || in >= n)
				return false;
			out++;
			in++;
		}
	}
	return true;
}

/* The RTF of PR_RTF_COMPRESSED, or NULL. */
char *
tnef_rtf_bytes(struct tnef *t, const variableLength *vl, size_t *len)
{
	const unsigned char *p = vl->data;
	size_t n = (size_t)vl->size;
	variableLength pad;
	BYTE *r;
	int rsize = 0;
	char *s;

	if (n >= 16 && le32(p + 8) == 0x414C454Du) {
		/* "MELA": stored uncompressed after the 16-byte header;
		 * DecompressRTF copies from the wrong offset and loses it. */
		size_t u = MIN((size_t)le32(p + 4), n - 16);

		u = MIN(u, (size_t)TNEF_MAX_RTF_BYTES);
		*len = u;
		return g_strndup((const char *)p + 16, u);
	}
	if (!rtf_plausible(p, n)) {
		tnef_note(t, "a compressed RTF body was damaged or over the "
		    "cap");
		return NULL;
	}
	pad.size = (int)n;
	pad.data = g_malloc0(n + 4);
	memcpy(pad.data, p, n);
	r = DecompressRTF(&pad, &rsize);
	g_free(pad.data);
	if (r == NULL || rsize <= 0) {
		free(r);
		tnef_note(t, "a compressed RTF body could not be read");
		return NULL;
	}
	s = g_strndup((const char *)r, (size_t)rsize);
	*len = strlen(s);
	free(r);
	return s;
}

/* The state of a group: copied at '{', dropped at '}'. */
struct rtfgrp {
	bool	skip;		/* a destination not shown (\fonttbl, \*...) */
	bool	htmlrtf;	/* \htmlrtf: RTF-only text of an HTML body */
	int	uc;		/* \ucN: bytes that stand in after a \uN */
};

/* One scan of s[0..len) by tnef_rtf_to_text. */
struct rtfscan {
	const char	*s;
	size_t		 len, i;
	struct rtfgrp	 st[TNEF_MAX_RTF_DEPTH + 1];
	int		 depth;
	int		 ucskip;	/* stand-in bytes still to skip */
	bool		 fromhtml;	/* \fromhtml: \htmlrtf text hidden */
	bool		 star;		/* after \*: an ignorable destination */
	unsigned	 cp;		/* \ansicpg: the code page of raw */
	GString		*out;		/* the text so far, UTF-8 */
	GString		*raw;		/* bytes in cp not yet in out */
};

/* A control word: its letters (cut to 32) and its number, if any. */
struct rtfword {
	char	w[33];
	long	param;
	bool	has_param;
};

/* Whether control word w starts a destination that is not text. */
static bool
rtf_is_dest(const char *w)
{
	static const char *const dest[] = { "fonttbl", "colortbl",
	    "stylesheet", "info", "pict", "object", "header", "footer",
	    "headerl", "headerr", "headerf", "footerl", "footerr", "footerf",
	    "listtable", "listoverridetable", "rsidtbl", "xmlnstbl",
	    "generator", "themedata", "colorschememapping", "datastore",
	    "latentstyles", "pgdsctbl", "revtbl", "filetbl", "private",
	    "mmathPr", "pntext", "pntxta", "pntxtb", "objdata", "blipuid",
	    "shppict", "nonshppict", "bkmkstart", "bkmkend", "xe", "tc" };

	for (size_t i = 0; i < G_N_ELEMENTS(dest); i++)
		if (strcmp(w, dest[i]) == 0)
			return true;
	return false;
}

/* Moves the bytes of raw (code page cp) to out as UTF-8. */
static void
rtf_flush(GString *raw, GString *out, unsigned cp)
{
	char *u;

	if (raw->len == 0)
		return;
	u = tnef_cp_to_utf8(raw->str, raw->len, cp);
	g_string_append(out, u);
	g_free(u);
	g_string_truncate(raw, 0);
}

/* Reads the control word at x->i (its first letter): the letters, an
 * optional signed number (10 digits kept), the one space that ends it. */
static void
rtf_read_word(struct rtfscan *x, struct rtfword *cw)
{
	const char *s = x->s;
	size_t wl = 0;
	bool neg = false;

	cw->param = 0;
	cw->has_param = false;
	while (x->i < x->len && g_ascii_isalpha(s[x->i])) {
		if (wl < sizeof(cw->w) - 1)
			cw->w[wl++] = s[x->i];
		x->i++;
	}
	cw->w[wl] = '\0';
	if (x->i < x->len && s[x->i] == '-') {
		neg = true;
		x->i++;
	}
	for (int d = 0; x->i < x->len && g_ascii_isdigit(s[x->i]); x->i++,
	    d++) {
		if (d < 10)
			cw->param = cw->param * 10 + (s[x->i] - '0');
		cw->has_param = true;
	}
	if (neg)
		cw->param = -cw->param;
	if (x->i < x->len && s[x->i] == ' ')
		x->i++;
}

/* Applies a control word that changes the scan (a destination, \bin,
 * \fromhtml, \htmlrtf, \ansicpg, \uc, \u); false if cw is none of them.
 * hide: the current group is not shown. */
static bool
rtf_state_word(struct rtfscan *x, const struct rtfword *cw, bool hide)
{
	const char *w = cw->w;
	long param = cw->param;

	if (rtf_is_dest(w)) {
		x->st[x->depth].skip = true;
	} else if (strcmp(w, "bin") == 0 && cw->has_param) {
		size_t k = param > 0 ? (size_t)param : 0;

		x->i += MIN(k, x->len - x->i);
	} else if (strcmp(w, "fromhtml") == 0) {
		x->fromhtml = true;
	} else if (strcmp(w, "htmlrtf") == 0) {
		x->st[x->depth].htmlrtf = !cw->has_param || param != 0;
	} else if (strcmp(w, "ansicpg") == 0 && cw->has_param &&
	    param > 0 && param < 100000) {
		rtf_flush(x->raw, x->out, x->cp);
		x->cp = (unsigned)param;
	} else if (strcmp(w, "uc") == 0 && cw->has_param) {
		x->st[x->depth].uc = param >= 0 && param < 10 ? (int)param : 1;
	} else if (strcmp(w, "u") == 0 && cw->has_param) {
		long u = param < 0 ? param + 65536 : param;

		if (!hide && u > 0 && u < 0x110000 &&
		    !(u >= 0xD800 && u <= 0xDFFF)) {
			rtf_flush(x->raw, x->out, x->cp);
			g_string_append_unichar(x->out, (gunichar)u);
		}
		x->ucskip = x->st[x->depth].uc;
	} else
		return false;
	return true;
}

/* Appends the text a control word stands for (\par, \tab, \emdash...),
 * if any, unless hidden. */
static void
rtf_text_word(struct rtfscan *x, const char *w, bool hide)
{
	if (hide)
		return;
	if (strcmp(w, "par") == 0 || strcmp(w, "line") == 0 ||
	    strcmp(w, "row") == 0 || strcmp(w, "sect") == 0 ||
	    strcmp(w, "page") == 0)
		g_string_append_c(x->raw, '\n');
	else if (strcmp(w, "tab") == 0 || strcmp(w, "cell") == 0)
		g_string_append_c(x->raw, '\t');
	else if (strcmp(w, "emdash") == 0 || strcmp(w, "endash") == 0)
		g_string_append_c(x->raw, '-');
}

/* A control word at x->i (its first letter): after \* it opens an
 * ignorable destination, skipped unless it is field instructions (links
 * are text); after a \uN it may be a stand-in, skipped. */
static void
rtf_word(struct rtfscan *x, bool hide)
{
	struct rtfword cw;

	rtf_read_word(x, &cw);
	if (x->star) {
		x->star = false;
		if (strcmp(cw.w, "fldinst") != 0)
			x->st[x->depth].skip = true;
		return;
	}
	if (x->ucskip > 0) {
		x->ucskip--;
		return;
	}
	if (!rtf_state_word(x, &cw, hide))
		rtf_text_word(x, cw.w, hide);
}

/* A control symbol ch (x->i just past it): \*, \'hh (a byte in the code
 * page), an escaped \ { }, \~, \_ and an escaped line break. */
static void
rtf_symbol(struct rtfscan *x, unsigned char ch, bool hide)
{
	const char *s = x->s;

	switch (ch) {
	case '*':
		x->star = true;
		break;
	case '\'':
		if (x->i + 2 <= x->len && g_ascii_isxdigit(s[x->i]) &&
		    g_ascii_isxdigit(s[x->i + 1])) {
			char b = (char)(g_ascii_xdigit_value(s[x->i]) * 16 +
			    g_ascii_xdigit_value(s[x->i + 1]));

			x->i += 2;
			if (x->ucskip > 0)
				x->ucskip--;
			else if (!hide)
				g_string_append_c(x->raw, b);
		}
		break;
	case '\\': case '{': case '}':
		if (x->ucskip > 0)
			x->ucskip--;
		else if (!hide)
			g_string_append_c(x->raw, (char)ch);
		break;
	case '~':
		if (!hide)
			g_string_append_c(x->raw, ' ');
		break;
	case '_':
		if (!hide)
			g_string_append_c(x->raw, '-');
		break;
	case '\r': case '\n':
		if (!hide)
			g_string_append_c(x->raw, '\n');
		break;
	default:
		break;
	}
}

/* Cuts out to at most max bytes, at a character boundary. */
static void
rtf_cut(GString *out, size_t max)
{
	if (out->len > max) {
		const char *e = g_utf8_find_prev_char(out->str,
		    out->str + max + 1);

		g_string_truncate(out, e != NULL ? (size_t)(e - out->str) : 0);
	}
}

/* See tnef.h: the text of rtf[0..len), max bytes at most. */
char *
tnef_rtf_to_text(const char *s, size_t len, size_t max)
{
	struct rtfscan x = { 0 };

	x.s = s;
	x.len = len;
	x.st[0].uc = 1;
	x.cp = 1252;
	x.out = g_string_new(NULL);
	x.raw = g_string_new(NULL);
	while (x.i < len && x.out->len + x.raw->len < max) {
		unsigned char ch = (unsigned char)s[x.i++];
		bool hide = x.st[x.depth].skip ||
		    (x.fromhtml && x.st[x.depth].htmlrtf);

		if (ch == '{') {
			if (x.depth >= TNEF_MAX_RTF_DEPTH)
				break;
			x.st[x.depth + 1] = x.st[x.depth];
			x.depth++;
		} else if (ch == '}') {
			if (x.depth > 0)
				x.depth--;
			x.star = false;
		} else if (ch == '\r' || ch == '\n') {
			continue;
		} else if (ch != '\\') {
			if (x.ucskip > 0)
				x.ucskip--;
			else if (!hide)
				g_string_append_c(x.raw, (char)ch);
		} else if (x.i >= len) {
			break;		/* a lone backslash at the end */
		} else if (g_ascii_isalpha(s[x.i])) {
			rtf_word(&x, hide);
		} else {
			ch = (unsigned char)s[x.i++];
			rtf_symbol(&x, ch, hide);
		}
	}
	rtf_flush(x.raw, x.out, x.cp);
	g_string_free(x.raw, TRUE);
	rtf_cut(x.out, max);
	return g_string_free(x.out, FALSE);
}
