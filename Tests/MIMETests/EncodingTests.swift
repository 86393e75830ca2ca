import Foundation
import TestSupport
import Testing

@testable import MIME

/// RFC 2047 headers, charsets (windows-1258 above all) and transfer encodings.
@Suite struct EncodedWordTests {
    @Test func utf8CharacterSplitAcrossTwoBase64Words() {
        let bytes = Array("Kế hoạch thi đua Trường TH".utf8)
        // Cut inside "ế" (E1 BA BF): its first byte ends the first word.
        let cut = 2
        #expect(bytes[cut - 1] == 0xE1)
        let first = Fixture.base64(Array(bytes[..<cut]))
        let second = Fixture.base64(Array(bytes[cut...]))
        let message = MailMessage.parse(
            Fixture.crlf(
                """
                From: a@b.vn
                Subject: =?UTF-8?B?\(first)?=
                 =?UTF-8?B?\(second)?=

                body
                """))
        #expect(message.subject == "Kế hoạch thi đua Trường TH")
        #expect(!message.subject.contains("\u{FFFD}"))
    }

    @Test func utf8CharacterSplitAcrossTwoQWords() {
        // "ư" is C6 B0: split between the words.
        #expect(EncodedWords.decode("=?utf-8?Q?Tr=C6?= =?utf-8?Q?=B0=E1=BB=9Dng?=") == "Trường")
    }

    @Test func qEncodingUnderscoresAreSpaces() {
        #expect(EncodedWords.decode("=?UTF-8?Q?K=E1=BA=BF_ho=E1=BA=A1ch_thi_=C4=91ua?=") == "Kế hoạch thi đua")
        // Lowercase hex and a lowercase "q" are tolerated.
        #expect(EncodedWords.decode("=?utf-8?q?K=e1=ba=bf_ho=e1=ba=a1ch?=") == "Kế hoạch")
    }

    @Test func textAroundEncodedWordsIsKeptAndSpaceBetweenWordsDropped() {
        let decoded = EncodedWords.decode("Fwd: =?UTF-8?Q?K=E1=BA=BF?= =?UTF-8?Q?_ho=E1=BA=A1ch?= (TH Nguyễn Trãi)")
        #expect(decoded == "Fwd: Kế hoạch (TH Nguyễn Trãi)")
    }

    @Test func differentCharsetsInAdjacentWords() {
        let decoded = EncodedWords.decode("=?iso-8859-1?Q?Caf=E9?= =?windows-1258?Q?_Tr=FD=F5=CCng?=")
        #expect(decoded == "Café Trường")
    }

    @Test func malformedEncodedWordIsLeftAsText() {
        #expect(EncodedWords.decode("a =?utf-8?X?abc?= b") == "a =?utf-8?X?abc?= b")
        #expect(EncodedWords.decode("no words here") == "no words here")
    }

    @Test func windows1258SubjectWithCombiningToneMark() {
        let message = MailMessage.parse(Fixture.crlf("Subject: =?windows-1258?Q?K=EA=EC_hoa=F2ch_Tr=FD=F5=CCng?=\n\nx"))
        #expect(message.subject == "Kế hoạch Trường")
    }

    @Test func displayNameInFromIsDecoded() {
        let message = MailMessage.parse(
            Fixture.crlf(
                """
                From: =?UTF-8?B?\(Fixture.base64("Trường TH Nguyễn Trãi"))?= <TH.NguyenTrai@HanoiEdu.vn>
                Subject: x

                y
                """))
        #expect(message.from?.displayName == "Trường TH Nguyễn Trãi")
        #expect(message.from?.address == "th.nguyentrai@hanoiedu.vn")
    }
}

