import Foundation
import Mustache

/// The office's texts, compiled: the built-in default of each, or the wording that
/// replaces it. Rendering needs no I/O, so the domain renders its own mail.
public struct MailTexts: Sendable {
    private var templates: [MailText: MustacheTemplate]

    /// Every text as built in.
    public static let builtIn = MailTexts(templates: [:])

    private init(templates: [MailText: MustacheTemplate]) { self.templates = templates }

    /// The defaults, with `replacements` in their place; each is checked (`check`).
    public init(replacements: [MailText: String]) throws(MailTextProblem) {
        var templates: [MailText: MustacheTemplate] = [:]
        for (text, body) in replacements { templates[text] = try Self.check(body, for: text) }
        self.init(templates: templates)
    }

    /// These texts with `text` worded as `body` (checked): what the editor previews.
    public func replacing(_ text: MailText, with body: String) throws(MailTextProblem) -> MailTexts {
        var copy = self
        copy.templates[text] = try Self.check(body, for: text)
        return copy
    }

    /// `text` filled from `context`; a subject comes out as one trimmed line.
    public func render(_ text: MailText, _ context: [String: Any]) -> String {
        let template = templates[text] ?? Self.defaults[text]!
        let rendered = template.render(context)
        guard text.isSubject else { return rendered }
        return rendered.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    /// The wording `body` compiled for `text`, or why it cannot be used: it does not parse,
    /// or names a placeholder `text` does not fill (a typo such as {{ten_don_vi}} would
    /// mail sixty schools a blank).
    public static func check(_ body: String, for text: MailText) throws(MailTextProblem) -> MustacheTemplate {
        let known = Set(text.placeholders.map(\.name))
        if let unknown = tags(in: body).first(where: { !known.contains($0) }) {
            throw MailTextProblem(
                text: text,
                message: "unknown placeholder {{\(unknown)}}; use one of \(known.sorted().map { "{{\($0)}}" }.joined(separator: ", "))",
                vietnamese: "Không có ô {{\(unknown)}}. Chỉ dùng được: \(known.sorted().map { "{{\($0)}}" }.joined(separator: ", "))")
        }
        do {
            // Mail is plain text: nothing is HTML-escaped.
            return try MustacheTemplate(string: "{{%CONTENT_TYPE: TEXT}}" + withoutPragma(body))
        } catch {
            throw MailTextProblem(
                text: text, message: "the text does not parse: \(error)",
                vietnamese: "Mẫu thư viết sai cú pháp (kiểm tra các cặp {{#…}} và {{/…}}): \(error)")
        }
    }

    /// A text as kept: without the pragma that files in `templates/` begin with.
    public static func withoutPragma(_ body: String) -> String {
        body.hasPrefix("{{%CONTENT_TYPE: TEXT}}") ? String(body.dropFirst("{{%CONTENT_TYPE: TEXT}}".count)) : body
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

    /// The built-in texts, compiled once; a default that did not compile is a bug that
    /// every test of the texts would show.
    private static let defaults: [MailText: MustacheTemplate] = Dictionary(
        uniqueKeysWithValues: MailText.allCases.map { text in
            (text, try! MustacheTemplate(string: "{{%CONTENT_TYPE: TEXT}}" + text.defaultText))
        })
}

/// A text the officer (or a file) wrote that cannot be used, and why.
public struct MailTextProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: MailText
    /// In English, for the operator's log.
    public var message: String
    /// In Vietnamese, for the officer's editor.
    public var vietnamese: String

    public var description: String { "\(text.rawValue): \(message)" }
}
