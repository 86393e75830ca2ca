import DocumentCheck
import Intake
import Store

/// A file's document check as the officer sees it: the verdict as a symbol and words, the
/// page thumbnail with the seal boxed, the quality problems, and the verdicts she may set
/// in thidua's place.
struct CheckView: Sendable {
    /// The seal's box in thousandths of the thumbnail (an SVG drawn over it: no inline styles,
    /// which the pages' Content-Security-Policy forbids).
    struct Box: Sendable {
        var x: Int
        var y: Int
        var width: Int
        var height: Int
    }

    struct Choice: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    var verdict: String
    var label: String
    var detail: String?
    /// What the scan's header says (`DocumentFacts.summary`), when it was read.
    var document: String?
    var hasThumbnail: Bool
    var thumbnailHref: String
    var box: Box?
    /// "Cán bộ NAME đã sửa (thidua: …)" when the officer overruled the check.
    var overruled: String?
    var sha: String
    var choices: [Choice]
    /// The page the form returns to.
    var back: String

    /// The verdicts the officer may set: those that say what she saw.
    static let settable: [CheckVerdict] = [.seal, .signed, .noSeal, .grayscale, .notAScan, .unreadable]

    init(_ check: StoredCheck?, sha256: String, back: String) {
        sha = sha256
        self.back = back
        thumbnailHref = "/thumbnails/\(sha256)"
        guard let check else {
            verdict = "pending"
            label = CheckVerdict.pendingLabel
            hasThumbnail = false
            choices = []
            return
        }
        let shown = check.verdict
        verdict = shown.rawValue
        label = shown.label
        var details: [String] = []
        if let seal = check.result.seal, check.result.pages > 1 { details.append("dấu ở trang \(seal.page)") }
        details += check.result.flags.map(\.label)
        if shown == .unreadable, let reason = check.result.reason { details.append(reason) }
        detail = details.isEmpty ? nil : details.joined(separator: "; ")
        document = check.result.document?.summary
        hasThumbnail = check.thumbnailPath != nil
        if check.officerVerdict == nil, let seal = check.result.seal, seal.box.count == 4 {
            let thousandths = seal.box.map { Int(($0 * 1000).rounded()) }
            box = Box(x: thousandths[0], y: thousandths[1], width: thousandths[2], height: thousandths[3])
        }
        if check.officerVerdict != nil {
            overruled = "Cán bộ \(Self.name(check.officer)) đã sửa (thidua: \(check.result.verdict.label))"
        }
        choices = Self.settable.map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == shown) }
    }

    /// "officer:lan (10.0.0.5)" → "lan".
    private static func name(_ actor: String?) -> String {
        guard let actor else { return "?" }
        let user = actor.hasPrefix("officer:") ? String(actor.dropFirst("officer:".count)) : actor
        return String(user.split(separator: " ").first ?? Substring(user))
    }
}

extension CheckView {
    /// Inside a file's `<li>` (its `href` and `name` are the file's); the form posts to the
    /// file's verdict route, which records the officer's verdict with her name.
    static let template = """
        <div class="check"><span class="verdict v-{{verdict}}">{{label}}</span>{{#detail}} <small>{{detail}}</small>{{/detail}}\
        {{#overruled}} <small class="overruled">{{overruled}}</small>{{/overruled}}
        {{#document}}<br><small class="document">{{document}}</small>{{/document}}
        {{#hasThumbnail}}<br><a href="{{href}}" target="_blank" rel="noopener" class="thumb"><img src="{{thumbnailHref}}" \
        alt="Trang scan của {{name}}" loading="lazy">{{#box}}<svg viewBox="0 0 1000 1000" preserveAspectRatio="none" \
        aria-hidden="true"><rect x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}"/></svg>{{/box}}</a>{{/hasThumbnail}}
        {{#hasChoices}}<form method="post" action="/checks/{{sha}}/verdict" class="verdict-form">
        <input type="hidden" name="csrf" value="{{page.csrf}}"><input type="hidden" name="back" value="{{back}}">
        <label>Kết quả kiểm tra <select name="verdict">{{#choices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>\
        {{label}}</option>{{/choices}}</select></label> <button type="submit" class="secondary">Sửa kết quả</button></form>{{/hasChoices}}
        </div>
        """
}
