#!/usr/bin/env python3
"""Edit -> output latency of a watching site generator (ipreport `build --watch` or `hugo server`).

Starts the watcher, waits for its initial build, then N times appends a unique marker sentence
to the Markdown body of one case (a different case each time) and measures the wall time from
just before the write until the case's output page contains the marker (polled every ~1 ms,
10 s timeout). The rebuild times the tool reports itself are collected per edit. The machine may
be shared: before each edit it can wait for other processes to go quiet (--idle-wait), and an
edit during which they used >= --redo-above cores is kept as "disturbed" and done again on
another case (statistics are over the accepted edits; misses count over all edits).

    edit_latency.py --tool ipreport --bin target/release/ipreport --site SITE --out OUT
    edit_latency.py --tool ipreport --serve --bin target/release/ipreport --site SITE --out OUT
    edit_latency.py --tool hugo --site HUGO_SITE --out OUT2 [--hugo-fast-render]

Edits are made in place: point it at a throwaway copy of the corpus. (The edited files are
restored after the watcher has been stopped, in any case.) Standard library only.
"""
import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in bench/
sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import HZ, busy_seconds, wait_idle  # noqa: E402

# The first build in watch mode says "built in N ms: …", later ones "rebuilt in N ms: …".
IPREPORT_REBUILT = re.compile(r"\b(?:re)?built in (\d+) ms")
IPREPORT_RENDERED = re.compile(r"(\d+) of (\d+) pages rendered")
IPREPORT_FAILED = re.compile(r"build failed|could not write the output")
HUGO_TOTAL = re.compile(r"Total in (\d+(?:\.\d+)?) ms")
HUGO_BUILT = re.compile(r"Built in (\d+(?:\.\d+)?) ms")
HUGO_READY = re.compile(r"Press Ctrl\+C to stop|Web Server is available at")
HUGO_ERROR = re.compile(r"^(ERROR|Error:)", re.M)


