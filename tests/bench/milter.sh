#!/bin/sh
# make bench, parts 2-4 of issue 8 (called by tests/bench/run.sh): cost
# growth with message size, invite-milter behind a real Postfix against
# no milter and a null milter, and memory under 100 sessions. Prints
# Markdown. BENCH_QUICK=1 scales everything down for a smoke run.
set -eu
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
if [ "${BENCH_QUICK:-0}" = 1 ]; then
	export E2E_MSGS=${E2E_MSGS:-100} E2E_RUNS=${E2E_RUNS:-1} GROW_SECS=${GROW_SECS:-0.3}
	export MEM_MSGS=${MEM_MSGS:-120} E2E_STALL_MSGS=${E2E_STALL_MSGS:-20}
fi
load() { echo "Load when this section started: \`$(uptime | sed 's/^ *//')\`"; }

cat <<'EOF'

## Cost growth with message size

The Outlook invitation with a PDF attachment (tests/corpus/110), padded
by `tests/bench/mkmsg.py`. Time: `pipebench` on the one file (parse +
rules in process, one core). Peak RSS: one `invite-check` run (wait4
ru_maxrss), and a fresh `invite-milter` fed the message by `miltertest`
(`tests/bench/feed.lua`; VmHWM minus VmHWM when idle). Caps in force:
`limits.message_bytes` 25 MB (parse and invite-check read no more),
`milter.max_body` 10 MB (the milter buffers no more; over it the message
is streamed through parse/reduce.c and examined, see below).

EOF
load
echo
if [ -x "$B/tests/pipebench" ] && command -v miltertest >/dev/null; then
	sh tests/bench/growth.sh
else
	echo "(skipped: pipebench or miltertest missing)"
fi
cat <<'EOF'

Reading: time per MB falls from 10 KB to 1 MB (fixed cost per message)
and then stays flat at about 1-1.5 ms per MB: linear. Above 25 MB the
parser stops at limits.message_bytes. The milter's memory is bounded by
max_body (about 10 MB above idle for 10 and 50 MB). In process, peak
memory is bounded by message_bytes and stays below the message's size:
the parser reads the caller's buffer in place, attachments are never
decoded (a base64 size is counted from its characters), and only the
calendar and text parts are decoded (parse/mime.c).
EOF

cat <<'EOF'

### Over max_body: streamed and examined (issue 17, item 3)

The same invitation at 10, 20 and 50 MB (all but a few KB of it the PDF),
a fresh `invite-milter` (max_body 10 MB) fed by `miltertest` in 64 KB
chunks (`tests/bench/stream.sh`): over max_body the message goes through
`parse/reduce.c`, which keeps the headers, calendar and text and drops
the PDF's content, and is examined. Target: the 50 MB row examined with
at most 16 MB above idle, time linear in size.

EOF
load
echo
if command -v miltertest >/dev/null; then
	sh tests/bench/stream.sh
else
	echo "(skipped: miltertest missing)"
fi

if ! command -v postfix >/dev/null || [ "$(id -u)" != 0 ]; then
	printf '\n(Postfix sections skipped: they need postfix and root.)\n'
	exit 0
fi
cat <<EOF

## End to end: Postfix 3.7 on loopback, smtp-source to smtp-sink

