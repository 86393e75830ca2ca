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
    /// Every other leaf part, and why it is no file (`IgnoredPart`): with `attachments`,
    /// every leaf of the message is accounted for.
    public var ignored: [IgnoredPart] = []
    /// Cloud-storage links found in the body (a file shared instead of attached).
    public var links: [String]
    public var defects: [String]
    public var headers: Headers
    /// Original senders of forwarded mail: from message/rfc822 parts, or from the
    /// "From:" line of an inline forward ("---------- Forwarded message ---------").
    public var forwardedFrom: [MailAddress]
    /// The topmost Authentication-Results (added by the receiving server, the only one
    /// to trust), summarised.
    public var authentication: SenderAuthentication?

    /// Whether the bytes read as an email message at all: they carry at least one header
    /// field that mail carries (a PDF, a spreadsheet or a photo carries none). `thidua
    /// inspect` refuses a file that does not; the daemon keeps whatever its mailbox holds.
    public var hasMailHeaders: Bool {
        ["From", "To", "Subject", "Date", "Message-ID", "Received", "Return-Path", "MIME-Version", "Delivered-To", "Sender"]
            .contains { headers[$0] != nil }
    }

    /// Mail that must never get an automatic reply (RFC 3834): auto-generated or
    /// auto-replied, bulk or list mail, bounces, out-of-office notices.
    public var isAutomated: Bool {
        if let auto = autoSubmitted, auto != "no" { return true }
        if let precedence, ["bulk", "list", "junk", "auto_reply"].contains(precedence) { return true }
        if ["List-Id", "List-Unsubscribe", "X-Autoreply", "X-Autorespond"].contains(where: { headers[$0] != nil }) { return true }
        if let suppress = headers.text("X-Auto-Response-Suppress")?.lowercased(), suppress.contains("all") || suppress.contains("oof") {
            return true
        }
        let local = from?.address.split(separator: "@").first.map { $0.lowercased() } ?? ""
        if ["mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply"].contains(local) { return true }
        if headers.text("Return-Path")?.trimming(.whitespaces) == "<>" { return true }
        let lowered = subject.lowercased()
        return ["auto:", "automatic reply", "autoreply", "out of office", "trả lời tự động", "thư trả lời tự động"].contains {
            lowered.hasPrefix($0)
        }
    }

    public static func parse(_ bytes: [UInt8], parser: MIMEParser = MIMEParser()) -> MailMessage {
        parse(bytes[...], parser: parser)
    }

    public static func parse(_ bytes: ArraySlice<UInt8>, parser: MIMEParser = MIMEParser()) -> MailMessage {
        var buffers = DecodeBuffers(limit: 0)
        return parse(bytes, parser: parser, buffers: &buffers)
    }

    /// As `parse(_:parser:)`, decoding attachments into memory from `buffers`, for a caller
    /// that parses message after message and recycles each one's attachment data.
    public static func parse(
        _ bytes: ArraySlice<UInt8>, parser: MIMEParser = MIMEParser(),
        buffers: inout DecodeBuffers
    ) -> MailMessage {
        let root = parser.parse(bytes)
        // Moved in and out, not copied: a copy would share the kept buffers, and writing
        // into a shared one copies it first.
        var walker = AttachmentWalker(buffers: DecodeBuffers(limit: 0))
        swap(&walker.buffers, &buffers)
        walker.walk(root, depth: 0)
        swap(&walker.buffers, &buffers)
        let headers = root.headers
        let body = walker.plainText ?? walker.htmlText.map(HTMLText.strip) ?? ""
        return MailMessage(
            messageID: headers["Message-ID"].map { MessageID.normalise($0.rawText) },
            from: headers.text("From").flatMap(MailAddress.parseFirst),
            replyTo: headers.text("Reply-To").flatMap(MailAddress.parseFirst),
            subject: subject(headers.text("Subject") ?? ""),
            date: headers["Date"].flatMap { MailDate.parse($0.rawText) },
            inReplyTo: headers["In-Reply-To"].map { MessageID.normalise($0.rawText) },
            references: headers["References"].map { MessageID.list($0.rawText) } ?? [],
            autoSubmitted: headers.text("Auto-Submitted")?.lowercased(),
            precedence: headers.text("Precedence")?.lowercased(),
            bodyText: body,
            attachments: walker.attachments,
            ignored: walker.ignored,
            links: CloudLinks.find(in: body + "\n" + (walker.htmlText ?? "")),
            defects: walker.defects,
            headers: headers,
            forwardedFrom: walker.forwardedFrom + InlineForward.senders(in: body),
            authentication: headers["Authentication-Results"].map { SenderAuthentication(header: $0.rawText) }
        )
    }
}

extension MailMessage {
    /// Tabs left by unfolding read as spaces (Foundation's replacing only when there is one).
    static func subject(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "\t")) ? text.replacingOccurrences(of: "\t", with: " ") : text
    }
}

enum MessageID {
    static func normalise(_ raw: String) -> String {
        list(raw).first ?? raw.trimming(.whitespacesAndNewlines)
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
