import Foundation
import MIME
import Testing

@testable import Intake

/// A campaign as the officer writes it, in the YAML or the dashboard's form, and what it
/// becomes: one definition of a valid campaign for every way of writing one.
@Suite struct CampaignDraftTests {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// `2026-12-20T17:00:59` in office time (+07:00).
    static func at(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text + "+07:00") else { fatalError("bad test date \(text)") }
        return date
    }

    static let roster = try! Roster(units: [
        SchoolUnit(code: "MN01", name: "Mầm non Hoa Sen", level: "MN", emails: ["mnhoasen@schools.example"]),
        SchoolUnit(code: "TH01", name: "Tiểu học Nguyễn Trãi", level: "TH", emails: ["thnguyentrai@schools.example"]),
        SchoolUnit(code: "THCS01", name: "THCS Ngọc Hà", level: "THCS", emails: ["thcsngocha@schools.example"]),
        SchoolUnit(code: "TH02", name: "Tiểu học Kim Đồng", level: "TH", emails: ["thkimdong@schools.example"]),
    ])

    static func draft(opens: String = "2026-12-01", deadline: String = "2026-12-20") -> CampaignDraft {
        CampaignDraft(id: "khtdkt-2026", title: "Kế hoạch thi đua năm học 2026–2027", opens: opens, deadline: deadline)
    }

    /// The problems `draft` is refused with; none recorded as an issue when it resolves.
    static func problems(_ draft: CampaignDraft, roster: Roster? = nil) -> [CampaignDraft.Problem] {
        do throws(CampaignDraft.Invalid) {
            let campaign = try draft.resolve(zone: zone, roster: roster)
            Issue.record("the draft resolved to \(campaign.id)")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func aBareDeadlineDayIncludesTheWholeDayInOfficeTime() throws {
        var draft = Self.draft()
        draft.keywords = ["  kế hoạch ", "", "thi đua"]
        let campaign = try draft.resolve(zone: Self.zone)
        #expect(campaign.opens == Self.at("2026-12-01T00:00:00"))
        #expect(campaign.deadline == Self.at("2026-12-20T23:59:59"))
        // A school mailing at 23:59 on the deadline day has sent on time.
        #expect(campaign.status(receivedAt: Self.at("2026-12-20T23:59:30")) == .received)
        #expect(campaign.status(receivedAt: Self.at("2026-12-21T00:00:00")) == .late)
        #expect(campaign.keywords == ["kế hoạch", "thi đua"], "blank keywords would match every message")
        #expect(campaign.reminders.map(\.description) == CampaignDraft.defaultReminders)
        #expect(campaign.acceptedKinds == FileKind.scans)
        #expect(campaign.requireSeal)
        #expect(campaign.expects.isEmpty)
        #expect(campaign.audience == .all)
        #expect(!campaign.closed)
    }

    @Test(arguments: ["2026-12-20 17:00", "2026-12-20T17:00"])
    func aDeadlineWithATimeEndsInThatMinute(deadline: String) throws {
        let campaign = try Self.draft(deadline: deadline).resolve(zone: Self.zone)
        // The minute written is included, as "23:59" in the YAML always meant 23:59:59.
        #expect(campaign.deadline == Self.at("2026-12-20T17:00:59"))
        #expect(campaign.status(receivedAt: Self.at("2026-12-20T17:00:00")) == .received)
        #expect(campaign.status(receivedAt: Self.at("2026-12-20T17:01:00")) == .late)
        #expect(campaign.status(receivedAt: Self.at("2026-12-20T10:00:00")) == .received, "not the end of the day")
    }

    @Test func everyProblemIsReportedAtOnceWithItsFieldInBothLanguages() {
        var draft = CampaignDraft(id: "kế hoạch/1", title: "  \n", opens: "01/12/2026", deadline: "20-12-2026 17h")
        draft.reminders = ["-3d", "+2x"]
        draft.accept = ["scan-pdf", "docx"]
        draft.expectYear = "1800"
        draft.expectType = "  "
        let found = Self.problems(draft)
        #expect(found.map(\.field) == ["id", "title", "opens", "deadline", "reminders", "accept", "expect_year", "expect_type"])
        for problem in found {
            #expect(!problem.message.isEmpty && !problem.vietnamese.isEmpty, "\(problem.field)")
            #expect(problem.message != problem.vietnamese, "\(problem.field) has a Vietnamese text of its own")
        }
        // The officer sees what she typed, so she can find it in the form.
        let vietnamese = Dictionary(found.map { ($0.field, $0.vietnamese) }, uniquingKeysWith: { first, _ in first })
        #expect(vietnamese["opens"]?.contains("01/12/2026") == true)
        #expect(vietnamese["deadline"]?.contains("20-12-2026 17h") == true)
        #expect(vietnamese["reminders"]?.contains("+2x") == true)
        #expect(vietnamese["accept"]?.contains("docx") == true)
        #expect(vietnamese["expect_year"]?.contains("1800") == true)
        #expect(vietnamese["title"] == "Chưa nhập tên đợt thu")

        // Dates that read but are the wrong way round are reported beside the rest.
        draft.opens = "2026-12-20"
        draft.deadline = "2026-12-01"
        #expect(
            Self.problems(draft).map { [$0.field, $0.vietnamese] }.dropFirst(2).first == ["deadline", "Hạn nộp phải sau ngày mở"])
        #expect(Self.problems(draft).count == 7)
    }

    @Test(arguments: [("2026-12-20", "2026-12-19"), ("2026-12-20 08:00", "2026-12-20 07:59"), ("2026-12-21", "2026-12-20 23:59")])
    func aDeadlineBeforeTheOpeningIsRefused(opens: String, deadline: String) {
        let found = Self.problems(Self.draft(opens: opens, deadline: deadline))
        #expect(found.map(\.field) == ["deadline"])
        #expect(found.first?.vietnamese == "Hạn nộp phải sau ngày mở")
    }

    @Test func aDeadlineWrittenAsTheOpeningIsRefused() {
        // The same minute typed twice is a slip, not a collection open for 59 seconds.
        #expect(Self.problems(Self.draft(opens: "2026-12-20 08:00", deadline: "2026-12-20 08:00")).map(\.field) == ["deadline"])
    }

    @Test(arguments: ["2026-02-30", "2026-12", "", "2026-12-20 17", "hôm nay"])
    func anUnreadableDateIsRefused(text: String) {
        #expect(OfficeDate.parse(text, zone: Self.zone, endOfDay: false) == nil)
        #expect(Self.problems(Self.draft(opens: text)).map(\.field) == ["opens"])
    }

    @Test(arguments: ["2026-13-01", "2026-00-10"])
    func aMonthOutsideTheYearIsRefused(text: String) {
        // A typed month of 13 is a typo; Calendar would quietly roll it into the next year.
        #expect(OfficeDate.parse(text, zone: Self.zone, endOfDay: false) == nil)
    }

    @Test func noAcceptedKindIsAProblemToo() throws {
        var draft = Self.draft()
        draft.accept = []
        #expect(Self.problems(draft).map(\.field) == ["accept"])
        draft.accept = ["pdf-text", "scan-pdf"]
        #expect(try draft.resolve(zone: Self.zone).acceptedKinds == [.textPDF, .scanPDF])
    }

    @Test func aHandPickedAudienceMayNameOnlyUnitsOnTheRoster() throws {
        var draft = Self.draft()
        draft.audience = .units(["TH01", "TH99", "MN77"])
        let found = Self.problems(draft, roster: Self.roster)
        #expect(found.map(\.field) == ["units"])
        #expect(found.first?.vietnamese == "Không có đơn vị mã MN77, TH99 trong danh sách")
        // Without a roster to check against (the YAML read before the units), it stands.
        #expect(try draft.resolve(zone: Self.zone).audience == .units(["TH01", "TH99", "MN77"]))

        draft.audience = .units(["TH01", "THCS01"])
        #expect(try draft.resolve(zone: Self.zone, roster: Self.roster).audience == .units(["TH01", "THCS01"]))
        draft.audience = .levels([])
        #expect(Self.problems(draft, roster: Self.roster).map(\.field) == ["units"], "a campaign that asks nobody")
    }

    @Test func aCampaignDrawnAsADraftResolvesToItself() throws {
        // As the edit form opens it: every field the officer can change set away from its default.
        let timed = Campaign(
            id: "bc-so-ket.hk1", title: "Báo cáo sơ kết học kỳ I", opens: Self.at("2026-12-01T07:30:00"),
            deadline: Self.at("2026-12-20T17:00:59"), keywords: ["báo cáo", "sơ kết"],
            reminders: [ReminderStage(dayOffset: 2), ReminderStage(dayOffset: -5), ReminderStage(dayOffset: 0)],
            acceptedKinds: [.scanPDF, .textPDF], requireSeal: false,
            expects: DocumentExpectation(type: "BÁO CÁO", year: 2026, titleKeywords: ["sơ kết"]), audience: .levels(["TH", "THCS"]),
            closed: true)
        let endOfDay = Campaign(
            id: "khtdkt-2026", title: "Kế hoạch thi đua khen thưởng năm 2026", opens: Self.at("2026-12-01T00:00:00"),
            deadline: Self.at("2026-12-20T23:59:59"), keywords: ["kế hoạch"], reminders: [], audience: .units(["TH01", "MN01"]))
        for campaign in [timed, endOfDay] {
            let draft = CampaignDraft(campaign, zone: Self.zone)
            #expect(try draft.resolve(zone: Self.zone, roster: Self.roster) == campaign, "\(campaign.id)")
        }
        // What the form shows: the day alone for the ends of a day, the time otherwise.
        #expect(CampaignDraft(timed, zone: Self.zone).opens == "2026-12-01 07:30")
        #expect(CampaignDraft(timed, zone: Self.zone).deadline == "2026-12-20 17:00")
        #expect(CampaignDraft(endOfDay, zone: Self.zone).opens == "2026-12-01")
        #expect(CampaignDraft(endOfDay, zone: Self.zone).deadline == "2026-12-20")
        #expect(CampaignDraft(endOfDay, zone: Self.zone).reminders == [], "no reminders is not the default schedule")
    }

    @Test(arguments: [
        ("Kế hoạch thi đua năm học 2025–2026", "ke-hoach-thi-dua-nam-hoc-2025-2026"),
        ("  Đăng ký danh hiệu thi đua (đợt 2)!", "dang-ky-danh-hieu-thi-dua-dot-2"),
        ("BÁO CÁO TỔNG KẾT", "bao-cao-tong-ket"),
    ])
    func aTitleSuggestsAnIDWithoutMarks(title: String, id: String) {
        #expect(CampaignDraft.suggestedID(title: title) == id)
        #expect(CampaignDraft.isValidID(CampaignDraft.suggestedID(title: title)))
    }

    @Test func aLongTitleSuggestsAnIDThatFitsAndEndsInAWord() {
        // Folds to "a-…-a-bbbb…": the 64th character is the hyphen before the long word.
        let title = String(repeating: "Ấ ", count: 32) + String(repeating: "b", count: 20)
        let id = CampaignDraft.suggestedID(title: title)
        #expect(id.count <= 64)
        #expect(CampaignDraft.isValidID(id))
        #expect(!id.hasSuffix("-"), "\(id)")
    }

    @Test func ids() {
        for good in ["khtdkt-2026", "bc_hk1.2026", String(repeating: "a", count: 64)] {
            #expect(CampaignDraft.isValidID(good), "\(good)")
        }
        for bad in ["", ".", "..", "kế-hoạch", "kh/1", "kh 1", String(repeating: "a", count: 65)] {
            #expect(!CampaignDraft.isValidID(bad), "\(bad)")
        }
    }
}

