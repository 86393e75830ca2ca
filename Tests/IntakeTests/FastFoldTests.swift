import Foundation
import MIME
import TestSupport
import Testing

@testable import Intake

/// The fast folding must give exactly what the Foundation definition gives, or leave the
/// text to it: checked on every character of its table alone and between others, on random
/// text of those characters (particles, line breaks and punctuation among them), and on the
/// subjects, filenames and bodies of the labelled set.
struct FastFoldTests {
    static let alphabet: [Unicode.Scalar] = (Array(0x00...0x7F) + Array(0xA0...0x24F) + Array(0x1EA0...0x1EFF))
        .compactMap(Unicode.Scalar.init)

    /// Checks every input: the fast folding, where it answers, and in any case what
    /// `TextFolding.fold` (fast, or Foundation when the fast one declines) gives.
    static func expectSame(_ text: String, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        let slow = TextFolding.foldedByFoundation(text)
        if let fast = FastFold.fold(text) {
            #expect(
                fast == slow, "\(text.debugDescription): fast \(fast.debugDescription), Foundation \(slow.debugDescription) \(context)",
                sourceLocation: sourceLocation)
        }
        let folded = TextFolding.fold(text)
        #expect(
            folded == slow, "\(text.debugDescription): folded \(folded.debugDescription), Foundation \(slow.debugDescription) \(context)",
            sourceLocation: sourceLocation)
    }

    @Test func everyCharacterFoldsAsFoundationFoldsIt() {
        var covered = 0
        for scalar in Self.alphabet {
            let character = String(scalar)
            if FastFold.fold(character) != nil { covered += 1 }
            for text in [
                character, "a\(character)b", " \(character) ", "Đ\(character)\(character)ạ", "\(character)\r\nạ ", "ạ\(character)",
            ] {
                Self.expectSame(text)
            }
        }
        // Vietnamese text must not all fall back to Foundation.
        #expect(covered > Self.alphabet.count * 9 / 10, "only \(covered) of \(Self.alphabet.count) characters folded fast")
        #expect(FastFold.fold("Trường TH Thành Công ạ, KẾ HOẠCH_thi-đua.pdf") == "truong th thanh cong ke hoach thi dua pdf")
    }

    @Test func randomTextFoldsAsFoundationFoldsIt() {
        var random = SeededGenerator()
        let common: [Unicode.Scalar] = Array("aAđĐạẠàÀảẢ ,._-\r\n1ôƠưỮếễ\t".unicodeScalars)
        for _ in 0..<3000 {
            let length = Int.random(in: 0...24, using: &random)
            var text = String.UnicodeScalarView()
            for _ in 0..<length {
                text.append(
                    Bool.random(using: &random) ? common.randomElement(using: &random)! : Self.alphabet.randomElement(using: &random)!)
            }
            Self.expectSame(String(text), random.replay)
        }
    }

    @Test func theLabelledSetFoldsAsFoundationFoldsIt() throws {
        let directory = LabelledSetTests.directory.appendingPathComponent("messages")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.count >= 300)
        var fast = 0
        for file in files {
            let message = MailMessage.parse([UInt8](try Data(contentsOf: directory.appendingPathComponent(file))))
            for text in [
                message.subject, message.attachments.map(\.filename).joined(separator: " "), String(message.bodyText.prefix(8000)),
            ] {
                if FastFold.fold(text) != nil { fast += 1 }
                Self.expectSame(text)
            }
        }
        #expect(fast > files.count, "the fast folding took only \(fast) of the labelled texts")
    }
}
