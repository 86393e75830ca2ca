import Foundation
import Testing

@testable import MIME

/// The project's corpus (Tests/MIMETests/Corpus): every message parsed, every expected
/// file found with the sender's name, its content hash and its kind.
struct CorpusTests {
    struct Expected: Decodable {
        struct File: Decodable {
            var filename: String
            var sha256: String
            var kind: String
            var inline: Bool?
            var members: [ArchiveMember]?
            var optional: Bool?
        }
        var subject: String
        var from: String?
        var attachments: [File]
        var links: [String]?
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static func expectations(_ folder: String) throws -> [(file: URL, expected: Expected)] {
        let directory = root.appendingPathComponent(folder)
        let table = try JSONDecoder().decode(
            [String: Expected].self, from: Data(contentsOf: directory.appendingPathComponent("expected.json")))
        return table.keys.sorted().map { (directory.appendingPathComponent($0), table[$0]!) }
    }

    static var cases: [String] {
        ["generated", "handwritten"].flatMap { folder in
            ((try? expectations(folder)) ?? []).map { "\(folder)/\($0.file.lastPathComponent)" }
        }
    }

    @Test func theCorpusIsLargeEnough() throws {
        #expect(try Self.expectations("generated").count + Self.expectations("handwritten").count >= 150)
    }

    @Test(arguments: CorpusTests.cases)
    func messageMatchesItsExpectation(_ path: String) throws {
        let parts = path.split(separator: "/")
        let expected = try #require(Self.expectations(String(parts[0])).first { $0.file.lastPathComponent == parts[1] }).expected
        let message = MailMessage.parse(Array(try Data(contentsOf: Self.root.appendingPathComponent(path))))
        #expect(message.subject == expected.subject)
        if let from = expected.from { #expect(message.from?.address == from) }
        if let links = expected.links { #expect(message.links == links) }

        var found = message.attachments[...]
        for file in expected.attachments {
            guard let index = found.firstIndex(where: { $0.sha256 == file.sha256 && $0.filename == file.filename }) else {
                #expect(
                    file.optional == true,
                    "missing \(file.filename) (\(file.sha256.prefix(12))); found \(message.attachments.map(\.filename))")
                continue
            }
            let attachment = found[index]
            #expect(attachment.kind.rawValue == file.kind, "\(file.filename)")
            if let inline = file.inline { #expect(attachment.isInline == inline, "\(file.filename)") }
            if let members = file.members { #expect(attachment.members == members, "\(file.filename)") }
            found = found[(index + 1)...]  // in document order
        }
        let required = expected.attachments.filter { $0.optional != true }.count
        #expect(message.attachments.count >= required)
        #expect(
            message.attachments.count <= expected.attachments.count,
            "unexpected extra files: \(message.attachments.map(\.filename))")
    }
}

/// Issue 19: every leaf part of every corpus message is accounted for — a file, a file
/// inside it (winmail.dat, uuencoded text), or an ignored part with its reason.
struct EveryLeafIsAccountedForTests {
    static func leaves(_ entity: MIMEEntity) -> [MIMEEntity] {
        entity.children.isEmpty ? [entity] : entity.children.flatMap(leaves)
    }

    @Test func everyLeafOfTheCorpusIsAFileOrIgnoredWithAReason() throws {
        let root = CorpusTests.root
        var checked = 0
        for folder in ["generated", "handwritten"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            where name.hasSuffix(".eml") {
                let bytes = Array(try Data(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(name)))
                let message = MailMessage.parse(bytes)
                let accounted = Set(message.attachments.map(\.sha256) + message.ignored.map(\.sha256))
                for leaf in Self.leaves(MIMEParser().parse(bytes)) {
                    let decoded = leaf.isMultipart ? Array(leaf.body) : leaf.decodedBody()
                    // A wrapper whose files are listed in its stead: winmail.dat; and a body
                    // whose uuencoded files are (the body itself is ignored as `body`).
                    if TNEF.isTNEF(decoded) { continue }
                    #expect(
                        accounted.contains(SHA256Hasher.hex(of: decoded)),
                        "\(folder)/\(name): a \(leaf.mimeType) leaf of \(decoded.count) bytes is neither a file nor ignored")
                    checked += 1
                }
            }
        }
        #expect(checked > 500)
    }

    @Test func theIgnoredPartsSayWhy() throws {
        let root = CorpusTests.root.appendingPathComponent("handwritten")
        func reasons(_ name: String) throws -> [String] {
            MailMessage.parse(Array(try Data(contentsOf: root.appendingPathComponent(name)))).ignored.map(\.reason.rawValue)
        }
        #expect(try reasons("delivery-status-report.eml") == ["body", "report", "report"])
        #expect(try reasons("read-report-mdn.eml") == ["body", "report"])
        let winmail = MailMessage.parse(Array(try Data(contentsOf: root.appendingPathComponent("winmail-dat-unreadable-member.eml"))))
        #expect(winmail.defects.contains { $0.contains("only 1 file(s) inside could be read (KH_TH_VanPhuc.pdf)") }, "\(winmail.defects)")
        let deep = MailMessage.parse(Array(try Data(contentsOf: root.appendingPathComponent("deep-nesting-120.eml"))))
        #expect(deep.ignored.contains { $0.reason == .tooDeep }, "\(deep.ignored.map(\.reason))")
    }
}
