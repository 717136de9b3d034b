#!/bin/sh
# The files the configuration names (issue 17, "Config files" and
# "Errors that don't say why"): key_file = /dev/zero grew to 4.4 GB, a
# 100 MB lexicon took 21 s and 3.9 GB for -n. Every file is read by
# one capped reader (rules/datafile.c): a device, a FIFO, a directory
# and a file over its cap (made sparse with truncate) are each refused
# with the exact text asserted, under -n, at start and at a reload (the
# old configuration stays, a reload_failed line says why). Also the
# counts (names, terms, internal_domains), a lexicon term that looks
# like a regular expression, an unwritable socket directory and -t on a
# device. Every command runs under timeout: a hang fails the check
# instead of the suite; nothing asserts a duration.
. "$(dirname "$0")/../lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
tmp=$(mktemp -d)
chmod 755 "$tmp"
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
sock=unix:$tmp/n.sock
man="(LIMITS in invite-milter.conf(5))"

mkfifo "$tmp/fifo"
mkdir "$tmp/dir"
truncate -s 100M "$tmp/huge"		# sparse: no disk, no time

# nerr status text name -- args: -n exits with status, stderr holds text
# (fixed string), within 60 s.
nerr() {
	want=$1 txt=$2 name=$3
	shift 4
	timeout 60 "$bin" -p "$sock" "$@" -n >/dev/null 2>"$tmp/n.err"; r=$?
	is "$r" "$want" "-n: $name: exit $want"
	[ -z "$txt" ] && return
	grep -qF -- "$txt" "$tmp/n.err"; r=$?
	[ $r -ne 0 ] && sed 's/^/#   /' "$tmp/n.err"
	ok $r "-n: $name: says why"
}
conf() {	# file, then lines
	f=$1; shift
	printf '%s\n' '[general]' 'internal_domains = kommun.example' "$@" >"$f"
}

# --- the configuration file itself ----------------------------------
nerr 2 "invite-milter: /dev/zero: a character device, not a regular file; a configuration file must be a regular file of at most 1 MiB $man" \
    "-c /dev/zero" -- -c /dev/zero
nerr 2 "invite-milter: $tmp/fifo: a FIFO, not a regular file; a configuration file must be a regular file of at most 1 MiB $man" \
    "-c a FIFO (no writer: does not hang)" -- -c "$tmp/fifo"
nerr 2 "invite-milter: $tmp/dir: a directory, not a regular file; a configuration file must be a regular file of at most 1 MiB $man" \
    "-c a directory" -- -c "$tmp/dir"
nerr 2 "invite-milter: $tmp/huge: 104857600 bytes, too big: a configuration file may have at most 1 MiB; shorten it $man" \
    "-c a 100 MB file" -- -c "$tmp/huge"
# 1,001 internal domains (a list de-duplicated and searched linearly)
doms=$(seq 1001 | sed 's/^/d/; s/$/.example/' | paste -sd';')
printf '[general]\ninternal_domains = %s\n' "$doms" >"$tmp/doms.conf"
nerr 2 "doms.conf:2: [general] internal_domains: more than 1000 domains $man" \
    "1,001 internal_domains" -- -c "$tmp/doms.conf"

# --- keys -------------------------------------------------------------
for k in /dev/zero "$tmp/fifo" "$tmp/dir"; do
	case $k in /dev/zero) what="a character device" ;; *fifo) what="a FIFO" ;; *) what="a directory" ;; esac
	conf "$tmp/key.conf" '[notice]' "key_file = $k"
	nerr 2 "key.conf:4: [notice] key_file: $k: $what, not a regular file; a key file must be a regular file of at most 4096 bytes $man" \
	    "[notice] key_file = $what" -- -c "$tmp/key.conf"
	conf "$tmp/hkey.conf" '[log]' 'sender = hashed' "hash_key_file = $k"
	nerr 2 "hkey.conf:5: [log] hash_key_file: $k: $what, not a regular file; a key file must be a regular file of at most 4096 bytes $man" \
	    "[log] hash_key_file = $what" -- -c "$tmp/hkey.conf"
done
conf "$tmp/key.conf" '[notice]' "key_file = $tmp/huge"
nerr 2 "key.conf:4: [notice] key_file: $tmp/huge: 104857600 bytes, too big: a key file may have at most 4096 bytes; 32 random bytes are enough: head -c 32 /dev/urandom >FILE $man" \
    "[notice] key_file of 100 MB" -- -c "$tmp/key.conf"
printf 'short' >"$tmp/short.key"
conf "$tmp/key.conf" '[notice]' "key_file = $tmp/short.key"
nerr 2 "key.conf:4: [notice] key_file: $tmp/short.key: 5 bytes, shorter than 16" \
    "[notice] key_file of 5 bytes" -- -c "$tmp/key.conf"

