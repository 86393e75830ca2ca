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
        let accepted = message.attachments.filter { campaign.acceptedKinds.contains($0.kind) }
        // A sender that failed DKIM/SPF/DMARC may be someone posing as the school.
        if let authentication = message.authentication, authentication.failed {
            return SubmissionAssessment(
                status: .needsReview,
                problems: ["thư không qua kiểm tra xác thực người gửi (\(authentication.summary))"])
        }
        guard accepted.isEmpty else {
            return SubmissionAssessment(status: receivedAt > campaign.deadline ? .late : .received, problems: [])
        }
        var problems: [String] = []
        if message.attachments.isEmpty {
            problems.append(
                message.links.isEmpty
                    ? "thư không có tệp đính kèm"
                    : "thư gửi đường liên kết thay vì đính kèm tệp")
        } else {
            let kinds = Set(message.attachments.map(\.kind))
            if kinds.contains(.textPDF) { problems.append("tệp PDF không phải bản scan có dấu đỏ") }
            if kinds.contains(.office) { problems.append("tệp Word/Excel không phải bản scan có dấu đỏ") }
            if problems.isEmpty { problems.append("không có tệp scan (PDF hoặc ảnh) trong thư") }
        }
        return SubmissionAssessment(status: .needsReview, problems: problems)
    }
}
