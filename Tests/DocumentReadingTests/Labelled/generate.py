#!/usr/bin/python3
"""Generates the labelled set of first pages for reading scans (OCR): administrative
documents as schools send them (Nghị định 30/2020 layout), whose header, title and signature
block thidua must read back.

    /usr/bin/python3 Tests/DocumentReadingTests/Labelled/generate.py OUTDIR

Writes OUTDIR/NNN-<take>.<pdf|jpg>, OUTDIR/units.csv (the roster the issuers are matched
against, in thidua's roster format) and OUTDIR/labels.json: {"files": [{"file", "take",
"unit", "issuer", "number", "date", "type", "title", "signer"}]}. "unit" is the roster code
the issuer names, or null for a school that is not in the roster (it must not be attributed
to any unit). Pages are drawn by scripts/mailgen/scans.py (Pillow; DejaVu and Liberation
fonts), PDFs assembled by scripts/mailgen/pdf.py. Needs python3-pil, fonts-dejavu-core and
fonts-liberation2.

What varies: the typeface (DejaVu Serif and Sans, Liberation Serif) and its size (±8%); how
the page was captured (flatbed at 300 or 200 dpi, a scan a couple of degrees askew, a
grayscale scan, a low-quality JPEG, a phone photo under warm light); the issuer's form
(TRƯỜNG MẦM NON / MN, TIỂU HỌC / TH, THCS / TRUNG HỌC CƠ SỞ, and abbreviated: "NG. TRÃI");
units whose names differ by one word or only by level (MN/TH/THCS Nguyễn Trãi); the type
(kế hoạch, báo cáo, tờ trình, …) and the year; two-page files whose seal and signature are
on page 2; the red seal over the signature and the signer's title.

Deterministic: each file has its own random.Random seeded by its number; OUTDIR/.stamp holds
a hash of the sources and fonts, and a run into an up-to-date OUTDIR does nothing.
"""
import json
import os
import random
import re
import sys
from dataclasses import replace
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from mailgen import pdf, scans, stamp  # noqa: E402

COUNT = 120
WHEN = datetime(2021, 2, 18, 9, 30)
SOURCES = ([os.path.abspath(__file__)] +
           [os.path.join(ROOT, "scripts", "mailgen", n) for n in ("scans.py", "pdf.py", "stamp.py")] +
           [os.path.join(scans.FONT_DIR, f) for face in scans.FACES.values() for f in face])

