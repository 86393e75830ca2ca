import Foundation

/// Comparison form of Vietnamese text: no tone marks or other diacritics, đ as d, lowercase,
/// punctuation and underscores as spaces, runs of spaces collapsed. Schools type names
/// with and without tone marks, in filenames with underscores, in any case.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        let stripped = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
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

    /// Whether `needle` occurs in `haystack` as whole words (both already folded).
    public static func containsWords(_ haystack: String, _ needle: String) -> Bool {
        guard !needle.isEmpty else { return false }
        return (" " + haystack + " ").contains(" " + needle + " ")
    }
}