def percentile(values, p):
    """Linear interpolation between closest ranks (numpy's default)."""
    xs = sorted(values)
    if not xs:
        return None
    k = (len(xs) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def letters(n, width=1):
    """n in base 26 with the letters A-Z (no digits)."""
    out = ""
    while n or len(out) < width:
        n, r = divmod(n, 26)
        out = chr(65 + r) + out
    return out


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Watcher:
    """A child process whose merged stdout/stderr lines are collected with timestamps."""

    def __init__(self, cmd, log_path, pid_file=None):
        self.cmd = cmd
        self.lines = []  # (perf_counter, line)
        self.cond = threading.Condition()
        self.log = open(log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            text=True, encoding="utf-8", errors="replace", bufsize=1, start_new_session=True)
        if pid_file:
            Path(pid_file).write_text(f"{self.proc.pid}\n")
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            now = time.perf_counter()
            self.log.write(line)
            self.log.flush()
            with self.cond:
                self.lines.append((now, line.rstrip("\n")))
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def wait_for(self, regex, start_index, timeout):
        """Index of the first line at or after start_index matching regex, or None."""
        deadline = time.perf_counter() + timeout
        i = start_index
        with self.cond:
            while True:
                while i < len(self.lines):
                    if regex.search(self.lines[i][1]):
                        return i
                    i += 1
                left = deadline - time.perf_counter()
                if left <= 0 or self.proc.poll() is not None:
                    return None
                self.cond.wait(min(left, 0.05))

    def wait_quiet(self, quiet, timeout):
        """Wait until no output has arrived for `quiet` seconds (or timeout)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self.cond:
                last = self.lines[-1][0] if self.lines else 0.0
            if time.perf_counter() - last >= quiet:
                return
            time.sleep(quiet / 4)

    def peak_rss_kb(self):
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return None

    def cpu_seconds(self):
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / HZ  # utime, stime
        except (OSError, IndexError, ValueError):
            return 0.0

    def stop(self):
        if self.proc.poll() is None:
            for sig, wait in ((signal.SIGINT, 5), (signal.SIGTERM, 3), (signal.SIGKILL, 3)):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self.reader.join(2)
        self.log.close()


def signature(path):
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def wait_for_marker(path, token, timeout, interval):
    """Poll `path` until it contains `token`; seconds since call start, or None on timeout.

    The file is re-read whenever its inode, mtime or size changes, and at least every 50 ms."""
    start = time.perf_counter()
    deadline = start + timeout
    last_sig, last_read = None, 0.0
    while True:
        now = time.perf_counter()
        sig = signature(path)
        if sig is not None and (sig != last_sig or now - last_read > 0.05):
            last_sig, last_read = sig, now
            try:
                with open(path, "rb") as f:
                    if token in f.read():
                        return time.perf_counter()
            except FileNotFoundError:
                pass
        if now > deadline:
            return None
        time.sleep(interval)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", choices=["ipreport", "hugo"], required=True)
    ap.add_argument("--bin", help="ipreport binary (tool=ipreport) or hugo binary", default=None)
    ap.add_argument("--site", required=True, help="site root (ipreport) or Hugo site dir")
    ap.add_argument("--out", required=True, help="output directory the watcher writes")
    ap.add_argument("--serve", action="store_true",
                    help="ipreport: run `serve` (proof view on, output in SITE/public) "
                    "instead of `build --watch`")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=10.0, help="per-edit timeout, seconds")
    ap.add_argument("--poll", type=float, default=0.001, help="poll interval, seconds")
    ap.add_argument("--startup-timeout", type=float, default=600.0)
    ap.add_argument("--settle", type=float, default=0.3,
                    help="quiet time (s) after each rebuild before the next edit")
    ap.add_argument("--hugo-fast-render", action="store_true",
                    help="leave Hugo's fast render mode on (default: --disableFastRender)")
    ap.add_argument("--idle-below", type=float, default=0.3,
                    help="before each edit, wait until other processes use fewer cores than this")
    ap.add_argument("--idle-wait", type=float, default=0.0, help="... but at most this many seconds")
    ap.add_argument("--redo-above", type=float, default=0.5,
                    help="an edit during which other processes used at least this many cores is "
                         "recorded as disturbed and done again on another case ...")
    ap.add_argument("--max-redo", type=int, default=None, help="... at most this many times (default: --edits)")
    ap.add_argument("--budget", type=float, default=float("inf"),
                    help="seconds this run may spend in all on waiting for idle and on disturbed edits "
                         "done again; once spent, it neither waits nor repeats")
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--log", help="watcher output log (default: OUT.log)")
    ap.add_argument("--pid-file", help="write the watcher's pid here (for the caller's trap)")
    ap.add_argument("--label", default=None)
    a = ap.parse_args()

    site = Path(a.site).resolve()
    out = Path(a.out).resolve()
    label = a.label or a.tool
    if a.max_redo is None:
        a.max_redo = a.edits
    if a.tool == "ipreport":
        binary = a.bin or "ipreport"
        if a.serve:
            # `serve` writes into <root>/public and renders every page for the proof view.
            out = site / "public"
            cmd = [binary, "serve", "--root", str(site), "--port", str(free_port())]
        else:
            cmd = [binary, "build", "--watch", "--root", str(site), "--output", str(out)]
        content_years = site / "content" / "years"
        case_src = lambda y, c: content_years / y / "cases" / f"{c}.zh.md"  # noqa: E731
        ready_re, report_re = IPREPORT_REBUILT, IPREPORT_REBUILT
    else:
        binary = a.bin or "hugo"
        port = free_port()
        cmd = [binary, "server", "-s", str(site), "--bind", "127.0.0.1", "--port", str(port),
               "-d", str(out)]
        # Hugo before 0.123 serves from memory unless told otherwise; later ones write to disk
        # by default and no longer know the flag.
        help_text = subprocess.run([binary, "server", "--help"], capture_output=True,
                                   text=True).stdout
        if "--renderToDisk" in help_text:
            cmd.append("--renderToDisk")
        if not a.hugo_fast_render:
            cmd.append("--disableFastRender")
        content_years = site / "content"
        case_src = lambda y, c: content_years / y / "cases" / f"{c}.zh.md"  # noqa: E731
        ready_re, report_re = HUGO_READY, HUGO_TOTAL
    case_out = lambda y, c: out / y / "cases" / c / "index.html"  # noqa: E731

    years = sorted(p.name for p in content_years.iterdir() if p.is_dir() and p.name.isdigit())
    cases = {y: sorted(p.name[:-len(".zh.md")] for p in (content_years / y / "cases").glob("case-*.zh.md"))
             for y in years}
    # A deterministic, spread-out choice of distinct cases (the same for both tools).
    chosen, seen = [], set()
    i = 0
    want = a.edits + a.max_redo
    while len(chosen) < want and i < 100 * want + 1000:
        y = years[(i * 7) % len(years)]
        cs = cases[y]
        c = cs[(i * 53 + 11) % len(cs)]
        if (y, c) not in seen:
            seen.add((y, c))
            chosen.append((y, c))
        i += 1
    if len(chosen) < a.edits:
        sys.exit(f"error: only {len(chosen)} distinct cases available for {a.edits} edits")

    originals = {}
    # Letters only: a digit in the marker would be a "number" for ipreport's zh/en number lint
    # and change its warnings (which it then prints again) on every edit.
    nonce = letters(os.getpid() * 100000 + int(time.time()) % 100000)
    log_path = a.log or f"{out}.log"
    print(f"[{label}] starting: {' '.join(cmd)}", flush=True)
    t_start = time.perf_counter()
    w = Watcher(cmd, log_path, a.pid_file)
    result = {"tool": a.tool, "label": label, "cmd": cmd, "edits": []}
    try:
        idx = w.wait_for(ready_re, 0, a.startup_timeout)
        if idx is None:
            tail = "\n".join(l for _, l in w.lines[-20:])
            sys.exit(f"error: [{label}] the watcher did not finish its initial build "
                     f"(exit code {w.proc.poll()}); last output:\n{tail}")
        ready_at = w.lines[idx][0]
        result["startup_s"] = ready_at - t_start
        if a.tool == "ipreport":
            result["initial_build_reported_ms"] = float(IPREPORT_REBUILT.search(w.lines[idx][1]).group(1))
        else:
            j = w.wait_for(HUGO_BUILT, 0, 0)
            result["initial_build_reported_ms"] = float(HUGO_BUILT.search(w.lines[j][1]).group(1)) if j is not None else None
        # Give the watcher time to register its file watches and go idle.
        w.wait_quiet(1.0, 30)
        time.sleep(0.5)
        print(f"[{label}] ready after {result['startup_s']:.2f} s "
              f"(initial build reported: {result['initial_build_reported_ms']} ms); {a.edits} edits", flush=True)

        redo_left = a.max_redo
        spent = 0.0  # idle waits + disturbed edits, against --budget
        for n, (y, c) in enumerate(chosen):
            accepted = [e for e in result["edits"] if e["accepted"]]
            if len(accepted) >= a.edits:
                break
            src, dst = case_src(y, c), case_out(y, c)
            if not dst.exists():
                sys.exit(f"error: [{label}] expected output page {dst} does not exist after the initial build")
            originals.setdefault(src, src.read_bytes())
            token = f"BENCHMARK{letters(n, 3)}Q{nonce}"
            text = f"\n\nBenchmark marker sentence {token}.\n"
            max_wait = min(a.idle_wait, a.budget - spent)
            waited = wait_idle(a.idle_below, max_wait)[0] if max_wait > 0 else 0.0
            spent += waited
            before = len(w.lines)
            b0, c0, s0 = busy_seconds(), w.cpu_seconds(), sum(os.times()[:2])
            t0 = time.perf_counter()
            with open(src, "a", encoding="utf-8") as f:
                f.write(text)
            t1 = wait_for_marker(dst, token.encode(), a.timeout, a.poll)
            latency = None if t1 is None else (t1 - t0) * 1000.0
            # Wait for the tool's own report of this rebuild, then for quiet.
            w.wait_for(report_re, before, a.timeout)
            t_rep = time.perf_counter()
            bg = max(0.0, (busy_seconds() - b0) - (w.cpu_seconds() - c0) - (sum(os.times()[:2]) - s0)) / (t_rep - t0)
            w.wait_quiet(a.settle, a.timeout)
            with w.cond:
                new = w.lines[before:]
            reported = [float(m.group(1)) for _, l in new for m in [report_re.search(l)] if m]
            report_lines = [l for _, l in new if report_re.search(l)]
            failed = [l for _, l in new if (IPREPORT_FAILED if a.tool == "ipreport" else HUGO_ERROR).search(l)]
            e = {"n": n, "year": y, "case": c, "latency_ms": latency, "reported_ms": reported,
                 "rebuilds": len(reported), "errors": failed, "report_lines": report_lines,
                 "bg_cores": bg, "idle_wait_s": waited, "accepted": True}
            if bg >= a.redo_above and redo_left > 0 and spent < a.budget:
                e["accepted"] = False
                redo_left -= 1
                spent += time.perf_counter() - t0
            result["edits"].append(e)
            shown = "TIMEOUT" if latency is None else f"{latency:8.1f} ms"
            print(f"[{label}] edit {len(accepted) + 1:2d}/{a.edits} {y}/cases/{c}: {shown}; "
                  f"tool reported {reported} ms; background load {bg:.2f} cores"
                  + (f" (waited {waited:.0f} s for idle)" if waited >= 1 else "")
                  + ("; disturbed, done again on another case" if not e["accepted"] else ""), flush=True)
            if w.proc.poll() is not None:
                sys.exit(f"error: [{label}] the watcher exited with code {w.proc.returncode}")
        result["watcher_peak_rss_kb"] = w.peak_rss_kb()
    finally:
        w.stop()
        for src, data in originals.items():
            src.write_bytes(data)

    # Statistics over the accepted edits; misses are counted over every edit made.
    acc = [e for e in result["edits"] if e["accepted"]]
    lat = [e["latency_ms"] for e in acc if e["latency_ms"] is not None]
    rep = [r for e in acc for r in e["reported_ms"]]
    # The tool's report for the rebuild that carried the edit: the first one after the write.
    rep_first = [e["reported_ms"][0] for e in acc if e["reported_ms"]]
    result["summary"] = {
        "edits": len(acc),
        "edits_made": len(result["edits"]),
        "disturbed_redone": len(result["edits"]) - len(acc),
        "missed": sum(1 for e in result["edits"] if e["latency_ms"] is None),
        "extra_rebuilds": sum(max(0, e["rebuilds"] - 1) for e in result["edits"]),
        "no_report": sum(1 for e in result["edits"] if e["rebuilds"] == 0),
        "latency_p50_ms": percentile(lat, 50), "latency_p95_ms": percentile(lat, 95),
        "latency_min_ms": min(lat) if lat else None, "latency_max_ms": max(lat) if lat else None,
        "reported_p50_ms": percentile(rep_first, 50), "reported_p95_ms": percentile(rep_first, 95),
        "reported_all": rep,
        "watcher_peak_rss_kb": result.get("watcher_peak_rss_kb"),
        "bg_cores_p50": percentile([e["bg_cores"] for e in acc], 50),
    }
    rendered = [IPREPORT_RENDERED.search(e["report_lines"][0]) for e in acc if e["report_lines"]]
    rendered = [(int(r.group(1)), int(r.group(2))) for r in rendered if r]
    if rendered:
        result["summary"]["pages_rendered_p50"] = percentile([r[0] for r in rendered], 50)
        result["summary"]["pages_total"] = rendered[-1][1]
    s = result["summary"]
    fmt = lambda v: "n/a" if v is None else f"{v:.0f}"  # noqa: E731
    print(f"[{label}] edit->output latency p50 {fmt(s['latency_p50_ms'])} ms, p95 {fmt(s['latency_p95_ms'])} ms "
          f"(min {fmt(s['latency_min_ms'])}, max {fmt(s['latency_max_ms'])}); "
          f"self-reported rebuild p50 {fmt(s['reported_p50_ms'])} ms, p95 {fmt(s['reported_p95_ms'])} ms; "
          f"missed {s['missed']} of {s['edits_made']}, {s['disturbed_redone']} disturbed and redone, extra rebuilds {s['extra_rebuilds']}, edits without a report {s['no_report']}; "
          f"watcher peak RSS {fmt((s['watcher_peak_rss_kb'] or 0) / 1024)} MiB", flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
