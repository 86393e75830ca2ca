import Foundation

/// Renders one PDF page with poppler's `pdftoppm`, for the pages that are not one plain
/// embedded image (JBIG2, JPEG 2000, CCITT, tiles, vector drawing).
///
/// It runs as a subprocess under a memory and CPU limit and a wall-clock deadline: a
/// hostile page can cost that process, never the daemon. One rasterizer serves one file:
/// the file is written to a temporary path once, at the first page that needs it, for all
/// of its pages, and removed with the rasterizer.
final class PageRasterizer {
    static let executable = "/usr/bin/pdftoppm"

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    private let pdf: [UInt8]
    private var input: URL?

    init(pdf: [UInt8]) {
        self.pdf = pdf
    }

    deinit {
        if let input { try? FileManager.default.removeItem(at: input) }
    }

    /// The PDF on disk for `pdftoppm`, written at the first call.
    private func inputFile() throws(DecodeError) -> URL {
        if let input { return input }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-page-\(UUID().uuidString).pdf")
        do {
            try Data(pdf).write(to: url)
        } catch {
            throw DecodeError("could not write a temporary file for pdftoppm: \(error)")
        }
        input = url
        return url
    }

    /// The page (1-based) with its long side `longSide` pixels, `/Rotate` applied.
    func render(page: Int, longSide: Int, seconds: Double, memory: Int) throws(DecodeError) -> RGBImage {
        guard Self.isAvailable else { throw DecodeError("\(Self.executable) is missing (Debian package poppler-utils)") }
        guard seconds > 0.5 else { throw DecodeError("the time limit for the file was reached") }
        let input = try inputFile()
        // ulimit -v bounds its memory (KiB), -t its CPU seconds; the wall clock is watched here.
        let script = "ulimit -v \(memory / 1024); ulimit -t \(Int(seconds.rounded(.up))); exec \"$0\" \"$@\""
        let arguments = [
            "-c", script, Self.executable, "-q", "-f", "\(page)", "-l", "\(page)", "-singlefile", "-scale-to", "\(longSide)", input.path,
        ]
        guard let outcome = BoundedProcess.run("/bin/sh", arguments, seconds: seconds, maxOutput: longSide * longSide * 3 + 64),
            outcome.exitStatus == 0
        else {
            throw DecodeError("pdftoppm could not render page \(page) within the limits (\(Int(seconds)) s, \(memory >> 20) MB)")
        }
        let data = outcome.output
        guard let image = PPM.read(data) else { throw DecodeError("pdftoppm gave no picture of page \(page)") }
        return image
    }
}

/// Binary PPM (`P6`, 8-bit), as `pdftoppm` writes it: a text header, then RGB bytes.
enum PPM {
    static func read(_ bytes: [UInt8]) -> RGBImage? {
        var fields: [Int] = []
        var index = 2
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "6") else { return nil }
        while fields.count < 3, index < bytes.count {
            while index < bytes.count, [9, 10, 13, 32].contains(bytes[index]) { index += 1 }
            var value = 0
            var digits = 0
            while index < bytes.count, (48...57).contains(bytes[index]), digits < 9 {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
                digits += 1
            }
            guard digits > 0 else { return nil }
            fields.append(value)
        }
        index += 1
        let (width, height) = (fields[0], fields[1])
        guard fields[2] == 255, width > 0, height > 0, bytes.count - index >= width * height * 3 else { return nil }
        return RGBImage(width: width, height: height, pixels: Array(bytes[index..<(index + width * height * 3)]))
    }
}