/// Which units a campaign asks, and when a closed one goes quiet.
@Suite struct CampaignAudienceTests {
    static let roster = CampaignDraftTests.roster

    static func campaign(audience: CampaignAudience = .all, opens: String = "2026-12-01T00:00:00", closed: Bool = false) -> Campaign {
        Campaign(
            id: "kh-\(opens.prefix(10))", title: "Kế hoạch thi đua năm học 2026–2027", opens: CampaignDraftTests.at(opens),
            deadline: CampaignDraftTests.at("2026-12-20T23:59:59"), keywords: ["kế hoạch"],
            reminders: [ReminderStage(dayOffset: -3)], audience: audience, closed: closed)
    }

    @Test func theUnitsAskedKeepTheRostersOrder() {
        #expect(Self.roster.asked(by: Self.campaign()).units.map(\.code) == ["MN01", "TH01", "THCS01", "TH02"])
        #expect(Self.roster.asked(by: Self.campaign(audience: .levels(["TH"]))).units.map(\.code) == ["TH01", "TH02"])
        #expect(
            Self.roster.asked(by: Self.campaign(audience: .units(["TH02", "MN01"]))).units.map(\.code) == ["MN01", "TH02"])
        // A level is not a prefix: THCS is not asked with TH.
        #expect(Self.roster.asked(by: Self.campaign(audience: .levels(["THCS"]))).units.map(\.code) == ["THCS01"])
    }

    @Test func theFirstReadStartsAMonthBeforeTheEarliestOpenCampaign() {
        let now = CampaignDraftTests.at("2027-01-15T09:00:00")
        let early = Self.campaign(opens: "2026-09-01T00:00:00")
        let late = Self.campaign(opens: "2026-12-01T00:00:00")
        let closedEarlier = Self.campaign(opens: "2026-03-01T00:00:00", closed: true)
        #expect(
            Campaign.firstReadSince(among: [late, closedEarlier, early], at: now)
                == CampaignDraftTests.at("2026-08-02T00:00:00"))
        // Last year's closed campaign answers nothing the office is collecting now.
        #expect(Campaign.firstReadSince(among: [closedEarlier], at: now) == CampaignDraftTests.at("2026-12-16T09:00:00"))
        #expect(Campaign.firstReadSince(among: [], at: now) == CampaignDraftTests.at("2026-12-16T09:00:00"))
    }

    @Test func aClosedCampaignRemindsNobodyAndLeavesTheDigest() throws {
        let planner = ReminderPlanner(office: Fixture.office)
        let now = CampaignDraftTests.at("2026-12-17T09:00:00")
        let open = Self.campaign()
        let plan = try #require(planner.recipients(for: open, at: now, roster: Self.roster, statuses: [:], alreadySent: []))
        #expect(plan.units.count == 4, "the same campaign open reminds every unit")
        #expect(OfficerDigest.isOpen(open, at: now))

        var closed = open
        closed.closed = true
        #expect(planner.recipients(for: closed, at: now, roster: Self.roster, statuses: [:], alreadySent: []) == nil)
        #expect(!OfficerDigest.isOpen(closed, at: now))
    }

    @Test func remindersGoOnlyToTheUnitsAsked() throws {
        let planner = ReminderPlanner(office: Fixture.office)
        let campaign = Self.campaign(audience: .levels(["TH"]))
        let plan = try #require(
            planner.recipients(
                for: campaign, at: CampaignDraftTests.at("2026-12-17T09:00:00"), roster: Self.roster,
                statuses: ["TH02": .received], alreadySent: []))
        #expect(plan.units.map(\.code) == ["TH01"])
    }

    @Test(arguments: [CampaignAudience.all, .levels(["TH", "MN"]), .units(["TH01"])])
    func aCampaignSurvivesJSON(audience: CampaignAudience) throws {
        var campaign = Self.campaign(audience: audience, closed: true)
        campaign.acceptedKinds = [.scanPDF, .office]
        campaign.requireSeal = false
        campaign.expects = DocumentExpectation(type: "KẾ HOẠCH", year: 2026, titleKeywords: ["thi đua"])
        let data = try JSONEncoder().encode(campaign)
        let decoded = try JSONDecoder().decode(Campaign.self, from: data)
        #expect(decoded == campaign)
        #expect(decoded.audience == audience)
        #expect(decoded.closed)
    }
}
