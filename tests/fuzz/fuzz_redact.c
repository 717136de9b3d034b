/*
 * fuzz_redact.c: a header block -> mode redact (issue 17 item 6). The
 * input is the top of a message (From, To, Cc, Comments ... as the
 * fuzzer writes them) above a fixed calendar whose SUMMARY holds a
 * personnummer, so every run corrects, cuts the headers (redact_hdr.c)
 * and re-checks. Aborts on a redacted message with a header line over
 * 998 bytes or with the personnummer still in its header block (as a
 * word: letters or digits around it make it no personnummer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "../../conf/noticeconf.h"
#include "../../notice/notice.h"
#include "../../notice/correct.h"
#include "../../parse/parse.h"
#include "../../rules/rules.h"
#include "common.h"
#include "fuzz.h"

#define PNR	"19121212-1212"

static const char tail[] =
	"MIME-Version: 1.0\r\n"
	"Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n"
	"\r\n"
	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//SV\r\n"
	"METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:fuzz-redact@kommun.example\r\n"
	"DTSTAMP:20251101T090000Z\r\nDTSTART:20251124T090000Z\r\n"
	"DTEND:20251124T100000Z\r\nSUMMARY:Uppfoljning " PNR "\r\n"
	"ORGANIZER:mailto:organizer@kommun.example\r\n"
	"ATTENDEE:mailto:extern@region.example\r\n"
	"END:VEVENT\r\nEND:VCALENDAR\r\n";

/* Is the line at p (to nl) the start of a header field (RFC 5322 2.2:
 * printable name characters, then a colon)? A line without one is no
 * header to a client (GMime takes a first "From " line for mbox's). */
static bool
is_field(const char *p, const char *nl)
{
	const char *q = p;

	while (q < nl && *q > ' ' && *q < 127 && *q != ':')
		q++;
	return q > p && q < nl && *q == ':';
}

/* Does c part words for sure? A byte over 0x7f may belong to a letter
 * (U+0679 after the number makes it no personnummer to the rules). */
static bool
apart(char c)
{
	return (unsigned char)c < 0x80 && !g_ascii_isalnum(c);
}

/* The number standing alone in s[0..n) ("...1212b" is no personnummer
 * to the rules either)? */
static bool
has_pnr(const char *s, size_t n)
{
	const char *end = s + n;

	for (const char *q = s; (q = memmem(q, (size_t)(end - q), PNR,
	    strlen(PNR))) != NULL; q++)
		if ((q == s || apart(q[-1])) &&
		    (q + strlen(PNR) >= end || apart(q[strlen(PNR)])))
			return true;
	return false;
}

/* The header block of msg: no line over 998 bytes, no personnummer in
 * a header field. */
static void
check(const char *msg, size_t len)
{
	/* memmem: the header block may hold a NUL */
	const char *end = memmem(msg, len, "\r\n\r\n", 4);
	bool field = false;

	if (end == NULL)
		abort();
	for (const char *p = msg, *nl; p < end + 2; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end + 2 - p));
		if (nl == NULL || nl - p > 999)
			abort();
		if (*p != ' ' && *p != '\t')
			field = is_field(p, nl);
		if (field && has_pnr(p, (size_t)(nl - p)))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct config *cfg = fuzz_config();
	static struct notice_conf *nc;
	GString *m = g_string_new(NULL);
	struct invite *inv;
	struct verdict *v;
	struct redact_out ro;
	char *ics, *whole;
	size_t wl;

	if (nc == NULL)
		nc = notice_conf_default();
	/* the fuzzer's header lines, ending in a line break */
	for (size_t i = 0; i < size; i++) {
		if (data[i] == '\r')
			continue;
		if (data[i] == '\n')
			g_string_append_c(m, '\r');
		g_string_append_c(m, (char)data[i]);
	}
	/* no empty line inside: that would end the header block early */
	while (strstr(m->str, "\r\n\r\n") != NULL)
		*strstr(m->str, "\r\n\r\n") = ' ';
	if (m->len > 0 && (m->len < 2 || strcmp(m->str + m->len - 2, "\r\n")))
		g_string_append(m, "\r\n");
	if (m->len >= 2 && strncmp(m->str, "\r\n", 2) == 0) {
		m->str[0] = ' ';
		m->str[1] = ' ';
	}
	g_string_append(m, tail);
	inv = parse_message(m->str, m->len, &cfg->limits);
	v = verdict_new();
	if (inv != NULL && rules_eval(&cfg->rules, inv, NULL, v) == 0 &&
	    (ics = notice_corrected_ics(cfg, nc, m->str, m->len, inv, v, NULL,
	    true, NULL)) != NULL) {
		if (notice_redacted(cfg, nc, m->str, m->len, inv, v, NULL, ics,
		    &ro, NULL) == 0) {
			if (getenv("FUZZ_REDACT_SAY"))
				fprintf(stderr, "redacted, %u header cuts\n",
				    ro.hdr_cut);
			whole = redact_assemble(m->str, m->len, &ro, &wl);
			check(whole, wl);
			g_free(whole);
			redact_out_clear(&ro);
		}
		g_free(ics);
	}
	verdict_free(v);
	invite_free(inv);
	g_string_free(m, TRUE);
	return 0;
}
