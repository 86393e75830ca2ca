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
    }

    public var rows: [Row]
    public var total: Int

    public init(roster: Roster, ledger: [String: LedgerRow], query: Query) {
        total = roster.units.count
        let needle = query.search.map(TextFolding.fold)
        var rows: [Row] = []
        rows.reserveCapacity(roster.units.count)
        for unit in roster.units {
            let entry = ledger[unit.code]
            let status = entry?.status ?? .pending
            if let wanted = query.status, wanted != status { continue }
            if let level = query.level, level != unit.level { continue }
            if let needle, !needle.isEmpty,
               !TextFolding.fold(unit.name).contains(needle), !unit.code.lowercased().contains(needle) { continue }
            rows.append(Row(unit: unit, status: status, receivedAt: entry?.receivedAt, note: entry?.note, files: entry?.attachmentCount ?? 0))
        }
        rows.sort(by: Self.order(query.sort, descending: query.descending))
        self.rows = rows
    }

    /// Ties are broken by code, so the order is stable across requests.
    static func order(_ key: SortKey, descending: Bool) -> (Row, Row) -> Bool {
        func compare(_ a: Row, _ b: Row) -> ComparisonResult {
            switch key {
            case .code: return a.unit.code.compare(b.unit.code)
            case .name: return a.unit.name.compare(b.unit.name, locale: Locale(identifier: "vi_VN"))
            case .level: return a.unit.level.compare(b.unit.level)
            case .status: return a.status.label.compare(b.status.label, locale: Locale(identifier: "vi_VN"))
            case .received:
                let x = a.receivedAt ?? .distantFuture, y = b.receivedAt ?? .distantFuture
                return x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
            case .files: return a.files == b.files ? .orderedSame : (a.files < b.files ? .orderedAscending : .orderedDescending)
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
