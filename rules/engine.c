/*
 * engine.c: runs the detectors over every text of an invite, combines
 * their hits by the severity model (detection-spec section 6), adds the
 * invitation-level rules (recur.c) and maps each finding to the action
 * configured for its rule. Pure: reads the rules config and the invite,
 * writes only the verdict. Thread-safe on a shared rules config.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "detect.h"
#include "recur.h"
#include "ruledata.h"
#include "rules.h"

static detector_fn *const detectors[] = {
	det_identifiers, det_names, det_topic,
};

/* A hit together with where it was found. */
struct placed {
	struct hit	 h;
	enum inv_field	 field;
	int		 comp;
	int		 text;		/* index into inv->texts */
	size_t		 oa, ob;	/* span in the original field text */
};

void
rules_emit(const struct rules_conf *rc, struct verdict *v, const char *rule,
    enum inv_field field, int comp, enum severity sev, size_t start,
    size_t end, const char *evidence, const char *detail)
{
	rules_emit_in(rc, v, -1, rule, field, comp, sev, start, end, evidence,
	    detail);
}

void
rules_emit_in(const struct rules_conf *rc, struct verdict *v, int text,
    const char *rule, enum inv_field field, int comp, enum severity sev,
    size_t start, size_t end, const char *evidence, const char *detail)
{
	const struct rule_conf *r = rules_conf_find(rc, rule);
	struct finding f;
	size_t i;

	memset(&f, 0, sizeof(f));
	f.action = r ? r->action : ACT_FLAG;
	if (f.action == ACT_OFF)
		return;
	f.sev = r && r->sev != SEV_NONE ? r->sev : sev;
	g_strlcpy(f.rule, rule, sizeof(f.rule));
	f.field = field;
	f.comp = comp;
	f.start = start;
	f.end = end;
	f.text_no = text >= 0 ? (size_t)text + 1 : 0;
	g_strlcpy(f.evidence, evidence ? evidence : "", sizeof(f.evidence));
	g_strlcpy(f.detail, detail ? detail : "", sizeof(f.detail));
	/* The same text often comes four times (DESCRIPTION, X-ALT-DESC,
	 * text and HTML body): one finding per rule, field and evidence. */
	for (i = 0; i < v->n; i++)
		if (v->f[i].field == field && strcmp(v->f[i].rule, rule) == 0 &&
		    strcmp(v->f[i].evidence, f.evidence) == 0)
			return;
	verdict_add(v, &f);
}

/* The date for age, century and validity decisions: the arrival time
 * (the envelope's now, which the pipeline sets), else the clock. Never
 * the content: a decoy first VEVENT with DTSTART in 1900 made everyone
 * look unborn and turned personnummer detection off for the rest
 * (issue 17). A number is valid if its holder was born by the time the
 * mail is sent, whatever date the meeting claims. */
static time_t
reference_time(const struct envelope *env)
{
	if (env != NULL && env->now != 0)
		return env->now;
	return time(NULL);
}

void
detcache_clear(struct detcache *c)
{
	names_part_free(c->names_part);
	c->names_part = NULL;
}

/* Fields the detectors tell apart (detect.h, det_field_class): the long
 * texts share one class, every short field is its own. */
int
det_field_class(enum inv_field f)
{
	switch (f) {
	case FLD_DESCRIPTION:
	case FLD_ALTDESC:
	case FLD_COMMENT:
	case FLD_CATEGORIES:
	case FLD_BODY_TEXT:
	case FLD_BODY_HTML:
		return -1;
	default:
		return (int)f;
	}
}

/* A hash of a text and its field class, 8 bytes a step. */
static guint64
text_hash(const struct inv_text *t)
{
	guint64 h = 0x9E3779B97F4A7C15ULL ^ (guint64)(det_field_class(t->field) +
	    2) ^ ((guint64)t->len << 32);
	size_t i = 0;

	for (; i + 8 <= t->len; i += 8) {
		guint64 x;

		memcpy(&x, t->s + i, 8);
		h = (h ^ x) * 0xFF51AFD7ED558CCDULL;
		h ^= h >> 29;
	}
	for (; i < t->len; i++)
		h = (h ^ (unsigned char)t->s[i]) * 0x100000001B3ULL;
	return h ^ (h >> 32);
}

/* The texts seen so far, the first with each hash: up to SEEN_LIST
 * texts in an invite a list scanned (a hash table per message is a
 * cold cache's worth of code and allocations), more a hash table. */
#define SEEN_LIST	32

struct seen {
	GHashTable	*tab;		/* text hash -> text; NULL: list */
	size_t		 list[SEEN_LIST], n;
};

/* An earlier text with the same bytes in the same field class, whose
 * hits can be reused (the text/plain body is usually DESCRIPTION again,
 * and a Google invite.ics repeats the inline calendar), or -1. seen maps
 * a text hash to the first text with it. */
