"""The officer's dashboard in a real browser (headless Chromium driven by Selenium).

Run by scripts/browser-test, which starts thidua with the demo mail on the test mail stack
and passes THIDUA_DASHBOARD_URL, THIDUA_DASHBOARD_USER, THIDUA_DASHBOARD_PASSWORD and
THIDUA_BROWSER_ARTIFACTS (where screenshots and the downloaded CSV go).

It logs in, filters the unit table (status + a search typed without diacritics), looks at
it on a phone-sized screen, assigns a message from the review queue to a unit, and
downloads the CSV, checking what the officer would see at each step. Then she runs a
collection of her own: makes a campaign (keyboard only), imports her Excel roster (one
error, then fixed), previews and sends the announcement, sees a school's reply land in
the thread, closes the campaign and downloads everything as a ZIP.

The mail stack's settings (MAILSTACK_*) let the test act as a school: read the
announcement in its mailbox and reply to it.
"""

import csv
import email
import email.message
import email.policy
import imaplib
import os
import pathlib
import smtplib
import ssl
import sys
import time
import zipfile
import unittest

import openpyxl

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.common.keys import Keys
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

    def log_in(self):
        d = self.driver
        d.get(URL + "/login")
        if "/login" not in d.current_url:
            return
        d.find_element(By.NAME, "user").send_keys(USER)
        d.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.ENTER)
        self.wait.until(lambda _: "/login" not in d.current_url)

    def fits_a_phone(self, path, name):
        """`path` at 375 px: nothing wider than the screen, and no action out of reach."""
        d = self.driver
        d.get(URL + path)
        self.shot(f"10-phone-{name}")
        width = d.execute_script("return document.documentElement.clientWidth")
        self.assertLessEqual(width, 375)
        self.assertLessEqual(d.execute_script("return document.documentElement.scrollWidth"), width, f"{path} scrolls sideways")
        actions = d.find_elements(By.CSS_SELECTOR, "main a, main button, main input:not([type=hidden]), main select, main textarea")
        hidden = [a.get_attribute("outerHTML")[:80] for a in actions if not a.is_displayed()
                  and not a.find_elements(By.XPATH, "ancestor::thead | ancestor::details[not(@open)]")]
        self.assertEqual(hidden, [], f"{path}: actions out of reach on a phone")

    def tab_to(self, text, limit=80):
        """Presses Tab until the focused element says `text`, as a keyboard user would."""
        d = self.driver
        for _ in range(limit):
            focused = d.switch_to.active_element
            label = (focused.text or focused.get_attribute("value") or "").strip()
            # The page itself (body) holds every text: only a link or a button counts.
            if focused.tag_name in ("a", "button") and text in label:
                return focused
            focused.send_keys(Keys.TAB)
        raise AssertionError(f"Tab never reached '{text}'")

    def tab_to_field(self, name, limit=80):
        """Presses Tab until the field named `name` has the focus."""
        d = self.driver
        for _ in range(limit):
            focused = d.switch_to.active_element
            if focused.get_attribute("name") == name:
                return focused
            focused.send_keys(Keys.TAB)
        raise AssertionError(f"Tab never reached the field '{name}'")

    def download(self, suffix, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [f for f in self.downloads.iterdir() if f.name.endswith(suffix)]
            if found:
                return found[0]
            time.sleep(0.2)
        raise AssertionError(f"no download ending {suffix}: {list(self.downloads.iterdir())}")

    def test_1_the_officers_round(self):
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


    def test_2_her_own_collection(self):
        d = self.driver
        d.set_window_size(1280, 900)
        self.log_in()
        stamp = time.strftime("%H%M%S")
        title = f"Báo cáo sơ kết học kỳ I ({stamp})"

        # 1. A campaign, typed with the keyboard alone: a wrong reminder stage is refused
        # with what to write instead, and nothing is lost of what she typed.
        d.get(URL + "/")
        self.tab_to("Tạo đợt thu mới").send_keys(Keys.ENTER)
        self.wait.until(EC.url_contains("/campaigns/new"))
        self.tab_to_field("title").send_keys(title)
        for name, value in (("opens", time.strftime("%Y-%m-%d")), ("deadline_day", time.strftime("%Y-%m-%d", time.localtime(time.time() + 14 * 86400)))):
            d.execute_script("arguments[0].value = arguments[1]", d.find_element(By.NAME, name), value)
        units_choice = d.find_element(By.CSS_SELECTOR, "input[name=audience][value=units]")
        units_choice.send_keys(Keys.SPACE)
        d.find_element(By.CSS_SELECTOR, "details summary").send_keys(Keys.ENTER)
        for code in ("TH02", "TH03"):
            d.find_element(By.CSS_SELECTOR, f"input[name=unit][value={code}]").send_keys(Keys.SPACE)
        reminders = d.find_element(By.NAME, "reminders")
        reminders.clear()
        reminders.send_keys("-3d, sau 2 ngày" + Keys.ENTER)
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".problem")))
        self.shot("11-campaign-refused")
        self.assertIn("Mốc nhắc", d.find_element(By.CSS_SELECTOR, ".problem").text)
        self.assertEqual(d.find_element(By.NAME, "title").get_attribute("value"), title, "what she typed is kept")
        reminders = d.find_element(By.NAME, "reminders")
        reminders.clear()
        reminders.send_keys("-3d, 0d, +2d" + Keys.ENTER)
        self.wait.until(EC.url_contains("notice=campaignCreated"))
        self.shot("12-campaign-created")
        campaign_path = d.current_url[len(URL):].split("?")[0]
        campaign_id = campaign_path.split("/")[2]
        self.assertIn("Đã tạo đợt thu", d.find_element(By.CSS_SELECTOR, ".notice").text)
        self.assertIn("2 đơn vị được chọn", d.find_element(By.TAG_NAME, "main").text)
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "#units tbody tr")), 2)

        # 2. Her own Excel list: a title above the header, Vietnamese column names. One
        # wrong address is refused with its row; fixed, the preview says what changes.
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["DANH SÁCH CÁC TRƯỜNG THUỘC PHÒNG GD&ĐT"])
        sheet.append([])
        sheet.append(["STT", "Mã đơn vị", "Tên trường", "Cấp học", "Email"])
        roster = pathlib.Path(__file__).resolve().parents[2] / "config" / "units.csv"
        with roster.open(encoding="utf-8-sig") as file:
            rows = list(csv.DictReader(file))
        levels = {"MN": "Mầm non", "TH": "Tiểu học", "THCS": "Trung học cơ sở"}
        for number, row in enumerate(rows, start=1):
            name = row["name"] + (" (cơ sở 2)" if row["code"] == "TH03" else "")
            sheet.append([number, row["code"], name, levels[row["level"]], row["emails"]])
        sheet.append([len(rows) + 1, "TH99", "Tiểu học Mới", "Tiểu học", "th-moi.không-phải-email"])
        bad = ARTIFACTS / "danh-sach-loi.xlsx"
        book.save(bad)
        sheet.cell(row=sheet.max_row, column=5, value="th-moi@schools.example")
        good = ARTIFACTS / "danh-sach.xlsx"
        book.save(good)

        d.get(URL + "/roster")
        d.find_element(By.CSS_SELECTOR, "input[type=file][name=file]").send_keys(str(bad))
        d.find_element(By.CSS_SELECTOR, "form[action='/roster/import'] button").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "import-problems")))
        self.shot("13-roster-refused")
        problems = d.find_element(By.ID, "import-problems").text
        self.assertIn(f"Dòng {len(rows) + 4}", problems, "the row as Excel numbers it")
        self.assertIn("không phải địa chỉ thư điện tử", problems)
        self.assertEqual(d.find_elements(By.ID, "apply-import"), [], "nothing to apply from a file with an error")
        d.find_element(By.CSS_SELECTOR, "input[type=file][name=file]").send_keys(str(good))
        d.find_element(By.CSS_SELECTOR, "form[action='/roster/import'] button").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "import-changes")))
        self.shot("14-roster-preview")
        changes = d.find_element(By.ID, "import-changes").text
        self.assertIn("TH99 — Tiểu học Mới", changes)
        self.assertIn("TH03: Tiểu học Thành Công B → Tiểu học Thành Công B (cơ sở 2)", changes)
        d.find_element(By.ID, "apply-import").click()
        self.wait.until(EC.url_contains("notice=rosterImported"))
        self.assertIn("Tiểu học Mới", d.find_element(By.ID, "roster").text)

        # 2b. A unit's addresses, edited on its page; an address thidua learned (the review
        # queue's assignment in the first test taught it one for TH05), removed.
        d.get(URL + "/roster/TH02")
        emails = d.find_element(By.ID, "unit-emails")
        emails.send_keys(Keys.ENTER + "vanthu.thanhconga@schools.example")
        d.find_element(By.CSS_SELECTOR, "form[action='/roster/TH02/addresses'] button").click()
        self.wait.until(EC.url_contains("notice=addressesSaved"))
        self.assertIn("vanthu.thanhconga@schools.example", d.find_element(By.ID, "unit-emails").get_attribute("value"))
        d.get(URL + "/roster/TH05")
        learned = d.find_elements(By.CSS_SELECTOR, "form[action='/roster/TH05/learned/remove']")
        self.assertTrue(learned, "the address the officer assigned in the first test is listed as learned")
        learned[0].find_element(By.TAG_NAME, "button").click()
        self.wait.until(EC.url_contains("notice=learnedAddressRemoved"))
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "form[action='/roster/TH05/learned/remove']"), [])
        self.assertIn("Bỏ địa chỉ đã học", d.find_element(By.TAG_NAME, "main").text, "the unit's history says so")

        # 2c. The announcement's wording, in her own words: a placeholder that does not exist
        # is refused before anything is saved; the preview is for a real unit.
        d.get(URL + "/texts/announcement.body")
        body = d.find_element(By.ID, "mail-body")
        body.send_keys(Keys.CONTROL, Keys.END)
        body.send_keys("\nGhi chú: {{ten_truong}}")
        d.find_element(By.ID, "text-save").click()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".problem")))
        self.assertIn("Không có ô {{ten_truong}}", d.find_element(By.CSS_SELECTOR, ".problem").text)
        body = d.find_element(By.ID, "mail-body")
        body.send_keys(Keys.CONTROL, Keys.END)
        for _ in range(len("{{ten_truong}}")):
            body.send_keys(Keys.BACKSPACE)
        body.send_keys("đơn vị {{unit_code}} gửi trước hạn.")
        d.find_element(By.ID, "text-preview").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "text-preview-mail")))
        self.assertIn("Ghi chú: đơn vị MN01 gửi trước hạn.", d.find_element(By.ID, "text-preview-mail").text)
        d.find_element(By.ID, "text-save").click()
        self.wait.until(EC.url_contains("notice=textSaved"))
        self.assertIn("đã sửa", d.find_element(By.TAG_NAME, "main").text)

        # 3. The announcement: dry run first (the list and one mail as a school reads it),
        # with the office's plan attached; then sent.
        plan = ARTIFACTS / "Kế hoạch sơ kết học kỳ I.pdf"
        plan.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
        d.get(URL + campaign_path)
        d.find_element(By.ID, "announce").click()
        self.assertEqual(d.find_elements(By.ID, "announce-send"), [], "nothing is sent before the preview")
        d.find_element(By.CSS_SELECTOR, "input[type=file][name=file]").send_keys(str(plan))
        d.find_element(By.ID, "announce-preview").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "announce-sample")))
        self.shot("15-announce-preview")
        sample = d.find_element(By.ID, "announce-sample").text
        self.assertIn("Kính gửi: Tiểu học Thành Công A", sample)
        self.assertIn("Kế hoạch sơ kết học kỳ I.pdf", sample)
        self.assertIn("Ghi chú: đơn vị TH02 gửi trước hạn.", sample, "her wording")
        self.assertIn("Gửi thông báo cho 2 đơn vị", d.find_element(By.ID, "announce-send").text)
        d.find_element(By.ID, "announce-send").click()
        self.wait.until(EC.url_contains("notice=announcementQueued"))

        # 4. A school answers in the thread, naming nothing: its reply is the campaign's.
        school = "ththanhconga@schools.example"
        announcement = self.wait_for_mail(school, title)
        self.assertEqual(announcement.get_content_type(), "multipart/mixed")
        self.assertIn("Kế hoạch sơ kết học kỳ I.pdf", [part.get_filename() for part in announcement.iter_attachments()])
        reply = email.message.EmailMessage()
        reply["From"] = f"Trường Tiểu học Thành Công A <{school}>"
        reply["To"] = announcement["From"]
        reply["Subject"] = "Re: " + announcement["Subject"]
        reply["In-Reply-To"] = announcement["Message-ID"]
        reply["References"] = announcement["Message-ID"]
        reply.set_content("Kính gửi Phòng, nhà trường gửi văn bản ạ.")
        reply.add_attachment(b"\xff\xd8\xff\xe0" + bytes(200) + b"\xff\xd9", maintype="image", subtype="jpeg", filename="IMG_2041.jpg")
        self.send_mail(school, reply)
        unit_page = URL + campaign_path + "/units/TH02"
        deadline = time.time() + 90
        while time.time() < deadline:
            d.get(unit_page)
            if "trả lời thư thông báo" in d.find_element(By.TAG_NAME, "main").text:
                break
            time.sleep(2)
        self.shot("16-reply-in-thread")
        self.assertIn("trả lời thư thông báo", d.find_element(By.TAG_NAME, "main").text, "the reply is attributed by its thread")

        # 5. Closing, with the keyboard: Tab to the button, Enter.
        d.get(URL + campaign_path)
        self.tab_to("Sửa đợt thu").send_keys(Keys.ENTER)
        self.wait.until(EC.url_contains("/edit"))
        self.tab_to("Đóng đợt thu").send_keys(Keys.ENTER)
        self.wait.until(EC.url_contains("notice=campaignClosed"))
        self.shot("17-campaign-closed")
        self.assertIn("Mở lại đợt thu", d.find_element(By.TAG_NAME, "main").text)

        # 6. Everything as one ZIP: the unit table first, a folder per unit named as the
        # office names it, UTF-8 names (Windows Explorer shows the Vietnamese).
        d.get(URL + campaign_path)
        d.find_element(By.ID, "download-all").click()
        archive = self.download(f"{campaign_id}-tat-ca.zip")
        with zipfile.ZipFile(archive) as z:
            self.assertIsNone(z.testzip())
            self.assertEqual(z.namelist()[0], f"{campaign_id} - Danh sách đơn vị.xlsx")
        d.get(URL + "/")
        d.find_element(By.CSS_SELECTOR, "a[href='/campaigns/khtdkt-2021/archive.zip']").click()
        demo = self.download("khtdkt-2021-tat-ca.zip")
        with zipfile.ZipFile(demo) as z:
            self.assertIsNone(z.testzip())
            names = z.namelist()
            self.assertEqual(names[0], "khtdkt-2021 - Danh sách đơn vị.xlsx")
            self.assertIn("MN01 - Mầm non Hoa Sữa/", names)
            self.assertTrue(any(n.startswith("MN01 - Mầm non Hoa Sữa/") and n.endswith(".pdf") for n in names))
            self.assertTrue(all(info.flag_bits & 0x800 for info in z.infolist()), "every name is flagged UTF-8")
            folders = {n.split("/")[0] for n in names if "/" in n}
            self.assertTrue(all(" - " in f for f in folders), folders)

        # 6b. Her wording back to the default, with one button.
        d.get(URL + "/texts/announcement.body")
        d.find_element(By.ID, "text-reset").click()
        self.wait.until(EC.url_contains("notice=textReset"))
        self.assertIn("nội dung mặc định", d.find_element(By.TAG_NAME, "main").text)
        self.assertNotIn("Ghi chú:", d.find_element(By.ID, "mail-body").get_attribute("value"))

        # 7. The new pages on a phone.
        d.set_window_size(375, 812)
        for name, path in (("new-campaign", "/campaigns/new"), ("edit-campaign", campaign_path + "/edit"), ("roster", "/roster"),
                           ("roster-unit", "/roster/TH02"), ("announce", campaign_path + "/announce"), ("texts", "/texts"),
                           ("text", "/texts/announcement.body"), ("accounts", "/accounts")):
            self.fits_a_phone(path, name)
        d.set_window_size(1280, 900)

    def wait_for_mail(self, user, subject_part, timeout=90):
        """The first message in `user`'s mailbox whose subject holds `subject_part`."""
        context = ssl.create_default_context(cafile=os.environ["MAILSTACK_CA_FILE"])
        password = pathlib.Path(os.environ["MAILSTACK_PASSWORD_FILE"]).read_text().strip()
        deadline = time.time() + timeout
        while time.time() < deadline:
            imap = imaplib.IMAP4_SSL(os.environ["MAILSTACK_HOST"], int(os.environ["MAILSTACK_IMAPS_PORT"]), ssl_context=context)
            try:
                imap.login(user, password)
                imap.select("INBOX", readonly=True)
                _, found = imap.uid("SEARCH", None, "ALL")
                for uid in found[0].split():
                    _, data = imap.uid("FETCH", uid, "(BODY.PEEK[])")
                    message = email.message_from_bytes(data[0][1], policy=email.policy.default)
                    if subject_part in str(message["Subject"]):
                        return message
            finally:
                imap.logout()
            time.sleep(2)
        raise AssertionError(f"no mail '{subject_part}' reached {user}")

    def send_mail(self, user, message):
        context = ssl.create_default_context(cafile=os.environ["MAILSTACK_CA_FILE"])
        password = pathlib.Path(os.environ["MAILSTACK_PASSWORD_FILE"]).read_text().strip()
        with smtplib.SMTP(os.environ["MAILSTACK_HOST"], int(os.environ["MAILSTACK_SMTP_PORT"])) as smtp:
            smtp.starttls(context=context)
            smtp.login(user, password)
            smtp.send_message(message)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
