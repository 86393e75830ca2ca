import Foundation
import Testing

@testable import Intake

/// The office's own list of schools, as the district keeps it in Excel: a title above the
/// table, Vietnamese column names written however the clerk typed them, saved as CSV by a
/// Vietnamese Windows.
@Suite struct RosterTableTests {
    /// The problems the rows are refused with; an accepted roster is recorded as an issue.
    static func problems(_ rows: [RosterTable.Row]) -> [Roster.Problem] {
        do throws(Roster.Invalid) {
            let units = try RosterTable.units(from: rows)
            Issue.record("\(units.count) units were accepted")
            return []
        } catch {
            return error.problems
        }
    }

    static func problems(csv: String) -> [Roster.Problem] {
        problems(RosterTable.rows(csv: csv))
    }

    @Test func theDistrictsOwnListIsReadBelowItsTitle() throws {
        let csv = """
            DANH SÁCH CÁC TRƯỜNG TRÊN ĐỊA BÀN QUẬN BA ĐÌNH

            STT,Mã đơn vị,Tên trường,Cấp học,"Email (nhiều địa chỉ cách nhau bởi ;)",Hiệu trưởng,Email hiệu trưởng
            1,th01,Trường Tiểu học Nguyễn Trãi,Tiểu học,"TH.NguyenTrai@hanoiedu.vn; nguyentrai.bd@gmail.com",Nguyễn Thị Lan,HieuTruong.NguyenTrai@hanoiedu.vn
            2,THCS02,Trường THCS Ngọc Hà,Trung học cơ sở,thcs.ngocha@hanoiedu.vn,,
            3,MN03,Trường Mầm non Hoa Sen,Mầm non,mn.hoasen@hanoiedu.vn,,
            """
        let roster = try Roster.parseCSV(csv)
        #expect(roster.units.map(\.code) == ["TH01", "THCS02", "MN03"], "STT is no code")
        #expect(roster.units.map(\.level) == ["TH", "THCS", "MN"])
        let first = try #require(roster.unit(code: "TH01"))
        #expect(first.name == "Trường Tiểu học Nguyễn Trãi")
        #expect(first.emails == ["th.nguyentrai@hanoiedu.vn", "nguyentrai.bd@gmail.com"])
        #expect(first.principalName == "Nguyễn Thị Lan")
        #expect(first.principalEmail == "hieutruong.nguyentrai@hanoiedu.vn")
        #expect(roster.unit(code: "THCS02")?.principalName == nil)
        // The principal's address is copied on reminders, never taken for the school's own.
        #expect(roster.unit(email: "hieutruong.nguyentrai@hanoiedu.vn") == nil)
    }

