"""The officer's dashboard in a real browser (headless Chromium driven by Selenium).

Run by scripts/browser-test, which starts thidua with the demo mail on the test mail stack
and passes THIDUA_DASHBOARD_URL, THIDUA_DASHBOARD_USER, THIDUA_DASHBOARD_PASSWORD and
THIDUA_BROWSER_ARTIFACTS (where screenshots and the downloaded CSV go).

It logs in, filters the unit table (status + a search typed without diacritics), looks at
it on a phone-sized screen, assigns a message from the review queue to a unit, and
downloads the CSV, checking what the officer would see at each step.
"""

import os
import pathlib
import sys
import time
import zipfile
import unittest

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

URL = os.environ["THIDUA_DASHBOARD_URL"].rstrip("/")
USER = os.environ["THIDUA_DASHBOARD_USER"]
PASSWORD = os.environ["THIDUA_DASHBOARD_PASSWORD"]
ARTIFACTS = pathlib.Path(os.environ["THIDUA_BROWSER_ARTIFACTS"])


class DashboardInABrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        cls.downloads = ARTIFACTS / "downloads"
        cls.downloads.mkdir(exist_ok=True)
        for old in cls.downloads.iterdir():
            old.unlink()
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=vi-VN"):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {
            "download.default_directory": str(cls.downloads),
            "download.prompt_for_download": False,
        })
        service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
        cls.driver = webdriver.Chrome(options=options, service=service)
        cls.driver.implicitly_wait(5)
        cls.wait = WebDriverWait(cls.driver, 15)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def shot(self, name):
        self.driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))

    def test_the_officers_round(self):
        d = self.driver
        # 1. Anything asked for without a login lands on the login page.
        d.get(URL + "/review")
        self.assertIn("/login", d.current_url)
        self.shot("01-login")
        d.find_element(By.NAME, "user").send_keys(USER)
        d.find_element(By.NAME, "password").send_keys(PASSWORD)
        d.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        try:
            self.wait.until(EC.url_contains("/review"))
        except Exception:
            self.shot("01-login-failed")
            raise AssertionError("login did not lead back to the review page: " + d.current_url + "\n" + d.page_source[:3000])
        self.assertIn("Thư cần xem lại", d.find_element(By.TAG_NAME, "h1").text)

        # 2. The overview, then the campaign's unit table, filtered.
        d.get(URL + "/")
        self.assertIn("Phòng GDĐT", d.find_element(By.TAG_NAME, "h1").text)
        self.shot("02-overview")
        d.find_element(By.CSS_SELECTOR, ".card h2 a").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "units")))
        all_rows = len(d.find_elements(By.CSS_SELECTOR, "#units tbody tr"))
        Select(d.find_element(By.ID, "filter-status")).select_by_visible_text("Chưa nộp")
        d.find_element(By.ID, "filter-q").send_keys("hoa hong")
        d.find_element(By.CSS_SELECTOR, "form.filters button").click()
        self.wait.until(EC.url_contains("q=hoa"))
        rows = d.find_elements(By.CSS_SELECTOR, "#units tbody tr")
        self.shot("03-units-filtered")
        self.assertGreater(all_rows, len(rows))
        self.assertEqual([r.find_elements(By.TAG_NAME, "td")[1].text for r in rows], ["Mầm non Hoa Hồng"])
        self.assertTrue(all("Chưa nộp" in r.text for r in rows))

        # 3. Every page on a phone (375 px): nothing wider than the screen, every link,
        # button and field on it, and the unit table a card per unit, not a column per word.
        table_path = d.current_url[len(URL):].split("?")[0]
        d.set_window_size(375, 812)
        d.get(URL + table_path)
        unit_path = d.find_element(By.CSS_SELECTOR, "#units td.name a").get_attribute("href")[len(URL):]
        for name, path in [("overview", "/"), ("units", table_path), ("unit", unit_path), ("review", "/review"),
                           ("sent", "/reminders"), ("health", "/health")]:
            d.get(URL + path)
            self.shot(f"04-phone-{name}")
            width = d.execute_script("return document.documentElement.clientWidth")
            self.assertLessEqual(width, 375)
            self.assertLessEqual(d.execute_script("return document.documentElement.scrollWidth"), width, f"{path} scrolls sideways")
            wide = d.execute_script("""
                const w = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')].filter(e => {
                    const r = e.getBoundingClientRect();
                    return r.width > 0 && r.height > 0 && (r.right > w + 1 || r.left < -1);
                }).slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' +
                    Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right));
            """)
            self.assertEqual(wide, [], f"{path}: wider than the {width} px screen")
            actions = d.find_elements(By.CSS_SELECTOR, "main a, main button, main input:not([type=hidden]), main select, main summary")
            # Hidden only where the phone offers them another way: the table's head (its sort
            # links are repeated above the cards) and the folded technical details.
            hidden = [a.get_attribute("outerHTML")[:80] for a in actions if not a.is_displayed()
                      and not a.find_elements(By.XPATH, "ancestor::thead | ancestor::details[not(@open)]")]
            self.assertEqual(hidden, [], f"{path}: actions out of reach on a phone")
            if name == "units":
                height = d.execute_script("return document.documentElement.scrollHeight")
                # About 90 px a unit: its name, then status, time, files and seal verdict on one or two lines.
                self.assertLess(height, 5600, f"the unit table of 60 units is {height} px long on a phone")
                self.assertTrue(d.find_element(By.CSS_SELECTOR, ".sort-links").is_displayed(), "sorting stays within reach")
        d.set_window_size(1280, 900)

        # 3b. A unit's page shows its scan, not only a link to it: the document check's page
        # thumbnail (served by thidua, loaded), the seal boxed on it, the verdict in words.
        d.get(URL + table_path + "?status=received")
        verdicts = [td.text for td in d.find_elements(By.CSS_SELECTOR, "#units td[data-label='Dấu đỏ']")]
        self.assertIn("✔ Có dấu đỏ", verdicts, "the unit table's seal column says which units sent a sealed scan")
        unit_links = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "#units td.name a")][:12]
        thumbnails, boxed = 0, 0
        for link in unit_links:
            d.get(link)
            for img in d.find_elements(By.CSS_SELECTOR, "a.thumb img"):
                d.execute_script("arguments[0].scrollIntoView()", img)
                self.wait.until(lambda _: d.execute_script("return arguments[0].complete", img))
                self.assertGreater(d.execute_script("return arguments[0].naturalWidth", img), 0, f"{link}: a thumbnail did not load")
                thumbnails += 1
            boxed += len(d.find_elements(By.CSS_SELECTOR, "a.thumb svg rect"))
            labels = [v.text.strip() for v in d.find_elements(By.CSS_SELECTOR, ".check .verdict")]
            self.assertTrue(labels and all(labels), f"{link}: every file says what the check found")
            if thumbnails and boxed:
                self.shot("04b-unit-thumbnail")
                break
        self.assertGreater(thumbnails, 0, "no unit page shows its scan's thumbnail")
        self.assertGreater(boxed, 0, "no seal is boxed on a thumbnail")

        # 4. The review queue: assign the first message to a unit.
        d.get(URL + "/review")
        items = d.find_elements(By.CSS_SELECTOR, "article.review")
        self.assertTrue(items, "the demo mail leaves messages to review")
        # A message from an address thidua does not know: assigned, it belongs to the unit
        # (and leaves the queue, unless its file still needs a look).
        unknown = [i for i in items if "chưa xác định được đơn vị gửi" in i.text]
        self.assertTrue(unknown, "the demo mail has messages from unknown senders")
        first = unknown[0]
        first_id = first.get_attribute("id")
        first.find_element(By.CSS_SELECTOR, "input.unit-code").send_keys("TH05")
        first.find_element(By.CSS_SELECTOR, "form[action$='/assign'] button").click()
        self.wait.until(EC.url_contains("notice=assigned"))
        self.shot("05-review-assigned")
        self.assertIn("Đã gán thư cho đơn vị", d.find_element(By.CSS_SELECTOR, ".notice").text)
        left = d.find_elements(By.ID, first_id)
        if left:
            self.assertIn("(TH05)", left[0].text)
            self.assertNotIn("chưa xác định được đơn vị gửi", left[0].text)

        # 5. Download the unit table as CSV, as the officer would for Excel.
        d.get(URL + "/")
        d.find_element(By.CSS_SELECTOR, ".card h2 a").click()
        d.find_element(By.ID, "export-csv").click()
        deadline = time.time() + 20
        files = []
        while time.time() < deadline:
            files = [f for f in self.downloads.iterdir() if f.suffix == ".csv"]
            if files:
                break
            time.sleep(0.2)
        self.assertEqual(len(files), 1, f"downloads: {list(self.downloads.iterdir())}")
        data = files[0].read_bytes()
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"), "the CSV starts with a BOM for Excel")
        text = data.decode("utf-8-sig")
        self.assertTrue(text.startswith("Mã đơn vị,Tên đơn vị,"))
        self.assertIn("Mầm non Hoa Hồng", text)
        self.assertEqual(len(text.strip().split("\r\n")), 61, "a header and the 60 units")

        # 6. The register of incoming documents (sổ công văn đến), as the office keeps it.
        d.find_element(By.ID, "export-register").click()
        deadline = time.time() + 20
        books = []
        while time.time() < deadline:
            books = [f for f in self.downloads.iterdir() if f.name.endswith("-so-cong-van-den.xlsx")]
            if books:
                break
            time.sleep(0.2)
        self.assertEqual(len(books), 1, f"downloads: {list(self.downloads.iterdir())}")
        with zipfile.ZipFile(books[0]) as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
            self.assertIn("Sổ công văn đến", book.read("xl/workbook.xml").decode("utf-8"))
        self.assertIn("Số, ký hiệu văn bản", sheet)
        self.assertIn("Trích yếu", sheet)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
