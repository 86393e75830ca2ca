import Foundation

/// A member of the archive as its two headers describe it.
struct ZipMember: Sendable {
    let name: [UInt8]
    let crc: UInt32
    let size: UInt64
    let offset: UInt64
    let stamp: ZipStamp
    let directory: Bool
}

/// A member's time, as ZIP keeps it twice.
struct ZipStamp: Sendable {
    let dosTime: UInt16
    let dosDate: UInt16
    /// For the 0x5455 extra field; nil when the time does not fit its signed 32 bits.
    let unixTime: Int32?

    /// DOS dates run from 1980 to 2107 in two-second steps; a date outside is clamped to the
    /// nearest end rather than wrapped into a nonsense year. `calendar` carries the zone the
    /// wall-clock DOS time is taken in.
    init(_ date: Date, calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        var (year, month, day) = (parts.year ?? 1980, parts.month ?? 1, parts.day ?? 1)
        var (hour, minute, second) = (parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        if year < 1980 {
            (year, month, day, hour, minute, second) = (1980, 1, 1, 0, 0, 0)
        } else if year > 2107 {
            (year, month, day, hour, minute, second) = (2107, 12, 31, 23, 59, 58)
        }
        dosTime = UInt16(hour << 11 | minute << 5 | second / 2)
        dosDate = UInt16((year - 1980) << 9 | month << 5 | day)
        let seconds = date.timeIntervalSince1970.rounded(.down)
        unixTime = seconds >= Double(Int32.min) && seconds <= Double(Int32.max) ? Int32(seconds) : nil
    }
}

/// The byte layout of ZIP's records (APPNOTE 6.3): stored members, UTF-8 names, ZIP64 only
/// where a field overflows. The classic fields are 32 bits; from `zip64Threshold` on they
/// hold 0xFFFFFFFF and the real values go in the ZIP64 extra field.
struct ZipRecords {
    /// 0xFFFFFFFF in real use; tests lower it to take the ZIP64 path with a few bytes.
    let zip64Threshold: UInt64

    private static let utf8Names: UInt16 = 1 << 11
    private static let madeByUnix: UInt16 = 3 << 8 | 45

    func localHeader(_ member: ZipMember) -> [UInt8] {
        let zip64 = sizesOverflow(member)
        var extra: [UInt8] = []
        // In a local header the ZIP64 field must carry both sizes.
        if zip64 { Self.appendZIP64Extra([member.size, member.size], to: &extra) }
        Self.appendTimestampExtra(member.stamp, to: &extra)
        var record: [UInt8] = []
        record.appendLittleEndian(UInt32(0x0403_4b50))
        appendCommonFields(member, sizes64: zip64, extraCount: extra.count, to: &record)
        record += member.name
        record += extra
        return record
    }

    func centralHeader(_ member: ZipMember) -> [UInt8] {
        let sizes64 = sizesOverflow(member)
        let offset64 = member.offset >= zip64Threshold
        var extra: [UInt8] = []
        // Only the fields whose classic slot overflowed, in the order the format fixes.
        let zip64Fields = (sizes64 ? [member.size, member.size] : []) + (offset64 ? [member.offset] : [])
        if !zip64Fields.isEmpty { Self.appendZIP64Extra(zip64Fields, to: &extra) }
        Self.appendTimestampExtra(member.stamp, to: &extra)
        // Unix permissions in the high half, so an unzipper on Linux or macOS does not make
        // every scan executable or every folder unreadable; 0x10 is the MS-DOS folder bit.
        let external: UInt32 = member.directory ? (0o040755 << 16 | 0x10) : 0o100644 << 16
        var record: [UInt8] = []
        record.appendLittleEndian(UInt32(0x0201_4b50))
        record.appendLittleEndian(Self.madeByUnix)  // external attributes are Unix modes
        appendCommonFields(member, sizes64: sizes64, extraCount: extra.count, to: &record)
        record.appendLittleEndian(UInt16(0))  // comment length
        record.appendLittleEndian(UInt16(0))  // disk number start
        record.appendLittleEndian(UInt16(0))  // internal attributes
        record.appendLittleEndian(external)
        record.appendLittleEndian(offset64 ? UInt32.max : UInt32(member.offset))
        record += member.name
        record += extra
        return record
    }

