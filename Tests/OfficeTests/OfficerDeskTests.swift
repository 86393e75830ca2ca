import Foundation
import GRDB
import Store
import Testing

@testable import Intake
@testable import Office

/// The officer's decisions: those on the review queue that send nothing, and a unit's
/// entry rejected by unit code (`thidua mark --reject`).
struct OfficerDeskTests {
    let now = TestOffice.date("2021-02-18T10:00:00+07:00")

    func withStore(_ body: (DataStore) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-desk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(try DataStore(inMemoryWithFilesIn: directory))
    }

    /// A message recorded as the intake would: `unit` nil for an unknown sender.
    func record(_ store: DataStore, uid: UInt32, from: String, unit: String?, status: ReceiptStatus?) throws -> Int64 {
        try store.record(
            IncomingMessage(
                mailbox: "INBOX", uidValidity: 1, uid: uid, messageID: "<m\(uid)@x>", sha256: String(repeating: "\(uid % 10)", count: 64),
                rawPath: "raw/\(uid).eml", size: 10, fromAddress: from, fromName: nil, subject: "Ưu đãi máy photocopy", sentAt: nil,
                receivedAt: now, unit: unit.map { UnitMatch(code: $0, confidence: 1, reason: "địa chỉ") },
                campaignID: unit == nil ? nil : TestOffice.campaign.id,
                assessment: status.map { SubmissionAssessment(status: $0, problems: $0 == .needsReview ? ["không có tệp đính kèm"] : []) },
                parseError: nil, attachments: []), at: now)
    }

    @Test func mailThatIsNoSubmissionLeavesTheQueueAndNothingIsSent() throws {
        try withStore { store in
            let desk = OfficerDesk(setup: TestOffice.setup, store: store)
            let advert = try record(store, uid: 1, from: "sales@vendor.example", unit: nil, status: nil)
            // A school's question, matched to it, made its entry "needs review".
            let question = try record(store, uid: 2, from: "c1kimdong@bd.edu.vn", unit: "TH01", status: .needsReview)
            #expect(try store.reviewCount() == 2)
            #expect(try store.receiptStatuses(campaign: TestOffice.campaign.id)["TH01"] == .needsReview)

            _ = try desk.dismiss(messageID: advert, actor: "officer:canbo", at: now)
            _ = try desk.dismiss(messageID: question, actor: "officer:canbo", at: now)
            #expect(try store.reviewCount() == 0)
            #expect(try store.dueMail().isEmpty, "a dismissal mails nobody")
            #expect(try store.receiptStatuses(campaign: TestOffice.campaign.id)["TH01"] == nil, "TH01 owes its plan again")
            #expect(try store.storedMessage(id: question)?.dismissed == true)
            let events = try store.database.read { db in
                try String.fetchAll(db, sql: "SELECT actor || ' ' || kind FROM events WHERE kind = 'message.dismissed' ORDER BY id")
            }
            #expect(events == ["officer:canbo message.dismissed", "officer:canbo message.dismissed"])
            // A rejection, by contrast, mails its reason.
            let other = try record(store, uid: 3, from: "sales@vendor.example", unit: nil, status: nil)
            _ = try desk.reject(messageID: other, reason: "Không phải hồ sơ.", actor: "officer:canbo", at: now)
            #expect(try store.dueMail().count == 1)
        }
    }

    /// `thidua mark UNIT --reject REASON` rejects what the unit's entry stands on, as the
    /// review queue would: the entry turns rejected with the reason, and the reason is
    /// queued as a reply to the school, not merely written on the ledger.
    @Test func aUnitsEntryRejectedByCodeMailsTheReasonToTheSchool() throws {
        try withStore { store in
            let desk = OfficerDesk(setup: TestOffice.setup, store: store)
            let plan = try record(store, uid: 4, from: "c1kimdong@bd.edu.vn", unit: "TH01", status: .received)
            let campaign = TestOffice.campaign.id
            #expect(try store.receiptStatuses(campaign: campaign)["TH01"] == .received)

            let (unit, chosen, message) = try desk.rejectEntry(
                unitCode: "TH01", campaignID: campaign, reason: "Thiếu dấu đỏ của nhà trường.", actor: "cli", at: now)
            #expect(unit.code == "TH01" && chosen.id == campaign && message.id == plan)
            #expect(try store.receiptStatuses(campaign: campaign)["TH01"] == .rejected)
            #expect(try store.receiptNotes(campaign: campaign)["TH01"] == "Thiếu dấu đỏ của nhà trường.")
            let queued = try store.dueMail()
            #expect(queued.map(\.mail.recipients) == [["c1kimdong@bd.edu.vn"]])
            #expect(queued.first?.mail.body.contains("Thiếu dấu đỏ của nhà trường.") == true)

            // A unit that has sent nothing has nothing to reject; nothing changes, nothing is sent.
            #expect(throws: OfficerDesk.Refusal.nothingToReject(unit: "TH02", campaign: campaign)) {
                try desk.rejectEntry(unitCode: "TH02", campaignID: campaign, reason: "Thiếu hồ sơ.", actor: "cli", at: now)
            }
            #expect(throws: OfficerDesk.Refusal.emptyReason) {
                try desk.rejectEntry(unitCode: "TH01", campaignID: campaign, reason: "  ", actor: "cli", at: now)
            }
            #expect(throws: OfficerDesk.Refusal.unknownUnit("TH99")) {
                try desk.rejectEntry(unitCode: "TH99", campaignID: campaign, reason: "Thiếu hồ sơ.", actor: "cli", at: now)
            }
            #expect(try store.receiptStatuses(campaign: campaign)["TH02"] == nil)
            #expect(try store.dueMail().count == 1)
        }
    }
}
