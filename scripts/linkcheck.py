#!/usr/bin/env python3
"""Checks a built site on disk: every internal href/src of every HTML page points at an
existing file, and every fragment at an id on that page. Exit code 1 on any problem.

    linkcheck.py OUTPUT_DIR
"""
import os, re, sys, html
from urllib.parse import unquote, urlsplit
root = sys.argv[1]
ids = {}
pages = []
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith('.html'):
            p = os.path.join(d, f)
            t = open(p, encoding='utf-8').read()
            pages.append((p, t))
            ids[os.path.normpath(p)] = set(html.unescape(m) for m in re.findall(r'\sid="([^"]*)"', t))
bad = 0
for p, t in pages:
    for m in re.finditer(r'(?:href|src)="([^"]*)"', t):
        u = html.unescape(m.group(1))
        if u.startswith(('http://', 'https://', 'mailto:')):
            continue
        if u.startswith('/'):
            print('ROOT-ABSOLUTE', p, u); bad += 1; continue
        s = urlsplit(u)
        target = os.path.normpath(os.path.join(os.path.dirname(p), unquote(s.path))) if s.path else os.path.normpath(p)
        if not os.path.exists(target):
            print('MISSING', p, u); bad += 1; continue
        if os.path.isdir(target):
            print('DIR-LINK', p, u); bad += 1; continue
        if s.fragment and target.endswith('.html') and unquote(s.fragment) not in ids.get(target, set()):
            print('ANCHOR', p, u); bad += 1
print(len(pages), 'pages,', bad, 'problems')
sys.exit(1 if bad else 0)
