import DocumentCheck
import MIME
import Mustache
import Testing

@testable import Dashboard
@testable import Store

/// The templates against their view values: Mustache reads values by reflection, so a
/// misspelt name or a computed property renders as nothing instead of failing to compile.
struct PageRenderingTests {
    let renderer = try! PageRenderer()

    @Test func theChromeShowsTheUserTheReviewBadgeAndTheCSRFToken() {
        let chrome = PageChrome(title: "Tổng quan", user: "canbo", csrf: "tok<en>", reviewBadge: "3", notice: "Đã gán")
        let html = renderer.render(.overview, OverviewPage(page: chrome, office: "Phòng GDĐT", updated: "01/02/2021 08:00", cards: []))
        #expect(html.contains("Cần xem lại <span class=\"badge\">3</span>"))
        #expect(html.contains("<input type=\"hidden\" name=\"csrf\" value=\"tok&lt;en&gt;\">"))
        #expect(html.contains("<span class=\"who\">canbo</span>"))
        #expect(html.contains("<p class=\"notice\" role=\"status\">Đã gán</p>"))
        #expect(html.contains("Chưa có đợt thu hồ sơ nào"))
        let quiet = renderer.render(
            .overview, OverviewPage(page: PageChrome(title: "x", user: "canbo"), office: "P", updated: "", cards: []))
        #expect(!quiet.contains("badge"))
    }

    @Test func emptyListsSaySoAndFullOnesDoNot() {
        let chrome = PageChrome(title: "x", user: "canbo", csrf: "t")
        #expect(renderer.render(.review, ReviewPage(page: chrome, items: [], units: [])).contains("Không có thư nào cần xem lại."))
        let outgoing = OutgoingPage(
            page: chrome, sent: 0, failed: 1, uncertain: 0, sentToday: 1, perDay: 400,
            rows: [
                .init(
                    at: "a", campaign: "c", unit: "U1", unitHref: nil, kind: "Nhắc nộp", stage: "-1d",
                    recipients: "u1@x", stateLabel: "Không gửi được", state: "failed",
                    error: ErrorText(StoredError(.refused, "550 no such user")))
            ],
            failures: [], hasFailures: true, hasRows: true)
        let html = renderer.render(.outgoing, outgoing)
        #expect(html.contains("Thư không đến được"))
        #expect(!html.contains("Chưa gửi thư nào."))
        // The officer reads Vietnamese; the server's words are folded away for whoever mends it.
        #expect(html.contains("Máy chủ thư của người nhận từ chối thư"))
        #expect(html.contains("<summary>Chi tiết kỹ thuật</summary><small>550 no such user</small>"))

        let none = OutgoingPage(
            page: chrome, sent: 0, failed: 0, uncertain: 0, sentToday: 0, perDay: 400, rows: [], failures: [], hasFailures: false,
            hasRows: false)
        let empty = renderer.render(.outgoing, none)
        #expect(empty.contains("Chưa gửi thư nào."))
        #expect(!empty.contains("<table"), "no empty table under the sentence that says there is nothing")
    }

    @Test func aUnitPageShowsEachProblemOnceAndNoEmptyOnes() {
        let chrome = PageChrome(title: "x", user: "canbo", csrf: "t")
        func message(problems: String?) -> UnitPage.Message {
            UnitPage.Message(
                id: 1, receivedAt: "r", from: "f", subject: "s", campaign: "c", statusLabel: "Đã nộp", status: "received",
                problems: problems, matchReason: nil, files: [], rawHref: "/raw")
        }
        func page(_ messages: [UnitPage.Message], sent: [UnitPage.Sent]) -> String {
            renderer.render(
                .unit,
                UnitPage(
                    page: chrome, campaignID: "c", campaignTitle: "t", code: "U1", name: "n", level: "TH", emails: "e",
                    status: "received", statusLabel: "Đã nộp", note: nil, canExcuse: false, messages: messages, sent: sent,
                    hasSent: !sent.isEmpty, history: []))
        }
        let quiet = page([message(problems: nil)], sent: [])
        #expect(!quiet.contains("class=\"problem\""), "no error bar for a message without a problem")
        #expect(quiet.contains("Thư Phòng đã gửi đơn vị") && !quiet.contains("Thư thidua"))
        #expect(quiet.contains("Chưa gửi thư nào.") && !quiet.contains("<table"))
        let failed = UnitPage.Sent(
            at: "a", kind: "Nhắc nộp", stage: "-1d", recipients: "u1@x", stateLabel: "Không gửi được", failed: true,
            error: ErrorText(StoredError(.unreachable, "Couldn't connect to server")))
        let loud = page([message(problems: "thiếu dấu đỏ")], sent: [failed])
        #expect(loud.components(separatedBy: "thiếu dấu đỏ").count == 2)
        #expect(loud.contains("Không kết nối được máy chủ thư"))
        #expect(!loud.contains("Chưa gửi thư nào."))
    }

