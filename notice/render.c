/*
 * render.c: the notice to the sender as a message: what was found and
 * where, the guideline and what to do, in Swedish and then English, as
 * plain text and simple HTML (multipart/alternative), with the corrected
 * calendar attached as kallelse.ics; signed (sign.c) and checked with
 * the rules (recheck.c) before it is handed back. Holds only what the
 * verdict holds (masked evidence, rule texts), never the subject.
 */
#include <string.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "render.h"
#include "correct.h"
#include "policy.h"
#include "recheck.h"
#include "sign.h"
#include "../conf/conf.h"
#include "../pipeline/report.h"
#include "../rules/rules.h"

#define EV_HIDDEN	"(dold / hidden)"

struct line {
	const struct rule_def	*d;
	const char		*evidence;
	GString			*parts_sv, *parts_en;
};

static void
add_part(GString *s, const char *part)
{
	const char *p = strstr(s->str, part);
	size_t n = strlen(part);

	if (p != NULL && (p[n] == '\0' || p[n] == ','))
		return;
	g_string_append_printf(s, "%s%s", s->len ? ", " : "", part);
}

/* One line per rule and evidence (with the parts it was found in),
 * strongest action first. */
static GArray *
notice_lines(const struct verdict *v, enum action min)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(struct line));

	for (int act = ACT_REJECT; act >= (int)min; act--)
		for (size_t i = 0; i < v->n; i++) {
			const struct finding *f = &v->f[i];
			const struct rule_def *d;
			struct line *o = NULL;

			if ((int)f->action != act ||
			    (d = rules_find(f->rule)) == NULL)
				continue;
			for (guint k = 0; k < a->len && o == NULL; k++) {
				struct line *x = &g_array_index(a, struct line, k);

				if (x->d == d && strcmp(x->evidence, f->evidence) == 0)
					o = x;
			}
			if (o == NULL) {
				struct line l = { d, f->evidence, g_string_new(NULL),
				    g_string_new(NULL) };

				g_array_append_val(a, l);
				o = &g_array_index(a, struct line, a->len - 1);
			}
			add_part(o->parts_sv, report_where(f, true));
			add_part(o->parts_en, report_where(f, false));
		}
	return a;
}

static void
lines_free(GArray *a)
{
	for (guint k = 0; k < a->len; k++) {
		g_string_free(g_array_index(a, struct line, k).parts_sv, TRUE);
		g_string_free(g_array_index(a, struct line, k).parts_en, TRUE);
	}
	g_array_free(a, TRUE);
}

/* The greeting and what happened to the invitation. */
static void
write_intro(GString *t, GString *h, bool sv, enum notice_mode mode)
{
	const char *intro;
	char *e;

	if (mode == NMODE_REJECT)
		intro = sv ? "Din kallelse har stoppats och har inte skickats "
		    "till deltagarna. Den bryter mot riktlinjen för "
		    "Teams-möten med kunder." :
		    "Your invitation was stopped and has not been sent to the "
		    "attendees. It breaks the guideline for Teams meetings "
		    "with clients.";
	else if (mode == NMODE_HOLD)
		intro = sv ? "Din kallelse hålls kvar för granskning och har "
		    "inte skickats till deltagarna. Den kan bryta mot "
		    "riktlinjen för Teams-möten med kunder. En granskare "
		    "släpper den eller tar bort den; vill du att den ska gå "
		    "iväg nu, skicka en ny kallelse utan uppgifterna nedan." :
		    "Your invitation is held for review and has not been sent "
		    "to the attendees. It may break the guideline for Teams "
		    "meetings with clients. A reviewer will release or delete "
		    "it; to have it sent now, send a new invitation without "
		    "the details below.";
	else if (mode == NMODE_REDACT)
		intro = sv ? "Din kallelse bröt mot riktlinjen för Teams-möten "
		    "med kunder. Den rättades automatiskt innan den skickades "
		    "till deltagarna (se nedan vad som ändrades)." :
		    "Your invitation broke the guideline for Teams meetings "
		    "with clients. It was corrected automatically before it "
		    "was delivered to the attendees (see below what changed).";
	else
		intro = sv ? "Din kallelse har skickats, men den bryter mot "
		    "riktlinjen för Teams-möten med kunder. Rätta den gärna "
		    "nästa gång." :
		    "Your invitation was delivered, but it breaks the "
		    "guideline for Teams meetings with clients. Please "
		    "correct it next time.";
	g_string_append_printf(t, "%s\n\n%s\n\n", sv ? "Hej!" : "Hello,",
	    intro);
	e = g_markup_escape_text(intro, -1);
	g_string_append_printf(h, "<p>%s</p>\n<p>%s</p>\n", sv ? "Hej!" :
	    "Hello,", e);
	g_free(e);
}

