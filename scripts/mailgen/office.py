"""Office files in school mail: Word and Excel documents (zip packages), zip archives of
scans, and Outlook's winmail.dat (TNEF). Minimal but valid, and deterministic: every zip
entry carries a fixed date."""

import io
import struct
import zipfile

_CONTENT_TYPES_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>')


def _relationships(rel_type, target):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/%s" '
            'Target="%s"/></Relationships>' % (rel_type, target))


def zip_archive(entries, date_time, compress=True, unix_mode=None):
    """A zip of `entries` [(name, bytes or str)], every entry dated `date_time` (a 6-tuple).
    unix_mode (e.g. 0o644) records the entries as made on MS-DOS with those Unix permissions,
    as some Windows archivers do; without it they are Unix entries with no permissions."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            if unix_mode is not None:
                info.external_attr = unix_mode << 16
                info.create_system = 0
            zf.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def zip_members(entries):
    """What a zip of `entries` lists: [{"name", "size"}] in order."""
    return [{"name": n, "size": len(d.encode("utf-8") if isinstance(d, str) else d)} for n, d in entries]


def docx_entries(paragraphs, preserve_space=True, section=True):
    """The parts of a Word document with one run of text per paragraph. preserve_space marks
    each run xml:space="preserve"; section adds an A4 page size."""
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    t = '<w:t xml:space="preserve">' if preserve_space else "<w:t>"
    body = "".join("<w:p><w:r>%s%s</w:t></w:r></w:p>" % (t, esc(p)) for p in paragraphs)
    if section:
        body += '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    return [
        ("[Content_Types].xml", _CONTENT_TYPES_HEAD + '<Override PartName="/word/document.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels", _relationships("officeDocument", "word/document.xml")),
        ("word/document.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         '<w:body>' + body + '</w:body></w:document>'),
    ]


def xlsx_entries(rows):
    """The parts of an Excel workbook with one sheet: row i holds a string and a number."""
    cells = "".join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d"><v>%d</v></c></row>'
                    % (i, i, text, i, number) for i, (text, number) in enumerate(rows, 1))
    return [
        ("[Content_Types].xml", _CONTENT_TYPES_HEAD +
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        ("_rels/.rels", _relationships("officeDocument", "xl/workbook.xml")),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", _relationships("worksheet", "worksheets/sheet1.xml")),
        ("xl/worksheets/sheet1.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % cells),
    ]


def tnef(files, rng):
    """A minimal TNEF stream (winmail.dat) carrying `files` [(title, bytes)]."""
    def attr(level, attr_id, data):
        return (bytes([level]) + struct.pack("<II", attr_id, len(data)) + data
                + struct.pack("<H", sum(data) & 0xFFFF))
    out = struct.pack("<IH", 0x223E9F78, rng.randint(1, 0xFFFE))
    out += attr(1, 0x00089006, struct.pack("<I", 0x00010000))          # attTnefVersion
    out += attr(1, 0x00069007, struct.pack("<II", 1252, 0))            # attOemCodepage
    out += attr(1, 0x00078008, b"IPM.Microsoft Mail.Note\x00")         # attMessageClass
    for title, data in files:
        rend = struct.pack("<HIIHHI", 1, 0xFFFFFFFF, 0, 0xFFFF, 0xFFFF, 0)  # attAttachRendData (14 bytes)
        out += attr(2, 0x00069002, rend[:14])
        out += attr(2, 0x00018010, title.encode("cp1252") + b"\x00")   # attAttachTitle
        out += attr(2, 0x0006800F, data)                                # attAttachData
    return out
