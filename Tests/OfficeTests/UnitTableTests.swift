import Foundation
import Intake
import Store
import Testing

@testable import Office

struct UnitTableTests {
    let roster = try! Roster(units: [
        SchoolUnit(code: "TH01", name: "Trường Tiểu học Thăng Long", level: "TH", emails: ["th01@example.vn"]),
        SchoolUnit(code: "TH02", name: "Trường Tiểu học Đống Đa", level: "TH", emails: ["th02@example.vn"]),
        SchoolUnit(code: "THCS01", name: "Trường THCS Ái Mộ", level: "THCS", emails: ["thcs01@example.vn"]),
        SchoolUnit(code: "MN01", name: "Trường Mầm non Hoa Sữa", level: "MN", emails: ["mn01@example.vn"]),
    ])
    let received = Date(timeIntervalSince1970: 1_613_700_000)

    var ledger: [String: LedgerRow] {
        [
            "TH01": LedgerRow(unit: "TH01", status: .received, receivedAt: received, note: nil, attachmentCount: 2),
            "THCS01": LedgerRow(
                unit: "THCS01", status: .late, receivedAt: received.addingTimeInterval(-3600), note: nil, attachmentCount: 1),
            "MN01": LedgerRow(
                unit: "MN01", status: .needsReview, receivedAt: received, note: "tệp Word, không phải bản scan", attachmentCount: 1),
        ]
    }

    func codes(_ query: UnitTable.Query) -> [String] {
        UnitTable(roster: roster, ledger: ledger, query: query).rows.map(\.unit.code)
    }

    @Test func aPageOfRowsIsThatPartOfTheWholeTable() {
        for query in UnitTable.SortKey.allCases.flatMap({ [UnitTable.Query(sort: $0), UnitTable.Query(sort: $0, descending: true)] }) {
            let table = UnitTable(roster: roster, ledger: ledger, query: query)
            let whole = table.rows
            #expect(table.count == 4 && whole.count == 4)
            for range in [0..<0, 0..<2, 1..<3, 3..<4, 2..<200, 9..<12] {
                let page = table.rows(in: range)
                let expected = whole[range.clamped(to: whole.indices)]
                #expect(page.map(\.unit.code) == expected.map(\.unit.code), "\(query), rows \(range)")
                #expect(page.map(\.status) == expected.map(\.status), "\(query), rows \(range)")
                #expect(page.map(\.note) == expected.map(\.note), "\(query), rows \(range)")
            }
        }
    }

    @Test func unitsWithoutALedgerLineArePending() {
        let table = UnitTable(roster: roster, ledger: ledger, query: .init(status: .pending))
        #expect(table.rows.map(\.unit.code) == ["TH02"])
        #expect(table.total == 4)
    }

    @Test func searchIgnoresDiacriticsCaseAndTheLetterD() {
        #expect(codes(.init(search: "thang long")) == ["TH01"])
        #expect(codes(.init(search: "DONG DA")) == ["TH02"])
        #expect(codes(.init(search: "Đống")) == ["TH02"])
        #expect(codes(.init(search: "ai mo")) == ["THCS01"])
        #expect(codes(.init(search: "thcs01")) == ["THCS01"])
        #expect(codes(.init(search: "khong co")) == [])
    }

    @Test func filtersCombine() {
        #expect(codes(.init(level: "TH")) == ["TH01", "TH02"])
        #expect(codes(.init(status: .received, level: "TH")) == ["TH01"])
        #expect(codes(.init(status: .received, level: "THCS")) == [])
    }

    @Test func sortsByEachColumnBothWays() {
        #expect(codes(.init()) == ["MN01", "TH01", "TH02", "THCS01"])
        #expect(codes(.init(sort: .code, descending: true)) == ["THCS01", "TH02", "TH01", "MN01"])
        // Received: earliest first, units that sent nothing last.
        #expect(codes(.init(sort: .received)) == ["THCS01", "MN01", "TH01", "TH02"])
        #expect(codes(.init(sort: .files, descending: true)).first == "TH01")
        #expect(codes(.init(sort: .name)) == ["MN01", "THCS01", "TH02", "TH01"])
    }
}
