import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses one XML part of an uploaded workbook with Foundation's `XMLParser`, failing closed.
///
/// On Linux `XMLParser` runs libxml2 in recovery mode with entity substitution on: `parse()`
/// returns true for XML that is not well-formed (the errors only reach the delegate), and a DTD
/// declaring entities costs as much as it likes to expand. So any error but a warning or a
/// namespace error stops the parse, and a part with a DTD is refused before parsing — ECMA-376 Part 2 forbids DTDs in a
/// package. The text is handed over as UTF-8 without its XML declaration, the one encoding
/// libxml2 is then left to assume, so that the check for a DTD reads the same bytes it does.
enum XLSXXMLPart {
    static func parse(_ data: Data, part: String, with handler: XLSXXMLHandler) throws(XLSXError) {
        // From a stream, which XMLParser hands to libxml2 in pieces: given the data whole, it
        // hands it over in one piece, and libxml2 refuses a piece over 10 MB ("huge input
        // lookup"), which a sheet of a few thousand rows can be.
        let parser = XMLParser(stream: InputStream(data: try utf8(data, part: part)))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        handler.part = part
        parser.delegate = handler
        let parsed = parser.parse()
        parser.delegate = nil
        if let failure = handler.failure { throw failure }
        guard parsed else { throw handler.malformed(parser) }
    }

    /// `data` as UTF-8 without its byte order mark and XML declaration, or `malformed` if it
    /// is not UTF-8 or UTF-16 (all that ECMA-376 Part 2 allows) or holds a DTD.
    static func utf8(_ data: Data, part: String) throws(XLSXError) -> Data {
        var text: Data
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0x3C, 0x00]) {
            text = try transcode(data, part: part, bigEndian: false)
        } else if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0x00, 0x3C]) {
            text = try transcode(data, part: part, bigEndian: true)
        } else {
            // Bytes that are not UTF-8 are libxml2's to refuse: they cannot hide ASCII markup.
            text = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        }
        // Only the XML declaration may name an encoding, and it must say what the bytes are.
        if text.starts(with: Array("<?xml".utf8)), let end = find(Array("?>".utf8), in: text) {
            let declaration = String(decoding: text[text.startIndex..<end], as: UTF8.self)
            if let encoding = pseudoAttribute("encoding", in: declaration)?.lowercased(),
                !["utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii"].contains(encoding)
            {
                throw .malformed(part: part, line: 1)
            }
            // Dropped, not copied: the line break after it stays, and with it the line numbers.
            text = text[(end + 2)...]
        }
        // A NUL would let libxml2 guess another encoding from the first bytes; XML has none.
        if let nul = find([0], in: text) { throw .malformed(part: part, line: line(at: nul, in: text)) }
        if let doctype = find(Array("<!DOCTYPE".utf8), in: text) { throw .malformed(part: part, line: line(at: doctype, in: text)) }
        return text
    }

    private static func transcode(_ data: Data, part: String, bigEndian: Bool) throws(XLSXError) -> Data {
        let bytes = [UInt8](data)
        guard bytes.count.isMultiple(of: 2) else { throw .malformed(part: part, line: 1) }
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2)
        for index in stride(from: 0, to: bytes.count, by: 2) {
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
        }
        if units.first == 0xFEFF { units.removeFirst() }
        guard let text = String(validating: units, as: UTF16.self) else { throw .malformed(part: part, line: 1) }
        return Data(text.utf8)
    }

    /// The value of `name="…"` or `name='…'` in an XML declaration.
    private static func pseudoAttribute(_ name: String, in declaration: String) -> String? {
        guard let range = declaration.range(of: name) else { return nil }
        let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// The index in `text` where `needle` starts first.
    private static func find(_ needle: [UInt8], in text: Data) -> Data.Index? {
        text.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Data.Index? in
            guard let base = buffer.baseAddress, let first = needle.first, buffer.count >= needle.count else { return nil }
            var offset = 0
            let last = buffer.count - needle.count
            while offset <= last {
                guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
                let candidate = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + candidate, needle, needle.count) == 0 { return text.startIndex + candidate }
                offset = candidate + 1
            }
            return nil
        }
    }

    private static func line(at index: Data.Index, in text: Data) -> Int {
        text[text.startIndex..<index].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}

/// A delegate for `XLSXXMLPart.parse`: element names without their namespace prefix (a part may
/// use `x:` for SpreadsheetML), `xml:space` as in force, and the first error kept.
class XLSXXMLHandler: NSObject, XMLParserDelegate {
    var part = ""
    private(set) var failure: XLSXError?
    /// Whether `xml:space="preserve"` is in force for the element open now.
    private(set) var preservesSpace = false
    private var spaceStack: [Bool] = []

    /// Overridden: an element opens.
    func start(_ name: String, attributes: [String: String], parser: XMLParser) {}
    /// Overridden: an element closes.
    func end(_ name: String, parser: XMLParser) {}
    /// Overridden: text (character data, entities and CDATA resolved), in pieces.
    func text(_ text: String) {}

    /// The part is not what it should be where the parser is.
    func malformed(_ parser: XMLParser) -> XLSXError {
        .malformed(part: part, line: max(parser.lineNumber, 1))
    }

    /// Stops the parse with `error`.
    func fail(_ error: XLSXError, parser: XMLParser) {
        guard failure == nil else { return }
        failure = error
        parser.abortParsing()
    }

    static func localName(_ name: String) -> String {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return String(name[name.utf8.index(after: colon)...])
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String]
    ) {
        guard failure == nil else { return }
        spaceStack.append(preservesSpace)
        if !attributeDict.isEmpty {
            switch attributeDict["xml:space"] {
            case "preserve": preservesSpace = true
            case "default": preservesSpace = false
            default: break
            }
        }
        start(Self.localName(elementName), attributes: attributeDict, parser: parser)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard failure == nil else { return }
        end(Self.localName(elementName), parser: parser)
        preservesSpace = spaceStack.popLast() ?? false
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil else { return }
        text(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard failure == nil else { return }
        text(String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        // libxml2's warnings (an unknown XML version, a relative namespace URI, a bad xml:space
        // value…) arrive here too, and so do its namespace errors (200–299: a prefix nobody
        // declared, as some writers leave `r:`): the XML is well-formed, and names are read
        // without their prefixes anyway.
        let error = parseError as NSError
        let warnings: Set<Int> = [93, 97, 98, 99, 100, 102, 106, 107]
        if error.domain == XMLParser.errorDomain, warnings.contains(error.code) || (200..<300).contains(error.code) { return }
        fail(malformed(parser), parser: parser)
    }

    func parser(_ parser: XMLParser, validationErrorOccurred validationError: any Error) {
        fail(malformed(parser), parser: parser)
    }
}
