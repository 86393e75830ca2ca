#!/usr/bin/python3
"""Writes the soak section of BENCHMARKS.md (.build/bench/section-soak.md) from the feed,
mailbox, store and RSS samples in WORK, and prints it.

    scripts/benchlib/soak_report.py WORK EXIT_STATUS HWM_KB COMMANDS SECONDS POLL RATE RESTART_EVERY SAMPLE

Called by scripts/bench-soak, from the repository root.
"""
import json, os, re, statistics, sys
work, exit_status, hwm, commands, seconds, poll, rate, restart_every, sample = sys.argv[1:10]
feed = json.load(open(os.path.join(work, "feed.json")))
mailbox = json.load(open(os.path.join(work, "mailbox.json")))
status = json.load(open(os.path.join(work, "status.json")))
rows = [tuple(map(int, l.split())) for l in open(os.path.join(work, "rows.txt")) if l.strip()]
errors, unmatched, attachments, acks = (open(os.path.join(work, "store.txt")).read().strip().split("|") + ["?"] * 4)[:4]
samples = [(float(t), int(kb)) for t, kb in (l.split() for l in open(os.path.join(work, "rss.tsv")))]
restarts = [l.split() for l in open(os.path.join(work, "restarts.tsv")) if l.strip()]
log = open(os.path.join(work, "thidua.log"), encoding="utf-8", errors="replace").read().splitlines()

row_uids = [uid for validity, uid in rows if validity == mailbox["uidvalidity"]]
box = set(mailbox["uids"])
missing = box - set(row_uids)
extra = set(row_uids) - box
duplicates = len(row_uids) - len(set(row_uids))
other_validity = len(rows) - len(row_uids)
# The feeder's side: every message it delivered is in the mailbox. A retry after Dovecot
# accepted a message just as it went down puts a second copy there (another UID): thidua
# must record that copy too, as its own message, so the check is per UID.
undelivered = set(feed["ids"]) - set(mailbox["ids"])
extra_copies = len(box) - len(set(mailbox["ids"]))
lost_nothing = not undelivered and not missing and not extra and not duplicates and not other_validity \
    and mailbox["seen"] == 0 and len(box) == status["intake"]["messages"]

