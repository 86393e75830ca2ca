import Foundation

/// Text compared the way OCR output must be: lower case, no diacritics, "đ" as "d", one
/// space between words. OCR drops and confuses marks far more often than letters.
enum Folding {
    static func fold(_ text: some StringProtocol) -> String {
        let folded = String(text).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .replacingOccurrences(of: "đ", with: "d")
        return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether `word` has its marks: not the same as its folded form.
    static func hasMarks(_ word: some StringProtocol) -> Bool { fold(word) != String(word).lowercased() }

    /// `word` in the case of `model`: all capitals, capitalised, or as it is.
    static func cased(_ word: String, like model: some StringProtocol) -> String {
        let letters = model.filter(\.isLetter)
        if letters.count > 1, letters.allSatisfy(\.isUppercase) { return word.uppercased() }
        if let first = letters.first, first.isUppercase { return word.prefix(1).uppercased() + word.dropFirst() }
        return word
    }
}
