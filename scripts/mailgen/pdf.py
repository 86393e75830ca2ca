"""PDFs in school mail: scans (each page only an image, no text, no fonts) and text PDFs
printed from a word processor, which thidua must tell apart.

All are assembled by `assemble`; the builders differ in what they are for:
- scan_pdf / text_pdf: realistic documents for the demo (a drawn page with a red seal, a
  correct xref, Info with producer and date).
- noise_scan_pdf / filler_text_pdf: small PDFs of a given size made of noise or filler words,
  for the MIME corpus (one object a line, CRLF or LF line ends).
- bulk_scan_pdf: large scanner-like PDFs (100 KB – 2 MB) for the benchmarks, fast to make.
- stub_scan_pdf: the smallest PDF with an image, numbered, for the labelled set.
- image_pdf / text_pdf_with_image: the document check's labelled set: scanners' PDFs of
  given page images (several per page, /Rotate, gray and bilevel, a signature field) and
  Word's PDF of a letter with a logo. The images come from scans (Pillow); this module
  stays standard library only.
"""

import binascii
import zlib

from .images import draw_page, jpeg_size, jpeg_with_comment, rbytes

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
A4 = (595.28, 841.89)


def pdf_string(s):
    """A PDF literal string (Latin-1) with its parentheses and backslashes escaped."""
    return b"(" + s.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_date(t):
    return "D:" + t.strftime("%Y%m%d%H%M%S") + "+07'00'"


def stream(dictionary, data, eol=b"\n"):
    """A stream object: `dictionary`'s entries plus /Length, then `data`. An empty dictionary
    (b"") still leaves its separating space, as the demo's PDFs have it; None leaves none."""
    head = b"<< " + (b"" if dictionary is None else dictionary + b" ") + b"/Length %d >>" % len(data)
    return head + eol + b"stream" + eol + data + eol + b"endstream"


def image_xobject(width, height, data, filter_name=b"DCTDecode", eol=b"\n", colour_space=b"DeviceRGB", bits=8):
    """An image XObject; colour_space and bits for gray and bilevel scans (DeviceGray, 8 or 1)."""
    return stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s "
                  b"/BitsPerComponent %d /Filter /%s" % (width, height, colour_space, bits, filter_name), data, eol)


def image_page(image, name=b"Im0", contents=None, mediabox=b"0 0 595 842"):
    """A page that shows the image XObject numbered `image` (and draws it with the content
    stream numbered `contents`, if any)."""
    return (b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Resources << /XObject << /%s %d 0 R >> >>%s >>"
            % (mediabox, name, image, b"" if contents is None else b" /Contents %d 0 R" % contents))


def pages_tree(kids):
    return b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)


def assemble(objects, *, eol=b"\n", comment=b"%\xe2\xe3\xcf\xd3", compact=False, xref=True, trailer=b""):
    """A PDF of `objects` (bodies numbered from 1; object 1 is the catalog).

    comment is the binary comment line after the header; compact writes each object on one
    line (`1 0 obj << … >> endobj`) and the trailer dictionary on the trailer line, with no
    line end after %%EOF; xref=False writes an empty cross-reference table and startxref 0
    (readers rebuild it, as they must for many scanners' files); trailer adds entries to the
    trailer dictionary (/Info, /ID).
    """
    e = eol
    out = bytearray(b"%PDF-1.4" + e + comment + e)
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        if compact:
            out += b"%d 0 obj " % n + body + b" endobj" + e
        else:
            out += b"%d 0 obj" % n + e + body + e + b"endobj" + e
    start = len(out)
    out += b"xref" + e + b"0 %d" % (len(objects) + 1) + e
    if xref:
        out += b"0000000000 65535 f " + e
        for off in offsets:
            out += b"%010d 00000 n " % off + e
    out += b"trailer" + (b" " if compact else e) + b"<< /Size %d /Root 1 0 R%s >>" % (len(objects) + 1, trailer) + e
    out += b"startxref" + e + b"%d" % (start if xref else 0) + e + b"%%EOF" + (b"" if compact else e)
    return bytes(out)


# --------------------------------------------------------------------------------------------
# The demo's documents


def _info(rng, when, producer):
    info = (b"<< /Producer " + pdf_string(producer) + b" /Creator " + pdf_string(producer) +
            b" /CreationDate " + pdf_string(pdf_date(when)) + b" >>")
    return info, bytes(rng.randrange(256) for _ in range(16))


def _with_info(objects, info, file_id):
    objects = list(objects) + [info]
    fid = file_id.hex().encode()
    return assemble(objects, trailer=b" /Info %d 0 R /ID [<%s> <%s>]" % (len(objects), fid, fid))


