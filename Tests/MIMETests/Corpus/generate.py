#!/usr/bin/python3
"""Deterministic generator for thidua's MIME test corpus.

Writes Tests/MIMETests/Corpus/generated/NNN-<label>.eml and generated/expected.json.
Standard library only (the encodings and file contents come from scripts/mailgen), fixed
seed, no clock: running it twice gives byte-identical output.

    /usr/bin/python3 Tests/MIMETests/Corpus/generate.py [--out DIR]

Every expected sha256 is computed here from the bytes *before* they are transfer-encoded,
and every encoded body is decoded again here and checked against them (see `verify_part`),
so expected.json never relies on the parser under test.
"""
import base64
import binascii
import hashlib
import io
import json
import os
import random
import struct
import sys
import unicodedata
import zipfile

SEED = 20210217
HERE = os.path.dirname(os.path.abspath(__file__))
OFFICE = "thidua.gdbd@gmail.com"

sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
from mailgen.encoding import ascii_fold, b64_lines, encode, qp_binary, qp_text  # noqa: E402
from mailgen.headers import encoded_words, rfc2231  # noqa: E402
from mailgen.images import noise_jpeg, png, tiff  # noqa: E402
from mailgen.mime import Leaf, Message, Multi, RFC822, leaves, render  # noqa: E402
from mailgen.office import docx_entries, tnef, xlsx_entries, zip_archive, zip_members  # noqa: E402
from mailgen.pdf import filler_text_pdf, noise_scan_pdf  # noqa: E402

# A slice of the district roster (config/units.csv), embedded so the corpus does not change
# when the roster does.
SCHOOLS = [
    ("MN01", "Mầm non Hoa Sữa", "mnhoasua@schools.example"),
    ("MN03", "Mầm non Hoa Hồng", "mnhoahong@schools.example"),
    ("MN05", "Mầm non Bình Minh", "mnbinhminh@schools.example"),
    ("MN09", "Mầm non Ánh Sao", "mnanhsao@schools.example"),
    ("MN11", "Mầm non Thành Công", "vanthu.mnthanhcong@schools.example"),
    ("MN15", "Mầm non Giảng Võ", "mngiangvo@schools.example"),
    ("MN19", "Mầm non Điện Biên", "mndienbien@schools.example"),
    ("MN21", "Mầm non Trúc Bạch", "mntrucbach@schools.example"),
    ("MN25", "Mầm non Thủ Lệ", "mnthule@schools.example"),
    ("TH02", "Tiểu học Thành Công A", "ththanhconga@schools.example"),
    ("TH04", "Tiểu học Kim Đồng", "tranthuhuong.thkimdong@schools.example"),
    ("TH06", "Tiểu học Hoàng Hoa Thám", "thhoanghoatham@schools.example"),
    ("TH08", "Tiểu học Ngọc Hà", "thngocha@schools.example"),
    ("TH10", "Tiểu học Nguyễn Trung Trực", "thnguyentrungtruc@schools.example"),
    ("TH12", "Tiểu học Vạn Phúc", "thvanphuc@schools.example"),
    ("TH14", "Tiểu học Đại Yên", "thdaiyen@schools.example"),
    ("TH18", "Tiểu học Điện Biên", "thdienbien@schools.example"),
    ("TH20", "Tiểu học Đội Cấn", "thdoican@schools.example"),
    ("THCS01", "THCS Thành Công", "leminhtrang.thcsthanhcong@schools.example"),
    ("THCS03", "THCS Ba Đình", "thcsbadinh@schools.example"),
    ("THCS05", "THCS Phan Chu Trinh", "thcsphanchutrinh@schools.example"),
    ("THCS07", "THCS Nguyễn Công Trứ", "thcsnguyencongtru@schools.example"),
    ("THCS09", "THCS Phúc Xá", "thcsphucxa@schools.example"),
    ("THCS11", "THCS Nguyễn Tri Phương", "thcsnguyentriphuong@schools.example"),
    ("THCS13", "THCS Ngọc Hà", "thcsngocha@schools.example"),
]
PEOPLE = ["Nguyễn Thị Thu Hà", "Trần Thu Hương", "Lê Minh Trang", "Phạm Thị Kim Nhung", "Đặng Mạnh Hải",
          "Vũ Thị Hương", "Bùi Thị Ngọc Huyền", "Ngô Thị Thanh Huyền", "Dương Thị Kim Hằng", "Trịnh Thị Thu Hằng"]

REMINDER = ("Kính gửi Hiệu trưởng các trường MN, TH, THCS.\n"
            "Phòng GDĐT đề nghị các đơn vị gửi Kế hoạch thi đua khen thưởng năm 2021 (bản scan dấu đỏ)\n"
            "về hộp thư thidua.gdbd@gmail.com trước ngày 21/02/2021.")

# --------------------------------------------------------------------------- header encodings


def ew_b(text, charset="utf-8", max_bytes=45, split_midchar=False):
    """RFC 2047 B encoded words of at most max_bytes encoded bytes (see encoded_words)."""
    return encoded_words(text, charset, "B", max_bytes=max_bytes, split_midchar=split_midchar,
                         label="UTF-8" if charset == "utf-8" else charset)


def ew_q(text, charset="utf-8", max_bytes=20):
    return encoded_words(text, charset, "Q", max_bytes=max_bytes)


def fold_words(words, sep="\n "):
    return sep.join(words)


def params(items, sep=";\n\t"):
    return sep.join(items)


# --------------------------------------------------------------------------- transfer encodings


def enc_body(data, cte, rng):
    """Returns (header value, encoded body as str or bytes, raw) for an attachment body."""
    if cte == "base64":
        return "base64", b64_lines(data), False
    if cte == "base64-nopad":
        return "base64", b64_lines(data).rstrip("="), False
    if cte == "base64-oneline":
        return "base64", base64.b64encode(data).decode(), False
    if cte == "base64-garbage":
        s = b64_lines(data, 64)
        out = []
        for i, c in enumerate(s):
            out.append(c)
            if c != "\n" and rng.random() < 0.02:
                out.append(rng.choice([" ", "\t", "!", "*", "#", "~", "\x7f", "%"]))
        return "base64", "".join(out), False
    if cte == "base64-oddcase":
        return " Base64 ", b64_lines(data), False
    if cte == "base64-upper":
        return "BASE64", b64_lines(data), False
    if cte == "quoted-printable":
        return "quoted-printable", qp_binary(data), False
    if cte == "qp-oddcase":
        return "Quoted-Printable ", qp_binary(data), False
    if cte in ("7bit", "8bit", "binary"):
        return cte, data, True
    raise ValueError(cte)


def decode_check(cte, encoded, raw, eol):
    """Independent decoder used to check that each encoded body really decodes to the
    bytes the expectation was computed from."""
    if raw:
        return encoded
    text = encoded.replace("\n", eol)
    if cte.strip().lower() == "base64":
        alphabet = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        s = "".join(c for c in text if c in alphabet)
        s += "=" * (-len(s) % 4)
        return base64.b64decode(s)
    if cte.strip().lower() == "quoted-printable":
        return binascii.a2b_qp(text.replace(eol, "\n").replace("=\n", ""))
    raise ValueError(cte)


