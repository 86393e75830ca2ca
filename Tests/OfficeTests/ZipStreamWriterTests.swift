import CSystemZlib
import Foundation
import Testing
import ZIPFoundation

@testable import Office

struct ZipStreamWriterTests {
    static let hanoi = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    /// 2021-02-19 09:12:35 in Hanoi, 02:12:35 UTC.
    static let received = Date(timeIntervalSince1970: 1_613_700_755)
    static let unitFolder = "TH01 - Trường Tiểu học Vạn Phúc/"

    @Test func vietnameseMembersReadBackWithZIPFoundation() async throws {
        let folder = try ZipTestFolder()
        defer { folder.remove() }
        let plan = ZipTestFolder.randomBytes(600_000, seed: 1)
        let form = ZipTestFolder.randomBytes(1_234, seed: 2)
        let summary = Array("tổng hợp".utf8)
        let planURL = try folder.write("plan.pdf", plan)
        let formURL = try folder.write("form.jpg", form)
        let made = try await ZipTestArchive.make { writer in
            try await writer.addData(name: "Tổng hợp.xlsx", bytes: summary, modified: Self.received)
            try await writer.addDirectory(name: Self.unitFolder, modified: Self.received)
            try await writer.addFile(name: Self.unitFolder + "Kế hoạch.pdf", at: planURL, modified: Self.received)
            // As a Mac would hand it over: decomposed.
            let decomposed = (Self.unitFolder + "Biểu mẫu.jpg").decomposedStringWithCanonicalMapping
            try await writer.addFile(name: decomposed, at: formURL, modified: Self.received)
        }
        let archive = try made.zipFoundation(in: folder)
        let entries = Array(archive)
        #expect(
            entries.map(\.path) == [
                "Tổng hợp.xlsx", Self.unitFolder, Self.unitFolder + "Kế hoạch.pdf", Self.unitFolder + "Biểu mẫu.jpg",
            ])
        #expect(entries.map(\.type) == [.file, .directory, .file, .file])
        for (entry, expected) in zip(entries, [summary, [], plan, form]) {
            #expect(try ZipTestArchive.extract(entry, from: archive) == expected)
            #expect(entry.checksum == ZipTestArchive.crc(expected))
            #expect(entry.uncompressedSize == UInt64(expected.count))
            #expect(entry.compressedSize == UInt64(expected.count))
        }
    }

    @Test func everyLocalAndCentralHeaderFlagsUTF8Names() async throws {
        let names = ["Tổng hợp.xlsx", Self.unitFolder, Self.unitFolder + "Kế hoạch.pdf"]
        let made = try await ZipTestArchive.make { writer in
            try await writer.addData(name: names[0], bytes: [1, 2, 3], modified: Self.received)
            try await writer.addDirectory(name: names[1], modified: Self.received)
            try await writer.addData(
                name: names[2].decomposedStringWithCanonicalMapping, bytes: [4, 5], modified: Self.received)
        }
        let layout = try ZipLayout(made.bytes)
        #expect(layout.entries.count == 3)
        for (entry, name) in zip(layout.entries, names) {
            #expect(entry.localFlags & 0x0800 != 0)
            #expect(entry.centralFlags & 0x0800 != 0)
            // No data descriptor: the sizes are in the local header.
            #expect(entry.localFlags & 0x0008 == 0)
            #expect(entry.method == 0)
            #expect(entry.name == Array(name.utf8))
            #expect(entry.localName == entry.name)
        }
        #expect(layout.zip64 == nil)
        #expect(layout.membersAreContiguous)
    }

    @Test func dosTimeIsTheWallClockOfTheGivenZone() async throws {
        let longAgo = Date(timeIntervalSince1970: 0)
        let farAhead = Date(timeIntervalSince1970: 7_258_118_400)  // 2200-01-01
        let hanoi = try ZipLayout(
            try await ZipTestArchive.make { writer in
                try await writer.addData(name: "a", bytes: [1], modified: Self.received)
                try await writer.addDirectory(name: "b/", modified: Self.received)
                try await writer.addData(name: "c", bytes: [], modified: longAgo)
                try await writer.addData(name: "d", bytes: [], modified: farAhead)
            }.bytes)
        let dates = hanoi.entries.map(\.dos)
        // Two-second steps: 35 s is written as 34.
        #expect(dates[0] == ZipLayout.DOS(year: 2021, month: 2, day: 19, hour: 9, minute: 12, second: 34))
        #expect(dates[1] == dates[0])
        #expect(dates[2] == ZipLayout.DOS(year: 1980, month: 1, day: 1, hour: 0, minute: 0, second: 0))
        #expect(dates[3] == ZipLayout.DOS(year: 2107, month: 12, day: 31, hour: 23, minute: 59, second: 58))
        #expect(hanoi.entries.allSatisfy { $0.localDOS == $0.dos })
        // The extended timestamp holds the true UTC time, in both headers.
        #expect(hanoi.entries.map(\.unixTime) == [1_613_700_755, 1_613_700_755, 0, nil])
        #expect(hanoi.entries.map(\.localUnixTime) == [1_613_700_755, 1_613_700_755, 0, nil])

        let utc = try ZipLayout(
            try await ZipTestArchive.make(timeZone: TimeZone(identifier: "UTC")!) { writer in
                try await writer.addData(name: "a", bytes: [1], modified: Self.received)
            }.bytes)
        #expect(utc.entries[0].dos == ZipLayout.DOS(year: 2021, month: 2, day: 19, hour: 2, minute: 12, second: 34))
    }

    @Test func directoryEntryIsAFolderEverywhere() async throws {
        let folder = try ZipTestFolder()
        defer { folder.remove() }
        let made = try await ZipTestArchive.make { writer in
            // The slash is added when missing.
            try await writer.addDirectory(name: String(Self.unitFolder.dropLast()), modified: Self.received)
            try await writer.addData(name: Self.unitFolder + "Kế hoạch.pdf", bytes: [7], modified: Self.received)
        }
        let layout = try ZipLayout(made.bytes)
        let directory = layout.entries[0]
        let file = layout.entries[1]
        #expect(directory.name == Array(Self.unitFolder.utf8))
        #expect(directory.size == 0 && directory.crc == 0)
        #expect(directory.madeBy >> 8 == 3)
        #expect(directory.external >> 16 == 0o040755)
        #expect(directory.external & 0x10 != 0)
        #expect(file.external >> 16 == 0o100644)
        #expect(file.external & 0x10 == 0)
        #expect(directory.versionNeeded == 20 && file.versionNeeded == 20)
        let entries = Array(try made.zipFoundation(in: folder))
        #expect(entries.map(\.type) == [.directory, .file])
    }

    @Test func forcedZIP64ArchiveReadsBackWithZIPFoundation() async throws {
        let folder = try ZipTestFolder()
        defer { folder.remove() }
        let first = ZipTestFolder.randomBytes(300, seed: 3)
        let scan = ZipTestFolder.randomBytes(1_000, seed: 4)
        let small = ZipTestFolder.randomBytes(10, seed: 5)
        let scanURL = try folder.write("scan.pdf", scan)
        let made = try await ZipTestArchive.make(zip64Threshold: 100) { writer in
            try await writer.addData(name: "Tổng hợp.xlsx", bytes: first, modified: Self.received)  // sizes only
            try await writer.addFile(name: Self.unitFolder + "Kế hoạch.pdf", at: scanURL, modified: Self.received)  // both
            try await writer.addDirectory(name: Self.unitFolder, modified: Self.received)  // offset only
            try await writer.addData(name: "ghi chú.txt", bytes: small, modified: Self.received)  // offset only
        }
        let layout = try ZipLayout(made.bytes)
        let end = try #require(layout.zip64)
        #expect(end.count == 4)
        #expect(layout.classicEnd.count == 4 && layout.classicEnd.size == .max && layout.classicEnd.offset == .max)
        #expect(layout.entries.map(\.versionNeeded) == [45, 45, 45, 45])
        #expect(layout.entries.map(\.classicSize) == [.max, .max, 0, 10])
        #expect(layout.entries.map(\.classicOffset) == [0, .max, .max, .max])
        #expect(layout.entries.map { $0.centralExtras[0x0001]?.count } == [16, 24, 8, 8])
        #expect(layout.entries.map { $0.localExtras[0x0001]?.count } == [16, 16, nil, nil])
        #expect(layout.entries.map(\.size) == [300, 1_000, 0, 10])
        #expect(layout.membersAreContiguous)

        let archive = try made.zipFoundation(in: folder)
        let entries = Array(archive)
        #expect(entries.map(\.path) == ["Tổng hợp.xlsx", Self.unitFolder + "Kế hoạch.pdf", Self.unitFolder, "ghi chú.txt"])
        for (entry, expected) in zip(entries, [first, scan, [], small]) {
            #expect(try ZipTestArchive.extract(entry, from: archive) == expected)
            #expect(entry.checksum == ZipTestArchive.crc(expected))
        }
    }

    @Test func pythonZipfileReadsPlainAndZIP64Archives() async throws {
        let folder = try ZipTestFolder()
        defer { folder.remove() }
        let scan = ZipTestFolder.randomBytes(5_000, seed: 6)
        let scanURL = try folder.write("scan.pdf", scan)
        let names = ["Tổng hợp.xlsx", Self.unitFolder, Self.unitFolder + "Kế hoạch.pdf"]
        for threshold: UInt64 in [0xFFFF_FFFF, 64] {
            let made = try await ZipTestArchive.make(zip64Threshold: threshold) { writer in
                try await writer.addData(name: names[0], bytes: Array("bảng".utf8), modified: Self.received)
                try await writer.addDirectory(name: names[1], modified: Self.received)
                try await writer.addFile(name: names[2], at: scanURL, modified: Self.received)
            }
            #expect((try ZipLayout(made.bytes).zip64 != nil) == (threshold == 64))
            let python = try ZipTestPython.read(try made.save(in: folder))
            #expect(python.bad == nil)
            #expect(python.names == names)
            #expect(python.sizes == [6, 0, 5_000])
            #expect(python.crcs == [ZipTestArchive.crc(Array("bảng".utf8)), 0, ZipTestArchive.crc(scan)])
            #expect(python.dirs == [false, true, false])
            #expect(python.flags.allSatisfy { $0 & 0x0800 != 0 })
            #expect(python.dates.allSatisfy { $0 == [2021, 2, 19, 9, 12, 34] })
            #expect(python.mtimes.allSatisfy { $0 == 1_613_700_755 })
        }
    }

    @Test func largeFileIsStreamedInBoundedChunks() async throws {
        let folder = try ZipTestFolder()
        defer { folder.remove() }
        let scan = ZipTestFolder.randomBytes(6_000_000, seed: 7)
        let scanURL = try folder.write("scan.pdf", scan)
        let made = try await ZipTestArchive.make { writer in
            try await writer.addFile(name: "scan.pdf", at: scanURL, modified: Self.received)
        }
        #expect(made.chunkSizes.count >= 6_000_000 / (1 << 20))
        #expect(made.chunkSizes.allSatisfy { $0 <= 1 << 20 })
        #expect(made.chunkSizes.reduce(0, +) == made.bytes.count)
        let archive = try made.zipFoundation(in: folder)
        let entry = try #require(archive["scan.pdf"])
        #expect(try ZipTestArchive.extract(entry, from: archive) == scan)
    }

    @Test func smallWritesAreGatheredBeforeReachingTheSink() async throws {
        let few = try await ZipTestArchive.make { writer in
            for index in 0..<200 {
                try await writer.addData(name: "ghi chú \(index).txt", bytes: [UInt8(index % 256)], modified: Self.received)
            }
        }
        #expect(few.chunkSizes.count == 1)
        let many = try await ZipTestArchive.make { writer in
            for index in 0..<3_000 {
                try await writer.addData(name: "ghi chú \(index).txt", bytes: [UInt8(index % 256)], modified: Self.received)
            }
        }
        #expect(many.chunkSizes.count > 1)
        #expect(many.chunkSizes.dropLast().allSatisfy { $0 >= ZipStreamWriter.flushSize })
        #expect(try ZipLayout(many.bytes).entries.count == 3_000)
    }

    @Test func fileThatShrinksWhileBeingSentIsReported() async throws {
        let folder = try ZipTestFolder()
        defer { folder.remove() }
        let url = try folder.write("scan.pdf", ZipTestFolder.randomBytes(1_000_000, seed: 8))
        var writer = ZipStreamWriter(
            sink: { _ in
                let handle = try FileHandle(forWritingTo: url)
                try handle.truncate(atOffset: 300_000)
                try handle.close()
            }, timeZone: Self.hanoi)
        await #expect(throws: ZipStreamError.sizeChanged(path: url.path, before: 1_000_000, now: 300_000)) {
            try await writer.addFile(name: "scan.pdf", at: url, modified: Self.received)
        }
        // Part of the member is out: nothing more may be added.
        await #expect(throws: ZipStreamError.unusable) {
            try await writer.addData(name: "x", bytes: [], modified: Self.received)
        }
    }

    @Test func fileThatGrowsWhileBeingSentIsReported() async throws {
        let folder = try ZipTestFolder()
        defer { folder.remove() }
        let url = try folder.write("scan.pdf", ZipTestFolder.randomBytes(1_000_000, seed: 9))
        var writer = ZipStreamWriter(
            sink: { _ in
                let handle = try FileHandle(forWritingTo: url)
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(repeating: 1, count: 10))
                try handle.close()
            }, timeZone: Self.hanoi)
        let error = await #expect(throws: ZipStreamError.self) {
            try await writer.addFile(name: "scan.pdf", at: url, modified: Self.received)
        }
        guard case .sizeChanged(let path, let before, let now) = error else {
            Issue.record("expected sizeChanged, got \(String(describing: error))")
            return
        }
        #expect(path == url.path && before == 1_000_000 && now > before)
    }

    @Test func fileRewrittenInPlaceWhileBeingSentIsReported() async throws {
        let folder = try ZipTestFolder()
        defer { folder.remove() }
        let url = try folder.write("scan.pdf", ZipTestFolder.randomBytes(1_000_000, seed: 10))
        var writer = ZipStreamWriter(
            sink: { _ in
                let handle = try FileHandle(forWritingTo: url)
                try handle.seek(toOffset: 600_000)
                try handle.write(contentsOf: Data(ZipTestFolder.randomBytes(400_000, seed: 11)))
                try handle.close()
            }, timeZone: Self.hanoi)
        await #expect(throws: ZipStreamError.contentChanged(path: url.path)) {
            try await writer.addFile(name: "scan.pdf", at: url, modified: Self.received)
        }
    }

    @Test func unreadableFileLeavesTheArchiveWhole() async throws {
        let folder = try ZipTestFolder()
        defer { folder.remove() }
        let missing = folder.url.appendingPathComponent("pruned.pdf")
        let made = try await ZipTestArchive.make { writer in
            try await writer.addData(name: "Tổng hợp.xlsx", bytes: [1, 2], modified: Self.received)
            await #expect(throws: (any Error).self) {
                try await writer.addFile(name: "pruned.pdf", at: missing, modified: Self.received)
            }
            try await writer.addData(name: "ghi chú.txt", bytes: [3], modified: Self.received)
        }
        let archive = try made.zipFoundation(in: folder)
        #expect(Array(archive).map(\.path) == ["Tổng hợp.xlsx", "ghi chú.txt"])
        #expect(try ZipLayout(made.bytes).membersAreContiguous)
    }

    @Test func namesThatWouldEscapeTheFolderAreRefused() async throws {
        let made = try await ZipTestArchive.make { writer in
            for name in ["", "/etc/passwd", "../thư.pdf", "a/../../b.pdf", "a\\b.pdf", "a//b.pdf", "./a.pdf", "a/"] {
                await #expect(throws: ZipStreamError.invalidName(name)) {
                    try await writer.addData(name: name, bytes: [1], modified: Self.received)
                }
            }
            await #expect(throws: ZipStreamError.invalidName("../")) {
                try await writer.addDirectory(name: "../", modified: Self.received)
            }
            // Refused before anything was written: the writer goes on.
            try await writer.addData(name: "a/b.pdf", bytes: [1], modified: Self.received)
        }
        #expect(try ZipLayout(made.bytes).entries.map(\.name) == [Array("a/b.pdf".utf8)])
    }

    @Test func moreThan65535EntriesUseZIP64EndRecords() async throws {
        let folder = try ZipTestFolder()
        defer { folder.remove() }
        let count = 65_536
        let made = try await ZipTestArchive.make { writer in
            for index in 0..<count {
                try await writer.addDirectory(name: "d\(index)/", modified: Self.received)
            }
        }
        let layout = try ZipLayout(made.bytes)
        #expect(layout.classicEnd.count == .max)
        #expect(layout.zip64?.count == UInt64(count))
        // Sizes and offsets fit: those fields stay classic.
        #expect(layout.classicEnd.offset != .max)
        #expect(layout.entries.count == count)
        #expect(Array(try made.zipFoundation(in: folder)).count == count)
        let python = try ZipTestPython.read(try made.save(in: folder))
        #expect(python.bad == nil)
        #expect(python.names.count == count && python.names.last == "d65535/")
    }
}

