import ArgumentParser
import Foundation
import Intake
import Office
import Store

/// `thidua campaign`: the operator's view of what the officer does on the dashboard's
/// campaign pages, through the same use case (`CampaignDesk`) and the same audit trail.
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "List, show, add, edit, close or reopen the office's campaigns (đợt thu).",
        subcommands: [List.self, Show.self, Add.self, Edit.self, Close.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "One line per campaign: id, deadline, state, title.")

        func run() async throws {
            try await reportingErrors {
                let context = try AppContext.load()
                let office = context.config.office
                for stored in try context.store.campaigns() {
                    let campaign = stored.campaign
                    print(
                        "\(campaign.id)\t\(office.formatDateTime(campaign.deadline))\t\(campaign.closed ? "closed" : "open")\t"
                            + "\(stored.origin)\t\(campaign.title)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A campaign's settings and who changed them.")

        @Argument(help: "The campaign's id.")
        var id: String

        func run() async throws {
            try await reportingErrors {
                let context = try AppContext.load()
                let campaign = try context.store.campaign(id: id) ?? context.campaign(id, now: Date())
                let draft = CampaignDraft(campaign, zone: context.config.office.timeZone)
                print("id:          \(draft.id)")
                print("title:       \(draft.title)")
                print("opens:       \(draft.opens)")
                print("deadline:    \(draft.deadline)")
                print("state:       \(campaign.closed ? "closed" : "open")")
                print("units:       \(Self.audience(campaign.audience))")
                print("keywords:    \(draft.keywords.joined(separator: ", "))")
                print("reminders:   \((draft.reminders ?? []).joined(separator: " "))")
                print("accept:      \((draft.accept ?? []).joined(separator: ", "))")
                print("require_seal: \(draft.requireSeal)")
                if let type = draft.expectType { print("expect_type: \(type)") }
                if let year = draft.expectYear { print("expect_year: \(year)") }
                if !draft.expectTitle.isEmpty { print("expect_title: \(draft.expectTitle.joined(separator: ", "))") }
                for event in try context.store.auditTrail(kinds: ["campaign."], campaign: id) {
                    print(
                        "history:     \(context.config.office.formatDateTime(event.at)) \(event.kind) by \(event.actor)"
                            + (event.detail.map { ": \($0)" } ?? ""))
                }
            }
        }

        static func audience(_ audience: CampaignAudience) -> String {
            switch audience {
            case .all: "all"
            case .levels(let levels): "levels " + levels.sorted().joined(separator: ",")
            case .units(let codes): "units " + codes.sorted().joined(separator: ",")
            }
        }
    }

    /// The fields `add` and `edit` take; on `edit`, each one given replaces the stored one.
    struct Fields: ParsableArguments {
        @Option(help: "The title, as schools will read it.")
        var title: String?
        @Option(help: "The opening day, e.g. 2026-09-01.")
        var opens: String?
        @Option(help: "The deadline: a day (its last minute) or a day and time, e.g. '2026-09-20 17:00'.")
        var deadline: String?
        @Option(name: .customLong("keyword"), help: "A word that marks a submission for it (repeat for more).")
        var keywords: [String] = []
        @Option(help: "Reminder stages, e.g. '-7d,-1d,0d,+1d'; '' for none.")
        var reminders: String?
        @Option(help: "Only units of these levels, e.g. 'TH,THCS'.")
        var levels: String?
        @Option(help: "Only these units, e.g. 'TH01,TH02'.")
        var units: String?
        @Flag(help: "Ask every unit (undoes --levels or --units).")
        var allUnits = false
        @Option(help: "Accepted kinds of file, e.g. 'scan-pdf,image'.")
        var accept: String?
        @Option(help: "Whether the red seal is required: true or false.")
        var requireSeal: Bool?
        @Option(help: "The document type expected, as printed (e.g. 'KẾ HOẠCH'); '' for none.")
        var expectType: String?
        @Option(help: "The year the documents must bear; '' for any.")
        var expectYear: String?
        @Option(help: "Words the documents' title must hold, e.g. 'thi đua'; '' for none.")
        var expectTitle: String?

        func apply(to draft: inout CampaignDraft) {
            func list(_ text: String) -> [String] {
                text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            if let title { draft.title = title }
            if let opens { draft.opens = opens }
            if let deadline { draft.deadline = deadline }
            if !keywords.isEmpty { draft.keywords = keywords }
            if let reminders { draft.reminders = list(reminders) }
            if let levels { draft.audience = .levels(Set(list(levels).map { $0.uppercased() })) }
            if let units { draft.audience = .units(Set(list(units).map { $0.uppercased() })) }
            if allUnits { draft.audience = .all }
            if let accept { draft.accept = list(accept) }
            if let requireSeal { draft.requireSeal = requireSeal }
            if let expectType { draft.expectType = expectType.isEmpty ? nil : expectType }
            if let expectYear { draft.expectYear = expectYear.isEmpty ? nil : expectYear }
            if let expectTitle { draft.expectTitle = list(expectTitle) }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Make a new campaign; the running daemon takes it within seconds.")

        @Option(help: "Its id: letters without marks, digits, '-', '_' or '.' (default: made from the title).")
        var id: String?
        @OptionGroup var fields: Fields

        func run() async throws {
            try await reportingErrors {
                let context = try AppContext.load()
                guard let title = fields.title, fields.opens != nil, fields.deadline != nil else {
                    throw ValidationError("a new campaign needs --title, --opens and --deadline")
                }
                var draft = CampaignDraft(id: id ?? CampaignDraft.suggestedID(title: title), title: title, opens: "", deadline: "")
                fields.apply(to: &draft)
                let campaign = try perform { () throws(CampaignDesk.Failure) in
                    try CampaignDesk(setup: context.setup, store: context.store).create(
                        draft, origin: "cli", actor: CLIActor.name, at: Date())
                }
                print(
                    "campaign \(campaign.id) added: \(campaign.title), deadline \(context.config.office.formatDateTime(campaign.deadline))")
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a campaign; a new deadline re-plans the reminders not sent yet (a stage sent is never sent again).")

        @Argument(help: "The campaign's id.")
        var id: String
        @OptionGroup var fields: Fields

        func run() async throws {
            try await reportingErrors {
                let context = try AppContext.load()
                let campaign = try context.store.campaign(id: id) ?? context.campaign(id, now: Date())
                var draft = CampaignDraft(campaign, zone: context.config.office.timeZone)
                fields.apply(to: &draft)
                let saved = try perform { () throws(CampaignDesk.Failure) in
                    try CampaignDesk(setup: context.setup, store: context.store).edit(draft, actor: CLIActor.name, at: Date())
                }
                print("campaign \(saved.id) saved: deadline \(context.config.office.formatDateTime(saved.deadline))")
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close a campaign (no more reminders; what it received stays), or reopen it with --reopen.")

        @Argument(help: "The campaign's id.")
        var id: String
        @Flag(help: "Reopen it instead.")
        var reopen = false

        func run() async throws {
            try await reportingErrors {
                let context = try AppContext.load()
                try perform { () throws(CampaignDesk.Failure) in
                    try CampaignDesk(setup: context.setup, store: context.store).setClosed(
                        !reopen, id: id, actor: CLIActor.name, at: Date())
                }
                print("campaign \(id) \(reopen ? "reopened" : "closed")")
            }
        }
    }
}

/// A refusal of `CampaignDesk` as the CLI says it: in English, one line per problem, naming
/// the option.
private func perform<T>(_ body: () throws(CampaignDesk.Failure) -> T) throws -> T {
    do {
        return try body()
    } catch {
        switch error {
        case .invalid(let problems):
            throw ValidationError(
                problems.map { "--\($0.field.replacingOccurrences(of: "_", with: "-")): \($0.message)" }.joined(separator: "\n"))
        case .taken(let id): throw ValidationError("a campaign with the id '\(id)' already exists; choose another --id")
        case .unknown(let id): throw ValidationError("no campaign has the id '\(id)' (see thidua campaign list)")
        }
    }
}

/// Who ran a command, for the audit trail: the operator's login on this machine.
enum CLIActor {
    static var name: String {
        let user = ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        return "cli:\(user)"
    }
}
