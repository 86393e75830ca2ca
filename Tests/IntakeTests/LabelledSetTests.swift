import Foundation
import MIME
import Testing

@testable import Intake

/// The labelled set of issue 5, point 7: several hundred generated messages (see
/// `Labelled/generate.py`) covering school and personal addresses, names only in the
/// filename or the signature, confusable names, forwards, replies to reminders,
/// auto-replies, bounces, unknown schools, spam and a second, overlapping campaign.
///
/// A wrong attribution hides a missing unit, so there must be none; at least 95% of the
/// messages that really come from a unit must be attributed without the officer; and every
/// attributed message must land in the right campaign (or in none).
@Suite struct LabelledSetTests {
    struct Labels: Decodable {
        struct OfficeInfo: Decodable {
            var name: String
            var addresses: [String]
            var timezone: String
        }

        struct CampaignInfo: Decodable {
            var id: String
            var title: String
            var opens: String
            var deadline: String
            var keywords: [String]
        }

        struct Label: Decodable {
            var unit: String?
            var campaign: String?
            var `case`: String
            var threads: [String: String]?
            var received_at: String
            var accents: Bool?
            var note: String?
        }

        var office: OfficeInfo
        var campaigns: [CampaignInfo]
        var messages: [String: Label]
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Labelled")

    static func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text), "not an ISO 8601 date: \(text)")
    }

    struct Tally {
        var messages = 0
        var labelledUnit = 0
        var attributed = 0
        var correct = 0
        var wrong = 0
        var review = 0
        var campaignWrong = 0
    }

    @Test func labelledMessagesAreAttributedWithoutMistakes() throws {
        let labels = try JSONDecoder().decode(Labels.self, from: Data(contentsOf: Self.directory.appendingPathComponent("labels.json")))
        let roster = try Roster.parseCSV(
            String(decoding: Data(contentsOf: Self.directory.appendingPathComponent("units.csv")), as: UTF8.self))
        let campaigns = try labels.campaigns.map { info in
            Campaign(
                id: info.id, title: info.title, opens: try Self.date(info.opens), deadline: try Self.date(info.deadline),
                keywords: info.keywords, reminders: [])
        }
        let office = OfficeProfile(
            name: labels.office.name, timeZone: try #require(TimeZone(identifier: labels.office.timezone)),
            ownAddresses: Set(labels.office.addresses))
        let rules = IntakeRules(office: office, roster: roster, campaigns: campaigns)

        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.appendingPathComponent("messages").path)
            .filter { $0.hasSuffix(".eml") }.sorted()
        #expect(files.count >= 300, "the labelled set has \(files.count) messages; run Labelled/generate.py")
        #expect(Set(files) == Set(labels.messages.keys), "messages/ and labels.json disagree; run Labelled/generate.py")

        var total = Tally()
        var byCase: [String: Tally] = [:]
        var wrong: [String] = []
        var campaignWrong: [String] = []
        var unattributed: [String] = []
        var plain = Tally()  // typed without diacritics
        for file in files {
            guard let label = labels.messages[file] else { continue }
            let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent("messages").appendingPathComponent(file)))
            let message = MailMessage.parse(bytes)
            let decision = rules.decide(message, receivedAt: try Self.date(label.received_at), threads: label.threads ?? [:])
            var tally = byCase[label.case] ?? Tally()
            defer {
                byCase[label.case] = tally
                if label.accents == false {
                    plain.messages += 1
                    if label.unit != nil { plain.labelledUnit += 1 }
                    if let unit = decision.unit, unit.code == label.unit { plain.correct += 1 }
                }
            }
            tally.messages += 1
            if label.unit != nil { tally.labelledUnit += 1 }
            let decided =
                "thidua: unit \(decision.unit?.code ?? "none") (\(decision.unit?.reason ?? "—")), "
                + "campaign \(decision.campaign?.id ?? "none"); subject \"\(message.subject)\""
            if let unit = decision.unit {
                tally.attributed += 1
                if unit.code == label.unit {
                    tally.correct += 1
                } else {
                    tally.wrong += 1
                    wrong.append("\(file): label \(label.unit ?? "null") — \(decided)")
                }
                if decision.campaign?.id != label.campaign {
                    tally.campaignWrong += 1
                    campaignWrong.append("\(file): label campaign \(label.campaign ?? "null") — \(decided)")
                }
            } else if let expected = label.unit {
                tally.review += 1
                unattributed.append("\(file): label \(expected) — \(decided)\(label.note.map { " [\($0)]" } ?? "")")
            }
        }
        for tally in byCase.values {
            total.messages += tally.messages
            total.labelledUnit += tally.labelledUnit
            total.attributed += tally.attributed
            total.correct += tally.correct
            total.wrong += tally.wrong
            total.review += tally.review
            total.campaignWrong += tally.campaignWrong
        }

        func row(_ name: String, _ t: Tally) -> String {
            name.padding(toLength: 24, withPad: " ", startingAt: 0)
                + [t.messages, t.labelledUnit, t.attributed, t.correct, t.wrong, t.review, t.campaignWrong]
                .map { String($0).leftPadded(9) }.joined()
        }
        print("Labelled set: per category")
        print(
            "case".padding(toLength: 24, withPad: " ", startingAt: 0)
                + ["messages", "of unit", "attrib.", "correct", "WRONG", "review", "camp.err"].map { $0.leftPadded(9) }.joined())
        for (name, tally) in byCase.sorted(by: { $0.key < $1.key }) { print(row(name, tally)) }
        print(row("total", total))
        let rate = total.labelledUnit == 0 ? 1 : Double(total.correct) / Double(total.labelledUnit)
        print(
            "attributed correctly without the officer: \(total.correct) of \(total.labelledUnit) = \(String(format: "%.1f", rate * 100))%")
        print(
            "typed without diacritics: \(plain.messages) messages, \(plain.correct) of \(plain.labelledUnit) from a unit attributed correctly"
        )
        if !unattributed.isEmpty { print("Sent to review (allowed):\n  " + unattributed.joined(separator: "\n  ")) }
        if !wrong.isEmpty { print("WRONG attributions:\n  " + wrong.joined(separator: "\n  ")) }
        if !campaignWrong.isEmpty { print("Wrong campaign for an attributed message:\n  " + campaignWrong.joined(separator: "\n  ")) }

        #expect(wrong.count == 0, "wrong attributions, listed above")
        #expect(rate >= 0.95, "only \(total.correct) of \(total.labelledUnit) messages from a unit were attributed")
        #expect(campaignWrong.count == 0, "attributed messages in the wrong campaign, listed above")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
