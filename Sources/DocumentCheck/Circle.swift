import Foundation

/// A mark measured as a circle: its radius, fitted with its centre to its outline, and how well the
/// mark fills the part of a seal's shape that lies on the page.
struct Circle {
    static let sectors = 48

    var radius: Double
    /// Share of the rim's sectors (those on the page) that carry ink near the radius.
    var rimCoverage: Double
    /// Share of inked sectors whose outermost ink lies within 15% of the radius.
    var roundness: Double
    /// Share of the mark's ink well outside the circle: a rectangle's corners.
    var cornerShare: Double
    /// Inked cells inside the circle against its area.
    var fill: Double
    /// The seal runs off the page (or the paper): part of it is not there to be round.
    var isCut: Bool

    static func fit(_ mark: CellGrid.Mark, grid: CellGrid) -> Circle {
        let points = mark.cells.map { (x: Double($0 % grid.width) + 0.5, y: Double($0 / grid.width) + 0.5) }
        var cx = Double(mark.minX + mark.maxX + 1) / 2
        var cy = Double(mark.minY + mark.maxY + 1) / 2
        let visible = Visible(mark: mark, grid: grid, outline: outermost(points, cx, cy).compactMap { $0 })
        // The outline is the outermost ink in each direction; a circle through it (least
        // squares, twice, from the box's centre) finds a seal cut by the page's edge too.
        for _ in 0..<2 {
            let outline = outermost(points, cx, cy).compactMap { $0 }.filter { visible.isOutline($0.x, $0.y) }
            guard outline.count >= 6, let fitted = leastSquares(outline.map { ($0.x, $0.y) }) else { break }
            (cx, cy) = (fitted.x, fitted.y)
        }
        let radii = outermost(points, cx, cy).compactMap { $0 }.filter { visible.isOutline($0.x, $0.y) }.map(\.r).sorted()
        let radius = radii.isEmpty ? 0 : radii[radii.count / 2]
        var expected = 0
        var covered = 0
        var rim = [Bool](repeating: false, count: sectors)
        for point in points {
            let r = hypot(point.x - cx, point.y - cy)
            if r >= radius * 0.8, r <= radius * 1.12 { rim[sector(point.x - cx, point.y - cy)] = true }
        }
        for s in 0..<sectors {
            let angle = (Double(s) + 0.5) / Double(sectors) * 2 * .pi
            guard visible.contains(cx + radius * cos(angle), cy + radius * sin(angle)) else { continue }
            expected += 1
            if rim[s] { covered += 1 }
        }
        let round = radii.filter { abs($0 - radius) <= radius * 0.15 }.count
        let outside = points.filter { hypot($0.x - cx, $0.y - cy) > radius * 1.2 }.count
        let inside = points.count - outside
        let area = Double.pi * radius * radius * Double(max(expected, 1)) / Double(sectors)
        return Circle(
            radius: radius,
            rimCoverage: expected > 0 ? Double(covered) / Double(expected) : 0,
            roundness: radii.isEmpty ? 0 : Double(round) / Double(radii.count),
            cornerShare: Double(outside) / Double(max(points.count, 1)),
            fill: area > 0 ? min(1, Double(inside) / area) : 0, isCut: visible.isCut)
    }

    /// Where a seal's ink could show: the page, less what lies beyond a straight cut. A seal
    /// stamped over the paper's edge ends in a straight line (the image's edge, or the
    /// paper's inside a larger photo or scan); ink along that line is not its outline, and
    /// its rim beyond it is not missing.
    struct Visible {
        var minX: Double, minY: Double, maxX: Double, maxY: Double
        var isCut: Bool

