import Foundation
import Intake

/// The officer's answer to "who has sent, who has not" for one campaign: the shape that
/// `thidua status --json` prints and the dashboard shows.
public struct StatusReport: Sendable, Codable {
    public struct CampaignInfo: Sendable, Codable {
        public var id: String
        public var title: String
        public var deadline: Date
    }

    public struct Summary: Sendable, Codable {
        public var total = 0
        public var received = 0
        public var late = 0
        public var pending = 0
        public var needsReview = 0
        public var rejected = 0
        public var excused = 0

        enum CodingKeys: String, CodingKey {
            case total, received, late, pending, rejected, excused
            case needsReview = "needs_review"
        }
    }

    public struct FileInfo: Sendable, Codable {
        public var filename: String
        public var kind: String
        public var size: Int
        public var sha256: String
    }

    public struct UnitRow: Sendable, Codable {
        public var code: String
        public var name: String
        public var level: String
        public var status: ReceiptStatus
        public var receivedAt: Date?
        public var note: String?
        public var attachments: [FileInfo]

        enum CodingKeys: String, CodingKey {
            case code, name, level, status, note, attachments
            case receivedAt = "received_at"
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
    }

    public var campaign: CampaignInfo
    public var summary: Summary
    public var units: [UnitRow]
    public var intake: IntakeInfo
}
