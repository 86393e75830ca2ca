/// A text the office mails, which the officer may reword: each has a built-in Vietnamese
/// default (`MailTextDefaults`), may be replaced by a file in the config's `templates`
/// folder, and then by the officer's own wording from the dashboard.
public enum MailText: String, CaseIterable, Sendable, Codable {
    case reminderSubject = "reminder.subject"
    case reminderBody = "reminder.body"
    case reminderReviewSubject = "reminder-review.subject"
    case reminderReviewBody = "reminder-review.body"
    case acknowledgementBody = "acknowledgement.body"
    case acknowledgementCheckingBody = "acknowledgement-checking.body"
    case replyBody = "reply.body"
    case announcementSubject = "announcement.subject"
    case announcementBody = "announcement.body"
    case digestSubject = "digest.subject"
    case digestBody = "digest.body"

    /// A placeholder the text may use, with what it stands for (in Vietnamese, for the
    /// officer's editor). A list's item fields are placeholders too.
    public struct Placeholder: Sendable, Equatable {
        public var name: String
        public var meaning: String
    }

    /// Subjects are one line: a line break in one is folded away when rendered.
    public var isSubject: Bool { rawValue.hasSuffix(".subject") }

    /// The file in the config's `templates` folder that replaces the default (the names
    /// thidua has always read: `reminder.txt.mustache` for a body).
    public var fileName: String {
        rawValue.replacingOccurrences(of: ".body", with: ".txt") + ".mustache"
    }

    /// In Vietnamese, for the list of texts.
    public var title: String {
        switch self {
        case .reminderSubject: "Thư nhắc nộp — tiêu đề"
        case .reminderBody: "Thư nhắc nộp — nội dung"
        case .reminderReviewSubject: "Thư đề nghị gửi lại — tiêu đề"
        case .reminderReviewBody: "Thư đề nghị gửi lại — nội dung"
        case .acknowledgementBody: "Thư báo đã nhận hồ sơ (hoặc hồ sơ chưa đạt) — nội dung"
        case .acknowledgementCheckingBody: "Thư báo bản scan đang được kiểm tra — nội dung"
        case .replyBody: "Thư trả lại hồ sơ (cán bộ ghi lý do) — nội dung"
        case .announcementSubject: "Thư thông báo đợt thu — tiêu đề"
        case .announcementBody: "Thư thông báo đợt thu — nội dung"
        case .digestSubject: "Thư tổng hợp hằng ngày cho cán bộ — tiêu đề"
        case .digestBody: "Thư tổng hợp hằng ngày cho cán bộ — nội dung"
        }
    }

    public var placeholders: [Placeholder] {
        func p(_ name: String, _ meaning: String) -> Placeholder { Placeholder(name: name, meaning: meaning) }
        let office = [p("office_name", "tên cơ quan"), p("office_email", "địa chỉ thư của phòng")]
        let unit = [p("unit_name", "tên đơn vị"), p("unit_code", "mã đơn vị")]
        let campaign = [
            p("campaign_title", "tên đợt thu"), p("deadline", "hạn nộp (giờ và ngày)"), p("deadline_date", "ngày hạn nộp"),
        ]
        switch self {
        case .reminderSubject, .reminderBody, .reminderReviewSubject, .reminderReviewBody:
            return office + unit + campaign + [
                p("stage_label", "mốc nhắc, ví dụ “còn 3 ngày đến hạn nộp”"), p("overdue", "đã quá hạn (mục điều kiện)"),
                p("problems", "vì sao hồ sơ chưa đạt"),
            ]
        case .acknowledgementBody:
            return [
                p("office_name", "tên cơ quan"), p("campaign_title", "tên đợt thu"), p("deadline", "hạn nộp"),
                p("received_at", "giờ và ngày nhận thư"), p("accepted", "hồ sơ được ghi nhận (mục điều kiện)"),
                p("late", "nộp sau hạn (mục điều kiện)"), p("files_summary", "số tệp và dung lượng"),
                p("files", "danh sách tệp (mục lặp)"), p("filename", "tên tệp, trong mục files"),
                p("problems", "danh sách lỗi (mục lặp)"), p("has_notes", "có lưu ý về bản scan (mục điều kiện)"),
                p("notes", "danh sách lưu ý (mục lặp)"), p("text", "một dòng lỗi hoặc lưu ý, trong mục problems/notes"),
                p("has_copies", "thư được gửi kèm cho địa chỉ của trường (mục điều kiện)"), p("sender", "địa chỉ người gửi"),
                p("copies", "các địa chỉ được gửi kèm"),
            ]
        case .acknowledgementCheckingBody:
            return [
                p("office_name", "tên cơ quan"), p("campaign_title", "tên đợt thu"), p("received_at", "giờ và ngày nhận thư"),
                p("problems", "điều cán bộ đang kiểm tra (mục lặp)"), p("text", "một dòng, trong mục problems"),
            ]
        case .replyBody:
            return [
                p("office_name", "tên cơ quan"), p("campaign_title", "tên đợt thu (có thể trống)"),
                p("received_at", "giờ và ngày nhận thư"), p("reason_lines", "lý do cán bộ ghi (mục lặp)"),
                p("text", "một dòng lý do, trong mục reason_lines"), p("deadline", "hạn nộp"),
                p("before_deadline", "chưa quá hạn (mục điều kiện)"), p("after_deadline", "đã quá hạn (mục điều kiện)"),
                p("no_campaign", "thư không thuộc đợt thu nào (mục điều kiện)"),
            ]
        case .announcementSubject, .announcementBody:
            return office + unit + campaign + [
                p("opens", "ngày mở đợt thu"), p("has_attachment", "có văn bản đính kèm (mục điều kiện)"),
                p("attachment_name", "tên tệp đính kèm"),
            ]
        case .digestSubject, .digestBody:
            return [
                p("office_name", "tên cơ quan"), p("date", "ngày tổng hợp"), p("received_count", "số hồ sơ nhận trong ngày"),
                p("received", "hồ sơ nhận trong ngày (mục lặp)"), p("time", "giờ nhận"), p("unit_code", "mã đơn vị"),
                p("unit_name", "tên đơn vị"), p("campaign_title", "tên đợt thu"), p("status", "trạng thái"),
                p("has_review", "có thư cần xem lại (mục điều kiện)"), p("review_count", "số thư cần xem lại"),
                p("campaigns", "các đợt thu đang mở (mục lặp)"), p("deadline", "hạn nộp"), p("missing_count", "số đơn vị còn thiếu"),
                p("total", "tổng số đơn vị"), p("missing", "đơn vị còn thiếu (mục lặp)"),
                p("problems_count", "số thư nhắc lỗi"), p("problems", "thư nhắc lỗi (mục lặp)"), p("stage", "mốc nhắc"),
                p("error", "lỗi"),
            ]
        }
    }
}
