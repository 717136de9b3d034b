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
 * 3. GMutex, GCond and g_once_init_leave(). On Linux GLib builds GMutex
 *    and GCond on futexes, not on pthread, so TSan sees neither the lock
 *    nor the wait of code that uses them (milter/stats.c, GMime's caches)
 *    and reports the data they guard. The wrappers keep GLib's behaviour
 *    and tell TSan what it means, keyed on the mutex itself: lock =
 *    acquire, unlock = release, a condition wait = release then acquire;
 *    g_once_init_leave() releases the location its readers load.
 *
 * The wrappers take the place of the library functions because the
 * executable comes first in symbol lookup; each calls the real one found
 * with dlsym(RTLD_NEXT).
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sanitizer/tsan_interface.h>
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
static void (*r_mutex_lock)(GMutex *);
static gboolean (*r_mutex_trylock)(GMutex *);
static void (*r_mutex_unlock)(GMutex *);
static void (*r_cond_wait)(GCond *, GMutex *);
static gboolean (*r_cond_wait_until)(GCond *, GMutex *, gint64);
static void (*r_once_leave)(volatile void *, gsize);

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

/* Resolved on first use: libgobject's own constructor calls some of
 * these before any constructor of ours would run. Atomic, as two
 * threads may race to fill the same slot (with the same value). */
#define REAL(var, name)	(__atomic_load_n(&(var), __ATOMIC_ACQUIRE) ? \
	__atomic_load_n(&(var), __ATOMIC_ACQUIRE) : \
	(__atomic_store_n(&(var), real(name), __ATOMIC_RELEASE), \
	__atomic_load_n(&(var), __ATOMIC_ACQUIRE)))

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

	LOCKED(r = REAL(r_dt_new, "g_date_time_new")(tz, y, mo, d, h, mi, s));
	return r;
}

GDateTime *
g_date_time_new_now_utc(void)
{
	GDateTime *r;

	LOCKED(r = REAL(r_dt_now_utc, "g_date_time_new_now_utc")());
	return r;
}

GDateTime *
g_date_time_new_now_local(void)
{
	GDateTime *r;

	LOCKED(r = REAL(r_dt_now_local, "g_date_time_new_now_local")());
	return r;
}

GDateTime *
g_date_time_ref(GDateTime *dt)
{
	GDateTime *r;

	LOCKED(r = REAL(r_dt_ref, "g_date_time_ref")(dt));
	return r;
}

void
g_date_time_unref(GDateTime *dt)
{
	LOCKED(REAL(r_dt_unref, "g_date_time_unref")(dt));
}

GTimeZone *
g_time_zone_new_identifier(const gchar *id)
{
	GTimeZone *r;

	LOCKED(r = REAL(r_tz_new_id, "g_time_zone_new_identifier")(id));
	return r;
}

GTimeZone *
g_time_zone_new_utc(void)
{
	GTimeZone *r;

	LOCKED(r = REAL(r_tz_new_utc, "g_time_zone_new_utc")());
	return r;
}

GTimeZone *
g_time_zone_new_local(void)
{
	GTimeZone *r;

	LOCKED(r = REAL(r_tz_new_local, "g_time_zone_new_local")());
	return r;
}

void
g_time_zone_unref(GTimeZone *tz)
{
	LOCKED(REAL(r_tz_unref, "g_time_zone_unref")(tz));
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
	REAL(r_mime_init, "g_mime_init")();		/* registers every GMime type */
	class_init_all(G_TYPE_OBJECT);
}

void
g_mutex_lock(GMutex *m)
{
	REAL(r_mutex_lock, "g_mutex_lock")(m);
	__tsan_acquire(m);
}

gboolean
g_mutex_trylock(GMutex *m)
{
	gboolean r = REAL(r_mutex_trylock, "g_mutex_trylock")(m);

	if (r)
		__tsan_acquire(m);
	return r;
}

void
g_mutex_unlock(GMutex *m)
{
	__tsan_release(m);
	REAL(r_mutex_unlock, "g_mutex_unlock")(m);
}

void
g_cond_wait(GCond *c, GMutex *m)
{
	__tsan_release(m);
	REAL(r_cond_wait, "g_cond_wait")(c, m);
	__tsan_acquire(m);
}

gboolean
g_cond_wait_until(GCond *c, GMutex *m, gint64 end)
{
	gboolean r;

	__tsan_release(m);
	r = REAL(r_cond_wait_until, "g_cond_wait_until")(c, m, end);
	__tsan_acquire(m);
	return r;
}

/* the macro g_once_init_enter() loads *location atomically in our code */
void
(g_once_init_leave)(volatile void *location, gsize result)
{
	__tsan_release((void *)location);
	REAL(r_once_leave, "g_once_init_leave")(location, result);
}
