#!/usr/bin/python3
"""Generates the labelled message set for LabelledSetTests (DESIGN issue 5, point 7).

Writes messages/NNN-<case>.eml, labels.json and units.csv next to this script.
Standard library only (the encodings, MIME rendering and files come from scripts/mailgen),
deterministic (fixed seed): re-running gives the same bytes.

    /usr/bin/python3 Tests/IntakeTests/Labelled/generate.py

Labelling rules (the ground truth, independent of what thidua currently does):
- "unit" is the school that really sent the message, or null when the message must NOT be
  attributed: no school (spam, newsletters, bounces), a school outside the roster, two
  schools named, or a name that does not single out one unit ("Thành Công" without the
  level, "TH Thành Công" without A/B).
- Forwards are labelled with the school whose original mail is forwarded (not the forwarder).
- Replies to reminders are labelled with the school the reminder went to ("threads" gives
  the reminder's Message-ID → unit code, as the store would).
- Auto-replies / out-of-office answers to a reminder: "unit" is the school the reminder went
  to (the answer comes from its address, or its mailbox's forwarding target in the thread),
  and "campaign" is null: an out-of-office is not a submission for any campaign, and must
  not put the unit into the ledger.
- "campaign" is the collection the message is about, or null.
"""
import csv
import json
import os
import random
import shutil
import sys
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))

sys.path.insert(0, os.path.join(ROOT, "scripts"))
from mailgen.encoding import ascii_fold, b64_lines, is_ascii, quoted_printable  # noqa: E402
from mailgen.headers import encoded_words, mailbox, rfc2231  # noqa: E402
from mailgen.images import tiny_jpeg  # noqa: E402
from mailgen.mime import Leaf, Message, Multi, render  # noqa: E402
from mailgen.pdf import stub_scan_pdf  # noqa: E402

OUT = os.path.join(HERE, "messages")
TZ = timezone(timedelta(hours=7))
rng = random.Random(20210221)

OFFICE = "thidua.gdbd@gmail.com"
OFFICE_NAME = "Phòng GDĐT quận Ba Đình"

PLAN = {
    "id": "khtdkt-2021",
    "title": "Kế hoạch thi đua khen thưởng năm 2021",
    "opens": "2021-02-08T00:00:00+07:00",
    "deadline": "2021-02-21T23:59:00+07:00",
    "keywords": ["kế hoạch", "thi đua", "khen thưởng", "TĐKT"],
}
REPORT = {
    "id": "bcsk-hk1-2021",
    "title": "Báo cáo sơ kết học kỳ I năm học 2020-2021",
    "opens": "2021-01-25T00:00:00+07:00",
    "deadline": "2021-02-26T17:00:00+07:00",
    "keywords": ["báo cáo", "sơ kết"],
}

# ---------------------------------------------------------------- roster

with open(os.path.join(ROOT, "config", "units.csv"), encoding="utf-8-sig") as f:
    UNITS = [row for row in csv.DictReader(f)]
for u in UNITS:
    u["emails"] = [e for e in u["emails"].split(";") if e]
BY_CODE = {u["code"]: u for u in UNITS}

LEVEL_FULL = {"MN": "Mầm non", "TH": "Tiểu học", "THCS": "Trung học cơ sở"}


def bare(unit):
    name = unit["name"]
    for prefix in ("Mầm non ", "Tiểu học ", "THCS "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def full_name(unit):
    return f"Trường {LEVEL_FULL[unit['level']]} {bare(unit)}"


def name_form(unit):
    """One of the ways people write a school's name."""
    level, b = unit["level"], bare(unit)
    forms = [f"{LEVEL_FULL[level]} {b}", f"{level} {b}", f"Trường {LEVEL_FULL[level]} {b}",
             f"Trường {level} {b}", f"trường {level} {b}", f"TRƯỜNG {level} {b.upper()}"]
    return rng.choice(forms)


def file_name_form(unit, prefix=None):
    """A filename naming the school: underscores/hyphens, no diacritics, as phones and scanners make them."""
    level, b = unit["level"], ascii_fold(bare(unit))
    prefix = prefix or rng.choice(["KH_TDKT_2021", "KH_thi_dua_2021", "Ke_hoach_TDKT", "KHTDKT_2021"])
    forms = [f"{prefix}_{level}_{b.replace(' ', '_')}.pdf",
             f"{level}_{b.replace(' ', '_')}_{prefix}.pdf",
             f"{prefix}-{level}-{b.replace(' ', '-')}.pdf",
             f"{prefix} {level} {b}.pdf"]
    return rng.choice(forms)


# ---------------------------------------------------------------- people

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Thị", "Thu", "Thanh", "Minh", "Ngọc", "Văn", "Hồng", "Kim", "Thị Thu", "Thị Minh"]
GIVEN = ["Hà", "Lan", "Hương", "Hằng", "Huyền", "Trang", "Dung", "Yến", "Oanh", "Thảo", "Mai", "Tuấn", "Hải",
         "Sơn", "Nhung", "Phương", "Linh", "Hạnh", "Vân", "Quỳnh"]
ROLES = ["Giáo viên", "Văn thư", "Phó hiệu trưởng", "Hiệu trưởng", "Kế toán", "Tổng phụ trách Đội", "Tổ trưởng chuyên môn"]


def person():
    fam, mid, giv = rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)
    name = f"{fam} {mid} {giv}"
    local_styles = [
        f"{ascii_fold(giv).lower()}.{ascii_fold(fam).lower()}{rng.randint(70, 99)}",
        f"{ascii_fold(fam + mid + giv).lower().replace(' ', '')}",
        f"{ascii_fold(giv).lower()}{ascii_fold(fam)[0].lower()}{rng.randint(1, 999)}",
        f"co{ascii_fold(giv).lower()}_{rng.randint(1980, 1999)}",
    ]
    provider = rng.choice(["gmail.personal.example", "gmail.personal.example", "yahoo.personal.example",
                           "outlook.personal.example"])
    return name, f"{rng.choice(local_styles)}@{provider}", provider


