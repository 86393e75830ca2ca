#!/usr/bin/python3
"""Deterministic generator of the `make bench` corpus: realistic school submissions.

    scripts/bench-corpus.py OUTDIR [COUNT] [TARGET_MB]

Writes OUTDIR/msg-NNNN.eml (CRLF, multipart/mixed, Vietnamese RFC 2047 subject, a text
body, 1-3 attachments of 100 KB - 2 MB: scanned-PDF-like (one in thirty with a broken
cross-reference table) and JPEG-like binary content,
base64 at 76 columns, Vietnamese filenames in the RFC 2231 or RFC 2047 forms that Gmail,
Outlook, Thunderbird, Yahoo and Apple Mail use, some longer than 80 bytes) and
OUTDIR/manifest.json: for every message the expected (filename, size, sha256) of each
attachment. The same arguments always give the same bytes. Stdlib only; the encodings,
MIME rendering and scans come from scripts/mailgen.
"""
import hashlib
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mailgen.encoding import b64_lines  # noqa: E402
from mailgen.headers import encoded_words, rfc2231  # noqa: E402
from mailgen.images import sized_jpeg  # noqa: E402
from mailgen.mime import Leaf, Message, Multi, render  # noqa: E402
from mailgen.pdf import bulk_scan_pdf  # noqa: E402

VERSION = 2
SEED = 20210221

UNITS = [
    ("MN", "Mầm non Hoa Sen"), ("MN", "Mầm non Sơn Ca"), ("MN", "Mầm non Họa Mi"),
    ("MN", "Mầm non Bình Minh"), ("MN", "Mầm non Tuổi Thơ"), ("TH", "Tiểu học Lê Văn Tám"),
    ("TH", "Tiểu học Nguyễn Trãi"), ("TH", "Tiểu học Kim Đồng"), ("TH", "Tiểu học Thăng Long"),
    ("TH", "Tiểu học Đống Đa"), ("THCS", "THCS Nguyễn Du"), ("THCS", "THCS Trưng Vương"),
    ("THCS", "THCS Phạm Hồng Thái"), ("THCS", "THCS Thành Công"), ("THCS", "THCS Giảng Võ"),
]
PEOPLE = ["Nguyễn Thị Hương", "Trần Văn Đức", "Lê Thị Thu Hằng", "Phạm Quốc Việt",
          "Hoàng Thị Ngọc Ánh", "Vũ Đình Trọng", "Đặng Thị Mỹ Dung", "Bùi Thị Thủy"]
SUBJECTS = [
    "Kế hoạch thi đua khen thưởng năm 2021 - {unit}",
    "V/v gửi kế hoạch thi đua, khen thưởng năm học 2020-2021 ({unit})",
    "Trường {unit} gửi bản scan kế hoạch có dấu đỏ",
    "Fwd: Kế hoạch số 11/KH-PGDĐT - {unit} nộp báo cáo",
    "Re: Đôn đốc nộp kế hoạch thi đua - {unit}",
]
BODIES = [
    "Kính gửi Phòng Giáo dục và Đào tạo quận Ba Đình,\r\n\r\nTrường {unit} xin gửi kế hoạch "
    "thi đua khen thưởng năm 2021 (bản scan có dấu đỏ) theo Kế hoạch số 11/KH-PGDĐT.\r\n\r\n"
    "Trân trọng,\r\n{person}\r\nVăn thư trường {unit}\r\n",
    "Dạ em gửi bản kế hoạch của trường {unit} ạ. Em cảm ơn ạ!\r\n\r\n-- \r\n{person}\r\n",
]
STEMS_PDF = [
    "Kế hoạch thi đua khen thưởng năm 2021",
    "KH thi đua {unit}",
    "Bản scan kế hoạch thi đua khen thưởng năm học 2020-2021 có dấu đỏ - Trường {unit}",
    "Kế hoạch số 05_KH-{code} về việc tổ chức phong trào thi đua năm 2021 của trường {unit}",
    "Đăng ký danh hiệu thi đua {unit}",
    "Biên bản họp Hội đồng thi đua khen thưởng",
]
STEMS_JPG = [
    "Ảnh chụp kế hoạch trang {page}",
    "Trang {page} - kế hoạch thi đua có dấu đỏ của trường {unit} (ảnh chụp bằng điện thoại)",
    "Scan trang {page}",
    "Kế hoạch thi đua trang {page} đã ký và đóng dấu",
]


def b_words(text, limit=45):
    """RFC 2047 B-encoded words of at most `limit` bytes each, split on character
    boundaries (as Gmail and Outlook do), folded onto separate lines."""
    return "\r\n ".join(encoded_words(text, "utf-8", "B", max_bytes=limit, label="UTF-8"))


def q_word(text):
    """One RFC 2047 Q-encoded word, however long (as Yahoo writes it)."""
    return encoded_words(text, "utf-8", "Q")[0]


def continuations(param, text, pieces):
    """`param*=UTF-8''…` or, split in `pieces` continuations, `param*0*=…; param*1*=…`."""
    return ";\r\n ".join(rfc2231(param, text, "UTF-8", pieces=pieces, split="escaped"))


