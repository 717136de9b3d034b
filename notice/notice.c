/*
 * notice.c: builds the notice to the sender (multipart/mixed: plain text
 * and simple HTML, Swedish first, plus the corrected kallelse.ics) and
 * submits it to the local MTA from a detached thread. The notice holds
 * only what the verdict holds (masked evidence, rule texts) and the
 * corrected calendar, never the original subject; it checks itself with
 * the rules before it goes. Signs its body (HMAC-SHA256) in a loop-stop
 * header so the milter can let exactly its own notices pass.
 */
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "notice.h"
#include "../pipeline/report.h"
#include "../conf/conf.h"
#include "correct.h"
#include "../pipeline/pipeline.h"

extern char **environ;

#define ROUNDS		3	/* correct + re-check rounds */
#define EV_HIDDEN	"(dold / hidden)"

const struct notice_conf *
notice_conf_of(const struct config *cfg)
{
	static struct notice_conf *defaults;

	if (cfg != NULL && cfg->notice != NULL)
		return cfg->notice;
	if (g_once_init_enter(&defaults)) {
		struct notice_conf *d = notice_conf_default();

		g_once_init_leave(&defaults, d);
	}
	return defaults;
}

enum notice_mode
notice_mode_of(const struct notice_conf *nc, const struct verdict *v)
{
	enum notice_mode m = NMODE_NOTIFY;
	bool any = false;

	for (size_t i = 0; i < v->n; i++) {
		enum notice_mode r;

		if (v->f[i].action != ACT_REJECT)
			continue;
		r = notice_conf_mode(nc, v->f[i].rule);
		if (!any || r > m)
			m = r;
		any = true;
	}
	return m;
}

static bool
excluded(const struct notice_conf *nc, const char *addr)
{
	const char *at = strrchr(addr, '@');

	for (size_t i = 0; nc->exclude && nc->exclude[i]; i++) {
		const char *e = nc->exclude[i];

		if (g_ascii_strcasecmp(e, addr) == 0)
			return true;
		if (e[0] == '@' && at && g_ascii_strcasecmp(e + 1, at + 1) == 0)
			return true;
	}
	return false;
}

bool
notice_wanted(const struct notice_conf *nc, const struct verdict *v,
    const char *sender)
{
	if (!nc->enable || v == NULL || v->action < nc->min_action ||
	    v->scoped_out)
		return false;
	if (sender == NULL || *sender == '\0' || strcmp(sender, "<>") == 0 ||
	    strchr(sender, '@') == NULL)
		return false;
	/* a sender we could not put on a command line safely */
	if (sender[0] == '-' || strpbrk(sender, " <>\r\n\t\"\\"))
		return false;
	return !excluded(nc, sender);
}

void
notice_explain(GString *out, const struct notice_conf *nc,
    const struct verdict *v)
{
	enum notice_mode m = notice_mode_of(nc, v);
	bool any = false;

	if (v->action < ACT_FLAG)
		return;
	for (size_t i = 0; i < v->n; i++) {
		bool seen = false;

		for (size_t j = 0; j < i; j++)
			seen |= v->f[j].action == ACT_REJECT &&
			    strcmp(v->f[j].rule, v->f[i].rule) == 0;
		if (v->f[i].action != ACT_REJECT || seen)
			continue;
		g_string_append_printf(out, "%s%s %s", any ? ", " :
		    "  mode: ", v->f[i].rule,
		    notice_mode_name(notice_conf_mode(nc, v->f[i].rule)));
		any = true;
	}
	if (any)
		g_string_append_printf(out, " -> %s%s\n", notice_mode_name(m),
		    m == NMODE_REDACT ? " (reject if the corrected message "
		    "would not pass)" : "");
	g_string_append(out, "  notice: ");
	if (!nc->enable)
		g_string_append(out, "none (notices off: [notice] enable)\n");
	else if (v->action < nc->min_action || v->scoped_out)
		g_string_append(out, "none (verdict below [notice] "
		    "min_action)\n");
	else
		g_string_append_printf(out, "to the sender (unless <> or in "
		    "[notice] exclude), %s\n", v->action == ACT_REJECT &&
		    m != NMODE_NOTIFY ? "with a corrected invitation" :
		    "without calendar");
}

