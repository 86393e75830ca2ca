#!/usr/bin/python3
"""The document check benchmark (issue 20, point 7), run by scripts/bench-check.

    scripts/benchlib/check_bench.py THIDUA SCAN_SET DOCUMENT_SET SECTION_MD

Over the labelled scans (Tests/DocumentCheckTests/Labelled/generate.py):
- scanned pages per second on the machine's two cores: `thidua check-scan` over the set in
  two processes at once (best of RUNS), the pages being those the check decoded;
- milliseconds per file for PDF scans, JPEG, PNG and HEIC photos (one process per kind);
- peak RSS of a checking process (/usr/bin/time's maximum resident set size);
- side by side, on the scanned PDFs, the naive way: `pdftoppm -r 60` renders every page, and
  the same colour analysis (`thidua check-scan` on the rendered pages) looks at them, also
  two at a time;
- the confusion matrix of the verdicts against the labels, and the quality flags' agreement.
These measure the check itself (`--no-read`). Reading the scans (OCR, issue 21) is measured
over the labelled first pages (Tests/DocumentReadingTests/Labelled/generate.py):
- files and pages per second with reading, two processes at once, and the share of that time
  spent reading (against the same run with `--no-read`);
- a 3-page scan checked and read on one core (`taskset -c 0`), in one process, per file;
- what was read against the labels: the unit the issuer names (`--roster`), the number, the
  date, the type, the title and the signer.
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

THIDUA, SCAN_SET, DOCUMENT_SET, SECTION = sys.argv[1:5]
RUNS = int(os.environ.get("BENCH_CHECK_RUNS", "3"))
VERDICTS = ["seal", "uncertain", "no-seal", "grayscale", "not-a-scan", "signed", "unreadable", "unchecked"]
LOOKED_AT = {"seal", "uncertain", "no-seal", "grayscale"}

labels = json.load(open(os.path.join(SCAN_SET, "labels.json"), encoding="utf-8"))["files"]
# The attachments of the intake benchmark's 1,000 messages (scripts/bench-corpus.py, seed fixed:
# 1,775 files; its manifest is read when the intake benchmark has written it).
BACKLOG_FILES = 1775
try:
    with open(".build/bench/intake-corpus/manifest.json", encoding="utf-8") as manifest:
        BACKLOG_FILES = sum(len(m["attachments"]) for m in json.load(manifest)["messages"])
except (OSError, KeyError, ValueError):
    pass


def tesseract_version():
    run = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "libtesseract5"], capture_output=True, text=True)
    return run.stdout.strip() or "?"
paths = [os.path.join(SCAN_SET, label["file"]) for label in labels]


def check(files, read=False, extra=(), pin=None):
    """Starts `thidua check-scan --json` on files (the check alone unless read); returns the
    process (output piped)."""
    command = ["/usr/bin/time", "-f", "%M", THIDUA, "check-scan", "--json", *extra, *([] if read else ["--no-read"]), *files]
    if pin is not None:
        command = ["taskset", "-c", str(pin)] + command
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


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
    script += " && /usr/bin/time -f %%M %s check-scan --json --no-read %s/*.png" % (THIDUA, folder)
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
# --- reading the scans (OCR) ------------------------------------------------------------------
documents = json.load(open(os.path.join(DOCUMENT_SET, "labels.json"), encoding="utf-8"))["files"]
document_paths = [os.path.join(DOCUMENT_SET, d["file"]) for d in documents]
roster = ["--roster", os.path.join(DOCUMENT_SET, "units.csv")]
read_best, read_results, read_peak = None, None, 0
for _ in range(RUNS):
    seconds, outputs = two_cores(document_paths, lambda files: check(files, read=True, extra=roster))
    read_peak = max([read_peak] + [rss for _, rss in outputs])
    if read_best is None or seconds < read_best:
        read_best, read_results = seconds, {r["file"]: r for out, _ in outputs for r in out}
plain_best = min(two_cores(document_paths, check)[0] for _ in range(RUNS))
document_pages = sum(read_results[p]["check"]["pages"] for p in document_paths)

# A 3-page scan: three one-page scans at 300 dpi put together by qpdf, read five times in one
# process on one core (the model loads once, as in the daemon).
three = tempfile.mkdtemp(prefix="thidua-bench-read-")
singles = [p for d, p in zip(documents, document_paths) if d["take"] == "scan300" and d["pages"] == 1][:3]
three_pdf = os.path.join(three, "three-pages.pdf")
subprocess.run(["qpdf", "--empty", "--pages", *[x for p in singles for x in (p, "1")], "--", three_pdf], check=True)
one_core = None
for _ in range(RUNS):
    began = time.monotonic()
    out, _ = finish(check([three_pdf] * 5, read=True, pin=0))
    one_core = min(one_core or 1e9, (time.monotonic() - began) / 5)
three_pages = out[0]["check"]["pages"]
shutil.rmtree(three, ignore_errors=True)

score = Counter()
for d, p in zip(documents, document_paths):
    got = read_results[p]
    doc = got["check"].get("document") or {}
    unit = (got.get("unit") or {}).get("code")
    if d["unit"] is not None:
        score["in roster"] += 1
        score["attributed"] += unit == d["unit"]
    score["wrong unit"] += unit is not None and unit != d["unit"]
    for field in ("number", "date", "type", "title", "signer"):
        score[field] += doc.get(field) == d[field]
total = len(documents)


def share(n, of):
    return "%d/%d (%.0f%%)" % (n, of, 100 * n / max(of, 1))


lines += [
    "",
    "### Reading the scans (OCR)",
    "",
    "`scripts/bench-check` (issue 21) over the labelled set of %d generated first pages" % total,
    "(`Tests/DocumentReadingTests/Labelled/generate.py`: fonts, sizes, 300 and 200 dpi scans, askew,",
    "grey, low JPEG quality, phone photos; %d of them from schools outside the roster), `thidua" % (total - score["in roster"]),
    "check-scan --roster` with Tesseract %s and its Vietnamese data. The check reads the first" % tesseract_version(),
    "page's header (down to the body's first line) and the signature block beside the seal, never",
    "the whole page. The daemon's worker, with its malloc settings (`MemoryTuning`), is measured on",
    "a backlog by `scripts/bench-verdicts` (below).",
    "",
    "| measure | value | goal |",
    "|---|---:|---|",
    "| a 3-page scan checked and read, one core | **%.2f s** | < 1.5 s |" % one_core,
    "| files checked and read per second, 2 cores | **%.2f** (%d files, %d pages, %.1f s) | |" % (
        total / read_best, total, document_pages, read_best),
    "| pages per second, 2 cores | **%.2f** | |" % (document_pages / read_best),
    "| share of the check's time spent reading | **%.0f%%** (%.1f s without reading) | |" % (
        100 * (read_best - plain_best) / read_best, plain_best),
    "| peak RSS of a reading process (60 files, glibc's malloc defaults) | **%.1f MB** | |" % (read_peak / 1024),
    "| a backlog of %d files (the intake benchmark's 1,000 messages), at this rate | %.1f min | |" % (
        BACKLOG_FILES, BACKLOG_FILES / (total / read_best) / 60),
    "",
    "What was read, against the labels (`make test` asserts the goals in `LabelledDocumentTests`):",
    "",
    "| field | right | goal |",
    "|---|---:|---|",
    "| issuer attributed to its unit | %s | ≥ 90%% |" % share(score["attributed"], score["in roster"]),
    "| issuer attributed to a wrong unit | %d | 0 |" % score["wrong unit"],
    "| number exact | %s | ≥ 90%% |" % share(score["number"], total),
    "| date exact | %s | ≥ 90%% |" % share(score["date"], total),
    "| type right | %s | ≥ 95%% |" % share(score["type"], total),
    "| title exact | %s | |" % share(score["title"], total),
    "| signer exact | %s | |" % share(score["signer"], total),
]
open(SECTION, "w", encoding="utf-8").write("\n".join(lines) + "\n")
print("\n".join(lines))
