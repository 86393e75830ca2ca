/// uuencoded files embedded in a text body (`begin 644 name` … `end`), as some old
/// clients and scanners still produce.
enum UUEncoded {
    static func extract(from text: String) -> [Attachment] {
        guard text.contains("begin ") else { return [] }
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
