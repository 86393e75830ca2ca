"""Tests of scripts/mailgen: what it writes must read back, through Python's own email
package where it has one, as what was meant.

    /usr/bin/python3 -m unittest discover -s scripts/mailgen -p 'test_*.py'

(scripts/lint-python runs it.) The generators' pinned outputs check the bytes; these check
the meaning, so a change that keeps the bytes of one generator but breaks another use shows.
"""

import binascii
import datetime as dt
import email
import email.header
import email.policy
import email.utils
import io
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import unittest
import zipfile
import zlib

SCRIPTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(SCRIPTS)
sys.path.insert(0, SCRIPTS)
from mailgen import encoding, headers, images, mime, office, pdf  # noqa: E402

VIETNAMESE = "Kế hoạch thi đua khen thưởng năm 2021 - Trường Tiểu học Nguyễn Trãi (bản scan dấu đỏ)"
NFC = lambda s: unicodedata.normalize("NFC", s)  # noqa: E731


def decode_words(value):
    """An encoded-word header value as Python's email.header reads it."""
    return str(email.header.make_header(email.header.decode_header(value)))


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


class Windows1258Tests(unittest.TestCase):
    def test_both_tone_styles_decode_back(self):
        for tones in ("precomposed", "combining"):
            with self.subTest(tones=tones):
                data = encoding.windows_1258(VIETNAMESE, tones)
                self.assertEqual(NFC(data.decode("cp1258")), VIETNAMESE)

    def test_tone_marks_follow_the_vowel_where_the_code_page_has_no_letter(self):
        # ư is FD; ờ (ơ + grave) is not in the code page: ơ (F5) then the combining grave (CC).
        self.assertEqual(encoding.windows_1258("Trường"), b"Tr\xfd\xf5\xccng")

    def test_precomposed_keeps_letters_the_code_page_has(self):
        self.assertEqual(encoding.windows_1258("à", "precomposed"), b"\xe0")
        self.assertEqual(encoding.windows_1258("à", "combining"), b"a\xcc")

    def test_encode_checks_the_round_trip_for_other_charsets(self):
        self.assertEqual(encoding.encode("Résumé", "ISO-8859-1"), "Résumé".encode("latin-1"))
        with self.assertRaises(UnicodeEncodeError):
            encoding.encode("Trường", "iso-8859-1")


class EncodedWordTests(unittest.TestCase):
    def test_b_and_q_words_round_trip(self):
        for charset in ("utf-8", "windows-1258"):
            for enc in ("B", "Q"):
                with self.subTest(charset=charset, encoding=enc):
                    words = headers.encoded_words(VIETNAMESE, charset, enc, max_bytes=30)
                    self.assertGreater(len(words), 1)
                    self.assertEqual(NFC(decode_words(" ".join(words))), VIETNAMESE)

    def test_each_word_holds_whole_characters_within_its_limit(self):
        for word in headers.encoded_words(VIETNAMESE, "utf-8", "B", max_bytes=20):
            payload = re.fullmatch(r"=\?utf-8\?B\?(.*)\?=", word).group(1)
            data = binascii.a2b_base64(payload)
            self.assertLessEqual(len(data), 20)
            data.decode("utf-8")  # no character split between words

    def test_word_length_limit_and_clusters(self):
        decomposed = unicodedata.normalize("NFD", VIETNAMESE)
        words = headers.encoded_words(decomposed, "UTF-8", "Q", max_length=40, by_cluster=True)
        self.assertTrue(all(len(w) <= 40 for w in words))
        for w in words:  # no word starts with a combining mark cut off its letter
            self.assertFalse(unicodedata.combining(decode_words(w)[0]))
        self.assertEqual(decode_words(" ".join(words)), decomposed)

    def test_split_midchar_cuts_bytes_but_joins_back(self):
        words = headers.encoded_words(VIETNAMESE, "utf-8", "B", max_bytes=7, split_midchar=True)
        data = b"".join(binascii.a2b_base64(w.split("?")[3]) for w in words)
        self.assertEqual(data.decode("utf-8"), VIETNAMESE)
        with self.assertRaises(UnicodeDecodeError):
            for w in words:
                binascii.a2b_base64(w.split("?")[3]).decode("utf-8")

    def test_subject_header_parses(self):
        value = headers.header_text(VIETNAMESE, "utf-8", "Q", max_bytes=36, label="UTF-8")
        msg = parse(("Subject: %s\r\n\r\nbody\r\n" % value).encode("ascii"))
        self.assertEqual(msg["Subject"], VIETNAMESE)
        self.assertEqual(headers.header_text("Plain ASCII"), "Plain ASCII")


