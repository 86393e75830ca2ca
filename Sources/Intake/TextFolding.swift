import Foundation
import MIME

/// Comparison form of Vietnamese text: no tone marks or other diacritics, đ as d, lowercase,
/// punctuation and underscores as spaces, runs of spaces collapsed. Schools type names
/// with and without tone marks, in filenames with underscores, in any case.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        FastFold.fold(text) ?? foldedByFoundation(text)
    }

    /// The definition of folding, through Foundation; `FastFold` gives the same result
    /// for the text it knows (a table built from this, per character).
    static func foldedByFoundation(_ text: String) -> String {
        let stripped = dropParticles(text).replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "đ", with: "d")
        var out = ""
        var lastWasSpace = true
        for scalar in stripped.unicodeScalars {
            let isWord = CharacterSet.alphanumerics.contains(scalar)
            if isWord {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            } else if !lastWasSpace {
                out.append(" ")
                lastWasSpace = true
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// The polite particle "ạ" (and its typo'd siblings "à", "ả") ends many Vietnamese
    /// sentences — "Em gửi kế hoạch của TH Thành Công ạ" — and would fold to the letter
    /// that tells "Thành Công A" from "Thành Công B". As a word on its own it is dropped.
    static func dropParticles(_ text: String) -> String {
        let particles: Set<Character> = ["ạ", "Ạ", "à", "À", "ả", "Ả"]
        let characters = Array(text.precomposedStringWithCanonicalMapping)
        guard characters.contains(where: particles.contains) else { return text }
        var out = ""
        out.reserveCapacity(characters.count)
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : " "
            let after = index + 1 < characters.count ? characters[index + 1] : " "
            if particles.contains(character), !before.isLetter, !before.isNumber, !after.isLetter, !after.isNumber {
                out.append(" ")
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// Whether `needle` occurs in `haystack` as whole words (both already folded).
    public static func containsWords(_ haystack: String, _ needle: String) -> Bool {
        guard !needle.isEmpty else { return false }
        return (" " + haystack + " ").contains(" " + needle + " ")
    }
}

/// A folded text indexed by word, so that checking a few hundred school names against a
/// long body costs a dictionary look-up each instead of a substring search each.
public struct FoldedText: Sendable {
    public let folded: String
    private let words: [Substring]
    private let positions: [Substring: [Int]]

    public init(_ text: String) {
        self.init(folded: TextFolding.fold(text))
    }

    /// Indexes text that is folded already (`TextFolding.fold`).
    public init(folded: String) {
        self.folded = folded
        words = folded.split(separator: " ")
        var positions: [Substring: [Int]] = [:]
        for (index, word) in words.enumerated() { positions[word, default: []].append(index) }
        self.positions = positions
    }

    /// Whether the words of `phrase` (already folded and split) occur consecutively.
    public func contains(words phrase: [Substring]) -> Bool {
        guard let first = phrase.first, let starts = positions[first] else { return false }
        return starts.contains { start in
            start + phrase.count <= words.count && zip(phrase.indices, start...).allSatisfy { words[$1] == phrase[$0] }
        }
    }

    public func contains(_ foldedPhrase: String) -> Bool {
        contains(words: foldedPhrase.split(separator: " "))
    }
}

/// The three places a message names its unit and campaign — the subject, the attachments'
/// names and the start of the body — folded once for both guesses. Folding is local (a
/// character's form depends on it and its neighbours, and the parts meet at a space), so
/// the parts folded apart and joined with a space are the whole folded at once.
struct FoldedSources {
    var subject: FoldedText
    var filenames: FoldedText
    var body: FoldedText
    /// All three together: campaign keywords are looked for across them.
    var all: FoldedText

    init(_ message: MailMessage) {
        let subject = TextFolding.fold(message.subject)
        let filenames = TextFolding.fold(message.attachments.map(\.filename).joined(separator: " "))
        let body = TextFolding.fold(String(message.bodyText.prefix(Self.bodyPrefix)))
        self.subject = FoldedText(folded: subject)
        self.filenames = FoldedText(folded: filenames)
        self.body = FoldedText(folded: body)
        all = FoldedText(folded: [subject, filenames, body].filter { !$0.isEmpty }.joined(separator: " "))
    }

    /// Characters of the body read: a name or keyword further down is a quoted thread or a
    /// signature, not what the message is about.
    static let bodyPrefix = 8000
}
