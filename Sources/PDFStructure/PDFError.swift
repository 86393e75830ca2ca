/// Why a PDF could not be opened.
public enum PDFError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is encrypted with a user password: nobody can open it without that.
    case needsPassword
    /// qpdf could not read the file even with its repair of damaged files; qpdf's message.
    case unreadable(String)

    public var description: String {
        switch self {
        case .needsPassword: "the PDF is protected by a password"
        case .unreadable(let detail): "the PDF is damaged: \(detail)"
        }
    }
}
