/// The built-in wording of every text the office mails: what a new office sends until the
/// officer rewords it. The reminder and digest texts are those long shipped in
/// `config/templates/`.
extension MailText {
    public var defaultText: String {
        switch self {
        case .reminderSubject: Wording.reminderSubject
        case .reminderBody: Wording.reminderBody
        case .reminderReviewSubject: Wording.reminderReviewSubject
        case .reminderReviewBody: Wording.reminderReviewBody
        case .acknowledgementBody: Wording.acknowledgementBody
        case .acknowledgementCheckingBody: Wording.acknowledgementCheckingBody
        case .replyBody: Wording.replyBody
        case .announcementSubject: Wording.announcementSubject
        case .announcementBody: Wording.announcementBody
        case .digestSubject: Wording.digestSubject
        case .digestBody: Wording.digestBody
        }
    }
}

private enum Wording {
    static let reminderSubject = """
        [Nhắc nộp hồ sơ] {{campaign_title}} — {{stage_label}}
        """

    static let reminderBody = """
        Kính gửi: {{unit_name}},

        {{office_name}} chưa nhận được {{campaign_title}} của đơn vị.
        {{#overdue}}
        Hạn nộp là {{deadline}}; hiện đã quá hạn. Đề nghị đơn vị khẩn trương gửi ngay.
        {{/overdue}}
        {{^overdue}}
        Hạn nộp: {{deadline}} ({{stage_label}}).
        {{/overdue}}

        Đơn vị vui lòng gửi bản scan có dấu đỏ (tệp PDF hoặc ảnh; không nhận văn bản giấy) về địa chỉ {{office_email}}, bằng cách trả lời thư này hoặc gửi thư mới.

        Nếu đơn vị đã gửi trong những giờ gần đây, xin bỏ qua thư này.

        Trân trọng,
        {{office_name}}

        (Thư được gửi tự động; mã đơn vị: {{unit_code}}.)

        """

    static let reminderReviewSubject = """
        [Đề nghị gửi lại] {{campaign_title}} — {{stage_label}}
        """

    static let reminderReviewBody = """
        Kính gửi: {{unit_name}},

        {{office_name}} đã nhận thư của đơn vị nhưng chưa thể ghi nhận {{campaign_title}}: {{problems}}.

        Hạn nộp: {{deadline}} ({{stage_label}}).

        Đề nghị đơn vị gửi lại bản scan có dấu đỏ (tệp PDF hoặc ảnh chụp rõ nét, đính kèm trực tiếp vào thư, không gửi đường liên kết) về địa chỉ {{office_email}}, bằng cách trả lời thư này.

        Trân trọng,
        {{office_name}}

        (Thư được gửi tự động; mã đơn vị: {{unit_code}}.)

        """

    static let acknowledgementBody = """
        Kính gửi đơn vị,

        {{#accepted}}
        {{office_name}} đã nhận {{campaign_title}} của đơn vị: {{files_summary}}, nhận lúc {{received_at}}.
        {{#files}}
          - {{filename}}
        {{/files}}
        {{#late}}

        Thư đến sau hạn nộp ({{deadline}}); hồ sơ được ghi nhận là nộp muộn.
        {{/late}}
        {{#has_notes}}

        Lưu ý về bản scan:
        {{#notes}}
          - {{text}}
        {{/notes}}
        {{/has_notes}}

        Đơn vị không cần gửi lại.
        {{/accepted}}
        {{^accepted}}
        {{office_name}} đã nhận thư của đơn vị lúc {{received_at}} nhưng chưa thể ghi nhận {{campaign_title}}:
        {{#problems}}
          - {{text}}
        {{/problems}}

        Đề nghị đơn vị gửi lại bản scan có dấu đỏ (tệp PDF hoặc ảnh chụp rõ nét), đính kèm trực tiếp vào thư, bằng cách trả lời thư này.
        {{/accepted}}
        {{#has_copies}}

        Địa chỉ {{sender}} chưa có trong danh sách địa chỉ thư của đơn vị, nên thư này cũng được gửi tới {{copies}} để nhà trường biết hồ sơ đã được gửi thay mặt trường.
        {{/has_copies}}

        Trân trọng,
        {{office_name}}

        (Thư trả lời tự động; xin không trả lời nếu đơn vị đã gửi đúng.)

        """

