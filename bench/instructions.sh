#!/usr/bin/env bash
# Instructions one full build executes, counted by valgrind (callgrind): a figure that does not
# move with the load on the machine, for comparing two versions of ipreport on a shared or
# virtual machine, where wall and CPU times of the same binary vary by 5% from run to run.
#
#   bench/instructions.sh [BINARY...]
#
# Each BINARY (default: target/release/ipreport, built first) builds the same corpus once under
# callgrind, and the script prints its instruction count and the difference to the first. The
# corpus is gen_corpus.py's with CORPUS (default "--years 4 --cases 120": about 1,000 pages, a
# build takes half a minute under valgrind); it is generated once into /dev/shm and reused.
# Give PROFILE=1 to keep each run's callgrind file (bench/instructions.<n>.out) for
# `callgrind_annotate --inclusive=yes`; build with debug line tables to see functions and lines:
#   CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release
#
# Instructions are not time (a cache miss or a page fault costs far more than an instruction),
# so a change that touches memory is measured with bench/run.sh as well.
#
# Environment: GEN_CORPUS (default /work/shared/bench/gen_corpus.py), CORPUS, PROFILE.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
GEN=${GEN_CORPUS:-/work/shared/bench/gen_corpus.py}
CORPUS=${CORPUS:---years 4 --cases 120}

die() { printf 'error: %s\n' "$*" >&2; exit 1; }

if ! command -v valgrind >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "valgrind is not installed: apt-get install -y valgrind"
        DEBIAN_FRONTEND=noninteractive apt-get install -y valgrind >/dev/null \
            || die "could not install valgrind (apt-get install -y valgrind)"
    else
        die "valgrind is required: sudo apt-get install -y valgrind"
    fi
fi
[ -f "$GEN" ] || die "corpus generator not found: $GEN (set GEN_CORPUS)"

if [ $# -eq 0 ]; then
    (cd "$REPO" && cargo build --release --locked --quiet) || die "cargo build failed"
    set -- "$REPO/target/release/ipreport"
fi
for bin in "$@"; do [ -x "$bin" ] || die "not an executable: $bin"; done

read -r -a ARGS <<< "$CORPUS"
KEY=$(printf '%s' "$CORPUS" | tr -c 'a-zA-Z0-9' '_')
SITE=/dev/shm/ipreport-instructions-$KEY
if [ ! -d "$SITE/site/content" ]; then
    rm -rf "$SITE"
    python3 "$GEN" "${ARGS[@]}" --hugo "$SITE" >/dev/null || die "gen_corpus.py failed"
fi
OUT=$(mktemp -d /dev/shm/ipreport-instructions-out.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

first=""
n=0
for bin in "$@"; do
    n=$((n + 1))
    file="$OUT/callgrind.out"
    rm -rf "$OUT/public"
    valgrind --tool=callgrind --callgrind-out-file="$file" \
        "$bin" build --root "$SITE/site" --output "$OUT/public" >/dev/null 2>&1 \
        || die "$bin: the build failed under valgrind"
    count=$(awk '/^summary:/ { print $2 }' "$file")
    [ -n "$count" ] || die "no instruction count in callgrind's output"
    if [ "${PROFILE:-0}" = 1 ]; then cp "$file" "$HERE/instructions.$n.out"; fi
    first=${first:-$count}
    awk -v bin="$bin" -v c="$count" -v f="$first" -v n="$n" 'BEGIN {
        if (n == 1) printf "%s\t%.3f G instructions\n", bin, c / 1e9
        else printf "%s\t%.3f G instructions\t%+.1f%%\n", bin, c / 1e9, (c - f) * 100 / f
    }'
done
