import Foundation

/// The repository's config/thidua.yaml, for tests that run `thidua` on a copy of it.
enum ExampleConfig {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

    /// Its text with the roster and the holidays named by absolute path, so that a copy
    /// works from any directory; with `ownTemplates`, a `templates` folder beside the copy
    /// replaces the built-in mail texts.
    static func text(ownTemplates: Bool = false) throws -> String {
        let root = repository.path
        let yaml = try String(contentsOf: repository.appendingPathComponent("config/thidua.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "units: units.csv", with: "units: \(root)/config/units.csv")
            .replacingOccurrences(of: "holidays: holidays.yaml", with: "holidays: \(root)/config/holidays.yaml")
        return ownTemplates ? yaml.replacingOccurrences(of: "# templates: templates", with: "templates: templates") : yaml
    }
}
