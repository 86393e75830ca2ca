import Foundation
import Testing

/// The CLI as an operator meets it without a daemon or a mail stack: `inspect` on a file
/// that is no message, and the commands that only read, pointed at a directory with no store.
@Suite struct CommandLineTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func withWorkspace(_ body: (URL) throws -> Void) throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        try body(workspace)
    }

    @Test func inspectSaysAFileIsNoMessageAndExitsNonZero() throws {
        try withWorkspace { workspace in
            let pdf = workspace.appendingPathComponent("ke-hoach.pdf")
            try Data("%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n".utf8).write(to: pdf)
            let xlsx = workspace.appendingPathComponent("danh-sach.xlsx")
            try Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 60)).write(to: xlsx)
            let mail = Self.repository.appendingPathComponent("Tests/MIMETests/Corpus/generated/001-gmail-scan-pdf-base64.eml")
            let thidua = ThiduaProcess(environment: ["THIDUA_CONFIG": Self.repository.appendingPathComponent("config/thidua.yaml").path])

            let text = try thidua.run(["inspect", pdf.path])
            #expect(text.status == 65, "\(text.stderr)")
            #expect(text.stderr.contains("ke-hoach.pdf is not an email message"), "\(text.stderr)")
            #expect(!text.stdout.contains("from:"), "no report for a file that is no message: \(text.stdout)")

            let json = try thidua.run(["inspect", "--json", mail.path, xlsx.path])
            #expect(json.status == 65, "\(json.stderr)")
            let lines = json.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(lines.count == 2, "one line per file: \(json.stdout)")
            #expect(lines.first??["from"] as? String != nil, "the message is reported: \(json.stdout)")
            #expect(lines.last??["file"] as? String == xlsx.path)
            #expect((lines.last??["error"] as? String)?.contains("is not an email message") == true, "\(json.stdout)")

            let good = try thidua.run(["inspect", "--json", mail.path])
            #expect(good.status == 0, "\(good.stderr)")
        }
    }

    /// libcurl and libqpdf, each with GnuTLS and more behind it, are opened at their first
    /// use, not at exec: they cost every command ~10 ms before `main`. The dynamic loader
    /// (`LD_DEBUG=files`) names each library it opens.
    @Test func librariesOpenWhenFirstUsedNotAtEveryStart() throws {
        func opened(_ arguments: [String]) throws -> [Substring] {
            let output = try ThiduaProcess(environment: [
                "LD_DEBUG": "files", "THIDUA_CONFIG": Self.repository.appendingPathComponent("config/thidua.yaml").path,
            ]).run(arguments)
            #expect(output.status == 0, "\(arguments): \(output.stderr.suffix(500))")
            return output.stderr.split(separator: "\n").filter { $0.contains("file=") }
        }
        let help = try opened(["--help"])
        #expect(help.contains { $0.contains("file=libsqlite3.so") }, "the loader's log lists what is opened")
        #expect(!help.contains { $0.contains("libcurl.so") || $0.contains("libqpdf.so") }, "\(help.joined(separator: "\n"))")
        let mail = Self.repository.appendingPathComponent("Tests/MIMETests/Corpus/generated/001-gmail-scan-pdf-base64.eml")
        let inspect = try opened(["inspect", mail.path])
        #expect(inspect.contains { $0.contains("file=libqpdf.so") && $0.contains("dynamically loaded") }, "a PDF opens libqpdf")
    }

    @Test(arguments: [
        ["status"], ["status", "--json"], ["export", "--format", "csv", "-o", "x.csv"], ["remind"], ["backup", "x.sqlite"],
    ])
    func aReadingCommandOnADirectoryWithNoStoreCreatesNothingAndSaysWhere(_ arguments: [String]) throws {
        try withWorkspace { workspace in
            let data = workspace.appendingPathComponent("data")
            let output = try ThiduaProcess(environment: [
                "THIDUA_CONFIG": Self.repository.appendingPathComponent("config/thidua.yaml").path, "THIDUA_DATA_DIR": data.path,
            ]).run(arguments.map { $0.hasPrefix("x.") ? workspace.appendingPathComponent($0).path : $0 })
            #expect(output.status == 78, "\(arguments): \(output.stdout) \(output.stderr)")
            #expect(output.stderr.contains("no thidua data in \(data.path)"), "\(output.stderr)")
            #expect(output.stderr.contains("THIDUA_DATA_DIR"), "\(output.stderr)")
            #expect(!FileManager.default.fileExists(atPath: data.path), "\(arguments) created \(data.path)")
        }
    }

    @Test func aDryRunOfTheRemindersBeforeTheFirstRunPlansForEveryUnitAndCreatesNothing() throws {
        try withWorkspace { workspace in
            let data = workspace.appendingPathComponent("data")
            let output = try ThiduaProcess(environment: [
                "THIDUA_CONFIG": Self.repository.appendingPathComponent("config/thidua.yaml").path, "THIDUA_DATA_DIR": data.path,
            ]).run(["remind", "--now", "2021-02-18T09:00:00+07:00", "--dry-run"])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stderr.contains("no thidua data in \(data.path) yet: planning as if no unit had sent anything"))
            #expect(output.stdout.split(separator: "\n").filter { !$0.hasPrefix("digest") }.count == 60)
            #expect(!FileManager.default.fileExists(atPath: data.path))
        }
    }

    @Test func checkCreatesNoStoreAndSaysTheDaemonWill() throws {
        try withWorkspace { workspace in
            let data = workspace.appendingPathComponent("data")
            let output = try ThiduaProcess(environment: [
                "THIDUA_CONFIG": Self.repository.appendingPathComponent("config/thidua.yaml").path, "THIDUA_DATA_DIR": data.path,
            ]).run(["check"])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("no store yet"), "\(output.stdout)")
            #expect(!FileManager.default.fileExists(atPath: data.path))
        }
    }
}
