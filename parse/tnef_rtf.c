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

/* ---- RTF ---- */

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
		tnef_note(t, "a compressed RTF body was damaged or over the cap");
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

struct rtfgrp {
	bool	skip;
	bool	htmlrtf;
	int	uc;
};

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

char *
tnef_rtf_to_text(const char *s, size_t len, size_t max)
{
	struct rtfgrp st[TNEF_MAX_RTF_DEPTH + 1];
	int depth = 0, ucskip = 0;
	bool fromhtml = false, star = false;
	unsigned cp = 1252;
	GString *out = g_string_new(NULL), *raw = g_string_new(NULL);
	size_t i = 0;

	st[0].skip = false;
	st[0].htmlrtf = false;
	st[0].uc = 1;
	while (i < len && out->len + raw->len < max) {
		unsigned char ch = (unsigned char)s[i];
		bool hide = st[depth].skip || (fromhtml && st[depth].htmlrtf);

		if (ch == '{') {
			i++;
			if (depth >= TNEF_MAX_RTF_DEPTH)
				break;
			st[depth + 1] = st[depth];
			depth++;
			continue;
		}
		if (ch == '}') {
			i++;
			if (depth > 0)
				depth--;
			star = false;
			continue;
		}
		if (ch == '\r' || ch == '\n') {
			i++;
			continue;
		}
		if (ch != '\\') {
			i++;
			if (ucskip > 0) {
				ucskip--;
				continue;
			}
			if (!hide)
				g_string_append_c(raw, (char)ch);
			continue;
		}
		/* a control word or symbol */
		if (++i >= len)
			break;
		ch = (unsigned char)s[i];
		if (g_ascii_isalpha(ch)) {
			char w[33];
			size_t wl = 0;
			long param = 0;
			bool has_param = false, neg = false;

			while (i < len && g_ascii_isalpha(s[i])) {
				if (wl < sizeof(w) - 1)
					w[wl++] = s[i];
				i++;
			}
			w[wl] = '\0';
			if (i < len && s[i] == '-') {
				neg = true;
				i++;
			}
			for (int d = 0; i < len && g_ascii_isdigit(s[i]); i++,
			    d++) {
				if (d < 10)
					param = param * 10 + (s[i] - '0');
				has_param = true;
			}
			if (neg)
				param = -param;
			if (i < len && s[i] == ' ')
				i++;
			if (star) {
				star = false;
				/* an ignorable destination: skipped unless it
				 * is field instructions (links are text) */
				if (strcmp(w, "fldinst") != 0)
					st[depth].skip = true;
				continue;
			}
			if (ucskip > 0) {
				ucskip--;
				continue;
			}
			if (rtf_is_dest(w)) {
				st[depth].skip = true;
			} else if (strcmp(w, "bin") == 0 && has_param) {
				size_t k = param > 0 ? (size_t)param : 0;

				i += MIN(k, len - i);
			} else if (strcmp(w, "fromhtml") == 0) {
				fromhtml = true;
			} else if (strcmp(w, "htmlrtf") == 0) {
				st[depth].htmlrtf = !has_param || param != 0;
			} else if (strcmp(w, "ansicpg") == 0 && has_param &&
			    param > 0 && param < 100000) {
				rtf_flush(raw, out, cp);
				cp = (unsigned)param;
			} else if (strcmp(w, "uc") == 0 && has_param) {
				st[depth].uc = param >= 0 && param < 10 ?
				    (int)param : 1;
			} else if (strcmp(w, "u") == 0 && has_param) {
				long u = param < 0 ? param + 65536 : param;

				if (!hide && u > 0 && u < 0x110000 &&
				    !(u >= 0xD800 && u <= 0xDFFF)) {
					rtf_flush(raw, out, cp);
					g_string_append_unichar(out,
					    (gunichar)u);
				}
				ucskip = st[depth].uc;
			} else if (!hide && (strcmp(w, "par") == 0 ||
			    strcmp(w, "line") == 0 || strcmp(w, "row") == 0 ||
			    strcmp(w, "sect") == 0 || strcmp(w, "page") == 0)) {
				g_string_append_c(raw, '\n');
			} else if (!hide && (strcmp(w, "tab") == 0 ||
			    strcmp(w, "cell") == 0)) {
				g_string_append_c(raw, '\t');
			} else if (!hide && (strcmp(w, "emdash") == 0 ||
			    strcmp(w, "endash") == 0)) {
				g_string_append_c(raw, '-');
			}
			continue;
		}
		i++;
		switch (ch) {
		case '*':
			star = true;
			break;
		case '\'':
			if (i + 2 <= len && g_ascii_isxdigit(s[i]) &&
			    g_ascii_isxdigit(s[i + 1])) {
				char b = (char)(g_ascii_xdigit_value(s[i]) * 16 +
				    g_ascii_xdigit_value(s[i + 1]));

				i += 2;
				if (ucskip > 0)
					ucskip--;
				else if (!hide)
					g_string_append_c(raw, b);
			}
			break;
		case '\\': case '{': case '}':
			if (ucskip > 0)
				ucskip--;
			else if (!hide)
				g_string_append_c(raw, (char)ch);
			break;
		case '~':
			if (!hide)
				g_string_append_c(raw, ' ');
			break;
		case '_':
			if (!hide)
				g_string_append_c(raw, '-');
			break;
		case '\r': case '\n':
			if (!hide)
				g_string_append_c(raw, '\n');
			break;
		default:
			break;
		}
	}
	rtf_flush(raw, out, cp);
	g_string_free(raw, TRUE);
	if (out->len > max) {
		const char *e = g_utf8_find_prev_char(out->str,
		    out->str + max + 1);

		g_string_truncate(out, e != NULL ? (size_t)(e - out->str) : 0);
	}
	return g_string_free(out, FALSE);
}