/* The re-checks parse what this module made, with the built-in caps:
 * a notice or a corrected calendar is small and not the sender's. */
static const struct parse_limits builtin_limits = PARSE_LIMITS_DEFAULT;

char *
notice_corrected_ics(const struct config *cfg, const struct notice_conf *nc,
    const char *raw, size_t len, const struct invite *inv,
    const struct verdict *v, const struct envelope *env, bool keep_uid,
    unsigned *changes)
{
	struct correct_opts o = { nc->subjects[0], NULL, 0, keep_uid,
	    env && env->sender && *env->sender ? env->sender : NULL };
	struct pipeline_out po = { 0 };
	char *cur = NULL;
	unsigned ch = 0, all = 0;

	if (cfg && cfg->n_internal_domains > 0)
		o.uid_domain = cfg->internal_domains[0];
	for (int round = 0; round < ROUNDS; round++) {
		const char *src = cur ? cur : raw;
		size_t slen = cur ? strlen(cur) : len;
		char *next = correct_calendar(src, slen, cur ? po.inv : inv,
		    cur ? po.v : v, &o, round == ROUNDS - 1, &ch);
		struct pipeline_in in = { 0 };

		if (next == NULL)
			break;
		all |= ch;
		g_free(cur);
		cur = next;
		pipeline_out_clear(&po);
		in.buf = cur;
		in.len = strlen(cur);
		in.kind = PIPE_ICS;
		in.env = env;
		in.lim = &builtin_limits;
		if (pipeline_run(cfg, &in, &po) < 0)
			break;
		if (pipeline_is_clean(&po)) {
			pipeline_out_clear(&po);
			/* MIME attachments never reach the calendar */
			for (size_t i = 0; inv && i < inv->n_atts; i++)
				if (!inv->atts[i].is_inline_image)
					all |= CORR_ATTACH;
			if (changes)
				*changes = all;
			return cur;
		}
	}
	pipeline_out_clear(&po);
	g_free(cur);
	if (changes)
		*changes = 0;
	return NULL;
}

int
notice_redacted(const struct config *cfg, const struct notice_conf *nc,
    const char *buf, size_t len, const struct invite *inv,
    const struct verdict *v, const struct envelope *env, const char *ics,
    struct redact_out *out)
{
	struct pipeline_in in = { 0 };
	struct pipeline_out po = { 0 };
	char *whole;
	size_t wl = 0;
	bool ok = false;

	if (redact_message(buf, len, inv, v, ics, out) < 0)
		return -1;
	whole = redact_assemble(buf, len, nc->subjects[0], out, &wl);
	in.buf = whole;
	in.len = wl;
	in.kind = PIPE_MESSAGE;
	in.env = env;
	if (cfg != NULL && pipeline_run(cfg, &in, &po) == 0)
		ok = po.inv->is_invitation && pipeline_is_clean(&po);
	pipeline_out_clear(&po);
	g_free(whole);
	if (!ok) {
		redact_out_clear(out);
		return -1;
	}
	return 0;
}

/* Where in the invitation, in the sender's words. */
static const char *
part_words(enum inv_field f, bool sv)
{
	switch (f) {
	case FLD_SUBJECT:
	case FLD_SUMMARY:
		return sv ? "ämnet" : "the subject";
	case FLD_DESCRIPTION:
	case FLD_ALTDESC:
	case FLD_COMMENT:
	case FLD_CATEGORIES:
		return sv ? "beskrivningen" : "the description";
	case FLD_BODY_TEXT:
	case FLD_BODY_HTML:
		return sv ? "meddelandetexten" : "the message text";
	case FLD_LOCATION:
		return sv ? "platsen" : "the location";
	case FLD_ATTENDEE_CN:
	case FLD_ORGANIZER_CN:
		return sv ? "deltagarna" : "the attendees";
	case FLD_ATTACHMENT_NAME:
		return sv ? "bilagorna" : "the attachments";
	default:
		return sv ? "kallelsen" : "the invitation";
	}
}

