import Foundation
import GRDB
import Intake
import Testing

@testable import Store

/// The office's own records in the store: campaigns, the roster, mail texts, logins and
/// announcements, each change audited and counted in the revision the daemon watches.
@Suite struct OfficeRecordsTests {
    static func date(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text + ":00+07:00") else { fatalError("bad test date \(text)") }
        return date
    }

    static func campaign(
        _ id: String = "khtdkt-2026", title: String = "Kế hoạch thi đua năm học 2026–2027", opens: String = "2026-12-01T00:00"
    )
        -> Campaign
    {
        Campaign(
            id: id, title: title, opens: date(opens), deadline: date("2026-12-20T17:00").addingTimeInterval(59), keywords: ["kế hoạch"],
            reminders: [ReminderStage(dayOffset: -3), ReminderStage(dayOffset: 0)])
    }

    static let units = [
        SchoolUnit(code: "TH01", name: "Tiểu học Nguyễn Trãi", level: "TH", emails: ["th01@schools.example"]),
        SchoolUnit(code: "TH02", name: "Tiểu học Kim Đồng", level: "TH", emails: ["th02@schools.example", "kimdong@gmail.com"]),
        SchoolUnit(code: "MN03", name: "Mầm non Hoa Sen", level: "MN", emails: ["mn03@schools.example"]),
    ]

    /// A store in memory, its files in a temporary directory removed afterwards.
    func withStore(_ body: (DataStore) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(try DataStore(inMemoryWithFilesIn: directory))
    }

    func kinds(_ store: DataStore, _ prefixes: [String], campaign: String? = nil) throws -> [String] {
        try store.auditTrail(kinds: prefixes, campaign: campaign).map(\.kind)
    }

    // MARK: Campaigns

    @Test func aCampaignFromTheYAMLIsImportedOnceAndThenTheOffices() throws {
        try withStore { store in
            let first = Self.date("2026-11-20T08:00")
            #expect(try store.importCampaigns([Self.campaign()], at: first) == ["khtdkt-2026"])
            // The YAML still says the old title at the next start; the officer's copy stands.
            let renamed = Self.campaign(title: "Kế hoạch (bản cũ trong YAML)")
            #expect(try store.importCampaigns([renamed], at: Self.date("2026-11-21T08:00")) == [])
            let stored = try store.campaigns()
            #expect(stored.map(\.campaign) == [Self.campaign()])
            #expect(stored.first?.origin == "config")
            #expect(stored.first?.createdAt == first && stored.first?.updatedAt == first)
            #expect(try kinds(store, ["campaign."]) == ["campaign.imported"])
            // A campaign new to the YAML is still imported beside it.
            #expect(
                try store.importCampaigns([renamed, Self.campaign("bc-hk1", opens: "2026-11-25T00:00")], at: Self.date("2026-11-22T08:00"))
                    == ["bc-hk1"])
            #expect(try store.campaigns().map(\.campaign.id) == ["bc-hk1", "khtdkt-2026"], "by opening date")
        }
    }

    @Test func aNewCampaignMayNotTakeAnIDInUse() throws {
        try withStore { store in
            let now = Self.date("2026-11-20T08:00")
            try store.saveCampaign(
                Self.campaign(), origin: "dashboard", actor: "officer:lan", kind: "campaign.created", detail: nil, expectedNew: true,
                at: now)
            let revision = try store.officeRevision()
            #expect(throws: StoreError.self) {
                try store.saveCampaign(
                    Self.campaign(title: "Kế hoạch khác"), origin: "dashboard", actor: "officer:lan", kind: "campaign.created",
                    detail: nil, expectedNew: true, at: now.addingTimeInterval(60))
            }
            #expect(try store.campaigns().map(\.campaign.title) == ["Kế hoạch thi đua năm học 2026–2027"])
            #expect(try store.campaigns().first?.updatedAt == now)
            #expect(try kinds(store, ["campaign."]) == ["campaign.created"], "a refused save logs nothing")
            #expect(try store.officeRevision() == revision)
            // Nor may an edit make up a campaign that is not there.
            #expect(throws: StoreError.self) {
                try store.saveCampaign(
                    Self.campaign("khong-co"), origin: "dashboard", actor: "officer:lan", kind: "campaign.edited", detail: nil,
                    expectedNew: false, at: now)
            }
            #expect(try store.campaigns().count == 1)
        }
    }

    @Test func anEditKeepsWhereTheCampaignCameFromAndItsAudience() throws {
        try withStore { store in
            let created = Self.date("2026-11-20T08:00")
            let edited = Self.date("2026-11-25T14:30")
            _ = try store.importCampaigns([Self.campaign()], at: created)
            var campaign = Self.campaign()
            campaign.audience = .units(["TH01", "MN03"])
            campaign.closed = true
            try store.saveCampaign(
                campaign, origin: "dashboard", actor: "officer:lan", kind: "campaign.closed", detail: "đóng đợt thu", expectedNew: false,
                at: edited)
            let stored = try #require(try store.campaigns().first)
            #expect(stored.campaign == campaign)
            #expect(stored.origin == "config")
            #expect(stored.createdAt == created && stored.updatedAt == edited)
            let trail = try store.auditTrail(kinds: ["campaign."])
            #expect(trail.map(\.kind) == ["campaign.closed", "campaign.imported"])
            #expect(trail.first?.actor == "officer:lan" && trail.first?.detail == "đóng đợt thu")
        }
    }

    @Test func theRevisionGrowsWithEveryChangeTheDaemonMustReread() throws {
        try withStore { store in
            var now = Self.date("2026-11-20T08:00")
            func later() -> Date {
                now = now.addingTimeInterval(60)
                return now
            }
            var seen = [try store.officeRevision()]
            func grew(_ what: String) throws {
                let revision = try store.officeRevision()
                #expect(revision > seen.last!, "\(what)")
                seen.append(revision)
            }
            _ = try store.importCampaigns([Self.campaign()], at: later())
            try grew("a campaign imported")
            _ = try store.importCampaigns([Self.campaign()], at: later())
            #expect(try store.officeRevision() == seen.last!, "nothing imported, nothing to reread")
            try store.saveCampaign(
                Self.campaign("bc-hk1"), origin: "cli", actor: "operator", kind: "campaign.created", detail: nil, expectedNew: true,
                at: later())
            try grew("a campaign created")
            try store.applyRoster(Self.units, source: "units.csv", actor: "config", at: later())
            try grew("the roster imported")
            try store.setUnitAddresses(unit: "TH01", emails: ["nguyentrai@gmail.com"], actor: "officer:lan", at: later())
            try grew("a unit's addresses")
            try store.setMailText(
                name: MailText.reminderSubject.rawValue, body: "Nhắc: {{campaign_title}}", actor: "officer:lan", at: later())
            try grew("a mail text edited")
            try store.setMailText(name: MailText.reminderSubject.rawValue, body: nil, actor: "officer:lan", at: later())
            try grew("a mail text reset")
        }
    }

    // MARK: The roster

    @Test func aNewStoreHasNoRosterUntilOneIsImported() throws {
        try withStore { store in
            #expect(try store.roster() == nil)
            #expect(try store.rosterSource() == nil)
            let changes = try store.applyRoster(Self.units, source: "config/units.csv", actor: "config", at: Self.date("2026-11-20T08:00"))
            #expect(changes.added.map(\.code) == ["TH01", "TH02", "MN03"])
            #expect(try store.roster()?.units == Self.units)
            #expect(try store.rosterSource() == "config/units.csv")
            #expect(try kinds(store, ["roster."]) == ["roster.imported"])
            // Each unit and each of its addresses, for the unit's page to tell when it came.
            let unitKinds = try kinds(store, ["unit."])
            #expect(unitKinds.filter { $0 == "unit.added" }.count == 3)
            #expect(unitKinds.filter { $0 == "unit.address_added" }.count == 4)
            #expect(unitKinds.count == 7)
        }
    }

    @Test func aDroppedUnitIsKeptAsRemovedAndMayComeBack() throws {
        try withStore { store in
            try store.applyRoster(Self.units, source: "units.csv", actor: "config", at: Self.date("2026-11-20T08:00"))
            let dropped = Self.date("2026-11-21T09:00")
            let changes = try store.applyRoster(Array(Self.units.prefix(2)), source: "dashboard", actor: "officer:lan", at: dropped)
            #expect(changes.removed.map(\.code) == ["MN03"])
            #expect(try store.roster()?.units.map(\.code) == ["TH01", "TH02"])
            #expect(try store.roster()?.unit(email: "mn03@schools.example") == nil, "its mail is no longer matched to it")
            let stored = try store.storedUnits()
            #expect(stored.map(\.unit.code) == ["TH01", "TH02", "MN03"], "removed units last")
            #expect(stored.last?.removedAt == dropped)
            #expect(stored.last?.unit == Self.units[2])
            #expect(
                try store.unitHistory(unit: "MN03").map(\.kind) == [
                    "unit.address_removed", "unit.removed", "unit.address_added", "unit.added",
                ])

            try store.applyRoster(Self.units, source: "units.csv", actor: "officer:lan", at: Self.date("2026-11-22T09:00"))
            #expect(try store.storedUnits().allSatisfy { $0.removedAt == nil })
            #expect(try store.roster()?.unit(code: "MN03") == Self.units[2])
        }
    }

    @Test func aRenamedUnitKeepsItsHistory() throws {
        try withStore { store in
            try store.applyRoster(Self.units, source: "units.csv", actor: "config", at: Self.date("2026-11-20T08:00"))
            try store.mark(
                unit: "TH02", campaign: "khtdkt-2026", status: .excused, note: "trường sáp nhập", actor: "officer:lan",
                at: Self.date("2026-11-21T10:00"))
            var renamed = Self.units
            renamed[1].name = "Trường Tiểu học Kim Đồng"
            renamed[1].level = "THCS"
            let changes = try store.applyRoster(renamed, source: "dashboard", actor: "officer:lan", at: Self.date("2026-11-22T10:00"))
            #expect(changes.renamed.map(\.code) == ["TH02"])
            #expect(changes.added.isEmpty && changes.removed.isEmpty)
            let history = try store.unitHistory(unit: "TH02")
            let kinds = history.map(\.kind).filter { $0 != "unit.address_added" }
            #expect(kinds.count == 4)
            #expect(kinds.prefix(2).sorted() == ["unit.level_changed", "unit.renamed"])
            #expect(kinds.suffix(2) == ["receipt.excused", "unit.added"])
            #expect(history.first { $0.kind == "unit.renamed" }?.detail == "Tiểu học Kim Đồng → Trường Tiểu học Kim Đồng")
            #expect(try store.receiptStatuses(campaign: "khtdkt-2026")["TH02"] == .excused, "its receipts stay with its code")
            #expect(try store.roster()?.unit(code: "TH02")?.name == "Trường Tiểu học Kim Đồng")
        }
    }

    @Test func anAddressOfAnotherUnitIsRefusedAndNothingChanges() throws {
        try withStore { store in
            try store.applyRoster(Self.units, source: "units.csv", actor: "config", at: Self.date("2026-11-20T08:00"))
            let revision = try store.officeRevision()
            for emails in [["th01@schools.example", "kimdong@gmail.com"], ["khong-phai-dia-chi"]] {
                #expect(throws: Roster.Invalid.self) {
                    try store.setUnitAddresses(unit: "TH01", emails: emails, actor: "officer:lan", at: Self.date("2026-11-21T08:00"))
                }
            }
            #expect(try store.roster()?.unit(code: "TH01")?.emails == ["th01@schools.example"])
            #expect(try store.roster()?.unit(email: "kimdong@gmail.com")?.code == "TH02")
            #expect(try store.officeRevision() == revision)
            #expect(try store.unitHistory(unit: "TH01").map(\.kind) == ["unit.address_added", "unit.added"])

            try store.setUnitAddresses(
                unit: "TH01", emails: ["TH01@schools.example", "NguyenTrai.BD@gmail.com"], actor: "officer:lan",
                at: Self.date("2026-11-21T09:00"))
            #expect(try store.roster()?.unit(email: "nguyentrai.bd@gmail.com")?.code == "TH01")
            #expect(try store.unitHistory(unit: "TH01").first?.kind == "unit.address_added")
            #expect(try store.unitHistory(unit: "TH01").first?.detail == "nguyentrai.bd@gmail.com")
            #expect(throws: StoreError.self) {
                try store.setUnitAddresses(unit: "TH99", emails: [], actor: "officer:lan", at: Self.date("2026-11-21T09:00"))
            }
        }
    }

    @Test func aLearnedAddressCanBeForgotten() throws {
        try withStore { store in
            try store.applyRoster(Self.units, source: "units.csv", actor: "config", at: Self.date("2026-11-20T08:00"))
            let row = try store.record(
                IncomingMessage(
                    mailbox: "INBOX", uidValidity: 7, uid: 1, messageID: "<a@personal.example>", sha256: "abc", rawPath: "raw/a.eml",
                    size: 10, fromAddress: "co.lan@personal.example", fromName: "Cô Lan", subject: "Kế hoạch", sentAt: nil,
                    receivedAt: Self.date("2026-12-02T09:00"), unit: nil, campaignID: nil, assessment: nil, parseError: nil,
                    attachments: []), at: Self.date("2026-12-02T09:01"))
            let taught = Self.date("2026-12-02T10:00")
            try store.assign(messageID: row, to: "TH02", campaign: "khtdkt-2026", status: .received, actor: "officer:lan", at: taught)
            #expect(
                try store.learnedAddresses(unit: "TH02") == [
                    LearnedAddress(address: "co.lan@personal.example", unit: "TH02", createdAt: taught, createdBy: "officer:lan")
                ])
            #expect(try store.learnedAddresses(unit: "TH01").isEmpty)
            #expect(throws: StoreError.self) {
                try store.removeLearnedAddress("co.lan@personal.example", unit: "TH01", actor: "officer:lan", at: taught)
            }

            try store.removeLearnedAddress("co.lan@personal.example", unit: "TH02", actor: "officer:lan", at: Self.date("2026-12-03T08:00"))
            #expect(try store.learnedAddresses(unit: "TH02").isEmpty)
            #expect(try store.aliases().isEmpty, "the next poll no longer matches it")
            #expect(try store.unitHistory(unit: "TH02").first?.kind == "unit.learned_address_removed")
            #expect(try store.message(id: row)?.campaignID == "khtdkt-2026", "what it sent stays attributed")
            #expect(throws: StoreError.self) {
                try store.removeLearnedAddress(
                    "co.lan@personal.example", unit: "TH02", actor: "officer:lan", at: Self.date("2026-12-03T08:01"))
            }
        }
    }

    // MARK: Mail texts

    @Test func anEditedMailTextReplacesTheDefaultUntilReset() throws {
        try withStore { store in
            let name = MailText.acknowledgementBody.rawValue
            #expect(try store.mailTexts().isEmpty)
            let edited = Self.date("2026-11-20T08:00")
            try store.setMailText(name: name, body: "Phòng đã nhận {{campaign_title}}.", actor: "officer:lan", at: edited)
            #expect(
                try store.mailTexts() == [
                    name: StoredMailText(name: name, body: "Phòng đã nhận {{campaign_title}}.", updatedAt: edited, updatedBy: "officer:lan")
                ])
            try store.setMailText(name: name, body: "Đã nhận.", actor: "officer:hoa", at: edited.addingTimeInterval(60))
            #expect(try store.mailTexts()[name]?.body == "Đã nhận.")
            #expect(try store.mailTexts()[name]?.updatedBy == "officer:hoa")

            try store.setMailText(name: name, body: nil, actor: "officer:lan", at: edited.addingTimeInterval(120))
            #expect(try store.mailTexts().isEmpty)
            let trail = try store.auditTrail(kinds: ["mail_text."])
            #expect(trail.map(\.kind) == ["mail_text.reset", "mail_text.edited", "mail_text.edited"])
            #expect(trail.allSatisfy { $0.detail == name })
        }
    }

    // MARK: Dashboard logins

    @Test func aLoginIsAnOfficerUnlessToldOtherwiseAndKeepsItsRole() throws {
        try withStore { store in
            let now = Self.date("2026-11-20T08:00")
            try store.setDashboardPassword(user: "lan", hash: "scrypt$1", at: now)
            #expect(try store.dashboardLogin(user: "lan")?.role == .officer)
            try store.setDashboardPassword(user: "hieupho", hash: "scrypt$2", role: .leader, actor: "officer:lan", at: now)
            #expect(try store.dashboardLogin(user: "hieupho")?.role == .leader)

            // A new password is not a promotion.
            try store.setDashboardPassword(user: "hieupho", hash: "scrypt$3", role: nil, actor: "officer:lan", at: now)
            #expect(try store.dashboardLogin(user: "hieupho")?.role == .leader)
            #expect(try store.dashboardLogin(user: "hieupho")?.passwordHash == "scrypt$3")
            try store.setDashboardRole(user: "hieupho", role: .officer, actor: "officer:lan", at: now)
            try store.setDashboardPassword(user: "hieupho", hash: "scrypt$4", actor: "officer:lan", at: now)
            #expect(try store.dashboardLogin(user: "hieupho")?.role == .officer)

            #expect(try store.dashboardLogin(user: "khong-co")?.role == nil)
            #expect(throws: StoreError.self) { try store.setDashboardRole(user: "khong-co", role: .leader, actor: "officer:lan", at: now) }
        }
    }

    @Test func theLastOfficerCannotBeRemoved() throws {
        try withStore { store in
            let now = Self.date("2026-11-20T08:00")
            try store.setDashboardPassword(user: "lan", hash: "scrypt$1", role: .officer, at: now)
            try store.setDashboardPassword(user: "hieupho", hash: "scrypt$2", role: .leader, at: now)
            #expect(throws: StoreError.self) { try store.removeDashboardUser("lan", actor: "officer:lan", at: now) }
            #expect(try store.dashboardUsers() == ["hieupho", "lan"])

            try store.removeDashboardUser("hieupho", actor: "officer:lan", at: now)
            try store.setDashboardPassword(user: "hoa", hash: "scrypt$3", at: now)
            try store.removeDashboardUser("lan", actor: "officer:hoa", at: now)
            #expect(try store.dashboardUsers() == ["hoa"])
            #expect(try store.dashboardLogin(user: "lan")?.role == nil, "its sessions end")
            #expect(throws: StoreError.self) { try store.removeDashboardUser("khong-co", actor: "officer:hoa", at: now) }
            #expect(try kinds(store, ["dashboard.user_removed"]) == ["dashboard.user_removed", "dashboard.user_removed"])
        }
    }

    @Test func aRoleThisVersionDoesNotKnowMayOnlyRead() throws {
        try withStore { store in
            try store.setDashboardPassword(user: "lan", hash: "scrypt$1", at: Self.date("2026-11-20T08:00"))
            try store.setDashboardPassword(user: "quantri", hash: "scrypt$2", at: Self.date("2026-11-20T08:00"))
            // Written by a later thidua, then opened by this one.
            try store.database.write { db in try db.execute(sql: "UPDATE dashboard_users SET role = 'admin' WHERE name = 'quantri'") }
            #expect(try store.dashboardLogin(user: "quantri")?.role == .leader)
            #expect(try store.dashboardAccounts().map(\.role) == [.officer, .leader])
        }
    }

    // MARK: Announcements

    static func announcement(_ campaign: String, _ unit: String) -> OutboxMail {
        OutboxMail(
            kind: .announcement, campaign: campaign, unit: unit, recipients: ["\(unit.lowercased())@schools.example"],
            subject: "[Thông báo] Kế hoạch thi đua — hạn nộp 20/12/2026", body: "Kính gửi…",
            attachment: OutboxAttachment(path: "announcements/ke-hoach.pdf", name: "Kế hoạch.pdf"))
    }

    @Test func eachUnitIsAnnouncedToOnceHoweverOftenItIsAsked() throws {
        try withStore { store in
            let now = Self.date("2026-12-01T08:00")
            let all = Self.units.map { Self.announcement("khtdkt-2026", $0.code) }
            #expect(try store.queueAnnouncements(Array(all.prefix(2)), actor: "officer:lan", at: now) == 2)
            // The officer announces again after adding a unit: only the new one is sent.
            #expect(try store.queueAnnouncements(all, actor: "officer:lan", at: now.addingTimeInterval(60)) == 1)
            #expect(try store.queueAnnouncements(all + all, actor: "officer:lan", at: now.addingTimeInterval(120)) == 0)
            #expect(try store.announcedUnits(campaign: "khtdkt-2026") == ["TH01", "TH02", "MN03"])
            #expect(try store.announcedUnits(campaign: "bc-hk1").isEmpty)
            #expect(try store.queueAnnouncements([Self.announcement("bc-hk1", "TH01")], actor: "officer:lan", at: now) == 1)

            // One that failed to send is not sent again by asking again.
            let first = try #require(try store.outbox(.announcement, campaign: "khtdkt-2026").first)
            #expect(first.mail.attachment == OutboxAttachment(path: "announcements/ke-hoach.pdf", name: "Kế hoạch.pdf"))
            #expect(try store.claim(queued: first.id, outgoingID: "<a1@pgd.example>", at: now))
            try store.finish(id: first.id, state: .failed, error: nil, at: now)
            #expect(try store.queueAnnouncements([all[0]], actor: "officer:lan", at: now.addingTimeInterval(180)) == 0)
            #expect(try store.outbox(.announcement, campaign: "khtdkt-2026").count == 3)
            // A reply in its thread is the unit's.
            #expect(try store.threadUnits(messageIDs: ["<a1@pgd.example>"]) == ["<a1@pgd.example>": first.mail.unit!])

            let trail = try store.auditTrail(kinds: ["campaign.announced"], campaign: "khtdkt-2026")
            #expect(trail.map(\.detail) == ["0 units", "0 units", "1 units", "2 units"])
        }
    }

    // MARK: The audit trail

    @Test func theAuditTrailIsFilteredByKindAndCampaign() throws {
        try withStore { store in
            var now = Self.date("2026-11-20T08:00")
            func later() -> Date {
                now = now.addingTimeInterval(60)
                return now
            }
            _ = try store.importCampaigns([Self.campaign("kh-a"), Self.campaign("kh-b")], at: later())
            try store.applyRoster(Self.units, source: "units.csv", actor: "config", at: later())
            try store.saveCampaign(
                Self.campaign("kh-a", title: "Kế hoạch A"), origin: "dashboard", actor: "officer:lan", kind: "campaign.edited",
                detail: "title", expectedNew: false, at: later())
            try store.setMailText(name: MailText.replyBody.rawValue, body: "Trả lại.", actor: "officer:lan", at: later())
            try store.logOfficerEvent(actor: "officer:lan", kind: "dashboard.login", detail: nil, at: later())

            #expect(try kinds(store, ["campaign."]) == ["campaign.edited", "campaign.imported", "campaign.imported"])
            #expect(try kinds(store, ["campaign."], campaign: "kh-a") == ["campaign.edited", "campaign.imported"])
            #expect(try kinds(store, ["campaign."], campaign: "kh-b") == ["campaign.imported"])
            #expect(try kinds(store, ["roster.", "mail_text."]) == ["mail_text.edited", "roster.imported"])
            // A prefix, not a substring: "unit." names no "roster.*" or "campaign.*" line.
            #expect(Set(try kinds(store, ["unit."])) == ["unit.added", "unit.address_added"])
            #expect(try kinds(store, ["imported"]).isEmpty)
            #expect(
                try store.auditTrail(kinds: ["campaign.", "roster.", "unit."], limit: 2).map(\.kind) == [
                    "campaign.edited", "roster.imported",
                ])
        }
    }
}

