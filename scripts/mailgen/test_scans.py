"""Tests of scripts/mailgen/scans.py and the document check's labelled set: the labels are
only worth what the drawing behind them is, so these check that the seal box is where the
red ink is, that traps are red but carry no seal, that storage tricks (EXIF, /Rotate) show
the page the labels describe, and that the same seed draws the same bytes.

    /usr/bin/python3 -m unittest discover -s scripts/mailgen -p 'test_*.py'

Skipped without Pillow and the DejaVu fonts (python3-pil, fonts-dejavu-core); the PDF
checks want qpdf, the sample of the labelled set heif-enc as well.
"""

import importlib.util
import io
import os
import random
import re
import shutil
import subprocess
import sys
import unittest

SCRIPTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(SCRIPTS)
sys.path.insert(0, SCRIPTS)

try:
    from PIL import Image, ImageChops, ImageOps
    from mailgen import pdf, scans
    HAVE_PIL = os.path.exists(os.path.join(scans.FONT_DIR, scans.SERIF))
except ImportError:
    HAVE_PIL = False

DPI = 100   # small pages: the tests draw many


def red_box(img, strength=60):
    """The bounding box [x, y, w, h] (fractions) of strongly red pixels: red well above both
    green and blue."""
    r, g, b = img.convert("RGB").split()
    red = ImageChops.subtract(r, ImageChops.lighter(g, b)).point(lambda v: 255 if v > strength else 0)
    box = red.getbbox()
    if box is None:
        return None
    W, H = img.size
    return [box[0] / W, box[1] / H, (box[2] - box[0]) / W, (box[3] - box[1]) / H]


def close(a, b, tolerance):
    return a is not None and b is not None and max(abs(x - y) for x, y in zip(a, b)) <= tolerance


@unittest.skipUnless(HAVE_PIL, "needs python3-pil and fonts-dejavu-core")
class SealTests(unittest.TestCase):
    def sealed(self, seed, **kw):
        return scans.scanned(random.Random(seed), DPI, scans.Document(), seal=scans.Seal(**kw),
                             signature_ink=scans.BLUE_INK)

    def test_seal_box_is_where_the_red_ink_is(self):
        for seed, hue in enumerate(["red", "crimson", "pink"]):
            with self.subTest(hue=hue):
                page = self.sealed(seed, hue=hue, turn=37 * seed)
                self.assertTrue(close(page.seal_box(), red_box(page.img), 0.01), (page.seal_box(), red_box(page.img)))

    def test_seal_lies_over_the_signature(self):
        rng = random.Random(5)
        page, lay = scans.document_page(DPI, scans.Document())
        scans.press_seal(page, rng, scans.Seal(), scans.Document(), lay)
        x, y, w, h = page.seal_box()
        sx0, sy0, sx1, sy1 = lay.signature
        W, H = page.img.size
        self.assertLess(x * W, sx0 + (sx1 - sx0) / 2)           # covers the signature's left part
        self.assertGreater((x + w) * W, sx0)
        self.assertTrue(y * H < sy1 and (y + h) * H > sy0)
        self.assertAlmostEqual(w * W * 25.4 / DPI, 40, delta=3)    # a 40 mm seal, give or take its texture

    def test_a_seal_cut_by_the_edge_is_boxed_by_its_visible_part(self):
        page = self.sealed(7, where="right", cut=0.4, diameter=40)
        x, y, w, h = page.seal_box()
        self.assertAlmostEqual(x + w, 1.0, delta=0.005)
        diameter = 40 / scans.A4_MM[0]
        self.assertAlmostEqual(w, 0.6 * diameter, delta=0.02)
        self.assertTrue(close(page.seal_box(), red_box(page.img), 0.01))

    def test_faded_and_uneven_seals_are_still_red(self):
        for hue in ("faded", "uneven"):
            with self.subTest(hue=hue):
                page = self.sealed(11, hue=hue)
                self.assertIsNotNone(red_box(page.img, strength=40))

    def test_traps_are_red_and_carry_no_seal(self):
        for trap in ["letterhead", "emblem", "logo", "rect-stamp", "pen", "highlighter"]:
            with self.subTest(trap=trap):
                page = scans.scanned(random.Random(3), DPI, scans.Document(), traps=(trap,))
                self.assertIsNone(page.seal)
                self.assertEqual(page.traps, [trap])
                if trap == "highlighter":     # pink or yellow: red above blue, at least
                    r, g, b = page.img.split()
                    self.assertIsNotNone(ImageChops.subtract(r, b).point(lambda v: 255 if v > 40 else 0).getbbox())
                else:
                    self.assertIsNotNone(red_box(page.img))

    def test_photo_moves_the_seal_box_with_the_sheet(self):
        page = self.sealed(13, hue="red", turn=10)
        shot = scans.photo(page, random.Random(13), size=(600, 800))
        x, y, w, h = shot.seal_box()
        W, H = shot.img.size
        around = shot.img.crop((int((x - 0.03) * W), int((y - 0.03) * H), int((x + w + 0.03) * W), int((y + h + 0.03) * H)))
        inner = red_box(around, strength=70)
        got = [x - 0.03 + inner[0] * around.width / W, y - 0.03 + inner[1] * around.height / H,
               inner[2] * around.width / W, inner[3] * around.height / H]
        self.assertTrue(close(got, [x, y, w, h], 0.015), (got, [x, y, w, h]))
        self.assertLess(shot.dpi, page.dpi)


