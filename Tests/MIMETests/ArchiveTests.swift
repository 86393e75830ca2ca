import Foundation
import Testing

@testable import MIME

/// winmail.dat (TNEF) unpacking and zip member listing.
struct ArchiveTests {
    /// A TNEF blob holding `files`, attribute by attribute as Outlook writes it.
    static func tnef(_ files: [(name: String, data: [UInt8])]) -> [UInt8] {
        func attribute(_ id: UInt32, _ value: [UInt8], level: UInt8 = 0x02) -> [UInt8] {
            let checksum = value.reduce(0) { ($0 + Int($1)) & 0xFFFF }
            return [level] + le32(Int(id)) + le32(value.count) + value + [UInt8(checksum & 0xFF), UInt8(checksum >> 8)]
        }
        var bytes: [UInt8] = le32(0x223E_9F78) + [0x01, 0x00]
        bytes += attribute(0x0008_9006, [0, 0, 1, 0], level: 0x01)  // attTnefVersion, message level
        for file in files {
            bytes += attribute(0x0006_9002, [UInt8](repeating: 0, count: 14))
            bytes += attribute(0x0001_8010, Array(file.name.utf8) + [0])
            bytes += attribute(0x0006_800F, file.data)
        }
        return bytes
    }

    /// A zip with stored (uncompressed) entries and a proper central directory.
    static func zip(_ entries: [(name: String, data: [UInt8])], utf8Flag: Bool = true) -> [UInt8] {
        var local: [UInt8] = []
        var central: [UInt8] = []
        let flags: [UInt8] = utf8Flag ? [0x00, 0x08] : [0, 0]
        for entry in entries {
            let name = Array(entry.name.utf8)
            let offset = local.count
            local += le32(0x0403_4B50) + [20, 0] + flags + [0, 0, 0, 0, 0, 0] + le32(0) + le32(entry.data.count) + le32(entry.data.count)
            local += le16(name.count) + le16(0) + name + entry.data
            central += le32(0x0201_4B50) + [20, 0, 20, 0] + flags + [0, 0, 0, 0, 0, 0] + le32(0)
            central += le32(entry.data.count) + le32(entry.data.count) + le16(name.count) + le16(0) + le16(0)
            central += le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let end =
            le32(0x0605_4B50) + [0, 0, 0, 0] + le16(entries.count) + le16(entries.count) + le32(central.count)
            + le32(local.count) + le16(0)
        return local + central + end
    }

    static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }

    static func message(attaching data: [UInt8], name: String, type: String) -> [UInt8] {
        Fixture.crlf(
            """
            Subject: Ke hoach
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            Kính gửi.
            --b
            Content-Type: \(type)
            Content-Disposition: attachment; filename="\(name)"
            Content-Transfer-Encoding: base64

            \(Fixture.base64(data))
            --b--
            """)
    }

    @Test func winmailDatIsReplacedByTheFilesInside() {
        let blob = Self.tnef([("KH TDKT 2021.pdf", Fixture.scanPDF), ("phu luc.jpg", Fixture.jpeg(size: 60_000))])
        let parsed = MailMessage.parse(Self.message(attaching: blob, name: "winmail.dat", type: "application/ms-tnef"))
        #expect(parsed.attachments.map(\.filename) == ["KH TDKT 2021.pdf", "phu luc.jpg"])
        #expect(parsed.attachments.map(\.kind) == [.scanPDF, .image])
        #expect(parsed.attachments.first?.sha256 == SHA256Hasher.hex(of: Fixture.scanPDF))
    }

    @Test func aTruncatedTNEFStillYieldsTheCompleteFilesAndNeverCrashes() {
        let blob = Self.tnef([("a.pdf", Fixture.scanPDF), ("b.pdf", Fixture.textPDF)])
        for cut in stride(from: 0, through: blob.count, by: 7) {
            let files = TNEF.files(in: Array(blob.prefix(cut))) ?? []
            #expect(files.count <= 2)
            #expect(files.allSatisfy { $0.data == Fixture.scanPDF || $0.data == Fixture.textPDF })
        }
    }

    @Test func aZipIsOneArchiveAttachmentWithItsMembersListed() {
        let archive = Self.zip([("Kế hoạch.pdf", Fixture.scanPDF), ("thư mục/ảnh.jpg", Fixture.jpeg(size: 100))])
        let parsed = MailMessage.parse(Self.message(attaching: archive, name: "ho so.zip", type: "application/zip"))
        #expect(parsed.attachments.count == 1)
        #expect(parsed.attachments.first?.kind == .archive)
        #expect(
            parsed.attachments.first?.members == [
                ArchiveMember(name: "Kế hoạch.pdf", size: Fixture.scanPDF.count),
                ArchiveMember(name: "thư mục/ảnh.jpg", size: 100),
            ])
    }

    @Test func aForgedCentralDirectoryIsBoundedAndNeverReadsPastTheData() {
        var archive = Self.zip([("a.pdf", Fixture.scanPDF)])
        // Claim 65,535 entries and an offset past the end.
        let end = archive.count - 22
        archive[end + 8] = 0xFF
        archive[end + 9] = 0xFF
        archive[end + 10] = 0xFF
        archive[end + 11] = 0xFF
        #expect((ZipListing.members(of: archive) ?? []).count <= 1)
        archive[end + 16] = 0xFF
        archive[end + 17] = 0xFF
        archive[end + 18] = 0xFF
        archive[end + 19] = 0x7F
        #expect(ZipListing.members(of: archive) == [])
    }

    @Test func aDocxIsOfficeAndListsItsParts() {
        let docx = Self.zip([("[Content_Types].xml", Array("<Types/>".utf8)), ("word/document.xml", Array("<w:document/>".utf8))])
        #expect(FileKind.detect(docx) == .office)
        let attachment = Attachment(filename: "kh.docx", contentType: "application/octet-stream", data: docx, isInline: false)
        #expect(attachment.members.map(\.name) == ["[Content_Types].xml", "word/document.xml"])
    }
}
