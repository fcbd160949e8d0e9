#!/usr/bin/env bash
# Runs one libFuzzer target for at most a given time: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]
# (-runs=N among the flags ends it after N executions instead, which makes a run with a fixed -seed repeatable).
# TARGET: FuzzYAML, FuzzJSON, FuzzPython, FuzzBase or FuzzConvert. The corpus grows in fuzz/corpus/TARGET
# (seeded by fuzz/seeds.sh on first use), crashes go to fuzz/artifacts/TARGET/. Prints the executions and
# exits non-zero when a crash, hang or out-of-memory was found (each one becomes a fixtures/hostile/ case).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
shift 2
bin=$(./build.sh "$target")
[ -d "corpus/$target" ] && [ -n "$(ls -A "corpus/$target")" ] || ./seeds.sh "$target"
mkdir -p "artifacts/$target"
log=artifacts/$target/last-run.log
# Leak checking is off: the Swift runtime keeps metadata caches for the life of the process, and libFuzzer
# would check every input for them (100x slower). Use-after-return checking is off for speed (Swift code
# does not take the address of locals past their scope).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:detect_stack_use_after_return=0}
export SWIFT_BACKTRACE=enable=no
status=0
started=$SECONDS
"$bin/$target" "corpus/$target" -dict=config.dict -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
  -max_len=4096 -print_final_stats=1 -artifact_prefix="artifacts/$target/" "$@" >"$log" 2>&1 || status=$?
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
echo "$target: ${runs:-?} executions in $((SECONDS - started))s (limit ${seconds}s), exit $status (log: fuzz/$log)"
if [ "$status" -ne 0 ]; then grep -E '^(==|SUMMARY|fuzz invariant|Fatal|.*Swift runtime failure)' "$log" | head -5 >&2 || true; fi
exit "$status"