@unittest.skipUnless(HAVE_PIL, "needs python3-pil and fonts-dejavu-core")
class FileTests(unittest.TestCase):
    def page(self):
        return scans.scanned(random.Random(1), DPI, scans.Document(), seal=scans.Seal(turn=20))

    def test_same_seed_same_bytes(self):
        a = scans.jpeg(scans.scan(self.page(), random.Random(2)).img)
        b = scans.jpeg(scans.scan(self.page(), random.Random(2)).img)
        c = scans.jpeg(scans.scan(self.page(), random.Random(3), skew=0.5).img)
        self.assertEqual(a, b)
        self.assertNotEqual(a, c)

    def test_exif_orientation_shows_the_page_upright(self):
        upright = self.page().img
        for tag in (3, 6, 8):
            with self.subTest(tag=tag):
                stored = upright.transpose(scans.STORE[tag])
                data = scans.jpeg(stored, 95, exif=scans.exif_orientation(tag))
                shown = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB")
                self.assertEqual(shown.size, upright.size)
                diff = ImageChops.difference(shown, upright).convert("L").resize((20, 28))
                self.assertLess(max(diff.getdata()), 40)

    def test_gray_and_bilevel_scans_have_no_colour(self):
        page = self.page()
        gray, bw = scans.grayscale(page), scans.bilevel(page)
        self.assertEqual((gray.img.mode, bw.img.mode), ("L", "1"))
        self.assertEqual(gray.seal_box(), page.seal_box())
        self.assertEqual(set(bw.img.getdata()) - {0, 255}, set())

    def test_bilevel_raw_rows_are_packed_bits(self):
        img = Image.new("1", (10, 2), 255)
        img.putpixel((0, 0), 0)
        obj = scans.pdf_image(img)
        self.assertIn(b"/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode", obj)
        raw = scans.flate_raw(img)
        import zlib
        self.assertEqual(zlib.decompress(raw), b"\x7f\xc0\xff\xc0")   # 10 bits a row, padded to 2 bytes; 1 is white

    @unittest.skipUnless(shutil.which("qpdf"), "needs qpdf")
    def test_image_pdf_with_rotate_strips_and_a_signature_field(self):
        img = self.page().img
        sideways = img.transpose(Image.ROTATE_90)
        strips = [(scans.pdf_image(part), (0, 842 - 842 * (i + 1) / 3, 595, 842 / 3))
                  for i, part in enumerate(scans.strips(img, 3))]
        pages = [((842, 595), 90, [(scans.pdf_image(sideways), (0, 0, 842, 595))]), ((595, 842), 0, strips)]
        import datetime
        data = pdf.image_pdf(pages, datetime.datetime(2021, 2, 18, 9, 30), "HP Scan", bytes(16), signer="Phan Quang Son")
        self.assertEqual(len(re.findall(rb"/Type /Page\b", data)), 2)
        self.assertIn(b"/Rotate 90", data)
        self.assertEqual(data.count(b"/Subtype /Image"), 4)
        a, b, c, d = map(int, re.search(rb"/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]", data).groups())
        self.assertEqual((a, data[b:b + 1], data[c - 1:c], c + d), (0, b"<", b">", len(data)))
        import tempfile
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(data)
            f.flush()
            check = subprocess.run(["qpdf", "--check", f.name], capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)


def load_generator():
    path = os.path.join(ROOT, "Tests", "DocumentCheckTests", "Labelled", "generate.py")
    spec = importlib.util.spec_from_file_location("document_check_labelled", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@unittest.skipUnless(HAVE_PIL and shutil.which("qpdf"), "needs python3-pil, fonts-dejavu-core and qpdf")
class LabelledSetSampleTests(unittest.TestCase):
    """A few files of Tests/DocumentCheckTests/Labelled, made twice: the same bytes, and
    labels that match the pixels."""

    @classmethod
    def setUpClass(cls):
        cls.gen = load_generator()
        cls.plan = cls.gen.plan()

    def first(self, prefix):
        for n, case in enumerate(self.plan, 1):
            if case[0].startswith(prefix):
                return n, case
        self.fail("no case " + prefix)

    def test_sample_is_deterministic(self):
        for prefix in ("seal-scan-", "seal-pdf-rotate90-", "trap-pen", "bilevel-pdf-seal"):
            with self.subTest(case=prefix):
                n, case = self.first(prefix)
                self.assertEqual(self.gen.build(n, case), self.gen.build(n, case))

    def test_scan_label_matches_its_red_pixels(self):
        n, case = self.first("seal-scan-red")
        data, label = self.gen.build(n, case)
        img = Image.open(io.BytesIO(data))
        self.assertEqual((label["verdict"], label["seal_page"], label["flags"], label["trap"]), ("seal", 1, [], None))
        self.assertTrue(close(label["seal_box"], red_box(img), 0.01), (label["seal_box"], red_box(img)))

    def test_exif_label_describes_the_upright_page(self):
        n, case = self.first("seal-photo-exif6")
        data, label = self.gen.build(n, case)
        stored = Image.open(io.BytesIO(data))
        shown = ImageOps.exif_transpose(stored)
        self.assertGreater(stored.width, stored.height)
        self.assertLess(shown.width, shown.height)
        x, y, w, h = label["seal_box"]
        W, H = shown.size
        inner = red_box(shown.crop((int(x * W), int(y * H), int((x + w) * W), int((y + h) * H))), strength=70)
        self.assertIsNotNone(inner)
        self.assertGreater(inner[2], 0.8)   # the red fills the labelled box
        self.assertEqual(label["flags"], [])

    def test_rotated_pdf_label_describes_the_displayed_page(self):
        n, case = self.first("seal-sideways-rotate")
        data, label = self.gen.build(n, case)
        self.assertIn(b"/Rotate 90", data)
        self.assertIn("rotated", label["flags"])
        x, y, w, h = label["seal_box"]
        self.assertGreater(h, w)   # a round seal on a page shown sideways: the box is taller in page fractions


if __name__ == "__main__":
    unittest.main()
