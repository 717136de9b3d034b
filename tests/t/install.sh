#!/bin/sh
# make install honours PREFIX and DESTDIR and installs binaries, man
# pages and the sample configuration; the installed invite-check runs.
. "$(dirname "$0")/../lib.sh"
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
make -s -C "$TOP" install B="$B" DESTDIR="$dest" PREFIX=/opt/im >/dev/null 2>&1
ok $? "make install DESTDIR=... PREFIX=/opt/im"
test -x "$dest/opt/im/bin/invite-check"; ok $? "invite-check installed"
test -f "$dest/opt/im/share/man/man1/invite-check.1"; ok $? "invite-check(1) installed"
cmp -s "$TOP/conf/invite-milter.conf" "$dest/opt/im/share/invite-milter/invite-milter.conf.sample"
ok $? "sample configuration installed"
"$dest/opt/im/bin/invite-check" -D kommun.example "$TOP/tests/corpus/001-teams-clean.eml" >/dev/null
is $? 0 "installed invite-check works without data files (embedded lists)"
test -z "$(find "$dest" -path "$dest/opt" -prune -o -print | grep -v "^$dest\$")"
ok $? "nothing installed outside DESTDIR/PREFIX"
test -f "$dest/opt/im/share/man/man8/invite-milter.8" && test -f "$dest/opt/im/share/man/man5/invite-milter.conf.5"
ok $? "invite-milter(8) and invite-milter.conf(5) installed"
test -x "$dest/opt/im/sbin/invite-milter"; ok $? "invite-milter installed"