# --------------------------------------------------------------------------- file contents


def text_file(rng, size):
    words = ["danh", "sach", "can", "bo", "giao", "vien", "thi", "dua", "2021"]
    s = ""
    while len(s) < size:
        s += " ".join(rng.choice(words) for _ in range(10)) + "\r\n"
    return s.encode()


FIXED_DT = (2021, 2, 17, 16, 59, 32)


def make_zip(entries, compress=True):
    """A zip as a Windows archiver writes it, and its members for expected.json."""
    return zip_archive(entries, FIXED_DT, compress, unix_mode=0o644), zip_members(entries)


OFFICE_MARKERS = [b"word/", b"xl/", b"ppt/", b"[Content_Types].xml", b"mimetypeapplication/vnd.oasis.opendocument"]


def docx(rng, title):
    return make_zip(docx_entries(["%s %d" % (title, i) for i in range(rng.randint(3, 30))],
                                 preserve_space=False, section=False))


def xlsx(rng, title):
    return make_zip(xlsx_entries([(title, rng.randint(1, 99)) for _ in range(1, rng.randint(3, 40))]))


# --------------------------------------------------------------------------- attachments


class File:
    """One file as the sender meant it: name, bytes, kind, members (zip)."""
    def __init__(self, name, data, kind, ctype, members=None):
        self.name, self.data, self.kind, self.ctype, self.members = name, data, kind, ctype, members


def expected_name(name):
    return unicodedata.normalize("NFC", name).replace("\r", "").replace("\n", "").replace("\x00", "")


def exp(file, inline=False):
    e = {"filename": expected_name(file.name), "sha256": hashlib.sha256(file.data).hexdigest(),
         "kind": file.kind, "inline": inline}
    if file.members is not None:
        e["members"] = file.members
    return e


def name_params(name, style, charset="utf-8"):
    """(Content-Type params, Content-Disposition params) for a filename in a given style."""
    q = '"%s"'
    if style == "plain":
        # a quoted-string: backslash and double quote travel as quoted-pairs
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        return ["name=" + q % quoted], ["filename=" + q % quoted]
    if style == "unquoted":
        return ["name=" + name], ["filename=" + name]
    if style == "name-only":
        return ["name=" + q % name], []
    if style == "name-only-2047-q":
        return ["name=" + q % fold_words(ew_q(name, charset, 16), "\n ")], []
    if style == "name-only-2047-b":
        return ["name=" + q % fold_words(ew_b(name, charset), "\n ")], []
    if style == "2047-b":
        w = fold_words(ew_b(name, charset), "\n ")
        return ["name=" + q % w], ["filename=" + q % w]
    if style == "2047-b-midchar":
        w = fold_words(ew_b(name, charset, max_bytes=31, split_midchar=True), "\n ")
        return ["name=" + q % w], ["filename=" + q % w]
    if style == "2047-q":
        w = fold_words(ew_q(name, charset, 16), "\n ")
        return ["name=" + q % w], ["filename=" + q % w]
    if style == "2047-unquoted":
        w = "".join(ew_b(name, charset, max_bytes=200))
        return ["name=" + w], ["filename=" + w]
    if style == "2231":
        return ["name=" + q % fold_words(ew_b(name, charset), "\n ")], rfc2231("filename", name, charset)
    if style == "2231-name-too":
        return rfc2231("name", name, charset), rfc2231("filename", name, charset)
    if style == "2231-cont":
        return ["name=" + q % fold_words(ew_b(name, charset), "\n ")], rfc2231("filename", name, charset, pieces=3)
    if style == "2231-cont-ooo":
        return [], rfc2231("filename", name, charset, pieces=3, order=[2, 0, 1])
    if style == "2231-mixed":
        return [], rfc2231("filename", name, charset, pieces=3, plain_index=1)
    if style == "both":
        fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        return ["name=" + q % fallback], ["filename=" + q % fallback] + rfc2231("filename", name, charset)
    if style == "raw-8bit":
        return ["name=" + q % name], ["filename=" + q % name]
    raise ValueError(style)


def attachment_leaf(file, rng, style="2047-b", charset="utf-8", cte="base64", disposition="attachment",
                    extra=None, eol="\n", gmail_ids=False, ctype_extra=None, inline_expected=None):
    ct_params, cd_params = name_params(file.name, style, charset)
    headers = []
    ctype = "Content-Type: " + params([file.ctype] + (ctype_extra or []) + ct_params)
    headers.append(ctype)
    if disposition:
        headers.append("Content-Disposition: " + params([disposition] + cd_params))
    cte_value, body, raw = enc_body(file.data, cte, rng)
    headers.append("Content-Transfer-Encoding: " + cte_value)
    if gmail_ids:
        fid = "f_k%07x" % rng.getrandbits(28)
        headers.append("Content-ID: <%s>" % fid)
        headers.append("X-Attachment-Id: " + fid)
    headers += extra or []
    verify_part(file.data, cte_value, body, raw, eol)
    inline = (disposition or "").startswith("inline") if inline_expected is None else inline_expected
    return Leaf(headers, body, raw=raw, expect=[exp(file, inline)])


def verify_part(data, cte, body, raw, eol):
    assert decode_check(cte, body, raw, eol) == data, "encoded body does not decode back"


def text_leaf(text, charset="utf-8", cte="quoted-printable", subtype="plain", extra_params=None):
    data = encode(text, charset)
    ct = "Content-Type: text/%s; charset=\"%s\"" % (subtype, charset) + "".join("; " + p for p in (extra_params or []))
    if cte == "quoted-printable":
        body = qp_text(data)
    elif cte == "base64":
        body = b64_lines(data)
    else:
        body = data
    return Leaf([ct, "Content-Transfer-Encoding: " + cte], body)


def html_of(text):
    return "<div dir=\"ltr\">" + "<br>".join(text.split("\n")) + "</div>"


# --------------------------------------------------------------------------- generator state


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.n = 0
        self.files = {}
        self.expected = {}
        self.day = 0

    def date(self):
        rng = self.rng
        d = 8 + rng.randint(0, 14)
        wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][(d - 8) % 7]
        return "%s, %d Feb 2021 %02d:%02d:%02d +0700" % (wd, d, rng.randint(7, 21), rng.randint(0, 59), rng.randint(0, 59))

    def msgid(self, domain):
        return "<%016x.%x@%s>" % (self.rng.getrandbits(64), self.rng.getrandbits(20), domain)

    def boundary(self, style):
        r = self.rng
        if style == "gmail":
            return "000000000000%016x" % r.getrandbits(64)
        if style == "outlook":
            return "----=_NextPart_000_%04X_01D704A5.%08X" % (r.getrandbits(16), r.getrandbits(32))
        if style == "owa":
            return "_%03d_PS2PR01MB%04X%012XAPCP_" % (r.randint(0, 9), r.getrandbits(16), r.getrandbits(48))
        if style == "yahoo":
            return "----=_Part_%d_%d.%d" % (r.randint(100000, 9999999), r.randint(10**8, 10**9), 1613500000000 + r.randint(0, 10**8))
        if style == "thunderbird":
            return "------------%024X" % r.getrandbits(96)
        if style == "apple":
            return "Apple-Mail=_%08X-%04X-%04X-%04X-%012X" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(16), r.getrandbits(16), r.getrandbits(48))
        return "=_%s_%08x" % (style, r.getrandbits(32))

    def add(self, label, message, subject, from_addr, eol="\r\n", links=None, expect_override=None, notes=None):
        self.n += 1
        name = "%03d-%s.eml" % (self.n, label)
        data = render(message, eol)
        self_check(message, eol)
        acc = [e for leaf in leaves(message) for e in leaf.expect]
        if expect_override is not None:
            acc = expect_override
        entry = {"subject": subject, "from": from_addr.lower(), "attachments": acc, "links": links or []}
        if notes:
            entry["notes"] = notes
        self.files[name] = data
        self.expected[name] = entry
        return name


