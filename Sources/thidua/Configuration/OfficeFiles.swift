import Intake
import Office

/// The office's files as the configuration names them, read and checked: the units CSV
/// and the mail texts of the `templates` folder. Each is kept with its error, which counts
/// only where the file is used.
struct OfficeFiles: Sendable {
    /// nil without a `units` key, or when not asked for.
    var roster: Result<Roster, any Error>?
    var texts: Result<[MailText: String], any Error>

    /// `withRoster`: read the units CSV too, which only a store's first start applies.
    init(config: AppConfig, withRoster: Bool) {
        roster = withRoster ? config.rosterPath.map { path in Result { try OfficeRecords.rosterFile(path, config: config) } } : nil
        texts = Result { try MailTextSources.fileTexts(directory: config.templatesDirectory) }
    }
}
