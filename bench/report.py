#!/usr/bin/env python3
"""Turn the results directory written by bench/run.sh into a Markdown report.

    report.py RESULTS_DIR [--write bench/results.md]

Reads meta.txt (key=value lines), the measure.py JSON files (full-10k, noop-10k, scale-1k,
scale-100k), the edit_latency.py JSON files (edit-*.json) and the Hugo preflight logs. Prints the
full build at 10k pages (ipreport, Hugo 0.111, Hugo 0.168, the copy floor and the ratios), the
watch-mode latencies, the scaling table and a table of issue 14's targets, met or not met.
Standard library only.
"""
import argparse
import json
import re
import statistics
import sys
from pathlib import Path

# Issue 14, "done when" (the benchmark's part of it).
TARGET_VS_HUGO_0111 = 0.4
TARGET_VS_HUGO_0168 = 0.3
TARGET_RSS_MIB = 200
TARGET_VS_FLOOR = 2.5
TARGET_EDIT_P50_MS = 50

# measure.py labels of the clean full builds, and their meta.txt key (pages_<key>_<size>).
GENERATORS = [("ipreport", "ip"), ("hugo-0.111", "hugo0111"), ("hugo-0.168", "hugo0168")]


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


def max_rss(runs):
    return max((r["rss_kb"] for r in runs), default=None)


def s(v, nd=2):
    return "–" if v is None else f"{v:.{nd}f} s"


def ms(v):
    return "–" if v is None else f"{v:.0f} ms"


def mib(kb):
    return "–" if kb is None else f"{kb / 1024:.0f} MiB"


def fratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def ratio(a, b):
    r = fratio(a, b)
    return "–" if r is None else f"{r:.2f}×"


def per_page_us(wall, pages):
    try:
        return wall * 1e6 / int(pages)
    except (TypeError, ValueError, ZeroDivisionError):
        return None


def us(v):
    return "–" if v is None else f"{v:.0f} µs"


def spread(runs, nd=2):
    xs = [r["wall_s"] for r in runs]
    return f"{min(xs):.{nd}f}–{max(xs):.{nd}f}" if xs else "–"


def size_mib(nbytes):
    v = int(nbytes) / 2**20
    return f"{v:.0f} MiB" if v >= 10 else f"{v:.1f} MiB"


def noop_written(m):
    """'0 new, 0 updated' from the last no-op build's summary line."""
    t = m.get("noop_tail", "")
    mm = re.search(r"(\d+) new, (\d+) updated", t)
    return f"{int(mm.group(1)) + int(mm.group(2))} written" if mm else "?"


def disturbed_total(d):
    n = 0
    for f in d.glob("*.json"):
        j = load_json(f)
        if f.name.startswith("edit-"):
            n += j.get("summary", {}).get("disturbed_redone", 0)
        elif isinstance(j, dict):
            n += sum(len(v.get("disturbed", [])) for v in j.values() if isinstance(v, dict))
    return n


def bg(runs):
    xs = [r.get("bg_cores", 0.0) for r in runs]
    return f"{statistics.median(xs):.2f}" if xs else "–"


def version(m, which):
    """'0.111.3' from meta's hugo_0111_version 'v0.111.3'."""
    return m.get(f"hugo_{which}_version", "").lstrip("v") or which[0] + "." + which[1:]


def name(m, label):
    if label == "hugo-0.111":
        return f"Hugo {version(m, '0111')} (Debian)"
    if label == "hugo-0.168":
        return f"Hugo {version(m, '0168')} (PyPI)"
    if label == "copy-floor":
        return "copy floor (`cp -r`)"
    return label


def skipped_0168(m):
    """'not measured (--no-hugo-0168)', or None when Hugo 0.168 was measured."""
    why = m.get("hugo_0168_skipped")
    return f"not measured ({why})" if why else None


def hugo_warnings(d):
    """{label: [deprecated keys]} from the untimed preflight builds (run without --quiet)."""
    out = {}
    for label in ("hugo-0.111", "hugo-0.168"):
        f = d / f"preflight-{label}.log"
        if not f.exists():
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        found = re.findall(r"deprecated: (?:project config key )?(\S+) was deprecated in Hugo (v[\d.]+)", text)
        other = [l for l in text.splitlines() if l.startswith("WARN") and "deprecated" not in l]
        out[label] = (sorted(set(found)), other)
    return out


