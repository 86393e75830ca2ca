import CBase64

/// Content-Transfer-Encoding decoders, lenient the way receiving mail software must be:
/// senders wrap, truncate and decorate encoded bodies, and a readable file beats a refusal.
public enum TransferEncoding: Sendable, Equatable {
    case sevenBit, eightBit, binary, base64, quotedPrintable
    /// `x-uuencode`, `x-uue`, `uuencode`: a `begin … end` block, as old clients and scanners
    /// write it.
    case uuencode
    /// Anything unrecognised is passed through as-is.
    case other(String)

    public init(headerValue: String?) {
        let token =
            (headerValue ?? "")
            .split(separator: ";").first.map { $0.filter { !$0.isWhitespace }.lowercased() } ?? ""
        switch token {
        case "", "7bit": self = .sevenBit
        case "8bit": self = .eightBit
        case "binary": self = .binary
        case "base64": self = .base64
        case "quoted-printable": self = .quotedPrintable
        case "x-uuencode", "x-uue", "uuencode", "x-uudecode": self = .uuencode
        default: self = .other(token)
        }
    }

    public func decode(_ body: ArraySlice<UInt8>) -> [UInt8] {
        switch self {
        case .base64: Base64.decode(body)
        case .quotedPrintable: QuotedPrintable.decode(body)
        case .uuencode: UUEncoded.decodeBody(body)
        default: Array(body)
        }
    }

    /// As `decode(_:)`; a base64 body (a scan, as a rule) goes into a buffer from `buffers`
    /// when one is large enough.
    public func decode(_ body: ArraySlice<UInt8>, reusing buffers: inout DecodeBuffers) -> [UInt8] {
        self == .base64 ? Base64.decode(body, reusing: &buffers) : decode(body)
    }
}

