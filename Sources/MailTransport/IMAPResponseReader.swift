import Foundation

/// The bytes an `IMAPStreamConnection`'s stream received and has not consumed yet: response lines
/// and message literals, read from the socket in blocks as large as the buffer.
struct IMAPResponseReader {
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0

    init(capacity: Int) {
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    func deallocate() { buffer.deallocate() }

    mutating func reset() {
        start = 0
        end = 0
    }

    /// Receives more after the unconsumed bytes, moving them to the front first.
    private mutating func fill(_ stream: CurlStream) throws {
        if start > 0 {
            if end > start { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: end - start) }
            end -= start
            start = 0
        }
        guard end < buffer.count else {
            throw IMAPProtocolError(.lineTooLong, "a response line longer than \(buffer.count) bytes")
        }
        end += try stream.receive(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
    }

    /// The next line, without its CRLF.
    mutating func readLine(from stream: CurlStream) throws -> [UInt8] {
        var searched = 0  // bytes after `start` known to hold no LF (fill() keeps them, moved)
        while true {
            if let newline = UnsafeRawBufferPointer(rebasing: buffer[(start + searched)..<end]).firstIndex(of: 10) {
                let lineEnd = start + searched + newline
                let length = lineEnd > start && buffer[lineEnd - 1] == 13 ? lineEnd - 1 - start : lineEnd - start
                let line = Array(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + length)]))
                start = lineEnd + 1
                return line
            }
            searched = end - start
            try fill(stream)
        }
    }

    /// Hands exactly `count` bytes to `consume`, in blocks as large as the buffer.
    mutating func readLiteral(
        _ count: Int, from stream: CurlStream,
        consume: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var remaining = count
        while remaining > 0 {
            if start == end {
                start = 0
                end = 0
                // Fill the buffer (or what is left of the literal) before handing it on.
                let want = min(remaining, buffer.count)
                while end < want {
                    end += try stream.receive(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<want]), coming: remaining - end)
                }
            }
            let take = min(remaining, end - start)
            try consume(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + take)]))
            start += take
            remaining -= take
        }
    }
}
