/// The subject of a reply to a school's mail: its subject with "Re: " in front. A subject
/// arrives however the school's mail program wrote it; an encoded word may even decode to a
/// line break, which no outgoing header may carry (the composer refuses it, and the school
/// would get no reply at all). So control characters become spaces and runs of white space
/// one space, as a folded header is unfolded.
public enum ReplySubject {
    /// "Re: <subject>", or "Re: <fallback>" when the subject is empty; a subject that
    /// already starts with "Re:" keeps its one.
    public static func make(replyingTo subject: String, fallback: String) -> String {
        let clean = unfolded(subject)
        if clean.isEmpty { return "Re: \(unfolded(fallback))" }
        return clean.lowercased().hasPrefix("re:") ? clean : "Re: \(clean)"
    }

    /// `text` on one line: control characters and runs of white space as one space, trimmed.
    public static func unfolded(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }
}