# --------------------------------------------------------------------------- names and payloads

NAME_POOLS = {
    "utf-8": ["Kế hoạch thi đua khen thưởng năm 2021 - {school}.pdf", "KH thi đua 2021 {school} (bản scan dấu đỏ).pdf",
              "Kế hoạch số 11 - {school}.pdf", "Bản đăng ký thi đua {school}.pdf"],
    "windows-1258": ["Kế hoạch thi đua {school}.pdf", "Trường {school} - Kế hoạch.pdf", "Đăng ký danh hiệu {school}.pdf"],
    "windows-1252": ["Báo cáo {code}.pdf", "Kê khai {code} - Été.pdf"],
    "iso-8859-1": ["Résumé KH {code}.pdf", "Báo cáo {code}.pdf"],
    "iso-8859-2": ["Đăng ký {code}.pdf"],
    "koi8-r": ["План работы {code}.pdf"],
    "gb18030": ["工作计划{code}.pdf"],
    "gbk": ["教育局通知{code}.pdf"],
    "big5": ["工作計畫{code}.pdf"],
    "shift_jis": ["計画書{code}.pdf"],
    "iso-2022-jp": ["報告書{code}.pdf"],
}


def pick_name(g, school, charset, ext="pdf"):
    code, sname, _ = school
    pool = NAME_POOLS[charset]
    tpl = pool[g.rng.randrange(len(pool))]
    name = tpl.format(school=sname if charset in ("utf-8", "windows-1258") else ascii_fold(sname, ascii_only=True), code=code)
    return name[:-3] + ext


