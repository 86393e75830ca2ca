import Foundation
import Intake
import MIME
import Store

/// A campaign's call for submissions, sent by the officer to every unit it asks: planned
/// first (who gets it, and one mail as it will read), then queued in the one outbox, once
/// per unit, to go out under the sending caps while the office is open. A school's reply in
/// that thread is attributed to its unit and the campaign, whatever it says
/// (`IntakeRules.answeredAnnouncement`).
public enum CampaignAnnouncement {
    /// What sending would do: shown before anything is queued.
    public struct Plan: Sendable {
        public var campaign: Campaign
        /// Units that would get it, with the addresses it goes to.
        public var recipients: [(unit: SchoolUnit, addresses: [String])]
        /// Units that got it before: never sent twice.
        public var alreadyAnnounced: [SchoolUnit]
        /// Units with no address on the roster: they cannot get it.
        public var withoutAddress: [SchoolUnit]
        /// The mail as the first recipient would read it.
        public var sample: (subject: String, text: String)?
    }

    /// The office's document sent with the announcement.
    public struct Attachment: Sendable {
        public var filename: String
        public var bytes: [UInt8]

        public init(filename: String, bytes: [UInt8]) {
            self.filename = filename
            self.bytes = bytes
        }
    }

    public static func plan(campaign: Campaign, setup: OfficeSetup, store: DataStore, attachmentName: String?) throws -> Plan {
        let announced = try store.announcedUnits(campaign: campaign.id)
        let asked = setup.roster.asked(by: campaign).units
        let recipients = asked.filter { !announced.contains($0.code) && !$0.emails.isEmpty }.map { ($0, $0.emails) }
        let sample = recipients.first.map { unit, _ in
            render(campaign: campaign, unit: unit, setup: setup, attachmentName: attachmentName)
        }
        return Plan(
            campaign: campaign, recipients: recipients, alreadyAnnounced: asked.filter { announced.contains($0.code) },
            withoutAddress: asked.filter { !announced.contains($0.code) && $0.emails.isEmpty }, sample: sample)
    }

    /// Queues the plan's mails, the attachment kept under the data directory first (every
    /// copy sends the same file). Returns how many were queued.
    public static func queue(
        _ plan: Plan, attachment: Attachment?, setup: OfficeSetup, store: DataStore, actor: String, at now: Date
    ) throws -> Int {
        var stored: OutboxAttachment?
        if let attachment {
            let name = SafeFilename.make(attachment.filename)
            let path = "announcements/\(SafeFilename.make(plan.campaign.id))/\(SHA256Hasher.hex(of: attachment.bytes).prefix(12))-\(name)"
            try store.files.writeDurably(attachment.bytes, to: path)
            stored = OutboxAttachment(path: path, name: attachment.filename)
        }
        let mails = plan.recipients.map { unit, addresses in
            let (subject, text) = render(campaign: plan.campaign, unit: unit, setup: setup, attachmentName: attachment?.filename)
            return OutboxMail(
                kind: .announcement, campaign: plan.campaign.id, unit: unit.code, stage: "announcement", recipients: addresses,
                subject: subject, body: text, attachment: stored)
        }
        return try store.queueAnnouncements(mails, actor: actor, at: now)
    }

    /// The announcement to `unit`, in the office's wording (`MailText.announcement*`).
    public static func render(
        campaign: Campaign, unit: SchoolUnit, setup: OfficeSetup, attachmentName: String?, texts: MailTexts? = nil
    ) -> (subject: String, text: String) {
        let texts = texts ?? setup.texts
        let office = setup.profile
        let context: [String: Any] = [
            "office_name": office.name,
            "office_email": setup.from.address,
            "unit_name": unit.name,
            "unit_code": unit.code,
            "campaign_title": campaign.title,
            "opens": office.formatDate(campaign.opens),
            "deadline": office.formatDateTime(campaign.deadline),
            "deadline_date": office.formatDate(campaign.deadline),
            "has_attachment": attachmentName != nil,
            "attachment_name": attachmentName ?? "",
        ]
        return (texts.render(.announcementSubject, context), texts.render(.announcementBody, context))
    }
}
