/// `TextFolding.fold` without Foundation for text written only in the Latin letters
/// Vietnamese uses (ASCII, Latin-1, Latin Extended-A and B, and the precomposed Vietnamese
/// letters), which is nearly all a school writes: folding a mail body through Foundation
/// costs most of the time spent guessing a message's unit and campaign.
///
/// Exact by construction: the table holds, for each such character, what
/// `TextFolding.foldedByFoundation` makes of it alone (`FastFoldTable`), and folding is per character in
/// precomposed text (each of these characters is its own cluster and its own canonical
/// composition). Only the particle rule looks at neighbours, and it is applied here the
/// same way. Anything else — a combining mark, another script — goes to Foundation.
enum FastFold {
    /// What one character folds to, flat so that folding a body counts no references and
    /// hashes nothing: the UTF-8 of the word it becomes is `words[wordStart..<wordStart +
    /// wordLength]`, unless it separates words.
    struct Entry {
        var wordStart: UInt32
        var wordLength: UInt8
        var isSeparator: Bool
        /// For the particle rule: whether it counts as a letter or number next to a particle.
        var isLetterOrNumber: Bool
        /// "ạ", "à", "ả" and their capitals, as `TextFolding.dropParticles` lists them.
        var isParticle: Bool
    }

    /// The characters of the table, in order (`FastFoldTable.folds` holds one entry each).
    static let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0xA0...0x24F, 0x1EA0...0x1EFF]

    /// Indexed by `slot(of:)` (nil entries go to Foundation), and the words they point into.
    /// Built from the generated `folds` (what Foundation makes of each character, derived
    /// and checked by `FastFoldTableTests`): deriving it here took Foundation a good part of
    /// thidua's start.
    private static let table: (entries: [Entry?], words: [UInt8]) = {
        var entries: [Entry?] = []
        entries.reserveCapacity(folds.count)
        var words: [UInt8] = []
        var index = 0
        for range in ranges {
            for value in range {
                defer { index += 1 }
                guard let scalar = Unicode.Scalar(value), let fold = folds[index] else {
                    entries.append(nil)
                    continue
                }
                let character = Character(scalar)
                let utf8 = fold == " " ? [] : Array(fold.utf8)
                entries.append(
                    Entry(
                        wordStart: UInt32(words.count), wordLength: UInt8(utf8.count), isSeparator: fold == " ",
                        isLetterOrNumber: character.isLetter || character.isNumber, isParticle: particles.contains(scalar)))
                words += utf8
            }
        }
        return (entries, words)
    }()

    private static let particles: Set<Unicode.Scalar> = ["\u{1EA1}", "\u{1EA0}", "\u{E0}", "\u{C0}", "\u{1EA3}", "\u{1EA2}"]

    private static func slot(of scalar: Unicode.Scalar) -> Int? {
        var base = 0
        for range in ranges {
            if range.contains(scalar.value) { return base + Int(scalar.value - range.lowerBound) }
            base += range.count
        }
        return nil
    }

    /// The folded text, or nil when `text` holds a character outside the table.
    static func fold(_ text: String) -> String? {
        let (entries, words) = table
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        // Each character is written once the next one is known: a particle standing alone
        // between non-letters is no word (`dropParticles`).
        var pending: Entry?
        var beforePending = false
        func write(_ entry: Entry, after: Bool) {
            if entry.isSeparator || (entry.isParticle && !beforePending && !after) {
                if !lastWasSpace {
                    out.append(UInt8(ascii: " "))
                    lastWasSpace = true
                }
            } else {
                let start = Int(entry.wordStart)
                out.append(contentsOf: words[start..<(start + Int(entry.wordLength))])
                lastWasSpace = false
            }
            beforePending = entry.isLetterOrNumber
        }
        for scalar in text.unicodeScalars {
            guard let slot = slot(of: scalar), let entry = entries[slot] else { return nil }
            if let pending { write(pending, after: entry.isLetterOrNumber) }
            pending = entry
        }
        if let pending { write(pending, after: false) }
        if out.last == UInt8(ascii: " ") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}
