/*
 * recur.c: the invitation-level rules of the guideline on series and
 * files: a recurring series with an external guest (recurring-external),
 * files sent to external guests (attachment-external), and attendees
 * without a usable address (external-guest-unknown). Findings name
 * domains, file types and sizes, never people.
 *
 * Guests are the ATTENDEEs of every component whatever their ROLE, plus
 * the envelope recipients when there is an envelope (the milter): every
 * one, through the recipient summary (rcpt.h), also past the addresses
 * and domains it keeps.
 * CUTYPE=ROOM and RESOURCE are never guests, on any domain (issue 4; the
 * envelope recipients still catch a person disguised as a room). A
 * GROUP is judged by its own domain. The ORGANIZER is the sender's
 * side and not a guest.
 *
 * [exceptions] (issue 20): a guest from a partner domain counts as
 * internal, and a series from a series_senders mailbox is allowed; each
 * is logged as a finding of its own (exception-partner-domain,
 * exception-series-sender) when it applies.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "detect.h"
#include "domain.h"
#include "recur.h"

/* How an envelope recipient with an '@' and no usable domain after it
 * is named among the guest domains. */
#define RECUR_BAD_DOMAIN	"[address literal or invalid domain]"

/* Room left in a finding's detail for the list of domains. */
#define DOMS_ROOM	88

bool
recur_method_is_request(const char *method)
{
	return method == NULL || strcmp(method, "REQUEST") == 0 ||
	    strcmp(method, "PUBLISH") == 0 || strcmp(method, "ADD") == 0;
}

/* RFC 5545 3.8.5 recurrence (and EXDATE, detection-spec 5), or
 * MS-OXCICAL instance types. Several components with one UID and none
 * of these are not a series (issue 17, real clients): iCloud publishes
 * separate occurrences together, a room booking repeats the event, and
 * Google writes one event twice; an exception of a series carries
 * RECURRENCE-ID, which counts. */
bool
recur_is_series(const struct invite *inv)
{
	for (size_t i = 0; i < inv->n_comps; i++) {
		const struct inv_comp *c = &inv->comps[i];

		if (c->has_rrule || c->has_rdate || c->has_exrule ||
		    c->has_exdate || c->has_recurrence_id || c->has_ms_rrule ||
		    (c->ms_insttype >= 1 && c->ms_insttype <= 3))
			return true;
	}
	return false;
}

/* Adds s to the set unless it is there; takes s. */
static void
set_add(GPtrArray *set, char *s)
{
	for (guint i = 0; i < set->len; i++)
		if (strcmp(g_ptr_array_index(set, i), s) == 0) {
			g_free(s);
			return;
		}
	g_ptr_array_add(set, s);
}

/* "a.example, b.example and 3 more" within size bytes, each domain as
 * domain_shown() gives it; with further (recipients whose domains were
 * counted, not kept: rcpt.h) "... and further domains". */
static void
domain_list(const GPtrArray *doms, bool further, char *buf, size_t size)
{
	const size_t more = further ? sizeof(" and 4294967295 more and "
	    "further domains") : sizeof(" and 4294967295 more");
	size_t len = 0;
	guint i;

	buf[0] = '\0';
	for (i = 0; i < doms->len; i++) {
		char *d = domain_shown(g_ptr_array_index(doms, i));
		size_t need = len + (i ? 2 : 0) + strlen(d);

		if (need + (i + 1 < doms->len || further ? more : 1) > size) {
			g_free(d);
			break;
		}
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i ? ", " : "", d);
		g_free(d);
	}
	if (i == 0 && doms->len > 0)
		len = (size_t)snprintf(buf, size, "%u domains", doms->len);
	else if (i < doms->len)
		len += (size_t)snprintf(buf + len, size - len, " and %u more",
		    doms->len - i);
	if (further && len < size)
		snprintf(buf + len, size - len, "%s", len ? " and further "
		    "domains" : "further domains");
}

/* A MIME type fit for a report: token characters only, else "file". */
static const char *
file_type(const struct inv_attach *a)
{
	const char *t = a->type;

	if (t == NULL || *t == '\0' || strlen(t) > 80)
		return a->uri ? "link" : "file";
	for (const char *p = t; *p; p++)
		if (!(g_ascii_isalnum(*p) || strchr("/.+-_", *p) != NULL))
			return "file";
	return t;
}

/* Parts that mail software writes about a message (a delivery report,
 * a read receipt, returned headers) are no file a person shared. */
static bool
machine_part(const struct inv_attach *a)
{
	static const char *const types[] = { "message/delivery-status",
	    "message/global-delivery-status", "message/disposition-notification",
	    "message/global-disposition-notification", "text/rfc822-headers",
	    "message/global-headers", "message/feedback-report", NULL };

	for (const char *const *t = types; a->type != NULL && *t; t++)
		if (g_ascii_strcasecmp(a->type, *t) == 0)
			return true;
	return false;
}