    @Test func theFirstScanOfAMessageIsShownOnThePage() {
        func stored(_ id: Int64, _ kind: FileKind, _ name: String) -> StoredAttachment {
            StoredAttachment(
                id: id, messageRow: 1, filename: name, contentType: kind == .image ? "image/jpeg" : "application/pdf", kind: kind,
                size: 10, sha256: "", storedPath: nil, rawPath: "raw/x.eml")
        }
        let files = [stored(1, .office, "KH.docx"), stored(2, .image, "trang1.jpg"), stored(3, .scanPDF, "KH.pdf")]
        let views = files.map {
            UnitPage.File(name: $0.filename, href: "/files/\($0.id)", kind: "k", size: "s", inline: $0.kind != .office)
        }
        let shown = DashboardRoutes.withPreview(views, of: files)
        #expect(shown.map(\.previewImage) == [false, true, false])
        #expect(shown.map(\.previewPDF) == [false, false, false], "one preview a message: the first scan")
        let pdfFirst = DashboardRoutes.withPreview(Array(views.reversed()), of: files.reversed())
        #expect(pdfFirst.map(\.previewPDF) == [true, false, false])
        let message = UnitPage.Message(
            id: 1, receivedAt: "r", from: "f", subject: "s", campaign: "c", statusLabel: "l", status: "s", problems: nil,
            matchReason: nil, files: shown, rawHref: "/raw")
        let html = renderer.render(
            .unit,
            UnitPage(
                page: PageChrome(title: "x", user: "u", csrf: "t"), campaignID: "c", campaignTitle: "t", code: "U1", name: "n",
                level: "TH", emails: "e", status: "received", statusLabel: "Đã nộp", note: nil, canExcuse: false, messages: [message],
                sent: [], hasSent: false, history: []))
        #expect(html.contains("<img class=\"preview\" src=\"/files/2\" alt=\"Xem trước: trang1.jpg\" loading=\"lazy\">"))
    }

    @Test func aUnitsHistoryReadsInVietnamese() {
        let change = HistoryLine(
            EventRecord(
                at: .distantPast, actor: "officer:canbo (192.0.2.10)", kind: "receipt.received", detail: "pending → received",
                messageRow: 1), at: "18/02/2021 09:12")
        #expect(change.what == "Trạng thái: Đã nộp")
        #expect(change.detail == "Chưa nộp → Đã nộp")
        #expect(change.who == "cán bộ canbo (192.0.2.10)")
        #expect(HistoryLine.describe("reminder.sent") == "Nhắc nộp: Đã gửi")
        #expect(HistoryLine.describe("message.dismissed") == "Cán bộ đánh dấu thư không phải hồ sơ")
    }

