import Foundation
import Hummingbird
import Intake
import Logging
import MIME
import Office
import Store

/// The overview, a campaign's unit table and a unit's page.
extension DashboardRoutes {
    /// Rows a page: a district's schools on one page or two; a city's paged.
    static let pageSize = 200

    func registerCampaigns(on router: Router<DashboardContext>) {
        router.get("/") { request, context in
            let state = await state()
            let now = clock.now()
            // Open campaigns first, the nearest deadline first; then the past ones, latest first;
            // the ones the officer closed last.
            let open = state.setup.campaigns.filter { !$0.closed }
            let ordered =
                open.filter { $0.deadline >= now }.sorted { $0.deadline < $1.deadline }
                + open.filter { $0.deadline < now }.sorted { $0.deadline > $1.deadline }
                + state.setup.campaigns.filter(\.closed).sorted { $0.deadline > $1.deadline }
            var cards: [OverviewPage.Card] = []
            for campaign in ordered {
                let tally = try await self.tally(campaign, state: state)
                let countdown = Format.countdown(to: campaign.deadline, from: now)
                cards.append(
                    OverviewPage.Card(
                        id: campaign.id, title: campaign.title, deadline: state.setup.profile.formatDateTime(campaign.deadline),
                        countdown: countdown.text, overdue: countdown.overdue, closed: campaign.closed, tally: tally))
            }
            let page = OverviewPage(
                page: await chrome("Tổng quan", context: context, state: state, notice: Notice.from(query(request))),
                office: state.setup.profile.name, updated: state.setup.profile.formatDateTime(now),
                cards: cards)
            return renderer.response(.overview, page)
        }

        router.get("/campaigns/{campaign}") { request, context in
            let state = await state()
            let campaign = try campaign(context, state)
            let parameters = query(request)
            let unitQuery = UnitTable.Query(parameters: parameters.all)
            let table = UnitTable(
                roster: state.setup.roster.asked(by: campaign), ledger: try await ledger(campaign, state: state), query: unitQuery,
                index: state.index)
            let pageNumber = max(1, Int(parameters["page"] ?? "") ?? 1)
            let pages = max(1, (table.count + Self.pageSize - 1) / Self.pageSize)
            let first = (min(pageNumber, pages) - 1) * Self.pageSize
            let shown = table.rows(in: first..<first + Self.pageSize)
            let base = "/campaigns/\(FormData.percentEncode(campaign.id))"
            func link(_ query: UnitTable.Query, page: Int = 1) -> String {
                var items = query.parameters
                if page > 1 { items.append(("page", "\(page)")) }
                return base + FormData.queryString(items)
            }
            let view = UnitTablePage(
                page: await chrome(campaign.title, context: context, state: state, notice: Notice.from(parameters)),
                campaignID: campaign.id, title: campaign.title, deadline: state.setup.profile.formatDateTime(campaign.deadline),
                audience: "Đơn vị phải nộp: " + campaign.audience.vietnameseLabel, closed: campaign.closed,
                statuses: [.init(value: "", label: "Tất cả", selected: unitQuery.status == nil)]
                    + ReceiptStatus.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: unitQuery.status == $0) },
                levels: [.init(value: "", label: "Tất cả", selected: unitQuery.level == nil)]
                    + state.index.levels.map { .init(value: $0, label: $0, selected: unitQuery.level == $0) },
                query: unitQuery.search ?? "", sort: unitQuery.sort.rawValue, direction: unitQuery.descending ? "desc" : "asc",
                columns: UnitTablePage.columns.map { key, label in
                    var next = unitQuery
                    let current = unitQuery.sort == key
                    next.sort = key
                    next.descending = current ? !unitQuery.descending : false
                    return .init(
                        label: label, href: link(next), sorted: current ? (unitQuery.descending ? "descending" : "ascending") : nil,
                        arrow: current ? (unitQuery.descending ? " ▼" : " ▲") : "")
                },
                rowsHTML: UnitTablePage.rowsHTML(
                    shown.map { row in
                        .init(
                            code: row.unit.code, name: row.unit.name, level: row.unit.level, status: row.status.rawValue,
                            statusLabel: row.statusLabel, note: row.note,
                            receivedAt: row.receivedAt.map(state.setup.profile.formatDateTime) ?? "",
                            files: row.files, check: row.checkLabel,
                            checkClass: row.check?.rawValue ?? (row.checkPending ? "pending" : ""),
                            document: row.document.flatMap { document in
                                let text = [document.reference, document.abstract].compactMap { $0 }.joined(separator: ": ")
                                return text.isEmpty ? nil : text
                            },
                            href: "\(base)/units/\(FormData.percentEncode(row.unit.code))")
                    }),
                empty: shown.isEmpty,
                countLine: UnitTablePage.countLine(shown: shown.count, matching: table.count, total: table.total),
                exportQuery: FormData.queryString(unitQuery.parameters),
                previousHref: pageNumber > 1 ? link(unitQuery, page: min(pageNumber, pages) - 1) : nil,
                nextHref: pageNumber < pages ? link(unitQuery, page: pageNumber + 1) : nil,
                pageLabel: pages > 1 ? "Trang \(min(pageNumber, pages))/\(pages)" : nil)
            return renderer.response(.units, view)
        }

        router.get("/campaigns/{campaign}/units/{unit}") { request, context in
            let state = await state()
            let campaign = try campaign(context, state)
            // A unit removed from the roster keeps its page: what it sent is still the office's.
            guard let code = context.parameters.get("unit"),
                let unit = try state.setup.roster.unit(code: code)
                    ?? state.store.storedUnit(code: code)?.unit
            else {
                throw HTTPError(.notFound, message: "Không có đơn vị này trong danh sách đơn vị.")
            }
            let entry = try await ledger(campaign, state: state)[unit.code]
            let status = entry?.status ?? .pending
            let sent = try state.store.outgoing(unit: unit.code).map { record in
                UnitPage.Sent(
                    at: state.setup.profile.formatDateTime(record.createdAt), kind: record.mail.kind.label,
                    stage: record.mail.stage ?? "", recipients: record.mail.recipients.joined(separator: "; "),
                    stateLabel: record.state.label, failed: record.state == .failed, error: record.error.map(ErrorText.init))
            }
            let view = UnitPage(
                page: await chrome(unit.name, context: context, state: state, notice: Notice.from(query(request))),
                campaignID: campaign.id, campaignTitle: campaign.title, code: unit.code, name: unit.name, level: unit.level,
                emails: unit.emails.joined(separator: ", "), status: status.rawValue,
                statusLabel: status.label(senderUnconfirmed: entry?.senderUnconfirmed ?? false), note: entry?.note,
                canExcuse: status.awaitsSubmission,
                messages: try messageViews(
                    state.store.messages(unit: unit.code), state: state,
                    back: "/campaigns/\(FormData.percentEncode(campaign.id))/units/\(FormData.percentEncode(unit.code))"),
                sent: sent, hasSent: !sent.isEmpty,
                history: try state.store.unitHistory(unit: unit.code).map {
                    HistoryLine($0, at: state.setup.profile.formatDateTime($0.at))
                })
            return renderer.response(.unit, view)
        }

        // A submission attributed by a name in its text: the officer confirms its sender (the
        // address is learned) or sends it to the review queue.
        onUnitPage(router, "messages/{id}/confirm-sender", notice: .senderConfirmed) { state, _, _, context in
            let id = try messageID(context)
            let outcome = try desk(state).confirmSender(messageID: id, actor: actor(context), at: clock.now())
            audit(
                "confirmed a sender", context,
                ["message": "\(id)", "unit": "\(outcome.unit.code)", "sender": "\(outcome.learnedSender ?? "-")"])
        }

        onUnitPage(router, "messages/{id}/review", notice: .sentToReview) { state, _, code, context in
            let id = try messageID(context)
            _ = try desk(state).sendToReview(messageID: id, actor: actor(context), at: clock.now())
            audit("sent a message to review", context, ["message": "\(id)", "unit": "\(code)"])
        }

        onUnitPage(router, "excuse", notice: .excused) { state, campaign, code, context in
            _ = try desk(state).excuse(unitCode: code, campaignID: campaign.id, actor: actor(context), at: clock.now())
            audit("excused a unit", context, ["unit": "\(code)", "campaign": "\(campaign.id)"])
        }
    }

    /// A form posted from a unit's page (its CSRF token checked): `act` does it, then the
    /// officer is back on the page with `notice`.
    private func onUnitPage(
        _ router: Router<DashboardContext>, _ action: String, notice: Notice,
        _ act: @escaping @Sendable (DashboardState, Campaign, String, DashboardContext) async throws -> Void
    ) {
        router.post("/campaigns/{campaign}/units/{unit}/\(action)") { request, context in
            _ = try await FormData.read(request, context: context)
            let state = await state()
            let campaign = try campaign(context, state)
            let code = context.parameters.get("unit") ?? ""
            try await act(state, campaign, code, context)
            return await redirect(
                "/campaigns/\(FormData.percentEncode(campaign.id))/units/\(FormData.percentEncode(code))", notice: notice)
        }
    }

    func campaign(_ context: DashboardContext, _ state: DashboardState) throws -> Campaign {
        guard let id = context.parameters.get("campaign"), let campaign = state.campaign(id) else {
            throw HTTPError(.notFound, message: "Không có đợt thu hồ sơ này. Hãy chọn đợt thu ở trang Tổng quan.")
        }
        return campaign
    }

    func desk(_ state: DashboardState) -> OfficerDesk { state.desk }

    /// Who did it and from where, for the event log.
    func actor(_ context: DashboardContext) -> String { Self.actor(user: context.session?.user ?? "?", client: context.clientAddress) }

    static func actor(user: String, client: String) -> String { "officer:\(user) (\(client))" }

    /// The log line of an officer's decision (its event is written by the store with it).
    func audit(_ action: String, _ context: DashboardContext, _ details: Logger.Metadata) {
        var metadata: Logger.Metadata = ["user": "\(context.session?.user ?? "?")", "client": "\(context.clientAddress)"]
        metadata.merge(details) { _, new in new }
        logger.notice("officer \(action)", metadata: metadata)
    }

    /// The messages with their files' checks, read in one query.
    func messageViews(_ messages: [StoredMessage], state: DashboardState, back: String) throws -> [UnitPage.Message] {
        let checks = try state.store.checks(sha256s: messages.flatMap { $0.attachments.map(\.sha256) })
        return messages.map { messageView($0, state: state, checks: checks, back: back) }
    }

    func messageView(_ message: StoredMessage, state: DashboardState, checks: [String: StoredCheck], back: String) -> UnitPage.Message {
        let campaign = message.campaignID.flatMap(state.campaign)
        return UnitPage.Message(
            id: message.id, receivedAt: state.setup.profile.formatDateTime(message.receivedAt),
            from: [message.fromName, message.fromAddress.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " "),
            subject: message.subject.isEmpty ? "(không có tiêu đề)" : message.subject,
            campaign: campaign?.title ?? "không thuộc đợt nào",
            statusLabel: message.dismissed ? "Không phải hồ sơ" : message.status?.label ?? "",
            status: message.dismissed ? "excused" : message.status?.rawValue ?? "",
            // An empty text is no problem: it must not show as an empty error bar.
            problems: message.problems.flatMap { $0.isEmpty ? nil : $0 }, matchReason: message.matchReason,
            files: Self.withPreview(
                message.attachments.map { fileView($0, checks: checks, back: back, enabled: state.checksEnabled) },
                of: message.attachments),
            rawHref: "/messages/\(message.id)/raw",
            senderUnconfirmed: !message.senderConfirmed && !message.dismissed && [.received, .late].contains(message.status),
            ignored: (message.ignored ?? (try? state.store.ignoredParts(messageID: message.id)) ?? []).enumerated().map { index, part in
                UnitPage.IgnoredLine(
                    name: part.filename ?? "phần \(index + 1)", reason: Self.label(part.reason), contentType: part.contentType,
                    size: Format.size(part.size), href: "/messages/\(message.id)/parts/\(part.sha256)")
            })
    }

    /// Why a part is no file, in Vietnamese.
    static func label(_ reason: IgnoredPart.Reason) -> String {
        switch reason {
        case .body: "nội dung thư"
        case .logo: "ảnh nhỏ chèn trong thư (logo, chữ ký)"
        case .report: "báo cáo của hệ thống thư (thư không đến được, đã đọc)"
        case .tooDeep: "lồng quá sâu, không mở được"
        case .limit: "vượt giới hạn kích thước hoặc số phần"
        }
    }

    /// Marks the first file the browser can show (an image or a PDF) to be shown on the
    /// page, so the officer sees the scan without opening it, when no file of the message
    /// has a check thumbnail yet (which shows the page, and where the seal is).
    static func withPreview(_ views: [UnitPage.File], of files: [StoredAttachment]) -> [UnitPage.File] {
        var views = views
        guard !views.contains(where: { $0.check?.hasThumbnail == true }) else { return views }
        if let index = files.indices.first(where: { views[$0].inline }) {
            if files[index].kind == .image { views[index].previewImage = true } else { views[index].previewPDF = true }
        }
        return views
    }

    func fileView(_ file: StoredAttachment, checks: [String: StoredCheck], back: String, enabled: Bool) -> UnitPage.File {
        UnitPage.File(
            name: file.filename, href: "/files/\(file.id)", kind: AttachmentDelivery.kindLabel(file.kind),
            size: Format.size(file.size), inline: AttachmentDelivery.showsInline(file),
            check: enabled ? CheckView(checks[file.sha256], sha256: file.sha256, back: back) : nil)
    }
}

extension OutboxKind {
    var label: String {
        switch self {
        case .acknowledgement: "Xác nhận đã nhận"
        case .reminder: "Nhắc nộp"
        case .reply: "Trả lại hồ sơ"
        case .digest: "Tổng hợp trong ngày"
        case .announcement: "Thông báo đợt thu"
        }
    }
}

extension OutboxState {
    var label: String {
        switch self {
        case .sent: "Đã gửi"
        case .failed: "Không gửi được"
        case .held: "Chờ kiểm tra bản scan"
        case .due: "Đang chờ gửi"
        case .sending: "Chưa rõ (bị gián đoạn khi gửi; không gửi lại)"
        }
    }
}