// MARK: - Helpers

/// Collects what the writer sends, as the HTTP body would receive it.
actor ZipTestSink {
    private(set) var chunks: [[UInt8]] = []
    func take(_ chunk: [UInt8]) { chunks.append(chunk) }
}

struct ZipTestArchive {
    let bytes: [UInt8]
    let chunkSizes: [Int]

    static func make(
        timeZone: TimeZone = ZipStreamWriterTests.hanoi, zip64Threshold: UInt64 = 0xFFFF_FFFF,
        _ build: (inout ZipStreamWriter) async throws -> Void
    ) async throws -> ZipTestArchive {
        let sink = ZipTestSink()
        var writer = ZipStreamWriter(
            sink: { await sink.take($0) }, timeZone: timeZone, zip64Threshold: zip64Threshold)
        try await build(&writer)
        try await writer.finish()
        let chunks = await sink.chunks
        return ZipTestArchive(bytes: chunks.flatMap { $0 }, chunkSizes: chunks.map(\.count))
    }

    func save(in folder: ZipTestFolder) throws -> URL {
        try folder.write("archive-\(UUID().uuidString).zip", bytes)
    }

    func zipFoundation(in folder: ZipTestFolder) throws -> Archive {
        try Archive(url: try save(in: folder), accessMode: .read)
    }

