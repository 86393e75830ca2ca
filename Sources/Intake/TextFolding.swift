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

/// A folded text taken apart into words, each word kept as a hash of its bytes, so that
/// looking for a few hundred school names in a long body compares integers, not strings.
///
/// Folded text compares byte for byte: folding leaves one form of each word.
public struct FoldedText: Sendable {
    /// Each word's bytes in `bytes`, in order.
    private let words: [Range<Int>]
    private let bytes: [UInt8]
    /// `FoldedWord.hash` of each word.
    let hashes: [UInt64]

    /// Indexes text that is folded already (`TextFolding.fold`): words between spaces.
    public init(folded: String) {
        bytes = Array(folded.utf8)
        var words: [Range<Int>] = []
        var hashes: [UInt64] = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: " ") {
            if index > start {
                words.append(start..<index)
                hashes.append(FoldedWord.hash(bytes[start..<index]))
            }
            start = index + 1
        }
        self.words = words
        self.hashes = hashes
    }

    /// The words of several folded texts in a row, as if folded together and joined with
    /// spaces (folding is local, so that is the same).
    init(joining parts: [FoldedText]) {
        var bytes: [UInt8] = []
        var words: [Range<Int>] = []
        for part in parts where !part.bytes.isEmpty {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            let offset = bytes.count
            bytes += part.bytes
            words += part.words.map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
        }
        self.bytes = bytes
        self.words = words
        hashes = parts.flatMap(\.hashes)
    }

    /// Whether `phrase` occurs here, as whole consecutive words.
    public func contains(_ phrase: FoldedPhrase) -> Bool {
        guard let first = phrase.hashes.first else { return false }
        return hashes.indices.contains { hashes[$0] == first && matches(phrase, at: $0) }
    }

    /// Whether `phrase` starts at word `start`.
    func matches(_ phrase: FoldedPhrase, at start: Int) -> Bool {
        guard start + phrase.hashes.count <= hashes.count else { return false }
        for offset in phrase.hashes.indices {
            let word = words[start + offset]
            guard hashes[start + offset] == phrase.hashes[offset], bytes[word].elementsEqual(phrase.words[offset]) else {
                return false
            }
        }
        return true
    }
}

/// A folded phrase to look for in `FoldedText`: its words and their hashes, made once.
public struct FoldedPhrase: Sendable {
    /// The phrase as folded text ("tieu hoc nguyen trai").
    public let text: String
    let words: [[UInt8]]
    let hashes: [UInt64]

    public init(folded: String) {
        let words = folded.split(separator: " ")
        text = words.joined(separator: " ")
        self.words = words.map { Array($0.utf8) }
        hashes = self.words.map { FoldedWord.hash($0[...]) }
    }
}

enum FoldedWord {
    /// FNV-1a over the word's bytes: cheap, and an equal hash is confirmed byte by byte.
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
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
        let text = message.bodyText
        // Fewer bytes than the limit are fewer characters too: no need to count them.
        let body = TextFolding.fold(text.utf8.count <= Self.bodyPrefix ? text : String(text.prefix(Self.bodyPrefix)))
        self.subject = FoldedText(folded: subject)
        self.filenames = FoldedText(folded: filenames)
        self.body = FoldedText(folded: body)
        all = FoldedText(joining: [self.subject, self.filenames, self.body])
    }

    /// Characters of the body read: a name or keyword further down is a quoted thread or a
    /// signature, not what the message is about.
    static let bodyPrefix = 8000
}
