"""Scanned pages as schools send them, drawn with Pillow, for the document check's labelled
set: an A4 administrative document (Nghị định 30/2020 layout) with real Vietnamese text, the
school's red seal over the signature, the red things on a page that are NOT seals (traps),
and what scanners and phones do to a page (warm light, blur, darkness, low resolution,
sideways pages, grayscale and bilevel modes).

Unlike the rest of mailgen this needs Pillow (Debian's python3-pil) and the DejaVu fonts
(fonts-dejavu-core); HEIC needs heif-enc (libheif-examples). Everything is deterministic:
random choices come from the random.Random handed in, Pillow draws and encodes the same
pixels and bytes each run, and text is laid out by FreeType's basic layout (not Raqm, whose
shaping may vary between machines).

A Page carries, beside its picture, a mask of where the seal's ink is. Every geometric step
(skew, photo perspective, rotation, EXIF/Rotate storage) moves the mask with the picture, so
that the labelled seal box is measured on the page as displayed, never guessed.
"""

import io
import math
import os
import random
import subprocess
import tempfile
import zlib
from dataclasses import dataclass, field

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from . import pdf

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
SANS, SANS_BOLD, SERIF, SERIF_BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"
LIBERATION_DIR = "/usr/share/fonts/truetype/liberation2"
# A document's typeface (Document.face): the regular and bold font files. Offices print in
# Times New Roman, whose metrics Liberation Serif (fonts-liberation2) shares.
FACES = {
    "dejavu-serif": (SERIF, SERIF_BOLD),
    "dejavu-sans": (SANS, SANS_BOLD),
    "liberation-serif": (os.path.join(LIBERATION_DIR, "LiberationSerif-Regular.ttf"),
                         os.path.join(LIBERATION_DIR, "LiberationSerif-Bold.ttf")),
}
A4_MM = (210.0, 297.0)
WHITE = (255, 255, 255)
BLACK_INK = (28, 28, 34)
BLUE_INK = (25, 45, 150)

# Seal inks: the base colour of each hue the check must accept as red. "faded" is a worn pad
# (low saturation, still red); "uneven" is red ink pressed unevenly (one side faint).
SEAL_HUES = {
    "red": (214, 34, 40),
    "crimson": (160, 18, 48),
    "pink": (222, 44, 112),
    "faded": (220, 118, 124),
    "uneven": (206, 30, 42),
}
RED_PRINT = (205, 28, 36)      # letterheads, emblems and logos printed in red
RED_PEN = (196, 26, 40)        # a red ballpoint
HIGHLIGHTERS = {"pink": (255, 120, 190), "yellow": (255, 238, 70)}
YELLOW_PRINT = (248, 206, 40)


def px(mm, dpi):
    return int(round(mm * dpi / 25.4))


def pt(points, dpi):
    """A font size in pixels: `points` at `dpi`."""
    return max(4, int(round(points * dpi / 72.0)))


def page_size(dpi):
    return px(A4_MM[0], dpi), px(A4_MM[1], dpi)


_FONTS = {}


def font(name, size):
    key = (name, size)
    if key not in _FONTS:
        _FONTS[key] = ImageFont.truetype(os.path.join(FONT_DIR, name), size, layout_engine=ImageFont.Layout.BASIC)
    return _FONTS[key]


# --------------------------------------------------------------------------------------------
# The document


BODY = (
    "Căn cứ Kế hoạch số 11/KH-PGDĐT ngày 08/02/2021 của Phòng Giáo dục và Đào tạo quận Ba Đình về "
    "công tác thi đua, khen thưởng ngành Giáo dục và Đào tạo quận Ba Đình năm 2021;",
    "Căn cứ tình hình thực tế của đơn vị, {school} xây dựng kế hoạch công tác thi đua, khen thưởng "
    "năm 2021 như sau:",
    "# I. MỤC ĐÍCH, YÊU CẦU",
    "1. Tiếp tục đổi mới và đẩy mạnh các phong trào thi đua yêu nước, thiết thực lập thành tích chào "
    "mừng các ngày lễ, các ngày kỷ niệm lớn của Thủ đô và đất nước.",
    "2. Nâng cao chất lượng công tác khen thưởng; chú trọng khen thưởng thành tích đột xuất, các gương "
    "điển hình tiên tiến, người tốt - việc tốt; quan tâm khen thưởng giáo viên, nhân viên và người lao "
    "động trực tiếp.",
    "3. Việc tổ chức phong trào thi đua phải thiết thực, phù hợp với thực tiễn, bám sát nhiệm vụ chính "
    "trị của nhà trường; bình xét thi đua công khai, dân chủ, đúng quy trình.",
    "# II. NỘI DUNG",
    "1. Phát động và tổ chức thực hiện các phong trào thi đua thực hiện thắng lợi nhiệm vụ năm học "
    "2020 - 2021: phong trào \"Thi đua Dạy tốt - Học tốt\", cuộc vận động \"Mỗi thầy giáo, cô giáo là "
    "một tấm gương đạo đức, tự học và sáng tạo\".",
    "2. Đăng ký danh hiệu thi đua: tập thể lao động xuất sắc, tập thể lao động tiên tiến; chiến sĩ "
    "thi đua cơ sở, lao động tiên tiến. Hồ sơ đăng ký gửi về Phòng GD&ĐT trước ngày 21/02/2021.",
    "3. Tổ chức sơ kết học kỳ I, tổng kết năm học; lựa chọn, bồi dưỡng và nhân rộng các điển hình "
    "tiên tiến trong đội ngũ cán bộ, giáo viên và học sinh.",
    "# III. TỔ CHỨC THỰC HIỆN",
    "Hội đồng Thi đua Khen thưởng nhà trường có trách nhiệm triển khai kế hoạch tới toàn thể cán bộ, "
    "giáo viên, nhân viên; các tổ chuyên môn căn cứ kế hoạch để đăng ký danh hiệu thi đua và báo cáo "
    "kết quả đúng thời hạn.",
    "Trên đây là Kế hoạch công tác thi đua, khen thưởng năm 2021 của {school}. Đề nghị các tổ chuyên "
    "môn, các bộ phận nghiêm túc thực hiện./.",
)


@dataclass(frozen=True)
class Document:
    """The fields a scan's header and signature block show (the later OCR reads them back)."""
    issuer: tuple = ("PHÒNG GD&ĐT QUẬN BA ĐÌNH", "TRƯỜNG THCS NGUYỄN TRÃI")
    number: str = "15/KH-THCSNT"
    place: str = "Ba Đình"
    date: tuple = (2021, 2, 18)
    kind: str = "KẾ HOẠCH"
    title: str = "Công tác thi đua khen thưởng năm 2021"
    signer_title: tuple = ("HIỆU TRƯỞNG",)
    signer: str = "Phan Quang Sơn"
    school: str = "Trường THCS Nguyễn Trãi"
    seal_ring: str = "TRƯỜNG THCS NGUYỄN TRÃI"      # around the seal
    seal_centre: tuple = ("THCS", "NGUYỄN TRÃI")     # in its middle, when not a star; the logo's too
    seal_foot: str = "Q. BA ĐÌNH"
    body: tuple = BODY
    recipients: tuple = ("- Phòng GD&ĐT quận (để b/c);", "- Các tổ chuyên môn;", "- Lưu: VT.")
    face: str = "dejavu-serif"                       # a FACES key
    size: float = 1.0                                # the type's size, against the usual 11-14 pt

    def place_date(self):
        y, m, d = self.date
        return "%s, ngày %02d tháng %02d năm %d" % (self.place, d, m, y)

    def paragraphs(self):
        return [p.replace("{school}", self.school) for p in self.body]


