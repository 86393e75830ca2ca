import Foundation

/// The verdicts of the receiving server's `Authentication-Results` header (RFC 8601) on
/// DKIM, SPF and DMARC.
///
/// Only the topmost header counts: it was added by the office's own provider, while any
/// lower one may have been written by the sender to look trustworthy.
public struct SenderAuthentication: Sendable, Equatable {
    public var dkim: String?
    public var spf: String?
    public var dmarc: String?
    public var header: String

    public init(header: String) {
        self.header = header
        func verdict(_ method: String) -> String? {
            // "dkim=pass header.i=@x", possibly several; the first of each method counts.
            let lowered = header.lowercased()
            guard let range = lowered.range(of: method + "=") else { return nil }
            let rest = lowered[range.upperBound...]
            let word = rest.prefix { $0.isLetter }
            return word.isEmpty ? nil : String(word)
        }
        dkim = verdict("dkim")
        spf = verdict("spf")
        dmarc = verdict("dmarc")
    }

    /// The sender's domain failed authentication: DMARC failed, or neither DKIM nor SPF
    /// passed while at least one of them failed outright.
    public var failed: Bool {
        if dmarc == "fail" { return true }
        let fails: Set<String> = ["fail", "softfail", "permerror"]
        let anyPass = dkim == "pass" || spf == "pass"
        return !anyPass && (fails.contains(dkim ?? "") || fails.contains(spf ?? ""))
    }

    public var summary: String {
        "dkim=\(dkim ?? "none") spf=\(spf ?? "none") dmarc=\(dmarc ?? "none")"
    }
}

/// Senders named in an inline forward, as Gmail, Outlook and phones write it.
enum InlineForward {
    private static let markers = ["forwarded message", "original message", "thư đã chuyển tiếp", "thư gốc", "begin forwarded message"]

    /// The markers' bytes, NFC: looked for in lowercased NFC text, byte for byte
    /// (Foundation's `contains` takes a detour through NSString, for every body).
    private static let markerBytes = markers.map { Array($0.precomposed.utf8) }

    /// Whether `lowered` (lowercased text) holds a marker.
    private static func containsMarker(_ lowered: String) -> Bool {
        let bytes = Array(lowered.precomposed.utf8)
        return markerBytes.contains { bytes.firstRange(of: $0, from: 0) != nil }
    }

    static func senders(in body: String) -> [MailAddress] {
        guard containsMarker(body.lowercased()) else { return [] }
        var result: [MailAddress] = []
        var afterMarker = false
        for line in body.split(whereSeparator: \.isNewline) {
            // Quoting (">") and bold markers ("*From:*") go; only at the start, as an
            // address ends with ">".
            let trimmed = String(line.drop { $0 == ">" || $0 == "*" || $0.isWhitespace }).replacingOccurrences(of: "*", with: "")
            let lowerLine = trimmed.lowercased()
            if containsMarker(lowerLine) {
                afterMarker = true
                continue
            }
            guard afterMarker else { continue }
            for prefix in ["from:", "từ:"] where lowerLine.hasPrefix(prefix) {
                if let address = MailAddress.parseFirst(String(trimmed.dropFirst(prefix.count))) { result.append(address) }
                afterMarker = false
            }
        }
        return result
    }
}
