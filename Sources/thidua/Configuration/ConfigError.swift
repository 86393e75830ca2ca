/// A configuration problem, always naming where to fix it.
struct ConfigError: Error, CustomStringConvertible {
    var file: String
    var key: String?
    var message: String

    var description: String {
        "\(file)\(key.map { ": \($0)" } ?? ""): \(message)"
    }
}
