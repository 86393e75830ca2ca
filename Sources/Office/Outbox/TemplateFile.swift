import Foundation
import Mustache

/// Loading an officer-editable mustache template, checked at start: a template that does
/// not parse, or that uses a placeholder thidua does not fill (a typo such as
/// {{ten_don_vi}}), is refused with its file and name instead of mailing a blank.
enum TemplateFile {
    static func load(directory: String, name: String, placeholders: Set<String>, what: String) throws -> MustacheTemplate {
        let path = (directory as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TemplateFileError(path: path, message: "the \(what) is missing; copy it from config/templates/")
        }
        let text = String(decoding: data, as: UTF8.self)
        for tag in tags(in: text) where !placeholders.contains(tag) {
            throw TemplateFileError(
                path: path,
                message: "unknown placeholder {{\(tag)}}; use one of \(placeholders.sorted().map { "{{\($0)}}" }.joined(separator: ", "))")
        }
        do {
            return try MustacheTemplate(string: text)
        } catch {
            throw TemplateFileError(path: path, message: "the template does not parse: \(error)")
        }
    }

    /// Variable names used in `{{name}}`, `{{{name}}}`, `{{#name}}`, `{{^name}}`, `{{/name}}`.
    static func tags(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            var tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if tag.hasPrefix("{") { tag = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces) }
            if tag.hasSuffix("}") { tag = String(tag.dropLast()) }
            guard let first = tag.first, !"%!>=".contains(first) else { continue }  // pragmas, comments, partials
            if "#^/&".contains(first) { tag = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces) }
            if !tag.isEmpty, tag != "." { names.append(tag) }
        }
        return names
    }
}

/// An officer-editable template that cannot be used, naming the file to fix.
public struct TemplateFileError: Error, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}