def paper(dpi, tone=WHITE, size=None):
    return Image.new("RGB", size or page_size(dpi), tone)


def text(img, xy, s, f, fill=BLACK_INK, anchor="la", italic=False):
    """Draws `s`; italic shears the glyphs (fonts-dejavu-core has no italic face). Returns
    the text's box."""
    if not italic:
        draw = ImageDraw.Draw(img)
        draw.text(xy, s, font=f, fill=fill, anchor=anchor)
        return draw.textbbox(xy, s, font=f, anchor=anchor)
    x0, y0, x1, y1 = ImageDraw.Draw(img).textbbox(xy, s, font=f, anchor=anchor)
    w, h = x1 - x0, y1 - y0
    shear = 0.2
    glyphs = Image.new("L", (w + 2, h + 2), 0)
    ImageDraw.Draw(glyphs).text((xy[0] - x0 + 1, xy[1] - y0 + 1), s, font=f, fill=255, anchor=anchor)
    slanted = glyphs.transform((w + 2 + int(shear * h), h + 2), Image.AFFINE,
                               (1, shear, -shear * (h + 2), 0, 1, 0), resample=Image.BILINEAR)
    img.paste(fill, (x0 - 1, y0 - 1), slanted)
    return (x0 - 1, y0 - 1, x0 - 1 + slanted.width, y1 + 1)


def centred(img, cx, y, s, f, fill=BLACK_INK, italic=False):
    return text(img, (cx, y), s, f, fill, anchor="ma", italic=italic)


def rule(img, x0, x1, y, width, fill=BLACK_INK):
    ImageDraw.Draw(img).line([(x0, y), (x1, y)], fill=fill, width=width)


def wrap(s, f, width):
    """Greedy line breaking of `s` in `f` to `width` pixels."""
    lines, line = [], ""
    for word in s.split():
        trial = word if not line else line + " " + word
        if f.getlength(trial) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def justified(img, x0, x1, y, line, f, last):
    """One body line, justified as Word does (the paragraph's last line is not)."""
    words = line.split()
    if last or len(words) < 2:
        return text(img, (x0, y), line, f)
    widths = [f.getlength(w) for w in words]
    gap = (x1 - x0 - sum(widths)) / (len(words) - 1)
    x = x0
    for w, wd in zip(words, widths):
        text(img, (int(round(x)), y), w, f)
        x += wd + gap
    return (x0, y, x1, y + f.size)


@dataclass
class Layout:
    """Where the drawn document's parts are, in pixels (x0, y0, x1, y1): body lines for pen
    marks and highlighter, the signature's box for the seal, the header's fields."""
    lines: list = field(default_factory=list)
    fields: dict = field(default_factory=dict)
    signature: tuple = None


