/// The only page served without a session.
struct LoginPage: Sendable {
    var page: PageChrome
    var next: String
    var loginToken: String
    var user: String
    var noUsers: Bool

    static let template = """
        {{> header}}
        <section class="login">
        <h1>Đăng nhập</h1>
        {{#noUsers}}<p class="problem">Chưa có tài khoản nào. Trên máy chủ, chạy <code>thidua passwd</code> để đặt mật khẩu cho cán bộ phụ trách.</p>{{/noUsers}}
        <form method="post" action="/login">
        <input type="hidden" name="csrf" value="{{loginToken}}">
        <input type="hidden" name="next" value="{{next}}">
        <label>Tên đăng nhập <input name="user" value="{{user}}" autocomplete="username" required autofocus></label>
        <label>Mật khẩu <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">Đăng nhập</button>
        </form>
        </section>
        {{> footer}}
        """
}
