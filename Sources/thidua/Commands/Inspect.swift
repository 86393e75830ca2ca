import ArgumentParser
import DocumentCheck
import Foundation
import Intake
import MIME

struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Parse raw messages (.eml) and show sender, files, and the unit and campaign thidua would record.")

    @Argument(help: "Raw message files.")
    var files: [String]

    @Flag(help: "Print JSON (one object per line for several files).")
    var json = false

    @Flag(help: "Leave out the document check of each file (colour scan, red seal): parsing only, faster.")
    var noCheck = false

    @Flag(help: "Leave out the reading of each scan's header and signature block (OCR).")
    var noRead = false

    func run() async throws {
        // Without a usable config, parsing still works; only attribution is skipped.
        var rules: IntakeRules?
        var roster: Roster?
        do {
            let config = try AppConfig.load()
            let office = try OfficeRecords.peek(config: config)
            roster = office.roster
            rules = IntakeRules(office: config.office, roster: office.roster, campaigns: office.campaigns)
        } catch {
            FileHandle.standardError.write(Data("thidua: no unit or campaign guess (\(error))\n".utf8))
        }
        let checker =
            noCheck ? nil : DocumentChecker(reader: noRead ? nil : TextReading.reader(names: roster?.units.map(\.name) ?? []))
        let matcher = roster.map { UnitMatcher(roster: $0) }
        var unreadable = false
        var notMail = false
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("thidua: cannot read \(path)\n".utf8))
                unreadable = true
                continue
            }
            let message = MailMessage.parse(Array(data))
            guard message.hasMailHeaders else {
                notMail = true
                let error =
                    "\(path) is not an email message (it has no From, To, Subject, Date or other mail header); "
                    + "give the message itself, as the mail program saves it (.eml)"
                if json {
                    print(String(decoding: try InspectReport.encoder.encode(InspectError(file: path, error: error)), as: UTF8.self))
                }
                FileHandle.standardError.write(Data("thidua: \(error)\n".utf8))
                continue
            }
            // A file has no INTERNALDATE: the sender's Date stands in for the arrival time.
            let decision = rules?.decide(message, receivedAt: message.date ?? Date())
            let report = InspectReport(file: path, message: message, decision: decision, checker: checker, matcher: matcher)
            if json {
                let encoded = try InspectReport.encoder.encode(report)
                print(String(decoding: encoded, as: UTF8.self))
            } else {
                printText(report)
            }
        }
        if unreadable { throw ExitCode(66) }  // EX_NOINPUT
        if notMail { throw ExitCode(65) }  // EX_DATAERR
    }

    /// The JSON line for a file that is not a message.
    private struct InspectError: Encodable {
        var file: String
        var error: String
    }

    private func printText(_ report: InspectReport) {
        print("\(report.file ?? "-")")
        print("  from:    \(report.from_name.map { "\($0) " } ?? "")<\(report.from ?? "?")>")
        print("  subject: \(report.subject)")
        for file in report.attachments {
            print(
                "  file:    \(file.filename) [\(file.kind), \(file.size) bytes]\(file.check.map { " check: \(CheckScan.summary($0))" } ?? "")"
            )
        }
        for link in report.links { print("  link:    \(link)") }
        print("  unit:    \(report.unit.map { "\($0.code) (\($0.reason))" } ?? "không xác định")")
        print("  campaign: \(report.campaign?.id ?? "-")  status: \(report.assessment?.status ?? "-")")
    }
}
