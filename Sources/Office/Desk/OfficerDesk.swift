import DocumentCheck
import Foundation
import Intake
import MIME
import Store

/// The officer's decisions, the same from the dashboard and the CLI: attribute a message
/// to a unit, reject it with a reason mailed back to the school, excuse a unit.
public struct OfficerDesk: Sendable {
    public var setup: OfficeSetup
    public var store: DataStore

    public init(setup: OfficeSetup, store: DataStore) {
        self.setup = setup
        self.store = store
    }

    public enum Refusal: Error, CustomStringConvertible, Equatable {
        case unknownUnit(String)
        case unknownMessage(Int64)
        case unknownCampaign(String)
        case noCampaign
        case emptyReason
        case nothingToReject(unit: String, campaign: String)

        /// In Vietnamese: the dashboard shows it as is; the CLI too (the officer reads it).
        public var description: String {
            switch self {
            case .unknownUnit(let code): "Không có đơn vị mã \(code) trong danh sách đơn vị."
            case .unknownMessage(let id): "Không có thư số \(id) trong kho."
            case .unknownCampaign(let id): "Không có đợt thu hồ sơ mã \(id)."
            case .noCampaign: "Chưa có đợt thu hồ sơ nào: hãy tạo một đợt thu ở trang chủ."
            case .emptyReason: "Hãy ghi lý do trả lại để đơn vị biết cần sửa gì."
            case .nothingToReject(let unit, let campaign):
                "Đơn vị \(unit) chưa có hồ sơ nào được ghi nhận trong đợt \(campaign), nên không có hồ sơ để trả lại."
            }
        }
    }

    public struct Outcome: Sendable {
        public var unit: SchoolUnit
        public var campaign: Campaign
        public var status: ReceiptStatus
        public var learnedSender: String?
    }

    /// Attributes message `id` to `unitCode` for `campaignID` (default: the message's own
    /// campaign, else the one it most likely belongs to). The stored raw mail is assessed
    /// again against that campaign, so a wrong file kind still shows as needing review.
    public func assign(messageID id: Int64, to unitCode: String, campaignID: String?, actor: String, at now: Date) throws -> Outcome {
        guard let unit = setup.roster.unit(code: unitCode) else { throw Refusal.unknownUnit(unitCode) }
        guard let message = try store.message(id: id) else { throw Refusal.unknownMessage(id) }
        let campaign = try choose(campaignID ?? message.campaignID, near: message.receivedAt)
        var status = ReceiptStatus.received
        var problems: String?
        if let raw = try store.rawMessage(id: id) {
            let assessment = SubmissionAssessment.assess(MailMessage.parse(raw), for: campaign, receivedAt: message.receivedAt)
            status = assessment.status
            problems = assessment.problems.isEmpty ? nil : assessment.problems.joined(separator: "; ")
        }
        try store.assign(messageID: id, to: unit.code, campaign: campaign.id, status: status, problems: problems, actor: actor, at: now)
        return Outcome(unit: unit, campaign: campaign, status: status, learnedSender: message.fromAddress)
    }

