import Intake

/// What the unit table needs of a roster beyond the roster itself, computed once per
/// roster (at start and on SIGHUP) instead of on every request: each unit's name folded
/// for search, and its place in code order and in name order, so sorting thousands of
/// units compares integers.
public struct RosterIndex: Sendable {
    public var folded: [String: String] = [:]
    public var codeRank: [String: Int] = [:]
    public var nameRank: [String: Int] = [:]
    /// The roster's levels (cấp học), sorted: the table's level filter.
    public var levels: [String]

    public init(_ roster: Roster) {
        levels = Set(roster.units.map(\.level)).sorted()
        for unit in roster.units { folded[unit.code] = TextFolding.fold(unit.name) }
        func bytewise(_ x: String, _ y: String) -> Bool { x.utf8.lexicographicallyPrecedes(y.utf8) }
        let byCode = roster.units.map(\.code).sorted(by: bytewise)
        for (rank, code) in byCode.enumerated() { codeRank[code] = rank }
        // Names by their folded form; the same folded name, by code.
        let byName = roster.units.sorted { a, b in
            let x = folded[a.code] ?? ""
            let y = folded[b.code] ?? ""
            return x == y ? (codeRank[a.code] ?? 0) < (codeRank[b.code] ?? 0) : bytewise(x, y)
        }
        for (rank, unit) in byName.enumerated() { nameRank[unit.code] = rank }
    }
}
