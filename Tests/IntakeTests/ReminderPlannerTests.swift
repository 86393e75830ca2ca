import Foundation
import Testing

@testable import Intake

/// When reminders fall due and who gets them.
@Suite struct ReminderPlannerTests {
    let planner = ReminderPlanner(office: Fixture.office)
    let campaign = Fixture.campaign(deadline: "2021-02-21T23:59")

    @Test func stageTimesAreAtEightOnTheirDay() {
        let times = campaign.reminders.map { planner.dueTime(of: $0, in: campaign) }
        #expect(
            times == ["2021-02-14T08:00", "2021-02-18T08:00", "2021-02-20T08:00", "2021-02-21T08:00", "2021-02-22T08:00"].map(Fixture.date))
    }

    @Test func dueStageIsTheLatestStageAlreadyDue() {
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-02-18T09:00")) == ReminderStage(dayOffset: -3))
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-02-18T08:00")) == ReminderStage(dayOffset: -3))
        // -7d is carried over from an earlier day and -3d falls due at 08:00 today: wait for it.
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-02-18T07:00")) == nil)
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-02-17T16:00")) == ReminderStage(dayOffset: -7))
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-02-14T07:59")) == nil)
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-02-10T12:00")) == nil)
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-02-21T23:59")) == ReminderStage(dayOffset: 0))
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-03-01T10:00")) == ReminderStage(dayOffset: 1))
    }

    @Test func reminderTimeFollowsTheOffice() {
        let noon = ReminderPlanner(office: OfficeProfile(name: "x", timeZone: Fixture.office.timeZone, reminderMinuteOfDay: 13 * 60 + 30))
        #expect(noon.dueStage(for: campaign, at: Fixture.date("2021-02-17T13:30")) == ReminderStage(dayOffset: -7))
        #expect(noon.dueStage(for: campaign, at: Fixture.date("2021-02-18T13:00")) == nil)
        #expect(noon.dueStage(for: campaign, at: Fixture.date("2021-02-18T13:30")) == ReminderStage(dayOffset: -3))
    }

    @Test func recipientsExcludeReceivedAndAlreadyReminded() throws {
        let roster = try Roster.parseCSV(
            """
            code,name,level,emails
            TH01,Tiểu học A,TH,a@x.vn
            TH02,Tiểu học B,TH,b@x.vn
            TH03,Tiểu học C,TH,c@x.vn
            TH04,Tiểu học D,TH,d@x.vn
            TH05,Tiểu học E,TH,e@x.vn
            TH06,Tiểu học F,TH,f@x.vn
            TH07,Tiểu học G,TH,g@x.vn
            TH08,Tiểu học H,TH,
            """)
        let statuses: [String: ReceiptStatus] = [
            "TH01": .received, "TH02": .late, "TH03": .needsReview, "TH04": .excused,
            "TH05": .rejected, "TH08": .pending,
        ]
        let plan = try #require(
            planner.recipients(
                for: campaign, at: Fixture.date("2021-02-18T09:00"), roster: roster,
                statuses: statuses, alreadySent: ["TH07"]))
        #expect(plan.stage == ReminderStage(dayOffset: -3))
        #expect(
            plan.units.map(\.code) == ["TH03", "TH05", "TH06"],
            "units under review, rejected or pending, with an address, not yet reminded")

        #expect(
            planner.recipients(
                for: campaign, at: Fixture.date("2021-02-01T09:00"), roster: roster,
                statuses: [:], alreadySent: []) == nil)
    }
}

/// A stage carried over a closed office waits for the one falling due the same morning.
@Suite struct CarriedOverStageTests {
    @Test func aStageCarriedOverAHolidayWaitsWhenTheNextFallsDueToday() {
        let planner = ReminderPlanner(office: Fixture.office)
        // -3d falls due on Monday 03/05/2021 (a day off); -1d on Wednesday 05/05.
        let campaign = Fixture.campaign(deadline: "2021-05-06T23:59", reminders: ["-3d", "-2d", "-1d"])
        // Tuesday 07:30, office open: -3d is carried over but -2d falls due at 08:00 today.
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-05-04T07:30")) == nil)
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-05-04T08:00")) == ReminderStage(dayOffset: -2))
        // Nothing else falls due later on Wednesday evening: -1d (due that morning) stands.
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-05-05T16:00")) == ReminderStage(dayOffset: -1))
        // A carried-over stage with no other due the same day goes out at the opening.
        let sparse = Fixture.campaign(deadline: "2021-05-06T23:59", reminders: ["-3d", "0d"])
        #expect(planner.dueStage(for: sparse, at: Fixture.date("2021-05-04T07:30")) == ReminderStage(dayOffset: -3))
    }
}

