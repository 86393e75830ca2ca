import ArgumentParser
import DocumentCheck
import DocumentReading
import Foundation
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

    func run() async throws {
        let checker = DocumentChecker(reader: noRead ? nil : TextReading.reader(names: Self.rosterNames()))
        var missing = false
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("thidua: cannot read \(path)\n".utf8))
                missing = true
                continue
            }
            let bytes = [UInt8](data)
            let outcome = checker.check(bytes, kind: FileKind.detect(bytes))
            if let thumbnails, let thumbnail = outcome.thumbnail {
                let name = (URL(fileURLWithPath: path).lastPathComponent as NSString).deletingPathExtension + ".jpg"
                let target = (thumbnails as NSString).appendingPathComponent(name)
                guard FileManager.default.createFile(atPath: target, contents: Data(thumbnail)) else {
                    FileHandle.standardError.write(Data("thidua: cannot write \(target)\n".utf8))
                    throw ExitCode(73)  // EX_CANTCREAT
                }
            }
            if json {
                print(String(decoding: try InspectReport.encoder.encode(Line(file: path, check: outcome.result)), as: UTF8.self))
            } else {
                print("\(path): \(Self.summary(outcome.result))")
            }
        }
        if missing { throw ExitCode(66) }  // EX_NOINPUT
    }

    /// The roster's names spell the issuers the scans name; without a config, only the
    /// lexicon of administrative words puts back the marks OCR drops.
    private static func rosterNames() -> [String] {
        guard let config = try? AppConfig.load(), let roster = try? AppContext.loadRoster(config) else { return [] }
        return roster.units.map(\.name)
    }

    private struct Line: Encodable {
        var file: String
        var check: DocumentCheckResult
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
