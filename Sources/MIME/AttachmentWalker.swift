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
            let text = Charset.decode(entity.decodedBody(), charset: entity.contentType["charset"]).text
            if type == "text/plain" {
                if plainText == nil { plainText = text }
                attachments += UUEncoded.extract(from: text)
            } else if htmlText == nil {
                htmlText = text
            }
            return
        }
        if entity.isMultipart { return }  // an unparsed (too deep or boundary-less) container
        let data = entity.decodedBody(reusing: &buffers)
        guard !data.isEmpty else { return }
        let isInline = dispositionValue == "inline" || (dispositionValue == nil && entity.headers["Content-ID"] != nil)
        if TNEF.isTNEF(data), let files = TNEF.files(in: data) {
            // winmail.dat: the school's files are inside; list them instead of the wrapper.
            for file in files {
                attachments.append(
                    Attachment(
                        filename: file.name ?? Self.fallbackName(type: "application/octet-stream", index: attachments.count + 1),
                        contentType: "application/octet-stream", data: file.data, isInline: false))
            }
            buffers.recycle(consume data)
            return
        }
        let attachment = Attachment(
            filename: filename ?? Self.fallbackName(type: type, index: attachments.count + 1),
            contentType: type,
            data: data,
            isInline: isInline
        )
        if isInline, attachment.kind == .image, data.count < Self.logoSizeLimit, filename == nil || entity.headers["Content-ID"] != nil {
            return
        }
        attachments.append(attachment)
    }

    /// A name for a part sent without one, so the officer still has something to click.
    static func fallbackName(type: String, index: Int) -> String {
        let extensions = [
            "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/tiff": "tif",
            "image/heic": "heic", "message/rfc822": "eml", "application/zip": "zip",
        ]
        return "tep-dinh-kem-\(index).\(extensions[type] ?? "bin")"
    }
}
