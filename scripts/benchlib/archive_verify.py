#!/usr/bin/python3
"""Checks what scripts/bench-archive downloaded, with Python's zipfile.

    scripts/benchlib/archive_verify.py ledger STATUS_JSON COUNT
    scripts/benchlib/archive_verify.py zip ZIP MANIFEST CAMPAIGN OUT_JSON

`ledger`: `thidua status --json` counts COUNT units received (on time or late).
`zip`: the archive against the corpus's manifest (archive_corpus.py): testzip() finds every
CRC-32 right; 1 + N folders + N files; the unit table "<CAMPAIGN> - Danh sách đơn vị.xlsx"
first (itself a workbook); then each unit's folder "CODE - Tên đơn vị/" in roster order
followed by its file under the name it was sent with; the UTF-8 flag (0x800) on every
member; each file's SHA-256 that of the attachment sent. Prints each check, writes them to
OUT_JSON ({"bytes", "members", "checks": [{"name", "ok", "detail"}]}), exits 1 if any fails.
"""
import hashlib
import io
import json
import os
import sys
import unicodedata
import zipfile


def nfc(text):
    return unicodedata.normalize("NFC", text)


def ledger(path, count):
    summary = json.load(open(path, encoding="utf-8"))["summary"]
    received = summary["received"] + summary["late"]
    if received != count:
        sys.exit("bench-archive: the ledger counts %d of %d units received (summary: %s)" % (received, count, summary))
    print("bench-archive: the ledger counts %d of %d units received" % (received, count))


def verify(path, manifest_path, campaign, out):
    messages = json.load(open(manifest_path, encoding="utf-8"))["messages"]
    checks = []

    def check(name, ok, detail=""):
        checks.append({"name": name, "ok": bool(ok), "detail": detail})
        print("bench-archive: %s %s%s" % ("ok  " if ok else "FAIL", name, " (%s)" % detail if detail else ""))

    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        sys.exit("bench-archive: FAIL %s is not a readable ZIP: %s" % (path, error))
    with archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        bad = archive.testzip()
        check("testzip() is None: every member's CRC-32 right", bad is None, "first bad member: %s" % bad if bad else "")

        count = len(messages)
        directories = sum(info.is_dir() for info in infos)
        shaped = len(infos) == 1 + 2 * count and directories == count
        check("%d members: the unit table, %d folders, %d files" % (1 + 2 * count, count, count), shaped,
              "" if shaped else "%d members, %d folders" % (len(infos), directories))

        table = "%s - Danh sách đơn vị.xlsx" % campaign
        workbook = False
        if infos and nfc(names[0]) == nfc(table):
            try:
                workbook = "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(archive.read(infos[0]))).namelist()
            except zipfile.BadZipFile:
                pass
        check("first member is \"%s\", a workbook" % table, workbook,
              "" if workbook else "first member: %r" % (names[0] if names else None))

        expected = [table]
        for message in messages:
            folder = "%s - %s/" % (message["unit"], message["name"])
            expected.append(folder)
            expected.extend(folder + a["filename"] for a in message["attachments"])
        wrong = [(i, got, want) for i, (got, want) in enumerate(zip(names, expected)) if got != nfc(want)]
        check("each unit's folder \"CODE - Tên đơn vị/\" in roster order, holding its file under the name sent",
              not wrong and len(names) == len(expected),
              "; ".join("member %d is %r, expected %r" % w for w in wrong[:3]))

        ascii_only = [info.filename for info in infos if not info.flag_bits & 0x800]
        check("UTF-8 flag (0x800) on every member", not ascii_only, "without it: %s" % ascii_only[:3] if ascii_only else "")

        by_name = {info.filename: info for info in infos}
        mismatched, hashed = [], 0
        for message in messages:
            folder = "%s - %s/" % (message["unit"], message["name"])
            for attachment in message["attachments"]:
                info = by_name.get(nfc(folder + attachment["filename"]))
                digest = hashlib.sha256()
                if info is not None:
                    with archive.open(info) as member:
                        while chunk := member.read(1 << 20):
                            digest.update(chunk)
                    hashed += info.file_size
                if info is None or digest.hexdigest() != attachment["sha256"]:
                    mismatched.append(folder + attachment["filename"])
        check("each file's SHA-256 equals the attachment sent", not mismatched,
              "%d files, %.1f MB hashed%s" % (count - len(mismatched), hashed / 1e6,
                                               "; differ or missing: %s" % mismatched[:3] if mismatched else ""))

    result = {"bytes": os.path.getsize(path), "members": len(names), "checks": checks}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
    if not all(c["ok"] for c in checks):
        sys.exit("bench-archive: %s: %d of %d checks failed" % (
            path, sum(not c["ok"] for c in checks), len(checks)))


if sys.argv[1] == "ledger":
    ledger(sys.argv[2], int(sys.argv[3]))
elif sys.argv[1] == "zip":
    verify(*sys.argv[2:6])
else:
    sys.exit(__doc__)
