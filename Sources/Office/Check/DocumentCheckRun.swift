import DocumentCheck
import Foundation
import Intake
import Logging
import MIME
import Store

/// The document check beside intake: looks at the files recorded and not yet checked, keeps
/// each verdict with its thumbnail, then concludes each message whose files are all checked
/// (its ledger entry, its held acknowledgement).
///
/// Intake never waits for it. A check that is cut off (a crash, a shutdown) left nothing
/// behind and is done again; one that finished is never redone.
public struct DocumentCheckRun: Sendable {
    public var store: DataStore
    public var checker: any DocumentChecking
    public var campaigns: [Campaign]
    /// nil when acknowledgements are switched off (then none is ever held).
    public var acknowledgements: AcknowledgementPolicy?
    public var replyOn: Set<CheckVerdict>
    public var clock: any WallClock
    public var logger: Logger
    /// Matches the issuers the scans name against the roster.
    public var matcher: UnitMatcher

    public init(
        store: DataStore, checker: any DocumentChecking, campaigns: [Campaign], roster: Roster,
        acknowledgements: AcknowledgementPolicy?, replyOn: Set<CheckVerdict> = SealRequirement.defaultReplyOn,
        clock: any WallClock, logger: Logger
    ) {
        self.store = store
        self.checker = checker
        self.campaigns = campaigns
        self.matcher = UnitMatcher(roster: roster)
        self.acknowledgements = acknowledgements
        self.replyOn = replyOn
        self.clock = clock
        self.logger = logger
    }

    /// Files checked at once: one a core (each check runs on a thread of its own, below
    /// intake's priority), so that a backlog's verdicts come in while the office waits.
    public var concurrency = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// Checks up to `limit` files, `concurrency` at a time, and concludes the messages that
    /// became complete. Returns how many files were checked (0: nothing was waiting).
    @discardableResult
    public func runOnce(limit: Int = 8) async throws -> Int {
        let pending = try store.pendingChecks(limit: limit)
        try await withThrowingTaskGroup(of: Void.self) { group in
            var waiting = pending.makeIterator()
            for _ in 0..<max(1, concurrency) {
                guard let attachment = waiting.next() else { break }
                group.addTask { try await check(attachment) }
            }
            while try await group.next() != nil {
                try Task.checkCancellation()
                if let attachment = waiting.next() { group.addTask { try await check(attachment) } }
            }
        }
        try concludeReady()
        return pending.count
    }

    /// Checks until nothing waits: `thidua run --once`, and tests.
    public func runUntilDone() async throws {
        while try await runOnce() > 0 {}
    }

    private func check(_ attachment: StoredAttachment) async throws {
        let outcome: CheckOutcome
        do {
            let bytes = try store.content(of: attachment)
            outcome = await checker.check(bytes, kind: attachment.kind)
        } catch {
            // Its bytes are gone or do not match: the check says so rather than waiting forever.
            outcome = CheckOutcome(result: DocumentCheckResult(verdict: .unreadable, reason: "\(error)"))
        }
        var thumbnail: String?
        if let bytes = outcome.thumbnail {
            do {
                thumbnail = try store.files.writeThumbnail(bytes, sha256: attachment.sha256)
            } catch {
                logger.warning("could not keep a thumbnail", metadata: ["file": "\(attachment.filename)", "error": "\(error)"])
            }
        }
        try store.saveCheck(sha256: attachment.sha256, result: outcome.result, thumbnailPath: thumbnail, at: clock.now())
        logger.info(
            "document checked",
            metadata: [
                "file": "\(attachment.filename)", "verdict": "\(outcome.result.verdict.rawValue)",
                "flags": "\(outcome.result.flags.map(\.rawValue).joined(separator: " "))",
            ])
    }

    /// Draws the conclusion of every message whose files are all checked.
    func concludeReady() throws {
        while true {
            let ready = try store.checkedMessages(limit: 100)
            if ready.isEmpty { return }
            for message in ready { try conclude(message) }
        }
    }

