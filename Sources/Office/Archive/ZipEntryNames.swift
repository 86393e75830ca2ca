import Foundation

/// Member names for an archive that the officer will unzip on Windows, and that a colleague
/// may unzip on a Mac or Linux. School names and attachment names come from email, so they
/// carry anything: slashes, colons, "CON.pdf", the same name twice from one school. An
/// unzipper meeting such a name fails, renames silently or overwrites the first file, and
/// the officer never learns a scan is missing; so each name is made safe and unique here.
public struct ZipEntryNames: Sendable {
    /// Folded names already handed out, by folded folder.
    private var taken: [String: Set<String>] = [:]

    public init() {}

    /// Longest component handed out, in Characters: leaves room for a unit's folder and the
    /// whole path under Windows' 260-character limit.
    static let maxCharacters = 120
    /// Linux and most file systems cap a component at 255 bytes, and Vietnamese letters take
    /// up to three bytes each in UTF-8, so 120 Characters alone is not enough.
    static let maxUTF8Bytes = 255

    /// `raw` as one path component that Windows, macOS and Linux all accept as it is, or
    /// `fallback` (made safe the same way) when nothing usable is left.
    public static func component(_ raw: String, fallback: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in raw.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .control || bidiControls.contains(scalar.value) { continue }
            scalars.append(forbidden.contains(scalar) ? "_" : scalar)
        }
        // NFC again: dropping a control between a letter and its accent can leave a pair that
        // composes.
        var name = trimmed(String(scalars).precomposedStringWithCanonicalMapping)
        let (stem, ext) = split(name)
        name = capped(stem: stem, suffix: "", ext: ext)
        if name.isEmpty || name == "." || name == ".." {
            return fallback.isEmpty ? "_" : component(fallback, fallback: "_")
        }
        return unreserved(name)
    }

    /// `name` (a component) if it is new in `folder`, else the first of "name (2).ext",
    /// "name (3).ext" … that is. Names are compared as Windows and macOS compare them, ignoring
    /// case and Unicode normalisation, since two names that differ only so would overwrite
    /// each other there.
    public mutating func unique(_ name: String, in folder: String) -> String {
        let name = name.precomposedStringWithCanonicalMapping
        let folderKey = Self.folded(folder.hasSuffix("/") ? String(folder.dropLast()) : folder)
        // Inserted in place: a copy of the set per name would make a big folder quadratic.
        if taken[folderKey, default: []].insert(Self.folded(name)).inserted { return name }
        let (stem, ext) = Self.split(name)
        var number = 2
        while true {
            let candidate = Self.capped(stem: stem, suffix: " (\(number))", ext: ext)
            if taken[folderKey, default: []].insert(Self.folded(candidate)).inserted { return candidate }
            number += 1
        }
    }

    // MARK: - Rules

    /// Forbidden in Windows names, and "/" everywhere.
    private static let forbidden: Set<Unicode.Scalar> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]

    /// A right-to-left override (U+202E) and its kin make "Kế hoạch" + U+202E + "fdp.exe" show
    /// as "Kế hoạchexe.pdf"; a file name has no use for them.
    private static let bidiControls: Set<UInt32> = [
        0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
    ]

    /// Device names Windows will not create a file under, with or without an extension; the
    /// superscript digits are devices too.
    private static let reserved: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
        for digit in ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"] {
            names.insert("COM" + digit)
            names.insert("LPT" + digit)
        }
        return names
    }()

    /// Windows drops trailing dots and spaces, so "Kế hoạch." and "Kế hoạch" would collide;
    /// leading spaces hide a name at the end of a sorted list.
    private static func trimmed(_ name: String) -> String {
        var name = Substring(name)
        while let first = name.first, first.isWhitespace { name.removeFirst() }
        while let last = name.last, last.isWhitespace || last == "." { name.removeLast() }
        return String(name)
    }

    /// Windows judges a device name by what comes before the first dot, spaces trimmed.
    private static func unreserved(_ name: String) -> String {
        let base = name.prefix { $0 != "." }
        let device = String(base.reversed().drop { $0 == " " }.reversed()).uppercased()
        guard reserved.contains(device) else { return name }
        return String(base) + "_" + String(name.dropFirst(base.count))
    }

    /// The extension, dot included, so that capping and numbering keep it: a scan must still
    /// open as a PDF. A leading dot (".hidden") or an implausibly long tail is no extension.
    private static func split(_ name: String) -> (stem: String, ext: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        let ext = name[dot...]
        guard ext.count <= 16, !ext.contains(" ") else { return (name, "") }
        return (String(name[..<dot]), String(ext))
    }

    /// `stem + suffix + ext`, the stem cut short so the whole stays within the limits.
    private static func capped(stem: String, suffix: String, ext: String) -> String {
        let tail = suffix + ext
        var cut = Substring(stem).prefix(max(0, maxCharacters - tail.count))
        while !cut.isEmpty && cut.utf8.count + tail.utf8.count > maxUTF8Bytes { cut = cut.dropLast() }
        if cut.count < stem.count {
            // A cut can end the stem on a space or dot, which Windows would drop.
            while let last = cut.last, last.isWhitespace || last == "." { cut = cut.dropLast() }
        }
        return cut.isEmpty && suffix.isEmpty ? trimmed(tail) : String(cut) + tail
    }

    private static func folded(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased().precomposedStringWithCanonicalMapping
    }
}
