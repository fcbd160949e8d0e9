#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/Package.swift) with -sanitize=fuzzer,address on every Swift module
# and coverage plus ASan on the C code (libyaml inside Yams). Prints the folder holding the binaries.
set -euo pipefail
cd "$(dirname "$0")"
config=${FUZZ_CONFIGURATION:-release}
flags=(-c "$config" --scratch-path .build
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
       -Xcc -fsanitize=fuzzer-no-link,address)
# SwiftPM keeps the file list of a path dependency in its build description: drop it, so files added to
# the main package since the last build are compiled.
rm -f ".build/$config.yaml"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(FuzzYAML FuzzJSON FuzzPython FuzzBase FuzzConvert); fi
for target in "${targets[@]}"; do
  swift build "${flags[@]}" --product "$target" >&2
done
swift build "${flags[@]}" --show-bin-path
