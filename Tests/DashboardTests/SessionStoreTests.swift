import Foundation
import Store
import Testing

@testable import Dashboard

/// Open sessions held against the login as stored: what another process changed
/// (`thidua passwd`) counts at the session's next request, not at the daemon's restart.
struct SessionStoreTests {
    let clock = SteppingClock()

    @Test func aNewPasswordEndsTheSessionAndANewRoleReachesIt() async throws {
        let sessions = SessionStore(clock: clock)
        let (token, opened) = try await sessions.open(user: "lanhdao", role: .officer, passwordHash: "scrypt$1")
        #expect(await sessions.reconcile(token: token, with: (.officer, "scrypt$1"))?.csrfToken == opened.csrfToken)

        let demoted = await sessions.reconcile(token: token, with: (.leader, "scrypt$1"))
        #expect(demoted?.role == .leader)
        #expect(await sessions.session(token: token)?.role == .leader, "kept, not only answered")

        #expect(await sessions.reconcile(token: token, with: (.leader, "scrypt$2")) == nil)
        #expect(await sessions.session(token: token) == nil, "ended, not only refused once")
    }

    /// A page's burst of requests reads the stored login once: the session is due for
    /// another look a second after its last.
    @Test func aSessionIsHeldAgainstTheStoreAtMostOnceASecond() async throws {
        let sessions = SessionStore(clock: clock)
        let (token, opened) = try await sessions.open(user: "canbo", role: .officer, passwordHash: "scrypt$1")
        #expect(!sessions.isDue(opened), "just opened from the store")
        clock.advance(0.5)
        #expect(!sessions.isDue(try #require(await sessions.session(token: token))))
        clock.advance(0.5)
        let due = try #require(await sessions.session(token: token))
        #expect(sessions.isDue(due))
        let checked = try #require(await sessions.reconcile(token: token, with: (.officer, "scrypt$1")))
        #expect(!sessions.isDue(checked))
        #expect(!sessions.isDue(try #require(await sessions.session(token: token))), "the look is kept")
    }

    @Test func aRemovedLoginEndsItsSessions() async throws {
        let sessions = SessionStore(clock: clock)
        let (token, _) = try await sessions.open(user: "lanhdao", role: .leader, passwordHash: "scrypt$1")
        #expect(await sessions.reconcile(token: token, with: nil) == nil)
        #expect(await sessions.session(token: token) == nil)
    }

    /// An officer changing her own password goes on in the session she did it from; her
    /// other sessions (another browser, a forgotten office computer) end.
    @Test func ownNewPasswordKeepsThisSessionAndEndsTheOthers() async throws {
        let sessions = SessionStore(clock: clock)
        let (here, _) = try await sessions.open(user: "canbo", role: .officer, passwordHash: "scrypt$1")
        let (elsewhere, _) = try await sessions.open(user: "canbo", role: .officer, passwordHash: "scrypt$1")
        let (colleague, _) = try await sessions.open(user: "lan", role: .officer, passwordHash: "scrypt$9")

        await sessions.renew(token: here, passwordHash: "scrypt$2")
        #expect(await sessions.reconcile(token: here, with: (.officer, "scrypt$2")) != nil)
        #expect(await sessions.session(token: elsewhere) == nil)
        #expect(await sessions.reconcile(token: colleague, with: (.officer, "scrypt$9")) != nil)
    }
}
