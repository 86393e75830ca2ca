import Foundation
import Testing

@testable import Dashboard

/// Previews waiting for the officer's confirmation: hers only, for half an hour, and a few
/// at most, however often she previews again.
@Suite struct PendingUploadsTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func anUploadIsItsLoginsAndExpires() async throws {
        let uploads = PendingUploads<String>(lifetime: 60)
        let token = try await uploads.put("danh-sach.xlsx", user: "canbo", now: now)
        #expect(await uploads.value(token, user: "canbo", now: now) == "danh-sach.xlsx")
        #expect(await uploads.value(token, user: "lanhdao", now: now) == nil, "another login's token finds nothing")
        #expect(await uploads.value(token, user: "canbo", now: now.addingTimeInterval(61)) == nil, "expired")
        await uploads.remove(token)
        #expect(await uploads.value(token, user: "canbo", now: now) == nil)
    }

    @Test func onlyTheLatestFewPreviewsOfALoginAreKept() async throws {
        let uploads = PendingUploads<Int>(lifetime: 600, perUser: 3)
        var tokens: [String] = []
        for index in 0..<5 { tokens.append(try await uploads.put(index, user: "canbo", now: now.addingTimeInterval(Double(index)))) }
        let other = try await uploads.put(99, user: "vanthu", now: now)
        var kept: [Int] = []
        for token in tokens { if let value = await uploads.value(token, user: "canbo", now: now) { kept.append(value) } }
        #expect(kept == [2, 3, 4])
        #expect(await uploads.value(other, user: "vanthu", now: now) == 99, "another login's previews are not counted against hers")
    }
}
