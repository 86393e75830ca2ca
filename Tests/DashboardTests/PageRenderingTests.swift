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
        let quiet = renderer.render(.overview, OverviewPage(page: PageChrome(title: "x", user: "canbo"), office: "P", updated: "", cards: []))
        #expect(!quiet.contains("badge"))
    }

    @Test func emptyListsSaySoAndFullOnesDoNot() {
        let chrome = PageChrome(title: "x", user: "canbo", csrf: "t")
        #expect(renderer.render(.review, ReviewPage(page: chrome, items: [], units: [])).contains("Không có thư nào cần xem lại."))
        let outgoing = OutgoingPage(page: chrome, sent: 0, failed: 1, uncertain: 0, sentToday: 1, perDay: 400,
                                    rows: [.init(at: "a", campaign: "c", unit: "U1", unitHref: nil, kind: "Nhắc nộp", stage: "-1d",
                                                 recipients: "u1@x", stateLabel: "Không gửi được", state: "failed", error: "550 no such user")],
                                    failures: [], hasFailures: true)
        let html = renderer.render(.outgoing, outgoing)
        #expect(html.contains("Thư không đến được"))
        #expect(!html.contains("Chưa gửi thư nào."))
        #expect(html.contains("550 no such user"))
    }

    @Test func everyValueIsEscaped() {
        let chrome = PageChrome(title: "<script>", user: "canbo", csrf: "t")
        let item = ReviewPage.Item(id: 7, receivedAt: "", from: "\"a\" <a@x>", subject: "<img src=x onerror=alert(1)>", reason: "r",
                                   unitLabel: nil, campaign: "c", files: [], rawHref: "/messages/7/raw", canExcuse: false, campaigns: [])
        let html = renderer.render(.review, ReviewPage(page: chrome, items: [item], units: []))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("<title>&lt;script&gt; — thidua</title>"))
    }
}