def status(ok, why_not=None):
    if why_not:
        return f"not measured: {why_not}"
    return "**met**" if ok else "**not met**"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--write", default=None)
    a = ap.parse_args()
    d = Path(a.results)
    m = load_meta(d / "meta.txt")
    out = []
    p = out.append

    full = load_json(d / "full-10k.json") or {}
    noop = load_json(d / "noop-10k.json") or {}
    runs10 = {label: full.get(label, {}).get("runs", []) for label in ("ipreport", "hugo-0.111", "hugo-0.168", "copy-floor")}
    ip = runs10["ipreport"]
    nr = noop.get("ipreport-noop", {}).get("runs", [])
    edits = {key: load_json(d / f"edit-{key}.json") for key in ("ipreport", "hugo-0.111", "hugo-0.168", "hugo-0.111-fast")}
    edits = {k: e for k, e in edits.items() if e}
    scale = {"1k": load_json(d / "scale-1k.json"), "10k": full or None, "100k": load_json(d / "scale-100k.json")}
    h168 = "Hugo " + version(m, "0168")
    h111 = "Hugo " + version(m, "0111")

    p(f"## Benchmark: ipreport vs Hugo 0.111{'' if skipped_0168(m) else ' and 0.168'} ({m.get('date', '?')})")
    p("")
    p(f"Machine: {m.get('cpu', '?')}, {m.get('nproc', '?')} cores (`nproc`), {m.get('mem', '?')} RAM, "
      f"Linux {m.get('kernel', '?')}. ipreport {m.get('ipreport_version', '?')} "
      f"(git {m.get('ipreport_git', '?')}, `cargo build --release`, {m.get('rustc', '?')}); "
      f"Hugo {m.get('hugo_0111_full', '?')} (Debian's `hugo` package); "
      + (f"Hugo 0.168: {skipped_0168(m)}; " if skipped_0168(m) else
         f"Hugo {m.get('hugo_0168_full', '?')} (the binary of PyPI's `hugo` package, run directly, not "
         f"through its Python wrapper); ")
      + f"{m.get('python', '?')}.")
    p("")
    p(f"Every input and output is on tmpfs ({m.get('workdir', '/dev/shm')}, filesystem type "
      f"`{m.get('fstype', '?')}`), so the generators are measured, not the disk. Corpus: "
      f"`gen_corpus.py` (seeded, deterministic), the same pages as an ipreport site and a Hugo site. "
      f"Figures are medians of {m.get('runs', '?')} runs after {m.get('warmup', '1')} warm-up run(s); "
      f"the generators (and, at 10k, the copy floor) are interleaved run by run in one measurement "
      f"(A B C D A B C D …), so that drifts in the machine's speed touch all alike. Wall time from the "
      f"parent, CPU time and peak RSS from GNU `time` (%U+%S, %M). The copy floor is `cp -r` of a "
      f"folder holding the corpus's `content/` and one complete ipreport output "
      f"({m.get('floor_files', '?')} files): what a build must at least read and write. The machine is "
      f"shared: before each run (and each edit) the script waits up to {m.get('idle_wait', '?')} s for "
      f"other processes to use < 0.3 cores and records the CPU they used during the run (\"background\" "
      f"below); a run or edit during which they used ≥ 0.5 cores is done again ({disturbed_total(d)} "
      f"redone in all), and medians and percentiles are over the accepted ones (each measurement may "
      f"spend {m.get('budget', '?')} s on waiting and repeating). Load average at start/end: "
      f"{m.get('loadavg_start', '?')} / {m.get('loadavg_end', '?')}"
      + (" — **quick mode** (fewer runs, no 100k)" if m.get("quick") == "1" else "") + ".")
    p("")
    odd = [f"{size}: `{m.get(f'gen_{size}', '?')}` instead of `{m[f'nonstandard_{size}']}`"
           for size in ("1k", "10k", "100k") if m.get(f"nonstandard_{size}")]
    if odd:
        p(f"**Not the standard corpora** ({'; '.join(odd)}): a functional smoke test, not figures to "
          "compare with the targets.")
        p("")

    # Targets (issue 14's "done when").
    iw, hw111, hw168, fw = (med(runs10[k], "wall_s") for k in ("ipreport", "hugo-0.111", "hugo-0.168", "copy-floor"))
    not168 = m.get("hugo_0168_skipped") or (None if runs10["hugo-0.168"] else "no runs")
    rows = []
    r = fratio(iw, hw111)
    rows.append((f"10k: median wall ≤ {TARGET_VS_HUGO_0111}× {h111}",
                 f"{ratio(iw, hw111)} ({s(iw)} / {s(hw111)})",
                 status(r is not None and r <= TARGET_VS_HUGO_0111, None if r is not None else "no runs")))
    r = fratio(iw, hw168)
    rows.append((f"10k: median wall ≤ {TARGET_VS_HUGO_0168}× Hugo 0.168",
                 "–" if r is None else f"{ratio(iw, hw168)} ({s(iw)} / {s(hw168)})",
                 status(r is not None and r <= TARGET_VS_HUGO_0168, not168 if r is None else None)))
    rss = max_rss(ip)
    rows.append((f"10k: peak RSS ≤ {TARGET_RSS_MIB} MiB",
                 f"{mib(rss)} (the largest of {len(ip)} runs)",
                 status(rss is not None and rss <= TARGET_RSS_MIB * 1024, None if rss else "no runs")))
    r = fratio(iw, fw)
    rows.append((f"10k: median wall ≤ {TARGET_VS_FLOOR}× the copy floor",
                 f"{ratio(iw, fw)} ({s(iw)} / {s(fw, 3)})",
                 status(r is not None and r <= TARGET_VS_FLOOR, None if r is not None else "no runs")))
    ip100 = (scale["100k"] or {}).get("ipreport", {})
    pp10 = per_page_us(iw, m.get("pages_ip_10k"))
    pp100 = per_page_us(med(ip100.get("runs", []), "wall_s"), m.get("pages_ip_100k"))
    why100 = m.get("skip_100k") or ip100.get("timed_out") or (None if pp100 is not None else "no runs")
    rows.append(("100k: time per page ≤ at 10k",
                 "–" if pp100 is None else f"{us(pp100)} vs {us(pp10)} per HTML file ({ratio(pp100, pp10)})",
                 status(pp100 is not None and pp10 is not None and pp100 <= pp10, why100)))
    el = (edits.get("ipreport") or {}).get("summary", {}).get("latency_p50_ms")
    rows.append((f"watch mode: edit → page on disk p50 ≤ {TARGET_EDIT_P50_MS} ms", ms(el),
                 status(el is not None and el <= TARGET_EDIT_P50_MS, None if el is not None else "no edits")))
    p("### Targets (issue 14)")
    p("")
    p("| target | measured | |")
    p("|---|---|---|")
    for row in rows:
        p("| " + " | ".join(row) + " |")
    p("")
    notes = ["Ratios are of the unrounded medians."]
    if not m.get("hugo_0111_version", "").startswith("v0.111."):
        notes.append(f"The Hugo measured as \"0.111\" is {m.get('hugo_0111_version', '?')}, not Debian's 0.111.3.")
    notes.append("Not checked by the benchmark: that the output is byte-identical to before.")
    p(" ".join(notes))
    p("")

    # 1. Full build at 10k.
    p(f"### Full build, {m.get('md_10k', '?')} Markdown pages (`{m.get('gen_10k', '?')}`)")
    p("")
    p("| | HTML files written | wall (median) | wall min–max | user+sys CPU | peak RSS (median) |")
    p("|---|---:|---:|---:|---:|---:|")
    for label, key in GENERATORS:
        rr = runs10[label]
        if label == "hugo-0.168" and skipped_0168(m):
            p(f"| {name(m, label)}, clean output | {skipped_0168(m)} | | | | |")
            continue
        p(f"| {name(m, label)}, clean output | {m.get(f'pages_{key}_10k', '?')} | {s(med(rr, 'wall_s'))} | "
          f"{spread(rr)} | {s(cpu(rr))} | {mib(med(rr, 'rss_kb'))} |")
    fr = runs10["copy-floor"]
    if fr:
        size = ""
        if m.get("floor_content_bytes") and m.get("floor_output_bytes"):
            size = (f"{m.get('floor_files', '?')} files copied ({size_mib(m['floor_content_bytes'])} + "
                    f"{size_mib(m['floor_output_bytes'])})")
        p(f"| {name(m, 'copy-floor')} of content/ + ipreport's output | {size} | {s(med(fr, 'wall_s'), 3)} | "
          f"{spread(fr, 3)} | {s(cpu(fr))} | {mib(med(fr, 'rss_kb'))} |")
    for label in ("hugo-0.111", "hugo-0.168"):
        rr = runs10[label]
        if rr:
            p(f"| **ratio ipreport / {name(m, label)}** | | **{ratio(iw, med(rr, 'wall_s'))}** | | "
              f"{ratio(cpu(ip), cpu(rr))} | **{ratio(med(ip, 'rss_kb'), med(rr, 'rss_kb'))}** |")
    if fr:
        p(f"| **ratio ipreport / copy floor** | | **{ratio(iw, fw)}** | | {ratio(cpu(ip), cpu(fr))} | |")
    p(f"| ipreport, no-op rebuild (output up to date) | {noop_written(m)} | {s(med(nr, 'wall_s'))} | {spread(nr)} | "
      f"{s(cpu(nr))} | {mib(med(nr, 'rss_kb'))} |")
    p("")
    sizes = [f"ipreport {size_mib(m['bytes_ip_10k'])}"] if m.get("bytes_ip_10k") else []
    for label, key in GENERATORS[1:]:
        if m.get(f"bytes_{key}_10k"):
            sizes.append(f"{name(m, label)} {size_mib(m[f'bytes_{key}_10k'])}")
    if sizes:
        p(f"Output size (HTML): {', '.join(sizes)} (Hugo's benchmark theme is a bare `baseof`/`single` "
          f"layout; ipreport's pages carry the full theme, navigation, cross-references and metadata). "
          f"Median background load during the runs: "
          + ", ".join(f"{name(m, k)} {bg(v)}" for k, v in runs10.items() if v)
          + f", no-op {bg(nr)} cores (of {m.get('nproc', '?')}).")
        p("")
    warns = hugo_warnings(d)
    for label, (deprecated, other) in warns.items():
        if deprecated or other:
            what = ", ".join(f"`{k}` (deprecated in {v})" for k, v in deprecated)
            p(f"{name(m, label)} warns about gen_corpus.py's Hugo site"
              + (f": {what}" if what else "")
              + (f"; {len(other)} other warning(s)" if other else "")
              + ". They are warnings only: the site builds unchanged, and is timed with `--quiet`.")
            p("")

    # 2. Edit latency.
    if edits:
        n = max(e["summary"]["edits"] for e in edits.values())
        p(f"### Edit → output latency in watch mode ({n} edits of a case's Markdown, `{m.get('gen_10k', '?')}` corpus)")
        p("")
        p("Time from just before appending a sentence to `…/case-XXXX.zh.md` until that case's "
          "`index.html` on disk contains it (polled every 1 ms), and the rebuild time the tool printed "
          "for the same rebuild (ipreport: `rebuilt in N ms`; Hugo: `Total in N ms`). Hugo 0.111 serves "
          "from memory unless given `--renderToDisk`; Hugo 0.168 writes to disk by default and no longer "
          "knows the flag.")
        p("")
        p("| watcher | latency p50 | latency p95 | min–max | tool-reported p50 | tool-reported p95 | missed | redone | watcher peak RSS | background |")
        p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for key, e in edits.items():
            if key == "ipreport":
                lbl = "ipreport `build --watch`"
            else:
                flags = " ".join(f for f in e.get("cmd", []) if f in ("--disableFastRender", "--renderToDisk"))
                lbl = (f"{name(m, key.replace('-fast', ''))} `server {flags}`".replace(" `server `", " `server`")
                       + (" (fast render, default)" if key.endswith("-fast") else ""))
            su = e["summary"]
            p(f"| {lbl} | {ms(su['latency_p50_ms'])} | {ms(su['latency_p95_ms'])} | "
              f"{ms(su['latency_min_ms'])}–{ms(su['latency_max_ms'])} | {ms(su['reported_p50_ms'])} | "
              f"{ms(su['reported_p95_ms'])} | {su['missed']}/{su.get('edits_made', su['edits'])} | "
              f"{su.get('disturbed_redone', 0)} | {mib(su['watcher_peak_rss_kb'])} | "
              f"{su.get('bg_cores_p50') or 0:.2f} cores |")
        p("")
        il = edits.get("ipreport")
        if il and il["summary"].get("pages_rendered_p50") is not None:
            p(f"ipreport re-rendered a median of {il['summary']['pages_rendered_p50']:.0f} of "
              f"{il['summary']['pages_total']} pages per edit (from its `rebuilt in …` line). "
              "A tool-reported time above the on-disk latency means the page was on disk before the "
              "rebuild finished: ipreport renders its diagnostics after writing, and Hugo writes pages "
              "as it renders them while `Total` covers the whole rebuild.")
            p("")
        for key in ("hugo-0.111", "hugo-0.168"):
            hl = edits.get(key)
            if il and hl:
                p(f"Ratio ipreport / {name(m, key)} (`--disableFastRender`), p50: "
                  f"{ratio(il['summary']['latency_p50_ms'], hl['summary']['latency_p50_ms'])}, p95: "
                  f"{ratio(il['summary']['latency_p95_ms'], hl['summary']['latency_p95_ms'])}; initial build "
                  f"in watch mode: ipreport {ms(il.get('initial_build_reported_ms'))}, {name(m, key)} server "
                  f"{ms(hl.get('initial_build_reported_ms'))}.")
                p("")

    # 3. Scaling.
    rows = []
    per_page_ip = {}
    for size in ("1k", "10k", "100k"):
        res = scale[size]
        if not res and not m.get(f"skip_{size}"):
            continue
        if not res:
            rows.append(f"| {size} | `{m.get(f'gen_{size}', '?')}` | – | | | | | | | | | | {m[f'skip_{size}']} |")
            continue
        ipw = med(res.get("ipreport", {}).get("runs", []), "wall_s")
        per_page_ip[size] = per_page_us(ipw, m.get(f"pages_ip_{size}"))
        for label, key in GENERATORS:
            if label == "hugo-0.168" and skipped_0168(m):
                continue
            rr = res.get(label, {})
            runs = rr.get("runs", [])
            w = med(runs, "wall_s")
            note = f"{rr['timed_out']}" if rr.get("timed_out") else ""
            rows.append(
                f"| {size} | `{m.get(f'gen_{size}', '?')}` | {m.get(f'md_{size}', '–')} | {name(m, label)} | "
                f"{m.get(f'pages_{key}_{size}', '–')} | {s(w)} | {spread(runs)} | "
                f"{us(per_page_us(w, m.get(f'pages_{key}_{size}')))} | {mib(med(runs, 'rss_kb'))} | "
                f"{'' if label == 'ipreport' else ratio(ipw, w)} | {len(runs)} | {bg(runs)} | {note} |")
    if rows:
        p("### Scaling: clean full build")
        p("")
        p("The generators interleaved at each size"
          + ("; Hugo 0.168 " + skipped_0168(m) if skipped_0168(m) else "") + ". Per file: wall time over HTML files written.")
        p("")
        p("| size | gen_corpus.py | Markdown pages | generator | HTML files | wall (median) | min–max | per file "
          "| peak RSS | ipreport / this | runs | background | note |")
        p("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        out.extend(rows)
        p("")
        if per_page_ip:
            p("ipreport's time per HTML file: "
              + ", ".join(f"{us(v)} at {k}" for k, v in per_page_ip.items())
              + (f" (100k / 10k: {ratio(per_page_ip.get('100k'), per_page_ip.get('10k'))})"
                 if per_page_ip.get("100k") and per_page_ip.get("10k") else "") + ".")
            p("")

    p("HTML file counts differ by design: both tools render every Markdown case as its own page "
      f"(case pages at 10k: ipreport {m.get('cases_ip_10k', '?')}, Hugo {m.get('cases_hugo_10k', '?')}), but ipreport folds the achievement chapters into the year "
      "page and adds per-year events and issues pages, indicator, document and department pages "
      "and a 404 page per language, while the Hugo copy renders each chapter as a page and adds "
      "section lists.")
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