# The roster: units whose names differ by one word (Hoa Sen, Hoa Sữa) or only by level.
UNITS = [
    ("MNNT", "MN", "Mầm non Nguyễn Trãi"), ("THNT", "TH", "Tiểu học Nguyễn Trãi"), ("THCSNT", "THCS", "THCS Nguyễn Trãi"),
    ("MNHS", "MN", "Mầm non Hoa Sen"), ("MNHSU", "MN", "Mầm non Hoa Sữa"), ("THKD", "TH", "Tiểu học Kim Đồng"),
    ("THHD", "TH", "Tiểu học Hoàng Diệu"), ("THCSTC", "THCS", "THCS Thành Công"), ("THTC", "TH", "Tiểu học Thành Công"),
    ("THCSGV", "THCS", "THCS Giảng Võ"), ("MNGV", "MN", "Mầm non Giảng Võ"), ("THNTP", "TH", "Tiểu học Nguyễn Tri Phương"),
    ("THCSPHT", "THCS", "THCS Phạm Hồng Thái"), ("THLVT", "TH", "Tiểu học Lê Văn Tám"), ("MNSC", "MN", "Mầm non Sơn Ca"),
    ("MNHM", "MN", "Mầm non Họa Mi"), ("THCSTV", "THCS", "THCS Trưng Vương"), ("THTV", "TH", "Tiểu học Trưng Vương"),
]
# Schools that write to the office but are not in its roster: never attributed.
STRANGERS = [("THCS", "THCS Lê Lợi"), ("TH", "Tiểu học Ngọc Hà"), ("MN", "Mầm non Bình Minh")]
LEVEL_WORDS = {"MN": ["MẦM NON", "MN"], "TH": ["TIỂU HỌC", "TH"], "THCS": ["THCS", "TRUNG HỌC CƠ SỞ"]}
PARENTS = ["PHÒNG GD&ĐT QUẬN BA ĐÌNH", "UBND QUẬN BA ĐÌNH", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"]
TYPES = [  # (type, symbol, titles, weight)
    ("KẾ HOẠCH", "KH", ["Công tác thi đua khen thưởng năm {y}", "Tổ chức phong trào thi đua năm học {p}",
                        "Triển khai nhiệm vụ năm học {p}"], 10),
    ("BÁO CÁO", "BC", ["Kết quả công tác thi đua khen thưởng năm {y}", "Sơ kết học kỳ I năm học {p}"], 4),
    ("TỜ TRÌNH", "TTr", ["Đề nghị khen thưởng năm học {p}"], 2),
    ("THÔNG BÁO", "TB", ["Kết quả đánh giá xếp loại năm {y}"], 2),
    ("QUYẾT ĐỊNH", "QĐ", ["Về việc thành lập Hội đồng Thi đua Khen thưởng năm {y}"], 1),
    ("CHƯƠNG TRÌNH", "CTr", ["Công tác năm học {p}"], 1),
]
SIGNERS = ["Phan Quang Sơn", "Vũ Thị Kim Yến", "Dương Thị Ngọc Hằng", "Nguyễn Văn Hùng", "Hoàng Thị Thanh Hạnh",
           "Dương Mạnh Long", "Trần Thị Mai", "Lê Minh Đức", "Đỗ Thị Lan Anh", "Bùi Văn Tuấn"]
TAKES = [("scan300", 7), ("scan200", 4), ("askew", 2), ("grey", 2), ("lowq", 1), ("photo", 4)]


def initials(name):
    return "".join(w[0] for w in name.split()).upper()


def bare(level, name):
    """The school's own name, without its level: "Nguyễn Trãi"."""
    for prefix in ("Mầm non ", "Tiểu học ", "THCS "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def issuer_line(rng, level, name):
    """The issuer as a header prints it, in one of the forms schools use."""
    own = bare(level, name).upper()
    words = own.split()
    if len(words) >= 2 and len(words[0]) >= 4 and rng.random() < 0.15:
        own = " ".join([words[0][:2] + "."] + words[1:])       # "NG. TRÃI"
    return "TRƯỜNG %s %s" % (rng.choice(LEVEL_WORDS[level]), own)


def plan_file(n):
    rng = random.Random(20210218 * 1000 + n)
    if n % 15 == 0:
        level, name = rng.choice(STRANGERS)
        code = None
    else:
        code, level, name = rng.choice(UNITS)
    kind, symbol, titles, _ = rng.choices(TYPES, weights=[t[3] for t in TYPES])[0]
    year = rng.choice([2019, 2020, 2021, 2021, 2021, 2022])
    date = (year, rng.randint(1, 12), rng.randint(1, 28))
    p = "%d - %d" % (year - 1, year) if date[1] < 8 else "%d - %d" % (year, year + 1)
    title = rng.choice(titles).format(y=year, p=p)
    issuer = issuer_line(rng, level, name)
    number = "%02d/%s-%s" % (rng.randint(1, 120), symbol, level + initials(bare(level, name)))
    signer = rng.choice(SIGNERS)
    head = ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG") if rng.random() < 0.25 else ("HIỆU TRƯỞNG",)
    own = bare(level, name).upper()
    doc = replace(scans.Document(), issuer=(rng.choice(PARENTS), issuer), number=number, date=date, kind=kind,
                  title=title, signer_title=head, signer=signer, school="Trường " + name,
                  seal_ring=issuer if len(issuer) < 30 else "TRƯỜNG " + LEVEL_WORDS[level][1] + " " + own,
                  seal_centre=(LEVEL_WORDS[level][1], own),
                  face=rng.choice(sorted(scans.FACES)), size=round(rng.uniform(0.92, 1.08), 2))
    take = rng.choices([t[0] for t in TAKES], weights=[t[1] for t in TAKES])[0]
    pages = 2 if rng.random() < 0.2 and take != "photo" else 1
    label = {"take": take, "unit": code, "issuer": issuer, "number": number.upper(),
             "date": "%04d-%02d-%02d" % date, "type": kind, "title": title, "signer": signer, "pages": pages}
    return rng, doc, take, pages, label


def build(n):
    rng, doc, take, pages, label = plan_file(n)
    dpi = 200 if take in ("scan200", "photo") else 300
    hue = rng.choice(["red", "red", "crimson", "pink", "faded"])
    seal = replace(scans.Seal(), hue=hue, diameter=rng.uniform(34, 42), turn=rng.uniform(0, 360))
    parts = ["whole"] if pages == 1 else ["first", "last"]
    sheets = []
    for i, part in enumerate(parts):
        page = scans.scanned(rng, dpi, doc, part=part, page_no=i + 1, seal=seal if part in ("whole", "last") else None)
        if take == "photo":
            page = scans.photo(page, rng, size=(2016, 2688))
        else:
            page = scans.scan(page, rng, skew=rng.uniform(-2.2, 2.2) if take == "askew" else None)
        if take == "grey":
            page = scans.grayscale(page)
        sheets.append(page)
    quality = 40 if take == "lowq" else rng.randint(70, 88)
    if take == "photo":
        return scans.jpeg(sheets[0].img, quality), label, "jpg"
    pdf_pages = []
    for page in sheets:
        w, h = page.img.width * 72.0 / page.dpi, page.img.height * 72.0 / page.dpi
        pdf_pages.append(((round(w, 2), round(h, 2)), 0, [(scans.pdf_image(page.img, "jpeg", quality), (0, 0, round(w, 2), round(h, 2)))]))
    return pdf.image_pdf(pdf_pages, WHEN, "Canon MF Scan Utility", rng.randbytes(16)), label, "pdf"


def main(out):
    os.makedirs(out, exist_ok=True)
    mark = stamp.stamp(SOURCES)
    if stamp.up_to_date(out, mark):
        print("%s is up to date" % out)
        return
    for name in os.listdir(out):
        if re.match(r"^\d{3}-", name) or name in ("labels.json", "units.csv", ".stamp"):
            os.remove(os.path.join(out, name))
    labels = []
    for n in range(1, COUNT + 1):
        data, label, ext = build(n)
        label = dict(file="%03d-%s.%s" % (n, label["take"], ext), **label)
        with open(os.path.join(out, label["file"]), "wb") as f:
            f.write(data)
        labels.append(label)
    with open(os.path.join(out, "units.csv"), "w", encoding="utf-8") as f:
        f.write("code,name,level,emails\n")
        for code, level, name in UNITS:
            f.write("%s,%s,%s,vanthu.%s@example.edu.vn\n" % (code, name, level, code.lower()))
    with open(os.path.join(out, "labels.json"), "w", encoding="utf-8") as f:
        f.write('{"files": [\n' + ",\n".join(json.dumps(e, ensure_ascii=False) for e in labels) + "\n]}\n")
    stamp.write(out, mark)
    takes = {}
    for e in labels:
        takes[e["take"]] = takes.get(e["take"], 0) + 1
    print("%d files (%s); %d from schools not in the roster" % (
        len(labels), ", ".join("%s %d" % kv for kv in sorted(takes.items())), sum(e["unit"] is None for e in labels)))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: generate.py OUTDIR")
    main(sys.argv[1])
