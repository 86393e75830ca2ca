/// IMAP's modified UTF-7 for mailbox names (RFC 3501 §5.1.3): printable ASCII as is ("&"
/// as "&-"), everything else as UTF-16 in modified base64 between "&" and "-". A folder
/// named "Đã xử lý" must be sent as "&ARA-&AOM- x&Ru8- l&Hvk-"-style text.
public enum ModifiedUTF7 {
    public static func encode(_ name: String) -> String {
        var out = ""
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            var bytes: [UInt8] = []
            for unit in pending { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,")
            var encoded = ""
            var index = 0
            while index < bytes.count {
                let b0 = Int(bytes[index])
                let b1 = index + 1 < bytes.count ? Int(bytes[index + 1]) : 0
                let b2 = index + 2 < bytes.count ? Int(bytes[index + 2]) : 0
                let group = b0 << 16 | b1 << 8 | b2
                encoded.append(alphabet[(group >> 18) & 63])
                encoded.append(alphabet[(group >> 12) & 63])
                if index + 1 < bytes.count { encoded.append(alphabet[(group >> 6) & 63]) }
                if index + 2 < bytes.count { encoded.append(alphabet[group & 63]) }
                index += 3
            }
            out += "&" + encoded + "-"
            pending = []
        }
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                out += scalar == "&" ? "&-" : String(scalar)
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return out
    }
}
