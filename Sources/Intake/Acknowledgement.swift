import Foundation
import MIME

/// The reply thidua sends a school after recording its mail: what was received and when,
/// or what is wrong and what to do — so nobody has to phone the office to ask.
public struct Acknowledgement: Sendable, Equatable {
    public var recipient: String
    public var subject: String
    public var text: String
    public var inReplyTo: String?
    public var references: [String]
    /// The unit's own addresses, copied when the sender is not yet one of them: the school
    /// learns of a submission made in its name.
    public var copies: [String]

    public init(recipient: String, subject: String, text: String, inReplyTo: String?, references: [String], copies: [String] = []) {
        self.recipient = recipient
        self.subject = subject
        self.text = text
        self.inReplyTo = inReplyTo
        self.references = references
        self.copies = copies
    }
}

/// When to acknowledge (RFC 3834) and what to say, in Vietnamese.
public struct AcknowledgementPolicy: Sendable {
    public var office: OfficeProfile
    public var maxPerSenderPerDay: Int
    /// The wording (`acknowledgement.body`, `acknowledgement-checking.body`).
    public var texts: MailTexts

    public init(office: OfficeProfile, maxPerSenderPerDay: Int = 3, texts: MailTexts = .builtIn) {
        self.office = office
        self.maxPerSenderPerDay = maxPerSenderPerDay
        self.texts = texts
    }

    /// The acknowledgement for a recorded submission, or nil when none may be sent: never
    /// to automated mail (auto-replies, lists, bounces), the office itself, a sender
    /// already answered `maxPerSenderPerDay` times in the last day, or mail that was
    /// already in the mailbox when thidua first read it (`isBacklog`).
    /// `unitAddresses`: the unit's own addresses, when the sender is not confirmed as one of
    /// them (`UnitMatch.confirmsSender`); they get a copy.
    public func acknowledgement(
        for message: MailMessage, assessment: SubmissionAssessment, campaign: Campaign,
        receivedAt: Date, isBacklog: Bool, repliesToSenderLastDay: Int, unitAddresses: [String] = []
    ) -> Acknowledgement? {
        guard let sender = (message.replyTo ?? message.from)?.address, let from = message.from?.address else { return nil }
        guard !isBacklog, !message.isAutomated, !office.ownAddresses.contains(from), !office.ownAddresses.contains(sender),
            repliesToSenderLastDay < maxPerSenderPerDay
        else { return nil }
        let copies = unitAddresses.filter { $0.lowercased() != sender.lowercased() && !office.ownAddresses.contains($0.lowercased()) }
        var context = context(for: message, assessment: assessment, campaign: campaign, receivedAt: receivedAt)
        context["has_copies"] = !copies.isEmpty
        context["sender"] = sender
        context["copies"] = copies.joined(separator: ", ")
        return Acknowledgement(
            recipient: sender,
            subject: ReplySubject.make(replyingTo: message.subject, fallback: campaign.title),
            text: texts.render(.acknowledgementBody, context),
            inReplyTo: message.messageID,
            references: message.references + (message.messageID.map { [$0] } ?? []),
            copies: copies)
    }

    func text(for message: MailMessage, assessment: SubmissionAssessment, campaign: Campaign, receivedAt: Date) -> String {
        texts.render(.acknowledgementBody, context(for: message, assessment: assessment, campaign: campaign, receivedAt: receivedAt))
    }

    /// What `acknowledgement.body` is filled from: the files accepted, or the problems.
    func context(
        for message: MailMessage, assessment: SubmissionAssessment, campaign: Campaign, receivedAt: Date, notes: [String] = []
    ) -> [String: Any] {
        let accepted = message.attachments.filter { campaign.acceptedKinds.contains($0.kind) }
        let isAccepted = assessment.status == .received || assessment.status == .late
        return [
            "office_name": office.name,
            "campaign_title": campaign.title,
            "deadline": office.formatDateTime(campaign.deadline),
            "received_at": receivedTime(receivedAt),
            "accepted": isAccepted,
            "late": assessment.status == .late,
            "files_summary": Self.describe(accepted),
            "files": accepted.map { ["filename": $0.filename] },
            "problems": assessment.problems.map { ["text": $0] },
            "has_notes": !notes.isEmpty,
            "notes": notes.map { ["text": $0] },
            "has_copies": false,
        ]
    }

    /// "14:05 ngày 21/02/2021", as a letter writes the time of receipt.
    func receivedTime(_ date: Date) -> String {
        let when = office.formatDateTime(date).split(separator: " ")
        return "\(when.last ?? "") ngày \(when.first ?? "")"
    }

    /// "2 tệp PDF, 1 ảnh (3,1 MB)".
    static func describe(_ files: [Attachment]) -> String {
        let pdfs = files.filter { $0.kind == .scanPDF || $0.kind == .textPDF }.count
        let images = files.filter { $0.kind == .image }.count
        let others = files.count - pdfs - images
        var parts: [String] = []
        if pdfs > 0 { parts.append("\(pdfs) tệp PDF") }
        if images > 0 { parts.append("\(images) ảnh") }
        if others > 0 { parts.append("\(others) tệp khác") }
        return "\(parts.joined(separator: ", ")) (\(megabytes(files.reduce(0) { $0 + $1.size })))"
    }

    /// Sizes as Vietnamese readers write them: a decimal comma, one decimal.
    static func megabytes(_ bytes: Int) -> String {
        let tenths = Int((Double(bytes) / 1_048_576 * 10).rounded())
        return tenths < 1 ? "\(max(1, bytes / 1024)) KB" : "\(tenths / 10),\(tenths % 10) MB"
    }
}