# --- lexicon and name lists --------------------------------------------
lex=$tmp/lex
mkdir "$lex"
cp "$TOP/conf/lexicon/topics.txt" "$lex/"
conf "$tmp/lex.conf" '[lexicon]' "lexicon_dir = $lex"
nerr 0 "" "the shipped lexicon in a lexicon_dir" -- -c "$tmp/lex.conf"
truncate -s 100M "$lex/topics.txt"
nerr 2 "lex.conf: [lexicon]: $lex/topics.txt: 104857600 bytes, too big: a lexicon file may have at most 1 MiB; shorten it $man" \
    "a 100 MB topics.txt" -- -c "$tmp/lex.conf"
rm "$lex/topics.txt" && mkfifo "$lex/topics.txt"
nerr 2 "lex.conf: [lexicon]: $lex/topics.txt: a FIFO, not a regular file; a lexicon file must be a regular file of at most 1 MiB $man" \
    "topics.txt a FIFO" -- -c "$tmp/lex.conf"
rm "$lex/topics.txt" && cp "$TOP/conf/lexicon/topics.txt" "$lex/" && ln -s /dev/zero "$lex/forms.txt"
nerr 2 "lex.conf: [lexicon]: $lex/forms.txt: a character device, not a regular file; a lexicon file must be a regular file of at most 1 MiB $man" \
    "forms.txt a link to /dev/zero" -- -c "$tmp/lex.conf"
rm "$lex/forms.txt"
# 20,001 tiny terms: within 1 MiB, over the count
seq 20001 | tr 0-9 a-j | sed 's/^/x\tstrong\t/' >"$lex/topics.txt"
nerr 2 "lex.conf: [lexicon]: $lex/topics.txt:20001: more than 20000 terms in one lexicon file $man" \
    "20,001 terms" -- -c "$tmp/lex.conf"
printf 'x\tstrong\t%0201d\n' 0 | tr 0 a >"$lex/topics.txt"
nerr 2 "lex.conf: [lexicon]: $lex/topics.txt:1: a term of 201 bytes; a term is a word or a short phrase of at most 200 $man" \
    "a term of 201 bytes" -- -c "$tmp/lex.conf"
# A term that looks like a regular expression: file, line, character.
n=0
for t in '(foo|bar)' '[a-z]+' 'x.*y' 'a{2}' '^start'; do
	n=$((n + 1))
	cp "$TOP/conf/lexicon/topics.txt" "$lex/topics.txt"
	printf 'x\tstrong\t%s\n' "$t" >>"$lex/topics.txt"
	l=$(wc -l <"$lex/topics.txt" | tr -d ' ')
	c=$(printf '%s' "$t" | sed 's/^[^][(){}|*?\\^$]*//' | cut -c1)
	nerr 2 "lex.conf: [lexicon]: $lex/topics.txt:$l: \"$t\": '$c' looks like a regular expression; terms are literal text, not patterns: write each alternative on a line of its own, without ()[]{}|*?\\^\$" \
	    "a regex-like term $t" -- -c "$tmp/lex.conf"
done
cp "$TOP/conf/lexicon/topics.txt" "$lex/topics.txt"
printf 'x\tabbrev\tHBTQ+\nx\tstrong\tt.ex.\n' >>"$lex/topics.txt"
nerr 0 "" "'+' and '.' are text (HBTQ+, t.ex.)" -- -c "$tmp/lex.conf"

names=$tmp/names
mkdir "$names"
cp "$TOP/conf/names/"*.txt "$names/"
conf "$tmp/names.conf" '[lexicon]' "names_dir = $names"
nerr 0 "" "the shipped name lists in a names_dir" -- -c "$tmp/names.conf"
truncate -s 100M "$names/first.txt"
nerr 2 "names.conf: [lexicon]: $names/first.txt: 104857600 bytes, too big: a name list may have at most 4 MiB; shorten it $man" \
    "a 100 MB first.txt" -- -c "$tmp/names.conf"
rm "$names/first.txt" && mkdir "$names/first.txt"
nerr 2 "names.conf: [lexicon]: $names/first.txt: a directory, not a regular file; a name list must be a regular file of at most 4 MiB $man" \
    "first.txt a directory" -- -c "$tmp/names.conf"
rmdir "$names/first.txt"
seq 100001 | tr 0-9 a-j >"$names/first.txt"
nerr 2 "names.conf: [lexicon]: $names/first.txt:100001: \"baaaab\": more than 100000 names in one list $man" \
    "100,001 names" -- -c "$tmp/names.conf"
