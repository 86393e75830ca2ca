import Foundation

// Foundation's normalisation and trimming go through NSString on Linux: for the short
// strings of headers (charset names, parameters, addresses, filenames) that detour costs more
// than parsing them, and every part of every message pays it. These skip it when the answer
// is known without it, and give Foundation's result otherwise.

extension String {
    /// `precomposedStringWithCanonicalMapping` (NFC). Text of Latin letters below the
    /// combining marks (U+0300) and of the precomposed Vietnamese letters (U+1EA0–U+1EFF) —
    /// nearly all a school writes — is NFC already: each of those characters is its own
    /// composition, and with no combining mark among them none composes with its neighbour.
    var precomposed: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        return unicodeScalars.allSatisfy(\.isStableInNFC) ? self : precomposedStringWithCanonicalMapping
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: set)`, asking Foundation only when an end is in `set`.
    func trimming(_ set: CharacterSet) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
            set.contains(first) || set.contains(last)
        else { return String(self) }
        return trimmingCharacters(in: set)
    }
}

extension Unicode.Scalar {
    /// Whether NFC leaves this character as it is, whatever its neighbours, within text of
    /// such characters only (`String.precomposed`).
    var isStableInNFC: Bool { value < 0x300 || (0x1EA0...0x1EFF).contains(value) }
}
