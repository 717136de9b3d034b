/*
 * langwords.c: the names detector's language test, "is this an
 * ordinary word?" (issue 18). Four sorted word lists built at build
 * time from Debian's dictionaries (conf/words/build-wordlists.py:
 * hunspell-sv, wswedish, wamerican) and embedded compressed in the
 * GResource: ordinary Swedish words in every form, the heads of Swedish
 * compounds, capitalised dictionary entries (places, organisations,
 * brands) and ordinary English words. Loaded once per process on first
 * use (inflating ~10 MB takes some tens of ms, so a process that never
 * asks pays nothing); read-only after. A lookup is a binary search over
 * line offsets: only capitalised tokens in a name position that no
 * name list knows are asked, a few per message.
 */
#include <stdint.h>
#include <string.h>
#include <pthread.h>
#include <glib.h>
#include <gio/gio.h>

#include "langwords.h"

struct wordset {
	GBytes		*bytes;	/* while loading */
	const char	*data;
	uint32_t	*off;	/* entry starts, sorted by bytes; off[n]: end */
	uint32_t	 n;
	size_t		 len;
};

static const char *const files[LW_N] = {
	"/invite-milter/words/sv-words.txt",
	"/invite-milter/words/sv-compound-heads.txt",
	"/invite-milter/words/sv-propernouns.txt",
	"/invite-milter/words/en-words.txt",
};

static struct wordset sets[LW_N];
static gboolean loaded_ok;

static bool
load(struct wordset *w, const char *path)
{
	gsize n = 0, cap = 1024;

	w->bytes = g_resources_lookup_data(path, G_RESOURCE_LOOKUP_FLAGS_NONE,
	    NULL);
	if (w->bytes == NULL)
		return false;
	const char *src = g_bytes_get_data(w->bytes, &n);
	char *dst = g_malloc(n + 1);
	size_t o = 0;

	/* the entries back to back, without comments and line ends: an
	 * entry's length is the distance to the next one's start */
	w->off = g_new(uint32_t, cap);
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(src + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - src) : n;

		if (e > i && src[i] != '#') {
			if (w->n + 1 >= cap)
				w->off = g_renew(uint32_t, w->off, cap *= 2);
			w->off[w->n++] = (uint32_t)o;
			memcpy(dst + o, src + i, e - i);
			o += e - i;
		}
		i = e + 1;
	}
	w->off[w->n] = (uint32_t)o;
	w->data = dst;
	w->len = o;
	g_bytes_unref(w->bytes);
	w->bytes = NULL;
	return w->n > 0;
}

static void
load_sets(void)
{
	bool ok = true;

	for (int k = 0; k < LW_N; k++)
		ok = load(&sets[k], files[k]) && ok;
	loaded_ok = ok;
}

/* Once per process, on first use, whichever thread comes first.
 * pthread_once rather than GLib's g_once_init_*: the same guarantee,
 * and ThreadSanitizer sees it (it cannot see inside the uninstrumented
 * GLib). */
static void
load_all(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	(void)pthread_once(&once, load_sets);
}

bool
langwords_ready(void)
{
	load_all();
	return loaded_ok;
}

/* The entry at index k: its bytes and length. */
static inline size_t
entry(const struct wordset *w, uint32_t k, const char **s)
{
	*s = w->data + w->off[k];
	return w->off[k + 1] - w->off[k];
}

bool
langwords_has(enum langwords which, const char *s, size_t n)
{
	const struct wordset *w;
	uint32_t lo = 0, hi;

	load_all();
	w = &sets[which];
	hi = w->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const char *e;
		size_t el = entry(w, mid, &e);
		int c = memcmp(e, s, MIN(el, n));

		if (c == 0)
			c = el < n ? -1 : el > n ? 1 : 0;
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}
