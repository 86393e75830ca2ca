import Foundation
import Testing

/// The `mailbox:` settings `thidua check` validates before anything connects.
@Suite struct MailboxConfigTests {
    /// `thidua check` on config/thidua.yaml with `fetch_connections` set to `count`.
    func check(fetchConnections count: String) throws -> ThiduaProcess.Output {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-mbcfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let example = try ExampleConfig.text()
        #expect(example.contains("  fetch_connections: 2\n"), "config/thidua.yaml documents the key with its default")
        let yaml = example.replacingOccurrences(of: "  fetch_connections: 2\n", with: "  fetch_connections: \(count)\n")
        let config = workspace.appendingPathComponent("thidua.yaml")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        return try ThiduaProcess(environment: [
            "THIDUA_CONFIG": config.path, "THIDUA_DATA_DIR": workspace.appendingPathComponent("data").path,
        ])
        .run(["check"])
    }

    @Test(arguments: ["0", "5", "-1"])
    func aFetchConnectionCountOutOfRangeIsRefusedByName(_ count: String) throws {
        let output = try check(fetchConnections: count)
        #expect(output.status == 78)
        #expect(output.stderr.contains("mailbox.fetch_connections"), "\(output.stderr)")
        #expect(output.stderr.contains("from 1 to 4"), "\(output.stderr)")
    }

    @Test(arguments: ["1", "4"])
    func aFetchConnectionCountInRangeIsAccepted(_ count: String) throws {
        let output = try check(fetchConnections: count)
        #expect(output.status == 0, "\(output.stderr)")
    }
}
