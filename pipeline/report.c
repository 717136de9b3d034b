/*
 * report.c: renders an invite and its verdict for people and programs:
 * the invite-check report (text or JSON), and the lines of the SMTP
 * reply. Prints only what the verdict holds (masked evidence, rule ids,
 * field names) and non-personal facts of the invite (method, counts,
 * flags); never the subject, a name or an address of a person.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "report.h"
#include "../conf/conf.h"
#include "../rules/recur.h"
#include "../rules/rules.h"

void
json_str(GString *out, const char *s)
{
	g_string_append_c(out, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"': g_string_append(out, "\\\""); break;
		case '\\': g_string_append(out, "\\\\"); break;
		case '\n': g_string_append(out, "\\n"); break;
		case '\r': g_string_append(out, "\\r"); break;
		case '\t': g_string_append(out, "\\t"); break;
		default:
			if (c < 0x20)
				g_string_append_printf(out, "\\u%04x", c);
			else
				g_string_append_c(out, (char)c);
		}
	}
	g_string_append_c(out, '"');
}

static size_t
n_attendees(const struct invite *inv)
{
	size_t n = 0;

	for (size_t i = 0; i < inv->n_comps; i++)
		n += inv->comps[i].n_attendees;
	return n;
}

void
report_json(GString *out, const char *file, const struct invite *inv,
    const struct verdict *v)
{
	g_string_append(out, "{\"file\":");
	json_str(out, file);
	g_string_append_printf(out, ",\"invitation\":%s,\"method\":",
	    inv->is_invitation ? "true" : "false");
	if (inv->method)
		json_str(out, inv->method);
	else
		g_string_append(out, "null");
	g_string_append(out, ",\"verdict\":");
	json_str(out, verdict_word(v->action));
	g_string_append_printf(out, ",\"teams\":%s,\"series\":%s,"
	    "\"calendars\":%zu,\"components\":%zu,\"attendees\":%zu,"
	    "\"attachments\":%zu",
	    inv->flags & INV_TEAMS ? "true" : "false",
	    recur_is_series(inv) ? "true" : "false", inv->n_cals, inv->n_comps,
	    n_attendees(inv), inv->n_atts);
	g_string_append(out, ",\"findings\":[");
	for (size_t i = 0; i < v->n; i++) {
		const struct finding *f = &v->f[i];

		if (i)
			g_string_append_c(out, ',');
		g_string_append(out, "{\"rule\":");
		json_str(out, f->rule);
		g_string_append(out, ",\"field\":");
		json_str(out, invite_field_name(f->field));
		g_string_append(out, ",\"severity\":");
		json_str(out, severity_name(f->sev));
		g_string_append(out, ",\"action\":");
		json_str(out, action_name(f->action));
		g_string_append(out, ",\"evidence\":");
		json_str(out, f->evidence);
		if (f->detail[0]) {
			g_string_append(out, ",\"detail\":");
			json_str(out, f->detail);
		}
		g_string_append_printf(out, ",\"span\":[%zu,%zu]}", f->start,
		    f->end);
	}
	g_string_append_c(out, ']');
	if (v->note[0]) {
		g_string_append(out, ",\"note\":");
		json_str(out, v->note);
	}
	if (inv->problem) {
		g_string_append(out, ",\"problem\":");
		json_str(out, inv->problem);
	}
	if (v->limit[0]) {
		g_string_append(out, ",\"limit\":");
		json_str(out, v->limit);
	}
	g_string_append_c(out, '}');
}

void
report_text(GString *out, const char *file, const struct invite *inv,
    const struct verdict *v)
{
	g_string_append_printf(out, "%s: %s", file, verdict_word(v->action));
	if (!inv->is_invitation)
		g_string_append(out, " (not an invitation: not examined)");
	else
		g_string_append_printf(out, " (METHOD %s%s%s, %zu attendee%s)",
		    inv->method ? inv->method : "none",
		    inv->flags & INV_TEAMS ? ", Teams" : "",
		    recur_is_series(inv) ? ", series" : "", n_attendees(inv),
		    n_attendees(inv) == 1 ? "" : "s");
	g_string_append_c(out, '\n');
	for (size_t i = 0; i < v->n; i++) {
		const struct finding *f = &v->f[i];

		g_string_append_printf(out, "  %-6s %-22s %-15s %-6s %s",
		    action_name(f->action), f->rule,
		    invite_field_name(f->field), severity_name(f->sev),
		    f->evidence);
		if (f->detail[0])
			g_string_append_printf(out, "  (%s)", f->detail);
		g_string_append_c(out, '\n');
	}
	if (v->note[0] && inv->is_invitation)
		g_string_append_printf(out, "  note: %s\n", v->note);
	if (inv->problem)
		g_string_append_printf(out, "  input: %s\n", inv->problem);
	if (v->limit[0])
		g_string_append_printf(out, "  limit: %s\n", v->limit);
}

/* Where in the invitation, in the sender's words. */
static const char *
field_words(enum inv_field f, bool sv)
{
	switch (f) {
	case FLD_SUBJECT:
		return sv ? "ämnesraden" : "the subject";
	case FLD_SUMMARY:
		return sv ? "mötets rubrik" : "the meeting title";
	case FLD_DESCRIPTION:
	case FLD_ALTDESC:
		return sv ? "beskrivningen" : "the description";
	case FLD_LOCATION:
		return sv ? "platsen" : "the location";
	case FLD_COMMENT:
	case FLD_CATEGORIES:
		return sv ? "kalenderdata" : "the calendar data";
	case FLD_BODY_TEXT:
	case FLD_BODY_HTML:
		return sv ? "meddelandetexten" : "the message text";
	case FLD_ATTACHMENT_NAME:
		return sv ? "en bilagas namn" : "an attachment name";
	case FLD_ATTENDEE_CN:
	case FLD_ORGANIZER_CN:
		return sv ? "deltagarlistan" : "the attendee list";
	case FLD_ADDRESS_NAME:
		return sv ? "namnen i adressfälten" : "the names in the address fields";
	case FLD_HEADER:
		return sv ? "ett brevhuvud" : "a mail header";
	default:
		return sv ? "kallelsen" : "the invitation";
	}
}

