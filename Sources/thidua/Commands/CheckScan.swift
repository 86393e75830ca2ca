import ArgumentParser
import DocumentCheck
import DocumentReading
import Foundation
import Intake
import MIME

/// `thidua check-scan FILE…`: the document check on files as they are (a scan saved from a
/// mail, a photo), without a message around them: what an operator runs to see why thidua
/// said "no seal".
struct CheckScan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-scan",
        abstract: "Run the document check (colour scan, red seal, readability) on PDF, JPEG, PNG or HEIC files.")

    @Argument(help: "Files to check.")
    var files: [String]

    @Flag(help: "Print JSON (one object per line).")
    var json = false

    @Option(help: "Write each file's page thumbnail (JPEG) into this folder.")
    var thumbnails: String?

    @Flag(help: "Leave out the reading of each scan's header and signature block (OCR).")
    var noRead = false

    @Option(help: "A roster (units.csv) to match each scan's issuer against; default: the configured one, if any.")
    var roster: String?

    func run() async throws {
        let units = try loadRoster()
        let checker = DocumentChecker(reader: noRead ? nil : TextReading.reader(names: units?.units.map(\.name) ?? []))
        let matcher = units.map { UnitMatcher(roster: $0) }
        var missing = false
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("thidua: cannot read \(path)\n".utf8))
                missing = true
                continue
            }
            let bytes = [UInt8](data)
            let outcome = checker.check(bytes, kind: FileKind.detect(bytes))
            let unit = outcome.result.document?.issuer.flatMap { matcher?.match(issuer: $0) }
            if let thumbnails, let thumbnail = outcome.thumbnail {
                let name = (URL(fileURLWithPath: path).lastPathComponent as NSString).deletingPathExtension + ".jpg"
                let target = (thumbnails as NSString).appendingPathComponent(name)
                guard FileManager.default.createFile(atPath: target, contents: Data(thumbnail)) else {
                    FileHandle.standardError.write(Data("thidua: cannot write \(target)\n".utf8))
                    throw ExitCode(73)  // EX_CANTCREAT
                }
            }
            if json {
                print(
                    String(decoding: try InspectReport.encoder.encode(Line(file: path, check: outcome.result, unit: unit)), as: UTF8.self))
            } else {
                print("\(path): \(Self.summary(outcome.result))" + (unit.map { " → \($0.code)" } ?? ""))
            }
        }
        if missing { throw ExitCode(66) }  // EX_NOINPUT
    }

    /// The roster whose names spell the issuers the scans name, and which they are matched
    /// against: `--roster`, else the office's (`OfficeRecords.peek`); without either, only the lexicon of
    /// administrative words puts back the marks OCR drops, and no unit is named.
    private func loadRoster() throws -> Roster? {
        guard let roster else {
            guard let config = try? AppConfig.load() else { return nil }
            return try? OfficeRecords.peek(config: config).roster
        }
        guard let data = FileManager.default.contents(atPath: roster) else {
            throw ValidationError("cannot read the roster \(roster)")
        }
        do {
            return try Roster.parseCSV(String(decoding: data, as: UTF8.self))
        } catch {
            throw ValidationError("\(roster): \(error)")
        }
    }

    private struct Line: Encodable {
        var file: String
        var check: DocumentCheckResult
        /// The unit the scan's issuer names, when a roster is known.
        var unit: UnitMatch?
    }

    /// One line for people: the verdict, where the seal is, the flags and why.
    static func summary(_ check: DocumentCheckResult) -> String {
        var parts = [check.verdict.rawValue]
        if let seal = check.seal { parts.append("page \(seal.page), score \(seal.score)") }
        parts.append("\(check.pages) page\(check.pages == 1 ? "" : "s")")
        if let dpi = check.dpi { parts.append("\(dpi) dpi") }
        if !check.flags.isEmpty { parts.append(check.flags.map(\.rawValue).joined(separator: " ")) }
        if let reason = check.reason { parts.append(reason) }
        if let document = check.document {
            let read = [document.issuer, document.number, document.date, document.type, document.title, document.signer]
            parts.append("reads: " + read.map { $0 ?? "?" }.joined(separator: " | "))
        }
        return parts.joined(separator: ", ")
    }
}
