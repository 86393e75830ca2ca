import Foundation
import Testing

/// SIGTERM while a batch is being read (an operator's `systemctl stop`, an upgrade): the
/// message in hand finishes, the daemon exits 0, the store is consistent, and the next
/// start continues where it stopped — nothing lost, nothing twice.
@Suite(.serialized, .mailStack)
struct GracefulStopTests {
    @Test func sigtermMidBatchLeavesAStoreTheNextStartContinues() async throws {
        let stack = try MailStack.fromEnvironment()
        let office = try IntakeFixture(stack: stack, label: "sigterm")
        defer { office.removeWorkspace() }
        let total = 400
        let ids = try await office.deliver(count: total)

        let daemon = try office.thidua.start(["run"], log: office.log)
        try await daemon.once(logShows: 10, linesContaining: "msg=\"message stored\"", within: .seconds(120)) { daemon.signal(SIGTERM) }
        let atSignal = office.recordedCount()
        let ended = await daemon.waitForExit(timeout: .seconds(20))
        if ended == nil { await daemon.killHard() }
        #expect(ended?.reason == .exit && ended?.status == 0, "after SIGTERM: \(String(describing: ended))\n\(office.tail())")
        let stopped = office.recordedCount()
        print("GracefulStopTests: SIGTERM with \(atSignal) of \(total) recorded, \(stopped) when the daemon had exited")
        #expect(atSignal >= 10 && stopped < total, "the stop did not fall mid-batch (\(atSignal)…\(stopped) of \(total))")
        // Nothing half-written: every recorded message has its files, no file without a record.
        let recorded = try office.sqlite("SELECT message_id FROM messages")
        try office.expectExactlyOnce(recorded)

        // The next start reads the rest, and only the rest.
        let next = try await office.thidua.runInBackground(["run", "--once"], log: office.log)
        #expect(next?.reason == .exit && next?.status == 0, "run --once: \(String(describing: next))\n\(office.tail())")
        try office.expectExactlyOnce(ids)
        try await office.expectNothingMarkedRead(count: total)
    }
}
