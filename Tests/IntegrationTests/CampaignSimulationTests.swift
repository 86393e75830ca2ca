import Foundation
import MIME
import Testing

/// A whole campaign replayed on a controlled clock against the real mail stack: thidua
/// runs one cycle (`run --once --now T`) at every step from the opening day to three days
/// past the deadline, schools' submissions arrive at chosen moments (APPEND with that
/// INTERNALDATE), and each school's own mailbox is read back at the end.
///
/// The calendar: Monday to Friday, 07:30–17:00; 30/04 and 03/05/2021 are days off (01/05
/// is a Saturday). Stages -7d -6d -3d -1d 0d +1d before a deadline on Thursday 06/05:
/// -6d falls on the 30/04 holiday and is overtaken by -3d before the office reopens;
/// -3d falls on the 03/05 holiday and goes out when the office opens on Tuesday.
@Suite(.serialized, .mailStack)
struct CampaignSimulationTests {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    static let holidays: Set<String> = ["2021-04-30", "2021-05-01", "2021-05-03"]

    /// `2021-04-29T08:00` in office time.
    static func local(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text + ":00+07:00")!
    }

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    static func dayKey(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// Inside office hours, on a workday that is not a holiday.
    static func officeIsOpen(at date: Date) -> Bool {
        let c = calendar.dateComponents([.hour, .minute, .weekday], from: date)
        let minute = c.hour! * 60 + c.minute!
        return (2...6).contains(c.weekday!) && !holidays.contains(dayKey(date)) && minute >= 7 * 60 + 30 && minute < 17 * 60
    }

    struct School {
        var code: String
        var name: String
        var email: String
        var principal: String?
        var submitsAt: Date?
        /// The reminders it must find: (subject ending, local send time).
        var expected: [(label: String, at: Date)]
    }

    static let label = [
        "-7d": "còn 7 ngày đến hạn nộp", "-3d": "còn 3 ngày đến hạn nộp", "-1d": "còn 1 ngày đến hạn nộp",
        "0d": "hôm nay là hạn cuối", "+1d": "đã quá hạn 1 ngày",
    ]
    static let schedule: [(stage: String, at: Date)] = [
        ("-7d", local("2021-04-29T08:00")),
        ("-3d", local("2021-05-04T07:30")),  // due on the 03/05 holiday: at the next opening
        ("-1d", local("2021-05-05T08:00")),
        ("0d", local("2021-05-06T08:00")),
        ("+1d", local("2021-05-07T08:00")),
    ]

    /// The clock's steps: every 30 minutes around the opening (07:30), the reminder time
    /// (08:00), the digest (16:30) and the closing (17:00); hourly in the office's day;
    /// every two hours at night — 21 cycles a day, which keeps the test near a minute.
    static func steps(from start: Date, through end: Date) -> [Date] {
        var times: [Date] = []
        var time = start
        while time <= end {
            times.append(time)
            switch calendar.component(.hour, from: time) {
            case 7, 16, 17: time += 1800
            case 8...15, 18: time += 3600
            default: time += 7200
            }
        }
        return times
    }

    @Test func aCampaignFromItsOpeningToThreeDaysPastTheDeadline() async throws {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let officer = "canbo-\(run)@pgd.example"
        func school(_ n: Int, principal: Bool, submitsAt: String?) -> School {
            let submitted = submitsAt.map(Self.local)
            return School(
                code: "U\(n)", name: "Tiểu học Số \(n)", email: "u\(n)-\(run)@schools.example",
                principal: principal ? "ht\(n)-\(run)@schools.example" : nil, submitsAt: submitted,
                expected: Self.schedule.filter { submitted == nil || $0.at < submitted! }.map { (Self.label[$0.stage]!, $0.at) })
        }
        let schools = [
            school(1, principal: false, submitsAt: "2021-04-28T10:00"),  // before any reminder
            school(2, principal: false, submitsAt: "2021-05-03T09:15"),  // on a holiday, after -7d
            school(3, principal: true, submitsAt: "2021-05-05T14:00"),  // after -1d
            school(4, principal: false, submitsAt: "2021-05-06T16:00"),  // on the deadline day, after 0d
            school(5, principal: true, submitsAt: nil),  // never
        ]
        #expect(schools.map(\.expected.count) == [0, 1, 3, 4, 5])
        let clock = Self.steps(from: Self.local("2021-04-28T01:00"), through: Self.local("2021-05-09T23:59"))
        #expect(Self.schedule.allSatisfy { clock.contains($0.at) } && clock.contains(Self.local("2021-05-06T16:30")))

        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-sim-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let config = try writeConfig(in: workspace, schools: schools, officer: officer)
        let thidua = ThiduaProcess.against(stack, office: office, config: config, dataDirectory: workspace.appendingPathComponent("data"))
        let log = workspace.appendingPathComponent("thidua.log")

        var submissions = schools.compactMap { school in school.submitsAt.map { (school, $0) } }.sorted { $0.1 < $1.1 }
        let started = ContinuousClock.now
        for now in clock {
            while let (school, at) = submissions.first, at <= now {
                let mail = SampleMail.submission(
                    from: school.email, fromName: school.name, to: office,
                    subject: "Kế hoạch thi đua khen thưởng 2021 - \(school.name)",
                    filename: "Kế hoạch thi đua \(school.name).pdf",
                    body: "Kính gửi Phòng GDĐT, đơn vị gửi kế hoạch (bản scan có dấu đỏ).")
                try stack.append(mail, to: office, arrivedAt: at)
                submissions.removeFirst()
            }
            // Awaited, not waited for: 250 cycles must not hold a thread of the concurrency
            // pool that the suites running alongside need.
            let ended = try await thidua.runInBackground(["run", "--once", "--now", ISO8601DateFormatter().string(from: now)], log: log)
            try #require(
                ended?.status == 0,
                "run --once --now \(now) failed: \(String(((try? String(contentsOf: log, encoding: .utf8)) ?? "").suffix(2000)))")
        }
        print("simulated \(clock.count) cycles in \(ContinuousClock.now - started)")

        for school in schools {
            let inbox = try await stack.inbox(of: school.email)
            let got = inbox.map { message in
                (
                    label: String(message.subject.split(separator: "—").last ?? "").trimmingCharacters(in: .whitespaces),
                    at: message.date ?? .distantPast
                )
            }
            #expect(got.map(\.label) == school.expected.map(\.label), "\(school.code) got \(got.map(\.label))")
            #expect(got.map(\.at) == school.expected.map(\.at), "\(school.code) reminded at \(got.map(\.at))")
            for reminder in got {
                #expect(Self.officeIsOpen(at: reminder.at), "\(school.code) reminded while the office was closed: \(reminder.at)")
                if let submitted = school.submitsAt {
                    #expect(reminder.at < submitted, "\(school.code) reminded after it submitted")
                }
            }
            for message in inbox {
                #expect(message.autoSubmitted == "auto-generated")
                let cc = message.headers.text("Cc") ?? ""
                if let principal = school.principal {
                    #expect(cc.contains(principal), "\(school.code): the principal is not copied: '\(cc)'")
                } else {
                    #expect(cc.isEmpty)
                }
            }
            if let principal = school.principal {
                let copies = try await stack.inbox(of: principal)
                #expect(copies.map(\.subject) == inbox.map(\.subject), "\(principal) did not get the same reminders")
            }
        }

        // The officer's digest: once on each working day of the window, at 16:30.
        let digests = try await stack.inbox(of: officer)
        let days = ["2021-04-28", "2021-04-29", "2021-05-04", "2021-05-05", "2021-05-06", "2021-05-07"]
        #expect(digests.map { Self.dayKey($0.date ?? .distantPast) } == days)
        for digest in digests {
            #expect(digest.date.map { Self.calendar.dateComponents([.hour, .minute], from: $0) } == DateComponents(hour: 16, minute: 30))
            #expect(digest.subject.contains("Tổng hợp ngày"))
            #expect(digest.autoSubmitted == "auto-generated")
        }
        if let wednesday = digests.first(where: { Self.dayKey($0.date ?? .distantPast) == "2021-05-05" }) {
            #expect(wednesday.subject.contains("nhận 1 hồ sơ"), "\(wednesday.subject)")
            #expect(wednesday.bodyText.contains("U3 Tiểu học Số 3 — Kế hoạch thi đua khen thưởng mô phỏng"), "\(wednesday.bodyText)")
            #expect(wednesday.bodyText.contains("còn 2/5 đơn vị"), "\(wednesday.bodyText)")
            #expect(wednesday.bodyText.contains("- U4 Tiểu học Số 4") && wednesday.bodyText.contains("- U5 Tiểu học Số 5"))
        }
        if let holidayEve = digests.first(where: { Self.dayKey($0.date ?? .distantPast) == "2021-05-04" }) {
            // U2's submission came on the 03/05 holiday: not "received today" on the 4th.
            #expect(holidayEve.subject.contains("nhận 0 hồ sơ"), "\(holidayEve.subject)")
            #expect(holidayEve.bodyText.contains("còn 3/5 đơn vị"))
        }

        let status = try thidua.run(["status"])
        #expect(status.stdout.contains("Thư nhắc: đã gửi 13, lỗi 0, chưa rõ kết quả 0"), "\(status.stdout)")
    }

    func writeConfig(in directory: URL, schools: [School], officer: String) throws -> URL {
        let roster =
            "code,name,level,emails,principal,principal_email\n"
            + schools.map {
                "\($0.code),\($0.name),TH,\($0.email),\($0.principal == nil ? "" : "Hiệu trưởng \($0.code)"),\($0.principal ?? "")"
            }
            .joined(separator: "\n") + "\n"
        try roster.write(to: directory.appendingPathComponent("units.csv"), atomically: true, encoding: .utf8)
        try """
        holidays:
          - {date: 2021-04-30, name: "Ngày Giải phóng miền Nam, thống nhất đất nước"}
          - {date: 2021-05-01, name: "Ngày Quốc tế Lao động"}
          - {date: 2021-05-03, name: "Nghỉ bù Ngày Quốc tế Lao động"}
        """.write(to: directory.appendingPathComponent("holidays.yaml"), atomically: true, encoding: .utf8)
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/templates")
            .standardizedFileURL.path
        let yaml = """
            office:
              name: Phòng GDĐT mô phỏng
              timezone: Asia/Ho_Chi_Minh
              office_hours: "07:30-17:00"
              workdays: [mon, tue, wed, thu, fri]
              holidays: holidays.yaml
              reminder_time: "08:00"
            mailbox:
              url: imaps://invalid.example:993/INBOX
              user: placeholder
            smtp:
              url: smtps://invalid.example:465
              from: "Placeholder <placeholder@invalid.example>"
            units: units.csv
            templates: \(templates)
            acknowledgements:
              enabled: false
            reminders:
              cc_principal: true
            digest:
              to: "Cán bộ thi đua <\(officer)>"
              time: "16:30"
            campaigns:
              - id: kh-sim
                title: Kế hoạch thi đua khen thưởng mô phỏng
                opens: 2021-04-28
                deadline: 2021-05-06T23:59
                keywords: [kế hoạch, thi đua]
                reminders: [-7d, -6d, -3d, -1d, 0d, +1d]
            """
        let url = directory.appendingPathComponent("thidua.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
