import Foundation

/// A structured header value such as `multipart/mixed; boundary="x"` or
/// `attachment; filename*=UTF-8''K%E1%BA%BF.pdf`: a leading token plus parameters.
///
/// Parameters follow RFC 2045 and RFC 2231 (charset, language, continuations in any
/// order, mixed encoded and plain segments), and tolerate what real clients send: RFC 2047
/// encoded words inside values, unquoted values with spaces, raw UTF-8.
public struct HeaderParameters: Sendable {
    /// The leading token, lowercased (`multipart/mixed`, `attachment`).
    public var value: String
    private var parameters: [String: String]

    public subscript(name: String) -> String? { parameters[name.lowercased()] }

    public init(value: String, parameters: [String: String] = [:]) {
        self.value = value
        self.parameters = parameters
    }

    public init(_ raw: [UInt8]) {
        let segments = Self.split(raw)
        value = segments.first.map { String(decoding: $0.trimmingWhitespace(), as: UTF8.self).lowercased() } ?? ""
        var plain: [String: [UInt8]] = [:]
        var extended: [String: [Int: (bytes: [UInt8], encoded: Bool)]] = [:]
        for segment in segments.dropFirst() {
            guard let equals = segment.firstIndex(of: ASCII.equals) else { continue }
            let key = String(decoding: segment[segment.startIndex..<equals].trimmingWhitespace(), as: UTF8.self).lowercased()
            let value = Self.unquote(segment[(equals + 1)...].trimmingWhitespace())
            guard !key.isEmpty else { continue }
            if let star = key.firstIndex(of: "*") {
                let name = String(key[..<star])
                let rest = key[key.index(after: star)...]
                let encoded = rest.hasSuffix("*") || rest.isEmpty
                let indexText = rest.hasSuffix("*") ? rest.dropLast() : rest
                let index = indexText.isEmpty ? 0 : (Int(indexText) ?? Int.max)
                guard index != Int.max else { continue }
                extended[name, default: [:]][index] = (value, encoded)
            } else if plain[key] == nil {
                plain[key] = value
            }
        }
        var parameters: [String: String] = [:]
        for (key, bytes) in plain {
            parameters[key] = EncodedWords.decode(Self.text(EncodedWords.escapingRawBytesInWords(bytes))).precomposed
        }
        // The RFC 2231 form wins over a plain one of the same name: it carries the real name.
        for (key, segments) in extended {
            if let decoded = Self.joinContinuations(segments) { parameters[key] = decoded }
        }
        self.parameters = parameters
    }

    /// Joins RFC 2231 continuation segments in index order; only the first segment carries
    /// `charset'language'`, and only segments marked with `*` are percent-encoded.
    private static func joinContinuations(_ segments: [Int: (bytes: [UInt8], encoded: Bool)]) -> String? {
        var charset: String?
        var bytes: [UInt8] = []
        for index in segments.keys.sorted() {
            guard let segment = segments[index] else { continue }
            var payload = ArraySlice(segment.bytes)
            if segment.encoded {
                if index == segments.keys.min(), let q1 = payload.firstIndex(of: UInt8(ascii: "'")),
                    let q2 = payload[(q1 + 1)...].firstIndex(of: UInt8(ascii: "'"))
                {
                    charset = String(decoding: payload[payload.startIndex..<q1], as: UTF8.self)
                    payload = payload[(q2 + 1)...]
                }
                bytes += percentDecode(payload)
            } else {
                bytes += payload
            }
        }
        guard !bytes.isEmpty else { return nil }
        let name = (charset?.isEmpty ?? true) ? "utf-8" : charset
        return EncodedWords.decode(Charset.decode(bytes, charset: name).text).precomposed
    }

    private static func percentDecode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                let high = ASCII.hexValue(bytes[index + 1]), let low = ASCII.hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    private static func text(_ bytes: [UInt8]) -> String { RawHeaderText.decode(bytes) }

    /// Splits at semicolons outside quoted strings.
    private static func split(_ raw: [UInt8]) -> [ArraySlice<UInt8>] {
        var segments: [ArraySlice<UInt8>] = []
        var start = raw.startIndex
        var inQuotes = false
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == ASCII.backslash, inQuotes {
                index += 2
                continue
            }
            if byte == ASCII.quote { inQuotes.toggle() }
            if byte == ASCII.semicolon, !inQuotes {
                segments.append(raw[start..<index])
                start = index + 1
            }
            index += 1
        }
        segments.append(raw[start..<min(index, raw.endIndex)])
        return segments
    }

    /// A quoted string loses its quotes and escapes; an unquoted value is kept whole,
    /// spaces included, as Outlook writes them.
    private static func unquote(_ value: ArraySlice<UInt8>) -> [UInt8] {
        guard value.first == ASCII.quote else { return Array(value) }
        var out = [UInt8]()
        var index = value.startIndex + 1
        while index < value.endIndex {
            let byte = value[index]
            if byte == ASCII.quote { break }
            if byte == ASCII.backslash, index + 1 < value.endIndex {
                out.append(value[index + 1])
                index += 2
                continue
            }
            out.append(byte)
            index += 1
        }
        return out
    }
}
