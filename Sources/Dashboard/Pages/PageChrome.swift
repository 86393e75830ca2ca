/// What every page shows around its content: the title, who is logged in, the navigation
/// (with the number of messages waiting for review) and a one-line notice after an action.
struct PageChrome: Sendable {
    var title: String
    var user: String?
    var csrf: String?
    /// The number of messages waiting for review, nil when none (no badge). Templates see
    /// stored properties only (Mustache reads values through reflection).
    var reviewBadge: String?
    var notice: String?
    var problem: String?
    /// The login may change things (cán bộ): pages show their forms only then.
    var canEdit = false

    static let header = """
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{page.title}} — thidua</title>
        <link rel="stylesheet" href="/static/app.css">
        </head><body>
        {{#page.user}}
        <header class="top"><nav>
        <a href="/">Tổng quan</a>
        <a href="/review">Cần xem lại{{#page.reviewBadge}} <span class="badge">{{page.reviewBadge}}</span>{{/page.reviewBadge}}</a>
        <a href="/roster">Đơn vị</a>
        <a href="/reminders">Thư đã gửi</a>
        {{#page.canEdit}}<a href="/texts">Mẫu thư</a>
        <a href="/accounts">Tài khoản</a>{{/page.canEdit}}
        <a href="/health">Hệ thống</a>
        </nav>
        <form method="post" action="/logout" class="logout"><input type="hidden" name="csrf" value="{{page.csrf}}">
        <span class="who">{{page.user}}</span> <button type="submit">Đăng xuất</button></form>
        </header>
        {{/page.user}}
        <main>
        {{#page.notice}}<p class="notice" role="status">{{page.notice}}</p>{{/page.notice}}
        {{#page.problem}}<p class="problem" role="alert">{{page.problem}}</p>{{/page.problem}}

        """

    static let footer = """
        </main>
        <footer><small>thidua — hộp thư tiếp nhận hồ sơ</small></footer>
        </body></html>

        """
}