@Suite struct CharsetTests {
    @Test func windows1258CombiningToneMarksBecomeNFC() {
        // "Tr" ư (FD) ơ (F5) combining grave (CC) "ng"
        let decoded = Charset.decode([0x54, 0x72, 0xFD, 0xF5, 0xCC, 0x6E, 0x67], charset: "windows-1258")
        #expect(decoded.isExact)
        #expect(decoded.text == "Trường")
        #expect(decoded.text.unicodeScalars.elementsEqual("Tr\u{01B0}\u{1EDD}ng".unicodeScalars), "precomposed ờ (U+1EDD)")
    }

    @Test func windows1258AliasesAndOtherLetters() {
        // đ (F0), ă (E3) + hook above (D2), ê (EA) + acute (EC); the đồng sign (FE).
        let bytes: [UInt8] = [0xF0, 0xE3, 0xD2, 0x20, 0xEA, 0xEC, 0x20, 0xFE]
        for name in ["windows-1258", "WINDOWS-1258", "cp1258", "x-cp1258"] {
            #expect(Charset.decode(bytes, charset: name).text == "đẳ ế ₫", "\(name)")
        }
    }

    @Test func windows1258BodyPartIsDecoded() {
        // "Pho" + combining grave (CC) + "ng GD" + Đ (D0) + "T"
        let body: [UInt8] = Array("Pho".utf8) + [0xCC] + Array("ng GD".utf8) + [0xD0] + Array("T".utf8)
        let raw =
            Fixture.crlf("Subject: x\nContent-Type: text/plain; charset=\"windows-1258\"\nContent-Transfer-Encoding: 8bit\n\n")
            + body
        let message = MailMessage.parse(raw)
        #expect(message.bodyText == "Phòng GDĐT")
        #expect(message.bodyText.unicodeScalars.contains("\u{00F2}"), "precomposed ò")
    }

    @Test func utf8AndLegacyNames() {
        #expect(Charset.decode(Array("Trường".utf8), charset: "UTF8").text == "Trường")
        #expect(Charset.decode([0x43, 0x61, 0x66, 0xE9], charset: "latin1").text == "Café")
        let unknown = Charset.decode([0x43, 0x61, 0x66, 0xE9], charset: "x-unknown")
        #expect(!unknown.isExact)
        #expect(unknown.text == "Café")
        let invalidUTF8 = Charset.decode([0x41, 0xFF], charset: "utf-8")
        #expect(!invalidUTF8.isExact)
    }
}

@Suite struct TransferEncodingTests {
    @Test func base64WithWhitespaceGarbageAndMissingPadding() {
        let expected = Array("Kế hoạch thi đua năm 2021".utf8)
        let clean = Fixture.base64(expected)
        let padding = clean.filter { $0 == "=" }.count
        #expect(padding > 0, "the fixture must lose real padding")
        let unpadded = String(clean.dropLast(padding))
        // Wrapped at odd places, with spaces, tabs and bytes outside the alphabet.
        var messy = ""
        for (index, character) in unpadded.enumerated() {
            messy.append(character)
            if index % 7 == 6 { messy += "\r\n" }
            if index % 11 == 10 { messy += " \t*" }
        }
        #expect(Base64.decode(Array(messy.utf8)) == expected)
        #expect(Base64.decode(Array(clean.utf8)) == expected)
        #expect(TransferEncoding(headerValue: " Base64 ").decode(ArraySlice(Array(messy.utf8))) == expected)
    }

    @Test func base64StopsAtPadding() {
        #expect(Base64.decode(Array("SGk=\r\nIGdhcmJhZ2U=".utf8)) == Array("Hi".utf8))
    }