/* What was found, line by line (evidence hidden: hide), then each
 * guideline sentence once. */
static void
write_found(GString *t, GString *h, bool sv, GArray *lines, bool hide)
{
	g_string_append(t, sv ? "Det här hittades:\n" : "What was found:\n");
	g_string_append_printf(h, "<p><b>%s</b></p>\n<ul>\n", sv ?
	    "Det här hittades:" : "What was found:");
	for (guint i = 0; i < lines->len; i++) {
		const struct line *l = &g_array_index(lines, struct line, i);
		const char *what = sv ? l->d->what_sv : l->d->what_en;
		const char *todo = sv ? l->d->todo_sv : l->d->todo_en;
		const char *parts = sv ? l->parts_sv->str : l->parts_en->str;
		const char *ev = hide ? EV_HIDDEN : l->evidence;
		char *w = g_markup_escape_text(what, -1);
		char *ee = g_markup_escape_text(ev, -1);
		char *pp = g_markup_escape_text(parts, -1);
		char *td = g_markup_escape_text(todo, -1);

		g_string_append_printf(t, "- %s (%s %s)%s%s\n  %s %s\n", what,
		    sv ? "i" : "in", parts, *ev ? ": " : "", ev,
		    sv ? "Gör så här:" : "What to do:", todo);
		g_string_append_printf(h, "<li>%s (%s %s)%s<b>%s</b><br>\n"
		    "%s %s</li>\n", w, sv ? "i" : "in", pp, *ev ? ": " : "", ee,
		    sv ? "Gör så här:" : "What to do:", td);
		g_free(w);
		g_free(ee);
		g_free(pp);
		g_free(td);
	}
	g_string_append(h, "</ul>\n");
	/* each guideline sentence once */
	for (guint i = 0; i < lines->len; i++) {
		const char *gl = g_array_index(lines, struct line, i).d->guideline;
		bool seen = false;
		char *e2;

		for (guint k = 0; k < i; k++)
			seen |= g_array_index(lines, struct line, k).d->guideline == gl;
		if (seen)
			continue;
		g_string_append_printf(t, "%s \"%s\"\n", sv ? "Riktlinjen:" :
		    "The guideline (in Swedish):", gl);
		e2 = g_markup_escape_text(gl, -1);
		g_string_append_printf(h, "<p>%s <i>&quot;%s&quot;</i></p>\n",
		    sv ? "Riktlinjen:" : "The guideline (in Swedish):", e2);
		g_free(e2);
	}
	g_string_append_c(t, '\n');
}

/* What the sender can do: the corrected calendar and what changed in
 * it (ch: CORR_* bits), or that none could be made. */
static void
write_fix(GString *t, GString *h, bool sv, const struct notice_conf *nc,
    enum notice_mode mode, const char *ics, unsigned ch)
{
	const char *fix_head;
	char *e;

	if (ics == NULL && (mode == NMODE_NOTIFY || mode == NMODE_HOLD)) {
		/* delivered, or waiting for review: nothing to send again */
	} else if (ics == NULL) {
		fix_head = sv ? "Någon rättad kallelse kunde inte göras "
		    "automatiskt. Skapa en ny kallelse utan uppgifterna ovan." :
		    "No corrected invitation could be made automatically. "
		    "Create a new invitation without the details above.";
		g_string_append_printf(t, "%s\n\n", fix_head);
		e = g_markup_escape_text(fix_head, -1);
		g_string_append_printf(h, "<p>%s</p>\n", e);
		g_free(e);
	} else {
		GPtrArray *items = g_ptr_array_new_with_free_func(g_free);
		char *subj;

		fix_head = mode == NMODE_REDACT ? (sv ? "Så här rättades "
		    "kallelsen (den bifogade filen kallelse.ics är kallelsen "
		    "som den skickades):" : "How the invitation was corrected "
		    "(the attached file kallelse.ics is the invitation as it "
		    "was delivered):") : (sv ? "En rättad kallelse är bifogad "
		    "(kallelse.ics). Öppna den, kontrollera den och skicka den "
		    "till deltagarna. Det här är ändrat:" : "A corrected "
		    "invitation is attached (kallelse.ics). Open it, check it "
		    "and send it to the attendees. This is what changed:");
		subj = g_strdup_printf(sv ? "ämnet är ersatt med \"%s\"" :
		    "the subject is replaced by \"%s\"", nc->subjects[0]);
		g_ptr_array_add(items, subj);
		if (ch & (CORR_TEXT | CORR_CN))
			g_ptr_array_add(items, g_strdup(sv ? "uppgifterna ovan "
			    "är borttagna ur texten" : "the details above are "
			    "removed from the text"));
		if (ch & CORR_STRIPPED)
			g_ptr_array_add(items, g_strdup(sv ? "beskrivningen är "
			    "borttagen, utom Teams-länken" : "the description is "
			    "removed, except the Teams link"));
		if (ch & CORR_ATTACH)
			g_ptr_array_add(items, g_strdup(sv ? "bilagorna är "
			    "borttagna" : "the attachments are removed"));
		if (ch & CORR_SERIES)
			g_ptr_array_add(items, g_strdup(sv ? "mötesserien gäller "
			    "bara första tillfället: boka varje följande "
			    "tillfälle som ett eget möte" : "the series is "
			    "reduced to its first occasion: book each further "
			    "occasion as a separate meeting"));
		if (ch & CORR_EVENTS)
			g_ptr_array_add(items, g_strdup(sv ? "bara det första "
			    "mötet i filen är kvar" : "only the first meeting of "
			    "the file is kept"));
		g_string_append_printf(t, "%s\n", fix_head);
		e = g_markup_escape_text(fix_head, -1);
		g_string_append_printf(h, "<p>%s</p>\n<ul>\n", e);
		g_free(e);
		for (guint i = 0; i < items->len; i++) {
			const char *it = g_ptr_array_index(items, i);

			g_string_append_printf(t, "- %s\n", it);
			e = g_markup_escape_text(it, -1);
			g_string_append_printf(h, "<li>%s</li>\n", e);
			g_free(e);
		}
		g_string_append(h, "</ul>\n");
		g_string_append(t, sv ? "Tiden, arrangören och deltagarna är "
		    "desamma. Teams-länken är kvar.\n\n" : "The time, the "
		    "organizer and the attendees are the same. The Teams link "
		    "is kept.\n\n");
		g_string_append_printf(h, "<p>%s</p>\n", sv ? "Tiden, arrangören "
		    "och deltagarna är desamma. Teams-länken är kvar." :
		    "The time, the organizer and the attendees are the same. "
		    "The Teams link is kept.");
		g_ptr_array_unref(items);
	}
}

