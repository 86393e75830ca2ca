import Foundation
import Intake
import Store
import Testing

@testable import Office

/// The officer's own campaigns over a real store: what is refused leaves nothing behind,
/// every change is audited field by field, and a moved deadline never repeats a reminder
/// stage a school already had.
struct CampaignDeskTests {
    let now = TestOffice.date("2021-02-10T10:00:00+07:00")
    let actor = "officer:canbo (192.0.2.10)"

    /// The test office's campaign with a second stage on the deadline day, as imported
    /// from the YAML at a first start.
    static let campaign: Campaign = {
        var campaign = TestOffice.campaign
        campaign.reminders = [ReminderStage(dayOffset: -3), ReminderStage(dayOffset: 0)]
        return campaign
    }()

    func withStore(_ body: (DataStore) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-campaign-desk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try DataStore(inMemoryWithFilesIn: directory)
        _ = try store.importCampaigns([Self.campaign], at: now)
        try await body(store)
    }

    /// The office as the daemon sees it after the store's revision changed: its campaigns
    /// read back from the store.
    func setup(_ store: DataStore) throws -> OfficeSetup {
        var setup = TestOffice.setup
        setup.campaigns = try store.campaigns().map(\.campaign)
        return setup
    }

    func desk(_ store: DataStore) throws -> CampaignDesk { CampaignDesk(setup: try setup(store), store: store) }

    func trail(_ store: DataStore) throws -> [EventRecord] { try store.auditTrail(kinds: ["campaign."]) }

    func draft(id: String = "bao-cao-so-ket-hk1") -> CampaignDraft {
        var draft = CampaignDraft(id: id, title: "Báo cáo sơ kết học kỳ I", opens: "2021-02-15", deadline: "2021-03-05 17:00")
        draft.keywords = ["sơ kết", "học kỳ"]
        draft.reminders = ["-3d", "0d"]
        return draft
    }

    /// The problems `create` refuses `draft` with; none, recorded as an issue, if it is not
    /// refused as invalid.
    func refusal(of draft: CampaignDraft, _ store: DataStore) throws -> [CampaignDraft.Problem] {
        let desk = try desk(store)
        do {
            _ = try desk.create(draft, origin: "dashboard", actor: actor, at: now)
            Issue.record("an invalid draft was accepted")
        } catch .invalid(let problems) {
            return problems
        } catch {
            Issue.record("refused as \(error), not as invalid")
        }
        return []
    }

    // MARK: - Create

    @Test func aNewCampaignIsStoredAndItsCreationLogged() async throws {
        try await withStore { store in
            let made = try desk(store).create(draft(), origin: "dashboard", actor: actor, at: now)
            #expect(made.title == "Báo cáo sơ kết học kỳ I")
            // "17:00" is the last minute: mail at 17:00:30 is on time.
            #expect(made.deadline == TestOffice.date("2021-03-05T17:00:59+07:00"))
            let stored = try #require(try store.campaigns().first { $0.campaign.id == "bao-cao-so-ket-hk1" })
            #expect(stored.campaign == made && stored.origin == "dashboard")
            let event = try #require(try trail(store).first)
            #expect(event.kind == "campaign.created" && event.actor == actor && event.detail == "Báo cáo sơ kết học kỳ I")
        }
    }

