import Foundation
import Hummingbird
import MultipartKit
import Office

/// A `multipart/form-data` body: the uploads (a roster file, the office's plan) with their
/// fields. Like `FormData`, it is read only after the session's CSRF token in it has been
/// checked, and only up to a limit given per form.
struct MultipartForm: Sendable {
    struct File: Sendable {
        var filename: String
        var bytes: [UInt8]
    }

    private(set) var fields: [String: String] = [:]
    private(set) var files: [String: File] = [:]

    subscript(_ name: String) -> String? { fields[name] }

    /// Reads the body of `request` (at most `limit` bytes) and checks its `csrf` field.
    static func read(_ request: Request, context: DashboardContext, limit: Int) async throws -> MultipartForm {
        guard let session = context.session else {
            throw HTTPError(.unauthorized, message: "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.")
        }
        guard let boundary = boundary(request.headers[.contentType]) else {
            throw HTTPError(.badRequest, message: "Biểu mẫu gửi lên không đúng dạng. Hãy tải lại trang rồi thử lại.")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            throw HTTPError(
                .contentTooLarge,
                message: "Tệp quá lớn: tối đa \(limit / 1_048_576) MB. Hãy chọn tệp nhỏ hơn hoặc nén lại bản scan.")
        }
        let form = try parse(Array(buffer: body), boundary: boundary)
        guard let token = form["csrf"], PasswordHash.constantTimeEqual(Array(token.utf8), Array(session.csrfToken.utf8)) else {
            throw HTTPError(.forbidden, message: "Biểu mẫu đã cũ hoặc không hợp lệ. Hãy tải lại trang rồi thử lại.")
        }
        return form
    }

    static func parse(_ body: [UInt8], boundary: String) throws -> MultipartForm {
        var form = MultipartForm()
        var headers: [(String, String)] = []
        var content: [UInt8] = []
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.append((name.lowercased(), value)) }
        parser.onBody = { buffer in content += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            let disposition = headers.first { $0.0 == "content-disposition" }?.1 ?? ""
            if let name = parameter("name", in: disposition) {
                if let filename = parameter("filename", in: disposition) {
                    // Browsers send the path's last component; old ones sent the whole path.
                    let base = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
                    if !base.isEmpty { form.files[name] = File(filename: base, bytes: content) }
                } else {
                    form.fields[name] = String(decoding: content, as: UTF8.self)
                }
            }
            headers = []
            content = []
        }
        do {
            try parser.execute(body)
        } catch {
            throw HTTPError(.badRequest, message: "Biểu mẫu gửi lên bị hỏng. Hãy tải lại trang rồi thử lại.")
        }
        return form
    }

    /// The boundary of a `multipart/form-data` content type.
    static func boundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
            let value = parameter("boundary", in: contentType), (1...70).contains(value.utf8.count)
        else { return nil }
        return value
    }

    /// A parameter of a header value (`name="x"` or `name=x`); browsers send names as UTF-8,
    /// and a quoted name may hold `;`.
    static func parameter(_ name: String, in header: String) -> String? {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in header {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        for part in parts.dropFirst() {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, pieces[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            return pieces[1].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
