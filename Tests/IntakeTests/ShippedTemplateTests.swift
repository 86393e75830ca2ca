import Foundation
import Testing

/// The placeholder scanner behind template validation lives in the executable; its
/// rules are mirrored here on the shipped templates' own text.
struct ShippedTemplateTests {
    static let reminderPlaceholders: Set<String> = [
        "office_name", "office_email", "unit_name", "unit_code", "campaign_title", "deadline",
        "deadline_date", "stage_label", "overdue", "problems",
    ]
    static let digestPlaceholders: Set<String> = [
        "office_name", "date", "received_count", "received", "time", "unit_code", "unit_name", "campaign_title", "status",
        "has_review", "review_count", "campaigns", "deadline", "missing_count", "total", "missing", "problems_count", "problems",
        "stage", "error",
    ]

    @Test func shippedTemplatesUseOnlyKnownPlaceholders() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        #expect(files.count == 6)
        #expect(files.filter { $0.hasPrefix("digest.") }.sorted() == ["digest.subject.mustache", "digest.txt.mustache"])
        for file in files {
            let known = file.hasPrefix("digest.") ? Self.digestPlaceholders : Self.reminderPlaceholders
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            var rest = Substring(text)
            while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
                var tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                rest = rest[close.upperBound...]
                guard let first = tag.first, first != "%" else { continue }
                if "#^/".contains(first) { tag.removeFirst() }
                #expect(known.contains(tag), "\(file) uses {{\(tag)}}")
            }
        }
    }
}