/* The words of one language: sv or en. Writes plain text to t and the
 * same as simple HTML to h. */
static void
write_lang(GString *t, GString *h, bool sv, const struct notice_conf *nc,
    GArray *lines, enum notice_mode mode, const char *ics, unsigned ch,
    bool hide)
{
	write_intro(t, h, sv, mode);
	write_found(t, h, sv, lines, hide);
	write_fix(t, h, sv, nc, mode, ics, ch);
	g_string_append(t, sv ? "Det här meddelandet skickades automatiskt. "
	    "Svara inte på det; frågor tar din närmaste chef eller "
	    "dataskyddsombudet.\n" : "This message was sent automatically. "
	    "Do not reply to it; ask your manager or the data protection "
	    "officer.\n");
	g_string_append_printf(h, "<p><small>%s</small></p>\n", sv ?
	    "Det här meddelandet skickades automatiskt. Svara inte på det; "
	    "frågor tar din närmaste chef eller dataskyddsombudet." :
	    "This message was sent automatically. Do not reply to it; ask "
	    "your manager or the data protection officer.");
}

/* A UTF-8 text part, quoted-printable (GMime's set_text would pick a
 * legacy charset when the text fits one). */
static GMimePart *
text_part(const char *subtype, const char *text)
{
	GMimePart *p = g_mime_part_new_with_type("text", subtype);
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(text, strlen(text));
	GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(st,
	    GMIME_CONTENT_ENCODING_DEFAULT);

	g_mime_content_type_set_parameter(g_mime_object_get_content_type(
	    GMIME_OBJECT(p)), "charset", "utf-8");
	g_mime_part_set_content(p, w);
	g_mime_part_set_content_encoding(p,
	    GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	g_object_unref(w);
	g_object_unref(st);
	return p;
}

static GMimePart *
ics_part(const char *ics)
{
	GMimePart *p = g_mime_part_new_with_type("text", "calendar");
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(ics, strlen(ics));
	GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(st,
	    GMIME_CONTENT_ENCODING_DEFAULT);
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(p));

	g_mime_content_type_set_parameter(ct, "charset", "utf-8");
	g_mime_part_set_content(p, w);
	g_mime_part_set_filename(p, "kallelse.ics");
	g_mime_object_set_disposition(GMIME_OBJECT(p), "attachment");
	g_mime_part_set_content_encoding(p, GMIME_CONTENT_ENCODING_BASE64);
	g_object_unref(w);
	g_object_unref(st);
	return p;
}

