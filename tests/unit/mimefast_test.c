/*
 * mimefast_test.c: the differential test of parse/mimefast.c. Every
 * message of tests/corpus (and ../shared/corpus/external when present)
 * and some thousands of mutations of them (line ends, boundary lines,
 * folding, repeated or damaged headers, cut-off input, stray bytes) go
 * through parse_message() (mimefast.c where it takes the message) and
 * parse_message_gmime() (GMime only), with the default and with small
 * limits; the two invites must be equal in every field. Failures name
 * the file and the mutation, never the content.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "parse/parse.h"
#include "parse/parse_int.h"
#include "tests/lib/invdump.h"


static size_t n_fast, n_checked;
static long fails;

/* parse_parts() through both readers: the same parts at the same
 * places in the message (the redactor finds its parts by offset). */
static bool
same_parts(const char *buf, size_t len, const struct parse_limits *lim)
{
	struct parse_parts *a = parse_parts(buf, len, lim);
	struct parse_parts *b = parse_parts_gmime(buf, len, lim);
	char *sa = invdump_parts(a), *sb = invdump_parts(b);
	bool ok = strcmp(sa, sb) == 0;

	g_free(sa);
	g_free(sb);
	parse_parts_free(a);
	parse_parts_free(b);
	return ok;
}

/* Both parsers on buf; false (and the name printed) when they differ. */
static bool
same(const char *name, long mut, const char *buf, size_t len)
{
	const struct parse_limits *lims[] = { NULL, &invdump_small_limits };
	struct mf_msg m;
	bool ok = true;

	if (mf_parse(buf, len, NULL, &m)) {
		n_fast++;
		mf_free(&m);
	}
	n_checked++;
	for (size_t i = 0; i < G_N_ELEMENTS(lims); i++) {
		struct invite *a = parse_message(buf, len, lims[i]);
		struct invite *b = parse_message_gmime(buf, len, lims[i]);
		char *sa = invdump(a), *sb = invdump(b);

		if (strcmp(sa, sb) != 0) {
			printf("# differs: %s mutation %ld limits %s\n", name,
			    mut, lims[i] ? "small" : "default");
			ok = false;
		}
		g_free(sa);
		g_free(sb);
		invite_free(a);
		invite_free(b);
		if (!same_parts(buf, len, lims[i])) {
			printf("# parts differ: %s mutation %ld limits %s\n",
			    name, mut, lims[i] ? "small" : "default");
			ok = false;
		}
	}
	return ok;
}

static guint32 rng = 2463534242u;

static guint32
rnd(guint32 n)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return n ? rng % n : 0;
}

static const char *const toks[] = {
	"\r\n", "\n", " ", "\t", "--", "\"", ";", "=?utf-8?q?a?=", "(c)",
	"\\", ":", "=", "<", ">", "@", ".", "-", "\r", "\xc3\xa5", "\x01",
	"charset=", "name=", "filename=", "boundary=", "Content-Type: ",
	"Content-Transfer-Encoding: base64", "Content-ID: <x@y>",
	"Content-Disposition: attachment; filename=\"a.ics\"",
	"text/calendar", "multipart/mixed", "message/rfc822", "Subject: x",
	"From: a@b.c", "Message-ID: <a..b@c>", "  ", "*", "QUJD", "==",
	"name*=utf-8''a", "From \n", "Message-ID: <a=b@c.d>", "Received: x\r",
	"From: a@xn--ple.org", "xn--",
};

