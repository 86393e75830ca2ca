import Foundation

/// Just enough HTML-to-text to search a body for a school's name: tags dropped, common
/// entities decoded. Never used to render anything.
enum HTMLText {
    static func strip(_ html: String) -> String {
        var out = ""
        var inTag = false
        var tag = ""
        for character in html {
            if character == "<" {
                inTag = true
                tag = ""
                continue
            }
            if character == ">" {
                inTag = false
                // Block elements end a line: an inline forward's "From:" must start one.
                let name = tag.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/ ")).prefix { $0.isLetter }
                out.append(["br", "p", "div", "tr", "li", "blockquote", "h1", "h2", "h3", "table"].contains(String(name)) ? "\n" : " ")
                continue
            }
            if inTag { tag.append(character) } else { out.append(character) }
        }
        let entities = ["&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'"]
        for (entity, replacement) in entities { out = out.replacingOccurrences(of: entity, with: replacement) }
        return out
    }
}

/// Links to files shared from cloud storage instead of being attached.
enum CloudLinks {
    private static let scheme = Array("http".utf8)
    static let hosts = ["drive.google.com", "docs.google.com", "1drv.ms", "onedrive.live.com", "sharepoint.com", "dropbox.com"]

    static func find(in text: String) -> [String] {
        // Every link starts "http": most bodies have none, and splitting them into words
        // (by Unicode whitespace, character by character) is what costs.
        guard Array(text.utf8).firstRange(of: Self.scheme, from: 0) != nil else { return [] }
        var links: [String] = []
        var seen: Set<Substring> = []
        for token in text.split(whereSeparator: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "'" }) {
            guard token.hasPrefix("http://") || token.hasPrefix("https://") else { continue }
            if hosts.contains(where: { token.contains($0) }), seen.insert(token).inserted {
                links.append(String(token))
            }
        }
        return links
    }
}
