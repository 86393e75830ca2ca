/// Finds the red seal on a page: a red-to-magenta ring or disc of a seal's real size.
///
/// The page is cut into cells of about a millimetre; a cell is red when enough of its
/// pixels are seal ink. Red cells that touch (gaps of a millimetre closed) form marks, and
/// each mark of plausible size is measured as a circle: how much of its rim is inked,
/// how round its outline is, whether its bounding box's corners are empty (a rectangular
/// "BẢN SAO" or "ĐẾN" stamp fills them), whether it holds yellow (the national emblem).
/// Letterheads, pen strokes and highlighter fail on shape, logos and the emblem on size
/// or colour.
struct SealDetector {
    struct Candidate: Equatable {
        /// The mark's box in pixels of the page picture.
        var x: Int, y: Int, width: Int, height: Int
        var score: Double
    }

    let image: RGBImage
    /// The picture's pixels per inch.
    let dpi: Double
    let isPhoto: Bool

    /// The most seal-like mark, if any is at all.
    func best() -> Candidate? {
        let grid = CellGrid(image: image, cell: max(2, Int((dpi / 25.4).rounded())))
        return grid.marks().compactMap { score($0, in: grid) }.max { $0.score < $1.score }
    }

    private func score(_ mark: CellGrid.Mark, in grid: CellGrid) -> Candidate? {
        let cellCM = Double(grid.cell) / dpi * 2.54
        let width = mark.maxX - mark.minX + 1
        let height = mark.maxY - mark.minY + 1
        let diameter = Double(max(width, height)) * cellCM
        let range = isPhoto ? 1.6...7.5 : 2.4...6.2
        guard range.contains(diameter), mark.cells.count >= 12 else { return nil }
        let circle = Circle.fit(mark, grid: grid)
        guard circle.radius > 2 else { return nil }
        var score = 0.45 * circle.rimCoverage + 0.35 * circle.roundness + 0.2 * sizeFit(diameter: circle.radius * 2 * cellCM)
        let aspect = Double(min(width, height)) / Double(max(width, height))
        if !circle.isCut, aspect < 0.8 { score *= 0.3 }
        if circle.cornerShare > 0.12 { score *= 0.4 }
        if circle.fill < 0.12 { score *= 0.5 }
        if mark.yellow * 6 > mark.cells.count { score = 0 }
        return Candidate(
            x: mark.minX * grid.cell, y: mark.minY * grid.cell,
            width: min(width * grid.cell, image.width - mark.minX * grid.cell),
            height: min(height * grid.cell, image.height - mark.minY * grid.cell), score: score)
    }

    /// 1 for a seal's usual 3–5 cm, falling to 0 a centimetre and a half outside it.
    private func sizeFit(diameter: Double) -> Double {
        let slack = isPhoto ? 2.5 : 1.5
        if diameter < 3 { return max(0, 1 - (3 - diameter) / slack) }
        if diameter > 5 { return max(0, 1 - (diameter - 5) / slack) }
        return 1
    }
}
