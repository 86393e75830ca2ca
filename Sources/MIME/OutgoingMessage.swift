import Foundation

/// A plain-text (plus optional HTML) message thidua sends: reminders and acknowledgements,
/// and the announcement of a campaign with the office's document attached.
///
/// Rendering is injection-safe: a header value holding CR or LF is refused, so a school
/// name or a subject from a template can never add a header or a recipient.
public struct OutgoingMessage: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress] = []
    public var subject: String
    public var textBody: String
    public var htmlBody: String?
    public var date: Date
    public var timeZone: TimeZone
    public var messageID: String
    public var inReplyTo: String?
    public var references: [String] = []
    /// RFC 3834: `auto-generated` for reminders, `auto-replied` for acknowledgements.
    public var autoSubmitted: String = "auto-generated"
    /// Files sent with the text (the office's plan with an announcement).
    public var attachments: [OutgoingAttachment] = []

    public init(
        from: MailAddress, to: [MailAddress], subject: String, textBody: String, htmlBody: String? = nil,
        date: Date, timeZone: TimeZone, messageID: String
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
    }

    public enum RenderError: Error, CustomStringConvertible {
        case lineBreakInHeader(String)
        public var description: String {
            switch self {
            case .lineBreakInHeader(let field):
                "the \(field) header would contain a line break; refusing to send (check the template and roster for stray newlines)"
            }
        }
    }

    /// A unique Message-ID in thidua's name under `domain`.
    public static func makeMessageID(domain: String) -> String {
        "<thidua.\(UUID().uuidString.lowercased())@\(domain)>"
    }

    public func render() throws -> [UInt8] {
        var lines: [String] = []
        func header(_ name: String, _ value: String) throws {
            guard !HeaderEncoding.containsLineBreak(value) else { throw RenderError.lineBreakInHeader(name) }
            lines.append("\(name): \(value)")
        }
        try header("From", HeaderEncoding.address(from))
        try header("To", try to.map(HeaderEncoding.address).joined(separator: ", "))
        if !cc.isEmpty { try header("Cc", try cc.map(HeaderEncoding.address).joined(separator: ", ")) }
        // Checked before encoding: RFC 2047 would otherwise hide the line break in base64.
        guard !HeaderEncoding.containsLineBreak(subject) else { throw RenderError.lineBreakInHeader("Subject") }
        try header("Subject", HeaderEncoding.encodedWords(subject))
        try header("Date", MailDate.format(date, in: timeZone))
        try header("Message-ID", messageID)
        if let inReplyTo { try header("In-Reply-To", inReplyTo) }
        if !references.isEmpty { try header("References", references.joined(separator: " ")) }
        try header("Auto-Submitted", autoSubmitted)
        try header("X-Auto-Response-Suppress", "All")
        try header("MIME-Version", "1.0")
        let (bodyHeaders, body) = bodyPart()
        if attachments.isEmpty {
            for (name, value) in bodyHeaders { try header(name, value) }
            lines.append("")
            lines += body
        } else {
            // multipart/mixed: the text first, then each file.
            let mixed = "=_thidua_mixed_\(UUID().uuidString.lowercased())"
            try header("Content-Type", "multipart/mixed; boundary=\"\(mixed)\"")
            lines.append("")
            lines.append("--\(mixed)")
            lines += bodyHeaders.map { "\($0.0): \($0.1)" }
            lines.append("")
            lines += body
            for attachment in attachments {
                lines.append("--\(mixed)")
                lines += attachment.partLines()
            }
            lines.append("--\(mixed)--")
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// The text (and HTML) part: its headers, and its lines after them.
    private func bodyPart() -> (headers: [(String, String)], lines: [String]) {
        let text = QuotedPrintableEncoder.encode(textBody)
        guard let htmlBody else {
            return ([("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable")], [text])
        }
        let boundary = "=_thidua_\(UUID().uuidString.lowercased())"
        return (
            [("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")],
            [
                "--\(boundary)", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "", text,
                "--\(boundary)", "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
                QuotedPrintableEncoder.encode(htmlBody), "--\(boundary)--",
            ]
        )
    }
}

/// A file sent with a message, base64 in its own part.
public struct OutgoingAttachment: Sendable, Equatable {
    public var filename: String
    public var contentType: String
    public var bytes: [UInt8]

    public init(filename: String, contentType: String, bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }

    /// The part's lines. The name is given twice: RFC 2231's `filename*` (UTF-8, what
    /// current mail programs read) and RFC 2047 words in `name` (what Outlook reads).
    func partLines() -> [String] {
        let safe = filename.unicodeScalars.filter { $0.value >= 32 && $0 != "\"" && $0 != "\\" }
        let name = String(String.UnicodeScalarView(safe))
        let encoded = name.addingPercentEncoding(withAllowedCharacters: Self.attributeCharacters) ?? "file"
        return [
            "Content-Type: \(contentType); name=\"\(HeaderEncoding.encodedWords(name))\"",
            "Content-Transfer-Encoding: base64",
            "Content-Disposition: attachment; filename*=UTF-8''\(encoded)",
            "",
            Base64.encode(bytes),
        ]
    }

    /// RFC 2231 attribute-char: what may stand unencoded in `filename*`.
    private static let attributeCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")
}

/// RFC 2047 encoding for header text thidua writes.
enum HeaderEncoding {
    /// Checked on scalars: "\r\n" is one Character in Swift, equal to neither "\r" nor "\n".
    static func containsLineBreak(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }
    }

    static func encodedWords(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value > 126 || $0.value < 32 }) else { return text }
        // Whole characters per word, each word at most 75 bytes (RFC 2047 §2).
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if (chunk.count + bytes.count) * 4 / 3 + 16 > 75 {
                words.append("=?UTF-8?B?\(Base64.encode(chunk, lineLength: 0))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Base64.encode(chunk, lineLength: 0))?=") }
        return words.joined(separator: " ")
    }

    static func address(_ address: MailAddress) throws -> String {
        guard !containsLineBreak(address.address),
            !address.address.contains(where: { $0 == "<" || $0 == ">" || $0 == "," || $0 == " " })
        else {
            throw OutgoingMessage.RenderError.lineBreakInHeader("address")
        }
        guard let name = address.displayName, !name.isEmpty else { return address.address }
        if containsLineBreak(name) { throw OutgoingMessage.RenderError.lineBreakInHeader("display name") }
        let isPlainASCII = name.unicodeScalars.allSatisfy {
            $0.value >= 32 && $0.value < 127 && !"\"\\(),:;<>@[]".unicodeScalars.contains($0)
        }
        return "\(isPlainASCII ? name : encodedWords(name)) <\(address.address)>"
    }
}

enum QuotedPrintableEncoder {
    static func encode(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        var out: [String] = []
        for line in normalised.split(separator: "\n", omittingEmptySubsequences: false) {
            var encoded = ""
            var column = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                var piece: String
                if (byte >= 33 && byte <= 126 && byte != ASCII.equals) || ((byte == ASCII.space || byte == ASCII.tab) && !isLast) {
                    piece = String(UnicodeScalar(byte))
                } else {
                    piece = "=" + Hex.encode([byte]).uppercased()
                }
                if column + piece.count > 75 {
                    encoded += "=\r\n"
                    column = 0
                }
                encoded += piece
                column += piece.count
            }
            out.append(encoded)
        }
        return out.joined(separator: "\r\n")
    }
}
