import Foundation
import Hummingbird
import NIOCore
import Office

/// The unit table as CSV and XLSX, with the filters and order of the page it came from.
extension DashboardRoutes {
    func registerExports(on router: Router<DashboardContext>) {
        router.get("/campaigns/{campaign}/export.csv") { request, context in
            let state = await state()
            let campaign = try campaign(context, state)
            let table = UnitTable(
                roster: state.setup.roster, ledger: try await ledger(campaign, state: state),
                query: UnitTable.Query(parameters: query(request).all), index: state.index)
            return download(
                ByteBuffer(string: UnitTableCSV.render(table, office: state.setup.profile)),
                type: "text/csv; charset=utf-8", filename: "\(campaign.id)-don-vi.csv")
        }

        router.get("/campaigns/{campaign}/export.xlsx") { request, context in
            let state = await state()
            let campaign = try campaign(context, state)
            let table = UnitTable(
                roster: state.setup.roster, ledger: try await ledger(campaign, state: state),
                query: UnitTable.Query(parameters: query(request).all), index: state.index)
            let data = try UnitTableXLSX.render(table, office: state.setup.profile)
            return download(
                ByteBuffer(bytes: data), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                filename: "\(campaign.id)-don-vi.xlsx")
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
