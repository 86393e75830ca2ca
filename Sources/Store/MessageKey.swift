/// Where a message sits in the mailbox: its folder, the folder's UIDVALIDITY and its UID.
/// The same key names the message in the poller, in the in-progress notes and in the
/// mailbox position, so the three can never disagree on how it is spelt.
public struct MessageKey: Hashable, Sendable, CustomStringConvertible {
    public var mailbox: String
    public var uidValidity: UInt32
    public var uid: UInt32

    public init(mailbox: String, uidValidity: UInt32, uid: UInt32) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
    }

    public var description: String { "\(mailbox)|\(uidValidity)|\(uid)" }

    /// The key of the message's in-progress note in `intake_health`.
    var processingNote: String { Self.processingNotePrefix(mailbox: mailbox) + "\(uidValidity)|\(uid)" }

    /// The key of the mailbox's backlog boundary in `intake_health` (`DataStore.noteBacklogBoundary`).
    static func backlogNote(mailbox: String, uidValidity: UInt32) -> String { "backlog:\(uidValidity):\(mailbox)" }

    /// What every in-progress note of `mailbox` starts with.
    static func processingNotePrefix(mailbox: String) -> String { "processing:\(mailbox)|" }
}
