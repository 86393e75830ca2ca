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
        /// The unit's place in code order and in name order (see `RosterIndex`).
        var codeRank: Int
        var nameRank: Int
    }

    public var rows: [Row]
    public var total: Int

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
        let needle = query.search.map(TextFolding.fold)
        var rows: [Row] = []
        rows.reserveCapacity(roster.units.count)
        for unit in roster.units {
            let entry = ledger[unit.code]
            let status = entry?.status ?? .pending
            if let wanted = query.status, wanted != status { continue }
            if let level = query.level, level != unit.level { continue }
            if let needle, !needle.isEmpty, !(index.folded[unit.code] ?? "").contains(needle),
                !unit.code.lowercased().contains(needle)
            {
                continue
            }
            rows.append(
                Row(
                    unit: unit, status: status, receivedAt: entry?.receivedAt, note: entry?.note,
                    files: entry?.attachmentCount ?? 0, senderUnconfirmed: entry?.senderUnconfirmed ?? false,
                    check: entry.flatMap { CheckVerdict.summary(of: $0.checks.compactMap { $0 }) },
                    checkPending: entry?.checks.contains(nil) ?? false, document: entry?.document,
                    codeRank: index.codeRank[unit.code] ?? 0,
                    nameRank: index.nameRank[unit.code] ?? 0))
        }
        Self.arrange(&rows, as: Self.sortedPositions(rows, by: query.sort, descending: query.descending))
        self.rows = rows
    }

    /// Puts `rows[positions[i]]` at `i`, moving the rows along each cycle of the
    /// permutation instead of copying every row (and releasing the copies) into a new array.
    /// The buffer's `swapAt` moves; `Array`'s copies, retaining each string of the row.
    static func arrange<Element>(_ rows: inout [Element], as positions: [Int]) {
        var positions = positions
        rows.withUnsafeMutableBufferPointer { rows in
            for start in positions.indices where positions[start] >= 0 {
                var at = start
                while true {
                    let from = positions[at]
                    positions[at] = -1
                    if from == start { break }
                    rows.swapAt(at, from)
                    at = from
                }
            }
        }
    }

    /// The rows' positions in the order asked for; ties are broken by code, so the order is
    /// stable across requests. Each row's key is read once into an array and the positions
    /// are sorted on it (comparing whole rows copied their strings at every step); codes
    /// and names sort by their precomputed rank, statuses in the ledger's own order, those
    /// still owing something first.
    static func sortedPositions(_ rows: [Row], by key: SortKey, descending: Bool) -> [Int] {
        let codes = rows.map(\.codeRank)
        func positions<K: Comparable>(_ keys: [K]) -> [Int] {
            keys.indices.sorted { a, b in
                if keys[a] < keys[b] { return !descending }
                if keys[b] < keys[a] { return descending }
                return codes[a] < codes[b]
            }
        }
        switch key {
        case .code: return positions(codes)
        case .name: return positions(rows.map(\.nameRank))
        case .level: return positions(rows.map(\.unit.level))
        case .status: return positions(rows.map { statusRank[$0.status] ?? 0 })
        case .received: return positions(rows.map { $0.receivedAt ?? .distantFuture })
        case .files: return positions(rows.map(\.files))
        case .check: return positions(rows.map { checkRank[$0.check ?? .unchecked] ?? 0 })
        }
    }
}
