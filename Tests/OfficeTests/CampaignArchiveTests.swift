import Foundation
import Intake
import MIME
import Store
import Testing
import ZIPFoundation

@testable import Office

/// "Tải tất cả" over mail recorded as the intake records it: the archive the officer
/// unzips on Windows holds the unit table, then one folder per unit that sent, each file
/// with the bytes the school sent, and says inside itself which files it could not read.
struct CampaignArchiveTests {
    let arrival = TestOffice.date("2021-02-18T09:15:00+07:00")
    let now = TestOffice.date("2021-02-22T08:30:00+07:00")

    /// Two scans of one school under the same name (a phone names every photo alike), and
    /// one scan of a school that later leaves the roster.
    let planPage1 = [0xFF, 0xD8, 0xFF, 0xE0] + ZipNoise.bytes(3000, seed: 11)
    let planPage2 = [0xFF, 0xD8, 0xFF, 0xE0] + ZipNoise.bytes(2000, seed: 12)
    let nguyenTraiScan = [0xFF, 0xD8, 0xFF, 0xE0] + ZipNoise.bytes(1500, seed: 13)

    static func mail(from: String, id: String, files: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var raw = """
            From: \(from)\r
            To: thidua@pgd.example\r
            Subject: =?UTF-8?B?\(Data("Kế hoạch thi đua 2021".utf8).base64EncodedString())?=\r
            Message-ID: <\(id)>\r
            Date: Thu, 18 Feb 2021 09:12:00 +0700\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Kính gửi Phòng GDĐT, trường gửi kế hoạch thi đua.\r

            """
        for file in files {
            // RFC 2231, as Thunderbird writes a Vietnamese name.
            let ascii = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_")
            let encoded = file.name.addingPercentEncoding(withAllowedCharacters: ascii) ?? "scan.jpg"
            raw += """
                --b\r
                Content-Type: image/jpeg\r
                Content-Disposition: attachment; filename*=UTF-8''\(encoded)\r
                Content-Transfer-Encoding: base64\r
                \r
                \(Data(file.bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed]).replacingOccurrences(of: "\n", with: "\r\n"))\r

                """
        }
        return Array((raw + "--b--\r\n").utf8)
    }

    /// A store whose ledger and raw mail the poller wrote: TH01 and TH03 sent, TH02 did
    /// not; then TH03 left the roster. Returns the office as it stands after.
    func withRecordedCampaign(_ body: (DataStore, OfficeSetup) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-archive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try DataStore(inMemoryWithFilesIn: directory)
        try store.applyRoster(TestOffice.roster.units, source: "config/units.csv", actor: "config", at: arrival)
        let mailbox = ScriptedMailbox(messages: [
            (
                Self.mail(
                    from: "c1kimdong@bd.edu.vn", id: "kd@bd.edu.vn",
                    files: [("Kế hoạch thi đua.jpg", planPage1), ("Kế hoạch thi đua.jpg", planPage2)]), arrival
            ),
            (Self.mail(from: "c1nguyentrai@bd.edu.vn", id: "nt@bd.edu.vn", files: [("Bản scan.jpg", nguyenTraiScan)]), arrival),
        ])
        let rules = IntakeRules(office: TestOffice.profile, roster: TestOffice.roster, campaigns: [TestOffice.campaign])
        let ingester = MessageIngester(store: store, rules: rules, acknowledgements: nil, clock: FixedClock(arrival))
        let poller = MailboxPoller(imap: mailbox, folders: ["INBOX"], afterProcessing: .none, ingester: ingester, logger: TestOffice.logger)
        #expect(try await poller.poll().recorded == 2)
        #expect(try store.receiptStatuses(campaign: TestOffice.campaign.id) == ["TH01": .received, "TH03": .received])

        let remaining = TestOffice.roster.units.filter { $0.code != "TH03" }
        try store.applyRoster(remaining, source: "danh-sach.xlsx", actor: "officer:canbo", at: arrival.addingTimeInterval(86400))
        var setup = TestOffice.setup
        setup.roster = try #require(try store.roster())
        try await body(store, setup)
    }

    func archive(_ store: DataStore, _ setup: OfficeSetup) async throws -> [UInt8] {
        let sink = ArchiveChunks()
        var writer = ZipStreamWriter(sink: { await sink.take($0) }, timeZone: TestOffice.zone)
        try await CampaignArchive.write(
            campaign: TestOffice.campaign, setup: setup, store: store, into: &writer, now: now, logger: TestOffice.logger)
        try await writer.finish()
        return await sink.bytes
    }

