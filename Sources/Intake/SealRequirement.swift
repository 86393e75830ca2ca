import DocumentCheck
import MIME

/// One file of a submission with its document check (the officer's verdict when she
/// overruled thidua's).
public struct CheckedFile: Sendable, Equatable {
    public var filename: String
    public var kind: FileKind
    public var verdict: CheckVerdict
    public var flags: [QualityFlag]
    /// What the scan says about itself, when it was read.
    public var document: DocumentFacts?

    public init(filename: String, kind: FileKind, verdict: CheckVerdict, flags: [QualityFlag] = [], document: DocumentFacts? = nil) {
        self.filename = filename
        self.kind = kind
        self.verdict = verdict
        self.flags = flags
        self.document = document
    }
}

/// What the document check means for a submission to a campaign that asks for the red
/// seal: the rule in one place, for the ledger and for the reply to the school.
public enum SealRequirement {
    /// The outcome for a submission whose files have all been checked.
    public struct Conclusion: Sendable, Equatable {
        /// The submission needs the officer: no file shows the seal, or one cannot be used.
        public var needsReview: Bool
        /// Vietnamese, one line per problem, naming the file: for the officer and the school.
        public var problems: [String]
        /// Whether the school should be told to send again (the verdicts in `replyOn`);
        /// otherwise it hears that the officer is looking at its submission.
        public var asksToResend: Bool

        public init(needsReview: Bool, problems: [String], asksToResend: Bool) {
            self.needsReview = needsReview
            self.problems = problems
            self.asksToResend = asksToResend
        }
    }

    /// The verdicts a school is told about by default: those it can put right itself.
    public static let defaultReplyOn: Set<CheckVerdict> = [.grayscale, .noSeal, .notAScan, .unreadable]

    /// A submission passes when one of its accepted files shows the seal (or carries a
    /// digital signature) and none is unusable. A seal never hides another problem: every
    /// file's problems and quality flags are listed, and a grey, unreadable or doubtful
    /// file sends the submission to review even beside a sealed one. A second file with no
    /// seal beside a sealed one (an annex, a table) is noted, not held against it.
    public static func conclude(_ files: [CheckedFile], accepted: Set<FileKind>, replyOn: Set<CheckVerdict> = defaultReplyOn) -> Conclusion
    {
        let scans = files.filter { accepted.contains($0.kind) || $0.verdict == .notAScan }
        let sealed = scans.contains { $0.verdict == .seal || $0.verdict == .signed }
        let unusable = scans.filter { [.grayscale, .unreadable, .uncertain].contains($0.verdict) }
        var problems: [String] = []
        for file in files {
            if let problem = problem(file.verdict) { problems.append("\(file.filename): \(problem)") }
            let flags = file.flags.map(\.label)
            if !flags.isEmpty { problems.append("\(file.filename): \(flags.joined(separator: ", "))") }
        }
        let needsReview = !sealed || !unusable.isEmpty
        let failing = needsReview ? scans.filter { $0.verdict != .seal && $0.verdict != .signed } : []
        return Conclusion(
            needsReview: needsReview, problems: problems,
            asksToResend: !failing.isEmpty && failing.allSatisfy { replyOn.contains($0.verdict) })
    }

    /// What is wrong with a file of this verdict, or nil.
    static func problem(_ verdict: CheckVerdict) -> String? {
        switch verdict {
        case .seal, .signed, .unchecked: nil
        case .uncertain: "chưa nhận rõ dấu đỏ, cán bộ sẽ kiểm tra bản scan"
        case .noSeal: "không thấy dấu đỏ trên bản scan, đề nghị gửi bản scan văn bản đã ký và đóng dấu"
        case .grayscale: "bản scan đen trắng, đề nghị scan màu để thấy dấu đỏ"
        case .notAScan: "tệp không phải bản scan (văn bản tạo trên máy tính), đề nghị gửi bản scan văn bản đã ký và đóng dấu"
        case .unreadable: "không mở được tệp (tệp hỏng hoặc có mật khẩu), đề nghị gửi lại"
        }
    }
}
