import Foundation
import MIME

/// The ledger status a submission earns, and what is wrong with it if anything.
public struct SubmissionAssessment: Sendable, Equatable {
    public var status: ReceiptStatus
    /// Vietnamese, for the officer and for the school: why it needs review.
    public var problems: [String]

    /// Lateness is judged on the server's arrival time (INTERNALDATE), never the sender's
    /// Date header, which a wrong phone clock or a resent draft can put anywhere.
    public static func assess(_ message: MailMessage, for campaign: Campaign, receivedAt: Date) -> SubmissionAssessment {
        let accepted = message.attachments.filter { $0.size > 0 && campaign.acceptedKinds.contains($0.kind) }
        // A file that arrived empty (a phone that lost it, a client that failed to attach it):
        // named, so the school knows which to send again.
        let empty = message.attachments.filter { $0.size == 0 }.map {
            "tệp đính kèm rỗng (0 byte): \($0.filename) — đề nghị gửi lại tệp này"
        }
        // A sender that failed DKIM/SPF/DMARC may be someone posing as the school.
        if let authentication = message.authentication, authentication.failed {
            return SubmissionAssessment(
                status: .needsReview,
                problems: ["thư không qua kiểm tra xác thực người gửi (\(authentication.summary))"])
        }
        guard accepted.isEmpty else {
            return SubmissionAssessment(status: campaign.status(receivedAt: receivedAt), problems: [])
        }
        var problems: [String] = empty
        if message.attachments.isEmpty {
            problems.append(
                message.links.isEmpty
                    ? "thư không có tệp đính kèm"
                    : "thư gửi đường liên kết thay vì đính kèm tệp")
        } else if empty.count < message.attachments.count {
            let kinds = Set(message.attachments.filter { $0.size > 0 }.map(\.kind))
            var wrongKind: [String] = []
            if kinds.contains(.textPDF) { wrongKind.append("tệp PDF không phải bản scan có dấu đỏ") }
            if kinds.contains(.office) { wrongKind.append("tệp Word/Excel không phải bản scan có dấu đỏ") }
            if wrongKind.isEmpty { wrongKind.append("không có tệp scan (PDF hoặc ảnh) trong thư") }
            problems += wrongKind
        }
        return SubmissionAssessment(status: .needsReview, problems: problems)
    }
}