def headers_for(style, name, content_type):
    """The Content-Type / Content-Disposition lines each mail client writes for `name`."""
    if style == "gmail":
        return ["Content-Type: %s; name=\"%s\"" % (content_type, b_words(name)),
                "Content-Disposition: attachment; filename=\"%s\"" % b_words(name)]
    if style == "outlook":
        return ["Content-Type: %s;\r\n\tname=\"%s\"" % (content_type, b_words(name, 60)),
                "Content-Description: %s" % b_words(name, 60),
                "Content-Disposition: attachment;\r\n\tfilename=\"%s\";\r\n\tsize=0" % b_words(name, 60)]
    if style == "yahoo":
        return ["Content-Type: %s; name=\"%s\"" % (content_type, q_word(name)),
                "Content-Disposition: attachment; filename=\"%s\"" % q_word(name)]
    if style == "thunderbird":
        pieces = 1 if len(name.encode()) < 40 else 3
        return ["Content-Type: %s;\r\n name=\"%s\"" % (content_type, b_words(name)),
                "Content-Disposition: attachment;\r\n %s" % continuations("filename", name, pieces)]
    # apple: RFC 2231 everywhere, continuations for long names
    pieces = 1 if len(name.encode()) < 60 else 2
    return ["Content-Disposition: attachment;\r\n\t%s" % continuations("filename", name, pieces),
            "Content-Type: %s;\r\n\t%s" % (content_type, continuations("name", name, pieces))]


def attachment_size(rng):
    # Skewed towards small scans, up to 2 MB: about 300 MB for 300 messages.
    return int(100_000 + 1_900_000 * rng.random() ** 4)


def main():
    outdir = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(SEED)
    manifest = {"version": VERSION, "seed": SEED, "messages": []}
    styles = ["gmail", "outlook", "yahoo", "thunderbird", "apple"]
    total = 0
    for number in range(1, count + 1):
        level, unit = rng.choice(UNITS)
        code = "%s-%02d" % (level, rng.randrange(1, 30))
        person = rng.choice(PEOPLE)
        style = styles[number % len(styles)]
        subject = rng.choice(SUBJECTS).format(unit=unit)
        boundary = "----=_Part_%d_%d.%d" % (number, rng.randrange(10**8), 1613350000 + number)
        headers = [
            "Return-Path: <vanthu.%d@example.edu.vn>" % number,
            "Message-ID: <bench-%04d.%d@mail.example.edu.vn>" % (number, rng.randrange(10**9)),
            "Date: %s, %02d Feb 2021 %02d:%02d:%02d +0700" % (
                ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][number % 7],
                8 + number % 14, 7 + number % 10, number % 60, (number * 7) % 60),
            "From: %s <vanthu.%d@example.edu.vn>" % (b_words(person), number),
            "To: thidua.gdbd@gmail.com",
            "Subject: %s" % b_words(subject),
            "MIME-Version: 1.0",
        ]
        parts = [Leaf(["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64"],
                      b64_lines(rng.choice(BODIES).format(unit=unit, person=person).encode(), eol="\r\n"))]
        expected = []
        used = set()
        for index in range(rng.choices([1, 2, 3], weights=[5, 3, 2])[0]):
            size = attachment_size(rng)
            if rng.random() < 0.6:
                # About one PDF in thirty arrives with a broken cross-reference table, and the
                # reader pays for rebuilding it; a scanner's own files have a sound one.
                data = bulk_scan_pdf(rng, size, xref=rng.random() >= 1 / 30)
                name = rng.choice(STEMS_PDF).format(unit=unit, code=code) + ".pdf"
                content_type = "application/pdf"
            else:
                data = sized_jpeg(rng, size)
                name = rng.choice(STEMS_JPG).format(unit=unit, page=index + 1) + ".jpg"
                content_type = "image/jpeg"
            while name in used:
                stem, ext = name.rsplit(".", 1)
                name = "%s (%d).%s" % (stem, index + 1, ext)
            used.add(name)
            parts.append(Leaf(headers_for(style, name, content_type) + ["Content-Transfer-Encoding: base64"],
                              b64_lines(data, eol="\r\n")))
            expected.append({"filename": name, "size": len(data),
                             "sha256": hashlib.sha256(data).hexdigest(), "style": style})
        root = Multi("mixed", boundary, parts, preamble="This is a multi-part message in MIME format.")
        raw = render(Message(headers, root), "\r\n", translate=False, ctype_sep=";\r\n ")
        file = "msg-%04d.eml" % number
        with open(os.path.join(outdir, file), "wb") as handle:
            handle.write(raw)
        total += len(raw)
        manifest["messages"].append({"file": file, "bytes": len(raw), "attachments": expected})
    manifest["total_bytes"] = total
    # Written last: its presence means the corpus is complete.
    with open(os.path.join(outdir, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=1)
    print("bench-corpus: %d messages, %.1f MB, %d attachments, %d long names (> 80 bytes)" % (
        count, total / 1e6, sum(len(m["attachments"]) for m in manifest["messages"]),
        sum(1 for m in manifest["messages"] for a in m["attachments"] if len(a["filename"].encode()) > 80)))


if __name__ == "__main__":
    main()
