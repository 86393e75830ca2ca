#!/usr/bin/python3
"""The mail for scripts/bench-archive: one message from each unit of the roster, from its
roster address, carrying one scan of about 20 MB (19.6-20.4 MB, each its own size).

    scripts/benchlib/archive_corpus.py OUTDIR ROSTER_CSV OFFICE_ADDRESS

Writes OUTDIR/msg-NN.eml and OUTDIR/manifest.json ({"messages": [{"file", "bytes", "unit",
"name", "attachments": [{"filename", "size", "sha256"}]}]}, the bench corpus's format plus
the unit's code and name, in roster order). The scans are scripts/mailgen's bulk scan PDFs
(one noise JPEG a page, as a scanner writes them); the file names are Vietnamese, in RFC 2231
form. Deterministic. Prints one summary line.
"""
import csv
import hashlib
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from mailgen.encoding import b64_lines  # noqa: E402
from mailgen.headers import encoded_words, rfc2231  # noqa: E402
from mailgen.mime import Leaf, Message, Multi, render  # noqa: E402
from mailgen.pdf import bulk_scan_pdf  # noqa: E402

out, roster, office = sys.argv[1], sys.argv[2], sys.argv[3]
rng = random.Random(20210223)
with open(roster, encoding="utf-8-sig", newline="") as f:
    units = [(row["code"], row["name"], row["emails"].split(";")[0].strip()) for row in csv.DictReader(f)]
os.makedirs(out, exist_ok=True)
manifest = {"messages": []}
for number, (code, name, address) in enumerate(units, 1):
    data = bulk_scan_pdf(rng, 20_000_000 + rng.randrange(-400_000, 400_001))
    filename = "Kế hoạch thi đua khen thưởng năm 2021 - %s.pdf" % code
    body = "Kính gửi Phòng GDĐT,\nTrường %s gửi kế hoạch thi đua khen thưởng năm 2021 (bản scan có dấu đỏ).\n" % name
    parts = [
        Leaf(["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64"],
             b64_lines(body.encode(), eol="\r\n")),
        Leaf(["Content-Type: application/pdf;\r\n\t%s" % rfc2231("name", filename, "UTF-8")[0],
              "Content-Disposition: attachment;\r\n\t%s" % rfc2231("filename", filename, "UTF-8")[0],
              "Content-Transfer-Encoding: base64"], b64_lines(data, eol="\r\n")),
    ]
    headers = [
        "From: %s <%s>" % (" ".join(encoded_words(name)), address),
        "To: %s" % office,
        "Subject: %s" % "\r\n ".join(encoded_words("Kế hoạch thi đua khen thưởng năm 2021 - %s" % name)),
        "Date: Thu, 18 Feb 2021 %02d:%02d:00 +0700" % (8 + number % 9, number % 60),
        "Message-ID: <archive-%02d@schools.example>" % number,
        "MIME-Version: 1.0",
    ]
    raw = render(Message(headers, Multi("mixed", "archive-%06d" % number, parts)), "\r\n", translate=False)
    file = "msg-%02d.eml" % number
    with open(os.path.join(out, file), "wb") as f:
        f.write(raw)
    manifest["messages"].append({
        "file": file, "bytes": len(raw), "unit": code, "name": name,
        "attachments": [{"filename": filename, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}]})
with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
    json.dump(manifest, f, ensure_ascii=False)
sizes = [m["attachments"][0]["size"] for m in manifest["messages"]]
print("archive corpus: %d messages (%.0f MB of mail), %d scans of %.1f-%.1f MB, %.0f MB in all" % (
    len(sizes), sum(m["bytes"] for m in manifest["messages"]) / 1e6, len(sizes), min(sizes) / 1e6,
    max(sizes) / 1e6, sum(sizes) / 1e6))
