import Foundation

/// Turns bytes in a named charset into text.
///
/// Mail names charsets loosely ("utf8", "UTF-8", "cp1252", "windows-1258"); the name is
/// normalised first. A charset the platform cannot decode falls back to UTF-8 when the bytes
/// are valid UTF-8, and otherwise to windows-1252, which maps every byte — a readable
/// approximation rather than a failure, flagged through `isExact`.
public enum Charset {
    public struct Decoded: Sendable, Equatable {
        public var text: String
        /// False when the charset was unknown or the bytes did not fit it.
        public var isExact: Bool
    }

    public static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, charset rawName: String?) -> Decoded {
        let name = normalise(rawName ?? "us-ascii")
        let array = Array(bytes)
        if name == "utf-8" || name == "us-ascii" {
            if let text = String(validating: array, as: UTF8.self) { return Decoded(text: text, isExact: true) }
            return Decoded(text: String(decoding: array, as: UTF8.self), isExact: false)
        }
        if name == "windows-1258" {
            return Decoded(text: Windows1258.decode(array), isExact: true)
        }
        if let converted = Iconv.decode(array, from: name) {
            return Decoded(text: converted.text.precomposed, isExact: converted.exact)
        }
        if let encoding = foundationEncoding(name), let text = String(data: Data(array), encoding: encoding) {
            return Decoded(text: text, isExact: true)
        }
        // An unknown charset label: valid UTF-8 is most likely what it is, else windows-1252,
        // which maps every byte to something readable.
        if let text = String(validating: array, as: UTF8.self) { return Decoded(text: text, isExact: false) }
        return Decoded(
            text: String(data: Data(array), encoding: .windowsCP1252) ?? String(decoding: array, as: UTF8.self),
            isExact: false)
    }

    static func normalise(_ name: String) -> String {
        let lower = name.trimming(.whitespaces).lowercased()
        switch lower {
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "utf-8"
        case "ascii", "us-ascii", "ansi_x3.4-1968", "": return "us-ascii"
        case "latin1", "latin-1", "iso8859-1", "iso_8859-1", "l1": return "iso-8859-1"
        case "cp1252": return "windows-1252"
        case "cp1258", "x-cp1258": return "windows-1258"
        // Mail labels GBK and GB18030 text as gb2312; GB18030 decodes all three.
        case "gb2312", "gbk", "x-gbk", "euc-cn", "cp936", "gb18030": return "gb18030"
        case "x-sjis", "sjis", "shift-jis", "ms_kanji", "cp932", "windows-31j": return "shift_jis"
        case "ks_c_5601-1987", "ks_c_5601", "cp949": return "cp949"
        case "big5", "x-big5", "cn-big5": return "big5"
        case "koi8r": return "koi8-r"
        case "utf7", "unicode-1-1-utf-7": return "utf-7"
        default:
            if lower.hasPrefix("cp125") { return "windows-125" + lower.dropFirst(5) }
            return lower
        }
    }

    private static func foundationEncoding(_ name: String) -> String.Encoding? {
        switch name {
        case "iso-8859-1": .isoLatin1
        case "iso-8859-2": .isoLatin2
        case "windows-1250": .windowsCP1250
        case "windows-1251": .windowsCP1251
        case "windows-1252": .windowsCP1252
        case "windows-1253": .windowsCP1253
        case "windows-1254": .windowsCP1254
        case "shift_jis", "sjis": .shiftJIS
        case "euc-jp": .japaneseEUC
        case "iso-2022-jp": .iso2022JP
        case "utf-16": .utf16
        case "utf-16le": .utf16LittleEndian
        case "utf-16be": .utf16BigEndian
        default: nil
        }
    }
}
