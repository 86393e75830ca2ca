import Foundation
import Testing

@testable import MIME

/// How a part's filename is recovered from whatever its sender's mail client wrote.
@Suite struct FilenameTests {
    @Test func rfc2231ContinuationsOutOfOrderAreJoinedByIndex() {
        let part = Fixture.entity(
            headers: """
                Content-Type: application/pdf
                Content-Disposition: attachment;
                 filename*1*=%E1%BA%A1ch%20thi%20%C4%91ua.pdf;
                 filename*0*=UTF-8''K%E1%BA%BF%20ho
                """)
        #expect(part.filename == "Kế hoạch thi đua.pdf")
    }

    @Test func rfc2231PlainSegmentIsNotPercentDecoded() {
        let part = Fixture.entity(
            headers: """
                Content-Type: application/pdf
                Content-Disposition: attachment; filename*0*=UTF-8''K%E1%BA%BF; filename*1=" 100%25 ";
                 filename*2*=ho%E1%BA%A1ch.pdf
                """)
        // Segment 1 is plain: its "%25" stays as written; segments 0 and 2 are decoded.
        #expect(part.filename == "Kế 100%25 hoạch.pdf")
    }

    @Test func rfc2231FormWinsOverPlainFilename() {
        for order in [true, false] {
            let plain = "filename=\"Ke hoach.pdf\""
            let extended = "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch.pdf"
            let parameters = order ? "\(plain); \(extended)" : "\(extended); \(plain)"
            let part = Fixture.entity(headers: "Content-Type: application/pdf\nContent-Disposition: attachment; \(parameters)")
            #expect(part.filename == "Kế hoạch.pdf", "order plain-first: \(order)")
        }
    }

    @Test func rfc2231WithLegacyCharset() {
        // windows-1258 "Tr" ư ơ + combining grave "ng.pdf", percent-encoded.
        let part = Fixture.entity(
            headers: """
                Content-Type: application/pdf
                Content-Disposition: attachment; filename*=windows-1258'vi'Tr%FD%F5%CCng.pdf
                """)
        #expect(part.filename == "Trường.pdf")
    }

    @Test func encodedWordInsideQuotedFilenameGmailStyle() {
        let name = "Kế hoạch thi đua 2021.pdf"
        let part = Fixture.entity(
            headers: """
                Content-Type: application/pdf; name="=?UTF-8?B?\(Fixture.base64(name))?="
                Content-Disposition: attachment; filename="=?UTF-8?B?\(Fixture.base64(name))?="
                """)
        #expect(part.filename == name)
    }

    @Test func encodedWordsSplitAcrossTwoWordsInFilename() {
        // Outlook splits long names into several encoded words inside one quoted value.
        let bytes = Array("Kế hoạch.pdf".utf8)
        let first = Fixture.base64(Array(bytes[0..<4]))  // cuts "ế" after its first byte
        let second = Fixture.base64(Array(bytes[4...]))
        let part = Fixture.entity(
            headers: """
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="=?utf-8?B?\(first)?= =?utf-8?B?\(second)?="
                """)
        #expect(part.filename == "Kế hoạch.pdf")
    }

    @Test func nameOnContentTypeIsUsedWhenThereIsNoFilename() {
        let part = Fixture.entity(
            headers: """
                Content-Type: application/pdf; name="KH_TD_TH_Nguyen_Trai.pdf"
                Content-Transfer-Encoding: base64
                """)
        #expect(part.disposition == nil)
        #expect(part.filename == "KH_TD_TH_Nguyen_Trai.pdf")
    }

    @Test func dispositionFilenameWinsOverContentTypeName() {
        let part = Fixture.entity(
            headers: """
                Content-Type: application/pdf; name="old.pdf"
                Content-Disposition: attachment; filename="new.pdf"
                """)
        #expect(part.filename == "new.pdf")
    }

    @Test func unquotedFilenameWithSpacesIsKeptWhole() {
        let part = Fixture.entity(
            headers: """
                Content-Type: application/pdf
                Content-Disposition: attachment; filename=Ke hoach thi dua TH Nguyen Trai.pdf; size=1234
                """)
        #expect(part.filename == "Ke hoach thi dua TH Nguyen Trai.pdf")
        #expect(part.disposition?["size"] == "1234")
    }

