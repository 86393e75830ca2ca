#!/usr/bin/python3
"""Fill the local mail stack's office mailbox with realistic sample school mail (`make demo`).

Usage:
    /usr/bin/python3 deploy/demo-mail.py --roster config/units.csv --office thidua.gdbd@pgd.example

Connection details come from the environment written by `deploy/mailstack start DIR`
(load it with `set -a; . DIR/env; set +a`):
    MAILSTACK_HOST, MAILSTACK_IMAPS_PORT, MAILSTACK_CA_FILE, MAILSTACK_PASSWORD_FILE
The login name is the office address; the password is the password file's content, stripped.
The server certificate is always verified against MAILSTACK_CA_FILE.

The script APPENDs about 40 messages to the office INBOX, each with an INTERNALDATE in
February 2021, as schools answering Kế hoạch 11/KH-PGDĐT (deadline 21/02/2021 23:59, +07:00)
would have sent them: most schools on time, a few late, the rest nothing, two unknown senders,
one school sending only a .docx, one a text (not scanned) PDF, one forgetting the attachment
and sending again, and a mix of mail clients (Gmail, Outlook, Thunderbird, Yahoo, iPhone,
Apple Mail, an old Outlook writing windows-1258) with their own MIME habits.

Everything is generated in Python from a fixed seed (the standard library, but for the one
scan whose header thidua reads, drawn with Pillow; the scans, PDFs and encodings come from
scripts/mailgen), so the demo is the same every time. If the INBOX already holds messages, nothing is appended (so running
`make demo` twice does not duplicate). `--out DIR` writes the messages as .eml files instead of
touching any server (handy for `thidua inspect`).
"""

import argparse
import base64
import csv
import datetime as dt
import email.utils
import imaplib
import os
import random
import ssl
import sys
import textwrap
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from mailgen.encoding import ascii_fold, b64_lines, encode, quoted_printable  # noqa: E402
from mailgen.headers import encoded_words, header_text, mailbox, rfc2231  # noqa: E402
from mailgen.images import jpeg_with_comment  # noqa: E402
from mailgen.mime import Leaf, Message, Multi, render  # noqa: E402
from mailgen.office import docx_entries, zip_archive  # noqa: E402
from mailgen.pdf import scan_pdf, text_pdf  # noqa: E402

SEED = 20210221
TZ = dt.timezone(dt.timedelta(hours=7), "+07")
DEADLINE = dt.datetime(2021, 2, 21, 23, 59, 59, tzinfo=TZ)


# --------------------------------------------------------------------------------------------
# Roster

def read_roster(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    units = []
    for r in rows:
        code = (r.get("code") or "").strip()
        if not code:
            continue
        name = unicodedata.normalize("NFC", (r.get("name") or "").strip())
        emails = [e.strip() for e in (r.get("emails") or "").split(";") if e.strip()]
        if not emails:
            continue
        units.append({
            "code": code, "name": name, "level": (r.get("level") or "").strip(),
            "emails": emails, "principal": (r.get("principal") or "").strip(),
            "phone": (r.get("phone") or "").split(",")[0].strip(),
        })
    return units


def short_name(u):
    """'Tiểu học Nguyễn Trãi' -> 'TH Nguyễn Trãi' (how schools abbreviate themselves)."""
    n = u["name"]
    for long, short in (("Mầm non ", "MN "), ("Tiểu học ", "TH ")):
        if n.startswith(long):
            return short + n[len(long):]
    return n


# --------------------------------------------------------------------------------------------
# MIME, by hand, so that each client's habits are reproduced byte for byte

# How these clients write encoded words: each word at most 75 characters and holding whole
# letters, Q leaving RFC 2047's phrase-safe punctuation as it is, and windows-1258 with every
# tone mark combining (old Outlook).
WORDS = dict(max_length=75, by_cluster=True, q_safe=b"!*+-/", tones="combining")


def hdr_text(text, charset="UTF-8", enc="B", sep="\r\n "):
    return header_text(text, charset, enc, sep, **WORDS)


def addr(display, address, charset="UTF-8", enc="B"):
    return mailbox(display, address, lambda d: " ".join(encoded_words(d, charset, enc, **WORDS)), quote="specials")


def fn_2231(name, param="filename", continuation=False, charset="UTF-8"):
    return ";\r\n ".join(rfc2231(param, name, charset, width=60 if continuation else None))


def fn_2047(name, param="filename", charset="UTF-8", enc="B", sep="\r\n\t"):
    """RFC 2047 words inside a quoted parameter, as Gmail, Outlook and Apple Mail write them."""
    return '%s="%s"' % (param, hdr_text(name, charset, enc, sep))


def b64_body(data):
    return b64_lines(data, eol="\r\n", terminate=True).encode("ascii")


def qp_body(text, charset="utf-8"):
    return quoted_printable(encode(text.replace("\r\n", "\n"), charset, tones="combining"))


def docx(paragraphs, when):
    """A minimal but valid Word document."""
    return zip_archive(docx_entries(paragraphs), when.timetuple()[:6])



def flowed(text, width=72):
    """format=flowed: soft line breaks end with a space."""
    out = []
    for para in text.split("\n"):
        if len(para) <= width:
            out.append(para)
            continue
        lines = textwrap.wrap(para, width)
        out += [ln + " " for ln in lines[:-1]] + [lines[-1]]
    return "\r\n".join(out) + "\r\n"


def html_of(text, sig, gmail=True):
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = "".join("<div>%s</div>" % (esc(ln) if ln else "<br>") for ln in text.split("\n"))
    sigh = "<br>".join(esc(ln) for ln in sig.split("\n"))
    if gmail:
        return ('<div dir="ltr">%s<br clear="all"><div><br></div>-- <br><div dir="ltr" class="gmail_signature" '
                'data-smartmail="gmail_signature"><div dir="ltr">%s</div></div></div>\n' % (body, sigh))
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
            '<body lang="VI"><div class="WordSection1">%s<p>%s</p></div></body></html>\n' % (body, sigh))


