import Foundation
import Hummingbird
import NIOCore

/// Attachments (decoded out of their raw message, or from their own file once written out)
/// and raw messages, streamed from the data directory.
extension DashboardRoutes {
    func registerFiles(on router: Router<DashboardContext>) {
        let fileIO = FileIO()

        router.get("/files/{id}") { request, context in
            let state = await state()
            guard let text = context.parameters.get("id"), let id = Int64(text), let file = try state.store.attachment(id: id) else {
                throw HTTPError(.notFound, message: "Không có tệp này.")
            }
            let store = state.store
            // Decoded out of its raw message (or read from its own file) off the event loop.
            let bytes: [UInt8]
            do {
                bytes = try await Task.detached { try store.content(of: file) }.value
            } catch {
                context.logger.error("a stored file could not be read", metadata: ["attachment": "\(id)", "error": "\(error)"])
                throw HTTPError(
                    .notFound,
                    message: "Không đọc được tệp \(file.filename) trong thư mục dữ liệu (có thể đã bị xoá theo chính sách lưu trữ). "
                        + "Hãy báo cho người quản trị hệ thống.")
            }
            let decision = AttachmentDelivery.decide(kind: file.kind, head: Array(bytes.prefix(16)))
            let body = ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
            return Response(
                status: .ok,
                headers: [
                    .contentType: decision.contentType,
                    .contentDisposition: AttachmentDelivery.contentDisposition(inline: decision.inline, filename: file.filename),
                    .contentSecurityPolicy: AttachmentDelivery.policy,
                    .cacheControl: "private, no-store",
                ], body: body)
        }

        // A part of a message that is no file (its text, a logo, a report): always a
        // download, never shown as a page, whatever it holds.
        router.get("/messages/{id}/parts/{sha}") { request, context in
            let state = await state()
            let id = try messageID(context)
            let sha = context.parameters.get("sha") ?? ""
            let store = state.store
            guard sha.count == 64, sha.allSatisfy(\.isHexDigit),
                let bytes = try await Task.detached(operation: { try store.partContent(messageID: id, sha256: sha) }).value
            else {
                throw HTTPError(.notFound, message: "Không tìm thấy phần này của thư (thư gốc có thể đã bị xoá theo chính sách lưu trữ).")
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/octet-stream",
                    .contentDisposition: AttachmentDelivery.contentDisposition(
                        inline: false, filename: "phan-thu-\(id)-\(sha.prefix(8)).bin"),
                    .contentSecurityPolicy: AttachmentDelivery.policy,
                    .cacheControl: "private, no-store",
                ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }

        router.get("/messages/{id}/raw") { request, context in
            let state = await state()
            let id = try messageID(context)
            guard let relative = try state.store.rawPath(messageID: id) else { throw HTTPError(.notFound, message: "Không có thư này.") }
            let path = state.store.files.url(relative).path
            guard FileManager.default.fileExists(atPath: path) else {
                throw HTTPError(.notFound, message: "Thư gốc không còn trong thư mục dữ liệu (có thể đã bị xoá theo chính sách lưu trữ).")
            }
            let body = try await fileIO.loadFile(path: path, context: context)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "message/rfc822",
                    .contentDisposition: AttachmentDelivery.contentDisposition(inline: false, filename: "thu-\(id).eml"),
                    .contentSecurityPolicy: AttachmentDelivery.policy,
                    .cacheControl: "private, no-store",
                ], body: body)
        }
    }
}
