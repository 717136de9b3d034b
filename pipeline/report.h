/*
 * report.h: turns an invite and its verdict into text for people and
 * machines: the invite-check report (human or one JSON line), the
 * compliance log line of the milter, and the lines of the SMTP reply.
 * Only masked evidence is ever printed (the verdict holds nothing else);
 * subject, names and addresses of people are never part of the output.
 */
#ifndef REPORT_H
#define REPORT_H

#include <glib.h>
#include "../parse/invite.h"
#include "../rules/verdict.h"

struct config;

/* One JSON object, no newline: file, invitation, method, verdict,
 * findings[] (rule, field, severity, action, evidence, detail, span),
 * series/teams facts, note, problem. */
void	report_json(GString *out, const char *file, const struct invite *,
	    const struct verdict *);
/* A few readable lines for a terminal. */
void	report_text(GString *out, const char *file, const struct invite *,
	    const struct verdict *);
/* The explanation for the sender, Swedish first, then English, as
 * separate lines without SMTP codes (at most max_lines, each < 200
 * bytes, printable ASCII/UTF-8 without CR/LF). Free with g_strfreev. */
char	**report_reply_lines(const struct config *, const struct verdict *,
	    size_t max_lines);
/* Where in the invitation a finding is, in the sender's words (UTF-8;
 * the SMTP reply transliterates): "ämnesraden" / "the subject", ...;
 * the one wording of the 550 reply and of the notice. Static string. */
const char	*report_where(const struct finding *, bool sv);
/* Appends s as a JSON string literal (with quotes). */
void	json_str(GString *out, const char *s);

#endif
