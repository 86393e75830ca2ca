/// RFC 4180 CSV records with the line each starts on, for error messages.
enum CSV {
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// `separator`: `,`, or `;` as Excel writes CSV where the decimal mark is a comma
    /// (a Vietnamese Windows among them).
    static func records(_ text: String, separator: Character = ",") -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var characters = text.makeIterator()
        var lookahead: Character? = characters.next()
        while let character = lookahead {
            lookahead = characters.next()
            if inQuotes {
                if character == "\"" {
                    if lookahead == "\"" {
                        field.append("\"")
                        lookahead = characters.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case separator:
                fields.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                fields.append(field)
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                field = ""
                line += 1
                recordLine = line
            default: field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }

    /// `;` when the file's start has more of them than commas, else `,` (its first line
    /// may be a title, without either).
    static func separator(of text: String) -> Character {
        let start = text.prefix(4096)
        return start.filter { $0 == ";" }.count > start.filter { $0 == "," }.count ? ";" : ","
    }
}