/* Invitation-level rules point at no text: name their part directly. */
static const char *
finding_part(const struct finding *f, bool sv)
{
	if (!strcmp(f->rule, "recurring-external"))
		return sv ? "mötesserien" : "the meeting series";
	if (!strcmp(f->rule, "attachment-external"))
		return part_words(FLD_ATTACHMENT_NAME, sv);
	if (!strcmp(f->rule, "external-guest-unknown"))
		return part_words(FLD_ATTENDEE_CN, sv);
	if (!strcmp(f->rule, "not-inspectable") ||
	    !strcmp(f->rule, "limit-exceeded"))
		return sv ? "kallelsen" : "the invitation";
	return part_words(f->field, sv);
}

char *
notice_rules_list(const struct verdict *v, enum action min)
{
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < v->n; i++) {
		bool dup = false;

		if (v->f[i].action < min)
			continue;
		for (size_t k = 0; k < i; k++)
			dup |= v->f[k].action >= min &&
			    strcmp(v->f[k].rule, v->f[i].rule) == 0;
		if (!dup)
			g_string_append_printf(s, "%s%s", s->len ? "," : "",
			    v->f[i].rule);
	}
	return g_string_free(s, FALSE);
}

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
			add_part(o->parts_sv, finding_part(f, true));
			add_part(o->parts_en, finding_part(f, false));
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

/* The words of one language: sv or en. Writes plain text to t and the
 * same as simple HTML to h. */
static void
write_lang(GString *t, GString *h, bool sv, const struct notice_conf *nc,
    GArray *lines, enum notice_mode mode, const char *ics, unsigned ch,
    bool hide)
{
	const char *intro, *fix_head;
	char *e;

	if (mode == NMODE_REJECT)
		intro = sv ? "Din kallelse har stoppats och har inte skickats "
		    "till deltagarna. Den bryter mot riktlinjen för "
		    "Teams-möten med kunder." :
		    "Your invitation was stopped and has not been sent to the "
		    "attendees. It breaks the guideline for Teams meetings "
		    "with clients.";
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

	if (ics == NULL && mode == NMODE_NOTIFY) {
		/* delivered: nothing to send again */
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

/* HMAC-SHA256 of the body with line ends removed (an MTA may rewrite
 * them) as lower-case hex. New string. */
static char *
body_sig(const struct notice_conf *nc, const char *body, size_t len)
{
	GHmac *mac = g_hmac_new(G_CHECKSUM_SHA256, nc->key, sizeof(nc->key));
	const char *p = body, *end = body + len;
	char *hex;

	while (p < end) {
		const char *q = p;

		while (q < end && *q != '\r' && *q != '\n')
			q++;
		if (q > p)
			g_hmac_update(mac, (const guchar *)p, q - p);
		p = q;
		while (p < end && (*p == '\r' || *p == '\n'))
			p++;
	}
	hex = g_strdup(g_hmac_get_string(mac));
	g_hmac_unref(mac);
	return hex;
}

/* Where the body starts (after the first empty line), or NULL. */
static const char *
body_of(const char *msg, size_t len, size_t *hlen)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (msg[i] != '\n')
			continue;
		if (msg[i + 1] == '\n') {
			*hlen = i + 1;
			return msg + i + 2;
		}
		if (msg[i + 1] == '\r' && i + 2 < len && msg[i + 2] == '\n') {
			*hlen = i + 1;
			return msg + i + 3;
		}
	}
	return NULL;
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
	const char *body, *at;
	char *from, *s, *sig, *rules, *mid, *out;
	size_t hlen = 0;

	if (nc->from)
		from = g_strdup(nc->from);
	else if (cfg && cfg->n_internal_domains > 0)
		from = g_strdup_printf("postmaster@%s", cfg->internal_domains[0]);
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
	g_mime_message_set_subject(m, mode == NMODE_REJECT ?
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
	/* the loop-stop header signs the body as it stands */
	out = NULL;
	if ((body = body_of(s, strlen(s), &hlen)) != NULL) {
		sig = body_sig(nc, body, strlen(body));
		out = g_strdup_printf("%s: 1; sig=%s\n%s", nc->header, sig, s);
		g_free(sig);
		*len = strlen(out);
	}
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

/* Would the notice pass the rules itself (to the sender, from <>)? */
static bool
passes(const struct config *cfg, const char *msg, size_t len,
    const char *rcpt)
{
	const char *rcpts[1] = { rcpt };
	struct envelope env = { "", rcpts, 1, 0 };
	struct pipeline_in in = { msg, len, false, PIPE_MESSAGE, &env,
	    &builtin_limits };
	struct pipeline_out po;
	bool ok;

	ok = pipeline_run(cfg, &in, &po) == 0 && pipeline_is_clean(&po);
	pipeline_out_clear(&po);
	return ok;
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
		if (msg != NULL && (cfg == NULL || passes(cfg, msg, *len, rcpt)))
			return msg;
		g_free(msg);
	}
	*len = 0;
	return NULL;
}

bool
notice_is_ours(const struct notice_conf *nc, const char *msg, size_t len,
    const char *sender)
{
	const char *body, *p, *end;
	size_t hlen = 0, nl = strlen(nc->header);
	bool ok = false;

	if (sender == NULL || (*sender != '\0' && strcmp(sender, "<>") != 0))
		return false;
	if ((body = body_of(msg, len, &hlen)) == NULL)
		return false;
	for (p = msg, end = msg + hlen; p < end; ) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t ll = eol ? (size_t)(eol - p) : (size_t)(end - p);

		if (ll > nl && g_ascii_strncasecmp(p, nc->header, nl) == 0 &&
		    p[nl] == ':') {
			const char *sg = g_strstr_len(p, (gssize)ll, "sig=");

			if (sg != NULL) {
				char *want = body_sig(nc, body,
				    (size_t)(msg + len - body));
				size_t wl = strlen(want), diff = 0;

				sg += 4;
				if ((size_t)(p + ll - sg) >= wl) {
					for (size_t i = 0; i < wl; i++)
						diff |= (size_t)(want[i] ^ sg[i]);
					ok = diff == 0;
				}
				g_free(want);
			}
			if (ok)
				break;
		}
		p = eol ? eol + 1 : end;
	}
	return ok;
}

