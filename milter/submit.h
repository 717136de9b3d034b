/*
 * submit.h: the daemon submits notices (built by notice/) to the local
 * MTA with the configured transport (sendmail binary or SMTP to
 * host:port), envelope sender <>. submit_send() returns at once (a
 * detached thread does the work and logs the outcome); submit_now()
 * does it in the caller and returns 0 or -1 with a short reason in why.
 * qid, rules and mode label the log line (no personal data: the
 * recipient is logged as domain and hash).
 */
#ifndef MLT_SUBMIT_H
#define MLT_SUBMIT_H

#include <stddef.h>

struct config;
struct submit_job;

/* The job holds a reference to cfg (its [notice] settings and the log
 * settings) until it is freed. */
struct submit_job	*submit_job_new(struct config *cfg, const char *rcpt,
			    const char *msg, size_t len, const char *qid,
			    const char *rules, const char *mode);
void			 submit_job_free(struct submit_job *);
int			 submit_now(struct submit_job *, char *why,
			    size_t whylen);
void			 submit_send(struct submit_job *);	/* takes it */
/* Waits until no submission is in flight, at most ms milliseconds.
 * Returns the number still in flight. */
unsigned		 submit_drain(unsigned ms);

#endif
