import Foundation
import Hummingbird
import Intake
import Office
import Store

/// The review queue and its three actions.
extension DashboardRoutes {
    func registerReview(on router: Router<DashboardContext>) {
        router.get("/review") { request, context in
            let state = await state()
            let entries = try state.store.reviewQueue()
            let checks = try state.store.checks(sha256s: entries.flatMap { $0.message.attachments.map(\.sha256) })
            let view = ReviewPage(
                page: await chrome("Cần xem lại", context: context, state: state, notice: Notice.from(query(request))),
                items: entries.map { entry in
                    let message = entry.message
                    let unit = message.unitCode.flatMap { state.setup.roster.unit(code: $0) }
                    let likely = try? desk(state).choose(message.campaignID, near: message.receivedAt)
                    return ReviewPage.Item(
                        id: message.id, receivedAt: state.setup.profile.formatDateTime(message.receivedAt),
                        from: [message.fromName, message.fromAddress.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " "),
                        subject: message.subject.isEmpty ? "(không có tiêu đề)" : message.subject, reason: entry.reason,
                        unitLabel: unit.map { "\($0.name) (\($0.code))" },
                        campaign: message.campaignID.flatMap(state.campaign)?.title ?? "chưa rõ đợt",
                        files: message.attachments.map { fileView($0, checks: checks, back: "/review", enabled: state.checksEnabled) },
                        rawHref: "/messages/\(message.id)/raw",
                        canExcuse: unit != nil && message.campaignID != nil,
                        campaigns: state.setup.campaigns.map { .init(value: $0.id, label: $0.title, selected: $0.id == likely?.id) })
                },
                units: state.setup.roster.units.map { .init(code: $0.code, name: $0.name) })
            return renderer.response(.review, view)
        }

        router.post("/review/{id}/assign") { request, context in
            let form = try await FormData.read(request, context: context)
            let state = await state()
            guard let unit = form.value("unit") else { throw OfficerDesk.Refusal.unknownUnit("") }
            // The datalist offers "code"; a pasted "code — name" still works.
            let code = String(unit.split(separator: " ").first ?? "")
            let id = try messageID(context)
            let outcome = try desk(state).assign(
                messageID: id, to: code, campaignID: form.value("campaign"), actor: actor(context), at: clock.now())
            audit(
                "assigned a message", context, ["message": "\(id)", "unit": "\(outcome.unit.code)", "campaign": "\(outcome.campaign.id)"])
            return await redirect("/review", notice: .assigned)
        }

        router.post("/review/{id}/reject") { request, context in
            let form = try await FormData.read(request, context: context)
            let state = await state()
            let id = try messageID(context)
            _ = try desk(state).reject(messageID: id, reason: form["reason"] ?? "", actor: actor(context), at: clock.now())
            audit("rejected a message", context, ["message": "\(id)"])
            return await redirect("/review", notice: .rejected)
        }

        router.post("/review/{id}/dismiss") { request, context in
            _ = try await FormData.read(request, context: context)
            let state = await state()
            let id = try messageID(context)
            _ = try desk(state).dismiss(messageID: id, actor: actor(context), at: clock.now())
            audit("set a message aside as no submission", context, ["message": "\(id)"])
            return await redirect("/review", notice: .dismissed)
        }

        router.post("/review/{id}/excuse") { request, context in
            _ = try await FormData.read(request, context: context)
            let state = await state()
            guard let message = try state.store.storedMessage(id: try messageID(context)) else {
                throw OfficerDesk.Refusal.unknownMessage(try messageID(context))
            }
            guard let unit = message.unitCode, let campaign = message.campaignID else {
                throw HTTPError(.badRequest, message: "Thư này chưa gắn với đơn vị và đợt nào; hãy gán thư cho đơn vị trước.")
            }
            _ = try desk(state).excuse(unitCode: unit, campaignID: campaign, settling: message.id, actor: actor(context), at: clock.now())
            audit("excused a unit", context, ["message": "\(message.id)", "unit": "\(unit)", "campaign": "\(campaign)"])
            return await redirect("/review", notice: .excused)
        }
    }

    func messageID(_ context: DashboardContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text) else {
            throw HTTPError(.notFound, message: "Không có thư này.")
        }
        return id
    }
}