/* ---- submission ---- */

struct notice_job {
	enum notice_transport	 transport;
	char			*sendmail;
	char			*host;
	unsigned		 port, timeout_s;
	char			*rcpt;
	char			*msg;
	size_t			 len;
	char			*qid, *rules, *mode;
	struct config		*cfg;	/* a reference, for the log */
	notice_log_fn		 log;
};

static pthread_mutex_t flight_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t flight_cond = PTHREAD_COND_INITIALIZER;
static unsigned in_flight;

struct notice_job *
notice_job_new(struct config *cfg, const char *rcpt, const char *msg,
    size_t len, const char *qid, const char *rules, const char *mode,
    notice_log_fn log)
{
	const struct notice_conf *nc = notice_conf_of(cfg);
	struct notice_job *j = g_new0(struct notice_job, 1);

	j->transport = nc->transport;
	j->sendmail = g_strdup(nc->sendmail);
	j->host = g_strdup(nc->smtp_host);
	j->port = nc->smtp_port;
	j->timeout_s = nc->timeout_s;
	j->rcpt = g_strdup(rcpt);
	j->msg = g_memdup2(msg, len);
	j->len = len;
	j->qid = g_strdup(qid ? qid : "");
	j->rules = g_strdup(rules ? rules : "");
	j->mode = g_strdup(mode ? mode : "");
	j->cfg = conf_ref(cfg);
	j->log = log;
	return j;
}

void
notice_job_free(struct notice_job *j)
{
	if (j == NULL)
		return;
	g_free(j->sendmail);
	g_free(j->host);
	g_free(j->rcpt);
	g_free(j->msg);
	g_free(j->qid);
	g_free(j->rules);
	g_free(j->mode);
	conf_unref(j->cfg);
	g_free(j);
}

