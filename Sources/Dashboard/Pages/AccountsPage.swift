/// The dashboard's logins, managed by an officer: who may change things (cán bộ) and who
/// may only read (lãnh đạo).
struct AccountsPage: Sendable {
    struct Account: Sendable {
        var name: String
        var roleLabel: String
        var isOfficer: Bool
        var updated: String
        var isSelf: Bool
    }

    var page: PageChrome
    var accounts: [Account]
    var history: [HistoryLine]

    static let template = """
        {{> header}}
        <h1>Tài khoản</h1>
        <p><strong>Cán bộ</strong> làm được mọi việc: gán thư, tạo đợt thu, cập nhật danh sách, gửi thông báo, sửa mẫu thư. <strong>Lãnh đạo</strong> chỉ xem, xuất Excel và tải hồ sơ.</p>
        <div class="scroll"><table class="cards" id="accounts">
        <thead><tr><th>Tên đăng nhập</th><th>Vai trò</th><th>Cập nhật</th><th></th></tr></thead>
        <tbody>{{#accounts}}<tr><td data-label="Tên">{{name}}{{#isSelf}} (bạn){{/isSelf}}</td><td data-label="Vai trò">{{roleLabel}}</td><td data-label="Cập nhật">{{updated}}</td>
        <td><form method="post" action="/accounts/{{name}}/role" class="inline"><input type="hidden" name="csrf" value="{{page.csrf}}">
        {{#isOfficer}}<input type="hidden" name="role" value="leader"><button type="submit" class="secondary">Chuyển thành lãnh đạo</button>{{/isOfficer}}
        {{^isOfficer}}<input type="hidden" name="role" value="officer"><button type="submit" class="secondary">Chuyển thành cán bộ</button>{{/isOfficer}}</form>
        <form method="post" action="/accounts/{{name}}/remove" class="inline"><input type="hidden" name="csrf" value="{{page.csrf}}"><button type="submit" class="quiet">Xoá</button></form></td></tr>{{/accounts}}</tbody>
        </table></div>
        <h2>Thêm tài khoản hoặc đặt lại mật khẩu</h2>
        <form method="post" action="/accounts" class="actions" autocomplete="off">
        <input type="hidden" name="csrf" value="{{page.csrf}}">
        <label>Tên đăng nhập <input name="user" required pattern="[A-Za-z0-9._@\\-]+" maxlength="64"></label>
        <label>Mật khẩu (ít nhất 10 ký tự) <input type="password" name="password" required minlength="10" autocomplete="new-password"></label>
        <label>Nhập lại mật khẩu <input type="password" name="password2" required minlength="10" autocomplete="new-password"></label>
        <label>Vai trò <select name="role"><option value="officer">Cán bộ</option><option value="leader">Lãnh đạo (chỉ xem)</option></select></label>
        <button type="submit">Lưu tài khoản</button>
        </form>
        <h2>Lịch sử</h2>
        <ul class="history">{{#history}}<li><small>{{at}}</small> — {{what}}{{#detail}}: {{detail}}{{/detail}} <small>({{who}})</small></li>{{/history}}</ul>
        {{> footer}}
        """
}
