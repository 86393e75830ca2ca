import Foundation
import Testing

@testable import Store

/// A stored file that cannot be written is reported with the reason of the call that failed.
struct FileStoreFailureTests {
    @Test func theReasonIsTakenWhereTheFailureIsThrown() {
        errno = ENOSPC
        let failure = FileStore.Failure.io("write", path: "/srv/thidua/tmp/incoming-3")
        errno = ENOENT  // a later call's: before, the message read it
        #expect("\(failure)".contains("No space left on device"))
        #expect("\(failure)".contains("/srv/thidua/tmp/incoming-3"))
    }
}
