import Foundation
import Testing

@testable import Office

struct ZipEntryNamesTests {
    @Test func componentReplacesWhatWindowsForbids() {
        #expect(ZipEntryNames.component("a/b\\c:d*e?f\"g<h>i|j.pdf", fallback: "x") == "a_b_c_d_e_f_g_h_i_j.pdf")
        #expect(ZipEntryNames.component("Kế hoạch 15/KH-THVP.pdf", fallback: "x") == "Kế hoạch 15_KH-THVP.pdf")
    }

    @Test func componentDropsControlAndDirectionCharacters() {
        #expect(ZipEntryNames.component("Kế\u{0}hoạch\t\n.pdf", fallback: "x") == "Kếhoạch.pdf")
        #expect(ZipEntryNames.component("a\u{7F}b\u{85}c", fallback: "x") == "abc")
        // Would show as "Kế hoạchexe.pdf".
        #expect(ZipEntryNames.component("Kế hoạch\u{202E}fdp.exe", fallback: "x") == "Kế hoạchfdp.exe")
    }

    @Test func componentIsNFC() {
        let decomposed = "Trường Tiểu học Vạn Phúc".decomposedStringWithCanonicalMapping
        let name = ZipEntryNames.component(decomposed, fallback: "x")
        #expect(Array(name.unicodeScalars) == Array("Trường Tiểu học Vạn Phúc".precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(name.unicodeScalars.count < decomposed.unicodeScalars.count)
    }

    @Test func componentTrimsSpacesAndTrailingDots() {
        #expect(ZipEntryNames.component("  Báo cáo. . ", fallback: "x") == "Báo cáo")
        #expect(ZipEntryNames.component(" Báo cáo.pdf.", fallback: "x") == "Báo cáo.pdf")
        #expect(ZipEntryNames.component(".hidden", fallback: "x") == ".hidden")
    }

    @Test func emptyOrDotsFallBack() {
        for raw in ["", "   ", ".", "..", "...", "\u{0}\u{1}", " . . "] {
            #expect(ZipEntryNames.component(raw, fallback: "tệp") == "tệp", "\(raw.debugDescription)")
        }
        // The fallback is made safe too.
        #expect(ZipEntryNames.component("", fallback: "TH01/tệp") == "TH01_tệp")
        #expect(ZipEntryNames.component("", fallback: "") == "_")
    }

    @Test func windowsDeviceNamesGetAnUnderscore() {
        #expect(ZipEntryNames.component("CON", fallback: "x") == "CON_")
        #expect(ZipEntryNames.component("con.txt", fallback: "x") == "con_.txt")
        #expect(ZipEntryNames.component("Lpt9.tar.gz", fallback: "x") == "Lpt9_.tar.gz")
        #expect(ZipEntryNames.component("nul", fallback: "x") == "nul_")
        #expect(ZipEntryNames.component("COM1 .pdf", fallback: "x") == "COM1 _.pdf")
        #expect(ZipEntryNames.component("aux.", fallback: "x") == "aux_")
        for name in ["PRN", "AUX", "COM1", "COM9", "LPT1"] {
            #expect(ZipEntryNames.component(name + ".pdf", fallback: "x") == name + "_.pdf")
        }
        for name in ["COM10", "CONSOLE.pdf", "Công văn.pdf", "xCON", "LPT"] {
            #expect(ZipEntryNames.component(name, fallback: "x") == name)
        }
    }

    @Test func longNamesAreCutKeepingTheExtension() {
        let ascii = ZipEntryNames.component(String(repeating: "a", count: 300) + ".pdf", fallback: "x")
        #expect(ascii.count == 120)
        #expect(ascii == String(repeating: "a", count: 116) + ".pdf")
        // Vietnamese letters take three bytes: the 255-byte limit cuts first.
        let vietnamese = ZipEntryNames.component(String(repeating: "ệ", count: 200) + ".pdf", fallback: "x")
        #expect(vietnamese.hasSuffix(".pdf"))
        #expect(vietnamese.utf8.count <= 255)
        #expect(vietnamese.count == 4 + (255 - 4) / 3)
        // A cut that ends on a space does not leave it before the extension.
        let spaced = ZipEntryNames.component(String(repeating: "a", count: 115) + " bbbbbbbbbb.pdf", fallback: "x")
        #expect(spaced == String(repeating: "a", count: 115) + ".pdf")
        let short = "Kế hoạch.pdf"
        #expect(ZipEntryNames.component(short, fallback: "x") == short)
    }

    @Test func repeatedNamesAreNumberedBeforeTheExtension() {
        var names = ZipEntryNames()
        #expect(names.unique("Báo cáo.pdf", in: "TH01") == "Báo cáo.pdf")
        #expect(names.unique("Báo cáo.pdf", in: "TH01") == "Báo cáo (2).pdf")
        #expect(names.unique("Báo cáo.pdf", in: "TH01") == "Báo cáo (3).pdf")
        #expect(names.unique("README", in: "TH01") == "README")
        #expect(names.unique("README", in: "TH01") == "README (2)")
    }

    @Test func namesCollideIgnoringCaseAndNormalisation() {
        var names = ZipEntryNames()
        #expect(names.unique("Báo cáo.pdf", in: "TH01") == "Báo cáo.pdf")
        #expect(names.unique("BÁO CÁO.PDF", in: "TH01") == "BÁO CÁO (2).PDF")
        let decomposed = "báo cáo.pdf".decomposedStringWithCanonicalMapping
        let third = names.unique(decomposed, in: "TH01")
        #expect(third == "báo cáo (3).pdf")
        #expect(Array(third.unicodeScalars) == Array("báo cáo (3).pdf".precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(names.unique("Đơn.pdf", in: "TH01") == "Đơn.pdf")
        #expect(names.unique("đơn.pdf", in: "TH01") == "đơn (2).pdf")
    }

    @Test func foldersKeepTheirOwnNames() {
        var names = ZipEntryNames()
        #expect(names.unique("Kế hoạch.pdf", in: "TH01") == "Kế hoạch.pdf")
        #expect(names.unique("Kế hoạch.pdf", in: "TH02") == "Kế hoạch.pdf")
        // The same folder however it is spelt.
        #expect(names.unique("Kế hoạch.pdf", in: "th01/") == "Kế hoạch (2).pdf")
        // Folder names themselves, at the top.
        #expect(names.unique("TH01 - Trường Tiểu học Vạn Phúc", in: "") == "TH01 - Trường Tiểu học Vạn Phúc")
        #expect(names.unique("TH01 - Trường Tiểu học Vạn Phúc", in: "") == "TH01 - Trường Tiểu học Vạn Phúc (2)")
    }

    @Test func aNumberedNameAlreadyTakenIsSkipped() {
        var names = ZipEntryNames()
        #expect(names.unique("a.pdf", in: "") == "a.pdf")
        #expect(names.unique("a (2).pdf", in: "") == "a (2).pdf")
        #expect(names.unique("a.pdf", in: "") == "a (3).pdf")
    }

    @Test func numberingKeepsLongNamesWithinTheLimit() {
        var names = ZipEntryNames()
        let long = ZipEntryNames.component(String(repeating: "a", count: 200) + ".pdf", fallback: "x")
        #expect(names.unique(long, in: "") == long)
        let second = names.unique(long, in: "")
        #expect(second.count == 120)
        #expect(second.hasSuffix("a (2).pdf"))
    }
}
