#!/usr/bin/env python3
"""Time one or more commands N times each, interleaved (A B A B ...), under /usr/bin/time.

    measure.py --runs 5 --warmup 1 --json OUT.json \
        --bench 'ipreport|/dev/shm/x/out-ip|/path/ipreport build --root SITE --output /dev/shm/x/out-ip' \
        --bench 'hugo|/dev/shm/x/out-hugo|hugo --quiet -s HUGO -d /dev/shm/x/out-hugo'

Each --bench is LABEL|CLEAN_DIR|COMMAND: CLEAN_DIR (may be empty) is deleted before every run
(untimed), COMMAND is split like a shell would (no shell is involved). A command that fails stops
the whole measurement with its exit code and the end of its output; one that exceeds its time
limit (--timeout, or --timeout-for LABEL=SECONDS) is recorded under "timed_out" and not run again.
Per run it records the wall time (perf_counter around the process, ~1 ms of fork/exec
included), user and system CPU time and peak RSS (GNU time's %U %S %M), and the CPU time other
processes used meanwhile (from /proc/stat, in cores), so that a run disturbed by background load
can be recognised.
Interleaving spreads slow drifts in background load over all commands alike. Optionally it waits
for the machine to be idle before each run (--idle-wait), and a run during which other processes
used >= --redo-above cores is kept under "disturbed" and done again (at most --max-redo times).
Results: {label: {"cmd":..., "runs": [{"wall_s","user_s","sys_s","rss_kb","bg_cores"}], "log_tail":...}}.
Standard library only.
"""
import argparse
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HZ = os.sysconf("SC_CLK_TCK")


def busy_seconds():
    """Total non-idle CPU time of the machine, in seconds."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    # guest time is already included in user/nice
    return (sum(fields[:8]) - idle) / HZ


def wait_idle(below, max_wait, window=0.5):
    """Wait (at most max_wait s) until the machine's CPU use over `window` s is below `below`
    cores, i.e. until other processes' bursts (compilers...) have passed. Returns (waited s, load)."""
    start = time.perf_counter()
    while True:
        b0, t0 = busy_seconds(), time.perf_counter()
        time.sleep(window)
        load = (busy_seconds() - b0) / (time.perf_counter() - t0)
        waited = time.perf_counter() - start
        if load < below or waited >= max_wait:
            return waited, load


def run_once(label, clean, argv, log_path, timeout):
    if clean:
        shutil.rmtree(clean, ignore_errors=True)
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        tpath = tf.name
    try:
        cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", tpath, *argv]
        with open(log_path, "w") as log:
            b0 = busy_seconds()
            t0 = time.perf_counter()
            # Its own process group, so that a timeout stops the command and not only GNU time.
            p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                 start_new_session=True)
            try:
                p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                return None, f"timed out after {timeout:g} s"
            except BaseException:  # Ctrl-C, or run.sh stopped: do not leave the command running
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                raise
            t1 = time.perf_counter()
            b1 = busy_seconds()
        if p.returncode != 0:
            tail = Path(log_path).read_text(errors="replace")[-3000:]
            raise SystemExit(f"[{label}] command failed with exit code {p.returncode}: "
                             f"{shlex.join(argv)}\n{tail}")
        lines = Path(tpath).read_text().strip().splitlines()
        _, user, sys_, rss = lines[-1].split()
        wall = t1 - t0
        user, sys_ = float(user), float(sys_)
        bg = max(0.0, (b1 - b0) - (user + sys_)) / wall if wall > 0 else 0.0
        return {"wall_s": wall, "user_s": user, "sys_s": sys_, "rss_kb": int(rss), "bg_cores": bg}, None
    finally:
        os.unlink(tpath)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=None, help="per run, seconds")
    ap.add_argument("--timeout-for", action="append", default=[], metavar="LABEL=SECONDS",
                    help="per run, seconds, for one --bench (overrides --timeout for it)")
    ap.add_argument("--idle-below", type=float, default=0.3,
                    help="before each run, wait until other processes use fewer cores than this")
    ap.add_argument("--idle-wait", type=float, default=0.0, help="... but at most this many seconds")
    ap.add_argument("--redo-above", type=float, default=0.5,
                    help="a run during which other processes used at least this many cores is "
                         "recorded as disturbed and done again ...")
    ap.add_argument("--max-redo", type=int, default=2, help="... at most this many times per run")
    ap.add_argument("--budget", type=float, default=float("inf"),
                    help="seconds this invocation may spend in all on waiting for idle and on runs "
                         "done again; once spent, it neither waits nor repeats")
    ap.add_argument("--json", required=True)
    ap.add_argument("--logdir", default=None)
    ap.add_argument("--bench", action="append", required=True, help="LABEL|CLEAN_DIR|COMMAND")
    a = ap.parse_args()

    benches = []
    for spec in a.bench:
        label, clean, command = spec.split("|", 2)
        benches.append((label, clean or None, shlex.split(command)))
    timeouts = {}
    for spec in a.timeout_for:
        label, _, secs = spec.partition("=")
        if label not in {b[0] for b in benches}:
            ap.error(f"--timeout-for {spec}: no --bench labelled {label!r}")
        timeouts[label] = float(secs)
    logdir = Path(a.logdir or Path(a.json).parent)
    logdir.mkdir(parents=True, exist_ok=True)
    results = {label: {"cmd": shlex.join(argv), "clean": clean, "runs": [], "disturbed": [], "timed_out": None}
               for label, clean, argv in benches}
    spent = 0.0  # idle waits + disturbed runs, against --budget
    for i in range(-a.warmup, a.runs):
        for label, clean, argv in benches:
            r = results[label]
            if r["timed_out"]:
                continue
            log = logdir / f"{Path(a.json).stem}.{label}.log"
            kind = "warm-up" if i < 0 else f"run {i + 1}/{a.runs}"
            for attempt in range(a.max_redo + 1):
                if clean:
                    shutil.rmtree(clean, ignore_errors=True)
                max_wait = min(a.idle_wait, a.budget - spent)
                waited, _ = wait_idle(a.idle_below, max_wait) if max_wait > 0 else (0.0, None)
                spent += waited
                res, err = run_once(label, clean, argv, log, timeouts.get(label, a.timeout))
                if err:
                    r["timed_out"] = err
                    print(f"  {label:<28} {kind:>9}: {err}", flush=True)
                    break
                res["idle_wait_s"] = waited
                tail = Path(log).read_text(errors="replace").strip().splitlines()
                r["log_tail"] = tail[-1] if tail else ""
                redo = (i >= 0 and res["bg_cores"] >= a.redo_above and attempt < a.max_redo
                        and spent + res["wall_s"] < a.budget)
                print(f"  {label:<28} {kind:>9}: wall {res['wall_s']:7.3f} s  user {res['user_s']:7.2f} s  "
                      f"sys {res['sys_s']:6.2f} s  peak RSS {res['rss_kb'] / 1024:7.1f} MiB  "
                      f"background load {res['bg_cores']:.2f} cores"
                      + (f" (waited {waited:.0f} s for idle)" if waited >= 1 else "")
                      + ("; disturbed, run again" if redo else ""), flush=True)
                if redo:
                    spent += res["wall_s"]
                    r["disturbed"].append(res)
                    continue
                if i >= 0:
                    r["runs"].append(res)
                break
    if spent >= a.budget:
        print(f"  (the budget of {a.budget:.0f} s for idle waits and repeated runs was used up)", flush=True)
    Path(a.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
