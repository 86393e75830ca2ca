import ArgumentParser
import Foundation
import MailTransport
import Office

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the config, roster, campaigns and templates; with --connect, log in to IMAP and SMTP.")

    @Flag(help: "Also log in to the IMAP and SMTP servers.")
    var connect = false

    func run() async throws {
        try await reportingErrors {
            let config = try AppConfig.load()
            let office = try OfficeRecords.peek(config: config)
            // The store's texts are checked when saved; the folder's are checked here.
            _ = try MailTextSources.load(directory: config.templatesDirectory, stored: [:])
            print("config:    \(config.path) ok")
            print("roster:    \(office.roster.units.count) units\(config.rosterPath.map { " (seeded from \($0))" } ?? "")")
            for campaign in office.campaigns {
                print(
                    "campaign:  \(campaign.id) — hạn \(config.office.formatDateTime(campaign.deadline)), nhắc \(campaign.reminders.map(\.description).joined(separator: " "))"
                )
            }
            if config.documentCheck == nil {
                print("check:     off (document_check.enabled: false)")
            } else if !config.readsText {
                print("check:     on; scans are not read (document_check.read_text: false)")
            } else {
                switch TextReading.status {
                case .success(let version): print("check:     on; scans are read with Tesseract \(version) (Vietnamese)")
                case .failure(let problem): print("check:     on; scans are NOT read — \(problem)")
                }
            }
            // A check creates nothing: the daemon makes the store at its first start.
            let store = try? AppContext.openStore(config, .existing)
            print("data dir:  \(config.dataDirectory.path)\(store == nil ? " — no store yet: `thidua run` creates it" : "")")
            if config.dashboard.enabled, let store {
                let users = try store.dashboardUsers()
                print(
                    users.isEmpty
                        ? "dashboard: http://\(config.dashboard.listen)/ — no login yet: set one with `thidua passwd --user NAME`"
                        : "dashboard: http://\(config.dashboard.listen)/ — logins: \(users.joined(separator: ", "))")
            }
            guard connect else { return }
            var failures = 0
            let clients: MailClients
            do {
                clients = try MailClients(config: config)
            } catch {
                print("oauth2:    FAILED — \(error)")
                throw ExitCode(1)
            }
            switch Result(catching: { try clients.imap() }) {
            case .success(let imap):
                do {
                    let folders = try await imap.listMailboxes()
                    print(
                        "imap:      logged in to \(config.imap.server.serverURL) as \(config.imap.user); folders: \(folders.joined(separator: ", "))"
                    )
                    for folder in config.imap.folders {
                        let status = try await imap.status(mailbox: folder)
                        print("imap:      \(folder): \(status.messages) messages, UIDVALIDITY \(status.uidValidity)")
                    }
                } catch {
                    failures += 1
                    print("imap:      FAILED — \(error)")
                }
            case .failure(let error):
                failures += 1
                print("imap:      FAILED — \(error)")
            }
            switch Result(catching: { try clients.smtp() }) {
            case .success(let smtp):
                do {
                    try await smtp.verifyLogin()
                    print("smtp:      logged in to \(config.smtp.server.serverURL) as \(config.smtp.user)")
                } catch {
                    failures += 1
                    print("smtp:      FAILED — \(error)")
                }
            case .failure(let error):
                failures += 1
                print("smtp:      FAILED — \(error)")
            }
            if let expiry = await clients.tokens?.expiry {
                print("oauth2:    access token valid until \(config.office.formatDateTime(expiry))")
            }
            if failures > 0 { throw ExitCode(1) }
        }
    }
}
