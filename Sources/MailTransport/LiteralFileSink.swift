import Foundation
import MIME

/// Writes the message literal of a `UID FETCH … BODY.PEEK[]` response straight to a file
/// while hashing it, so a 50 MB scan never sits in memory twice and its SHA-256 is known
/// when the transfer ends.
///
/// libcurl delivers a custom command's response through the header callback, line by
/// line, literal included. Outside the literal, bytes are collected only up to the end of
/// the current line (to find `{size}` and the FETCH attributes); inside it, exactly
/// `size` bytes go to the file, whatever they look like.
final class LiteralFileSink: ResponseSink, @unchecked Sendable {
    // Mutated only on the connection's thread during one transfer; read after it.
    private let handle: FileHandle
    private let hasher = SHA256Hasher()
    private var line: [UInt8] = []
    private var pending: [UInt8] = []
    private static let blockSize = 256 * 1024
    private var remaining = 0
    /// The FETCH attributes of the current chunk's response (around its literal).
    private(set) var attributes = ""
    /// Bytes written so far, over all chunks.
    private(set) var size = 0
    /// The literal size the current chunk's response announced, once seen.
    private(set) var chunkLiteral: Int?
    private(set) var writeError: (any Error)?

    private var sawLiteral: Bool { chunkLiteral != nil }

    private func flushPending() {
        guard !pending.isEmpty else { return }
        do { try handle.write(contentsOf: pending) } catch { writeError = writeError ?? error }
        pending.removeAll(keepingCapacity: true)
    }

    /// Starts reading the response to the next partial fetch; the file keeps growing.
    func beginChunk() {
        line.removeAll(keepingCapacity: true)
        remaining = 0
        attributes = ""
        chunkLiteral = nil
    }

    /// Whether the current chunk's literal arrived whole.
    var chunkComplete: Bool { sawLiteral && remaining == 0 }

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    func consume(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            if remaining > 0 {
                let take = min(remaining, bytes.count - offset)
                let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + take)])
                hasher.update(slice)
                // libcurl hands the literal over line by line (~80 bytes): collect it and
                // write in large blocks, not one system call per line.
                pending.append(contentsOf: slice)
                if pending.count >= Self.blockSize { flushPending() }
                remaining -= take
                size += take
                offset += take
                continue
            }
            let byte = bytes[offset]
            offset += 1
            if line.count < 8192 { line.append(byte) }
            guard byte == 10 else { continue }
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            line.removeAll(keepingCapacity: true)
            if !sawLiteral, text.hasPrefix("* "), text.uppercased().contains(" FETCH ("), text.hasSuffix("}"),
               let open = text.lastIndex(of: "{"), let count = Int(text[text.index(after: open)..<text.index(before: text.endIndex)]) {
                chunkLiteral = count
                remaining = count
                attributes = text
            } else if sawLiteral, remaining == 0, attributes.hasSuffix("}") {
                attributes += " " + text  // the attributes after the literal, e.g. ") " or "UID 7)"
            }
        }
    }

    /// Flushes the file to disk and returns the content's SHA-256.
    func finish() throws -> String {
        flushPending()
        try handle.synchronize()
        try handle.close()
        if let writeError { throw writeError }
        return hasher.finalize()
    }
}
