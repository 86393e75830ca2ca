#!/usr/bin/python3
"""Assembles BENCHMARKS.md from the benchmarks' sections (`scripts/bench --assemble`).

    scripts/benchlib/assemble.py "NAME..." [FRESH...]

The first argument names the sections in order; each FRESH one is taken from
.build/bench/section-NAME.md, the others from the current BENCHMARKS.md (or from their
section file when BENCHMARKS.md has none). Run from the repository root.
"""
import os, re, sys
order, fresh = sys.argv[1].split(), set(sys.argv[2:])
header = """# Benchmarks

Produced by `make bench` (`scripts/bench` → `scripts/bench-mime`, `scripts/bench-intake`,
`scripts/bench-dashboard`, `scripts/bench-soak`, `scripts/bench-check`, `scripts/bench-verdicts`, `scripts/bench-archive`); every number in a section is from one run of
its benchmark, and the next run rewrites that section (`scripts/bench NAME` runs one alone).
Do not edit by hand.

"""
current = open("BENCHMARKS.md", encoding="utf-8").read() if os.path.exists("BENCHMARKS.md") else ""
# The current file's sections, by the name of the section file that produced them.
titles = {"mime": "## MIME extraction", "intake": "## IMAP intake", "dashboard": "## Dashboard", "soak": "## Soak", "check": "## Document check", "verdicts": "## Verdicts of a backlog", "archive": "## Campaign archive"}
chunks = re.split(r"(?m)^(?=## )", current)
kept = {name: chunk for chunk in chunks for name, title in titles.items() if chunk.startswith(title)}
body = []
for name in order:
    path = ".build/bench/section-%s.md" % name
    if name in fresh or name not in kept:
        if os.path.exists(path):
            body.append(open(path, encoding="utf-8").read())
    else:
        body.append(kept[name])
body = [chunk.rstrip("\n") + "\n" for chunk in body]
with open("BENCHMARKS.md", "w", encoding="utf-8") as f:
    f.write(header + "\n".join(body))
print("bench: wrote BENCHMARKS.md (%s)" % ", ".join(
    "%s%s" % (n, " (new)" if n in fresh else "") for n in order))
