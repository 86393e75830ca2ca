import Foundation
import MIME
import MailTransport
import Testing

/// The officer's dashboard over HTTP, served by a running `thidua run` with real mail in
/// its store: login, what needs a login, CSRF, every page and action, files and exports.
@Suite(.serialized, .mailStack)
struct DashboardTests {
    static let password = "mat-khau-thu-nghiem-2021"

    /// An office with two schools, one submission in hand and one message from an unknown
    /// sender waiting for review, and the daemon serving the dashboard on a port of its own.
    struct Office {
        let stack: MailStack
        let workspace: URL
        let officeAddress: String
        let teacher: String
        let thidua: ThiduaProcess
        let daemon: BackgroundThidua
        let http: HTTPClient
        /// Each unit's roster address, by code (they are made unique to the run).
        let unitEmails: [String: String]

        func unitEmail(_ code: String) -> String? { unitEmails[code] }

        /// `daemonExtra`: environment for the daemon only (after the first run has read the mail).
        static func start(label: String, daemonExtra: [String: String] = [:], configEdit: (String) -> String = { $0 }) async throws
            -> Office
        {
            let stack = try MailStack.fromEnvironment()
            let run = UUID().uuidString.prefix(8).lowercased()
            let office = "office-\(run)@pgd.example"
            let units = [
                (code: "U1", name: "Tiểu học Thăng Long", email: "u1-\(run)@schools.example"),
                (code: "U2", name: "Tiểu học Đống Đa", email: "u2-\(run)@schools.example"),
            ]
            let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-\(label)-\(run)")
            try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
            let config = try WalkingSkeletonTests().writeConfig(in: workspace, units: units)
            let yaml = configEdit(
                try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "poll_interval: 60s", with: "poll_interval: 5s"))
            try yaml.write(to: config, atomically: true, encoding: .utf8)
            let port = HTTPClient.freePort()
            let thidua = ThiduaProcess.against(
                stack, office: office, config: config, dataDirectory: workspace.appendingPathComponent("data"),
                extra: ["THIDUA_DASHBOARD_LISTEN": "127.0.0.1:\(port)", "THIDUA_METRICS_TOKEN": "scrape-\(run)"])
            let teacher = "giao-vien-\(run)@personal.example"
            for (from, name, file) in [
                (units[0].email, units[0].name, "KH thi đua \(units[0].name).pdf"), (teacher, "Giáo viên", "KH.pdf"),
            ] {
                let mail = SampleMail.submission(
                    from: from, fromName: name, to: office, subject: "Kế hoạch thi đua 2021 - \(name)",
                    filename: file, body: "Kính gửi Phòng, đơn vị gửi kế hoạch.")
                _ = try await stack.smtp(user: from).send(mail, from: from, to: [office])
            }
            let imap = try stack.imap(user: office)
            for _ in 0..<100 where try await imap.status(mailbox: "INBOX").messages < 2 { try await Task.sleep(for: .milliseconds(100)) }
            let once = try thidua.run(["run", "--once"])
            #expect(once.status == 0, "\(once.stderr)")
            #expect(try thidua.run(["check"]).stdout.contains("no login yet: set one with `thidua passwd --user NAME`"))
            let passwd = try thidua.run(["passwd", "--user", "canbo"], input: password + "\n")
            #expect(passwd.status == 0, "\(passwd.stderr)")
            #expect(try thidua.run(["check"]).stdout.contains("— logins: canbo"))
            // Too short: refused, and nothing stored.
            let short = try thidua.run(["passwd", "--user", "khac"], input: "ngan\n")
            #expect(short.status != 0 && short.stderr.contains("at least 10 characters"))
            var daemonProcess = thidua
            daemonProcess.environment.merge(daemonExtra) { _, new in new }
            let daemon = try daemonProcess.start(["run"], log: workspace.appendingPathComponent("thidua.log"))
            let http = HTTPClient(base: "http://127.0.0.1:\(port)")
            #expect(await http.waitUntilUp(), "the dashboard never answered: \(daemon.logText)")
            return Office(
                stack: stack, workspace: workspace, officeAddress: office, teacher: teacher, thidua: thidua, daemon: daemon, http: http,
                unitEmails: Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0.email) }))
        }

        /// Runs `body`, then stops the daemon and removes the workspace, whatever happened.
        func run(_ body: (Office) async throws -> Void) async throws {
            do {
                try await body(self)
            } catch {
                await stop()
                throw error
            }
            await stop()
        }

        /// `/healthz` once it stops answering 200 (or after 30 s).
        func healthOnceDegraded() async throws -> HTTPClient.Response {
            var answer = http.get("/healthz")
            for _ in 0..<300 where answer.status == 200 {
                try await Task.sleep(for: .milliseconds(100))
                answer = http.get("/healthz")
            }
            return answer
        }

        func stop() async {
            daemon.signal(SIGTERM)
            _ = await daemon.waitForExit(timeout: .seconds(30))
            try? FileManager.default.removeItem(at: workspace)
        }

        /// Logs in and returns the session cookie ("thidua_session=…").
        func login(user: String = "canbo", password: String = DashboardTests.password) throws -> String {
            let page = http.get("/login")
            let token = try #require(page.formValue("csrf"))
            let loginCookie = try #require(page.setCookie("thidua_login")?.split(separator: ";").first.map(String.init))
            let response = http.post(
                "/login", form: [("csrf", token), ("user", user), ("password", password), ("next", "/")], cookie: loginCookie)
            #expect(response.status == 302, "login answered \(response.status): \(response.text)")
            let cookie = try #require(response.setCookie("thidua_session"))
            return String(cookie.split(separator: ";")[0])
        }

        func status() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(thidua.run(["status", "--json"]).stdout.utf8)) as? [String: Any] ?? [:]
        }

        func unitStatus(_ code: String) throws -> String? {
            (try status()["units"] as? [[String: Any]])?.first { $0["code"] as? String == code }?["status"] as? String
        }

        func reviewIDs() throws -> [Int] {
            (try status()["review"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        }
    }

    @Test func nothingIsServedWithoutALoginButHealthTheLoginPageAndTheStylesheet() async throws {
        try await Office.start(label: "dash-public").run { office in
            let http = office.http
            for path in [
                "/", "/campaigns/kh-test", "/campaigns/kh-test/units/U1", "/review", "/reminders", "/health", "/files/1",
                "/messages/1/raw", "/campaigns/kh-test/export.csv", "/campaigns/kh-test/export.xlsx",
            ] {
                let response = http.get(path)
                #expect(response.status == 302, "\(path) answered \(response.status) without a login")
                #expect(response.header("Location")?.hasPrefix("/login?next=") == true, "\(path)")
                #expect(!response.text.contains("Thăng Long"), "\(path) leaked content")
            }
            for path in [
                "/review/1/assign", "/review/1/reject", "/review/1/dismiss", "/review/1/excuse", "/campaigns/kh-test/units/U1/excuse",
                "/campaigns/kh-test/units/U1/messages/1/confirm-sender", "/campaigns/kh-test/units/U1/messages/1/review",
                "/logout",
            ] {
                #expect(http.post(path, form: [("unit", "U1")]).status == 401, "\(path) acted without a login")
            }
            #expect(http.get("/login").status == 200)
            #expect(http.get("/static/app.css").status == 200)
            #expect(http.get("/favicon.ico").status == 204)
            let health = http.get("/healthz")
            #expect(health.status == 200)
            #expect(health.text == "{\"status\":\"ok\"}\n")
            // /metrics: the configured bearer token, or nothing.
            #expect(http.get("/metrics").status == 401)
            #expect(http.get("/metrics", headers: ["Authorization: Bearer wrong"]).status == 401)
            let token = try #require(office.thidua.environment["THIDUA_METRICS_TOKEN"])
            let metrics = http.get("/metrics", headers: ["Authorization: Bearer \(token)"])
            #expect(metrics.status == 200)
            #expect(metrics.text.contains("thidua_messages_ingested_total 2\n"))
            #expect(metrics.text.contains("thidua_attachments_total 2\n"))
            #expect(metrics.text.contains("thidua_messages_unmatched 1\n"))
            #expect(metrics.text.contains("# TYPE thidua_last_successful_poll_timestamp_seconds gauge"))
        }
    }

    /// Two roles: a leader (lãnh đạo) reads and downloads, and every change is refused with
    /// what to do; an operator's change from the CLI reaches the running daemon and names
    /// who made it.
    @Test func aLeaderReadsAndDownloadsButChangesNothing() async throws {
        try await Office.start(label: "dash-roles").run { office in
            let http = office.http
            let passwd = try office.thidua.run(["passwd", "--user", "lanhdao", "--role", "leader"], input: "mat-khau-lanh-dao-2026\n")
            #expect(passwd.status == 0, "\(passwd.stderr)")
            #expect(passwd.stdout.contains("lanhdao (leader)"))
            let cookie = try office.login(user: "lanhdao", password: "mat-khau-lanh-dao-2026")
            let overview = http.get("/", cookie: cookie)
            #expect(overview.status == 200)
            #expect(!overview.text.contains("Tạo đợt thu mới") && !overview.text.contains("href=\"/accounts\""), "no action offered")
            #expect(http.get("/campaigns/kh-test/export.xlsx", cookie: cookie).status == 200)
            let archive = http.get("/campaigns/kh-test/archive.zip", cookie: cookie)
            #expect(archive.status == 200)
            #expect(archive.header("Content-Type") == "application/zip")
            #expect(archive.body.starts(with: Array("PK".utf8)))
            let csrf = try #require(overview.formValue("csrf"))
            for path in ["/campaigns/kh-test/close", "/campaigns/kh-test/units/U2/excuse", "/review/1/dismiss", "/accounts"] {
                let refused = http.post(path, form: [("csrf", csrf), ("user", "x"), ("password", "p")], cookie: cookie)
                #expect(refused.status == 403, "\(path) answered \(refused.status) to a leader")
                #expect(refused.text.contains("Tài khoản lãnh đạo chỉ được xem và tải về"), "\(path)")
            }
            #expect(http.get("/accounts", cookie: cookie).status == 403)
            #expect(try office.thidua.run(["campaign", "list"]).stdout.contains("kh-test\t"), "listed")
            #expect(try office.thidua.run(["campaign", "show", "kh-test"]).stdout.contains("state:       open"))

            // The operator closes it from the CLI: the audit names who, and the running
            // daemon shows it closed within seconds, without a signal.
            let closed = try office.thidua.run(["campaign", "close", "kh-test"])
            #expect(closed.status == 0, "\(closed.stderr)")
            let show = try office.thidua.run(["campaign", "show", "kh-test"]).stdout
            #expect(show.contains("state:       closed"))
            #expect(show.contains("campaign.closed by cli:"), "\(show)")
            var page = http.get("/campaigns/kh-test", cookie: cookie).text
            for _ in 0..<100 where !page.contains("<strong>Đã đóng</strong>") {
                try await Task.sleep(for: .milliseconds(100))
                page = http.get("/campaigns/kh-test", cookie: cookie).text
            }
            #expect(page.contains("<strong>Đã đóng</strong>"), "the daemon took the CLI's change")
            // Nothing the leader tried changed anything: no officer action in the log.
            #expect(!office.daemon.logText.contains("officer closed"))

            // The operator gives the login a new password from the CLI (another process):
            // the session opened with the old one ends within a second, no restart needed.
            let reset = try office.thidua.run(["passwd", "--user", "lanhdao"], input: "mat-khau-moi-2026-12\n")
            #expect(reset.status == 0, "\(reset.stderr)")
            var after = http.get("/", cookie: cookie)
            for _ in 0..<30 where after.status == 200 {
                try await Task.sleep(for: .milliseconds(100))
                after = http.get("/", cookie: cookie)
            }
            #expect(after.status == 302 && after.header("Location")?.hasPrefix("/login") == true, "answered \(after.status)")
            #expect(http.get("/", cookie: try office.login(user: "lanhdao", password: "mat-khau-moi-2026-12")).status == 200)
        }
    }

    /// The operator's side: how much a run would read, the office's list imported from the
    /// CLI after its preview (a wrong row refused with its number), and a login added by the
    /// officer on the dashboard that can only read.
    @Test func theOperatorImportsTheRosterAndTheOfficerAddsALogin() async throws {
        try await Office.start(label: "dash-admin").run { office in
            let http = office.http
            let preview = try office.thidua.run(["run", "--dry-run"])
            #expect(preview.status == 0, "\(preview.stderr)")
            #expect(preview.stdout.contains("INBOX: 2 messages; 0 new since the last run would be read"), "\(preview.stdout)")

            let units = office.workspace.appendingPathComponent("danh-sach.csv")
            let header = "STT;Mã đơn vị;Tên trường;Cấp học;Email\n"
            let u1 = "1;U1;Tiểu học Thăng Long;Tiểu học;\(try #require(office.unitEmail("U1")))\n"
            try (header + u1 + "2;U3;Tiểu học Kim Đồng;Tiểu học;kim-dong.khong-phai-email\n").write(
                to: units, atomically: true, encoding: .utf8)
            let refused = try office.thidua.run(["roster", "import", units.path])
            #expect(refused.status == 65, "\(refused.stdout)\(refused.stderr)")
            #expect(refused.stdout.contains("row 3: 'kim-dong.khong-phai-email' is not an email address"), "\(refused.stdout)")
            try (header + u1 + "2;U3;Tiểu học Kim Đồng;Tiểu học;u3@schools.example\n").write(
                to: units, atomically: true, encoding: .utf8)
            let dryRun = try office.thidua.run(["roster", "import", units.path, "--dry-run"]).stdout
            #expect(dryRun.contains("+ U3 Tiểu học Kim Đồng") && dryRun.contains("- U2 Tiểu học Đống Đa (its submissions are kept)"))
            #expect(try office.thidua.run(["status", "--json"]).stdout.contains("\"U2\""), "a dry run changes nothing")
            let applied = try office.thidua.run(["roster", "import", units.path])
            #expect(applied.status == 0 && applied.stdout.contains("roster updated: 1 added, 1 removed"), "\(applied.stdout)")

            // U2 left the roster: its page and history stay.
            let cookie = try office.login()
            let removed = http.get("/campaigns/kh-test/units/U2", cookie: cookie)
            #expect(removed.status == 200 && removed.text.contains("Tiểu học Đống Đa"), "a removed unit keeps its page")
            #expect(http.get("/roster/U2", cookie: cookie).text.contains("đã bỏ khỏi danh sách lúc"))

            // The officer adds a login on the dashboard: refused while the two passwords
            // differ, made once they agree; it reads, and changes nothing.
            let accounts = http.get("/accounts", cookie: cookie)
            #expect(accounts.status == 200)
            let csrf = try #require(accounts.formValue("csrf"))
            let mismatch = http.post(
                "/accounts",
                form: [
                    ("csrf", csrf), ("user", "lanhdao"), ("password", "mat-khau-lanh-dao"), ("password2", "mat-khau-khac"),
                    ("role", "leader"),
                ],
                cookie: cookie)
            #expect(mismatch.status == 422 && mismatch.text.contains("Hai lần nhập mật khẩu không giống nhau"))
            let made = http.post(
                "/accounts",
                form: [
                    ("csrf", csrf), ("user", "lanhdao"), ("password", "mat-khau-lanh-dao"), ("password2", "mat-khau-lanh-dao"),
                    ("role", "leader"),
                ],
                cookie: cookie)
            #expect(made.status == 302)
            #expect(http.get("/accounts", cookie: cookie).text.contains("Lãnh đạo (chỉ xem)"))
            let leader = try office.login(user: "lanhdao", password: "mat-khau-lanh-dao")
            let overview = http.get("/", cookie: leader)
            let leaderCSRF = try #require(overview.formValue("csrf"))
            #expect(http.post("/campaigns/kh-test/close", form: [("csrf", leaderCSRF)], cookie: leader).status == 403)
            // The audit trail names the login that made it.
            #expect(http.get("/accounts", cookie: cookie).text.contains("cán bộ canbo"))
        }
    }

    @Test func theOfficerSeesWhoHasSentAndSettlesTheReviewQueue() async throws {
        try await Office.start(label: "dash-desk").run { office in
            let http = office.http
            let cookie = try office.login()

            // The session cookie cannot be read by scripts nor sent from another site.
            let overview = http.get("/", cookie: cookie)
            #expect(overview.status == 200)
            #expect(overview.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
            #expect(overview.header("X-Frame-Options") == "DENY")
            #expect(overview.text.contains("<strong>1/2</strong> đơn vị đã nộp"))
            #expect(overview.text.contains("Cần xem lại <span class=\"badge\">1</span>"))

            // The unit table: filters and a search that ignores diacritics.
            let pending = http.get("/campaigns/kh-test?status=pending", cookie: cookie)
            #expect(pending.text.contains("Tiểu học Đống Đa") && !pending.text.contains(">Tiểu học Thăng Long<"))
            let search = http.get("/campaigns/kh-test?q=thang+long", cookie: cookie)
            #expect(search.text.contains("1 đơn vị phù hợp (trong tổng 2)."))
            #expect(search.text.contains(">Tiểu học Thăng Long</a>"))

            // A unit's page links its scan, which opens inline, sandboxed, as a PDF.
            let unit = http.get("/campaigns/kh-test/units/U1", cookie: cookie)
            #expect(unit.text.contains("Đã nộp"))
            let fileLink = try #require(unit.text.range(of: "href=\"/files/").map { unit.text[$0.upperBound...].prefix { $0 != "\"" } })
            let file = http.get("/files/\(fileLink)", cookie: cookie)
            #expect(file.status == 200)
            #expect(file.header("Content-Type") == "application/pdf")
            #expect(file.header("Content-Disposition")?.hasPrefix("inline; ") == true)
            #expect(file.header("Content-Disposition")?.contains("filename*=UTF-8''KH%20thi%20%C4%91ua") == true)
            #expect(file.header("X-Content-Type-Options") == "nosniff")
            // The message's other parts (its text) are listed, folded, and download as bytes.
            #expect(unit.text.contains("Các phần khác của thư"))
            let partLink = try #require(
                unit.text.range(of: "href=\"/messages/").map { unit.text[$0.lowerBound...].dropFirst(6).prefix { $0 != "\"" } }
                    .flatMap { $0.contains("/parts/") ? String($0) : nil })
            let part = http.get(partLink, cookie: cookie)
            #expect(part.status == 200, "\(partLink)")
            #expect(part.header("Content-Type") == "application/octet-stream")
            #expect(part.header("Content-Disposition")?.hasPrefix("attachment; ") == true)
            #expect(http.get("/messages/1/parts/" + String(repeating: "0", count: 64), cookie: cookie).status == 404)
            // The page shows the scan itself: the document check's thumbnail, the seal boxed,
            // the verdict in words; the thumbnail is served to a logged-in officer only.
            #expect(unit.text.contains("<span class=\"verdict v-seal\">✔ Có dấu đỏ</span>"))
            #expect(unit.text.contains("<svg viewBox=\"0 0 1000 1000\""))
            let thumbnailLink = try #require(
                unit.text.range(of: "src=\"/thumbnails/").map { "/thumbnails/" + unit.text[$0.upperBound...].prefix { $0 != "\"" } })
            let thumbnail = http.get(thumbnailLink, cookie: cookie)
            #expect(thumbnail.status == 200 && thumbnail.header("Content-Type") == "image/jpeg")
            #expect(thumbnail.body.starts(with: [0xFF, 0xD8, 0xFF]))
            #expect(http.get(thumbnailLink).status != 200, "a thumbnail without a login")
            #expect(http.get("/thumbnails/" + String(repeating: "0", count: 64), cookie: cookie).status == 404)
            // The officer sets another verdict: recorded with her name, shown on the page.
            let verdictPath = try #require(
                unit.text.range(of: "action=\"/checks/").map { "/checks/" + unit.text[$0.upperBound...].prefix { $0 != "\"" } })
            let checkCSRF = try #require(unit.formValue("csrf"))
            #expect(http.post(verdictPath, form: [("csrf", checkCSRF), ("verdict", "bogus")], cookie: cookie).status == 400)
            let overruled = http.post(
                verdictPath, form: [("csrf", checkCSRF), ("verdict", "signed"), ("back", "/campaigns/kh-test/units/U1")], cookie: cookie)
            #expect(overruled.status == 302 && overruled.header("Location")?.hasPrefix("/campaigns/kh-test/units/U1") == true)
            let afterOverrule = http.get("/campaigns/kh-test/units/U1", cookie: cookie)
            #expect(afterOverrule.text.contains("✔ Có chữ ký số") && afterOverrule.text.contains("đã sửa (thidua: ✔ Có dấu đỏ)"))
            // A file the browser shows is framed from the dashboard only.
            #expect(file.header("X-Frame-Options") == "SAMEORIGIN")
            #expect(file.header("Content-Security-Policy")?.contains("frame-ancestors 'self'") == true)
            #expect(file.header("Content-Security-Policy")?.hasPrefix("sandbox") == true)
            #expect(file.body.starts(with: Array("%PDF-".utf8)))

            // Exports: what the table shows, in Excel-ready form.
            let csv = http.get("/campaigns/kh-test/export.csv", cookie: cookie)
            #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
            #expect(csv.body.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(csv.text.contains("U1,Tiểu học Thăng Long,TH,Đã nộp,received,"))
            let filtered = http.get("/campaigns/kh-test/export.csv?status=pending", cookie: cookie)
            #expect(filtered.text.split(separator: "\r\n").count == 2)
            let xlsx = http.get("/campaigns/kh-test/export.xlsx", cookie: cookie)
            #expect(xlsx.header("Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(xlsx.body.starts(with: [0x50, 0x4B, 0x03, 0x04]))

            // The review queue: a form without the session's CSRF token changes nothing.
            let review = http.get("/review", cookie: cookie)
            let id = try #require(try office.reviewIDs().first)
            #expect(review.text.contains("id=\"review-\(id)\""))
            let csrf = try #require(review.formValue("csrf"))
            let forged = http.post("/review/\(id)/assign", form: [("unit", "U2"), ("campaign", "kh-test")], cookie: cookie)
            #expect(forged.status == 403)
            let wrong = http.post(
                "/review/\(id)/assign", form: [("csrf", "x" + csrf), ("unit", "U2"), ("campaign", "kh-test")], cookie: cookie)
            #expect(wrong.status == 403)
            #expect(try office.unitStatus("U2") == "pending")
            // The raw message downloads as an .eml, never shown as a page.
            let raw = http.get("/messages/\(id)/raw", cookie: cookie)
            #expect(raw.status == 200)
            #expect(raw.header("Content-Type") == "message/rfc822")
            #expect(raw.header("Content-Disposition")?.hasPrefix("attachment; filename=\"thu-\(id).eml\"") == true)
            #expect(raw.text.contains("Subject:") && raw.text.contains(office.teacher))
            // Excusing needs a unit: this message has none yet.
            let excuseUnknown = http.post("/review/\(id)/excuse", form: [("csrf", csrf)], cookie: cookie)
            #expect(excuseUnknown.status == 400)
            #expect(excuseUnknown.text.contains("hãy gán thư cho đơn vị trước"))
            let unknownUnit = http.post(
                "/review/\(id)/assign", form: [("csrf", csrf), ("unit", "U9"), ("campaign", "kh-test")], cookie: cookie)
            #expect(unknownUnit.status == 400)
            #expect(unknownUnit.text.contains("Không có đơn vị mã U9"))

            // Assigning: the unit has sent, the message leaves the queue.
            let assigned = http.post(
                "/review/\(id)/assign", form: [("csrf", csrf), ("unit", "U2"), ("campaign", "kh-test")], cookie: cookie)
            #expect(assigned.status == 302)
            #expect(assigned.header("Location") == "/review?notice=assigned")
            #expect(try office.unitStatus("U2") == "received")
            #expect(try office.reviewIDs().isEmpty)
            #expect(http.get("/review?notice=assigned", cookie: cookie).text.contains("Đã gán thư cho đơn vị"))

            // Rejecting U2's message: the unit is marked, the reason goes back to the sender.
            let reason = "Bản scan thiếu dấu đỏ của nhà trường; đề nghị gửi lại."
            let rejected = http.post("/review/\(id)/reject", form: [("csrf", csrf), ("reason", reason)], cookie: cookie)
            #expect(rejected.status == 302)
            #expect(try office.unitStatus("U2") == "rejected")
            let teacherBox = try office.stack.imap(user: office.teacher)
            var delivered = 0
            for _ in 0..<300 where delivered == 0 {
                delivered = Int(try await teacherBox.status(mailbox: "INBOX").messages)
                if delivered == 0 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(delivered == 1, "the rejection never reached the school: \(office.daemon.logText)")
            let mailPath = office.stack.maildir(of: office.teacher) + "/new"
            let names = try FileManager.default.contentsOfDirectory(atPath: mailPath)
            let mail = MailMessage.parse(Array(try Data(contentsOf: URL(fileURLWithPath: mailPath + "/" + names[0]))))
            #expect(mail.subject.hasPrefix("Re: Kế hoạch thi đua 2021"))
            #expect(mail.bodyText.contains(reason))
            #expect(mail.autoSubmitted == "no")

            // Excusing from the unit's page.
            let unitPage = http.get("/campaigns/kh-test/units/U2", cookie: cookie)
            let unitCSRF = try #require(unitPage.formValue("csrf"))
            #expect(http.post("/campaigns/kh-test/units/U2/excuse", form: [("csrf", unitCSRF)], cookie: cookie).status == 302)
            #expect(try office.unitStatus("U2") == "excused")

            // The audit trail: each decision on the unit's page, with who and from where, and in the log.
            let history = http.get("/campaigns/kh-test/units/U2", cookie: cookie).text
            for line in ["Cán bộ gán thư cho đơn vị", "Cán bộ trả lại hồ sơ", "Trạng thái: Được miễn", "Nhắc nộp: Đã gửi"] {
                #expect(history.contains(line), "the unit's history lacks '\(line)'")
            }
            #expect(history.contains("(cán bộ canbo (127.0.0.1))"))
            for action in ["officer assigned a message", "officer rejected a message", "officer excused a unit", "dashboard login"] {
                #expect(office.daemon.logText.contains(action), "the log lacks '\(action)'")
            }

            // The sent-mail log and the health page.
            let log = http.get("/reminders", cookie: cookie)
            #expect(log.text.contains("Trả lại hồ sơ"))
            #expect(log.text.contains(office.teacher))
            let health = http.get("/health", cookie: cookie)
            #expect(health.text.contains("Hoạt động bình thường."))

            // Logging out needs the form's token too; then the old cookie opens nothing.
            #expect(http.post("/logout", form: [], cookie: cookie).status == 403)
            #expect(http.get("/", cookie: cookie).status == 200)

            #expect(http.post("/logout", form: [("csrf", unitCSRF)], cookie: cookie).status == 302)
            #expect(http.get("/", cookie: cookie).status == 302)
        }
    }

    /// One login attempt, through the login form, as `client` (behind the proxy) if given.
    static func attempt(
        _ http: HTTPClient, user: String, password: String, client: String? = nil, proto: String = "http"
    ) throws -> HTTPClient.Response {
        let forwarded = client.map { ["X-Forwarded-For: \($0)", "X-Forwarded-Proto: \(proto)"] } ?? []
        let page = http.get("/login", headers: forwarded)
        let cookie = try #require(page.setCookie("thidua_login")?.split(separator: ";").first.map(String.init))
        return http.post(
            "/login", form: [("csrf", page.formValue("csrf") ?? ""), ("user", user), ("password", password)], cookie: cookie,
            headers: forwarded)
    }

    @Test func wrongPasswordsSlowThenLockTheGuessingClientEvenForTheRightOne() async throws {
        try await Office.start(label: "dash-lock").run { office in
            let http = office.http
            // Without the login form's own token, even the right password is refused.
            #expect(http.post("/login", form: [("user", "canbo"), ("password", DashboardTests.password)]).status == 403)
            var failures = 0
            var slowed = 0
            while failures < 5 {
                let wrong = try Self.attempt(http, user: "canbo", password: "doan-mo")
                #expect(wrong.setCookie("thidua_session") == nil)
                if wrong.status == 429 {
                    // Slowed, not locked: it says how long to wait, and a wait lets the next try in.
                    slowed += 1
                    #expect(wrong.text.contains("Hãy chờ"))
                    let seconds = try #require(wrong.header("Retry-After").flatMap(Int.init))
                    #expect((1...8).contains(seconds))
                    try await Task.sleep(for: .seconds(seconds))
                    continue
                }
                #expect(wrong.status == 401)
                #expect(wrong.text.contains("Sai tên đăng nhập hoặc mật khẩu."))
                failures += 1
            }
            #expect(slowed >= 2, "the third failure on slows the next attempts")
            let locked = try Self.attempt(http, user: "canbo", password: DashboardTests.password)
            #expect(locked.status == 429)
            #expect(locked.text.contains("Đăng nhập sai quá nhiều lần"))
            #expect((locked.header("Retry-After").flatMap(Int.init) ?? 0) > 800)
            #expect(locked.setCookie("thidua_session") == nil)
            #expect(office.daemon.logText.contains("dashboard login refused: too many failures"))
            #expect(!office.daemon.logText.contains(DashboardTests.password))
        }
    }

    @Test func behindATrustedProxyAStrangersGuessesNeverLockOutTheOfficer() async throws {
        try await Office.start(label: "dash-proxy") {
            $0.replacingOccurrences(of: "poll_interval: 5s", with: "poll_interval: 5s\ndashboard:\n  trusted_proxies: [127.0.0.1, \"::1\"]")
        }.run { office in
            let http = office.http
            // Every request reaches thidua from the proxy's address (127.0.0.1 here); the
            // stranger guesses names, then the real one, from 198.51.100.7.
            var statuses: [Int] = []
            for attempt in 0..<12 {
                statuses.append(try Self.attempt(http, user: "quantri\(attempt)", password: "doan-mo", client: "198.51.100.7").status)
            }
            #expect(Array(statuses.prefix(3)) == [401, 401, 401])
            #expect(statuses.dropFirst(3).allSatisfy { $0 == 429 }, "\(statuses)")
            let stranger = try Self.attempt(http, user: "canbo", password: DashboardTests.password, client: "198.51.100.7")
            #expect(stranger.status == 429)
            // The officer, from her own address, over HTTPS: in at once, with a Secure cookie and HSTS.
            let officer = try Self.attempt(http, user: "canbo", password: DashboardTests.password, client: "192.0.2.10", proto: "https")
            #expect(officer.status == 302, "\(officer.text)")
            let cookie = try #require(officer.setCookie("thidua_session"))
            #expect(cookie.contains("Secure"))
            #expect(officer.header("Strict-Transport-Security") == "max-age=31536000")
            #expect(office.daemon.logText.contains("client=192.0.2.10"))
            // Over plain HTTP the cookie is not marked Secure (the config does not force it).
            let plain = try Self.attempt(http, user: "canbo", password: DashboardTests.password, client: "192.0.2.11")
            #expect(plain.status == 302)
            #expect(plain.setCookie("thidua_session").map { !$0.contains("Secure") } == true)
            #expect(plain.header("Strict-Transport-Security") == nil)
        }
    }

    @Test func aRefusedLoginTurnsHealthDegradedAtOnce() async throws {
        // The office's password changed and nobody told thidua: waiting will not mend it.
        try await Office.start(label: "dash-login", daemonExtra: ["THIDUA_IMAP_PASSWORD": "mat-khau-cu"]).run { office in
            let answer = try await office.healthOnceDegraded()
            #expect(answer.status == 503)
            #expect(answer.text == "{\"status\":\"degraded\"}\n", "the anonymous caller learns the state only: \(answer.text)")
            // The monitoring system (the metrics token) and the officer (a session) learn why.
            let token = try #require(office.thidua.environment["THIDUA_METRICS_TOKEN"])
            let detailed = office.http.get("/healthz", headers: ["Authorization: Bearer \(token)"])
            #expect(detailed.status == 503)
            #expect(detailed.text.contains("\"needs_action\":true"))
            #expect(detailed.text.contains("check the user and the password"))
            #expect(office.http.get("/healthz", headers: ["Authorization: Bearer wrong"]).text == answer.text)
            let withSession = office.http.get("/healthz", cookie: try office.login())
            #expect(withSession.text.contains("check the user and the password"))
        }
    }

    @Test func healthTurnsDegradedWhenTheMailboxCannotBeReadForLong() async throws {
        // The mail server goes away after the first read: every poll from then on fails.
        try await Office.start(label: "dash-health", daemonExtra: ["THIDUA_IMAP_URL": "imaps://127.0.0.1:\(HTTPClient.freePort())/INBOX"]) {
            $0.replacingOccurrences(of: "poll_interval: 5s", with: "poll_interval: 5s\ndashboard:\n  health_threshold: 2s")
        }.run { office in
            let answer = try await office.healthOnceDegraded()
            #expect(answer.status == 503)
            #expect(answer.text == "{\"status\":\"degraded\"}\n")
            #expect(!answer.text.contains("127.0.0.1"), "no server address to the anonymous caller")
            let token = try #require(office.thidua.environment["THIDUA_METRICS_TOKEN"])
            let detailed = office.http.get("/healthz", headers: ["Authorization: Bearer \(token)"]).text
            #expect(detailed.contains("\"needs_action\":false") && detailed.contains("\"error\":\""), "\(detailed)")
            let metrics = office.http.get("/metrics", headers: ["Authorization: Bearer \(token)"]).text
            #expect(metrics.contains("thidua_polling_failing 1\n"))
            #expect(!metrics.contains("thidua_poll_errors_total 0\n"))
        }
    }
}
