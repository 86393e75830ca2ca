/// A school's name as a document header prints it ("TRƯỜNG THCS NGUYỄN TRÃI", "TRƯỜNG
/// TRUNG HỌC CƠ SỞ NG. TRÃI"), taken apart into its level and its own name, so that it can
/// be compared with the roster's "THCS Nguyễn Trãi" however each is written.
struct IssuerName: Equatable {
    /// MN, TH or THCS, when the name says.
    var level: String?
    /// The school's own name, folded, a word each; an abbreviated word ("ng.") keeps its dot.
    var words: [String]

    private static let levels: [(words: [String], level: String)] = [
        (["trung", "hoc", "co", "so"], "THCS"), (["thcs"], "THCS"), (["mam", "non"], "MN"), (["mau", "giao"], "MN"),
        (["mn"], "MN"), (["tieu", "hoc"], "TH"), (["th"], "TH"),
    ]

    init?(_ text: String, level known: String? = nil) {
        var words: [String] = []
        let raws = text.split(whereSeparator: { $0.isWhitespace || $0 == "," })
        for (index, raw) in raws.enumerated() {
            let folded = TextFolding.fold(String(raw))
            guard !folded.isEmpty else { continue }
            words += folded.split(separator: " ").map(String.init)
            // "NG." abbreviates a word; a full stop after the last word ends the line.
            if raw.hasSuffix("."), index < raws.count - 1, !folded.contains(" "), folded.count <= 3 {
                words[words.count - 1] += "."
            }
        }
        if words.first == "truong" { words.removeFirst() }
        level = known?.uppercased()
        for (levelWords, name) in Self.levels where words.starts(with: levelWords) {
            level = level ?? name
            words.removeFirst(levelWords.count)
            break
        }
        guard !words.isEmpty else { return nil }
        self.words = words
    }

    /// Whether this printed name names `unit` (a roster name): the same level when both say
    /// one, and the same words, each whole, abbreviated ("ng." for "nguyen"), or one OCR slip
    /// away in a long word.
    func names(_ unit: IssuerName) -> Bool {
        if let level, let other = unit.level, level != other { return false }
        guard words.count == unit.words.count else { return false }
        return zip(words, unit.words).allSatisfy { printed, known in
            if printed == known { return true }
            if printed.hasSuffix(".") { return known.hasPrefix(printed.dropLast()) && known.count > printed.count - 1 }
            return printed.count >= 5 && known.count >= 5 && EditDistance.between(printed, known) <= 1
        }
    }
}

extension UnitMatcher {
    /// The unit a scan's issuer names, or nil when it names none, or more than one: a
    /// document header attributes a message only when it can name exactly one unit.
    public func match(issuer: String) -> UnitMatch? {
        guard let printed = IssuerName(issuer) else { return nil }
        let hits = issuerNames.filter { printed.names($0.name) }
        guard hits.count == 1, let unit = roster.unit(code: hits[0].code) else { return nil }
        return UnitMatch(code: unit.code, confidence: 0.9, reason: "phần đầu văn bản scan ghi '\(issuer)'")
    }
}