    static let acknowledgementCheckingBody = """
        Kính gửi đơn vị,

        {{office_name}} đã nhận thư của đơn vị lúc {{received_at}} về {{campaign_title}}. Bản scan đang được cán bộ kiểm tra:
        {{#problems}}
          - {{text}}
        {{/problems}}

        Đơn vị sẽ nhận được thư báo nếu cần gửi lại.

        Trân trọng,
        {{office_name}}

        (Thư trả lời tự động; xin không trả lời thư này.)

        """

    static let replyBody = """
        Kính gửi đơn vị,

        {{office_name}} đã xem thư đơn vị gửi lúc {{received_at}} nhưng chưa thể ghi nhận hồ sơ{{#campaign_title}} {{campaign_title}}{{/campaign_title}}, vì:

        {{#reason_lines}}
          {{text}}
        {{/reason_lines}}

        {{#before_deadline}}
        Đề nghị đơn vị gửi lại hồ sơ đúng yêu cầu trước hạn nộp {{deadline}}, bằng cách trả lời thư này.
        {{/before_deadline}}
        {{#after_deadline}}
        Hạn nộp ({{deadline}}) đã qua. Đề nghị đơn vị gửi lại hồ sơ đúng yêu cầu sớm nhất có thể, bằng cách trả lời thư này; hồ sơ gửi sau hạn được ghi nhận là nộp muộn.
        {{/after_deadline}}
        {{#no_campaign}}
        Đề nghị đơn vị gửi lại hồ sơ đúng yêu cầu, bằng cách trả lời thư này.
        {{/no_campaign}}

        Trân trọng,
        {{office_name}}

        """

    static let announcementSubject = """
        [Thông báo] {{campaign_title}} — hạn nộp {{deadline_date}}
        """

    static let announcementBody = """
        Kính gửi: {{unit_name}},

        {{office_name}} đề nghị đơn vị gửi {{campaign_title}}.

        Hạn nộp: {{deadline}}.
        {{#has_attachment}}
        Văn bản hướng dẫn của phòng được đính kèm thư này ({{attachment_name}}).
        {{/has_attachment}}

        Đơn vị gửi bản scan có dấu đỏ (tệp PDF hoặc ảnh chụp rõ nét, đính kèm trực tiếp vào thư, không gửi đường liên kết) bằng cách trả lời thư này. Thư trả lời được ghi nhận tự động cho đơn vị.

        Trân trọng,
        {{office_name}}

        (Thư được gửi tự động; mã đơn vị: {{unit_code}}.)

        """

    static let digestSubject = """
        [thidua] Tổng hợp ngày {{date}}: nhận {{received_count}} hồ sơ, còn {{missing_count}} đơn vị chưa nộp
        """

    static let digestBody = """
        Tổng hợp tiếp nhận hồ sơ ngày {{date}} — {{office_name}}

        1. Hồ sơ nhận trong ngày ({{received_count}}):
        {{#received}}
        - {{time}} {{unit_code}} {{unit_name}} — {{campaign_title}} ({{status}})
        {{/received}}
        {{^received}}
        - Hôm nay chưa nhận được hồ sơ nào.
        {{/received}}
        {{#has_review}}
        Có {{review_count}} thư trong ngày cần cán bộ xem lại (chạy: thidua status).
        {{/has_review}}

        2. Đơn vị còn thiếu hồ sơ:
        {{#campaigns}}
        {{campaign_title}} (hạn {{deadline}}): còn {{missing_count}}/{{total}} đơn vị
        {{#missing}}
        - {{unit_code}} {{unit_name}} ({{status}})
        {{/missing}}
        {{^missing}}
        - Tất cả đơn vị đã nộp.
        {{/missing}}
        {{/campaigns}}
        {{^campaigns}}
        - Không có đợt thu hồ sơ nào đang mở.
        {{/campaigns}}

        3. Thư nhắc bị trả lại hoặc chưa rõ kết quả ({{problems_count}}):
        {{#problems}}
        - {{unit_code}} {{unit_name}} — {{campaign_title}}, đợt nhắc {{stage}}: {{error}}
        {{/problems}}
        {{^problems}}
        - Không có.
        {{/problems}}

        (Thư tổng hợp được thidua gửi tự động mỗi ngày làm việc.)

        """
}