class MailboxTests(unittest.TestCase):
    def test_specials_are_quoted_and_escaped(self):
        value = headers.mailbox('Phong "GD", Ba Dinh', "a@b.example", None, quote="specials")
        self.assertEqual(email.utils.parseaddr(value), ('Phong "GD", Ba Dinh', "a@b.example"))
        self.assertEqual(headers.mailbox("Plain", "a@b.example", None, quote="specials"), "Plain <a@b.example>")

    def test_non_ascii_display_names_are_encoded(self):
        value = headers.mailbox("Nguyễn Thị Hà", "a@b.example",
                                lambda d: " ".join(headers.encoded_words(d, "utf-8", "B")))
        msg = parse(("From: %s\r\n\r\n" % value).encode("ascii"))
        self.assertEqual(msg["From"].addresses[0].display_name, "Nguyễn Thị Hà")
        self.assertEqual(headers.mailbox("", "a@b.example", None), "a@b.example")


class RFC2231Tests(unittest.TestCase):
    NAME = "Kế hoạch số 05_KH về việc tổ chức phong trào thi đua năm 2021 của trường ~ Kim Đồng.pdf"

    def filename(self, params, charset="utf-8"):
        raw = "Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n " + ";\r\n ".join(params)
        return parse((raw + "\r\n\r\nx\r\n").encode("ascii")).get_filename()

    def test_every_split_round_trips(self):
        cases = {
            "single": dict(),
            "chars": dict(pieces=3),
            "escaped": dict(pieces=3, split="escaped"),
            "width": dict(width=60),
            "out of order": dict(pieces=3, order=[2, 0, 1]),
            "plain section": dict(pieces=3, plain_index=1),
        }
        for label, kw in cases.items():
            with self.subTest(label):
                params = headers.rfc2231("filename", self.NAME, "UTF-8", **kw)
                self.assertEqual(len(params) > 1, label != "single")
                self.assertEqual(self.filename(params), self.NAME)

    def test_escaped_split_never_cuts_an_escape(self):
        for p in headers.rfc2231("filename", self.NAME, "UTF-8", pieces=5, split="escaped"):
            value = p.split("=", 1)[1].replace("UTF-8''", "")
            self.assertIsNone(re.search(r"%[0-9A-F]?$", value), p)

    def test_legacy_charset(self):
        params = headers.rfc2231("filename", "Đăng ký danh hiệu.pdf", "windows-1258", pieces=2)
        self.assertEqual(NFC(self.filename(params)), "Đăng ký danh hiệu.pdf")


class TransferEncodingTests(unittest.TestCase):
    DATA = bytes(range(256)) * 5

    def test_base64_lines(self):
        text = encoding.b64_lines(self.DATA, eol="\r\n", terminate=True)
        self.assertTrue(all(len(line) <= 76 for line in text.split("\r\n")))
        self.assertTrue(text.endswith("\r\n"))
        self.assertEqual(binascii.a2b_base64(text.replace("\r\n", "")), self.DATA)
        self.assertEqual(encoding.b64_lines(self.DATA, 64), "\n".join(encoding.b64_lines(self.DATA, 64).split("\n")))

    def test_quoted_printable_keeps_lines_and_bytes(self):
        text = "Kính gửi Phòng GDĐT,\n\nTrân trọng. " * 8
        for data in (text.encode(), text.replace("\n", "\r\n").encode()):
            qp = encoding.quoted_printable(data)
            self.assertNotIn(b"\r\r", qp)
            self.assertTrue(all(len(line) <= 76 for line in qp.split(b"\r\n")))
            self.assertEqual(binascii.a2b_qp(qp.replace(b"\r\n", b"\n")), data.replace(b"\r\n", b"\n"))

    def test_qp_binary_is_exact_whatever_the_line_ends(self):
        qp = encoding.qp_binary(self.DATA)
        for eol in ("\n", "\r\n"):
            self.assertEqual(binascii.a2b_qp(qp.replace("\n", eol).replace("=" + eol, "")), self.DATA)


