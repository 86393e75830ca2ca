/// Messages waiting for the officer, each with the ways to settle it: attribute it to a
/// unit (its sender is learned), reject it with a reason mailed back, excuse the unit, or
/// set it aside as no submission, mailing nothing. A button that sends mail says so and
/// looks it; the quiet one does not.
struct ReviewPage: Sendable {
    struct Item: Sendable {
        var id: Int64
        var receivedAt: String
        var from: String
        var subject: String
        var reason: String
        var unitLabel: String?
        var campaign: String
        var files: [UnitPage.File]
        var rawHref: String
        var canExcuse: Bool
        var campaigns: [UnitTablePage.Option]
    }

    struct UnitChoice: Sendable {
        var code: String
        var name: String
    }

    var page: PageChrome
    var items: [Item]
    var units: [UnitChoice]

    static let template = """
        {{> header}}
        <h1>Thư cần xem lại</h1>
        {{^items}}<p>Không có thư nào cần xem lại.</p>{{/items}}
        <datalist id="unit-codes">{{#units}}<option value="{{code}}">{{name}}</option>{{/units}}</datalist>
        {{#items}}
        <article class="message review" id="review-{{id}}">
        <p><strong>{{subject}}</strong><br><small>Từ {{from}} · nhận lúc {{receivedAt}} · {{campaign}}{{#unitLabel}} · đơn vị: {{unitLabel}}{{/unitLabel}}</small></p>
        <p class="problem">{{reason}}</p>
        <ul class="files">{{#files}}<li><a href="{{href}}"{{#inline}} target="_blank" rel="noopener"{{/inline}}>{{name}}</a> <small>({{kind}}, {{size}})</small>
        {{#check}}\(CheckView.template){{/check}}</li>{{/files}}</ul>
        <p><small><a href="{{rawHref}}">Tải thư gốc (.eml)</a></small></p>
        <div class="actions">
        <form method="post" action="/review/{{id}}/assign">
        <input type="hidden" name="csrf" value="{{page.csrf}}">
        <label>Gán cho đơn vị <input name="unit" list="unit-codes" required placeholder="mã đơn vị" class="unit-code"></label>
        <label>Đợt <select name="campaign">{{#campaigns}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/campaigns}}</select></label>
        <button type="submit">Gán</button>
        </form>
        <form method="post" action="/review/{{id}}/reject">
        <input type="hidden" name="csrf" value="{{page.csrf}}">
        <label>Lý do trả lại (gửi cho người gửi) <textarea name="reason" required rows="2"></textarea></label>
        <button type="submit" class="sends-mail">✉ Trả lại hồ sơ và gửi thư báo lý do</button>
        </form>
        {{#canExcuse}}
        <form method="post" action="/review/{{id}}/excuse">
        <input type="hidden" name="csrf" value="{{page.csrf}}"><button type="submit" class="secondary">Miễn nộp cho đơn vị</button>
        </form>
        {{/canExcuse}}
        <form method="post" action="/review/{{id}}/dismiss">
        <input type="hidden" name="csrf" value="{{page.csrf}}"><button type="submit" class="quiet">Không phải hồ sơ (bỏ qua, không gửi thư)</button>
        </form>
        </div>
        </article>
        {{/items}}
        {{> footer}}
        """
}