/// The officer's digest: working days only, from its time of day, for that day.
@Suite struct DigestScheduleTests {
    let schedule = DigestSchedule(
        calendar: OfficeCalendar(timeZone: Fixture.office.timeZone, workdays: [2, 3, 4, 5, 6], holidays: ["2021-04-30"]),
        minuteOfDay: 16 * 60 + 30)

    @Test func dueFromItsTimeOnWorkingDaysOnly() {
        #expect(schedule.dueDay(at: Fixture.date("2021-04-29T16:29")) == nil)
        #expect(schedule.dueDay(at: Fixture.date("2021-04-29T16:30")) == "2021-04-29")
        #expect(schedule.dueDay(at: Fixture.date("2021-04-29T23:59")) == "2021-04-29")
        #expect(schedule.dueDay(at: Fixture.date("2021-04-30T16:30")) == nil, "a holiday")
        #expect(schedule.dueDay(at: Fixture.date("2021-05-01T16:30")) == nil, "a Saturday, not a workday here")
        #expect(schedule.dueDay(at: Fixture.date("2021-05-03T08:00")) == nil, "before its time")
    }

    @Test func theDayIsTheOfficesLocalDay() {
        let (start, end) = schedule.bounds(of: Fixture.date("2021-04-29T16:30"))
        #expect(start == Fixture.date("2021-04-29T00:00"))
        #expect(end == Fixture.date("2021-04-30T00:00"))
    }
}

@Suite struct ReminderStageTests {
    @Test(arguments: [("-7d", -7), ("+1d", 1), ("0d", 0), (" -3D ", -3), ("+0d", 0), ("-366d", -366)])
    func validStages(text: String, offset: Int) throws {
        let stage = try #require(ReminderStage(text))
        #expect(stage.dayOffset == offset)
    }

    @Test(arguments: ["7", "-7", "-x", "-xd", "d", "", "1w", "--1d", "+-1d", "400d", "7 d before"])
    func invalidStages(text: String) {
        #expect(ReminderStage(text) == nil)
    }

    @Test func descriptionRoundTripsAndOrders() {
        let stages = ["+1d", "-1d", "0d", "-7d", "-3d"].compactMap(ReminderStage.init)
        #expect(stages.sorted().map(\.description) == ["-7d", "-3d", "-1d", "0d", "+1d"])
        for stage in stages { #expect(ReminderStage(stage.description) == stage) }
        #expect(Fixture.campaign(reminders: ["0d", "-7d", "+1d"]).reminders.map(\.dayOffset) == [-7, 0, 1])
    }

    @Test func vietnameseLabels() {
        #expect(ReminderStage(dayOffset: -3).vietnameseLabel == "còn 3 ngày đến hạn nộp")
        #expect(ReminderStage(dayOffset: 0).vietnameseLabel == "hôm nay là hạn cuối")
        #expect(ReminderStage(dayOffset: 2).vietnameseLabel == "đã quá hạn 2 ngày")
    }

}

struct StaleStageTests {
    let campaign = Fixture.campaign(deadline: "2021-02-21T23:59")
    let planner = ReminderPlanner(office: Fixture.office)

    @Test func aStageLongPastIsNoLongerSent() {
        // +1d falls due on 22/02/2021 08:00; two weeks later it lapses.
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-03-07T08:00")) == ReminderStage(dayOffset: 1))
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2021-03-09T08:00")) == nil)
        #expect(planner.dueStage(for: campaign, at: Fixture.date("2026-11-26T08:30")) == nil)
    }
}
