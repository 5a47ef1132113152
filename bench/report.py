#!/usr/bin/env python3
"""Turn the results directory written by bench/run.sh into a Markdown report.

    report.py RESULTS_DIR [--write bench/results.md]

Reads meta.txt (key=value lines), the measure.py JSON files and the edit_latency.py JSON files.
Standard library only.
"""
import argparse
import json
import statistics
import sys
from pathlib import Path


def load_meta(path):
    meta = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            meta[k.strip()] = v.strip()
    return meta


def load_json(path):
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def med(runs, key):
    xs = [r[key] for r in runs]
    return statistics.median(xs) if xs else None


def cpu(runs):
    xs = [r["user_s"] + r["sys_s"] for r in runs]
    return statistics.median(xs) if xs else None


def s(v, nd=2):
    return "–" if v is None else f"{v:.{nd}f} s"


def ms(v):
    return "–" if v is None else f"{v:.0f} ms"


def mib(kb):
    return "–" if kb is None else f"{kb / 1024:.0f} MiB"


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


def us_per_page(wall, pages):
    try:
        return f"{wall * 1e6 / int(pages):.0f} µs"
    except (TypeError, ValueError, ZeroDivisionError):
        return "–"


def spread(runs):
    xs = [r["wall_s"] for r in runs]
    return f"{min(xs):.2f}–{max(xs):.2f}" if xs else "–"


def noop_written(m):
    """'0 new, 0 updated' from the last no-op build's summary line."""
    import re
    t = m.get("noop_tail", "")
    mm = re.search(r"(\d+) new, (\d+) updated", t)
    return f"{int(mm.group(1)) + int(mm.group(2))} written" if mm else "?"


def disturbed_total(d):
    n = 0
    for f in d.glob("*.json"):
        if f.name == "scale-100k.json":  # merged from scale-100k-ip/-hugo.json
            continue
        j = load_json(f)
        if f.name.startswith("edit-"):
            n += j.get("summary", {}).get("disturbed_redone", 0)
        elif isinstance(j, dict):
            n += sum(len(v.get("disturbed", [])) for v in j.values() if isinstance(v, dict))
    return n


