import Foundation
import MIME
import Testing

@testable import Intake

struct AcknowledgementTests {
    static let office = OfficeProfile(
        name: "Phòng GDĐT quận Ba Đình", timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!,
        ownAddresses: ["thidua.gdbd@gmail.com"])
    static let campaign = Campaign(
        id: "kh", title: "Kế hoạch thi đua khen thưởng năm 2021",
        opens: Date(timeIntervalSince1970: 1_612_717_200), deadline: Date(timeIntervalSince1970: 1_613_926_799),
        keywords: ["kế hoạch"], reminders: [])
    static let receivedAt = Date(timeIntervalSince1970: 1_613_614_320)  // 18/02/2021 09:12 +07:00

    static func message(
        from: String = "thnguyentrai@schools.example", extraHeaders: String = "", file: [UInt8]? = Fixture.scanPDF,
        filename: String = "KH 2021.pdf"
    ) -> MailMessage {
        var text = "From: Trường TH <\(from)>\nSubject: Kế hoạch thi đua 2021\nMessage-ID: <abc@schools.example>\n\(extraHeaders)"
        text += "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nKính gửi.\n"
        if let file {
            text +=
                "--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"\(filename)\"\nContent-Transfer-Encoding: base64\n\n"
            text += Data(file).base64EncodedString() + "\n"
        }
        text += "--b--\n"
        return MailMessage.parse(Array(text.utf8))
    }

    func ack(_ message: MailMessage, isBacklog: Bool = false, recent: Int = 0) -> Acknowledgement? {
        let assessment = SubmissionAssessment.assess(message, for: Self.campaign, receivedAt: Self.receivedAt)
        return AcknowledgementPolicy(office: Self.office).acknowledgement(
            for: message, assessment: assessment, campaign: Self.campaign, receivedAt: Self.receivedAt,
            isBacklog: isBacklog, repliesToSenderLastDay: recent)
    }

    @Test func aReceivedScanIsConfirmedWithWhatAndWhenInVietnamese() throws {
        let reply = try #require(ack(Self.message()))
        #expect(reply.recipient == "thnguyentrai@schools.example")
        #expect(reply.subject == "Re: Kế hoạch thi đua 2021")
        #expect(reply.inReplyTo == "<abc@schools.example>")
        #expect(reply.references == ["<abc@schools.example>"])
        #expect(reply.text.contains("đã nhận Kế hoạch thi đua khen thưởng năm 2021 của đơn vị: 1 tệp PDF"))
        #expect(reply.text.contains("nhận lúc 09:12 ngày 18/02/2021"))
        #expect(reply.text.contains("KH 2021.pdf"))
        #expect(reply.text.contains("không cần gửi lại"))
    }

    @Test func aWordFileGetsAskedForAProperScan() throws {
        let docx = ArchiveLikeFixture.docx
        let reply = try #require(ack(Self.message(file: docx, filename: "KH.docx")))
        #expect(reply.text.contains("chưa thể ghi nhận"))
        #expect(reply.text.contains("tệp Word/Excel không phải bản scan có dấu đỏ"))
        #expect(reply.text.contains("gửi lại bản scan có dấu đỏ"))
    }

    @Test(arguments: [
        "Auto-Submitted: auto-replied\n", "Precedence: bulk\n", "List-Id: <truong.lists.example>\n", "X-Autoreply: yes\n",
        "Return-Path: <>\n",
    ])
    func automatedMailIsNeverAnswered(header: String) {
        #expect(ack(Self.message(extraHeaders: header)) == nil)
    }

    @Test func outOfOfficeBouncesTheOfficeAndTheBacklogAreNeverAnswered() {
        #expect(ack(Self.message(from: "mailer-daemon@schools.example")) == nil)
        #expect(ack(Self.message(from: "thidua.gdbd@gmail.com")) == nil)
        #expect(ack(Self.message(), isBacklog: true) == nil)
        let outOfOffice = MailMessage.parse(Array("From: a@schools.example\nSubject: Trả lời tự động: Kế hoạch\n\nVắng mặt.\n".utf8))
        #expect(outOfOffice.isAutomated)
    }

    @Test func theDailyCapPerSenderHolds() {
        #expect(ack(Self.message(), recent: 2) != nil)
        #expect(ack(Self.message(), recent: 3) == nil)
    }

    @Test func sizesReadTheVietnameseWay() {
        #expect(AcknowledgementPolicy.megabytes(3_250_586) == "3,1 MB")
        #expect(AcknowledgementPolicy.megabytes(20_000) == "19 KB")
    }
}

/// A docx is a zip with word/ inside; the detector needs only the names.
enum ArchiveLikeFixture {
    static var docx: [UInt8] {
        let name = Array("word/document.xml".utf8)
        var bytes: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]
        bytes += [UInt8(name.count), 0, 0, 0] + name + [0x78]
        return bytes
    }
}

struct SenderAuthenticationTests {
    @Test func theVerdictsAreRead() {
        let auth = SenderAuthentication(
            header:
                "mx.google.com; dkim=pass header.i=@schools.example; spf=pass (google.com: domain of a@schools.example designates 1.2.3.4) smtp.mailfrom=a@schools.example; dmarc=pass (p=NONE) header.from=schools.example"
        )
        #expect(auth.dkim == "pass")
        #expect(auth.spf == "pass")
        #expect(auth.dmarc == "pass")
        #expect(!auth.failed)
    }

