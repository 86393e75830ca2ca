import Foundation
import Testing

@testable import thidua

/// Config resolution without spawning the binary: the example config, the environment's
/// overrides, and the refusals an operator sees from `thidua check`.
struct ConfigResolutionTests {
    /// The example config in the source tree (its holidays file is read from beside it).
    static let configDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../config").standardizedFileURL.path
    static let exampleText = (try? String(contentsOfFile: configDirectory + "/thidua.yaml", encoding: .utf8)) ?? ""
    let path = configDirectory + "/thidua.yaml"

    func resolve(_ text: String = exampleText, _ environment: [String: String] = [:]) throws -> AppConfig {
        try AppConfig.parse(text, path: path, environment: environment)
    }

    @Test func theExampleResolvesWithPathsBesideTheFile() throws {
        let config = try resolve()
        #expect(config.rosterPath == Self.configDirectory + "/units.csv")
        // No folder of templates: the built-in texts, and the officer's from the dashboard.
        #expect(config.templatesDirectory == nil)
        #expect(config.imap.pollInterval == .seconds(60))
        #expect(config.campaigns.map(\.id) == ["khtdkt-2021"])
        #expect(config.office.timeZone.identifier == "Asia/Ho_Chi_Minh")
    }

    @Test func theEnvironmentOverridesEveryConnectionSetting() throws {
        let config = try resolve(
            Self.exampleText,
            [
                "THIDUA_IMAP_URL": "imaps://mail.pgd.example:993/Hop%20thu", "THIDUA_IMAP_USER": "vanthu@pgd.example",
                "THIDUA_SMTP_URL": "smtps://mail.pgd.example:465", "THIDUA_SMTP_FROM": "Phòng GDĐT <vanthu@pgd.example>",
                "THIDUA_DATA_DIR": "/srv/thidua", "THIDUA_DASHBOARD_LISTEN": "0.0.0.0:9090", "THIDUA_TLS_CA_FILE": "/etc/ca.pem",
            ])
        #expect(config.imap.user == "vanthu@pgd.example")
        #expect(config.imap.folders == ["Hop thu"])
        #expect(config.smtp.from.address == "vanthu@pgd.example")
        #expect(config.dataDirectory.path == "/srv/thidua")
        #expect(config.dashboard.listen == "0.0.0.0:9090")
        #expect(config.caFile == "/etc/ca.pem")
        // The office never answers its own addresses.
        #expect(config.office.ownAddresses.contains("vanthu@pgd.example"))
    }

    @Test func aMistypedKeyIsRefusedWithItsLineAndTheKeyMeant() throws {
        let text = Self.exampleText.replacingOccurrences(of: "  poll_interval:", with: "  poll_intervall:")
            .replacingOccurrences(of: "\ndashboard:", with: "\ndashbord:")
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("poll_intervall") }.map { $0 + 1 }
        let error = try #require(throws: ConfigError.self) { try resolve(text) }
        #expect(error.key == "mailbox.poll_intervall")
        #expect(error.line == line)
        #expect(error.description.contains("did you mean 'mailbox.poll_interval'?"))
        #expect(error.description.contains("dashbord"))
        #expect(error.description.contains("did you mean 'dashboard'?"))
    }

    @Test func aKeyInsideACampaignIsCheckedToo() throws {
        let text = Self.exampleText.replacingOccurrences(of: "    deadline:", with: "    dealine:")
        let error = try #require(throws: ConfigError.self) { try resolve(text) }
        #expect(error.key == "campaigns[0].dealine")
        #expect(error.description.contains("did you mean 'campaigns[0].deadline'?"))
    }

    @Test func aKeyFarFromAnyKnownOneGetsNoGuess() throws {
        let text = Self.exampleText + "\nfavourite_colour: red\n"
        let error = try #require(throws: ConfigError.self) { try resolve(text) }
        #expect(error.key == "favourite_colour")
        #expect(!error.description.contains("did you mean"))
    }

    @Test func theProbeKnowsEveryKeyOfTheExample() throws {
        // The example documents every key; the probe must know them all, or a real key
        // would be refused as a typo.
        #expect(try ConfigKeys.unknown(in: Self.exampleText).isEmpty)
        guard case .map(let top) = ConfigKeys.file else {
            Issue.record("the file's keys are not a map")
            return
        }
        #expect(top["mailbox"] != nil && top["campaigns"] != nil && top["digest"] != nil)
    }

    /// A second campaign written as "the first, but…" with YAML's anchor and merge key, as
    /// an operator copying a year's campaign would: its settings come from the first, and
    /// `<<` is not taken for a mistyped key.
    @Test func aCampaignMayRepeatAnotherWithAMergeKey() throws {
        let text =
            Self.exampleText.replacingOccurrences(of: "  - id: khtdkt-2021\n", with: "  - &plan\n    id: khtdkt-2021\n")
                + """
                  - <<: *plan
                    id: khtdkt-2022
                    title: Kế hoạch thi đua khen thưởng năm 2022
                    opens: 2022-02-07
                    deadline: 2022-02-20T23:59

                """
        let config = try resolve(text)
        #expect(config.campaigns.map(\.id) == ["khtdkt-2021", "khtdkt-2022"])
        let (first, second) = (config.campaigns[0], config.campaigns[1])
        #expect(second.title == "Kế hoạch thi đua khen thưởng năm 2022")
        #expect(second.reminders == first.reminders && second.keywords == first.keywords && second.acceptedKinds == first.acceptedKinds)
        #expect(second.deadline.timeIntervalSince(first.deadline) == 364 * 86400)

        let typo = text.replacingOccurrences(of: "    opens: 2022-02-07", with: "    opnes: 2022-02-07")
        let error = try #require(throws: ConfigError.self) { try resolve(typo) }
        #expect(error.key == "campaigns[1].opnes")
    }

    @Test func aPollIntervalUnderASecondIsRefused() throws {
        let text = Self.exampleText.replacingOccurrences(of: "poll_interval: 60s", with: "poll_interval: 0s")
        let error = try #require(throws: ConfigError.self) { try resolve(text) }
        #expect(error.key == "mailbox.poll_interval")
    }

    @Test(arguments: [("poll_intervall", "poll_interval", 1), ("dashbord", "dashboard", 1), ("abc", "abc", 0), ("", "ab", 2)])
    func editDistance(_ a: String, _ b: String, _ distance: Int) {
        #expect(ConfigKeys.editDistance(a, b) == distance)
    }
}