# ---------------------------------------------------------------- MIME building

def header_value(text):
    """RFC 2047 for non-ASCII: encoded words of at most 36 bytes, B or (a third of the time) Q."""
    if is_ascii(text):
        return text
    encoding = "Q" if rng.random() < 0.35 else "B"
    return "\r\n ".join(encoded_words(text, "utf-8", encoding, max_bytes=36, label="UTF-8"))


def address(name, addr):
    return mailbox(name, addr, header_value)


def new_boundary():
    return rng.choice(["0000000000", "----=_Part_", "Apple-Mail=_", "_000_", "----=_NextPart_000_"]) + \
        "".join(rng.choice("0123456789abcdef") for _ in range(24))


def text_part(text, subtype="plain"):
    data = text.replace("\n", "\r\n").encode("utf-8")
    cte = rng.choice(["base64", "quoted-printable", "8bit"])
    if cte == "base64":
        body = b64_lines(data, eol="\r\n")
    elif cte == "quoted-printable":
        body = quoted_printable(data).decode("ascii")
    else:
        body = data.decode("utf-8").replace("\r\n", "\n").replace("\n", "\r\n")
    return Leaf([("Content-Type", f'text/{subtype}; charset="UTF-8"'), ("Content-Transfer-Encoding", cte)], body)


def html_of(text):
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<html><head><meta charset=\"utf-8\"></head><body><div dir=\"ltr\">" + \
        "".join(f"<div>{line or '<br>'}</div>" for line in esc.split("\n")) + "</div></body></html>"


def body_part(text):
    style = rng.random()
    if style < 0.45:
        return text_part(text)
    if style < 0.85:
        return Multi("alternative", new_boundary(), [text_part(text), text_part(html_of(text), "html")])
    return text_part(html_of(text), "html")  # Outlook web / Yahoo: HTML only


def file_part(name, data, ctype):
    style = rng.random()
    ascii_name = is_ascii(name)
    if ascii_name and style < 0.5:
        ct, cd = f'{ctype}; name="{name}"', f'attachment; filename="{name}"'
    elif style < 0.75:  # Gmail, Outlook: RFC 2047 inside the quotes
        enc = header_value(name).replace("\r\n ", "")
        ct, cd = f'{ctype}; name="{enc}"', f'attachment; filename="{enc}"'
    else:  # Thunderbird, Apple Mail: RFC 2231
        ct, cd = f"{ctype}", "attachment;\r\n " + rfc2231("filename", name, "UTF-8", safe="-._")[0]
    return Leaf([("Content-Type", ct), ("Content-Disposition", cd), ("Content-Transfer-Encoding", "base64")],
                b64_lines(data, eol="\r\n"))


COUNTER = [0]


def attachment(name):
    COUNTER[0] += 1
    if name.lower().endswith((".jpg", ".jpeg")):
        return file_part(name, tiny_jpeg(rng, COUNTER[0]), "image/jpeg")
    return file_part(name, stub_scan_pdf(COUNTER[0]), "application/pdf")


def message_id(domain):
    return "<" + "".join(rng.choice("0123456789ABCDEFabcdef") for _ in range(rng.choice([20, 28, 32]))) + \
        f"@{domain}>"


def fmt_date(dt):
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{days[dt.weekday()]}, {dt.day:02d} {months[dt.month - 1]} {dt.year} {dt:%H:%M:%S} +0700"


def mailer(provider):
    return {"gmail.personal.example": None, "yahoo.personal.example": "YahooMailAndroid",
            "outlook.personal.example": "Microsoft Outlook 16.0", "schools.example": rng.choice(
                [None, "Microsoft Outlook 16.0", "Apple Mail (2.3608.120.23.2.4)", "Mozilla Thunderbird"])}.get(provider)


def make_message(sender_name, sender, subject, body, files, sent, extra_headers=(), to=OFFICE, root=None):
    """A full message: headers, a body and the files; returns (bytes, Message-ID)."""
    domain = sender.split("@")[1]
    mid = message_id(domain)
    headers = [("Return-Path", f"<{sender}>"),
               ("Received", f"from mail.{domain} by mx.google.com with ESMTPS id x{rng.randrange(10**6)};\r\n {fmt_date(sent + timedelta(seconds=rng.randint(2, 40)))}"),
               ("From", address(sender_name, sender)), ("To", to), ("Subject", header_value(subject)),
               ("Date", fmt_date(sent)), ("Message-ID", mid)]
    headers += list(extra_headers)
    agent = mailer(domain)
    if agent:
        headers.append(("X-Mailer", agent))
    headers.append(("MIME-Version", "1.0"))
    if root is None:
        parts = [body_part(body)] + [attachment(f) for f in files]
        if len(parts) == 1 and rng.random() < 0.5:
            root = parts[0]
        else:
            b = new_boundary()
            root = Multi("mixed", b, parts)
    # Every body ends with a CRLF of its own, then the next delimiter follows.
    return render(Message(headers, root), "\r\n", translate=False, leaf_eol=True, delimiter_eol="if-missing",
                  ctype_sep="; "), mid


# ---------------------------------------------------------------- texts

def plan_time(late_chance=0.08):
    if rng.random() < late_chance:
        start = datetime(2021, 2, 22, 6, 30, tzinfo=TZ)
        return start + timedelta(minutes=rng.randrange(60 * 60))
    start = datetime(2021, 2, 8, 7, 0, tzinfo=TZ)
    return start + timedelta(minutes=rng.randrange(int((13 * 24 + 16) * 60)))


def report_time():
    start = datetime(2021, 1, 26, 7, 0, tzinfo=TZ)
    return start + timedelta(minutes=rng.randrange(int(30 * 24 * 60)))


