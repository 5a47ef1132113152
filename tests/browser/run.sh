#!/usr/bin/env bash
# Browser tests of ipreport's default theme and dev server, in headless Chromium.
#
#   tests/browser/run.sh            install the npm dependencies (npm ci), build the release
#                                   binary, run every browser test; exit 1 on any failure
#
# Environment:
#   IPREPORT_BIN=path     use this ipreport binary instead of building target/release/ipreport
#   CHROMIUM=path         the Chromium to drive (default /usr/bin/chromium)
#   SCREENSHOT_DIR=dir    where the layout screenshots go (default docs/screenshots/)
#   PRINT_DIR=dir         keep the printed PDFs and their PNG pages there (default: a temp dir)
#   TESTS="search a11y"   run only these test files (names without .test.mjs)
#
# Needs: Node 20+, npm, Debian's chromium with fonts-noto-cjk, poppler-utils, and cargo unless
# IPREPORT_BIN is given.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
started=$(date +%s)

fail() { echo "error: $*" >&2; exit 1; }

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || fail "Chromium not found at $CHROMIUM. Install it (Debian: apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM=/path/to/chromium."
command -v node >/dev/null || fail "node not found (Node 20 or newer is needed)"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || fail "Node $(node --version) is too old; the tests need Node 20 or newer"
command -v npm >/dev/null || fail "npm not found"
for tool in pdftoppm pdfinfo pdftotext; do
  command -v "$tool" >/dev/null || fail "$tool not found: the print test needs poppler-utils (apt-get install -y poppler-utils)"
done
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null \
  || echo "warning: no Noto Sans CJK font found (apt-get install -y fonts-noto-cjk); Chinese text may render as boxes" >&2

echo "== npm ci (playwright-core, axe-core; no browser download)"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

if [ -z "${IPREPORT_BIN:-}" ]; then
  echo "== cargo build --release"
  (cd "$repo" && cargo build --release --locked --quiet)
  export IPREPORT_BIN="$repo/target/release/ipreport"
fi
[ -x "$IPREPORT_BIN" ] || fail "no ipreport binary at $IPREPORT_BIN"
echo "== using $IPREPORT_BIN and $CHROMIUM ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"

cat <<'EOF'
== what is checked
  search.test.mjs       /search/ and /en/search/ from file:// and over HTTP under a sub-path:
                        商业秘密, 调解, "trade secret", mediation find the expected case and
                        indicator pages; matches are <mark>ed; results are links to pages that
                        exist; one Chinese character asks for two; nonsense finds nothing;
                        keyboard only: Tab to the skip link, Enter, Tab to the field, type,
                        Enter, Tab to the first result, Enter; at 390 and 1280 px in zh and
                        en: a field >= 44 px tall with text >= 16 px across the column, the
                        clear button, each result's kind and year, no entity shown, no
                        duplicate (the home page beside the latest report), content before
                        listing pages, the other language's hint, the header's search box
                        (a button alone on phones that adds no row; works without
                        JavaScript); axe-core 0 violations in each state of the page;
                        docs/screenshots/search-{1280,390}.png
  livereload.test.mjs   ipreport serve on a copy of the site: an edit to a case shows in the
                        open tab within 1 s with no manual reload; a typo in report.yaml shows
                        the #ipreport-errors overlay naming the file; fixing it removes it; the
                        reload script and overlay are never in the files on disk; Ctrl-C stops it
  a11y.test.mjs         axe-core (WCAG 2.0/2.1 A+AA) with 0 violations on every page type in
                        zh and en at 1280 px, and at 390 px with larger text (and without
                        it on the home page and the pages with indicator tables); a focus ring on
                        every Tab stop; the skip link; prefers-reduced-motion and
                        prefers-contrast: more applied
  textsize.test.mjs     the larger-text switch (no JavaScript) on every page, by keyboard and
                        mouse; at 1280 and 390 px wide, with the switch on, text at 200% and
                        page zoom 200%: no sideways scrolling, nothing out of the window, no
                        overlapping header or navigation items, on every page type in zh and en;
                        at 390 px the indicator tables and a plan's target table are cards with
                        nothing off the screen and each cell under its column's name; the
                        相关信息 / Related block inside its column at 390 and 1280 px, each
                        kind before its links; the header at most 130 px, dates on
                        one line; chart labels 14 px or more at 390 and 1280 px and larger with
                        the switch, on no line and no other label (also for a value equal to a
                        target)
  print.test.mjs        the 2023 report, the 2024 report in English, a document and the full
                        reports /2023/print/ and /en/2024/print/ printed to A4 PDF: no header,
                        navigation, footer or skip link; the title and "N / M" in the page
                        margins of every page but the full report's cover; no page forced but
                        after the cover, none with only a few lines, short lists on one page;
                        the table header repeats and the last column is inside the margins;
                        the table's kinds stated once (caption note, tags of the other kind);
                        every case, event and issue printed with its text and its related
                        block; external links
                        print their address; pages rendered to PNG with pdftoppm
  screenshots.test.mjs  home, 2023 report, indicator page at 1280×900 and 390×844 into
                        docs/screenshots/ (first 2000 px), with no sideways scrolling
  proof.test.mjs        ipreport serve's proof view: the 校对 / Proof button by mouse and by
                        keyboard; hover and focus show the value's file:line on the 2023 report
                        and the indicator page; typed numbers marked; the state survives a
                        reload; axe-core 0 violations with the view on; nothing on disk;
                        docs/screenshots/proof-view.png
EOF

files=()
if [ -n "${TESTS:-}" ]; then
  for t in $TESTS; do files+=("$t.test.mjs"); done
else
  files=(livereload.test.mjs search.test.mjs a11y.test.mjs textsize.test.mjs print.test.mjs screenshots.test.mjs proof.test.mjs)
fi

status=0
run() {
  echo "== node --test $*"
  (cd "$here" && node --test --test-reporter=spec --test-timeout=150000 "$@") || status=1
}
# The live-reload test measures time (an edit visible within 1 s): it runs alone. The others
# run two files at a time.
serial=() parallel=()
for f in "${files[@]}"; do
  if [ "$f" = livereload.test.mjs ]; then serial+=("$f"); else parallel+=("$f"); fi
done
[ ${#serial[@]} -eq 0 ] || run --test-concurrency=1 "${serial[@]}"
[ ${#parallel[@]} -eq 0 ] || run --test-concurrency="${TEST_CONCURRENCY:-2}" "${parallel[@]}"
echo "== browser tests $([ $status -eq 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - started )) s"
exit $status