printf '%0101d\n' 0 | tr 0 a >"$names/first.txt"
nerr 2 "names.conf: [lexicon]: $names/first.txt:1: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": longer than a name may be (at most 100 bytes; LIMITS in invite-milter.conf(5))" \
    "a name of 101 bytes" -- -c "$tmp/names.conf"
cp "$TOP/conf/names/first.txt" "$names/"

# --- the unit map ----------------------------------------------------
conf "$tmp/map.conf" '[units]' 'map_file = /dev/zero'
nerr 2 "map.conf:4: [units] map_file: /dev/zero: a character device, not a regular file; a unit map must be a regular file of at most 16 MiB $man" \
    "[units] map_file = /dev/zero" -- -c "$tmp/map.conf"
conf "$tmp/map.conf" '[units]' "map_file = $tmp/huge"
nerr 2 "map.conf:4: [units] map_file: $tmp/huge: 104857600 bytes, too big: a unit map may have at most 16 MiB; shorten it $man" \
    "[units] map_file of 100 MB" -- -c "$tmp/map.conf"
seq 200001 | sed 's/^\(.*\)$/a\1@kommun.example u/' >"$tmp/units.map"
conf "$tmp/map.conf" '[units]' "map_file = $tmp/units.map"
nerr 2 "$tmp/units.map:200001: [units] map_file: more than 200000 entries $man" \
    "a unit map of 200,001 lines" -- -c "$tmp/map.conf"

