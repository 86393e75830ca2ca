import Foundation

/// The HTML alternative of a plain-text mail thidua writes: the same words, paragraphs
/// kept, in a readable font — so Gmail and Outlook show it as a letter rather than as
/// fixed-width text with hard line breaks. Nothing in it comes unescaped from the text.
public enum TextToHTML {
    public static func render(_ text: String) -> String {
        let paragraphs = text.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .newlines) }
            .filter { !$0.isEmpty }
            .map {
                "<p>" + $0.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "<br>\n")
                    + "</p>"
            }
        return """
            <!doctype html>
            <html lang="vi"><head><meta charset="utf-8"></head>
            <body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.5; color: #1b1b1b;">
            \(paragraphs.joined(separator: "\n"))
            </body></html>
            """
    }

    /// Text made safe inside HTML elements and quoted attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