def make_file(g, kind, school, charset="utf-8", name=None, eol="\n", ascii_only=False):
    rng = g.rng
    size = int(200 * 100 ** rng.random()) if kind != "zip" else rng.randint(2000, 9000)  # log-uniform 200 B – 20 KB
    if kind == "scan-pdf":
        return File(name or pick_name(g, school, charset), noise_scan_pdf(rng, size, eol, ascii_only), "scan-pdf", "application/pdf")
    if kind == "pdf-text":
        return File(name or pick_name(g, school, charset), filler_text_pdf(rng, size, eol), "pdf-text", "application/pdf")
    if kind == "jpeg":
        return File(name or pick_name(g, school, charset, "jpg"), noise_jpeg(rng, size), "image", "image/jpeg")
    if kind == "png":
        return File(name or pick_name(g, school, charset, "png"), png(rng, size), "image", "image/png")
    if kind == "tiff":
        return File(name or pick_name(g, school, charset, "tif"), tiff(rng, size), "image", "image/tiff")
    if kind == "docx":
        data, members = docx(rng, ascii_fold(school[1], ascii_only=True))
        return File(name or pick_name(g, school, charset, "docx"), data, "office",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", members)
    if kind == "xlsx":
        data, members = xlsx(rng, ascii_fold(school[1], ascii_only=True))
        return File(name or pick_name(g, school, charset, "xlsx"), data, "office",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", members)
    if kind == "zip":
        while True:
            entries = []
            for i in range(rng.randint(1, 3)):
                code = school[0]
                inner_name = rng.choice(["Scan_2021021%d_%04d.pdf" % (rng.randint(0, 9), rng.randint(0, 2359)),
                                         "KeHoach_%s_%d.pdf" % (code, i + 1), "Kế hoạch %s trang %d.pdf" % (code, i + 1)])
                entries.append((inner_name, noise_scan_pdf(rng, rng.randint(300, 6000), "\n")))
            data, members = make_zip(entries, compress=rng.random() < 0.7)
            if not any(m in data[:65536] for m in OFFICE_MARKERS):
                break
        return File(name or pick_name(g, school, charset, "zip"), data, "archive", "application/zip", members)
    if kind == "txt":
        return File(name or pick_name(g, school, charset, "txt"), text_file(rng, size), "other", "text/plain")
    raise ValueError(kind)


def subject_for(g, school, variant=None):
    r = g.rng
    code, sname, _ = school
    options = [
        "Kế hoạch thi đua khen thưởng năm 2021 - Trường %s" % sname,
        "V/v gửi Kế hoạch thi đua năm 2021 của trường %s" % sname,
        "%s gửi kế hoạch thi đua khen thưởng" % sname,
        "[%s] Kế hoạch TĐKT 2021 (bản scan dấu đỏ)" % code,
        "Trường %s nộp KH số 11/KH-PGDĐT" % sname,
    ]
    return options[r.randrange(len(options))] if variant is None else options[variant % len(options)]


def from_header(name, addr, charset="utf-8", style="b"):
    if name is None:
        return "From: " + addr
    if all(ord(c) < 128 for c in name):
        return 'From: "%s" <%s>' % (name, addr)
    if style == "q":
        return "From: %s <%s>" % (" ".join(ew_q(name, charset, 16)), addr)
    if style == "raw":
        return 'From: "%s" <%s>' % (name, addr)
    return "From: %s <%s>" % (" ".join(ew_b(name, charset)), addr)


def subject_header(subject, charset="utf-8", style="b", name="Subject"):
    if style == "raw" or all(ord(c) < 128 for c in subject):
        if len(subject) > 60 and " " in subject[40:]:
            cut = subject.index(" ", 40)
            return "%s: %s\n%s" % (name, subject[:cut], subject[cut:])
        return "%s: %s" % (name, subject)
    if style == "q":
        return "%s: %s" % (name, fold_words(ew_q(subject, charset, 16), "\n "))
    return "%s: %s" % (name, fold_words(ew_b(subject, charset, 36), "\n "))


def common_headers(g, school, subject, client, from_addr=None, from_name=None, charset="utf-8", subj_style="b",
                   from_style="b", extra=None, to=OFFICE):
    domain = {"gmail": "mail.gmail.com", "outlook": "schools.example", "owa": "PS2PR01MB2567.apcprd01.prod.exchangelabs.com",
              "yahoo": "mail.yahoo.com", "thunderbird": "schools.example", "apple": "schools.example",
              "ios": "schools.example", "android": "mail.gmail.com", "scanner": "scanner.local"}.get(client, "schools.example")
    hs = [
        "Return-Path: <%s>" % (from_addr or school[2]),
        "Received: from mail.schools.example (mail.schools.example [203.0.113.%d])\n\tby mx.google.com with ESMTPS id x%x;\n\t%s"
        % (g.rng.randint(1, 254), g.rng.getrandbits(32), g.date()),
        "MIME-Version: 1.0" if client != "ios" else "Mime-Version: 1.0 (1.0)",
        "Date: " + g.date(),
        "Message-ID: " + g.msgid(domain),
        subject_header(subject, charset, subj_style),
        from_header(from_name, from_addr or school[2], charset, from_style),
        "To: " + to,
    ]
    return hs + (extra or [])


# --------------------------------------------------------------------------- client styles


def body_text(g, school, person):
    return ("Kính gửi Phòng GDĐT quận Ba Đình,\n\nTrường %s xin gửi Kế hoạch thi đua khen thưởng năm 2021 "
            "(bản scan có dấu đỏ) theo Kế hoạch số 11/KH-PGDĐT.\n\nTrân trọng,\n%s" % (school[1], person))


def client_message(g, client, school, files, opt):
    """Builds a message the way `client` writes it. `opt` carries per-message variations:
    name_style, name_charset, cte, eol, text_charset, subject, links, extra_body."""
    r = g.rng
    person = PEOPLE[r.randrange(len(PEOPLE))]
    g.last_from = school[2]
    subject = opt.get("subject") or subject_for(g, school)
    ncs = opt.get("name_charset", "utf-8")
    cte = opt.get("cte", "base64")
    eol = opt.get("eol", "\r\n")
    leol = "\n"
    text = body_text(g, school, person) + opt.get("extra_body", "")
    links = opt.get("links", [])
    if links:
        text += "\n\nLink tải file: " + "\n".join(links)

    def atts(style_default, disposition="attachment", **kw):
        out = []
        for f in files:
            fcte = cte
            if cte in ("7bit", "8bit", "binary") and f.kind not in ("scan-pdf", "pdf-text", "other"):
                fcte = "base64"
            out.append(attachment_leaf(f, r, opt.get("name_style", style_default), ncs, fcte, disposition,
                                       eol=leol, **kw))
        return out

    if client == "gmail" or client == "android":
        hs = common_headers(g, school, subject, client, from_name=person, subj_style="b")
        alt = Multi("alternative", g.boundary("gmail"), [
            text_leaf(text, "utf-8", opt.get("text_cte", "quoted-printable")),
            text_leaf(html_of(text), "utf-8", "quoted-printable", "html")])
        root = Multi("mixed", g.boundary("gmail"), [alt] + atts("2047-b", gmail_ids=(client == "gmail")))
        return Message(hs, root), subject, eol if client == "gmail" else "\n", links
    if client == "outlook":
        tcs = opt.get("text_charset", "windows-1258")
        hs = common_headers(g, school, subject, client, from_name=person, charset=tcs if tcs != "windows-1252" else "utf-8",
                            subj_style="q", from_style="q",
                            extra=["X-Mailer: Microsoft Outlook 14.0", "Thread-Index: AdcE%012X==" % r.getrandbits(48),
                                   "Content-Language: vi"])
        if tcs == "windows-1252":
            text = ascii_fold(text, ascii_only=True) + "\nRésumé: voilà."
        alt = Multi("alternative", g.boundary("outlook"), [
            text_leaf(text, tcs, "quoted-printable"), text_leaf(html_of(text), tcs, "quoted-printable", "html")])
        disp = opt.get("disposition", None)
        root = Multi("mixed", g.boundary("outlook"), [alt] + atts("name-only-2047-q", disposition=disp),
                     preamble="This is a multipart message in MIME format.")
        return Message(hs, root), subject, "\r\n", links
    if client == "owa":
        hs = common_headers(g, school, subject, client, from_name=person,
                            extra=["Thread-Topic: " + " ".join(ew_b(subject)), "Accept-Language: vi-VN, en-US",
                                   "X-MS-Has-Attach: yes", "X-MS-TNEF-Correlator:"])
        alt = Multi("alternative", g.boundary("owa"), [
            text_leaf(text, "utf-8", "base64"), text_leaf(html_of(text), "utf-8", "base64", "html")])
        extra = ['Content-Description: %s' % " ".join(ew_b(files[0].name))] if files else []
        lst = []
        for f in files:
            ct_params, cd_params = name_params(f.name, opt.get("name_style", "2047-b"), ncs)
            cte_value, body, raw = enc_body(f.data, cte if cte not in ("7bit", "8bit", "binary") else "base64", r)
            verify_part(f.data, cte_value, body, raw, leol)
            lst.append(Leaf(["Content-Type: " + params([f.ctype] + ct_params),
                             "Content-Description: " + " ".join(ew_b(f.name)),
                             "Content-Disposition: " + params(["attachment"] + cd_params + ["size=%d" % len(f.data),
                                                               'creation-date="Wed, 17 Feb 2021 09:59:32 GMT"',
                                                               'modification-date="Wed, 17 Feb 2021 09:59:32 GMT"']),
                             "Content-Transfer-Encoding: " + cte_value], body, raw, [exp(f)]))
        root = Multi("mixed", g.boundary("owa"), [alt] + lst)
        return Message(hs, root), subject, "\r\n", links
    if client == "yahoo":
        hs = common_headers(g, school, subject, client, from_name=person, subj_style="q",
                            extra=["X-Mailer: WebService/1.1.17712 YMailNorrin"])
        alt = Multi("alternative", g.boundary("yahoo"), [
            text_leaf(text, "utf-8", "quoted-printable"), text_leaf(html_of(text), "utf-8", "quoted-printable", "html")])
        root = Multi("mixed", g.boundary("yahoo"), [alt] + atts("2047-q"))
        return Message(hs, root), subject, "\r\n", links
    if client == "thunderbird":
        hs = common_headers(g, school, subject, client, from_name=person,
                            extra=["User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:78.0) Gecko/20100101 Thunderbird/78.7.1",
                                   "Content-Language: vi"])
        root = Multi("mixed", g.boundary("thunderbird"),
                     [text_leaf(text, "utf-8", "8bit", extra_params=["format=flowed"])] + atts("2231-cont"),
                     preamble="This is a multi-part message in MIME format.")
        return Message(hs, root), subject, "\r\n", links
    if client == "apple":
        hs = common_headers(g, school, subject, client, from_name=person,
                            extra=["X-Mailer: Apple Mail (2.3654.60.0.2.21)"])
        nfd_files = [File(unicodedata.normalize("NFD", f.name), f.data, f.kind, f.ctype, f.members) for f in files]
        parts = [text_leaf(html_of(text), "utf-8", "quoted-printable", "html")]
        for f in nfd_files:
            parts.append(attachment_leaf(f, r, opt.get("name_style", "2231"), ncs,
                                         cte if cte not in ("7bit", "8bit", "binary") else "base64",
                                         "inline", eol=leol, ctype_extra=["x-unix-mode=0644"]))
            parts.append(text_leaf("<html><body><br></body></html>", "us-ascii", "7bit", "html"))
        inner = Multi("mixed", g.boundary("apple"), parts)
        root = Multi("alternative", g.boundary("apple"), [text_leaf(text, "utf-8", "quoted-printable"), inner])
        return Message(hs, root), subject, "\r\n", links
    if client == "ios":
        hs = common_headers(g, school, subject, client, from_name=person, extra=["X-Mailer: iPhone Mail (18D52)"])
        parts = [text_leaf(text + "\n\nSent from my iPhone", "utf-8", "quoted-printable")]
        for i, f in enumerate(files):
            nm = f.name if f.kind != "image" else "image%d.jpeg" % i
            f2 = File(nm, f.data, f.kind, f.ctype, f.members)
            parts.append(attachment_leaf(f2, r, "unquoted" if " " not in nm else "plain", "utf-8",
                                         cte if cte not in ("7bit", "8bit", "binary") else "base64", "inline",
                                         eol=leol, ctype_extra=["x-apple-part-url=%08X-%04X" % (r.getrandbits(32), r.getrandbits(16))]))
        root = Multi("mixed", g.boundary("apple").replace("Apple-Mail=_", "Apple-Mail-"), parts)
        return Message(hs, root), subject, "\n", links
    if client == "scanner":
        brand = r.choice(["RICOH MP 2555", "Canon iR-ADV C3520", "Brother MFC-L2701DW"])
        addr = "scanner." + school[2]
        g.last_from = addr
        hs = common_headers(g, school, subject, client, from_addr=addr, from_name=brand, subj_style="b")
        parts = [text_leaf("Scanned image from %s\nDate: 17.02.2021 16:59\nPages: 1\nResolution: 200x200dpi" % brand,
                           "us-ascii", "7bit")]
        parts += atts("plain")
        root = Multi("mixed", "=_NextPart_%s_%08X" % (brand.split()[0], r.getrandbits(32)), parts)
        return Message(hs, root), subject, "\r\n", links
    raise ValueError(client)


# --------------------------------------------------------------------------- self-check


def tnef_files(data):
    """Independent TNEF reader: [(attAttachTitle, attAttachData)], checksums verified."""
    assert struct.unpack_from("<I", data, 0)[0] == 0x223E9F78
    pos, files, title = 6, [], None
    while pos < len(data):
        level = data[pos]
        attr_id, length = struct.unpack_from("<II", data, pos + 1)
        value = data[pos + 9:pos + 9 + length]
        (checksum,) = struct.unpack_from("<H", data, pos + 9 + length)
        assert checksum == sum(value) & 0xFFFF
        if level == 2 and attr_id == 0x00018010:
            title = value.rstrip(b"\x00").decode("cp1252")
        elif level == 2 and attr_id == 0x0006800F:
            files.append((title, value))
        pos += 9 + length + 2
    return files


def self_check(node, eol):
    """Decodes every leaf that carries an expectation, independently of how it was built,
    and checks name-independent facts: sha256 of the decoded bytes, zip members, TNEF and
    uuencoded contents."""
    for leaf in leaves(node):
        if leaf.expect:
            check_leaf(leaf, eol)


def check_leaf(node, eol):
    headers = "\n".join(x if isinstance(x, str) else x.decode("utf-8", "replace") for x in node.headers)
    cte = "7bit"
    for line in headers.split("\n"):
        if line.lower().startswith("content-transfer-encoding"):
            cte = line.split(":", 1)[1]
    body = node.body if node.raw else (node.body if isinstance(node.body, str) else node.body.decode("latin-1"))
    ctl = cte.strip().lower()
    if ctl in ("base64", "quoted-printable"):
        data = decode_check(ctl, body, False, eol)
    else:
        data = body if isinstance(body, bytes) else body.replace("\n", eol).encode("latin-1")
    if "application/ms-tnef" in headers:
        inner = tnef_files(data)
        assert [hashlib.sha256(d).hexdigest() for _, d in inner] == [e["sha256"] for e in node.expect]
        assert [t for t, _ in inner] == [e["filename"] for e in node.expect]
        return
    if "text/plain" in headers and "begin 644" in (body if isinstance(body, str) else ""):
        found = []
        lines = body.split("\n")
        i = 0
        while i < len(lines):
            if lines[i].startswith("begin 644 "):
                name, chunk = lines[i][10:], b""
                i += 1
                while lines[i] != "end":
                    chunk += binascii.a2b_uu(lines[i])
                    i += 1
                found.append((name, chunk))
            i += 1
        assert [(n, hashlib.sha256(d).hexdigest()) for n, d in found] == [(e["filename"], e["sha256"]) for e in node.expect]
        return
    assert len(node.expect) == 1
    e = node.expect[0]
    assert hashlib.sha256(data).hexdigest() == e["sha256"], headers
    if "members" in e:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert [{"name": i.filename, "size": i.file_size} for i in zf.infolist()] == e["members"]
            assert zf.testzip() is None


# --------------------------------------------------------------------------- the corpus


def scan_name(g):
    r = g.rng
    return "Scan_202102%02d_%02d%02d.pdf" % (r.randint(8, 21), r.randint(7, 17), r.randint(0, 59))


def build(g):
    r = g.rng
    schools = SCHOOLS
    si = [0]

    def school():
        s = schools[si[0] % len(schools)]
        si[0] += 1
        return s

    # ---- A. client × payload grid ------------------------------------------------------------
    clients = ["gmail", "outlook", "owa", "yahoo", "thunderbird", "apple", "ios", "android", "scanner"]
    payloads = [["scan-pdf"], ["pdf-text"], ["jpeg"], ["png"], ["tiff"], ["docx"], ["xlsx"], ["zip"],
                ["scan-pdf", "jpeg"], ["scan-pdf", "scan-pdf", "xlsx"]]
    ctes = ["base64", "base64", "base64-nopad", "base64-oneline", "base64-garbage", "quoted-printable",
            "base64-oddcase", "base64", "qp-oddcase", "base64-upper"]
    for ci, client in enumerate(clients):
        for pi, payload in enumerate(payloads):
            if client == "scanner" and any(k in ("docx", "xlsx", "zip", "png") for k in payload):
                continue
            if client == "ios" and any(k in ("docx", "xlsx") for k in payload):
                continue
            s = school()
            opt = {"cte": ctes[(ci + pi) % len(ctes)]}
            ncs = "utf-8"
            if client == "outlook":
                ncs = ["windows-1258", "windows-1258", "windows-1252", "utf-8"][pi % 4]
                opt["text_charset"] = "windows-1252" if ncs == "windows-1252" else "windows-1258"
                opt["name_style"] = ["name-only-2047-q", "name-only-2047-b", "2047-q", "2047-b"][pi % 4]
                if pi % 3 == 0:
                    opt["disposition"] = "attachment"
            if client == "thunderbird":
                opt["name_style"] = ["2231-cont", "2231", "2231-cont-ooo", "2231-mixed", "2231-name-too"][pi % 5]
            if client == "gmail" and pi % 4 == 3:
                opt["name_style"] = "2047-b-midchar"
            opt["name_charset"] = ncs
            files = []
            for k in payload:
                if client == "scanner":
                    files.append(make_file(g, k, s, name=scan_name(g) if k != "tiff" else scan_name(g)[:-3] + "tif"))
                else:
                    files.append(make_file(g, k, s, ncs))
            msg, subject, eol, links = client_message(g, client, s, files, opt)
            label = "%s-%s-%s" % (client, "+".join(payload), opt["cte"].replace("quoted-printable", "qp"))
            g.add(label, msg, subject, g.last_from, eol=eol, links=links)

    # ---- B. charsets for subject and filename ------------------------------------------------
    charsets = ["utf-8", "windows-1258", "windows-1252", "iso-8859-1", "iso-8859-2", "koi8-r", "gb18030", "gbk",
                "big5", "shift_jis", "iso-2022-jp"]
    styles = ["2047-b", "2047-q", "2231", "2231-cont"]
    for i, cs in enumerate(charsets):
        for j, style in enumerate(styles[:2] if cs in ("iso-8859-1", "iso-8859-2", "gbk") else styles[:3]):
            if cs == "iso-2022-jp" and style == "2047-q":
                continue
            s = school()
            f = make_file(g, ["scan-pdf", "jpeg", "pdf-text"][(i + j) % 3], s, cs)
            if cs in ("utf-8", "windows-1258"):
                subject = subject_for(g, s)
            elif cs == "windows-1252" or cs == "iso-8859-1":
                subject = "Résumé - Báo cáo %s" % s[0]
            elif cs == "iso-8859-2":
                subject = "Đăng ký %s" % s[0]
            elif cs == "koi8-r":
                subject = "План работы школы %s" % s[0]
            elif cs in ("gb18030", "gbk"):
                subject = "学校工作计划 %s" % s[0]
            elif cs == "big5":
                subject = "學校工作計畫 %s" % s[0]
            else:
                subject = "学校の計画書 %s" % s[0]
            hs = common_headers(g, s, subject, "thunderbird", from_name=PEOPLE[(i + j) % len(PEOPLE)], charset="utf-8",
                                subj_style="q" if style == "2047-q" and cs != "iso-2022-jp" else "b")
            # subject in the same charset as the name
            hs = [x if not x.startswith("Subject:") else
                  ("Subject: " + fold_words((ew_q if style == "2047-q" else ew_b)(subject, cs), "\n ")) for x in hs]
            body = text_leaf("Kính gửi Phòng GDĐT. Gửi kèm tệp.", "utf-8", "base64")
            leaf = attachment_leaf(f, r, style, cs, "base64", "attachment", eol="\n")
            msg = Message(hs, Multi("mixed", g.boundary("thunderbird"), [body, leaf]))
            g.add("charset-%s-%s" % (cs.replace("_", "-"), style), msg, subject, s[2])

    # ---- C. transfer encodings of the attachment body --------------------------------------------
    for cte in ["7bit", "8bit", "binary", "base64-nopad", "base64-garbage", "base64-oneline", "base64-oddcase",
                "quoted-printable", "qp-oddcase"]:
        for eol in ["\r\n", "\n"]:
            s = school()
            f = make_file(g, "scan-pdf", s, name=scan_name(g), eol=eol, ascii_only=(cte == "7bit"))
            hs = common_headers(g, s, "Scan " + s[0], "scanner", from_name=None)
            cte_value, body, raw = enc_body(f.data, cte, r)
            verify_part(f.data, cte_value, body, raw, eol)
            leaf = Leaf(["Content-Type: application/pdf; name=\"%s\"" % f.name,
                         "Content-Disposition: attachment; filename=\"%s\"" % f.name,
                         "Content-Transfer-Encoding: " + cte_value], body, raw, [exp(f)])
            msg = Message(hs, Multi("mixed", g.boundary("cte"), [text_leaf("Scan", "us-ascii", "7bit"), leaf]))
            g.add("cte-%s-%s" % (cte, "crlf" if eol == "\r\n" else "lf"), msg, "Scan " + s[0], s[2], eol=eol)

    # ---- D. scanners: no text part, uuencoded bodies --------------------------------------------
    for i in range(3):
        s = school()
        f = make_file(g, "scan-pdf", s, name=scan_name(g))
        hs = common_headers(g, s, "Scan_2021021%d" % i, "scanner", from_addr="scanner@" + s[2].split("@")[1],
                            from_name="RICOH MP 2555")
        cte_value, body, raw = enc_body(f.data, "base64", r)
        leaf = Leaf(["Content-Type: application/pdf; name=\"%s\"" % f.name,
                     "Content-Disposition: attachment; filename=\"%s\"" % f.name if i != 1 else "Content-Description: scan",
                     "Content-Transfer-Encoding: " + cte_value], body, False, [exp(f)])
        msg = Message(hs, leaf)
        g.add("scanner-no-text-part-%d" % i, msg, "Scan_2021021%d" % i, "scanner@" + s[2].split("@")[1])
    for i in range(3):
        s = school()
        files = [make_file(g, "scan-pdf", s, name=scan_name(g)) for _ in range(1 + i % 2)]
        text = "Scanned document from Canon iR-ADV C3520\n\n"
        for f in files:
            uu = "".join(binascii.b2a_uu(f.data[k:k + 45]).decode() for k in range(0, len(f.data), 45))
            text += "begin 644 %s\n%s`\nend\n\n" % (f.name, uu)
        text += "-- \nCanon"
        hs = common_headers(g, s, "Scanned from Canon %s" % s[0], "scanner", from_name="Canon iR-ADV C3520")
        if i == 2:
            leaf = Leaf(["Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: 7bit"], text,
                        expect=[exp(f) for f in files])
            msg = Message(hs, leaf)
        else:
            body = Leaf(["Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: 7bit"], text,
                        expect=[exp(f) for f in files])
            other = make_file(g, "jpeg", s, name="logo-canon-big.jpg")
            msg = Message(hs, Multi("mixed", g.boundary("uu"), [body, attachment_leaf(other, r, "plain")]))
        g.add("scanner-uuencode-%d" % i, msg, "Scanned from Canon %s" % s[0], s[2])

    # ---- E. forwards and replies ---------------------------------------------------------------
    def school_original(s, client="gmail", kinds=("scan-pdf",)):
        files = [make_file(g, k, s) for k in kinds]
        msg, subject, eol, links = client_message(g, client, s, files, {})
        return msg, subject

    for i in range(6):
        s = school()
        inner, isub = school_original(s, ["gmail", "outlook", "thunderbird", "yahoo", "owa", "gmail"][i],
                                      [("scan-pdf",), ("scan-pdf", "jpeg"), ("zip",), ("docx",), ("pdf-text",), ("scan-pdf",)][i])
        fwd_from = "hieutruong.%s" % s[2]
        subject = "Fwd: " + isub
        hs = common_headers(g, s, subject, "gmail", from_addr=fwd_from, from_name="Hiệu trưởng")
        text = text_leaf("---------- Forwarded message ---------\nChuyển tiếp kế hoạch của trường.", "utf-8", "quoted-printable")
        rfc = RFC822(inner, ["Content-Type: message/rfc822" + ("; name=\"forward.eml\"" if i % 2 else ""),
                             "Content-Disposition: " + ("inline" if i % 3 == 0 else "attachment")],
                     cte="base64" if i in (1, 4) else None)
        children = [text, rfc]
        if i == 3:
            extra = make_file(g, "scan-pdf", s)
            children.append(attachment_leaf(extra, r, "2047-b"))
        if i == 5:
            # forward of a forward: the rfc822 sits three multiparts down
            inner2 = Message(common_headers(g, s, "Fwd: " + isub, "gmail", from_name="Văn thư"),
                             Multi("mixed", g.boundary("gmail"), [text_leaf("Fwd", "utf-8", "7bit"), rfc]))
            rfc = RFC822(inner2, ["Content-Type: message/rfc822"])
            children = [Multi("alternative", g.boundary("gmail"), [text, text_leaf("<p>Fwd</p>", "utf-8", "7bit", "html")]), rfc]
            subject = "Fwd: Fwd: " + isub
            hs = [x if not x.startswith("Subject:") else subject_header(subject) for x in hs]
        msg = Message(hs, Multi("mixed", g.boundary("gmail"), children))
        g.add("forward-%d%s" % (i, "-base64-rfc822" if i in (1, 4) else ""), msg, subject, fwd_from)

    for i in range(4):
        s = school()
        files = [make_file(g, ["scan-pdf", "jpeg", "scan-pdf", "zip"][i], s)]
        quoted = "\n".join("> " + line for line in REMINDER.split("\n"))
        opt = {"subject": "Re: [Nhắc lần 2] Gửi Kế hoạch thi đua khen thưởng năm 2021",
               "extra_body": "\n\nVào Th 4, 17 thg 2, 2021 lúc 08:00 Phòng GDĐT <%s> đã viết:\n%s" % (OFFICE, quoted)}
        msg, subject, eol, links = client_message(g, ["gmail", "outlook", "yahoo", "thunderbird"][i], s, files, opt)
        msg.headers.append("In-Reply-To: <reminder-2-%s@thidua.local>" % s[0])
        msg.headers.append("References: <reminder-2-%s@thidua.local>" % s[0])
        g.add("reply-quoting-reminder-%d" % i, msg, subject, s[2], eol=eol)

    # ---- F. winmail.dat ------------------------------------------------------------------------
    for i in range(4):
        s = school()
        inner_files = [make_file(g, "scan-pdf", s, name="KeHoach_%s_%d.pdf" % (s[0], k + 1)) for k in range(1 + i % 2)]
        if i == 2:
            inner_files.append(make_file(g, "jpeg", s, name="Báo cáo.jpg"))
        if i == 3:
            inner_files.append(make_file(g, "docx", s, name="KH%s.docx" % s[0]))
        data = tnef([(f.name, f.data) for f in inner_files], r)
        wf = File("winmail.dat", data, "other", "application/ms-tnef")
        wsubject = subject_for(g, s, i)
        hs = common_headers(g, s, wsubject, "outlook", from_name=PEOPLE[i], subj_style="q",
                            extra=["X-Mailer: Microsoft Office Outlook 11", "X-MS-TNEF-Correlator: 000000%08X" % r.getrandbits(32)])
        cte_value, body, raw = enc_body(data, "base64", r)
        tl = Leaf(["Content-Type: application/ms-tnef; name=\"winmail.dat\"",
                   "Content-Disposition: attachment; filename=\"winmail.dat\"",
                   "Content-Transfer-Encoding: " + cte_value], body, False, [exp(f) for f in inner_files])
        msg = Message(hs, Multi("mixed", g.boundary("outlook"),
                                [text_leaf(body_text(g, s, PEOPLE[i]), "windows-1258", "quoted-printable"), tl]))
        g.add("outlook-winmail-dat-%d" % i, msg, wsubject, s[2])

    # ---- G. links, no attachment, signature logos ---------------------------------------------------
    link_sets = [["https://drive.google.com/file/d/1AbC%sdEf/view?usp=sharing" % "x7Q2"],
                 ["https://1drv.ms/b/s!AkJx7Q2mFz9fgQw"],
                 ["https://www.dropbox.com/s/q2x7abc/KeHoach.pdf?dl=0"],
                 ["https://docs.google.com/document/d/1ZyX-9kq/edit?usp=sharing",
                  "https://drive.google.com/drive/folders/1FoLdEr2021?usp=sharing"]]
    for i, links in enumerate(link_sets):
        s = school()
        msg, subject, eol, _ = client_message(g, ["gmail", "outlook", "yahoo", "gmail"][i], s, [], {"links": links})
        g.add("link-only-%d" % i, msg, subject, s[2], eol=eol, links=links)
    for i in range(2):
        s = school()
        subject = "Trường %s xin gia hạn nộp kế hoạch" % s[1]
        hs = common_headers(g, s, subject, "gmail", from_name=PEOPLE[i])
        root = text_leaf("Kính gửi Phòng GDĐT, trường xin nộp muộn 2 ngày.", "utf-8", ["quoted-printable", "8bit"][i])
        g.add("no-attachment-%d" % i, Message(hs, root), subject, s[2])
    for i in range(3):
        s = school()
        logo = File("logo.png" if i != 2 else None, png(r, r.randint(300, 3000)), "image", "image/png")
        cid = "ii_k%08x" % r.getrandbits(32)
        html = text_leaf(html_of(body_text(g, s, PEOPLE[i])) + '<img src="cid:%s">' % cid, "utf-8", "quoted-printable", "html")
        lh = ["Content-Type: image/png" + ('; name="logo.png"' if logo.name else ""), "Content-Transfer-Encoding: base64",
              "Content-ID: <%s>" % cid]
        if i == 1:
            lh.append("Content-Disposition: inline" + ('; filename="logo.png"' if logo.name else ""))
        logo_leaf = Leaf(lh, b64_lines(logo.data))     # no expectation: a logo is not an attachment
        related = Multi("related", g.boundary("gmail"), [html, logo_leaf])
        alt = Multi("alternative", g.boundary("gmail"), [text_leaf(body_text(g, s, PEOPLE[i]), "utf-8", "quoted-printable"), related])
        children = [alt]
        if i != 2:
            children.append(attachment_leaf(make_file(g, "scan-pdf", s), r, "2047-b"))
        subject = subject_for(g, s)
        hs = common_headers(g, s, subject, "gmail", from_name=PEOPLE[i])
        g.add("signature-logo-related-%d" % i, Message(hs, Multi("mixed", g.boundary("gmail"), children)), subject, s[2])

    # ---- H. structure: nesting, prefix boundaries, missing close, preamble/epilogue ----------------
    for depth in [3, 4, 5, 6]:
        s = school()
        f = make_file(g, "scan-pdf", s)
        f2 = make_file(g, "jpeg", s)
        node = attachment_leaf(f, r, "2047-b")
        for d in range(depth - 1):
            kids = [text_leaf("level %d" % d, "us-ascii", "7bit"), node] if d % 2 == 0 else [node]
            node = Multi(["mixed", "related", "alternative", "mixed", "parallel"][d % 5], "nest%d_%08x" % (d, r.getrandbits(32)), kids)
        root = Multi("mixed", "top_%08x" % r.getrandbits(32), [node, attachment_leaf(f2, r, "2231")])
        subject = subject_for(g, s)
        g.add("nesting-%d-levels" % (depth + 1), Message(common_headers(g, s, subject, "gmail", from_name=None), root), subject, s[2])
    for i in range(3):
        s = school()
        f, f2 = make_file(g, "scan-pdf", s), make_file(g, "pdf-text", s)
        outer = "==Boundary_%08x" % r.getrandbits(32)
        inner_b = outer + ["_alt", "-1", "--x"][i]
        alt = Multi("alternative", inner_b, [text_leaf("Kính gửi", "utf-8", "base64"), text_leaf("<p>Kính gửi</p>", "utf-8", "base64", "html")])
        inner2 = Multi("mixed", inner_b + "2", [attachment_leaf(f, r, "2047-b")])
        root = Multi("mixed", outer, [alt, inner2, attachment_leaf(f2, r, "2231")])
        subject = subject_for(g, s)
        g.add("prefix-boundary-%d" % i, Message(common_headers(g, s, subject, "gmail", from_name=PEOPLE[i]), root), subject, s[2])
    for i in range(3):
        s = school()
        f = make_file(g, "scan-pdf", s)
        children = [text_leaf("Gửi kế hoạch.", "utf-8", "quoted-printable"), attachment_leaf(f, r, "2047-b")]
        if i == 2:
            inner = Multi("mixed", "inner_%08x" % r.getrandbits(32), [attachment_leaf(f, r, "2231")], close=False)
            children = [children[0], inner]
        root = Multi("mixed", "open_%08x" % r.getrandbits(32), children, close=False)
        subject = subject_for(g, s)
        g.add("missing-closing-boundary-%d" % i, Message(common_headers(g, s, subject, "yahoo", from_name=PEOPLE[i]), root),
              subject, s[2])
    for i in range(2):
        s = school()
        f = make_file(g, "scan-pdf", s)
        root = Multi("mixed", "pe_%08x" % r.getrandbits(32),
                     [text_leaf("Kính gửi", "utf-8", "8bit"), attachment_leaf(f, r, "2047-b")],
                     preamble="This is a multi-part message in MIME format.\n--not-a-boundary\nmore preamble",
                     epilogue="epilogue text\n--pe_fake--\nafter")
        subject = subject_for(g, s)
        g.add("preamble-epilogue-%d" % i, Message(common_headers(g, s, subject, "gmail", from_name=None), root), subject, s[2])

    # ---- I. header syntax: folding, raw 8-bit, obsolete ---------------------------------------------
    for i in range(3):
        s = school()
        f = make_file(g, "scan-pdf", s)
        subject = subject_for(g, s)
        hs = common_headers(g, s, subject, "gmail", from_name=PEOPLE[i])
        if i == 0:   # raw 8-bit UTF-8 everywhere in headers
            hs = [x for x in hs if not x.startswith(("Subject:", "From:"))] + [
                "Subject: " + subject, 'From: "%s" <%s>' % (PEOPLE[i], s[2])]
            leaf = attachment_leaf(f, r, "raw-8bit")
            label = "header-raw-8bit-utf8"
        elif i == 1:  # heavy folding of every header and parameter
            hs = [x for x in hs if not x.startswith("Subject:")] + ["Subject:\n " + "\n ".join(ew_b(subject, max_bytes=12))]
            leaf = attachment_leaf(f, r, "2231-cont", extra=["X-Long-Header: a\n b\n\tc\n d"])
            leaf.headers[0] = leaf.headers[0].replace("; ", ";\n  ")
            label = "headers-folded"
        else:  # obsolete syntax: whitespace before the colon
            hs = [x.replace("Subject:", "Subject :", 1).replace("From:", "From :", 1).replace("Date:", "Date  :", 1) for x in hs]
            leaf = attachment_leaf(f, r, "2047-b")
            leaf.headers = [x.replace("Content-Disposition:", "Content-Disposition :") for x in leaf.headers]
            label = "obsolete-space-before-colon"
        root = Multi("mixed", g.boundary("gmail"), [text_leaf("Kính gửi", "utf-8", "quoted-printable"), leaf])
        g.add(label, Message(hs, root), subject, s[2])

    # ---- J. hostile filenames ---------------------------------------------------------------
    long_name = ("Kế hoạch thi đua khen thưởng năm học 2020-2021 của Trường " * 6)
    while len(long_name.encode()) < 296:
        long_name += "ạ"
    long_name = long_name[:]
    while len((long_name + ".pdf").encode()) > 300:
        long_name = long_name[:-1]
    long_name += ".pdf"
    hostile = [
        ("path-traversal", "../../etc/passwd", "2231"),
        ("path-traversal-windows", "..\\..\\Windows\\win.ini", "plain"),
        ("reserved-con", "CON.pdf", "plain"),
        ("reserved-nul-aux", "aux.pdf", "unquoted"),
        ("crlf-in-name", "Kế hoạch\r\nBcc: x@evil.example.pdf", "2231"),
        ("nul-in-name", "scan\x00.exe.pdf", "2231"),
        ("crlf-in-2047", "Báo cáo\r\n2021.pdf", "2047-b"),
        ("bidi-override", "Kế hoạch\u202egnp.exe", "2047-b"),
        ("bidi-override-2231", "invoice\u202efdp.scr", "2231"),
        ("long-300-bytes", long_name, "2231-cont"),
        ("long-300-bytes-2047", long_name, "2047-b"),
        ("slash-absolute", "/tmp/x/KeHoach.pdf", "plain"),
    ]
    for label, name, style in hostile:
        s = school()
        f = make_file(g, "scan-pdf", s, name=name)
        subject = subject_for(g, s)
        root = Multi("mixed", g.boundary("gmail"), [text_leaf("Gửi kế hoạch", "utf-8", "quoted-printable"),
                                                     attachment_leaf(f, r, style)])
        g.add("hostile-" + label, Message(common_headers(g, s, subject, "gmail", from_name=PEOPLE[0]), root), subject, s[2])

    # ---- K. misc: case of addresses, multiple recipients, filename styles -----------------------
    for i, style in enumerate(["both", "2047-unquoted", "2231-mixed", "2231-cont-ooo", "unquoted", "name-only"]):
        s = school()
        f = make_file(g, "scan-pdf", s, name=(None if style not in ("unquoted",) else "KeHoach_%s.pdf" % s[0]))
        subject = subject_for(g, s)
        addr = s[2].upper() if i % 2 == 0 else s[2]
        hs = common_headers(g, s, subject, "thunderbird", from_addr=addr, from_name=PEOPLE[i])
        root = Multi("mixed", g.boundary("thunderbird"), [text_leaf("Gửi", "utf-8", "base64"), attachment_leaf(f, r, style)])
        g.add("filename-style-" + style, Message(hs, root), subject, addr)



def main():
    out_dir = os.path.join(HERE, "generated")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        out_dir = sys.argv[2]
    g = Gen(random.Random(SEED))
    build(g)
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        if old.endswith(".eml") and old not in g.files:
            os.remove(os.path.join(out_dir, old))
    for name, data in g.files.items():
        with open(os.path.join(out_dir, name), "wb") as fh:
            fh.write(data)
    with open(os.path.join(out_dir, "expected.json"), "w", encoding="utf-8") as fh:
        json.dump(g.expected, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
    total = sum(len(d) for d in g.files.values())
    print("wrote %d messages (%d bytes) to %s" % (len(g.files), total, out_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