GENERIC_PLAN_SUBJECTS = [
    "Gửi kế hoạch thi đua khen thưởng năm 2021", "Kế hoạch TĐKT năm 2021", "V/v gửi Kế hoạch thi đua, khen thưởng năm 2021",
    "Nộp kế hoạch thi đua 2021", "KH thi đua khen thưởng 2021 (bản scan)", "Gửi phòng kế hoạch TĐKT",
    "Kế hoạch thi đua", "kế hoạch thi đua khen thưởng", "Gửi Kế hoạch thi đua khen thưởng (bản có dấu đỏ)",
]
NAMED_PLAN_SUBJECTS = [
    "{n} gửi kế hoạch thi đua khen thưởng năm 2021", "{n} - Kế hoạch TĐKT năm 2021",
    "V/v gửi Kế hoạch thi đua, khen thưởng năm 2021 - {n}", "KH thi đua 2021 {n}",
    "Kế hoạch thi đua khen thưởng 2021 của {n}", "[{n}] Kế hoạch thi đua khen thưởng", "{n}: gửi KH TĐKT 2021",
]
GENERIC_FILES = ["KH_TDKT_2021.pdf", "scan0001.pdf", "Ke hoach thi dua 2021.pdf", "IMG_20210215_091233.jpg",
                 "Kế hoạch thi đua.pdf", "CamScanner 02-15-2021 09.12.pdf", "Scan_20210216.pdf", "KH TĐKT 2021.pdf",
                 "image.jpg", "Doc1.pdf"]
SIGN_OFF = ["Em cảm ơn ạ.", "Trân trọng cảm ơn!", "Trân trọng,", "Xin cảm ơn.", "Em cảm ơn phòng ạ!"]
PHONE_TAILS = ["", "", "\n\nGửi từ iPhone của tôi", "\n\nSent from my iPhone", "\n\nSent from Yahoo Mail on Android",
               "\n\nGửi từ điện thoại Samsung Galaxy"]


def generic_plan_body(person_name):
    opening = rng.choice(["Kính gửi Phòng GDĐT quận Ba Đình,", "Kính gửi: Phòng Giáo dục và Đào tạo quận Ba Đình",
                          "Kính gửi bộ phận thi đua,", "Dạ em chào phòng ạ,", "Kính gửi đồng chí phụ trách thi đua,"])
    middle = rng.choice([
        "Em xin gửi Kế hoạch thi đua, khen thưởng năm 2021 của nhà trường (bản scan có dấu đỏ) trong tệp đính kèm.",
        "Nhà trường gửi bản scan Kế hoạch TĐKT năm 2021 có dấu đỏ. Bản giấy nhà trường lưu tại văn phòng.",
        "Thực hiện Kế hoạch số 11/KH-PGDĐT, nhà trường xin gửi kế hoạch thi đua khen thưởng năm 2021 ạ.",
        "Dạ em gửi phòng kế hoạch thi đua của trường em ạ. Bản scan đóng dấu đỏ em đính kèm dưới đây.",
        "Em gửi lại kế hoạch thi đua đã có chữ ký và dấu đỏ của Hiệu trưởng.",
    ])
    tail = rng.choice(["", f"\n{person_name}", f"\n{person_name}\n{rng.choice(ROLES)}"])
    return f"{opening}\n\n{middle}\n\n{rng.choice(SIGN_OFF)}{tail}{rng.choice(PHONE_TAILS)}\n"


def signature_plan_body(unit, person_name):
    """The school is named only in the signature."""
    opening = rng.choice(["Kính gửi: Phòng Giáo dục và Đào tạo quận Ba Đình", "Kính gửi Phòng GDĐT quận Ba Đình,"])
    middle = rng.choice([
        "Thực hiện Kế hoạch số 11/KH-PGDĐT ngày 05/02/2021, nhà trường gửi Kế hoạch thi đua, khen thưởng năm 2021 (bản scan có dấu đỏ).",
        "Nhà trường trân trọng gửi Kế hoạch thi đua khen thưởng năm 2021 theo yêu cầu của Phòng.",
        "Em gửi kế hoạch TĐKT năm 2021 bản scan có dấu đỏ, phòng kiểm tra giúp em ạ.",
    ])
    sig = rng.choice([
        f"Trân trọng,\nHiệu trưởng\n{full_name(unit)}\n{unit['principal']}\nĐT: {unit['phone'].split(',')[0]}",
        f"Trân trọng,\n{person_name}\n{rng.choice(ROLES)} - {name_form(unit)}",
        f"--\n{person_name}\n{rng.choice(ROLES)}\n{full_name(unit)}, quận Ba Đình, Hà Nội",
        f"Người gửi: {person_name}\nĐơn vị: {name_form(unit)}",
    ])
    return f"{opening}\n\n{middle}\n\n{sig}{rng.choice(PHONE_TAILS)}\n"


def maybe_unaccented(texts, chance=0.4):
    """People on phones type without tone marks: the same words, no diacritics."""
    if rng.random() < chance:
        return [ascii_fold(t) for t in texts], False
    return texts, True


# ---------------------------------------------------------------- the set

messages = []  # (case, bytes, label)


def add(case, data, unit, campaign, received, accents=True, threads=None, note=None):
    label = {"unit": unit, "campaign": campaign, "case": case,
             "received_at": received.strftime("%Y-%m-%dT%H:%M:%S+07:00"), "accents": accents}
    if threads:
        label["threads"] = threads
    if note:
        label["note"] = note
    messages.append((case, data, label))


def sent_before(received):
    return received - timedelta(seconds=rng.randint(5, 300))


def school_address_cases(n):
    for i in range(n):
        unit = rng.choice(UNITS)
        sender = rng.choice(unit["emails"])
        received = plan_time(0.15)
        style = i % 4
        if style == 0:
            subject, body = rng.choice(GENERIC_PLAN_SUBJECTS), generic_plan_body(unit["principal"])
        elif style == 1:
            subject, body = rng.choice(NAMED_PLAN_SUBJECTS).format(n=name_form(unit)), generic_plan_body(unit["principal"])
        elif style == 2:
            subject, body = rng.choice(GENERIC_PLAN_SUBJECTS), signature_plan_body(unit, unit["principal"])
        else:  # the school's own account, but a teacher types a vague subject
            subject, body = "Gửi phòng GD", "Kính gửi phòng,\nTrường gửi kế hoạch thi đua khen thưởng năm 2021 ạ.\n"
        (subject, body), accents = maybe_unaccented([subject, body], 0.3)
        files = [rng.choice([file_name_form(unit), rng.choice(GENERIC_FILES)])]
        data, _ = make_message(full_name(unit) if rng.random() < 0.7 else "", sender, subject, body, files, sent_before(received))
        add("school-address", data, unit["code"], PLAN["id"], received, accents)