    /// The decoder's fast path (whole groups at once) must agree with the definition, one
    /// character at a time, on any mix of alphabet, line breaks, garbage and padding.
    @Test func base64DecodesAsTheCharacterAtATimeDefinition() {
        var random = SeededGenerator()
        let pieces = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8) + Array("\r\n \t*-_=".utf8)
        for round in 0..<2000 {
            let length = Int.random(in: 0...(round < 1000 ? 40 : 400), using: &random)
            // Mostly the alphabet, as in real bodies, so that the fast path runs.
            let input = (0..<length).map { _ in
                Int.random(in: 0..<20, using: &random) == 0
                    ? pieces.randomElement(using: &random)! : pieces[Int.random(in: 0..<64, using: &random)]
            }
            #expect(
                Base64.decode(input) == Self.reference(input),
                "\(String(decoding: input, as: UTF8.self).debugDescription) (\(random.replay))")
        }
    }

    /// Lines as encoders write them, which the decoder takes line after line (with AVX2,
    /// where the CPU has it): CRLF or bare LF, lines of 76 characters and of lengths that
    /// split a group of four, the final padding, and now and then a stray character.
    @Test func base64LinesDecodeAsTheDefinition() {
        var random = SeededGenerator()
        for round in 0..<600 {
            let data = (0..<Int.random(in: 0...2000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let encoded = Array(Base64.encode(data, lineLength: 0).utf8)
            let lineLength = [76, 76, 76, 64, 72, 57, 5, 1][round % 8]
            let lineBreak: [UInt8] = round % 3 == 0 ? [10] : [13, 10]
            var input: [UInt8] = []
            for start in stride(from: 0, to: encoded.count, by: lineLength) {
                input += encoded[start..<min(start + lineLength, encoded.count)] + lineBreak
            }
            let stray = round % 5 == 4 && !input.isEmpty
            if stray {
                input[Int.random(in: 0..<input.count, using: &random)] = [UInt8(ascii: "*"), 13, 10, 32].randomElement(using: &random)!
            }
            let decoded = Base64.decode(input)
            #expect(decoded == Self.reference(input), "line length \(lineLength), \(input.count) characters (\(random.replay))")
            if !stray { #expect(decoded == data, "\(random.replay)") }
        }
    }

    /// Base64 one character at a time, as RFC 2045 reads it.
    static func reference(_ input: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            if byte == UInt8(ascii: "=") { break }
            guard let value = alphabet.firstIndex(of: byte) else { continue }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }

    /// The 32-character blocks decoded with AVX2 (where the CPU has it): every byte value in
    /// every lane position is either decoded as its alphabet value or left to the
    /// character-at-a-time path, and long clean runs with rare breaks agree with the definition.
    @Test func base64BlocksAgreeWithTheDefinitionForEveryByteInEveryPosition() {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let clean = (0..<96).map { alphabet[($0 * 7 + 3) % 64] }
        let decodedClean = Base64.decode(clean)
        #expect(decodedClean.count == 72)
        #expect(Base64.encode(decodedClean, lineLength: 0) == String(decoding: clean, as: UTF8.self))
        for byte in 0...255 {
            for position in [0, 1, 7, 15, 16, 17, 31, 32, 47, 63, 95] {
                var input = clean
                input[position] = UInt8(byte)
                let value = alphabet.firstIndex(of: UInt8(byte))
                let expected: [UInt8]
                if value != nil {
                    expected = Array(Data(base64Encoded: Data(input))!)
                } else if byte == UInt8(ascii: "=") {
                    expected = Base64.decode(Array(input[..<position]))
                } else {
                    var skipped = input
                    skipped.remove(at: position)
                    expected = Base64.decode(skipped)
                }
                #expect(Base64.decode(input) == expected, "byte \(byte) at \(position)")
            }
        }
        var random = SeededGenerator()
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...3000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            for lineLength in [0, 76, 64, 33, 4] {
                var text = Array(Base64.encode(bytes, lineLength: lineLength).utf8)
                if lineLength == 33 { text = text.filter { $0 != 13 } }  // bare LF line ends
                #expect(Base64.decode(text) == bytes, "\(bytes.count) bytes in lines of \(lineLength) (\(random.replay))")
            }
        }
    }

    @Test func base64RoundTripOfAllByteValues() {
        let bytes = (0..<600).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let encoded = Base64.encode(bytes)
        #expect(encoded.split(separator: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(Base64.decode(Array(encoded.utf8)) == bytes)
        #expect(Base64.encode(bytes, lineLength: 0) == Fixture.base64(bytes))
    }

    @Test func quotedPrintableSoftBreaksAndHexEscapes() {
        let encoded = "K=E1=BA=BF ho=\r\n=E1=BA=A1ch thi =C4=91ua=\nn=C4=83m   =\r\n2021\r\nd=c3=b2ng 2 a=3Db"
        let decoded = QuotedPrintable.decode(Array(encoded.utf8))
        #expect(String(decoding: decoded, as: UTF8.self) == "Kế hoạch thi đuanăm   2021\r\ndòng 2 a=b")
    }

    @Test func quotedPrintableSoftBreakWithTrailingBlanksAndStrayEquals() {
        #expect(QuotedPrintable.decode(Array("abc= \t\r\ndef".utf8)) == Array("abcdef".utf8))
        #expect(QuotedPrintable.decode(Array("50% =ZZ off=".utf8)) == Array("50% =ZZ off".utf8))
    }

    @Test func transferEncodingHeaderValues() {
        #expect(TransferEncoding(headerValue: "QUOTED-PRINTABLE") == .quotedPrintable)
        #expect(TransferEncoding(headerValue: nil) == .sevenBit)
        #expect(TransferEncoding(headerValue: "x-uuencode") == .uuencode)
    }
}

@Suite struct DateAndDigestTests {
    @Test func mailDateWithNumericZone() throws {
        let parsed = try #require(MailDate.parse("Thu, 18 Feb 2021 09:12:00 +0700"))
        let expected = try #require(ISO8601DateFormatter().date(from: "2021-02-18T02:12:00Z"))
        #expect(parsed == expected)
    }

    @Test func mailDateObsoleteForms() throws {
        let expected = try #require(ISO8601DateFormatter().date(from: "2021-02-18T02:12:00Z"))
        #expect(MailDate.parse("18 Feb 21 02:12 GMT") == expected)
        #expect(MailDate.parse("Thu, 18 Feb 2021 09:12:00 +0700 (ICT)") == expected)
        #expect(MailDate.parse("Wed, 17 Feb 2021 21:12:00 -0500") == expected)
        #expect(MailDate.parse("not a date") == nil)
    }

    /// The byte-level reading of the usual form gives the date the general one gives, for
    /// the usual form and for near misses of it (which it must leave to the general one or
    /// read the same).
    @Test func usualFormIsReadAsEveryFormIs() {
        var generator = SeededGenerator()
        let weekdays = ["", "Mon, ", "thu,", "Sun,  "]
        let months = ["Jan", "feb", "MAR", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "December", "Xyz"]
        let zones = ["+0700", "-0500", "+0000", "-1230", "+1900", "+07:00", "GMT", "ICT", "+070", ""]
        let tails = ["", " (ICT)", "(UTC)", " extra", "\t", "\r\n"]
        let mutations: [(String) -> String] = [
            { $0 }, { $0.replacingOccurrences(of: ":", with: "") }, { $0.replacingOccurrences(of: " ", with: "\u{A0}") },
            { String($0.dropLast(2)) }, { $0 + " 12" }, { "  " + $0 },
        ]
        var usual = 0
        for _ in 0..<20_000 {
            let year = [Int.random(in: 1970...2099, using: &generator), Int.random(in: 0...99, using: &generator), 999, 1000][
                Int.random(in: 0...3, using: &generator)]
            let seconds = Bool.random(using: &generator) ? String(format: ":%02d", Int.random(in: 0...60, using: &generator)) : ""
            let base =
                "\(weekdays.randomElement(using: &generator)!)\(Int.random(in: 0...32, using: &generator)) "
                + "\(months.randomElement(using: &generator)!) \(year) "
                + String(format: "%02d:%02d", Int.random(in: 0...24, using: &generator), Int.random(in: 0...59, using: &generator))
                + seconds + " " + zones.randomElement(using: &generator)! + tails.randomElement(using: &generator)!
            let text = mutations.randomElement(using: &generator)!(base)
            guard let fast = MailDate.parseUsual(text) else { continue }
            usual += 1
            #expect(fast == MailDate.parseAnyForm(text), "\(text.debugDescription); \(generator.replay)")
        }
        #expect(usual > 1_000, "the usual form was read byte by byte \(usual) times of 20,000; \(generator.replay)")
        #expect(MailDate.parseUsual("Thu, 18 Feb 2021 09:12:00 +0700") != nil)
        #expect(MailDate.parseUsual("18 Feb 21 02:12 GMT") == nil)
    }

    /// The arithmetic gives what Foundation's Gregorian calendar gives, across leap years,
    /// month ends, centuries and days past a month's end (which roll over in both).
    @Test func mailDateArithmeticMatchesFoundationsCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        var random = SeededGenerator()
        let fixed = [
            (1970, 1, 1), (2000, 2, 29), (1900, 3, 1), (2100, 2, 28), (2021, 2, 31), (2024, 12, 31), (1969, 12, 31), (2038, 1, 19),
        ]
        let randomDates = (0..<2000).map { _ in
            (Int.random(in: 1900...2200, using: &random), Int.random(in: 1...12, using: &random), Int.random(in: 1...31, using: &random))
        }
        for (year, month, day) in fixed + randomDates {
            let expected = calendar.date(from: DateComponents(year: year, month: month, day: day))!
            #expect(
                MailDate.daysSince1970(year: year, month: month, day: day) * 86_400 == Int(expected.timeIntervalSince1970),
                "\(year)-\(month)-\(day) (\(random.replay))")
        }
        #expect(MailDate.parse("Mon, 29 Feb 2016 23:59:60 +0000") == calendar.date(from: DateComponents(year: 2016, month: 3, day: 1)))
    }

    @Test func mailDateFormatRoundTrips() throws {
        let date = try #require(ISO8601DateFormatter().date(from: "2021-02-18T02:12:00Z"))
        let zone = try #require(TimeZone(identifier: "Asia/Ho_Chi_Minh"))
        let text = MailDate.format(date, in: zone)
        #expect(text == "Thu, 18 Feb 2021 09:12:00 +0700")
        #expect(MailDate.parse(text) == date)
    }

    @Test func sha256KnownVectors() {
        #expect(SHA256Hasher.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hasher.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func sha256IncrementalEqualsOneShot() {
        let data = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
        let hasher = SHA256Hasher()
        hasher.update(Array(data[..<3333]))
        hasher.update(Array(data[3333...]))
        #expect(hasher.finalize() == SHA256Hasher.hex(of: data))
    }
}

@Suite struct AddressListTests {
    /// ASCII address lists (encoded words included) are split byte by byte; the split must
    /// be the one the character-by-character reading gives, quotes, angles and commas in
    /// any order included.
    @Test func asciiListsSplitAsCharactersDo() {
        var generator = SeededGenerator()
        let pieces = [
            "\"", "<", ">", ",", " ", "\r\n ", "(", ")", "@", "a@b.vn", "Nguyen Van A", "=?UTF-8?B?VHLGsOG7nW5n?=",
            "\\\"", "x", "truong.th@edu.vn", ";",
        ]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
            #expect(
                MailAddress.parseASCIIList(text) == MailAddress.parseAnyList(text), "\(text.debugDescription); \(generator.replay)")
        }
        #expect(
            MailAddress.parseList("\"Lê, Văn\" <le@a.vn>, b@c.vn").map(\.address) == ["le@a.vn", "b@c.vn"],
            "a list with a quoted comma, not ASCII: read character by character")
        #expect(MailAddress.parseList("\"Le, Van\" <le@a.vn>, b@c.vn").map(\.address) == ["le@a.vn", "b@c.vn"])
    }
}