enum Base64 {
    private static let invalid: UInt8 = 0xFF
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        // Anything else, the URL-safe "-" and "_" included, is skipped, as RFC 2045 says.
        return table
    }()
    /// `table` four times over, each value already shifted to its place in a group of four
    /// characters (24 bits), so that a group decodes with four look-ups and three ORs; a
    /// character that is not in the alphabet sets bit 24.
    private static let groupTables: [UInt32] = (0..<4).flatMap { position in
        table.map { $0 == invalid ? 1 << 24 : UInt32($0) << (18 - 6 * position) }
    }

    /// Whether `thidua_base64_decode_lines` may run here (asked of the CPU once).
    static let hasAVX2 = thidua_cpu_has_avx2() != 0

    /// Skips whitespace and garbage, stops at the first padding, and keeps the whole
    /// bytes of a final group that lost its padding.
    static func decode<Bytes: Collection<UInt8>>(_ input: Bytes) -> [UInt8] {
        if let decoded = input.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return decoded }
        return Array(input).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    /// As `decode(_:)`, into a buffer from `buffers` when one is large enough.
    static func decode(_ input: ArraySlice<UInt8>, reusing buffers: inout DecodeBuffers) -> [UInt8] {
        guard var output = buffers.take(count: decodedCapacity(input.count)) else { return decode(input) }
        let written = input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { decode(buffer: input, into: $0) }
        }
        output.removeLast(output.count - written)  // keeps the capacity
        return output
    }

    /// Room for what `count` characters decode to, with the slack the fast path's word
    /// stores need.
    private static func decodedCapacity(_ count: Int) -> Int { count * 3 / 4 + 3 }

    private static func decode(buffer input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: decodedCapacity(input.count)) { output, count in
            count = decode(buffer: input, into: output)
        }
    }

    /// Decodes `input` into `output` (at least `decodedCapacity(input.count)` bytes) and
    /// returns how many bytes it wrote.
    private static func decode(buffer input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        table.withUnsafeBufferPointer { table in
            groupTables.withUnsafeBufferPointer { groups in
                let t0 = groups.baseAddress!
                let t1 = t0 + 256
                let t2 = t0 + 512
                let t3 = t0 + 768
                let out = UnsafeMutableRawPointer(output.baseAddress!)
                let capacity = output.count
                var written = 0
                var accumulator: UInt32 = 0
                var bits = 0
                var index = 0
                let end = input.count
                while index < end {
                    // Fast path: whole groups of four valid characters, the common case
                    // inside a line; each group's three bytes stored as one 32-bit word
                    // (its fourth byte overwritten by the next group, or left past the end).
                    if bits == 0 {
                        // Whole lines where the CPU allows: blocks of 32 characters, the
                        // groups after them and the line break, line after line.
                        if Self.hasAVX2, end - index >= 4 {
                            var produced = 0
                            index += thidua_base64_decode_lines(
                                input.baseAddress! + index, end - index,
                                output.baseAddress! + written, capacity - written, t0, &produced)
                            written += produced
                        }
                        while index + 4 <= end, written + 4 <= capacity {
                            let group =
                                t0[Int(input[index])] | t1[Int(input[index + 1])]
                                | t2[Int(input[index + 2])] | t3[Int(input[index + 3])]
                            if group & (1 << 24) != 0 { break }
                            out.storeBytes(of: (group << 8).bigEndian, toByteOffset: written, as: UInt32.self)
                            written += 3
                            index += 4
                        }
                        if index >= end { break }
                    }
                    // One character at a time: line breaks, garbage, padding.
                    let byte = input[index]
                    index += 1
                    if byte == ASCII.equals { break }
                    let value = table[Int(byte)]
                    if value == invalid { continue }
                    accumulator = (accumulator << 6) | UInt32(value)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        output[written] = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                        written += 1
                    }
                }
                return written
            }
        }
    }

    static func encode(_ input: [UInt8], lineLength: Int = 76) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out = [UInt8]()
        out.reserveCapacity(input.count * 4 / 3 + (lineLength > 0 ? input.count / lineLength * 2 : 0) + 4)
        var column = 0
        var index = 0
        while index < input.count {
            let b0 = UInt32(input[index])
            let b1 = index + 1 < input.count ? UInt32(input[index + 1]) : 0
            let b2 = index + 2 < input.count ? UInt32(input[index + 2]) : 0
            let group = (b0 << 16) | (b1 << 8) | b2
            out.append(alphabet[Int((group >> 18) & 63)])
            out.append(alphabet[Int((group >> 12) & 63)])
            out.append(index + 1 < input.count ? alphabet[Int((group >> 6) & 63)] : ASCII.equals)
            out.append(index + 2 < input.count ? alphabet[Int(group & 63)] : ASCII.equals)
            index += 3
            column += 4
            if lineLength > 0, column >= lineLength, index < input.count {
                out.append(ASCII.cr)
                out.append(ASCII.lf)
                column = 0
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

enum QuotedPrintable {
    static func decode<Bytes: Collection<UInt8>>(_ input: Bytes) -> [UInt8] where Bytes.Index == Int {
        var output = [UInt8]()
        output.reserveCapacity(input.count)
        var index = input.startIndex
        let end = input.endIndex
        while index < end {
            let byte = input[index]
            guard byte == ASCII.equals else {
                output.append(byte)
                index += 1
                continue
            }
            // Soft line break: "=" then optional trailing whitespace then CRLF or LF.
            var probe = index + 1
            while probe < end, input[probe] == ASCII.space || input[probe] == ASCII.tab { probe += 1 }
            if let next = input.endOfLineBreak(at: probe) {
                index = next
                continue
            }
            if probe == end {
                index = end  // "=" and trailing blanks at the very end: a soft break without its line end.
                continue
            }
            if index + 2 < end, let high = ASCII.hexValue(input[index + 1]), let low = ASCII.hexValue(input[index + 2]) {
                output.append(high << 4 | low)
                index += 3
                continue
            }
            // A stray "=" that starts no escape is kept, as RFC 2045 suggests.
            output.append(byte)
            index += 1
        }
        return output
    }
}
