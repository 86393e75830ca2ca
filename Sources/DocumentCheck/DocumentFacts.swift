/// What a scanned document says about itself, read off its first page and its signature
/// block: the `document` object of `inspect --json`'s `check`.
///
/// Every Vietnamese administrative document follows one layout (Nghị định 30/2020): the
/// issuing body top left with its number under it, the place and date top right, the type
/// and title centred, the signer bottom right. Each field is nil when it could not be read.
public struct DocumentFacts: Sendable, Codable, Equatable, Hashable {
    /// The issuing body as printed ("TRƯỜNG THCS NGUYỄN TRÃI"), diacritics restored.
    public var issuer: String?
    /// The "Số:" value, normalised ("15/KH-THCSNT").
    public var number: String?
    /// The document's date, ISO 8601 ("2021-02-18").
    public var date: String?
    /// The document type ("KẾ HOẠCH", "BÁO CÁO", "CÔNG VĂN" for a letter with "V/v").
    public var type: String?
    public var title: String?
    public var signer: String?
    /// 0–1: how much of the header was read, and how surely.
    public var confidence: Double

    public init(
        issuer: String? = nil, number: String? = nil, date: String? = nil, type: String? = nil, title: String? = nil,
        signer: String? = nil, confidence: Double = 0
    ) {
        self.issuer = issuer
        self.number = number
        self.date = date
        self.type = type
        self.title = title
        self.signer = signer
        self.confidence = confidence
    }

    /// The year of the document's date.
    public var year: Int? { date.flatMap { Int($0.prefix(4)) } }

    /// Whether anything at all was read.
    public var isEmpty: Bool { issuer == nil && number == nil && date == nil && type == nil && title == nil && signer == nil }

    enum CodingKeys: String, CodingKey {
        case issuer, number, date, type, title, signer, confidence
    }

    // The contract writes null rather than leaving keys out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(issuer, forKey: .issuer)
        try container.encode(number, forKey: .number)
        try container.encode(date, forKey: .date)
        try container.encode(type, forKey: .type)
        try container.encode(title, forKey: .title)
        try container.encode(signer, forKey: .signer)
        try container.encode(confidence, forKey: .confidence)
    }
}