    @Test func aSenderNotYetConfirmedIsShownApartWithItsTwoWaysOut() {
        let chrome = PageChrome(title: "x", user: "canbo", csrf: "t")
        let message = UnitPage.Message(
            id: 9, receivedAt: "r", from: "co.giao@gmail.com", subject: "s", campaign: "c", statusLabel: "Đã nộp", status: "received",
            problems: nil, matchReason: "tên trong tiêu đề", files: [], rawHref: "/raw", senderUnconfirmed: true)
        let html = renderer.render(
            .unit,
            UnitPage(
                page: chrome, campaignID: "kh", campaignTitle: "t", code: "TH01", name: "n", level: "TH", emails: "e",
                status: "received", statusLabel: "Đã nộp — người gửi chưa xác nhận", note: nil, canExcuse: false, messages: [message],
                sent: [], hasSent: false, history: []))
        #expect(html.contains("Đã nộp — người gửi chưa xác nhận"))
        #expect(html.contains("action=\"/campaigns/kh/units/TH01/messages/9/confirm-sender\""))
        #expect(html.contains("action=\"/campaigns/kh/units/TH01/messages/9/review\""))
        func card(_ unconfirmed: Int) -> String {
            renderer.render(
                .overview,
                OverviewPage(
                    page: chrome, office: "P", updated: "u",
                    cards: [
                        OverviewPage.Card(
                            id: "kh", title: "t", deadline: "d", countdown: "c", overdue: false, done: 2, total: 3, percent: 66,
                            received: 2, late: 0, pending: 1, awaitingReview: 0, senderUnconfirmed: unconfirmed, rejected: 0, excused: 0)
                    ]))
        }
        #expect(card(1).contains("Đã nộp — người gửi chưa xác nhận: 1"))
        #expect(!card(0).contains("người gửi chưa xác nhận"), "no chip when every sender is known")
    }

    @Test func aMessagesOtherPartsAreListedFoldedUnderItsFiles() {
        func page(_ ignored: [UnitPage.IgnoredLine]) -> String {
            let message = UnitPage.Message(
                id: 3, receivedAt: "r", from: "f", subject: "s", campaign: "c", statusLabel: "l", status: "received", problems: nil,
                matchReason: nil, files: [], rawHref: "/raw", ignored: ignored)
            return renderer.render(
                .unit,
                UnitPage(
                    page: PageChrome(title: "x", user: "u", csrf: "t"), campaignID: "c", campaignTitle: "t", code: "U1", name: "n",
                    level: "TH", emails: "e", status: "received", statusLabel: "Đã nộp", note: nil, canExcuse: false,
                    messages: [message], sent: [], hasSent: false, history: []))
        }
        let listed = page([
            UnitPage.IgnoredLine(
                name: "phần 1", reason: "nội dung thư", contentType: "text/plain", size: "1 KB", href: "/messages/3/parts/ab")
        ])
        #expect(listed.contains("<details class=\"ignored\"><summary>Các phần khác của thư (không phải tệp hồ sơ)</summary>"))
        #expect(listed.contains("<a href=\"/messages/3/parts/ab\">phần 1</a> <small>(nội dung thư; text/plain, 1 KB)</small>"))
        #expect(!page([]).contains("Các phần khác của thư"))
    }

