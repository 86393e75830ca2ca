import Intake

/// Reads a first page's header band the way Nghị định 30/2020 lays it out: the issuing
/// body top left (under its parent body), "Số:" under it; the national motto and the
/// place and date top right; then the type and title, centred. Pure: lines in, fields out.
struct HeaderLayout {
    /// The band's width in pixels (the page's).
    let width: Int

    struct Fields: Equatable {
        var issuer: String?
        var number: String?
        var date: String?
        var type: String?
        var title: String?
        /// The mean word confidence of the lines the fields came from.
        var confidence: Double = 0
    }

    func read(_ lines: [OCRLine]) -> Fields {
        // A long issuer ("TRƯỜNG TRUNG HỌC CƠ SỞ PHẠM HỒNG THÁI") comes within ~8 mm of the
        // motto; words on a line, even justified, stand under 3 mm apart.
        let segments = lines.flatMap { $0.segments(gap: max(1, width / 40)) }
            .filter { $0.text.filter(\.isLetter).count + $0.text.filter(\.isNumber).count >= 2 }
            .sorted { $0.box.top < $1.box.top }
        var fields = Fields()
        var used: [OCRLine] = []

        let numberLine = segments.first { DocumentNumber.parse($0.text) != nil }
        fields.number = numberLine.flatMap { DocumentNumber.parse($0.text) }
        let dateLine = segments.first { DocumentDate.parse($0.text) != nil }
        fields.date = dateLine.flatMap { DocumentDate.parse($0.text) }
        used += [numberLine, dateLine].compactMap { $0 }

        // The issuer: left-column capitals above the number (or in the top of the band).
        let limit = numberLine?.box.top ?? dateLine?.box.bottom ?? (segments.first?.box.bottom ?? 0) + width / 8
        let issuerLines = segments.filter { isLeft($0) && $0.box.bottom <= limit + 4 && isCapitals($0.text) && $0 != numberLine }
        if let issuer = Self.issuer(issuerLines) {
            fields.issuer = issuer.text
            used += issuer.lines
        }

        // The type and title, centred under the header.
        let headerBottom = max(numberLine?.box.bottom ?? 0, dateLine?.box.bottom ?? 0, issuerLines.last?.box.bottom ?? 0)
        let below = segments.filter { $0.box.top >= headerBottom - 4 }
        if let typeIndex = below.firstIndex(where: { isCentred($0) && DocumentType.named(by: $0.text) != nil }) {
            fields.type = DocumentType.named(by: below[typeIndex].text)
            used.append(below[typeIndex])
            let title = titleLines(after: below[typeIndex], in: Array(below[(typeIndex + 1)...]))
            if !title.isEmpty {
                fields.title = title.map(\.text).joined(separator: " ")
                used += title
            }
        } else if let subject = segments.first(where: { isLeft($0) && TextFolding.fold($0.text).hasPrefix("v v ") }) {
            // A letter: "V/v …" under the number says what it is about.
            fields.type = DocumentType.letter
            var lines = [subject]
            for next in segments where isLeft(next) && next.box.top > subject.box.top {
                guard next.box.top - lines.last!.box.bottom < lines.last!.box.height else { break }
                lines.append(next)
            }
            let text = lines.map(\.text).joined(separator: " ")
            fields.title = String(text.drop { $0 != " " }.drop { $0 == " " })
            used += lines
        }
        if fields.type == nil { fields.type = fields.number.flatMap(DocumentType.named(byNumber:)) }
        let words = used.flatMap(\.words)
        fields.confidence = words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count)
        return fields
    }

    /// The issuing body from the left column's lines: a parent body ("PHÒNG GD&ĐT …",
    /// "UBND …", "SỞ …") on the first line is not the issuer; a long name may run over two.
    static func issuer(_ lines: [OCRLine]) -> (text: String, lines: [OCRLine])? {
        guard !lines.isEmpty else { return nil }
        let parents = ["phong", "ubnd", "uy ban", "so giao duc", "so gd"]
        var body = lines
        if body.count > 1, parents.contains(where: { TextFolding.fold(body[0].text).hasPrefix($0) }) {
            body.removeFirst()
        }
        // The rule printed under the issuer reads as dashes or a stray word; stop at a line
        // far below the one before.
        var kept = [body[0]]
        for line in body.dropFirst() where line.box.top - kept.last!.box.bottom < kept.last!.box.height {
            kept.append(line)
        }
        return (kept.map(\.text).joined(separator: " "), kept)
    }

    private func titleLines(after type: OCRLine, in lines: [OCRLine]) -> [OCRLine] {
        var title: [OCRLine] = []
        var previous = type
        for line in lines {
            // Title lines follow each other closely; the body starts a line's height or more
            // below (under the title's short rule), and its lines are centred too.
            guard isCentred(line), line.box.top - previous.box.bottom < previous.box.height, title.count < 3 else { break }
            title.append(line)
            previous = line
        }
        return title
    }

    private func isLeft(_ line: OCRLine) -> Bool {
        line.box.centreX < Double(width) * 0.45 && line.box.right < width * 6 / 10
    }

    private func isCentred(_ line: OCRLine) -> Bool {
        abs(line.box.centreX - Double(width) / 2) < Double(width) * 0.12
    }

    private func isCapitals(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        return letters.count >= 3 && letters.filter(\.isUppercase).count * 10 >= letters.count * 8
    }
}
