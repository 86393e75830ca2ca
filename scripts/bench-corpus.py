#!/usr/bin/python3
"""Deterministic generator of the `make bench` corpus: realistic school submissions.

    scripts/bench-corpus.py OUTDIR [COUNT] [TARGET_MB]

Writes OUTDIR/msg-NNNN.eml (CRLF, multipart/mixed, Vietnamese RFC 2047 subject, a text
body, 1-3 attachments of 100 KB - 2 MB: scanned-PDF-like and JPEG-like binary content,
base64 at 76 columns, Vietnamese filenames in the RFC 2231 or RFC 2047 forms that Gmail,
Outlook, Thunderbird, Yahoo and Apple Mail use, some longer than 80 bytes) and
OUTDIR/manifest.json: for every message the expected (filename, size, sha256) of each
attachment. The same arguments always give the same bytes. Stdlib only.
"""
import base64
import hashlib
import json
import os
import random
import sys
import urllib.parse

VERSION = 1
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
    words, chunk = [], b""
    for char in text:
        encoded = char.encode("utf-8")
        if len(chunk) + len(encoded) > limit:
            words.append(chunk)
            chunk = b""
        chunk += encoded
    if chunk:
        words.append(chunk)
    return "\r\n ".join("=?UTF-8?B?%s?=" % base64.b64encode(w).decode() for w in words)


def q_word(text):
    out = []
    for byte in text.encode("utf-8"):
        char = chr(byte)
        if char.isalnum() and byte < 128:
            out.append(char)
        elif char == " ":
            out.append("_")
        else:
            out.append("=%02X" % byte)
    return "=?utf-8?Q?%s?=" % "".join(out)


def rfc2231(param, text, pieces):
    """`param*=UTF-8''…` or, split in `pieces` continuations, `param*0*=…; param*1*=…`."""
    quoted = urllib.parse.quote(text, safe="")
    if pieces == 1:
        return "%s*=UTF-8''%s" % (param, quoted)
    size = -(-len(quoted) // pieces)
    segments, rest = [], quoted
    while rest:
        cut = min(size, len(rest))
        # never cut inside a %XX escape
        while cut < len(rest) and "%" in rest[max(0, cut - 2):cut]:
            cut += 1
        segments.append(rest[:cut])
        rest = rest[cut:]
    parts = []
    for index, segment in enumerate(segments):
        prefix = "UTF-8''" if index == 0 else ""
        parts.append("%s*%d*=%s%s" % (param, index, prefix, segment))
    return ";\r\n ".join(parts)


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
                "Content-Disposition: attachment;\r\n %s" % rfc2231("filename", name, pieces)]
    # apple: RFC 2231 everywhere, continuations for long names
    pieces = 1 if len(name.encode()) < 60 else 2
    return ["Content-Disposition: attachment;\r\n\t%s" % rfc2231("filename", name, pieces),
            "Content-Type: %s;\r\n\t%s" % (content_type, rfc2231("name", name, pieces))]


def scan_pdf(rng, size):
    """A PDF like a scanner writes: one DCT image XObject per page, no fonts."""
    pages = max(1, size // 300_000)
    image_size = max(1024, (size - 600 * pages - 400) // pages)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    kids = " ".join("%d 0 R" % (3 + 2 * i) for i in range(pages))
    out += b"2 0 obj\n<< /Type /Pages /Kids [%s] /Count %d >>\nendobj\n" % (kids.encode(), pages)
    for i in range(pages):
        page, image = 3 + 2 * i, 4 + 2 * i
        out += (b"%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /XObject << /Im%d %d 0 R >> >> >>\nendobj\n" % (page, i, image))
        out += (b"%d 0 obj\n<< /Type /XObject /Subtype /Image /Width 2480 /Height 3508 "
                b"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
                % (image, image_size))
        out += b"\xff\xd8\xff\xe0" + rng.randbytes(image_size - 6) + b"\xff\xd9"
        out += b"\nendstream\nendobj\n"
    out += b"xref\n0 %d\ntrailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n0\n%%%%EOF\n" % (3 + 2 * pages, 3 + 2 * pages)
    return bytes(out)


def jpeg(rng, size):
    header = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"
              b"\xff\xdb\x00\x43\x00" + bytes(range(1, 65)))
    return header + rng.randbytes(max(0, size - len(header) - 2)) + b"\xff\xd9"


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
        lines = [
            "Return-Path: <vanthu.%d@example.edu.vn>" % number,
            "Message-ID: <bench-%04d.%d@mail.example.edu.vn>" % (number, rng.randrange(10**9)),
            "Date: %s, %02d Feb 2021 %02d:%02d:%02d +0700" % (
                ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][number % 7],
                8 + number % 14, 7 + number % 10, number % 60, (number * 7) % 60),
            "From: %s <vanthu.%d@example.edu.vn>" % (b_words(person), number),
            "To: thidua.gdbd@gmail.com",
            "Subject: %s" % b_words(subject),
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed;\r\n boundary=\"%s\"" % boundary,
            "",
            "This is a multi-part message in MIME format.",
            "--" + boundary,
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
            base64.encodebytes(rng.choice(BODIES).format(unit=unit, person=person).encode())
            .decode().rstrip("\n").replace("\n", "\r\n"),
        ]
        expected = []
        used = set()
        for index in range(rng.choices([1, 2, 3], weights=[5, 3, 2])[0]):
            size = attachment_size(rng)
            if rng.random() < 0.6:
                data = scan_pdf(rng, size)
                name = rng.choice(STEMS_PDF).format(unit=unit, code=code) + ".pdf"
                content_type = "application/pdf"
            else:
                data = jpeg(rng, size)
                name = rng.choice(STEMS_JPG).format(unit=unit, page=index + 1) + ".jpg"
                content_type = "image/jpeg"
            while name in used:
                stem, ext = name.rsplit(".", 1)
                name = "%s (%d).%s" % (stem, index + 1, ext)
            used.add(name)
            lines.append("--" + boundary)
            lines.extend(headers_for(style, name, content_type))
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            lines.append(base64.encodebytes(data).decode("ascii").rstrip("\n").replace("\n", "\r\n"))
            expected.append({"filename": name, "size": len(data),
                             "sha256": hashlib.sha256(data).hexdigest(), "style": style})
        lines.append("--%s--" % boundary)
        lines.append("")
        raw = "\r\n".join(lines).encode("utf-8")
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
