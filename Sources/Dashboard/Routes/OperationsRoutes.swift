import Foundation
import Hummingbird
import NIOCore
import Office
import Store

/// Health, metrics, the sent-mail log and the stylesheet.
extension DashboardRoutes {
    func registerOperations(on router: Router<DashboardContext>) {
        router.get("/healthz") { request, context in
            let state = await state()
            let check = HealthCheck(intake: try state.store.intakeHealth(), threshold: state.healthThreshold, now: clock.now())
            let detailed = context.session != nil || presentsMetricsToken(request)
            return Response(
                status: check.healthy ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: check.json(detailed: detailed))))
        }

        router.get("/metrics") { request, context in
            // A monitoring system presents the configured bearer token; an officer's
            // session will do too. Nobody else reads the numbers.
            guard presentsMetricsToken(request) || context.session != nil else {
                return Response(
                    status: .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"thidua\"", .contentType: "text/plain"],
                    body: .init(byteBuffer: ByteBuffer(string: "metrics need the bearer token set in dashboard.metrics_token_file\n")))
            }
            let state = await state()
            let text = MetricsExposition.render(
                totals: try state.store.totals(), health: try state.store.intakeHealth(),
                counters: counters, reviewWaiting: try state.store.reviewCount())
            return Response(
                status: .ok, headers: [.contentType: MetricsExposition.contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
        }

        router.get("/health") { request, context in
            let state = await state()
            let now = clock.now()
            let intake = try state.store.intakeHealth()
            let check = HealthCheck(intake: intake, threshold: state.healthThreshold, now: now)
            let totals = try state.store.totals()
            let verdict =
                check.healthy
                ? (intake.failingSince == nil ? "Hoạt động bình thường." : "Đang có lỗi khi đọc hộp thư; thidua đang thử lại.")
                : intake.needsAction
                    ? "Không đăng nhập được hộp thư: cần người quản trị sửa mật khẩu hoặc cấp lại quyền (xem lỗi bên dưới và hướng dẫn cài đặt, docs/install.vi.md)."
                    : "Không đọc được hộp thư đã lâu. Xem lỗi bên dưới và cách khắc phục trong hướng dẫn cài đặt (docs/install.vi.md)."
            let view = HealthPage(
                page: await chrome("Hệ thống", context: context, state: state), healthy: check.healthy, verdict: verdict,
                lastPoll: Format.ago(intake.lastPoll, now: now, office: state.setup.profile),
                failingSince: intake.failingSince.map(state.setup.profile.formatDateTime),
                lastError: intake.lastError.map { ErrorText(StoredError(intake.lastErrorCode ?? .other, $0)) },
                tokenExpiry: await state.tokenExpiry().map(state.setup.profile.formatDateTime),
                sentToday: try state.store.outgoingCount(since: now.addingTimeInterval(-86_400)), perDay: state.setup.sendLimits.perDay,
                sentLastMinute: try state.store.outgoingCount(since: now.addingTimeInterval(-60)),
                perMinute: state.setup.sendLimits.perMinute,
                messages: totals.messages, attachments: totals.attachments, parseErrors: totals.parseErrors, unmatched: totals.unmatched)
            return renderer.response(.health, view)
        }

        router.get("/reminders") { request, context in
            let state = await state()
            let now = clock.now()
            let totals = try state.store.totals()
            let rows = try state.store.outgoingLog().map { record -> OutgoingPage.Row in
                let unit = record.mail.unit.flatMap { state.setup.roster.unit(code: $0) }
                let href = zip(record.mail.campaign, unit).map {
                    "/campaigns/\(FormData.percentEncode($0))/units/\(FormData.percentEncode($1.code))"
                }
                return OutgoingPage.Row(
                    at: state.setup.profile.formatDateTime(record.createdAt),
                    campaign: record.mail.campaign.flatMap(state.campaign)?.title ?? "",
                    unit: unit.map { "\($0.name) (\($0.code))" } ?? (record.mail.unit ?? ""), unitHref: href,
                    kind: record.mail.kind.label, stage: record.mail.stage ?? "",
                    recipients: record.mail.recipients.joined(separator: "; "),
                    stateLabel: record.state.label, state: record.state.rawValue, error: record.error.map(ErrorText.init))
            }
            let view = OutgoingPage(
                page: await chrome("Thư đã gửi", context: context, state: state),
                sent: totals.remindersSent + totals.repliesSent, failed: totals.remindersFailed + totals.repliesFailed,
                uncertain: totals.remindersUncertain,
                sentToday: try state.store.outgoingCount(since: now.addingTimeInterval(-86_400)), perDay: state.setup.sendLimits.perDay,
                rows: rows, failures: rows.filter { $0.state == "failed" }, hasFailures: rows.contains { $0.state == "failed" },
                hasRows: !rows.isEmpty)
            return renderer.response(.outgoing, view)
        }

        // Browsers ask for it on every page; without it, the request would be sent to the login page.
        router.get("/favicon.ico") { _, _ in
            Response(status: .noContent, headers: [.cacheControl: "public, max-age=86400"])
        }

        router.get("/static/app.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
    }

    /// Whether the request carries the configured metrics bearer token (compared in
    /// constant time); never, when no token is configured.
    func presentsMetricsToken(_ request: Request) -> Bool {
        let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        guard let expected = settings.metricsToken, let bearer else { return false }
        return PasswordHash.constantTimeEqual(Array(bearer.utf8), Array(expected.utf8))
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
