#!/bin/sh
# Run each coverage-guided harness in this directory for a bounded time.
#
#   fuzz/run.sh                 every harness, 60 seconds each
#   fuzz/run.sh loaders dates   only these harnesses
#   FUZZ_SECONDS=600 fuzz/run.sh
#   FUZZ_WORK=/some/dir         where corpora and crash inputs are kept
#                               (default: $TMPDIR/policytrack-fuzz)
#   PYTHON=/path/to/python      the interpreter with policytrack installed (default: python3)
#
# Extra libFuzzer options go in FUZZ_OPTIONS (e.g. "-jobs=4 -workers=4").
# Exits non-zero, keeping the input that crashed in $FUZZ_WORK/crashes/, when a harness fails.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
seconds=${FUZZ_SECONDS:-60}
work=${FUZZ_WORK:-${TMPDIR:-/tmp}/policytrack-fuzz}

if ! "$python" -c "import atheris" 2>/dev/null; then
    echo "installing atheris" >&2
    "$python" -m pip install --quiet atheris
fi

if [ "$#" -eq 0 ]; then
    set -- loaders tree dates
fi

mkdir -p "$work/crashes"
(cd "$here" && "$python" _seeds.py "$work/corpus")

status=0
for harness in "$@"; do
    echo "== $harness: ${seconds}s" >&2
    mkdir -p "$work/corpus/$harness"
    # shellcheck disable=SC2086 # FUZZ_OPTIONS holds several options
    if ! "$python" "$here/fuzz_$harness.py" "$work/corpus/$harness" \
        -max_total_time="$seconds" -max_len=65536 -timeout=30 -rss_limit_mb=4096 \
        -artifact_prefix="$work/crashes/$harness-" -print_final_stats=1 ${FUZZ_OPTIONS:-}; then
        echo "== $harness: FAILED (crash inputs in $work/crashes/)" >&2
        status=1
    fi
done
exit "$status"
