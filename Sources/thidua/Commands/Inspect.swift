import ArgumentParser
import Foundation
import Intake
import MIME

struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse raw messages (.eml) and show sender, files, and the unit and campaign thidua would record.")

    @Argument(help: "Raw message files.")
    var files: [String]

    @Flag(help: "Print JSON (one object per line for several files).")
    var json = false

    func run() async throws {
        // Without a usable config, parsing still works; only attribution is skipped.
        var rules: IntakeRules?
        do {
            let config = try AppConfig.load()
            let roster = try AppContext.loadRoster(config)
            rules = IntakeRules(office: config.office, roster: roster, campaigns: config.campaigns)
        } catch {
            FileHandle.standardError.write(Data("thidua: no unit or campaign guess (\(error))\n".utf8))
        }
        var failed = false
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("thidua: cannot read \(path)\n".utf8))
                failed = true
                continue
            }
            let message = MailMessage.parse(Array(data))
            // A file has no INTERNALDATE: the sender's Date stands in for the arrival time.
            let decision = rules?.decide(message, receivedAt: message.date ?? Date())
            let report = InspectReport(file: path, message: message, decision: decision)
            if json {
                let encoded = try InspectReport.encoder.encode(report)
                print(String(decoding: encoded, as: UTF8.self))
            } else {
                printText(report)
            }
        }
        if failed { throw ExitCode(66) }
    }

    private func printText(_ report: InspectReport) {
        print("\(report.file ?? "-")")
        print("  from:    \(report.from_name.map { "\($0) " } ?? "")<\(report.from ?? "?")>")
        print("  subject: \(report.subject)")
        for file in report.attachments {
            print("  file:    \(file.filename) [\(file.kind), \(file.size) bytes]")
        }
        for link in report.links { print("  link:    \(link)") }
        print("  unit:    \(report.unit.map { "\($0.code) (\($0.reason))" } ?? "không xác định")")
        print("  campaign: \(report.campaign?.id ?? "-")  status: \(report.assessment?.status ?? "-")")
    }
}
