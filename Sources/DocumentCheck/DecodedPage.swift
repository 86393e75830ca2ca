/// A page (or photo) decoded for the check, with what its source says about it.
struct DecodedPage: Sendable {
    /// The page as displayed, at working resolution.
    var image: RGBImage
    /// The source had colour channels: a grey or bilevel source cannot show a red seal.
    var sourceIsColour: Bool
    /// Dots per inch of the source's pixels across the displayed page, when known.
    var dpi: Double?
    /// The working image's pixels per inch, for sizes in centimetres; estimated from an A4
    /// page when the source does not say.
    var workingDPI: Double
    /// The source is a photo: the page may fill only part of the frame.
    var isPhoto: Bool
}

/// Why a file could not be decoded, for the `unreadable` verdict's reason.
struct DecodeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The size the check works at: ~100 dpi on an A4 page.
enum WorkingSize {
    static let longSide = 1_100
    /// An A4 sheet's long side, in inches: the page size assumed for a photo.
    static let a4LongInches = 11.69
}
