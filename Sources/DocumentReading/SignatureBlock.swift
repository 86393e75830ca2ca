import Intake

/// The signature block (bottom right, around the seal): the signer's title in capitals
/// ("HIỆU TRƯỞNG", "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG"), the signature and seal, and the
/// signer's name under them, the last line written like a person's name.
enum SignatureBlock {
    static func signer(_ lines: [OCRLine], width: Int) -> OCRLine? {
        let segments = lines.flatMap { $0.segments(gap: max(1, width / 10)) }.sorted { $0.box.top < $1.box.top }
        return segments.last { isName($0) }
    }

    /// Two to six words of letters, each capitalised, none a word of a title or of the
    /// "Nơi nhận" list, read with some confidence (the signature's scrawl reads as junk).
    static func isName(_ line: OCRLine) -> Bool {
        let words = line.words.map(\.text)
        guard (2...6).contains(words.count), line.confidence >= 0.5 else { return false }
        let roles: Set<String> = ["hieu", "truong", "pho", "kt", "tm", "noi", "nhan", "luu", "ky", "ten", "dau", "dong", "giam", "doc"]
        return words.allSatisfy { word in
            guard let first = word.first, first.isUppercase, word.allSatisfy(\.isLetter) else { return false }
            return !roles.contains(TextFolding.fold(word))
        }
    }
}
