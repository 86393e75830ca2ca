import Foundation
import Testing

@testable import Intake
@testable import Store

/// The officer's decisions from the dashboard, on a real SQLite file.
struct OfficerDecisionTests {
    let now = Date(timeIntervalSince1970: 1_613_700_000)

    func withStore(_ body: (DataStore) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-officer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(try DataStore(dataDirectory: directory))
    }

    func record(_ store: DataStore, uid: UInt32, unit: String?, status: ReceiptStatus?, from: String = "school@x.vn") throws -> Int64 {
        try store.record(
            IncomingMessage(
                mailbox: "INBOX", uidValidity: 1, uid: uid, messageID: "<m\(uid)@x.vn>",
                sha256: String(repeating: "\(uid % 10)", count: 64),
                rawPath: "raw/\(uid).eml", size: 100, fromAddress: from, fromName: nil, subject: "Kế hoạch \(uid)", sentAt: nil,
                receivedAt: now.addingTimeInterval(Double(uid)), unit: unit.map { UnitMatch(code: $0, confidence: 1, reason: "địa chỉ") },
                campaignID: status == nil ? nil : "kh", assessment: status.map { SubmissionAssessment(status: $0, problems: []) },
                parseError: nil, attachments: []), at: now)
    }

    @Test func rejectingQueuesOneReplyThreadedToTheSchoolsMail() throws {
        try withStore { store in
            let id = try record(store, uid: 1, unit: "TH01", status: .needsReview)
            #expect(try store.reviewCount() == 1)
            try store.reject(
                messageID: id, unit: "TH01", campaign: "kh", reason: "thiếu dấu đỏ",
                reply: ("school@x.vn", "Re: Kế hoạch 1", "Lý do: thiếu dấu đỏ"), actor: "officer", at: now)
            #expect(try store.receiptStatuses(campaign: "kh") == ["TH01": .rejected])
            #expect(try store.reviewCount() == 0)
            let due = try #require(try store.dueMail().first)
            #expect(due.mail.kind == .reply && due.mail.inReplyTo == "<m1@x.vn>" && due.mail.recipients == ["school@x.vn"])
            // Claimed once: a second claim (another cycle, a restart) gets nothing.
            #expect(try store.claim(queued: due.id, outgoingID: "<r1@pgd.vn>", at: now))
            #expect(try !store.claim(queued: due.id, outgoingID: "<r2@pgd.vn>", at: now))
            try store.finish(id: due.id, state: .sent, error: nil, at: now)
            #expect(try store.dueMail().isEmpty)
            #expect(try store.totals().repliesSent == 1)
            // The school answers the rejection: its mail belongs to TH01 by thread.
            #expect(try store.threadUnits(messageIDs: ["<r1@pgd.vn>"]) == ["<r1@pgd.vn>": "TH01"])
        }
    }

    @Test func rejectingAnotherMessageNeverUndoesAnAcceptedSubmission() throws {
        try withStore { store in
            _ = try record(store, uid: 1, unit: "TH01", status: .received)
            let stray = try record(store, uid: 2, unit: "TH01", status: .needsReview)
            try store.reject(messageID: stray, unit: "TH01", campaign: "kh", reason: "tệp Word", reply: nil, actor: "officer", at: now)
            #expect(try store.receiptStatuses(campaign: "kh") == ["TH01": .received])
            #expect(try store.reviewCount() == 0)
        }
    }

    @Test func aMessageThatNeededALookLeavesTheQueueOnceItsUnitSentProperly() throws {
        try withStore { store in
            _ = try record(store, uid: 1, unit: "TH01", status: .needsReview)
            _ = try record(store, uid: 2, unit: nil, status: nil, from: "unknown@gmail.com")
            #expect(try store.reviewQueue().map(\.message.id).count == 2)
            _ = try record(store, uid: 3, unit: "TH01", status: .received)
            let queue = try store.reviewQueue()
            #expect(queue.map(\.reason) == ["chưa xác định được đơn vị gửi"])
            #expect(try store.reviewCount() == 1)
        }
    }

    @Test func excusingFromTheQueueSettlesTheMessage() throws {
        try withStore { store in
            let id = try record(store, uid: 1, unit: "TH01", status: .needsReview)
            try store.mark(unit: "TH01", campaign: "kh", status: .excused, note: nil, actor: "officer", at: now, settling: id)
            #expect(try store.receiptStatuses(campaign: "kh") == ["TH01": .excused])
            #expect(try store.reviewQueue().isEmpty)
        }
    }
}
