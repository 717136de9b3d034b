/*
 * conf.h: the configuration, loaded from a GLib key-file into an
 * immutable, refcounted snapshot. conf_default() gives the built-in
 * defaults (no file needed). A snapshot is never changed after
 * conf_load()/conf_default() return, except by conf_add_internal_domain()
 * before it is shared (the -D flag). Reload = build a new one and swap
 * (milter/); the last conf_unref() frees it.
 */
#ifndef CONF_H
#define CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../parse/limits.h"
#include "../rules/rules.h"

struct notice_conf;			/* conf/noticeconf.h */
struct unit_index;			/* conf/units.c */

enum on_error { ONERR_TEMPFAIL, ONERR_ACCEPT, ONERR_REJECT };

/* How outgoing mail is recognised (bit set). */
#define OUT_AUTH	0x1	/* {auth_authen} macro set */
#define OUT_NETWORKS	0x2	/* client address in internal_networks */
#define OUT_SENDER	0x4	/* envelope sender in an internal domain */
#define OUT_ALL		0x8	/* examine every message */

struct netmask {
	int		family;		/* AF_INET or AF_INET6 */
	uint8_t		addr[16];
	unsigned	prefix;
};

/* A sending unit (conf/units.c): [unit:NAME] and/or the names of [units]
 * map_file. Its rules are the global [rules] with the unit's own actions
 * over them; everything else of its rules_conf is the global one's
 * (shared pointers: the unit owns only .rule). */
struct conf_unit {
	char		*name;		/* UTF-8, no '@', never an address */
	bool		 has_group;	/* a [unit:NAME] group (else map only) */
	int		 dry_run;	/* -1: [general] dry_run; 0 or 1 */
	size_t		 n_overrides;	/* rule actions of its own */
	size_t		 n_map;		/* its addresses in map_file */
	struct rules_conf rules;	/* the effective rules for its senders */
};

struct config {
	int		 refs;		/* atomic */
	char		*path;		/* NULL for built-in defaults */
	char		 digest[17];	/* 64-bit hex of the file bytes */

	/* What rules_eval() reads: [general] internal_domains, teams_only,
	 * answer_max_action, time_budget_ms; [limits] regex_*; [rules] and
	 * [severity]; the data compiled from [lexicon]. */
	struct rules_conf rules;

	/* [general] */
	bool		 dry_run;
	enum on_error	 on_error;		/* internal error: tempfail */

	/* [limits] */
	struct parse_limits limits;
	enum on_error	 on_limit;		/* a bound was hit: tempfail */

	/* [lexicon] */
	char		*names_dir;		/* NULL = built-in lists */
	char		*lexicon_dir;

	/* [milter] */
	char		*socket;
	char		*user;
	char		*pidfile;
	unsigned	 socket_mode;		/* for unix: sockets, e.g. 0660 */
	char		*socket_group;
	struct netmask	*internal_networks;
	size_t		 n_internal_networks;
	unsigned	 outgoing;		/* OUT_* */
	size_t		 max_body;		/* bytes buffered per message */
	size_t		 memory_limit;		/* bytes of messages in the
						   whole daemon (budget.c) */
	enum on_error	 over_cap;		/* body over max_body */
	unsigned	 timeout_s;		/* libmilter socket timeout */
	char		*flag_header;		/* "X-Invite-Policy" */
	bool		 flag_external;		/* the header (and subject_tag)
						   also on mail for external
						   recipients: false */
	bool		 split_series;		/* a series stopped only for its
						   external guests goes to the
						   internal recipients: false */
	char		*subject_tag;		/* "" = none */
	char		*reply_sv;		/* template lines, see sample conf */
	char		*reply_en;

	/* [log] */
	bool		 log_syslog;
	char		*log_file;		/* NULL = none */
	char		*syslog_facility;
	unsigned	 stats_interval_s;
	/* [log] privacy levels of the decision and notice lines (issue 21) */
	enum log_sender {
		LOG_SENDER_AUTO,		/* unset: unit when units are
						   configured, else address */
		LOG_SENDER_ADDRESS,
		LOG_SENDER_HASHED,		/* HMAC-SHA256 with the site key */
		LOG_SENDER_UNIT,
		LOG_SENDER_NONE,
	}		 log_sender;
	enum log_evidence {
		LOG_EVIDENCE_MASKED,		/* the masked evidence, detail */
		LOG_EVIDENCE_CATEGORY,		/* only rule, field, action */
	}		 log_evidence;
	char		*log_hash_key_file;	/* NULL = none */
	unsigned char	*log_hash_key;		/* its bytes, NULL = none */
	size_t		 log_hash_key_len;
	char		*metrics_file;		/* Prometheus text; NULL = none */

	/* [notice] (conf/noticeconf.c); never NULL in a loaded snapshot */
	struct notice_conf *notice;

	/* [units], [unit:NAME] (conf/units.c) */
	struct conf_unit **units;	/* NULL-terminated or NULL */
	size_t		 n_units;
	char		*unit_map_file;	/* NULL = none */
	size_t		 n_unit_map;	/* addresses in it */
	struct unit_index *unit_index;	/* sender -> unit */
};

/* Returns a new snapshot (refs = 1) or NULL with "file:line: key: why"
 * in err. */
struct config	*conf_load(const char *path, char *err, size_t errlen);
/* The same from len bytes of text in memory; path names it in errors. */
struct config	*conf_load_data(const char *path, const char *text,
		    size_t len, char *err, size_t errlen);
struct config	*conf_default(char *err, size_t errlen);
/* What a hit [limits] bound (key) does: on_limit, except that a
 * time_budget_ms overrun is never rejected (the machine was busy; a retry
 * may get through): tempfail unless on_limit = accept. */
enum on_error	 conf_limit_action(const struct config *, const char *key);
/* Adds an internal domain (before the snapshot is shared). 0 or -1. */
int		 conf_add_internal_domain(struct config *, const char *d,
		    char *err, size_t errlen);
/* The unit of an envelope sender (as pipeline_envelope_addr gives it:
 * lower case, no brackets), or NULL when it belongs to none or units are
 * not configured. Most specific first: the address ([unit:] senders or
 * map_file), "@domain", then the longest "domain"/".domain" above it. */
const struct conf_unit	*conf_unit_of(const struct config *,
			    const char *sender);
/* The rules and the dry_run that apply to a unit's senders (u NULL: the
 * global ones). Plain data for the pipeline; valid as long as c. */
const struct rules_conf	*conf_rules_of(const struct config *,
			    const struct conf_unit *u);
bool			 conf_dry_run_of(const struct config *,
			    const struct conf_unit *u);
struct config	*conf_ref(struct config *);
void		 conf_unref(struct config *);
/* Is the address in internal_networks? sa is a struct sockaddr *. */
bool		 conf_is_internal_network(const struct config *,
		    const void *sa);

#endif
