import Foundation
import Intake
import Logging
import MIME
import Store

/// "Tải tất cả": every file a campaign accepted, as one ZIP for the Sở or for printing.
/// The unit table (with the document check's verdicts) comes first; then one folder per
/// unit, `MÃ - Tên đơn vị`, holding its accepted files under their original names.
///
/// Streamed: files are read one message at a time and handed to the writer, so memory
/// holds one message's files, never the archive (60 units × 20 MB is 1.2 GB).
public enum CampaignArchive {
    /// The download's name: ASCII, so every browser keeps it.
    public static func filename(_ campaign: Campaign) -> String { "\(SafeFilename.make(campaign.id))-tat-ca.zip" }

    public static func write(
        campaign: Campaign, setup: OfficeSetup, store: DataStore, into zip: inout ZipStreamWriter, now: Date, logger: Logger
    ) async throws {
        let roster = setup.roster.asked(by: campaign)
        let ledger = try store.ledger(campaign: campaign.id)
        let table = UnitTable(roster: roster, ledger: ledger, query: .init())
        try await zip.addData(
            name: ZipEntryNames.component("\(campaign.id) - Danh sách đơn vị.xlsx", fallback: "Danh sách đơn vị.xlsx"),
            bytes: [UInt8](try UnitTableXLSX.render(table, office: setup.profile)), modified: now)

        let files = Dictionary(grouping: try store.acceptedFiles(campaign: campaign.id), by: \.unit)
        // Units no longer on the roster keep their folder: what they sent is not lost.
        let former = Dictionary(
            try store.storedUnits().filter { $0.removedAt != nil }.map { ($0.unit.code, $0.unit) }, uniquingKeysWith: { a, _ in a })
        let order = roster.units.map(\.code).filter { files[$0] != nil } + files.keys.filter { roster.unit(code: $0) == nil }.sorted()
        var names = ZipEntryNames()
        var missing: [String] = []
        for code in order {
            let unit = setup.roster.unit(code: code) ?? former[code]
            let label = unit.map { "\(code) - \($0.name)" } ?? code
            let folder = ZipEntryNames.component(label, fallback: ZipEntryNames.component(code, fallback: "don-vi"))
            let modified = ledger[code]?.receivedAt ?? now
            try await zip.addDirectory(name: folder + "/", modified: modified)
            var message: (row: Int64, parsed: MailMessage)?
            for file in files[code] ?? [] {
                let attachment = file.attachment
                let name = folder + "/" + names.unique(ZipEntryNames.component(attachment.filename, fallback: "tep"), in: folder)
                if let path = attachment.storedPath {
                    do {
                        try await zip.addFile(name: name, at: store.files.url(path), modified: modified)
                        continue
                    } catch let error as ZipStreamError where error == .unusable {
                        throw error
                    } catch {
                        // The writer refused before any byte of it: note it and go on.
                    }
                } else if let raw = attachment.rawPath {
                    if message?.row != attachment.messageRow, let bytes = try? store.files.read(raw) {
                        message = (attachment.messageRow, MailMessage.parse(bytes))
                    }
                    if message?.row == attachment.messageRow,
                        let data = message?.parsed.attachments.first(where: { $0.sha256 == attachment.sha256 })?.data
                    {
                        try await zip.addData(name: name, bytes: data, modified: modified)
                        continue
                    }
                }
                logger.warning(
                    "archive: a file could not be read", metadata: ["campaign": "\(campaign.id)", "unit": "\(code)", "file": "\(name)"])
                missing.append(name)
            }
        }
        if !missing.isEmpty {
            // Said inside the archive, where the officer will look for the files.
            let text =
                "Các tệp sau không đọc được từ kho của thidua (xem nhật ký của thidua, hoặc khôi phục thư mục dữ liệu từ bản sao lưu):\r\n"
                + missing.map { "- \($0)\r\n" }.joined()
            try await zip.addData(name: "TỆP THIẾU.txt", bytes: Array(text.utf8), modified: now)
        }
    }
}