/* One random change of the lines of s: a new string. */
static GString *
mutate(const char *s, size_t len)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	GString *out = g_string_new(NULL);
	const char *p = s, *e = s + len;
	int n = 1 + (int)rnd(4);

	while (p <= e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));

		if (nl == NULL)
			nl = e;
		g_ptr_array_add(lines, g_strndup(p, (size_t)(nl - p)));
		p = nl + 1;
	}
	for (int k = 0; k < n; k++) {
		guint i = rnd(lines->len);
		char *l = lines->pdata[i], *nw;
		size_t ll = strlen(l), at = rnd((guint32)ll + 1);

		switch (rnd(9)) {
		case 0:		/* CR LF <-> LF */
			if (ll > 0 && l[ll - 1] == '\r')
				l[ll - 1] = '\0';
			else {
				nw = g_strconcat(l, "\r", NULL);
				g_free(l);
				lines->pdata[i] = nw;
			}
			break;
		case 1:		/* a line repeated elsewhere */
			g_ptr_array_insert(lines, (gint)i, g_strdup(
			    lines->pdata[rnd(lines->len)]));
			break;
		case 2:
			if (lines->len > 1)
				g_ptr_array_remove_index(lines, i);
			break;
		case 3:		/* a token inserted */
			nw = g_strdup_printf("%.*s%s%s", (int)at, l,
			    toks[rnd(G_N_ELEMENTS(toks))], l + at);
			g_free(l);
			lines->pdata[i] = nw;
			break;
		case 4:		/* a byte dropped */
			if (at < ll)
				memmove(l + at, l + at + 1, ll - at);
			break;
		case 5: {	/* a boundary line changed */
			guint j = rnd(lines->len);

			for (guint t = 0; t < lines->len; t++, j = (j + 1) %
			    lines->len)
				if (strncmp(lines->pdata[j], "--", 2) == 0)
					break;
			l = lines->pdata[j];
			nw = g_strdup_printf("%s%s", l,
			    (const char *[]){ " ", "--", "x", "\t", "-- " }
			    [rnd(5)]);
			g_free(l);
			lines->pdata[j] = nw;
			break;
		}
		case 6:		/* a line folded */
			g_ptr_array_insert(lines, (gint)i + 1, g_strconcat(
			    rnd(2) ? " " : "\t", l + at, NULL));
			l[at] = '\0';
			break;
		case 7:		/* the case changed */
			for (size_t c = 0; c < ll; c++)
				l[c] = rnd(2) ? g_ascii_toupper(l[c]) :
				    g_ascii_tolower(l[c]);
			break;
		default:	/* cut off */
			for (guint j = 0; j < lines->len; j++) {
				g_string_append(out, lines->pdata[j]);
				if (j + 1 < lines->len)
					g_string_append_c(out, '\n');
			}
			g_string_truncate(out, rnd((guint32)out->len + 1));
			g_ptr_array_unref(lines);
			return out;
		}
	}
	for (guint j = 0; j < lines->len; j++) {
		g_string_append(out, lines->pdata[j]);
		if (j + 1 < lines->len)
			g_string_append_c(out, '\n');
	}
	g_ptr_array_unref(lines);
	return out;
}

/* Messages the corpus lacks, checked and then mutated like it: a long
 * header block (relays add dozens), Gmail's Message-ID with '=', one
 * with an encoded word in it, a quoted display name. */
