import Mustache
import Testing

@testable import Dashboard

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
                    recipients: "u1@x", stateLabel: "Không gửi được", state: "failed", error: "550 no such user")
            ],
            failures: [], hasFailures: true)
        let html = renderer.render(.outgoing, outgoing)
        #expect(html.contains("Thư không đến được"))
        #expect(!html.contains("Chưa gửi thư nào."))
        #expect(html.contains("550 no such user"))
    }

    @Test func tableRowsEscapeEveryValue() {
        let row = UnitTablePage.Row(
            code: "TH<1>", name: "Trường \"Ái\" & 'Mộ'", level: "TH", status: "late", statusLabel: "Nộp muộn",
            note: "<script>x</script>", receivedAt: "19/02/2021 09:12", files: 2, href: "/campaigns/k/units/TH%3C1%3E")
        let html = UnitTablePage.rowsHTML([row])
        #expect(
            html == "<tr><td>TH&lt;1&gt;</td><td><a href=\"/campaigns/k/units/TH%3C1%3E\">Trường &quot;Ái&quot; &amp; &#39;Mộ&#39;</a></td>"
                + "<td>TH</td><td class=\"late\">Nộp muộn<br><small>&lt;script&gt;x&lt;/script&gt;</small></td>"
                + "<td>19/02/2021 09:12</td><td class=\"num\">2</td></tr>\n")
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

    @Test func everyViewAnswersEveryField() {
        let chrome = PageChrome(title: "t", user: "u", csrf: "c", reviewBadge: "2", notice: "n", problem: "p")
        let option = UnitTablePage.Option(value: "v", label: "l", selected: true)
        let column = UnitTablePage.Column(label: "l", href: "/h", sorted: nil, arrow: "")
        let row = UnitTablePage.Row(
            code: "TH01", name: "n", level: "TH", status: "pending", statusLabel: "Chưa nộp", note: nil,
            receivedAt: "", files: 2, href: "/x")
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
            received: 1, late: 0, pending: 1, awaitingReview: 0, rejected: 0, excused: 0)
        Self.expectAnswersLikeReflection(chrome)
        Self.expectAnswersLikeReflection(option)
        Self.expectAnswersLikeReflection(column)
        Self.expectAnswersLikeReflection(file)
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
                direction: "asc", columns: [column], rowsHTML: UnitTablePage.rowsHTML([row]), empty: false, shown: 1, matching: 1, total: 1,
                exportQuery: "", previousHref: nil,
                nextHref: "/n", pageLabel: nil))
        Self.expectAnswersLikeReflection(
            UnitPage(
                page: chrome, campaignID: "c", campaignTitle: "t", code: "c", name: "n", level: "l",
                emails: "e", status: "s", statusLabel: "l", note: nil, canExcuse: true,
                messages: [message], sent: [sent]))
        Self.expectAnswersLikeReflection(ReviewPage(page: chrome, items: [item], units: []))
        Self.expectAnswersLikeReflection(
            OutgoingPage(
                page: chrome, sent: 1, failed: 0, uncertain: 0, sentToday: 1, perDay: 400,
                rows: [outgoing], failures: [], hasFailures: false))
        Self.expectAnswersLikeReflection(
            HealthPage(
                page: chrome, healthy: true, verdict: "v", lastPoll: "l", failingSince: nil, lastError: nil,
                tokenExpiry: nil, sentToday: 0, perDay: 400, sentLastMinute: 0, perMinute: 20,
                messages: 0, attachments: 0, parseErrors: 0, unmatched: 0))
        Self.expectAnswersLikeReflection(ErrorPage(page: chrome, message: "m"))
    }
}
