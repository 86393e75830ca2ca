/// An image XObject, as its dictionary describes it (the pixels are read on demand).
public struct PDFImage: Sendable, Equatable {
    public enum ColorSpace: Sendable, Equatable {
        case gray, rgb, cmyk, indexed, other
    }

    public let objectID: Int32
    public let generation: Int32
    public let width: Int
    public let height: Int
    public let bitsPerComponent: Int
    public let colorSpace: ColorSpace
    /// `/Filter`, outermost first (`/FlateDecode`, `/DCTDecode`, `/JBIG2Decode`, …).
    public let filters: [String]
    public let isMask: Bool

    public init(
        objectID: Int32, generation: Int32, width: Int, height: Int, bitsPerComponent: Int,
        colorSpace: ColorSpace, filters: [String], isMask: Bool
    ) {
        self.objectID = objectID
        self.generation = generation
        self.width = width
        self.height = height
        self.bitsPerComponent = bitsPerComponent
        self.colorSpace = colorSpace
        self.filters = filters
        self.isMask = isMask
    }

    /// A JPEG as stored: its stream is a JPEG file (`/DCTDecode`, perhaps the only filter).
    public var isJPEG: Bool { filters == ["/DCTDecode"] || filters == ["/DCT"] }

    /// Pixels qpdf can hand over decoded: no filter, or only lossless general-purpose ones.
    public var isRaw: Bool {
        filters.allSatisfy {
            ["/FlateDecode", "/Fl", "/LZWDecode", "/LZW", "/ASCII85Decode", "/A85", "/ASCIIHexDecode", "/AHx", "/RunLengthDecode", "/RL"]
                .contains($0)
        }
    }

    /// Bilevel or grey: a page scanned in black and white, where red cannot show.
    public var isMonochrome: Bool {
        colorSpace == .gray || bitsPerComponent == 1 || filters.contains { ["/CCITTFaxDecode", "/CCF", "/JBIG2Decode"].contains($0) }
    }
}