static int
write_all(int fd, const char *p, size_t n, bool sock)
{
	while (n > 0) {
		ssize_t w = sock ? send(fd, p, n, MSG_NOSIGNAL) : write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
via_sendmail(struct notice_job *j, char *why, size_t whylen)
{
	char *argv[] = { "sendmail", "-i", "-f", "<>", "--", j->rcpt, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, pipe_set, old;
	int fds[2], st = 0, rc = -1, e;
	pid_t pid;
	gint64 deadline;

	if (pipe2(fds, O_CLOEXEC) < 0) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[0], 0);
	posix_spawnattr_init(&at);
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
	e = posix_spawn(&pid, j->sendmail, &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(fds[0]);
	if (e != 0) {
		close(fds[1]);
		snprintf(why, whylen, "%s: %s", j->sendmail, strerror(e));
		return -1;
	}
	/* a sendmail that dies early must not kill us with SIGPIPE */
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	if (write_all(fds[1], j->msg, j->len, false) < 0)
		snprintf(why, whylen, "write to sendmail: %s", strerror(errno));
	close(fds[1]);
	{
		struct timespec z = { 0, 0 };

		while (sigtimedwait(&pipe_set, NULL, &z) > 0)
			;	/* consume a SIGPIPE raised by the write */
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	deadline = g_get_monotonic_time() + (gint64)j->timeout_s * G_USEC_PER_SEC;
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			snprintf(why, whylen, "waitpid: %s", strerror(errno));
			return -1;
		}
		if (g_get_monotonic_time() > deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			snprintf(why, whylen, "sendmail timed out after %us",
			    j->timeout_s);
			return -1;
		}
		g_usleep(20000);
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		snprintf(why, whylen, "sendmail exit 0");
		rc = 0;
	} else if (WIFEXITED(st))
		snprintf(why, whylen, "sendmail exit %d", WEXITSTATUS(st));
	else
		snprintf(why, whylen, "sendmail killed by signal %d",
		    WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return rc;
}

/* Reads one SMTP reply (all its lines); returns the code or -1. */
static int
smtp_reply(int fd, char *last, size_t lastlen)
{
	char line[1024];
	size_t n = 0;

	for (;;) {
		char c;
		ssize_t r = recv(fd, &c, 1, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		if (c == '\n') {
			line[n] = '\0';
			if (n && line[n - 1] == '\r')
				line[--n] = '\0';
			if (n >= 4 && line[3] == ' ') {
				g_strlcpy(last, line, lastlen);
				return (int)g_ascii_strtoll(line, NULL, 10);
			}
			if (n < 4 || line[3] != '-')
				return -1;
			n = 0;
		} else if (n + 1 < sizeof(line))
			line[n++] = c;
	}
}

static int
smtp_cmd(int fd, const char *cmd, int want, char *why, size_t whylen)
{
	char last[256] = "";
	int code;

	if (cmd != NULL && write_all(fd, cmd, strlen(cmd), true) < 0) {
		snprintf(why, whylen, "smtp write: %s", strerror(errno));
		return -1;
	}
	code = smtp_reply(fd, last, sizeof(last));
	if (code / 100 != want / 100) {
		/* the reply text may quote the recipient: keep the code */
		snprintf(why, whylen, "smtp %d after %.4s", code,
		    cmd ? cmd : "greeting");
		return -1;
	}
	return 0;
}

static int
via_smtp(struct notice_job *j, char *why, size_t whylen)
{
	struct addrinfo hints, *res = NULL, *ai;
	struct timeval tv = { (time_t)j->timeout_s, 0 };
	char port[16], *cmd;
	GString *data;
	int fd = -1, e, rc = -1;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	snprintf(port, sizeof(port), "%u", j->port);
	if ((e = getaddrinfo(j->host, port, &hints, &res)) != 0) {
		snprintf(why, whylen, "smtp %s: %s", j->host, gai_strerror(e));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
		    ai->ai_protocol);
		if (fd < 0)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		snprintf(why, whylen, "smtp connect %s:%u: %s", j->host,
		    j->port, strerror(errno));
		return -1;
	}
	/* RFC 5321 4.5.2: dot-stuffing; lines end in CRLF on the wire */
	data = g_string_sized_new(j->len + j->len / 40 + 8);
	for (size_t i = 0; i < j->len; i++) {
		bool bol = i == 0 || j->msg[i - 1] == '\n';

		if (bol && j->msg[i] == '.')
			g_string_append_c(data, '.');
		if (j->msg[i] == '\n' && (i == 0 || j->msg[i - 1] != '\r'))
			g_string_append_c(data, '\r');
		g_string_append_c(data, j->msg[i]);
	}
	if (data->len < 2 || data->str[data->len - 1] != '\n')
		g_string_append(data, "\r\n");
	g_string_append(data, ".\r\n");
	cmd = g_strdup_printf("RCPT TO:<%s>\r\n", j->rcpt);
	if (smtp_cmd(fd, NULL, 220, why, whylen) == 0 &&
	    smtp_cmd(fd, "EHLO localhost\r\n", 250, why, whylen) == 0 &&
	    smtp_cmd(fd, "MAIL FROM:<>\r\n", 250, why, whylen) == 0 &&
	    smtp_cmd(fd, cmd, 250, why, whylen) == 0 &&
	    smtp_cmd(fd, "DATA\r\n", 354, why, whylen) == 0 &&
	    smtp_cmd(fd, data->str, 250, why, whylen) == 0) {
		snprintf(why, whylen, "smtp 250");
		rc = 0;
		(void)smtp_cmd(fd, "QUIT\r\n", 221, (char[64]){ 0 }, 64);
	}
	g_free(cmd);
	g_string_free(data, TRUE);
	close(fd);
	return rc;
}

static void
log_job(const struct notice_job *j, int rc, const char *why)
{
	GString *s = g_string_new("{\"event\":\"notice\",\"queue_id\":");
	const char *at = strrchr(j->rcpt, '@');
	char *h = g_compute_checksum_for_string(G_CHECKSUM_SHA256, j->rcpt, -1);

	json_str(s, j->qid);
	g_string_append(s, ",\"mode\":");
	json_str(s, j->mode);
	g_string_append(s, ",\"rules\":");
	json_str(s, j->rules);
	g_string_append(s, ",\"rcpt_domain\":");
	json_str(s, at ? at + 1 : "");
	/* a short hash tells notices to the same sender apart */
	g_string_append_printf(s, ",\"rcpt_sha256\":\"%.16s\",\"bytes\":%zu,"
	    "\"transport\":\"%s\",\"result\":\"%s\",\"detail\":", h, j->len,
	    j->transport == NT_SMTP ? "smtp" : "sendmail", rc == 0 ? "sent" :
	    "failed");
	json_str(s, why);
	g_string_append_c(s, '}');
	if (j->log != NULL)
		j->log(j->cfg, rc == 0 ? LOG_INFO : LOG_WARNING, s->str);
	g_free(h);
	g_string_free(s, TRUE);
}

int
notice_send_sync(struct notice_job *j, char *why, size_t whylen)
{
	int rc;

	why[0] = '\0';
	rc = j->transport == NT_SMTP ? via_smtp(j, why, whylen) :
	    via_sendmail(j, why, whylen);
	log_job(j, rc, why);
	return rc;
}

static void *
send_thread(void *arg)
{
	struct notice_job *j = arg;
	char why[256];

	(void)notice_send_sync(j, why, sizeof(why));
	notice_job_free(j);
	pthread_mutex_lock(&flight_lock);
	in_flight--;
	pthread_cond_broadcast(&flight_cond);
	pthread_mutex_unlock(&flight_lock);
	return NULL;
}

void
notice_send(struct notice_job *j)
{
	pthread_attr_t at;
	pthread_t th;

	pthread_mutex_lock(&flight_lock);
	in_flight++;
	pthread_mutex_unlock(&flight_lock);
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&th, &at, send_thread, j) != 0) {
		/* no thread: do it here rather than lose the notice */
		send_thread(j);
	}
	pthread_attr_destroy(&at);
}

unsigned
notice_drain(unsigned ms)
{
	gint64 deadline = g_get_monotonic_time() + (gint64)ms * 1000;
	unsigned n;

	pthread_mutex_lock(&flight_lock);
	while (in_flight > 0) {
		struct timespec ts;
		gint64 left = deadline - g_get_monotonic_time();

		if (left <= 0)
			break;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += (time_t)(left / G_USEC_PER_SEC);
		ts.tv_nsec += (long)(left % G_USEC_PER_SEC) * 1000;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&flight_cond, &flight_lock, &ts);
	}
	n = in_flight;
	pthread_mutex_unlock(&flight_lock);
	return n;
}
