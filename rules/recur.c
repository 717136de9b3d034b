/*
 * recur.c: the invitation-level rules of the guideline on series and
 * files: a recurring series with an external guest (recurring-external),
 * files sent to external guests (attachment-external), and attendees
 * without a usable address (external-guest-unknown). Findings name
 * domains, file types and sizes, never people.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "../conf/conf.h"
#include "domain.h"
#include "engine.h"

bool
recur_method_is_request(const char *method)
{
	return method == NULL || strcmp(method, "REQUEST") == 0 ||
	    strcmp(method, "PUBLISH") == 0 || strcmp(method, "ADD") == 0;
}

/* RFC 5545 3.8.5 recurrence, MS-OXCICAL instance types, or one UID in
 * several components (instances sent together). */
static bool
is_series(const struct invite *inv)
{
	for (size_t i = 0; i < inv->n_comps; i++) {
		const struct inv_comp *c = &inv->comps[i];

		if (c->has_rrule || c->has_rdate || c->has_exrule ||
		    c->has_exdate || c->has_recurrence_id || c->has_ms_rrule ||
		    (c->ms_insttype >= 1 && c->ms_insttype <= 3))
			return true;
		for (size_t j = i + 1; j < inv->n_comps; j++)
			if (c->uid && inv->comps[j].uid &&
			    strcmp(c->uid, inv->comps[j].uid) == 0)
				return true;
	}
	return false;
}

static void
add_domain(GPtrArray *set, char *d)
{
	for (guint i = 0; i < set->len; i++)
		if (strcmp(g_ptr_array_index(set, i), d) == 0) {
			g_free(d);
			return;
		}
	g_ptr_array_add(set, d);
}

void
recur_check(const struct config *cfg, const struct invite *inv,
    const struct envelope *env, struct verdict *out)
{
	char *const *internal = cfg->internal_domains;
	size_t n_internal = cfg->n_internal_domains;
	char *assumed = NULL;
	GPtrArray *ext = g_ptr_array_new_with_free_func(g_free);
	size_t unknown = 0, i, j;
	char ev[96], detail[160];

	if (!recur_method_is_request(inv->method)) {
		g_ptr_array_free(ext, TRUE);
		return;
	}
	if (n_internal == 0) {
		/* A fresh install: the organizer's domain is ours. */
		for (i = 0; i < inv->n_comps && assumed == NULL; i++)
			if (inv->comps[i].has_organizer)
				assumed = domain_of_addr(inv->comps[i].organizer.addr);
		if (assumed == NULL && env != NULL)
			assumed = domain_of_addr(env->sender);
		if (assumed == NULL)
			assumed = domain_of_addr(inv->from);
		if (assumed != NULL) {
			internal = &assumed;
			n_internal = 1;
			snprintf(out->note, sizeof(out->note), "no internal "
			    "domain configured; assumed internal: %s", assumed);
		} else
			g_strlcpy(out->note, "no internal domain configured "
			    "and none could be assumed", sizeof(out->note));
	}
	for (i = 0; i < inv->n_comps; i++) {
		const struct inv_comp *c = &inv->comps[i];

		for (j = 0; j < c->n_attendees; j++) {
			const struct inv_person *p = &c->attendees[j];
			char *d;

			/* Rooms and resources are not guests (issue 4). */
			if (p->cutype && (!strcmp(p->cutype, "ROOM") ||
			    !strcmp(p->cutype, "RESOURCE")))
				continue;
			d = domain_of_addr(p->addr);

			if (d == NULL) {
				unknown++;
				continue;
			}
			if (domain_is_internal(d, internal, n_internal))
				g_free(d);
			else
				add_domain(ext, d);
		}
	}
	for (i = 0; env != NULL && i < env->n_rcpts; i++) {
		char *d = domain_of_addr(env->rcpts[i]);

		if (d != NULL && !domain_is_internal(d, internal, n_internal))
			add_domain(ext, d);
		else
			g_free(d);
	}
	if (unknown > 0) {
		snprintf(ev, sizeof(ev), "%zu deltagare utan adress", unknown);
		rules_emit(cfg, out, "external-guest-unknown", FLD_ATTENDEE_CN,
		    -1, SEV_MEDIUM, 0, 0, ev, "attendee without a usable "
		    "mail address (no mailto:, EX:/X.500 or garbage)");
	}
	if (ext->len > 0) {
		GString *doms = g_string_new(NULL);

		for (i = 0; i < ext->len && doms->len < 100; i++)
			g_string_append_printf(doms, "%s%s", i ? ", " : "",
			    (char *)g_ptr_array_index(ext, i));
		if (is_series(inv)) {
			snprintf(ev, sizeof(ev), "%u externa domäner",
			    ext->len);
			snprintf(detail, sizeof(detail), "series with guests "
			    "from %s: book a separate meeting for each "
			    "occasion", doms->str);
			rules_emit(cfg, out, "recurring-external", FLD_SUMMARY,
			    0, SEV_HIGH, 0, 0, ev, detail);
		}
		for (i = 0; i < inv->n_atts + inv->n_comps; i++) {
			const struct inv_attach *a = NULL;
			size_t na = 1;

			if (i < inv->n_atts) {
				a = &inv->atts[i];
				if (a->is_inline_image)
					continue;
			} else {
				const struct inv_comp *c =
				    &inv->comps[i - inv->n_atts];

				na = c->n_attach;
				a = c->attach;
			}
			for (j = 0; j < na && a != NULL; j++) {
				snprintf(ev, sizeof(ev), "%s, %zu KB",
				    a[j].type ? a[j].type : (a[j].uri ?
				    "link" : "file"), (a[j].size + 1023) / 1024);
				snprintf(detail, sizeof(detail), "a file for "
				    "guests from %s", doms->str);
				rules_emit(cfg, out, "attachment-external",
				    FLD_ATTACHMENT_NAME, -1, SEV_MEDIUM, 0, 0, ev,
				    detail);
			}
		}
		g_string_free(doms, TRUE);
	}
	g_ptr_array_free(ext, TRUE);
	g_free(assumed);
}
