/// `TextFolding.fold` without Foundation for text written only in the Latin letters
/// Vietnamese uses (ASCII, Latin-1, Latin Extended-A and B, and the precomposed Vietnamese
/// letters), which is nearly all a school writes: folding a mail body through Foundation
/// costs most of the time spent guessing a message's unit and campaign.
///
/// Exact by construction: the table holds, for each such character, what
/// `TextFolding.foldedByFoundation` makes of it alone, and folding is per character in
/// precomposed text (each of these characters is its own cluster and its own canonical
/// composition). Only the particle rule looks at neighbours, and it is applied here the
/// same way. Anything else — a combining mark, another script — goes to Foundation.
enum FastFold {
    /// What one character folds to: the word scalars it becomes (nil: it separates words),
    /// and whether it counts as a letter or number for the particle rule.
    struct Entry {
        var word: [Unicode.Scalar]?
        var isLetterOrNumber: Bool
    }

    private static let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0xA0...0x24F, 0x1EA0...0x1EFF]

    /// Indexed by `slot(of:)`; nil entries go to Foundation.
    private static let table: [Entry?] = {
        var table: [Entry?] = []
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { table.append(nil); continue }
                table.append(entry(for: scalar))
            }
        }
        return table
    }()

    private static func entry(for scalar: Unicode.Scalar) -> Entry? {
        let text = String(scalar)
        // Only characters that are their own canonical composition, and not particles'
        // neighbours in disguise: otherwise Foundation decides.
        guard text.precomposedStringWithCanonicalMappingScalars == [scalar] else { return nil }
        let character = Character(scalar)
        let isLetterOrNumber = character.isLetter || character.isNumber
        // Folded between two letters, so that what it turns into shows whole: a separator
        // gives "x x", a letter "x…x" (a particle too, as it is no word there; `fold`
        // applies the particle rule itself).
        let folded = TextFolding.foldedByFoundation("x" + text + "x")
        if folded == "x x" { return Entry(word: nil, isLetterOrNumber: isLetterOrNumber) }
        // Anything else — a character that vanishes, or turns into several words — is left
        // to Foundation.
        guard folded.count > 2, folded.hasPrefix("x"), folded.hasSuffix("x"), !folded.contains(" ") else { return nil }
        return Entry(word: Array(folded.unicodeScalars.dropFirst().dropLast()), isLetterOrNumber: isLetterOrNumber)
    }

    /// "ạ", "à", "ả" and their capitals, as `TextFolding.dropParticles` lists them.
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
        var entries: [Entry] = []
        var scalars: [Unicode.Scalar] = []
        entries.reserveCapacity(text.utf8.count)
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard let slot = slot(of: scalar), let entry = table[slot] else { return nil }
            entries.append(entry)
            scalars.append(scalar)
        }
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for index in entries.indices {
            var word = entries[index].word
            if word != nil, particles.contains(scalars[index]) {
                // `dropParticles`: a particle standing alone between non-letters is no word.
                let before = index > 0 ? entries[index - 1].isLetterOrNumber : false
                let after = index + 1 < entries.count ? entries[index + 1].isLetterOrNumber : false
                if !before && !after { word = nil }
            }
            if let word {
                out.append(contentsOf: word)
                lastWasSpace = false
            } else if !lastWasSpace {
                out.append(" ")
                lastWasSpace = true
            }
        }
        var result = String(out)
        if result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}

private extension String {
    var precomposedStringWithCanonicalMappingScalars: [Unicode.Scalar] {
        Array(precomposedStringWithCanonicalMapping.unicodeScalars)
    }
}