    private func conclude(_ checked: CheckedMessage) throws {
        let now = clock.now()
        let message = try attributeByHeader(checked, at: now)
        guard let id = message.campaignID, let campaign = campaigns.first(where: { $0.id == id }) else {
            try store.conclude(message, review: nil, restore: nil, notes: nil, acknowledgement: nil, at: now)
            return
        }
        // The seal, when the campaign asks for it, then what the headers say.
        var conclusion =
            campaign.requireSeal
            ? SealRequirement.conclude(message.files, accepted: campaign.acceptedKinds, replyOn: replyOn)
            : SealRequirement.Conclusion(needsReview: false, problems: [], asksToResend: false)
        let header = DocumentHeaderRule.problems(
            message.files, unit: message.unitCode.flatMap(matcher.roster.unit(code:)), matcher: matcher, expects: campaign.expects)
        if !header.isEmpty {
            conclusion.problems += header
            conclusion.needsReview = true
        }
        let notes = conclusion.problems.isEmpty ? nil : conclusion.problems.joined(separator: "; ")
        // Only a submission that would count is sent to review, or brought back from one the
        // check caused: one the officer or intake sent there stays where it is.
        let counts = message.status?.awaitsCheck == true
        let review = conclusion.needsReview && counts ? notes ?? "cần kiểm tra bản scan" : nil
        let restore: ReceiptStatus? =
            !conclusion.needsReview && message.sentToReviewByCheck && message.status == .needsReview
            ? campaign.status(receivedAt: message.receivedAt) : nil
        var acknowledgement: (subject: String, text: String)?
        if let policy = acknowledgements, try store.hasHeldAcknowledgement(messageRow: message.row),
            let raw = try store.rawMessage(id: message.row)
        {
            let mail = MailMessage.parse(raw)
            let text = policy.text(for: mail, after: conclusion, campaign: campaign, receivedAt: message.receivedAt)
            acknowledgement = (ReplySubject.make(replyingTo: mail.subject, fallback: campaign.title), text)
        }
        try store.conclude(message, review: review, restore: restore, notes: notes, acknowledgement: acknowledgement, at: now)
    }

    /// A message no sender or text attributed, whose scans name exactly one unit, becomes
    /// that unit's, with the header as the reason; its sender is offered to the officer to
    /// confirm, never learned here.
    private func attributeByHeader(_ message: CheckedMessage, at now: Date) throws -> CheckedMessage {
        guard message.unitCode == nil, let named = DocumentHeaderRule.namedUnit(message.files, matcher: matcher),
            let campaign = campaign(for: message)
        else { return message }
        // Assessed against the campaign as the officer's assignment is (a late or empty file
        // still shows); the raw mail is gone only once pruned, long after its check.
        let assessment = try store.rawMessage(id: message.row).map {
            SubmissionAssessment.assess(MailMessage.parse($0), for: campaign, receivedAt: message.receivedAt)
        }
        let status = assessment?.status ?? campaign.status(receivedAt: message.receivedAt)
        let problems = assessment?.problems ?? []
        guard
            try store.attributeByHeader(
                messageID: message.row, to: named, campaign: campaign.id, status: status,
                problems: problems.isEmpty ? nil : problems.joined(separator: "; "), at: now)
        else { return message }
        logger.info(
            "message attributed by its scan's header",
            metadata: ["message": "\(message.row)", "unit": "\(named.code)", "from": "\(message.fromAddress ?? "")"])
        var attributed = message
        attributed.unitCode = named.code
        attributed.campaignID = campaign.id
        attributed.status = status
        return attributed
    }

    /// The message's campaign, or the one campaign open when it arrived.
    private func campaign(for message: CheckedMessage) -> Campaign? {
        if let id = message.campaignID { return campaigns.first { $0.id == id } }
        let open = campaigns.filter { $0.opens <= message.receivedAt }
        return open.count == 1 ? open[0] : nil
    }
}

/// The document check as the core uses it: a real one runs the decoders on a thread of its
/// own; tests give a fake.
public protocol DocumentChecking: Sendable {
    func check(_ bytes: [UInt8], kind: FileKind) async -> CheckOutcome
}
