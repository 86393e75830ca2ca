import DocumentCheck
import Foundation
import Intake
import MIME
import TestSupport
import Testing

@testable import DocumentReading

/// Issue 21, point 4: reading scans against a labelled set of first pages
/// (`Labelled/generate.py`, deterministic). Issuers are matched against the set's roster:
/// no unit may be wrong, and at least 90% of the roster's are attributed; the number and
/// the date are exact on at least 90%, the type right on at least 95%. `make test` generates
/// the set and names it in THIDUA_DOCUMENT_SET; the figures are printed for BENCHMARKS.md.
@Suite(
    .enabled(
        if: LabelledDocuments.Set.directory(LabelledDocuments.variable) != nil,
        "the labelled documents are not generated: run make test, or Tests/DocumentReadingTests/Labelled/generate.py DIR and set THIDUA_DOCUMENT_SET=DIR"
    ))
struct LabelledDocumentTests {
    @Test func readsWhatThePagesSay() async throws {
        let set = try LabelledDocuments.Set(LabelledDocuments.variable)
        #expect(set.files.count >= 100, "the set has \(set.files.count) files")
        let roster = try Roster.parseCSV(
            String(decoding: Data(contentsOf: set.directory.appendingPathComponent("units.csv")), as: UTF8.self))
        let reader = ScanReader(recogniser: try TextRecogniser(), names: roster.units.map(\.name))
        let read = await LabelledDocuments.read(set, reader: reader)
        let matcher = UnitMatcher(roster: roster)
        var score = LabelledDocuments.Score()
        for (label, document) in zip(set.files, read) {
            score.add(label, document, unit: document?.issuer.flatMap { matcher.match(issuer: $0)?.code })
        }
        print(score.report)
        print("not attributed: \(score.unattributed)\nnumbers misread: \(score.wrongNumbers)\ndates misread: \(score.wrongDates)")
        #expect(score.wrongUnits.isEmpty, "issuers attributed to the wrong unit: \(score.wrongUnits)")
        #expect(
            score.attributed * 10 >= score.inRoster * 9, "attributed \(score.attributed) of \(score.inRoster); missed \(score.unattributed)"
        )
        #expect(score.numbers * 10 >= score.total * 9, "numbers exact on \(score.numbers) of \(score.total): \(score.wrongNumbers)")
        #expect(score.dates * 10 >= score.total * 9, "dates exact on \(score.dates) of \(score.total): \(score.wrongDates)")
        #expect(score.types * 100 >= score.total * 95, "types right on \(score.types) of \(score.total): \(score.wrongTypes)")
    }
}

/// The labelled set as `generate.py` writes it, and how reading it scores.
enum LabelledDocuments {
    struct Label: Decodable, Sendable {
        var file: String
        var take: String
        var unit: String?
        var issuer: String
        var number: String
        var date: String
        var type: String
        var title: String
        var signer: String
    }

    typealias Set = LabelledSet<Label>
    static let variable = "THIDUA_DOCUMENT_SET"

    /// Every file checked and read, two at a time (the machine's cores), in the labels' order.
    static func read(_ set: Set, reader: ScanReader) async -> [DocumentFacts?] {
        let checker = DocumentChecker(reader: reader)
        return await boundedMap(set.files.count) { index in
            let bytes = set.bytes(of: set.files[index].file)
            return checker.check(bytes, kind: FileKind.detect(bytes)).result.document
        }
    }

    struct Score {
        var total = 0
        var inRoster = 0
        var attributed = 0
        var numbers = 0
        var dates = 0
        var types = 0
        var titles = 0
        var signers = 0
        var wrongUnits: [String] = []
        var unattributed: [String] = []
        var wrongNumbers: [String] = []
        var wrongDates: [String] = []
        var wrongTypes: [String] = []
        var byTake: [String: (files: Int, exact: Int)] = [:]

        mutating func add(_ label: Label, _ document: DocumentFacts?, unit: String?) {
            total += 1
            if let expected = label.unit {
                inRoster += 1
                if unit == expected { attributed += 1 }
                if unit == nil { unattributed.append("\(label.file): read \(document?.issuer ?? "nothing")") }
            }
            if let unit, unit != label.unit {
                wrongUnits.append("\(label.file): '\(document?.issuer ?? "")' → \(unit), is \(label.unit ?? "not in the roster")")
            }
            let number = document?.number == label.number
            let date = document?.date == label.date
            if number { numbers += 1 } else { wrongNumbers.append("\(label.file): \(document?.number ?? "nil")") }
            if date { dates += 1 } else { wrongDates.append("\(label.file): \(document?.date ?? "nil")") }
            if document?.type == label.type { types += 1 } else { wrongTypes.append("\(label.file): \(document?.type ?? "nil")") }
            if document?.title == label.title { titles += 1 }
            if document?.signer == label.signer { signers += 1 }
            let exact = number && date && document?.type == label.type && unit == label.unit
            byTake[label.take, default: (0, 0)].files += 1
            if exact { byTake[label.take, default: (0, 0)].exact += 1 }
        }

        /// The figures as a Markdown table, for BENCHMARKS.md.
        var report: String {
            func share(_ count: Int, _ of: Int) -> String { "\(count)/\(of) (\(of == 0 ? 0 : count * 100 / of)%)" }
            var lines = [
                "| measure | result | target |", "|---|---:|---|",
                "| issuer attributed to its unit | \(share(attributed, inRoster)) | ≥ 90% |",
                "| issuer attributed to a wrong unit | \(wrongUnits.count) | 0 |",
                "| number exact | \(share(numbers, total)) | ≥ 90% |",
                "| date exact | \(share(dates, total)) | ≥ 90% |",
                "| type right | \(share(types, total)) | ≥ 95% |",
                "| title exact | \(share(titles, total)) | |",
                "| signer exact | \(share(signers, total)) | |",
                "", "| capture | files | all four fields right |", "|---|---:|---:|",
            ]
            for take in byTake.keys.sorted() {
                lines.append("| \(take) | \(byTake[take]!.files) | \(byTake[take]!.exact) |")
            }
            return lines.joined(separator: "\n")
        }
    }
}
