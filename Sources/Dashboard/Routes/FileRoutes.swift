import Foundation
import Hummingbird
import NIOCore

/// Attachments and raw messages, streamed from the data directory.
extension DashboardRoutes {
    func registerFiles(on router: Router<DashboardContext>) {
        let fileIO = FileIO()

        router.get("/files/{id}") { request, context in
            let state = await state()
            guard let text = context.parameters.get("id"), let id = Int64(text), let file = try state.store.attachment(id: id) else {
                throw HTTPError(.notFound, message: "Không có tệp này.")
            }
            let path = state.store.files.url(file.storedPath).path
            guard let head = Self.head(of: path) else {
                throw HTTPError(
                    .notFound, message: "Tệp \(file.filename) không còn trong thư mục dữ liệu (có thể đã bị xoá theo chính sách lưu trữ).")
            }
            let decision = AttachmentDelivery.decide(kind: file.kind, head: head)
            let body = try await fileIO.loadFile(path: path, context: context)
            return Response(
                status: .ok,
                headers: [
                    .contentType: decision.contentType,
                    .contentDisposition: AttachmentDelivery.contentDisposition(inline: decision.inline, filename: file.filename),
                    .contentSecurityPolicy: AttachmentDelivery.policy,
                    .cacheControl: "private, no-store",
                ], body: body)
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

    /// The first bytes of a file, to decide its type; nil when it cannot be read.
    static func head(of path: String) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return Array((try? handle.read(upToCount: 16)) ?? Data())
    }
}
