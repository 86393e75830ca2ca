#!/usr/bin/python3
"""The backlog for scripts/bench-verdicts: school mail carrying real scans and photos.

    scripts/benchlib/verdicts_corpus.py OUTDIR COUNT SCAN_SET DOCUMENT_SET

Writes OUTDIR/msg-NNNN.eml and OUTDIR/manifest.json ({"messages": [{"file", "bytes",
"attachments"}]}, the bench corpus's format). Each message carries 1-3 files (as the intake
benchmark's, 1.8 on average) taken in turn from the labelled scans and first pages (PDF,
JPEG and PNG files; not HEIC, whose trailing bytes libheif refuses), each made unique by
bytes its readers ignore (after %%EOF, after a JPEG's EOI, after a PNG's IEND), so that no
file is checked once for several messages. A third of the messages come from addresses of
the documents' roster, the rest from personal addresses naming no school. Deterministic.
"""
import hashlib
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from mailgen.encoding import b64_lines  # noqa: E402
from mailgen.headers import encoded_words  # noqa: E402
from mailgen.mime import Leaf, Message, Multi, render  # noqa: E402

out, count, scan_set, document_set = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rng = random.Random(20210222)
pool = []
for folder in (document_set, scan_set):
    for name in sorted(os.listdir(folder)):
        if name.endswith((".pdf", ".jpg", ".png")) and name[:3].isdigit():
            pool.append(os.path.join(folder, name))
rng.shuffle(pool)
units = []
with open(os.path.join(document_set, "units.csv"), encoding="utf-8") as f:
    for line in f.read().splitlines()[1:]:
        code, name, level, email = line.split(",")
        units.append((name, email))
types = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".png": "image/png"}
os.makedirs(out, exist_ok=True)
manifest = {"messages": []}
taken = 0
for number in range(1, count + 1):
    name, address = rng.choice(units)
    if rng.random() >= 1 / 3:
        address = "giaovien%04d@personal.example" % number
    parts = [Leaf(["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64"],
                  b64_lines("Kính gửi Phòng GDĐT,\nEm gửi kế hoạch thi đua khen thưởng năm 2021 ạ.\n".encode(), eol="\r\n"))]
    attachments = []
    for index in range(rng.choices([1, 2, 3], weights=[5, 3, 2])[0]):
        path = pool[taken % len(pool)]
        taken += 1
        data = open(path, "rb").read()
        stem, extension = os.path.splitext(path)
        data += b"\n%% copy " + str(taken).encode() + b"\n" if extension == ".pdf" else b"thidua-copy-%d" % taken
        filename = "scan-%d%s" % (index + 1, extension)
        parts.append(Leaf(["Content-Type: %s; name=\"%s\"" % (types[extension], filename),
                           "Content-Disposition: attachment; filename=\"%s\"" % filename,
                           "Content-Transfer-Encoding: base64"], b64_lines(data, eol="\r\n")))
        attachments.append({"filename": filename, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    headers = [
        "From: %s" % address,
        "To: thidua.gdbd@pgd.example",
        "Subject: %s" % "\r\n ".join(encoded_words("Kế hoạch thi đua khen thưởng năm 2021")),
        "Date: Thu, 18 Feb 2021 %02d:%02d:00 +0700" % (7 + number % 10, number % 60),
        "Message-ID: <verdicts-%04d@personal.example>" % number,
        "MIME-Version: 1.0",
    ]
    raw = render(Message(headers, Multi("mixed", "b%06d" % number, parts)), "\r\n", translate=False)
    file = "msg-%04d.eml" % number
    with open(os.path.join(out, file), "wb") as f:
        f.write(raw)
    manifest["messages"].append({"file": file, "bytes": len(raw), "attachments": attachments})
with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
    json.dump(manifest, f)
print("verdicts corpus: %d messages, %d files, %.0f MB" % (
    count, taken, sum(m["bytes"] for m in manifest["messages"]) / 1e6))
