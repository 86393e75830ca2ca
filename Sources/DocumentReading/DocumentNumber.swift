import Foundation
import Intake

/// The "Số:" line of a document's header, read as its number: "Số: 15 /KH-THCSNT" gives
/// "15/KH-THCSNT". The number is the one field an officer copies into the register, so a
/// value that does not have the shape of one (digits, a slash, a symbol) is not given.
enum DocumentNumber {
    static func parse(_ text: String) -> String? {
        let line = Substring(text.trimmingCharacters(in: .whitespaces))
        // "Số:" then the value; OCR reads the colon as ";" or loses it, or glues the value on.
        let label: Substring
        let value: Substring
        if let colon = line.firstIndex(where: { ":;".contains($0) }), line.distance(from: line.startIndex, to: colon) <= 4 {
            (label, value) = (line[..<colon], line[line.index(after: colon)...])
        } else if let space = line.firstIndex(of: " ") {
            (label, value) = (line[..<space], line[space...])
        } else {
            return nil
        }
        let head = TextFolding.fold(String(label)).filter { $0.isLetter || $0.isNumber }
        guard ["so", "s0", "s6", "se", "sd", "sa"].contains(head) else { return nil }
        return normalised(String(value))
    }

    /// "15 / KH–THCSNT." → "15/KH-THCSNT"; nil unless it is digits, "/", and a symbol.
    static func normalised(_ value: String) -> String? {
        // Tesseract writes Đ as the Icelandic eth (Ð) or as both, and dashes of any length.
        var compact = value.filter { !$0.isWhitespace }
            .replacingOccurrences(of: "Ð", with: "Đ").replacingOccurrences(of: "ĐĐ", with: "Đ")
            .replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
        while compact.contains("--") { compact = compact.replacingOccurrences(of: "--", with: "-") }
        while let last = compact.last, ".,;:_'\"".contains(last) { compact.removeLast() }
        guard let slash = compact.firstIndex(where: { $0 == "/" || $0 == "|" }) else { return nil }
        // In the digits OCR takes 0 for O and 1 for l or I.
        let digits = String(
            compact[..<slash].map { character -> Character in
                switch character {
                case "O", "o", "D": "0"
                case "l", "I", "|", "i": "1"
                default: character
                }
            })
        let symbol = knownSymbol(compact[compact.index(after: slash)...].uppercased())
        guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy(\.isNumber),
            let head = symbol.first, head.isLetter, symbol.count <= 24,
            symbol.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "&" || $0 == "/" })
        else { return nil }
        return digits + "/" + symbol
    }

    /// The type's symbol put right when OCR misread one letter of it ("TIR" for TTr, "QĐÐ"
    /// for QĐ): the symbol comes from a short, fixed list, the unit's part does not.
    static func knownSymbol(_ symbol: String) -> String {
        let parts = symbol.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let head = String(parts[0])
        let symbols = DocumentType.all.map(\.symbol) + ["CV", "UBND", "PGDĐT", "GDĐT"]
        guard !symbols.contains(head) else { return symbol }
        let near = symbols.filter { EditDistance.between($0, head) <= 1 && $0.count >= 2 }
        guard near.count == 1, head.count >= 2 else { return symbol }
        return ([near[0]] + parts.dropFirst().map(String.init)).joined(separator: "-")
    }
}