    @Test func anIDAlreadyTakenIsRefusedAndNothingIsStored() async throws {
        try await withStore { store in
            var taken = draft(id: Self.campaign.id)
            taken.title = "Một đợt thu khác"
            #expect(throws: CampaignDesk.Failure.taken(Self.campaign.id)) {
                try desk(store).create(taken, origin: "dashboard", actor: actor, at: now)
            }
            // A desk whose setup has not caught up with the store yet still refuses it.
            var stale = try setup(store)
            stale.campaigns = []
            #expect(throws: CampaignDesk.Failure.taken(Self.campaign.id)) {
                try CampaignDesk(setup: stale, store: store).create(taken, origin: "cli", actor: actor, at: now)
            }
            #expect(try store.campaigns().map(\.campaign) == [Self.campaign], "the stored campaign is not overwritten")
            #expect(try trail(store).map(\.kind) == ["campaign.imported"])
            #expect(CampaignDesk.Failure.taken(Self.campaign.id).description.contains("hãy chọn mã khác"))
        }
    }

    @Test func anInvalidDraftIsRefusedWithEveryProblemInVietnamese() async throws {
        try await withStore { store in
            var bad = draft(id: "đợt 1")
            bad.title = "  "
            bad.opens = "2021-03-10"
            bad.reminders = ["-3", "0d"]
            let problems = try refusal(of: bad, store)
            #expect(Set(problems.map(\.field)) == ["id", "title", "deadline", "reminders"])
            let texts = problems.map(\.vietnamese)
            #expect(texts.contains("Chưa nhập tên đợt thu"))
            #expect(texts.contains("Hạn nộp phải sau ngày mở"))
            #expect(texts.contains { $0.hasPrefix("Mã đợt thu chỉ gồm chữ không dấu") })
            #expect(texts.contains { $0.hasPrefix("Mốc nhắc '-3' không hợp lệ") })
            // What the officer's form shows: one Vietnamese line per problem.
            #expect(CampaignDesk.Failure.invalid(problems).description == texts.joined(separator: "\n"))
            #expect(try store.campaigns().map(\.campaign.id) == [Self.campaign.id])
            #expect(try trail(store).map(\.kind) == ["campaign.imported"])
        }
    }

    @Test func aHandPickedUnitNotOnTheRosterIsRefused() async throws {
        try await withStore { store in
            var picked = draft()
            picked.audience = .units(["TH01", "TH09"])
            let problems = try refusal(of: picked, store)
            #expect(problems.map(\.vietnamese) == ["Không có đơn vị mã TH09 trong danh sách"])
            #expect(try store.campaigns().count == 1)
        }
    }

    // MARK: - Edit

    @Test func anEditLogsOneEventNamingEachChangedField() async throws {
        try await withStore { store in
            var edited = CampaignDraft(Self.campaign, zone: TestOffice.zone)
            edited.deadline = "2021-02-26"
            edited.title = "Kế hoạch thi đua khen thưởng năm học 2020–2021"
            edited.audience = .levels(["TH"])
            let later = now.addingTimeInterval(3600)
            let campaign = try desk(store).edit(edited, actor: actor, at: later)
            #expect(campaign.deadline == TestOffice.date("2021-02-26T23:59:59+07:00"))
            let events = try trail(store).filter { $0.kind == "campaign.edited" }
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.actor == actor && event.at == later)
            let details = (event.detail ?? "").components(separatedBy: "; ")
            #expect(
                details == [
                    "title: Kế hoạch thi đua khen thưởng năm 2021 → Kế hoạch thi đua khen thưởng năm học 2020–2021",
                    "deadline: 2021-02-21 → 2021-02-26",
                    "units: tất cả đơn vị → các đơn vị cấp TH",
                ])
            #expect(try store.campaigns().first?.campaign == campaign)
        }
    }

    @Test func aDeadlineGivenATimeIsLoggedWithIt() async throws {
        try await withStore { store in
            var edited = CampaignDraft(Self.campaign, zone: TestOffice.zone)
            edited.deadline = "2021-02-25 17:00"
            _ = try desk(store).edit(edited, actor: actor, at: now)
            #expect(try trail(store).first?.detail == "deadline: 2021-02-21 → 2021-02-25 17:00")
        }
    }

    /// Saving the form unchanged is common (the officer looks, then presses Lưu): the log
    /// would otherwise fill with edits that edit nothing.
    @Test func anEditThatChangesNothingLogsNothing() async throws {
        try await withStore { store in
            let same = CampaignDraft(Self.campaign, zone: TestOffice.zone)
            _ = try desk(store).edit(same, actor: actor, at: now)
            #expect(try trail(store).map(\.kind) == ["campaign.imported"])
            #expect(try store.campaigns().map(\.campaign) == [Self.campaign])
        }
    }

    @Test func handPickedUnitsChangedUnderTheSameLabelAreStillLogged() async throws {
        try await withStore { store in
            var first = CampaignDraft(Self.campaign, zone: TestOffice.zone)
            first.audience = .units(["TH01", "TH02"])
            _ = try desk(store).edit(first, actor: actor, at: now)
            var second = first
            second.audience = .units(["TH01", "TH03"])
            _ = try desk(store).edit(second, actor: actor, at: now.addingTimeInterval(60))
            let details = try trail(store).filter { $0.kind == "campaign.edited" }.map(\.detail)
            #expect(details == ["units: the chosen units changed", "units: tất cả đơn vị → 2 đơn vị được chọn"])
        }
    }

    @Test func anUnknownCampaignCannotBeEditedOrClosed() async throws {
        try await withStore { store in
            #expect(throws: CampaignDesk.Failure.unknown("khong-co")) {
                try desk(store).edit(draft(id: "khong-co"), actor: actor, at: now)
            }
            #expect(throws: CampaignDesk.Failure.unknown("khong-co")) {
                try desk(store).setClosed(true, id: "khong-co", actor: actor, at: now)
            }
            #expect(CampaignDesk.Failure.unknown("khong-co").description == "Không có đợt thu mã khong-co.")
        }
    }

    // MARK: - Close and reopen

    /// With the document check off the setup asks no campaign for a seal; closing one then
    /// must not save "no seal" for good: the stored campaign is what changes.
    @Test func closingWhileTheCheckIsOffKeepsTheStoredSealRequirement() async throws {
        try await withStore { store in
            #expect(try store.campaign(id: Self.campaign.id)?.requireSeal == true)
            var adjusted = try setup(store)
            adjusted.campaigns = adjusted.campaigns.map {
                var campaign = $0
                campaign.requireSeal = false
                return campaign
            }
            try CampaignDesk(setup: adjusted, store: store).setClosed(true, id: Self.campaign.id, actor: actor, at: now)
            let stored = try #require(try store.campaign(id: Self.campaign.id))
            #expect(stored.closed)
            #expect(stored.requireSeal, "the seal requirement survives the check being off")
        }
    }

    @Test func closingAndReopeningAreStoredAndLoggedOnce() async throws {
        try await withStore { store in
            try desk(store).setClosed(true, id: Self.campaign.id, actor: actor, at: now)
            #expect(try store.campaigns().first?.campaign.closed == true)
            // Closing a closed campaign again (a second click) changes and logs nothing.
            try desk(store).setClosed(true, id: Self.campaign.id, actor: actor, at: now)
            try desk(store).setClosed(false, id: Self.campaign.id, actor: actor, at: now.addingTimeInterval(60))
            #expect(try store.campaigns().first?.campaign.closed == false)
            #expect(try trail(store).map(\.kind) == ["campaign.reopened", "campaign.closed", "campaign.imported"])
            #expect(try trail(store).first?.detail == Self.campaign.title)
        }
    }

    @Test func aClosedCampaignSendsNoReminder() async throws {
        try await withStore { store in
            try desk(store).setClosed(true, id: Self.campaign.id, actor: actor, at: now)
            let due = TestOffice.date("2021-02-18T09:00:00+07:00")
            let smtp = RecordingMailSender()
            #expect(try await reminders(store, smtp, at: due).send(at: due) == 0)
            #expect(smtp.sent.isEmpty)
        }
    }

    // MARK: - A moved deadline and the reminders

    func reminders(_ store: DataStore, _ smtp: RecordingMailSender, at now: Date) throws -> ReminderSender {
        let setup = try setup(store)
        let outbox = OutboxSender(
            store: store, smtp: smtp, from: setup.from, timeZone: setup.profile.timeZone, limits: setup.sendLimits,
            clock: FixedClock(now), logger: TestOffice.logger)
        return ReminderSender(
            setup: setup, store: store, templates: ReminderTemplates(texts: .builtIn), outbox: outbox, clock: FixedClock(now),
            logger: TestOffice.logger)
    }

    /// The -3d stage went out on 18/02; then the Sở grants five more days. On the new -3d
    /// day the schools must not hear "3 days left" a second time; the deadline-day stage,
    /// never sent, goes out on the new deadline day.
    @Test func aMovedDeadlineNeverResendsAStageAlreadySent() async throws {
        try await withStore { store in
            let smtp = RecordingMailSender()
            let firstDue = TestOffice.date("2021-02-18T09:00:00+07:00")
            #expect(try await reminders(store, smtp, at: firstDue).send(at: firstDue) == 3)
            let schools: Set = ["c1kimdong@bd.edu.vn", "c1thanhcong@bd.edu.vn", "c1nguyentrai@bd.edu.vn"]
            #expect(Set(smtp.sent.flatMap(\.to)) == schools)

            var moved = CampaignDraft(Self.campaign, zone: TestOffice.zone)
            moved.deadline = "2021-02-26"
            _ = try desk(store).edit(moved, actor: actor, at: firstDue.addingTimeInterval(3600))
            #expect(try store.campaigns().first?.campaign.deadline == TestOffice.date("2021-02-26T23:59:59+07:00"))

            // 23/02 is the new deadline's -3d day: the stage is due again by date, and sent to no one.
            let newMinusThree = TestOffice.date("2021-02-23T09:00:00+07:00")
            let again = try reminders(store, smtp, at: newMinusThree)
            #expect(try again.plan(at: newMinusThree).isEmpty)
            #expect(try await again.send(at: newMinusThree) == 0)
            #expect(smtp.sent.count == 3)
            let minusThree = try store.outbox(.reminder, campaign: Self.campaign.id, stage: "-3d")
            #expect(minusThree.compactMap(\.mail.unit).sorted() == ["TH01", "TH02", "TH03"], "one -3d per unit, ever")

            // The old deadline day passes with nothing: the deadline is no longer then.
            let oldDeadlineDay = TestOffice.date("2021-02-21T09:00:00+07:00")
            #expect(try await reminders(store, smtp, at: oldDeadlineDay).send(at: oldDeadlineDay) == 0)

            // 26/02, the new deadline day: the 0d stage goes out, once to each school.
            let newDeadlineDay = TestOffice.date("2021-02-26T09:00:00+07:00")
            #expect(try await reminders(store, smtp, at: newDeadlineDay).send(at: newDeadlineDay) == 3)
            #expect(smtp.sent.count == 6)
            #expect(Set(smtp.sent.suffix(3).flatMap(\.to)) == schools)
            #expect(try store.outbox(.reminder, campaign: Self.campaign.id, stage: "0d").count == 3)
            #expect(try store.sentReminderStages(campaign: Self.campaign.id) == ["-3d", "0d"])
        }
    }
}