const char *
report_where(const struct finding *f, bool sv)
{
	/* Invitation-level rules point at no text: name their part. */
	if (!strcmp(f->rule, "recurring-external"))
		return sv ? "mötesserien" : "the meeting series";
	if (!strcmp(f->rule, "attachment-external"))
		return sv ? "bilagorna" : "the attachments";
	if (!strcmp(f->rule, "external-guest-unknown"))
		return field_words(FLD_ATTENDEE_CN, sv);
	if (!strcmp(f->rule, "not-inspectable") ||
	    !strcmp(f->rule, "limit-exceeded"))
		return field_words(FLD_COUNT, sv);
	return field_words(f->field, sv);
}

/* The evidence of invitation-level findings is a count in Swedish
 * ("1 extern domän", rules/recur.c), kept so in the JSON report: the
 * English reply line says it in English, from the rule id and the count.
 * buf holds the result when it is rebuilt; other evidence is returned as
 * it stands (masked text, a file type, a category). */
static const char *
evidence_words(const struct finding *f, bool sv, char *buf, size_t len)
{
	unsigned long n;
	char *end;

	if (sv || f->evidence[0] < '0' || f->evidence[0] > '9')
		return f->evidence;
	n = strtoul(f->evidence, &end, 10);
	if (!strcmp(f->rule, "recurring-external") ||
	    !strcmp(f->rule, "exception-series-sender"))
		snprintf(buf, len, "%lu external domain%s", n, n == 1 ? "" : "s");
	else if (!strcmp(f->rule, "exception-partner-domain"))
		snprintf(buf, len, "%lu partner domain%s", n, n == 1 ? "" : "s");
	else if (!strcmp(f->rule, "external-guest-unknown"))
		snprintf(buf, len, "%lu attendee%s without an address", n,
		    n == 1 ? "" : "s");
	else
		return f->evidence;
	return buf;
}

/* SMTP replies are 7-bit in practice (Postfix and Sendmail replace
 * 8-bit bytes): transliterate, drop control characters and '%'
 * (libmilter treats it as a format character). */
static char *
reply_safe(const char *s)
{
	char *a = g_str_to_ascii(s, "sv");

	for (char *p = a; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '%')
			*p = ' ';
	if (strlen(a) > 190)
		a[190] = '\0';
	return a;
}

static void
add_line(GPtrArray *lines, size_t max, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static void
add_line(GPtrArray *lines, size_t max, const char *fmt, ...)
{
	va_list ap;
	char *s;

	if (lines->len >= max)
		return;
	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_ptr_array_add(lines, reply_safe(s));
	g_free(s);
}

static void
add_findings(GPtrArray *lines, size_t max, const struct verdict *v,
    bool sv)
{
	const struct rule_def *seen[16];
	size_t n_seen = 0;

	for (enum action a = ACT_REJECT; a >= ACT_FLAG; a--)
		for (size_t i = 0; i < v->n; i++) {
			const struct finding *f = &v->f[i];
			const struct rule_def *d = rules_find(f->rule);
			char ev[64];

			if (f->action != a || d == NULL)
				continue;
			add_line(lines, max, sv ? "- %s i %s: %s. %s" :
			    "- %s in %s: %s. %s", sv ? d->what_sv : d->what_en,
			    report_where(f, sv),
			    evidence_words(f, sv, ev, sizeof(ev)),
			    sv ? d->todo_sv : d->todo_en);
			if (sv && n_seen < G_N_ELEMENTS(seen)) {
				bool dup = false;

				for (size_t k = 0; k < n_seen; k++)
					dup |= seen[k]->guideline == d->guideline;
				if (!dup)
					seen[n_seen++] = d;
			}
		}
	for (size_t k = 0; k < n_seen; k++)
		add_line(lines, max, "Riktlinjen: \"%s\"", seen[k]->guideline);
}

char **
report_reply_lines(const struct config *cfg, const struct verdict *v,
    size_t max_lines)
{
	GPtrArray *lines = g_ptr_array_new();
	size_t half = max_lines / 2;

	add_line(lines, half, "Kallelsen stoppades: den bryter mot "
	    "riktlinjen for Teams-moten med kunder.");
	add_findings(lines, half, v, true);
	if (cfg && cfg->reply_sv && *cfg->reply_sv)
		add_line(lines, half, "%s", cfg->reply_sv);
	add_line(lines, max_lines, "The invitation was stopped: it breaks "
	    "the guideline for Teams meetings with clients.");
	add_findings(lines, max_lines, v, false);
	if (cfg && cfg->reply_en && *cfg->reply_en)
		add_line(lines, max_lines, "%s", cfg->reply_en);
	g_ptr_array_add(lines, NULL);
	return (char **)g_ptr_array_free(lines, FALSE);
}
