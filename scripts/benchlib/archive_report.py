#!/usr/bin/python3
"""The "Campaign archive" section, from what scripts/bench-archive left in WORK.

    scripts/benchlib/archive_report.py WORK CORES RATE COMMANDS

WORK holds manifest.json (archive_corpus.py's) and, for each download LABEL (full, slow),
LABEL.curl (curl's -w "time_total time_starttransfer size_download speed_download http_code"), LABEL.times (unix start and end
of curl), LABEL.hwm (VmHWM in kB before and after), LABEL.samples (archive_sample.py) and
LABEL.json (archive_verify.py). Baseline RSS is the last sample before curl started; the
peak is the largest sample while it ran. Exits 1 if either peak is a quarter of the archive
or more above its baseline: then the archive is not being streamed.
"""
import json
import os
import sys

work, cores, rate, commands = sys.argv[1:5]
MB = 1e6


def mib(kb):
    return kb / 1024


def download(label):
    wall, _, size, speed, code = open(os.path.join(work, label + ".curl")).read().split()
    start, end = (float(v) for v in open(os.path.join(work, label + ".times")).read().split())
    hwm_before, hwm_after = (int(v) for v in open(os.path.join(work, label + ".hwm")).read().split())
    samples = [tuple(float(v) for v in line.split()) for line in open(os.path.join(work, label + ".samples"))]
    before = [s for s in samples if s[0] < start]
    during = [s for s in samples if start <= s[0] <= end]
    if not before or not during:
        sys.exit("bench-archive: %s: no RSS samples before or during the download" % label)
    size = int(size)
    quarters = []
    for q in range(4):
        part = [s[1] for s in during if q * size / 4 <= s[2] <= (q + 1) * size / 4]
        quarters.append(max(part) if part else None)
    verified = json.load(open(os.path.join(work, label + ".json"), encoding="utf-8"))
    return {
        "wall": float(wall), "size": size, "speed": float(speed), "code": code,
        "baseline": before[-1][1], "peak": max(s[1] for s in during), "samples": len(during),
        "hwm_before": hwm_before, "hwm_after": hwm_after, "quarters": quarters, "verified": verified,
    }


messages = json.load(open(os.path.join(work, "manifest.json"), encoding="utf-8"))["messages"]
scans = [a["size"] for m in messages for a in m["attachments"]]
full, slow = download("full"), download("slow")
limit = full["size"] / 4 / 1024
checks = full["verified"]["checks"]
passed = [sum(c["ok"] for c in d["verified"]["checks"]) for d in (full, slow)]


def rise(d):
    return mib(d["peak"] - d["baseline"])


def quarters(d):
    return " / ".join("%.1f" % mib(q) if q is not None else "–" for q in d["quarters"])


lines = [
    "## Campaign archive",
    "",
    "`scripts/bench-archive`: \"Tải tất cả\" (`GET /campaigns/{id}/archive.zip`) for 60 units × 20 MB.",
    "Each of the %d units of `config/units.csv` mails one scan of %.1f–%.1f MB from its roster address" % (
        len(messages), min(scans) / MB, max(scans) / MB),
    "(a PDF of noise JPEG pages, a Vietnamese file name; %.0f MB of scans, %.0f MB of mail) to a local" % (
        sum(scans) / MB, sum(m["bytes"] for m in messages) / MB),
    "Dovecot; `thidua run --once` (release build, %s cores, document check off) records them, then" % cores,
    "`thidua run` serves the dashboard and curl downloads the archive as a logged-in officer, once at",
    "full speed and once limited to %s/s (`curl --limit-rate %s`), slower than the disk. The files" % (
        rate.replace("M", " MiB"), rate),
    "are read out of the stored raw mail (nothing pruned). The daemon's VmRSS is read from",
    "`/proc/PID/status` every 100 ms; the baseline is the last sample before the download.",
    "",
    "```",
    commands,
    "```",
    "",
    "| measure | full speed | client at %s/s | goal |" % rate.replace("M", " MiB"),
    "|---|---:|---:|---|",
    "| archive | %.1f MB, %d members | %.1f MB, %d members | |" % (
        full["size"] / MB, full["verified"]["members"], slow["size"] / MB, slow["verified"]["members"]),
    "| time | **%.1f s** | %.1f s | |" % (full["wall"], slow["wall"]),
    "| throughput | **%.0f MB/s** | %.1f MB/s | |" % (full["speed"] / MB, slow["speed"] / MB),
    "| daemon RSS before the download | %.1f MB | %.1f MB | |" % (mib(full["baseline"]), mib(slow["baseline"])),
    "| peak RSS during it (%d / %d samples) | %.1f MB (**+%.1f MB**) | %.1f MB (**+%.1f MB**) | "
    "< %.0f MB (¼ of the archive) |" % (full["samples"], slow["samples"], mib(full["peak"]), rise(full),
                                       mib(slow["peak"]), rise(slow), mib(limit)),
    "| peak RSS in each quarter of the archive | %s MB | %s MB | flat |" % (quarters(full), quarters(slow)),
    "| VmHWM before / after | %.1f / %.1f MB | %.1f / %.1f MB | |" % (
        mib(full["hwm_before"]), mib(full["hwm_after"]), mib(slow["hwm_before"]), mib(slow["hwm_after"])),
    "| checks passed (Python `zipfile`) | %d / %d | %d / %d | all |" % (
        passed[0], len(checks), passed[1], len(slow["verified"]["checks"])),
    "",
    "Checks, on both archives: " + "; ".join(c["name"] for c in checks) + ".",
    "",
    "RSS rises by about one message's worth (a file still in its raw mail is decoded from the whole",
    "message: here %.1f MB of mail for a %.1f MB scan, on average) and stays there to the end of the" % (
        sum(m["bytes"] for m in messages) / len(messages) / MB, sum(scans) / len(scans) / MB),
    "archive, at full speed and when the client is the slower side.",
]
print("\n".join(lines))
for label, d in (("full speed", full), ("limited", slow)):
    if d["peak"] - d["baseline"] >= limit:
        sys.exit("bench-archive: %s: RSS rose %.1f MB during the download of a %.1f MB archive: not streamed" % (
            label, rise(d), d["size"] / MB))
