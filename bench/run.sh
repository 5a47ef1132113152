#!/usr/bin/env bash
# Benchmark ipreport against Hugo on the synthetic corpus of gen_corpus.py.
#
#   bench/run.sh [--runs N] [--quick] [--edits N] [--keep]
#
#   --runs N    runs per measurement (default 5; 2 with --quick)
#   --quick     fast sanity check: fewer runs and edits, no 100k-page corpus, no fast-render Hugo
#   --edits N   edits in the watch-mode latency test (default 20; 8 with --quick)
#   --keep      keep the work directory in /dev/shm afterwards
#
# Environment: GEN_CORPUS (default /work/shared/bench/gen_corpus.py), RUNS_100K (default 3),
# HUGO_LIMIT / IPREPORT_LIMIT (seconds per run at 100k before giving up; default 300 / 900),
# IDLE_WAIT (default 20, 5 with --quick; half of it before each edit), BUDGET (default 60, 15
# with --quick). The machine may be shared: before every timed run and every edit the scripts
# wait up to IDLE_WAIT s until other processes use < 0.3 cores, and the load that remained is
# recorded and reported; a run or edit during which other processes used >= 0.5 cores is
# recorded as disturbed and done again (a run at most twice more, edits at most --edits times
# in all); medians and percentiles are over the accepted ones. Each measurement may spend at
# most BUDGET s on such waiting and repeating, so a busy machine cannot stretch the run much.
#
# Everything (corpora, outputs, logs) lives on tmpfs under /dev/shm, so the generators are
# measured rather than the disk. The Markdown report is printed and written to bench/results.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
GEN=${GEN_CORPUS:-/work/shared/bench/gen_corpus.py}
RUNS_100K=${RUNS_100K:-3}
HUGO_LIMIT=${HUGO_LIMIT:-300}
IPREPORT_LIMIT=${IPREPORT_LIMIT:-900}
RUNS=""
EDITS=""
QUICK=0
KEEP=0

die() { echo "error: $*" >&2; exit 1; }
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --runs) [ $# -ge 2 ] || die "--runs needs a number"; RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#--runs=}; shift ;;
        --edits) [ $# -ge 2 ] || die "--edits needs a number"; EDITS=$2; shift 2 ;;
        --edits=*) EDITS=${1#--edits=}; shift ;;
        --quick) QUICK=1; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
if [ -z "$RUNS" ]; then if [ $QUICK = 1 ]; then RUNS=2; else RUNS=5; fi; fi
if [ -z "${IDLE_WAIT:-}" ]; then if [ $QUICK = 1 ]; then IDLE_WAIT=5; else IDLE_WAIT=20; fi; fi
if [ -z "${BUDGET:-}" ]; then if [ $QUICK = 1 ]; then BUDGET=15; else BUDGET=60; fi; fi
if [ -z "$EDITS" ]; then if [ $QUICK = 1 ]; then EDITS=8; else EDITS=20; fi; fi
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$RUNS'"
[[ "$EDITS" =~ ^[1-9][0-9]*$ ]] || die "--edits must be a positive integer, not '$EDITS'"

command -v python3 >/dev/null || die "python3 is required (apt-get install -y python3)"
command -v hugo >/dev/null || die "hugo is required to compare against (apt-get install -y hugo)"
[ -x /usr/bin/time ] || die "GNU time is required at /usr/bin/time (apt-get install -y time)"
command -v cargo >/dev/null || die "cargo is required to build ipreport"
[ -f "$GEN" ] || die "corpus generator not found: $GEN (set GEN_CORPUS)"
[ -d /dev/shm ] && [ -w /dev/shm ] || die "/dev/shm (tmpfs) is not writable"

WORK=$(mktemp -d /dev/shm/ipreport-bench.XXXXXX)
RES=$WORK/results
mkdir -p "$RES"
META=$RES/meta.txt
: > "$META"
meta() { printf '%s=%s\n' "$1" "$2" >> "$META"; }