static long
same_text(const struct invite *inv, size_t i, struct seen *seen,
    guint64 *hash)
{
	const struct inv_text *t = &inv->texts[i], *u;
	size_t j = SIZE_MAX;
	gpointer v;

	hash[i] = text_hash(t);
	if (seen->tab == NULL) {
		for (size_t k = 0; k < seen->n && j == SIZE_MAX; k++)
			if (hash[seen->list[k]] == hash[i])
				j = seen->list[k];
		if (j == SIZE_MAX) {
			seen->list[seen->n++] = i;
			return -1;
		}
	} else {
		if (!g_hash_table_lookup_extended(seen->tab, &hash[i], NULL,
		    &v)) {
			g_hash_table_insert(seen->tab, &hash[i],
			    GSIZE_TO_POINTER(i));
			return -1;
		}
		j = GPOINTER_TO_SIZE(v);
	}
	u = &inv->texts[j];
	if (u->len == t->len && det_field_class(u->field) ==
	    det_field_class(t->field) && memcmp(u->s, t->s, t->len) == 0)
		return (long)j;
	return -1;		/* a collision: scan it */
}

/* Runs the detectors over every text of inv into placed. Sets
 * *over_budget when time_budget_ms ran out and *relim to the [limits]
 * key of the first regex match that stopped on a bound (or NULL). */
static void
scan_texts(const struct rules_conf *rc, const struct invite *inv,
    time_t ref, GArray *placed, bool *over_budget, const char **relim)
{
	struct hitlist hl = { NULL, 0, 0, NULL };
	/* The budget covers parsing too (issue 17). */
	gint64 start = g_get_monotonic_time() - inv->parse_us;
	/* first[i], last[i]: the hits of text i in placed. */
	size_t *first = g_new(size_t, inv->n_texts + 1);
	size_t *last = g_new(size_t, inv->n_texts + 1), i, d, k;
	guint64 *hash = g_new(guint64, inv->n_texts + 1);
	struct seen seen = { NULL, { 0 }, 0 };
	struct detcache cache = { NULL };

	if (inv->n_texts > SEEN_LIST)
		seen.tab = g_hash_table_new(g_int64_hash, g_int64_equal);

	for (i = 0; i < inv->n_texts; i++) {
		const struct inv_text *t = &inv->texts[i];
		struct detctx ctx = { rc->data, inv, t->field, t->comp, ref,
		    &cache };
		struct ntext *nt;
		long j;

		first[i] = last[i] = placed->len;
		if (t->len == 0)
			continue;	/* every detector skips empty text */
		if ((j = same_text(inv, i, &seen, hash)) >= 0) {
			for (k = first[j]; k < last[j]; k++) {
				struct placed p = g_array_index(placed,
				    struct placed, k);

				p.field = t->field;
				p.comp = t->comp;
				p.text = (int)i;
				g_array_append_val(placed, p);
			}
			last[i] = placed->len;
			continue;
		}
		if (rc->time_budget_ms != 0 && g_get_monotonic_time() - start >
		    (gint64)rc->time_budget_ms * 1000) {
			*over_budget = true;
			break;
		}
		if ((nt = ntext_new(t->s, t->len)) == NULL)
			continue;
		for (d = 0; d < G_N_ELEMENTS(detectors); d++)
			detectors[d](&ctx, nt, &hl);
		for (k = 0; k < hl.n; k++) {
			struct placed p;

			p.h = hl.v[k];
			p.field = t->field;
			p.comp = t->comp;
			p.text = (int)i;
			ntext_span(nt, p.h.start, p.h.end, &p.oa, &p.ob);
			g_array_append_val(placed, p);
		}
		last[i] = placed->len;
		hits_reset(&hl);
		ntext_free(nt);
	}
	*relim = hl.limit;
	hits_clear(&hl);
	detcache_clear(&cache);
	if (seen.tab != NULL)
		g_hash_table_destroy(seen.tab);
	g_free(hash);
	g_free(first);
	g_free(last);
}

/* Severity model: a person (name, identifier, "flicka 15 år") together
 * with a sensitive topic anywhere in the invitation is the case itself
 * in words; two weak topic words or a weak one with a person count as a
 * topic. Emits the combined finding; the single hits are emitted too. */
static void
combine(const struct rules_conf *rc, GArray *placed, struct verdict *out)
{
	const struct placed *person = NULL, *topic = NULL, *weak = NULL;
	size_t n_weak = 0, i;
	char detail[160];

	for (i = 0; i < placed->len; i++) {
		const struct placed *p = &g_array_index(placed, struct placed, i);

		switch (p->h.kind) {
		case HIT_IDENT:
		case HIT_NAME:
		case HIT_PERSON_REF:
			if (person == NULL)
				person = p;
			break;
		case HIT_TOPIC:
			if (topic == NULL)
				topic = p;
			break;
		case HIT_TOPIC_WEAK:
			if (weak == NULL)
				weak = p;
			n_weak++;
			break;
		default:
			break;
		}
	}
	if (topic == NULL && weak != NULL && person != NULL)
		topic = weak;
	if (person == NULL || topic == NULL)
		return;
	snprintf(detail, sizeof(detail), "%s (%s) + %s",
	    person->h.kind == HIT_NAME ? "namn/name" :
	    person->h.kind == HIT_IDENT ? "identitetsnummer/identifier" :
	    "personreferens/person reference",
	    invite_field_name(person->field), topic->h.evidence);
	rules_emit_in(rc, out, topic->text, "person-topic", topic->field,
	    topic->comp, SEV_HIGH, topic->oa, topic->ob, topic->h.evidence, detail);
	(void)n_weak;
}

