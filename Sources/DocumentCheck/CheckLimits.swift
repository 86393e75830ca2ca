/// How much one file may cost the check. Over a limit the verdict is `unreadable` with the
/// limit named, never a crash, a stall or an unbounded allocation.
public struct CheckLimits: Sendable, Equatable {
    /// Pixels of one page image or photo, as its header declares them, before decoding.
    public var pixelsPerPage: Int
    /// Pages looked at; a longer file is `unreadable` ("too many pages").
    public var pagesPerFile: Int
    /// Wall time for one file; checked between pages and given to each rendering.
    public var secondsPerFile: Double
    /// Memory for a rendering subprocess (`pdftoppm`), in bytes.
    public var rendererMemory: Int

    public init(
        pixelsPerPage: Int = 60_000_000, pagesPerFile: Int = 60, secondsPerFile: Double = 60,
        rendererMemory: Int = 512 << 20
    ) {
        self.pixelsPerPage = pixelsPerPage
        self.pagesPerFile = pagesPerFile
        self.secondsPerFile = secondsPerFile
        self.rendererMemory = rendererMemory
    }
}
