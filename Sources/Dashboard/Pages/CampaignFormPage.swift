import Foundation
import Intake
import MIME

/// A campaign's form: made new or changed, with what the officer typed kept when it is
/// refused, and each problem said next to nothing but its own words. Editing shows which
/// reminder stages have gone out (they are never sent again) and who changed what.
struct CampaignFormPage: Sendable {
    struct Choice: Sendable {
        var value: String
        var label: String
        var checked: Bool
    }

    var page: PageChrome
    var isNew: Bool
    var action: String
    var id: String
    var title: String
    var opens: String
    var deadlineDay: String
    var deadlineTime: String
    var keywords: String
    var reminders: String
    var expectType: String
    var expectYear: String
    var expectTitle: String
    var audienceAll: Bool
    var audienceLevels: Bool
    var audienceUnits: Bool
    var levels: [Choice]
    var units: [Choice]
    var kinds: [Choice]
    var requireSeal: Bool
    var problems: [String]
    /// Mustache reads stored properties only: set with `problems`.
    var hasProblems: Bool
    var sentStages: String?
    var closed: Bool
    var history: [HistoryLine]
    var campaignHref: String?

    init(page: PageChrome, draft: CampaignDraft, isNew: Bool, roster: Roster, problems: [String] = []) {
        self.page = page
        self.isNew = isNew
        action = isNew ? "/campaigns" : "/campaigns/\(FormData.percentEncode(draft.id))/edit"
        id = draft.id
        title = draft.title
        opens = draft.opens
        let deadlineParts = draft.deadline.split(separator: " ", maxSplits: 1).map(String.init)
        deadlineDay = deadlineParts.first ?? ""
        deadlineTime = deadlineParts.count > 1 ? deadlineParts[1] : ""
        keywords = draft.keywords.joined(separator: ", ")
        reminders = (draft.reminders ?? CampaignDraft.defaultReminders).joined(separator: ", ")
        expectType = draft.expectType ?? ""
        expectYear = draft.expectYear ?? ""
        expectTitle = draft.expectTitle.joined(separator: ", ")
        var chosenLevels: Set<String> = []
        var chosenUnits: Set<String> = []
        switch draft.audience {
        case .all: (audienceAll, audienceLevels, audienceUnits) = (true, false, false)
        case .levels(let levels): (audienceAll, audienceLevels, audienceUnits, chosenLevels) = (false, true, false, levels)
        case .units(let codes): (audienceAll, audienceLevels, audienceUnits, chosenUnits) = (false, false, true, codes)
        }
        levels = Set(roster.units.map(\.level)).filter { !$0.isEmpty }.sorted().map {
            Choice(value: $0, label: Self.levelLabel($0), checked: chosenLevels.contains($0))
        }
        units = roster.units.map { Choice(value: $0.code, label: "\($0.code) — \($0.name)", checked: chosenUnits.contains($0.code)) }
        let accepted = Set(draft.accept ?? FileKind.scans.map(\.rawValue))
        kinds = FileKind.allCases.map { Choice(value: $0.rawValue, label: Self.kindLabel($0), checked: accepted.contains($0.rawValue)) }
        requireSeal = draft.requireSeal
        self.problems = problems
        hasProblems = !problems.isEmpty
        sentStages = nil
        closed = draft.closed
        history = []
        campaignHref = isNew ? nil : "/campaigns/\(FormData.percentEncode(draft.id))"
    }

    static func levelLabel(_ level: String) -> String {
        switch level {
        case "MN": "Mầm non (MN)"
        case "TH": "Tiểu học (TH)"
        case "THCS": "Trung học cơ sở (THCS)"
        case "THPT": "Trung học phổ thông (THPT)"
        default: level
        }
    }

    static func kindLabel(_ kind: FileKind) -> String {
        switch kind {
        case .scanPDF: "PDF bản scan"
        case .textPDF: "PDF xuất từ Word (không phải bản scan)"
        case .image: "Ảnh chụp (JPG, PNG, HEIC)"
        case .office: "Tệp Word/Excel"
        case .archive: "Tệp nén (ZIP, RAR)"
        case .other: "Tệp khác"
        }
    }

