import Foundation
import Store

/// `thidua run --dry-run`: what a run would read, folder by folder, without reading it. On a
/// first start against an old mailbox this is the number the operator wants before
/// committing to it: only mail from `mailbox.since` on is read.
enum FirstReadPreview {
    static func run(now: Date) async throws {
        let config = try AppConfig.load()
        let office = try OfficeRecords.peek(config: config)
        let store = try? DataStore(dataDirectory: config.dataDirectory, create: false)
        let since = config.firstReadSince(campaigns: office.campaigns, now: now)
        let imap = try MailClients(config: config).imap()
        for folder in config.imap.folders {
            let status = try await imap.status(mailbox: folder)
            if let last = try store?.lastUID(mailbox: folder, uidValidity: status.uidValidity) {
                let new =
                    status.uidNext > last + 1
                    ? try await imap.uids(
                        mailbox: folder, uidValidity: status.uidValidity, from: last + 1, below: status.uidNext
                    ).count : 0
                print("\(folder): \(status.messages) messages; \(new) new since the last run would be read")
                continue
            }
            let read =
                status.uidNext > 1
                ? try await imap.uids(mailbox: folder, uidValidity: status.uidValidity, from: 1, below: status.uidNext, since: since)
                    .count : 0
            print(
                "\(folder): \(status.messages) messages; the first run would read \(read) that arrived since \(since.text) "
                    + "(\(config.imap.since == nil ? "30 days before the earliest open campaign opens; set mailbox.since to change it" : "mailbox.since"))"
            )
        }
    }
}
