import Foundation

/// A labelled set a generator wrote into a folder (files and `labels.json`, `{"files": […]}`),
/// named by an environment variable that `make test` sets.
public struct LabelledSet<Label: Decodable & Sendable>: Sendable {
    public let directory: URL
    public let files: [Label]

    /// The folder the variable names, when it holds a set.
    public static func directory(_ variable: String) -> URL? {
        guard let path = ProcessInfo.processInfo.environment[variable],
            FileManager.default.fileExists(atPath: "\(path)/labels.json")
        else { return nil }
        return URL(fileURLWithPath: path)
    }

    public init(_ variable: String) throws {
        guard let directory = Self.directory(variable) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "\(variable) names no labelled set"])
        }
        self.directory = directory
        files = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: directory.appendingPathComponent("labels.json"))).files
    }

    /// The bytes of a file of the set (empty when it cannot be read).
    public func bytes(of name: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))) ?? []
    }

    private struct Manifest: Decodable {
        var files: [Label]
    }
}
