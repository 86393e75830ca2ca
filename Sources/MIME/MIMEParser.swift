/// Parses RFC 5322 / MIME messages from bytes into a tree of `MIMEEntity`.
///
/// Never fails: damaged structure becomes defects on the nodes, because a school's
/// submission must still be shown even when its mail client mangled it. Nesting deeper
/// than `maxDepth` is not descended into (its body is kept whole), so hostile input cannot
/// exhaust the stack.
public struct MIMEParser: Sendable {
    public var maxDepth: Int

    public init(maxDepth: Int = 40) {
        self.maxDepth = maxDepth
    }

    public func parse(_ bytes: [UInt8]) -> MIMEEntity {
        parse(bytes[...])
    }

    /// Parses the message in `bytes`, a part of a larger buffer (one reused from message to
    /// message, say).
    public func parse(_ bytes: ArraySlice<UInt8>) -> MIMEEntity {
        parseEntity(bytes, depth: 0, defaultType: "text/plain")
    }

    private static let discreteTypes: Set<String> = ["application", "image", "audio", "video", "model", "font"]

    private func parseEntity(_ bytes: ArraySlice<UInt8>, depth: Int, defaultType: String) -> MIMEEntity {
        let (headers, bodyStart) = Headers.parse(bytes)
        var contentType =
            headers["Content-Type"].map { HeaderParameters($0.rawValue) }
            ?? HeaderParameters(value: defaultType)
        if !contentType.value.utf8.contains(UInt8(ascii: "/")) {  // bytes: Foundation's contains searched as text
            // A type without its subtype (`application` alone, as some clients write it) is
            // a file of unknown kind, its name kept: read as text it would vanish into the body.
            if Self.discreteTypes.contains(contentType.value) {
                contentType.value = "application/octet-stream"
            } else {
                contentType = HeaderParameters(value: defaultType)
            }
        }
        var entity = MIMEEntity(
            headers: headers,
            contentType: contentType,
            disposition: headers["Content-Disposition"].map { HeaderParameters($0.rawValue) },
            transferEncoding: TransferEncoding(headerValue: headers["Content-Transfer-Encoding"]?.rawText),
            body: bytes[bodyStart...],
            children: [],
            isEncapsulatedMessage: false,
            defects: []
        )
        if depth >= maxDepth {
            if entity.isMultipart || entity.mimeType == "message/rfc822" {
                entity.defects.append("nesting deeper than \(maxDepth) levels was not parsed")
            }
            return entity
        }
        if entity.isMultipart {
            let childDefault = entity.mimeType == "multipart/digest" ? "message/rfc822" : "text/plain"
            var split: (parts: [ArraySlice<UInt8>], defects: [String]) = ([], [])
            if let boundary = contentType["boundary"], !boundary.isEmpty {
                split = Self.splitMultipart(entity.body, boundary: Array(boundary.utf8))
                if split.parts.isEmpty { entity.defects.append("no part found for boundary \"\(boundary)\"") }
            } else {
                entity.defects.append("multipart without a boundary parameter")
            }
            // A wrong or missing boundary parameter: the delimiter lines in the body tell.
            if split.parts.isEmpty, let guessed = Self.guessBoundary(entity.body) {
                split = Self.splitMultipart(entity.body, boundary: guessed)
                entity.defects.append("used the boundary found in the body: \"\(String(decoding: guessed, as: UTF8.self))\"")
            }
            entity.defects += split.defects
            entity.children = split.parts.map { parseEntity($0, depth: depth + 1, defaultType: childDefault) }
            if !split.parts.isEmpty {
                entity.body = entity.body[entity.body.startIndex..<entity.body.startIndex]
            }
        } else if entity.mimeType == "message/rfc822" {
            // Forwarded mail, sometimes itself base64-encoded by the forwarding client.
            switch entity.transferEncoding {
            case .base64, .quotedPrintable:
                entity.children = [parseOwned(entity.decodedBody(), depth: depth + 1)]
            default:
                entity.children = [parseEntity(entity.body, depth: depth + 1, defaultType: "text/plain")]
            }
            entity.isEncapsulatedMessage = true
        }
        return entity
    }

    private func parseOwned(_ bytes: [UInt8], depth: Int) -> MIMEEntity {
        parseEntity(bytes[...], depth: depth, defaultType: "text/plain")
    }

    /// The boundary a multipart body actually uses: the first `--token` line whose token
    /// delimits at least one more line later on.
    static func guessBoundary(_ body: ArraySlice<UInt8>) -> [UInt8]? {
        var index = body.startIndex
        var candidates = 0
        while index < body.endIndex, candidates < 20 {
            var lineEnd = index
            while lineEnd < body.endIndex, body[lineEnd] != ASCII.lf { lineEnd += 1 }
            var line = body[index..<lineEnd]
            if line.last == ASCII.cr { line = line.dropLast() }
            if line.count > 2, line.count <= 72, line[line.startIndex] == ASCII.dash, line[line.startIndex + 1] == ASCII.dash,
                !line.contains(where: { $0 == ASCII.space || $0 == ASCII.tab })
            {
                candidates += 1
                var token = Array(line.dropFirst(2))
                if token.count > 2, token.suffix(2) == [ASCII.dash, ASCII.dash] { token.removeLast(2) }
                if !token.isEmpty, body.firstRange(of: [ASCII.lf, ASCII.dash, ASCII.dash] + token, from: lineEnd) != nil {
                    return token
                }
            }
            index = lineEnd + 1
        }
        return nil
    }

    /// Splits a multipart body at lines that are exactly `--boundary` (plus optional
    /// trailing whitespace), so a boundary that is a prefix of another never matches it.
    /// A missing closing delimiter ends the last part at the end of the body.
    static func splitMultipart(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> (parts: [ArraySlice<UInt8>], defects: [String]) {
        let delimiter = [ASCII.dash, ASCII.dash] + boundary
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var searchFrom = body.startIndex
        var closed = false
        while let found = body.firstRange(of: delimiter, from: searchFrom) {
            searchFrom = found.upperBound
            let atLineStart = found.lowerBound == body.startIndex || body[found.lowerBound - 1] == ASCII.lf
            guard atLineStart else { continue }
            var cursor = found.upperBound
            let isClose = cursor + 1 < body.endIndex && body[cursor] == ASCII.dash && body[cursor + 1] == ASCII.dash
            if isClose { cursor += 2 }
            while cursor < body.endIndex, body[cursor] == ASCII.space || body[cursor] == ASCII.tab { cursor += 1 }
            let lineEnd = body.endOfLineBreak(at: cursor)
            guard lineEnd != nil || cursor == body.endIndex else { continue }
            if let start = partStart {
                // The line break before the delimiter belongs to the delimiter.
                var end = found.lowerBound
                if end > start, body[end - 1] == ASCII.lf { end -= 1 }
                if end > start, body[end - 1] == ASCII.cr { end -= 1 }
                parts.append(body[start..<end])
            }
            if isClose {
                closed = true
                break
            }
            let next = lineEnd ?? body.endIndex
            partStart = next
            searchFrom = next
        }
        var defects: [String] = []
        if !closed, let start = partStart {
            parts.append(body[start...])
            defects.append("multipart has no closing boundary")
        }
        return (parts, defects)
    }
}