    let kimDong = "TH01 - Trường Tiểu học Kim Đồng/"
    let nguyenTrai = "TH03 - Trường Tiểu học Nguyễn Trãi/"

    @Test func theArchiveHoldsTheTableThenEachUnitThatSentWithItsFiles() async throws {
        try await withRecordedCampaign { store, setup in
            let bytes = try await archive(store, setup)
            let (archive, folder) = try ArchiveReader.open(bytes)
            defer { try? FileManager.default.removeItem(at: folder) }
            let entries = Array(archive)
            #expect(
                entries.map(\.path) == [
                    "khtdkt-2021 - Danh sách đơn vị.xlsx", kimDong, kimDong + "Kế hoạch thi đua.jpg",
                    kimDong + "Kế hoạch thi đua (2).jpg", nguyenTrai, nguyenTrai + "Bản scan.jpg",
                ])
            #expect(entries.map(\.type) == [.file, .directory, .file, .file, .directory, .file])
            // The bytes the school sent, decoded from its mail; ZIPFoundation checks each CRC.
            let files = try Dictionary(
                uniqueKeysWithValues: entries.filter { $0.type == .file }.map { ($0.path, try ArchiveReader.extract($0, archive)) })
            #expect(files[kimDong + "Kế hoạch thi đua.jpg"] == planPage1)
            #expect(files[kimDong + "Kế hoạch thi đua (2).jpg"] == planPage2)
            #expect(files[nguyenTrai + "Bản scan.jpg"] == nguyenTraiScan)
            // TH02 sent nothing: no empty folder to open and wonder about.
            #expect(!entries.contains { $0.path.hasPrefix("TH02") })
            #expect(!entries.contains { $0.path == "TỆP THIẾU.txt" })

            // The table is a workbook Excel opens: the units asked, TH01 received.
            let table = try XLSXSheetReader.firstSheet(of: try #require(files["khtdkt-2021 - Danh sách đơn vị.xlsx"]))
            #expect(table.first?.cells.first == UnitTableExport.header.first)
            #expect(table.dropFirst().map { $0.cells.first } == ["TH01", "TH02"])

            // Every name is flagged UTF-8 (bit 11) in the central directory, as Windows'
            // Explorer needs to show "Trường" and not mojibake.
            let directory = try ArchiveReader.centralDirectory(bytes)
            #expect(directory.count == entries.count)
            for entry in directory {
                #expect(entry.flags & 0x0800 != 0, "\(String(decoding: entry.name, as: UTF8.self))")
                #expect(
                    String(validating: entry.name, as: UTF8.self)?.precomposedStringWithCanonicalMapping.utf8.elementsEqual(entry.name)
                        == true)
            }
        }
    }

    /// A name as a Mac keyboard or an old Excel left it, decomposed: the folder is still
    /// written in NFC, or Windows shows two folders that look the same.
    @Test func aDecomposedUnitNameGivesAnNFCFolder() async throws {
        try await withRecordedCampaign { store, setup in
            var setup = setup
            let units = setup.roster.units.map { unit in
                var unit = unit
                unit.name = unit.name.decomposedStringWithCanonicalMapping
                return unit
            }
            setup.roster = try Roster(units: units)
            let bytes = try await archive(store, setup)
            let names = try ArchiveReader.centralDirectory(bytes).map(\.name)
            #expect(names.contains(Array(kimDong.precomposedStringWithCanonicalMapping.utf8)))
            #expect(!names.contains(Array(kimDong.decomposedStringWithCanonicalMapping.utf8)))
        }
    }

    /// The raw mail of TH03 was lost (a restored backup without it): the archive is still
    /// whole, TH03's folder is there, and a note at the end says which file is missing.
    @Test func aFileWhoseRawMailIsGoneIsListedInsideTheArchive() async throws {
        try await withRecordedCampaign { store, setup in
            let message = try #require(try store.messages(unit: "TH03").first)
            let raw = try #require(message.attachments.first?.rawPath)
            try FileManager.default.removeItem(at: store.files.url(raw))

            let bytes = try await archive(store, setup)
            let (archive, folder) = try ArchiveReader.open(bytes)
            defer { try? FileManager.default.removeItem(at: folder) }
            let entries = Array(archive)
            #expect(entries.map(\.path).contains(nguyenTrai))
            #expect(!entries.map(\.path).contains(nguyenTrai + "Bản scan.jpg"))
            #expect(entries.last?.path == "TỆP THIẾU.txt")
            // Still a valid archive: every member reads back and checks.
            for entry in entries where entry.type == .file { _ = try ArchiveReader.extract(entry, archive) }
            let note = String(decoding: try ArchiveReader.extract(try #require(entries.last), archive), as: UTF8.self)
            #expect(note.contains("- " + nguyenTrai + "Bản scan.jpg\r\n"))
            #expect(!note.contains("Kim Đồng"), "TH01's files were read")
            #expect(try ArchiveReader.extract(try #require(archive[kimDong + "Kế hoạch thi đua (2).jpg"]), archive) == planPage2)
        }
    }

    /// Months later the raw mail is pruned and each scan lives in a file of its own: the
    /// archive reads those, under the names the schools gave them.
    @Test func filesWrittenOutBeforeTheRawMailWasPrunedAreArchived() async throws {
        try await withRecordedCampaign { store, setup in
            let later = TestOffice.campaign.deadline.addingTimeInterval(31 * 86400)
            let pruned = try store.pruneRawMail(RawMailRetention(days: 30, campaigns: [TestOffice.campaign]), at: later, actor: "daemon")
            #expect(pruned.items.count == 2)
            let attachments = try store.messages(unit: "TH01").flatMap(\.attachments)
            #expect(attachments.count == 2 && attachments.allSatisfy { $0.rawPath == nil && $0.storedPath != nil })

            let bytes = try await archive(store, setup)
            let (archive, folder) = try ArchiveReader.open(bytes)
            defer { try? FileManager.default.removeItem(at: folder) }
            #expect(try ArchiveReader.extract(try #require(archive[kimDong + "Kế hoạch thi đua.jpg"]), archive) == planPage1)
            #expect(try ArchiveReader.extract(try #require(archive[kimDong + "Kế hoạch thi đua (2).jpg"]), archive) == planPage2)
            #expect(try ArchiveReader.extract(try #require(archive[nguyenTrai + "Bản scan.jpg"]), archive) == nguyenTraiScan)
            #expect(archive["TỆP THIẾU.txt"] == nil)
        }
    }

    @Test func theDownloadNameIsASCII() {
        #expect(CampaignArchive.filename(TestOffice.campaign) == "khtdkt-2021-tat-ca.zip")
        #expect(CampaignArchive.filename(TestOffice.campaign).allSatisfy { $0.isASCII })
    }
}

/// Collects what the writer sends, as the HTTP response would.
actor ArchiveChunks {
    private var chunks: [[UInt8]] = []
    func take(_ chunk: [UInt8]) { chunks.append(chunk) }
    var bytes: [UInt8] { chunks.flatMap { $0 } }
}

/// Reads an archive back: with ZIPFoundation, as another program would, and by its
/// central directory, for the flags a reader does not show.
enum ArchiveReader {
    struct DirectoryEntry {
        var flags: UInt16
        var name: [UInt8]
    }

    /// The archive saved to a folder of its own (remove it after), opened with ZIPFoundation.
    static func open(_ bytes: [UInt8]) throws -> (Archive, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-archive-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("tat-ca.zip")
        try Data(bytes).write(to: file)
        return (try Archive(url: file, accessMode: .read), folder)
    }

    static func extract(_ entry: Entry, _ archive: Archive) throws -> [UInt8] {
        var bytes: [UInt8] = []
        _ = try archive.extract(entry) { bytes.append(contentsOf: $0) }
        return bytes
    }

    struct Malformed: Error {}

    /// The records of a classic (not ZIP64) central directory without an archive comment.
    static func centralDirectory(_ bytes: [UInt8]) throws -> [DirectoryEntry] {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = bytes.count - 22
        guard end >= 0, u32(end) == 0x0605_4B50 else { throw Malformed() }
        var position = u32(end + 16)
        var entries: [DirectoryEntry] = []
        for _ in 0..<u16(end + 10) {
            guard position + 46 <= bytes.count, u32(position) == 0x0201_4B50 else { throw Malformed() }
            let nameLength = u16(position + 28)
            entries.append(DirectoryEntry(flags: UInt16(u16(position + 8)), name: Array(bytes[position + 46..<position + 46 + nameLength])))
            position += 46 + nameLength + u16(position + 30) + u16(position + 32)
        }
        return entries
    }
}