def personal_subject_cases(n):
    for _ in range(n):
        unit = rng.choice(UNITS)
        pname, paddr, _ = person()
        received = plan_time()
        subject = rng.choice(NAMED_PLAN_SUBJECTS).format(n=name_form(unit))
        body = generic_plan_body(pname)
        (subject, body), accents = maybe_unaccented([subject, body])
        data, _ = make_message(pname, paddr, subject, body, [rng.choice(GENERIC_FILES)], sent_before(received))
        add("personal-subject", data, unit["code"], PLAN["id"], received, accents)


def personal_filename_cases(n):
    for i in range(n):
        unit = rng.choice(UNITS)
        pname, paddr, _ = person()
        received = plan_time()
        if i < 3:
            # CamelCase with no separators: the name cannot be read as words; expected in review.
            b = "".join(w.capitalize() for w in ascii_fold(bare(unit)).split())
            filename = f"KeHoachThiDua2021_{unit['level']}{b}.pdf"
            note = "name glued in CamelCase: expected to go to review"
        else:
            filename, note = file_name_form(unit), None
        subject = rng.choice(GENERIC_PLAN_SUBJECTS)
        body = generic_plan_body(pname)
        (subject, body), accents = maybe_unaccented([subject, body])
        data, _ = make_message(pname, paddr, subject, body, [filename], sent_before(received))
        add("personal-filename", data, unit["code"], PLAN["id"], received, accents, note=note)


def personal_signature_cases(n):
    for _ in range(n):
        unit = rng.choice(UNITS)
        pname, paddr, _ = person()
        received = plan_time()
        subject = rng.choice(GENERIC_PLAN_SUBJECTS)
        body = signature_plan_body(unit, pname)
        (subject, body), accents = maybe_unaccented([subject, body])
        data, _ = make_message(pname, paddr, subject, body, [rng.choice(GENERIC_FILES)], sent_before(received))
        add("personal-signature", data, unit["code"], PLAN["id"], received, accents)


CONFUSABLE = ["MN11", "TH02", "TH03", "THCS01", "TH01", "THCS02", "MN14", "TH16", "MN12", "TH08", "THCS13",
              "MN22", "TH11", "THCS09", "TH06", "THCS10", "TH05", "THCS03", "MN15", "THCS04", "MN16", "TH15",
              "THCS14", "MN24", "TH10", "MN13", "TH09"]


def confusable_precise_cases(n):
    for i in range(n):
        unit = BY_CODE[CONFUSABLE[i % len(CONFUSABLE)]] if i < len(CONFUSABLE) else \
            BY_CODE[rng.choice(["MN11", "TH02", "TH03", "THCS01"])]
        pname, paddr, _ = person()
        received = plan_time()
        where = i % 3
        subject, body, files = rng.choice(GENERIC_PLAN_SUBJECTS), generic_plan_body(pname), [rng.choice(GENERIC_FILES)]
        if where == 0:
            subject = rng.choice(NAMED_PLAN_SUBJECTS).format(n=name_form(unit))
        elif where == 1:
            files = [file_name_form(unit)]
        else:
            body = signature_plan_body(unit, pname)
        (subject, body), accents = maybe_unaccented([subject, body])
        data, _ = make_message(pname, paddr, subject, body, files, sent_before(received))
        add("confusable-precise", data, unit["code"], PLAN["id"], received, accents)


INCOMPLETE = [
    ("subject", "Kế hoạch thi đua trường Thành Công"), ("subject", "KH TĐKT 2021 Thành Công"),
    ("subject", "Kế hoạch TH Thành Công"), ("subject", "Tiểu học Thành Công gửi kế hoạch thi đua"),
    ("subject", "Trường Nguyễn Trãi gửi kế hoạch thi đua khen thưởng"), ("subject", "KH thi đua Kim Mã"),
    ("subject", "Kế hoạch TĐKT - Ngọc Hà"), ("subject", "Kế hoạch thi đua trường Phúc Xá năm 2021"),
    ("file", "KH_TDKT_Thanh_Cong.pdf"), ("file", "KH_TDKT_2021_Truong_Thanh_Cong.pdf"), ("file", "Ke hoach TD - Lieu Giai.pdf"),
    ("file", "KH_thi_dua_TH_Thanh_Cong.pdf"),
    ("body", "Trân trọng,\nHiệu trưởng\nTrường Thành Công"), ("body", "Trân trọng,\nVăn thư trường Hoàng Hoa Thám"),
    ("body", "--\nCô Lan, giáo viên Tiểu học Thành Công"), ("body", "Người gửi: văn thư trường Giảng Võ"),
]


def confusable_incomplete_cases():
    for where, text in INCOMPLETE:
        pname, paddr, _ = person()
        received = plan_time()
        subject, files = rng.choice(GENERIC_PLAN_SUBJECTS), [rng.choice(GENERIC_FILES)]
        body = generic_plan_body(pname)
        if where == "subject":
            subject = text
        elif where == "file":
            files = [text]
        else:
            body = "Kính gửi Phòng GDĐT quận Ba Đình,\n\nNhà trường gửi kế hoạch thi đua khen thưởng năm 2021 (bản scan).\n\n" + text + "\n"
        (subject, body), accents = maybe_unaccented([subject, body])
        data, _ = make_message(pname, paddr, subject, body, files, sent_before(received))
        add("confusable-incomplete", data, None, PLAN["id"], received, accents,
            note="the name does not single out one unit of the roster")


