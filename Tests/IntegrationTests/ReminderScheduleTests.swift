import Foundation
import Testing

/// `thidua remind --dry-run` over the shipped config: the schedule, the office calendar
/// and the templates, as the officer runs them. Needs no mail server.
struct ReminderScheduleTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

    func thidua(_ arguments: [String], config: URL? = nil) throws -> ThiduaProcess.Output {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-sched-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        return try ThiduaProcess(environment: [
            "THIDUA_CONFIG": (config ?? Self.repository.appendingPathComponent("config/thidua.yaml")).path,
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

    @Test func aTemplateWithAnUnknownPlaceholderIsRefusedByName() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("templates"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let templates = Self.repository.appendingPathComponent("config/templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path) {
            try FileManager.default.copyItem(at: templates.appendingPathComponent(name), to: workspace.appendingPathComponent("templates/\(name)"))
        }
        let broken = workspace.appendingPathComponent("templates/reminder.txt.mustache")
        try "Kính gửi {{ten_don_vi}},\n".write(to: broken, atomically: true, encoding: .utf8)
        var yaml = try String(contentsOf: Self.repository.appendingPathComponent("config/thidua.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "units: units.csv", with: "units: \(Self.repository.path)/config/units.csv")
            .replacingOccurrences(of: "holidays: holidays.yaml", with: "holidays: \(Self.repository.path)/config/holidays.yaml")
        let config = workspace.appendingPathComponent("thidua.yaml")
        try yaml.write(to: config, atomically: true, encoding: .utf8)

        let output = try thidua(["check"], config: config)
        #expect(output.status == 78)
        #expect(output.stderr.contains("reminder.txt.mustache"))
        #expect(output.stderr.contains("{{ten_don_vi}}"))
    }
}