        init(mark: CellGrid.Mark, grid: CellGrid, outline: [(x: Double, y: Double, r: Double)]) {
            // A side is a cut when many outline points lie on it (a circle touches its box in
            // a few sectors only), and what is left of the seal reaches at least a third of
            // its chord away from it. Two opposite cuts make a bar (a highlighter stroke, a
            // rule), not a seal: then nothing is cut.
            func cut(_ count: Int) -> Bool { count >= Circle.sectors / 7 }
            let left = Double(mark.minX) + 0.5
            let right = Double(mark.maxX) + 0.5
            let top = Double(mark.minY) + 0.5
            let bottom = Double(mark.maxY) + 0.5
            let width = right - left + 1
            let height = bottom - top + 1
            var cutLeft = cut(outline.filter { $0.x <= left + 1 }.count) && width * 3 >= height
            var cutRight = cut(outline.filter { $0.x >= right - 1 }.count) && width * 3 >= height
            var cutTop = cut(outline.filter { $0.y <= top + 1 }.count) && height * 3 >= width
            var cutBottom = cut(outline.filter { $0.y >= bottom - 1 }.count) && height * 3 >= width
            if cutLeft && cutRight { (cutLeft, cutRight) = (false, false) }
            if cutTop && cutBottom { (cutTop, cutBottom) = (false, false) }
            minX = cutLeft ? left + 1.01 : 1.5
            maxX = cutRight ? right - 1.01 : Double(grid.width) - 1.5
            minY = cutTop ? top + 1.01 : 1.5
            maxY = cutBottom ? bottom - 1.01 : Double(grid.height) - 1.5
            let edge = mark.minX <= 1 || mark.minY <= 1 || mark.maxX >= grid.width - 2 || mark.maxY >= grid.height - 2
            isCut = edge || minX > 1.5 || minY > 1.5 || maxX < Double(grid.width) - 1.5 || maxY < Double(grid.height) - 1.5
        }

        /// Ink here can be the seal's outline (not on a cut or the page's edge).
        func isOutline(_ x: Double, _ y: Double) -> Bool { x > minX && y > minY && x < maxX && y < maxY }

        /// The seal's rim could show here.
        func contains(_ x: Double, _ y: Double) -> Bool { x >= minX - 1 && y >= minY - 1 && x <= maxX + 1 && y <= maxY + 1 }
    }

    private static func sector(_ dx: Double, _ dy: Double) -> Int {
        var angle = atan2(dy, dx)
        if angle < 0 { angle += 2 * .pi }
        return min(sectors - 1, Int(angle / (2 * .pi) * Double(sectors)))
    }

    private static func outermost(_ points: [(x: Double, y: Double)], _ cx: Double, _ cy: Double) -> [(x: Double, y: Double, r: Double)?] {
        var best = [(x: Double, y: Double, r: Double)?](repeating: nil, count: sectors)
        for point in points {
            let r = hypot(point.x - cx, point.y - cy)
            let s = sector(point.x - cx, point.y - cy)
            if r > (best[s]?.r ?? -1) { best[s] = (point.x, point.y, r) }
        }
        return best
    }

    /// Kåsa's algebraic fit: x² + y² + Dx + Ey + F = 0 by least squares.
    private static func leastSquares(_ points: [(Double, Double)]) -> (x: Double, y: Double)? {
        var m = [[Double]](repeating: [0, 0, 0, 0], count: 3)
        for (x, y) in points {
            let row = [x, y, 1.0]
            let target = -(x * x + y * y)
            for i in 0..<3 {
                for j in 0..<3 { m[i][j] += row[i] * row[j] }
                m[i][3] += row[i] * target
            }
        }
        for column in 0..<3 {
            guard let pivot = (column..<3).max(by: { abs(m[$0][column]) < abs(m[$1][column]) }), abs(m[pivot][column]) > 1e-9 else {
                return nil
            }
            m.swapAt(column, pivot)
            for row in 0..<3 where row != column {
                let factor = m[row][column] / m[column][column]
                for k in column..<4 { m[row][k] -= factor * m[column][k] }
            }
        }
        let d = m[0][3] / m[0][0]
        let e = m[1][3] / m[1][1]
        return (-d / 2, -e / 2)
    }
}
