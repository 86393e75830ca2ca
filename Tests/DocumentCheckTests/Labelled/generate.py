#!/usr/bin/python3
"""Generates the labelled set of scanned documents for the document check (DESIGN, "The
document check"): the files schools send — scans and phone photos of a signed, red-sealed
document, and everything that must not pass for one.

    /usr/bin/python3 Tests/DocumentCheckTests/Labelled/generate.py OUTDIR

Writes OUTDIR/NNN-<case>.<ext> (JPEG, PNG, HEIC, PDF, DOCX) and OUTDIR/labels.json:
{"files": [{"file", "case", "verdict", "pages", "seal_page", "seal_box", "flags", "trap"}]}.
Pages are drawn by scripts/mailgen/scans.py (Pillow, DejaVu fonts), PDFs assembled by
scripts/mailgen/pdf.py; qpdf writes the object-stream and encrypted PDFs, heif-enc the HEIC
photos. Needs python3-pil, fonts-dejavu-core, libheif-examples and qpdf.

Deterministic: every file has its own random.Random seeded by its number and case, so the
same generator writes the same pixels and, but for the two AES-256 files (qpdf draws their
salts and key at random), the same bytes. OUTDIR/.stamp holds a hash of the generator's
sources and tools: re-running into an OUTDIR with a matching stamp does nothing.

Labelling rules (the ground truth, by construction, independent of what thidua does):
- "verdict", by the first rule that applies:
  unreadable  the file is corrupt (truncated, garbage after the header) or encrypted;
  signed      a PDF with a digital signature field (/FT /Sig with a signature dictionary),
              whatever its pages show;
  not-a-scan  a generated PDF (text and fonts, with or without a small logo image) or a
              Word document;
  grayscale   a scan or photo stored in gray or bilevel, seal or not: a red seal cannot be
              verified on it;
  seal        a colour scan or photo on which a red seal is visible on some page — whole, or
              partly cut off by the page edge; red, crimson, pinkish/magenta red, faded (low
              saturation, still red) or unevenly inked; also when dark, blurred, low in
              resolution or sideways, as long as it is visible;
  no-seal     any other colour scan or photo: plain pages, every trap, blank pages.
- "pages": the page count (1 for an image file; for unreadable files, the pages written).
- "seal_page" (1-based) and "seal_box" [x, y, w, h]: where the seal's ink is, as fractions
  of the page as DISPLAYED (PDF /Rotate and EXIF Orientation applied, top-left origin),
  measured on the page's seal mask (at least a quarter of full ink) after every geometric
  change: for a partial seal, the visible part. Given whenever a seal is on a page that can
  be displayed — also on grayscale and signed files, whose verdict does not depend on it;
  null when there is no seal and for unreadable files.
- "flags": the quality problems that are really there: low-dpi (the page image's effective
  resolution is under 150 dpi), blank-page (a page of the file is blank), dark
  (underexposed: paper at a third to two fifths of white), blurred (out of focus: text
  unreadable), rotated (content displayed sideways: text lines run vertically as shown —
  an image stored sideways without EXIF, an EXIF tag or /Rotate that turns an upright
  page sideways). A page stored sideways with the EXIF tag or /Rotate that shows it upright
  is NOT rotated; nor is a scan a degree askew or a photo tilted by a few degrees. Phone
  photos' warm light, vignetting, slight blur and noise are not flags.
- "trap": the red-but-not-a-seal things drawn on the file's pages, as a sorted list —
  letterhead (red printed title and rule), emblem (the national emblem, red disc with a
  yellow star), logo (a small red round logo, 1-1.8 cm), rect-stamp ("BẢN SAO", "ĐẾN"),
  pen (red ballpoint: circles, underlines, ticks, squiggles), highlighter (pink or yellow)
  — or null. A page may have a seal and traps.
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from mailgen import office, pdf, scans, stamp  # noqa: E402
from mailgen.encoding import ascii_fold  # noqa: E402
from PIL import Image  # noqa: E402

# What the output depends on (with Pillow's, qpdf's and heif-enc's versions): the stamp's hash.
SOURCES = ([os.path.abspath(__file__)] +
           [os.path.join(ROOT, "scripts", "mailgen", n) for n in ("scans.py", "pdf.py", "images.py", "office.py",
                                                                  "encoding.py", "stamp.py")] +
           [os.path.join(scans.FONT_DIR, n) for n in (scans.SANS, scans.SANS_BOLD, scans.SERIF, scans.SERIF_BOLD)])
WHEN = datetime(2021, 2, 18, 9, 30)
HUES = ["red", "crimson", "pink", "faded", "uneven"]
TRAPS = ["letterhead", "emblem", "logo", "rect-stamp", "pen", "highlighter"]
SCANNERS = ["Canon MF Scan Utility", "HP Scan", "EPSON Scan 2", "Brother iPrint&Scan", "Xerox WorkCentre",
            "CamScanner", "Adobe Scan"]

D = scans.Document()
DOCS = [
    D,
    replace(D, issuer=("PHÒNG GD&ĐT QUẬN BA ĐÌNH", "TRƯỜNG TIỂU HỌC KIM ĐỒNG"), number="08/KH-THKĐ",
            date=(2021, 2, 19), signer="Vũ Thị Kim Yến", school="Trường Tiểu học Kim Đồng",
            seal_ring="TRƯỜNG TIỂU HỌC KIM ĐỒNG", seal_centre=("TIỂU HỌC", "KIM ĐỒNG")),
    replace(D, issuer=("PHÒNG GD&ĐT QUẬN BA ĐÌNH", "TRƯỜNG MẦM NON HOA SỮA"), number="21/BC-MNHS",
            date=(2021, 1, 20), kind="BÁO CÁO", title="Sơ kết học kỳ I năm học 2020 - 2021",
            signer="Dương Thị Ngọc Hằng", school="Trường Mầm non Hoa Sữa", seal_ring="TRƯỜNG MẦM NON HOA SỮA",
            seal_centre=("MẦM NON", "HOA SỮA")),
    replace(D, issuer=("PHÒNG GD&ĐT QUẬN BA ĐÌNH", "TRƯỜNG THCS THÀNH CÔNG"), number="32/TTr-THCSTC",
            date=(2021, 2, 9), kind="TỜ TRÌNH", title="Đề nghị khen thưởng năm học 2020 - 2021",
            signer_title=("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"), signer="Nguyễn Văn Hùng",
            school="Trường THCS Thành Công", seal_ring="TRƯỜNG THCS THÀNH CÔNG", seal_centre=("THCS", "THÀNH CÔNG")),
    replace(D, issuer=("PHÒNG GD&ĐT QUẬN BA ĐÌNH", "TRƯỜNG TIỂU HỌC HOÀNG DIỆU"), number="05/QĐ-THHD",
            date=(2021, 2, 3), kind="QUYẾT ĐỊNH", title="Về việc thành lập Hội đồng Thi đua Khen thưởng năm 2021",
            signer="Hoàng Thị Thanh Hạnh", school="Trường Tiểu học Hoàng Diệu",
            seal_ring="TRƯỜNG TIỂU HỌC HOÀNG DIỆU", seal_centre=("TIỂU HỌC", "HOÀNG DIỆU")),
    replace(D, issuer=("PHÒNG GD&ĐT QUẬN BA ĐÌNH", "TRƯỜNG THCS GIẢNG VÕ"), number="17/KH-THCSGV",
            date=(2021, 2, 17), signer="Dương Mạnh Long", school="Trường THCS Giảng Võ",
            seal_ring="TRƯỜNG THCS GIẢNG VÕ", seal_centre=("THCS", "GIẢNG VÕ")),
]


# ---------------------------------------------------------------- drawing


@dataclass(frozen=True)
class Sheet:
    """One page of a file: which document part, and what is on it. seal is a hue or None;
    where is "signature" or the edge that cuts the seal."""
    doc: int = 0
    part: str = "whole"
    page_no: int = 1
    seal: str = None
    where: str = "signature"
    traps: tuple = ()
    chart: bool = False
    blank: bool = False


@dataclass(frozen=True)
class Take:
    """How the file's pages were captured: scanner dpi or a phone photo (its size), and the
    quality problems."""
    dpi: int = 200
    photo: tuple = None
    mode: str = "RGB"
    dark: bool = False
    blur: bool = False
    sideways: bool = False
    skew: bool = True
    noise: bool = True


def draw(rng, sheet, take):
    """The page as displayed (scans.Page): drawn, then scanned or photographed, then spoilt
    as `take` says. Photos draw the sheet at 180 dpi, then warp it into the photo."""
    dpi = take.dpi if not take.photo else 180
    if sheet.blank:
        back = scans.document_page(dpi, DOCS[sheet.doc])[0].img if rng.random() < 0.6 else None
        page = scans.blank(rng, dpi, back)
    else:
        seal = None
        if sheet.seal:
            seal = scans.Seal(hue=sheet.seal, diameter=rng.uniform(35, 45), turn=rng.uniform(0, 360),
                              centre=rng.choice(["star", "star", "text"]), where=sheet.where,
                              cut=rng.uniform(0.3, 0.5))
        page = scans.scanned(rng, dpi, DOCS[sheet.doc], sheet.part, sheet.page_no, seal, sheet.traps,
                             colour_content=sheet.chart)
    if take.photo:
        page = scans.photo(page, rng, size=take.photo)
    else:
        page = scans.scan(page, rng, skew=None if take.skew and rng.random() < 0.2 else 0,
                          noise=3 if take.noise and rng.random() < 0.35 else 0)
    if take.dark:
        page = scans.dark(page, rng)
    if take.blur:
        page = scans.blurred(page, rng)
    if take.mode == "L":
        page = scans.grayscale(page)
    elif take.mode == "1":
        page = scans.bilevel(page)
    if take.sideways:
        page = page.transpose(rng.choice([Image.ROTATE_90, Image.ROTATE_270]))
    return page


def label(pages, sheets, take, displayed_sideways=False):
    """The label of a file whose displayed pages are `pages` (scans.Page)."""
    traps = sorted({t for p in pages for t in p.traps})
    seal_page, seal_box = None, None
    for i, p in enumerate(pages, 1):
        box = p.seal_box()
        if box:
            seal_page, seal_box = i, box
            break
    flags = []
    if min(p.dpi for p in pages) < 150:
        flags.append("low-dpi")
    if any(s.blank for s in sheets):
        flags.append("blank-page")
    if take.dark:
        flags.append("dark")
    if take.blur:
        flags.append("blurred")
    if take.sideways or displayed_sideways:
        flags.append("rotated")
    verdict = "grayscale" if take.mode != "RGB" else "seal" if seal_box else "no-seal"
    return {"verdict": verdict, "pages": len(pages), "seal_page": seal_page, "seal_box": seal_box,
            "flags": flags, "trap": traps or None}


# ---------------------------------------------------------------- files


def image_file(rng, fmt, sheet, take=Take(), exif=None, wrong_exif=None):
    """A scan or photo as an image file: fmt "jpg", "png" or "heic". exif stores the pixels
    turned so that the Orientation tag shows them upright; wrong_exif tags upright pixels,
    which then show sideways."""
    if fmt == "png":
        take = replace(take, noise=False)    # lossless files of clean pages, as scan apps export
    page = draw(rng, sheet, take)
    shown, stored, tag = page, page.img, None
    if exif:
        stored, tag = page.img.transpose(scans.STORE[exif]), exif
    elif wrong_exif:
        tag = wrong_exif
        shown = page.transpose(scans.SHOW[wrong_exif])
    dpi = None if take.photo else page.dpi
    if fmt == "jpg":
        data = scans.jpeg(stored, rng.choice([80, 85, 90]) if not take.photo else 88, dpi=dpi,
                          exif=scans.exif_orientation(tag) if tag else None)
    elif fmt == "png":
        data = scans.png(stored, dpi)
    else:
        data = scans.heic(stored)
    return data, label([shown], [sheet], take, displayed_sideways=bool(wrong_exif))


def page_images(img, encoding, strips, mediabox):
    """The XObjects that fill `mediabox` with `img`: one, or `strips` horizontal strips."""
    w, h = mediabox
    parts = scans.strips(img, strips) if strips else [img]
    out, top = [], 0
    for part in parts:
        ph = h * part.height / img.height
        out.append((scans.pdf_image(part, encoding), (0, round(h - top - ph, 2), w, round(ph, 2))))
        top += ph
    return out


def pdf_file(rng, sheets, take=Take(), encoding="jpeg", strips=0, rotate=0, wrong_rotate=0, signer=None,
             post=None, producer=None):
    """A scan PDF, one page image (or strips) per sheet. rotate stores each page turned and
    sets /Rotate to show it upright; wrong_rotate sets /Rotate on upright pages (shown
    sideways). post: "objstm" (qpdf object streams), "aes256", "aes128", "rc4" (qpdf
    encryption), "truncate", "garbage"."""
    if encoding == "flate":
        take = replace(take, noise=False)
    shown, pdf_pages = [], []
    turn = rotate or wrong_rotate
    for sheet in sheets:
        page = draw(rng, sheet, take)
        if rotate:
            stored = page.img.transpose({90: Image.ROTATE_90, 180: Image.ROTATE_180, 270: Image.ROTATE_270}[rotate])
        else:
            stored = page.img
            if wrong_rotate:
                page = page.transpose({90: Image.ROTATE_270, 270: Image.ROTATE_90}[wrong_rotate])
        shown.append(page)
        box = (595, 842) if stored.height > stored.width else (842, 595)
        pdf_pages.append((box, turn, page_images(stored, encoding, strips, box)))
    data = pdf.image_pdf(pdf_pages, WHEN, producer or rng.choice(SCANNERS), rng.randbytes(16), signer=signer)
    lab = label(shown, sheets, take, displayed_sideways=bool(wrong_rotate))
    if signer:
        lab["verdict"] = "signed"
    if post:
        data = postprocess(rng, data, post)
        if post != "objstm":
            lab.update(verdict="unreadable", seal_page=None, seal_box=None)
    return data, lab


def qpdf(data, *args):
    """qpdf ARGS in.pdf out.pdf on `data`."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, "in.pdf"), os.path.join(tmp, "out.pdf")
        with open(src, "wb") as f:
            f.write(data)
        subprocess.run(["qpdf", *args, src, out], check=True, capture_output=True)
        with open(out, "rb") as f:
            return f.read()


