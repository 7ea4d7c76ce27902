#!/usr/bin/env bash
# CPU seconds and peak memory of the main commands, for the notes and docs/REPRODUCTION.md.
# Usage: scripts/bench.sh [DATA_DIR]   (DATA_DIR holds mnist/ and affinity/; default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
cargo build --release --quiet
run() {
    echo "== lupi $*"
    /usr/bin/time -v target/release/lupi "$@" --quiet > /dev/null 2> /tmp/lupi-bench.$$ || { cat /tmp/lupi-bench.$$; exit 1; }
    grep -E "User time|System time|Elapsed \(wall|Maximum resident" /tmp/lupi-bench.$$
}
run reproduce synthetic
run reproduce table5 --data-dir "$data"
run reproduce table6 --data-dir "$data"
run reproduce all --data-dir "$data"
rm -f /tmp/lupi-bench.$$
cargo bench --bench batched
