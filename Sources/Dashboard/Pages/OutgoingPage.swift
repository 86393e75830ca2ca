/// Reminders and replies thidua sent: what went out, what bounced, what is uncertain.
struct OutgoingPage: Sendable {
    struct Row: Sendable {
        var at: String
        var campaign: String
        var unit: String
        var unitHref: String?
        var kind: String
        var stage: String
        var recipients: String
        var stateLabel: String
        var state: String
        var error: ErrorText?
    }

    var page: PageChrome
    var sent: Int
    var failed: Int
    var uncertain: Int
    var sentToday: Int
    var perDay: Int
    var rows: [Row]
    var failures: [Row]
    /// Stored, not computed: Mustache sees stored properties only.
    var hasFailures: Bool
    var hasRows: Bool

    static let template = """
        {{> header}}
        <h1>Thư nhắc và thư trả lời đã gửi</h1>
        <p class="counts"><span class="chip received">Đã gửi: {{sent}}</span> <span class="chip pending">Lỗi / bị trả lại: {{failed}}</span>
        <span class="chip needs_review">Chưa rõ kết quả: {{uncertain}}</span> <span class="chip">Hôm nay: {{sentToday}}/{{perDay}} thư</span></p>
        {{#hasFailures}}
        <h2>Thư không đến được</h2>
        <p>Kiểm tra lại địa chỉ thư của các đơn vị này trong danh sách đơn vị (units.csv), hoặc gọi điện cho đơn vị.</p>
        <div class="scroll"><table id="failures" class="cards"><thead><tr><th>Lúc</th><th>Đơn vị</th><th>Gửi tới</th><th>Lỗi</th></tr></thead><tbody>
        {{#failures}}<tr><td data-label="Lúc">{{at}}</td><td data-label="Đơn vị">{{#unitHref}}<a href="{{unitHref}}">{{unit}}</a>{{/unitHref}}{{^unitHref}}{{unit}}{{/unitHref}}</td><td data-label="Gửi tới" class="addresses">{{recipients}}</td><td data-label="Lỗi">{{#error}}\(ErrorText.template){{/error}}</td></tr>
        {{/failures}}</tbody></table></div>
        {{/hasFailures}}
        <h2>Tất cả</h2>
        {{^hasRows}}<p>Chưa gửi thư nào.</p>{{/hasRows}}
        {{#hasRows}}
        <div class="scroll"><table id="outgoing" class="cards"><thead><tr><th>Lúc</th><th>Đợt</th><th>Đơn vị</th><th>Loại</th><th>Đợt nhắc</th><th>Gửi tới</th><th>Kết quả</th></tr></thead><tbody>
        {{#rows}}<tr><td data-label="Lúc">{{at}}</td><td data-label="Đợt">{{campaign}}</td><td data-label="Đơn vị">{{#unitHref}}<a href="{{unitHref}}">{{unit}}</a>{{/unitHref}}{{^unitHref}}{{unit}}{{/unitHref}}</td><td data-label="Loại">{{kind}}</td><td data-label="Đợt nhắc">{{stage}}</td><td data-label="Gửi tới" class="addresses">{{recipients}}</td><td data-label="Kết quả" class="{{state}}">{{stateLabel}}{{#error}}\(ErrorText.template){{/error}}</td></tr>
        {{/rows}}</tbody></table></div>
        {{/hasRows}}
        {{> footer}}
        """
}
