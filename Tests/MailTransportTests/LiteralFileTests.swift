import Foundation
import Testing

@testable import MailTransport

/// A fetched message that cannot be written says which file, why, and what to check.
struct LiteralFileTests {
    @Test func aFileThatCannotBeCreatedIsReportedWithItsReason() {
        let path = "/nonexistent-\(UUID().uuidString)/incoming-1"
        #expect {
            _ = try LiteralFile(path: path)
        } throws: { error in
            let text = "\(error)"
            return text.contains(path) && text.contains("No such file or directory") && text.contains("free space")
        }
    }

    @Test func theReasonIsTheFailedCallsNotALaterOnes() {
        errno = ENOSPC
        let failure = LiteralFile.Failure(action: "write", path: "/srv/thidua/tmp/incoming-2")
        errno = 0
        #expect("\(failure)".contains("No space left on device"))
    }
}