/// A store left by the version before logins had roles opens with every login able to do
/// what it always could.
@Suite struct OfficeRecordsMigrationTests {
    @Test func aLoginFromBeforeRolesIsAnOfficer() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-roles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let queue = try DatabaseQueue(path: directory.appendingPathComponent(DataStore.databaseName).path)
            try Schema.migrator.migrate(queue, upTo: "v11: what a scan says about itself")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO dashboard_users (name, password_hash, updated_at)
                        VALUES ('canbo', 'scrypt$32768$8$1$c2FsdA==$a2V5', '2026-01-05 02:00:00');
                        """)
            }
        }
        let store = try DataStore(dataDirectory: directory)
        #expect(try store.dashboardLogin(user: "canbo")?.passwordHash == "scrypt$32768$8$1$c2FsdA==$a2V5")
        #expect(try store.dashboardLogin(user: "canbo")?.role == .officer)
        #expect(try store.dashboardAccounts().map(\.role) == [.officer])
        // The office's records start empty: the YAML and the CSV seed them at the next start.
        #expect(try store.roster() == nil)
        #expect(try store.campaigns().isEmpty)
        #expect(try store.officeRevision() == 0)
        #expect(throws: StoreError.self) { try store.removeDashboardUser("canbo", actor: "operator", at: Date()) }
    }
}
