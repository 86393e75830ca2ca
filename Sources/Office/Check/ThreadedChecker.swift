import DocumentCheck
import Foundation
import MIME

#if canImport(Glibc)
    import Glibc
#endif

/// The document check on a thread of its own, at a lower CPU priority than intake: decoding
/// scans is seconds of blocking C work that must neither hold a thread of Swift's
/// cooperative pool nor slow the mailbox down on a two-core server.
public struct ThreadedChecker: DocumentChecking {
    private let checker: DocumentChecker

    /// `reader` reads each scan's header and signature block (OCR) after its verdict.
    public init(limits: CheckLimits = CheckLimits(), reader: (any DocumentTextReading)? = nil) {
        checker = DocumentChecker(limits: limits, reader: reader)
    }

    /// Each check gets a new thread (its cost is nothing beside a check's): a pooled
    /// thread, once lowered, would slow whatever ran on it next.
    public func check(_ bytes: [UInt8], kind: FileKind) async -> CheckOutcome {
        await withCheckedContinuation { continuation in
            let thread = Thread { [checker] in
                Self.lowerPriority()
                continuation.resume(returning: checker.check(bytes, kind: kind))
            }
            thread.name = "thidua-check"
            thread.start()
        }
    }

    /// Linux keeps a nice value per thread (`who` 0 is the calling thread): this one
    /// yields to intake, and the `pdftoppm` it starts inherits that.
    private static func lowerPriority() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
