import Foundation
import Intake
import Store

/// A campaign's unit table as the officer asked for it: filtered by status and level,
/// searched ignoring diacritics and case, sorted by a column. The HTML table, the CSV and
/// the XLSX are all this, so an export holds exactly what the screen shows.
public struct UnitTable: Sendable {
    public enum SortKey: String, Sendable, CaseIterable {
        case code, name, level, status, received, files
    }

    public struct Query: Sendable, Equatable {
        public var status: ReceiptStatus?
        public var level: String?
        public var search: String?
        public var sort: SortKey = .code
        public var descending = false

        public init(status: ReceiptStatus? = nil, level: String? = nil, search: String? = nil, sort: SortKey = .code, descending: Bool = false) {
            self.status = status
            self.level = level
            self.search = search
            self.sort = sort
            self.descending = descending
        }

        /// From a page's query string; unknown values are ignored rather than refused.
        init(parameters: [String: String]) {
            status = parameters["status"].flatMap(ReceiptStatus.init(rawValue:))
            level = parameters["level"].flatMap { $0.isEmpty ? nil : $0 }
            search = parameters["q"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            sort = parameters["sort"].flatMap(SortKey.init(rawValue:)) ?? .code
            descending = parameters["dir"] == "desc"
        }

        var parameters: [(String, String)] {
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
        /// The name folded for search and sorting (no diacritics, lowercase).
        var folded: String
    }

    public var rows: [Row]
    public var total: Int

    static let statusRank: [ReceiptStatus: Int] = [.pending: 0, .needsReview: 1, .rejected: 2, .late: 3, .received: 4, .excused: 5]

    /// `searchKeys`: each unit's folded name by code, computed once per roster (folding is
    /// the costly part of a search over thousands of units); missing names are folded here.
    public init(roster: Roster, ledger: [String: LedgerRow], query: Query, searchKeys: [String: String] = [:]) {
        total = roster.units.count
        let needle = query.search.map(TextFolding.fold)
        var rows: [Row] = []
        rows.reserveCapacity(roster.units.count)
        for unit in roster.units {
            let entry = ledger[unit.code]
            let status = entry?.status ?? .pending
            if let wanted = query.status, wanted != status { continue }
            if let level = query.level, level != unit.level { continue }
            let folded = searchKeys[unit.code] ?? TextFolding.fold(unit.name)
            if let needle, !needle.isEmpty, !folded.contains(needle), !unit.code.lowercased().contains(needle) { continue }
            rows.append(Row(unit: unit, status: status, receivedAt: entry?.receivedAt, note: entry?.note,
                            files: entry?.attachmentCount ?? 0, folded: folded))
        }
        rows.sort(by: Self.order(query.sort, descending: query.descending))
        self.rows = rows
    }

    /// Ties are broken by code, so the order is stable across requests. Names sort by their
    /// folded form (locale-aware comparison per pair was most of a request's time); statuses
    /// in the ledger's own order, those still owing something first.
    static func order(_ key: SortKey, descending: Bool) -> (Row, Row) -> Bool {
        func compare<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult {
            x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
        }
        func compare(_ a: Row, _ b: Row) -> ComparisonResult {
            switch key {
            case .code: compare(a.unit.code, b.unit.code)
            case .name: compare(a.folded, b.folded)
            case .level: compare(a.unit.level, b.unit.level)
            case .status: compare(Self.statusRank[a.status] ?? 0, Self.statusRank[b.status] ?? 0)
            case .received: compare(a.receivedAt ?? .distantFuture, b.receivedAt ?? .distantFuture)
            case .files: compare(a.files, b.files)
            }
        }
        return { a, b in
            switch compare(a, b) {
            case .orderedSame: return a.unit.code < b.unit.code
            case .orderedAscending: return !descending
            case .orderedDescending: return descending
            }
        }
    }
}
