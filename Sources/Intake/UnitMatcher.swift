import MIME

/// Works out which unit sent a message, and refuses to guess.
///
/// A known sender address (from the roster or learned when the officer assigned one of its
/// messages) is an exact match. Otherwise a unit's name must appear, as whole words and
/// without diacritics, in the subject, an attachment's name or the body; if more than one
/// unit fits, in one place or across them (the subject names one school, the attachment
/// another), the message goes to the officer — a wrong attribution would hide a missing
/// unit, which is worse than asking.
public struct UnitMatcher: Sendable {
    public var roster: Roster
    /// Learned sender address → unit code.
    public var aliases: [String: String]

    /// Each unit's code and the ways its name is written (`nameForms`), longest first (of
    /// equally long ones, in `nameForms`' order): a unit's best form found is its first.
    private let variants: [(code: String, forms: [FoldedPhrase])]
    /// The forms by the hash of their first word: a text's words are looked up here once
    /// each, instead of every form being looked for in the text.
    private let formsByFirstWord: [UInt64: [(variant: Int, form: Int)]]
    /// Each unit's name taken apart as a document header would print it (`match(issuer:)`).
    let issuerNames: [(code: String, name: IssuerName)]

    public init(roster: Roster, aliases: [String: String] = [:]) {
        self.roster = roster
        self.aliases = Dictionary(aliases.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        let variants = roster.units.map { unit in
            let forms = Self.nameForms(unit).enumerated().sorted { ($0.element.count, $1.offset) > ($1.element.count, $0.offset) }
            return (code: unit.code, forms: forms.map { FoldedPhrase(folded: $0.element) })
        }
        var index: [UInt64: [(variant: Int, form: Int)]] = [:]
        for (variant, unit) in variants.enumerated() {
            for (form, phrase) in unit.forms.enumerated() {
                guard let first = phrase.hashes.first else { continue }
                index[first, default: []].append((variant, form))
            }
        }
        self.variants = variants
        self.formsByFirstWord = index
        self.issuerNames = roster.units.compactMap { unit in IssuerName(unit.name, level: unit.level).map { (unit.code, $0) } }
    }

    /// `threads` maps Message-IDs thidua knows (its reminders, earlier attributed mail) to
    /// unit codes: a reply in such a thread belongs to that unit, whoever sends it.
    public func match(_ message: MailMessage, threads: [String: String] = [:]) -> UnitMatch? {
        match(message, threads: threads, sources: nil)
    }

    /// `sources`: the message's texts already folded (by `IntakeRules`, for both guesses);
    /// folded here when nil and needed.
    func match(_ message: MailMessage, threads: [String: String], sources: FoldedSources?) -> UnitMatch? {
        if let sender = message.from?.address {
            if let unit = roster.unit(email: sender) {
                return UnitMatch(code: unit.code, confidence: 1, reason: "địa chỉ gửi \(sender) có trong danh sách của đơn vị")
            }
            if let code = aliases[sender], roster.unit(code: code) != nil {
                return UnitMatch(code: code, confidence: 1, reason: "địa chỉ gửi \(sender) đã được gán cho đơn vị")
            }
        }
        for id in ([message.inReplyTo].compactMap { $0 } + message.references.reversed()) {
            if let code = threads[id], let unit = roster.unit(code: code) {
                return UnitMatch(code: unit.code, confidence: 1, reason: "trả lời thư trao đổi với đơn vị \(unit.name)")
            }
        }
        for original in message.forwardedFrom {
            if let unit = roster.unit(email: original.address) ?? aliases[original.address].flatMap(roster.unit(code:)) {
                return UnitMatch(code: unit.code, confidence: 0.9, reason: "chuyển tiếp thư của địa chỉ \(original.address) (đơn vị)")
            }
        }
        let folded = sources ?? FoldedSources(message)
        let sources: [(label: String, text: FoldedText)] = [
            ("tiêu đề", folded.subject),
            ("tên tệp", folded.filenames),
            ("nội dung thư", folded.body),
        ]
        // Every source is read: a message that names one school in the subject and another
        // in the body is in doubt, and doubt goes to the officer.
        var found: (code: String, label: String)?
        for source in sources {
            let hits = matches(in: source.text)
            if hits.count > 1 { return nil }
            guard let hit = hits.first else { continue }
            if let earlier = found, earlier.code != hit.code { return nil }
            if found == nil { found = (hit.code, source.label) }
        }
        if let found, let unit = roster.unit(code: found.code) {
            return UnitMatch(code: unit.code, confidence: 0.8, reason: "tên '\(unit.name)' trong \(found.label)")
        }
        return nil
    }

    /// Units whose longest matching form is not contained in another hit's form.
    private func matches(in text: FoldedText) -> [(code: String, form: String)] {
        // Each unit's best form found: the first in its (longest first) order.
        var longest: [Int: Int] = [:]
        for (start, hash) in text.hashes.enumerated() {
            guard let candidates = formsByFirstWord[hash] else { continue }
            for candidate in candidates where text.matches(variants[candidate.variant].forms[candidate.form], at: start) {
                longest[candidate.variant] = min(longest[candidate.variant] ?? candidate.form, candidate.form)
            }
        }
        let hits = longest.sorted { $0.key < $1.key }.map { (code: variants[$0.key].code, form: variants[$0.key].forms[$0.value].text) }
        // "TH Thành Công A" also contains "Thành Công"-only forms of other units: keep
        // only hits not strictly inside a longer hit.
        return hits.filter { hit in
            !hits.contains { other in other.form != hit.form && TextFolding.containsWords(other.form, hit.form) }
        }
    }

    /// The ways a unit's name is written: "Tiểu học Nguyễn Trãi", "TH Nguyễn Trãi",
    /// "Trường TH Nguyễn Trãi", and the code itself.
    static func nameForms(_ unit: SchoolUnit) -> [String] {
        let name = TextFolding.fold(unit.name)
        let levelForms: [String: [String]] = [
            "MN": ["mam non", "mn", "truong mam non", "truong mn"],
            "TH": ["tieu hoc", "th", "truong tieu hoc", "truong th"],
            "THCS": ["trung hoc co so", "thcs", "truong trung hoc co so", "truong thcs"],
        ]
        var forms: Set<String> = [name, TextFolding.fold(unit.code)]
        let prefixes = levelForms[unit.level.uppercased()] ?? []
        for prefix in prefixes where name.hasPrefix(prefix + " ") {
            let bare = String(name.dropFirst(prefix.count + 1))
            for other in prefixes { forms.insert(other + " " + bare) }
        }
        return forms.filter { $0.count >= 4 }.sorted()
    }
}
