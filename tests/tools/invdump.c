/*
 * invdump.c: prints every field of the struct invite parse_any() makes
 * of each file, one "key=value" line each, for differential checks of
 * the parser (the same corpus through two builds must print the same).
 * Strings are printed with C escapes. The output holds the messages'
 * text: compare it, do not publish it.
 *   invdump [-a] [-s] FILE...
 * -a: also through parse_message() and parse_ics() whatever the content;
 * -s: small [limits] (every cap low, so the caps are exercised).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "parse/parse.h"

static void
pstr(const char *key, const char *s)
{
	char *e;

	if (s == NULL) {
		printf("%s=(null)\n", key);
		return;
	}
	e = g_strescape(s, NULL);
	printf("%s=\"%s\"\n", key, e);
	g_free(e);
}

static void
pperson(const char *key, const struct inv_person *p)
{
	printf("%s:\n", key);
	pstr("  addr", p->addr);
	pstr("  raw", p->raw);
	pstr("  cn", p->cn);
	pstr("  cutype", p->cutype);
	pstr("  role", p->role);
}

static void
pattach(const struct inv_attach *a)
{
	pstr("  name", a->name);
	pstr("  type", a->type);
	printf("  size=%zu inline_image=%d\n", a->size, a->is_inline_image);
	pstr("  uri", a->uri);
}

static void
dump(const struct invite *inv)
{
	pstr("subject", inv->subject);
	pstr("from", inv->from);
	pstr("message_id", inv->message_id);
	printf("is_invitation=%d flags=%#x\n", inv->is_invitation, inv->flags);
	pstr("method", inv->method);
	pstr("problem", inv->problem);
	pstr("limit", inv->limit);
	pstr("limit_cal", inv->limit_cal);
	for (size_t i = 0; i < inv->n_cals; i++) {
		printf("cal %zu: is_attachment=%d is_broken=%d size=%zu\n", i,
		    inv->cals[i].is_attachment, inv->cals[i].is_broken,
		    inv->cals[i].size);
		pstr("  method", inv->cals[i].method);
	}
	for (size_t i = 0; i < inv->n_comps; i++) {
		const struct inv_comp *c = &inv->comps[i];

		printf("comp %zu: cal=%d dtstart_t=%lld rrule=%d rdate=%d "
		    "exrule=%d exdate=%d recurrence_id=%d ms_rrule=%d "
		    "ms_insttype=%d has_organizer=%d\n", i, c->cal,
		    (long long)c->dtstart_t, c->has_rrule, c->has_rdate,
		    c->has_exrule, c->has_exdate, c->has_recurrence_id,
		    c->has_ms_rrule, c->ms_insttype, c->has_organizer);
		pstr(" kind", c->kind);
		pstr(" uid", c->uid);
		pstr(" dtstart", c->dtstart);
		pstr(" teams_url", c->teams_url);
		pperson(" organizer", &c->organizer);
		for (size_t j = 0; j < c->n_attendees; j++)
			pperson(" attendee", &c->attendees[j]);
		for (size_t j = 0; j < c->n_attach; j++) {
			printf(" attach %zu:\n", j);
			pattach(&c->attach[j]);
		}
	}
	for (size_t i = 0; i < inv->n_atts; i++) {
		printf("att %zu:\n", i);
		pattach(&inv->atts[i]);
	}
	for (size_t i = 0; i < inv->n_texts; i++) {
		printf("text %zu: %s comp=%d len=%zu\n", i,
		    invite_field_name(inv->texts[i].field), inv->texts[i].comp,
		    inv->texts[i].len);
		pstr("  s", inv->texts[i].s);
	}
}

static void
one(const char *what, struct invite *inv)
{
	printf("-- %s\n", what);
	if (inv == NULL)
		printf("parse failed\n");
	else
		dump(inv);
	invite_free(inv);
}

int
main(int argc, char **argv)
{
	static const struct parse_limits small = { 20000, 2, 5, 2000, 2, 3,
	    100, 20, 5000, 20 };
	const struct parse_limits *lim = NULL;
	bool all = false;
	int ch;

	while ((ch = getopt(argc, argv, "as")) != -1) {
		if (ch == 'a')
			all = true;
		else if (ch == 's')
			lim = &small;
		else
			goto usage;
	}
	if (optind >= argc)
		goto usage;
	parse_init();
	for (int i = optind; i < argc; i++) {
		char *buf;
		gsize len;

		printf("== %s\n", argv[i]);
		if (!g_file_get_contents(argv[i], &buf, &len, NULL)) {
			printf("unreadable\n");
			continue;
		}
		one("any", parse_any(buf, len, lim));
		if (all) {
			one("message", parse_message(buf, len, lim));
			one("ics", parse_ics(buf, len, lim));
		}
		g_free(buf);
	}
	return 0;
usage:
	fprintf(stderr, "usage: invdump [-a] [-s] FILE...\n");
	return 2;
}
