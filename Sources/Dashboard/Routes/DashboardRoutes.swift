import Foundation
import Hummingbird
import Intake
import Logging
import Office
import Store

/// The dashboard's routes and what they share. Paths are English (they are code); every
/// word on the pages is Vietnamese.
struct DashboardRoutes: Sendable {
    var state: DashboardStateProvider
    /// Called after the officer changed a campaign, the roster or a mail text: the daemon
    /// rebuilds what it reads them into before the next page is served.
    var officeChanged: @Sendable () async -> Void
    var sessions: SessionStore
    /// Roster files read for a preview, until the officer applies one.
    var rosterUploads = PendingUploads<RosterImport.Preview>()
    /// Announcements previewed, with their document, until the officer sends one.
    var announcementUploads = PendingUploads<PendingAnnouncement>()
    /// Review counts: the badge's by "" (every campaign), each campaign's by its id; and
    /// each campaign's ledger. The count is a query over every stored message, too dear to
    /// run on every view of the overview.
    var reviewCount: ShortLivedCache<String, Int>
    var ledgers: ShortLivedCache<String, [String: LedgerRow]>
    var renderer: PageRenderer
    var counters: RuntimeCounters
    var clock: any WallClock
    var settings: DashboardServer.Settings
    var logger: Logger

    func register(on router: Router<DashboardContext>) {
        router.middlewares.add(ClientMiddleware(trustedProxies: settings.trustedProxies))
        router.middlewares.add(SecurityHeadersMiddleware())
        router.middlewares.add(ErrorPageMiddleware(renderer: renderer, logger: logger))
        router.middlewares.add(SessionMiddleware(sessions: sessions, state: state))
        router.middlewares.add(RoleMiddleware())
        registerAuthentication(on: router)
        registerCampaignAdmin(on: router)
        registerRoster(on: router)
        registerAnnouncements(on: router)
        registerMailTexts(on: router)
        registerAccounts(on: router)
        registerCampaigns(on: router)
        registerReview(on: router)
        registerFiles(on: router)
        registerExports(on: router)
        registerOperations(on: router)
    }

    /// The frame of a logged-in page.
    func chrome(_ title: String, context: DashboardContext, state: DashboardState, notice: String? = nil) async -> PageChrome {
        let waiting = (try? await reviewCount.value("") { try state.store.reviewCount() }) ?? 0
        return PageChrome(
            title: title, user: context.session?.user, csrf: context.session?.csrfToken,
            reviewBadge: waiting > 0 ? "\(waiting)" : nil, notice: notice, canEdit: context.session?.role == .officer)
    }

    /// After an action, back to a page with a fixed notice (by code, so no text of the
    /// request is ever echoed into a page).
    func redirect(_ path: String, notice: Notice) async -> Response {
        await reviewCount.forgetAll()
        await ledgers.forgetAll()
        return Response.redirect(to: path + (path.contains("?") ? "&" : "?") + "notice=\(notice.rawValue)", type: .found)
    }

    func query(_ request: Request) -> FormData { FormData(request.uri.query ?? "") }

    /// `campaign`'s tally (`Tally`: the one count every view shows), from its ledger as read
    /// at most a few seconds ago.
    func tally(_ campaign: Campaign, state: DashboardState) async throws -> Tally {
        let ledger = try await ledger(campaign, state: state)
        let awaitingReview = try await reviewCount.value(campaign.id) { try state.store.reviewCount(campaign: campaign.id) }
        return Tally(roster: state.setup.roster.asked(by: campaign), awaitingReview: awaitingReview) { code in
            ledger.index(forKey: code).map { (ledger.values[$0].status, ledger.values[$0].senderUnconfirmed) }
        }
    }

    /// `campaign`'s ledger, as read at most a few seconds ago.
    func ledger(_ campaign: Campaign, state: DashboardState) async throws -> [String: LedgerRow] {
        try await ledgers.value(campaign.id) { try state.store.ledger(campaign: campaign.id) }
    }
}

/// What the officer is told after an action.
enum Notice: String {
    case assigned, rejected, dismissed, excused, senderConfirmed, sentToReview, verdictSet, loggedOut
    case campaignCreated, campaignSaved, campaignClosed, campaignReopened
    case rosterImported, rosterUnchanged, addressesSaved, learnedAddressRemoved
    case textSaved, textReset, accountSaved, accountRemoved
    case announcementQueued

