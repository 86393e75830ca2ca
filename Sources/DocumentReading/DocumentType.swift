import Intake

/// The types of administrative documents (Nghị định 30/2020, appendix III) and the
/// abbreviations their numbers carry ("15/KH-THCSNT" is a kế hoạch).
enum DocumentType {
    static let all: [(name: String, symbol: String)] = [
        ("KẾ HOẠCH", "KH"), ("BÁO CÁO", "BC"), ("TỜ TRÌNH", "TTR"), ("QUYẾT ĐỊNH", "QĐ"), ("THÔNG BÁO", "TB"),
        ("BIÊN BẢN", "BB"), ("CHƯƠNG TRÌNH", "CTR"), ("PHƯƠNG ÁN", "PA"), ("ĐỀ ÁN", "ĐA"), ("GIẤY MỜI", "GM"),
        ("HƯỚNG DẪN", "HD"), ("NGHỊ QUYẾT", "NQ"), ("CHỈ THỊ", "CT"), ("QUY CHẾ", "QC"), ("QUY ĐỊNH", "QYĐ"),
        ("DANH SÁCH", "DS"), ("ĐĂNG KÝ", "ĐK"), ("GIẤY GIỚI THIỆU", "GGT"), ("THÔNG TRI", "TT"), ("CÔNG ĐIỆN", "CĐ"),
    ]
    /// A letter ("công văn") has no type line: its subject follows "V/v" under the number.
    static let letter = "CÔNG VĂN"

    private static let folded: [(key: String, name: String)] = all.map { (TextFolding.fold($0.name), $0.name) }

    /// The type a whole line names, allowing one OCR slip in a word ("KE HOACH", "KÉ HOẠCH",
    /// "KỀ HOẠCH"); nil for a line that merely contains the words ("Kế hoạch thi đua").
    static func named(by line: String) -> String? {
        let text = TextFolding.fold(line.filter { $0.isLetter || $0.isWhitespace })
        guard !text.isEmpty, text.count <= 24 else { return nil }
        let best = folded.map { ($0.name, EditDistance.between($0.key, text)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= (text.count >= 8 ? 2 : 1) else { return nil }
        return best.0
    }

    /// The type a number's symbol says: "15/KH-THCSNT" → KẾ HOẠCH.
    static func named(byNumber number: String) -> String? {
        guard let slash = number.firstIndex(of: "/") else { return nil }
        let symbol = number[number.index(after: slash)...].split(separator: "-").first.map { String($0).uppercased() } ?? ""
        return all.first { $0.symbol == symbol }?.name
    }
}
