import Glibc

/// Memory for decoded attachments, handed from one message to the next.
///
/// A scan decoded into fresh memory costs the kernel a page fault and a zeroed page every
/// 4 KB, and `munmap` when it is freed: about a twentieth of the intake's CPU over a
/// backlog of 1 MB scans. A caller that parses message after message keeps one
/// `DecodeBuffers`, passes it to `MailMessage.parse(_:parser:buffers:)` and gives each
/// message's attachment data back (`recycle(attachmentsOf:)`) once it is stored; the next message's
/// scans are then decoded into memory that is already mapped.
///
/// Bounded: between messages it keeps at most `limit` bytes, so one large attachment
/// leaves no lasting mark on the daemon's memory.
public struct DecodeBuffers: Sendable {
    /// The most capacity kept between messages, in bytes.
    public let limit: Int
    /// Smaller bodies are not worth keeping: the allocator serves them from its own free
    /// lists without touching the kernel.
    static let smallest = 64 * 1024

    private var spare: [[UInt8]] = []

    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    public init(limit: Int = 4 * 1024 * 1024) {
        self.limit = limit
    }

    /// The capacity kept, in bytes.
    var keptBytes: Int { spare.reduce(0) { $0 + $1.capacity } }

    /// A kept buffer of at least `count` bytes, holding exactly `count` (unspecified) bytes,
    /// or nil if none is large enough. The smallest that fits is taken, so a large buffer
    /// stays for a large body. When none fits, kept buffers are let go until they and the
    /// new one fit under `limit` together: the body is decoded into fresh memory, and the
    /// kept buffers must not add to the peak of a message larger than any before it.
    mutating func take(count: Int) -> [UInt8]? {
        guard count >= Self.smallest else { return nil }
        var best: Int?
        for index in spare.indices where spare[index].capacity >= count {
            if best.map({ spare[index].capacity < spare[$0].capacity }) ?? true { best = index }
        }
        guard let best else {
            var kept = keptBytes
            while kept + count > limit, !spare.isEmpty { kept -= spare.removeFirst().capacity }  // the largest first
            return nil
        }
        var buffer = spare.remove(at: best)
        if buffer.count < count {
            buffer.append(contentsOf: repeatElement(0, count: count - buffer.count))  // within its capacity
        } else {
            buffer.removeLast(buffer.count - count)
        }
        Self.releasePages(after: &buffer)
        return buffer
    }

    /// How far past a buffer's count its pages stay: a body somewhat larger than the one
    /// before it in the same buffer then finds its pages mapped (releasing and touching them
    /// again was most of the intake's page faults), at a bounded cost in memory.
    static let residentSlack = 512 * 1024

    /// Gives the whole pages from `residentSlack` past `buffer`'s count back to the kernel
    /// (they read as zeros if touched again): a large buffer serving a smaller body holds
    /// little more memory than a fresh one would.
    private static func releasePages(after buffer: inout [UInt8]) {
        let page = pageSize
        let count = buffer.count
        let capacity = buffer.capacity
        buffer.withUnsafeMutableBufferPointer { elements in
            // The storage runs on to `capacity`, past the buffer pointer's end.
            let base = UInt(bitPattern: elements.baseAddress!)
            let start = (base + UInt(count + residentSlack) + UInt(page) - 1) & ~UInt(page - 1)
            let end = (base + UInt(capacity)) & ~UInt(page - 1)
            guard end > start else { return }
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), MADV_DONTNEED)
        }
    }

    /// Keeps `buffer` for a later body if there is room under `limit`, the largest first.
    /// Pass the last reference (`recycle(consume data)`): a buffer still referred to
    /// elsewhere is copied when it is next written.
    public mutating func recycle(_ buffer: consuming [UInt8]) {
        guard buffer.capacity >= Self.smallest, buffer.capacity <= limit else { return }
        spare.append(buffer)
        spare.sort { $0.capacity > $1.capacity }
        var kept = 0
        spare.removeAll {
            kept += $0.capacity
            return kept > limit
        }
    }

    /// Takes the data of `message`'s attachments back, leaving them empty (their `size`,
    /// hash and kind stay): for when only the rest of the message is still needed.
    public mutating func recycle(attachmentsOf message: inout MailMessage) {
        for index in message.attachments.indices {
            var data: [UInt8] = []
            swap(&data, &message.attachments[index].data)
            recycle(consume data)
        }
    }
}
