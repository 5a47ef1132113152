#!/usr/bin/env bash
# Hardening checks that are too heavy for `cargo test`:
#   1. the huge-input tests in release mode (50 MB Markdown, 100k-item YAML);
#   2. crash safety: `build` killed with SIGKILL at random moments never leaves an output
#      whose links point at missing files;
#   3. two builds of one site at once, 50 times: both succeed, the output is a clean build's;
#   4. a full disk (a size-limited tmpfs, when the machine allows mounting) leaves no
#      temporary file; a watcher left alone for 10 s uses no CPU;
#   5. serve under load: 10k+ requests over 50 connections (15 s) while the site rebuilds again
#      and again, and every response is a complete page.
# Usage: scripts/hardening.sh [--kills N]
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=40
[[ "${1:-}" == "--kills" ]] && KILLS="$2"

need() { command -v "$1" >/dev/null || { echo "installing $2"; apt-get install -y "$2" >/dev/null; }; }
need wrk wrk

echo "== build (release)"
cargo build --release --locked --quiet
BIN="$PWD/target/release/ipreport"
WORK=$(mktemp -d /tmp/ipreport-hardening.XXXXXX)
SERVER=""
cleanup() { [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== huge inputs (release)"
cargo test --release --locked --quiet --test it -- --ignored limits::

echo "== crash safety: $KILLS builds killed at random moments"
rm -rf "$WORK/a" && mkdir -p "$WORK/a" && cp -r content "$WORK/a/"
cp -r "$WORK/a" "$WORK/b"
# Version b renames a case and retitles every year: new files, changed files, removed files.
mv "$WORK/b/content/years/2023/cases/copyright-mediation.zh.md" "$WORK/b/content/years/2023/cases/copyright-mediation-renamed.zh.md"
mv "$WORK/b/content/years/2023/cases/copyright-mediation.en.md" "$WORK/b/content/years/2023/cases/copyright-mediation-renamed.en.md"
grep -rl "copyright-mediation" "$WORK/b/content" | xargs sed -i 's#2023/copyright-mediation\b#2023/copyright-mediation-renamed#g'
sed -i '0,/title: {zh: /s//title: {zh: 修订版/' "$WORK/b/content/years/2023/report.yaml" "$WORK/b/content/years/2024/report.yaml"
"$BIN" check --root "$WORK/b" >/dev/null 2>&1 || { echo "version b does not build"; "$BIN" check --root "$WORK/b"; exit 1; }
OUT="$WORK/out"
CUT=0
FINISHED=0
"$BIN" build --root "$WORK/a" --output "$OUT" >/dev/null 2>&1
T0=$(date +%s%N)
"$BIN" build --root "$WORK/b" --output "$OUT" >/dev/null 2>&1
BUILD_MS=$(( ($(date +%s%N) - T0) / 1000000 ))
"$BIN" build --root "$WORK/a" --output "$OUT" >/dev/null 2>&1
echo "   a full build takes $BUILD_MS ms; kills land anywhere in the first $((BUILD_MS * 6 / 5)) ms"
NOW=a
for i in $(seq 1 "$KILLS"); do
  # Always build the other version, so a kill that lands in time shows as a site unchanged.
  if [[ "$NOW" == a ]]; then SRC="$WORK/b"; else SRC="$WORK/a"; fi
  "$BIN" build --root "$SRC" --output "$OUT" >/dev/null 2>&1 &
  PID=$!
  sleep "$(awk -v ms=$(( RANDOM % (BUILD_MS * 6 / 5 + 1) )) 'BEGIN { printf "%.3f", ms / 1000 }')"
  kill -9 "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  python3 scripts/linkcheck.py "$OUT" >"$WORK/linkcheck.log" || { echo "broken links after kill $i:"; tail -20 "$WORK/linkcheck.log"; exit 1; }
  # Which version survived: the renamed case exists only in version b.
  if [[ -e "$OUT/2023/cases/copyright-mediation-renamed/index.html" ]]; then NOW=b; else NOW=a; fi
  if [[ "$NOW" == "${SRC##*/}" ]]; then FINISHED=$((FINISHED + 1)); else CUT=$((CUT + 1)); fi
  [[ -e "$OUT/index.html" ]] || { echo "kill $i left no site"; exit 1; }
done
echo "   every kill left a whole site whose links all resolve ($CUT builds cut short, $FINISHED finished first)"
(( CUT > 0 )) || { echo "no kill landed during a build: the test proved nothing"; exit 1; }

echo "== concurrent builds: 50 rounds of two builds of one site at once"
IPREPORT_CONCURRENT_ROUNDS=50 cargo test --release --locked --quiet --test it \
  reliability::two_builds_at_once -- --nocapture 2>&1 | grep -E "rounds|test result" | sed 's/^/   /'

echo "== a full disk (a tmpfs with a size limit) and a watcher idle for 10 s"
IPREPORT_IDLE_SECONDS=10 cargo test --release --locked --quiet --test it \
  -- reliability::a_full_disk reliability::a_watcher_left_alone --nocapture 2>&1 | grep -E "skipped|test result" | sed 's/^/   /'

echo "== serve under load"
cp -r "$WORK/a" "$WORK/served"
PORT=$(( 20000 + RANDOM % 20000 ))
"$BIN" serve --root "$WORK/served" --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q "built in" "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
PAGE="http://127.0.0.1:$PORT/2023/index.html"
curl -sf "$PAGE" >/dev/null
# Rebuild continuously: edit the 2023 report's summary while wrk runs.
( for i in $(seq 1 200); do echo "补充说明$i。" >> "$WORK/served/content/years/2023/report.zh.md"; sleep 0.05; done ) &
EDITOR_PID=$!
RESULT=$(wrk -t2 -c50 -d15s --timeout 5s -s scripts/complete-page.lua "$PAGE")
kill "$EDITOR_PID" 2>/dev/null || true
echo "$RESULT" | sed 's/^/   /'
REBUILDS=$(grep -c "rebuilt in" "$WORK/serve.log" || true)
echo "   rebuilds during the run: $REBUILDS"
echo "$RESULT" | grep -q "incomplete or failed responses: 0" || { echo "torn or failed responses"; exit 1; }
REQUESTS=$(echo "$RESULT" | awk '/requests in/ {print $1}')
(( REQUESTS >= 10000 )) || { echo "only $REQUESTS requests"; exit 1; }
if echo "$RESULT" | grep -q "Socket errors"; then echo "socket errors"; exit 1; fi
echo "== hardening checks passed"