def _header(img, dpi, doc, top):
    """Issuer and number top left, the national motto and place/date top right (Nghị định
    30/2020, appendix I)."""
    lay = {}
    left_cx, right_cx = px(57, dpi), px(149, dpi)
    regular, bold = FACES[doc.face]
    k = doc.size
    small, small_b = font(regular, pt(11 * k, dpi)), font(bold, pt(11 * k, dpi))
    motto_b = font(bold, pt(12 * k, dpi))
    line = int(pt(12 * k, dpi) * 1.3)
    y = top
    centred(img, left_cx, y, doc.issuer[0], small)
    box = centred(img, left_cx, y + line, doc.issuer[1], small_b)
    lay["issuer"] = (box[0], y, box[2], box[3])
    w = (box[2] - box[0]) // 3
    rule(img, left_cx - w // 2, left_cx + w // 2, box[3] + px(1.2, dpi), max(1, px(0.25, dpi)))
    lay["number"] = centred(img, left_cx, y + int(line * 2.6), "Số: " + doc.number, font(regular, pt(13 * k, dpi)))
    centred(img, right_cx, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", small_b)
    box = centred(img, right_cx, y + line, "Độc lập - Tự do - Hạnh phúc", motto_b)
    rule(img, box[0], box[2], box[3] + px(1.2, dpi), max(1, px(0.25, dpi)))
    lay["motto"] = box
    lay["date"] = centred(img, right_cx, y + int(line * 2.6), doc.place_date(), font(regular, pt(13 * k, dpi)), italic=True)
    return lay, lay["date"][3]


def _body(img, dpi, paragraphs, y, bottom, lay, keep_last=False):
    """Justified paragraphs from y down to `bottom`, whole paragraphs only and never a
    heading last (keep_last: the last paragraph, which closes the document, is always
    drawn). Returns the y after the last line."""
    f, fb = font(SERIF, pt(13, dpi)), font(SERIF_BOLD, pt(13, dpi))
    x0, x1 = px(30, dpi), px(195, dpi)
    step = int(pt(13, dpi) * 1.45)
    indent = px(10, dpi)
    laid = []
    for p in paragraphs:
        heading = p.startswith("# ")
        laid.append((heading, wrap(p[2:] if heading else p, fb if heading else f, x1 - x0 - indent)))

    def height(ps):
        return sum(step * len(lines) + step // 4 for _, lines in ps)
    chosen, rest = (laid[:-1], laid[-1:]) if keep_last else (laid, [])
    room = bottom - y - height(rest)
    n = 0
    while n < len(chosen) and height(chosen[:n + 1]) <= room:
        n += 1
    while n and chosen[n - 1][0]:
        n -= 1
    for heading, lines in chosen[:n] + rest:
        for i, ln in enumerate(lines):
            lx = x0 + (indent if i == 0 else 0)
            if heading:
                box = text(img, (lx, y), ln, fb)
            else:
                box = justified(img, lx, x1, y, ln, f, last=(i == len(lines) - 1))
            lay.lines.append((box[0], y, box[2], y + pt(13, dpi)))
            y += step
        y += step // 4
    return y


def _signature_block(img, dpi, doc, y, lay):
    """Recipients bottom left, the signer's title, room to sign and the name bottom right."""
    cx = px(150, dpi)
    regular, bold = FACES[doc.face]
    k = doc.size
    fb = font(bold, pt(13 * k, dpi))
    step = int(pt(13 * k, dpi) * 1.35)
    text(img, (px(30, dpi), y), "Nơi nhận:", font(bold, pt(12 * k, dpi)), italic=True)
    for i, r in enumerate(doc.recipients):
        text(img, (px(30, dpi), y + int(pt(11 * k, dpi) * 1.35) * (i + 1)), r, font(regular, pt(11 * k, dpi)))
    top = y
    for t in doc.signer_title:
        box = centred(img, cx, y, t, fb)
        y += step
    lay.fields["signer_title"] = (box[0], top, box[2], box[3])
    sig = (cx - px(27, dpi), y + px(2, dpi), cx + px(27, dpi), y + px(24, dpi))
    lay.signature = sig
    lay.fields["signer"] = centred(img, cx, sig[3] + px(3, dpi), doc.signer, fb)
    return lay.fields["signer"][3]


def draw_document(img, dpi, doc, part="whole", top_mm=18, page_no=1):
    """Draws `doc` on `img` (white paper at `dpi`). part: "whole" (one-page document: header,
    body, signature), "first" (header and body), "middle" (body only), "last" (the end of the
    body and the signature), "appendix" (a table, no signature). Returns the Layout."""
    lay = Layout()
    bottom = img.height - px(22, dpi)
    top = px(top_mm, dpi)
    paras = doc.paragraphs()
    if page_no > 1:
        centred(img, img.width // 2, px(10, dpi), str(page_no), font(SERIF, pt(12, dpi)))
    if part in ("whole", "first"):
        fields, y = _header(img, dpi, doc, top)
        lay.fields.update(fields)
        y += px(10, dpi)
        tf = font(FACES[doc.face][1], pt(14 * doc.size, dpi))
        lay.fields["kind"] = centred(img, img.width // 2, y, doc.kind, tf)
        lay.fields["title"] = centred(img, img.width // 2, y + int(pt(14 * doc.size, dpi) * 1.4), doc.title, tf)
        rule(img, img.width // 2 - px(15, dpi), img.width // 2 + px(15, dpi),
             lay.fields["title"][3] + px(2, dpi), max(1, px(0.25, dpi)))
        y = lay.fields["title"][3] + px(8, dpi)
    else:
        y = px(20, dpi)
    if part == "whole":
        # A one-page document keeps its beginning and its end.
        y = _body(img, dpi, paras, y, bottom - px(52, dpi), lay, keep_last=True)
    elif part == "first":
        y = _body(img, dpi, paras, y, bottom, lay)
    elif part == "middle":
        y = _body(img, dpi, paras[5:] + paras[2:5], y, bottom, lay)
    elif part == "last":
        y = _body(img, dpi, paras[-4:], y, bottom - px(60, dpi), lay, keep_last=True)
    elif part == "appendix":
        y = _appendix(img, dpi, y, lay)
    if part in ("whole", "last"):
        _signature_block(img, dpi, doc, y + px(4, dpi), lay)
    return lay


def _appendix(img, dpi, y, lay):
    """A "Phụ lục" table of registrations: ruled cells with text."""
    centred(img, img.width // 2, y, "PHỤ LỤC: DANH SÁCH ĐĂNG KÝ DANH HIỆU THI ĐUA", font(SERIF_BOLD, pt(13, dpi)))
    y += px(12, dpi)
    cols = [px(30, dpi), px(45, dpi), px(110, dpi), px(160, dpi), px(195, dpi)]
    heads = ["TT", "Họ và tên", "Chức vụ", "Danh hiệu"]
    names = ["Nguyễn Thị Hà", "Trần Minh Tuấn", "Lê Thu Hương", "Phạm Ngọc Lan", "Vũ Thị Mai",
             "Đỗ Văn Hải", "Bùi Thị Oanh", "Ngô Thanh Sơn", "Dương Thị Yến", "Lý Hồng Vân"]
    f = font(SERIF, pt(12, dpi))
    row = px(9, dpi)
    draw = ImageDraw.Draw(img)
    for r in range(len(names) + 1):
        for c in range(4):
            draw.rectangle([cols[c], y, cols[c + 1], y + row], outline=BLACK_INK, width=max(1, px(0.2, dpi)))
        cells = heads if r == 0 else [str(r), names[r - 1], "Giáo viên" if r % 3 else "Tổ trưởng",
                                      "Lao động tiên tiến" if r % 4 else "CSTĐ cơ sở"]
        for c, s in enumerate(cells):
            box = text(img, (cols[c] + px(2, dpi), y + px(2, dpi)), s, font(SERIF_BOLD, pt(12, dpi)) if r == 0 else f)
            if r and c == 1:
                lay.lines.append((box[0], y + px(2, dpi), box[2], y + px(2, dpi) + pt(12, dpi)))
        y += row
    return y


# --------------------------------------------------------------------------------------------
# Ink


def ink(img, mask, xy, colour, opacity=1.0, paint=False):
    """Puts `colour` on `img` where `mask` (an "L" image placed at xy) has ink. Ink multiplies
    (a seal over black print stays black, over the signature darkens it); paint replaces, as
    printed colour areas do. Parts outside the page are cut off."""
    x, y = xy
    box = (max(0, x), max(0, y), min(img.width, x + mask.width), min(img.height, y + mask.height))
    if box[0] >= box[2] or box[1] >= box[3]:
        return
    m = mask.crop((box[0] - x, box[1] - y, box[2] - x, box[3] - y))
    if opacity < 1.0:
        m = m.point(lambda v: int(v * opacity))
    region = img.crop(box)
    solid = Image.new("RGB", region.size, colour)
    top = solid if paint else ImageChops.multiply(region, solid)
    img.paste(Image.composite(top, region, m), box[:2])


def noise_field(rng, size, low, high, cells=6):
    """A smooth random field (an "L" image of `size`) between low and high (0-255): a few
    random cells, enlarged. For ink that is thicker in places, uneven light, paper tone."""
    cw, ch = cells, max(2, int(cells * size[1] / max(1, size[0])))
    small = Image.frombytes("L", (cw, ch), bytes(rng.randrange(low, high + 1) for _ in range(cw * ch)))
    return small.resize(size, Image.BICUBIC)


def speckle(rng, size, density):
    """Dropouts of a rubber stamp: an "L" image, 255 but where small specks have no ink."""
    m = Image.new("L", size, 255)
    draw = ImageDraw.Draw(m)
    for _ in range(int(size[0] * size[1] * density)):
        x, y, r = rng.randrange(size[0]), rng.randrange(size[1]), rng.choice([1, 1, 2])
        draw.ellipse([x - r, y - r, x + r, y + r], fill=rng.randrange(0, 120))
    return m


def stamp_texture(rng, m, low=170, density=0.0015):
    """A stamp's ink is never solid: a smooth unevenness and specks where the pad was dry."""
    m = ImageChops.multiply(m, noise_field(rng, m.size, low, 255, cells=5))
    return ImageChops.multiply(m, speckle(rng, m.size, density))


def _polyline(draw, pts, width):
    draw.line([(int(round(x)), int(round(y))) for x, y in pts], fill=255, width=width, joint="curve")


def signature_mask(rng, w, h, stroke):
    """A handwritten signature: a looping stroke along the box, a second short one, and an
    underline flourish, all slightly irregular."""
    m = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(m)
    loops = rng.randint(3, 6)
    phase = rng.uniform(0, 2 * math.pi)
    amp, lw = h * rng.uniform(0.18, 0.3), w * rng.uniform(0.03, 0.06)
    x0, x1 = w * rng.uniform(0.05, 0.15), w * rng.uniform(0.65, 0.85)
    wobble, wphase = rng.uniform(0.7, 1.9), rng.uniform(0, 2 * math.pi)
    pts = []
    for i in range(241):
        t = i / 240
        a = amp * (1 + 0.45 * math.sin(2 * math.pi * wobble * t + wphase)) * (1 - 0.4 * t)
        pts.append((x0 + (x1 - x0) * t + lw * math.cos(2 * math.pi * loops * t + phase),
                    h * 0.45 - a * math.sin(2 * math.pi * loops * t + phase) + h * 0.1 * t))
    _polyline(draw, pts, stroke)
    sx, sy = w * rng.uniform(0.2, 0.5), h * rng.uniform(0.2, 0.4)
    _polyline(draw, [(sx, sy), (sx + w * 0.08, sy - h * 0.15), (sx + w * 0.12, sy + h * 0.3)], stroke)
    pts = []
    for i in range(61):
        t = i / 60
        pts.append((w * (0.9 - 0.8 * t), h * (0.78 + 0.08 * math.sin(math.pi * t)) + rng.uniform(-1, 1)))
    _polyline(draw, pts, max(1, stroke - 1))
    return m


def sign(img, rng, dpi, box, colour=BLUE_INK):
    x0, y0, x1, y1 = box
    ink(img, signature_mask(rng, x1 - x0, y1 - y0, max(2, px(0.45, dpi))), (x0, y0), colour)


# --------------------------------------------------------------------------------------------
# The seal


def _arc_text(mask, s, f, cx, cy, radius, centre_angle, bottom=False, tracking=0.12):
    """Glyphs of `s` set along a circle of `radius` (to the glyphs' middle), centred on
    `centre_angle` (radians, clockwise from the top). Top text reads clockwise with the
    letters' tops outward; bottom text reads left to right with their tops inward."""
    advances = [f.getlength(c) + tracking * f.size for c in s]
    span = sum(advances) / radius
    side = int(f.size * 2)
    pos = -span / 2
    for c, adv in zip(s, advances):
        theta = centre_angle + (-(pos + adv / 2 / radius) if bottom else pos + adv / 2 / radius)
        pos += adv / radius
        if c == " ":
            continue
        glyph = Image.new("L", (side, side), 0)
        ImageDraw.Draw(glyph).text((side // 2, side // 2), c, font=f, fill=255, anchor="mm")
        turn = theta - math.pi if bottom else theta
        glyph = glyph.rotate(-math.degrees(turn), resample=Image.BICUBIC)
        gx = cx + radius * math.sin(theta) - side / 2
        gy = cy - radius * math.cos(theta) - side / 2
        mask.paste(255, (int(round(gx)), int(round(gy))), glyph)
    return span


def star(draw, cx, cy, r, fill=255, inner=0.382, turn=0.0):
    pts = []
    for i in range(10):
        a = turn + math.pi * i / 5
        rr = r if i % 2 == 0 else r * inner
        pts.append((cx + rr * math.sin(a), cy - rr * math.cos(a)))
    draw.polygon(pts, fill=fill)


def _fit_font(name, s, size, radius, max_span, tracking=0.12):
    key = (name, s, size, int(radius), max_span, tracking)
    if key not in _FITTED:
        _FITTED[key] = _fit(name, s, size, radius, max_span, tracking)
    return _FITTED[key]


_FITTED = {}


def _fit(name, s, size, radius, max_span, tracking):
    while size > 6:
        f = font(name, size)
        if sum(f.getlength(c) + tracking * size for c in s) / radius <= max_span:
            return f
        size -= 1
    return font(name, size)


def seal_mask(rng, d, ring, foot="", centre="star", centre_lines=()):
    """The round seal's ink, an "L" image d x d: a thick outer ring and a thin inner one, the
    school's name around between them, a short place name at the foot between two stars, and
    a star (or lines of text) in the middle."""
    m = Image.new("L", (d, d), 0)
    draw = ImageDraw.Draw(m)
    c = (d - 1) / 2
    outer_w = max(3, int(round(d * 0.032)))
    draw.ellipse([0, 0, d - 1, d - 1], outline=255, width=outer_w)
    r_in = d * 0.5 * 0.64
    draw.ellipse([c - r_in, c - r_in, c + r_in, c + r_in], outline=255, width=max(2, int(round(d * 0.011))))
    band = d * 0.5 - outer_w - r_in
    r_text = r_in + band * 0.5
    size = int(band * 0.62)
    top_f = _fit_font(SANS_BOLD, ring, size, r_text, math.radians(250))
    _arc_text(m, ring, top_f, c, c, r_text, 0.0)
    if foot:
        foot_f = _fit_font(SANS_BOLD, foot, size, r_text, math.radians(70))
        span = _arc_text(m, foot, foot_f, c, c, r_text, math.pi, bottom=True)
        for side in (-1, 1):
            a = math.pi + side * (span / 2 + math.radians(12))
            star(draw, c + r_text * math.sin(a), c - r_text * math.cos(a), band * 0.22)
    if centre == "star":
        star(draw, c, c, r_in * 0.55)
    else:
        f = _fit_font(SANS_BOLD, max(centre_lines, key=len), int(r_in * 0.34), r_in, 1.55, tracking=0)
        step = f.size * 1.25
        y = c - step * (len(centre_lines) - 1) / 2
        for ln in centre_lines:
            draw.text((c, y), ln, font=f, fill=255, anchor="mm")
            y += step
        star(draw, c, c - r_in * 0.72, r_in * 0.13)
    return m


@dataclass(frozen=True)
class Seal:
    """How a seal is pressed: hue (a SEAL_HUES key), diameter in mm, turn in degrees, centre
    "star" or "text", where: "signature" (over the signature's left third, as the rules
    ask), or an edge it is cut by: "right", "bottom", "left", "top"."""
    hue: str = "red"
    diameter: float = 40.0
    turn: float = 0.0
    centre: str = "star"
    where: str = "signature"
    cut: float = 0.45          # for an edge: how much of the diameter lies off the page


def press_seal(page, rng, seal, doc, layout):
    """Presses `seal` onto `page` and records its ink in page.seal."""
    dpi = page.dpi
    d = px(seal.diameter, dpi)
    m = seal_mask(rng, d, doc.seal_ring, doc.seal_foot, seal.centre, doc.seal_centre)
    m = m.rotate(seal.turn, resample=Image.BICUBIC)
    if seal.hue == "uneven":
        m = ImageChops.multiply(m, noise_field(rng, m.size, 25, 255, cells=3))
    m = stamp_texture(rng, m, low=165 if seal.hue == "faded" else 185)
    W, H = page.img.size
    if seal.where == "signature" and layout.signature:
        x0, y0, x1, y1 = layout.signature
        cx = x0 + (x1 - x0) / 3 - d / 2 + px(rng.uniform(-3, 3), dpi)
        cy = (y0 + y1) / 2 + px(rng.uniform(-3, 3), dpi)
    else:
        off = d * (0.5 - seal.cut)        # the centre's distance inside the edge (negative: outside)
        along = rng.uniform(0.3, 0.75)
        cx, cy = {"right": (W - off, H * along), "left": (off, H * along),
                  "bottom": (W * along, H - off), "top": (W * along, off)}[seal.where]
    xy = (int(round(cx - d / 2)), int(round(cy - d / 2)))
    colour = tuple(max(0, min(255, v + rng.randint(-8, 8))) for v in SEAL_HUES[seal.hue])
    ink(page.img, m, xy, colour, opacity=0.88 if seal.hue == "faded" else 1.0)
    page.add_seal(m, xy)


# --------------------------------------------------------------------------------------------
# Traps: red on the page that is not a seal


def letterhead(page, rng, doc):
    """A letterhead printed in red: the school's name in large capitals across the page, a
    double rule, an address line. Takes the top 30 mm (draw the document below it)."""
    img, dpi = page.img, page.dpi
    name = doc.school.upper().replace("THCS", "TRUNG HỌC CƠ SỞ")
    f = _fit_width(SERIF_BOLD, name, pt(20, dpi), px(170, dpi))
    centred(img, img.width // 2, px(9, dpi), name, f, fill=RED_PRINT)
    y = px(9, dpi) + int(f.size * 1.25)
    rule(img, px(25, dpi), img.width - px(20, dpi), y, max(2, px(0.7, dpi)), RED_PRINT)
    rule(img, px(25, dpi), img.width - px(20, dpi), y + px(1.3, dpi), max(1, px(0.25, dpi)), RED_PRINT)
    centred(img, img.width // 2, y + px(2.5, dpi), "Địa chỉ: số 2 phố Nguyễn Trãi, quận Ba Đình, Hà Nội - ĐT: 024 3823 4567",
            font(SERIF, pt(10, dpi)), fill=RED_PRINT)
    page.traps.append("letterhead")
    return 34


def _fit_width(name, s, size, width):
    while size > 6 and font(name, size).getlength(s) > width:
        size -= 1
    return font(name, size)


def emblem(page, rng):
    """The national emblem (Quốc huy) printed at the top centre: a red disc 20-25 mm with a
    yellow star, a yellow rim, rice ears and a cogwheel. Takes the top 32 mm."""
    dpi = page.dpi
    d = px(rng.uniform(20, 25), dpi)
    c = d / 2
    red, yellow = Image.new("L", (d, d), 0), Image.new("L", (d, d), 0)
    ImageDraw.Draw(red).ellipse([0, 0, d - 1, d - 1], fill=255)
    y = ImageDraw.Draw(yellow)
    y.ellipse([0, 0, d - 1, d - 1], outline=255, width=max(2, int(d * 0.06)))
    star(y, c, c * 0.92, d * 0.22)
    for side in (-1, 1):
        for i in range(9):
            a = math.radians(200 + i * 16) if side < 0 else math.radians(160 - i * 16)
            ex, ey = c + d * 0.36 * math.sin(a), c - d * 0.36 * math.cos(a)
            y.ellipse([ex - d * 0.035, ey - d * 0.06, ex + d * 0.035, ey + d * 0.06], fill=255)
    gx, gy, gr = c, c + d * 0.27, d * 0.1
    y.ellipse([gx - gr, gy - gr, gx + gr, gy + gr], fill=255)
    for i in range(10):
        a = 2 * math.pi * i / 10
        y.ellipse([gx + gr * 1.15 * math.sin(a) - d * 0.02, gy - gr * 1.15 * math.cos(a) - d * 0.02,
                   gx + gr * 1.15 * math.sin(a) + d * 0.02, gy - gr * 1.15 * math.cos(a) + d * 0.02], fill=255)
    xy = (page.img.width // 2 - d // 2, px(7, dpi))
    ink(page.img, red, xy, RED_PRINT, paint=True)
    ink(page.img, yellow, xy, YELLOW_PRINT, paint=True)
    page.traps.append("emblem")
    return 34


def logo(page, rng, doc, xy=None, d_mm=None):
    """A school's small round logo (10-18 mm) printed in red beside the issuer: a ring, the
    initials and an open book, sometimes tiny text around."""
    dpi = page.dpi
    d = px(d_mm or rng.uniform(10, 18), dpi)
    m = logo_mask(rng, d, doc)
    if xy is None:
        xy = (px(rng.uniform(11, 16), dpi), px(rng.uniform(14, 20), dpi))
    ink(page.img, m, xy, RED_PRINT, paint=True)
    page.traps.append("logo")


def logo_mask(rng, d, doc):
    m = Image.new("L", (d, d), 0)
    draw = ImageDraw.Draw(m)
    c = d / 2
    draw.ellipse([0, 0, d - 1, d - 1], outline=255, width=max(2, int(d * 0.07)))
    if rng.random() < 0.5:
        draw.ellipse([d * 0.17, d * 0.17, d * 0.83, d * 0.83], outline=255, width=max(1, int(d * 0.03)))
        _arc_text(m, doc.seal_centre[-1], font(SANS_BOLD, max(5, int(d * 0.1))), c, c, d * 0.41, 0.0)
    initials = "".join(w[0] for w in doc.seal_centre[-1].split())
    draw.text((c, c - d * 0.06), initials, font=font(SANS_BOLD, max(6, int(d * 0.24))), fill=255, anchor="mm")
    bw, by = d * 0.2, c + d * 0.2
    draw.polygon([(c, by), (c - bw, by - d * 0.06), (c - bw, by + d * 0.05), (c, by + d * 0.1)], fill=255)
    draw.polygon([(c, by), (c + bw, by - d * 0.06), (c + bw, by + d * 0.05), (c, by + d * 0.1)], fill=255)
    return m


def rect_stamp(page, rng, kind, layout):
    """A rectangular red stamp, about 40 x 15-22 mm: "BẢN SAO" (a copy) or "ĐẾN" (received:
    the office's name, number and date lines, the number written in by hand)."""
    dpi = page.dpi
    if kind == "copy":
        w, h = px(rng.uniform(38, 44), dpi), px(rng.uniform(14, 17), dpi)
    else:
        w, h = px(rng.uniform(40, 46), dpi), px(rng.uniform(20, 23), dpi)
    m = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(m)
    draw.rectangle([0, 0, w - 1, h - 1], outline=255, width=max(3, px(0.8, dpi)))
    if kind == "copy":
        inset = px(1.4, dpi)
        draw.rectangle([inset, inset, w - 1 - inset, h - 1 - inset], outline=255, width=max(1, px(0.3, dpi)))
        f = _fit_width(SANS_BOLD, "BẢN SAO", pt(20, dpi), w - 4 * inset)
        draw.text((w / 2, h / 2), "BẢN SAO", font=f, fill=255, anchor="mm")
    else:
        small = font(SANS_BOLD, pt(6.5, dpi))
        draw.text((w / 2, px(1.5, dpi)), "PHÒNG GD&ĐT QUẬN BA ĐÌNH", font=small, fill=255, anchor="ma")
        draw.line([(0, px(5, dpi)), (w, px(5, dpi))], fill=255, width=max(1, px(0.3, dpi)))
        draw.text((px(3, dpi), h * 0.55), "ĐẾN", font=font(SANS_BOLD, pt(15, dpi)), fill=255, anchor="lm")
        lf = font(SANS, pt(7.5, dpi))
        lx = px(17, dpi)
        for i, label in enumerate(("Số: ", "Ngày: 19/02/2021", "Chuyển: ")):
            ly = px(7 + 4.8 * i, dpi)
            draw.text((lx, ly), label, font=lf, fill=255)
            dots_x = lx + int(lf.getlength(label))
            for x in range(dots_x, w - px(2, dpi), px(1.2, dpi)):
                draw.point((x, ly + lf.size - 2), fill=255)
    m = m.rotate(rng.uniform(-6, 6), resample=Image.BICUBIC, expand=True)
    m = stamp_texture(rng, m)
    if kind == "copy":
        xy = (px(rng.uniform(120, 150), dpi), px(rng.uniform(4, 8), dpi))
    else:
        nb = layout.fields.get("number", (px(40, dpi), px(40, dpi), px(80, dpi), px(45, dpi)))
        xy = (px(rng.uniform(8, 20), dpi), nb[3] + px(rng.uniform(2, 6), dpi))
    ink(page.img, m, xy, RED_PRINT)
    if kind != "copy":
        hand = Image.new("L", (px(14, dpi), px(5, dpi)), 0)
        ImageDraw.Draw(hand).text((0, 0), str(rng.randint(100, 480)), font=font(SANS, pt(9, dpi)), fill=255)
        hand = hand.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC)
        ink(page.img, hand, (xy[0] + px(23, dpi), xy[1] + px(6.5, dpi)), BLUE_INK)
    page.traps.append("rect-stamp")


def pen_marks(page, rng, layout, kinds=None):
    """What a reader does with a red ballpoint: a hand-drawn circle round the number or a
    word, wavy underlines, ticks in the margin, a squiggle. Thin, irregular strokes."""
    dpi = page.dpi
    stroke = max(2, px(rng.uniform(0.3, 0.5), dpi))
    kinds = kinds or rng.sample(["circle", "underline", "ticks", "squiggle"], rng.randint(2, 4))
    m = Image.new("L", page.img.size, 0)
    draw = ImageDraw.Draw(m)
    lines = layout.lines or [(px(30, dpi), px(100, dpi), px(190, dpi), px(105, dpi))]
    for kind in kinds:
        if kind == "circle":
            target = layout.fields.get("number") or rng.choice(lines)
            if rng.random() < 0.5 and layout.lines:
                x0, y0, x1, y1 = rng.choice(lines)
                a = rng.uniform(x0, max(x0 + 1, x1 - px(30, dpi)))
                target = (a, y0, a + px(rng.uniform(18, 30), dpi), y1)
            cx, cy = (target[0] + target[2]) / 2, (target[1] + target[3]) / 2
            rx, ry = (target[2] - target[0]) / 2 + px(3, dpi), (target[3] - target[1]) / 2 + px(3, dpi)
            start, wob = rng.uniform(0, 2 * math.pi), rng.uniform(0, 2 * math.pi)
            pts = []
            for i in range(121):
                t = start + 2.25 * math.pi * i / 120
                k = 1 + 0.07 * math.sin(3 * t + wob) + 0.04 * i / 120
                pts.append((cx + rx * k * math.cos(t), cy + ry * k * math.sin(t)))
            _polyline(draw, pts, stroke)
        elif kind == "underline":
            for x0, y0, x1, y1 in rng.sample(lines, min(len(lines), rng.randint(1, 3))):
                a = rng.uniform(x0, (x0 + x1) / 2)
                b = rng.uniform((a + x1) / 2, x1)
                ph = rng.uniform(0, 6)
                _polyline(draw, [(a + (b - a) * i / 40, y1 + px(1.2, dpi) + px(0.6, dpi) * math.sin(ph + i * 0.7))
                                 for i in range(41)], stroke)
        elif kind == "ticks":
            for x0, y0, x1, y1 in rng.sample(lines, min(len(lines), rng.randint(2, 4))):
                tx, ty, s = px(rng.uniform(16, 24), dpi), (y0 + y1) / 2, px(rng.uniform(2.5, 4), dpi)
                _polyline(draw, [(tx - s * 0.5, ty), (tx, ty + s * 0.5), (tx + s, ty - s)], stroke)
        elif kind == "squiggle":
            sx, sy = px(rng.uniform(196, 202), dpi), rng.uniform(page.img.height * 0.3, page.img.height * 0.6)
            length = px(rng.uniform(25, 50), dpi)
            _polyline(draw, [(sx + px(1.5, dpi) * math.sin(i * 0.9), sy + length * i / 50) for i in range(51)], stroke)
    ink(page.img, m, (0, 0), RED_PEN)
    page.traps.append("pen")


def highlighter(page, rng, layout, colour=None):
    """Highlighter over one to four text lines: a translucent, ragged, wide bar."""
    dpi = page.dpi
    colour = colour or rng.choice(sorted(HIGHLIGHTERS))
    lines = layout.lines or [(px(30, dpi), px(100, dpi), px(190, dpi), px(105, dpi))]
    start = rng.randrange(len(lines))
    m = Image.new("L", page.img.size, 0)
    draw = ImageDraw.Draw(m)
    for x0, y0, x1, y1 in lines[start:start + rng.randint(1, 4)]:
        a, b = x0 + rng.uniform(0, (x1 - x0) * 0.3), x1 - rng.uniform(0, (x1 - x0) * 0.3)
        pad = px(1.0, dpi)
        draw.polygon([(a + rng.uniform(-pad, pad), y0 - pad), (b + rng.uniform(-pad, pad), y0 - pad + rng.uniform(-1, 1)),
                      (b + rng.uniform(-pad, pad), y1 + pad), (a + rng.uniform(-pad, pad), y1 + pad)], fill=255)
    ink(page.img, m, (0, 0), HIGHLIGHTERS[colour], opacity=0.8)
    page.traps.append("highlighter")


def colour_chart(page, rng, layout):
    """Colour with no red: a bar chart in blue, green and teal with a light blue table
    header, over the lower body of a first page (a report's statistics)."""
    img, dpi = page.img, page.dpi
    x0, y0 = px(35, dpi), img.height - px(95, dpi)
    x1, y1 = px(190, dpi), y0 + px(60, dpi)
    draw = ImageDraw.Draw(img)
    draw.rectangle([x0 - px(5, dpi), y0 - px(12, dpi), x1 + px(5, dpi), y1 + px(8, dpi)], fill=WHITE)
    draw.rectangle([x0, y0 - px(10, dpi), x1, y0 - px(3, dpi)], fill=(190, 215, 240))
    text(img, (x0 + px(2, dpi), y0 - px(9.5, dpi)), "Kết quả xếp loại học lực học kỳ I", font(SANS_BOLD, pt(10, dpi)))
    colours = [(40, 90, 190), (60, 150, 80), (40, 150, 160), (90, 110, 200)]
    n = 8
    bw = (x1 - x0) / (n * 1.5)
    for i in range(n):
        h = (y1 - y0) * rng.uniform(0.2, 0.95)
        bx = x0 + i * bw * 1.5 + bw * 0.25
        draw.rectangle([bx, y1 - h, bx + bw, y1], fill=colours[i % len(colours)])
    draw.line([(x0, y1), (x1, y1)], fill=BLACK_INK, width=max(1, px(0.3, dpi)))


# --------------------------------------------------------------------------------------------
# Pages and what happens to them


class Page:
    """A page image with its seal's ink mask (None: no seal) and the traps drawn on it."""

    def __init__(self, img, dpi, seal=None, traps=None):
        self.img, self.dpi, self.seal, self.traps = img, dpi, seal, list(traps or [])

    def copy(self):
        return Page(self.img.copy(), self.dpi, None if self.seal is None else self.seal.copy(), self.traps)

    def add_seal(self, m, xy):
        if self.seal is None:
            self.seal = Image.new("L", self.img.size, 0)
        self.seal.paste(ImageChops.lighter(self.seal.crop((xy[0], xy[1], xy[0] + m.width, xy[1] + m.height)), m), xy)

    def geometry(self, fn):
        """Applies the same geometric change to the picture and the seal's mask."""
        return Page(fn(self.img), self.dpi, None if self.seal is None else fn(self.seal), self.traps)

    def transpose(self, op):
        return self.geometry(lambda im: im.transpose(op))

    def seal_box(self, threshold=64):
        """The visible seal's bounding box as fractions [x, y, w, h] of the page (top-left
        origin), or None."""
        if self.seal is None or self.seal.getbbox() is None:
            return None
        near = self.seal.getbbox()
        box = self.seal.crop(near).point(lambda v: 255 if v >= threshold else 0).getbbox()
        if box is None:
            return None
        box = (box[0] + near[0], box[1] + near[1], box[2] + near[0], box[3] + near[1])
        W, H = self.seal.size
        return [round(box[0] / W, 4), round(box[1] / H, 4), round((box[2] - box[0]) / W, 4), round((box[3] - box[1]) / H, 4)]


_BASES = {}


def document_page(dpi, doc, part="whole", top_mm=18, page_no=1):
    """The printed document (black text on white), cached: the text is the slow part and the
    same for every copy."""
    key = (dpi, doc, part, top_mm, page_no)
    if key not in _BASES:
        img = paper(dpi)
        lay = draw_document(img, dpi, doc, part, top_mm, page_no)
        _BASES[key] = (img, lay)
    img, lay = _BASES[key]
    return Page(img.copy(), dpi), lay


def scanned(rng, dpi, doc, part="whole", page_no=1, seal=None, traps=(), signature_ink=None,
            colour_content=False):
    """One page as printed, signed, sealed and marked: traps from "letterhead", "emblem",
    "logo", "rect-stamp" (a "copy" or "received" stamp), "pen", "highlighter"."""
    top = 18
    pre = Page(paper(dpi), dpi)
    if "letterhead" in traps:
        top = letterhead(pre, rng, doc)
    elif "emblem" in traps:
        top = emblem(pre, rng)
    page, lay = document_page(dpi, doc, part, top, page_no)
    if pre.traps:
        page.img = ImageChops.multiply(page.img, pre.img)
        page.traps = pre.traps
    if lay.signature:
        sign(page.img, rng, dpi, lay.signature, signature_ink or rng.choice([BLUE_INK, BLUE_INK, BLACK_INK]))
    if colour_content:
        colour_chart(page, rng, lay)
    if "logo" in traps:
        issuer = lay.fields.get("issuer")
        d = rng.uniform(10, 15)
        logo(page, rng, doc, None if issuer is None else (max(px(5, dpi), issuer[0] - px(d + 2, dpi)), issuer[1] - px(1, dpi)), d)
    if "rect-stamp" in traps:
        rect_stamp(page, rng, rng.choice(["copy", "received"]), lay)
    if "highlighter" in traps:
        highlighter(page, rng, lay)
    if seal is not None:
        press_seal(page, rng, seal, doc, lay)
    if "pen" in traps:
        pen_marks(page, rng, lay)
    return page


def blank(rng, dpi, show_through=None):
    """A blank sheet as scanned: paper tone, a faint show-through of the other side's print
    (mirrored, a few percent), noise."""
    tone = rng.randint(244, 252)
    img = paper(dpi, (tone, tone, tone - rng.randint(0, 4)))
    if show_through is not None:
        ghost = show_through.convert("L").transpose(Image.FLIP_LEFT_RIGHT).resize(img.size)
        ghost = ghost.point(lambda v: 255 - (255 - v) * 6 // 100)
        img = ImageChops.multiply(img, Image.merge("RGB", (ghost, ghost, ghost)))
    return Page(img, dpi)


_NOISE = {}


def _noise_tile(amp):
    """A 512 x 512 tile of uniform noise, centred on 128, +- amp (made once, from a fixed seed)."""
    if amp not in _NOISE:
        r = random.Random(4242 + amp)
        raw = Image.frombytes("L", (512, 512), r.randbytes(512 * 512))
        _NOISE[amp] = raw.point(lambda v: 128 + (v - 128) * amp // 128)
    return _NOISE[amp]


def add_noise(img, rng, amp=4):
    """Sensor noise: the same tile repeated from a random offset, added to every channel."""
    tile = _noise_tile(amp)
    ox, oy = rng.randrange(512), rng.randrange(512)
    n = Image.new("L", img.size)
    for y in range(-oy, img.height, 512):
        for x in range(-ox, img.width, 512):
            n.paste(tile, (x, y))
    if img.mode == "L":
        return ImageChops.add(img, n, 1.0, -128)
    return ImageChops.add(img, Image.merge("RGB", (n, n, n)), 1.0, -128)


def _rotate_mask(mask, angle, margin=64):
    """mask turned by a small angle about the page's centre, as rotate() would, but working
    only on the part around the ink (the rest stays empty)."""
    box = mask.getbbox()
    if box is None:
        return mask
    x0, y0 = max(0, box[0] - margin), max(0, box[1] - margin)
    x1, y1 = min(mask.width, box[2] + margin), min(mask.height, box[3] + margin)
    part = mask.crop((x0, y0, x1, y1)).rotate(angle, resample=Image.BILINEAR,
                                              center=(mask.width / 2 - x0, mask.height / 2 - y0))
    out = Image.new("L", mask.size, 0)
    out.paste(part, (x0, y0))
    return out


def tone_lut(colour):
    """A point() table multiplying each channel by colour/255, as a tinted paper or light
    does (cheaper than ImageChops.multiply with a solid image)."""
    return [v * c // 255 for c in colour for v in range(256)]


def scan(page, rng, skew=None, noise=2, paper_tone=True):
    """What a flatbed does: the sheet a little askew (under a degree), a paper tone, a little
    noise."""
    if skew is None:
        skew = rng.uniform(-0.8, 0.8)
    if skew:
        seal = None if page.seal is None else _rotate_mask(page.seal, skew)
        page = Page(page.img.rotate(skew, resample=Image.BILINEAR, fillcolor=WHITE), page.dpi, seal, page.traps)
    if paper_tone:
        t = rng.randint(243, 253)
        page.img = page.img.point(tone_lut((t, t, max(0, t - rng.randint(0, 6)))))
    if noise:
        page.img = add_noise(page.img, rng, noise)
    return page


def dark(page, rng):
    """An underexposed scan or photo: paper at a third to two fifths of white."""
    k = rng.uniform(0.34, 0.42)
    page.img = page.img.point(lambda v: int(255 * (v / 255) ** 1.15 * k))
    return page


def blurred(page, rng):
    """Out of focus: a Gaussian blur of about 1.7 mm (text unreadable, a seal a red ring)."""
    page.img = page.img.filter(ImageFilter.GaussianBlur(page.dpi * rng.uniform(0.055, 0.07)))
    return page


def grayscale(page):
    """A scan in black and white (8-bit gray): the seal is a gray ring."""
    return Page(page.img.convert("L"), page.dpi, page.seal, page.traps)


def bilevel(page, threshold=165):
    """A bilevel (1-bit) scan: gray above the threshold is white, the rest black."""
    gray = page.img.convert("L")
    return Page(gray.point(lambda v: 255 if v > threshold else 0).convert("1"), page.dpi, page.seal, page.traps)


def _solve(a, b):
    """Gaussian elimination with partial pivoting: x with a x = b (n small)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    return [m[i][n] / m[i][i] for i in range(n)]


def perspective_coeffs(dst, src):
    """Pillow's PERSPECTIVE data mapping each output point in dst (4 corners) to src."""
    a, b = [], []
    for (x, y), (u, v) in zip(dst, src):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); b.append(u)
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y]); b.append(v)
    return _solve(a, b)


def table(rng, size):
    """What a phone photo shows around the sheet: a wooden table, a gray desk or a dark
    tablecloth, with streaks."""
    base = rng.choice([(150, 102, 62), (120, 84, 52), (105, 105, 100), (60, 62, 70)])
    w, h = size
    small = Image.new("RGB", (max(2, w // 16), max(2, h // 16)), base)
    draw = ImageDraw.Draw(small)
    for y in range(small.height):
        d = rng.randint(-14, 14)
        draw.line([(0, y), (small.width, y)], fill=tuple(max(0, min(255, c + d)) for c in base))
    return small.resize(size, Image.BILINEAR)


def photo(page, rng, size=(1536, 2048), fill=None, tilt=None, warm=(1.0, 0.92, 0.72)):
    """A phone photo of the page: on a table, tilted a few degrees with a little perspective,
    warm indoor light (paper turns yellow), vignetting and a shadow, noise, slight blur.
    fill is how much of the photo's width the sheet takes. The result's dpi is the sheet's
    effective resolution."""
    W, H = size
    fill = fill or rng.uniform(0.86, 0.9)
    pw = W * fill
    ph = pw * page.img.height / page.img.width
    if ph > H * 0.96:
        ph = H * 0.96
        pw = ph * page.img.width / page.img.height
    cx, cy = W / 2 + rng.uniform(-0.02, 0.02) * W, H / 2 + rng.uniform(-0.015, 0.015) * H
    tilt = math.radians(rng.uniform(-3, 3) if tilt is None else tilt)
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x, y = sx * pw / 2, sy * ph / 2
        jx, jy = rng.uniform(-0.012, 0.012) * W, rng.uniform(-0.008, 0.008) * H
        corners.append((cx + x * math.cos(tilt) - y * math.sin(tilt) + jx, cy + x * math.sin(tilt) + y * math.cos(tilt) + jy))
    iw, ih = page.img.size
    coeffs = perspective_coeffs(corners, [(0, 0), (iw, 0), (iw, ih), (0, ih)])

    # One warp moves the sheet and its seal mask: the alpha channel is 128 + mask/2 on the
    # sheet and 0 off it (7 bits of the mask are plenty for a box).
    sheet = page.img.convert("RGBA")
    sheet.putalpha(Image.new("L", page.img.size, 128) if page.seal is None else page.seal.point(lambda v: 128 + v // 2))
    sheet = sheet.transform(size, Image.PERSPECTIVE, coeffs, resample=Image.BILINEAR)
    alpha = sheet.getchannel("A")
    img = table(rng, size)
    img.paste(sheet.convert("RGB"), (0, 0), alpha.point(lambda v: min(255, 2 * v)))
    seal = None if page.seal is None else alpha.point(lambda v: max(0, 2 * (v - 128)))
    # Warm light and its falloff (vignetting, a shadow on one side) in one multiplication.
    light = Image.radial_gradient("L").resize(size, Image.BILINEAR)
    strength = rng.uniform(0.25, 0.4)
    light = light.point(lambda v: int(255 - strength * v * v / 255))
    light = ImageChops.multiply(light, noise_field(rng, size, 200, 255, cells=3))
    k = [min(1.0, w * rng.uniform(0.97, 1.02)) for w in warm]
    light = Image.merge("RGB", [light.point(lambda v, c=c: int(v * c)) for c in k])
    img = ImageChops.multiply(img, light)
    img = add_noise(img, rng, 6)
    img = img.filter(ImageFilter.BoxBlur(rng.uniform(0.5, 0.8)))
    return Page(img, int(page.dpi * pw / iw), seal, page.traps)


# --------------------------------------------------------------------------------------------
# Files

# EXIF Orientation tags and what turns the stored pixels upright (Pillow's exif_transpose):
# 3 turns them 180 degrees, 6 a quarter clockwise, 8 a quarter counterclockwise.
SHOW = {3: Image.ROTATE_180, 6: Image.ROTATE_270, 8: Image.ROTATE_90}
STORE = {3: Image.ROTATE_180, 6: Image.ROTATE_90, 8: Image.ROTATE_270}


def jpeg(img, quality=85, dpi=None, exif=None):
    """A baseline JPEG (4:2:0, no optimisation: the same bytes each run), with the scanner's
    resolution in JFIF and an EXIF block if given."""
    buf = io.BytesIO()
    kw = {"quality": quality, "subsampling": 2 if img.mode == "RGB" else 0}
    if dpi:
        kw["dpi"] = (dpi, dpi)
    if exif is not None:
        kw["exif"] = exif
    img.save(buf, "JPEG", **kw)
    return buf.getvalue()


def exif_orientation(tag, make="Apple", model="iPhone 8"):
    """An EXIF block with the Orientation tag and a camera's make and model."""
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    exif[0x0112] = tag
    return exif.tobytes()


def png(img, dpi=None):
    buf = io.BytesIO()
    kw = {"compress_level": 6}
    if dpi:
        kw["dpi"] = (dpi, dpi)
    img.save(buf, "PNG", **kw)
    return buf.getvalue()


def heic(img, quality=60):
    """An iPhone-style HEIC, encoded by libheif's heif-enc (x265) from a PNG; the ultrafast
    preset keeps it to a fraction of a second a photo."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, "in.png"), os.path.join(tmp, "out.heic")
        img.save(src, "PNG", compress_level=0)
        subprocess.run(["heif-enc", "-q", str(quality), "-p", "preset=ultrafast", "-o", out, src],
                       check=True, capture_output=True)
        with open(out, "rb") as f:
            return f.read()


def flate_raw(img):
    """The raw samples of `img` for a /FlateDecode image XObject: RGB or gray bytes, or for
    a bilevel image rows of bits, 1 white, padded to a byte, as PDF's 1-bit DeviceGray wants."""
    return zlib.compress(img.tobytes(), 6)


def pdf_image(img, encoding="jpeg", quality=80):
    """An image XObject for a PDF page from `img`: "jpeg" (/DCTDecode) or "flate". Returns
    the object body."""
    space = b"DeviceRGB" if img.mode == "RGB" else b"DeviceGray"
    bits = 1 if img.mode == "1" else 8
    if encoding == "jpeg" and img.mode != "1":
        return pdf.image_xobject(img.width, img.height, jpeg(img, quality), b"DCTDecode", colour_space=space, bits=bits)
    return pdf.image_xobject(img.width, img.height, flate_raw(img), b"FlateDecode", colour_space=space, bits=bits)


def strips(img, n):
    """The page cut into n horizontal strips, as some scanners store a page."""
    h = img.height
    cuts = [h * i // n for i in range(n + 1)]
    return [img.crop((0, cuts[i], img.width, cuts[i + 1])) for i in range(n)]

