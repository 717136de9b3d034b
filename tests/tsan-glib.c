/*
 * tsan-glib.c: linked into the ThreadSanitizer build of invite-milter
 * only (make SANITIZE=thread, see tests/t/tsan-milter.sh). It makes
 * visible to TSan two kinds of synchronisation that really happen inside
 * the uninstrumented system libraries, and changes nothing else:
 *
 * 1. GLib's time-zone cache. GMime turns every Date header into a
 *    GDateTime; GLib keeps the GTimeZone objects in a process-wide hash
 *    table under G_LOCK(time_zones) (a futex, not a pthread mutex) with
 *    atomic reference counts, so a zone made in one milter thread is
 *    found, and at last freed, by another. TSan sees the malloc, strcmp
 *    and free of that and reports races it cannot see are ordered
 *    (known: google/sanitizers issue 490, GNOME bug 737345). The GLib
 *    entry points that reach the cache from GMime, libical and our code
 *    (checked with nm -D --undefined-only on those libraries) are
 *    wrapped here in one pthread mutex, which TSan understands. The
 *    program's own data is never touched under it.
 *
 * 2. GObject class initialisation. GLib initialises a class on its first
 *    instance, in whichever thread, and publishes it with an atomic flag;
 *    the type-check macros (GMIME_IS_PART() ...) then read the class from
 *    our instrumented code. Here every GMime class is initialised once in
 *    the main thread, right after g_mime_init() and before any milter
 *    thread exists, as the thread creation orders it for TSan.
 *
 * The wrappers take the place of the library functions because the
 * executable comes first in symbol lookup; each calls the real one found
 * with dlsym(RTLD_NEXT).
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <gmime/gmime.h>

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

static GDateTime *(*r_dt_new)(GTimeZone *, gint, gint, gint, gint, gint,
    gdouble);
static GDateTime *(*r_dt_now_utc)(void);
static GDateTime *(*r_dt_now_local)(void);
static GDateTime *(*r_dt_ref)(GDateTime *);
static void (*r_dt_unref)(GDateTime *);
static GTimeZone *(*r_tz_new_id)(const gchar *);
static GTimeZone *(*r_tz_new_utc)(void);
static GTimeZone *(*r_tz_new_local)(void);
static void (*r_tz_unref)(GTimeZone *);
static void (*r_mime_init)(void);

static void *
real(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (p == NULL) {
		fprintf(stderr, "tsan-glib: %s not found\n", name);
		abort();
	}
	return p;
}

/* before main(), so before any thread: the pointers are only read later */
__attribute__((constructor)) static void
resolve(void)
{
	r_dt_new = real("g_date_time_new");
	r_dt_now_utc = real("g_date_time_new_now_utc");
	r_dt_now_local = real("g_date_time_new_now_local");
	r_dt_ref = real("g_date_time_ref");
	r_dt_unref = real("g_date_time_unref");
	r_tz_new_id = real("g_time_zone_new_identifier");
	r_tz_new_utc = real("g_time_zone_new_utc");
	r_tz_new_local = real("g_time_zone_new_local");
	r_tz_unref = real("g_time_zone_unref");
	r_mime_init = real("g_mime_init");
}

#define LOCKED(call) do {				\
	pthread_mutex_lock(&tz_lock);			\
	call;						\
	pthread_mutex_unlock(&tz_lock);			\
} while (0)

GDateTime *
g_date_time_new(GTimeZone *tz, gint y, gint mo, gint d, gint h, gint mi,
    gdouble s)
{
	GDateTime *r;

	LOCKED(r = r_dt_new(tz, y, mo, d, h, mi, s));
	return r;
}

GDateTime *
g_date_time_new_now_utc(void)
{
	GDateTime *r;

	LOCKED(r = r_dt_now_utc());
	return r;
}

GDateTime *
g_date_time_new_now_local(void)
{
	GDateTime *r;

	LOCKED(r = r_dt_now_local());
	return r;
}

GDateTime *
g_date_time_ref(GDateTime *dt)
{
	GDateTime *r;

	LOCKED(r = r_dt_ref(dt));
	return r;
}

void
g_date_time_unref(GDateTime *dt)
{
	LOCKED(r_dt_unref(dt));
}

GTimeZone *
g_time_zone_new_identifier(const gchar *id)
{
	GTimeZone *r;

	LOCKED(r = r_tz_new_id(id));
	return r;
}

GTimeZone *
g_time_zone_new_utc(void)
{
	GTimeZone *r;

	LOCKED(r = r_tz_new_utc());
	return r;
}

GTimeZone *
g_time_zone_new_local(void)
{
	GTimeZone *r;

	LOCKED(r = r_tz_new_local());
	return r;
}

void
g_time_zone_unref(GTimeZone *tz)
{
	LOCKED(r_tz_unref(tz));
}

static void
class_init_all(GType t)
{
	guint n;
	GType *c = g_type_children(t, &n);

	for (guint i = 0; i < n; i++) {
		(void)g_type_class_ref(c[i]);	/* kept: static types */
		class_init_all(c[i]);
	}
	g_free(c);
}

void
g_mime_init(void)
{
	r_mime_init();		/* registers every GMime type */
	class_init_all(G_TYPE_OBJECT);
}
