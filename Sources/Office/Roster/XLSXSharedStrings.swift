import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The text of a string item: a shared string's `<si>` or an inline string's `<is>`. Plain
/// (`<t>`) or rich (`<r><t>…</t></r>…`, the runs' texts joined), without the phonetic guide
/// (`<rPh>`, furigana) that East Asian Excel keeps beside the text.
struct XLSXStringItem {
    private var runs = ""
    private var run: String?
    private var runPreservesSpace = false
    private var phoneticDepth = 0

    mutating func start(_ name: String, preservesSpace: Bool) {
        if name == "rPh" {
            phoneticDepth += 1
        } else if name == "t", phoneticDepth == 0 {
            run = ""
            runPreservesSpace = preservesSpace
        }
    }

    mutating func end(_ name: String) {
        if name == "rPh" {
            phoneticDepth = max(phoneticDepth - 1, 0)
        } else if name == "t", let text = run {
            runs += runPreservesSpace ? text : Self.trimmingXMLSpace(text)
            run = nil
        }
    }

    mutating func text(_ text: String) {
        if run != nil { run! += text }
    }

    var value: String { Self.unescaped(runs) }

    /// Without `xml:space="preserve"`, Excel shows a run without its leading and trailing spaces,
    /// tabs and line breaks; a run of nothing but those it keeps (the space between two words
    /// in different fonts).
    static func trimmingXMLSpace(_ text: String) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return text
        }
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    /// `text` with OOXML's escapes of characters XML cannot hold decoded: `_x000D_` is a carriage
    /// return, and `_x005F_` an underscore (how Excel writes a literal `_x000D_`: `_x005F_x000D_`).
    static func unescaped(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        func hex(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            default: nil
            }
        }
        let bytes = Array(text.utf8)
        /// The character that `_xHHHH_` at `index` stands for, if that is what is there.
        func escape(at index: Int) -> Unicode.Scalar? {
            guard index + 6 < bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
                bytes[index + 6] == UInt8(ascii: "_")
            else { return nil }
            var code: UInt32 = 0
            for byte in bytes[index + 2..<index + 6] {
                guard let digit = hex(byte) else { return nil }
                code = code << 4 | digit
            }
            return Unicode.Scalar(code)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if let scalar = escape(at: index) {
                UTF8.encode(scalar) { output.append($0) }
                index += 7
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// The shared string table (`xl/sharedStrings.xml`): what a cell with `t="s"` holds is an index
/// into it.
final class XLSXSharedStrings: XLSXXMLHandler {
    private(set) var strings: [String] = []
    private var item: XLSXStringItem?

    static func read(_ data: Data, part: String) throws(XLSXError) -> [String] {
        let handler = XLSXSharedStrings()
        try XLSXXMLPart.parse(data, part: part, with: handler)
        return handler.strings
    }

    override func start(_ name: String, attributes: [String: String], parser: XMLParser) {
        if name == "si" {
            item = XLSXStringItem()
        } else {
            item?.start(name, preservesSpace: preservesSpace)
        }
    }

    override func end(_ name: String, parser: XMLParser) {
        if name == "si" {
            strings.append(item?.value ?? "")
            item = nil
        } else {
            item?.end(name)
        }
    }

    override func text(_ text: String) {
        item?.text(text)
    }
}
