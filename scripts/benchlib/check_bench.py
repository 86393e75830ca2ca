#!/usr/bin/python3
"""The document check benchmark (issue 20, point 7), run by scripts/bench-check.

    scripts/benchlib/check_bench.py THIDUA SCAN_SET SECTION_MD

Over the labelled scans (Tests/DocumentCheckTests/Labelled/generate.py):
- scanned pages per second on the machine's two cores: `thidua check-scan` over the set in
  two processes at once (best of RUNS), the pages being those the check decoded;
- milliseconds per file for PDF scans, JPEG, PNG and HEIC photos (one process per kind);
- peak RSS of a checking process (/usr/bin/time's maximum resident set size);
- side by side, on the scanned PDFs, the naive way: `pdftoppm -r 60` renders every page, and
  the same colour analysis (`thidua check-scan` on the rendered pages) looks at them, also
  two at a time;
- the confusion matrix of the verdicts against the labels, and the quality flags' agreement.
Writes the section as Markdown to SECTION_MD.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict

THIDUA, SCAN_SET, SECTION = sys.argv[1:4]
RUNS = int(os.environ.get("BENCH_CHECK_RUNS", "3"))
VERDICTS = ["seal", "uncertain", "no-seal", "grayscale", "not-a-scan", "signed", "unreadable", "unchecked"]
LOOKED_AT = {"seal", "uncertain", "no-seal", "grayscale"}

labels = json.load(open(os.path.join(SCAN_SET, "labels.json"), encoding="utf-8"))["files"]
paths = [os.path.join(SCAN_SET, label["file"]) for label in labels]


def check(files):
    """Starts `thidua check-scan --json` on files; returns the process (output piped)."""
    return subprocess.Popen(["/usr/bin/time", "-f", "%M", THIDUA, "check-scan", "--json", *files],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process):
    out, err = process.communicate()
    if process.returncode != 0:
        sys.exit("bench-check: thidua check-scan failed: " + err[-2000:])
    rss_kb = int(err.strip().splitlines()[-1])
    return [json.loads(line) for line in out.splitlines()], rss_kb


def two_cores(files, start):
    """Runs `start` on two interleaved halves at once; returns (seconds, [outputs])."""
    began = time.monotonic()
    processes = [start(files[0::2]), start(files[1::2])]
    outputs = [finish(p) for p in processes]
    return time.monotonic() - began, outputs


# --- throughput on two cores -------------------------------------------------------------
best, results, peak = None, None, 0
for _ in range(RUNS):
    seconds, outputs = two_cores(paths, check)
    peak = max([peak] + [rss for _, rss in outputs])
    if best is None or seconds < best:
        best = seconds
        results = {r["file"]: r["check"] for out, _ in outputs for r in out}
pages = sum(results[p]["pages"] for p in paths if results[p]["verdict"] in LOOKED_AT)
files_looked = sum(1 for p in paths if results[p]["verdict"] in LOOKED_AT)

# --- milliseconds per file, by kind ----------------------------------------------------------
kinds = {"PDF scan": ".pdf", "JPEG": ".jpg", "PNG": ".png", "HEIC": ".heic"}
per_kind = []
for name, extension in kinds.items():
    chosen = [p for p in paths if p.endswith(extension) and results[p]["verdict"] in LOOKED_AT]
    if not chosen:
        continue
    began = time.monotonic()
    _, rss = finish(check(chosen))
    elapsed = time.monotonic() - began
    per_kind.append((name, len(chosen), sum(results[p]["pages"] for p in chosen), elapsed * 1000 / len(chosen), rss))

# --- the naive way, on the scanned PDFs --------------------------------------------------------
pdfs = [p for p in paths if p.endswith(".pdf") and results[p]["verdict"] in LOOKED_AT]
pdf_pages = sum(results[p]["pages"] for p in pdfs)
work = tempfile.mkdtemp(prefix="thidua-bench-check-")


def naive(files):
    """pdftoppm -r 60 on every page of each file, then the same analysis on the pictures."""
    folder = tempfile.mkdtemp(dir=work)
    script = " && ".join(
        "pdftoppm -r 60 -png %s %s/%d" % (shlex_quote(f), folder, i) for i, f in enumerate(files))
    script += " && /usr/bin/time -f %%M %s check-scan --json %s/*.png" % (THIDUA, folder)
    return subprocess.Popen(["/bin/sh", "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def shlex_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


ours = min(two_cores(pdfs, check)[0] for _ in range(RUNS))
theirs = None
for _ in range(RUNS):
    seconds, _ = two_cores(pdfs, naive)
    theirs = seconds if theirs is None else min(theirs, seconds)
shutil.rmtree(work, ignore_errors=True)

# --- agreement with the labels -----------------------------------------------------------------
matrix = defaultdict(Counter)
flags = Counter()
for label, path in zip(labels, paths):
    got = results[path]
    matrix[label["verdict"]][got["verdict"]] += 1
    for flag in set(label["flags"]) | set(got["flags"]):
        flags[(flag, "found" if flag in label["flags"] and flag in got["flags"]
               else "missed" if flag in label["flags"] else "extra")] += 1
seals = sum(matrix["seal"].values())
false_seals = sum(n for label, row in matrix.items() if label != "seal" for v, n in row.items() if v == "seal")

lines = [
    "## Document check",
    "",
    "`scripts/bench-check` (issue 20): `thidua check-scan` (release build) over the labelled set of",
    "%d files (`Tests/DocumentCheckTests/Labelled/generate.py`), best of %d runs, two processes at" % (len(paths), RUNS),
    "once on the machine's 2 cores. Pages are those the check decoded (%d files: scans and photos;" % files_looked,
    "text PDFs, office files and broken files are judged from their structure alone).",
    "",
    "| measure | value | goal |",
    "|---|---:|---|",
    "| scanned pages per minute, 2 cores | **%.0f** (%d pages in %.2f s) | ≥ 600 |" % (pages / best * 60, pages, best),
    "| peak RSS of a checking process | **%.1f MB** | ≤ 128 MB |" % (peak / 1024),
    "| against the naive way, scanned PDFs | **%.1f×** (%.2f s vs %.2f s, %d pages) | ≥ 3× |" % (
        theirs / ours, ours, theirs, pdf_pages),
    "",
    "The naive way renders every page with `pdftoppm -r 60` (PNG) and runs the same colour",
    "analysis (`thidua check-scan`) on the pictures; thidua takes the JPEG out of the PDF with qpdf",
    "and decodes it at 1/2–1/8 scale with TurboJPEG, rendering only the pages that are not one",
    "plain image.",
    "",
    "| kind | files | pages | ms per file (one core) | peak RSS |",
    "|---|---:|---:|---:|---:|",
]
for name, count, kind_pages, ms, rss in per_kind:
    lines.append("| %s | %d | %d | %.0f | %.1f MB |" % (name, count, kind_pages, ms, rss / 1024))
lines += [
    "",
    "Verdicts against the labels (rows: the label; columns: thidua's verdict). No seal may be",
    "reported where there is none, and at least 95% of the colour seals must be found:",
    "**%d false seals, %d of %d seals found (%.1f%%)**." % (false_seals, matrix["seal"]["seal"], seals,
                                                           100 * matrix["seal"]["seal"] / max(seals, 1)),
    "",
    "| label \\ verdict | " + " | ".join(VERDICTS) + " |",
    "|---|" + "|".join("---:" for _ in VERDICTS) + "|",
]
for label in VERDICTS:
    if label in matrix:
        lines.append("| %s | " % label + " | ".join(str(matrix[label][v]) for v in VERDICTS) + " |")
lines += ["", "Quality flags (labelled and found, missed, or extra):", "", "| flag | found | missed | extra |",
          "|---|---:|---:|---:|"]
for flag in ["low-dpi", "blank-page", "dark", "blurred", "rotated"]:
    lines.append("| %s | %d | %d | %d |" % (flag, flags[(flag, "found")], flags[(flag, "missed")], flags[(flag, "extra")]))
open(SECTION, "w", encoding="utf-8").write("\n".join(lines) + "\n")
print("\n".join(lines))