    /// The entry's bytes; ZIPFoundation checks them against the CRC on the way.
    static func extract(_ entry: Entry, from archive: Archive) throws -> [UInt8] {
        var bytes: [UInt8] = []
        _ = try archive.extract(entry) { bytes.append(contentsOf: $0) }
        return bytes
    }

    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
    }
}

/// A temporary folder for one test.
struct ZipTestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("zip-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file
    }

    /// Reproducible noise, which no reader can mistake for a neighbouring member's bytes.
    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }
}

/// Python's zipfile, a reader written by other people, on the archive.
enum ZipTestPython {
    struct View: Decodable {
        let bad: String?
        let names: [String]
        let sizes: [Int]
        let crcs: [UInt32]
        let dirs: [Bool]
        let flags: [Int]
        let dates: [[Int]]
        let mtimes: [Int?]
    }

    static let script = """
        import json, struct, sys, zipfile
        def mtime(extra):
            i = 0
            while i + 4 <= len(extra):
                tag, size = struct.unpack('<HH', extra[i:i + 4])
                if tag == 0x5455 and size >= 5 and extra[i + 4] & 1:
                    return struct.unpack('<i', extra[i + 5:i + 9])[0]
                i += 4 + size
            return None
        with zipfile.ZipFile(sys.argv[1]) as z:
            infos = z.infolist()
            print(json.dumps({
                "bad": z.testzip(),
                "names": [i.filename for i in infos],
                "sizes": [i.file_size for i in infos],
                "crcs": [i.CRC for i in infos],
                "dirs": [i.is_dir() for i in infos],
                "flags": [i.flag_bits for i in infos],
                "dates": [list(i.date_time) for i in infos],
                "mtimes": [mtime(i.extra) for i in infos],
            }))
        """

