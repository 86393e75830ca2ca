import Foundation

/// What the office sends. Every kind is a row of the one outbox table.
public enum OutboxKind: String, Sendable, Codable, CaseIterable {
    /// "Phòng đã nhận hồ sơ": queued with the school's message, in the same transaction.
    case acknowledgement
    /// The officer's reply from the dashboard (a rejection and its reason).
    case reply
    /// A reminder stage to a unit still owing; claimed when due, once per (campaign, unit, stage).
    case reminder
    /// The officer's daily digest, once per day (its `stage` is the local day).
    case digest
    /// A campaign's call for submissions, once per unit it asks, sent in office hours.
    case announcement
}

/// Where a row of the outbox stands. `sending` is a claim: written before the send and
/// finished after it, so a process that dies in between leaves a send that is uncertain
/// and is never repeated.
public enum OutboxState: String, Sendable, Codable {
    /// An acknowledgement waiting for the document check of the files it tells about;
    /// released (`due`), with the check's outcome in its text, once they are checked.
    case held
    case due
    case sending
    case sent
    case failed
}

/// One mail for the outbox, before it has a row.
public struct OutboxMail: Sendable, Equatable {
    public var kind: OutboxKind
    /// The school's message it answers (acknowledgements and replies).
    public var messageRow: Int64?
    public var campaign: String?
    public var unit: String?
    /// A reminder's stage (`-3d`), or a digest's local day (`2021-02-18`).
    public var stage: String?
    /// The envelope: every address it goes to, copies included.
    public var recipients: [String]
    public var subject: String
    /// The text to send, for mail queued ahead of its send; empty for mail composed at its
    /// send (reminders and digests, rendered from their templates then).
    public var body: String
    public var inReplyTo: String?
    public var references: [String]
    /// A file sent with the mail: its path under the data directory, and its name.
    public var attachment: OutboxAttachment?

    public init(
        kind: OutboxKind, messageRow: Int64? = nil, campaign: String? = nil, unit: String? = nil, stage: String? = nil,
        recipients: [String], subject: String = "", body: String = "", inReplyTo: String? = nil, references: [String] = [],
        attachment: OutboxAttachment? = nil
    ) {
        self.attachment = attachment
        self.kind = kind
        self.messageRow = messageRow
        self.campaign = campaign
        self.unit = unit
        self.stage = stage
        self.recipients = recipients
        self.subject = subject
        self.body = body
        self.inReplyTo = inReplyTo
        self.references = references
    }
}

/// A file that goes with an outbox mail (the office's document with an announcement).
public struct OutboxAttachment: Sendable, Equatable {
    /// Under the data directory.
    public var path: String
    /// As the schools see it.
    public var name: String

    public init(path: String, name: String) {
        self.path = path
        self.name = name
    }
}

/// A row of the outbox.
public struct OutboxRecord: Sendable {
    public var id: Int64
    public var mail: OutboxMail
    public var state: OutboxState
    public var attempts: Int
    /// The Message-ID it went out with, once claimed.
    public var outgoingID: String?
    public var createdAt: Date
    public var claimedAt: Date?
    public var finishedAt: Date?
    public var error: StoredError?
}
