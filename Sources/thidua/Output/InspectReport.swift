import DocumentCheck
import Foundation
import Intake
import MIME

/// `thidua inspect --json`: one object per message (the DESIGN.md contract).
struct InspectReport: Encodable {
    struct File: Encodable {
        var filename: String
        var content_type: String
        var size: Int
        var sha256: String
        var kind: String
        var inline: Bool
        var members: [ArchiveMember]?
        /// Nil with `inspect --no-check`, and then left out.
        var check: DocumentCheckResult?
    }

    /// A leaf that is no file, and why (DESIGN.md: every leaf part is accounted for).
    struct Ignored: Encodable {
        var filename: String?
        var content_type: String
        var size: Int
        var sha256: String
        var reason: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(filename, forKey: .filename)  // null, not left out
            try container.encode(content_type, forKey: .content_type)
            try container.encode(size, forKey: .size)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(reason, forKey: .reason)
        }

        enum CodingKeys: String, CodingKey { case filename, content_type, size, sha256, reason }
    }

    struct CampaignRef: Encodable {
        var id: String
        var title: String
    }

    struct Assessment: Encodable {
        var status: String
        var problems: [String]
    }

    var file: String?
    var message_id: String?
    var from: String?
    var from_name: String?
    var subject: String
    var date: Date?
    var attachments: [File]
    var ignored: [Ignored]
    var links: [String]
    var unit: UnitMatch?
    var campaign: CampaignRef?
    var assessment: Assessment?
    var defects: [String]

    /// `matcher` attributes a message no sender or text names by its scans' header, as the
    /// daemon does once the check has read them.
    init(
        file: String?, message: MailMessage, decision: IntakeDecision?, checker: DocumentChecker? = DocumentChecker(),
        matcher: UnitMatcher? = nil
    ) {
        self.file = file
        message_id = message.messageID
        from = message.from?.address
        from_name = message.from?.displayName
        subject = message.subject
        date = message.date
        attachments = message.attachments.map {
            File(
                filename: $0.filename, content_type: $0.contentType, size: $0.size, sha256: $0.sha256, kind: $0.kind.rawValue,
                inline: $0.isInline, members: $0.members.isEmpty ? nil : $0.members,
                check: checker?.check($0.data, kind: $0.kind).result)
        }
        ignored = message.ignored.map {
            Ignored(filename: $0.filename, content_type: $0.contentType, size: $0.size, sha256: $0.sha256, reason: $0.reason.rawValue)
        }
        links = message.links
        unit = decision?.unit
        if unit == nil, let matcher {
            let files = zip(message.attachments, attachments).map { attachment, file in
                CheckedFile(
                    filename: attachment.filename, kind: attachment.kind, verdict: file.check?.verdict ?? .unchecked,
                    document: file.check?.document)
            }
            unit = DocumentHeaderRule.namedUnit(files, matcher: matcher)
        }
        campaign = decision?.campaign.map { CampaignRef(id: $0.id, title: $0.title) }
        assessment = decision?.assessment.map { Assessment(status: $0.status.rawValue, problems: $0.problems) }
        defects = message.defects
    }

    enum CodingKeys: String, CodingKey {
        case file, message_id, from, from_name, subject, date, attachments, ignored, links, unit, campaign, assessment, defects
    }

    /// Absent values are written as `null`, not left out: the JSON contract names every key.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(message_id, forKey: .message_id)
        try container.encode(from, forKey: .from)
        try container.encode(from_name, forKey: .from_name)
        try container.encode(subject, forKey: .subject)
        try container.encode(date, forKey: .date)
        try container.encode(attachments, forKey: .attachments)
        try container.encode(ignored, forKey: .ignored)
        try container.encode(links, forKey: .links)
        try container.encode(unit, forKey: .unit)
        try container.encode(campaign, forKey: .campaign)
        try container.encode(assessment, forKey: .assessment)
        try container.encode(defects, forKey: .defects)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()
}
