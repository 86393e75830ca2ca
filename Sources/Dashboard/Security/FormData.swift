import Foundation
import Hummingbird
import Office

/// An `application/x-www-form-urlencoded` body, read only after the session's CSRF token
/// in it has been checked: every form the dashboard serves carries the token, and every
/// POST handler reads its fields through here, so no action can skip the check.
struct FormData: Sendable {
    private var fields: [String: String]
    /// Every value of a name that repeats (the ticked boxes of a list), in order.
    private var lists: [String: [String]]

    init(_ encoded: String) {
        var fields: [String: String] = [:]
        var lists: [String: [String]] = [:]
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            fields[name] = value
            lists[name, default: []].append(value)
        }
        self.fields = fields
        self.lists = lists
    }

    subscript(_ name: String) -> String? { fields[name] }

    /// Every value given for `name`.
    func values(_ name: String) -> [String] { lists[name] ?? [] }

    var all: [String: String] { fields }

    /// "?a=1&b=2", or "" for no items.
    static func queryString(_ items: [(String, String)]) -> String {
        items.isEmpty ? "" : "?" + items.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
    }

    /// The trimmed, non-empty value of `name`.
    func value(_ name: String) -> String? {
        fields[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads the body of `request` and checks its `csrf` field against the session's token.
    static func read(_ request: Request, context: DashboardContext) async throws -> FormData {
        guard let session = context.session else {
            throw HTTPError(.unauthorized, message: "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.")
        }
        let form = try await readUnchecked(request, context: context)
        guard let token = form["csrf"], PasswordHash.constantTimeEqual(Array(token.utf8), Array(session.csrfToken.utf8)) else {
            throw HTTPError(.forbidden, message: "Biểu mẫu đã cũ hoặc không hợp lệ. Hãy tải lại trang rồi thử lại.")
        }
        return form
    }

    /// The login form only: there is no session yet to hold a token (it carries its own, in a cookie).
    static func readUnchecked(_ request: Request, context: DashboardContext) async throws -> FormData {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        return FormData(String(buffer: body))
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// Every byte of `text`'s UTF-8 but RFC 3986's unreserved characters as `%XX`, so a
    /// link or a Location header stays ASCII. Byte by byte: the unit table encodes a link
    /// per row, and Foundation's encoder went through CFString for each.
    static func percentEncode(_ text: String) -> String {
        let utf8 = text.utf8
        if utf8.allSatisfy(isUnreserved) { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count * 3)
        for byte in utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
