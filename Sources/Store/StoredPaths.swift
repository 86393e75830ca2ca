import Foundation
import MIME

/// Where the data directory keeps each kind of file, relative to its root. Paths derive
/// from content hashes, so a write repeated after a crash lands on the same path.
public enum StoredPaths {
    /// `raw/2021/02/<sha256>.eml`, by the month the message was received (UTC).
    public static func rawMessage(sha256: String, receivedAt: Date) -> String {
        let (year, month) = StoredDate.yearAndMonth(receivedAt)
        return "raw/\(year)/\(month < 10 ? "0" : "")\(month)/\(sha256).eml"
    }

    /// `files/<campaign>/<unit>/<sha12>-<n>-<name>`: an attachment written out of its raw
    /// message (`messageSHA256`), `position` 0-based, in the folder of the campaign and unit
    /// it is filed under, so that a copy of the folder reads as the officer's binder.
    public static func attachment(
        messageSHA256: String, position: Int, filename: String, campaignID: String?, unitCode: String?
    ) -> String {
        let folder = "files/\(SafeFilename.make(campaignID ?? "_chua-phan-loai"))/\(SafeFilename.make(unitCode ?? "_chua-xac-dinh"))"
        return "\(folder)/\(messageSHA256.prefix(12))-\(position + 1)-\(SafeFilename.make(filename))"
    }

    /// `thumbnails/ab/<sha256>.jpg`: the document check's page picture of a file's content.
    public static func thumbnail(sha256: String) -> String {
        "thumbnails/\(sha256.prefix(2))/\(sha256).jpg"
    }
}
