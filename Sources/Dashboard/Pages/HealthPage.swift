/// Whether thidua is doing its job: when it last read the mailbox, what is failing and
/// since when, when the mail login's token expires, how much of today's sending is used.
struct HealthPage: Sendable {
    var page: PageChrome
    var healthy: Bool
    var verdict: String
    var lastPoll: String
    var failingSince: String?
    var lastError: ErrorText?
    var tokenExpiry: String?
    var sentToday: Int
    var perDay: Int
    var sentLastMinute: Int
    var perMinute: Int
    var messages: Int
    var attachments: Int
    var parseErrors: Int
    var unmatched: Int

    static let template = """
        {{> header}}
        <h1>Tình trạng hệ thống</h1>
        <p class="{{#healthy}}received{{/healthy}}{{^healthy}}pending{{/healthy}}" id="health-verdict"><strong>{{verdict}}</strong></p>
        <table class="facts"><tbody>
        <tr><th>Lần đọc hộp thư thành công gần nhất</th><td>{{lastPoll}}</td></tr>
        {{#failingSince}}<tr><th>Lỗi từ lúc</th><td>{{failingSince}}</td></tr>{{/failingSince}}
        {{#lastError}}<tr><th>Lỗi gần nhất</th><td>{{summary}}<details class="raw"><summary>Chi tiết kỹ thuật</summary><small>{{detail}}</small></details></td></tr>{{/lastError}}
        {{#tokenExpiry}}<tr><th>Mã truy cập OAuth2 hết hạn lúc</th><td>{{tokenExpiry}}</td></tr>{{/tokenExpiry}}
        <tr><th>Thư đã gửi hôm nay (24 giờ qua)</th><td>{{sentToday}} / {{perDay}}</td></tr>
        <tr><th>Thư đã gửi trong phút qua</th><td>{{sentLastMinute}} / {{perMinute}}</td></tr>
        <tr><th>Thư đã lưu</th><td>{{messages}} ({{attachments}} tệp đính kèm)</td></tr>
        <tr><th>Thư chưa xác định đơn vị</th><td>{{unmatched}}</td></tr>
        <tr><th>Thư không đọc được</th><td>{{parseErrors}}</td></tr>
        </tbody></table>
        {{> footer}}
        """
}
