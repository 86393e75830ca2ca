#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Charset conversion through the C library's iconv, which knows the legacy charsets
/// mail still arrives in (KOI8-R, GB18030, Big5, Shift_JIS, ISO-2022-JP, ISO-8859-x…).
///
/// Bytes that do not fit the charset become U+FFFD and the result is marked inexact, so a
/// damaged name is still shown rather than dropped.
enum Iconv {
    static func decode(_ bytes: [UInt8], from charset: String) -> (text: String, exact: Bool)? {
        let descriptor = iconv_open("UTF-8", charset)
        guard let descriptor, descriptor != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }

        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2 + 16)
        var exact = true
        var chunk = [UInt8](repeating: 0, count: max(64, bytes.count * 4))
        var input = bytes
        input.withUnsafeMutableBufferPointer { inputBuffer in
            var inPointer = UnsafeMutableRawPointer(inputBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inputBuffer.count
            while true {
                let (result, produced, failure) = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> (Int, Int, Int32) in
                    var outPointer = UnsafeMutableRawPointer(chunkBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                    var outLeft = chunkBuffer.count
                    // A nil input flushes the shift state of stateful charsets (ISO-2022-JP).
                    let result =
                        inLeft > 0
                        ? iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                        : iconv(descriptor, nil, nil, &outPointer, &outLeft)
                    return (result, chunkBuffer.count - outLeft, result == -1 ? errno : 0)
                }
                output.append(contentsOf: chunk[0..<produced])
                if result != -1 {
                    if inLeft == 0 { break }
                    continue
                }
                switch failure {
                case E2BIG:
                    continue
                case EILSEQ, EINVAL:
                    // An invalid or truncated sequence: mark it and step over one byte.
                    exact = false
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    guard inLeft > 0 else { break }
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                    if inLeft == 0 { break }
                    continue
                default:
                    exact = false
                }
                break
            }
        }
        return (String(decoding: output, as: UTF8.self), exact)
    }
}
