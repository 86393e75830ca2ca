import DocumentCheck
import Foundation
import Intake
import MIME

/// The officer's answer to "who has sent, who has not" for one campaign: the shape that
/// `thidua status --json` prints and the dashboard shows.
public struct StatusReport: Sendable, Codable {
    public struct CampaignInfo: Sendable, Codable {
        public var id: String
        public var title: String
        public var deadline: Date
    }

    /// The campaign's tally, as every view shows it.
    public typealias Summary = Tally

    public struct FileInfo: Sendable, Codable {
        public var filename: String
        public var kind: FileKind
        public var size: Int
        public var sha256: String
        /// The document check's verdict (the officer's when she overruled it); null while
        /// the file waits for its check.
        public var check: CheckVerdict?

        enum CodingKeys: String, CodingKey { case filename, kind, size, sha256, check }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(filename, forKey: .filename)
            try container.encode(kind, forKey: .kind)
            try container.encode(size, forKey: .size)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(check, forKey: .check)
        }
    }

    public struct UnitRow: Sendable, Codable {
        public var code: String
        public var name: String
        public var level: String
        public var status: ReceiptStatus
        public var receivedAt: Date?
        public var note: String?
        public var attachments: [FileInfo]
        /// False for a submission from an address not yet known to be the unit's.
        public var senderConfirmed: Bool = true

        enum CodingKeys: String, CodingKey {
            case code, name, level, status, note, attachments
            case receivedAt = "received_at"
            case senderConfirmed = "sender_confirmed"
        }

        // `received_at` and `note` are written as null when absent: the contract names them.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(name, forKey: .name)
            try container.encode(level, forKey: .level)
            try container.encode(status, forKey: .status)
            try container.encode(receivedAt, forKey: .receivedAt)
            try container.encode(note, forKey: .note)
            try container.encode(attachments, forKey: .attachments)
            try container.encode(senderConfirmed, forKey: .senderConfirmed)
        }
    }

    public struct IntakeInfo: Sendable, Codable {
        public var messages: Int
        public var attachments: Int
        public var unmatched: Int
        public var errors: Int
        public var lastPoll: Date?
        public var lastError: String?

        enum CodingKeys: String, CodingKey {
            case messages, attachments, unmatched, errors
            case lastPoll = "last_poll"
            case lastError = "last_error"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(messages, forKey: .messages)
            try container.encode(attachments, forKey: .attachments)
            try container.encode(unmatched, forKey: .unmatched)
            try container.encode(errors, forKey: .errors)
            try container.encode(lastPoll, forKey: .lastPoll)
            try container.encode(lastError, forKey: .lastError)
        }
    }

    /// Reminders of this campaign: what went out, what bounced, what is uncertain (the
    /// daemon died between recording and confirming the send — never repeated).
    public struct RemindersInfo: Sendable, Codable {
        public struct Failure: Sendable, Codable {
            public var unit: String
            public var stage: String
            public var error: String
        }
        public var sent = 0
        public var failed = 0
        public var uncertain = 0
        public var failures: [Failure] = []
    }

    /// A message waiting for the officer: no unit could be told for sure, or the file is
    /// not an acceptable scan. `thidua assign ID UNIT` or `thidua mark` settles it.
    public struct ReviewItem: Sendable, Codable {
        public var id: Int64
        public var from: String?
        public var subject: String
        public var receivedAt: Date
        public var unit: String?
        public var reason: String

        enum CodingKeys: String, CodingKey {
            case id, from, subject, unit, reason
            case receivedAt = "received_at"
        }
    }

    public var campaign: CampaignInfo
    public var summary: Summary
    public var units: [UnitRow]
    public var intake: IntakeInfo
    public var reminders: RemindersInfo
    public var review: [ReviewItem]
}
