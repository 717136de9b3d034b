#!/bin/sh
# What contrib/ ships, used for real (issue 5, "Shipped with it"): the
# systemd unit passes systemd-analyze verify, is hardened, and its
# ExecStartPre, ExecStart and ExecReload lines work; the Postfix main.cf
# snippet, put into a private Postfix as it is, reaches the milter
# through socket_mode/socket_group (no chmod), gets the multi-line 550,
# and tempfails when the milter is gone; the Sendmail .mc line expands
# with sendmail's own m4 files to a T-flagged milter; the logrotate file,
# run by logrotate itself, keeps every decision line across rotations;
# man page and README point to all four.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/postfix-lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
unit=$TOP/contrib/invite-milter.service
tmp=$(mktemp -d)
chmod 755 "$tmp"
mpid=
cleanup() { pf_stop; [ -n "$mpid" ] && kill "$mpid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# --- the systemd unit -----------------------------------------------
val() { sed -n "s/^$1=//p" "$unit"; }
is "$(val ExecReload | tail -1)" '/bin/kill -HUP $MAINPID' "unit: reload is SIGHUP"
val ExecReload | head -1 | grep -q -- 'invite-milter -c .* -n$'
ok $? "unit: reload checks the file first (-n), so a rejected file fails it"
miss=
for kv in ProtectSystem=strict PrivateTmp=yes NoNewPrivileges=yes ProtectHome=yes \
    CapabilityBoundingSet= PrivateDevices=yes \
    RestrictAddressFamilies="AF_UNIX AF_INET AF_INET6" SystemCallFilter=@system-service; do
	grep -qx -- "$kv" "$unit" || miss="$miss $kv"
done
is "$miss" "" "unit: hardening settings present"
u=$(val User); test -n "$u" && test "$u" != root; ok $? "unit: runs as its own user, not root"
sockdir=$(sed -n 's|^#\{0,1\}socket = unix:\(/.*\)/[^/]*$|\1|p' "$TOP/conf/invite-milter.conf")
val ReadWritePaths | tr ' ' '\n' | grep -qx -- "$sockdir"
ok $? "unit: ReadWritePaths opens the sample configuration's socket directory ($sockdir)"
grep -q "^d $sockdir 0750 $u $u -\$" "$TOP/contrib/invite-milter.tmpfiles"
ok $? "tmpfiles.d: makes that directory, 0750, the unit's user and group"
sed "s|/usr/local/sbin/invite-milter|$bin|g" "$unit" >"$tmp/invite-milter.service"
if command -v systemd-analyze >/dev/null; then
	systemd-analyze verify --man=no "$tmp/invite-milter.service" >"$tmp/verify.out" 2>&1; r=$?
	[ -s "$tmp/verify.out" ] && r=1 && sed 's/^/#   /' "$tmp/verify.out"
	ok $r "unit: systemd-analyze verify, no complaint"
	if systemd-analyze security --offline=yes "$tmp/invite-milter.service" >"$tmp/sec.out" 2>&1; then
		e=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$tmp/sec.out")
		echo "# systemd-analyze security: exposure $e (0 safest, 10 unsafe)"
		awk -v e="$e" 'BEGIN { exit !(e != "" && e + 0 <= 3.0) }'
		ok $? "unit: systemd-analyze security exposure at most 3.0 (got $e)"
	else
		skip "unit: systemd-analyze security" "no --offline on this systemd"
	fi
else
	skip "unit: systemd-analyze verify" "no systemd-analyze"
fi

# The unit's own command lines, with the paths of this test: the socket
# in a directory like /run/invite-milter, group postfix as Group= makes
# it (here socket_group, since the test starts as root and drops with -u
# as User= would do).
if [ "$(id -u)" != 0 ] || ! command -v postfix >/dev/null || ! command -v swaks >/dev/null ||
    ! id postfix >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
	skip "unit commands and Postfix snippet" "needs root, postfix, swaks and the users postfix and nobody"
else
	mkdir "$tmp/run"
	chown nobody:postfix "$tmp/run"
	chmod 750 "$tmp/run"
	sock=$tmp/run/milter.sock
	cat >"$tmp/im.conf" <<EOC
[general]
internal_domains = kommun.example
[notice]
enable = false
[milter]
socket = unix:$sock
socket_mode = 0660
socket_group = postfix
[log]
syslog = false
file = $tmp/run/log
EOC
	chmod 644 "$tmp/im.conf"
	cmd() { val "$1" | sed "s|/usr/local/sbin/invite-milter|$bin|; s|/etc/invite-milter/invite-milter.conf|$tmp/im.conf|"; }
	sh -c "$(cmd ExecStartPre)" >/dev/null; is $? 0 "unit: ExecStartPre (-n) accepts the configuration"
	sh -c "exec $(cmd ExecStart) -u nobody" >"$tmp/milter.out" 2>&1 &
	mpid=$!
	i=0; while [ ! -S "$sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	test -S "$sock"; ok $? "unit: ExecStart listens (in the foreground)"
	MAINPID=$mpid sh -ec "$(cmd ExecReload)"
	i=0; while ! grep -q '"event":"reload' "$tmp/run/log" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	grep -q '"event":"reload","signal":"SIGHUP"' "$tmp/run/log" && kill -0 "$mpid"
	ok $? "unit: ExecReload reloads, the milter keeps running"

	# The snippet as shipped, only the socket path changed; it comes
	# after pf_start's own milter lines, so it is what Postfix uses.
	PF_MAIN_EXTRA=$(sed "s|^smtpd_milters = unix:/invite-milter/milter.sock|smtpd_milters = unix:$sock|" "$TOP/contrib/postfix-main.cf")
	export PF_MAIN_EXTRA
	pf_start "unix:/nonexistent"; ok $? "Postfix started with contrib/postfix-main.cf"
	for k in milter_protocol milter_default_action smtpd_milters non_smtpd_milters; do
		echo "# $k = $(postconf -c "$PF_DIR" -xh "$k" 2>/dev/null)"
	done
	is "$(postconf -c "$PF_DIR" -xh milter_protocol 2>/dev/null) $(postconf -c "$PF_DIR" -xh milter_default_action 2>/dev/null)" \
	    "6 tempfail" "snippet: milter_protocol 6, milter_default_action tempfail"
	is "$(postconf -c "$PF_DIR" -xh non_smtpd_milters 2>/dev/null)" "unix:$sock" "snippet: non_smtpd_milters = smtpd_milters"
	send() {
		swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example \
		    --to extern@region.example --data "$1" >"$tmp/swaks.out" 2>&1
	}
	send "$TOP/tests/corpus/002-pnr-subject.eml"
	grep -q '<\*\* *550-5.7.1 Kallelsen stoppades' "$tmp/swaks.out"
	ok $? "snippet: Postfix (user postfix) reaches the socket of mode 0660, group postfix; multi-line 550"
	send "$TOP/tests/corpus/001-teams-clean.eml"; ok $? "snippet: a clean invitation is accepted"
	# a NUL in a header line would hide the rest of it from the milter
	# (libmilter passes C strings): the snippet has Postfix refuse it
	python3 - "$PF_PORT" >"$tmp/nul.out" 2>&1 <<'PY'
import smtplib, sys
m = (b"From: a@kommun.example\r\nTo: extern@region.example\r\n"
     b"Subject: Hej\x00 19121212-1212\r\n\r\nHej\r\n")
s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=60)
try:
    s.sendmail("a@kommun.example", ["extern@region.example"], m)
    print("accepted")
except smtplib.SMTPDataError as e:
    print("rejected", e.smtp_code)
PY
	grep -q '^rejected 5' "$tmp/nul.out"
	ok $? "snippet: a NUL in a header line is refused by Postfix (message_reject_characters)"
	kill "$mpid"; wait "$mpid"; is $? 0 "unit: SIGTERM (systemctl stop) exits 0"
	mpid=
	test ! -e "$sock"; ok $? "the socket is removed at stop"
	send "$TOP/tests/corpus/001-teams-clean.eml"
	grep -q '<\*\* *4[0-9][0-9]' "$tmp/swaks.out"
	ok $? "snippet: milter gone, milter_default_action = tempfail gives a 4xx"
	pf_stop
fi

# --- Sendmail -------------------------------------------------------
mc=$TOP/contrib/sendmail.mc
grep -q "^INPUT_MAIL_FILTER(\`invite-milter', \`S=local:/var/spool/postfix/invite-milter/milter.sock, F=T," "$mc"
ok $? "sendmail.mc: INPUT_MAIL_FILTER on the default socket, F=T"
cf=/usr/share/sendmail/cf/m4/cf.m4
if command -v m4 >/dev/null && [ -f "$cf" ]; then
	{
		printf "divert(-1)\ninclude(\`%s')\ndivert(0)\nOSTYPE(\`debian')dnl\nDOMAIN(\`generic')dnl\n" "$cf"
		cat "$mc"
		printf "MAILER(\`local')dnl\nMAILER(\`smtp')dnl\n"
	} >"$tmp/t.mc"
	m4 "$tmp/t.mc" >"$tmp/t.cf" 2>"$tmp/m4.err"; r=$?
	[ -s "$tmp/m4.err" ] && r=1 && sed 's/^/#   /' "$tmp/m4.err"
	ok $r "sendmail.mc: expands with sendmail's m4 files, no warning"
	grep -qx 'Xinvite-milter, S=local:/var/spool/postfix/invite-milter/milter.sock, F=T, T=S:30s;R:2m;E:5m' "$tmp/t.cf"
	ok $? "sendmail.cf: the milter line (F=T: tempfail when it is down)"
	grep -qx 'O InputMailFilters=invite-milter' "$tmp/t.cf"; ok $? "sendmail.cf: the milter is in InputMailFilters"
	grep '^O Milter.macros.envfrom=' "$tmp/t.cf" | grep -q '{auth_authen}'
	ok $? "sendmail.cf: {auth_authen} sent at MAIL FROM"
else
	skip "sendmail.mc expansion" "no m4 or sendmail-cf"
fi

# --- logrotate ------------------------------------------------------
# The file as shipped, run by logrotate three times (forced) while the
# milter writes: only the paths change, and the reload is the SIGHUP
# that systemctl reload sends (ExecReload). Every decision line is in
# the current file, the renamed one or the compressed one.
lr=$TOP/contrib/invite-milter.logrotate
if ! command -v logrotate >/dev/null || ! command -v miltertest >/dev/null; then
	skip "logrotate" "no logrotate or miltertest"
else
	mkdir "$tmp/logs"; chmod 755 "$tmp/logs"
	printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s/logs/decisions.log\n' "$tmp" >"$tmp/lr.conf"
	"$bin" -f -p "unix:$tmp/lr.sock" -c "$tmp/lr.conf" >/dev/null 2>"$tmp/lr.err" &
	mpid=$!
	i=0; while [ ! -S "$tmp/lr.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	sed -e "s|/var/log/invite-milter/|$tmp/logs/|" \
	    -e "s|systemctl reload invite-milter.service|kill -HUP $mpid|" \
	    -e "s|create 0640 invite-milter adm|create 0640 root root|" "$lr" >"$tmp/lr"
	chmod 644 "$tmp/lr"
	grep -q "kill -HUP $mpid" "$tmp/lr"; ok $? "logrotate: the postrotate reload found and replaced"
	n=0
	for k in 1 2 3; do
		MT_SOCK="unix:$tmp/lr.sock" MT_FILE=$TOP/tests/corpus/002-pnr-subject.eml MT_IP=192.0.2.10 \
		    MT_FROM="<a@kommun.example>" MT_EXPECT=reject miltertest -s "$TOP/tests/milter/send.lua" >/dev/null 2>&1 &&
		    n=$((n + 1))
		logrotate -f -s "$tmp/lr.state" "$tmp/lr" 2>"$tmp/lr.out"; r=$?
		[ -s "$tmp/lr.out" ] && r=1 && sed 's/^/#   /' "$tmp/lr.out"
		ok $r "logrotate: rotation $k, no complaint"
		i=0; while [ "$(grep -c '"event":"reload"' "$tmp/logs/decisions.log" 2>/dev/null)" != 1 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	done
	MT_SOCK="unix:$tmp/lr.sock" MT_FILE=$TOP/tests/corpus/002-pnr-subject.eml MT_IP=192.0.2.10 \
	    MT_FROM="<a@kommun.example>" MT_EXPECT=reject miltertest -s "$TOP/tests/milter/send.lua" >/dev/null 2>&1 &&
	    n=$((n + 1))
	is "$n" 4 "logrotate: four messages rejected meanwhile"
	ls "$tmp/logs" | sed 's/^/#   /'
	test -f "$tmp/logs/decisions.log.1" && test -f "$tmp/logs/decisions.log.2.gz"
	ok $? "logrotate: the last rotation uncompressed (delaycompress), the one before compressed"
	all=$( { cat "$tmp/logs/decisions.log" "$tmp/logs/decisions.log.1"; gzip -dc "$tmp/logs/"*.gz; } | grep -c '"event":"decision"')
	is "$all" 4 "logrotate: every decision line kept across the rotations"
	is "$(grep -c '"event":"decision"' "$tmp/logs/decisions.log")" 1 "logrotate: the last one in the current file"
	[ ! -s "$tmp/lr.err" ]; ok $? "logrotate: no log error from the milter"
	kill "$mpid"; wait "$mpid"; mpid=
fi

# --- documentation points to contrib/ -------------------------------
miss=
for f in contrib/invite-milter.service contrib/postfix-main.cf contrib/sendmail.mc contrib/invite-milter.logrotate; do
	grep -q "$f" "$TOP/README.md" || miss="$miss README:$f"
	sed 's/\\-/-/g' "$TOP/man/invite-milter.8" | grep -q "$f" || miss="$miss man:$f"
done
is "$miss" "" "README and invite-milter(8) name the four contrib files"
