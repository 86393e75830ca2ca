import Foundation
import Hummingbird
import Intake
import Office
import Store

/// The roster: the officer imports her own list (a preview first), edits a unit's
/// addresses and removes an address thidua learned by mistake.
extension DashboardRoutes {
    /// A district's list is a few hundred rows; an Excel file of it, well under a megabyte.
    static let rosterUploadLimit = 5 * 1_048_576

    func registerRoster(on router: Router<DashboardContext>) {
        router.get("/roster") { request, context in
            let state = await state()
            let profile = state.setup.profile
            func row(_ unit: SchoolUnit, removedAt: Date? = nil) -> RosterPage.Unit {
                RosterPage.Unit(
                    code: unit.code, name: unit.name, level: unit.level, emails: unit.emails.joined(separator: ", "),
                    href: "/roster/\(FormData.percentEncode(unit.code))", removedAt: removedAt.map(profile.formatDateTime))
            }
            let removed = try state.store.storedUnits().filter { $0.removedAt != nil }.map { row($0.unit, removedAt: $0.removedAt) }
            let units = state.setup.roster.units.map { row($0) }
            let view = RosterPage(
                page: await chrome("Danh sách đơn vị", context: context, state: state, notice: Notice.from(query(request))),
                units: units, unitCount: units.count, removed: removed, hasRemoved: !removed.isEmpty,
                source: try state.store.rosterSource(),
                history: try state.store.auditTrail(kinds: ["roster.", "unit."], limit: 50).map {
                    HistoryLine($0, at: profile.formatDateTime($0.at))
                })
            return renderer.response(.roster, view)
        }

        router.post("/roster/import") { request, context in
            let form = try await MultipartForm.read(request, context: context, limit: Self.rosterUploadLimit)
            let state = await state()
            guard let file = form.files["file"], !file.bytes.isEmpty else {
                throw HTTPError(.badRequest, message: "Chưa chọn tệp danh sách. Hãy chọn tệp .xlsx hoặc .csv rồi thử lại.")
            }
            let preview = RosterImport.preview(file.bytes, filename: file.filename, current: state.setup.roster)
            let token =
                preview.isApplicable && !preview.changes.isEmpty
                ? try await rosterUploads.put(preview, user: context.session?.user ?? "", now: clock.now()) : nil
            let view = RosterPreviewPage(
                page: await chrome("Xem trước danh sách", context: context, state: state), preview: preview, token: token)
            return renderer.response(.rosterPreview, view, status: preview.problems.isEmpty ? .ok : .unprocessableContent)
        }

        router.post("/roster/import/apply") { request, context in
            let form = try await FormData.read(request, context: context)
            let state = await state()
            guard let token = form["token"],
                let preview = await rosterUploads.value(token, user: context.session?.user ?? "", now: clock.now())
            else {
                throw HTTPError(.gone, message: "Bản xem trước đã hết hạn (sau 30 phút). Hãy chọn lại tệp danh sách.")
            }
            let changes = try RosterImport.apply(preview, store: state.store, actor: actor(context), at: clock.now())
            await rosterUploads.remove(token)
            audit("imported the roster", context, ["file": "\(preview.filename)", "changes": "\(changes.summary)"])
            await officeChanged()
            return await redirect("/roster", notice: changes.isEmpty ? .rosterUnchanged : .rosterImported)
        }

        router.get("/roster/{unit}") { request, context in
            let state = await state()
            return try await rosterUnitPage(
                context.parameters.get("unit") ?? "", state: state, context: context, notice: Notice.from(query(request)))
        }

        router.post("/roster/{unit}/addresses") { request, context in
            let form = try await FormData.read(request, context: context)
            let state = await state()
            let code = context.parameters.get("unit") ?? ""
            let emails = (form["emails"] ?? "").split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == ";" }).map {
                String($0).lowercased()
            }
            do {
                try state.store.setUnitAddresses(unit: code, emails: emails, actor: actor(context), at: clock.now())
            } catch let error as Roster.Invalid {
                var response = try await rosterUnitPage(
                    code, state: state, context: context, notice: nil,
                    problem: "Chưa lưu: " + error.problems.map(\.vietnamese).joined(separator: "; ") + ". Hãy sửa rồi lưu lại.")
                response.status = .unprocessableContent
                return response
            }
            audit("changed a unit's addresses", context, ["unit": "\(code)"])
            await officeChanged()
            return await redirect("/roster/\(FormData.percentEncode(code))", notice: .addressesSaved)
        }

        router.post("/roster/{unit}/learned/remove") { request, context in
            let form = try await FormData.read(request, context: context)
            let state = await state()
            let code = context.parameters.get("unit") ?? ""
            guard let address = form.value("address") else { throw HTTPError(.badRequest, message: "Thiếu địa chỉ cần bỏ.") }
            do {
                try state.store.removeLearnedAddress(address, unit: code, actor: actor(context), at: clock.now())
            } catch StoreError.notFound {
                throw HTTPError(.notFound, message: "Địa chỉ \(address) không (còn) là địa chỉ đã học của đơn vị này.")
            }
            audit("removed a learned address", context, ["unit": "\(code)", "address": "\(address)"])
            return await redirect("/roster/\(FormData.percentEncode(code))", notice: .learnedAddressRemoved)
        }
    }

    private func rosterUnitPage(
        _ code: String, state: DashboardState, context: DashboardContext, notice: String?, problem: String? = nil
    ) async throws -> Response {
        guard let stored = try state.store.storedUnit(code: code) else {
            throw HTTPError(.notFound, message: "Không có đơn vị mã \(code) trong danh sách đơn vị.")
        }
        let unit = stored.unit
        let profile = state.setup.profile
        var chrome = await chrome(unit.name, context: context, state: state, notice: notice)
        chrome.problem = problem
        let campaigns = state.setup.campaigns.filter { $0.audience.includes(unit) }.map {
            RosterUnitPage.CampaignLink(
                title: $0.title, href: "/campaigns/\(FormData.percentEncode($0.id))/units/\(FormData.percentEncode(unit.code))")
        }
        let view = RosterUnitPage(
            page: chrome, code: unit.code, name: unit.name, level: unit.level, emails: unit.emails.joined(separator: "\n"),
            removedAt: stored.removedAt.map(profile.formatDateTime),
            editable: stored.removedAt == nil && chrome.canEdit,
            learned: try state.store.learnedAddresses(unit: unit.code).map {
                RosterUnitPage.Learned(address: $0.address, since: profile.formatDateTime($0.createdAt))
            },
            campaigns: campaigns, hasCampaigns: !campaigns.isEmpty,
            history: try state.store.unitHistory(unit: unit.code).map { HistoryLine($0, at: profile.formatDateTime($0.at)) })
        return renderer.response(.rosterUnit, view)
    }
}