    var text: String {
        switch self {
        case .assigned: "Đã gán thư cho đơn vị; từ nay thư từ địa chỉ này được nhận diện tự động."
        case .rejected: "Đã trả lại hồ sơ; thư báo lý do sẽ được gửi cho đơn vị trong vài phút."
        case .dismissed: "Đã bỏ thư ra khỏi danh sách cần xem lại (không phải hồ sơ). Không có thư nào được gửi cho người gửi."
        case .excused: "Đã ghi nhận đơn vị được miễn nộp đợt này."
        case .senderConfirmed: "Đã xác nhận người gửi; từ nay thư từ địa chỉ này được nhận diện tự động."
        case .sentToReview: "Đã chuyển thư sang danh sách cần xem lại."
        case .verdictSet: "Đã sửa kết quả kiểm tra bản scan; trạng thái hồ sơ được cập nhật trong giây lát."
        case .loggedOut: "Đã đăng xuất."
        case .campaignCreated: "Đã tạo đợt thu. Nhắc nhở sẽ được gửi theo các mốc đã chọn."
        case .campaignSaved: "Đã lưu thay đổi của đợt thu; các mốc nhắc chưa gửi được tính lại theo hạn mới."
        case .campaignClosed: "Đã đóng đợt thu: không gửi nhắc nữa; hồ sơ đã nhận vẫn giữ nguyên."
        case .campaignReopened: "Đã mở lại đợt thu."
        case .rosterImported: "Đã cập nhật danh sách đơn vị."
        case .rosterUnchanged: "Danh sách trong tệp giống danh sách hiện có: không có gì thay đổi."
        case .addressesSaved: "Đã lưu địa chỉ email của đơn vị."
        case .learnedAddressRemoved: "Đã bỏ địa chỉ đã học; thư từ địa chỉ này sẽ vào mục cần xem lại."
        case .textSaved: "Đã lưu mẫu thư; thư gửi từ bây giờ dùng mẫu mới."
        case .textReset: "Đã khôi phục mẫu thư mặc định."
        case .accountSaved: "Đã lưu tài khoản."
        case .accountRemoved: "Đã xoá tài khoản."
        case .announcementQueued: "Đã xếp thư thông báo vào hàng gửi; thư đi trong giờ hành chính, theo giới hạn gửi."
        }
    }

    static func from(_ form: FormData) -> String? { form["notice"].flatMap(Notice.init(rawValue:))?.text }
}

/// Errors as a page the officer can act on, instead of a bare status line. Anything that
/// is not a deliberate HTTP error is logged in full and shown without internals.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = DashboardContext
    var renderer: PageRenderer
    var logger: Logger

    func handle(_ request: Request, context: DashboardContext, next: (Request, DashboardContext) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let message = error.body ?? (error.status == .notFound ? "Không tìm thấy trang này." : "Yêu cầu không hợp lệ.")
            return renderer.response(
                .error, ErrorPage(page: PageChrome(title: "Không thực hiện được"), message: message),
                status: error.status)
        } catch let refusal as OfficerDesk.Refusal {
            return renderer.response(
                .error, ErrorPage(page: PageChrome(title: "Không thực hiện được"), message: refusal.description),
                status: .badRequest)
        } catch let failure as CampaignDesk.Failure {
            return renderer.response(
                .error, ErrorPage(page: PageChrome(title: "Không thực hiện được"), message: failure.description),
                status: .badRequest)
        } catch {
            logger.error("dashboard request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return renderer.response(
                .error,
                ErrorPage(
                    page: PageChrome(title: "Có lỗi"),
                    message:
                        "Đã có lỗi khi xử lý yêu cầu. Hãy thử lại; nếu vẫn lỗi, báo cho người quản trị máy chủ (chi tiết trong nhật ký của thidua)."
                ),
                status: .internalServerError)
        }
    }
}

/// How the pages write times, sizes and durations.
enum Format {
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1_048_576 { return "\(bytes / 1024) KB" }
        let tenths = Int((Double(bytes) / 1_048_576 * 10).rounded())
        return "\(tenths / 10),\(tenths % 10) MB"
    }

    /// "còn 2 ngày 5 giờ", "còn 40 phút", "đã quá hạn 3 ngày".
    static func countdown(to deadline: Date, from now: Date) -> (text: String, overdue: Bool) {
        let seconds = Int(deadline.timeIntervalSince(now))
        let span = abs(seconds)
        let days = span / 86_400
        let hours = span % 86_400 / 3600
        let minutes = span % 3600 / 60
        var parts: [String] = []
        if days > 0 { parts.append("\(days) ngày") }
        if hours > 0 && days < 7 { parts.append("\(hours) giờ") }
        if days == 0 && minutes > 0 { parts.append("\(minutes) phút") }
        let amount = parts.isEmpty ? "dưới 1 phút" : parts.joined(separator: " ")
        return seconds >= 0 ? ("còn \(amount)", false) : ("đã quá hạn \(amount)", true)
    }

    static func ago(_ date: Date?, now: Date, office: OfficeProfile) -> String {
        guard let date else { return "chưa lần nào" }
        let minutes = Int(now.timeIntervalSince(date) / 60)
        let relative = minutes < 1 ? "vừa xong" : minutes < 120 ? "\(minutes) phút trước" : "\(minutes / 60) giờ trước"
        return "\(office.formatDateTime(date)) (\(relative))"
    }
}
