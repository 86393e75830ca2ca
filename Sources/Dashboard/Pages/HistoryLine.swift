import Intake
import Mustache
import Store

/// One line of a unit's history on its page, from the event log: when, what, who.
struct HistoryLine: Sendable {
    var at: String
    var what: String
    var detail: String?
    var who: String

    init(_ event: EventRecord, at: String) {
        self.at = at
        what = Self.describe(event.kind)
        detail = event.detail.flatMap { $0.isEmpty ? nil : $0 }.map { text in
            // A receipt's change is stored as codes ("pending → received"): shown as words.
            guard event.kind.hasPrefix("receipt.") else { return text }
            return text.split(separator: " ").map { word in ReceiptStatus(rawValue: String(word))?.label ?? String(word) }
                .joined(separator: " ")
        }
        who = Self.who(event.actor)
    }

    /// The event's kind, in Vietnamese.
    static func describe(_ kind: String) -> String {
        if kind.hasPrefix("receipt."), let status = ReceiptStatus(rawValue: String(kind.dropFirst("receipt.".count))) {
            return "Trạng thái: \(status.label)"
        }
        switch kind {
        case "message.stored": return "Nhận thư"
        case "message.assigned": return "Cán bộ gán thư cho đơn vị"
        case "message.overruled": return "Cán bộ đổi đơn vị của thư"
        case "message.attributed": return "Gán đơn vị theo phần đầu văn bản scan"
        case "message.rejected": return "Cán bộ trả lại hồ sơ"
        case "message.dismissed": return "Cán bộ đánh dấu thư không phải hồ sơ"
        case "message.raw_pruned": return "Xoá thư gốc theo thời hạn lưu giữ"
        case "receipt.kept": return "Giữ nguyên trạng thái"
        case "campaign.created": return "Tạo đợt thu"
        case "campaign.imported": return "Nhập đợt thu từ tệp cấu hình"
        case "campaign.edited": return "Sửa đợt thu"
        case "campaign.closed": return "Đóng đợt thu"
        case "campaign.reopened": return "Mở lại đợt thu"
        case "roster.imported": return "Nhập danh sách đơn vị"
        case "unit.added": return "Thêm đơn vị vào danh sách"
        case "unit.removed": return "Bỏ đơn vị khỏi danh sách (giữ lại hồ sơ đã nhận)"
        case "unit.renamed": return "Đổi tên đơn vị"
        case "unit.level_changed": return "Đổi cấp học"
        case "unit.address_added": return "Thêm địa chỉ email"
        case "unit.address_removed": return "Bỏ địa chỉ email"
        case "unit.learned_address_removed": return "Bỏ địa chỉ đã học"
        case "mail_text.edited": return "Sửa mẫu thư"
        case "mail_text.reset": return "Khôi phục mẫu thư mặc định"
        case "dashboard.password_set": return "Đặt mật khẩu tài khoản"
        case "dashboard.role_set": return "Đổi vai trò tài khoản"
        case "dashboard.user_removed": return "Xoá tài khoản"
        case "officer.login": return "Đăng nhập"
        default: break
        }
        let parts = kind.split(separator: ".").map(String.init)
        guard parts.count == 2, let mail = OutboxKind(rawValue: parts[0]), let state = OutboxState(rawValue: parts[1]) else { return kind }
        return "\(mail.label): \(state.label)"
    }

    /// "daemon" → thidua itself; "officer:NAME (ADDRESS)" → the officer and where from.
    static func who(_ actor: String) -> String {
        if actor == "daemon" { return "tự động" }
        if actor == "config" { return "tệp cấu hình" }
        if actor.hasPrefix("cli:") { return "lệnh thidua (" + actor.dropFirst("cli:".count) + ")" }
        if actor.hasPrefix("officer:") { return "cán bộ " + actor.dropFirst("officer:".count) }
        return actor
    }
}

extension HistoryLine: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "at": self.at
        case "what": self.what
        case "detail": self.detail
        case "who": self.who
        default: nil
        }
    }
}