def bg(runs):
    xs = [r.get("bg_cores", 0.0) for r in runs]
    return f"{statistics.median(xs):.2f}" if xs else "–"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--write", default=None)
    a = ap.parse_args()
    d = Path(a.results)
    m = load_meta(d / "meta.txt")
    out = []
    p = out.append

    p(f"## Benchmark: ipreport vs Hugo ({m.get('date', '?')})")
    p("")
    p(f"Machine: {m.get('cpu', '?')}, {m.get('nproc', '?')} cores (`nproc`), {m.get('mem', '?')} RAM, "
      f"Linux {m.get('kernel', '?')}. ipreport {m.get('ipreport_version', '?')} "
      f"(git {m.get('ipreport_git', '?')}, `cargo build --release`, {m.get('rustc', '?')}); "
      f"{m.get('hugo_version', '?')}; {m.get('python', '?')}.")
    p("")
    p(f"Every input and output is on tmpfs ({m.get('workdir', '/dev/shm')}, filesystem type "
      f"`{m.get('fstype', '?')}`), so the generators are measured, not the disk. Corpus: "
      f"`gen_corpus.py` (seeded, deterministic). Figures are medians of {m.get('runs', '?')} runs after "
      f"{m.get('warmup', '1')} warm-up run(s), the two tools interleaved; wall time from the parent, "
      f"CPU time and peak RSS from GNU `time` (%U+%S, %M). The machine is shared: before each run "
      f"(and each edit) the script waits up to {m.get('idle_wait', '?')} s for other processes to use "
      f"< 0.3 cores and records the CPU they used during the run (\"background\" below); a run or "
      f"edit during which they used ≥ 0.5 cores is done again ({disturbed_total(d)} redone in all), and "
      f"medians and percentiles are over the accepted ones (each measurement may spend "
      f"{m.get('budget', '?')} s on waiting and repeating). "
      f"Load average at start/end: "
      f"{m.get('loadavg_start', '?')} / {m.get('loadavg_end', '?')}"
      + (" — **quick mode** (fewer runs, no 100k)" if m.get("quick") == "1" else "") + ".")
    p("")

    # 1. Full build at 10k.
    full = load_json(d / "full-10k.json") or {}
    noop = load_json(d / "noop-10k.json") or {}
    ip, hu = full.get("ipreport", {}).get("runs", []), full.get("hugo", {}).get("runs", [])
    nr = noop.get("ipreport-noop", {}).get("runs", [])
    p(f"### Full build, {m.get('md_10k', '?')} Markdown pages (`--years 20 --cases 240`)")
    p("")
    p("| | HTML files written | wall (median) | wall min–max | user+sys CPU | peak RSS |")
    p("|---|---:|---:|---:|---:|---:|")
    p(f"| ipreport, clean output | {m.get('pages_ip_10k', '?')} | {s(med(ip, 'wall_s'))} | {spread(ip)} | "
      f"{s(cpu(ip))} | {mib(med(ip, 'rss_kb'))} |")
    p(f"| Hugo, clean output | {m.get('pages_hugo_10k', '?')} | {s(med(hu, 'wall_s'))} | {spread(hu)} | "
      f"{s(cpu(hu))} | {mib(med(hu, 'rss_kb'))} |")
    p(f"| **ratio ipreport / Hugo** | | **{ratio(med(ip, 'wall_s'), med(hu, 'wall_s'))}** | | "
      f"{ratio(cpu(ip), cpu(hu))} | **{ratio(med(ip, 'rss_kb'), med(hu, 'rss_kb'))}** |")
    p(f"| ipreport, no-op rebuild (output up to date) | {noop_written(m)} | {s(med(nr, 'wall_s'))} | {spread(nr)} | "
      f"{s(cpu(nr))} | {mib(med(nr, 'rss_kb'))} |")
    p("")
    if m.get("bytes_ip_10k") and m.get("bytes_hugo_10k"):
        p(f"Output size: ipreport {int(m['bytes_ip_10k']) / 2**20:.0f} MiB of HTML, Hugo "
          f"{int(m['bytes_hugo_10k']) / 2**20:.0f} MiB (Hugo's benchmark theme is a bare "
          f"`baseof`/`single` layout; ipreport's pages carry the full theme, navigation, cross-references "
          f"and metadata). Median background load during the runs: ipreport {bg(ip)}, Hugo {bg(hu)}, "
          f"no-op {bg(nr)} cores (of {m.get('nproc', '?')}).")
        p("")

    # 2. Edit latency.
    edits = [(lbl, load_json(d / f"edit-{key}.json")) for lbl, key in (
        ("ipreport `build --watch`", "ipreport"),
        ("Hugo `server --disableFastRender --renderToDisk`", "hugo"),
        ("Hugo `server --renderToDisk` (fast render, default)", "hugo-fast"))]
    edits = [(lbl, e) for lbl, e in edits if e]
    if edits:
        n = max(e["summary"]["edits"] for _, e in edits)
        p(f"### Edit → output latency in watch mode ({n} edits of a case's Markdown, 10k corpus)")
        p("")
        p("Time from just before appending a sentence to `…/case-XXXX.zh.md` until that case's "
          "`index.html` on disk contains it (polled every 1 ms), and the rebuild time the tool printed "
          "for the same rebuild (ipreport: `rebuilt in N ms`; Hugo: `Total in N ms`).")
        p("")
        p("| watcher | latency p50 | latency p95 | min–max | tool-reported p50 | tool-reported p95 | missed | redone | watcher peak RSS | background |")
        p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for lbl, e in edits:
            su = e["summary"]
            p(f"| {lbl} | {ms(su['latency_p50_ms'])} | {ms(su['latency_p95_ms'])} | "
              f"{ms(su['latency_min_ms'])}–{ms(su['latency_max_ms'])} | {ms(su['reported_p50_ms'])} | "
              f"{ms(su['reported_p95_ms'])} | {su['missed']}/{su.get('edits_made', su['edits'])} | "
              f"{su.get('disturbed_redone', 0)} | {mib(su['watcher_peak_rss_kb'])} | "
              f"{su.get('bg_cores_p50') or 0:.2f} cores |")
        p("")
        il = dict(edits).get("ipreport `build --watch`")
        if il and il["summary"].get("pages_rendered_p50") is not None:
            p(f"ipreport re-rendered a median of {il['summary']['pages_rendered_p50']:.0f} of "
              f"{il['summary']['pages_total']} pages per edit (from its `rebuilt in …` line). "
              "A tool-reported time above the on-disk latency means the page was on disk before the "
              "rebuild finished: ipreport renders its diagnostics after writing, and Hugo writes pages "
              "as it renders them while `Total` covers the whole rebuild.")
            p("")
        hl = dict(edits).get("Hugo `server --disableFastRender --renderToDisk`")
        if il and hl:
            p(f"Ratio ipreport / Hugo (`--disableFastRender`), p50: "
              f"{ratio(il['summary']['latency_p50_ms'], hl['summary']['latency_p50_ms'])}, p95: "
              f"{ratio(il['summary']['latency_p95_ms'], hl['summary']['latency_p95_ms'])}. Initial build "
              f"in watch mode: ipreport {ms(il.get('initial_build_reported_ms'))}, Hugo server "
              f"{ms(hl.get('initial_build_reported_ms'))}.")
            p("")

    # 3. Scaling.
    sizes = [("1k", "scale-1k.json"), ("10k", "full-10k.json"), ("100k", "scale-100k.json")]
    rows = []
    for size, fname in sizes:
        r = load_json(d / fname)
        if not r and not m.get(f"skip_{size}"):
            continue
        ipr = (r or {}).get("ipreport", {})
        hur = (r or {}).get("hugo", {})
        iw, hw = med(ipr.get("runs", []), "wall_s"), med(hur.get("runs", []), "wall_s")
        note = m.get(f"skip_{size}", "")
        if ipr.get("timed_out"):
            note += f" ipreport {ipr['timed_out']}."
        if hur.get("timed_out"):
            note += f" Hugo {hur['timed_out']}."
        rows.append(
            f"| {size} | `{m.get(f'gen_{size}', '?')}` | {m.get(f'md_{size}', '–')} | "
            f"{m.get(f'pages_ip_{size}', '–')} | {s(iw)} | {us_per_page(iw, m.get(f'pages_ip_{size}'))} | "
            f"{mib(med(ipr.get('runs', []), 'rss_kb'))} | "
            f"{m.get(f'pages_hugo_{size}', '–')} | {s(hw)} | {us_per_page(hw, m.get(f'pages_hugo_{size}'))} | "
            f"{mib(med(hur.get('runs', []), 'rss_kb'))} | {ratio(iw, hw)} | "
            f"{len(ipr.get('runs', []))}/{len(hur.get('runs', []))} | "
            f"{bg(ipr.get('runs', []))}/{bg(hur.get('runs', []))} | {note.strip()} |")
    if rows:
        p("### Scaling: clean full build")
        p("")
        p("| size | gen_corpus.py | Markdown pages | ipreport HTML files | ipreport wall | per file | ipreport peak RSS "
          "| Hugo HTML files | Hugo wall | per file | Hugo peak RSS | wall ratio | runs (ip/Hugo) | background (ip/Hugo) | note |")
        p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        out.extend(rows)
        p("")

    p("HTML file counts differ by design: both tools render every Markdown case as its own page "
      f"(case pages at 10k: ipreport {m.get('cases_ip_10k', '?')}, Hugo {m.get('cases_hugo_10k', '?')}), but ipreport folds the achievement chapters into the year "
      "page and adds per-year events and issues pages, indicator, document and department pages "
      "and a 404 page per language, while the Hugo copy renders each chapter as a page and adds "
      "section lists.")
    import re
    w = re.search(r"(\d+) warnings?", m.get("full_tail", ""))
    if w:
        p("")
        p(f"ipreport reports {w.group(1)} warnings on this corpus (e.g. W0104, zh/en numbers that differ "
          "— the generator writes independent random numbers per language — and W0105 half-width "
          "colons); linting and reporting them is part of every build and of the times above.")
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if a.write:
        Path(a.write).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