    @Test(arguments: [
        "Mã đơn vị,Tên trường,Cấp học,Email,Hiệu trưởng,Email hiệu trưởng",
        "Ma don vi,Ten truong,Cap hoc,Email,Hieu truong,Email hieu truong",
        "MÃ ĐƠN VỊ,TÊN TRƯỜNG,CẤP HỌC,E-MAIL,HIỆU TRƯỞNG,EMAIL HIỆU TRƯỞNG",
        "Mã đơn vị (bắt buộc),Tên trường [đầy đủ],Cấp học,Địa chỉ email,Họ và tên hiệu trưởng,Email hiệu trưởng (nếu có)",
        "code,name,level,emails,principal,principal_email",
    ])
    func theColumnsAreKnownByAnyOfTheirNames(header: String) throws {
        let roster = try Roster.parseCSV(
            header + "\nTH01,Tiểu học Kim Đồng,TH,thkimdong@schools.example,Trần Văn Bình,ht.kimdong@schools.example\n")
        #expect(
            roster.units == [
                SchoolUnit(
                    code: "TH01", name: "Tiểu học Kim Đồng", level: "TH", emails: ["thkimdong@schools.example"],
                    principalName: "Trần Văn Bình", principalEmail: "ht.kimdong@schools.example")
            ])
    }

    @Test func aSemicolonCSVFromAVietnameseWindowsIsRead() throws {
        // Where the decimal mark is a comma, Excel separates fields by ';' and leaves commas
        // in names and address lists unquoted.
        let csv =
            "\u{FEFF}Danh sách đơn vị;;;\r\n"
            + "Mã đơn vị;Tên trường;Cấp học;Email\r\n"
            + "TH01;Trường Tiểu học Nguyễn Trãi, Ba Đình;TH;th01@schools.example, nguyentrai@gmail.com\r\n"
            + "MN02;Trường Mầm non Hoa Sen;MN;mn02@schools.example\r\n"
        let roster = try Roster.parseCSV(csv)
        #expect(roster.units.map(\.code) == ["TH01", "MN02"])
        #expect(roster.units.first?.name == "Trường Tiểu học Nguyễn Trãi, Ba Đình")
        #expect(roster.units.first?.emails == ["th01@schools.example", "nguyentrai@gmail.com"])
        #expect(RosterTable.rows(csv: csv).map(\.cells.count) == [4, 4, 4, 4])
    }

    @Test func aLevelIsReadWrittenOutOrFromTheSchoolsName() throws {
        let roster = try Roster.parseCSV(
            """
            Mã đơn vị,Tên trường,Cấp học,Email
            MN01,Trường Mầm non Hoa Sen,Mầm non,mn01@schools.example
            TH01,Trường Tiểu học Kim Đồng,Tiểu học,th01@schools.example
            THCS01,Trường THCS Ngọc Hà,Trung học cơ sở,thcs01@schools.example
            THCS02,Trường THCS Thành Công,,thcs02@schools.example
            TH02,Trường Tiểu học Thủ Lệ,,th02@schools.example
            MN02,Trường Mầm non Bắc Sơn,,mn02@schools.example
            THPT01,Trường THPT Phan Đình Phùng,thpt,thpt01@schools.example
            """)
        #expect(roster.units.map(\.level) == ["MN", "TH", "THCS", "THCS", "TH", "MN", "THPT"])
    }

    @Test func aMissingLevelColumnIsInferredFromTheName() throws {
        let roster = try Roster.parseCSV(
            """
            Mã đơn vị,Tên trường,Email
            THCS01,Trường THCS Ngọc Hà,thcs01@schools.example
            TH01,Trường Tiểu học Nguyễn Trãi,th01@schools.example
            MN01,Trường Mầm non Hoa Sen,mn01@schools.example
            X01,Trung tâm Giáo dục nghề nghiệp quận,x01@schools.example
            """)
        #expect(roster.units.map(\.level) == ["THCS", "TH", "MN", ""], "a centre that is no school has no level")
    }

    @Test func aProblemNamesTheRowAsExcelNumbersIt() {
        // Rows as the first sheet of a workbook gives them: the title in row 1, the
        // header in row 3, one school a row after it.
        let rows = [
            RosterTable.Row(number: 1, cells: ["DANH SÁCH CÁC TRƯỜNG"]),
            RosterTable.Row(number: 3, cells: ["STT", "Mã đơn vị", "Tên trường", "Email"]),
            RosterTable.Row(number: 4, cells: ["1", "TH01", "Trường Tiểu học Kim Đồng", "th01@schools.example"]),
            RosterTable.Row(number: 5, cells: ["", "", "", ""]),
            RosterTable.Row(number: 6, cells: ["2", "TH02", "Trường Tiểu học Thủ Lệ", "thule@@schools"]),
            RosterTable.Row(number: 7, cells: ["3", "TH01", "Trường Tiểu học Kim Đồng (cơ sở 2)", "th01b@schools.example"]),
            RosterTable.Row(number: 8, cells: ["4", "TH04", "", "th04@schools.example"]),
        ]
        let found = Self.problems(rows)
        #expect(found.map(\.line) == [6, 7, 8])
        #expect(
            found.map(\.vietnamese) == [
                "'thule@@schools' không phải địa chỉ thư điện tử", "Mã TH01 xuất hiện hai lần", "Chưa có tên đơn vị",
            ])
    }

    @Test func aProblemInACSVNamesItsLine() {
        let found = Self.problems(
            csv: """
                Danh sách đơn vị năm học 2025–2026

                Mã đơn vị,Tên trường,Email
                TH01,Trường Tiểu học Kim Đồng,th01@schools.example
                TH02,Trường Tiểu học Thủ Lệ,th01@schools.example
                """)
        #expect(found.map(\.line) == [5])
        #expect(found.first?.vietnamese == "Địa chỉ th01@schools.example đã thuộc đơn vị TH01")
    }

    @Test func noHeaderInTheFirstTenRowsIsOneProblem() {
        var csv = ""
        for row in 1...10 { csv += "Ghi chú \(row),,\n" }
        csv += "Mã đơn vị,Tên trường,Email\nTH01,Trường Tiểu học Kim Đồng,th01@schools.example\n"
        let found = Self.problems(csv: csv)
        #expect(found.count == 1)
        #expect(found.first?.line == 1)
        #expect(found.first?.vietnamese.contains("Không tìm thấy dòng tiêu đề") == true)

        // A table of names without codes is not a roster either.
        let withoutCodes = Self.problems(csv: "Tên trường,Email\nTrường Tiểu học Kim Đồng,th01@schools.example\n")
        #expect(withoutCodes.count == 1)
    }

    @Test func theTenthRowMayStillBeTheHeader() throws {
        var csv = ""
        for row in 1...9 { csv += "Ghi chú \(row)\n" }
        csv += "Mã đơn vị,Tên trường,Email\nTH01,Trường Tiểu học Kim Đồng,th01@schools.example\n"
        #expect(try Roster.parseCSV(csv).units.map(\.code) == ["TH01"])
    }
}

