import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Which parts of a package hold the first worksheet and the shared string table, as the
/// package says: `_rels/.rels` names the workbook (`xl/workbook.xml`), whose `<sheets>` list the
/// tabs in order, each by a relationship id that the workbook's relationships
/// (`xl/_rels/workbook.xml.rels`) map to a part. Only a package without a workbook part is read
/// by the conventional name `xl/worksheets/sheet1.xml`.
struct XLSXWorkbook: Equatable {
    var sheet: String
    var sharedStrings: String?

    static let defaultWorkbook = "xl/workbook.xml"
    static let defaultSheet = "xl/worksheets/sheet1.xml"
    static let defaultSharedStrings = "xl/sharedStrings.xml"

    static func locate(in package: XLSXPackage, limit: Int) throws(XLSXError) -> XLSXWorkbook {
        var workbook = defaultWorkbook
        if let data = try package.read("_rels/.rels", limit: limit) {
            let office = try XLSXRelationships.read(data, part: "_rels/.rels")
                .first { $0.type.hasSuffix("/officeDocument") && !$0.external }
                .flatMap { resolve($0.target, from: "") }
                .flatMap { package.existing($0) }
            if let office { workbook = office }
        }
        guard let workbookData = try package.read(workbook, limit: limit) else {
            guard package.contains(defaultSheet) else { throw .notAnXLSX }
            return XLSXWorkbook(sheet: defaultSheet, sharedStrings: package.existing(defaultSharedStrings))
        }
        let sheets = try XLSXSheetList.read(workbookData, part: workbook)

        let directory = workbook.split(separator: "/").dropLast().joined(separator: "/")
        let file = workbook.split(separator: "/").last.map(String.init) ?? workbook
        let relationshipsPart = (directory.isEmpty ? "" : directory + "/") + "_rels/" + file + ".rels"
        guard let relationshipsData = try package.read(relationshipsPart, limit: limit) else {
            throw .malformed(part: relationshipsPart, line: 0)
        }
        let relationships = try XLSXRelationships.read(relationshipsData, part: relationshipsPart)
        var byID: [String: XLSXRelationships.Relationship] = [:]
        for relationship in relationships where byID[relationship.id] == nil { byID[relationship.id] = relationship }

        // The first tab that is a worksheet (not a chart sheet or a macro sheet), preferring the
        // first the officer can see: Excel opens on a visible tab, never on a hidden one.
        let worksheets = sheets.compactMap { sheet in
            byID[sheet.relationship].flatMap { $0.type.hasSuffix("/worksheet") && !$0.external ? (sheet, $0) : nil }
        }
        guard let (_, relationship) = worksheets.first(where: { $0.0.visible }) ?? worksheets.first else { throw .notAnXLSX }
        guard let path = resolve(relationship.target, from: directory) else { throw .malformed(part: relationship.target, line: 0) }
        guard let sheet = package.existing(path) else { throw .malformed(part: path, line: 0) }

        let sharedStrings = relationships.first { $0.type.hasSuffix("/sharedStrings") && !$0.external }
            .flatMap { resolve($0.target, from: directory) }
            .flatMap { package.existing($0) }
        return XLSXWorkbook(sheet: sheet, sharedStrings: sharedStrings ?? package.existing(defaultSharedStrings))
    }

    /// The part a relationship's target names: relative to `directory` (the source part's
    /// folder), or to the package root with a leading `/`. Nil if it climbs above the root.
    static func resolve(_ target: String, from directory: String) -> String? {
        let target = target.replacingOccurrences(of: "\\", with: "/")
        var segments = target.hasPrefix("/") ? [] : directory.split(separator: "/").map(String.init)
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(String(segment))
            }
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }
}

extension XLSXPackage {
    /// `path` if the package has that part, else its percent-decoded form if it has that one:
    /// a relationship's target is a URI.
    func existing(_ path: String) -> String? {
        if contains(path) { return path }
        if let decoded = path.removingPercentEncoding, decoded != path, contains(decoded) { return decoded }
        return nil
    }
}

/// The `<Relationship>`s of a relationships part (`*.rels`).
final class XLSXRelationships: XLSXXMLHandler {
    struct Relationship {
        var id: String
        var type: String
        var target: String
        var external: Bool
    }

    private(set) var relationships: [Relationship] = []

    static func read(_ data: Data, part: String) throws(XLSXError) -> [Relationship] {
        let handler = XLSXRelationships()
        try XLSXXMLPart.parse(data, part: part, with: handler)
        return handler.relationships
    }

    override func start(_ name: String, attributes: [String: String], parser: XMLParser) {
        guard name == "Relationship", let id = attributes["Id"], let type = attributes["Type"], let target = attributes["Target"] else {
            return
        }
        relationships.append(Relationship(id: id, type: type, target: target, external: attributes["TargetMode"] == "External"))
    }
}

/// The tabs of a workbook part, in order: `<sheets><sheet name=… sheetId=… r:id=…/>…</sheets>`.
final class XLSXSheetList: XLSXXMLHandler {
    struct Sheet {
        var relationship: String
        var visible: Bool
    }

    private(set) var sheets: [Sheet] = []
    private var inSheets = false

    static func read(_ data: Data, part: String) throws(XLSXError) -> [Sheet] {
        let handler = XLSXSheetList()
        try XLSXXMLPart.parse(data, part: part, with: handler)
        return handler.sheets
    }

    override func start(_ name: String, attributes: [String: String], parser: XMLParser) {
        if name == "sheets" {
            inSheets = true
        } else if name == "sheet", inSheets,
            // `r:id`, whatever the prefix of the relationships namespace is in this part.
            let id = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") && !$0.key.hasPrefix("xmlns") })?.value
        {
            let state = attributes["state"]
            sheets.append(Sheet(relationship: id, visible: state != "hidden" && state != "veryHidden"))
        }
    }

    override func end(_ name: String, parser: XMLParser) {
        if name == "sheets" { inSheets = false }
    }
}