    /// The end of the archive: the ZIP64 end record and locator when a count, size or offset
    /// does not fit the classic one (an ordinary archive stays readable by the oldest
    /// unzippers), then the classic end record. `offset` is where these records start.
    func endRecords(count: UInt64, directorySize: UInt64, directoryOffset: UInt64, offset: UInt64) -> [UInt8] {
        // 0xFFFF is itself the "see the ZIP64 record" marker, so 65535 entries already need it.
        let countOverflows = count >= 0xFFFF
        let sizeOverflows = directorySize >= zip64Threshold
        let offsetOverflows = directoryOffset >= zip64Threshold
        var record: [UInt8] = []
        if countOverflows || sizeOverflows || offsetOverflows {
            record.appendLittleEndian(UInt32(0x0606_4b50))
            record.appendLittleEndian(UInt64(44))  // size of the rest of this record
            record.appendLittleEndian(Self.madeByUnix)
            record.appendLittleEndian(UInt16(45))  // needed
            record.appendLittleEndian(UInt32(0))  // this disk
            record.appendLittleEndian(UInt32(0))  // disk where the central directory starts
            record.appendLittleEndian(count)  // entries on this disk
            record.appendLittleEndian(count)  // entries in all
            record.appendLittleEndian(directorySize)
            record.appendLittleEndian(directoryOffset)
            record.appendLittleEndian(UInt32(0x0706_4b50))  // the locator
            record.appendLittleEndian(UInt32(0))  // disk holding the ZIP64 end record
            record.appendLittleEndian(offset)
            record.appendLittleEndian(UInt32(1))  // disks in all
        }
        record.appendLittleEndian(UInt32(0x0605_4b50))
        record.appendLittleEndian(UInt16(0))  // this disk
        record.appendLittleEndian(UInt16(0))  // disk where the central directory starts
        let count16 = countOverflows ? UInt16.max : UInt16(count)
        record.appendLittleEndian(count16)
        record.appendLittleEndian(count16)
        record.appendLittleEndian(sizeOverflows ? UInt32.max : UInt32(directorySize))
        record.appendLittleEndian(offsetOverflows ? UInt32.max : UInt32(directoryOffset))
        record.appendLittleEndian(UInt16(0))  // comment length
        return record
    }

    /// The fields both headers share, from "version needed" to the extra field's length.
    private func appendCommonFields(_ member: ZipMember, sizes64: Bool, extraCount: Int, to record: inout [UInt8]) {
        let needsZIP64 = sizes64 || member.offset >= zip64Threshold
        record.appendLittleEndian(UInt16(needsZIP64 ? 45 : 20))
        record.appendLittleEndian(Self.utf8Names)
        record.appendLittleEndian(UInt16(0))  // stored
        record.appendLittleEndian(member.stamp.dosTime)
        record.appendLittleEndian(member.stamp.dosDate)
        record.appendLittleEndian(member.crc)
        record.appendLittleEndian(sizes64 ? UInt32.max : UInt32(member.size))  // compressed
        record.appendLittleEndian(sizes64 ? UInt32.max : UInt32(member.size))  // uncompressed
        record.appendLittleEndian(UInt16(member.name.count))
        record.appendLittleEndian(UInt16(extraCount))
    }

    private func sizesOverflow(_ member: ZipMember) -> Bool { member.size >= zip64Threshold }

    private static func appendZIP64Extra(_ fields: [UInt64], to extra: inout [UInt8]) {
        extra.appendLittleEndian(UInt16(0x0001))
        extra.appendLittleEndian(UInt16(fields.count * 8))
        for field in fields { extra.appendLittleEndian(field) }
    }

    /// The extended timestamp (0x5455): the true UTC modification time, which unzippers on
    /// Linux and macOS prefer to the zone-less DOS time.
    private static func appendTimestampExtra(_ stamp: ZipStamp, to extra: inout [UInt8]) {
        guard let unixTime = stamp.unixTime else { return }
        extra.appendLittleEndian(UInt16(0x5455))
        extra.appendLittleEndian(UInt16(5))
        extra.append(0x01)  // modification time present
        extra.appendLittleEndian(UInt32(bitPattern: unixTime))
    }
}

extension [UInt8] {
    fileprivate mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
