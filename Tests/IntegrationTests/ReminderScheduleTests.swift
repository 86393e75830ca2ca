import Foundation
import Testing

/// `thidua remind --dry-run` over the shipped config: the schedule, the office calendar
/// and the templates, as the officer runs them. Needs no mail server.
struct ReminderScheduleTests {
    func thidua(_ arguments: [String], config: URL? = nil) throws -> ThiduaProcess.Output {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-sched-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        return try ThiduaProcess(environment: [
            "THIDUA_CONFIG": (config ?? ExampleConfig.repository.appendingPathComponent("config/thidua.yaml")).path,
            "THIDUA_DATA_DIR": data.path,
        ]).run(arguments)
    }

    @Test func theThreeDayStageGoesToEveryUnitOnAThursdayMorning() throws {
        let output = try thidua(["remind", "--now", "2021-02-18T09:00:00+07:00", "--dry-run"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 60)
        #expect(lines.allSatisfy { $0.split(separator: "\t")[2] == "-3d" })
        #expect(lines.first?.contains("[Nhắc nộp hồ sơ] Kế hoạch thi đua khen thưởng năm 2021 — còn 3 ngày đến hạn nộp") == true)
    }

    @Test(arguments: [
        "2021-02-12T09:00:00+07:00",  // mùng 1 Tết (holidays.yaml)
        "2021-02-21T09:00:00+07:00",  // a Sunday
        "2021-02-19T02:00:00+07:00",  // 2 a.m.
        "2021-02-19T17:30:00+07:00",  // after office hours
    ])
    func nothingGoesOutWhenTheOfficeIsClosed(at time: String) throws {
        let output = try thidua(["remind", "--now", time, "--dry-run"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("the office is closed"))
    }

    /// The shipped config with the principal copied and the officer's digest switched on.
    func configWithCopyAndDigest(in workspace: URL, digestTo: String = "canbo.thidua@example.org") throws -> URL {
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        let yaml =
            try ExampleConfig.text()
            .replacingOccurrences(of: "  cc_principal: false", with: "  cc_principal: true")
            + "\ndigest:\n  to: [\"\(digestTo)\"]\n  time: \"16:30\"\n"
        let config = workspace.appendingPathComponent("thidua.yaml")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    @Test func theDryRunShowsThePrincipalsCopyAndTheDigest() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-cc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let config = try configWithCopyAndDigest(in: workspace)

        let morning = try thidua(["remind", "--now", "2021-02-18T09:00:00+07:00", "--dry-run"], config: config)
        #expect(morning.status == 0, "\(morning.stderr)")
        let lines = morning.stdout.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(lines.count == 60, "no digest before 16:30")
        let mn01 = try #require(lines.first { $0.first == "MN01" })
        #expect(mn01.last == "cc:hieutruong.mnhoasua@schools.example")
        #expect(lines.first { $0.first == "MN03" }?.last == "cc:", "MN03 has no principal's address")

        let afternoon = try thidua(["remind", "--now", "2021-02-18T16:40:00+07:00", "--dry-run"], config: config)
        let digest = try #require(afternoon.stdout.split(separator: "\n").first { $0.hasPrefix("digest\t") })
        #expect(
            digest.contains("canbo.thidua@example.org\t2021-02-18\t[thidua] Tổng hợp ngày 18/02/2021: nhận 0 hồ sơ, còn 60 đơn vị chưa nộp")
        )
        // Tết: no digest, as no reminder.
        let tet = try thidua(["remind", "--now", "2021-02-12T16:40:00+07:00", "--dry-run"], config: config)
        #expect(tet.stdout.isEmpty)
    }

    @Test func theDigestIsRefusedForTheMailboxThiduaReads() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-dg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let config = try configWithCopyAndDigest(in: workspace, digestTo: "Thidua.GDBD@gmail.com")
        let output = try thidua(["check"], config: config)
        #expect(output.status == 78)
        #expect(output.stderr.contains("digest.to"), "\(output.stderr)")
    }

    @Test func aTemplateWithAnUnknownPlaceholderIsRefusedByName() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("templates"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let templates = ExampleConfig.repository.appendingPathComponent("config/templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path) {
            try FileManager.default.copyItem(
                at: templates.appendingPathComponent(name), to: workspace.appendingPathComponent("templates/\(name)"))
        }
        let broken = workspace.appendingPathComponent("templates/reminder.txt.mustache")
        try "Kính gửi {{ten_don_vi}},\n".write(to: broken, atomically: true, encoding: .utf8)
        let yaml = try ExampleConfig.text(ownTemplates: true)
        let config = workspace.appendingPathComponent("thidua.yaml")
        try yaml.write(to: config, atomically: true, encoding: .utf8)

        let output = try thidua(["check"], config: config)
        #expect(output.status == 78)
        #expect(output.stderr.contains("reminder.txt.mustache"))
        #expect(output.stderr.contains("{{ten_don_vi}}"))
    }
}
