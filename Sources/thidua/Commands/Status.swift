import ArgumentParser
import Foundation
import Office
import Store

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show who has sent and who has not, for one campaign.")

    @Option(help: "Campaign id (default: the next deadline, else the latest).")
    var campaign: String?

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Print the unit table as CSV (UTF-8 with BOM, for Excel).")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
    }

    func run() async throws {
        try await reportingErrors {
            let context = try AppContext.load()
            let campaign = try context.campaign(self.campaign, now: Date())
            let report = try context.store.statusReport(campaign: campaign, roster: context.roster)
            if json {
                let encoder = JSONEncoder()
                encoder.dateEncodingStrategy = .iso8601
                encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else if csv {
                let table = UnitTable(
                    roster: context.roster.asked(by: campaign), ledger: try context.store.ledger(campaign: campaign.id), query: .init())
                FileHandle.standardOutput.write(Data(UnitTableCSV.render(table, office: context.config.office).utf8))
            } else {
                let office = context.config.office
                let s = report.summary
                print("\(report.campaign.title) — hạn \(office.formatDateTime(report.campaign.deadline))")
                print(
                    "Đã nộp \(s.received), nộp muộn \(s.late), chưa nộp \(s.pending), cần xem lại \(s.awaitingReview), không đạt \(s.rejected), được miễn \(s.excused) / \(s.total)"
                        + (s.senderUnconfirmed > 0 ? " (\(s.senderUnconfirmed) đã nộp từ địa chỉ chưa xác nhận)" : "")
                )
                for unit in report.units {
                    let when = unit.receivedAt.map(office.formatDateTime) ?? ""
                    let unconfirmed = unit.senderConfirmed ? "" : " (người gửi chưa xác nhận)"
                    print(
                        "\(unit.code.padding(toLength: 8, withPad: " ", startingAt: 0)) \(unit.status.label.padding(toLength: 12, withPad: " ", startingAt: 0)) \(when.padding(toLength: 17, withPad: " ", startingAt: 0)) \(unit.name)\(unconfirmed)"
                    )
                }
                if !report.review.isEmpty {
                    print("Thư cần cán bộ xem lại (gán: thidua assign MÃ-THƯ MÃ-ĐƠN-VỊ):")
                    for item in report.review {
                        print(
                            "  #\(item.id) \(office.formatDateTime(item.receivedAt)) \(item.from ?? "?") — \(item.subject) — \(item.reason)"
                        )
                    }
                }
                let r = report.reminders
                print("Thư nhắc: đã gửi \(r.sent), lỗi \(r.failed), chưa rõ kết quả \(r.uncertain)")
                for failure in r.failures { print("  \(failure.unit) (\(failure.stage)): \(failure.error)") }
                // Which ones are uncertain, so the officer can look in the Sent folder: thidua will not resend them.
                for record in try context.store.outbox(.reminder, campaign: campaign.id) where record.state == .sending {
                    print(
                        "  \(record.mail.unit ?? "") (\(record.mail.stage ?? "")): chưa rõ đã gửi được hay chưa (thidua dừng giữa lúc gửi tới \(record.mail.recipients.joined(separator: ";"))); sẽ không gửi lại, xin xem thư mục Thư đã gửi"
                    )
                }
                if let error = report.intake.lastError { print("Lỗi kết nối hộp thư gần nhất: \(error)") }
            }
        }
    }
}
