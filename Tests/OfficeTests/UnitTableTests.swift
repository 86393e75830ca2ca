import Foundation
import Intake
import Store
import TestSupport
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

    @Test func rowsAreMovedIntoTheOrderOfTheirPositions() {
        var random = SeededGenerator()
        for count in [0, 1, 2, 7, 300] {
            let items = (0..<count).map { "row \($0)" }
            for positions in [Array(items.indices), items.indices.reversed(), items.indices.shuffled(using: &random)] {
                var arranged = items
                UnitTable.arrange(&arranged, as: positions)
                #expect(arranged == positions.map { items[$0] }, "\(count) rows, \(random.replay)")
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
