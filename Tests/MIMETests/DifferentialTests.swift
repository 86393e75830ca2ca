import Foundation
import Testing

@testable import MIME

/// thidua against Python's `email` package (policy.default) over the whole corpus. Where
/// they disagree, the disagreement must be one that Corpus/python-disagreements.json
/// explains: a file that is not listed must agree, and a listed file must still disagree
/// (otherwise the explanation is stale).
struct DifferentialTests {
    struct PythonView: Decodable {
        struct File: Decodable, Hashable {
            var filename: String?
            var sha256: String
        }
        var file: String
        var attachments: [File]?
        var error: String?
    }

    @Test func pythonAndThiduaDisagreeOnlyWhereExplained() throws {
        let root = CorpusTests.root
        let files = try ["generated", "handwritten"].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".eml") }.sorted().map { "\(folder)/\($0)" }
        }
        #expect(files.count >= 150)

        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = [root.appendingPathComponent("python_extract.py").path] + files.map { root.appendingPathComponent($0).path }
        let output = Pipe()
        python.standardOutput = output
        try python.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)

        let explained = try JSONDecoder().decode(
            [String: String].self,
            from: Data(contentsOf: root.appendingPathComponent("python-disagreements.json")))
        var disagreeing: Set<String> = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let view = try JSONDecoder().decode(PythonView.self, from: Data(line.utf8))
            let relative = files.first { view.file.hasSuffix("/" + $0) } ?? view.file
            let message = MailMessage.parse(Array(try Data(contentsOf: URL(fileURLWithPath: view.file))))
            let ours = Set(message.attachments.map { PythonView.File(filename: $0.filename, sha256: $0.sha256) })
            let theirs = Set(
                (view.attachments ?? []).map {
                    PythonView.File(filename: $0.filename.map { $0.precomposedStringWithCanonicalMapping }, sha256: $0.sha256)
                })
            if view.error != nil || ours != theirs { disagreeing.insert(relative) }
        }
        let unexplained = disagreeing.subtracting(explained.keys).sorted()
        let stale = Set(explained.keys).subtracting(disagreeing).sorted()
        #expect(unexplained.isEmpty, "disagreements without an explanation: \(unexplained)")
        #expect(stale.isEmpty, "explained disagreements that no longer occur: \(stale)")
    }
}
