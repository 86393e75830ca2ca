import Foundation
import Testing

@testable import Office

struct PasswordHashTests {
    @Test func aHashVerifiesItsPasswordAndNoOther() throws {
        let hash = try PasswordHash.make(password: "mật-khẩu-của-cán-bộ")
        #expect(hash.hasPrefix("scrypt$32768$8$1$"))
        #expect(!hash.contains("mật-khẩu"))
        #expect(PasswordHash.verify(password: "mật-khẩu-của-cán-bộ", against: hash))
        #expect(!PasswordHash.verify(password: "mật-khẩu-của-cán-bộ ", against: hash))
        #expect(!PasswordHash.verify(password: "", against: hash))
    }

    @Test func theSamePasswordHashesDifferentlyEachTime() throws {
        #expect(try PasswordHash.make(password: "mot-mat-khau-dai") != PasswordHash.make(password: "mot-mat-khau-dai"))
    }

    /// Typed on a Mac (NFD) or on Windows (NFC), the same Vietnamese password is accepted.
    @Test func unicodeNormalisationDoesNotLockTheOfficerOut() throws {
        let composed = "Thăng Long 2021!"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        #expect(PasswordHash.verify(password: decomposed, against: try PasswordHash.make(password: composed)))
    }

    @Test func shortPasswordsAreRefused() {
        #expect(throws: PasswordHash.Failure.self) { try PasswordHash.make(password: "ngan") }
    }

    @Test(arguments: ["", "scrypt$1$8$1$AAAA$AAAA", "bcrypt$x", "scrypt$4194304$8$1$AAAA$AAAA", "scrypt$32768$8$1$!!$??"])
    func malformedStoredHashesMatchNothing(_ stored: String) {
        #expect(!PasswordHash.verify(password: "bat-ky-mat-khau", against: stored))
    }
}
