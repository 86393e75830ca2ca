import DocumentCheck

/// What a campaign expects its documents to say they are (`expect_type: KẾ HOẠCH`,
/// `expect_year: 2021`, `expect_title: [thi đua]`): a school that sends last year's plan,
/// or its report instead of its plan, has not sent what was asked.
public struct DocumentExpectation: Sendable, Equatable, Codable {
    /// The type as printed ("KẾ HOẠCH"), compared without marks or case.
    public var type: String?
    public var year: Int?
    /// Words the title must contain, every one.
    public var titleKeywords: [String]

    public init(type: String? = nil, year: Int? = nil, titleKeywords: [String] = []) {
        self.type = type
        self.year = year
        self.titleKeywords = titleKeywords
    }

    public var isEmpty: Bool { type == nil && year == nil && titleKeywords.isEmpty }
}

/// What the scans' headers mean for a submission: the unit they name, and the problems
/// they show. A field that was not read shows no problem: OCR's silence is not evidence.
public enum DocumentHeaderRule {
    /// The one unit the files' issuers name, when every issuer read names the same one.
    public static func namedUnit(_ files: [CheckedFile], matcher: UnitMatcher) -> UnitMatch? {
        let issuers = files.compactMap { $0.document?.issuer }
        let matches = issuers.map { matcher.match(issuer: $0) }
        guard let first = matches.first ?? nil, matches.allSatisfy({ $0?.code == first.code }) else { return nil }
        return first
    }

    /// Vietnamese, one line per problem, naming the file: another unit's document, another
    /// type or year than the campaign asks, a title without its words.
    public static func problems(_ files: [CheckedFile], unit: SchoolUnit?, matcher: UnitMatcher, expects: DocumentExpectation) -> [String] {
        var problems: [String] = []
        for file in files {
            guard let document = file.document else { continue }
            if let unit, let issuer = document.issuer, let named = matcher.match(issuer: issuer), named.code != unit.code {
                let other = matcher.roster.unit(code: named.code)?.name ?? named.code
                problems.append("\(file.filename): văn bản của \(other) ('\(issuer)'), không phải của \(unit.name)")
            }
            if let expected = expects.type, let type = document.type, TextFolding.fold(type) != TextFolding.fold(expected) {
                problems.append("\(file.filename): trường gửi \(type.lowercased()) thay vì \(expected.lowercased())")
            }
            if let expected = expects.year, let year = document.year, year != expected {
                problems.append("\(file.filename): văn bản năm \(year), đợt thu yêu cầu văn bản năm \(expected)")
            }
            if let title = document.title {
                let folded = TextFolding.fold(title)
                let missing = expects.titleKeywords.filter { !TextFolding.containsWords(folded, TextFolding.fold($0)) }
                if !missing.isEmpty {
                    problems.append("\(file.filename): trích yếu '\(title)' không có '\(missing.joined(separator: "', '"))'")
                }
            }
        }
        return problems
    }
}
