import MIME
import Testing

@testable import DocumentCheck

/// The seal and what only looks like one, on pages drawn to measure.
@Suite struct SealDetectorTests {
    let checker = DocumentChecker()

    func check(_ canvas: Canvas) -> DocumentCheckResult {
        let jpeg = canvas.jpeg()
        return checker.check(jpeg, kind: FileKind.detect(jpeg)).result
    }

    @Test(arguments: [3.2, 4.0, 4.8])
    func roundRedSealOfASealsSizeIsFound(diameter: Double) throws {
        var page = Canvas()
        page.seal(cx: 0.62, cy: 0.76, diameterCM: diameter)
        let result = check(page)
        #expect(result.verdict == .seal, "a \(diameter) cm seal: \(result)")
        let seal = try #require(result.seal)
        #expect(seal.page == 1)
        // The box, as fractions of the page, is where the seal was drawn.
        let expectedWidth = diameter / 2.54 / 8.27
        #expect(abs(seal.box[0] + seal.box[2] / 2 - 0.62) < 0.02, "centre x: \(seal.box)")
        #expect(abs(seal.box[1] + seal.box[3] / 2 - 0.76) < 0.02, "centre y: \(seal.box)")
        #expect(abs(seal.box[2] - expectedWidth) < expectedWidth * 0.2, "width: \(seal.box)")
    }

    @Test func crimsonPinkAndFadedSealsAreRed() {
        for colour: (UInt8, UInt8, UInt8) in [(160, 20, 40), (220, 70, 150), (225, 120, 130)] {
            var page = Canvas()
            page.seal(cx: 0.5, cy: 0.7, diameterCM: 4, colour: colour)
            #expect(check(page).verdict == .seal, "seal ink \(colour)")
        }
    }

    @Test func sealCutByThePageEdgeIsFound() {
        var page = Canvas()
        page.seal(cx: 0.97, cy: 0.8, diameterCM: 4)
        #expect(check(page).verdict == .seal)
    }

    @Test func warmLightDoesNotHideTheSeal() {
        var page = Canvas(paper: (245, 225, 170))
        page.seal(cx: 0.6, cy: 0.75, diameterCM: 4, colour: (200, 60, 20))
        #expect(check(page).verdict == .seal, "under a warm lamp red ink looks orange until the paper is made white")
    }

    @Test func smallRoundLogoIsNotASeal() {
        var page = Canvas()
        page.ring(cx: 0.2, cy: 0.08, outerCM: 0.7, innerCM: 0.55, colour: Canvas.sealRed)
        #expect(check(page).verdict == .noSeal)
    }

    @Test func rectangularStampIsNotASeal() {
        var page = Canvas()
        for (x, y, w, h) in [(0.5, 0.3, 0.22, 0.004), (0.5, 0.37, 0.22, 0.004), (0.5, 0.3, 0.003, 0.07), (0.718, 0.3, 0.003, 0.07)] {
            page.rectangle(x: x, y: y, width: w, height: h, colour: Canvas.sealRed)
        }
        page.rectangle(x: 0.53, y: 0.33, width: 0.15, height: 0.01, colour: Canvas.sealRed)
        #expect(check(page).verdict == .noSeal)
    }

    @Test func redLetterheadAndHighlighterAreNotSeals() {
        var page = Canvas()
        page.rectangle(x: 0.2, y: 0.05, width: 0.6, height: 0.02, colour: (200, 30, 40))
        page.rectangle(x: 0.12, y: 0.3, width: 0.5, height: 0.012, colour: (250, 150, 200))
        #expect(check(page).verdict == .noSeal)
    }

    @Test func nationalEmblemIsNotASeal() {
        var page = Canvas()
        page.disc(cx: 0.5, cy: 0.08, radiusCM: 1.6, colour: (210, 30, 35))
        page.ring(cx: 0.5, cy: 0.08, outerCM: 1.6, innerCM: 1.4, colour: (240, 200, 40))
        page.disc(cx: 0.5, cy: 0.08, radiusCM: 0.5, colour: (245, 210, 40))
        #expect(check(page).verdict == .noSeal)
    }

    @Test func grayScanIsGrayscaleEvenWithASeal() throws {
        var page = Canvas()
        page.seal(cx: 0.6, cy: 0.75, diameterCM: 4)
        let gray = page.image.pixels.enumerated().map { index, _ -> UInt8 in
            let base = index - index % 3
            return UInt8(
                (Int(page.image.pixels[base]) * 77 + Int(page.image.pixels[base + 1]) * 150 + Int(page.image.pixels[base + 2]) * 29) >> 8)
        }
        page.image = RGBImage(width: page.image.width, height: page.image.height, pixels: gray)
        #expect(check(page).verdict == .grayscale, "saved as RGB, but with no colour in it")
    }

    @Test func lowResolutionIsFlagged() {
        var page = Canvas(dpi: 100)
        page.seal(cx: 0.6, cy: 0.75, diameterCM: 4)
        let result = check(page)
        #expect(result.verdict == .seal)
        #expect(result.flags.contains(.lowDPI))
        #expect(result.dpi == 100)
    }

    @Test func sidewaysPageIsFlaggedRotated() {
        var page = Canvas()
        page.seal(cx: 0.6, cy: 0.75, diameterCM: 4)
        page.image = page.image.rotated(quarterTurns: 1)
        let result = check(page)
        #expect(result.flags.contains(.rotated), "\(result)")
        #expect(!check(Canvas()).flags.contains(.rotated))
    }

    @Test func blankAndDarkPages() {
        var blank = Canvas()
        blank.rectangle(x: 0, y: 0, width: 1, height: 1, colour: Canvas.paper)
        blank.disc(cx: 0.5, cy: 0.5, radiusCM: 0.1, colour: (30, 50, 170))
        #expect(check(blank).flags.contains(.blankPage))
        var dark = Canvas(paper: (95, 92, 88))
        dark.seal(cx: 0.6, cy: 0.75, diameterCM: 4, colour: (120, 20, 25))
        #expect(check(dark).flags.contains(.dark))
        #expect(!check(Canvas()).flags.contains(.dark))
    }
}