class PDFTests(unittest.TestCase):
    def dct_images(self, data):
        """The data of every /DCTDecode image stream, read by its /Length."""
        out = []
        for m in re.finditer(rb"/Filter /DCTDecode /Length (\d+) >>(\r?\n)stream(\r?\n)", data):
            out.append(data[m.end():m.end() + int(m.group(1))])
        return out

    def check_xref(self, data):
        start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF", data).group(1))
        self.assertTrue(data[start:].startswith(b"xref"))
        offsets = [int(o) for o in re.findall(rb"(\d{10}) 00000 n ", data)]
        for n, off in enumerate(offsets, 1):
            self.assertTrue(data[off:].startswith(b"%d 0 obj" % n), n)

    def test_demo_scan_is_a_jpeg_in_a_pdf(self):
        data = pdf.scan_pdf(random.Random(1), dt.datetime(2021, 2, 18, 9, 0), pages=2, jpeg_comment="TH01")
        self.assertTrue(data.startswith(b"%PDF-"))
        jpegs = self.dct_images(data)
        self.assertEqual(len(jpegs), 2)
        for j in jpegs:
            self.assertTrue(j.startswith(b"\xff\xd8"))
            self.assertEqual(images.jpeg_size(j), (210, 297))
        self.assertNotIn(b"/Font", data)
        self.check_xref(data)

    def test_drawn_scan_is_a_raster_of_the_page(self):
        data = pdf.scan_pdf(random.Random(2), dt.datetime(2021, 2, 18, 9, 0), w=60, h=85)
        m = re.search(rb"/Width 60 /Height 85 .*?/Filter /FlateDecode /Length (\d+) >>\nstream\n", data)
        raster = zlib.decompress(data[m.end():m.end() + int(m.group(1))])
        self.assertEqual(len(raster), 60 * 85 * 3)
        self.assertIn(bytes((214, 36, 46)), raster)  # the red seal
        self.check_xref(data)

    def test_bench_scan_has_its_size_and_jpeg_markers(self):
        data = pdf.bulk_scan_pdf(random.Random(3), 700_000)
        self.assertTrue(data.startswith(b"%PDF-1.4"))
        self.assertLess(abs(len(data) - 700_000), 2000)
        jpegs = self.dct_images(data)
        self.assertEqual(len(jpegs), 2)
        self.assertTrue(all(j.startswith(b"\xff\xd8") and j.endswith(b"\xff\xd9") for j in jpegs))

    def test_text_pdfs_have_fonts_and_scans_do_not(self):
        when = dt.datetime(2021, 2, 18, 9, 0)
        self.assertIn(b"/Font", pdf.text_pdf(random.Random(4), when, ["# KE HOACH", "Can cu (so 11)"]))
        self.assertIn(b"/Font", pdf.filler_text_pdf(random.Random(4), 2000, "\r\n"))
        scan = pdf.noise_scan_pdf(random.Random(4), 3000, "\r\n")
        self.assertNotIn(b"/Font", scan)
        self.assertIn(b"/DCTDecode", scan)
        self.check_xref(scan)
        self.assertNotIn(b"\x80", pdf.noise_scan_pdf(random.Random(4), 3000, ascii_only=True))
        self.assertTrue(pdf.stub_scan_pdf(7).rstrip().endswith(b"%%EOF"))

    def test_pdf_strings_escape(self):
        self.assertEqual(pdf.pdf_string("a(b)\\c"), b"(a\\(b\\)\\\\c)")


