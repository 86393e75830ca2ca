import Foundation
import Testing

@testable import Intake
@testable import Store

/// One tally: the menu's badge, the campaign's card and `thidua status` read the same
/// review queue, so they show the same number for the same data. (A trial run found 3, 2
/// and 4: the badge counted messages, the card units, and status a list of its own.)
struct TallyTests {
    let now = Date(timeIntervalSince1970: 1_613_700_000)
    let roster = try! Roster.parseCSV(
        "code,name,level,emails\nTH01,Trường TH 1,TH,th01@x.vn\nTH02,Trường TH 2,TH,th02@x.vn\nTH03,Trường TH 3,TH,th03@x.vn\n")
    let campaign = Campaign(
        id: "kh", title: "Kế hoạch", opens: Date(timeIntervalSince1970: 1_612_000_000),
        deadline: Date(timeIntervalSince1970: 1_613_900_000), keywords: ["kế hoạch"], reminders: [])

    func record(_ store: DataStore, uid: UInt32, unit: String?, status: ReceiptStatus?, campaign: String?) throws -> Int64 {
        try store.record(
            IncomingMessage(
                mailbox: "INBOX", uidValidity: 1, uid: uid, messageID: "<m\(uid)@x.vn>",
                sha256: String(repeating: "\(uid % 10)", count: 64), rawPath: "raw/\(uid).eml", size: 100,
                fromAddress: "sender\(uid)@gmail.com", fromName: nil, subject: "Kế hoạch \(uid)", sentAt: nil,
                receivedAt: now.addingTimeInterval(Double(uid)), unit: unit.map { UnitMatch(code: $0, confidence: 1, reason: "địa chỉ") },
                campaignID: campaign, assessment: status.map { SubmissionAssessment(status: $0, problems: ["tệp Word"]) },
                parseError: nil, attachments: []), at: now)
    }

    @Test func theBadgeTheCardAndStatusShowOneReviewCount() throws {
        try withTemporaryStore { store, _ in
            // Waiting: an unknown sender with no campaign, one about this campaign, and a
            // unit's Word file.
            _ = try record(store, uid: 1, unit: nil, status: nil, campaign: nil)
            _ = try record(store, uid: 2, unit: nil, status: nil, campaign: "kh")
            _ = try record(store, uid: 3, unit: "TH01", status: .needsReview, campaign: "kh")
            // Not waiting: a Word file its unit has since replaced with a proper scan, and an
            // unknown sender the officer rejected.
            _ = try record(store, uid: 4, unit: "TH02", status: .needsReview, campaign: "kh")
            _ = try record(store, uid: 5, unit: "TH02", status: .received, campaign: "kh")
            let spam = try record(store, uid: 6, unit: nil, status: nil, campaign: nil)
            try store.reject(messageID: spam, unit: nil, campaign: nil, reason: "quảng cáo", reply: nil, actor: "officer", at: now)

            let badge = try store.reviewCount()
            let card = Tally(
                roster: roster, statuses: try store.ledger(campaign: "kh").mapValues(\.status),
                awaitingReview: try store.reviewCount(campaign: "kh"))
            let report = try store.statusReport(campaign: campaign, roster: roster)
            #expect(badge == 3)
            #expect(card.awaitingReview == 3)
            #expect(report.summary == card)
            #expect(report.review.count == 3)
            #expect(try store.reviewQueue().count == 3)
            // The digest's "thư trong ngày cần xem lại" counts the same queue.
            #expect(try store.messagesNeedingReview(from: now, to: now.addingTimeInterval(100)) == 3)
            // The units: TH01 needs review, TH02 received, TH03 pending.
            #expect(card.total == 3 && card.needsReview == 1 && card.received == 1 && card.pending == 1 && card.done == 1)
        }
    }

    /// The status page reads the queue without the messages' files; it must list the same
    /// messages, in the same order, for the same reasons as the dashboard's full queue.
    @Test func theStatusPagesReviewListIsTheQueue() throws {
        try withTemporaryStore { store, _ in
            _ = try record(store, uid: 1, unit: nil, status: nil, campaign: "kh")
            _ = try record(store, uid: 2, unit: "TH01", status: .needsReview, campaign: "kh")
            _ = try record(store, uid: 3, unit: nil, status: nil, campaign: nil)
            _ = try store.record(
                IncomingMessage(
                    mailbox: "INBOX", uidValidity: 1, uid: 4, messageID: nil, sha256: String(repeating: "a", count: 64),
                    rawPath: "raw/4.eml", size: 10, fromAddress: nil, fromName: nil, subject: "", sentAt: nil,
                    receivedAt: now.addingTimeInterval(4), unit: nil, campaignID: nil, assessment: nil,
                    parseError: "không có phần đầu thư", attachments: []), at: now)
            let listed = try store.statusReport(campaign: campaign, roster: roster).review
            let queue = try store.reviewQueue(campaign: "kh")
            #expect(listed.map(\.id) == queue.map(\.message.id))
            #expect(listed.map(\.reason) == queue.map(\.reason))
            #expect(listed.map(\.subject) == queue.map(\.message.subject))
            #expect(listed.map(\.from) == queue.map(\.message.fromAddress))
            #expect(listed.map(\.unit) == queue.map(\.message.unitCode))
            #expect(listed.map(\.receivedAt) == queue.map(\.message.receivedAt))
            #expect(Set(listed.map(\.reason)).count == 3, "\(listed.map(\.reason))")
        }
    }

    @Test func anotherCampaignsMessagesStayOutOfThisOnesCount() throws {
        try withTemporaryStore { store, _ in
            _ = try record(store, uid: 1, unit: "TH01", status: .needsReview, campaign: "bc")
            _ = try record(store, uid: 2, unit: nil, status: nil, campaign: nil)
            #expect(try store.reviewCount(campaign: "kh") == 1)
            #expect(try store.reviewCount(campaign: "bc") == 2)
            #expect(try store.reviewCount() == 2)
            #expect(try store.statusReport(campaign: campaign, roster: roster).summary.awaitingReview == 1)
        }
    }

    @Test func aLedgerEntryOfAUnitNoLongerOnTheRosterCountsNowhere() {
        let tally = Tally(roster: roster, statuses: ["TH01": .received, "GONE": .late], awaitingReview: 0)
        #expect(tally.total == 3 && tally.received == 1 && tally.late == 0 && tally.pending == 2)
    }

    /// The dashboard counts from the ledger in place; `thidua status` from its statuses.
    @Test func aTallyReadInPlaceFromTheLedgerIsTheTallyOfItsStatuses() {
        let lines: [String: (status: ReceiptStatus, senderUnconfirmed: Bool)] = [
            "TH01": (.received, true), "TH02": (.needsReview, true), "GONE": (.late, true),
        ]
        let inPlace = Tally(roster: roster, awaitingReview: 2) { lines[$0] }
        let fromStatuses = Tally(
            roster: roster, statuses: lines.mapValues(\.status), awaitingReview: 2,
            senderUnconfirmed: Set(lines.filter(\.value.senderUnconfirmed).keys))
        #expect(inPlace == fromStatuses)
        // An unconfirmed sender counts only for a unit whose submission is in.
        #expect(inPlace.senderUnconfirmed == 1 && inPlace.received == 1 && inPlace.needsReview == 1 && inPlace.pending == 1)
        #expect(inPlace.awaitingReview == 2)
    }
}
