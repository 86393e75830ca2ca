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
