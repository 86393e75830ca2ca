import DocumentCheck
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

        // A file's page thumbnail from the document check: served like the file itself, to a
        // logged-in officer, found by the check's record (never by a path from the request).
        router.get("/thumbnails/{sha}") { request, context in
            let state = await state()
            let sha = context.parameters.get("sha") ?? ""
            let store = state.store
            guard sha.count == 64, sha.allSatisfy(\.isHexDigit), let path = try store.checks(sha256s: [sha])[sha]?.thumbnailPath,
                let bytes = try? await Task.detached(operation: { try store.files.read(path) }).value
            else {
                throw HTTPError(.notFound, message: "Chưa có ảnh trang của tệp này (tệp đang chờ kiểm tra, hoặc không phải bản scan).")
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "image/jpeg", .contentSecurityPolicy: AttachmentDelivery.policy, .cacheControl: "private, max-age=3600",
                ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }

        // The officer's verdict on a file in thidua's place, recorded with her name; every
        // message holding the file is concluded again by the check worker.
        router.post("/checks/{sha}/verdict") { request, context in
            let form = try await FormData.read(request, context: context)
            let state = await state()
            let sha = context.parameters.get("sha") ?? ""
            guard let text = form.value("verdict"), let verdict = CheckVerdict(rawValue: text), CheckView.settable.contains(verdict) else {
                throw HTTPError(.badRequest, message: "Kết quả kiểm tra không hợp lệ; hãy chọn một mục trong danh sách.")
            }
            try desk(state).overrule(sha256: sha, verdict: verdict, actor: actor(context), at: clock.now())
            audit("set a document check verdict", context, ["sha256": "\(sha)", "verdict": "\(verdict.rawValue)"])
            // Back to the page the form was on; only a path of this site.
            let back = form.value("back").flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/review"
            return await redirect(back, notice: .verdictSet)
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
