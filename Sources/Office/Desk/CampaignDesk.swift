import Foundation
import Intake
import Store

/// The officer's campaigns: made, changed, closed and reopened from the dashboard or the
/// CLI, checked by `CampaignDraft` and audited in the event log with who changed what.
///
/// A changed deadline needs nothing more: reminders are planned from the campaign each
/// time, and the outbox keeps one reminder per unit and stage, so a stage already sent is
/// never sent again, whatever its new date.
public struct CampaignDesk: Sendable {
    public var setup: OfficeSetup
    public var store: DataStore

    public init(setup: OfficeSetup, store: DataStore) {
        self.setup = setup
        self.store = store
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case invalid([CampaignDraft.Problem])
        case taken(String)
        case unknown(String)

        /// In Vietnamese, for the officer's form; the CLI prints the English of `invalid`.
        public var description: String {
            switch self {
            case .invalid(let problems): problems.map(\.vietnamese).joined(separator: "\n")
            case .taken(let id): "Đã có đợt thu mã \(id): hãy chọn mã khác."
            case .unknown(let id): "Không có đợt thu mã \(id)."
            }
        }
    }

    /// Makes a new campaign. `origin`: "dashboard" or "cli".
    public func create(_ draft: CampaignDraft, origin: String, actor: String, at now: Date) throws(Failure) -> Campaign {
        let campaign = try resolve(draft)
        guard stored(campaign.id) == nil else { throw .taken(campaign.id) }
        do {
            try store.saveCampaign(
                campaign, origin: origin, actor: actor, kind: "campaign.created", detail: campaign.title, expectedNew: true, at: now)
        } catch StoreError.conflict {
            throw .taken(campaign.id)
        } catch {
            throw .invalid([CampaignDraft.Problem(field: "", message: "\(error)", vietnamese: "Không lưu được đợt thu: \(error)")])
        }
        return campaign
    }

    /// Replaces campaign `draft.id` by `draft` (its id does not change), logging each field
    /// that changed.
    public func edit(_ draft: CampaignDraft, actor: String, at now: Date) throws(Failure) -> Campaign {
        guard let old = stored(draft.id) else { throw .unknown(draft.id) }
        let campaign = try resolve(draft)
        let changes = Self.changes(from: CampaignDraft(old, zone: zone), to: CampaignDraft(campaign, zone: zone))
        guard !changes.isEmpty else { return campaign }
        try save(campaign, kind: "campaign.edited", detail: changes.joined(separator: "; "), actor: actor, at: now)
        return campaign
    }

    /// Closes (or reopens) a campaign: a closed one sends no reminders and leaves the
    /// digest; what it received stays.
    public func setClosed(_ closed: Bool, id: String, actor: String, at now: Date) throws(Failure) {
        guard var campaign = stored(id) else { throw .unknown(id) }
        guard campaign.closed != closed else { return }
        campaign.closed = closed
        try save(campaign, kind: closed ? "campaign.closed" : "campaign.reopened", detail: campaign.title, actor: actor, at: now)
    }

    private var zone: TimeZone { setup.profile.timeZone }

    /// The campaign as stored, not as the setup adjusts it to the configuration: an edit made
    /// while the document check is off must not save "no seal required" for good.
    private func stored(_ id: String) -> Campaign? { (try? store.campaign(id: id)) ?? nil }

    private func resolve(_ draft: CampaignDraft) throws(Failure) -> Campaign {
        do {
            return try draft.resolve(zone: zone, roster: setup.roster)
        } catch {
            throw .invalid(error.problems)
        }
    }

    private func save(_ campaign: Campaign, kind: String, detail: String, actor: String, at now: Date) throws(Failure) {
        do {
            try store.saveCampaign(campaign, origin: "dashboard", actor: actor, kind: kind, detail: detail, expectedNew: false, at: now)
        } catch {
            throw .invalid([CampaignDraft.Problem(field: "", message: "\(error)", vietnamese: "Không lưu được đợt thu: \(error)")])
        }
    }

    /// "deadline: 2021-02-21 → 2021-02-25 17:00", one per changed field, for the audit log.
    static func changes(from old: CampaignDraft, to new: CampaignDraft) -> [String] {
        func list(_ values: [String]?) -> String { (values ?? []).joined(separator: ", ") }
        let fields: [(String, String, String)] = [
            ("title", old.title, new.title),
            ("opens", old.opens, new.opens),
            ("deadline", old.deadline, new.deadline),
            ("units", old.audience.vietnameseLabel, new.audience.vietnameseLabel),
            ("keywords", list(old.keywords), list(new.keywords)),
            ("reminders", list(old.reminders), list(new.reminders)),
            ("accept", list(old.accept), list(new.accept)),
            ("require_seal", "\(old.requireSeal)", "\(new.requireSeal)"),
            ("expect_type", old.expectType ?? "", new.expectType ?? ""),
            ("expect_year", old.expectYear ?? "", new.expectYear ?? ""),
            ("expect_title", list(old.expectTitle), list(new.expectTitle)),
        ]
        var changed = fields.filter { $0.1 != $0.2 }.map { "\($0.0): \($0.1) → \($0.2)" }
        if old.audience != new.audience, old.audience.vietnameseLabel == new.audience.vietnameseLabel {
            changed.append("units: the chosen units changed")
        }
        return changed
    }
}
