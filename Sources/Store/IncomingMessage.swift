import Foundation
import Intake
import MIME

/// A fetched message, its stored files and what the rules concluded, ready to be committed
/// in one transaction.
public struct IncomingMessage: Sendable {
    public struct StoredAttachment: Sendable {
        public var filename: String
        public var contentType: String
        public var size: Int
        public var sha256: String
        public var kind: FileKind
        /// A file of its own under the data directory; nil while the bytes are read out of
        /// the raw message (`DataStore.content(of:)`), which is how every attachment starts.
        public var storedPath: String?

        public init(filename: String, contentType: String, size: Int, sha256: String, kind: FileKind, storedPath: String? = nil) {
            self.filename = filename
            self.contentType = contentType
            self.size = size
            self.sha256 = sha256
            self.kind = kind
            self.storedPath = storedPath
        }
    }

    public var mailbox: String
    public var uidValidity: UInt32
    public var uid: UInt32
    public var messageID: String?
    public var sha256: String
    public var rawPath: String
    public var size: Int
    public var fromAddress: String?
    public var fromName: String?
    public var subject: String
    public var sentAt: Date?
    /// The server's INTERNALDATE.
    public var receivedAt: Date
    public var unit: UnitMatch?
    public var campaignID: String?
    public var assessment: SubmissionAssessment?
    public var parseError: String?
    public var attachments: [StoredAttachment]
    /// The receiving server's DKIM/SPF/DMARC verdicts, as recorded.
    public var authResults: String?
    /// A reply to queue in the same transaction, sent after the commit.
    public var acknowledgement: Acknowledgement?
    /// The acknowledgement waits for the document check of the message's files: its
    /// campaign asks for the seal, and the school hears the check's outcome in one reply.
    public var acknowledgementAwaitsCheck = false
    /// The message's leaves that are no file (`IgnoredPart`), kept so that the unit's page
    /// lists them without reading the raw mail again.
    public var ignored: [IgnoredPart]

    public init(
        mailbox: String, uidValidity: UInt32, uid: UInt32, messageID: String?, sha256: String, rawPath: String,
        size: Int, fromAddress: String?, fromName: String?, subject: String, sentAt: Date?, receivedAt: Date,
        unit: UnitMatch?, campaignID: String?, assessment: SubmissionAssessment?, parseError: String?,
        attachments: [StoredAttachment], authResults: String? = nil, acknowledgement: Acknowledgement? = nil,
        ignored: [IgnoredPart] = []
    ) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
        self.messageID = messageID
        self.sha256 = sha256
        self.rawPath = rawPath
        self.size = size
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.subject = subject
        self.sentAt = sentAt
        self.receivedAt = receivedAt
        self.unit = unit
        self.campaignID = campaignID
        self.assessment = assessment
        self.parseError = parseError
        self.attachments = attachments
        self.authResults = authResults
        self.acknowledgement = acknowledgement
        self.ignored = ignored
    }

    /// Where the message sits in the mailbox.
    public var key: MessageKey { MessageKey(mailbox: mailbox, uidValidity: uidValidity, uid: uid) }
}
