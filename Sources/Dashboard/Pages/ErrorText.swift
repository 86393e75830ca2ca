import Mustache
import Store

/// A failure as the officer reads it: what happened and what to do, in Vietnamese, from the
/// error's code; and the text as the server or libcurl gave it (English), folded away
/// behind "Chi tiết kỹ thuật" for whoever mends it.
struct ErrorText: Sendable {
    var summary: String
    var detail: String

    init(_ error: StoredError) {
        summary = Self.summary(error.code)
        detail = error.message
    }

    static func summary(_ code: StoredError.Code) -> String {
        switch code {
        case .refused:
            "Máy chủ thư của người nhận từ chối thư (địa chỉ sai hoặc hộp thư không còn dùng). Hãy kiểm tra địa chỉ trong danh sách đơn vị."
        case .deferred: "Máy chủ thư tạm thời chưa nhận thư. Thư không tự gửi lại; nếu cần, hãy liên hệ đơn vị."
        case .unreachable: "Không kết nối được máy chủ thư. thidua sẽ thử lại; nếu lỗi kéo dài, hãy báo người quản trị."
        case .login: "Máy chủ thư từ chối đăng nhập hộp thư của Phòng (mật khẩu hoặc quyền truy cập). Hãy báo người quản trị."
        case .certificate: "Chứng chỉ bảo mật của máy chủ thư không hợp lệ. Hãy báo người quản trị."
        case .compose: "Không soạn được thư (tiêu đề hoặc địa chỉ có ký tự không hợp lệ). Hãy kiểm tra địa chỉ của đơn vị."
        case .protocolError: "Máy chủ thư trả lời không như mong đợi. Hãy báo người quản trị."
        case .other: "Có lỗi khi gửi hoặc nhận thư. Hãy báo người quản trị, kèm chi tiết kỹ thuật bên dưới."
        }
    }

    /// The section a template shows it with: `{{#error}}{{> errorText}}{{/error}}` would need
    /// a partial per page; this is short enough to repeat.
    static let template =
        "<br><small>{{summary}}</small><details class=\"raw\"><summary>Chi tiết kỹ thuật</summary><small>{{detail}}</small></details>"
}

extension ErrorText: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "summary": self.summary
        case "detail": self.detail
        default: nil
        }
    }
}