/// What an import would change, shown before it is applied and logged after.
@Suite struct RosterChangesTests {
    static let before = [
        SchoolUnit(code: "TH01", name: "Tiểu học Nguyễn Trãi", level: "TH", emails: ["th01@schools.example", "nguyentrai@gmail.com"]),
        SchoolUnit(code: "TH02", name: "Tiểu học Kim Đồng", level: "TH", emails: ["th02@schools.example"]),
        SchoolUnit(code: "MN03", name: "Mầm non Hoa Sen", level: "MN", emails: ["mn03@schools.example"]),
    ]

    @Test func everyKindOfChangeIsNamedByUnit() {
        let after = [
            SchoolUnit(
                code: "TH01", name: "Trường Tiểu học Nguyễn Trãi", level: "TH", emails: ["th01@schools.example", "ht.nguyentrai@gmail.com"]),
            SchoolUnit(
                code: "TH02", name: "Tiểu học Kim Đồng", level: "THCS", emails: ["th02@schools.example"], principalName: "Lê Thị Hoa"),
            SchoolUnit(code: "TH05", name: "Tiểu học Thủ Lệ", level: "TH", emails: ["th05@schools.example"]),
        ]
        let changes = RosterChanges(from: Self.before, to: after)
        #expect(changes.added.map(\.code) == ["TH05"])
        #expect(changes.removed.map(\.code) == ["MN03"])
        #expect(changes.renamed == [.init(code: "TH01", from: "Tiểu học Nguyễn Trãi", to: "Trường Tiểu học Nguyễn Trãi")])
        #expect(changes.levelChanged == [.init(code: "TH02", from: "TH", to: "THCS")])
        #expect(
            changes.addressesAdded == [
                .init(code: "TH01", address: "ht.nguyentrai@gmail.com"), .init(code: "TH05", address: "th05@schools.example"),
            ])
        #expect(changes.addressesRemoved.filter { $0.code == "TH01" } == [.init(code: "TH01", address: "nguyentrai@gmail.com")])
        #expect(changes.principalChanged == ["TH02"])
        #expect(!changes.isEmpty)
    }

    @Test func theSameRosterChangesNothing() {
        let changes = RosterChanges(from: Self.before, to: Self.before)
        #expect(changes.isEmpty)
        #expect(changes.summary == "0 added, 0 removed, 0 renamed, 0 level changed, 0 addresses added, 0 addresses removed")
    }

    @Test func reorderingIsNoChange() {
        // The clerk sorted the sheet by name: nothing to preview, nothing to log.
        #expect(RosterChanges(from: Self.before, to: Self.before.reversed()).isEmpty)
    }
}