POLITE = [
    ("Kế hoạch TH Thành Công ạ", None, "'ạ' is the polite particle, not the A of Tiểu học Thành Công A"),
    ("Em gửi kế hoạch thi đua của trường Tiểu học Thành Công ạ", None, "polite particle after an incomplete name"),
    ("Dạ gửi phòng KH TĐKT trường TH Thành Công ạ", None, "polite particle after an incomplete name"),
    ("Kế hoạch thi đua TH Thành Công B ạ", "TH03", "B then the particle"),
    ("Em gửi kế hoạch thi đua THCS Thành Công ạ", "THCS01", "THCS then the particle"),
    ("KẾ HOẠCH THI ĐUA TH THÀNH CÔNG Ạ", None, "the particle in capitals"),
    ("Dạ em gửi KH TĐKT của TH Thành Công ạ.", None, "the particle before a full stop"),
    ("Kế hoạch thi đua Tiểu học Thành Công A ạ", "TH02", "A then the particle"),
]


def polite_particle_cases():
    for subject, code, note in POLITE:
        pname, paddr, _ = person()
        received = plan_time()
        data, _ = make_message(pname, paddr, subject, generic_plan_body(pname), [rng.choice(GENERIC_FILES)], sent_before(received))
        add("polite-particle", data, code, PLAN["id"], received, True, note=note)


def original_school_mail(unit, sent, with_name=True):
    subject = rng.choice(NAMED_PLAN_SUBJECTS).format(n=name_form(unit)) if with_name else rng.choice(GENERIC_PLAN_SUBJECTS)
    body = signature_plan_body(unit, unit["principal"]) if with_name else generic_plan_body(unit["principal"])
    return subject, body


def forward_inline_cases(n):
    for i in range(n):
        unit = rng.choice(UNITS)
        sender = rng.choice(unit["emails"])
        pname, paddr, _ = person()
        received = plan_time()
        orig_sent = received - timedelta(hours=rng.randint(1, 72))
        o_subject, o_body = original_school_mail(unit, orig_sent, with_name=rng.random() < 0.5)
        style = i % 4
        o_from = f"{full_name(unit)} <{sender}>"
        if style == 0:
            header = (f"---------- Forwarded message ---------\nFrom: {o_from}\nDate: {fmt_date(orig_sent)}\n"
                      f"Subject: {o_subject}\nTo: <{paddr}>\n")
        elif style == 1:
            header = (f"---------- Thư đã chuyển tiếp ----------\nTừ: {o_from}\nNgày: {orig_sent:%d/%m/%Y %H:%M}\n"
                      f"Chủ đề: {o_subject}\nĐến: {paddr}\n")
        elif style == 2:
            header = (f"-----Original Message-----\nFrom: {o_from}\nSent: {fmt_date(orig_sent)}\nTo: {paddr}\n"
                      f"Subject: {o_subject}\n")
        else:
            header = (f"----- Forwarded Message -----\nFrom: {ascii_fold(full_name(unit))} <{sender}>\n"
                      f"To: {pname} <{paddr}>\nSent: {fmt_date(orig_sent)}\nSubject: {o_subject}\n")
        intro = rng.choice(["Em chuyển tiếp thư của trường ạ.", "Chuyển tiếp kế hoạch của nhà trường, email trường bị lỗi gửi ạ.",
                            "Em gửi giúp trường ạ.", ""])
        # A cluster leader sometimes forwards another school's mail under their own signature.
        if i % 7 == 3:
            own = rng.choice([u for u in UNITS if u["code"] != unit["code"]])
            intro = f"Em chuyển tiếp kế hoạch của trường bạn ạ.\n\n{pname}\nTổ trưởng cụm - {full_name(own)}"
        body = f"{intro}\n\n{header}\n{o_body}"
        subject = "Fwd: " + o_subject if style != 2 else "FW: " + o_subject
        (subject, body), accents = maybe_unaccented([subject, body], 0.25)
        data, _ = make_message(pname, paddr, subject, body, [rng.choice([file_name_form(unit), rng.choice(GENERIC_FILES)])],
                               sent_before(received))
        add("forward-inline", data, unit["code"], PLAN["id"], received, accents,
            note="forwarded by a cluster leader of another school" if i % 7 == 3 else None)


def forward_rfc822_cases(n):
    for i in range(n):
        unit = rng.choice(UNITS)
        sender = rng.choice(unit["emails"])
        pname, paddr, _ = person()
        received = plan_time()
        orig_sent = received - timedelta(hours=rng.randint(1, 72))
        o_subject, o_body = original_school_mail(unit, orig_sent, with_name=rng.random() < 0.5)
        inner, _ = make_message(full_name(unit), sender, o_subject, o_body, [rng.choice([file_name_form(unit), "KH_TDKT_2021.pdf"])],
                                orig_sent, to=paddr)
        inner_part = Leaf([("Content-Type", 'message/rfc822; name="' + header_value("Kế hoạch thi đua.eml").replace("\r\n ", "") + '"'),
                           ("Content-Disposition", "attachment")], inner.decode("utf-8").rstrip("\r\n"))
        subject = rng.choice(["Fwd: " + o_subject, "Chuyển tiếp: " + o_subject, "Gửi thư của trường (đính kèm)"])
        body = rng.choice(["Em gửi kèm thư gốc của trường ạ.", "Thư trường gửi bị trả về nên em chuyển tiếp dạng tệp đính kèm.",
                           "Phòng xem giúp em thư đính kèm ạ."])
        (subject, body), accents = maybe_unaccented([subject, body], 0.25)
        b = new_boundary()
        root = Multi("mixed", b, [body_part(body), inner_part])
        data, _ = make_message(pname, paddr, subject, body, [], sent_before(received), root=root)
        add("forward-rfc822", data, unit["code"], PLAN["id"], received, accents)


STAGES = [(-7, "còn 7 ngày"), (-3, "còn 3 ngày"), (-1, "còn 1 ngày"), (0, "hạn cuối hôm nay"), (1, "đã quá hạn")]


