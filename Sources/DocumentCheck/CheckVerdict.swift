/// What the document check concluded about one file (DESIGN.md, "The document check").
public enum CheckVerdict: String, Sendable, Codable, CaseIterable {
    /// A red seal was seen.
    case seal
    /// Something seal-like was seen; a person should look.
    case uncertain
    /// A colour scan or photo with no seal on any page.
    case noSeal = "no-seal"
    /// Scanned in black and white or bilevel: a red seal cannot be verified.
    case grayscale
    /// A generated PDF or an office file: not a scan of the signed paper.
    case notAScan = "not-a-scan"
    /// A PDF carrying a digital signature field.
    case signed
    /// Corrupt, encrypted, or over the check's limits.
    case unreadable
    /// A kind that is not checked (an archive, an unknown file).
    case unchecked

    /// Whether a submission made of this file still needs a person: what the ledger sends
    /// to review when a campaign requires the seal.
    public var failsSealRequirement: Bool {
        switch self {
        case .seal, .signed, .unchecked: false
        case .uncertain, .noSeal, .grayscale, .notAScan, .unreadable: true
        }
    }

    /// Whether the file was looked at as a scan or photo of paper: what is worth reading.
    public var isScan: Bool {
        switch self {
        case .seal, .uncertain, .noSeal, .grayscale: true
        case .signed, .notAScan, .unreadable, .unchecked: false
        }
    }
}

/// A quality problem seen on a page, whatever the verdict.
public enum QualityFlag: String, Sendable, Codable, CaseIterable, Comparable {
    /// Under 150 dpi effective: small print and the seal's lettering blur.
    case lowDPI = "low-dpi"
    case blankPage = "blank-page"
    case dark
    case blurred
    /// The page is displayed sideways.
    case rotated

    public static func < (a: QualityFlag, b: QualityFlag) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Where the seal is: its page (1-based) and its box as fractions of that page as it is
/// displayed (top-left origin, `/Rotate` and EXIF orientation applied).
public struct SealFinding: Sendable, Codable, Equatable {
    public var page: Int
    public var box: [Double]
    /// How seal-like it is, 0–1.
    public var score: Double

    public init(page: Int, box: [Double], score: Double) {
        self.page = page
        self.box = box
        self.score = score
    }
}

/// One file's check: the `check` object of `inspect --json`.
public struct DocumentCheckResult: Sendable, Codable, Equatable {
    public var verdict: CheckVerdict
    public var pages: Int
    /// The effective resolution of the first page image, when there is one.
    public var dpi: Int?
    public var seal: SealFinding?
    public var flags: [QualityFlag]
    /// Why the verdict is `unreadable` or `unchecked`, in English for logs and operators.
    public var reason: String?
    /// What the scan says about itself, when it was read (OCR).
    public var document: DocumentFacts?

    public init(
        verdict: CheckVerdict, pages: Int = 0, dpi: Int? = nil, seal: SealFinding? = nil,
        flags: [QualityFlag] = [], reason: String? = nil, document: DocumentFacts? = nil
    ) {
        self.verdict = verdict
        self.pages = pages
        self.dpi = dpi
        self.seal = seal
        self.flags = flags
        self.reason = reason
        self.document = document
    }

    enum CodingKeys: String, CodingKey {
        case verdict, pages, dpi, seal, flags, reason, document
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(pages, forKey: .pages)
        // The contract writes null rather than leaving keys out.
        try container.encode(dpi, forKey: .dpi)
        try container.encode(seal, forKey: .seal)
        try container.encode(flags, forKey: .flags)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encode(document, forKey: .document)
    }
}
