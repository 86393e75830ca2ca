import Intake

/// The place-and-date line ("Ba Đình, ngày 18 tháng 02 năm 2021") read as an ISO date.
enum DocumentDate {
    static func parse(_ text: String) -> String? {
        let words = TextFolding.fold(text).split(separator: " ").map(String.init)
        guard let day = number(after: "ngay", in: words, digits: 1...2),
            let month = number(after: "thang", in: words, digits: 1...2),
            let year = number(after: "nam", in: words, digits: 4...4),
            (1...12).contains(month), (1...31).contains(day), (1990...2100).contains(year)
        else { return nil }
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// The number written after `label`, with OCR's letters for digits put right; OCR may
    /// also glue the two ("ngay18").
    private static func number(after label: String, in words: [String], digits: ClosedRange<Int>) -> Int? {
        for (index, word) in words.enumerated() where word.hasPrefix(label) {
            let glued = String(word.dropFirst(label.count))
            let candidate = glued.isEmpty ? (index + 1 < words.count ? words[index + 1] : "") : glued
            let cleaned = String(
                candidate.map { character -> Character in
                    switch character {
                    case "o", "d": "0"
                    case "l", "i", "|": "1"
                    default: character
                    }
                }.filter { $0.isNumber })
            if digits.contains(cleaned.count), let value = Int(cleaned) { return value }
        }
        return nil
    }
}
