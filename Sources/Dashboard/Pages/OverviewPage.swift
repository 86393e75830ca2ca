import Intake

/// The campaigns at a glance: how many units have sent, how long until the deadline, how
/// many are late and how many messages wait for a look.
struct OverviewPage: Sendable {
    struct Card: Sendable {
        var id: String
        var title: String
        var deadline: String
        var countdown: String
        var overdue: Bool
        var done: Int
        var total: Int
        var percent: Int
        var received: Int
        var late: Int
        var pending: Int
        var awaitingReview: Int
        /// Of the units that sent, those whose sender is not yet confirmed.
        var senderUnconfirmed: Int
        var rejected: Int
        var excused: Int
        /// Closed by the officer: no more reminders.
        var closed = false
    }

    var page: PageChrome
    var office: String
    var updated: String
    var cards: [Card]

    static let template = """
        {{> header}}
        <h1>{{office}}</h1>
        <p><small>Số liệu lúc {{updated}} (giờ Việt Nam).</small></p>
        {{#page.canEdit}}<p><a class="button" href="/campaigns/new">+ Tạo đợt thu mới</a></p>{{/page.canEdit}}
        {{^cards}}<p>Chưa có đợt thu hồ sơ nào.{{#page.canEdit}} Bấm “Tạo đợt thu mới” để bắt đầu.{{/page.canEdit}}</p>{{/cards}}
        {{#cards}}
        <section class="card">
        <h2><a href="/campaigns/{{id}}">{{title}}</a>{{#closed}} <span class="chip">Đã đóng</span>{{/closed}}</h2>
        <p>Hạn nộp: <strong>{{deadline}}</strong> — <span class="{{#overdue}}late{{/overdue}}{{^overdue}}countdown{{/overdue}}">{{countdown}}</span></p>
        <p><progress max="{{total}}" value="{{done}}">{{percent}}%</progress> <strong>{{done}}/{{total}}</strong> đơn vị đã nộp ({{percent}}%)</p>
        <p class="counts">
        <a class="chip received" href="/campaigns/{{id}}?status=received">Đã nộp: {{received}}</a>
        <a class="chip late" href="/campaigns/{{id}}?status=late">Nộp muộn: {{late}}</a>
        <a class="chip pending" href="/campaigns/{{id}}?status=pending">Chưa nộp: {{pending}}</a>
        <a class="chip needs_review" href="/review">Cần xem lại: {{awaitingReview}}</a>
        {{#hasSenderUnconfirmed}}<a class="chip needs_review" href="/campaigns/{{id}}?status=received">Đã nộp — người gửi chưa xác nhận: {{senderUnconfirmed}}</a>{{/hasSenderUnconfirmed}}
        <a class="chip rejected" href="/campaigns/{{id}}?status=rejected">Không đạt: {{rejected}}</a>
        <a class="chip excused" href="/campaigns/{{id}}?status=excused">Được miễn: {{excused}}</a>
        </p>
        <p><a href="/campaigns/{{id}}">Xem danh sách đơn vị</a> · <a href="/campaigns/{{id}}/export.csv">Tải CSV</a> · <a href="/campaigns/{{id}}/export.xlsx">Tải Excel</a> · <a href="/campaigns/{{id}}/archive.zip">Tải tất cả (ZIP)</a>{{#page.canEdit}} · <a href="/campaigns/{{id}}/edit">Sửa đợt thu</a>{{/page.canEdit}}</p>
        </section>
        {{/cards}}
        {{> footer}}
        """
}

extension OverviewPage.Card {
    /// A card shows the campaign's `Tally` as it is, so it agrees with every other view.
    init(id: String, title: String, deadline: String, countdown: String, overdue: Bool, closed: Bool = false, tally: Tally) {
        self.init(
            id: id, title: title, deadline: deadline, countdown: countdown, overdue: overdue, done: tally.done, total: tally.total,
            percent: tally.total == 0 ? 0 : tally.done * 100 / tally.total, received: tally.received, late: tally.late,
            pending: tally.pending, awaitingReview: tally.awaitingReview, senderUnconfirmed: tally.senderUnconfirmed,
            rejected: tally.rejected, excused: tally.excused, closed: closed)
    }
}