    @Test func quotedFilenameWithSemicolonAndEscapedQuote() {
        let part = Fixture.entity(
            headers: #"""
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="KH; \"ban scan\".pdf"
                """#)
        #expect(part.filename == #"KH; "ban scan".pdf"#)
    }

    @Test func nfdFilenameFromAppleMailBecomesNFC() throws {
        let nfd = "Tru\u{031B}o\u{031B}\u{0300}ng Tie\u{0302}\u{0309}u ho\u{0323}c.pdf"
        #expect(nfd.unicodeScalars.count != "Trường Tiểu học.pdf".unicodeScalars.count)
        let part = Fixture.entity(headers: "Content-Type: application/pdf\nContent-Disposition: inline; filename=\"\(nfd)\"")
        let filename = try #require(part.filename)
        #expect(filename.unicodeScalars.elementsEqual("Trường Tiểu học.pdf".unicodeScalars))
    }

    @Test func nfdRFC2231FilenameBecomesNFC() {
        let nfd = "Tru\u{031B}o\u{031B}\u{0300}ng.pdf"
        let encoded = nfd.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let part = Fixture.entity(headers: "Content-Type: application/pdf\nContent-Disposition: attachment; filename*=utf-8''\(encoded)")
        #expect(part.filename?.unicodeScalars.elementsEqual("Trường.pdf".unicodeScalars) == true)
    }

    @Test func parameterNamesAreCaseInsensitive() {
        let part = Fixture.entity(
            headers: "Content-Type: Multipart/Mixed; BOUNDARY=\"Ab\"\nContent-Disposition: ATTACHMENT; FileName=\"a.pdf\"")
        #expect(part.contentType.value == "multipart/mixed")
        #expect(part.contentType["boundary"] == "Ab")
        #expect(part.disposition?.value == "attachment")
        #expect(part.filename == "a.pdf")
    }
}

/// Turning a sender's name into one safe path component.
@Suite struct SafeFilenameTests {
    @Test func pathTraversalIsNeutralised() {
        for hostile in ["../../etc/passwd", "..\\..\\windows\\system32", "/etc/passwd", "..", "./.", "a/../../b"] {
            let safe = SafeFilename.make(hostile)
            #expect(!safe.isEmpty, "\(hostile)")
            #expect(!safe.contains("/") && !safe.contains("\\"), "\(hostile) → \(safe)")
            #expect(!safe.contains(".."), "\(hostile) → \(safe)")
            #expect(!safe.hasPrefix("."), "\(hostile) → \(safe)")
        }
        #expect(SafeFilename.make("..") == "tep")
        #expect(SafeFilename.make("../../etc/passwd").hasSuffix("passwd"))
    }

    @Test func reservedWindowsDeviceNamesAreRenamed() {
        for reserved in ["CON.pdf", "con.pdf", "NUL", "Com1.pdf", "lpt9.jpg", "aux.tar.gz"] {
            let safe = SafeFilename.make(reserved)
            let stem = safe.split(separator: ".").first.map { $0.lowercased() } ?? ""
            #expect(!["con", "prn", "aux", "nul", "com1", "lpt9"].contains(stem), "\(reserved) → \(safe)")
            #expect(safe.hasSuffix(reserved), "\(reserved) → \(safe): the name stays recognisable")
        }
        #expect(SafeFilename.make("Contract.pdf") == "Contract.pdf")
    }

    @Test func controlAndBidiCharactersAreRemoved() {
        let safe = SafeFilename.make("scan\r\nBcc: x\u{0}\u{202E}fdp.exe\u{2066}.pdf")
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(!safe.unicodeScalars.contains { [0x202E, 0x2066, 0x200E, 0x200F].contains($0.value) })
        #expect(!safe.contains(":"))
        #expect(safe.hasSuffix(".pdf"))
        #expect(safe.hasPrefix("scan"))
    }

    @Test func longVietnameseNameIsCutToByteLimitKeepingExtension() throws {
        let stem = String(repeating: "Kế hoạch thi đua khen thưởng Trường Tiểu học Nguyễn Trãi ", count: 5)
        let name = stem + ".pdf"
        #expect(name.utf8.count >= 300)
        let safe = SafeFilename.make(name)
        #expect(safe.utf8.count <= 120)
        #expect(safe.utf8.count > 100, "cut no more than needed")
        #expect(safe.hasSuffix(".pdf"))
        let decoded = try #require(String(validating: Array(safe.utf8), as: UTF8.self))
        #expect(decoded.unicodeScalars.elementsEqual(decoded.precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(name.hasPrefix(String(safe.dropLast(4))), "a prefix of the original, cut on a character boundary")
    }

    @Test func nfdInputComesOutNFC() {
        let safe = SafeFilename.make("Tru\u{031B}o\u{031B}\u{0300}ng.pdf")
        #expect(safe.unicodeScalars.elementsEqual("Trường.pdf".unicodeScalars))
    }

    @Test func ordinaryNameIsUnchanged() {
        #expect(SafeFilename.make("Kế hoạch TĐKT 2021 (bản scan).pdf") == "Kế hoạch TĐKT 2021 (bản scan).pdf")
    }
}
