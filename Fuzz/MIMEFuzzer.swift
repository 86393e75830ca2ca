// libFuzzer entry point for the MIME parser (issue 3, point 5).
//
// Built by `scripts/fuzz` in ONE swiftc invocation together with Sources/MIME/*.swift, so
// this file is part of the same module as the parser: no `import MIME`, and internal
// declarations are visible. Any input must parse without crashing, hanging or asserting.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let message = MailMessage.parse(bytes)
    // Touch everything `thidua inspect` and the daemon read from a parsed message.
    var checksum = message.subject.utf8.count &+ message.bodyText.utf8.count &+ message.links.count
    checksum &+= message.defects.count &+ (message.messageID?.utf8.count ?? 0)
    for attachment in message.attachments {
        checksum &+= attachment.filename.unicodeScalars.count
        checksum &+= attachment.kind.rawValue.utf8.count
        checksum &+= attachment.sha256.utf8.count
        checksum &+= attachment.size
        let safe = SafeFilename.make(attachment.filename)
        // The safe name is one path component: never empty, no separator, never `..`.
        precondition(
            !safe.isEmpty && !safe.contains("/") && safe != ".." && safe != ".",
            "SafeFilename.make produced an unsafe name: \(safe)")
        precondition(
            safe.utf8.count <= SafeFilename.maxBytes,
            "SafeFilename.make produced \(safe.utf8.count) bytes")
    }
    fuzzSink = checksum  // keeps the optimiser from dropping the work above
    return 0
}

nonisolated(unsafe) var fuzzSink = 0
