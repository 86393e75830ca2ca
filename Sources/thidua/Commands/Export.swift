import ArgumentParser
import Foundation
import Office

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a campaign's unit table to a file, as Excel (XLSX) or CSV — the same table as the dashboard's export.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case xlsx, csv }

    @Option(help: "Campaign id (default: the next deadline, else the latest).")
    var campaign: String?

    @Option(help: "xlsx or csv.")
    var format: Format = .xlsx

    @Option(name: .shortAndLong, help: "The file to write.")
    var output: String

    @Flag(help: "Write the register of incoming documents (number, date, sender, abstract of each scan) instead, as XLSX.")
    var register = false

    func run() async throws {
        try await reportingErrors {
            let context = try AppContext.load()
            let campaign = try context.campaign(self.campaign, now: Date())
            if register {
                let entries = try context.store.register(campaign: campaign.id)
                try write(try RegisterExport.xlsx(entries, roster: context.roster, office: context.config.office))
                print("\(output): \(entries.count) documents received for \(campaign.title)")
                return
            }
            let table = UnitTable(
                roster: context.roster.asked(by: campaign), ledger: try context.store.ledger(campaign: campaign.id), query: .init())
            let data: Data
            switch format {
            case .xlsx: data = try UnitTableXLSX.render(table, office: context.config.office)
            case .csv: data = Data(UnitTableCSV.render(table, office: context.config.office).utf8)
            }
            try write(data)
            print("\(output): \(table.count) units of \(campaign.title)")
        }
    }

    private func write(_ data: Data) throws {
        do {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw ValidationError("cannot write \(output): \(error.localizedDescription)")
        }
    }
}
