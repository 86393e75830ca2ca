import Foundation

/// One node of a parsed message: its headers and either a body or child entities.
///
/// Bodies are slices of the original message bytes, so parsing copies nothing; decoding
/// happens only for the parts somebody asks for.
public struct MIMEEntity: Sendable {
    public var headers: Headers
    public var contentType: HeaderParameters
    public var disposition: HeaderParameters?
    public var transferEncoding: TransferEncoding
    /// The encoded body (empty for a multipart whose children were parsed).
    public var body: ArraySlice<UInt8>
    public var children: [MIMEEntity]
    /// Set when a message/rfc822 part was parsed into `children[0]`.
    public var isEncapsulatedMessage: Bool
    /// Why parsing stopped short at this node, if it did (too deep, no closing boundary…).
    public var defects: [String]

    /// `type/subtype`, lowercased; `text/plain` when absent or unusable, per RFC 2045.
    public var mimeType: String {
        contentType.value.contains("/") ? contentType.value : "text/plain"
    }

    public var isMultipart: Bool { mimeType.hasPrefix("multipart/") }

    public func decodedBody() -> [UInt8] { transferEncoding.decode(body) }

    /// As `decodedBody()`, into memory from `buffers` where it can (`DecodeBuffers`).
    public func decodedBody(reusing buffers: inout DecodeBuffers) -> [UInt8] { transferEncoding.decode(body, reusing: &buffers) }

    /// The sender's name for this part: `filename` from Content-Disposition, else `name`
    /// from Content-Type; NFC, as Apple Mail sends NFD.
    public var filename: String? {
        let candidates = [disposition?["filename"], contentType["name"]]
        for case let name? in candidates {
            let trimmed = name.trimming(.whitespacesAndNewlines)
            if !trimmed.isEmpty { return trimmed.precomposed }
        }
        return nil
    }
}
