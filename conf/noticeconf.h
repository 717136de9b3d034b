/*
 * noticeconf.h: the [notice] settings (issue 6): whether and how the
 * sender is told, with a corrected invitation, that an invitation was
 * stopped, corrected in flight or let through. Parsed from the same
 * GLib key-file as the rest of the configuration; immutable once
 * loaded. conf.c calls notice_conf_parse_at() for the [notice] group of
 * the main configuration; the keys are in invite-milter.conf(5).
 */
#ifndef NOTICECONF_H
#define NOTICECONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>
#include "../rules/verdict.h"

/* What happens to a message whose rules say reject. Ordered: a message
 * gets the strongest mode of its rejecting findings. NMODE_HOLD is no
 * mode of a rule: the wording of the notice for a held message. */
enum notice_mode { NMODE_NOTIFY, NMODE_REDACT, NMODE_REJECT, NMODE_HOLD };

enum notice_transport { NT_SENDMAIL, NT_SMTP };

#define NOTICE_HEADER_DEFAULT	"X-Invite-Milter-Notice"

struct notice_conf {
	bool		 enable;	/* false: no notice, modes still apply */
	bool		 enable_auto;	/* no enable key: on when a notice can
					   go out (notice_conf_resolve) */
	char		*from;		/* NULL: postmaster@<first internal> */
	enum notice_transport transport;
	char		*sendmail;	/* "/usr/sbin/sendmail" */
	char		*smtp_host;	/* "127.0.0.1" */
	unsigned	 smtp_port;	/* 25 */
	unsigned	 timeout_s;	/* per submission: 60 */
	char		**subjects;	/* neutral subjects, first used */
	char		**exclude;	/* addresses, or "@domain" */
	enum notice_mode mode;		/* default for every rule: reject */
	char		**redact;	/* rule ids whose mode is redact */
	char		**notify;	/* rule ids whose mode is notify */
	enum action	 min_action;	/* notices for verdicts >= this
					   ("reject" is ACT_HOLD: a held
					   message is always told) */
	char		*reviewer;	/* gets held messages' notices, or NULL */
	char		*header;	/* loop-stop header name */
	uint8_t		 key[32];	/* HMAC key of the loop-stop header */
	bool		 key_from_file;
};

/* Built-in defaults. Never NULL. The loop-stop key is random, made once
 * per process and shared by every snapshot (so a reload does not orphan
 * notices already on their way); key_file replaces it. */
struct notice_conf	*notice_conf_default(void);
/* The keys [notice] may hold (for conf.c's unknown-key hints). */
const char *const	*notice_conf_keys(size_t *n);
/* The [notice] group of kf (absent group = defaults). Returns NULL on a
 * bad value or unknown key, with the key in *key (a static string; NULL
 * when the key itself is unknown and named in why) and the reason in
 * why. */
struct notice_conf	*notice_conf_parse_at(GKeyFile *kf, const char **key,
			    char *why, size_t whylen);
/* Same, with "notice: key: why" in err. */
struct notice_conf	*notice_conf_parse(GKeyFile *kf, char *err,
			    size_t errlen);
/* Reads path as a key-file and parses its [notice] group. */
struct notice_conf	*notice_conf_load(const char *path, char *err,
			    size_t errlen);
void			 notice_conf_free(struct notice_conf *);

/* enable_auto: notices on when the transport is smtp or the sendmail
 * program is there (a local MTA: the packaged case). Called by the
 * parser and for the built-in defaults. */
void			 notice_conf_resolve(struct notice_conf *);
/* Whether notices are on and why, for -n: a static string. */
const char		*notice_conf_enable_why(const struct notice_conf *);

/* The mode configured for a rule id. */
enum notice_mode	 notice_conf_mode(const struct notice_conf *,
			    const char *rule);
const char		*notice_mode_name(enum notice_mode);

#endif
