#!/usr/bin/python3
"""Fills the dashboard benchmark's store with COUNT messages, their attachments and the units'
receipts, written straight into SQLite (the schema is thidua's own, made by `thidua status`).

    scripts/benchlib/dashboard_store.py DB ROSTER COUNT CONFIG

Called by scripts/bench-dashboard, from the repository root.
"""
import csv, datetime as dt, hashlib, random, re, sqlite3, sys
db, roster, count, config = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
random.seed(11)
codes = [row["code"] for row in csv.DictReader(open(roster, encoding="utf-8"))]
campaign = re.search(r"(?m)^  - id: (\S+)", open(config, encoding="utf-8").read()).group(1)
base = dt.datetime(2021, 2, 8, 1, 0, 0)
fmt = lambda t: t.strftime("%Y-%m-%d %H:%M:%S.000")
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=WAL")
messages, attachments, receipts = [], [], {}
for i in range(1, count + 1):
    unit = random.choice(codes) if random.random() > 0.04 else None
    received = base + dt.timedelta(seconds=random.randrange(0, 16 * 86400))
    status = random.choice(["received"] * 8 + ["late", "needs_review"]) if unit else None
    digest = hashlib.sha256(str(i).encode()).hexdigest()
    messages.append((i, "INBOX", 1, i, f"<m{i}@schools.example>", digest, f"raw/{digest[:2]}/{digest}.eml", 900000,
                     f"u{i}@schools.example", "Trường", f"Kế hoạch thi đua 2021 số {i}", fmt(received), fmt(received), fmt(received),
                     unit, 0.9 if unit else None, "địa chỉ đã biết" if unit else None, campaign if unit else None, status,
                     "tệp Word, không phải bản scan" if status == "needs_review" else None))
    for position in range(random.choice([1, 1, 2])):
        attachments.append((i, position, f"Kế hoạch {i}-{position}.pdf", "application/pdf", 700000, digest, "scan-pdf",
                            f"files/{digest[:2]}/{digest}-{position}.pdf"))
    if unit and (unit not in receipts or status in ("received", "late")):
        receipts[unit] = (campaign, unit, status, i, fmt(received), fmt(received), None)
con.executemany("""INSERT INTO messages (id, mailbox, uid_validity, uid, message_id, sha256, raw_path, size, from_address, from_name,
    subject, sent_at, received_at, stored_at, unit_code, match_confidence, match_reason, campaign_id, status, problems)
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", messages)
con.executemany("INSERT INTO attachments (message_id, position, filename, content_type, size, sha256, kind, stored_path) VALUES (?,?,?,?,?,?,?,?)",
                attachments)
con.executemany("INSERT INTO receipts (campaign_id, unit_code, status, message_id, received_at, updated_at, note) VALUES (?,?,?,?,?,?,?)",
                list(receipts.values()))
con.commit()
print("bench-dashboard: %d messages, %d attachments, %d units with a receipt in %s" % (len(messages), len(attachments), len(receipts), campaign))
con.execute("ANALYZE")
con.close()
