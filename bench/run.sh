#!/usr/bin/env bash
# Benchmarks git aml against native git (and DataLad when installed) on the 10,000-file project that
# ../shared/tools/make-repo.sh builds. Prints medians and ratios; see bench/README.md for what we saw.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec node "$here/runBench.mjs" "$@"
