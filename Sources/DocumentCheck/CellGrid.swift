/// A page cut into square cells, each knowing how much seal ink (and emblem yellow) it
/// holds; marks are the groups of red cells that touch once millimetre gaps are closed.
struct CellGrid {
    struct Mark {
        var cells: [Int] = []
        var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
        /// Cells of the mark's box that are yellow.
        var yellow = 0
    }

    let cell: Int
    let width: Int
    let height: Int
    /// Per cell: enough red pixels to count as ink.
    let red: [Bool]
    let yellow: [Bool]

    init(image: RGBImage, cell: Int) {
        let width = max(1, image.width / cell)
        let height = max(1, image.height / cell)
        self.cell = cell
        self.width = width
        self.height = height
        var redCounts = [Int](repeating: 0, count: width * height)
        var yellowCounts = [Int](repeating: 0, count: width * height)
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in 0..<(height * cell) {
                let rowCell = (y / cell) * width
                var index = y * image.width * 3
                for x in 0..<(width * cell) {
                    let r = Int(pixels[index])
                    let g = Int(pixels[index + 1])
                    let b = Int(pixels[index + 2])
                    if InkColour.isRed(r, g, b) {
                        redCounts[rowCell + x / cell] += 1
                    } else if InkColour.isYellow(r, g, b) {
                        yellowCounts[rowCell + x / cell] += 1
                    }
                    index += 3
                }
            }
        }
        let threshold = max(2, cell * cell / 12)
        red = redCounts.map { $0 >= threshold }
        yellow = yellowCounts.map { $0 >= threshold }
    }

    /// How far red cells reach to join: gaps of up to two cells (a seal pressed unevenly
    /// is faint on one side, its rim broken in places) close.
    static let reach = 2

    /// Groups of red cells, 8-connected after closing gaps of `reach` cells.
    func marks() -> [Mark] {
        var closed = [Bool](repeating: false, count: red.count)
        let reach = Self.reach
        for y in 0..<height {
            for x in 0..<width where red[y * width + x] {
                for ny in max(0, y - reach)...min(height - 1, y + reach) {
                    for nx in max(0, x - reach)...min(width - 1, x + reach) { closed[ny * width + nx] = true }
                }
            }
        }
        var seen = [Bool](repeating: false, count: red.count)
        var marks: [Mark] = []
        var stack: [Int] = []
        for start in closed.indices where closed[start] && !seen[start] {
            var mark = Mark()
            seen[start] = true
            stack.append(start)
            while let index = stack.popLast() {
                let x = index % width
                let y = index / width
                if red[index] {
                    mark.cells.append(index)
                    mark.minX = min(mark.minX, x)
                    mark.maxX = max(mark.maxX, x)
                    mark.minY = min(mark.minY, y)
                    mark.maxY = max(mark.maxY, y)
                }
                for ny in max(0, y - 1)...min(height - 1, y + 1) {
                    for nx in max(0, x - 1)...min(width - 1, x + 1) {
                        let next = ny * width + nx
                        if closed[next] && !seen[next] {
                            seen[next] = true
                            stack.append(next)
                        }
                    }
                }
            }
            guard !mark.cells.isEmpty else { continue }
            for y in mark.minY...mark.maxY {
                for x in mark.minX...mark.maxX where yellow[y * width + x] { mark.yellow += 1 }
            }
            marks.append(mark)
        }
        return marks
    }
}
