import Foundation

/// The mail a school gets when the officer rejects its submission from the dashboard: what
/// was rejected, the officer's reason in their own words, and what to do next.
public struct RejectionNotice: Sendable, Equatable {
    public var subject: String
    public var text: String

    public init(office: OfficeProfile, campaign: Campaign?, originalSubject: String, receivedAt: Date, reason: String) {
        let trimmed = originalSubject.trimmingCharacters(in: .whitespaces)
        subject = trimmed.lowercased().hasPrefix("re:") ? trimmed : "Re: \(trimmed.isEmpty ? (campaign?.title ?? office.name) : trimmed)"
        let what = campaign.map { " \($0.title)" } ?? ""
        var lines = [
            "Kính gửi đơn vị,",
            "",
            "\(office.name) đã xem thư đơn vị gửi lúc \(office.formatDateTime(receivedAt)) nhưng chưa thể ghi nhận hồ sơ\(what), vì:",
            "",
        ]
        lines += reason.split(whereSeparator: \.isNewline).map { "  \($0)" }
        lines.append("")
        if let campaign {
            lines.append(
                "Đề nghị đơn vị gửi lại hồ sơ đúng yêu cầu trước hạn nộp \(office.formatDateTime(campaign.deadline)), bằng cách trả lời thư này."
            )
        } else {
            lines.append("Đề nghị đơn vị gửi lại hồ sơ đúng yêu cầu, bằng cách trả lời thư này.")
        }
        lines += ["", "Trân trọng,", office.name]
        text = lines.joined(separator: "\n")
    }
}
