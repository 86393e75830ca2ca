import ArgumentParser
import Foundation
import Intake

struct Mark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark", abstract: "Set a unit's status by hand: excused, or rejected with a reason.")

    @Argument(help: "The unit code.")
    var unitCode: String

    @Option(help: "Campaign id.")
    var campaign: String

    @Flag(help: "The unit is excused from this campaign.")
    var excused = false

    @Option(help: "Reject the unit's submission, with this reason (in Vietnamese, for the school).")
    var reject: String?

    func validate() throws {
        guard excused != (reject != nil) else { throw ValidationError("give exactly one of --excused and --reject REASON") }
    }

    func run() async throws {
        try await reportingErrors {
            let context = try AppContext.load()
            guard let unit = context.roster.unit(code: unitCode) else {
                throw ValidationError("no unit has the code \(unitCode) on the roster (see the dashboard's units)")
            }
            let chosen = try context.campaign(campaign, now: Date())
            let status: ReceiptStatus = excused ? .excused : .rejected
            try context.store.mark(unit: unit.code, campaign: chosen.id, status: status, note: reject, actor: CLIActor.name, at: Date())
            print("\(unit.code) \(unit.name) (\(chosen.id)): \(status.label)")
        }
    }
}