A private Postfix (\`tests/postfix-lib.sh\`, in_flow_delay = 0) relays to
\`smtp-sink\`; \`smtp-source -s 1|20 -m N -F FILE\` loads it, one SMTP
session per message, sender a@kommun.example from 127.0.0.1 (so
invite-milter examines every message). Variants are interleaved run by
run after a warm-up (\`tests/bench/e2e.sh\`). The null milter is
\`tests/bench/nullmilter.c\` (libmilter, every callback, every reply,
accept at end of message).

EOF
load
echo
sh tests/bench/e2e.sh
cat <<'EOF'
### Milter protocol: what invite-milter negotiates, and the 40 ms stall

Measured above and while choosing the flags (invite-milter over TCP,
1 session, 200 messages, 2 runs; clean invitation / plain text, msg/s):

| negotiation | invitation | plain text |
|---|---|---|
| every stage with a reply (HELO, unknown skipped) | 148 | 177 |
| no reply for connect, headers, body chunks | 189 | 229 |
| ... and RCPT (what invite-milter uses now) | 189 | 251 |
| ... and DATA skipped (SMFIP_NODATA) | 20 | 20 |
| ... and no reply for DATA (SMFIP_NR_DATA) | 19 | 20 |

Why: Postfix's milter socket keeps Nagle on (`vstream_tweak_tcp` only
enlarges the buffer). A write of the MTA that gets no reply is
acknowledged by the milter's delayed ACK, 40 ms later; until then Nagle
holds the MTA's next small write. smtpd flushes the DATA stage (its
macros even when the stage is skipped), and the next write comes from
another process, cleanup, with the headers: so DATA must keep a reply.
Stages that are skipped or need no reply elsewhere (HELO, connect,
RCPT, headers, body) are only buffered and leave in the same write as
the next stage that waits, which costs nothing. The other stall is on
the milter's side: libmilter writes each header change and the final
reply separately, and the reply waits for Postfix's delayed ACK of the
change; invite-milter sets TCP_NODELAY on its listening socket (inherited
by accepted sockets) in `mlt_tune()`. Unix sockets have neither stall,
so over a unix socket DATA and MAIL get no reply either (SMFIP_NR_DATA,
SMFIP_NR_MAIL: two round trips less per message; what MAIL decides, the
accept of mail that is not ours and the tempfail while stopping, is
answered at end of headers there; `tests/t/milter-negotiate.sh` checks
both negotiations against Postfix's own log).
Macros: `{auth_authen}` at MAIL and `i` at end of message
(smfi_setsymlist); Postfix reads an empty list as "use main.cf's", so
stages that need none are left alone; a list naming only an undefined
macro does not help either: Postfix 3.7 still sends a macro packet, empty,
before every header (seen with strace), which libmilter reads with five
system calls like any packet. The negotiation is in
`milter/callbacks.c` (`cb_negotiate`).

Reading the ratios: c/b above 1 means invite-milter costs Postfix less
than a milter that does nothing but answer every stage. Postfix waits on
fewer round trips with invite-milter (5 per message over TCP, 3 over a
unix socket, the negotiation included, instead of about 20),
which pays for the milter's parse and rules (the last column: its CPU per
message is the null milter's protocol and thread cost plus the pipeline).
The c/b column above says whether that holds, for invitations examined
to the end and for plain mail accepted at end of headers; on two cores
shared with Postfix, smtp-source and other work single runs move by
10-20 %, so read the medians and the per-round column.

Where a clean invitation's milter time goes (perf on the running daemon
over a unix socket, 600 messages at 1 session, 2026-12-05; measure again
with `perf record -g -p PID` while `smtp-source` runs): about half is
the kernel (libmilter reads every packet with five system calls, three
polls and two reads, and Postfix sends two packets per header, the
header and its macros, even empty; each session is handed between
libmilter's threads), a quarter the libmilter protocol in user space,
and 27 % the end of message: iCalendar 9 % (libical), rules 9 %, MIME
and HTML 5 %, the decision line 3 %. The end-of-message work runs with
cold caches there, as Postfix's processes run between two messages:
`pipebench -c 64` (64 MB of other memory written before each message)
reproduces it, about 3 times the warm time of the in-process figures
above.
EOF
cat <<EOF

## Memory under concurrency

invite-milter on a unix socket behind the private Postfix;
\`smtp-source -s 100\` sends 1 MB invitations (\`tests/bench/memory.sh\`).
Memory is bounded per processor, not per connection
(\`milter/callbacks.c\`, "Memory under concurrency"): at most 8 messages
per processor buffer their body at once (the others wait at end of
headers, their body still in Postfix's queue file), of those at most 2
per processor are parsed at once, both in arrival order; a message's
buffer is freed when it ends, and malloc returns large buffers to the
system (fixed mmap threshold) and keeps one arena per processor
(\`mlt_tune()\`). Measured here: 118 MB above idle with none of this
(one run), 30-61 MB with the parse limit and malloc settings alone
(the messages waiting to be parsed held their buffers; 41-70 MB with
200 sessions), 15-19 MB with the body limit too (100 or 200 sessions).

EOF
load
echo
: >"$B/bench/memory-runs.txt"
for r in 1 2 3; do sh tests/bench/memory.sh | tee -a "$B/bench/memory-runs.txt"; done
sed -n 's/.*difference: \*\*\([0-9.]*\) MB.*/\1/p' "$B/bench/memory-runs.txt" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR) printf "\nAbove idle over %d runs: median **%.1f MB** (%.1f-%.1f); target <= 64 MB.\n", NR, v[int((NR + 1) / 2)], v[1], v[NR] }'
cat <<'EOF'

What remains above idle is the buffers and parses of the messages
admitted at once (8 buffers and 2 parses per processor),
whatever the number of sessions; GMime's copy of the buffer and the
attachments decoded whole (parse/mime.c) are most of a parse.
EOF

cat <<EOF

## Memory under hostile load

The whole-daemon bound of issue 17 (\`[milter] memory_limit\`, default
48M; \`milter/budget.c\`, \`milter/gate.c\` "The memory budget"):
\`tests/bench/memory-hostile.sh\` opens 100 milter sessions at once,
directly on the socket (a hostile client: an MTA never sends a body it
has not received whole), in four groups of 25: 8 MB of text dense with
names (\`tests/bench/mknames.py\`), 9 MB bodies left unfinished (the
client stalls before the end), 9 MB invitations with an attachment,
and 20 small invitations one after the other. Every message takes its
buffer and, at its parse, four times as much from the budget; one that
cannot get its bytes in time is tempfailed (the client retries), so
large messages beyond the budget are tempfailed while the unfinished
ones hold theirs (until libmilter's timeout ends them), and small ones
pass. Before the budget (commit 29c0f65): 838 MB above idle.
EOF
load
echo
sh tests/bench/memory-hostile.sh

cat <<EOF

### Hostile shapes per parser (issue 17, memory)

\`tests/bench/memory-shapes.sh\`: peak RSS of \`invite-check --json\` per
hostile shape (\`tests/bench/mkshapes.py\`) at 1, 4 and 8 MB, above its
peak on a small invitation, and that figure per MB of message (the
daemon reserves four times a message's size at its parse; the column
includes the message's own buffer, so about 5 meets it). The verdict
column says which [limits] bound stopped a shape. The history of these
figures (before the pre-passes of parse/mime.c and parse/ical.c) is in
the dated notes at the end.
EOF
load
echo
sh tests/bench/memory-shapes.sh