cleanup() {
    local f pid
    for f in "$WORK"/*.pid; do
        [ -e "$f" ] || continue
        pid=$(cat "$f")
        if kill -0 "$pid" 2>/dev/null; then
            echo "stopping watcher $pid" >&2
            kill -INT -- "-$pid" 2>/dev/null || true
            sleep 1
            kill -KILL -- "-$pid" 2>/dev/null || true
        fi
    done
    if [ $KEEP = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

T_START=$(date +%s)
section() { printf '\n=== %s (%ds elapsed) ===\n' "$*" $(( $(date +%s) - T_START )); }
count_html() { find "$1" -name '*.html' -type f | wc -l; }
html_bytes() { find "$1" -name '*.html' -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
has_runs() { python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))[sys.argv[2]]["runs"] else 1)' "$1" "$2"; }
count_md() { find "$1" -name '*.md' -type f ! -name '_index.*' | wc -l; }

gen() { # gen NAME ARGS...  -> corpus in $WORK/NAME/{site,hugo}
    local name=$1; shift
    local t0 t1
    t0=$(date +%s.%N)
    python3 "$GEN" "$WORK/$name" "$@" --hugo
    t1=$(date +%s.%N)
    printf 'generated %s in %.1f s: %s Markdown pages (ipreport), %s (Hugo, without section _index files)\n' \
        "$name" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" "$(count_md "$WORK/$name/site/content")" "$(count_md "$WORK/$name/hugo/content")"
}

section "setup"
echo "work directory: $WORK ($(stat -f -c %T "$WORK") — all corpora, outputs and logs are on tmpfs:"
echo "the generators are measured, not the disk)"
(cd "$REPO" && cargo build --release) || die "cargo build --release failed"
# A private copy, so that concurrent rebuilds of target/ cannot swap the binary mid-benchmark.
IPREPORT=$WORK/ipreport
cp "$REPO/target/release/ipreport" "$IPREPORT"
GIT_REV=$(git -C "$REPO" --no-optional-locks rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$REPO" --no-optional-locks status --porcelain -- src Cargo.toml Cargo.lock templates 2>/dev/null)" ]; then
    GIT_REV="$GIT_REV+uncommitted changes"
fi
meta date "$(date -u +%Y-%m-%dT%H:%MZ)"
meta nproc "$(nproc)"
CPU=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
CPU="$CPU (family $(grep -m1 '^cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' '), model $(grep -m1 '^model[[:space:]]*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' '))"
if grep -qw hypervisor /proc/cpuinfo; then CPU="$CPU, virtual machine"; fi
meta cpu "$CPU"
meta kernel "$(uname -r)"
meta mem "$(awk '/^MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
meta ipreport_version "$("$IPREPORT" --version | awk '{print $2}')"
meta ipreport_git "$GIT_REV"
meta rustc "$(rustc --version | awk '{print $1, $2}')"
meta hugo_version "$(hugo version | awk '{print "Hugo", $2}')"
meta python "$(python3 --version)"
meta workdir "$WORK"
meta fstype "$(stat -f -c %T "$WORK")"
meta runs "$RUNS"
meta warmup 1
meta idle_wait "$IDLE_WAIT"
meta budget "$BUDGET"
meta quick "$QUICK"
meta loadavg_start "$(cut -d' ' -f1-3 /proc/loadavg)"
cat "$META"

# ---------------------------------------------------------------------------------------------
section "1. corpus: --years 20 --cases 240"
gen c10k --years 20 --cases 240
meta gen_10k "--years 20 --cases 240"
meta md_10k "$(count_md "$WORK/c10k/site/content")"

# ---------------------------------------------------------------------------------------------
section "2. full build, clean output each run ($RUNS runs + 1 warm-up, interleaved)"
S=$WORK/c10k
python3 "$HERE/measure.py" --idle-wait "$IDLE_WAIT" --budget "$BUDGET" --runs "$RUNS" --warmup 1 --json "$RES/full-10k.json" \
    --bench "ipreport|$WORK/out-ip|$IPREPORT build --root $S/site --output $WORK/out-ip" \
    --bench "hugo|$WORK/out-hugo|hugo --quiet -s $S/hugo -d $WORK/out-hugo"
PAGES_IP=$(count_html "$WORK/out-ip")
PAGES_HU=$(count_html "$WORK/out-hugo")
meta pages_ip_10k "$PAGES_IP"
meta pages_hugo_10k "$PAGES_HU"
meta bytes_ip_10k "$(html_bytes "$WORK/out-ip")"
meta bytes_hugo_10k "$(html_bytes "$WORK/out-hugo")"
echo "HTML files: ipreport $PAGES_IP (both languages), Hugo $PAGES_HU"
CASES_IP=$(find "$WORK/out-ip" -path '*/cases/case-*/index.html' | wc -l)
CASES_HU=$(find "$WORK/out-hugo" -path '*/cases/case-*/index.html' | wc -l)
meta cases_ip_10k "$CASES_IP"
meta cases_hugo_10k "$CASES_HU"
echo "  case pages: ipreport $CASES_IP, Hugo $CASES_HU"
FULL_TAIL=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ipreport"].get("log_tail",""))' "$RES/full-10k.json")
echo "  ipreport: $FULL_TAIL"
meta full_tail "$FULL_TAIL"

echo "no-op rebuild (output already up to date):"
python3 "$HERE/measure.py" --idle-wait "$IDLE_WAIT" --budget "$BUDGET" --runs "$RUNS" --warmup 1 --json "$RES/noop-10k.json" \
    --bench "ipreport-noop||$IPREPORT build --root $S/site --output $WORK/out-ip"
NOOP_TAIL=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ipreport-noop"].get("log_tail",""))' "$RES/noop-10k.json")
echo "  ipreport: $NOOP_TAIL"
meta noop_tail "$NOOP_TAIL"
rm -rf "$WORK/out-ip" "$WORK/out-hugo"

# ---------------------------------------------------------------------------------------------
section "3. edit -> output latency in watch mode ($EDITS edits each, on a throwaway copy)"
cp -a "$S" "$WORK/c10k-edit"
E=$WORK/c10k-edit
python3 "$HERE/edit_latency.py" --idle-wait "$(( IDLE_WAIT / 2 ))" --budget "$BUDGET" --tool ipreport --bin "$IPREPORT" --site "$E/site" --out "$WORK/watch-ip" \
    --edits "$EDITS" --json "$RES/edit-ipreport.json" --log "$RES/watch-ipreport.log" --pid-file "$WORK/watch-ip.pid"
python3 "$HERE/edit_latency.py" --idle-wait "$(( IDLE_WAIT / 2 ))" --budget "$BUDGET" --tool hugo --site "$E/hugo" --out "$WORK/watch-hugo" \
    --edits "$EDITS" --json "$RES/edit-hugo.json" --log "$RES/watch-hugo.log" --pid-file "$WORK/watch-hugo.pid"
if [ $QUICK = 0 ]; then
    python3 "$HERE/edit_latency.py" --idle-wait "$(( IDLE_WAIT / 2 ))" --budget "$BUDGET" --tool hugo --hugo-fast-render --label hugo-fast --site "$E/hugo" \
        --out "$WORK/watch-hugo-fast" --edits "$EDITS" --json "$RES/edit-hugo-fast.json" \
        --log "$RES/watch-hugo-fast.log" --pid-file "$WORK/watch-hugo-fast.pid"
fi
rm -rf "$E" "$WORK"/watch-*

# ---------------------------------------------------------------------------------------------
section "4. scaling"
echo "pages per language ≈ years × (cases + 4) + indicators + docs + departments + 2 (gen_corpus.py)"
echo "-- ~1k: --years 2 --cases 240"
gen c1k --years 2 --cases 240
meta gen_1k "--years 2 --cases 240"
meta md_1k "$(count_md "$WORK/c1k/site/content")"
python3 "$HERE/measure.py" --idle-wait "$IDLE_WAIT" --budget "$BUDGET" --runs "$RUNS" --warmup 1 --json "$RES/scale-1k.json" \
    --bench "ipreport|$WORK/out-ip|$IPREPORT build --root $WORK/c1k/site --output $WORK/out-ip" \
    --bench "hugo|$WORK/out-hugo|hugo --quiet -s $WORK/c1k/hugo -d $WORK/out-hugo"
meta pages_ip_1k "$(count_html "$WORK/out-ip")"
meta pages_hugo_1k "$(count_html "$WORK/out-hugo")"
echo "HTML files: ipreport $(count_html "$WORK/out-ip"), Hugo $(count_html "$WORK/out-hugo")"
rm -rf "$WORK/c1k" "$WORK/out-ip" "$WORK/out-hugo"

echo "-- ~10k: the corpus of sections 1-2 (results reused)"

meta gen_100k "--years 20 --cases 2400"
if [ $QUICK = 1 ]; then
    echo "-- ~100k: skipped (--quick)"
    meta skip_100k "skipped (--quick)"
else
    echo "-- ~100k: --years 20 --cases 2400 ($RUNS_100K runs, no warm-up; per-run limit ipreport ${IPREPORT_LIMIT}s, Hugo ${HUGO_LIMIT}s)"
    AVAIL_GB=$(awk '/^MemAvailable/ {printf "%d", $2/1048576}' /proc/meminfo)
    if [ "$AVAIL_GB" -lt 8 ]; then
        echo "skipped: only ${AVAIL_GB} GiB of memory available (the corpus, both outputs on tmpfs and the builds need about 8)"
        meta skip_100k "skipped: only ${AVAIL_GB} GiB RAM available"
    else
        gen c100k --years 20 --cases 2400
        meta md_100k "$(count_md "$WORK/c100k/site/content")"
        python3 "$HERE/measure.py" --idle-wait "$IDLE_WAIT" --budget "$BUDGET" --max-redo 1 --runs "$RUNS_100K" --warmup 0 --timeout "$IPREPORT_LIMIT" \
            --json "$RES/scale-100k-ip.json" \
            --bench "ipreport|$WORK/out-ip|$IPREPORT build --root $WORK/c100k/site --output $WORK/out-ip"
        if has_runs "$RES/scale-100k-ip.json" ipreport; then meta pages_ip_100k "$(count_html "$WORK/out-ip")"; fi
        rm -rf "$WORK/out-ip"
        python3 "$HERE/measure.py" --idle-wait "$IDLE_WAIT" --budget "$BUDGET" --max-redo 1 --runs "$RUNS_100K" --warmup 0 --timeout "$HUGO_LIMIT" \
            --json "$RES/scale-100k-hugo.json" \
            --bench "hugo|$WORK/out-hugo|hugo --quiet -s $WORK/c100k/hugo -d $WORK/out-hugo"
        if has_runs "$RES/scale-100k-hugo.json" hugo; then meta pages_hugo_100k "$(count_html "$WORK/out-hugo")"; fi
        python3 - "$RES" <<'EOF'
import json, sys, pathlib
d = pathlib.Path(sys.argv[1])
merged = {**json.loads((d / "scale-100k-ip.json").read_text()), **json.loads((d / "scale-100k-hugo.json").read_text())}
(d / "scale-100k.json").write_text(json.dumps(merged, indent=1))
EOF
        grep -E '^pages_(ip|hugo)_100k' "$META" || true
        rm -rf "$WORK/c100k" "$WORK/out-ip" "$WORK/out-hugo"
    fi
fi

# ---------------------------------------------------------------------------------------------
meta loadavg_end "$(cut -d' ' -f1-3 /proc/loadavg)"
section "5. results (also written to bench/results.md)"
python3 "$HERE/report.py" "$RES" --write "$HERE/results.md"
if [ $KEEP = 1 ]; then cp "$HERE/results.md" "$RES/"; fi
echo
echo "total time: $(( $(date +%s) - T_START )) s"
