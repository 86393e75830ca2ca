import Foundation

/// The mail a school gets when the officer rejects its submission from the dashboard: what
/// was rejected, the officer's reason in their own words, and what to do next.
public struct RejectionNotice: Sendable, Equatable {
    public var subject: String
    public var text: String

    /// `now`: when the notice is written; past the campaign's deadline it no longer asks for
    /// the file "before the deadline".
    public init(office: OfficeProfile, campaign: Campaign?, originalSubject: String, receivedAt: Date, reason: String, now: Date) {
        subject = ReplySubject.make(replyingTo: originalSubject, fallback: campaign?.title ?? office.name)
        let what = campaign.map { " \($0.title)" } ?? ""
        var lines = [
            "Kính gửi đơn vị,",
            "",
            "\(office.name) đã xem thư đơn vị gửi lúc \(office.formatDateTime(receivedAt)) nhưng chưa thể ghi nhận hồ sơ\(what), vì:",
            "",
        ]
        lines += reason.split(whereSeparator: \.isNewline).map { "  \($0)" }
        lines.append("")
        if let campaign, now <= campaign.deadline {
            lines.append(
                "Đề nghị đơn vị gửi lại hồ sơ đúng yêu cầu trước hạn nộp \(office.formatDateTime(campaign.deadline)), bằng cách trả lời thư này."
            )
        } else if let campaign {
            lines.append(
                "Hạn nộp (\(office.formatDateTime(campaign.deadline))) đã qua. Đề nghị đơn vị gửi lại hồ sơ đúng yêu cầu sớm nhất có thể, "
                    + "bằng cách trả lời thư này; hồ sơ gửi sau hạn được ghi nhận là nộp muộn.")
        } else {
            lines.append("Đề nghị đơn vị gửi lại hồ sơ đúng yêu cầu, bằng cách trả lời thư này.")
        }
        lines += ["", "Trân trọng,", office.name]
        text = lines.joined(separator: "\n")
    }
}
