import ArgumentParser
import Foundation
import Office

@main
struct Thidua: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thidua",
        abstract: "Collects schools' sealed submissions from the office mailbox, keeps the receipt ledger and reminds late units.",
        discussion:
            "Configuration: THIDUA_CONFIG (default config/thidua.yaml); connection settings and secrets from THIDUA_* environment variables.",
        subcommands: [
            Run.self, Inspect.self, Status.self, Remind.self, Check.self, Assign.self, Mark.self, Passwd.self, Export.self,
            Backup.self, Restore.self, Prune.self, CheckScan.self, CampaignCommand.self, RosterCommand.self,
        ])
}

/// Runs a command body, turning configuration and store errors into one clear line on
/// stderr and exit code 78 (EX_CONFIG), rather than a stack of Swift error dumps.
func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ConfigError {
        FileHandle.standardError.write(Data("thidua: \(error)\n".utf8))
        throw ExitCode(78)
    } catch let error as TemplateFileError {
        FileHandle.standardError.write(Data("thidua: \(error)\n".utf8))
        throw ExitCode(78)
    } catch {
        FileHandle.standardError.write(Data("thidua: \(error)\n".utf8))
        throw ExitCode(1)
    }
}
