/*
 * reduce.h: a message fed in chunks -> a smaller message that
 * parse_message() reads as it would read the original (issue 17, item
 * 3). Up to keep_whole bytes the message is kept whole (byte for byte);
 * past that it is streamed, and only what the rules read is kept: every
 * header block, calendar, text body, TNEF and message/rfc822 structure,
 * and whatever can be read two ways; the content of other attachments is
 * dropped (their part headers stay: name and type remain visible).
 * Memory never depends on the size of dropped content. Not thread-safe
 * per object; one object per message.
 */
#ifndef REDUCE_H
#define REDUCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "limits.h"

struct reduce;

/* A new reducer. lim (copied; NULL: the defaults) sets the caps of kept
 * parts; keep_whole is the size up to which the message is kept whole,
 * max_out the most bytes the reduced message may hold (beyond: over
 * cap). The daemon passes [milter] max_body for both. Free with
 * reduce_free(). */
struct reduce	*reduce_new(const struct parse_limits *lim, size_t keep_whole,
		    size_t max_out);
void		 reduce_free(struct reduce *);

/* The next bytes of the message as sent: the header block, the empty
 * line, then the body, in chunks of any size. */
void		 reduce_feed(struct reduce *, const char *b, size_t n);
/* Feeds everything fp holds (from where it stands); 0, or -1 with errno
 * set on a read error. For the front ends that read files. */
int		 reduce_feed_file(struct reduce *, FILE *fp);
/* The end of the message (an unfinished last line is judged). */
void		 reduce_finish(struct reduce *);

/* The message to parse: the original while it was kept whole, else the
 * reduced one (valid after reduce_finish; owned by the reducer). */
const char	*reduce_data(const struct reduce *, size_t *len);
/* Bytes of memory the reducer holds now (buffers as allocated): for a
 * memory budget. At most about max(keep_whole, max_out) + 64 KB. */
size_t		 reduce_mem(const struct reduce *);
/* Bytes fed in all. */
size_t		 reduce_total(const struct reduce *);
/* Whether content was dropped (the data is not the message as sent:
 * it must never replace the body). */
bool		 reduce_dropped(const struct reduce *);
/* Whether text the rules read went beyond the caps (or the reduced
 * message beyond keep_whole): not everything was kept. */
bool		 reduce_over_cap(const struct reduce *);

#endif
