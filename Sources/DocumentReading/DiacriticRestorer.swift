import Intake

/// Puts back the marks OCR drops or confuses ("TRUONG THCS NGUYEN TRAI", "NGUYỄN TRÀI"),
/// from the words thidua knows how to spell: the roster's unit names and a small lexicon of
/// administrative words. A word is rewritten only when its bare form has one spelling in
/// that vocabulary; "nam" (năm, Nam) is left as read. Tesseract itself is not touched.
public struct DiacriticRestorer: Sendable {
    /// Bare form → the one spelling known, lower case; nil when there are several.
    private let spellings: [String: String?]
    /// Bare phrases whose words have several spellings alone ("truong": trường, trưởng).
    private let phrases: [[String]: [String]]

    public init(names: [String]) {
        var spellings: [String: Set<String>] = [:]
        for text in Self.lexicon + names + DocumentType.all.map(\.name) {
            for word in text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "." }) {
                let lower = word.lowercased()
                guard lower.contains(where: \.isLetter) else { continue }
                spellings[TextFolding.fold(lower), default: []].insert(lower)
            }
        }
        self.spellings = spellings.mapValues { $0.count == 1 ? $0.first : nil }
        var phrases: [[String]: [String]] = [:]
        for phrase in Self.phrases {
            let words = phrase.split(separator: " ").map(String.init)
            phrases[words.map { TextFolding.fold($0) }] = words
        }
        self.phrases = phrases
    }

    public func restore(_ text: String) -> String {
        let tokens = text.split(separator: " ", omittingEmptySubsequences: true)
        let cores = tokens.map { token in token.filter(\.isLetter) }
        var out: [String] = []
        var index = 0
        while index < tokens.count {
            // The longest known phrase starting here, then the word alone.
            if let (length, words) = (2...3).reversed().lazy.compactMap({ length -> (Int, [String])? in
                guard index + length <= tokens.count,
                    let words = self.phrases[cores[index..<(index + length)].map { TextFolding.fold($0) }]
                else { return nil }
                return (length, words)
            }).first {
                for offset in 0..<length {
                    out.append(Self.respelled(tokens[index + offset], core: cores[index + offset], as: words[offset]))
                }
                index += length
                continue
            }
            // "nam" is năm before a year ("năm 2021"), whatever else it may be.
            if TextFolding.fold(cores[index]) == "nam", index + 1 < tokens.count, tokens[index + 1].count == 4,
                tokens[index + 1].allSatisfy(\.isNumber)
            {
                out.append(Self.respelled(tokens[index], core: cores[index], as: "năm"))
                index += 1
                continue
            }
            let spelling = spellings[TextFolding.fold(cores[index])] ?? nil
            out.append(spelling.map { Self.respelled(tokens[index], core: cores[index], as: $0) } ?? String(tokens[index]))
            index += 1
        }
        return out.joined(separator: " ")
    }

    /// `token` written as `spelling`, in its case, keeping a trailing comma or full stop; a
    /// token with other characters in it (digits, "&") is left as it is.
    private static func respelled(_ token: Substring, core: String, as spelling: String) -> String {
        guard !core.isEmpty, core.count == token.count || (core.count + 1 == token.count && ",.;:".contains(token.last!)) else {
            return String(token)
        }
        let trailing = token.count > core.count ? String(token.last!) : ""
        return Self.cased(spelling, like: core) + trailing
    }

    /// `word` in the case of `model`: all capitals, capitalised, or as it is.
    private static func cased(_ word: String, like model: String) -> String {
        let letters = model.filter(\.isLetter)
        if letters.count > 1, letters.allSatisfy(\.isUppercase) { return word.uppercased() }
        if let first = letters.first, first.isUppercase { return word.prefix(1).uppercased() + word.dropFirst() }
        return word
    }

    /// Phrases that settle words ambiguous alone.
    static let phrases = [
        "trường mầm non", "trường tiểu học", "trường thcs", "trường trung học", "trường mn", "trường th",
        "hiệu trưởng", "phó hiệu trưởng", "năm học", "việt nam", "đào tạo", "giáo dục", "học kỳ", "thi đua",
        "khen thưởng", "công tác", "phong trào", "triển khai", "nhiệm vụ", "sơ kết", "tổng kết", "đề nghị", "hội đồng",
        "thành lập", "kết quả", "tổ chức", "về việc", "đăng ký",
    ]

    /// Words of school and office headers, titles and signature blocks.
    static let lexicon = [
        "ủy ban nhân dân ubnd phòng sở giáo dục và đào tạo gd&đt quận huyện thị xã thành phố tỉnh",
        "trường mầm non tiểu học trung học cơ sở phổ thông liên cấp mẫu giáo nhà trẻ",
        "cộng hòa xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc",
        "ngày tháng năm số về việc v/v",
        "công tác thi đua khen thưởng học kế hoạch tổ chức thực hiện phong trào kết quả đánh giá tổng kết",
        "triển khai nhiệm vụ báo cáo đăng ký danh hiệu đợt cá nhân tập thể giáo viên học sinh",
        "hiệu trưởng phó hiệu trưởng kt. tm. q. nơi nhận lưu vt",
    ]
}