static void
emit_attachment(const struct rules_conf *rc, struct verdict *out,
    const struct inv_attach *a, const char *doms)
{
	char ev[96], detail[160];

	if (a->uri != NULL)
		snprintf(ev, sizeof(ev), "%s, link", file_type(a));
	else if (a->size_unknown)	/* not kept: "0 B" would mislead */
		snprintf(ev, sizeof(ev), "%s, size not kept", file_type(a));
	else if (a->size < 1024)
		snprintf(ev, sizeof(ev), "%s, %zu B", file_type(a), a->size);
	else
		snprintf(ev, sizeof(ev), "%s, %zu KB", file_type(a),
		    (a->size + 1023) / 1024);
	snprintf(detail, sizeof(detail), "a file sent to guests from %s",
	    doms);
	rules_emit(rc, out, "attachment-external", FLD_ATTACHMENT_NAME, -1,
	    SEV_MEDIUM, 0, 0, ev, detail);
}

/* The domain a fresh install takes as its own: the organizer's, else
 * the envelope sender's, else From's. Explains itself in out->note. */
static char *
assume_internal(const struct invite *inv, const struct envelope *env,
    struct verdict *out)
{
	char *d = NULL;

	for (size_t i = 0; i < inv->n_comps && d == NULL; i++)
		if (inv->comps[i].has_organizer)
			d = domain_of_addr(inv->comps[i].organizer.addr);
	if (d == NULL && env != NULL)
		d = domain_of_addr(env->sender);
	if (d == NULL)
		d = domain_of_addr(inv->from);
	if (d != NULL) {
		char *shown = domain_shown(d);

		snprintf(out->note, sizeof(out->note), "no internal domain "
		    "configured; assumed internal: %s", shown);
		g_free(shown);
	} else
		g_strlcpy(out->note, "no internal domain configured and none "
		    "could be assumed: every guest counts as external",
		    sizeof(out->note));
	return d;
}

/* Is the envelope sender in an [exceptions] series_senders list? The
 * entries are canonical (conf/units.c): "local@domain", "@domain" (that
 * domain), ".domain" (below it), "domain" (it and below). */
bool
recur_sender_listed(const char *sender, char *const *list)
{
	const char *at, *d;
	size_t dl;

	if (sender == NULL || list == NULL || (at = strrchr(sender, '@')) ==
	    NULL)
		return false;
	d = at + 1;
	dl = strlen(d);
	for (; *list != NULL; list++) {
		const char *e = *list;
		size_t el;

		if (e[0] == '@') {
			if (g_ascii_strcasecmp(d, e + 1) == 0)
				return true;
			continue;
		}
		if (strchr(e, '@') != NULL) {
			if (g_ascii_strcasecmp(sender, e) == 0)
				return true;
			continue;
		}
		if (e[0] != '.' && g_ascii_strcasecmp(d, e) == 0)
			return true;
		el = strlen(e) + (e[0] == '.' ? 0 : 1);	/* ".domain" */
		if (dl > el && (e[0] == '.' ? g_ascii_strcasecmp(d + dl - el,
		    e) == 0 : (d[dl - el] == '.' &&
		    g_ascii_strcasecmp(d + dl - el + 1, e) == 0)))
			return true;
	}
	return false;
}

/* Sorts guest domain d (taken) into ext or partners. */
static void
sort_guest(const struct rules_conf *rc, char *d, GPtrArray *ext,
    GPtrArray *partners)
{
	if (rc->n_partner_domains > 0 && domain_is_internal(d,
	    rc->partner_domains, rc->n_partner_domains))
		set_add(partners, d);
	else
		set_add(ext, d);
}

static bool
is_room(const struct inv_person *p)
{
	return p->cutype != NULL && (strcmp(p->cutype, "ROOM") == 0 ||
	    strcmp(p->cutype, "RESOURCE") == 0);
}

/* A series with guests from n external domains (doms, for the detail):
 * recurring-external, or its exception for a listed series sender. */
static void
emit_series(const struct rules_conf *rc, const struct envelope *env,
    unsigned n, const char *doms, struct verdict *out)
{
	char ev[96], detail[160];

	if (n == 1)
		g_strlcpy(ev, "1 extern domän", sizeof(ev));
	else
		snprintf(ev, sizeof(ev), "%u externa domäner", n);
	if (env != NULL && recur_sender_listed(env->sender,
	    rc->series_senders)) {
		snprintf(detail, sizeof(detail), "series with guests from %s "
		    "from a mailbox in [exceptions] series_senders", doms);
		rules_emit(rc, out, "exception-series-sender", FLD_SUMMARY, 0,
		    SEV_LOW, 0, 0, ev, detail);
	} else {
		snprintf(detail, sizeof(detail), "series with guests from %s: "
		    "book a separate meeting for each occasion", doms);
		rules_emit(rc, out, "recurring-external", FLD_SUMMARY, 0,
		    SEV_HIGH, 0, 0, ev, detail);
	}
}

