import Foundation
import Testing

@testable import MIME

/// The shortcuts past Foundation's normalisation and trimming give Foundation's answers.
@Suite struct TextFastPathsTests {
    static let samples = [
        "", "report.pdf", "utf-8", "  UTF-8\t", "Báo cáo.pdf",
        "Ba\u{0301}o ca\u{0301}o thi đua.pdf",  // NFD, as Apple Mail sends it
        "Tr\u{01B0}\u{0323}\u{0300}ng TH",  // ư + dot below + grave: reordered and composed
        "\u{212B}ngstr\u{00F6}m",  // the Angstrom sign, NFC U+00C5
        "\u{00A0}nbsp\u{3000}", " . hidden . ", "\n\tline\r\n", "\u{0301}leading mark", "   ",
        "\u{1E9B}\u{0323}",
    ]

    @Test(arguments: samples)
    func precomposedIsFoundationsNFC(_ text: String) {
        #expect(Array(text.precomposed.unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    /// Every character the shortcut takes as NFC, alone and beside each kind of neighbour
    /// (combining marks among them, which send the text to Foundation).
    @Test func everyCharacterTakenAsNFCIsFoundationsNFC() {
        let stable = (UInt32(0)...0x1EFF).compactMap(Unicode.Scalar.init).filter(\.isStableInNFC)
        #expect(stable.count == 0x300 + 0x60)
        let neighbours: [String] = ["", "a", "\u{0301}", "\u{0323}", "\u{0338}", "ơ", "Ạ", "\u{1EF9}", "\u{0300}\u{0323}"]
        for scalar in stable {
            for before in neighbours {
                for after in neighbours {
                    let text = before + String(scalar) + after
                    #expect(
                        Array(text.precomposed.unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars),
                        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
                }
            }
        }
    }

    @Test(arguments: samples)
    func trimmingIsFoundations(_ text: String) {
        for set: CharacterSet in [.whitespaces, .whitespacesAndNewlines, CharacterSet(charactersIn: " .")] {
            #expect(text.trimming(set) == text.trimmingCharacters(in: set))
            let inner = text.dropFirst(min(1, text.count))
            #expect(inner.trimming(set) == inner.trimmingCharacters(in: set))
        }
    }
}
