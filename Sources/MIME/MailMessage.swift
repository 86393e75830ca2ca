import Foundation

/// What thidua needs to know about one received message: who, what, when, which files.
///
/// Built by `MailMessage.parse`, the single code path shared by the daemon and
/// `thidua inspect`.
public struct MailMessage: Sendable {
    public var messageID: String?
    public var from: MailAddress?
    public var replyTo: MailAddress?
    public var subject: String
    public var date: Date?
    public var inReplyTo: String?
    public var references: [String]
    /// `Auto-Submitted`, `Precedence` and friends, for loop prevention.
    public var autoSubmitted: String?
    public var precedence: String?
    /// Plain text of the body (the text/plain part, or text/html stripped of tags).
    public var bodyText: String
    public var attachments: [Attachment]
    /// Cloud-storage links found in the body (a file shared instead of attached).
    public var links: [String]
    public var defects: [String]
    public var headers: Headers

    public static func parse(_ bytes: [UInt8], parser: MIMEParser = MIMEParser()) -> MailMessage {
        let root = parser.parse(bytes)
        var walker = AttachmentWalker()
        walker.walk(root, depth: 0)
        let headers = root.headers
        let body = walker.plainText ?? walker.htmlText.map(HTMLText.strip) ?? ""
        return MailMessage(
            messageID: headers["Message-ID"].map { MessageID.normalise($0.rawText) },
            from: headers.text("From").flatMap(MailAddress.parseFirst),
            replyTo: headers.text("Reply-To").flatMap(MailAddress.parseFirst),
            subject: (headers.text("Subject") ?? "").replacingOccurrences(of: "\t", with: " "),
            date: headers["Date"].flatMap { MailDate.parse($0.rawText) },
            inReplyTo: headers["In-Reply-To"].map { MessageID.normalise($0.rawText) },
            references: headers["References"].map { MessageID.list($0.rawText) } ?? [],
            autoSubmitted: headers.text("Auto-Submitted")?.lowercased(),
            precedence: headers.text("Precedence")?.lowercased(),
            bodyText: body,
            attachments: walker.attachments,
            links: CloudLinks.find(in: body + "\n" + (walker.htmlText ?? "")),
            defects: walker.defects,
            headers: headers
        )
    }
}

enum MessageID {
    static func normalise(_ raw: String) -> String {
        list(raw).first ?? raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func list(_ raw: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(raw)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            ids.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return ids
    }
}
