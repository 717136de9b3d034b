# Shell test helpers: TAP output for tests/run.sh. Source from tests/t/*.sh.
#   ok COND_EXIT_STATUS "name"    e.g.  test "$x" = y; ok $? "x is y"
#   is GOT WANT "name"
#   skip "name" "reason"
# Never print personal data in a failure message: compare, then print
# only masked or non-personal values.
B=${B:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$TOP/../shared}
_n=0
ok() {
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $_n - $2"; else echo "not ok $_n - $2"; fi
}
is() {
	_n=$((_n + 1))
	if [ "$1" = "$2" ]; then echo "ok $_n - $3"
	else echo "not ok $_n - $3"; echo "#   got: $1"; echo "#  want: $2"; fi
}
skip() {
	_n=$((_n + 1))
	echo "ok $_n - $1 # SKIP $2"
}
