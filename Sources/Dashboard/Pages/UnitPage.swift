/// One unit: its status in the campaign, every message it sent with its files, and every
/// mail the office sent it.
struct UnitPage: Sendable {
    struct File: Sendable {
        var name: String
        var href: String
        var kind: String
        var size: String
        var inline: Bool
        /// Shown on the page itself, the first page of it, while the file has no check
        /// thumbnail (not checked yet, or the check switched off).
        var previewImage: Bool = false
        var previewPDF: Bool = false
        /// The document check's verdict, thumbnail and the officer's override.
        var check: CheckView?
    }

    struct Message: Sendable {
        var id: Int64
        var receivedAt: String
        var from: String
        var subject: String
        var campaign: String
        var statusLabel: String
        var status: String
        var problems: String?
        var matchReason: String?
        var files: [File]
        var rawHref: String
        /// Attributed by a name in its text, from an address not yet the unit's.
        var senderUnconfirmed: Bool = false
        /// The message's other parts (its text, a logo, a report), folded away under its files.
        var ignored: [IgnoredLine] = []
    }

    /// A part of a message that is no file, listed for the officer who doubts.
    struct IgnoredLine: Sendable {
        var name: String
        var reason: String
        var contentType: String
        var size: String
        var href: String
    }

    struct Sent: Sendable {
        var at: String
        var kind: String
        var stage: String
        var recipients: String
        var stateLabel: String
        var failed: Bool
        var error: ErrorText?
    }

    var page: PageChrome
    var campaignID: String
    var campaignTitle: String
    var code: String
    var name: String
    var level: String
    var emails: String
    var status: String
    var statusLabel: String
    var note: String?
    var canExcuse: Bool
    var messages: [Message]
    var sent: [Sent]
    /// Stored, not computed: Mustache sees stored properties only.
    var hasSent: Bool
    /// What happened to the unit, newest first (the event log), with who did it.
    var history: [HistoryLine]

    static let template = """
        {{> header}}
        <p><a href="/campaigns/{{campaignID}}">← {{campaignTitle}}</a></p>
        <h1>{{name}} <small>({{code}})</small></h1>
        <p>Cấp học: {{level}} · Địa chỉ thư: {{emails}}</p>
        <p>Trạng thái ({{campaignTitle}}): <strong class="{{status}}" id="unit-status">{{statusLabel}}</strong>{{#note}} — {{note}}{{/note}}</p>
        {{#canExcuse}}
        <form method="post" action="/campaigns/{{campaignID}}/units/{{code}}/excuse" class="inline">
        <input type="hidden" name="csrf" value="{{page.csrf}}"><button type="submit">Miễn nộp đợt này</button></form>
        {{/canExcuse}}
        <h2>Thư đơn vị đã gửi</h2>
        {{^messages}}<p>Chưa nhận được thư nào của đơn vị.</p>{{/messages}}
        {{#messages}}
        <article class="message">
        <p><strong>{{subject}}</strong><br><small>Từ {{from}} · nhận lúc {{receivedAt}} · {{campaign}} · <span class="{{status}}">{{statusLabel}}</span></small></p>
        {{#problems}}<p class="problem">{{problems}}</p>{{/problems}}
        {{#matchReason}}<p><small>Nhận diện: {{matchReason}}</small></p>{{/matchReason}}
        {{#senderUnconfirmed}}
        <div class="actions unconfirmed">
        <p class="problem">Người gửi chưa xác nhận: địa chỉ này chưa có trong danh sách địa chỉ của đơn vị (thư được nhận diện theo tên trường).</p>
        <form method="post" action="/campaigns/{{campaignID}}/units/{{code}}/messages/{{id}}/confirm-sender">
        <input type="hidden" name="csrf" value="{{page.csrf}}"><button type="submit">Xác nhận người gửi (ghi nhớ địa chỉ)</button></form>
        <form method="post" action="/campaigns/{{campaignID}}/units/{{code}}/messages/{{id}}/review">
        <input type="hidden" name="csrf" value="{{page.csrf}}"><button type="submit" class="secondary">Chuyển sang xem lại</button></form>
        </div>
        {{/senderUnconfirmed}}
        <ul class="files">{{#files}}<li><a href="{{href}}"{{#inline}} target="_blank" rel="noopener"{{/inline}}>{{name}}</a> <small>({{kind}}, {{size}}{{#inline}}, xem trong trình duyệt{{/inline}}{{^inline}}, tải về{{/inline}})</small>
        {{#check}}\(CheckView.template){{/check}}
        {{#previewImage}}<br><a href="{{href}}" target="_blank" rel="noopener"><img class="preview" src="{{href}}" alt="Xem trước: {{name}}" loading="lazy"></a>{{/previewImage}}
        {{#previewPDF}}<br><iframe class="preview" src="{{href}}#page=1&amp;view=FitH" title="Xem trước: {{name}}" loading="lazy"></iframe>{{/previewPDF}}</li>{{/files}}</ul>
        {{#hasIgnored}}<details class="ignored"><summary>Các phần khác của thư (không phải tệp hồ sơ)</summary><ul>
        {{#ignored}}<li><a href="{{href}}">{{name}}</a> <small>({{reason}}; {{contentType}}, {{size}})</small></li>{{/ignored}}
        </ul></details>{{/hasIgnored}}
        <p><small><a href="{{rawHref}}">Tải thư gốc (.eml)</a></small></p>
        </article>
        {{/messages}}
        <h2>Thư Phòng đã gửi đơn vị</h2>
        {{^hasSent}}<p>Chưa gửi thư nào.</p>{{/hasSent}}
        {{#hasSent}}
        <div class="scroll"><table id="sent" class="cards"><thead><tr><th>Lúc</th><th>Loại</th><th>Đợt nhắc</th><th>Gửi tới</th><th>Kết quả</th></tr></thead><tbody>
        {{#sent}}<tr><td data-label="Lúc">{{at}}</td><td data-label="Loại">{{kind}}</td><td data-label="Đợt nhắc">{{stage}}</td><td data-label="Gửi tới" class="addresses">{{recipients}}</td><td data-label="Kết quả" class="{{#failed}}pending{{/failed}}">{{stateLabel}}{{#error}}\(ErrorText.template){{/error}}</td></tr>
        {{/sent}}</tbody></table></div>
        {{/hasSent}}
        <h2>Lịch sử</h2>
        {{^history}}<p>Chưa có gì.</p>{{/history}}
        <ul class="history" id="history">{{#history}}<li><small>{{at}}</small> — {{what}}{{#detail}}: {{detail}}{{/detail}} <small>({{who}})</small></li>
        {{/history}}</ul>
        {{> footer}}
        """
}
