import DocumentCheck
import Foundation
import Intake
import MIME

/// A file's document check as stored, with the officer's verdict when she overruled it.
public struct StoredCheck: Sendable, Equatable {
    public var sha256: String
    public var result: DocumentCheckResult
    /// The page thumbnail, relative to the data directory.
    public var thumbnailPath: String?
    public var checkedAt: Date
    public var officerVerdict: CheckVerdict?
    public var officer: String?

    public init(
        sha256: String, result: DocumentCheckResult, thumbnailPath: String?, checkedAt: Date,
        officerVerdict: CheckVerdict? = nil, officer: String? = nil
    ) {
        self.sha256 = sha256
        self.result = result
        self.thumbnailPath = thumbnailPath
        self.checkedAt = checkedAt
        self.officerVerdict = officerVerdict
        self.officer = officer
    }

    /// What counts: the officer's verdict over thidua's.
    public var verdict: CheckVerdict { officerVerdict ?? result.verdict }
}

/// A message whose files are all checked, and whose conclusion (ledger entry, held
/// acknowledgement) is still to be drawn.
public struct CheckedMessage: Sendable {
    public var row: Int64
    public var campaignID: String?
    public var unitCode: String?
    public var status: ReceiptStatus?
    /// The check sent it to review before (an overruled verdict is being re-concluded).
    public var sentToReviewByCheck: Bool
    public var receivedAt: Date
    public var fromAddress: String?
    public var files: [CheckedFile]
}
