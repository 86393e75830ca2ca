import DocumentCheck
import Foundation

/// Reads the parts of a scan that say what it is: the first page's header band (issuer,
/// number, date, type, title) and the signature block beside the seal (signer). Never the
/// whole document: a page of body text costs Tesseract seconds and says nothing thidua uses.
public struct ScanReader: DocumentTextReading {
    let recogniser: TextRecogniser
    let restorer: DiacriticRestorer

    /// `names`: the roster's unit names, whose spelling puts back the marks OCR drops.
    public init(recogniser: TextRecogniser, names: [String]) {
        self.recogniser = recogniser
        self.restorer = DiacriticRestorer(names: names)
    }

    /// The header and title take the top ~40% of an A4 first page.
    static let headerBand = 0.42

    public func read(first: TextPage, sealed: TextPage?, sealBox: [Double]?, seconds: Double) -> DocumentFacts? {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        func left() -> Double {
            let remaining = deadline - ContinuousClock.now
            return Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
        }
        let dpi = Int(first.dpi.rounded())
        var band = GreyImage(first, box: PixelBox(left: 0, top: 0, right: first.width, bottom: Int(Double(first.height) * Self.headerBand)))
            .binarised()
        // Only down to the body's first line: a line of body text costs as much to read as the
        // whole header, and says nothing thidua uses.
        if let body = band.bodyStart() {
            band = band.top(body)
        }
        let header = HeaderLayout(width: band.width).read(recogniser.lines(in: band, dpi: dpi, seconds: left()))
        var facts = DocumentFacts(
            issuer: header.issuer.map(restorer.restore), number: header.number, date: header.date, type: header.type,
            title: header.title.map(restorer.restore))
        var confidences = [header.confidence]
        if let sealed, let sealBox, sealBox.count == 4, left() > 0 {
            let box = Self.signatureBox(around: sealBox, width: sealed.width, height: sealed.height)
            let block = GreyImage(sealed, box: box)
            if let signer = SignatureBlock.signer(
                recogniser.lines(in: block.binarised(), dpi: Int(sealed.dpi.rounded()), seconds: left()), width: block.width)
            {
                facts.signer = restorer.restore(signer.text)
                confidences.append(signer.confidence)
            }
        }
        guard !facts.isEmpty else { return nil }
        // How much of what matters was read, times how surely Tesseract read it.
        let found = [facts.issuer, facts.number, facts.date, facts.type].compactMap { $0 }.count
        let sureness = confidences.reduce(0, +) / Double(confidences.count)
        facts.confidence = (Double(found) / 4 * sureness * 100).rounded() / 100
        return facts
    }

    /// The signer's title sits above the seal and the name under it, centred on the
    /// signature, which the seal overlaps on its left: from a seal's width left of the seal
    /// to the page's right edge, never into the left half (the "Nơi nhận" list is there).
    static func signatureBox(around seal: [Double], width: Int, height: Int) -> PixelBox {
        let (x, y, w, h) = (seal[0], seal[1], seal[2], seal[3])
        let left = max(0.42, x - w * 0.6)
        let top = max(0, y - h * 0.7)
        let bottom = min(1, y + h * 1.5)
        return PixelBox(
            left: Int(left * Double(width)), top: Int(top * Double(height)), right: width, bottom: Int(bottom * Double(height)))
    }
}
