import CCurl
import Synchronization

/// What one transfer reads and writes, handed to libcurl's C callbacks as userdata.
///
/// Owned by `CurlConnection.perform` for exactly the duration of `curl_easy_perform`, on
/// the connection's own thread, so it needs no locking of its own; only the cancel flag is
/// touched from another thread.
final class TransferContext {
    var onHeader: ((UnsafeRawBufferPointer) -> Void)?
    var onBody: ((UnsafeRawBufferPointer) -> Void)?
    var upload: [UInt8] = []
    var uploadOffset = 0
    let isCancelled: () -> Bool

    init(isCancelled: @escaping () -> Bool) {
        self.isCancelled = isCancelled
    }

    static func from(_ userdata: UnsafeMutableRawPointer?) -> TransferContext {
        Unmanaged<TransferContext>.fromOpaque(userdata!).takeUnretainedValue()
    }
}

let curlHeaderCallback: curl_write_callback = { pointer, size, count, userdata in
    let context = TransferContext.from(userdata)
    let length = size * count
    context.onHeader?(UnsafeRawBufferPointer(start: pointer, count: length))
    return length
}

let curlBodyCallback: curl_write_callback = { pointer, size, count, userdata in
    let context = TransferContext.from(userdata)
    let length = size * count
    context.onBody?(UnsafeRawBufferPointer(start: pointer, count: length))
    return length
}

let curlReadCallback: curl_read_callback = { buffer, size, count, userdata in
    let context = TransferContext.from(userdata)
    guard let buffer else { return 0 }
    let length = min(size * count, context.upload.count - context.uploadOffset)
    guard length > 0 else { return 0 }
    context.upload.withUnsafeBytes { source in
        UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + context.uploadOffset, byteCount: length)
    }
    context.uploadOffset += length
    return length
}

/// Polled by libcurl during every transfer; a non-zero return aborts it. This is how a
/// Swift task's cancellation reaches a blocking `curl_easy_perform`.
let curlProgressCallback: curl_xferinfo_callback = { userdata, _, _, _, _ in
    TransferContext.from(userdata).isCancelled() ? 1 : 0
}
