import Logging
import Store

/// The running daemon's configuration-dependent parts, replaced whole on SIGHUP and when
/// the office's records (campaigns, roster, mail texts) change in the store.
actor WiringHolder {
    private(set) var current: Wiring
    private let make: @Sendable () throws -> Wiring
    private let store: DataStore
    private let logger: Logger
    /// The store's `officeRevision` that `current` was built from.
    private var revision: Int

    init(_ wiring: Wiring, store: DataStore, logger: Logger, make: @escaping @Sendable () throws -> Wiring) {
        current = wiring
        self.make = make
        self.store = store
        self.logger = logger
        revision = (try? store.officeRevision()) ?? 0
    }

    /// Builds the parts again from the config file and the store. A broken file does not
    /// stop the office's intake: the error is logged, with the file and key to fix, and
    /// the running parts stay in force.
    func reload(reason: String) {
        let seen = (try? store.officeRevision()) ?? revision
        do {
            current = try make()
            revision = seen
            logger.notice("configuration reloaded", metadata: ["reason": "\(reason)"])
        } catch {
            logger.error(
                "configuration not reloaded; the running one stays in force", metadata: ["reason": "\(reason)", "error": "\(error)"])
        }
    }

    /// Reloads when the office's records changed since the last build (a change made by
    /// `thidua campaign` or `thidua roster` in another process).
    func reloadIfOfficeChanged() {
        guard let seen = try? store.officeRevision(), seen != revision else { return }
        reload(reason: "the office's records changed")
    }
}
