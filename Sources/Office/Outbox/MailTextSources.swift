import Foundation
import Intake
import Store

/// Where each text the office mails comes from, last one winning: the built-in default, a
/// file of the config's `templates` folder (optional: how thidua was configured before the
/// dashboard could edit texts), and the officer's own wording kept in the store.
public enum MailTextSources {
    public enum Origin: String, Sendable {
        case builtIn, file, officer
    }

    /// The texts in force. A file that cannot be used stops the start, naming the file, as
    /// it always has; a stored text that no longer checks (a placeholder a later thidua
    /// dropped) is skipped for its default and returned, to be logged.
    public static func load(directory: String?, stored: [String: StoredMailText]) throws -> (
        texts: MailTexts, skipped: [MailTextProblem]
    ) {
        try load(files: try fileTexts(directory: directory), stored: stored)
    }

    /// The texts of the `templates` folder's files, each checked; a file that cannot be used
    /// is an error naming it.
    public static func fileTexts(directory: String?) throws -> [MailText: String] {
        var replacements: [MailText: String] = [:]
        for text in MailText.allCases {
            guard let directory else { break }
            let path = (directory as NSString).appendingPathComponent(text.fileName)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let body = MailTexts.withoutPragma(String(decoding: data, as: UTF8.self))
            do {
                _ = try MailTexts.check(body, for: text)
            } catch {
                throw TemplateFileError(path: path, message: error.message)
            }
            replacements[text] = body
        }
        return replacements
    }

    /// The texts in force over the files' (`fileTexts`) and the stored ones.
    public static func load(files: [MailText: String], stored: [String: StoredMailText]) throws -> (
        texts: MailTexts, skipped: [MailTextProblem]
    ) {
        var replacements = files
        var skipped: [MailTextProblem] = []
        for (name, stored) in stored {
            guard let text = MailText(rawValue: name) else { continue }
            do {
                _ = try MailTexts.check(stored.body, for: text)
                replacements[text] = stored.body
            } catch {
                skipped.append(error)
            }
        }
        return (try MailTexts(replacements: replacements), skipped)
    }

    /// Where `text` comes from now, and its wording: for the officer's editor.
    public static func current(_ text: MailText, directory: String?, stored: [String: StoredMailText]) -> (Origin, String) {
        // A stored text that no longer checks is not the one in force (`load` skips it).
        if let officer = stored[text.rawValue], (try? MailTexts.check(officer.body, for: text)) != nil {
            return (.officer, officer.body)
        }
        if let directory, let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(text.fileName)) {
            return (.file, MailTexts.withoutPragma(String(decoding: data, as: UTF8.self)))
        }
        return (.builtIn, text.defaultText)
    }
}

/// An officer-editable template file that cannot be used, naming the file to fix.
public struct TemplateFileError: Error, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}
