import Foundation
import Testing

@testable import MIME

/// Forwarded text in a body names the original sender after a marker line.
@Suite struct InlineForwardTests {
    static let vietnamese =
        "Em gửi lại ạ.\n\n---------- Thư đã chuyển tiếp ----------\nTừ: Trường TH Kim Đồng <thkimdong@schools.example>\nNgày: 10/2/2021\n"

    @Test(arguments: [vietnamese, vietnamese.decomposedStringWithCanonicalMapping, vietnamese.uppercased()])
    func theVietnameseMarkerIsFoundInAnyCaseOrNormalisation(_ body: String) {
        #expect(InlineForward.senders(in: body).map { $0.address.lowercased() } == ["thkimdong@schools.example"])
    }

    @Test func theEnglishMarkerAndQuotingAreFound() {
        let body = "FYI\n\n> ---------- Forwarded Message ----------\n> *From:* Ban Giám hiệu <bgh@schools.example>\n"
        #expect(InlineForward.senders(in: body).map(\.address) == ["bgh@schools.example"])
    }

    @Test func withoutAMarkerNoAddressIsTaken() {
        #expect(InlineForward.senders(in: "From: someone <a@schools.example>\nthư gửi kèm kế hoạch").isEmpty)
    }
}
