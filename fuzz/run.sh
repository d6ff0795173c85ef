#!/usr/bin/env bash
# Run each atheris target for a bounded time (issue 9), then the long-input checks.
#   fuzz/run.sh [SECONDS_PER_TARGET]      (default 60; needs `pip install atheris` in .venv)
# Prints one line per target: executions and crashes. Crash inputs are kept in $OUT (printed).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
SECS=${1:-60}
OUT=$(mktemp -d -t rasd-fuzz-XXXXXX)
status=0
if ! "$PY" -c "import atheris" 2>/dev/null; then
  echo "atheris is not installed: $PY -m pip install atheris" >&2
  exit 2
fi
for target in tokenize analyze; do
  mkdir -p "$OUT/corpus-$target"
  log="$OUT/$target.log"
  set +e
  "$PY" "fuzz/fuzz_$target.py" "$OUT/corpus-$target" -max_total_time="$SECS" -max_len=4096 -timeout=30 \
        -rss_limit_mb=2048 -artifact_prefix="$OUT/$target-" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || echo 0)
  crashes=$(find "$OUT" -maxdepth 1 -name "$target-*" | wc -l)
  echo "fuzz_$target: ${runs} executions in ${SECS} s, ${crashes} crashes (exit $rc; log $log)"
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then status=1; tail -30 "$log" >&2; fi
done
"$PY" fuzz/big_inputs.py || status=1
exit $status