    @Test func theUnitCountIsSaidOnce() {
        #expect(UnitTablePage.countLine(shown: 60, matching: 60, total: 60) == "60 đơn vị.")
        #expect(UnitTablePage.countLine(shown: 1, matching: 1, total: 60) == "1 đơn vị phù hợp (trong tổng 60).")
        #expect(UnitTablePage.countLine(shown: 0, matching: 0, total: 60) == "Không có đơn vị nào phù hợp (trong tổng 60).")
        #expect(UnitTablePage.countLine(shown: 500, matching: 3000, total: 3000) == "Đang hiện 500 trong 3000 đơn vị.")
        #expect(
            UnitTablePage.countLine(shown: 500, matching: 700, total: 3000) == "Đang hiện 500 trong 700 đơn vị phù hợp (tổng 3000).")
    }

    @Test func aButtonThatSendsMailSaysSo() {
        let chrome = PageChrome(title: "x", user: "canbo", csrf: "t")
        let item = ReviewPage.Item(
            id: 7, receivedAt: "", from: "a@x", subject: "Quảng cáo", reason: "r", unitLabel: nil, campaign: "c", files: [],
            rawHref: "/messages/7/raw", canExcuse: false, campaigns: [])
        let html = renderer.render(.review, ReviewPage(page: chrome, items: [item], units: []))
        #expect(html.contains("<button type=\"submit\" class=\"sends-mail\">✉ Trả lại hồ sơ và gửi thư báo lý do</button>"))
        #expect(html.contains("action=\"/review/7/dismiss\""))
        #expect(html.contains("class=\"quiet\">Không phải hồ sơ (bỏ qua, không gửi thư)</button>"))
    }

    @Test func tableRowsEscapeEveryValue() {
        let row = UnitTablePage.Row(
            code: "TH<1>", name: "Trường \"Ái\" & 'Mộ'", level: "TH", status: "late", statusLabel: "Nộp muộn",
            note: "<script>x</script>", receivedAt: "19/02/2021 09:12", files: 2, check: "✔ Có <dấu>", checkClass: "seal\"",
            href: "/campaigns/k/units/TH%3C1%3E")
        let html = UnitTablePage.rowsHTML([row])
        #expect(
            html == "<tr><td data-label=\"Mã\">TH&lt;1&gt;</td><td class=\"name\"><a href=\"/campaigns/k/units/TH%3C1%3E\">"
                + "Trường &quot;Ái&quot; &amp; &#39;Mộ&#39;</a></td><td data-label=\"Cấp học\">TH</td>"
                + "<td data-label=\"Trạng thái\" class=\"late\">Nộp muộn<br><small>&lt;script&gt;x&lt;/script&gt;</small></td>"
                + "<td data-label=\"Thời điểm nhận\">19/02/2021 09:12</td><td data-label=\"Số tệp\" class=\"num\">2</td>"
                + "<td data-label=\"Dấu đỏ\" class=\"verdict v-seal&quot;\">✔ Có &lt;dấu&gt;</td></tr>\n")
        var read = row
        read.document = "Số 1/KH <b>"
        #expect(UnitTablePage.rowsHTML([read]).contains("✔ Có &lt;dấu&gt;<br><small class=\"document\">Số 1/KH &lt;b&gt;</small></td>"))
        // The labels a phone shows are the columns' own.
        for column in UnitTablePage.columns where column.key != .name {
            #expect(html.contains("data-label=\"\(column.label)\""))
        }
        var writer = HTMLWriter()
        writer.text("")
        writer.text("plain, không dấu gì đặc biệt")
        #expect(writer.string == "plain, không dấu gì đặc biệt")
    }

    @Test func everyValueIsEscaped() {
        let chrome = PageChrome(title: "<script>", user: "canbo", csrf: "t")
        let item = ReviewPage.Item(
            id: 7, receivedAt: "", from: "\"a\" <a@x>", subject: "<img src=x onerror=alert(1)>", reason: "r",
            unitLabel: nil, campaign: "c", files: [], rawHref: "/messages/7/raw", canExcuse: false, campaigns: [])
        let html = renderer.render(.review, ReviewPage(page: chrome, items: [item], units: []))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("<title>&lt;script&gt; — thidua</title>"))
    }
}