static char *
render(const struct config *cfg, const struct notice_conf *nc,
    const struct verdict *v, enum notice_mode mode, const char *ics,
    unsigned ch, const char *rcpt, bool hide, size_t *len)
{
	GMimeMessage *m = g_mime_message_new(TRUE);
	GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
	GMimeMultipart *alt = g_mime_multipart_new_with_subtype("alternative");
	GMimeFormatOptions *fo = g_mime_format_options_new();
	GString *t = g_string_new(NULL), *h = g_string_new(
	    "<html><body>\n");
	GArray *lines = notice_lines(v, ACT_FLAG);
	GMimePart *p;
	GDateTime *now = g_date_time_new_now_local();
	const char *at;
	char *from, *s, *rules, *mid, *out;

	if (nc->from)
		from = g_strdup(nc->from);
	else if (cfg && cfg->rules.n_internal_domains > 0)
		from = g_strdup_printf("postmaster@%s", cfg->rules.internal_domains[0]);
	else if ((at = strrchr(rcpt, '@')) != NULL)
		from = g_strdup_printf("postmaster%s", at);
	else
		from = g_strdup("postmaster");
	write_lang(t, h, true, nc, lines, mode, ics, ch, hide);
	g_string_append(t, "\n---- English ----\n\n");
	g_string_append(h, "<hr>\n");
	write_lang(t, h, false, nc, lines, mode, ics, ch, hide);
	g_string_append(h, "</body></html>\n");

	g_mime_message_add_mailbox(m, GMIME_ADDRESS_TYPE_FROM,
	    "Kallelsekontroll", from);
	g_mime_message_add_mailbox(m, GMIME_ADDRESS_TYPE_TO, NULL, rcpt);
	g_mime_message_set_subject(m, mode == NMODE_HOLD ?
	    "Kallelsen hålls kvar för granskning / Invitation held for "
	    "review" : mode == NMODE_REJECT ?
	    "Kallelsen stoppades – rättad kallelse bifogad / Invitation "
	    "stopped – corrected invitation attached" : mode == NMODE_REDACT ?
	    "Kallelsen rättades innan den skickades / Invitation corrected "
	    "before delivery" : "Kallelsen bryter mot riktlinjen / Invitation "
	    "breaks the guideline", "utf-8");
	g_mime_message_set_date(m, now);
	mid = g_strdup_printf("notice.%s@%s", s = g_uuid_string_random(),
	    strchr(from, '@') ? strchr(from, '@') + 1 : "localhost");
	g_free(s);
	g_mime_message_set_message_id(m, mid);
	g_free(mid);
	g_mime_object_set_header(GMIME_OBJECT(m), "Auto-Submitted",
	    "auto-generated", NULL);
	g_mime_object_set_header(GMIME_OBJECT(m), "X-Auto-Response-Suppress",
	    "All", NULL);
	rules = notice_rules_list(v, ACT_FLAG);
	g_mime_object_set_header(GMIME_OBJECT(m), "X-Invite-Milter-Rules",
	    rules, NULL);
	g_free(rules);

	p = text_part("plain", t->str);
	g_mime_multipart_add(alt, GMIME_OBJECT(p));
	g_object_unref(p);
	p = text_part("html", h->str);
	g_mime_multipart_add(alt, GMIME_OBJECT(p));
	g_object_unref(p);
	g_mime_multipart_add(mixed, GMIME_OBJECT(alt));
	if (ics != NULL) {
		p = ics_part(ics);
		g_mime_multipart_add(mixed, GMIME_OBJECT(p));
		g_object_unref(p);
	}
	g_mime_message_set_mime_part(m, GMIME_OBJECT(mixed));

	g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_UNIX);
	s = g_mime_object_to_string(GMIME_OBJECT(m), fo);
	/* the loop-stop header signs the message as it stands, for rcpt,
	 * now (sign.c) */
	out = notice_sign(nc, s, rcpt, (time_t)g_date_time_to_unix(now), len);
	g_free(s);
	g_free(from);
	g_date_time_unref(now);
	g_mime_format_options_free(fo);
	g_object_unref(alt);
	g_object_unref(mixed);
	g_object_unref(m);
	lines_free(lines);
	g_string_free(t, TRUE);
	g_string_free(h, TRUE);
	return out;
}

char *
notice_build(const struct config *cfg, const struct notice_conf *nc,
    const struct verdict *v, enum notice_mode mode, const char *ics,
    unsigned changes, const char *rcpt, size_t *len)
{
	/* as meant; evidence hidden; and without the attachment too */
	static const struct { bool hide, drop_ics; } tries[] = {
		{ false, false }, { true, false }, { true, true },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(tries); i++) {
		const char *use = tries[i].drop_ics ? NULL : ics;
		char *msg;

		if (tries[i].drop_ics && ics == NULL)
			break;
		msg = render(cfg, nc, v, mode, use, use ? changes : 0, rcpt,
		    tries[i].hide, len);
		if (msg != NULL && (cfg == NULL || notice_passes(cfg, msg, *len, rcpt)))
			return msg;
		g_free(msg);
	}
	*len = 0;
	return NULL;
}
