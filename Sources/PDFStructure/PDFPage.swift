/// A rectangle in PDF user space (points, 1/72 inch; origin bottom-left).
public struct PDFRect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var area: Double { width * height }
}

/// One page: its visible box, how a viewer turns it, and what is drawn from its resources.
public struct PDFPage: Sendable {
    /// Past this many images a page is not a scanned sheet; they are not all listed.
    public static let maximumImages = 64

    public let index: Int
    /// The crop box (the media box when there is none), in points, before rotation.
    public let box: PDFRect
    /// `/Rotate`, normalised to 0, 90, 180 or 270 (clockwise, as displayed).
    public let rotation: Int
    public let images: [PDFImage]
    public let hasFonts: Bool

    public init(index: Int, box: PDFRect, rotation: Int, images: [PDFImage], hasFonts: Bool) {
        self.index = index
        self.box = box
        self.rotation = rotation
        self.images = images
        self.hasFonts = hasFonts
    }

    /// The page's size as displayed, in inches (width, height), `/Rotate` applied.
    public var displayedInches: (width: Double, height: Double) {
        let w = box.width / 72
        let h = box.height / 72
        return rotation % 180 == 0 ? (w, h) : (h, w)
    }

    /// The image that is the whole page, as a scanner or scan app writes it: the largest
    /// one, when its shape is the page's (stored either way round) and it has the pixels
    /// of at least a rough scan. Nil for a page of text, of tiles, or with only a logo.
    public var pageImage: PDFImage? {
        let pictures = images.filter { !$0.isMask }
        guard let largest = pictures.max(by: { $0.width * $0.height < $1.width * $1.height }), box.width > 0, box.height > 0
        else { return nil }
        let pageAspect = box.width / box.height
        let imageAspect = Double(largest.width) / Double(largest.height)
        // Stored the other way round (turned by the content stream) only when it is the
        // page's one picture: one strip of several can have the page's shape turned.
        let aspects = pictures.count == 1 ? [pageAspect, 1 / pageAspect] : [pageAspect]
        let fits = aspects.contains { abs(imageAspect / $0 - 1) < 0.12 }
        return fits && max(largest.width, largest.height) >= 200 ? largest : nil
    }

    /// Dots per inch of the scan's pixels on the page: its page image's, or its tiles'
    /// (strips side by side share the page's width or height). Nil for a page of text.
    public var resolution: Double? {
        let inches = (width: box.width / 72, height: box.height / 72)
        guard inches.width > 0, inches.height > 0 else { return nil }
        if let image = pageImage {
            return Double(max(image.width, image.height)) / max(inches.width, inches.height)
        }
        let tiles = images.filter { !$0.isMask && max($0.width, $0.height) >= 200 }
        guard isScanned, tiles.count >= 2 else { return nil }
        if Set(tiles.map(\.width)).count == 1 { return Double(tiles[0].width) / inches.width }
        if Set(tiles.map(\.height)).count == 1 { return Double(tiles[0].height) / inches.height }
        return nil
    }

    /// Whether the page is a picture of paper: one page image, or tiles (strips a scanner
    /// wrote side by side) that together have the page's pixels, with no text of its own
    /// beyond, perhaps, an OCR layer (which sits on a page image); or a page with images
    /// and no text at all, whatever their shape.
    public var isScanned: Bool {
        if pageImage != nil { return true }
        if !hasFonts, images.contains(where: { !$0.isMask }) { return true }
        let tiles = images.filter { !$0.isMask && max($0.width, $0.height) >= 200 }
        guard tiles.count >= 2, tiles.count <= 16, box.width > 0 else { return false }
        let sameWidth = Set(tiles.map(\.width)).count == 1
        let sameHeight = Set(tiles.map(\.height)).count == 1
        let stacked = sameWidth ? Double(tiles[0].width) / Double(tiles.reduce(0) { $0 + $1.height }) : 0
        let sideBySide = sameHeight ? Double(tiles.reduce(0) { $0 + $1.width }) / Double(tiles[0].height) : 0
        let pageAspect = box.width / box.height
        return [stacked, sideBySide].contains { aspect in
            aspect > 0 && [pageAspect, 1 / pageAspect].contains { abs(aspect / $0 - 1) < 0.12 }
        }
    }
}
