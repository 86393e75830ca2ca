import Foundation

/// A configuration problem, always naming where to fix it.
struct ConfigError: Error, CustomStringConvertible {
    var file: String
    var key: String?
    var message: String
    /// The line of the file, when the problem is at one place in it.
    var line: Int? = nil

    var description: String {
        "\(file)\(line.map { ":\($0)" } ?? "")\(key.map { ": \($0)" } ?? ""): \(message)"
    }
}

extension ConfigError {
    /// The YAML did not fit `ConfigFile`: the key where it did not, and what was expected.
    init(file: String, decoding error: DecodingError) {
        self.init(file: file, key: Self.keyPath(of: error), message: Self.explain(error))
    }

    private static func keyPath(of error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        @unknown default: return nil
        }
        return path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(
            in: CharacterSet(charactersIn: "."))
    }

    private static func explain(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound: "this required key is missing (see config/thidua.yaml for every key)"
        case .typeMismatch(let type, _): "expected \(type == String.self ? "text" : "\(type)") here"
        case .valueNotFound: "a value is required here"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "\(error)"
        }
    }
}

extension ConfigError {
    /// Keys the file holds and thidua does not read: the first names where to fix it, the
    /// rest follow, so one run of `thidua check` shows every typo.
    init(file: String, unknown keys: [UnknownKey]) {
        func explain(_ key: UnknownKey) -> String {
            key.suggestion.map { "did you mean '\($0)'?" } ?? "not a key thidua reads (see config/thidua.yaml for every key)"
        }
        let first = keys[0]
        var message = "unknown key; \(explain(first))"
        for other in keys.dropFirst() {
            message += "; also \(other.key)\(other.line.map { " (line \($0))" } ?? ""): \(explain(other))"
        }
        self.init(file: file, key: first.key, message: message, line: first.line)
    }
}
