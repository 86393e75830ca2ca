import Office

/// One campaign's unit table: filter by status and level, search ignoring diacritics,
/// sort by any column, exports of exactly what is shown.
struct UnitTablePage: Sendable {
    struct Option: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Column: Sendable {
        var label: String
        var href: String
        /// "ascending" / "descending" for the column sorted on (aria-sort), else nil.
        var sorted: String?
        var arrow: String
    }

    struct Row: Sendable {
        var code: String
        var name: String
        var level: String
        var status: String
        var statusLabel: String
        var note: String?
        var receivedAt: String
        var files: Int
        /// The document check: a symbol and words (`CheckVerdict.label`), and the verdict for CSS.
        var check: String
        var checkClass: String
        /// The first scan's number and date as read off its header, with its abstract.
        var document: String?
        var href: String
    }

    var page: PageChrome
    var campaignID: String
    var title: String
    var deadline: String
    /// Which units the campaign asks, in words.
    var audience: String = ""
    var closed = false
    var statuses: [Option]
    var levels: [Option]
    var query: String
    var sort: String
    var direction: String
    var columns: [Column]
    /// The table's rows, rendered by `rowsHTML(_:)` (every value escaped there).
    var rowsHTML: String
    var empty: Bool
    /// How many units the page shows, said once (`countLine(shown:matching:total:)`).
    var countLine: String
    var exportQuery: String
    var previousHref: String?
    var nextHref: String?
    var pageLabel: String?

    /// "60 đơn vị.", or with a filter or pages, what is shown of what.
    static func countLine(shown: Int, matching: Int, total: Int) -> String {
        let filtered = matching != total
        if matching == 0 { return "Không có đơn vị nào phù hợp (trong tổng \(total))." }
        if shown == matching { return filtered ? "\(matching) đơn vị phù hợp (trong tổng \(total))." : "\(total) đơn vị." }
        return filtered
            ? "Đang hiện \(shown) trong \(matching) đơn vị phù hợp (tổng \(total))." : "Đang hiện \(shown) trong \(total) đơn vị."
    }

    /// The columns, in order, with their labels; a phone shows the label beside each value
    /// (the table becomes a card per unit there, see `Stylesheet`).
    static let columns: [(key: UnitTable.SortKey, label: String)] = [
        (.code, "Mã"), (.name, "Đơn vị"), (.level, "Cấp học"), (.status, "Trạng thái"), (.received, "Thời điểm nhận"), (.files, "Số tệp"),
        (.check, "Dấu đỏ"),
    ]

    static func rowsHTML(_ rows: [Row]) -> String {
        var html = HTMLWriter(capacity: rows.count * 220)
        for row in rows {
            // The labels are `columns`' (a phone shows them beside the values).
            html.raw("<tr><td data-label=\"Mã\">")
            html.text(row.code)
            html.raw("</td><td class=\"name\"><a href=\"")
            html.text(row.href)
            html.raw("\">")
            html.text(row.name)
            html.raw("</a></td><td data-label=\"Cấp học\">")
            html.text(row.level)
            html.raw("</td><td data-label=\"Trạng thái\" class=\"")
            html.text(row.status)
            html.raw("\">")
            html.text(row.statusLabel)
            html.small(row.note)
            html.raw("</td><td data-label=\"Thời điểm nhận\">")
            html.text(row.receivedAt)
            html.raw("</td><td data-label=\"Số tệp\" class=\"num\">")
            html.number(row.files)
            html.raw("</td><td data-label=\"Dấu đỏ\" class=\"verdict v-")
            html.text(row.checkClass)
            html.raw("\">")
            html.text(row.check)
            html.small(row.document, class: "document")
            html.raw("</td></tr>\n")
        }
        return html.string
    }

    static let template = """
        {{> header}}
        <p><a href="/">← Tổng quan</a></p>
        <h1>{{title}}</h1>
        <p>Hạn nộp: <strong>{{deadline}}</strong>{{#closed}} · <strong>Đã đóng</strong> (không gửi nhắc){{/closed}} · {{audience}}</p>
        {{#page.canEdit}}<p class="actions-line"><a href="/campaigns/{{campaignID}}/edit" id="edit-campaign">Sửa đợt thu</a> ·
        <a href="/campaigns/{{campaignID}}/announce" id="announce">Gửi thông báo cho đơn vị</a></p>{{/page.canEdit}}
        <form method="get" action="/campaigns/{{campaignID}}" class="filters" role="search">
        <label>Trạng thái <select name="status" id="filter-status">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></label>
        <label>Cấp học <select name="level" id="filter-level">{{#levels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/levels}}</select></label>
        <label>Tìm <input type="search" name="q" id="filter-q" value="{{query}}" placeholder="tên hoặc mã đơn vị, có dấu hay không dấu"></label>
        <input type="hidden" name="sort" value="{{sort}}"><input type="hidden" name="dir" value="{{direction}}">
        <button type="submit">Lọc</button> <a href="/campaigns/{{campaignID}}">Bỏ lọc</a>
        </form>
        <p id="unit-count">{{countLine}}
        <a href="/campaigns/{{campaignID}}/export.csv{{exportQuery}}" id="export-csv">Tải CSV</a> ·
        <a href="/campaigns/{{campaignID}}/export.xlsx{{exportQuery}}" id="export-xlsx">Tải Excel (XLSX)</a> ·
        <a href="/campaigns/{{campaignID}}/register.xlsx" id="export-register">Sổ công văn đến (XLSX)</a> ·
        <a href="/campaigns/{{campaignID}}/archive.zip" id="download-all">Tải tất cả (ZIP)</a></p>
        {{^empty}}
        <p class="sort-links">Sắp xếp theo: {{#columns}}<a href="{{href}}"{{#sorted}} aria-current="true"{{/sorted}}>{{label}}{{arrow}}</a> {{/columns}}</p>
        <div class="scroll"><table id="units">
        <thead><tr>{{#columns}}<th{{#sorted}} aria-sort="{{sorted}}"{{/sorted}}><a href="{{href}}">{{label}}{{arrow}}</a></th>{{/columns}}</tr></thead>
        <tbody>
        {{{rowsHTML}}}
        </tbody></table></div>
        {{/empty}}
        <p class="pager">{{#previousHref}}<a href="{{previousHref}}">← Trang trước</a>{{/previousHref}} {{pageLabel}} {{#nextHref}}<a href="{{nextHref}}">Trang sau →</a>{{/nextHref}}</p>
        {{> footer}}
        """
}

extension HTMLWriter {
    /// A second line under a cell's value, when there is one.
    fileprivate mutating func small(_ text: String?, class name: String? = nil) {
        guard let text else { return }
        if let name {
            raw("<br><small class=\"")
            self.text(name)
            raw("\">")
        } else {
            raw("<br><small>")
        }
        self.text(text)
        raw("</small>")
    }
}
