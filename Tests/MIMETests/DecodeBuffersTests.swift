import Foundation
import TestSupport
import Testing

@testable import MIME

#if canImport(Glibc)
    import Glibc
#endif

/// Attachments decoded into memory kept from earlier messages (`DecodeBuffers`).
@Suite struct DecodeBuffersTests {
    static func encoded(_ data: [UInt8]) -> [UInt8] {
        Array(Base64.encode(data, lineLength: 76).utf8)
    }

    /// Base64 in 76-character lines ended by `\n`, for `Fixture.crlf`.
    static func lines(_ data: [UInt8]) -> String {
        Base64.encode(data).replacingOccurrences(of: "\r\n", with: "\n")
    }

    static func random(_ count: Int, _ generator: inout some RandomNumberGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// Bodies smaller and larger than the buffer they land in, so a buffer's old bytes
    /// and its released pages would show in a wrong result.
    @Test func aReusedBufferDecodesAsAFreshOne() {
        var generator = SeededGenerator()
        var buffers = DecodeBuffers()
        let sizes = [225_000, 75_000, 300_000, 66_000, 500_000, 125_000, 10_000, 250_000, 249_999]
        for size in sizes {
            let data = Self.random(size, &generator)
            let decoded = Base64.decode(Self.encoded(data)[...], reusing: &buffers)
            #expect(decoded == data, "\(size) bytes (\(generator.replay))")
            buffers.recycle(consume decoded)
        }
        #expect(buffers.keptBytes > 0)
    }

    @Test func aRecycledBufferIsDecodedInto() {
        var generator = SeededGenerator()
        var buffers = DecodeBuffers()
        let first = Base64.decode(Self.encoded(Self.random(400_000, &generator))[...], reusing: &buffers)
        let address = first.withUnsafeBufferPointer { $0.baseAddress }
        buffers.recycle(consume first)
        let data = Self.random(250_000, &generator)
        let second = Base64.decode(Self.encoded(data)[...], reusing: &buffers)
        #expect(second.withUnsafeBufferPointer { $0.baseAddress } == address)
        #expect(second == data, "\(generator.replay)")
        #expect(buffers.keptBytes == 0, "the one kept buffer is in use")
    }

    @Test func keepsNoMoreThanItsLimit() {
        var buffers = DecodeBuffers(limit: 2_500_000)
        for _ in 0..<5 { buffers.recycle([UInt8](repeating: 1, count: 1_000_000)) }
        #expect(buffers.keptBytes <= 2_500_000)
        #expect(buffers.keptBytes >= 2_000_000)
        var large = DecodeBuffers(limit: 2_500_000)
        large.recycle([UInt8](repeating: 1, count: 3_000_000))
        #expect(large.keptBytes == 0, "a buffer over the limit is let go")
        var small = DecodeBuffers()
        small.recycle([UInt8](repeating: 1, count: 1000))
        #expect(small.keptBytes == 0, "a small buffer is not worth keeping")
    }

    /// A buffer serving a smaller body keeps its pages mapped only `residentSlack` past the
    /// body (for a slightly larger body next), and gives the rest back to the kernel.
    @Test func pagesPastTheSlackAreGivenBack() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var buffers = DecodeBuffers()
        buffers.recycle([UInt8](repeating: 1, count: 3_000_000))  // every page touched
        let taken = buffers.take(count: 1_000_000)
        let buffer = try #require(taken)
        func resident(_ range: Range<Int>) -> [Bool] {
            buffer.withUnsafeBufferPointer { elements in
                let base = UInt(bitPattern: elements.baseAddress!)
                let start = (base + UInt(range.lowerBound) + UInt(page) - 1) & ~UInt(page - 1)
                let end = (base + UInt(range.upperBound)) & ~UInt(page - 1)
                var pages = [UInt8](repeating: 0, count: Int(end - start) / page)
                #expect(mincore(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), &pages) == 0)
                return pages.map { $0 & 1 == 1 }
            }
        }
        let slackEnd = 1_000_000 + DecodeBuffers.residentSlack
        #expect(resident(1_000_000..<(slackEnd - page)).allSatisfy { $0 }, "the slack stays mapped")
        #expect(resident((slackEnd + page)..<2_900_000).allSatisfy { !$0 }, "past the slack, pages are given back")
    }

    /// A body larger than every kept buffer gets fresh memory, and the kept buffers make
    /// room for it under the limit instead of adding to the peak.
    @Test func aLargerBodyLetsKeptBuffersGo() {
        var buffers = DecodeBuffers(limit: 4_000_000)
        for _ in 0..<3 { buffers.recycle([UInt8](repeating: 1, count: 1_000_000)) }
        #expect(buffers.take(count: 2_500_000) == nil)
        #expect(buffers.keptBytes + 2_500_000 <= 4_000_000)
        #expect(buffers.keptBytes > 0, "only as many as needed are let go")
    }

    @Test func aMessageParsedWithBuffersHasTheSameFiles() {
        var generator = SeededGenerator()
        var buffers = DecodeBuffers()
        for round in 0..<3 {
            let scan = Self.random(600_000 - round * 200_000, &generator)
            let photo = Self.random(150_000 + round * 300_000, &generator)
            let raw = Fixture.crlf(
                """
                From: Trường TH Kim Đồng <c1kimdong@bd.edu.vn>
                Subject: Kế hoạch thi đua
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=utf-8

                Kính gửi Phòng GDĐT.
                --b
                Content-Type: application/pdf; name="ke-hoach.pdf"
                Content-Transfer-Encoding: base64

                \(Self.lines(scan))
                --b
                Content-Type: image/jpeg; name="anh.jpg"
                Content-Transfer-Encoding: base64

                \(Self.lines(photo))
                --b--

                """)
            let plain = MailMessage.parse(raw)
            var message = MailMessage.parse(raw[...], buffers: &buffers)
            #expect(message.attachments.map(\.data) == [scan, photo])
            #expect(message.attachments.map(\.sha256) == plain.attachments.map(\.sha256))
            #expect(message.bodyText == plain.bodyText)
            buffers.recycle(attachmentsOf: &message)
            #expect(message.attachments.allSatisfy { $0.data.isEmpty })
            #expect(buffers.keptBytes >= 150_000 + round * 300_000)
        }
    }
}