def scan_pdf(rng, when, pages=1, jpeg_comment=None, producer="Canon MF Scan Utility", w=300, h=424):
    """A scanned document: each page's content is only an image XObject, no text, no fonts.
    With jpeg_comment the image is the embedded JPEG (/DCTDecode), else a drawn page as a
    Flate RGB raster of w x h."""
    objs = [CATALOG, None]
    kids = []
    for p in range(pages):
        base = len(objs) + 1  # page, image, contents
        if jpeg_comment is not None:
            data = jpeg_with_comment("%s p%d" % (jpeg_comment, p + 1))
            iw, ih = jpeg_size(data)
            img = image_xobject(iw, ih, data)
        else:
            raster = draw_page(w, h, rng, pageno=p + 1, last=(p == pages - 1))
            img = image_xobject(w, h, zlib.compress(raster, 9), b"FlateDecode")
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % A4
        objs.append(image_page(base + 1, contents=base + 2, mediabox=b"0 0 %.2f %.2f" % A4))
        objs.append(img)
        objs.append(stream(b"", content))
        kids.append(base)
    objs[1] = pages_tree(kids)
    return _with_info(objs, *_info(rng, when, producer))


def _text_ops(lines, top=770):
    ops = [b"BT", b"/F1 11 Tf", b"14 TL", b"72 %d Td" % top]
    for ln in lines:
        if ln.startswith("# "):
            ops += [b"/F2 13 Tf", pdf_string(ln[2:]) + b" Tj", b"/F1 11 Tf", b"T*"]
        else:
            ops += [pdf_string(ln) + b" Tj", b"T*"]
    ops.append(b"ET")
    return ops


