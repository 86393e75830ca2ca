import Foundation
import Testing

@testable import Intake

/// Reading the officer's units.csv, as Excel saves it.
@Suite struct RosterTests {
    @Test func excelStyleCSVWithBOMCRLFBlankLinesQuotesAndSemicolons() throws {
        let csv =
            "\u{FEFF}code,name,level,emails,ghi chú\r\n"
            + "th01,\"Tiểu học Nguyễn Trãi, Ba Đình\",th,TH.NguyenTrai@HanoiEdu.vn; nguyentrai.bd@gmail.com,\r\n"
            + "\r\n"
            + "THCS02,THCS Thành Công,THCS,thcs.thanhcong@hanoiedu.vn,\"trường \"\"chuẩn\"\"\"\r\n"
            + ",,,\r\n"
            + "MN03,Mầm non Hoa Sen,MN,\"mn.hoasen@hanoiedu.vn,hoasen@gmail.com\"\r\n"
        let roster = try Roster.parseCSV(csv)
        #expect(roster.units.map(\.code) == ["TH01", "THCS02", "MN03"])
        let first = try #require(roster.unit(code: "th01"))
        #expect(first.name == "Tiểu học Nguyễn Trãi, Ba Đình")
        #expect(first.level == "TH")
        #expect(first.emails == ["th.nguyentrai@hanoiedu.vn", "nguyentrai.bd@gmail.com"])
        #expect(roster.unit(email: "NguyenTrai.BD@gmail.com")?.code == "TH01")
        #expect(roster.unit(email: "hoasen@gmail.com")?.code == "MN03")
        #expect(roster.unit(code: "MN03")?.emails.count == 2)
    }

    @Test func columnsInAnotherOrderAndLFOnly() throws {
        let roster = try Roster.parseCSV("emails,level,name,code\na@x.vn,TH,Tiểu học A,TH09\n")
        let unit = try #require(roster.units.first)
        #expect(unit == SchoolUnit(code: "TH09", name: "Tiểu học A", level: "TH", emails: ["a@x.vn"]))
    }

    @Test func thePrincipalsAddressIsAnOptionalColumn() throws {
        let roster = try Roster.parseCSV(
            """
            code,name,level,emails,principal,principal_email
            TH01,Tiểu học A,TH,a@x.vn,Nguyễn Văn An,HieuTruong.A@x.vn
            TH02,Tiểu học B,TH,b@x.vn,,
            """)
        #expect(roster.units[0].principalEmail == "hieutruong.a@x.vn")
        #expect(roster.units[0].principalName == "Nguyễn Văn An")
        #expect(roster.units[1].principalEmail == nil)
        #expect(roster.units[1].principalName == nil)
        // The principal's address is not one the unit sends from.
        #expect(roster.unit(email: "hieutruong.a@x.vn") == nil)
        // The shipped roster keeps the contract and carries the column.
        let shipped = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../config/units.csv"), encoding: .utf8)
        let units = try Roster.parseCSV(shipped).units
        #expect(units.count == 60)
        #expect(units.contains { $0.principalEmail != nil })
    }

    @Test func aMalformedPrincipalAddressIsReportedWithItsLine() {
        let found = problems(
            """
            code,name,level,emails,principal_email
            TH01,Tiểu học A,TH,a@x.vn,hieutruong@x.vn
            TH02,Tiểu học B,TH,b@x.vn,hieu truong@x
            """)
        #expect(found.map(\.line) == [3])
        #expect(found.first?.message.contains("principal") == true)
        #expect(found.first?.message.contains("hieu truong@x") == true)
    }

    @Test func nfdNamesAreStoredNFC() throws {
        let roster = try Roster.parseCSV("code,name,level,emails\nTH1,Tie\u{0302}\u{0309}u ho\u{0323}c A,TH,a@x.vn\n")
        #expect(roster.units.first?.name.unicodeScalars.elementsEqual("Tiểu học A".unicodeScalars) == true)
    }

    private func problems(_ csv: String) -> [Roster.Problem] {
        do throws(Roster.Invalid) {
            let roster = try Roster.parseCSV(csv)
            Issue.record("roster with \(roster.units.count) units was accepted")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func duplicateCodeAndBadEmailAreReportedWithTheirLines() {
        let found = problems(
            """
            code,name,level,emails
            TH01,Tiểu học A,TH,a@x.vn

            TH01,Tiểu học B,TH,b@x.vn
            TH03,Tiểu học C,TH,not-an-email
            TH04,Tiểu học D,TH,d@x.vn;a@x.vn
            TH05,Tiểu học E,TH,e@x.vn
            """)
        #expect(found.map(\.line) == [4, 5, 6])
        #expect(found[0].message.contains("TH01"))
        #expect(found[1].message.contains("not-an-email"))
        #expect(found[2].message.contains("a@x.vn") && found[2].message.contains("TH01"))
    }

    @Test func lineNumbersCountCRLFAndNewlinesInsideQuotes() {
        let csv =
            "code,name,level,emails\r\n"
            + "TH01,\"Tiểu học A\r\n(cơ sở 2)\",TH,a@x.vn\r\n"  // lines 2–3
            + "\r\n"  // line 4
            + "TH02,Tiểu học B,TH,b@@x\r\n"  // line 5
        #expect(problems(csv).map(\.line) == [5])
    }

    @Test func missingHeaderColumnIsReportedOnTheHeaderLine() {
        let found = problems("\u{FEFF}code,emails\r\nTH01,a@x.vn\r\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 1)
        #expect(found.first?.message.contains("name") == true)

        let afterBlank = problems("\n\ncode|name|level|emails\n")
        #expect(afterBlank.first?.line == 3, "the header is on line 3")
    }

    @Test func emptyCodeOrNameIsRefused() {
        let found = problems("code,name,level,emails\n,Tiểu học A,TH,a@x.vn\nTH02,,TH,b@x.vn\n")
        #expect(found.map(\.line) == [2, 3])
    }

    @Test func emptyFileIsRefused() {
        #expect(throws: Roster.Invalid.self) { try Roster.parseCSV("\u{FEFF}\r\n\r\n") }
    }

    @Test func plausibleAddresses() {
        #expect(Roster.isPlausibleAddress("th.nguyentrai@hanoiedu.vn"))
        for bad in ["a@b", "@x.vn", "a b@x.vn", "a@x.vn;b@x.vn", "<a@x.vn>", "ax.vn"] {
            #expect(!Roster.isPlausibleAddress(bad), "\(bad)")
        }
    }
}
