import CQPDF

/// qpdf, which thidua opens at its first use rather than at exec (`Sources/CQPDF/shim.h`).
public enum PDFLibrary {
    /// Opens libqpdf now, so that the first PDF read soon after does not wait for it.
    public static func load() { thidua_qpdf_preload() }
}
