import DocumentCheck
import Foundation
import Intake
import Store

/// A campaign's unit table as the officer asked for it: filtered by status and level,
/// searched ignoring diacritics and case, sorted by a column. The HTML table, the CSV and
/// the XLSX are all this, so an export holds exactly what the screen shows.
public struct UnitTable: Sendable {
    public enum SortKey: String, Sendable, CaseIterable {
        case code, name, level, status, received, files, check
    }

    public struct Query: Sendable, Equatable {
        public var status: ReceiptStatus?
        public var level: String?
        public var search: String?
        public var sort: SortKey = .code
        public var descending = false

        public init(
            status: ReceiptStatus? = nil, level: String? = nil, search: String? = nil, sort: SortKey = .code, descending: Bool = false
        ) {
            self.status = status
            self.level = level
            self.search = search
            self.sort = sort
            self.descending = descending
        }

        /// From a page's query string; unknown values are ignored rather than refused.
        public init(parameters: [String: String]) {
            status = parameters["status"].flatMap(ReceiptStatus.init(rawValue:))
            level = parameters["level"].flatMap { $0.isEmpty ? nil : $0 }
            search = parameters["q"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            sort = parameters["sort"].flatMap(SortKey.init(rawValue:)) ?? .code
            descending = parameters["dir"] == "desc"
        }

        public var parameters: [(String, String)] {
            var result: [(String, String)] = []
            if let status { result.append(("status", status.rawValue)) }
            if let level { result.append(("level", level)) }
            if let search { result.append(("q", search)) }
            if sort != .code { result.append(("sort", sort.rawValue)) }
            if descending { result.append(("dir", "desc")) }
            return result
        }
    }

    public struct Row: Sendable {
        public var unit: SchoolUnit
        public var status: ReceiptStatus
        public var receivedAt: Date?
        public var note: String?
        public var files: Int
        /// Received from an address not yet known to be the unit's.
        public var senderUnconfirmed: Bool
        /// The document check of the entry's files, as one verdict (`CheckVerdict.summary`);
        /// nil when it has no file, or none is checked yet (`checkPending`).
        public var check: CheckVerdict?
        public var checkPending: Bool
        /// What the entry's first scan says about itself (number, date, title), when read.
        public var document: DocumentFacts?
        /// The check as the officer reads it: symbol and words; empty without files.
        public var checkLabel: String { check?.label ?? (checkPending ? CheckVerdict.pendingLabel : "") }
        /// The status as the officer reads it: "Đã nộp — người gửi chưa xác nhận" when the
        /// sender is not confirmed.
        public var statusLabel: String { status.label(senderUnconfirmed: senderUnconfirmed) }
    }

    /// The units that match the query, in the order asked for: each one's place in the
    /// roster and its ledger line's. A page shows 200 of 3,000 units, so a row is built
    /// only when it is asked for (`rows(in:)`), not for every unit on every request.
    private let order: [(unit: Int, entry: Dictionary<String, LedgerRow>.Index?)]
    private let units: [SchoolUnit]
    private let ledger: [String: LedgerRow]
    /// Units on the roster, matching or not.
    public let total: Int
    /// Units that match the query.
    public var count: Int { order.count }
    /// Every matching row, in order (the exports).
    public var rows: [Row] { rows(in: 0..<count) }

    /// Verdicts that need the officer first, the seal last.
    static let checkRank: [CheckVerdict: Int] = [
        .uncertain: 0, .grayscale: 1, .noSeal: 2, .notAScan: 3, .unreadable: 4, .unchecked: 5, .signed: 6, .seal: 7,
    ]

    static let statusRank: [ReceiptStatus: Int] = [.pending: 0, .needsReview: 1, .rejected: 2, .late: 3, .received: 4, .excused: 5]

    /// `index`: the roster's folded names and sort orders, computed once per roster (built
    /// here when not given, as the CLI does for one table).
    public init(roster: Roster, ledger: [String: LedgerRow], query: Query, index: RosterIndex? = nil) {
        let index = index ?? RosterIndex(roster)
        total = roster.units.count
        units = roster.units
        self.ledger = ledger
        let needle = query.search.map(TextFolding.fold)
        var matching: [(unit: Int, entry: Dictionary<String, LedgerRow>.Index?)] = []
        matching.reserveCapacity(roster.units.count)
        for (position, unit) in roster.units.enumerated() {
            let entry = ledger.index(forKey: unit.code)
            if let wanted = query.status, wanted != (entry.map { ledger.values[$0].status } ?? .pending) { continue }
            if let level = query.level, level != unit.level { continue }
            if let needle, !needle.isEmpty, !(index.folded[unit.code] ?? "").contains(needle),
                !unit.code.lowercased().contains(needle)
            {
                continue
            }
            matching.append((position, entry))
        }
        order = Self.sortedPositions(matching, units: units, ledger: ledger, index: index, by: query.sort, descending: query.descending)
            .map { matching[$0] }
    }

    /// The matching rows at `range` of the order.
    public func rows(in range: Range<Int>) -> [Row] {
        order[range.clamped(to: 0..<count)].map { unit, entry in
            let entry = entry.map { ledger.values[$0] }
            return Row(
                unit: units[unit], status: entry?.status ?? .pending, receivedAt: entry?.receivedAt, note: entry?.note,
                files: entry?.attachmentCount ?? 0, senderUnconfirmed: entry?.senderUnconfirmed ?? false,
                check: entry.flatMap { CheckVerdict.summary(of: $0.checks.compactMap { $0 }) },
                checkPending: entry?.checks.contains(nil) ?? false, document: entry?.document)
        }
    }

    /// The positions of `matching` in the order asked for; ties are broken by code, so the
    /// order is stable across requests. Each unit's key is read once into an array and the
    /// positions are sorted on it; codes and names sort by their precomputed rank, statuses
    /// in the ledger's own order, those still owing something first.
    static func sortedPositions(
        _ matching: [(unit: Int, entry: Dictionary<String, LedgerRow>.Index?)], units: [SchoolUnit], ledger: [String: LedgerRow],
        index: RosterIndex, by key: SortKey, descending: Bool
    ) -> [Int] {
        let codes = matching.map { index.codeRank[units[$0.unit].code] ?? 0 }
        func positions<K: Comparable>(_ keys: [K]) -> [Int] {
            keys.indices.sorted { a, b in
                if keys[a] < keys[b] { return !descending }
                if keys[b] < keys[a] { return descending }
                return codes[a] < codes[b]
            }
        }
        /// The ledger line's `key`, read in place; `missing` for a unit without one.
        func byEntry<K: Comparable>(_ key: (borrowing LedgerRow) -> K, missing: K) -> [Int] {
            positions(matching.map { $0.entry.map { key(ledger.values[$0]) } ?? missing })
        }
        switch key {
        case .code: return positions(codes)
        case .name: return positions(matching.map { index.nameRank[units[$0.unit].code] ?? 0 })
        case .level: return positions(matching.map { units[$0.unit].level })
        case .status: return byEntry({ statusRank[$0.status] ?? 0 }, missing: statusRank[.pending] ?? 0)
        case .received: return byEntry({ $0.receivedAt ?? .distantFuture }, missing: .distantFuture)
        case .files: return byEntry({ $0.attachmentCount }, missing: 0)
        case .check:
            let unchecked = checkRank[.unchecked] ?? 0
            return byEntry(
                { checkRank[CheckVerdict.summary(of: $0.checks.compactMap { $0 }) ?? .unchecked] ?? unchecked }, missing: unchecked)
        }
    }
}