    /// Fails, never skips, without python3: the check is the point of the test.
    static func read(_ archive: URL) throws -> View {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, archive.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let json = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 could not read the archive: \(message)")
        return try JSONDecoder().decode(View.self, from: json)
    }
}

/// The archive's records read byte by byte, for what readers forgive and so never show:
/// flags, versions, attributes, extra fields, where each record sits.
struct ZipLayout {
    struct DOS: Equatable {
        var year, month, day, hour, minute, second: Int

        init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
            (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
        }

        init(time: UInt16, date: UInt16) {
            self.init(
                year: 1980 + Int(date >> 9), month: Int(date >> 5 & 0xF), day: Int(date & 0x1F),
                hour: Int(time >> 11), minute: Int(time >> 5 & 0x3F), second: Int(time & 0x1F) * 2)
        }
    }

    struct Entry {
        var name: [UInt8] = []
        var madeBy: UInt16 = 0
        var versionNeeded: UInt16 = 0
        var centralFlags: UInt16 = 0
        var method: UInt16 = 0
        var dos = DOS(year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0)
        var crc: UInt32 = 0
        var classicSize: UInt32 = 0
        var classicOffset: UInt32 = 0
        var external: UInt32 = 0
        var centralExtras: [UInt16: [UInt8]] = [:]
        var size: UInt64 = 0
        var offset: UInt64 = 0
        var localName: [UInt8] = []
        var localFlags: UInt16 = 0
        var localVersionNeeded: UInt16 = 0
        var localDOS = DOS(year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0)
        var localExtras: [UInt16: [UInt8]] = [:]
        var dataStart: UInt64 = 0

