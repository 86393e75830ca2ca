import Foundation

// Foundation's normalisation and trimming go through NSString on Linux: for the short
// strings of headers (charset names, parameters, addresses, filenames) that detour costs more
// than parsing them, and every part of every message pays it. These skip it when the answer
// is known without it, and give Foundation's result otherwise.

extension String {
    /// `precomposedStringWithCanonicalMapping` (NFC). ASCII text is NFC already.
    var precomposed: String {
        utf8.allSatisfy { $0 < 0x80 } ? self : precomposedStringWithCanonicalMapping
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
