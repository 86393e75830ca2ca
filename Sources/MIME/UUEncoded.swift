/// uuencoded files embedded in a text body (`begin 644 name` … `end`), as some old
/// clients and scanners still produce.
enum UUEncoded {
    private static let beginMarker = Array("begin ".utf8)

    static func extract(from text: String) -> [Attachment] {
        // Bytes first: nearly no body holds one, and Foundation's search walked each as text.
        let begins = text.utf8.withContiguousStorageIfAvailable { $0.firstRange(of: beginMarker, from: 0) != nil }
        guard begins ?? text.contains("begin ") else { return [] }
        var result: [Attachment] = []
        var name: String?
        var data: [UInt8] = []
        // "\r\n" is a single Character in Swift: split on it too, or a CRLF body is one line.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if name == nil {
                let parts = line.split(separator: " ", maxSplits: 2)
                if parts.count == 3, parts[0] == "begin", parts[1].allSatisfy({ $0.isNumber }) {
                    name = String(parts[2])
                    data = []
                }
                continue
            }
            if line == "end" {
                if let fileName = name {
                    result.append(Attachment(filename: fileName, contentType: "application/octet-stream", data: data, isInline: false))
                }
                name = nil
                continue
            }
            data += decodeLine(Array(line.utf8))
        }
        return result
    }

    /// A part sent with `Content-Transfer-Encoding: x-uuencode`: the file of its first
    /// `begin MODE NAME` … `end` block (its name: `beginName`); a body without a `begin`
    /// line is read as encoded lines throughout.
    static func decodeBody(_ body: ArraySlice<UInt8>) -> [UInt8] {
        // Without a begin line, every line is data.
        var started = !(body.starts(with: Array("begin ".utf8)) || body.firstRange(of: Array("\nbegin ".utf8)) != nil)
        var data: [UInt8] = []
        for rawLine in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            if !started {
                started = beginLineName(line) != nil
                continue
            }
            if line.elementsEqual("end".utf8) { break }
            data += decodeLine(Array(line))
        }
        return data
    }

    /// The file name of a part's first `begin MODE NAME` line, without decoding the part.
    static func beginName(_ body: ArraySlice<UInt8>) -> String? {
        for rawLine in body.split(separator: UInt8(ascii: "\n")) {
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            if let name = beginLineName(line) { return name }
        }
        return nil
    }

    /// NAME, when `line` is `begin MODE NAME` with an octal MODE.
    private static func beginLineName(_ line: ArraySlice<UInt8>) -> String? {
        let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
        guard parts.count == 3, parts[0].elementsEqual("begin".utf8), parts[1].allSatisfy({ (0x30...0x37).contains($0) }) else {
            return nil
        }
        return Charset.decode(parts[2], charset: "utf-8").text
    }

    private static func decodeLine(_ line: [UInt8]) -> [UInt8] {
        guard let first = line.first else { return [] }
        let length = Int((first &- 32) & 63)
        var out: [UInt8] = []
        var index = 1
        func value(_ i: Int) -> UInt32 { i < line.count ? UInt32((line[i] &- 32) & 63) : 0 }
        while out.count < length, index < line.count {
            let group = value(index) << 18 | value(index + 1) << 12 | value(index + 2) << 6 | value(index + 3)
            for shift in [16, 8, 0] where out.count < length {
                out.append(UInt8(truncatingIfNeeded: group >> UInt32(shift)))
            }
            index += 4
        }
        return out
    }
}
