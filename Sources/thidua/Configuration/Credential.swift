import Foundation

/// A password from the environment or from a file, read only when a connection needs it —
/// so `thidua status` works for an officer who may not read the daemon's credentials — and
/// never printed: its description is redacted.
struct Credential: Sendable, CustomStringConvertible {
    var value: String?
    var file: String?
    var key: String
    var environmentName: String
    var config: String

    /// The password; throws a message naming both ways to provide it when neither works.
    func resolve() throws -> String {
        if let value { return value }
        guard let file else {
            throw ConfigError(file: config, key: key, message: "no password: set \(environmentName) or \(key)")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigError(
                file: config, key: key,
                message: "cannot read the password file \(file); check the path and its permissions, or set \(environmentName)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var description: String { "<redacted>" }
}
