import Foundation
import Intake
import MIME

/// Messages, units and dates for the rule tests, built the way the daemon sees them.
enum Fixture {
    static let office = OfficeProfile(
        name: "Phòng GDĐT quận Ba Đình", timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!,
        ownAddresses: ["thidua.gdbd@gmail.com"])

    /// `2021-02-18T09:00` in office time (+07:00), or a full ISO 8601 string.
    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        let full = text.count == 16 ? text + ":00+07:00" : text
        guard let date = formatter.date(from: full) else { fatalError("bad test date \(text)") }
        return date
    }

    struct File {
        var name: String
        var type: String
        var bytes: [UInt8]
    }

    static let scanPDF: [UInt8] = Array(
        """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> >> endobj
        4 0 obj << /Type /XObject /Subtype /Image /Width 210 /Height 297 /Length 1 >> stream
        x
        endstream endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """.utf8)

    static let textPDF: [UInt8] = Array(
        """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> >> endobj
        4 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """.utf8)

    static let docx: [UInt8] =
        [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 8, 0] + [UInt8](repeating: 0, count: 16)
        + [17, 0, 0, 0] + Array("word/document.xml".utf8)

    static func scan(_ name: String = "KH.pdf") -> File { File(name: name, type: "application/pdf", bytes: scanPDF) }

    /// A message as a school would send it, parsed by the same code path as the daemon.
    static func message(
        from: String = "teacher@gmail.com", subject: String, body: String = "Kính gửi Phòng GDĐT.",
        files: [File] = []
    ) -> MailMessage {
        var text = """
            From: \(from)
            Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=
            Message-ID: <\(UUID().uuidString)@test>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            \(Data(body.utf8).base64EncodedString())

            """
        for file in files {
            let encodedName = "=?UTF-8?B?\(Data(file.name.utf8).base64EncodedString())?="
            text += """
                --b
                Content-Type: \(file.type); name="\(encodedName)"
                Content-Disposition: attachment; filename="\(encodedName)"
                Content-Transfer-Encoding: base64

                \(Data(file.bytes).base64EncodedString())

                """
        }
        text += "--b--\n"
        return MailMessage.parse(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    static func campaign(
        id: String = "khtdkt-2021", keywords: [String] = ["kế hoạch", "thi đua", "khen thưởng"],
        opens: String = "2021-02-08T00:00", deadline: String = "2021-02-21T23:59",
        reminders: [String] = ["-7d", "-3d", "-1d", "0d", "+1d"]
    ) -> Campaign {
        Campaign(
            id: id, title: "Kế hoạch thi đua khen thưởng năm 2021", opens: date(opens), deadline: date(deadline),
            keywords: keywords, reminders: reminders.compactMap(ReminderStage.init))
    }
}