    static let template = """
        {{> header}}
        <h1>{{#isNew}}Tạo đợt thu hồ sơ mới{{/isNew}}{{^isNew}}Sửa đợt thu: {{title}}{{/isNew}}</h1>
        {{#campaignHref}}<p><a href="{{campaignHref}}">← Về danh sách đơn vị của đợt thu</a></p>{{/campaignHref}}
        {{^isNew}}
        <div class="actions">
        {{#closed}}<p>Đợt thu đang <strong>đóng</strong>: không gửi nhắc nữa; hồ sơ đã nhận vẫn giữ nguyên.</p>
        <form method="post" action="{{campaignHref}}/reopen"><input type="hidden" name="csrf" value="{{page.csrf}}"><button type="submit" class="secondary" id="reopen-campaign">Mở lại đợt thu</button></form>{{/closed}}
        {{^closed}}<form method="post" action="{{campaignHref}}/close"><input type="hidden" name="csrf" value="{{page.csrf}}"><button type="submit" class="secondary" id="close-campaign">Đóng đợt thu (ngừng nhắc)</button></form>{{/closed}}
        </div>
        {{/isNew}}
        {{#hasProblems}}<div class="problem" role="alert"><p>Chưa lưu được, hãy sửa:</p><ul>{{#problems}}<li>{{.}}</li>{{/problems}}</ul></div>{{/hasProblems}}
        {{#sentStages}}<p class="notice">Đã gửi nhắc các mốc: {{sentStages}}. Đổi hạn nộp sẽ tính lại các mốc còn lại; mốc đã gửi không gửi lại.</p>{{/sentStages}}
        <form method="post" action="{{action}}" class="campaign-form">
        <input type="hidden" name="csrf" value="{{page.csrf}}">
        <fieldset><legend>Thông tin chung</legend>
        <label>Tên đợt thu <input name="title" value="{{title}}" required maxlength="200" placeholder="Kế hoạch thi đua năm học 2025–2026"></label>
        {{#isNew}}<label>Mã đợt thu (không dấu, để trống sẽ tự tạo từ tên) <input name="id" value="{{id}}" maxlength="64" pattern="[A-Za-z0-9._\\-]*"></label>{{/isNew}}
        {{^isNew}}<p>Mã đợt thu: <code>{{id}}</code> <input type="hidden" name="id" value="{{id}}"></p>{{/isNew}}
        <label>Ngày mở <input type="date" name="opens" value="{{opens}}" required></label>
        <label>Hạn nộp (ngày) <input type="date" name="deadline_day" value="{{deadlineDay}}" required></label>
        <label>Giờ hết hạn (để trống: hết ngày) <input type="time" name="deadline_time" value="{{deadlineTime}}"></label>
        </fieldset>
        <fieldset><legend>Đơn vị phải nộp</legend>
        <label class="choice"><input type="radio" name="audience" value="all"{{#audienceAll}} checked{{/audienceAll}}> Tất cả đơn vị</label>
        <label class="choice"><input type="radio" name="audience" value="levels"{{#audienceLevels}} checked{{/audienceLevels}}> Theo cấp học:</label>
        <div class="choices">{{#levels}}<label class="choice"><input type="checkbox" name="level" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>{{/levels}}</div>
        <label class="choice"><input type="radio" name="audience" value="units"{{#audienceUnits}} checked{{/audienceUnits}}> Chọn từng đơn vị:</label>
        <details{{#audienceUnits}} open{{/audienceUnits}}><summary>Danh sách đơn vị</summary>
        <div class="choices units-list">{{#units}}<label class="choice"><input type="checkbox" name="unit" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>{{/units}}</div>
        </details>
        </fieldset>
        <fieldset><legend>Nhận biết hồ sơ và nhắc nhở</legend>
        <label>Từ khoá trong tiêu đề thư hoặc tên tệp (cách nhau bởi dấu phẩy) <input name="keywords" value="{{keywords}}" placeholder="kế hoạch, thi đua"></label>
        <label>Các mốc nhắc (số ngày so với hạn nộp: -7d là 7 ngày trước, 0d là ngày hạn, +1d là 1 ngày sau) <input name="reminders" value="{{reminders}}"></label>
        </fieldset>
        <fieldset><legend>Yêu cầu về tệp</legend>
        <div class="choices">{{#kinds}}<label class="choice"><input type="checkbox" name="accept" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>{{/kinds}}</div>
        <label class="choice"><input type="checkbox" name="require_seal" value="1"{{#requireSeal}} checked{{/requireSeal}}> Phải có dấu đỏ (bản scan màu)</label>
        <label>Loại văn bản yêu cầu (để trống nếu không kiểm tra) <input name="expect_type" value="{{expectType}}" placeholder="KẾ HOẠCH"></label>
        <label>Năm của văn bản <input name="expect_year" value="{{expectYear}}" inputmode="numeric" maxlength="4" placeholder="2025"></label>
        <label>Trích yếu phải có các từ (cách nhau bởi dấu phẩy) <input name="expect_title" value="{{expectTitle}}" placeholder="thi đua"></label>
        </fieldset>
        <p><button type="submit">{{#isNew}}Tạo đợt thu{{/isNew}}{{^isNew}}Lưu thay đổi{{/isNew}}</button></p>
        </form>
        {{^isNew}}
        <h2>Lịch sử thay đổi</h2>
        {{^history}}<p>Chưa có thay đổi nào.</p>{{/history}}
        <ul class="history">{{#history}}<li><small>{{at}}</small> — {{what}}{{#detail}}: {{detail}}{{/detail}} <small>({{who}})</small></li>{{/history}}</ul>
        {{/isNew}}
        {{> footer}}
        """
}