        var unixTime: Int32? { Self.unixTime(centralExtras) }
        var localUnixTime: Int32? { Self.unixTime(localExtras) }

        static func unixTime(_ extras: [UInt16: [UInt8]]) -> Int32? {
            guard let field = extras[0x5455], field.count == 5, field[0] & 1 != 0 else { return nil }
            return Int32(bitPattern: UInt32(field[1]) | UInt32(field[2]) << 8 | UInt32(field[3]) << 16 | UInt32(field[4]) << 24)
        }
    }

    struct Malformed: Error { let what: String }

    var entries: [Entry] = []
    var classicEnd: (count: UInt16, size: UInt32, offset: UInt32)
    var zip64: (count: UInt64, size: UInt64, offset: UInt64)?
    var directoryOffset: UInt64

    /// Each member's local header starts where the previous one's bytes end, and the central
    /// directory right after the last: no descriptor, no gap.
    var membersAreContiguous: Bool {
        var position: UInt64 = 0
        for entry in entries {
            guard entry.offset == position else { return false }
            position = entry.dataStart + entry.size
        }
        return position == directoryOffset
    }

    init(_ bytes: [UInt8]) throws {
        func read<T: FixedWidthInteger>(_ at: UInt64, _: T.Type = T.self) throws -> T {
            let start = Int(at)
            guard at + UInt64(MemoryLayout<T>.size) <= UInt64(bytes.count) else { throw Malformed(what: "past the end at \(at)") }
            return T(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: T.self) })
        }
        func slice(_ at: UInt64, _ count: Int) throws -> [UInt8] {
            guard at + UInt64(count) <= UInt64(bytes.count) else { throw Malformed(what: "past the end at \(at)") }
            return Array(bytes[Int(at)..<Int(at) + count])
        }
        func extras(_ raw: [UInt8]) throws -> [UInt16: [UInt8]] {
            var fields: [UInt16: [UInt8]] = [:]
            var index = 0
            while index < raw.count {
                guard index + 4 <= raw.count else { throw Malformed(what: "extra field header") }
                let tag = UInt16(raw[index]) | UInt16(raw[index + 1]) << 8
                let size = Int(raw[index + 2]) | Int(raw[index + 3]) << 8
                guard index + 4 + size <= raw.count, fields[tag] == nil else { throw Malformed(what: "extra field \(tag)") }
                fields[tag] = Array(raw[index + 4..<index + 4 + size])
                index += 4 + size
            }
            return fields
        }

        let end = UInt64(bytes.count) - 22
        guard try read(end, UInt32.self) == 0x0605_4b50 else { throw Malformed(what: "end of central directory") }
        classicEnd = (try read(end + 10), try read(end + 12), try read(end + 16))
        var count = UInt64(classicEnd.count)
        directoryOffset = UInt64(classicEnd.offset)
        if end >= 20, try read(end - 20, UInt32.self) == 0x0706_4b50 {
            let record: UInt64 = try read(end - 12)
            guard try read(record, UInt32.self) == 0x0606_4b50, record + 56 == end - 20,
                try read(end - 4, UInt32.self) == 1
            else { throw Malformed(what: "ZIP64 end records") }
            zip64 = (try read(record + 32), try read(record + 40), try read(record + 48))
            count = zip64!.count
            directoryOffset = zip64!.offset
        }

        var position = directoryOffset
        for _ in 0..<count {
            guard try read(position, UInt32.self) == 0x0201_4b50 else { throw Malformed(what: "central header at \(position)") }
            var entry = Entry()
            entry.madeBy = try read(position + 4)
            entry.versionNeeded = try read(position + 6)
            entry.centralFlags = try read(position + 8)
            entry.method = try read(position + 10)
            entry.dos = DOS(time: try read(position + 12), date: try read(position + 14))
            entry.crc = try read(position + 16)
            let compressed: UInt32 = try read(position + 20)
            entry.classicSize = try read(position + 24)
            guard compressed == entry.classicSize else { throw Malformed(what: "stored sizes differ") }
            let nameLength = Int(try read(position + 28, UInt16.self))
            let extraLength = Int(try read(position + 30, UInt16.self))
            let commentLength = Int(try read(position + 32, UInt16.self))
            entry.external = try read(position + 38)
            entry.classicOffset = try read(position + 42)
            entry.name = try slice(position + 46, nameLength)
            entry.centralExtras = try extras(try slice(position + 46 + UInt64(nameLength), extraLength))
            position += 46 + UInt64(nameLength + extraLength + commentLength)

            var zip64Fields: [UInt64] = []
            if let field = entry.centralExtras[0x0001] {
                guard field.count % 8 == 0 else { throw Malformed(what: "ZIP64 extra field") }
                zip64Fields = stride(from: 0, to: field.count, by: 8).map { start in
                    (0..<8).reduce(UInt64(0)) { $0 | UInt64(field[start + $1]) << (8 * $1) }
                }
            }
            if entry.classicSize == .max {
                guard zip64Fields.count >= 2, zip64Fields[0] == zip64Fields[1] else { throw Malformed(what: "ZIP64 sizes") }
                entry.size = zip64Fields.removeFirst()
                zip64Fields.removeFirst()
            } else {
                entry.size = UInt64(entry.classicSize)
            }
            if entry.classicOffset == .max {
                guard !zip64Fields.isEmpty else { throw Malformed(what: "ZIP64 offset") }
                entry.offset = zip64Fields.removeFirst()
            } else {
                entry.offset = UInt64(entry.classicOffset)
            }
            guard zip64Fields.isEmpty else { throw Malformed(what: "ZIP64 field holds more than it should") }

            let local = entry.offset
            guard try read(local, UInt32.self) == 0x0403_4b50 else { throw Malformed(what: "local header at \(local)") }
            entry.localVersionNeeded = try read(local + 4)
            entry.localFlags = try read(local + 6)
            entry.localDOS = DOS(time: try read(local + 10), date: try read(local + 12))
            let localCRC: UInt32 = try read(local + 14)
            let localSize: UInt32 = try read(local + 22)
            let localNameLength = Int(try read(local + 26, UInt16.self))
            let localExtraLength = Int(try read(local + 28, UInt16.self))
            entry.localName = try slice(local + 30, localNameLength)
            entry.localExtras = try extras(try slice(local + 30 + UInt64(localNameLength), localExtraLength))
            entry.dataStart = local + 30 + UInt64(localNameLength + localExtraLength)
            guard localCRC == entry.crc, localSize == entry.classicSize, entry.localVersionNeeded == entry.versionNeeded
            else { throw Malformed(what: "local and central headers disagree") }
            if localSize == .max {
                guard let field = entry.localExtras[0x0001], field.count == 16 else { throw Malformed(what: "local ZIP64 sizes") }
                let sizes = [0, 8].map { start in (0..<8).reduce(UInt64(0)) { $0 | UInt64(field[start + $1]) << (8 * $1) } }
                guard sizes == [entry.size, entry.size] else { throw Malformed(what: "local ZIP64 sizes disagree") }
            } else if UInt64(localSize) != entry.size {
                throw Malformed(what: "local size disagrees")
            }
            entries.append(entry)
        }
        guard position == directoryOffset + (zip64?.size ?? UInt64(classicEnd.size)) else {
            throw Malformed(what: "central directory size")
        }
    }
}