# invite-report --units reads a map of the same kind
rep=$TOP/$B/invite-report
case "$B" in /*) rep=$B/invite-report ;; esac
timeout 60 "$rep" --units /dev/zero /dev/null >/dev/null 2>"$tmp/r.err"; is $? 2 "invite-report --units /dev/zero: exit 2"
grep -qF -- "--units /dev/zero: not a regular file; a unit map must be a regular file of at most 16 MiB" "$tmp/r.err"; ok $? "invite-report --units /dev/zero: says why"
timeout 60 "$rep" --units "$tmp/huge" /dev/null >/dev/null 2>"$tmp/r.err"; is $? 2 "invite-report --units a 100 MB file: exit 2"
grep -qF -- "--units $tmp/huge: too big: a unit map may have at most 16 MiB" "$tmp/r.err"; ok $? "invite-report --units a 100 MB file: says why"

# --- the socket ------------------------------------------------------
long=$tmp/$(printf '%0120d' 0).sock
timeout 60 "$bin" -p "unix:$long" -n >/dev/null 2>"$tmp/n.err"; is $? 2 "-n: socket path of $((${#long})) bytes: exit 2"
grep -qF "invite-milter: -p: socket path of ${#long} bytes: a unix socket path holds at most 107" "$tmp/n.err"
ok $? "-n: socket path over 107 bytes: says so, with the length"
# A short relative path that is too long once made absolute (the milter
# binds it so, from the directory it was started in).
deep=$tmp/$(printf '%0100d' 0)
mkdir "$deep"
(cd "$deep" && timeout 60 "$bin" -p unix:m.sock -n) >/dev/null 2>"$tmp/n.err"; is $? 2 "-n: a relative socket path over 107 bytes once absolute: exit 2"
grep -qF "invite-milter: -p: socket path of $((${#deep} + 7)) bytes (made absolute): a unix socket path holds at most 107" "$tmp/n.err"
ok $? "-n: ... says so"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
	mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
	asnobody="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups"
	uid=$(id -u nobody)
	want="invite-milter: -p: socket directory $tmp/ro: Permission denied (uid $uid cannot create the socket there)"
	timeout 60 $asnobody "$bin" -p "unix:$tmp/ro/m.sock" -n >/dev/null 2>"$tmp/n.err"; r=$?
	is "$r" 2 "-n: an unwritable socket directory: exit 2"
	grep -qF "$want" "$tmp/n.err"; r=$?
	[ $r -ne 0 ] && sed 's/^/#   /' "$tmp/n.err"
	ok $r "-n: an unwritable socket directory: the errno text and the path"
	timeout 60 $asnobody "$bin" -f -p "unix:$tmp/ro/m.sock" >/dev/null 2>"$tmp/n.err"; r=$?
	is "$r" 2 "start: an unwritable socket directory: exit 2, before listening"
	grep -qF "$want" "$tmp/n.err"; ok $? "start: the same errno text and path"
else
	skip "unwritable socket directory" "needs root, a user nobody and setpriv"
fi

# --- -t on what is not a message file ----------------------------------
timeout 60 "$bin" -t /dev/zero >/dev/null 2>"$tmp/t.err"; is $? 3 "-t /dev/zero: exit 3"
grep -qF "invite-milter: /dev/zero: a character device, not a regular file; a message for -t must be a regular file" "$tmp/t.err"
ok $? "-t /dev/zero: refused at once, says why"
timeout 60 "$bin" -t "$tmp/fifo" >/dev/null 2>"$tmp/t.err"; is $? 3 "-t a FIFO: exit 3 (does not hang)"
timeout 60 "$bin" -t "$tmp/huge" >"$tmp/t.out" 2>&1; is $? 4 "-t a 100 MB file: exit 4 (over_cap stops it)"
grep -qF "verdict: none (text beyond the caps within [milter] max_body" "$tmp/t.out" &&
    grep -q "^451 " "$tmp/t.out"
ok $? "-t a 100 MB file: streamed to its end, its text beyond the caps: over_cap (tempfail), as in the milter"

# --- at start ----------------------------------------------------------
conf "$tmp/key.conf" '[notice]' 'key_file = /dev/zero'
timeout 60 "$bin" -f -p "unix:$tmp/s.sock" -c "$tmp/key.conf" >/dev/null 2>"$tmp/s.err"; is $? 2 "start with key_file = /dev/zero: exit 2"
grep -qF "key.conf:4: [notice] key_file: /dev/zero: a character device, not a regular file" "$tmp/s.err"; ok $? "start: says why"
test ! -e "$tmp/s.sock"; ok $? "start: no socket made"
truncate -s 100M "$lex/topics.txt"
timeout 60 "$bin" -f -p "unix:$tmp/s.sock" -c "$tmp/lex.conf" >/dev/null 2>"$tmp/s.err"; is $? 2 "start with a 100 MB topics.txt: exit 2"
grep -qF "$lex/topics.txt: 104857600 bytes, too big: a lexicon file may have at most 1 MiB" "$tmp/s.err"; ok $? "start: says why"

# --- at a reload: the old configuration stays ----------------------------
run=$tmp/run
mkdir "$run"
log=$run/log
live=$run/live.conf
cp "$TOP/conf/lexicon/topics.txt" "$lex/topics.txt"
good() {	# extra [notice] lines
	conf "$live" '[notice]' 'enable = false' "$@" '[log]' 'syslog = false' "file = $log" '[lexicon]' "lexicon_dir = $lex"
}
good
"$bin" -f -p "unix:$run/m.sock" -c "$live" >"$run/out" 2>"$run/err" &
pid=$!
i=0; while [ ! -S "$run/m.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
test -S "$run/m.sock"; ok $? "reload: the milter listens"
digest=$(grep '"event":"start"' "$log" | sed 's/.*"config_digest":"\([0-9a-f]*\)".*/\1/')
failed() { grep -c '"event":"reload_failed"' "$log" 2>/dev/null || true; }
bad_reload() {	# name text: the file is already broken
	n=$(failed)
	kill -HUP "$pid"
	i=0; while [ "$(failed)" -le "$n" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	l=$(grep '"event":"reload_failed"' "$log" | tail -1)
	case $l in *"$2"*) r=0 ;; *) r=1; echo "#   $l" ;; esac
	ok $r "reload, $1: refused, the log line says why"
	case $l in *"\"config_digest\":\"$digest\",\"kept\":true"*) r=0 ;; *) r=1 ;; esac
	ok $r "reload, $1: the old configuration stays"
	grep -qF "reload failed, old configuration kept: " "$run/err"; ok $? "reload, $1: and on stderr"
	kill -0 "$pid" 2>/dev/null; ok $? "reload, $1: still running"
}
good "key_file = /dev/zero"
bad_reload "key_file = /dev/zero" "[notice] key_file: /dev/zero: a character device, not a regular file; a key file must be a regular file of at most 4096 bytes"
good
rm "$lex/topics.txt" && mkfifo "$lex/topics.txt"
bad_reload "topics.txt a FIFO" "$lex/topics.txt: a FIFO, not a regular file"
rm "$lex/topics.txt" && truncate -s 100M "$lex/topics.txt"
bad_reload "a 100 MB topics.txt" "$lex/topics.txt: 104857600 bytes, too big: a lexicon file may have at most 1 MiB"
cp "$TOP/conf/lexicon/topics.txt" "$lex/topics.txt"
truncate -s 100M "$live"
bad_reload "a 100 MB configuration" "$live: 104857600 bytes, too big: a configuration file may have at most 1 MiB"
good
n=$(grep -c '"event":"reload"' "$log")
kill -HUP "$pid"
i=0; while [ "$(grep -c '"event":"reload"' "$log")" -le "$n" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
test "$(grep -c '"event":"reload"' "$log")" -gt "$n"; ok $? "reload: a good file again is taken"
kill -TERM "$pid"; wait "$pid"; r=$?; pid=
is "$r" 0 "reload: SIGTERM, exit 0"
