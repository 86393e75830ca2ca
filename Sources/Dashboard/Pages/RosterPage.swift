import Foundation
import Intake
import Office
import Store

/// The roster as the officer keeps it: every unit with its addresses, the ones removed
/// (their submissions are kept), and the import of her own Excel or CSV list.
struct RosterPage: Sendable {
    struct Unit: Sendable {
        var code: String
        var name: String
        var level: String
        var emails: String
        var href: String
        var removedAt: String?
    }

    var page: PageChrome
    var units: [Unit]
    var unitCount: Int
    var removed: [Unit]
    var hasRemoved: Bool
    var source: String?
    var history: [HistoryLine]

    static let template = """
        {{> header}}
        <h1>Danh sách đơn vị</h1>
        <p>{{unitCount}} đơn vị{{#source}} · nhập lần cuối từ <code>{{source}}</code>{{/source}}.</p>
        {{#page.canEdit}}
        <section class="card">
        <h2>Cập nhật từ tệp Excel hoặc CSV</h2>
        <p>Chọn tệp danh sách của phòng (.xlsx hoặc .csv). Cần có cột <strong>Mã đơn vị</strong> và <strong>Tên trường</strong>; nên có <strong>Cấp học</strong> và <strong>Email</strong>. Trước khi áp dụng, thidua cho xem những gì sẽ thay đổi.</p>
        <form method="post" action="/roster/import" enctype="multipart/form-data" class="actions">
        <input type="hidden" name="csrf" value="{{page.csrf}}">
        <label>Tệp danh sách <input type="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
        <button type="submit">Xem trước thay đổi</button>
        </form>
        </section>
        {{/page.canEdit}}
        <div class="scroll"><table class="cards" id="roster">
        <thead><tr><th>Mã</th><th>Tên đơn vị</th><th>Cấp</th><th>Email</th></tr></thead>
        <tbody>{{#units}}<tr><td data-label="Mã">{{code}}</td><td data-label="Tên"><a href="{{href}}">{{name}}</a></td><td data-label="Cấp">{{level}}</td><td data-label="Email" class="addresses">{{emails}}</td></tr>{{/units}}</tbody>
        </table></div>
        {{#hasRemoved}}
        <h2>Đơn vị đã bỏ khỏi danh sách</h2>
        <p>Hồ sơ các đơn vị này đã gửi vẫn được giữ.</p>
        <ul>{{#removed}}<li><a href="{{href}}">{{code}} — {{name}}</a> <small>(bỏ lúc {{removedAt}})</small></li>{{/removed}}</ul>
        {{/hasRemoved}}
        <h2>Lịch sử thay đổi danh sách</h2>
        {{^history}}<p>Chưa có thay đổi nào.</p>{{/history}}
        <ul class="history">{{#history}}<li><small>{{at}}</small> — {{what}}{{#detail}}: {{detail}}{{/detail}} <small>({{who}})</small></li>{{/history}}</ul>
        {{> footer}}
        """
}

/// What an import would change, shown before anything is applied; or the file's problems,
/// each with its row, and nothing applied.
struct RosterPreviewPage: Sendable {
    struct Line: Sendable {
        var text: String
    }

    var page: PageChrome
    var filename: String
    var problems: [String]
    var hasProblems: Bool
    var token: String?
    var unitCount: Int
    var added: [Line]
    var removed: [Line]
    var renamed: [Line]
    var levels: [Line]
    var addressesAdded: [Line]
    var addressesRemoved: [Line]
    var unchanged: Bool
    // Mustache reads stored properties only: the counts and flags the template shows.
    var addedCount: Int
    var removedCount: Int
    var renamedCount: Int
    var addressesAddedCount: Int
    var addressesRemovedCount: Int
    var hasRemoved: Bool
    var hasLevels: Bool

    init(page: PageChrome, preview: RosterImport.Preview, token: String?) {
        self.page = page
        filename = preview.filename
        problems = preview.problems.map { "Dòng \($0.line): \($0.vietnamese)" }
        hasProblems = !problems.isEmpty
        self.token = token
        unitCount = preview.units.count
        let changes = preview.changes
        added = changes.added.map { Line(text: "\($0.code) — \($0.name)") }
        removed = changes.removed.map { Line(text: "\($0.code) — \($0.name)") }
        renamed = changes.renamed.map { Line(text: "\($0.code): \($0.from) → \($0.to)") }
        levels = changes.levelChanged.map { Line(text: "\($0.code): \($0.from) → \($0.to)") }
        addressesAdded = changes.addressesAdded.map { Line(text: "\($0.code): \($0.address)") }
        addressesRemoved = changes.addressesRemoved.map { Line(text: "\($0.code): \($0.address)") }
        unchanged = !hasProblems && changes.isEmpty
        addedCount = added.count
        removedCount = removed.count
        renamedCount = renamed.count
        addressesAddedCount = addressesAdded.count
        addressesRemovedCount = addressesRemoved.count
        hasRemoved = !removed.isEmpty
        hasLevels = !levels.isEmpty
    }

