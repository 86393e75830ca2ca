// libFuzzer entry point for the document check (issue 20, point 5).
//
// Built by `scripts/fuzz` in one swiftc invocation with Sources/DocumentCheck/*.swift, so
// this file is part of that module. Any file — PDF, JPEG, PNG, HEIC or garbage — must get a
// verdict without crashing, hanging or going over the limits; a verdict other than one of
// the contract's is a failure too.

import MIME

private let checker = DocumentChecker(
    limits: CheckLimits(pixelsPerPage: 20_000_000, pagesPerFile: 8, secondsPerFile: 5, rendererMemory: 256 << 20))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let outcome = checker.check(bytes, kind: FileKind.detect(bytes))
    let result = outcome.result
    precondition(result.pages >= 0, "negative page count")
    if let seal = result.seal {
        precondition(seal.box.count == 4 && seal.box.allSatisfy { $0 >= 0 && $0 <= 1 }, "seal box outside the page: \(seal.box)")
        precondition(result.verdict == .seal || result.verdict == .uncertain, "a seal box with verdict \(result.verdict)")
    }
    if result.verdict == .unreadable { precondition(result.reason != nil, "unreadable without a reason") }
    fuzzSink = result.flags.count &+ (outcome.thumbnail?.count ?? 0)
    return 0
}

nonisolated(unsafe) var fuzzSink = 0