class ImageTests(unittest.TestCase):
    def test_jpegs_are_shaped_like_jpegs(self):
        rng = random.Random(5)
        for data in (images.noise_jpeg(rng, 500), images.sized_jpeg(rng, 5000), images.tiny_jpeg(rng, 9),
                     images.jpeg_with_comment("TH01 trang 1")):
            self.assertTrue(data.startswith(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
            self.assertTrue(data.endswith(b"\xff\xd9"))
        self.assertEqual(len(images.sized_jpeg(rng, 5000)), 5000)
        self.assertIn(b"\xff\xfe\x00\x0eTH01 trang 1", images.jpeg_with_comment("TH01 trang 1"))

    def test_png_chunks_are_valid(self):
        data = images.png(random.Random(6), 800)
        self.assertTrue(data.startswith(b"\x89PNG\r\n\x1a\n"))
        pos = 8
        while pos < len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
            self.assertEqual(crc, zlib.crc32(kind + body) & 0xFFFFFFFF)
            pos += 12 + length
        self.assertEqual(kind, b"IEND")


class OfficeTests(unittest.TestCase):
    def test_docx_is_a_word_package(self):
        entries = office.docx_entries(["Kế hoạch <năm> 2021 & thi đua"])
        data = office.zip_archive(entries, (2021, 2, 17, 16, 59, 32), unix_mode=0o644)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self.assertIsNone(zf.testzip())
            self.assertEqual([{"name": i.filename, "size": i.file_size} for i in zf.infolist()], office.zip_members(entries))
            self.assertIn("Kế hoạch &lt;năm&gt; 2021 &amp; thi đua", zf.read("word/document.xml").decode())
            self.assertEqual(zf.infolist()[0].external_attr >> 16, 0o644)

    def test_tnef_attributes_carry_their_checksums(self):
        data = office.tnef([("KH.pdf", b"%PDF-1.4 x")], random.Random(7))
        self.assertEqual(struct.unpack_from("<I", data)[0], 0x223E9F78)
        pos, titles = 6, []
        while pos < len(data):
            level, attr_id, length = data[pos], *struct.unpack_from("<II", data, pos + 1)
            value = data[pos + 9:pos + 9 + length]
            self.assertEqual(struct.unpack_from("<H", data, pos + 9 + length)[0], sum(value) & 0xFFFF)
            if attr_id == 0x00018010:
                titles.append(value.rstrip(b"\x00").decode("cp1252"))
            pos += 11 + length
        self.assertEqual(titles, ["KH.pdf"])


class MimeTests(unittest.TestCase):
    """A whole message built from the package reads back with the attachments it was given."""

    def message(self):
        rng = random.Random(8)
        scan = pdf.bulk_scan_pdf(rng, 400_000)
        photo = images.sized_jpeg(rng, 30_000)
        scan_name = "Kế hoạch thi đua khen thưởng năm 2021 - Trường Tiểu học Kim Đồng.pdf"
        photo_name = "Ảnh chụp trang 1.jpg"
        leaves = [
            mime.Leaf([("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable")],
                      encoding.quoted_printable("Kính gửi Phòng GDĐT,\nTrân trọng.\n".encode())),
            mime.Leaf([("Content-Type", "application/pdf"),
                       ("Content-Disposition", "attachment;\r\n " + ";\r\n ".join(
                           headers.rfc2231("filename", scan_name, "UTF-8", width=60))),
                       ("Content-Transfer-Encoding", "base64")], encoding.b64_lines(scan, eol="\r\n", terminate=True)),
            mime.Leaf([("Content-Type", 'image/jpeg; name="%s"' % headers.header_text(photo_name, sep=" ")),
                       ("Content-Disposition", "attachment"), ("Content-Transfer-Encoding", "base64")],
                      encoding.b64_lines(photo, eol="\r\n", terminate=True)),
        ]
        hs = [("From", headers.mailbox("Văn thư", "vanthu@school.example",
                                       lambda d: " ".join(headers.encoded_words(d)))),
              ("Subject", headers.header_text(VIETNAMESE)), ("MIME-Version", "1.0")]
        tree = mime.Message(hs, mime.Multi("mixed", "b1_x", [mime.Multi("alternative", "b2_x", leaves[:1])] + leaves[1:],
                                           preamble="This is a multi-part message in MIME format."))
        return tree, [(scan_name, scan), (photo_name, photo)]

    def check(self, raw, expected):
        msg = parse(raw)
        self.assertFalse(msg.defects)
        self.assertEqual(msg["Subject"], VIETNAMESE)
        self.assertEqual(msg["From"].addresses[0].display_name, "Văn thư")
        # The demo's style lets the body's last line end double as the delimiter's.
        text = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
        self.assertEqual(text.rstrip("\n"), "Kính gửi Phòng GDĐT,\nTrân trọng.")
        got = [(p.get_filename(), p.get_payload(decode=True)) for p in msg.iter_attachments()]
        self.assertEqual(got, expected)

    def test_every_rendering_style_parses(self):
        tree, expected = self.message()
        styles = {
            "demo": dict(translate=False, delimiter_eol="if-missing", ctype_sep="; "),
            "labelled": dict(translate=False, leaf_eol=True, delimiter_eol="if-missing", ctype_sep="; "),
            "bench": dict(translate=False, ctype_sep=";\r\n "),
        }
        for label, kw in styles.items():
            with self.subTest(label):
                raw = mime.render(tree, "\r\n", **kw)
                self.assertNotIn(b"\r\r", raw)
                self.assertIsNone(re.search(rb"[^\r]\n", raw))
                self.check(raw, expected)

    def test_translated_rendering_uses_the_requested_line_end(self):
        leaf = mime.Leaf(["Content-Type: text/plain;\n\tcharset=utf-8"], "one\ntwo\n")
        tree = mime.Message(["Subject: x"], mime.Multi("mixed", "b", [leaf], epilogue="end"))
        for eol in ("\n", "\r\n"):
            raw = mime.render(tree, eol)
            self.assertEqual(raw.count(eol.encode()), raw.count(b"\n"))
            self.assertEqual(parse(raw).get_payload()[0].get_content(), "one\ntwo\n".replace("\n", eol))

    def test_leaves_walk_into_forwarded_messages(self):
        inner = mime.Message(["Subject: inner"], mime.Leaf(["Content-Type: text/plain"], "a", expect=["inner"]))
        tree = mime.Message(["Subject: outer"], mime.Multi("mixed", "b", [
            mime.Leaf(["Content-Type: text/plain"], "b", expect=["first"]),
            mime.RFC822(inner, ["Content-Type: message/rfc822"], cte="base64")]))
        self.assertEqual([e for leaf in mime.leaves(tree) for e in leaf.expect], ["first", "inner"])
        raw = mime.render(tree)
        encoded = re.search(rb"Content-Transfer-Encoding: base64\r\n\r\n(.*?)\r\n--b", raw, re.S).group(1)
        self.assertEqual(parse(binascii.a2b_base64(encoded.replace(b"\r\n", b"")))["Subject"], "inner")


class PinnedOutputTests(unittest.TestCase):
    """The Swift tests read what the generators wrote; regenerating must give the same bytes."""

    def assertSameTree(self, expected, actual, names):
        for name in names:
            with open(os.path.join(expected, name), "rb") as a, open(os.path.join(actual, name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)

    def test_mime_corpus(self):
        pinned = os.path.join(ROOT, "Tests", "MIMETests", "Corpus", "generated")
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([sys.executable, os.path.join(ROOT, "Tests", "MIMETests", "Corpus", "generate.py"),
                            "--out", out], check=True, capture_output=True)
            self.assertEqual(sorted(os.listdir(out)), sorted(os.listdir(pinned)))
            self.assertSameTree(pinned, out, os.listdir(pinned))

    def test_labelled_set(self):
        # The generator writes next to itself and reads config/units.csv: run a copy in a
        # scratch tree of the same shape.
        pinned = os.path.join(ROOT, "Tests", "IntakeTests", "Labelled")
        with tempfile.TemporaryDirectory() as tree:
            here = os.path.join(tree, "Tests", "IntakeTests", "Labelled")
            os.makedirs(here)
            os.makedirs(os.path.join(tree, "config"))
            shutil.copy(os.path.join(pinned, "generate.py"), here)
            shutil.copy(os.path.join(ROOT, "config", "units.csv"), os.path.join(tree, "config"))
            os.symlink(SCRIPTS, os.path.join(tree, "scripts"))
            subprocess.run([sys.executable, os.path.join(here, "generate.py")], check=True, capture_output=True)
            messages = os.listdir(os.path.join(pinned, "messages"))
            self.assertEqual(sorted(os.listdir(os.path.join(here, "messages"))), sorted(messages))
            self.assertSameTree(pinned, here, ["labels.json"] + [os.path.join("messages", m) for m in messages])


if __name__ == "__main__":
    unittest.main()
