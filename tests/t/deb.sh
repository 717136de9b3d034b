#!/bin/sh
# The Debian package for real (issue 19, "Tested for real"): make deb
# builds it (or DEB=path/to.deb is used), lintian finds no error and no
# warning, apt-get installs it, the package's own files are where Debian
# wants them (user, conffile, unit enabled, tmpfiles.d, logrotate), the
# installed unit passes systemd-analyze verify, the daemon runs as the
# unit runs it (ExecStartPre and ExecStart, User=, Group=, UMask=; no
# systemd here), and a private Postfix whose smtpd and cleanup run
# chrooted reaches it on the packaged default socket with the shipped
# main.cf lines (unix:/invite-milter/milter.sock): a personnummer gets
# the 550, a clean invitation is delivered byte for byte. Then dpkg
# --purge, and no file of the package is left (the user may stay).
#
# The private Postfix's chroot is its own queue directory in /tmp; the
# package's socket directory, /var/spool/postfix/invite-milter, is
# bind-mounted into it as invite-milter/, so chrooted services see the
# packaged socket at the path Debian's own Postfix sees it.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/postfix-lib.sh"

if [ "${SANITIZE:-}" != "" ]; then
	skip "Debian package" "the package is the plain build: tested in the plain run"; exit 0
fi
if [ "$(id -u)" != 0 ]; then
	skip "Debian package" "needs root (dpkg, apt-get, a private Postfix)"; exit 0
fi
for c in dpkg apt-get postfix smtp-sink python3 setpriv mount; do
	command -v "$c" >/dev/null || { skip "Debian package" "no $c"; exit 0; }
done
if dpkg-query -W -f='${Status}' invite-milter 2>/dev/null | grep -q ' installed$'; then
	skip "Debian package" "invite-milter is already installed here; not touching it"; exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt_lock="-o DPkg::Lock::Timeout=300"
