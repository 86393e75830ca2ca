import Foundation
import Testing

@testable import Intake

/// How a new submission changes a unit's ledger entry.
@Suite struct LedgerRulesTests {
    let earlier = Fixture.date("2021-02-15T09:00")
    let later = Fixture.date("2021-02-18T09:00")

    private func supersedes(_ incoming: ReceiptStatus, at: Date, over current: ReceiptStatus?, from currentAt: Date?) -> Bool {
        LedgerRules.supersedes(incoming: incoming, receivedAt: at, current: current, currentReceivedAt: currentAt)
    }

    @Test func firstSubmissionAlwaysCounts() {
        for status in ReceiptStatus.allCases {
            #expect(supersedes(status, at: later, over: nil, from: nil), "\(status)")
            #expect(supersedes(status, at: earlier, over: .pending, from: later), "\(status) over pending")
        }
    }

    @Test func resubmissionReplacesReviewAndRejection() {
        #expect(supersedes(.received, at: later, over: .needsReview, from: earlier))
        #expect(supersedes(.received, at: later, over: .rejected, from: earlier))
        #expect(supersedes(.late, at: later, over: .rejected, from: earlier))
        #expect(supersedes(.needsReview, at: later, over: .needsReview, from: earlier))
        #expect(supersedes(.needsReview, at: later, over: .rejected, from: earlier))
    }

    @Test func fileNeedingReviewDoesNotUndoAProperScan() {
        #expect(!supersedes(.needsReview, at: later, over: .received, from: earlier))
        #expect(!supersedes(.needsReview, at: later, over: .late, from: earlier))
        #expect(!supersedes(.needsReview, at: later, over: .excused, from: nil))
    }

    @Test func olderMessageNeverReplacesANewerOne() {
        #expect(!supersedes(.received, at: earlier, over: .needsReview, from: later))
        #expect(!supersedes(.received, at: earlier, over: .rejected, from: later))
        #expect(supersedes(.received, at: later, over: .received, from: later), "the same message seen again")
    }

    @Test func statusesAwaitingSubmission() {
        // A submission under review (a Word file, a link…) still owes the proper scan.
        #expect(ReceiptStatus.allCases.filter(\.awaitsSubmission) == [.pending, .needsReview, .rejected])
        #expect(ReceiptStatus.needsReview.rawValue == "needs_review")
        #expect(Set(ReceiptStatus.allCases.map(\.label)).count == ReceiptStatus.allCases.count)
    }

    @Test func aRejectionChangesOnlyAnEntryWithNothingAccepted() {
        for status in [ReceiptStatus.pending, .needsReview, .rejected] {
            #expect(LedgerRules.rejectionApplies(current: status, entryIsThisMessage: false))
        }
        #expect(LedgerRules.rejectionApplies(current: nil, entryIsThisMessage: false))
        // A stray file rejected never undoes a proper scan, nor an excuse…
        for status in [ReceiptStatus.received, .late, .excused] {
            #expect(!LedgerRules.rejectionApplies(current: status, entryIsThisMessage: false))
        }
        // …but rejecting the very message the entry counts does.
        #expect(LedgerRules.rejectionApplies(current: .received, entryIsThisMessage: true))
    }
}
