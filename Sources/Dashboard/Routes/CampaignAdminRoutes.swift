import Foundation
import Hummingbird
import Intake
import Office
import Store

/// The officer makes and changes her campaigns here (`CampaignDesk`); the running daemon
/// takes each change before the next page is served.
extension DashboardRoutes {
    func registerCampaignAdmin(on router: Router<DashboardContext>) {
        router.get("/campaigns/new") { request, context in
            let state = await state()
            let zone = state.setup.profile.timeZone
            let today = OfficeDate.format(clock.now(), zone: zone, endOfDay: false).prefix(10)
            let draft = CampaignDraft(id: "", title: "", opens: String(today), deadline: "")
            return renderer.response(
                .campaignForm,
                CampaignFormPage(
                    page: await chrome("Tạo đợt thu", context: context, state: state), draft: draft, isNew: true,
                    roster: state.setup.roster))
        }

        router.post("/campaigns") { request, context in
            let form = try await FormData.read(request, context: context)
            let state = await state()
            let title = form["title"] ?? ""
            let draft = draft(from: form, id: form.value("id") ?? CampaignDraft.suggestedID(title: title), closed: false)
            do {
                let campaign = try CampaignDesk(setup: state.setup, store: state.store).create(
                    draft, origin: "dashboard", actor: actor(context), at: clock.now())
                audit("created a campaign", context, ["campaign": "\(campaign.id)"])
                await officeChanged()
                return await redirect("/campaigns/\(FormData.percentEncode(campaign.id))", notice: .campaignCreated)
            } catch {
                return try await refusedForm(draft, isNew: true, error, context: context, state: state)
            }
        }

        router.get("/campaigns/{campaign}/edit") { request, context in
            let state = await state()
            let campaign = try campaign(context, state)
            let stored = try state.store.campaign(id: campaign.id) ?? campaign
            return try await editForm(
                CampaignDraft(stored, zone: state.setup.profile.timeZone), problems: [], context: context, state: state,
                notice: Notice.from(query(request)))
        }

        router.post("/campaigns/{campaign}/edit") { request, context in
            let form = try await FormData.read(request, context: context)
            let state = await state()
            let campaign = try campaign(context, state)
            let draft = draft(from: form, id: campaign.id, closed: campaign.closed)
            do {
                _ = try CampaignDesk(setup: state.setup, store: state.store).edit(draft, actor: actor(context), at: clock.now())
                audit("edited a campaign", context, ["campaign": "\(campaign.id)"])
                await officeChanged()
                return await redirect("/campaigns/\(FormData.percentEncode(campaign.id))/edit", notice: .campaignSaved)
            } catch {
                return try await refusedForm(draft, isNew: false, error, context: context, state: state)
            }
        }

        for (action, closed, notice) in [("close", true, Notice.campaignClosed), ("reopen", false, .campaignReopened)] {
            router.post("/campaigns/{campaign}/\(action)") { request, context in
                _ = try await FormData.read(request, context: context)
                let state = await state()
                let campaign = try campaign(context, state)
                try CampaignDesk(setup: state.setup, store: state.store).setClosed(
                    closed, id: campaign.id, actor: actor(context), at: clock.now())
                audit(closed ? "closed a campaign" : "reopened a campaign", context, ["campaign": "\(campaign.id)"])
                await officeChanged()
                return await redirect("/campaigns/\(FormData.percentEncode(campaign.id))/edit", notice: notice)
            }
        }
    }

    /// The form again, with what was typed and why it was refused.
    private func refusedForm(
        _ draft: CampaignDraft, isNew: Bool, _ error: any Error, context: DashboardContext, state: DashboardState
    ) async throws -> Response {
        guard let failure = error as? CampaignDesk.Failure else { throw error }
        let problems: [String] =
            switch failure {
            case .invalid(let problems): problems.map(\.vietnamese)
            case .taken, .unknown: [failure.description]
            }
        if isNew {
            let view = CampaignFormPage(
                page: await chrome("Tạo đợt thu", context: context, state: state), draft: draft, isNew: true,
                roster: state.setup.roster, problems: problems)
            return renderer.response(.campaignForm, view, status: .unprocessableContent)
        }
        var response = try await editForm(draft, problems: problems, context: context, state: state, notice: nil)
        response.status = .unprocessableContent
        return response
    }

    private func editForm(
        _ draft: CampaignDraft, problems: [String], context: DashboardContext, state: DashboardState, notice: String?
    ) async throws -> Response {
        var view = CampaignFormPage(
            page: await chrome("Sửa đợt thu", context: context, state: state, notice: notice), draft: draft, isNew: false,
            roster: state.setup.roster, problems: problems)
        let sent = try state.store.sentReminderStages(campaign: draft.id)
        view.sentStages =
            sent.isEmpty ? nil : sent.compactMap(ReminderStage.init).sorted().map(\.description).joined(separator: ", ")
        view.history = try state.store.auditTrail(kinds: ["campaign."], campaign: draft.id).map {
            HistoryLine($0, at: state.setup.profile.formatDateTime($0.at))
        }
        return renderer.response(.campaignForm, view)
    }

    /// The campaign the form describes; its checks are `CampaignDraft`'s.
    private func draft(from form: FormData, id: String, closed: Bool) -> CampaignDraft {
        func list(_ name: String) -> [String] {
            (form[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let deadline = [form.value("deadline_day"), form.value("deadline_time")].compactMap { $0 }.joined(separator: " ")
        var draft = CampaignDraft(id: id, title: form["title"] ?? "", opens: form["opens"] ?? "", deadline: deadline)
        draft.keywords = list("keywords")
        draft.reminders = list("reminders")
        draft.accept = form.values("accept")
        draft.requireSeal = form["require_seal"] != nil
        draft.expectType = form.value("expect_type")
        draft.expectYear = form.value("expect_year")
        draft.expectTitle = list("expect_title")
        draft.closed = closed
        switch form["audience"] {
        case "levels": draft.audience = .levels(Set(form.values("level").map { $0.uppercased() }))
        case "units": draft.audience = .units(Set(form.values("unit").map { $0.uppercased() }))
        default: draft.audience = .all
        }
        return draft
    }
}