void
recur_check(const struct rules_conf *rc, const struct invite *inv,
    const struct envelope *env, struct verdict *out)
{
	char *const *internal = rc->internal_domains;
	size_t n_internal = rc->n_internal_domains;
	char *assumed = NULL;
	GPtrArray *ext, *unknown, *partners;
	struct rcpt_sum *tmp = NULL;
	const struct rcpt_sum *rs = rcpt_sum_of_env(env, &tmp);
	size_t i, j, n_further;
	char ev[96], detail[160], doms[DOMS_ROOM];

	/* Cancelling and answering always get through (issue 4). */
	if (!recur_method_is_request(inv->method)) {
		rcpt_sum_free(tmp);	/* the envelope's, summed */
		return;
	}
	if (n_internal == 0) {
		if ((assumed = assume_internal(inv, env, out)) != NULL) {
			internal = &assumed;
			n_internal = 1;
		}
	}
	ext = g_ptr_array_new_with_free_func(g_free);
	unknown = g_ptr_array_new_with_free_func(g_free);
	partners = g_ptr_array_new_with_free_func(g_free);
	for (i = 0; i < inv->n_comps; i++) {
		const struct inv_comp *c = &inv->comps[i];

		for (j = 0; j < c->n_attendees; j++) {
			const struct inv_person *p = &c->attendees[j];
			char *d;

			if (is_room(p))
				continue;
			if ((d = domain_of_addr(p->addr)) == NULL)
				/* once per address as written */
				set_add(unknown, g_strdup(p->raw ? p->raw :
				    (p->addr ? p->addr : "")));
			else if (domain_is_internal(d, internal, n_internal))
				g_free(d);
			else
				sort_guest(rc, d, ext, partners);
		}
	}
	/* every envelope recipient, kept or only counted (rcpt.h): each
	 * kept domain once; those past the kept ones were classified as
	 * they came, an external one makes n_further */
	for (i = 0; rs != NULL && i < rcpt_sum_n_domains(rs); i++) {
		const char *d = rcpt_sum_domain(rs, i, NULL);

		if (!domain_is_internal(d, internal, n_internal))
			sort_guest(rc, g_strdup(d), ext, partners);
	}
	n_further = rs != NULL ? rcpt_sum_over_external(rs) : 0;
	/* an address literal or a broken domain: no one can say it is
	 * internal, so it is a guest (issue 17) */
	if (rs != NULL && rcpt_sum_bad_domain(rs) > 0)
		set_add(ext, g_strdup(RECUR_BAD_DOMAIN));
	if (partners->len > 0) {
		domain_list(partners, false, doms, sizeof(doms));
		snprintf(ev, sizeof(ev), "%u partnerdomän%s", partners->len,
		    partners->len == 1 ? "" : "er");
		snprintf(detail, sizeof(detail), "guests from %s count as "
		    "internal ([exceptions] partner_domains)", doms);
		rules_emit(rc, out, "exception-partner-domain", FLD_SUMMARY, 0,
		    SEV_LOW, 0, 0, ev, detail);
	}
	if (unknown->len > 0) {
		snprintf(ev, sizeof(ev), "%u deltagare utan adress",
		    unknown->len);
		rules_emit(rc, out, "external-guest-unknown", FLD_ATTENDEE_CN,
		    -1, SEV_MEDIUM, 0, 0, ev, "attendee without a usable "
		    "mail address (no mailto:, EX:/X.500 or garbage)");
	}
	if (ext->len == 0 && n_further == 0)
		goto out;
	domain_list(ext, n_further > 0, doms, sizeof(doms));
	if (recur_is_series(inv))
		emit_series(rc, env, ext->len + (n_further > 0), doms, out);
	for (i = 0; i < inv->n_atts; i++)
		if (!inv->atts[i].is_inline_image && !machine_part(&inv->atts[i]))
			emit_attachment(rc, out, &inv->atts[i], doms);
	for (i = 0; i < inv->n_comps; i++)
		for (j = 0; j < inv->comps[i].n_attach; j++)
			emit_attachment(rc, out, &inv->comps[i].attach[j],
			    doms);
out:
	g_ptr_array_free(unknown, TRUE);
	g_ptr_array_free(partners, TRUE);
	g_ptr_array_free(ext, TRUE);
	g_free(assumed);
	rcpt_sum_free(tmp);
}
