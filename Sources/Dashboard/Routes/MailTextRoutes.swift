import Foundation
import Hummingbird
import Intake
import Office
import Store

/// The officer rewords the office's mail: a text is previewed for a real unit, refused
/// before it is saved when it names a placeholder that does not exist, audited when saved,
/// and can always go back to its default.
extension DashboardRoutes {
    func registerMailTexts(on router: Router<DashboardContext>) {
        router.get("/texts") { request, context in
            let state = await state()
            let stored = try state.store.mailTexts()
            let texts = MailText.allCases.map { text in
                MailTextsPage.Text(name: text.rawValue, title: text.title, origin: origin(text, state: state, stored: stored))
            }
            let page = await chrome("Mẫu thư", context: context, state: state, notice: Notice.from(query(request)))
            return renderer.response(.mailTexts, MailTextsPage(page: page, texts: texts))
        }

        router.get("/texts/{name}") { request, context in
            let state = await state()
            let text = try mailText(context)
            let stored = try state.store.mailTexts()
            let body = MailTextSources.current(text, directory: state.templatesDirectory, stored: stored).1
            return try await editor(
                text, body: body, form: query(request), problem: nil, context: context, state: state,
                notice: Notice.from(query(request)))
        }

        router.post("/texts/{name}") { request, context in
            let form = try await FormData.read(request, context: context)
            let state = await state()
            let text = try mailText(context)
            let body = (form["body"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            do throws(MailTextProblem) {
                _ = try MailTexts.check(body, for: text)
            } catch {
                var response = try await editor(
                    text, body: body, form: form, problem: "Chưa lưu: \(error.vietnamese)", context: context, state: state, notice: nil)
                response.status = .unprocessableContent
                return response
            }
            guard form["action"] == "save" else {
                return try await editor(text, body: body, form: form, problem: nil, context: context, state: state, notice: nil)
            }
            try state.store.setMailText(name: text.rawValue, body: body, actor: actor(context), at: clock.now())
            audit("edited a mail text", context, ["text": "\(text.rawValue)"])
            await officeChanged()
            return await redirect("/texts/\(text.rawValue)", notice: .textSaved)
        }

        router.post("/texts/{name}/reset") { request, context in
            _ = try await FormData.read(request, context: context)
            let state = await state()
            let text = try mailText(context)
            try state.store.setMailText(name: text.rawValue, body: nil, actor: actor(context), at: clock.now())
            audit("reset a mail text", context, ["text": "\(text.rawValue)"])
            await officeChanged()
            return await redirect("/texts/\(text.rawValue)", notice: .textReset)
        }
    }

    private func mailText(_ context: DashboardContext) throws -> MailText {
        guard let name = context.parameters.get("name"), let text = MailText(rawValue: name) else {
            throw HTTPError(.notFound, message: "Không có mẫu thư này. Hãy chọn ở trang Mẫu thư.")
        }
        return text
    }

    private func origin(_ text: MailText, state: DashboardState, stored: [String: StoredMailText]) -> String {
        switch MailTextSources.current(text, directory: state.templatesDirectory, stored: stored).0 {
        case .builtIn: return "nội dung mặc định"
        case .file: return "tệp \(text.fileName) trong thư mục templates"
        case .officer:
            let edit = stored[text.rawValue]
            let who = edit.map { HistoryLine.who($0.updatedBy) } ?? ""
            return "đã sửa (\(who), \(edit.map { state.setup.profile.formatDateTime($0.updatedAt) } ?? ""))"
        }
    }

    /// The editor with `body`, and the mail it makes for the unit and campaign the form
    /// names (the first unit and the likeliest campaign by default).
    private func editor(
        _ text: MailText, body: String, form: FormData, problem: String?, context: DashboardContext, state: DashboardState,
        notice: String?
    ) async throws -> Response {
        let setup = state.setup
        let now = clock.now()
        let unit = form["unit"].flatMap(setup.roster.unit(code:)) ?? setup.roster.units.first ?? Self.sampleUnit
        let campaign =
            form["campaign"].flatMap(setup.campaign(id:)) ?? Campaign.likely(among: setup.campaigns, at: now)
            ?? Self.sampleCampaign(now: now)
        var preview: (subject: String, text: String)?
        var problem = problem
        if problem == nil {
            do {
                preview = try MailTextPreview.render(text, body: body, setup: setup, unit: unit, campaign: campaign, now: now)
            } catch {
                problem = error.vietnamese
            }
        }
        let stored = try state.store.mailTexts()
        let view = MailTextEditorPage(
            page: await chrome(text.title, context: context, state: state, notice: notice), name: text.rawValue, title: text.title,
            body: body, origin: origin(text, state: state, stored: stored),
            placeholders: text.placeholders.map { .init(name: $0.name, meaning: $0.meaning) },
            units: setup.roster.units.map { .init(value: $0.code, label: "\($0.code) — \($0.name)", selected: $0.code == unit.code) },
            campaigns: setup.campaigns.map { .init(value: $0.id, label: $0.title, selected: $0.id == campaign.id) },
            previewSubject: preview?.subject, previewText: preview?.text, problem: problem,
            canReset: stored[text.rawValue] != nil,
            history: try state.store.auditTrail(kinds: ["mail_text."]).filter { $0.detail == text.rawValue }.map {
                HistoryLine($0, at: setup.profile.formatDateTime($0.at))
            })
        return renderer.response(.mailTextEditor, view)
    }

    /// For a preview before any unit or campaign exists.
    static let sampleUnit = SchoolUnit(code: "TH01", name: "Trường Tiểu học Kim Đồng", level: "TH", emails: ["c1kimdong@example.edu.vn"])

    static func sampleCampaign(now: Date) -> Campaign {
        Campaign(
            id: "vi-du", title: "Kế hoạch thi đua năm học", opens: now.addingTimeInterval(-7 * 86400),
            deadline: now.addingTimeInterval(7 * 86400), keywords: [], reminders: [ReminderStage(dayOffset: -3)])
    }
}
