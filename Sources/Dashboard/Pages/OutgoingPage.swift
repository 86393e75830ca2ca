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
        var error: String?
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

    static let template = """
        {{> header}}
        <h1>Thư nhắc và thư trả lời đã gửi</h1>
        <p class="counts"><span class="chip received">Đã gửi: {{sent}}</span> <span class="chip pending">Lỗi / bị trả lại: {{failed}}</span>
        <span class="chip needs_review">Chưa rõ kết quả: {{uncertain}}</span> <span class="chip">Hôm nay: {{sentToday}}/{{perDay}} thư</span></p>
        {{#hasFailures}}
        <h2>Thư không đến được</h2>
        <p>Kiểm tra lại địa chỉ thư của các đơn vị này trong danh sách đơn vị (units.csv), hoặc gọi điện cho đơn vị.</p>
        <div class="scroll"><table id="failures"><thead><tr><th>Lúc</th><th>Đơn vị</th><th>Gửi tới</th><th>Lỗi</th></tr></thead><tbody>
        {{#failures}}<tr><td>{{at}}</td><td>{{#unitHref}}<a href="{{unitHref}}">{{unit}}</a>{{/unitHref}}{{^unitHref}}{{unit}}{{/unitHref}}</td><td>{{recipients}}</td><td>{{error}}</td></tr>
        {{/failures}}</tbody></table></div>
        {{/hasFailures}}
        <h2>Tất cả</h2>
        {{^rows}}<p>Chưa gửi thư nào.</p>{{/rows}}
        <div class="scroll"><table id="outgoing"><thead><tr><th>Lúc</th><th>Đợt</th><th>Đơn vị</th><th>Loại</th><th>Đợt nhắc</th><th>Gửi tới</th><th>Kết quả</th></tr></thead><tbody>
        {{#rows}}<tr><td>{{at}}</td><td>{{campaign}}</td><td>{{#unitHref}}<a href="{{unitHref}}">{{unit}}</a>{{/unitHref}}{{^unitHref}}{{unit}}{{/unitHref}}</td><td>{{kind}}</td><td>{{stage}}</td><td>{{recipients}}</td><td class="{{state}}">{{stateLabel}}{{#error}}<br><small>{{error}}</small>{{/error}}</td></tr>
        {{/rows}}</tbody></table></div>
        {{> footer}}
        """
}
