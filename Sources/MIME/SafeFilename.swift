import Foundation

/// A name derived from a sender's filename that is safe to use as one path component on
/// any file system: no separators, no `..`, no control or bidi characters, no reserved
/// Windows device names, at most 120 UTF-8 bytes, extension kept.
///
/// The original name is kept elsewhere for display; this one only names the stored copy.
public enum SafeFilename {
    private static let reserved: Set<String> = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ]
    static let maxBytes = 120
    private static let trimmed = CharacterSet(charactersIn: " .")

    public static func make(_ name: String, fallback: String = "tep") -> String {
        var cleaned = ""
        for scalar in name.precomposed.unicodeScalars {
            switch scalar.value {
            case 0..<0x20, 0x7F, 0x80..<0xA0: continue  // controls, CR, LF, NUL
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: continue  // bidi overrides
            default: break
            }
            switch scalar {
            case "/", "\\", ":", "*", "?", "\"", "<", ">", "|": cleaned.append("_")
            default: cleaned.unicodeScalars.append(scalar)
            }
        }
        cleaned = cleaned.trimming(Self.trimmed)
        while cleaned.contains("..") { cleaned = cleaned.replacingOccurrences(of: "..", with: ".") }
        if cleaned.isEmpty { cleaned = fallback }
        let stem = cleaned.split(separator: ".", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        if reserved.contains(stem) { cleaned = "_" + cleaned }
        return truncate(cleaned)
    }

    /// Cuts to `maxBytes` on a character boundary, keeping a short extension.
    private static func truncate(_ name: String) -> String {
        guard name.utf8.count > maxBytes else { return name }
        var ext = ""
        if let dot = name.lastIndex(of: "."), name.distance(from: dot, to: name.endIndex) <= 10 {
            ext = String(name[dot...])
        }
        var stem = name.dropLast(ext.count)
        while stem.utf8.count + ext.utf8.count > maxBytes { stem = stem.dropLast() }
        return String(stem) + ext
    }
}