spool=/var/spool/postfix/invite-milter
tmp=$(mktemp -d /tmp/im-deb.XXXXXX)
chmod 755 "$tmp"
mpid= sinkpid= pfdir= mnt= installed=
cleanup() {
	[ -n "$pfdir" ] && postfix -c "$pfdir" stop >/dev/null 2>&1
	[ -n "$sinkpid" ] && kill "$sinkpid" 2>/dev/null
	[ -n "$mpid" ] && kill "$mpid" 2>/dev/null
	wait 2>/dev/null
	# never rm -rf through a live bind mount of the package's directory
	if [ -n "$mnt" ] && mountpoint -q "$mnt"; then
		umount "$mnt" || { echo "# $mnt still mounted: $tmp kept"; return; }
	fi
	[ -n "$installed" ] && dpkg --purge invite-milter >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# --- build and lintian ------------------------------------------------
deb=${DEB:-}
if [ -z "$deb" ]; then
	B=$B sh "$TOP/contrib/debian/build.sh" >"$tmp/build.out" 2>&1; r=$?
	[ $r -ne 0 ] && sed 's/^/#   /' "$tmp/build.out" | tail -20
	ok $r "make deb builds the package"
	deb=$(grep -v -- '-dbgsym_' "$tmp/build.out" | grep '\.deb$' | tail -1)
	case "$deb" in /*) ;; ?*) deb=$TOP/$deb ;; esac
fi
test -f "$deb"; ok $? "package file: $(basename "${deb:-none}")"
[ -f "$deb" ] || exit 1
case "$(basename "$deb")" in
invite-milter_*_*.deb) r=0 ;; *) r=1 ;; esac
ok $r "file name invite-milter_VERSION_ARCH.deb (README: apt install ./build/invite-milter_*.deb)"

if ! command -v lintian >/dev/null; then
	apt-get $apt_lock install -y -qq --no-install-recommends lintian >/dev/null 2>&1
fi
if command -v lintian >/dev/null; then
	lintian --display-info --show-overrides "$deb" >"$tmp/lintian.out" 2>"$tmp/lintian.err"
	e=$(grep -c '^E: ' "$tmp/lintian.out"); w=$(grep -c '^W: ' "$tmp/lintian.out")
	i=$(grep -c '^I: ' "$tmp/lintian.out"); o=$(grep -c '^O: ' "$tmp/lintian.out")
	echo "# lintian $(lintian --version | awk '{print $2}'): $e errors, $w warnings, $i info, $o overridden (with a reason in the package)"
	grep -E '^(E|W): ' "$tmp/lintian.out" | sed 's/^/#   /'
	is "$e" 0 "lintian: no error"
	is "$w" 0 "lintian: no warning (the info tags are overridden with a comment)"
else
	skip "lintian" "lintian could not be installed"
fi

# --- install ----------------------------------------------------------
apt-get $apt_lock install -y -qq --no-install-recommends "$deb" >"$tmp/apt.out" 2>&1; r=$?
[ $r -ne 0 ] && sed 's/^/#   /' "$tmp/apt.out" | tail -20
installed=1
ok $r "apt-get install ./$(basename "$deb")"
dpkg-query -W -f='${Status}' invite-milter 2>/dev/null | grep -q ' installed$'
ok $? "dpkg: invite-milter is installed"
dpkg -L invite-milter | sort >"$tmp/files"

miss=
for f in /usr/sbin/invite-milter /usr/bin/invite-check /usr/bin/invite-report \
    /etc/invite-milter/invite-milter.conf \
    /lib/systemd/system/invite-milter.service /usr/lib/tmpfiles.d/invite-milter.conf \
    /etc/logrotate.d/invite-milter /usr/share/invite-milter/names/first.txt \
    /usr/share/invite-milter/lexicon/topics.txt /usr/share/doc/invite-milter/README.Debian.gz \
    /usr/share/man/man8/invite-milter.8.gz /usr/share/man/man5/invite-milter.conf.5.gz \
    /usr/share/man/man1/invite-check.1.gz; do
	grep -qx "$f" "$tmp/files" && [ -e "$f" ] || miss="$miss $f"
done
is "$miss" "" "binaries, conffile, unit, tmpfiles.d, logrotate, word lists, README.Debian, man pages"
dpkg-query -W -f='${Conffiles}\n' invite-milter | awk 'NF {print $1}' | sort | tr '\n' ' ' >"$tmp/conffiles"
is "$(cat "$tmp/conffiles")" "/etc/invite-milter/invite-milter.conf /etc/logrotate.d/invite-milter " \
    "conffiles: the configuration and the logrotate file"
cmp -s /etc/invite-milter/invite-milter.conf "$TOP/conf/invite-milter.conf"
ok $? "/etc/invite-milter/invite-milter.conf is the sample (every key commented out)"
uid=$(id -u invite-milter 2>/dev/null)
test -n "$uid" && [ "$uid" -lt 1000 ] && [ "$(id -gn invite-milter)" = invite-milter ]
ok $? "system user and group invite-milter"
id -nG postfix | tr ' ' '\n' | grep -qx invite-milter
ok $? "postfix is in the group invite-milter"
is "$(stat -c '%U:%G %a' "$spool" 2>/dev/null)" "invite-milter:invite-milter 750" \
    "socket directory $spool (tmpfiles.d)"
is "$(stat -c '%U:%G %a' /var/log/invite-milter 2>/dev/null)" "invite-milter:adm 2750" \
    "log directory /var/log/invite-milter (tmpfiles.d)"
test -L /etc/systemd/system/multi-user.target.wants/invite-milter.service
ok $? "unit enabled (multi-user.target.wants)"

unit=/lib/systemd/system/invite-milter.service
val() { sed -n "s/^$1=//p" "$unit"; }
if command -v systemd-analyze >/dev/null; then
	systemd-analyze verify --man=no "$unit" >"$tmp/verify.out" 2>&1; r=$?
	[ -s "$tmp/verify.out" ] && r=1 && sed 's/^/#   /' "$tmp/verify.out"
	ok $r "systemd-analyze verify $unit: no complaint"
	if systemd-analyze security --offline=yes "$unit" >"$tmp/sec.out" 2>&1; then
		echo "# systemd-analyze security: $(sed -n 's/.*Overall exposure level for [^:]*: //p' "$tmp/sec.out")"
	fi
else
	skip "systemd-analyze verify" "no systemd-analyze"
fi
is "$(val ReadWritePaths)" "$spool -/var/log/invite-milter" \
    "unit: the sandbox opens the socket directory (and the log directory) only"
is "$(val User):$(val Group)" "invite-milter:invite-milter" "unit: User= and Group= invite-milter"
out=$(/usr/sbin/invite-milter -n 2>&1)
case "$out" in "/etc/invite-milter/invite-milter.conf: configuration ok"*) r=0 ;; *) r=1 ;; esac
ok $r "invite-milter -n without -c reads /etc/invite-milter/invite-milter.conf"
test "$(/usr/sbin/invite-milter -V | head -1)" = "invite-milter $(dpkg-query -W -f='${Version}' invite-milter)"
ok $? "invite-milter -V is the package's version"

# A start that cannot write its pidfile as its user fails as a command
# (issue 19: it used to return 0 and die after detaching, unheard).
mkdir "$tmp/rootonly" "$tmp/s"
chown invite-milter "$tmp/s"
/usr/sbin/invite-milter -p "unix:$tmp/s/m.sock" -u invite-milter -P "$tmp/rootonly/pid" \
    >"$tmp/pidfail.out" 2>&1; r=$?
is "$r" 1 "-u invite-milter with a pidfile in a root-owned directory: exit 1"
grep -q "pidfile $tmp/rootonly/pid: Permission denied" "$tmp/pidfail.out" && test ! -e "$tmp/s/m.sock"
ok $? "... with the reason on stderr, and no socket left behind"

# --- the daemon, as the unit runs it ------------------------------------
# The administrator's part: the internal domain, and the decision file
# in the packaged log directory (no syslog daemon here).
# (under the sample's own groups: a group given twice is an error)
sed -i -e '/^\[general\]$/a internal_domains = kommun.example' \
    -e '/^\[log\]$/a syslog = false\nfile = /var/log/invite-milter/decisions.log' \
    /etc/invite-milter/invite-milter.conf
asunit() {	# command line: run as User=/Group= with UMask=, as systemd would
	exec setpriv --reuid="$(val User)" --regid="$(val Group)" --init-groups -- \
	    sh -c "umask $(val UMask); exec $1"
}
(asunit "$(val ExecStartPre)") >"$tmp/pre.out" 2>&1; r=$?
[ $r -ne 0 ] && sed 's/^/#   /' "$tmp/pre.out"
ok $r "ExecStartPre (-n) accepts the edited conffile, as the unit's user"
asunit "$(val ExecStart)" >"$tmp/milter.out" 2>&1 &
mpid=$!
sock=$spool/milter.sock
i=0; while [ ! -S "$sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
test -S "$sock"; ok $? "ExecStart listens on the packaged default socket $sock"
is "$(stat -c '%U:%G %a' "$sock" 2>/dev/null)" "invite-milter:invite-milter 660" "socket: invite-milter:invite-milter 0660"

# --- Postfix with chrooted smtpd and cleanup ------------------------------
# config, queue (the chroot), data, sink and log side by side: a queue
# inside the config directory would be checked as part of it
pfdir=$tmp/pf
q=$tmp/queue
mkdir -p "$pfdir" "$q" "$tmp/data" "$tmp/sink"
chown postfix "$tmp/data"
chown nobody "$tmp/sink"
port=$(pf_free_port); sinkport=$(pf_free_port)
mnt=$q/invite-milter
mkdir "$mnt"
if ! mount --bind "$spool" "$mnt" 2>"$tmp/mount.err"; then
	mnt=
	sed 's/^/#   /' "$tmp/mount.err"
	skip "Postfix part" "cannot bind-mount $spool into the private chroot"
	pfdir=
else
	cat >"$pfdir/main.cf" <<EOC
compatibility_level = 3.6
queue_directory = $q
data_directory = $tmp/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
maillog_file = $tmp/maillog
maillog_file_prefixes = $tmp
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = relay.kommun.example
mydestination =
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:$sinkport
smtp_dns_support_level = disabled
smtputf8_enable = no
smtpd_relay_restrictions = permit_mynetworks, reject
alias_maps =
alias_database =
EOC
	# The shipped lines, unchanged: they name the socket from the chroot.
	cat "$TOP/contrib/postfix-main.cf" >>"$pfdir/main.cf"
	# Debian's chroot column: y for smtpd, cleanup and pickup.
	cat >"$pfdir/master.cf" <<EOC
127.0.0.1:$port inet n - y - - smtpd
pickup    unix  n - y 60 1 pickup
cleanup   unix  n - y - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
EOC
	is "$(postconf -c "$pfdir" -xh smtpd_milters 2>/dev/null)" "unix:/invite-milter/milter.sock" \
	    "Postfix: smtpd_milters from contrib/postfix-main.cf, relative to the chroot"
	is "$(postconf -c "$pfdir" -M cleanup/unix 2>/dev/null | awk '{print $5}')$(postconf -c "$pfdir" -M "127.0.0.1:$port/inet" 2>/dev/null | awk '{print $5}')" \
	    "yy" "Postfix: smtpd and cleanup chrooted (chroot column y)"
	/usr/sbin/smtp-sink -u nobody -d "$tmp/sink/%H%M%S." "127.0.0.1:$sinkport" 16 &
	sinkpid=$!
	postfix -c "$pfdir" start >/dev/null 2>&1; r=$?
	[ $r -ne 0 ] && sed 's/^/#   /' "$tmp/maillog" 2>/dev/null | tail -10
	ok $r "private Postfix started (queue and chroot $q)"
	i=0
	while ! python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null &&
	    [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

	# smtplib sends the bytes as they are (swaks would expand the
	# iCalendar's \n); a header of our own finds the delivered copy.
	send() {	# file tag -> "code message" of the end of DATA
		python3 - "$1" "$2" "$port" >"$tmp/send.out" 2>&1 <<'PY'
import smtplib, sys
data = open(sys.argv[1], "rb").read()
nl = b"\r\n" if b"\r\n" in data else b"\n"
data = b"X-Deb-Test: " + sys.argv[2].encode() + nl + data
s = smtplib.SMTP("127.0.0.1", int(sys.argv[3]), timeout=60)
try:
    s.sendmail("a@kommun.example", ["extern@region.example"], data)
    print("250 accepted")
except smtplib.SMTPDataError as e:
    print(e.smtp_code, e.smtp_error.decode("ascii", "replace").replace("\n", " | "))
except smtplib.SMTPResponseException as e:
    print(e.smtp_code, e.smtp_error.decode("ascii", "replace"))
s.quit()
PY
	}
	c=$TOP/tests/corpus
	send "$c/002-pnr-subject.eml" deb-reject
	code=$(cut -d' ' -f1 "$tmp/send.out")
	is "$code" 550 "a personnummer in the subject: 550 through the chrooted smtpd"
	grep -q '5.7.1 Kallelsen stoppades' "$tmp/send.out"; ok $? "the 550 is invite-milter's multi-line explanation, Swedish first"
	grep -q '1212-1212' "$tmp/send.out"; test $? -ne 0; ok $? "no identifier in clear in the reply"

	send "$c/001-teams-clean.eml" deb-clean
	is "$(cat "$tmp/send.out")" "250 accepted" "a clean invitation is accepted"
	i=0; while [ -z "$(ls "$tmp/sink")" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	python3 - "$c/001-teams-clean.eml" "$tmp/sink" <<'PY'
import os, sys
sent = open(sys.argv[1], "rb").read()
nl = b"\r\n" if b"\r\n" in sent else b"\n"
sent = (b"X-Deb-Test: deb-clean" + nl + sent).replace(b"\r\n", b"\n")
files = [os.path.join(sys.argv[2], f) for f in os.listdir(sys.argv[2])]
got = [open(f, "rb").read().replace(b"\r\n", b"\n") for f in files]
got = [g for g in got if b"X-Deb-Test: deb-clean" in g]
assert len(got) == 1, "delivered copies: %d" % len(got)
g = got[0]
# everything from our first header on: smtp-sink's and Postfix's
# (Received) lines come before it; SMTP may add a final line break
tail = g[g.index(b"X-Deb-Test: deb-clean"):]
assert tail.rstrip(b"\n") == sent.rstrip(b"\n"), "delivered copy differs"
PY
	ok $? "the clean invitation is delivered byte-identical (from its first header to its end)"
	grep 'warning' "$tmp/maillog" | sed 's/^/#   /' | head -5
	grep -q "warning.*invite-milter" "$tmp/maillog"; test $? -ne 0
	ok $? "Postfix warns about nothing of invite-milter's (postfix-script's spool checks, milter connection)"
	n=$(grep -c '"event":"decision"' /var/log/invite-milter/decisions.log 2>/dev/null)
	is "$n" 2 "two decision lines in /var/log/invite-milter/decisions.log"
	is "$(stat -c '%U:%G %a' /var/log/invite-milter/decisions.log 2>/dev/null)" "invite-milter:adm 640" \
	    "decision log file invite-milter:adm 0640"
	postfix -c "$pfdir" stop >/dev/null 2>&1
	kill "$sinkpid" 2>/dev/null; wait "$sinkpid" 2>/dev/null; sinkpid=
	pfdir=
	umount "$mnt"; ok $? "chroot's bind mount removed"
	mnt=
fi
kill "$mpid"; wait "$mpid"; is $? 0 "SIGTERM (systemctl stop): the daemon exits 0"
mpid=
test ! -e "$sock"; ok $? "the socket is removed at stop"

# --- purge ------------------------------------------------------------
dpkg --purge invite-milter >"$tmp/purge.out" 2>&1; r=$?
[ $r -ne 0 ] && sed 's/^/#   /' "$tmp/purge.out"
ok $r "dpkg --purge invite-milter"
installed=
left=
while read -r f; do
	[ -e "$f" ] || [ -L "$f" ] || continue
	# directories shared with the system (/usr/bin, /etc, /lib...) stay
	case "$f" in *invite-milter*) ;; *) [ -d "$f" ] && continue ;; esac
	left="$left $f"
done <"$tmp/files"
for f in /etc/invite-milter "$spool" /var/log/invite-milter \
    /etc/systemd/system/multi-user.target.wants/invite-milter.service \
    /var/lib/systemd/deb-systemd-helper-enabled/invite-milter.service.dsh-also \
    /var/lib/systemd/deb-systemd-helper-enabled/multi-user.target.wants/invite-milter.service; do
	[ -e "$f" ] || [ -L "$f" ] && left="$left $f"
done
extra=$(find /etc /lib /usr/lib /usr/sbin /usr/bin /usr/share /var/lib/dpkg/info /var/lib/systemd \
    /var/spool /var/log -name '*invite-milter*' 2>/dev/null | grep -v '^/var/log/apt')
is "$left $extra" " " "purge: no file of the package is left (the user invite-milter may stay)"
