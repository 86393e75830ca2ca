import DocumentCheck
import Foundation
import Intake
import MIME

/// What the dashboard reads from the store, one value type per kind of row.

/// A line of the office's register of incoming documents (sổ công văn đến).
public struct RegisterEntry: Sendable, Equatable {
    public var message: Int64
    public var receivedAt: Date
    public var unitCode: String
    public var status: ReceiptStatus?
    public var subject: String
    /// The first file's name.
    public var filename: String?
    public var document: DocumentFacts?

    public init(
        message: Int64, receivedAt: Date, unitCode: String, status: ReceiptStatus?, subject: String, filename: String?,
        document: DocumentFacts? = nil
    ) {
        self.message = message
        self.receivedAt = receivedAt
        self.unitCode = unitCode
        self.status = status
        self.subject = subject
        self.filename = filename
        self.document = document
    }
}

/// A unit's line in a campaign's ledger.
public struct LedgerRow: Sendable {
    public var unit: String
    public var status: ReceiptStatus
    public var receivedAt: Date?
    public var note: String?
    public var attachmentCount: Int
    /// Received (on time or late) from an address not yet known to be the unit's
    /// (`UnitMatch.confirmsSender`): the officer may confirm the sender or look again.
    public var senderUnconfirmed: Bool
    /// The document check's verdicts on the entry's files (the officer's where she set one);
    /// nil for a file not checked yet.
    public var checks: [CheckVerdict?]
    /// What the entry's first scan says about itself, when it was read.
    public var document: DocumentFacts?

    public init(
        unit: String, status: ReceiptStatus, receivedAt: Date?, note: String?, attachmentCount: Int, senderUnconfirmed: Bool = false,
        checks: [CheckVerdict?] = [], document: DocumentFacts? = nil
    ) {
        self.checks = checks
        self.document = document
        self.unit = unit
        self.status = status
        self.receivedAt = receivedAt
        self.note = note
        self.attachmentCount = attachmentCount
        self.senderUnconfirmed = senderUnconfirmed
    }
}

public struct StoredAttachment: Sendable {
    public var id: Int64
    public var messageRow: Int64
    public var filename: String
    public var contentType: String
    public var kind: FileKind
    public var size: Int
    public var sha256: String
    /// Its own file, once written out (when the raw mail is pruned); nil while it is read
    /// out of the raw message.
    public var storedPath: String?
    /// The raw message that holds it; nil once that is pruned.
    public var rawPath: String?
}

public struct StoredMessage: Sendable {
    public var id: Int64
    public var fromAddress: String?
    public var fromName: String?
    public var subject: String
    public var receivedAt: Date
    public var campaignID: String?
    public var unitCode: String?
    public var status: ReceiptStatus?
    public var problems: String?
    public var matchReason: String?
    public var parseError: String?
    public var attachments: [StoredAttachment]
    /// Set aside by the officer as no submission (`DataStore.dismiss`).
    public var dismissed: Bool = false
    /// Attributed by its sender's known address, a thread or the officer, not by a name in
    /// its text (`UnitMatch.confirmsSender`).
    public var senderConfirmed: Bool = true
    /// Its leaves that are no file, as recorded; nil for mail stored before they were kept
    /// (`DataStore.ignoredParts(messageID:)` reads them from the raw mail).
    public var ignored: [IgnoredPart]? = nil
}

/// A message waiting for the officer's decision.
public struct ReviewEntry: Sendable {
    public var message: StoredMessage
    /// Why it waits, in Vietnamese.
    public var reason: String
}

/// The mailbox side of health: when polling last worked, and the failure in hand.
public struct IntakeHealth: Sendable {
    public var lastPoll: Date?
    /// The failure's message as it came, and its code (`StoredError`) for wording it.
    public var lastError: String?
    public var lastErrorCode: StoredError.Code?
    public var lastErrorAt: Date?
    public var failingSince: Date?
    /// The failure needs a person: retrying will not mend it.
    public var needsAction: Bool

    public init(
        lastPoll: Date? = nil, lastError: String? = nil, lastErrorAt: Date? = nil, failingSince: Date? = nil,
        needsAction: Bool = false
    ) {
        self.lastPoll = lastPoll
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.failingSince = failingSince
        self.needsAction = needsAction
    }
}

/// Running totals for `/metrics`: counted from the store, so they survive restarts and
/// never go down.
public struct StoreTotals: Sendable {
    public var messages = 0
    public var attachments = 0
    public var unmatched = 0
    public var parseErrors = 0
    public var acknowledgementsSent = 0
    public var acknowledgementsFailed = 0
    public var remindersSent = 0
    public var remindersFailed = 0
    public var remindersUncertain = 0
    public var repliesSent = 0
    public var repliesFailed = 0

    public init() {}
}
