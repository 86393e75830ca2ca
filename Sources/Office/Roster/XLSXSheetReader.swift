import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One row of a sheet as text.
public struct SheetRow: Sendable, Equatable {
    /// Excel's row number, from 1.
    public var number: Int
    /// The cells from column A to the last one with text; "" for a cell without text. Nothing is
    /// trimmed.
    public var cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }
}

/// Reads the first worksheet of an uploaded .xlsx as rows of text: the officer's own list of
/// schools, from her own Excel, LibreOffice or WPS. The file is treated as hostile: every part
/// is unpacked only up to a limit, DTDs and external entities are refused, and the rows and
/// columns kept are bounded.
///
/// A cell is read as Excel shows its value without its number format: shared and inline strings
/// (rich text joined, phonetic guides left out), a formula's cached result, `TRUE`/`FALSE`, an
/// error such as `#N/A`, and a number in its shortest form — an integral one below 10^15
/// without a decimal point or exponent (`1.0` is "1"; a phone number typed as a number has lost
/// its leading zero in Excel already). Dates stay Excel's serial numbers.
public enum XLSXSheetReader {
    public struct Limits: Sendable, Equatable {
        /// The most bytes any one part (XML file inside the zip) may unpack to.
        public var maxPartBytes: Int
        /// The most rows with text.
        public var maxRows: Int
        /// The last column that may hold text (200 is GR).
        public var maxColumns: Int

        public init(maxPartBytes: Int = 64 << 20, maxRows: Int = 20_000, maxColumns: Int = 200) {
            self.maxPartBytes = maxPartBytes
            self.maxRows = maxRows
            self.maxColumns = maxColumns
        }
    }

    /// The rows with text of the workbook's first worksheet, in the order of the sheet. Rows
    /// whose cells are all empty are left out.
    public static func firstSheet(of bytes: [UInt8], limits: Limits = Limits()) throws(XLSXError) -> [SheetRow] {
        let package = try XLSXPackage(bytes)
        let workbook = try XLSXWorkbook.locate(in: package, limit: limits.maxPartBytes)
        var sharedStrings: [String] = []
        if let part = workbook.sharedStrings, let data = try package.read(part, limit: limits.maxPartBytes) {
            sharedStrings = try XLSXSharedStrings.read(data, part: part)
        }
        guard let data = try package.read(workbook.sheet, limit: limits.maxPartBytes) else {
            throw .malformed(part: workbook.sheet, line: 0)
        }
        return try XLSXWorksheet.read(data, part: workbook.sheet, sharedStrings: sharedStrings, limits: limits)
    }

    /// How a number cell's value reads: an integral value below 10^15 as an integer; a larger one
    /// with an exponent and Excel's 15 significant digits (`1.23456789012346e+15`: digits past
    /// those Excel never kept); any other in the shortest form that reads back as the same
    /// double (`2.5`, `0.1`); what is not a number as written.
    static func number(_ value: String) -> String {
        guard let number = Double(value), number.isFinite else { return value }
        guard number.rounded() == number else { return String(number) }
        return abs(number) < 1e15 ? String(Int64(number)) : String(format: "%.15g", number)
    }

    /// The column of a cell reference (`C5` is 3), or nil if it is not one. Past 16,384 (XFD,
    /// Excel's last) it is 16,385 whatever it says, so that no reference overflows.
    static func column(of reference: String) -> Int? {
        var column = 0
        var letters = 0
        var digits = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0,
                UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                letters += 1
                column = min(column * 26 + Int((byte & 0xDF) - UInt8(ascii: "A") + 1), 16_385)
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                digits += 1
            default:
                return nil
            }
        }
        return letters > 0 ? column : nil
    }
}

/// A worksheet part's `<sheetData>` as rows of text.
final class XLSXWorksheet: XLSXXMLHandler {
    private let sharedStrings: [String]
    private let limits: XLSXSheetReader.Limits
    private(set) var rows: [SheetRow] = []