def text_pdf(rng, when, lines, producer="Microsoft\xae Word 2016"):
    """A PDF printed from a word processor: a /Font and a text content stream (BT ... ET).
    Lines starting with "# " are headings (bold)."""
    content = zlib.compress(b"\n".join(_text_ops(lines)), 9)
    objs = [
        CATALOG,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> "
        b"/Contents 4 0 R >>" % A4,
        stream(b"/Filter /FlateDecode", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>",
    ]
    return _with_info(objs, *_info(rng, when, producer))


# --------------------------------------------------------------------------------------------
# The MIME corpus's: sized, noise or filler


def noise_scan_pdf(rng, size, eol="\n", ascii_only=False):
    """A scan of about `size` bytes, one or two pages of noise "images" (/DCTDecode), or with
    ascii_only hex-encoded (/ASCIIHexDecode) so that the file is 7bit-clean."""
    e = eol.encode()
    pages = rng.choice([1, 1, 2])
    per = max(64, (size - 700) // pages)
    objs = [CATALOG, pages_tree([3 + 3 * i for i in range(pages)])]
    for i in range(pages):
        img = rbytes(rng, per // 2 if ascii_only else per)
        if ascii_only:
            img, filt = binascii.hexlify(img) + b">", b"ASCIIHexDecode"
        else:
            filt = b"DCTDecode"
        objs.append(image_page(4 + 3 * i, b"Im%d" % i, 5 + 3 * i))
        objs.append(image_xobject(1240, 1754, img, filt, e))
        objs.append(stream(None, b"q 595 0 0 842 0 0 cm /Im%d Do Q" % i, e))
    return assemble(objs, eol=e, comment=b"%\xe2\xe3\xcf\xd3" if not ascii_only else b"%scan", compact=True)


def filler_text_pdf(rng, size, eol="\n"):
    """A text PDF of about `size` bytes: lines of random words in one text object."""
    e = eol.encode()
    words = ["ke", "hoach", "thi", "dua", "khen", "thuong", "nam", "2021", "truong", "phong", "giao", "duc"]
    lines = []
    total = 0
    y = 800
    while total < max(100, size - 600):
        line = " ".join(rng.choice(words) for _ in range(8))
        op = "72 %d Td (%s) Tj" % (y, line)
        lines.append(op)
        total += len(op) + 1
        y -= 14
    content = ("BT /F1 12 Tf " + eol.join(lines) + " ET").encode()
    objs = [CATALOG,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            stream(None, content, e)]
    return assemble(objs, eol=e, comment=b"%text", compact=True)


# --------------------------------------------------------------------------------------------
# The benchmarks' and the labelled set's


def bulk_scan_pdf(rng, size, *, xref=True):
    """A PDF like a scanner writes, of about `size` bytes: one DCT image XObject per 300 KB
    page (noise between JPEG markers), no fonts, no content streams. xref=False leaves the
    cross-reference table empty, as a broken mailer or a truncated upload does: a reader must
    then rebuild it by scanning the whole file, which costs ~5 ms a MB in qpdf."""
    pages = max(1, size // 300_000)
    image_size = max(1024, (size - 600 * pages - 400) // pages)
    objs = [CATALOG, pages_tree([3 + 2 * i for i in range(pages)])]
    for i in range(pages):
        objs.append(image_page(4 + 2 * i, b"Im%d" % i))
        objs.append(image_xobject(2480, 3508, b"\xff\xd8\xff\xe0" + rng.randbytes(image_size - 6) + b"\xff\xd9"))
    return assemble(objs, xref=xref)


_STUB_SCAN = """%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /Resources << /XObject << /Im0 4 0 R >> >> >> endobj
4 0 obj << /Type /XObject /Subtype /Image /Width 1 /Height 1 /Length 1 >> stream
x
endstream endobj
% scan {n}
%%EOF
"""


def stub_scan_pdf(n):
    """The smallest "scan" a file sniffer accepts: one page, one 1x1 image, numbered n so that
    every copy has its own bytes (and hash)."""
    return _STUB_SCAN.format(n=n).encode("ascii")


# --------------------------------------------------------------------------------------------
# The document check's labelled set: page images as scanners and phone apps store them


def _num(v):
    return b"%d" % v if v == int(v) else b"%.2f" % v


def image_pdf(pages, when, producer, file_id, signer=None):
    """A scanner's PDF: each page shows only image XObjects, drawn by one content stream, no
    fonts. pages: [(mediabox (w, h) in points, rotate, [(xobject body, (x, y, w, h))])].

    signer adds what a digitally signed PDF carries: an AcroForm with a signature field
    (/FT /Sig, a widget on page 1) whose /V is a signature dictionary (Adobe.PPKLite,
    adbe.pkcs7.detached) with /Contents of zeros and a /ByteRange that covers the file but
    the Contents, as a signing tool leaves it."""
    objs = [CATALOG, None]
    kids, page_at = [], []
    for (w, h), rotate, images in pages:
        kids.append(len(objs) + 1)
        page_at.append(len(objs))
        objs.append(None)
        draw = b" ".join(b"q %s 0 0 %s %s %s cm /Im%d Do Q" % (_num(iw), _num(ih), _num(ix), _num(iy), i)
                         for i, (_, (ix, iy, iw, ih)) in enumerate(images))
        objs.append(stream(b"", draw))
        names = []
        for i, (body, _) in enumerate(images):
            objs.append(body)
            names.append(b"/Im%d %d 0 R" % (i, len(objs)))
        objs[page_at[-1]] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources << /XObject << %s >> >> "
                             b"/Contents %d 0 R%s >>" % (_num(w), _num(h), b" ".join(names), kids[-1] + 1,
                                                          b" /Rotate %d" % rotate if rotate else b""))
    objs[1] = pages_tree(kids)
    if signer is not None:
        field_no, sig_no = len(objs) + 1, len(objs) + 2
        objs[0] = b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%d 0 R] /SigFlags 3 >> >>" % field_no
        objs[page_at[0]] = objs[page_at[0]][:-3] + b" /Annots [%d 0 R] >>" % field_no
        objs.append(b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /F 132 /Rect [0 0 0 0] "
                    b"/P %d 0 R /V %d 0 R >>" % (kids[0], sig_no))
        objs.append(b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Name " +
                    pdf_string(signer) + b" /M " + pdf_string(pdf_date(when)) +
                    b" /ByteRange " + _BYTE_RANGE_SLOT + b" /Contents <" + b"0" * 8192 + b"> >>")
    info = (b"<< /Producer " + pdf_string(producer) + b" /Creator " + pdf_string(producer) +
            b" /CreationDate " + pdf_string(pdf_date(when)) + b" >>")
    data = _with_info(objs, info, file_id)
    if signer is not None:
        at = data.index(_BYTE_RANGE_SLOT)
        start = data.index(b"/Contents <", at) + len(b"/Contents ")
        end = data.index(b">", start) + 1
        byte_range = b"[0 %010d %010d %010d]" % (start, end, len(data) - end)
        data = data[:at] + byte_range + data[at + len(byte_range):]
    return data


_BYTE_RANGE_SLOT = b"[0 0000000000 0000000000 0000000000]"


def text_pdf_with_image(rng, when, lines, image, placement, producer="Microsoft\xae Word 2016"):
    """What Word exports for a letter with the school's logo: fonts and text, and one small
    image XObject (the logo) drawn at placement (x, y, w, h) in points. Still not a scan."""
    x, y, w, h = placement
    ops = [b"q %s 0 0 %s %s %s cm /Im1 Do Q" % (_num(w), _num(h), _num(x), _num(y))] + _text_ops(lines, top=int(y) - 24)
    content = zlib.compress(b"\n".join(ops), 9)
    objs = [
        CATALOG,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> "
        b"/XObject << /Im1 7 0 R >> >> /Contents 4 0 R >>" % A4,
        stream(b"/Filter /FlateDecode", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>",
        image,
    ]
    return _with_info(objs, *_info(rng, when, producer))
