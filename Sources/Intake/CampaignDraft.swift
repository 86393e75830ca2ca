import Foundation
import MIME

/// A campaign as it is written, in the YAML or in the dashboard's form: text to be checked
/// before it becomes a `Campaign`. One place says what a valid campaign is, whoever wrote it.
public struct CampaignDraft: Sendable, Equatable {
    public var id: String
    public var title: String
    /// `2021-02-08`: the start of that day, office time.
    public var opens: String
    /// `2021-02-21` (its last minute) or `2021-02-21 17:00`.
    public var deadline: String
    public var keywords: [String] = []
    /// Stages like `-7d`; nil: the default schedule.
    public var reminders: [String]? = nil
    /// File kinds (`scan-pdf`, `scan-image`, …); nil: scans.
    public var accept: [String]? = nil
    public var requireSeal = true
    public var expectType: String? = nil
    public var expectYear: String? = nil
    public var expectTitle: [String] = []
    public var audience: CampaignAudience = .all
    public var closed = false

    public static let defaultReminders = ["-7d", "-3d", "-1d", "0d", "+1d"]

    public init(id: String, title: String, opens: String, deadline: String) {
        self.id = id
        self.title = title
        self.opens = opens
        self.deadline = deadline
    }

    /// The draft that resolves to `campaign`: what its edit form starts from.
    public init(_ campaign: Campaign, zone: TimeZone) {
        self.init(
            id: campaign.id, title: campaign.title, opens: OfficeDate.format(campaign.opens, zone: zone, endOfDay: false),
            deadline: OfficeDate.format(campaign.deadline, zone: zone, endOfDay: true))
        keywords = campaign.keywords
        reminders = campaign.reminders.map(\.description)
        accept = campaign.acceptedKinds.map(\.rawValue).sorted()
        requireSeal = campaign.requireSeal
        expectType = campaign.expects.type
        expectYear = campaign.expects.year.map(String.init)
        expectTitle = campaign.expects.titleKeywords
        audience = campaign.audience
        closed = campaign.closed
    }

    /// One thing wrong with a draft: the field (as the YAML names it), what is wrong in
    /// English for the operator's log, and in Vietnamese for the officer's form.
    public struct Problem: Sendable, Equatable {
        public var field: String
        public var message: String
        public var vietnamese: String

        public init(field: String, message: String, vietnamese: String) {
            self.field = field
            self.message = message
            self.vietnamese = vietnamese
        }
    }

    public struct Invalid: Error, Sendable, Equatable {
        public var problems: [Problem]
    }

