import ArgumentParser
import Foundation
import Office
import Store

struct Passwd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Set the password of a dashboard login (creating the login if needed).",
        discussion: """
            Asks for the password twice on a terminal; otherwise reads one line from standard input \
            (e.g. `thidua passwd --user canbo < file`). Only a scrypt hash is stored, in the database; \
            the login's open dashboard sessions end within a second.
            """)

    @Option(help: "The login name.")
    var user = "canbo"

    @Option(
        help: """
            officer (cán bộ: does everything) or leader (lãnh đạo: reads, exports and downloads only). \
            A new login is an officer unless told; an existing one keeps its role unless told.
            """)
    var role: RoleOption?

    enum RoleOption: String, ExpressibleByArgument, CaseIterable {
        case officer, leader
        var value: DashboardRole { self == .officer ? .officer : .leader }
    }

    func run() async throws {
        try await reportingErrors {
            guard !user.isEmpty, user.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) else {
                throw ValidationError("a login name is letters, digits and . _ - @ only")
            }
            let password = try Self.readPassword()
            let hash = try PasswordHash.make(password: password)
            let context = try AppContext.load(store: .create)
            try context.store.setDashboardPassword(user: user, hash: hash, role: role?.value, actor: CLIActor.name, at: Date())
            let roleName = try context.store.dashboardLogin(user: user)?.role == .leader ? "leader" : "officer"
            print("password set for \(user) (\(roleName)); log in at http://\(context.config.dashboard.listen)/")
        }
    }

    static func readPassword() throws -> String {
        if isatty(STDIN_FILENO) == 1 {
            let first = try prompt("New password for the dashboard: ")
            let second = try prompt("Again: ")
            guard first == second else { throw ValidationError("the two passwords differ; nothing was changed") }
            return first
        }
        guard let line = readLine(strippingNewline: true) else {
            throw ValidationError("no password on standard input")
        }
        return line
    }

    /// Reads a line from the terminal without echoing it.
    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw ValidationError("no password entered") }
        return line
    }
}
