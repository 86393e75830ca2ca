import Intake
import Office

/// A campaign's announcement, dry-run first: who will get it, who cannot (no address) or
/// already did, and one mail exactly as a school will read it. Nothing is sent until the
/// officer confirms on this page.
struct AnnouncePage: Sendable {
    struct Unit: Sendable {
        var label: String
        var addresses: String
    }

    var page: PageChrome
    var campaignID: String
    var title: String
    var recipients: [Unit]
    var recipientCount: Int
    var alreadyAnnounced: [Unit]
    var hasAlreadyAnnounced: Bool
    var alreadyCount: Int
    var withoutAddress: [Unit]
    var hasWithoutAddress: Bool
    var sampleTo: String?
    var sampleSubject: String?
    var sampleText: String?
    var attachmentName: String?
    /// Set once previewed: the confirm button sends with this upload.
    var token: String?

    init(page: PageChrome, plan: CampaignAnnouncement.Plan, attachmentName: String?, token: String?) {
        self.page = page
        campaignID = plan.campaign.id
        title = plan.campaign.title
        recipients = plan.recipients.map {
            Unit(label: "\($0.unit.code) — \($0.unit.name)", addresses: $0.addresses.joined(separator: ", "))
        }
        recipientCount = recipients.count
        alreadyAnnounced = plan.alreadyAnnounced.map { Unit(label: "\($0.code) — \($0.name)", addresses: "") }
        hasAlreadyAnnounced = !alreadyAnnounced.isEmpty
        alreadyCount = alreadyAnnounced.count
        withoutAddress = plan.withoutAddress.map { Unit(label: "\($0.code) — \($0.name)", addresses: "") }
        hasWithoutAddress = !withoutAddress.isEmpty
        sampleTo = plan.recipients.first.map { "\($0.unit.name) <\($0.addresses.joined(separator: ", "))>" }
        sampleSubject = plan.sample?.subject
        sampleText = plan.sample?.text
        self.attachmentName = attachmentName
        self.token = token
    }

    static let template = """
        {{> header}}
        <p><a href="/campaigns/{{campaignID}}">← {{title}}</a></p>
        <h1>Gửi thông báo: {{title}}</h1>
        <p>Thư thông báo được gửi cho từng đơn vị phải nộp, mỗi đơn vị một lần, trong giờ hành chính và theo giới hạn gửi thư. Thư trả lời của đơn vị được ghi nhận tự động vào đợt thu này.</p>
        {{#hasAlreadyAnnounced}}<p class="notice">Đã gửi trước đây cho {{alreadyCount}} đơn vị (không gửi lại): {{#alreadyAnnounced}}{{label}}; {{/alreadyAnnounced}}</p>{{/hasAlreadyAnnounced}}
        {{#hasWithoutAddress}}<p class="problem">Các đơn vị sau chưa có địa chỉ email nên không nhận được thư: {{#withoutAddress}}{{label}}; {{/withoutAddress}} Hãy thêm địa chỉ ở trang Đơn vị.</p>{{/hasWithoutAddress}}
        <h2>Sẽ gửi cho {{recipientCount}} đơn vị</h2>
        {{^recipients}}<p>Không còn đơn vị nào cần gửi.</p>{{/recipients}}
        <details><summary>Danh sách đơn vị nhận thư</summary><ul id="announce-recipients">{{#recipients}}<li>{{label}} <small>({{addresses}})</small></li>{{/recipients}}</ul></details>
        {{#sampleSubject}}
        <h2>Thư mẫu (gửi {{sampleTo}})</h2>
        <article class="message" id="announce-sample"><p><strong>{{sampleSubject}}</strong></p>
        {{#attachmentName}}<p><small>Đính kèm: {{attachmentName}}</small></p>{{/attachmentName}}
        <pre class="mail-text">{{sampleText}}</pre></article>
        <p><small>Sửa nội dung thư ở trang <a href="/texts/announcement.body">Mẫu thư</a>.</small></p>
        {{/sampleSubject}}
        {{#token}}
        <form method="post" action="/campaigns/{{campaignID}}/announce/send" class="actions">
        <input type="hidden" name="csrf" value="{{page.csrf}}"><input type="hidden" name="token" value="{{token}}">
        <button type="submit" class="sends-mail" id="announce-send">✉ Gửi thông báo cho {{recipientCount}} đơn vị</button>
        </form>
        {{/token}}
        <h2>{{#token}}Đổi văn bản đính kèm{{/token}}{{^token}}Văn bản đính kèm và xem trước{{/token}}</h2>
        <form method="post" action="/campaigns/{{campaignID}}/announce/preview" enctype="multipart/form-data" class="actions">
        <input type="hidden" name="csrf" value="{{page.csrf}}">
        <label>Văn bản của phòng (PDF, không bắt buộc) <input type="file" name="file" accept=".pdf,.doc,.docx"></label>
        <button type="submit" class="secondary" id="announce-preview">Xem trước thư</button>
        </form>
        {{> footer}}
        """
}
