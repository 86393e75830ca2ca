import Foundation
import Hummingbird
import Intake
import Office

/// A campaign's announcement: the plan and one rendered mail first (with the office's
/// document, when she attaches one), then, on her confirmation, the mails queued.
extension DashboardRoutes {
    /// A plan or a decision scanned to PDF is a few megabytes.
    static let announcementUploadLimit = 15 * 1_048_576

    func registerAnnouncements(on router: Router<DashboardContext>) {
        router.get("/campaigns/{campaign}/announce") { _, context in
            let state = await state()
            let campaign = try campaign(context, state)
            let plan = try CampaignAnnouncement.plan(campaign: campaign, setup: state.setup, store: state.store, attachmentName: nil)
            return renderer.response(
                .announce,
                AnnouncePage(
                    page: await chrome("Gửi thông báo", context: context, state: state), plan: plan, attachmentName: nil, token: nil))
        }

        router.post("/campaigns/{campaign}/announce/preview") { request, context in
            let form = try await MultipartForm.read(request, context: context, limit: Self.announcementUploadLimit)
            let state = await state()
            let campaign = try campaign(context, state)
            let attachment = form.files["file"].flatMap { file in
                file.bytes.isEmpty ? nil : CampaignAnnouncement.Attachment(filename: file.filename, bytes: file.bytes)
            }
            let plan = try CampaignAnnouncement.plan(
                campaign: campaign, setup: state.setup, store: state.store, attachmentName: attachment?.filename)
            let token =
                plan.recipients.isEmpty
                ? nil
                : try await announcementUploads.put(
                    PendingAnnouncement(campaign: campaign.id, attachment: attachment), user: context.session?.user ?? "",
                    now: clock.now())
            return renderer.response(
                .announce,
                AnnouncePage(
                    page: await chrome("Gửi thông báo", context: context, state: state), plan: plan,
                    attachmentName: attachment?.filename, token: token))
        }

        router.post("/campaigns/{campaign}/announce/send") { request, context in
            let form = try await FormData.read(request, context: context)
            let state = await state()
            let campaign = try campaign(context, state)
            guard let token = form["token"],
                let pending = await announcementUploads.value(token, user: context.session?.user ?? "", now: clock.now()),
                pending.campaign == campaign.id
            else {
                throw HTTPError(.gone, message: "Bản xem trước đã hết hạn (sau 30 phút). Hãy xem trước thư lần nữa rồi gửi.")
            }
            let plan = try CampaignAnnouncement.plan(
                campaign: campaign, setup: state.setup, store: state.store, attachmentName: pending.attachment?.filename)
            let queued = try CampaignAnnouncement.queue(
                plan, attachment: pending.attachment, setup: state.setup, store: state.store, actor: actor(context), at: clock.now())
            await announcementUploads.remove(token)
            audit("announced a campaign", context, ["campaign": "\(campaign.id)", "units": "\(queued)"])
            return await redirect("/campaigns/\(FormData.percentEncode(campaign.id))", notice: .announcementQueued)
        }
    }
}

/// An announcement previewed and not sent yet: its campaign and the document to attach.
struct PendingAnnouncement: Sendable {
    var campaign: String
    var attachment: CampaignAnnouncement.Attachment?
}
