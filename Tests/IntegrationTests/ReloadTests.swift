import Foundation
import Testing

/// `systemctl reload thidua` (SIGHUP) re-reads the config; a broken one is refused, naming
/// the key, while the daemon keeps running; SIGTERM ends it cleanly with status 0. The
/// roster is the store's after the first start: a reload does not read the units file.
@Suite(.serialized, .mailStack)
struct ReloadTests {
    @Test func sighupReloadsAndABrokenConfigIsRefusedWithoutStopping() async throws {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-reload-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let units = [(code: "U1", name: "Tiểu học Số 1", email: "u1-\(run)@schools.example")]
        let config = try WalkingSkeletonTests().writeConfig(in: workspace, units: units)
        let thidua = ThiduaProcess.against(stack, office: office, config: config, dataDirectory: workspace.appendingPathComponent("data"))
        let log = workspace.appendingPathComponent("daemon.log")
        let daemon = try thidua.start(["run"], log: log)

        func waitFor(_ text: String, count: Int = 1) async -> Bool {
            for _ in 0..<100 {
                if daemon.logText.components(separatedBy: text).count - 1 >= count { return true }
                try? await Task.sleep(for: .milliseconds(100))
            }
            return false
        }
        // Not a fixed wait: the daemon says when its SIGHUP handler is in place.
        #expect(await waitFor("reload on SIGHUP ready"), "\(daemon.logText)")

        // A units file changed after the first start is not the roster in force: the
        // reload goes through and the roster stays the store's (one unit).
        let roster = workspace.appendingPathComponent("units.csv")
        try "code,name,level,emails\nU1,Tiểu học Số 1,TH,not-an-address\n".write(to: roster, atomically: true, encoding: .utf8)
        let yaml = try String(contentsOf: config, encoding: .utf8)
        try yaml.replacingOccurrences(of: "poll_interval: 60s", with: "poll_interval: 30s").write(
            to: config, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(await waitFor("configuration reloaded"), "\(daemon.logText)")
        #expect(try thidua.run(["check"]).stdout.contains("roster:    1 units"))

        try yaml.replacingOccurrences(of: "poll_interval: 60s", with: "poll_interval: soon").write(
            to: config, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(await waitFor("configuration not reloaded"), "\(daemon.logText)")
        #expect(daemon.logText.contains("mailbox.poll_interval"), "the refusal does not say where: \(daemon.logText)")

        daemon.signal(SIGTERM)
        let exit = await daemon.waitForExit(timeout: .seconds(15))
        #expect(exit?.reason == .exit)
        #expect(exit?.status == 0)
    }
}
