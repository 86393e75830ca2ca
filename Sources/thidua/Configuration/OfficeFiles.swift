import Intake
import Office

/// The office's files as the configuration names them, read and checked: the units CSV
/// and the mail texts of the `templates` folder. Each is kept with its error, which counts
/// only where the file is used (the CSV at the first start alone).
struct OfficeFiles: Sendable {
    /// nil without a `units` key.
    var roster: Result<Roster, any Error>?
    var texts: Result<[MailText: String], any Error>

    init(config: AppConfig) {
        roster = config.rosterPath.map { path in Result { try OfficeRecords.rosterFile(path, config: config) } }
        texts = Result { try MailTextSources.fileTexts(directory: config.templatesDirectory) }
    }
}