/* Caps every action at `cap` (answers and cancellations are never
 * blocked) and recomputes the verdict. */
static void
cap_actions(struct verdict *v, enum action cap)
{
	v->action = ACT_OFF;
	for (size_t i = 0; i < v->n; i++) {
		if (v->f[i].action > cap)
			v->f[i].action = cap;
		if (v->f[i].action > v->action)
			v->action = v->f[i].action;
	}
}

int
rules_eval(const struct rules_conf *rc, const struct invite *inv,
    const struct envelope *env, struct verdict *out)
{
	GArray *placed;
	bool over_budget = false;
	const char *limit, *why, *relim;
	size_t i;

	if (rc == NULL || inv == NULL || out == NULL || rc->data == NULL)
		return -1;
	verdict_reset(out);
	if (!inv->is_invitation) {
		/* Plain mail is out of scope: other tools own it. */
		out->scoped_out = true;
		g_strlcpy(out->note, "not an invitation", sizeof(out->note));
		if (inv->limit_cal != NULL) {
			/* The part cut off may be the calendar: never a
			 * silent pass, on_limit decides. A text cut short
			 * in plain mail does not matter. */
			g_strlcpy(out->limit, inv->limit_cal, sizeof(out->limit));
			rules_emit(rc, out, "limit-exceeded", FLD_BODY_TEXT, -1,
			    SEV_MEDIUM, 0, 0, inv->limit_cal, inv->problem);
		}
		return 0;
	}
	/* A TNEF part may hide a Teams meeting: it is never scoped out. */
	if (rc->teams_only && !(inv->flags & (INV_TEAMS | INV_TNEF))) {
		out->scoped_out = true;
		g_strlcpy(out->note, "not a Teams meeting (teams_only)",
		    sizeof(out->note));
		return 0;
	}
	placed = g_array_new(FALSE, FALSE, sizeof(struct placed));
	scan_texts(rc, inv, reference_time(env), placed, &over_budget,
	    &relim);
	if (rc->time_budget_ms != 0 &&
	    inv->parse_us > (long long)rc->time_budget_ms * 1000)
		over_budget = true;	/* parsing alone ran over */
	for (i = 0; i < placed->len; i++) {
		const struct placed *p = &g_array_index(placed, struct placed, i);

		if (p->h.kind == HIT_PERSON_REF)
			continue;	/* only counts in combination */
		rules_emit_in(rc, out, p->text, p->h.rule, p->field, p->comp,
		    p->h.sev, p->oa, p->ob, p->h.evidence, p->h.detail);
	}
	combine(rc, placed, out);
	g_array_free(placed, TRUE);

	recur_check(rc, inv, env, out);
	if (inv->flags & (INV_TNEF | INV_ENCRYPTED))
		rules_emit(rc, out, "not-inspectable", FLD_BODY_TEXT, -1,
		    SEV_MEDIUM, 0, 0, inv->flags & INV_TNEF ?
		    "application/ms-tnef" : "encrypted",
		    "parts of the message could not be read");
	if (inv->flags & INV_CAL_NUL)
		rules_emit(rc, out, "calendar-nul", FLD_DESCRIPTION, -1,
		    SEV_LOW, 0, 0, "NUL", "a NUL byte inside a calendar part "
		    "(the text after it is examined)");
	/* A bound that was hit: the finding names its [limits] key; the
	 * front ends apply on_limit. The parser's cap comes first. */
	if (inv->limit != NULL || (inv->flags & INV_TRUNCATED)) {
		limit = inv->limit ? inv->limit : "message_bytes";
		why = inv->problem ? inv->problem : "a parser limit was hit";
	} else if (over_budget) {
		limit = "time_budget_ms";
		why = "parsing and the rules ran longer than "
		    "time_budget_ms";
	} else if (relim != NULL) {
		limit = relim;
		why = "a pattern match stopped on a [limits] regex bound";
	} else
		limit = why = NULL;
	if (limit != NULL) {
		g_strlcpy(out->limit, limit, sizeof(out->limit));
		rules_emit(rc, out, "limit-exceeded", FLD_BODY_TEXT, -1,
		    SEV_MEDIUM, 0, 0, limit, why);
	}
	if (!recur_method_is_request(inv->method))
		cap_actions(out, rc->answer_max_action);
	return 0;
}
