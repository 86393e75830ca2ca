/// Walks a parsed message and sorts its leaves into body text and attachments.
///
/// A leaf is body text when it is text/plain or text/html with no filename and not marked
/// as an attachment. Everything else is a file, except small inline images — signature
/// logos — which would otherwise look like a school's "scan". An inline PDF or a large
/// inline image counts: Apple Mail sends attached scans inline.
struct AttachmentWalker {
    static let logoSizeLimit = 40 * 1024

    var plainText: String?
    var htmlText: String?
    var attachments: [Attachment] = []
    /// The leaves that are not files, and why (`IgnoredPart`).
    var ignored: [IgnoredPart] = []
    var defects: [String] = []
    /// Senders of forwarded messages (message/rfc822 parts), outermost first.
    var forwardedFrom: [MailAddress] = []
    /// Where attachment bodies are decoded (`DecodeBuffers`).
    var buffers: DecodeBuffers

    mutating func walk(_ entity: MIMEEntity, depth: Int) {
        defects += entity.defects
        if entity.isEncapsulatedMessage, let inner = entity.children.first,
            let sender = inner.headers.text("From").flatMap(MailAddress.parseFirst)
        {
            forwardedFrom.append(sender)
        }
        if !entity.children.isEmpty {
            for child in entity.children { walk(child, depth: depth + 1) }
            return
        }
        let type = entity.mimeType
        let dispositionValue = entity.disposition?.value
        let filename = entity.filename
        let isAttachmentDisposition = dispositionValue == "attachment"
        if filename == nil, !isAttachmentDisposition, type == "text/plain" || type == "text/html" {
            let body = entity.decodedBody()
            ignored.append(IgnoredPart(filename: nil, contentType: type, bytes: body, reason: .body))
            let text = Charset.decode(body, charset: entity.contentType["charset"]).text
            if type == "text/plain" {
                if plainText == nil { plainText = text }
                attachments += UUEncoded.extract(from: text)
            } else if htmlText == nil {
                htmlText = text
            }
            return
        }
        if entity.isMultipart {
            // A container the parser did not open: too deep, or a multipart without parts.
            ignored.append(IgnoredPart(filename: filename, contentType: type, bytes: Array(entity.body), reason: .tooDeep))
            return
        }
        // Delivery and read reports are the mail system's, not a school's file (a bounce is
        // matched to the reminder it bounces elsewhere).
        if Self.reportTypes.contains(type) {
            ignored.append(IgnoredPart(filename: filename, contentType: type, bytes: entity.decodedBody(), reason: .report))
            return
        }
        let data = entity.decodedBody(reusing: &buffers)
        guard !data.isEmpty else {
            // An empty file is reported, so the school can be told it arrived empty; an empty
            // part with no name is no file, and is ignored with the body.
            if filename != nil || isAttachmentDisposition {
                attachments.append(
                    Attachment(
                        filename: filename ?? Self.fallbackName(type: type, index: attachments.count + 1), contentType: type, data: [],
                        isInline: false))
            } else {
                ignored.append(IgnoredPart(filename: nil, contentType: type, bytes: [], reason: .body))
            }
            return
        }
        let isInline = dispositionValue == "inline" || (dispositionValue == nil && entity.headers["Content-ID"] != nil)
        if let listing = TNEF.listing(of: data), !listing.files.isEmpty {
            // winmail.dat: the school's files are inside; list them instead of the wrapper.
            let names = listing.files.map { $0.name ?? Self.fallbackName(type: "application/octet-stream", index: attachments.count + 1) }
            for (file, name) in zip(listing.files, names) {
                attachments.append(Attachment(filename: name, contentType: "application/octet-stream", data: file.data, isInline: false))
            }
            guard !listing.complete else {
                buffers.recycle(consume data)
                return
            }
            // Some members could not be read (an embedded message, an OLE object, a cut
            // blob): the wrapper is kept as well, so nothing the school sent is lost.
            defects.append(
                "\(filename ?? "winmail.dat"): only \(names.count) file(s) inside could be read (\(names.joined(separator: ", "))); "
                    + "the whole file is kept as well")
        }
        // A uuencoded part names its file on its `begin` line when the headers do not.
        let uuName = entity.transferEncoding == .uuencode ? UUEncoded.beginName(entity.body) : nil
        var attachment = Attachment(
            filename: filename ?? uuName ?? Self.fallbackName(type: type, index: attachments.count + 1),
            contentType: type,
            data: data,
            isInline: isInline
        )
        // A winmail.dat kept whole is Outlook's container, whatever its members look like.
        if TNEF.isTNEF(data) { attachment.kind = .other }
        if isInline, attachment.kind == .image, data.count < Self.logoSizeLimit, filename == nil || entity.headers["Content-ID"] != nil {
            ignored.append(IgnoredPart(filename: filename, contentType: type, bytes: data, reason: .logo))
            return
        }
        attachments.append(attachment)
    }

    static let reportTypes: Set<String> = [
        "message/delivery-status", "message/disposition-notification", "text/rfc822-headers", "message/global-delivery-status",
        "message/global-disposition-notification", "message/global-headers",
    ]

    /// A name for a part sent without one, so the officer still has something to click.
    static func fallbackName(type: String, index: Int) -> String {
        let extensions = [
            "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/tiff": "tif",
            "image/heic": "heic", "message/rfc822": "eml", "application/zip": "zip",
        ]
        return "tep-dinh-kem-\(index).\(extensions[type] ?? "bin")"
    }
}