    private var inSheetData = false
    private var row: SheetRow?
    /// The last row's number and, in a row, the last cell's column: where one without `r` goes.
    private var lastRow = 0
    private var lastColumn = 0
    private var cell: (column: Int, type: String?)?
    private var value: String?
    private var inValue = false
    private var inline: XLSXStringItem?
    private var inInline = false

    init(sharedStrings: [String], limits: XLSXSheetReader.Limits) {
        self.sharedStrings = sharedStrings
        self.limits = limits
    }

    static func read(
        _ data: Data, part: String, sharedStrings: [String], limits: XLSXSheetReader.Limits
    ) throws(XLSXError) -> [SheetRow] {
        let handler = XLSXWorksheet(sharedStrings: sharedStrings, limits: limits)
        try XLSXXMLPart.parse(data, part: part, with: handler)
        return handler.rows
    }

    override func start(_ name: String, attributes: [String: String], parser: XMLParser) {
        if name == "sheetData" {
            inSheetData = true
            return
        }
        guard inSheetData else { return }
        if inInline {
            inline?.start(name, preservesSpace: preservesSpace)
            return
        }
        switch name {
        case "row":
            var number = lastRow + 1
            if let reference = attributes["r"] {
                guard let given = Int(reference), given > 0 else {
                    return fail(malformed(parser), parser: parser)
                }
                number = given
            }
            lastRow = number
            lastColumn = 0
            row = SheetRow(number: number, cells: [])
        case "c" where row != nil:
            var column = lastColumn + 1
            if let reference = attributes["r"] {
                guard let given = XLSXSheetReader.column(of: reference) else {
                    return fail(malformed(parser), parser: parser)
                }
                column = given
            }
            lastColumn = column
            cell = (column, attributes["t"])
            value = nil
        case "v" where cell != nil:
            inValue = true
            value = value ?? ""
        case "is" where cell != nil:
            inline = XLSXStringItem()
            inInline = true
        default:
            break
        }
    }

    override func end(_ name: String, parser: XMLParser) {
        guard inSheetData else { return }
        if inInline {
            if name == "is" { inInline = false } else { inline?.end(name) }
            return
        }
        switch name {
        case "v":
            inValue = false
        case "c":
            if let cell, let text = text(of: cell.type, parser: parser) { place(text, at: cell.column, parser: parser) }
            cell = nil
            inline = nil
        case "row":
            if let row, !row.cells.isEmpty {
                rows.append(row)
                if rows.count > limits.maxRows { fail(.tooManyRows(limits.maxRows), parser: parser) }
            }
            row = nil
        case "sheetData":
            inSheetData = false
        default:
            break
        }
    }

    override func text(_ text: String) {
        if inInline {
            inline?.text(text)
        } else if inValue {
            value? += text
        }
    }

    /// The text of the cell that just closed, by its type `t`; nil after a failure.
    private func text(of type: String?, parser: XMLParser) -> String? {
        switch type {
        case "s":
            guard let value else { return "" }
            guard let index = Int(value.trimmingCharacters(in: .whitespacesAndNewlines)), sharedStrings.indices.contains(index)
            else {
                fail(malformed(parser), parser: parser)
                return nil
            }
            return sharedStrings[index]
        case "inlineStr":
            return inline?.value ?? value ?? ""
        case "str":
            return XLSXStringItem.unescaped(value ?? "")
        case "b":
            return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value ?? ""
        case nil, "n":
            return value.map(XLSXSheetReader.number) ?? ""
        default:
            // "e" (an error such as #N/A), "d" (an ISO 8601 date, left as written).
            return value ?? ""
        }
    }

    /// Puts `text` in the open row at `column`, the gap before it filled with "". Past the column
    /// limit only empty text is let be: nothing is allocated for it.
    private func place(_ text: String, at column: Int, parser: XMLParser) {
        guard !text.isEmpty, let count = row?.cells.count else { return }
        guard column <= limits.maxColumns else { return fail(.tooManyColumns(limits.maxColumns), parser: parser) }
        if count < column { row?.cells.append(contentsOf: repeatElement("", count: column - count)) }
        row?.cells[column - 1] = text
    }
}