def reminder(unit, campaign):
    """A reminder thidua sent to the unit: its Message-ID, subject, text and date."""
    deadline = datetime.fromisoformat(campaign["deadline"])
    days, label = rng.choice(STAGES)
    when = (deadline + timedelta(days=days)).replace(hour=8, minute=0, second=0)
    mid = "<thidua." + "-".join("".join(rng.choice("0123456789abcdef") for _ in range(k)) for k in (8, 4, 4, 4, 12)) + "@gmail.com>"
    subject = f"[Nhắc nộp hồ sơ] {campaign['title']} — {label}"
    text = (f"Kính gửi: {full_name(unit)},\n\n{OFFICE_NAME} chưa nhận được {campaign['title']} của đơn vị.\n"
            f"Hạn nộp: {deadline:%d/%m/%Y %H:%M} ({label}).\n\nĐơn vị vui lòng gửi bản scan có dấu đỏ (tệp PDF hoặc ảnh; "
            f"không nhận văn bản giấy) về địa chỉ {OFFICE}, bằng cách trả lời thư này hoặc gửi thư mới.\n\n"
            f"Trân trọng,\n{OFFICE_NAME}\n\n(Thư được gửi tự động; mã đơn vị: {unit['code']}.)")
    return mid, subject, text, when


def reply_reminder_cases(n):
    for i in range(n):
        unit = rng.choice(UNITS)
        campaign = PLAN if i % 5 else REPORT
        mid, r_subject, r_text, r_when = reminder(unit, campaign)
        pname, paddr, _ = person()
        received = r_when + timedelta(minutes=rng.randint(20, 60 * 30))
        body = rng.choice(["Dạ em gửi ạ.", "Em gửi bản scan có dấu đỏ ạ. Em xin lỗi vì gửi muộn.",
                           "Trường em gửi phòng ạ, phòng nhận giúp em.", "Gửi phòng bản scan.", "Dạ vâng em gửi lại ạ"])
        if i % 2 == 0:  # quoting the reminder, as Gmail does
            quoted = "\n".join("> " + line if line else ">" for line in r_text.split("\n"))
            body += f"\n\nVào {r_when:%H:%M} {r_when:%d/%m/%Y}, {OFFICE_NAME} <{OFFICE}> đã viết:\n{quoted}"
        body += rng.choice(PHONE_TAILS)
        subject = "Re: " + r_subject
        (subject, body), accents = maybe_unaccented([subject, body], 0.3)
        extra = [("In-Reply-To", mid), ("References", mid)] if i % 6 else [("References", f"{message_id('gmail.com')} {mid}")]
        files = [rng.choice(["scan0001.pdf", "IMG_20210219_101010.jpg", "image.jpg", "Doc1.pdf",
                             "BC_so_ket.pdf" if campaign is REPORT else "KH_TDKT_2021.pdf"])]
        data, _ = make_message(pname, paddr, subject, body, files, sent_before(received), extra)
        add("reply-reminder", data, unit["code"], campaign["id"], received, accents, threads={mid: unit["code"]})


def auto_reply_cases(n):
    for i in range(n):
        unit = rng.choice(UNITS)
        mid, r_subject, r_text, r_when = reminder(unit, PLAN)
        received = r_when + timedelta(seconds=rng.randint(3, 90))
        from_school = i % 3 != 2
        if from_school:
            sender_name, sender = full_name(unit), rng.choice(unit["emails"])
        else:  # the school mailbox forwards to the principal's Gmail, whose vacation responder answers
            sender_name, sender, _ = person()
        prefix = rng.choice(["Trả lời tự động: ", "Automatic reply: ", "Out of Office: ", "Auto: ", ""])
        subject = prefix + r_subject if prefix else "Re: " + r_subject
        body = rng.choice([
            "Tôi đang nghỉ phép đến hết ngày 22/02/2021. Việc gấp xin liên hệ Phó hiệu trưởng qua số điện thoại của trường.",
            "Cảm ơn quý vị đã gửi thư. Nhà trường sẽ phản hồi trong thời gian sớm nhất.",
            "I am out of the office until 22/02/2021 with limited access to email.",
            "Đây là thư trả lời tự động. Hộp thư này ít được kiểm tra, vui lòng gọi điện cho văn phòng nhà trường.",
        ])
        extra = [("In-Reply-To", mid), ("References", mid), ("Auto-Submitted", "auto-replied")]
        if rng.random() < 0.5:
            extra.append(("X-Autoreply", "yes"))
        if rng.random() < 0.3:
            extra.append(("Precedence", "auto_reply"))
        data, _ = make_message(sender_name, sender, subject, body, [], received - timedelta(seconds=2), extra)
        add("auto-reply", data, unit["code"], None, received, True, threads={mid: unit["code"]},
            note="an out-of-office is no submission: campaign null")