# --------------------------------------------------------------------------------------------
# Mail clients

def rand_token(rng, n, alphabet="abcdefghijklmnopqrstuvwxyz0123456789"):
    return "".join(rng.choice(alphabet) for _ in range(n))


def rand_hex(rng, n):
    return rand_token(rng, n, "0123456789abcdef")


def received(rng, sender, office, t):
    host = sender.split("@")[1]
    return ("from mail.%s (mail.%s [192.0.2.%d])\r\n\tby mx.pgd.example with ESMTPS id %s\r\n\tfor <%s>; %s"
            % (host, host, rng.randint(10, 250), rand_token(rng, 12).upper(), office,
               email.utils.format_datetime(t + dt.timedelta(seconds=rng.randint(2, 9)))))


def build(m, rng, office):
    """m: a dict describing one message (see plan()). Returns the raw RFC 5322 bytes."""
    client, t = m["client"], m["sent"]
    text, sig = m["text"], m["sig"]
    date = email.utils.format_datetime(t)
    frm, disp = m["from"], m["display"]
    atts = m["attachments"]  # list of (filename, content_type, bytes)
    top = [("Received", received(rng, frm, office, t))] if "@" in frm else []
    to = m.get("to", office)

    if client == "gmail":
        b1, b2 = "000000000000" + rand_hex(rng, 12), "000000000000" + rand_hex(rng, 12)
        alt = Multi("alternative", b2, [
            Leaf([("Content-Type", 'text/plain; charset="UTF-8"'), ("Content-Transfer-Encoding", "quoted-printable")],
                 qp_body(text + "\n\n-- \n" + sig + "\n")),
            Leaf([("Content-Type", 'text/html; charset="UTF-8"'), ("Content-Transfer-Encoding", "quoted-printable")],
                 qp_body(html_of(text, sig))),
        ])
        parts = [alt]
        for fn, ctype, data in atts:
            fid = "f_k" + rand_token(rng, 7)
            parts.append(Leaf([
                ("Content-Type", "%s; \r\n\t%s" % (ctype, fn_2047(fn, "name", sep="\r\n\t"))),
                ("Content-Disposition", "attachment; \r\n\t%s" % fn_2047(fn, sep="\r\n\t")),
                ("Content-Transfer-Encoding", "base64"),
                ("Content-ID", "<%s>" % fid), ("X-Attachment-Id", fid)], b64_body(data)))
        body = Multi("mixed", b1, parts) if atts else alt
        headers = top + [("MIME-Version", "1.0"), ("From", addr(disp, frm)), ("Date", date),
                         ("Message-ID", "<CA%s@mail.gmail.com>" % rand_token(
                             rng, 58, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+_-=")),
                         ("Subject", hdr_text(m["subject"]))]
        headers.append(("To", to))
        if m.get("cc"):
            headers.append(("Cc", m["cc"]))

    elif client in ("outlook", "outlook2007"):
        cs = "windows-1258" if client == "outlook2007" else "utf-8"
        enc = "Q" if client == "outlook2007" else "B"
        stamp = "01D7%04X.%08X" % (rng.randrange(0x10000), rng.randrange(1 << 32))
        b1, b2 = "----=_NextPart_000_%04X_%s" % (rng.randrange(0x10000), stamp), \
                 "----=_NextPart_001_%04X_%s" % (rng.randrange(0x10000), stamp)
        if cs == "utf-8":
            plain = Leaf([("Content-Type", 'text/plain; charset="utf-8"'), ("Content-Transfer-Encoding", "base64")],
                         b64_body((text + "\n\n" + sig + "\n").replace("\n", "\r\n").encode("utf-8")))
            html = Leaf([("Content-Type", 'text/html; charset="utf-8"'), ("Content-Transfer-Encoding", "base64")],
                        b64_body(html_of(text, sig, gmail=False).encode("utf-8")))
        else:
            plain = Leaf([("Content-Type", 'text/plain; charset="windows-1258"'),
                          ("Content-Transfer-Encoding", "quoted-printable")],
                         qp_body(text + "\n\n" + sig + "\n", "windows-1258"))
            html = Leaf([("Content-Type", 'text/html; charset="windows-1258"'),
                         ("Content-Transfer-Encoding", "quoted-printable")],
                        qp_body(html_of(text, sig, gmail=False).replace("utf-8", "windows-1258"), "windows-1258"))
        alt = Multi("alternative", b2, [plain, html])
        parts = [alt]
        for fn, ctype, data in atts:
            parts.append(Leaf([
                ("Content-Type", "%s;\r\n\t%s" % (ctype, fn_2047(fn, "name", cs, enc))),
                ("Content-Transfer-Encoding", "base64"),
                ("Content-Disposition", "attachment;\r\n\t%s;\r\n\tsize=%d;\r\n\tcreation-date=\"%s\";\r\n\t"
                 "modification-date=\"%s\"" % (fn_2047(fn, "filename", cs, enc), len(data),
                                               email.utils.format_datetime(t.astimezone(dt.timezone.utc), True),
                                               email.utils.format_datetime(t.astimezone(dt.timezone.utc), True)))],
                b64_body(data)))
        body = Multi("mixed", b1, parts, preamble="This is a multi-part message in MIME format.\r\n")
        headers = top + [("From", addr(disp, frm, cs, enc)), ("To", to), ("Subject", hdr_text(m["subject"], cs, enc)),
                         ("Date", date),
                         ("Message-ID", "<%s$%s$%s@%s>" % (("000001d7" + rand_hex(rng, 8)),
                                                           rand_hex(rng, 8), rand_hex(rng, 8), frm.split("@")[1])),
                         ("MIME-Version", "1.0"),
                         ("X-Mailer", "Microsoft Office Outlook 12.0" if client == "outlook2007"
                          else "Microsoft Outlook 16.0"),
                         ("Thread-Index", base64.b64encode(bytes(rng.randrange(256) for _ in range(22))).decode()),
                         ("Content-Language", "vi")]

    elif client == "thunderbird":
        b1 = "------------" + rand_token(rng, 24, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        plain = Leaf([("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
                      ("Content-Transfer-Encoding", "8bit")],
                     flowed(text + "\n\n-- \n" + sig).encode("utf-8"))
        parts = [plain]
        for fn, ctype, data in atts:
            parts.append(Leaf([
                ("Content-Type", "%s;\r\n %s" % (ctype, fn_2047(fn, "name", sep="\r\n "))),
                ("Content-Transfer-Encoding", "base64"),
                ("Content-Disposition", "attachment;\r\n %s" % fn_2231(fn, continuation=True))], b64_body(data)))
        body = Multi("mixed", b1, parts, preamble="This is a multi-part message in MIME format.") \
            if atts else plain
        headers = top + [("To", to), ("From", addr(disp, frm)),
                         ("Subject", hdr_text(m["subject"], enc="Q")),
                         ("Message-ID", "<%s-%s-%s-%s-%s@%s>" % (rand_hex(rng, 8), rand_hex(rng, 4), rand_hex(rng, 4),
                                                                 rand_hex(rng, 4), rand_hex(rng, 12), frm.split("@")[1])),
                         ("Date", date),
                         ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:78.0) Gecko/20100101 "
                                        "Thunderbird/78.7.1"),
                         ("MIME-Version", "1.0"), ("Content-Language", "vi")]

    elif client == "yahoo":
        n = rng.randrange(10 ** 6, 10 ** 7)
        b1 = "----=_Part_%d_%d.%d" % (n, rng.randrange(10 ** 9, 10 ** 10), int(t.timestamp() * 1000))
        b2 = "----=_Part_%d_%d.%d" % (n - 1, rng.randrange(10 ** 9, 10 ** 10), int(t.timestamp() * 1000))
        alt = Multi("alternative", b2, [
            Leaf([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")],
                 qp_body(text + "\n\n" + sig + "\n")),
            Leaf([("Content-Type", "text/html; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")],
                 qp_body('<html><head></head><body><div class="ydp1b2c3d4eyahoo-style-wrap">%s</div></body></html>'
                         % html_of(text, sig))),
        ])
        parts = [alt]
        for fn, ctype, data in atts:
            parts.append(Leaf([
                ("Content-Type", "application/octet-stream"),
                ("Content-Transfer-Encoding", "base64"),
                ("Content-Disposition", "attachment; %s" % fn_2047(fn, sep=" ")),
                ("Content-ID", "<%s@yahoo.com>" % rand_hex(rng, 16))], b64_body(data)))
        body = Multi("mixed", b1, parts)
        headers = top + [("Date", date), ("From", addr(disp, frm)), ("Reply-To", addr(disp, frm)), ("To", to),
                         ("Message-ID", "<%d.%d.%d@mail.yahoo.com>" % (rng.randrange(10 ** 8, 10 ** 9),
                                                                       rng.randrange(10 ** 6, 10 ** 7), n)),
                         ("Subject", hdr_text(m["subject"])), ("MIME-Version", "1.0"),
                         ("X-Mailer", "WebService/1.1.17648 YMailNorrin")]

    elif client in ("iphone", "applemail"):
        uid = "-".join(rand_hex(rng, k) for k in (8, 4, 4, 4, 12)).upper()
        b1 = "Apple-Mail-" + "-".join(rand_hex(rng, k) for k in (8, 4, 4, 4, 12)).upper()
        plain = Leaf([("Content-Type", "text/plain;\r\n\tcharset=utf-8"),
                      ("Content-Transfer-Encoding", "quoted-printable")], qp_body(text + "\n\n" + sig + "\n"))
        parts = [plain]
        for fn, ctype, data in atts:
            if client == "iphone":  # photos: inline, plain ASCII names
                parts.append(Leaf([
                    ("Content-Type", "%s;\r\n\tname=%s" % (ctype, fn)),
                    ("Content-Disposition", "inline;\r\n\tfilename=%s" % fn),
                    ("Content-Transfer-Encoding", "base64")], b64_body(data)))
            else:  # macOS: decomposed (NFD) Unicode names, RFC 2231 and Q-encoded name
                nfd = unicodedata.normalize("NFD", fn)
                parts.append(Leaf([
                    ("Content-Disposition", "attachment;\r\n\t%s" % fn_2231(nfd, charset="utf-8")),
                    ("Content-Type", "%s;\r\n\tx-unix-mode=0644;\r\n\t%s" % (ctype, fn_2047(nfd, "name", "utf-8", "Q",
                                                                                       sep="\r\n\t"))),
                    ("Content-Transfer-Encoding", "base64")], b64_body(data)))
        body = Multi("mixed", b1, parts)
        headers = top + [("Content-Transfer-Encoding", "7bit"), ("From", addr(disp, frm, "utf-8", "Q")),
                         ("Mime-Version", "1.0 (%s)" % ("1.0" if client == "iphone" else "Mac OS X Mail 14.0 \\(3654.60.0.2.21\\)")),
                         ("Date", date), ("Subject", hdr_text(m["subject"], "utf-8", "Q")),
                         ("Message-Id", "<%s@%s>" % (uid, frm.split("@")[1])), ("To", to),
                         ("X-Mailer", "iPhone Mail (18D52)" if client == "iphone" else "Apple Mail (2.3654.60.0.2.21)")]
    else:
        raise ValueError(client)

    # Each part's body ends with its own CRLF, which serves as the delimiter's.
    return render(Message(headers, body), "\r\n", translate=False, delimiter_eol="if-missing", ctype_sep="; ")


# --------------------------------------------------------------------------------------------
# The story: who sends what, when

FIRST = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô"]
MID_F = ["Thị", "Thị Thu", "Thị Minh", "Thị Thanh", "Thị Hồng"]
GIVEN_F = ["Lan", "Hương", "Hà", "Hoa", "Mai", "Thủy", "Hằng", "Nga", "Hạnh", "Dung", "Yến", "Thảo", "Vân", "Trang"]
MID_M = ["Văn", "Đức", "Minh", "Quang"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Thắng", "Long", "Sơn", "Hải"]
ROLES = ["Văn thư", "Văn thư", "Kế toán", "Phó Hiệu trưởng", "Thư ký Hội đồng", "Giáo viên"]


def header_scan(u, t):
    """A school's plan as a flatbed scans it at 200 dpi, its header (Nghị định 30 layout) and
    red seal drawn with Pillow: the demo's one scan whose header thidua reads. mailgen.scans
    is imported here, since the rest of the demo needs only the standard library."""
    import dataclasses
    from mailgen import pdf, scans
    r = random.Random(SEED + 20)
    issuer = "TRƯỜNG " + u["name"].upper()
    own = u["name"].split(" ", 2)[-1].upper() if u["level"] in ("MN", "TH") else u["name"].split(" ", 1)[-1].upper()
    doc = dataclasses.replace(
        scans.Document(), issuer=("PHÒNG GD&ĐT QUẬN BA ĐÌNH", issuer), number="%02d/KH-%s" % (r.randint(5, 40), u["code"]),
        date=(t.year, t.month, t.day), school="Trường " + u["name"], signer=u["principal"] or "Nguyễn Thị Hoa",
        seal_ring=issuer if len(issuer) <= 30 else "TRƯỜNG " + u["level"] + " " + own, seal_centre=(u["level"], own),
        face="liberation-serif")
    page = scans.scan(scans.scanned(r, 200, doc, seal=scans.Seal()), r)
    w, h = round(page.img.width * 72 / 200, 2), round(page.img.height * 72 / 200, 2)
    return pdf.image_pdf([((w, h), 0, [(scans.pdf_image(page.img, "jpeg", 80), (0, 0, w, h))])],
                         t.replace(tzinfo=None), "CamScanner", r.randbytes(16))


def when(rng, day, h0=7, h1=17):
    if day == 8:  # the plan went out on the morning of 08/02
        h0 = max(h0, 14)
    t = dt.datetime(2021, 2, day, rng.randint(h0, h1 - 1), rng.randint(0, 59), rng.randint(0, 59), tzinfo=TZ)
    return t


def plan(units, rng, office):
    order = sorted(units, key=lambda u: u["code"])
    rng.shuffle(order)
    n = len(order)
    n_late = min(4, max(1, n // 15))
    n_on = max(1, min(n - n_late - 1, round(n * 0.57)))
    on_time, late, silent = order[:n_on], order[n_on:n_on + n_late], order[n_on + n_late:]

    # the days schools send: a few before Tết (10-16/02), almost none during it, most after it
    days = [8] * 3 + [9] * 4 + [10] + [15] + [17] * 5 + [18] * 6 + [19] * 6 + [20] * 4 + [21] * 4
    msgs = []

    def person():
        if rng.random() < 0.8:  # school clerks and teachers are mostly women
            return "%s %s %s" % (rng.choice(FIRST), rng.choice(MID_F), rng.choice(GIVEN_F))
        return "%s %s %s" % (rng.choice(FIRST), rng.choice(MID_M), rng.choice(GIVEN_M))

    def signature(u, who, role):
        s = "%s\n%s - Trường %s\nQuận Ba Đình, Hà Nội" % (who, role, u["name"])
        if u["phone"]:
            s += "\nĐT: %s" % u["phone"]
        return s

    subjects = [
        "Kế hoạch thi đua khen thưởng năm 2021 - Trường {name}",
        "{short} gửi Kế hoạch thi đua khen thưởng năm 2021",
        "V/v gửi Kế hoạch công tác thi đua khen thưởng năm 2021 - {name}",
        "KH thi đua khen thưởng 2021_{short}",
        "KẾ HOẠCH THI ĐUA KHEN THƯỞNG NĂM 2021 - TRƯỜNG {NAME}",
        "Trường {name} gửi KH TĐKT năm 2021",
    ]
    bodies = [
        "Kính gửi: Phòng Giáo dục và Đào tạo quận Ba Đình\n\nThực hiện Kế hoạch số 11/KH-PGDĐT ngày 08/02/2021 "
        "của Phòng GDĐT quận Ba Đình, Trường {name} xin gửi Kế hoạch công tác thi đua khen thưởng năm 2021 của "
        "nhà trường (bản scan có dấu đỏ) trong file đính kèm.\n\nTrân trọng cảm ơn!",
        "Kính gửi Phòng GDĐT quận Ba Đình,\n\nTrường {name} xin gửi Kế hoạch thi đua khen thưởng năm 2021 "
        "(bản scan dấu đỏ).\nKính mong Phòng tiếp nhận.\n\nTrân trọng.",
        "Dạ em chào Phòng ạ,\n\nEm là {role_lc} trường {short}, em gửi Kế hoạch thi đua khen thưởng năm 2021 "
        "của trường em ạ.\nEm cảm ơn ạ!",
        "Kính gửi Phòng Giáo dục và Đào tạo,\n\n{short} gửi kèm theo đây Kế hoạch thi đua - khen thưởng năm 2021 "
        "đã được Hiệu trưởng ký, đóng dấu.\n\nTrân trọng!",
    ]
    late_body = ("Kính gửi Phòng GDĐT quận Ba Đình,\n\nTrường {name} xin gửi Kế hoạch thi đua khen thưởng năm 2021. "
                 "Do sau Tết nhà trường bận nhiều việc nên gửi chậm, kính mong Phòng thông cảm.\n\nTrân trọng cảm ơn!")
    filenames = [
        ("Kế hoạch thi đua khen thưởng năm 2021 - {short}.pdf", "pdf"),
        ("KH TĐKT 2021 - {short}.pdf", "pdf"),
        ("Kế hoạch TĐKT năm 2021.pdf", "pdf"),
        ("Scan_202102{dd}_{hhmm}.pdf", "pdf"),
        ("{short} - Kế hoạch thi đua khen thưởng 2021 (bản scan).pdf", "pdf"),
        ("KH thi đua khen thưởng 2021.jpg", "jpg"),
    ]
    clients = ["gmail"] * 9 + ["outlook"] * 4 + ["thunderbird"] * 2 + ["yahoo"] * 2 + ["iphone"] * 2 + ["applemail"]

    def fmt(s, u, t, role="Văn thư"):
        return s.format(name=u["name"], NAME=u["name"].upper(), short=short_name(u), dd="%02d" % t.day,
                        hhmm=t.strftime("%H%M%S"), role_lc=role.lower())

    def attachments_for(u, client, t, kind=None, name=None):
        if client == "iphone":
            npages = rng.choice([1, 2, 2])
            return [("image%d.jpeg" % k, "image/jpeg", jpeg_with_comment("%s trang %d" % (u["code"], k + 1)))
                    for k in range(npages)]
        fn, k = rng.choice(filenames)
        fn, k = name or fn, kind or k
        if k == "jpg":
            return [(fmt(fn, u, t).replace(".pdf", ".jpg"), "image/jpeg", jpeg_with_comment(u["code"]))]
        fn = fmt(fn, u, t).replace(".jpg", ".pdf")
        pages = rng.choice([1, 1, 1, 2])
        if rng.random() < 0.3:
            data = scan_pdf(rng, t, pages, jpeg_comment=u["code"], producer="HP Scan")
        else:
            data = scan_pdf(rng, t, pages, producer=rng.choice(["Canon MF Scan Utility", "Epson Scan 2",
                                                                 "Brother iPrint&Scan"]))
        return [(fn, "application/pdf", data)]

    def message(u, t, client=None, subject=None, body=None, atts=None, sender=None, display=None, note="",
                fname=None):
        client = client or rng.choice(clients)
        who = u["principal"] if rng.random() < 0.2 and u["principal"] else person()
        role = "Hiệu trưởng" if who == u["principal"] else rng.choice(ROLES)
        frm = sender or (u["emails"][1] if len(u["emails"]) > 1 and rng.random() < 0.5 else u["emails"][0])
        disp = display if display is not None else rng.choice(
            ["Trường " + u["name"], short_name(u), who, ascii_fold(short_name(u))])
        m = {
            "unit": u["code"], "client": client, "sent": t, "from": frm, "display": disp,
            "subject": subject if subject is not None else fmt(rng.choice(subjects), u, t),
            "text": body if body is not None else fmt(rng.choice(bodies), u, t, role),
            "sig": signature(u, who, role),
            "attachments": atts if atts is not None else attachments_for(u, client, t, name=fname),
            "note": note,
        }
        if client == "gmail" and len(u["emails"]) > 1 and rng.random() < 0.5:
            other = [e for e in u["emails"] if e != frm]
            if other:
                m["cc"] = other[0]
        msgs.append(m)
        return m

    specials = {}
    for k, u in enumerate(on_time):
        if k == 0:    # only a Word file, no scan
            t = when(rng, 18)
            specials["docx"] = u["code"]
            message(u, t, client="gmail",
                    atts=[("Kế hoạch thi đua khen thưởng năm 2021.docx",
                           "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           docx(["UBND QUẬN BA ĐÌNH", "TRƯỜNG " + u["name"].upper(), "KẾ HOẠCH",
                                 "Công tác thi đua khen thưởng năm 2021",
                                 "Căn cứ Kế hoạch số 11/KH-PGDĐT ngày 08/02/2021 của Phòng GDĐT quận Ba Đình, "
                                 "Trường %s xây dựng Kế hoạch công tác thi đua khen thưởng năm 2021 như sau:" % u["name"],
                                 "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN"], t))],
                    note="only a .docx, no scan")
        elif k == 1:  # a PDF printed from Word: text, not a scan
            t = when(rng, 19)
            specials["text-pdf"] = u["code"]
            n = ascii_fold(u["name"]).upper()
            message(u, t, client="outlook",
                    atts=[("KH thi đua 2021 - %s.pdf" % short_name(u), "application/pdf",
                           text_pdf(rng, t, ["UBND QUAN BA DINH", "TRUONG " + n, "",
                                             "# KE HOACH", "# Cong tac thi dua khen thuong nam 2021", "",
                                             "Can cu Ke hoach so 11/KH-PGDDT ngay 08/02/2021 cua Phong GDDT quan Ba Dinh,",
                                             "Truong " + ascii_fold(u["name"]) + " xay dung Ke hoach nhu sau:",
                                             "# I. MUC DICH, YEU CAU", "# II. NOI DUNG",
                                             "# III. TO CHUC THUC HIEN"]))],
                    note="a text PDF (printed from Word), not a scan")
        elif k == 2:  # forgets the attachment, sends again a few minutes later
            t = when(rng, 19, 14, 16)
            specials["forgot"] = u["code"]
            subj = "Kế hoạch thi đua khen thưởng năm 2021 - Trường %s" % u["name"]
            message(u, t, client="thunderbird", subject=subj, atts=[], note="forgot the attachment")
            message(u, t + dt.timedelta(minutes=rng.randint(4, 12)), client="thunderbird",
                    subject="Gửi lại: " + subj + " (có file đính kèm)",
                    body="Kính gửi Phòng GDĐT quận Ba Đình,\n\nEm xin gửi lại vì thư trước em quên đính kèm file ạ."
                         "\n\nTrân trọng cảm ơn!", sender=msgs[-1]["from"], display=msgs[-1]["display"],
                    fname="Kế hoạch thi đua khen thưởng năm 2021 - Trường {name} (bản scan dấu đỏ).pdf",
                    note="sent again, with the scan")
        elif k == 3:  # an old Outlook writing windows-1258
            specials["windows-1258"] = u["code"]
            message(u, when(rng, 18), client="outlook2007", fname="KH TĐKT 2021 - {short}.pdf",
                    note="windows-1258 subject, body and filename")
        elif k == 4:  # just before the deadline
            specials["edge"] = u["code"]
            message(u, dt.datetime(2021, 2, 21, 23, 41, 7, tzinfo=TZ), client="iphone",
                    note="at 23:41 on the deadline day")
        elif k == 5:  # Apple Mail on a Mac: decomposed (NFD) filename
            specials["nfd"] = u["code"]
            message(u, when(rng, 17), client="applemail", fname="Kế hoạch thi đua khen thưởng năm 2021 - {short}.pdf",
                    note="Apple Mail, NFD filename")
        else:
            message(u, when(rng, rng.choice(days)))
    late_times = [dt.datetime(2021, 2, 22, 0, 17, 42, tzinfo=TZ), when(rng, 22, 8, 11),
                  when(rng, 23, 13, 16), when(rng, 24, 9, 11)]
    for u, t in zip(late, late_times):
        message(u, t, body=fmt(late_body, u, t),
                subject=fmt("Gửi bổ sung Kế hoạch thi đua khen thưởng năm 2021 - Trường {name}", u, t), note="late")

    # a teacher of a school that otherwise sends nothing, from her personal address;
    # the school is named only in the subject
    tu = silent[0]
    t = when(rng, 19, 20, 23)
    msgs.append({
        "unit": None, "names_unit": tu["code"], "client": "gmail", "sent": t,
        "from": "thuhuong.nguyen1987@personal.example", "display": "Thu Hương",
        "subject": "Kế hoạch thi đua khen thưởng năm 2021 - Trường %s" % tu["name"],
        "text": "Dạ em gửi Phòng kế hoạch thi đua khen thưởng năm 2021 ạ.\nEm cảm ơn ạ!",
        "sig": "Nguyễn Thu Hương",
        "attachments": [("KH TĐKT 2021.pdf", "application/pdf", scan_pdf(rng, t, 1, producer="CamScanner"))],
        "note": "teacher's personal address; school only in the subject",
    })
    # another teacher, of another school that sends nothing else, from her personal address:
    # neither subject, body nor file name names the school; the scan's header does, and
    # thidua attributes it by the header (the address is offered to the officer, not learned)
    if len(silent) > 1:
        hu = silent[1]
        t = when(rng, 20, 19, 22)
        msgs.append({
            "unit": None, "header_names_unit": hu["code"], "client": "gmail", "sent": t,
            "from": "tranngoclan.1990@personal.example", "display": "Ngọc Lan",
            "subject": "Kế hoạch thi đua khen thưởng năm 2021",
            "text": "Dạ em gửi Phòng bản scan kế hoạch thi đua khen thưởng năm 2021 của trường em ạ.\nEm cảm ơn ạ!",
            "sig": "Trần Ngọc Lan",
            "attachments": [("scan0001.pdf", "application/pdf", header_scan(hu, t))],
            "note": "teacher's personal address; the school is named only in the scan's header",
        })
    # a stranger: an office-equipment seller
    t = when(rng, 15, 9, 11)
    msgs.append({
        "unit": None, "client": "yahoo", "sent": t,
        "from": "kinhdoanh.anphat@vanphongpham.example", "display": "Văn phòng phẩm An Phát",
        "subject": "Báo giá máy scan tài liệu cho trường học năm 2021",
        "text": "Kính gửi Quý Phòng,\n\nCông ty An Phát xin gửi báo giá máy scan, máy photocopy ưu đãi cho các "
                "trường học đầu năm 2021. Chi tiết xem file đính kèm.\n\nRất mong được hợp tác!",
        "sig": "Phòng Kinh doanh - Công ty TNHH Văn phòng phẩm An Phát\nHotline: 1900 0000",
        "attachments": [("Báo giá 2021.pdf", "application/pdf",
                         text_pdf(rng, t, ["# BAO GIA MAY SCAN - MAY PHOTOCOPY 2021", "",
                                           "Canon DR-C225 II ......... 8.900.000 VND",
                                           "Epson DS-530 II .......... 9.500.000 VND",
                                           "Brother ADS-2200 ......... 6.200.000 VND"]))],
        "note": "stranger (advertising)",
    })
    msgs.sort(key=lambda m: m["sent"])
    return msgs, on_time, late, silent, specials


# --------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description="Seed the office INBOX of the local mail stack with demo school mail.")
    ap.add_argument("--roster", required=True, help="units CSV (code,name,level,emails,...)")
    ap.add_argument("--office", required=True, help="office address = IMAP login, e.g. thidua.gdbd@pgd.example")
    ap.add_argument("--out", metavar="DIR", help="write the messages as .eml files here instead of appending")
    args = ap.parse_args()

    units = read_roster(args.roster)
    if len(units) < 8:
        sys.exit("demo-mail: the roster %s has only %d usable units; need at least 8" % (args.roster, len(units)))
    rng = random.Random(SEED)
    msgs, on_time, late, silent, specials = plan(units, rng, args.office)
    raws = [(m, build(m, rng, args.office)) for m in msgs]

    if args.out:
        os.makedirs(args.out, exist_ok=True)
        for i, (m, raw) in enumerate(raws, 1):
            with open(os.path.join(args.out, "%02d-%s.eml" % (i, m["unit"] or "unknown")), "wb") as f:
                f.write(raw)
        print("demo-mail: wrote %d messages to %s" % (len(raws), args.out))
    else:
        env = {}
        for k in ("MAILSTACK_HOST", "MAILSTACK_IMAPS_PORT", "MAILSTACK_CA_FILE", "MAILSTACK_PASSWORD_FILE"):
            env[k] = os.environ.get(k)
            if not env[k]:
                sys.exit("demo-mail: %s is not set (run `deploy/mailstack start DIR` and load DIR/env)" % k)
        with open(env["MAILSTACK_PASSWORD_FILE"], encoding="utf-8") as f:
            password = f.read().strip()
        ctx = ssl.create_default_context(cafile=env["MAILSTACK_CA_FILE"])
        try:
            imap = imaplib.IMAP4_SSL(env["MAILSTACK_HOST"], int(env["MAILSTACK_IMAPS_PORT"]), ssl_context=ctx)
        except (OSError, ssl.SSLError) as e:
            sys.exit("demo-mail: cannot connect to imaps://%s:%s: %s"
                     % (env["MAILSTACK_HOST"], env["MAILSTACK_IMAPS_PORT"], e))
        try:
            try:
                imap.login(args.office, password)
            except imaplib.IMAP4.error:
                sys.exit("demo-mail: login as %s refused" % args.office)
            typ, data = imap.select("INBOX", readonly=True)
            if typ != "OK":
                sys.exit("demo-mail: cannot open INBOX: %r" % data)
            existing = int(data[0])
            if existing:
                print("demo-mail: INBOX of %s already holds %d message(s); nothing appended."
                      % (args.office, existing))
                return
            imap.close()
            for m, raw in raws:
                internal = m["sent"] + dt.timedelta(seconds=rng.randint(3, 40))
                typ, data = imap.append("INBOX", None, imaplib.Time2Internaldate(internal), raw)
                if typ != "OK":
                    sys.exit("demo-mail: APPEND failed: %r" % data)
        finally:
            try:
                imap.logout()
            except Exception:
                pass
        print("demo-mail: appended %d messages to INBOX of %s" % (len(raws), args.office))

    def codes(us):
        return ", ".join(sorted(u["code"] for u in us)) or "-"
    print("  on time  (%2d units): %s" % (len(on_time), codes(on_time)))
    print("  late     (%2d units): %s" % (len(late), codes(late)))
    print("  nothing  (%2d units): %s" % (len(silent), codes(silent)))
    for m in msgs:
        if m["unit"] is None:
            print("  unknown sender: %s%s" % (m["from"], " (names %s in the subject only)" % m["names_unit"]
                                             if m.get("names_unit") else ""))
    labels = {"docx": "only a .docx", "text-pdf": "a text PDF, not a scan", "forgot": "forgot the attachment, sent again",
              "windows-1258": "windows-1258 (old Outlook)", "edge": "23:41 on the deadline day",
              "nfd": "Apple Mail, NFD filename"}
    for k, code in specials.items():
        print("  %-7s %s" % (code, labels[k]))


if __name__ == "__main__":
    main()
