#!/usr/bin/python3
"""The "Verdicts of a backlog" section, from the store scripts/bench-verdicts left.

    scripts/benchlib/verdicts_report.py DATABASE COUNT "INTAKE_TIMES" "WHOLE_TIMES" CORPUS_LINE CORES

TIMES are /usr/bin/time's "wall user sys maxrss_kb". Checks that every file has its verdict.
"""
import sqlite3
import sys

database, count, intake, whole, corpus, cores = sys.argv[1:7]
intake_wall, whole_wall = float(intake.split()[0]), float(whole.split()[0])
whole_rss = int(whole.split()[3]) / 1024
db = sqlite3.connect(database)
messages = db.execute("SELECT count(*) FROM messages").fetchone()[0]
files = db.execute("SELECT count(DISTINCT sha256) FROM attachments").fetchone()[0]
checked = db.execute("SELECT count(*) FROM document_checks").fetchone()[0]
read = db.execute("SELECT count(*) FROM document_checks WHERE doc_confidence IS NOT NULL").fetchone()[0]
waiting = db.execute("SELECT count(*) FROM messages WHERE checked_at IS NULL").fetchone()[0]
attributed = db.execute("SELECT count(*) FROM events WHERE kind = 'message.attributed'").fetchone()[0]
verdicts = db.execute("SELECT verdict, count(*) FROM document_checks GROUP BY verdict ORDER BY 2 DESC").fetchall()
if messages != int(count) or checked != files or waiting:
    sys.exit("bench-verdicts: %d of %s messages stored, %d of %d files checked, %d messages not concluded" % (
        messages, count, checked, files, waiting))
minutes = whole_wall / 60
lines = [
    "## Verdicts of a backlog",
    "",
    "`scripts/bench-verdicts` (issue 21): %s messages of school mail carrying real scans and photos" % count,
    "(%s; the labelled sets' PDFs, JPEGs and PNGs, each made unique by bytes" % corpus.replace("verdicts corpus: ", ""),
    "their readers ignore, so none is checked once for two messages) wait in a local Dovecot's",
    "mailbox; `thidua run --once` (release build, %s cores) records them all, then checks and reads" % cores,
    "every file as the daemon's worker does (one file a core, below intake's priority). Every verdict",
    "is in when the run ends: that is the time after the last message arrived.",
    "",
    "| measure | value | goal |",
    "|---|---:|---|",
    "| intake alone (the check off) | %.1f s | |" % intake_wall,
    "| intake, then every file checked and read | **%.1f s (%.1f min)** | ≤ 10 min |" % (whole_wall, minutes),
    "| files checked | %d (%d read: issuer, number, date, …) | |" % (checked, read),
    "| messages attributed by their scan's header | %d | |" % attributed,
    "| peak RSS | %.1f MB | |" % whole_rss,
    "",
    "Verdicts: " + ", ".join("%s %d" % row for row in verdicts) + ".",
]
print("\n".join(lines))
