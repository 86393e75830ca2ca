/// Raw 8-bit bytes in a header (a name, a subject an old client did not encode): UTF-8
/// when they mostly are — a name a client cut in the middle of a character keeps its
/// readable letters, the broken one alone becoming U+FFFD — and windows-1252 (which maps
/// every byte) when they are not UTF-8 at all, as old clients wrote them.
enum RawHeaderText {
    static func decode(_ bytes: [UInt8]) -> String {
        let utf8 = Charset.decode(bytes, charset: "utf-8")
        if utf8.isExact { return utf8.text }
        if UTF8Damage.isMostlyUTF8(bytes) { return String(decoding: bytes, as: UTF8.self) }
        return Charset.decode(bytes, charset: "windows-1252").text
    }
}

/// Tells UTF-8 with a few broken sequences (a name cut mid-character, a byte lost) from
/// text in a legacy charset, whose 8-bit bytes rarely form a valid UTF-8 sequence at all.
enum UTF8Damage {
    /// Whether `bytes` hold at least one valid multi-byte UTF-8 sequence and no more
    /// invalid sequences than valid ones.
    static func isMostlyUTF8(_ bytes: [UInt8]) -> Bool {
        var valid = 0
        var invalid = 0
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F:
                index += 1
                continue
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default:
                invalid += 1
                index += 1
                continue
            }
            let end = index + length
            if end <= bytes.count, bytes[(index + 1)..<end].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                valid += 1
                index = end
            } else {
                invalid += 1
                index += 1
                // Skip the continuation bytes of the broken sequence: one damage, one count.
                while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            }
        }
        return valid > 0 && invalid <= valid
    }
}
