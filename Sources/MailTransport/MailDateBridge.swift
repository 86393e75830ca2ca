import Foundation
import MIME

/// The MIME module's date parser, reached from the transport's response parsers.
enum MailDateBridge {
    static func parse(_ text: String) -> Date? { MailDate.parse(text) }
}
