import Foundation
import Hummingbird
import Office
import Store

/// Logins managed by an officer: made, given a new password or role, removed. A leader
/// does not see this page. A login that changes role or is removed has its open sessions
/// changed or ended at once.
extension DashboardRoutes {
    static let minimumPasswordLength = 10

    func registerAccounts(on router: Router<DashboardContext>) {
        router.get("/accounts") { request, context in
            try requireOfficer(context)
            return try await accountsPage(context: context, notice: Notice.from(query(request)), problem: nil)
        }

        router.post("/accounts") { request, context in
            let form = try await FormData.read(request, context: context)
            let user = form.value("user") ?? ""
            let password = form["password"] ?? ""
            var problem: String?
            if user.isEmpty || !user.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) }) {
                problem = "Tên đăng nhập chỉ gồm chữ không dấu, số và . _ - @."
            } else if password.count < Self.minimumPasswordLength {
                problem = "Mật khẩu cần ít nhất \(Self.minimumPasswordLength) ký tự."
            } else if password != form["password2"] {
                problem = "Hai lần nhập mật khẩu không giống nhau."
            }
            if let problem {
                var response = try await accountsPage(context: context, notice: nil, problem: problem)
                response.status = .unprocessableContent
                return response
            }
            let role: DashboardRole = form["role"] == "leader" ? .leader : .officer
            let hash = try PasswordHash.make(password: password)
            try await state().store.setDashboardPassword(user: user, hash: hash, role: role, actor: actor(context), at: clock.now())
            // A new password ends the login's open sessions, but the one that set it: an
            // officer changing her own goes on working.
            if user == context.session?.user, let token = request.cookies[SessionMiddleware.cookieName]?.value {
                await sessions.renew(token: token, passwordHash: hash)
            } else {
                await sessions.closeAll(user: user)
            }
            audit("saved a login", context, ["login": "\(user)", "role": "\(role.rawValue)"])
            return await redirect("/accounts", notice: .accountSaved)
        }

        router.post("/accounts/{name}/role") { request, context in
            let form = try await FormData.read(request, context: context)
            let user = context.parameters.get("name") ?? ""
            let role: DashboardRole = form["role"] == "leader" ? .leader : .officer
            let store = await state().store
            if role == .leader, try store.dashboardAccounts().filter({ $0.role == .officer }).map(\.name) == [user] {
                return try await accountsPage(
                    context: context, notice: nil, problem: "\(user) là cán bộ duy nhất: hãy thêm một cán bộ khác trước.")
            }
            try store.setDashboardRole(user: user, role: role, actor: actor(context), at: clock.now())
            await sessions.setRole(role, user: user)
            audit("changed a login's role", context, ["login": "\(user)", "role": "\(role.rawValue)"])
            return await redirect("/accounts", notice: .accountSaved)
        }

        router.post("/accounts/{name}/remove") { request, context in
            _ = try await FormData.read(request, context: context)
            let user = context.parameters.get("name") ?? ""
            do {
                try await state().store.removeDashboardUser(user, actor: actor(context), at: clock.now())
            } catch StoreError.conflict {
                return try await accountsPage(
                    context: context, notice: nil, problem: "\(user) là cán bộ duy nhất: hãy thêm một cán bộ khác trước khi xoá.")
            }
            await sessions.closeAll(user: user)
            audit("removed a login", context, ["login": "\(user)"])
            return await redirect("/accounts", notice: .accountRemoved)
        }
    }

    func requireOfficer(_ context: DashboardContext) throws {
        guard context.session?.role == .officer else {
            throw HTTPError(.forbidden, message: "Chỉ tài khoản cán bộ mới quản lý được tài khoản.")
        }
    }

    private func accountsPage(context: DashboardContext, notice: String?, problem: String?) async throws -> Response {
        let state = await state()
        var chrome = await chrome("Tài khoản", context: context, state: state, notice: notice)
        chrome.problem = problem
        let profile = state.setup.profile
        let accounts = try state.store.dashboardAccounts().map {
            AccountsPage.Account(
                name: $0.name, roleLabel: $0.role == .officer ? "Cán bộ" : "Lãnh đạo (chỉ xem)", isOfficer: $0.role == .officer,
                updated: profile.formatDateTime($0.updatedAt), isSelf: $0.name == context.session?.user)
        }
        let history = try state.store.auditTrail(kinds: ["dashboard."], limit: 50).map {
            HistoryLine($0, at: profile.formatDateTime($0.at))
        }
        return renderer.response(.accounts, AccountsPage(page: chrome, accounts: accounts, history: history))
    }
}