/// Every view answers each of its stored properties by name, as reflection would: a
/// property added to a view but not to its `child(named:)` would render as nothing.
struct TemplateValuesTests {
    /// The value inside any number of optionals, described.
    static func flat(_ value: Any?) -> String {
        guard let value else { return "nil" }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return String(describing: value) }
        return mirror.children.first.map { flat($0.value) } ?? "nil"
    }

    static func expectAnswersLikeReflection(_ value: some MustacheParent, sourceLocation: SourceLocation = #_sourceLocation) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            #expect(flat(value.child(named: label)) == flat(child.value), "\(type(of: value)).\(label)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyViewAnswersEveryField() throws {
        let chrome = PageChrome(title: "t", user: "u", csrf: "c", reviewBadge: "2", notice: "n", problem: "p")
        let option = UnitTablePage.Option(value: "v", label: "l", selected: true)
        let column = UnitTablePage.Column(label: "l", href: "/h", sorted: nil, arrow: "")
        let row = UnitTablePage.Row(
            code: "TH01", name: "n", level: "TH", status: "pending", statusLabel: "Chưa nộp", note: nil,
            receivedAt: "", files: 2, check: "✔ Có dấu đỏ", checkClass: "seal", href: "/x")
        let file = UnitPage.File(name: "a.pdf", href: "/files/1", kind: "PDF", size: "1 KB", inline: true)
        let message = UnitPage.Message(
            id: 1, receivedAt: "r", from: "f", subject: "s", campaign: "c", statusLabel: "l", status: "s",
            problems: nil, matchReason: "m", files: [file], rawHref: "/raw")
        let sent = UnitPage.Sent(at: "a", kind: "k", stage: "-1d", recipients: "r", stateLabel: "s", failed: false, error: nil)
        let item = ReviewPage.Item(
            id: 1, receivedAt: "r", from: "f", subject: "s", reason: "r", unitLabel: nil, campaign: "c",
            files: [file], rawHref: "/raw", canExcuse: false, campaigns: [option])
        let outgoing = OutgoingPage.Row(
            at: "a", campaign: "c", unit: "u", unitHref: nil, kind: "k", stage: "s", recipients: "r",
            stateLabel: "l", state: "sent", error: nil)
        let card = OverviewPage.Card(
            id: "i", title: "t", deadline: "d", countdown: "c", overdue: false, done: 1, total: 2, percent: 50,
            received: 1, late: 0, pending: 1, awaitingReview: 0, senderUnconfirmed: 1, rejected: 0, excused: 0)
        Self.expectAnswersLikeReflection(chrome)
        Self.expectAnswersLikeReflection(option)
        Self.expectAnswersLikeReflection(column)
        Self.expectAnswersLikeReflection(file)
        let check = CheckView(
            StoredCheck(
                sha256: String(repeating: "a", count: 64),
                result: DocumentCheckResult(
                    verdict: .seal, pages: 2, dpi: 200, seal: SealFinding(page: 2, box: [0.5, 0.6, 0.2, 0.15], score: 0.9),
                    flags: [.blurred], document: DocumentFacts(number: "15/KH-THTL", date: "2021-02-18", confidence: 0.8)),
                thumbnailPath: "thumbnails/aa/x.jpg", checkedAt: .distantPast),
            sha256: String(repeating: "a", count: 64), back: "/review")
        Self.expectAnswersLikeReflection(check)
        #expect(check.document == "Văn bản: Số 15/KH-THTL ngày 18/02/2021")
        Self.expectAnswersLikeReflection(try #require(check.box))
        Self.expectAnswersLikeReflection(try #require(check.choices.first))
        var checked = file
        checked.check = check
        Self.expectAnswersLikeReflection(checked)
        Self.expectAnswersLikeReflection(message)
        Self.expectAnswersLikeReflection(sent)
        Self.expectAnswersLikeReflection(item)
        Self.expectAnswersLikeReflection(outgoing)
        Self.expectAnswersLikeReflection(card)
        Self.expectAnswersLikeReflection(ReviewPage.UnitChoice(code: "c", name: "n"))
        Self.expectAnswersLikeReflection(LoginPage(page: chrome, next: "/", loginToken: "t", user: "u", noUsers: false))
        Self.expectAnswersLikeReflection(OverviewPage(page: chrome, office: "o", updated: "u", cards: [card]))
        Self.expectAnswersLikeReflection(
            UnitTablePage(
                page: chrome, campaignID: "c", title: "t", deadline: "d", statuses: [option], levels: [option], query: "q", sort: "code",
                direction: "asc", columns: [column], rowsHTML: UnitTablePage.rowsHTML([row]), empty: false, countLine: "1 đơn vị.",
                exportQuery: "", previousHref: nil,
                nextHref: "/n", pageLabel: nil))
        Self.expectAnswersLikeReflection(
            UnitPage(
                page: chrome, campaignID: "c", campaignTitle: "t", code: "c", name: "n", level: "l",
                emails: "e", status: "s", statusLabel: "l", note: nil, canExcuse: true,
                messages: [message], sent: [sent], hasSent: true,
                history: [
                    HistoryLine(EventRecord(at: .distantPast, actor: "daemon", kind: "message.stored", detail: nil, messageRow: 1), at: "a")
                ]))
        Self.expectAnswersLikeReflection(ReviewPage(page: chrome, items: [item], units: []))
        Self.expectAnswersLikeReflection(
            OutgoingPage(
                page: chrome, sent: 1, failed: 0, uncertain: 0, sentToday: 1, perDay: 400,
                rows: [outgoing], failures: [], hasFailures: false, hasRows: true))
        Self.expectAnswersLikeReflection(
            HealthPage(
                page: chrome, healthy: true, verdict: "v", lastPoll: "l", failingSince: nil, lastError: nil,
                tokenExpiry: nil, sentToday: 0, perDay: 400, sentLastMinute: 0, perMinute: 20,
                messages: 0, attachments: 0, parseErrors: 0, unmatched: 0))
        Self.expectAnswersLikeReflection(ErrorPage(page: chrome, message: "m"))
        Self.expectAnswersLikeReflection(ErrorText(StoredError(.login, "m")))
    }
}
