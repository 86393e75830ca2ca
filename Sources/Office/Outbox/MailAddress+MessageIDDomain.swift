import MIME

extension MailAddress {
    /// The domain the office's Message-IDs are made under: its own address's, so replies
    /// thread back to it (`OutgoingMessage.makeMessageID(domain:)`).
    var messageIDDomain: String { address.split(separator: "@").last.map(String.init) ?? "thidua.invalid" }
}
