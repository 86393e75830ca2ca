import Foundation
import MIME
import TestSupport
import Testing

@testable import DocumentCheck

/// Issue 20, point 6: the document check against a labelled set of scans, photos and
/// traps (`Labelled/generate.py`, deterministic). No seal may be reported where there is
/// none, and at least 95% of the colour seals must be found. `make test` generates the set
/// and names it in THIDUA_SCAN_SET; the confusion matrix is printed for BENCHMARKS.md.
@Suite(
    .enabled(
        if: LabelledScans.Set.directory(LabelledScans.variable) != nil,
        "the labelled scans are not generated: run make test, or Tests/DocumentCheckTests/Labelled/generate.py DIR and set THIDUA_SCAN_SET=DIR"
    ))
struct LabelledScanTests {
    @Test func verdictsAgreeWithTheLabels() async throws {
        let set = try LabelledScans.Set(LabelledScans.variable)
        #expect(set.files.count >= 200, "the set has \(set.files.count) files")
        let outcomes = await LabelledScans.check(set)
        var matrix: [CheckVerdict: [CheckVerdict: Int]] = [:]
        var falseSeals: [String] = []
        var missedSeals: [String] = []
        for (label, result) in zip(set.files, outcomes) {
            matrix[label.verdict, default: [:]][result.verdict, default: 0] += 1
            if result.verdict == .seal, label.verdict != .seal { falseSeals.append("\(label.file) (\(label.verdict.rawValue))") }
            if label.verdict == .seal, result.verdict != .seal { missedSeals.append("\(label.file) → \(result.verdict.rawValue)") }
            // A grey scan is never called "no seal": the school is asked to rescan in colour.
            if label.verdict == .grayscale { #expect(result.verdict != .noSeal, "\(label.file): a grey scan called no-seal") }
        }
        print(LabelledScans.table(matrix))
        #expect(falseSeals.isEmpty, "seals reported where there is none: \(falseSeals)")
        let seals = set.files.filter { $0.verdict == .seal }.count
        let found = seals - missedSeals.count
        #expect(seals > 0 && Double(found) >= Double(seals) * 0.95, "found \(found) of \(seals) seals; missed \(missedSeals)")
    }
}

/// The labelled set as `generate.py` writes it.
enum LabelledScans {
    struct Label: Decodable, Sendable {
        var file: String
        var verdict: CheckVerdict
        var flags: [String]
    }

    typealias Set = LabelledSet<Label>
    static let variable = "THIDUA_SCAN_SET"

    /// Every file's check, two at a time (the machine's cores), in the labels' order.
    static func check(_ set: Set) async -> [DocumentCheckResult] {
        let checker = DocumentChecker()
        return await boundedMap(set.files.count) { index in
            let bytes = set.bytes(of: set.files[index].file)
            return checker.check(bytes, kind: FileKind.detect(bytes)).result
        }
    }

    /// The confusion matrix as a Markdown table: labels down, verdicts across.
    static func table(_ matrix: [CheckVerdict: [CheckVerdict: Int]]) -> String {
        let verdicts = CheckVerdict.allCases
        var lines = ["| label \\ verdict | " + verdicts.map(\.rawValue).joined(separator: " | ") + " |"]
        lines.append("|---|" + verdicts.map { _ in "---:" }.joined(separator: "|") + "|")
        for label in verdicts where matrix[label] != nil {
            lines.append("| \(label.rawValue) | " + verdicts.map { "\(matrix[label]?[$0] ?? 0)" }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
