/// What replacing one roster by another changes, unit by unit: what the officer previews
/// before an import is applied, and what the audit log records after.
public struct RosterChanges: Sendable, Equatable {
    public struct Renamed: Sendable, Equatable {
        public var code: String
        public var from: String
        public var to: String
    }

    public struct Address: Sendable, Equatable {
        public var code: String
        public var address: String
    }

    public var added: [SchoolUnit] = []
    /// Units no longer in the new roster: kept, with their receipts and history, but no
    /// longer asked or reminded.
    public var removed: [SchoolUnit] = []
    public var renamed: [Renamed] = []
    /// Units whose level changed (which campaigns ask them may change with it).
    public var levelChanged: [Renamed] = []
    public var addressesAdded: [Address] = []
    public var addressesRemoved: [Address] = []
    /// Units whose principal's name or address changed.
    public var principalChanged: [String] = []

    public init(from old: [SchoolUnit], to new: [SchoolUnit]) {
        let before = Dictionary(old.map { ($0.code.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(new.map { $0.code.uppercased() })
        for unit in new {
            guard let previous = before[unit.code.uppercased()] else {
                added.append(unit)
                addressesAdded += unit.emails.map { Address(code: unit.code, address: $0) }
                continue
            }
            if previous.name != unit.name { renamed.append(Renamed(code: unit.code, from: previous.name, to: unit.name)) }
            if previous.level != unit.level {
                levelChanged.append(Renamed(code: unit.code, from: previous.level, to: unit.level))
            }
            addressesAdded += unit.emails.filter { !previous.emails.contains($0) }.map { Address(code: unit.code, address: $0) }
            addressesRemoved += previous.emails.filter { !unit.emails.contains($0) }.map { Address(code: unit.code, address: $0) }
            if previous.principalName != unit.principalName || previous.principalEmail != unit.principalEmail {
                principalChanged.append(unit.code)
            }
        }
        removed = old.filter { !after.contains($0.code.uppercased()) }
        // A removed unit's addresses go with it, as an added unit's come with it.
        addressesRemoved += removed.flatMap { unit in unit.emails.map { Address(code: unit.code, address: $0) } }
    }

    public var isEmpty: Bool {
        added.isEmpty && removed.isEmpty && renamed.isEmpty && levelChanged.isEmpty && addressesAdded.isEmpty
            && addressesRemoved.isEmpty && principalChanged.isEmpty
    }

    /// One line for the audit log, in English like the log's other details.
    public var summary: String {
        "\(added.count) added, \(removed.count) removed, \(renamed.count) renamed, \(levelChanged.count) level changed, "
            + "\(addressesAdded.count) addresses added, \(addressesRemoved.count) addresses removed"
    }
}
