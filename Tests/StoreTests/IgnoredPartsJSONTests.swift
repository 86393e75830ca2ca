import Foundation
import MIME
import TestSupport
import Testing

@testable import Store

/// The ignored parts are written as JSON by hand and read back by `JSONDecoder`: every
/// part, every name (quotes, backslashes, control characters, Vietnamese, emoji) must come
/// back as it was.
struct IgnoredPartsJSONTests {
    @Test func readsBackAsWritten() throws {
        var generator = SeededGenerator()
        let pieces = ["a", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "/", "Kế hoạch", "😀", " ", "\u{7F}", "e\u{301}"]
        let reasons: [IgnoredPart.Reason] = [.body, .logo, .report, .tooDeep, .limit]
        for _ in 0..<2_000 {
            let parts = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                let name = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
                return IgnoredPart(
                    filename: Bool.random(using: &generator) ? name : nil,
                    contentType: "text/plain" + pieces.randomElement(using: &generator)!,
                    bytes: Array(name.utf8), reason: reasons.randomElement(using: &generator)!)
            }
            let text = IgnoredPartsJSON.encode(parts)
            let read = try JSONDecoder().decode([IgnoredPart].self, from: Data(text.utf8))
            #expect(read == parts, "\(text); \(generator.replay)")
        }
    }

    @Test func aBodyPartReadsAsJSONEncoderWritesIt() throws {
        let part = IgnoredPart(filename: nil, contentType: "text/plain", bytes: Array("Kính gửi".utf8), reason: .body)
        let ours = try JSONSerialization.jsonObject(with: Data(IgnoredPartsJSON.encode([part]).utf8)) as? [[String: Any]]
        let theirs = try JSONSerialization.jsonObject(with: JSONEncoder().encode([part])) as? [[String: Any]]
        #expect(ours?.first?.keys.sorted() == theirs?.first?.keys.sorted())
        #expect(ours?.first?["sha256"] as? String == part.sha256)
    }
}
