import Intake

/// The texts the office mails, each with where its wording comes from now.
struct MailTextsPage: Sendable {
    struct Text: Sendable {
        var name: String
        var title: String
        var origin: String
    }

    var page: PageChrome
    var texts: [Text]

    static let template = """
        {{> header}}
        <h1>Mẫu thư</h1>
        <p>Nội dung các thư thidua gửi cho đơn vị và cho cán bộ. Mỗi mẫu có sẵn nội dung mặc định; sửa một mẫu thì thư gửi từ đó dùng nội dung mới, và có thể khôi phục mặc định bất cứ lúc nào.</p>
        <div class="scroll"><table class="cards" id="mail-texts">
        <thead><tr><th>Mẫu</th><th>Nội dung hiện dùng</th></tr></thead>
        <tbody>{{#texts}}<tr><td data-label="Mẫu"><a href="/texts/{{name}}">{{title}}</a></td><td data-label="Nguồn">{{origin}}</td></tr>{{/texts}}</tbody>
        </table></div>
        {{> footer}}
        """
}

/// One text in the editor: its wording, the placeholders it may use, and the mail it makes
/// for a real unit, before anything is saved.
struct MailTextEditorPage: Sendable {
    struct Placeholder: Sendable {
        var name: String
        var meaning: String
    }

    struct Choice: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    var page: PageChrome
    var name: String
    var title: String
    var body: String
    var origin: String
    var placeholders: [Placeholder]
    var units: [Choice]
    var campaigns: [Choice]
    var previewSubject: String?
    var previewText: String?
    var problem: String?
    var canReset: Bool
    var history: [HistoryLine]

    static let template = """
        {{> header}}
        <p><a href="/texts">← Mẫu thư</a></p>
        <h1>{{title}}</h1>
        <p>Đang dùng: {{origin}}.</p>
        {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
        <form method="post" action="/texts/{{name}}" class="text-editor">
        <input type="hidden" name="csrf" value="{{page.csrf}}">
        <label for="mail-body">Nội dung (giữ nguyên các ô {{=<% %>=}}{{…}}<%={{ }}=%>; thidua điền vào khi gửi)</label>
        <textarea name="body" id="mail-body" class="mail-body" spellcheck="false">{{body}}</textarea>
        <p class="actions">
        <label>Xem trước cho đơn vị <select name="unit">{{#units}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/units}}</select></label>
        <label>Đợt thu <select name="campaign">{{#campaigns}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/campaigns}}</select></label>
        </p>
        <p class="actions"><button type="submit" name="action" value="preview" class="secondary" id="text-preview">Xem trước</button>
        <button type="submit" name="action" value="save" id="text-save">Lưu mẫu thư</button></p>
        </form>
        {{#canReset}}
        <form method="post" action="/texts/{{name}}/reset"><input type="hidden" name="csrf" value="{{page.csrf}}">
        <button type="submit" class="quiet" id="text-reset">Khôi phục nội dung mặc định</button></form>
        {{/canReset}}
        {{#previewText}}
        <h2>Thư sẽ gửi</h2>
        <article class="message" id="text-preview-mail"><p><strong>{{previewSubject}}</strong></p><pre class="mail-text">{{previewText}}</pre></article>
        {{/previewText}}
        <h2>Các ô có thể dùng</h2>
        <ul>{{#placeholders}}<li><code>{{=<% %>=}}{{<%name%>}}<%={{ }}=%></code> — {{meaning}}</li>{{/placeholders}}</ul>
        <p><small>Mục điều kiện: phần giữa <code>{{=<% %>=}}{{#ô}}<%={{ }}=%></code> và <code>{{=<% %>=}}{{/ô}}<%={{ }}=%></code> chỉ hiện khi ô đó đúng hoặc có nội dung; mục lặp lặp lại phần đó cho từng dòng.</small></p>
        <h2>Lịch sử sửa</h2>
        {{^history}}<p>Chưa sửa lần nào.</p>{{/history}}
        <ul class="history">{{#history}}<li><small>{{at}}</small> — {{what}}{{#detail}}: {{detail}}{{/detail}} <small>({{who}})</small></li>{{/history}}</ul>
        {{> footer}}
        """
}
