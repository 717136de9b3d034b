#!/bin/sh
# Make sure the Debian packages invite-milter needs are installed.
#   ensure-deps.sh build   compilers, -dev packages and dictionaries
#   ensure-deps.sh words   the dictionaries the word lists are built from
#   ensure-deps.sh test    what the tests drive: Postfix, swaks, miltertest, ...
#   ensure-deps.sh demo    what the live part of make demo drives: Postfix, swaks
# Run time needs the libraries these pull in (libmilter1.0.1, libical3,
# libpcre2-8-0, libglib2.0-0, libgmime-3.0-0, libytnef0 for TNEF parts).
# As root, missing packages are installed non-interactively; otherwise the
# exact apt-get line is printed and the script fails.
set -eu
case "${1:-build}" in
build)	pkgs="gcc make pkg-config python3 libmilter-dev libical-dev libpcre2-dev libglib2.0-dev libglib2.0-dev-bin libgmime-3.0-dev libytnef0-dev hunspell-sv hunspell-tools wswedish wamerican" ;;
# the dictionaries conf/words/build-wordlists.py reads (make runs this)
words)	pkgs="python3 hunspell-sv hunspell-tools wswedish wamerican" ;;
test)	pkgs="postfix swaks miltertest python3 python3-icalendar valgrind sendmail-cf logrotate chromium tidy jq" ;;
demo)	pkgs="postfix swaks" ;;
*)	echo "usage: $0 build|test|demo|words" >&2; exit 2 ;;
esac
missing=""
for p in $pkgs; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in *" installed") ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "invite-milter needs these Debian packages; run as root:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# Postfix asks how to configure the system instance; the tests run their
# own private instance, so the system one stays unconfigured.
echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