def postprocess(rng, data, post):
    """The PDF after qpdf, or damaged. Object streams (--deterministic-id) and AES-128/RC4
    (--static-id, --static-aes-iv) come out the same each run; AES-256 cannot: qpdf draws
    its salts and file key at random."""
    if post == "objstm":
        return qpdf(data, "--deterministic-id", "--object-streams=generate")
    if post == "aes256":
        return qpdf(data, "--encrypt", "user-pw", "owner-pw", "256", "--")
    if post == "aes128":
        return qpdf(data, "--static-id", "--static-aes-iv", "--encrypt", "user-pw", "owner-pw", "128",
                    "--use-aes=y", "--")
    if post == "rc4":
        return qpdf(data, "--static-id", "--allow-weak-crypto", "--encrypt", "user-pw", "owner-pw", "128",
                    "--use-aes=n", "--")
    if post == "truncate":
        return data[:len(data) // 2]
    if post == "garbage":
        return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + rng.randbytes(rng.randint(20_000, 60_000))
    raise ValueError(post)


def text_lines(doc):
    """A document as a word processor's text PDF shows it (ASCII: the base-14 fonts'
    WinAnsi has no Vietnamese)."""
    lines = [ascii_fold(doc.issuer[0]) + "            CONG HOA XA HOI CHU NGHIA VIET NAM",
             ascii_fold(doc.issuer[1]) + "                 Doc lap - Tu do - Hanh phuc",
             "So: " + ascii_fold(doc.number) + "                     " + ascii_fold(doc.place_date()), "",
             "# " + ascii_fold(doc.kind), "# " + ascii_fold(doc.title), ""]
    for p in doc.paragraphs():
        p = ascii_fold(p)
        if p.startswith("# "):
            lines.append(p)
            continue
        words, line = p.split(), ""
        for w in words:
            if len(line) + len(w) > 88:
                lines.append(line)
                line = w
            else:
                line = (line + " " + w).strip()
        lines.append(line)
    lines += ["", "                                                        " + ascii_fold(doc.signer_title[-1]),
              "", "", "                                                        " + ascii_fold(doc.signer)]
    return lines


def text_pdf_file(rng, doc):
    producer = rng.choice(["Microsoft\xae Word 2016", "Microsoft\xae Word for Microsoft 365", "LibreOffice 7.0",
                           "WPS Writer", "Microsoft: Print To PDF"])
    return pdf.text_pdf(rng, WHEN, text_lines(doc), producer), {"verdict": "not-a-scan", "pages": 1}


def word_logo_file(rng, doc):
    """Word's PDF of a letter whose header carries the school's red logo (2 cm)."""
    d = scans.px(20, 150)
    logo = scans.logo_mask(rng, d, doc)
    img = Image.new("RGB", (d, d), scans.WHITE)
    scans.ink(img, logo, (0, 0), scans.RED_PRINT, paint=True)
    obj = scans.pdf_image(img, "jpeg", 90)
    data = pdf.text_pdf_with_image(rng, WHEN, text_lines(doc), obj, (60, 760, 56.69, 56.69))
    return data, {"verdict": "not-a-scan", "pages": 1, "trap": ["logo"]}


def docx_file(rng, doc):
    paras = [doc.issuer[0], doc.issuer[1], "Số: " + doc.number, doc.place_date(), doc.kind, doc.title]
    paras += [p[2:] if p.startswith("# ") else p for p in doc.paragraphs()] + [doc.signer_title[-1], doc.signer]
    return (office.zip_archive(office.docx_entries(paras), (2021, 2, 18, 9, 30, 0)),
            {"verdict": "not-a-scan", "pages": 1})


# ---------------------------------------------------------------- the plan


def plan():
    """[(case, ext, build(rng) -> (bytes, label))] in file order."""
    cases = []
    hue = iter(HUES * 100)

    def add(case, ext, fn, *args, **kw):
        """A case; one with a seal is named after its ink ("-red"), or "-seal" when the
        verdict does not depend on it (gray, bilevel, signed)."""
        sheets = [a for a in args if isinstance(a, Sheet)] + [s for a in args if isinstance(a, list) for s in a]
        take = next((a for a in args if isinstance(a, Take)), Take())
        inks = [s.seal for s in sheets if s.seal]
        if inks and not case.startswith("unreadable"):
            case += "-" + (inks[0] if take.mode == "RGB" and "signer" not in kw else "seal")
        cases.append((case, ext, lambda rng: fn(rng, *args, **kw)))

    def doc(i):
        return i % len(DOCS)

    def multipage(i, seal_hue, n, traps=(), blank_back=False, appendix=False, where="signature"):
        parts = ["first"] + ["middle"] * (n - 2) + ["last"]
        sheets = [Sheet(doc(i), p, k + 1) for k, p in enumerate(parts)]
        sheets[-1] = replace(sheets[-1], seal=seal_hue, where=where, traps=traps)
        if appendix:
            sheets.append(Sheet(doc(i), "appendix", n + 1))
        if blank_back:
            sheets.append(Sheet(doc(i), blank=True))
        return sheets

    photo = (1536, 2048)   # the sheet 1320-1380 px wide: 160-167 dpi
    # ---- colour, with a seal
    for i in range(30):
        add("seal-scan", "jpg", image_file, "jpg", Sheet(doc(i), seal=next(hue)), Take(dpi=[180, 200, 180][i % 3]))
    for i in range(10):
        add("seal-photo", "jpg", image_file, "jpg", Sheet(doc(i + 1), seal=next(hue)), Take(photo=photo))
    for i in range(8):
        add("seal-scan", "png", image_file, "png", Sheet(doc(i + 2), seal=next(hue)), Take(dpi=180))
    for i in range(8):
        add("seal-photo", "heic", image_file, "heic", Sheet(doc(i + 3), seal=next(hue)), Take(photo=photo))
    for i, tag in enumerate([6, 8, 3, 6, 6, 8]):
        add("seal-photo-exif%d" % tag, "jpg", image_file, "jpg", Sheet(doc(i), seal=next(hue)), Take(photo=photo),
            exif=tag)
    for i in range(12):
        add("seal-pdf", "pdf", pdf_file, [Sheet(doc(i + 4), seal=next(hue))], Take(dpi=[200, 180, 180][i % 3]))
    for i in range(10):
        n = [2, 3, 2, 4, 3][i % 5]
        add("seal-pdf-later-page", "pdf", pdf_file, multipage(i, next(hue), n, appendix=(i % 4 == 1)),
            Take(dpi=180))
    for i, rot in enumerate([90, 90, 270, 90, 180, 270]):
        add("seal-pdf-rotate%d" % rot, "pdf", pdf_file, [Sheet(doc(i), seal=next(hue))], Take(dpi=180), rotate=rot)
    for i in range(6):
        sheets = [Sheet(doc(i + 1), seal=next(hue))] if i % 2 else multipage(i, next(hue), 2)
        add("seal-pdf-objstm", "pdf", pdf_file, sheets, Take(dpi=180), post="objstm")
    for i in range(6):
        add("seal-pdf-flate", "pdf", pdf_file, [Sheet(doc(i + 2), seal=next(hue))], Take(dpi=180),
            encoding="flate")
    for i in range(4):
        add("seal-pdf-strips", "pdf", pdf_file, [Sheet(doc(i + 3), seal=next(hue))], Take(dpi=180), strips=2 + i % 3)
    for i, (where, ext) in enumerate([("right", "jpg"), ("bottom", "jpg"), ("right", "pdf"), ("left", "jpg"),
                                      ("bottom", "pdf"), ("right", "photo"), ("top", "png"), ("right", "pdf")]):
        sheet = Sheet(doc(i), "middle" if where in ("right", "left") else "whole", seal=next(hue), where=where)
        if ext == "pdf":
            add("seal-partial-" + where, "pdf", pdf_file, [sheet], Take(dpi=180))
        elif ext == "photo":
            add("seal-partial-" + where, "jpg", image_file, "jpg", sheet, Take(photo=photo))
        else:
            add("seal-partial-" + where, ext, image_file, ext, sheet, Take(dpi=180))
    for i, traps in enumerate([("letterhead",), ("emblem", "pen"), ("logo", "highlighter"), ("rect-stamp",),
                               ("pen",), ("highlighter", "rect-stamp"), ("letterhead", "logo", "pen"),
                               ("emblem", "highlighter")]):
        sheet = Sheet(doc(i), seal=next(hue), traps=traps)
        if i % 2:
            add("seal-with-traps", "pdf", pdf_file, [sheet], Take(dpi=180))
        else:
            add("seal-with-traps", "jpg", image_file, "jpg", sheet, Take(dpi=200))
    # Quality problems with a seal: strong inks only (a faded seal, blurred, is not surely visible).
    add("seal-low-dpi", "jpg", image_file, "jpg", Sheet(0, seal="red"), Take(dpi=100))
    add("seal-low-dpi", "pdf", pdf_file, [Sheet(1, seal="crimson")], Take(dpi=96))
    add("seal-low-dpi-photo", "jpg", image_file, "jpg", Sheet(2, seal="pink"), Take(photo=(960, 1280)))
    add("seal-dark", "jpg", image_file, "jpg", Sheet(3, seal="red"), Take(dpi=180, dark=True))
    add("seal-dark-photo", "jpg", image_file, "jpg", Sheet(4, seal="pink"), Take(photo=photo, dark=True))
    add("seal-blurred", "jpg", image_file, "jpg", Sheet(5, seal="red"), Take(dpi=180, blur=True))
    add("seal-blurred", "pdf", pdf_file, [Sheet(0, seal="crimson")], Take(dpi=180, blur=True))
    add("seal-sideways", "jpg", image_file, "jpg", Sheet(1, seal=next(hue)), Take(dpi=180, sideways=True))
    add("seal-sideways", "pdf", pdf_file, [Sheet(2, seal=next(hue))], Take(dpi=180, sideways=True))
    add("seal-sideways-exif", "jpg", image_file, "jpg", Sheet(3, seal=next(hue)), Take(photo=photo), wrong_exif=6)
    add("seal-sideways-rotate", "pdf", pdf_file, [Sheet(4, seal=next(hue))], Take(dpi=180), wrong_rotate=90)
    add("seal-blank-back", "pdf", pdf_file, multipage(5, next(hue), 2, blank_back=True), Take(dpi=180))

    # ---- colour, no seal
    formats = ["jpg", "pdf", "photo", "jpg", "pdf", "png"]
    for t, trap in enumerate(TRAPS):
        for i, fmt in enumerate(formats):
            sheet = Sheet(doc(i + t), traps=(trap,))
            if fmt == "pdf":
                add("trap-" + trap, "pdf", pdf_file, [sheet], Take(dpi=180))
            elif fmt == "photo":
                add("trap-" + trap + "-photo", "jpg", image_file, "jpg", sheet, Take(photo=photo))
            else:
                add("trap-" + trap, fmt, image_file, fmt, sheet, Take(dpi=180))
    combos = [("letterhead", "pen"), ("emblem", "rect-stamp"), ("logo", "highlighter", "pen"),
              ("rect-stamp", "highlighter"), ("letterhead", "logo", "rect-stamp", "pen", "highlighter"),
              ("emblem", "highlighter"), ("logo", "pen")]
    for i, traps in enumerate(combos):
        if i == 4:
            sheets = [Sheet(doc(i), "first", 1, traps=traps[:3]), Sheet(doc(i), "last", 2, traps=traps[3:])]
            add("trap-combined", "pdf", pdf_file, sheets, Take(dpi=180))
        elif i % 3 == 2:
            add("trap-combined-photo", "jpg", image_file, "jpg", Sheet(doc(i), traps=traps), Take(photo=photo))
        else:
            add("trap-combined", "jpg", image_file, "jpg", Sheet(doc(i), traps=traps), Take(dpi=180))
    add("no-seal", "jpg", image_file, "jpg", Sheet(0), Take(dpi=200))
    add("no-seal", "pdf", pdf_file, [Sheet(1, "first", 1), Sheet(1, "last", 2)], Take(dpi=180))
    add("no-seal-photo", "jpg", image_file, "jpg", Sheet(2), Take(photo=photo))
    add("no-seal-photo", "heic", image_file, "heic", Sheet(3), Take(photo=photo))
    add("no-seal-colour-chart", "jpg", image_file, "jpg", Sheet(2, "first", chart=True), Take(dpi=180))
    add("no-seal-colour-chart", "pdf", pdf_file, [Sheet(3, "first", chart=True), Sheet(3, "last", 2)], Take(dpi=180))
    add("no-seal-colour-chart-photo", "jpg", image_file, "jpg", Sheet(4, "first", chart=True), Take(photo=photo))
    add("blank-page", "jpg", image_file, "jpg", Sheet(0, blank=True), Take(dpi=200, skew=False))
    add("blank-page", "pdf", pdf_file, [Sheet(1, blank=True)], Take(dpi=180, skew=False))
    add("blank-page", "png", image_file, "png", Sheet(2, blank=True), Take(dpi=180, skew=False))
    add("no-seal-dark", "jpg", image_file, "jpg", Sheet(3), Take(dpi=180, dark=True))
    add("no-seal-dark", "pdf", pdf_file, [Sheet(4, traps=("pen",))], Take(dpi=180, dark=True))
    add("no-seal-blurred", "jpg", image_file, "jpg", Sheet(5), Take(dpi=180, blur=True))
    add("no-seal-blurred-photo", "jpg", image_file, "jpg", Sheet(0, traps=("logo",)), Take(photo=photo, blur=True))
    add("no-seal-low-dpi", "jpg", image_file, "jpg", Sheet(1), Take(dpi=100))
    add("no-seal-low-dpi", "pdf", pdf_file, [Sheet(2, traps=("highlighter",))], Take(dpi=90))
    add("no-seal-sideways", "jpg", image_file, "jpg", Sheet(3), Take(dpi=180, sideways=True))
    add("no-seal-sideways", "pdf", pdf_file, [Sheet(4, traps=("rect-stamp",))], Take(dpi=180, sideways=True))

    # ---- grayscale and bilevel
    for i in range(6):
        seal = next(hue) if i % 2 == 0 else None
        add("gray-scan", "jpg", image_file, "jpg", Sheet(doc(i), seal=seal), Take(dpi=200, mode="L"))
    add("gray-scan", "png", image_file, "png", Sheet(2, seal=next(hue)), Take(dpi=180, mode="L"))
    add("gray-low-dpi", "jpg", image_file, "jpg", Sheet(3, seal=next(hue)), Take(dpi=100, mode="L"))
    for i in range(4):
        add("gray-pdf", "pdf", pdf_file, [Sheet(doc(i), seal=next(hue) if i % 2 == 0 else None)],
            Take(dpi=200, mode="L"))
    add("gray-pdf-flate", "pdf", pdf_file, [Sheet(4, seal=next(hue))], Take(dpi=180, mode="L"), encoding="flate")
    add("gray-pdf-flate", "pdf", pdf_file, [Sheet(5)], Take(dpi=180, mode="L"), encoding="flate")
    for i in range(5):
        seal = next(hue) if i % 2 == 0 else None
        add("bilevel-pdf", "pdf", pdf_file, [Sheet(doc(i), seal=seal)], Take(dpi=200, mode="1"), encoding="flate")
    add("bilevel-pdf", "pdf", pdf_file, multipage(2, next(hue), 3), Take(dpi=200, mode="1"), encoding="flate")
    add("bilevel-scan", "png", image_file, "png", Sheet(1, seal=next(hue)), Take(dpi=200, mode="1"))

    # ---- not scans
    for i in range(7):
        add("text-pdf", "pdf", text_pdf_file, DOCS[doc(i)])
    for i in range(4):
        add("word-logo-pdf", "pdf", word_logo_file, DOCS[doc(i + 1)])
    for i in range(4):
        add("word", "docx", docx_file, DOCS[doc(i + 2)])

    # ---- signed
    for i in range(4):
        add("signed-scan-pdf", "pdf", pdf_file, [Sheet(doc(i), seal=next(hue) if i < 3 else None)], Take(dpi=180),
            signer=["Phan Quang Son", "Vu Thi Kim Yen", "Duong Thi Ngoc Hang", "Nguyen Van Hung"][i])

    # ---- unreadable
    for i, post in enumerate(["aes256", "aes256", "aes128", "rc4", "truncate", "truncate", "garbage", "garbage"]):
        sheets = [Sheet(doc(i), seal=next(hue))] if i != 5 else multipage(i, next(hue), 3)
        add("unreadable-" + post, "pdf", pdf_file, sheets, Take(dpi=180), post=post)
    return cases


# ---------------------------------------------------------------- writing


def build(n, case):
    """File number n of the plan: its bytes and its labels.json entry. Each file has its own
    random numbers, so any file can be made alone (the tests make a few)."""
    name, ext, make = case
    data, lab = make(random.Random("%03d %s" % (n, name)))
    return data, {"file": "%03d-%s.%s" % (n, name, ext), "case": name, "verdict": lab["verdict"],
                  "pages": lab["pages"], "seal_page": lab.get("seal_page"), "seal_box": lab.get("seal_box"),
                  "flags": lab.get("flags", []), "trap": lab.get("trap")}


def main(out):
    missing = [(tool, pkg) for tool, pkg in (("qpdf", "qpdf"), ("heif-enc", "libheif-examples"))
               if not shutil.which(tool)]
    if missing:
        sys.exit("generate.py needs " + ", ".join("%s (Debian: %s)" % m for m in missing))
    os.makedirs(out, exist_ok=True)
    mark = stamp.stamp(SOURCES, tools=(["qpdf", "--version"], ["heif-enc", "-h"]))
    if stamp.up_to_date(out, mark):
        print("%s is up to date" % out)
        return
    for name in os.listdir(out):
        if re.match(r"^\d{3}-", name) or name in ("labels.json", ".stamp"):
            os.remove(os.path.join(out, name))
    labels = []
    for n, case in enumerate(plan(), 1):
        data, entry = build(n, case)
        with open(os.path.join(out, entry["file"]), "wb") as f:
            f.write(data)
        labels.append(entry)
    with open(os.path.join(out, "labels.json"), "w", encoding="utf-8") as f:
        # One file a line: easy to read and to diff.
        f.write('{"files": [\n' + ",\n".join(json.dumps(e, ensure_ascii=False) for e in labels) + "\n]}\n")
    stamp.write(out, mark)
    summary(labels)


def summary(labels):
    """Counts per verdict, flag and trap, as a check that the plan has the mix it should."""
    for what, keys in (("verdict", lambda e: [e["verdict"]]), ("flag", lambda e: e["flags"]),
                       ("trap", lambda e: e["trap"] or [])):
        counts = {}
        for e in labels:
            for k in keys(e):
                counts[k] = counts.get(k, 0) + 1
        print("%s: %s" % (what, ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    print("%d files" % len(labels))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: generate.py OUTDIR")
    main(sys.argv[1])