static void
add_synthetic(GPtrArray *names, GPtrArray *bufs, GArray *lens)
{
	static const char *const ids[] = {
		"<CAKvYx5n4j8=Ls3uB9uX1J+1xQ@mail.gmail.com>",
		"<=?utf-8?q?a?=@b.example>", "<a.b@c>", "<a@b.c> (x)",
	};
	static const char *const froms[] = {
		"\"Svensson, Anna\" <anna.svensson@kommun.example>",
		"a@xn--ple.org", "A <a@sub.XN--ple.org>",
	};
	const char *body = "MIME-Version: 1.0\r\n"
	    "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
	    "--b1\r\nContent-Type: text/plain; charset=\"utf-8\"\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\nHej=C3=A5\r\n"
	    "--b1\r\nContent-Type: text/calendar; charset=\"utf-8\"; "
	    "method=REQUEST\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	    "QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6UkVRVUVTVA0KQkVHSU46VkVWRU5U\r\n"
	    "DQpVSUQ6MQ0KU1VNTUFSWTpCYXNlNjQgdGV4dA0KRU5EOlZFVkVOVA0KRU5E\r\n"
	    "OlZDQUxFTkRBUg0K\r\n--b1--\r\n";

	/* each Message-ID with the first From, then each other From */
	for (size_t i = 0; i < G_N_ELEMENTS(ids) + G_N_ELEMENTS(froms) - 1;
	    i++) {
		size_t f = i < G_N_ELEMENTS(ids) ? 0 : i - G_N_ELEMENTS(ids) + 1;
		const char *id = i < G_N_ELEMENTS(ids) ? ids[i] : ids[2];
		GString *m = g_string_new(NULL);
		gsize n;

		for (int k = 0; k < (i == 0 ? 120 : 3); k++)
			g_string_append_printf(m, "Received: from relay%d.example "
			    "(relay%d.example [192.0.2.%d])\r\n\tby mx.example; "
			    "Mon, 10 Nov 2025 09:00:%02d +0100\r\n", k, k, k, k % 60);
		g_string_append_printf(m, "From: %s\r\nSubject: "
		    "=?utf-8?q?M=C3=B6te?=\r\nMessage-ID: %s\r\n%s",
		    froms[f], id, body);
		if (!same("synthetic", (long)i, m->str, m->len))
			fails++;
		n = m->len;
		g_ptr_array_add(names, g_strdup_printf("synthetic %zu", i));
		g_array_append_val(lens, n);
		g_ptr_array_add(bufs, g_string_free(m, FALSE));
	}
}

static void
add_dir(GPtrArray *names, const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *n;

	if (d == NULL)
		return;
	while ((n = g_dir_read_name(d)) != NULL)
		if (g_str_has_suffix(n, ".eml"))
			g_ptr_array_add(names, g_build_filename(dir, n, NULL));
	g_dir_close(d);
}

static int
cmp_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(void)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *bufs = g_ptr_array_new_with_free_func(g_free);
	GArray *lens = g_array_new(FALSE, FALSE, sizeof(gsize));
	const char *mut_env = g_getenv("MIMEFAST_MUTATIONS");
	long muts = mut_env ? atol(mut_env) : 4000;
	size_t corpus_fast;

	parse_init();
	add_dir(names, "tests/corpus");
	add_dir(names, "../shared/corpus/external/invites");
	g_ptr_array_sort(names, cmp_name);
	for (guint i = 0; i < names->len; i++) {
		char *b;
		gsize n;

		if (!g_file_get_contents(names->pdata[i], &b, &n, NULL))
			continue;
		if (!same(names->pdata[i], -1, b, n))
			fails++;
		g_ptr_array_add(bufs, b);
		g_array_append_val(lens, n);
	}
	add_synthetic(names, bufs, lens);
	corpus_fast = n_fast;
	printf("# corpus: %zu messages, %zu read by mimefast\n", n_checked,
	    n_fast);
	if (bufs->len == 0 || corpus_fast == 0) {
		printf("not ok 1 - no corpus read (run from the top "
		    "directory)\n");
		return 1;
	}
	printf("%s 1 - corpus: mimefast and GMime give the same invites\n",
	    fails ? "not ok" : "ok");
	n_fast = n_checked = 0;
	for (long k = 0; k < muts; k++) {
		guint i = rnd(bufs->len);
		GString *m = mutate(bufs->pdata[i],
		    g_array_index(lens, gsize, i));

		if (!same(names->pdata[i], k, m->str, m->len))
			fails++;
		g_string_free(m, TRUE);
	}
	printf("# mutations: %zu, %zu read by mimefast\n", n_checked,
	    n_fast);
	printf("%s 2 - mutations: mimefast and GMime give the same invites\n",
	    fails ? "not ok" : "ok");
	printf("1..2\n");
	g_ptr_array_unref(bufs);
	g_ptr_array_unref(names);
	g_array_unref(lens);
	return fails ? 1 : 0;
}