mb = lambda kb: kb / 1024
values = [kb for _, kb in samples]
quarter = max(1, len(samples) // 4)
first, last = [kb for _, kb in samples[:quarter]], [kb for _, kb in samples[-quarter:]]
def stats(v):
    return "%.1f / %.1f / %.1f" % (mb(min(v)), mb(statistics.median(v)), mb(max(v))) if v else "n/a"
growth = mb(statistics.median(last) - statistics.median(first)) if samples else float("nan")
flat = samples and statistics.median(last) <= statistics.median(first) * 1.10
errors_logged = [l for l in log if " level=error " in l]
poll_errors = [l for l in errors_logged if "reading the mailbox failed" in l]
recovered = [l for l in log if "reading the mailbox works again" in l]
shutdown_ok = exit_status == "0"

def median_of(v):
    return statistics.median(v) if v else 0

out = []
out.append("## Soak\n")
poll_seconds = float(poll[:-1]) * {"s": 1, "m": 60, "h": 3600}[poll[-1]]
duration = "%d s" % int(seconds) if int(seconds) < 120 else "%d minutes" % (int(seconds) // 60)
out.append("Issue 8, point 6: a long day of the daemon compressed into %s — `thidua run` (the ServiceGroup daemon, "
           "release build) polling every %s (%g× the default 60s), school mail arriving steadily over LMTP (about one in ten "
           "malformed: no attachment, unclosed boundary, broken base64, raw 8-bit subject, unknown sender; a few ~1 MB scans), "
           "and Dovecot restarted every %s s. RSS is read from `/proc/PID/status` every %s s. Measured, not asserted.\n"
           % (duration, poll, 60 / poll_seconds, restart_every, sample))
out.append("```\n%s\n```\n" % commands)
out.append("| | |\n|---|---|")
out.append("| messages delivered (LMTP) | %d (%.1f MB; %s) |" % (feed["delivered"], feed["bytes"] / 1e6,
           ", ".join("%s %d" % kv for kv in sorted(feed["kinds"].items()))))
out.append("| delivery attempts refused while Dovecot restarted (retried) | %d |" % feed["attempt_failures"])
out.append("| messages in the office INBOX at the end | %d (none `\\Seen`: %s; delivered but absent: %d; second copies from a retried delivery: %d) |"
           % (len(box), "yes" if mailbox["seen"] == 0 else "NO, %d" % mailbox["seen"], len(undelivered), extra_copies))
out.append("| recorded by thidua (`status --json` intake.messages) | %d |" % status["intake"]["messages"])
out.append("| mailbox UIDs not recorded / rows with no such UID / duplicate rows | %d / %d / %d |" % (len(missing), len(extra), duplicates))
out.append("| kept for review (no unit) / with parse defects / attachments / acknowledgements sent | %s / %s / %s / %s |"
           % (unmatched, errors, attachments, acks))
out.append("| Dovecot restarts | %d (each %s s; failures: %d) |" % (len(restarts),
           "%.1f–%.1f" % (min(float(r[1]) for r in restarts), max(float(r[1]) for r in restarts)) if restarts else "-",
           sum(r[2] != "0" for r in restarts)))
out.append("| poll failures logged (once per change of state) / recoveries logged | %d / %d |" % (len(poll_errors), len(recovered)))
out.append("| other error lines in the log | %d |" % (len(errors_logged) - len(poll_errors)))
out.append("| catch-up after the last delivery | %.0f s |" % feed["drain_seconds"])
out.append("| SIGTERM at the end | exit status %s |" % exit_status)
out.append("| RSS min / median / max, whole run (%d samples) | %s MB |" % (len(values), stats(values)))
out.append("| RSS min / median / max, first quarter | %s MB |" % stats(first))
out.append("| RSS min / median / max, last quarter | %s MB |" % stats(last))
out.append("| peak RSS (VmHWM) | %.1f MB |" % mb(int(hwm or 0)))
load = lambda name: open(os.path.join(work, name)).read().split("load average:")[-1].strip()
out.append("| load average before / after (%d cores, shared) | %s / %s |" % (os.cpu_count(), load("load-before"), load("load-after")))
out.append("")
# RSS over time, one line per tenth of the run.
if samples:
    out.append("RSS over time (MB, median of each tenth of the run): " + ", ".join(
        "%.1f" % mb(median_of([kb for t, kb in samples if samples[-1][0] * i / 10 <= t < samples[-1][0] * (i + 1) / 10 + (i == 9)]))
        for i in range(10)) + ".\n")
    # The first rise is the start-up (config, store, first poll); the others show whether
    # RSS creeps (many small rises) or steps (a few, as the allocator keeps larger buffers).
    rises = sorted(((b[1] - a[1], b[0]) for a, b in zip(samples[1:], samples[2:])), reverse=True)[:5]
    out.append("Largest rises between two samples after start-up: " + ", ".join(
        "%+.1f MB at %.0f s" % (mb(kb), t) for kb, t in sorted(rises, key=lambda r: r[1]) if kb > 0)
        + "; Dovecot restarted at " + ", ".join("%.0f s" % float(r[0]) for r in restarts) + ".\n")
verdict = []
verdict.append("**lost nothing**: every message delivered is in the mailbox, every message in the mailbox (UID) is recorded exactly once, none marked \\Seen"
               if lost_nothing else "**LOSS OR DUPLICATE**: see the table (missing, extra or duplicate rows, or \\Seen set)")
verdict.append("**RSS flat**: the last quarter's median is %+.1f MB from the first quarter's (criterion: within 10%%)" % growth
               if flat else "**RSS grew**: the last quarter's median is %+.1f MB above the first quarter's (more than 10%%)" % growth)
verdict.append("graceful stop: exit %s" % exit_status + ("" if shutdown_ok else " (expected 0)"))
out.append("Verdict: " + "; ".join(verdict) + ".")
os.makedirs(".build/bench", exist_ok=True)
open(".build/bench/section-soak.md", "w", encoding="utf-8").write("\n".join(out) + "\n")
print("\n".join(out))