    static let template = """
        {{> header}}
        <h1>Xem trước: {{filename}}</h1>
        {{#hasProblems}}
        <div class="problem" role="alert"><p>Tệp có lỗi, chưa áp dụng gì. Hãy sửa trong Excel rồi chọn lại tệp:</p>
        <ul id="import-problems">{{#problems}}<li>{{.}}</li>{{/problems}}</ul></div>
        {{/hasProblems}}
        {{^hasProblems}}
        <p>Tệp có <strong>{{unitCount}}</strong> đơn vị.{{#unchanged}} Không có gì khác với danh sách hiện có.{{/unchanged}}</p>
        <div id="import-changes">
        <h2>Thêm {{addedCount}} đơn vị</h2>{{^added}}<p>Không có.</p>{{/added}}<ul>{{#added}}<li>{{text}}</li>{{/added}}</ul>
        <h2>Bỏ {{removedCount}} đơn vị</h2>{{^removed}}<p>Không có.</p>{{/removed}}{{#hasRemoved}}<p>Hồ sơ các đơn vị này đã gửi vẫn được giữ.</p>{{/hasRemoved}}<ul>{{#removed}}<li>{{text}}</li>{{/removed}}</ul>
        <h2>Đổi tên {{renamedCount}} đơn vị</h2>{{^renamed}}<p>Không có.</p>{{/renamed}}<ul>{{#renamed}}<li>{{text}}</li>{{/renamed}}</ul>
        {{#hasLevels}}<h2>Đổi cấp học</h2><ul>{{#levels}}<li>{{text}}</li>{{/levels}}</ul>{{/hasLevels}}
        <h2>Thêm {{addressesAddedCount}} địa chỉ email</h2>{{^addressesAdded}}<p>Không có.</p>{{/addressesAdded}}<ul>{{#addressesAdded}}<li>{{text}}</li>{{/addressesAdded}}</ul>
        <h2>Bỏ {{addressesRemovedCount}} địa chỉ email</h2>{{^addressesRemoved}}<p>Không có.</p>{{/addressesRemoved}}<ul>{{#addressesRemoved}}<li>{{text}}</li>{{/addressesRemoved}}</ul>
        </div>
        {{#token}}
        <form method="post" action="/roster/import/apply" class="actions">
        <input type="hidden" name="csrf" value="{{page.csrf}}"><input type="hidden" name="token" value="{{token}}">
        <button type="submit" id="apply-import">Áp dụng thay đổi</button> <a href="/roster">Huỷ</a>
        </form>
        {{/token}}
        {{/hasProblems}}
        <form method="post" action="/roster/import" enctype="multipart/form-data" class="actions">
        <input type="hidden" name="csrf" value="{{page.csrf}}">
        <label>Chọn tệp khác <input type="file" name="file" accept=".xlsx,.csv" required></label>
        <button type="submit" class="secondary">Xem trước</button>
        </form>
        {{> footer}}
        """
}

/// One unit of the roster: its addresses, which the officer edits, the addresses thidua
/// learned for it, and what happened to it.
struct RosterUnitPage: Sendable {
    struct Learned: Sendable {
        var address: String
        var since: String
    }

    struct CampaignLink: Sendable {
        var title: String
        var href: String
    }

    var page: PageChrome
    var code: String
    var name: String
    var level: String
    var emails: String
    var removedAt: String?
    var editable: Bool
    var learned: [Learned]
    var campaigns: [CampaignLink]
    var hasCampaigns: Bool
    var history: [HistoryLine]

    static let template = """
        {{> header}}
        <p><a href="/roster">← Danh sách đơn vị</a></p>
        <h1>{{name}}</h1>
        <p>Mã {{code}} · cấp {{level}}{{#removedAt}} · <strong>đã bỏ khỏi danh sách lúc {{removedAt}}</strong> (hồ sơ đã gửi vẫn được giữ){{/removedAt}}</p>
        {{#hasCampaigns}}<p>Hồ sơ theo đợt: {{#campaigns}}<a href="{{href}}">{{title}}</a> · {{/campaigns}}</p>{{/hasCampaigns}}
        <h2>Địa chỉ email của đơn vị</h2>
        {{#editable}}
        <form method="post" action="/roster/{{code}}/addresses" class="actions">
        <input type="hidden" name="csrf" value="{{page.csrf}}">
        <label>Mỗi địa chỉ một dòng (thư nhắc gửi đến các địa chỉ này; thư từ các địa chỉ này được nhận diện là của đơn vị)
        <textarea name="emails" rows="4" cols="50" id="unit-emails">{{emails}}</textarea></label>
        <button type="submit">Lưu địa chỉ</button>
        </form>
        {{/editable}}
        {{^editable}}<p class="addresses">{{emails}}</p>{{/editable}}
        <h2>Địa chỉ thidua đã học</h2>
        <p>Khi cán bộ gán một thư cho đơn vị, địa chỉ người gửi được ghi nhớ. Bỏ một địa chỉ nếu ghi nhớ nhầm.</p>
        {{^learned}}<p>Chưa có.</p>{{/learned}}
        <ul>{{#learned}}<li>{{address}} <small>(từ {{since}})</small>
        {{#page.canEdit}}<form method="post" action="/roster/{{code}}/learned/remove" class="inline"><input type="hidden" name="csrf" value="{{page.csrf}}"><input type="hidden" name="address" value="{{address}}"><button type="submit" class="quiet">Bỏ</button></form>{{/page.canEdit}}</li>{{/learned}}</ul>
        <h2>Lịch sử</h2>
        {{^history}}<p>Chưa có.</p>{{/history}}
        <ul class="history">{{#history}}<li><small>{{at}}</small> — {{what}}{{#detail}}: {{detail}}{{/detail}} <small>({{who}})</small></li>{{/history}}</ul>
        {{> footer}}
        """
}
