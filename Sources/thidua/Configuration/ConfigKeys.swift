import Yams

/// The keys a config file may use, learned from `ConfigFile` itself (decoded once by a
/// probe that records every key asked for), so the list can never drift from what is read.
///
/// A mistyped key (`poll_intervall`, `dashbord:`) would otherwise be ignored without a word
/// and its default used: `check` refuses it with the file, the line and, as Dovecot does,
/// the key that was probably meant.
indirect enum ConfigKeys: Sendable {
    case map([String: ConfigKeys])
    case list(ConfigKeys)
    case value

    /// The keys of `thidua.yaml`.
    static let file: ConfigKeys = {
        let probe = KeyProbe()
        _ = try? ConfigFile(from: probe)
        return probe.keys
    }()

    /// How a config file is parsed, for this check and for decoding alike: `YAMLDecoder`'s
    /// own resolver, which leaves scalars as text for the decoder to read (the default one
    /// would match each against YAML 1.1's regular expressions, for the decoder to ignore).
    static let resolver = Resolver.basic.appending(.merge)

    /// Every key of `yaml` that `self` does not know, with its line, parent and suggestion.
    static func unknown(in yaml: String, expected: ConfigKeys = .file) throws -> [UnknownKey] {
        let parser = try Parser(yaml: yaml, resolver: resolver)
        return try withExtendedLifetime(parser) { unknown(in: try parser.singleRoot() ?? "", expected: expected) }
    }

    /// Every key of the parsed document `root` that `self` does not know.
    static func unknown(in root: Node, expected: ConfigKeys = .file) -> [UnknownKey] {
        var found: [UnknownKey] = []
        expected.walk(root, path: "", into: &found)
        return found
    }

    private func walk(_ node: Node, path: String, into found: inout [UnknownKey]) {
        switch (self, node) {
        case (.map(let known), .mapping(let mapping)):
            for (keyNode, value) in mapping {
                // A merge key (`<<: *plan`) brings in keys checked where their anchor stands.
                guard let key = keyNode.string, keyNode.tag != Tag(.merge) else { continue }
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                if let child = known[key] {
                    child.walk(value, path: keyPath, into: &found)
                } else {
                    found.append(
                        UnknownKey(
                            key: keyPath, line: keyNode.mark?.line,
                            suggestion: Self.closest(to: key, among: known.keys).map { path.isEmpty ? $0 : "\(path).\($0)" }))
                }
            }
        case (.list(let element), .sequence(let sequence)):
            for (index, item) in sequence.enumerated() { element.walk(item, path: "\(path)[\(index)]", into: &found) }
        default:
            return  // a value, or a shape the decoder itself will refuse with its own message
        }
    }

    /// The known key nearest to a typo: at most two edits away, or a third of its length.
    static func closest(to key: String, among known: some Sequence<String>) -> String? {
        let scored = known.map { ($0, editDistance(key.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        return best.1 <= max(2, key.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance, over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        // previous[j]: the distance between the first i-1 characters of a and the first j of b.
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// A key of the config file that thidua does not read.
struct UnknownKey: Sendable, Equatable {
    /// Dotted, from the root: `mailbox.poll_intervall`.
    var key: String
    var line: Int?
    /// The known key it was probably meant to be, dotted the same way.
    var suggestion: String?
}