def bounce_cases(n):
    for i in range(n):
        unit = rng.choice(UNITS)
        mid, r_subject, r_text, r_when = reminder(unit, PLAN if i % 2 else REPORT)
        received = r_when + timedelta(seconds=rng.randint(3, 600))
        rcpt = rng.choice(unit["emails"]).replace("@", rng.choice(["@", "x@"]))
        if i % 3 == 0:
            sender_name, sender, subject = "Mail Delivery Subsystem", "mailer-daemon@googlemail.com", "Delivery Status Notification (Failure)"
            text = (f"** Address not found **\n\nYour message wasn't delivered to {rcpt} because the address couldn't be found, "
                    "or is unable to receive mail.\n\nThe response from the remote server was:\n550 5.1.1 User unknown\n")
        elif i % 3 == 1:
            sender_name, sender, subject = "Mail Delivery System", "MAILER-DAEMON@mx.schools.example", "Undelivered Mail Returned to Sender"
            text = (f"This is the mail system at host mx.schools.example.\n\nI'm sorry to have to inform you that your message could not\n"
                    f"be delivered to one or more recipients.\n\n<{rcpt}>: mailbox full (quota exceeded)\n")
        else:
            sender_name, sender, subject = "", "postmaster@schools.example", "Thư không gửi được: " + r_subject
            text = f"Không thể chuyển thư tới {rcpt}: hộp thư đã đầy.\n"
        reminder_msg = (f"From: {address(OFFICE_NAME, OFFICE)}\r\nTo: {rcpt}\r\nSubject: {header_value(r_subject)}\r\n"
                        f"Message-ID: {mid}\r\nDate: {fmt_date(r_when)}\r\nMIME-Version: 1.0\r\n"
                        f"Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        f"{b64_lines(r_text.replace(chr(10), chr(13) + chr(10)).encode(), eol=chr(13) + chr(10))}")
        status = (f"Reporting-MTA: dns; {sender.split('@')[1]}\r\n\r\nFinal-Recipient: rfc822; {rcpt}\r\nAction: failed\r\n"
                  f"Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 User unknown")
        b = new_boundary()
        root = Multi("report", b, [
            text_part(text), Leaf([("Content-Type", "message/delivery-status")], status),
            Leaf([("Content-Type", "message/rfc822")], reminder_msg)],
            ctype=("Content-Type", f'multipart/report; report-type=delivery-status; boundary="{b}"'))
        data, _ = make_message(sender_name, sender, subject, "", [], received - timedelta(seconds=1),
                               [("Auto-Submitted", "auto-replied")], root=root)
        add("bounce", data, None, None, received, True)


OTHER_SCHOOLS = [
    ("Tiểu học Dịch Vọng A", "TH", "Cầu Giấy", "thdichvonga"), ("THCS Cầu Giấy", "THCS", "Cầu Giấy", "thcscaugiay"),
    ("Mầm non Hoa Lan", "MN", "Đống Đa", "mnhoalan"), ("Tiểu học Kim Liên", "TH", "Đống Đa", "thkimlien"),
    ("THCS Trưng Vương", "THCS", "Hoàn Kiếm", "thcstrungvuong"), ("Tiểu học Tràng An", "TH", "Hoàn Kiếm", "thtrangan"),
    ("Mầm non Họa My", "MN", "Tây Hồ", "mnhoamy"), ("THCS Ngọc Lâm", "THCS", "Long Biên", "thcsngoclam"),
    ("Tiểu học Ngọc Thụy", "TH", "Long Biên", "thngocthuy"), ("Mầm non Sao Mai", "MN", "Cầu Giấy", "mnsaomai"),
    ("THCS Lý Thái Tổ", "THCS", "Cầu Giấy", "thcslythaito"), ("Tiểu học Nam Thành Công", "TH", "Đống Đa", "thnamthanhcong"),
]


def unknown_school_cases():
    for name, level, district, local in OTHER_SCHOOLS:
        received = plan_time()
        personal = rng.random() < 0.4
        if personal:
            sender_name, sender, _ = person()
        else:
            sender_name, sender = "Trường " + name, f"{local}@hanoi-schools.example"
        b = name.split(" ", 2 if level != "THCS" else 1)[-1]
        subject = rng.choice([f"Trường {name} gửi kế hoạch thi đua 2021", f"Kế hoạch TĐKT năm 2021 - {name}"])
        body = (f"Kính gửi Phòng GDĐT quận {district},\n\nTrường {name} gửi kế hoạch thi đua khen thưởng năm 2021 "
                f"(bản scan có dấu đỏ).\n\nTrân trọng,\nHiệu trưởng\nTrường {name}\n")
        (subject, body), accents = maybe_unaccented([subject, body], 0.3)
        files = [f"KH_TDKT_2021_{level}_{ascii_fold(b).replace(' ', '_')}.pdf"]
        data, _ = make_message(sender_name, sender, subject, body, files, sent_before(received))
        add("unknown-school", data, None, PLAN["id"], received, accents, note=f"a school of quận {district}, not in the roster")


NEWSLETTERS = [
    ("Bản tin Giáo dục Thủ đô số 45", "bantin@news.giaoduc.example",
     "Tin nổi bật tuần qua: Hà Nội triển khai công tác thi đua, khen thưởng năm 2021 trong toàn ngành; hướng dẫn mới về đánh giá học sinh tiểu học.", True),
    ("Ưu đãi in bằng khen, giấy khen giá rẻ - giảm 30%", "khuyenmai@inan-nhanh.example",
     "Nhận in giấy khen, bằng khen, phôi khen thưởng cho các trường Mầm non, Tiểu học, THCS. Giao hàng toàn quốc.", True),
    ("Khóa học: Kỹ năng xây dựng kế hoạch năm học cho cán bộ quản lý", "daotao@kynang-truonghoc.example",
     "Khóa học trực tuyến giúp Hiệu trưởng xây dựng kế hoạch, báo cáo chuyên nghiệp. Đăng ký ngay!", True),
    ("Cảnh báo bảo mật", "no-reply@accounts.google.example",
     "Một thiết bị mới đã đăng nhập vào Tài khoản Google của bạn thidua.gdbd@gmail.com.", False),
    ("Hộp thư của bạn sắp đầy - xác minh ngay", "admin@mailbox-verify.example",
     "Hộp thư của bạn đã dùng 98% dung lượng. Nhấn vào liên kết để nâng cấp miễn phí: http://mailbox-verify.example/x", False),
    ("Thông báo: Lịch tập huấn phần mềm quản lý trường học", "hotro@phanmem-truonghoc.example",
     "Kính gửi quý thầy cô, công ty tổ chức tập huấn phần mềm quản lý thi đua, khen thưởng vào ngày 20/02/2021.", True),
]


def newsletter_cases(n):
    for i in range(n):
        subject, sender, text, listy = NEWSLETTERS[i % len(NEWSLETTERS)]
        received = plan_time(0)
        extra = []
        if listy:
            extra = [("List-Unsubscribe", f"<mailto:unsubscribe@{sender.split('@')[1]}>"), ("Precedence", "bulk"),
                     ("List-Id", f"<tin.{sender.split('@')[1]}>")]
        body = text + "\n\nBạn nhận thư này vì đã đăng ký nhận tin. Hủy đăng ký tại liên kết cuối thư."
        (subject, body), accents = maybe_unaccented([subject, body], 0.3 if i >= len(NEWSLETTERS) else 0)
        files = ["Bang_gia_2021.jpg"] if "giá" in subject or "gia" in subject else []
        data, _ = make_message(sender.split("@")[0], sender, subject, body, files, sent_before(received), extra)
        add("newsletter-spam", data, None, None, received, accents)


TWO_SCHOOLS = [
    ("subject", ["TH01", "THCS02"], "Kế hoạch thi đua {a} và {b}"),
    ("subject", ["MN14", "TH16"], "KH TĐKT 2021 - {a}, {b}"),
    ("subject", ["TH02", "TH03"], "Kế hoạch thi đua {a} + {b}"),
    ("files", ["TH08", "THCS13"], None),
    ("files", ["MN11", "THCS01"], None),
    ("body", ["TH11", "THCS09"], "Trân trọng,\nCụm trường Phúc Xá\n{a}\n{b}"),
    ("body", ["MN05", "MN06"], "Em gửi giúp hai trường: {a} và {b}."),
    ("cross", ["TH04", "THCS05"], None),   # the subject names one school, the attachment another
    ("cross", ["TH13", "TH14"], None),
    ("cross-body", ["MN21", "TH21"], None),  # the filename names one school, the signature another
]


def two_school_cases():
    for kind, codes, template in TWO_SCHOOLS:
        a, b = BY_CODE[codes[0]], BY_CODE[codes[1]]
        pname, paddr, _ = person()
        received = plan_time()
        subject, files, body = rng.choice(GENERIC_PLAN_SUBJECTS), [rng.choice(GENERIC_FILES)], generic_plan_body(pname)
        if kind == "subject":
            subject = template.format(a=name_form(a), b=name_form(b))
        elif kind == "files":
            files = [file_name_form(a), file_name_form(b)]
        elif kind == "body":
            body = "Kính gửi Phòng GDĐT quận Ba Đình,\n\nGửi phòng kế hoạch thi đua khen thưởng năm 2021.\n\n" + \
                template.format(a=full_name(a), b=full_name(b)) + "\n"
        elif kind == "cross":
            subject = rng.choice(NAMED_PLAN_SUBJECTS).format(n=name_form(a))
            files = [file_name_form(b)]
        else:
            files = [file_name_form(a)]
            body = signature_plan_body(b, pname)
        (subject, body), accents = maybe_unaccented([subject, body], 0.3)
        data, _ = make_message(pname, paddr, subject, body, files, sent_before(received))
        add("two-schools", data, None, PLAN["id"], received, accents, note=f"names {codes[0]} and {codes[1]}")


REPORT_SUBJECTS = ["Báo cáo sơ kết học kỳ I năm học 2020-2021 - {n}", "{n} gửi báo cáo sơ kết HK I",
                   "BC sơ kết học kỳ 1 - {n}", "V/v gửi Báo cáo sơ kết học kỳ I"]


def other_campaign_cases(n):
    for i in range(n):
        unit = rng.choice(UNITS)
        received = report_time()
        own = i % 3 == 0
        if own:
            sender_name, sender = full_name(unit), rng.choice(unit["emails"])
        else:
            sender_name, sender, _ = person()
        subject = rng.choice(REPORT_SUBJECTS[:3]).format(n=name_form(unit))
        body = rng.choice([
            "Kính gửi Phòng GDĐT quận Ba Đình,\n\nNhà trường gửi Báo cáo sơ kết học kỳ I năm học 2020-2021 (bản scan có dấu đỏ).",
            "Kính gửi Phòng,\n\nEm gửi báo cáo sơ kết học kỳ I và phương hướng, kế hoạch học kỳ II của trường ạ.",
            "Dạ em gửi báo cáo sơ kết ạ.",
        ])
        files = [f"BC_so_ket_HKI_{unit['level']}_{ascii_fold(bare(unit)).replace(' ', '_')}.pdf" if i % 2 else "BC so ket HK1.pdf"]
        if i % 4 == 1:  # the name only in the signature
            subject = REPORT_SUBJECTS[3]
            files = ["BC so ket HK1.pdf"]
            body += f"\n\nTrân trọng,\n{rng.choice(ROLES)}\n{full_name(unit)}"
        (subject, body), accents = maybe_unaccented([subject, body], 0.3)
        data, _ = make_message(sender_name, sender, subject, body + "\n", files, sent_before(received))
        add("other-campaign", data, unit["code"], REPORT["id"], received, accents)


school_address_cases(40)
personal_subject_cases(36)
personal_filename_cases(32)
personal_signature_cases(32)
confusable_precise_cases(36)
confusable_incomplete_cases()
polite_particle_cases()
forward_inline_cases(22)
forward_rfc822_cases(16)
reply_reminder_cases(26)
auto_reply_cases(12)
bounce_cases(8)
unknown_school_cases()
newsletter_cases(12)
two_school_cases()
other_campaign_cases(26)

# ---------------------------------------------------------------- write

if os.path.isdir(OUT):
    for old in os.listdir(OUT):
        if old.endswith(".eml"):
            os.remove(os.path.join(OUT, old))
os.makedirs(OUT, exist_ok=True)
order = list(range(len(messages)))
rng.shuffle(order)
labels = {}
for number, index in enumerate(order, start=1):
    case, data, label = messages[index]
    name = f"{number:03d}-{case}.eml"
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    labels[name] = label

shutil.copyfile(os.path.join(ROOT, "config", "units.csv"), os.path.join(HERE, "units.csv"))
with open(os.path.join(HERE, "labels.json"), "w", encoding="utf-8") as f:
    json.dump({"office": {"name": OFFICE_NAME, "addresses": [OFFICE], "timezone": "Asia/Ho_Chi_Minh"},
               "campaigns": [PLAN, REPORT], "messages": labels}, f, ensure_ascii=False, indent=1, sort_keys=True)
    f.write("\n")

counts = {}
for _, _, label in messages:
    counts[label["case"]] = counts.get(label["case"], 0) + 1
print(f"{len(messages)} messages:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
