# Shared by the tests that run invite-milter under a checker (valgrind,
# ThreadSanitizer) behind the private Postfix and load it with
# tests/smtp-load.py. Source after tests/lib.sh and tests/postfix-lib.sh.
#
# load_init: a temp dir ($tmp) with the socket path ($sock), a decision
# log ($dlog) and the sample configuration writing to it
# ($tmp/milter.conf), a plain-text mail ($tmp/plain.eml), the message mix
# ($files: tests/corpus and the external invitations); stops Postfix and
# the milter ($mpid) on exit (KEEP=1 keeps the temp dir).
load_init() {
	tmp=$(mktemp -d)
	chmod 755 "$tmp"
	sock=$tmp/milter.sock
	dlog=$tmp/decisions.log
	mpid=
	trap load_cleanup EXIT
	[ -n "${KEEP:-}" ] && trap - EXIT && echo "# kept $tmp"
	sed 's|^\[log\]$|[log]\nfile = '"$dlog"'\nsyslog = false|; /^syslog *=/d' \
	    "$TOP/conf/invite-milter.conf" >"$tmp/milter.conf"
	# notices off: they would go to this machine's sendmail (issue 20
	# turned them on by default where a sendmail program is there)
	echo "enable = false" >>"$tmp/milter.conf"
	touch "$dlog"; chmod 666 "$dlog"
	printf 'From: a@kommun.example\r\nTo: b@region.example\r\nSubject: Protokoll\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHej, protokollet kommer i morgon.\r\n' >"$tmp/plain.eml"
	files=$(ls "$TOP"/tests/corpus/*.eml "$SHARED"/corpus/external/invites/*.eml)
}

load_cleanup() {
	pf_stop
	[ -n "$mpid" ] && kill "$mpid" 2>/dev/null && wait "$mpid" 2>/dev/null
	rm -rf "$tmp"
}

# load_listening TENTHS NAME: waits up to TENTHS/10 s for $sock, then
# opens it to Postfix.
load_listening() {
	pf_milter_sock "$sock" "$1"; ok $? "$2"
}

# load_run TEMPFAIL-TEXT SMTP-LOAD-ARGS...: the load through Postfix;
# sets $res (val KEY reads one figure) and checks what every run must
# hold: every message answered, no errors, no tempfail, the same reply
# class for a file every time.
load_run() {
	tf=$1; shift
	res=$(python3 "$TOP/tests/smtp-load.py" --port "$PF_PORT" --total "$total" "$@")
	echo "# load: $res"
	is "$(val sent)" "$total" "every message got a final reply"
	is "$(val errors)" 0 "no connection or protocol errors"
	is "$(val tempfail)" 0 "$tf"
	[ "$(val tempfail)" != 0 ] && grep -E 'warning: milter' "$PF_DIR/maillog" |
	    sort | uniq -c | head -5 | sed 's/^/# /'
	is "$(val inconsistent)" 0 "each file got the same reply class every time"
}
val() { echo "$res" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# load_stop TENTHS: SIGTERM, waits up to TENTHS/10 s; sets $rc.
load_stop() {
	kill -TERM "$mpid"
	i=0; while kill -0 "$mpid" 2>/dev/null && [ $i -lt "$1" ]; do sleep 0.1; i=$((i + 1)); done
	wait "$mpid"; rc=$?
	mpid=
}