    @Test(arguments: [
        ("mx; dkim=fail; spf=softfail; dmarc=none", true),
        ("mx; dkim=none; spf=fail", true),
        ("mx; dkim=pass; spf=fail", false),
        ("mx; dmarc=fail (p=REJECT)", true),
        ("mx; dkim=none; spf=none", false),
    ])
    func failureIsJudged(header: String, failed: Bool) {
        #expect(SenderAuthentication(header: header).failed == failed)
    }

    @Test func aFailingSenderIsSentToReviewEvenWithAGoodScan() {
        let message = AcknowledgementTests.message(
            extraHeaders:
                "Authentication-Results: mx.google.com; dkim=fail; spf=fail; dmarc=fail\nAuthentication-Results: forged; dkim=pass\n")
        #expect(message.authentication?.dmarc == "fail")
        let assessment = SubmissionAssessment.assess(
            message, for: AcknowledgementTests.campaign, receivedAt: AcknowledgementTests.receivedAt)
        #expect(assessment.status == .needsReview)
        #expect(assessment.problems.first?.contains("xác thực người gửi") == true)
    }
}

struct ThreadAndForwardMatchingTests {
    static let roster = try! Roster(units: [
        SchoolUnit(code: "TH01", name: "Tiểu học Nguyễn Trãi", level: "TH", emails: ["thnguyentrai@schools.example"]),
        SchoolUnit(code: "TH02", name: "Tiểu học Kim Đồng", level: "TH", emails: ["thkimdong@schools.example"]),
    ])

    @Test func aReplyToAReminderFromAPersonalAddressBelongsToThatUnit() throws {
        let message = MailMessage.parse(
            Array("From: co.lan@personal.example\nSubject: Re: Nhắc nộp\nIn-Reply-To: <thidua.r1@pgd.example>\n\nGửi ạ.\n".utf8))
        let match = try #require(UnitMatcher(roster: Self.roster).match(message, threads: ["<thidua.r1@pgd.example>": "TH02"]))
        #expect(match.code == "TH02")
        #expect(match.reason.contains("trả lời thư"))
    }

    @Test func anInlineForwardIsMatchedByTheOriginalSender() throws {
        let body =
            "Chuyển tiếp giúp trường.\n\n---------- Forwarded message ---------\nFrom: Trường TH Nguyễn Trãi <thnguyentrai@schools.example>\nDate: Thu, 18 Feb 2021\nSubject: Kế hoạch\n"
        let message = MailMessage.parse(Array("From: someone@personal.example\nSubject: Fwd: Kế hoạch\n\n\(body)".utf8))
        #expect(message.forwardedFrom.map(\.address) == ["thnguyentrai@schools.example"])
        #expect(UnitMatcher(roster: Self.roster).match(message)?.code == "TH01")
    }

    @Test func anHTMLOnlyInlineForwardIsMatchedToo() throws {
        let html =
            "<div>Chuyển tiếp.</div><div>---------- Forwarded message ---------<br>From: <b>Trường TH Nguyễn Trãi</b> &lt;thnguyentrai@schools.example&gt;<br>Date: Thu</div>"
        let message = MailMessage.parse(
            Array("From: someone@personal.example\nSubject: Fwd\nContent-Type: text/html; charset=utf-8\n\n\(html)\n".utf8))
        #expect(message.forwardedFrom.map(\.address) == ["thnguyentrai@schools.example"])
        #expect(UnitMatcher(roster: Self.roster).match(message)?.code == "TH01")
    }

    @Test func anAttachedForwardIsMatchedByItsSender() throws {
        let text = """
            From: someone@personal.example
            Subject: Fwd
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: message/rfc822

            From: thkimdong@schools.example
            Subject: Kế hoạch

            Nội dung.
            --b--

            """
        let message = MailMessage.parse(Array(text.utf8))
        #expect(UnitMatcher(roster: Self.roster).match(message)?.code == "TH02")
    }
}

struct ParticleTests {
    static let roster = try! Roster(units: [
        SchoolUnit(code: "TH03", name: "Tiểu học Thành Công A", level: "TH", emails: ["thtca@schools.example"]),
        SchoolUnit(code: "TH04", name: "Tiểu học Thành Công B", level: "TH", emails: ["thtcb@schools.example"]),
    ])

    @Test func thePoliteParticleIsNotTheSchoolsLetter() {
        let message = MailMessage.parse(
            Array(
                "From: x@personal.example\nSubject: =?UTF-8?B?\(Data("Em gửi kế hoạch TH Thành Công ạ".utf8).base64EncodedString())?=\n\nGửi ạ.\n"
                    .utf8))
        #expect(UnitMatcher(roster: Self.roster).match(message) == nil)
        let named = MailMessage.parse(
            Array(
                "From: x@personal.example\nSubject: =?UTF-8?B?\(Data("Kế hoạch TH Thành Công A ạ".utf8).base64EncodedString())?=\n\nGửi.\n"
                    .utf8))
        #expect(UnitMatcher(roster: Self.roster).match(named)?.code == "TH03")
        #expect(TextFolding.fold("Thành Công A, ạ.") == "thanh cong a")
    }
}