    /// The campaign this draft describes, or every problem with it. `roster`: the units a
    /// hand-picked audience may name (nil: not checked).
    public func resolve(zone: TimeZone, roster: Roster? = nil) throws(Invalid) -> Campaign {
        var problems: [Problem] = []
        func problem(_ field: String, _ message: String, _ vietnamese: String) {
            problems.append(Problem(field: field, message: message, vietnamese: vietnamese))
        }
        if !Self.isValidID(id) {
            problem(
                "id", "'\(id)' is not an id of 1 to 64 letters, digits, '-', '_' or '.'",
                "Mã đợt thu chỉ gồm chữ không dấu, số, dấu '-', '_' hoặc '.' (tối đa 64 ký tự)")
        }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        if title.isEmpty { problem("title", "the title is empty", "Chưa nhập tên đợt thu") }
        let opensAt = OfficeDate.parse(opens, zone: zone, endOfDay: false)
        if opensAt == nil {
            problem("opens", "'\(opens)' is not a date like 2021-02-08", "Ngày mở '\(opens)' không phải ngày dạng 2021-02-08")
        }
        let deadlineAt = OfficeDate.parse(deadline, zone: zone, endOfDay: true)
        if deadlineAt == nil {
            problem(
                "deadline", "'\(deadline)' is not a date-time like 2021-02-21T23:59",
                "Hạn nộp '\(deadline)' không phải ngày dạng 2021-02-21 hoặc 2021-02-21 17:00")
        }
        // A deadline with a time means its whole minute: one written as the opening is not after it.
        if let opensAt, let deadlineAt, deadlineAt.timeIntervalSince(opensAt) < 60 {
            problem("deadline", "the deadline is not after the opening date", "Hạn nộp phải sau ngày mở")
        }
        var stages: [ReminderStage] = []
        for text in reminders ?? Self.defaultReminders {
            if let stage = ReminderStage(text) {
                if !stages.contains(stage) { stages.append(stage) }
            } else {
                problem(
                    "reminders", "'\(text)' is not a stage like -7d, 0d or +1d",
                    "Mốc nhắc '\(text)' không hợp lệ: viết -7d (7 ngày trước hạn), 0d (ngày hạn) hoặc +1d (1 ngày sau hạn)")
            }
        }
        var kinds = FileKind.scans
        if let accept {
            kinds = []
            for text in accept {
                if let kind = FileKind(rawValue: text) {
                    kinds.insert(kind)
                } else {
                    let known = FileKind.allCases.map(\.rawValue).sorted().joined(separator: ", ")
                    problem("accept", "unknown kind '\(text)'; use \(known)", "Loại tệp '\(text)' không có; dùng: \(known)")
                }
            }
            if accept.isEmpty { problem("accept", "no kind of file is accepted", "Chọn ít nhất một loại tệp được nhận") }
        }
        var year: Int?
        if let text = expectYear?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            year = Int(text)
            if year.map({ !(1990...2100).contains($0) }) ?? true {
                problem("expect_year", "'\(text)' is not a year like 2021", "Năm văn bản '\(text)' không phải năm dạng 2021")
            }
        }
        let type = expectType?.trimmingCharacters(in: .whitespaces)
        if let type, type.isEmpty {
            problem(
                "expect_type", "is empty; write the type as printed, e.g. KẾ HOẠCH or BÁO CÁO",
                "Loại văn bản để trống; viết như in trên văn bản, ví dụ KẾ HOẠCH")
        }
        problems += audienceProblems(roster: roster)
        guard problems.isEmpty, let opensAt, let deadlineAt else { throw Invalid(problems: problems) }
        return Campaign(
            id: id, title: title, opens: opensAt, deadline: deadlineAt,
            keywords: keywords.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }, reminders: stages,
            acceptedKinds: kinds, requireSeal: requireSeal,
            expects: DocumentExpectation(
                type: type.flatMap { $0.isEmpty ? nil : $0 }, year: year,
                titleKeywords: expectTitle.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }),
            audience: audience, closed: closed)
    }

    private func audienceProblems(roster: Roster?) -> [Problem] {
        switch audience {
        case .all: return []
        case .levels(let levels) where levels.isEmpty, .units(let levels) where levels.isEmpty:
            return [Problem(field: "units", message: "no unit is asked", vietnamese: "Chưa chọn đơn vị nào")]
        case .levels: return []
        case .units(let codes):
            guard let roster else { return [] }
            let unknown = codes.filter { roster.unit(code: $0) == nil }.sorted()
            guard !unknown.isEmpty else { return [] }
            return [
                Problem(
                    field: "units", message: "no unit has the code(s) \(unknown.joined(separator: ", "))",
                    vietnamese: "Không có đơn vị mã \(unknown.joined(separator: ", ")) trong danh sách")
            ]
        }
    }

    public static func isValidID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
            && id != "." && id != ".."
    }

    /// An id made from a title, for a form left without one: "Kế hoạch thi đua 2025" →
    /// "ke-hoach-thi-dua-2025".
    public static func suggestedID(title: String) -> String {
        var slug = ""
        for character in TextFolding.fold(title) {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if !slug.isEmpty && slug.last != "-" {
                slug.append("-")
            }
        }
        slug = String(slug.prefix(64))
        while slug.last == "-" { slug.removeLast() }
        return slug
    }
}
