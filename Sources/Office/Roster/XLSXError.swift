/// Why an uploaded workbook could not be read. Each case's `description` says what happened and
/// what the officer can do, in English; the dashboard translates it.
public enum XLSXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a zip, or a zip without a workbook or a worksheet: an .ods, a .numbers, a .docx, an
    /// .xlsb, a CSV or a picture renamed to .xlsx.
    case notAnXLSX
    /// An OLE compound file: either an Excel 97–2003 workbook (.xls) or an .xlsx protected by a
    /// password (Excel wraps those in an OLE file holding an `EncryptedPackage`).
    case legacyOrEncrypted
    /// The part (its path inside the file) unpacks to more than the limit.
    case partTooLarge(String)
    /// The part (its path inside the file) is damaged. With `line` 0, its bytes in the zip are: it
    /// is missing though the workbook refers to it, or cannot be unpacked (truncated, a wrong
    /// checksum, zip encryption, a compression method other than deflate). Otherwise it is not
    /// well-formed XML at `line`, or holds what no .xlsx holds there (a DTD, a text encoding other
    /// than UTF-8 or UTF-16, a cell reference or shared string that does not exist).
    case malformed(part: String, line: Int)
    /// More rows with text than the limit, which is the associated value.
    case tooManyRows(Int)
    /// Text in a column past the limit, which is the associated value.
    case tooManyColumns(Int)

    public var description: String {
        switch self {
        case .notAnXLSX:
            "the file is not an Excel workbook (.xlsx): open it in Excel, LibreOffice or WPS and save it as \"Excel Workbook (.xlsx)\""
        case .legacyOrEncrypted:
            "the file is an old Excel 97–2003 workbook (.xls) or is protected by a password: open it in Excel, remove the password "
                + "if it has one, and save it as \"Excel Workbook (.xlsx)\""
        case .partTooLarge(let part):
            "the workbook is too large to read (its part \(part) unpacks past the limit): keep only the list of schools in the "
                + "first sheet and save it as a new workbook"
        case .malformed(let part, let line):
            "the workbook is damaged (its part \(part) "
                + (line > 0 ? "is not valid at line \(line)" : "is missing or cannot be unpacked")
                + "): open it in Excel and save it again as \"Excel Workbook (.xlsx)\""
        case .tooManyRows(let limit):
            "the first sheet has more than \(limit) rows with text: keep only the list of schools in it"
        case .tooManyColumns(let limit):
            "the first sheet has text beyond column \(limit): keep only the list of schools in it"
        }
    }
}
