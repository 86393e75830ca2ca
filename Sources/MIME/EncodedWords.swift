/// RFC 2047 encoded words (`=?charset?B|Q?text?=`), as used in subjects, display names and,
/// against the standard but by Gmail and Outlook, in filename parameters.
///
/// Adjacent encoded words in the same charset are joined as bytes before decoding, because
/// encoders split multi-byte characters across words; whitespace between encoded words is
/// dropped, as the RFC requires.
public enum EncodedWords {
    public static func decode(_ input: String) -> String {
        guard encodedWordStart(in: Substring(input)) != nil else { return input }
        var result = ""
        var pending: (charset: String, bytes: [UInt8])?
        var rest = Substring(input)

        func flushPending() {
            if let word = pending {
                result += Charset.decode(word.bytes, charset: word.charset).text
                pending = nil
            }
        }

        while !rest.isEmpty {
            guard let start = encodedWordStart(in: rest), let word = parseWord(rest[start...]) else {
                flushPending()
                result += rest
                return result.precomposed
            }
            let between = rest[rest.startIndex..<start]
            if pending == nil || !between.allSatisfy(\.isWhitespace) {
                flushPending()
                result += between
            }
            if let current = pending, Charset.normalise(current.charset) == Charset.normalise(word.charset) {
                pending?.bytes += word.bytes
            } else {
                flushPending()
                pending = (word.charset, word.bytes)
            }
            rest = rest[word.end...]
        }
        flushPending()
        return result.precomposed
    }

    /// Raw 8-bit bytes written inside Q-encoded words (old clients write the byte itself,
    /// not `=XX`) escaped as `=XX`, so that each is decoded once, in the word's charset, and
    /// not first read as header text in another. Bytes outside encoded words are kept.
    public static func escapingRawBytesInWords(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var index = 0
        let question = UInt8(ascii: "?")
        let hex = Array("0123456789ABCDEF".utf8)
        while index < bytes.count {
            // "=?charset?Q?" … "?="
            if bytes[index] == UInt8(ascii: "="), index + 1 < bytes.count, bytes[index + 1] == question,
                let q1 = bytes[(index + 2)...].firstIndex(of: question), q1 + 2 < bytes.count, bytes[q1 + 2] == question,
                ASCII.lowercased(bytes[q1 + 1]) == UInt8(ascii: "q")
            {
                var close = q1 + 3
                while close + 1 < bytes.count, !(bytes[close] == question && bytes[close + 1] == UInt8(ascii: "=")) { close += 1 }
                if close + 1 < bytes.count {
                    out += bytes[index..<(q1 + 3)]
                    for byte in bytes[(q1 + 3)..<close] {
                        if byte >= 0x80 {
                            out += [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                        } else {
                            out.append(byte)
                        }
                    }
                    out += [question, UInt8(ascii: "=")]
                    index = close + 2
                    continue
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return out
    }

    /// Where the next `=?` starts, found byte by byte: Foundation's `range(of:)` takes a
    /// detour through NSString, a cost paid for every header of every message.
    private static func encodedWordStart(in text: Substring) -> Substring.Index? {
        let bytes = text.utf8
        var from = bytes.startIndex
        while let equals = bytes[from...].firstIndex(of: UInt8(ascii: "=")) {
            from = bytes.index(after: equals)
            if from < bytes.endIndex, bytes[from] == UInt8(ascii: "?") { return equals }
        }
        return nil
    }

    private struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Substring.Index
    }

    /// Parses one encoded word at the start of `text`.
    private static func parseWord(_ text: Substring) -> Word? {
        let utf8 = Array(text.utf8.prefix(1024))
        guard utf8.count >= 8, utf8[0] == UInt8(ascii: "="), utf8[1] == UInt8(ascii: "?") else { return nil }
        guard let q1 = utf8[2...].firstIndex(of: UInt8(ascii: "?")), q1 + 2 < utf8.count,
            utf8[q1 + 2] == UInt8(ascii: "?")
        else { return nil }
        let encoding = ASCII.lowercased(utf8[q1 + 1])
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let payloadStart = q1 + 3
        var close = payloadStart
        while close + 1 < utf8.count, !(utf8[close] == UInt8(ascii: "?") && utf8[close + 1] == UInt8(ascii: "=")) {
            close += 1
        }
        guard close + 1 < utf8.count else { return nil }
        // RFC 2231 allows "charset*language"; the language is irrelevant here.
        var charset = String(decoding: utf8[2..<q1], as: UTF8.self)
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
        let payload = utf8[payloadStart..<close]
        let bytes: [UInt8]
        if encoding == UInt8(ascii: "b") {
            bytes = Base64.decode(payload)
        } else {
            var decoded = [UInt8]()
            var index = payload.startIndex
            while index < payload.endIndex {
                let byte = payload[index]
                if byte == UInt8(ascii: "_") {
                    decoded.append(ASCII.space)
                } else if byte == ASCII.equals, index + 2 < payload.endIndex,
                    let high = ASCII.hexValue(payload[index + 1]), let low = ASCII.hexValue(payload[index + 2])
                {
                    decoded.append(high << 4 | low)
                    index += 2
                } else {
                    decoded.append(byte)
                }
                index += 1
            }
            bytes = decoded
        }
        let end = text.utf8.index(text.utf8.startIndex, offsetBy: close + 2)
        return Word(charset: charset, bytes: bytes, end: end)
    }
}
