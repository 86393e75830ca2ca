import DocumentCheck

extension CheckVerdict {
    /// The verdict as the officer reads it: a symbol and words, so that it reads the same
    /// without colour (and printed in black and white).
    public var label: String {
        switch self {
        case .seal: "✔ Có dấu đỏ"
        case .signed: "✔ Có chữ ký số"
        case .uncertain: "? Chưa rõ dấu đỏ"
        case .noSeal: "✘ Không thấy dấu đỏ"
        case .grayscale: "◐ Scan đen trắng"
        case .notAScan: "✘ Không phải bản scan"
        case .unreadable: "⚠ Không đọc được tệp"
        case .unchecked: "– Không kiểm tra"
        }
    }

    /// The label of a file whose check has not run yet.
    public static let pendingLabel = "… Đang kiểm tra"

    /// The verdict that speaks for a submission of several files: the seal when one file
    /// shows it, else the one that most needs the officer.
    public static func summary(of verdicts: [CheckVerdict]) -> CheckVerdict? {
        let order: [CheckVerdict] = [.seal, .signed, .uncertain, .grayscale, .noSeal, .unreadable, .notAScan, .unchecked]
        return order.first { verdicts.contains($0) }
    }
}

extension QualityFlag {
    /// The quality problem in Vietnamese, as the school and the officer are told it.
    public var label: String {
        switch self {
        case .lowDPI: "độ phân giải thấp (dưới 150 dpi)"
        case .blankPage: "có trang trắng"
        case .dark: "ảnh quá tối"
        case .blurred: "ảnh bị mờ"
        case .rotated: "trang bị xoay ngang"
        }
    }
}
