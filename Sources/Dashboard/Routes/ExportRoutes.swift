import AsyncAlgorithms
import Foundation
import Hummingbird
import Intake
import NIOCore
import Office

/// The unit table as CSV and XLSX, with the filters and order of the page it came from.
extension DashboardRoutes {
    func registerExports(on router: Router<DashboardContext>) {
        router.get("/campaigns/{campaign}/export.csv") { request, context in
            let state = await state()
            let campaign = try campaign(context, state)
            let table = UnitTable(
                roster: state.setup.roster.asked(by: campaign), ledger: try await ledger(campaign, state: state),
                query: UnitTable.Query(parameters: query(request).all), index: state.index)
            return download(
                ByteBuffer(string: UnitTableCSV.render(table, office: state.setup.profile)),
                type: "text/csv; charset=utf-8", filename: "\(campaign.id)-don-vi.csv")
        }

        router.get("/campaigns/{campaign}/export.xlsx") { request, context in
            let state = await state()
            let campaign = try campaign(context, state)
            let table = UnitTable(
                roster: state.setup.roster.asked(by: campaign), ledger: try await ledger(campaign, state: state),
                query: UnitTable.Query(parameters: query(request).all), index: state.index)
            let data = try UnitTableXLSX.render(table, office: state.setup.profile)
            return download(
                ByteBuffer(bytes: data), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                filename: "\(campaign.id)-don-vi.xlsx")
        }

        router.get("/campaigns/{campaign}/archive.zip") { _, context in
            let state = await state()
            let campaign = try campaign(context, state)
            audit("downloaded a campaign's archive", context, ["campaign": "\(campaign.id)"])
            return archiveResponse(campaign, state: state)
        }

        // The register of incoming documents, with what each scan's header says.
        router.get("/campaigns/{campaign}/register.xlsx") { _, context in
            let state = await state()
            let campaign = try campaign(context, state)
            let entries = try state.store.register(campaign: campaign.id)
            let data = try RegisterExport.xlsx(entries, roster: state.setup.roster, office: state.setup.profile)
            return download(
                ByteBuffer(bytes: data), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                filename: "\(campaign.id)-so-cong-van-den.xlsx")
        }
    }

    /// "Tải tất cả": the campaign's accepted files as a ZIP (`CampaignArchive`), streamed. The
    /// archive is written in a child task into a channel whose `send` waits until the
    /// client has taken the chunk before: a slow connection slows the reading of files,
    /// never fills memory. A client that goes away cancels the writing.
    func archiveResponse(_ campaign: Campaign, state: DashboardState) -> Response {
        let zone = state.setup.profile.timeZone
        let logger = logger
        let now = clock.now()
        let body = ResponseBody { writer in
            let channel = AsyncChannel<[UInt8]>()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { channel.finish() }
                    var zip = ZipStreamWriter(
                        sink: { chunk in
                            await channel.send(chunk)
                            try Task.checkCancellation()
                        }, timeZone: zone)
                    do {
                        try await CampaignArchive.write(
                            campaign: campaign, setup: state.setup, store: state.store, into: &zip, now: now, logger: logger)
                        try await zip.finish()
                    } catch {
                        logger.error("archive: writing failed", metadata: ["campaign": "\(campaign.id)", "error": "\(error)"])
                        throw error
                    }
                }
                for await chunk in channel { try await writer.write(ByteBuffer(bytes: chunk)) }
                try await group.waitForAll()
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/zip",
                .contentDisposition: AttachmentDelivery.contentDisposition(inline: false, filename: CampaignArchive.filename(campaign)),
                .cacheControl: "private, no-store",
            ], body: body)
    }

    func download(_ buffer: ByteBuffer, type: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type,
                .contentDisposition: AttachmentDelivery.contentDisposition(inline: false, filename: filename),
                .cacheControl: "private, no-store",
            ], body: .init(byteBuffer: buffer))
    }
}
