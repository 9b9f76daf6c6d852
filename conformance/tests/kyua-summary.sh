#!/bin/sh
# Runs the project's ATF tests under kyua from the top of the tree, shows
# kyua's own report, then one closing line "N passed, N failed[, N skipped]"
# (and other outcomes when there are any).  Exits non-zero when any test
# failed or was broken.  Arguments are kyua general options (-v var=value).
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
mkdir -p build
log=build/kyua-test.log

kyua "$@" test --kyuafile Kyuafile >"$log" 2>&1
rc=$?
cat "$log"

awk '
/  ->  passed/			{ p++ }
/  ->  failed/			{ f++ }
/  ->  skipped/			{ s++ }
/  ->  expected_failure/	{ x++ }
/  ->  broken/			{ b++ }
END {
	line = sprintf("%d passed, %d failed", p, f)
	if (s) line = line sprintf(", %d skipped", s)
	if (x) line = line sprintf(", %d expected failures", x)
	if (b) line = line sprintf(", %d broken", b)
	print line
	exit (f || b) ? 1 : 0
}' "$log"
sum=$?

# kyua says 1 for a failed test, more for its own trouble.
if [ "$rc" -gt 1 ]; then
	echo "kyua test exited $rc" >&2
	exit "$rc"
fi
exit "$sum"
