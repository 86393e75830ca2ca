import Foundation
import MIME

/// Mail put in a mailbox as if it had arrived at a chosen moment: IMAP APPEND with an
/// INTERNALDATE, which thidua takes as the receipt time. libcurl's APPEND cannot send a
/// date, so this speaks IMAP through Python's imaplib (the stack already needs python3);
/// no flags are given, so the message stays unread as school mail does.
extension MailStack {
    struct AppendFailed: Error, CustomStringConvertible {
        var description: String
    }

    func append(_ raw: [UInt8], to user: String, arrivedAt date: Date) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("append-\(UUID().uuidString).eml")
        try Data(raw).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import imaplib, os, ssl, sys
            host, port, ca, user, stamp, path = sys.argv[1:]
            box = imaplib.IMAP4_SSL(host, int(port), ssl_context=ssl.create_default_context(cafile=ca))
            box.login(user, os.environ["APPEND_PASSWORD"])
            with open(path, "rb") as f:
                kind, answer = box.append("INBOX", None, imaplib.Time2Internaldate(float(stamp)), f.read())
            if kind != "OK":
                sys.exit(f"APPEND refused: {answer!r}")
            box.logout()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, host, String(imapsPort), caFile, user, String(date.timeIntervalSince1970), file.path]
        process.environment = ["APPEND_PASSWORD": password, "PATH": "/usr/bin:/bin"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw AppendFailed(description: "APPEND to \(user) failed: \(String(decoding: stderr, as: UTF8.self))")
        }
    }

    /// Every message in `user`'s INBOX, parsed, in arrival order.
    func inbox(of user: String) async throws -> [MailMessage] {
        let imap = try imap(user: user)
        let status = try await imap.status(mailbox: "INBOX")
        guard status.messages > 0 else { return [] }
        var messages: [MailMessage] = []
        for uid in try await imap.uids(mailbox: "INBOX", uidValidity: status.uidValidity, from: 1) {
            messages.append(MailMessage.parse(try await imap.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: uid).raw))
        }
        return messages
    }
}
