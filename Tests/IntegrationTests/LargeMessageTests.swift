import Foundation
import MIME
import MailTransport
import Testing

/// Real scans are megabytes: they must arrive whole, byte for byte, however libcurl
/// limits a single response.
@Suite(.serialized, .mailStack)
struct LargeMessageTests {
    @Test func multiMegabyteScansArriveWhole() async throws {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let units = (1...2).map { (code: "U\($0)", name: "Tiểu học Số \($0)", email: "u\($0)-\(run)@schools.example") }
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-large-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let skeleton = WalkingSkeletonTests()
        let config = try skeleton.writeConfig(in: workspace, units: units)

        // Several partial fetches each: larger than libcurl allows for one response.
        let scans = [SampleMail.largeScan(size: 6_000_000), SampleMail.largeScan(size: 1_300_000)]
        for (unit, scan) in zip(units, scans) {
            let mail = SampleMail.submission(
                from: unit.email, fromName: unit.name, to: office, subject: "Kế hoạch thi đua - \(unit.name)",
                filename: "Scan \(unit.code).pdf", body: "Kính gửi.", file: scan)
            let results = try await stack.smtp(user: unit.email).send(mail, from: unit.email, to: [office])
            #expect(results.allSatisfy { $0.error == nil })
        }
        let thidua = ThiduaProcess.against(stack, office: office, config: config, dataDirectory: workspace.appendingPathComponent("data"))
        let output = try thidua.run(["run", "--once"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try thidua.run(["status", "--json"])
        struct Status: Decodable {
            struct UnitRow: Decodable {
                var code, status: String
                var attachments: [File]
            }
            struct File: Decodable {
                var filename: String
                var size: Int
                var sha256: String
            }
            var units: [UnitRow]
        }
        let status = try JSONDecoder().decode(Status.self, from: Data(json.stdout.utf8))
        for (unit, scan) in zip(units, scans) {
            let row = try #require(status.units.first { $0.code == unit.code })
            #expect(row.status == "received")
            #expect(row.attachments.first?.size == scan.count)
            #expect(row.attachments.first?.sha256 == SHA256Hasher.hex(of: scan))
        }
    }
}
