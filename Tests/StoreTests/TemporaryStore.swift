import Foundation
import Store

/// Runs `body` with a fresh store in its own temporary directory, then removes the directory.
func withTemporaryStore(_ body: (DataStore, URL) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-store-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try body(try DataStore(dataDirectory: directory), directory)
}
