import DocumentCheck

extension DocumentFacts {
    /// The date as an officer writes it: "18/02/2021".
    public var displayDate: String? {
        guard let date else { return nil }
        let parts = date.split(separator: "-")
        guard parts.count == 3 else { return date }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    /// The number and date in a line: "Số 15/KH-THCSNT ngày 18/02/2021".
    public var reference: String? {
        let parts = [number.map { "Số \($0)" }, displayDate.map { "ngày \($0)" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// What a register calls the trích yếu: the type and the title ("Kế hoạch công tác thi
    /// đua khen thưởng năm 2021").
    public var abstract: String? {
        let type = type.map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
        let title = title.map { type == nil ? $0 : $0.prefix(1).lowercased() + $0.dropFirst() }
        let parts = [type, title].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// All of it, for the officer beside the file: "Văn bản: Số 15/KH-THCSNT ngày
    /// 18/02/2021 — Kế hoạch công tác … — TRƯỜNG THCS NGUYỄN TRÃI, ký: Phan Quang Sơn".
    public var summary: String {
        var parts = [reference, abstract].compactMap { $0 }
        let by = [issuer, signer.map { "ký: \($0)" }].compactMap { $0 }
        if !by.isEmpty { parts.append(by.joined(separator: ", ")) }
        return "Văn bản: " + (parts.isEmpty ? "không đọc được phần đầu" : parts.joined(separator: " — "))
    }
}