    /// Rejects message `id` with `reason`; the reason is queued as a reply to its sender
    /// (sent by the daemon, at most once) unless the sender is the office itself or unknown.
    public func reject(messageID id: Int64, reason: String, actor: String, at now: Date) throws -> StoredMessage {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw Refusal.emptyReason }
        guard let message = try store.storedMessage(id: id) else { throw Refusal.unknownMessage(id) }
        let campaign = message.campaignID.flatMap(setup.campaign(id:))
        var reply: (recipient: String, subject: String, text: String)?
        if let sender = replyRecipient(of: message) {
            let notice = RejectionNotice(
                office: setup.profile, campaign: campaign, originalSubject: message.subject,
                receivedAt: message.receivedAt, reason: reason, now: now, texts: setup.texts)
            reply = (sender, notice.subject, notice.text)
        }
        try store.reject(
            messageID: id, unit: message.unitCode, campaign: message.unitCode == nil ? nil : campaign?.id,
            reason: reason, reply: reply, actor: actor, at: now)
        return message
    }

    /// Who a rejection of `message` is mailed to: its sender, unless unknown or the office itself.
    public func replyRecipient(of message: StoredMessage) -> String? {
        guard let sender = message.fromAddress, !setup.profile.ownAddresses.contains(sender.lowercased()) else { return nil }
        return sender
    }

    /// Rejects the submission `unitCode`'s ledger entry for `campaignID` stands on, as the
    /// review queue rejects a message: the entry turns rejected and `reason` is mailed to the
    /// school. A unit that has sent nothing has nothing to reject.
    public func rejectEntry(unitCode: String, campaignID: String, reason: String, actor: String, at now: Date) throws -> (
        SchoolUnit, Campaign, StoredMessage
    ) {
        guard let unit = setup.roster.unit(code: unitCode) else { throw Refusal.unknownUnit(unitCode) }
        guard let campaign = setup.campaign(id: campaignID) else { throw Refusal.unknownCampaign(campaignID) }
        guard let message = try store.receiptMessage(campaign: campaign.id, unit: unit.code) else {
            throw Refusal.nothingToReject(unit: unit.code, campaign: campaign.id)
        }
        return (unit, campaign, try reject(messageID: message, reason: reason, actor: actor, at: now))
    }

    /// Confirms that the sender of message `id`, attributed to its unit by a name in its
    /// text, writes for the unit: its address is learned, and the receipt no longer shows
    /// the sender as unconfirmed.
    public func confirmSender(messageID id: Int64, actor: String, at now: Date) throws -> Outcome {
        guard let message = try store.storedMessage(id: id) else { throw Refusal.unknownMessage(id) }
        guard let unit = message.unitCode else { throw Refusal.unknownUnit("") }
        return try assign(messageID: id, to: unit, campaignID: message.campaignID, actor: actor, at: now)
    }

    /// Sends message `id`, attributed by a name in its text, to the review queue: the
    /// officer doubts that its sender writes for the unit.
    public func sendToReview(messageID id: Int64, actor: String, at now: Date) throws -> StoredMessage {
        guard let message = try store.storedMessage(id: id) else { throw Refusal.unknownMessage(id) }
        let sender = message.fromAddress ?? "người gửi"
        try store.sendToReview(
            messageID: id, reason: "địa chỉ \(sender) chưa có trong danh sách địa chỉ của đơn vị; cần xác nhận người gửi",
            actor: actor, at: now)
        return message
    }

    /// Sets message `id` aside as no submission (an advertisement, a newsletter, a question):
    /// it leaves the review queue and, unlike a rejection, nothing is mailed to its sender.
    public func dismiss(messageID id: Int64, actor: String, at now: Date) throws -> StoredMessage {
        guard let message = try store.storedMessage(id: id) else { throw Refusal.unknownMessage(id) }
        try store.dismiss(messageID: id, actor: actor, at: now)
        return message
    }

    /// Excuses `unitCode` from `campaignID`; `message`, when the decision came from the
    /// review queue, leaves the queue.
    public func excuse(unitCode: String, campaignID: String, settling message: Int64? = nil, actor: String, at now: Date) throws -> (
        SchoolUnit, Campaign
    ) {
        guard let unit = setup.roster.unit(code: unitCode) else { throw Refusal.unknownUnit(unitCode) }
        guard let campaign = setup.campaign(id: campaignID) else { throw Refusal.unknownCampaign(campaignID) }
        try store.mark(unit: unit.code, campaign: campaign.id, status: .excused, note: nil, actor: actor, at: now, settling: message)
        return (unit, campaign)
    }

    /// The officer's verdict on a file's document check, in thidua's place: recorded with
    /// her name and logged; the check worker concludes its messages again.
    public func overrule(sha256: String, verdict: CheckVerdict, actor: String, at now: Date) throws {
        try store.overrule(sha256: sha256, verdict: verdict, actor: actor, at: now)
    }

    /// The campaign named by `id`, or the one a message received at `date` most likely
    /// belongs to (`Campaign.likely`).
    public func choose(_ id: String?, near date: Date) throws -> Campaign {
        if let id {
            guard let campaign = setup.campaign(id: id) else { throw Refusal.unknownCampaign(id) }
            return campaign
        }
        guard let chosen = Campaign.likely(among: setup.campaigns, at: date) else { throw Refusal.noCampaign }
        return chosen
    }
}
