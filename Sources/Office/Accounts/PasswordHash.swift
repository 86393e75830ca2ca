import CLibCrypto
import Foundation

/// Dashboard password hashes: scrypt (RFC 7914) from the system's libcrypto, with a random
/// salt, stored as `scrypt$N$r$p$salt$key` (base64) so the cost can be raised later without
/// invalidating the hashes already stored. The clear password is never stored or logged.
public enum PasswordHash {
    /// 2^15 × 8 × 128 bytes = 32 MiB and about 0.1 s a check: slow enough to make guessing a
    /// stolen database costly, cheap enough for one officer logging in on a small server.
    public static let defaultCost = (n: UInt64(1 << 15), r: UInt64(8), p: UInt64(1))

    public enum Failure: Error, CustomStringConvertible {
        case tooShort(Int)
        case crypto(String)
        public var description: String {
            switch self {
            case .tooShort(let minimum): "the password must have at least \(minimum) characters"
            case .crypto(let what): "libcrypto failed to \(what)"
            }
        }
    }

    public static let minimumLength = 10

    public static func make(password: String) throws -> String {
        guard password.count >= minimumLength else { throw Failure.tooShort(minimumLength) }
        let salt = try randomBytes(16)
        let (n, r, p) = defaultCost
        let key = try derive(password: password, salt: salt, n: n, r: r, p: p)
        return "scrypt$\(n)$\(r)$\(p)$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())"
    }

    /// Whether `password` matches `stored`, compared in constant time. A malformed stored
    /// value matches nothing.
    public static func verify(password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt", let n = UInt64(parts[1]), let r = UInt64(parts[2]), let p = UInt64(parts[3]),
            n > 1, n <= 1 << 20, r > 0, r <= 32, p > 0, p <= 16,
            let salt = Data(base64Encoded: String(parts[4])), let expected = Data(base64Encoded: String(parts[5])),
            !expected.isEmpty,
            let key = try? derive(password: password, salt: Array(salt), n: n, r: r, p: p, length: expected.count)
        else { return false }
        return constantTimeEqual(key, Array(expected))
    }

    public static func randomBytes(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw Failure.crypto("produce random bytes") }
        return bytes
    }

    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return CRYPTO_memcmp(a, b, a.count) == 0
    }

    private static func derive(password: String, salt: [UInt8], n: UInt64, r: UInt64, p: UInt64, length: Int = 32) throws -> [UInt8] {
        let secret = Array(password.precomposedStringWithCanonicalMapping.utf8)
        var key = [UInt8](repeating: 0, count: length)
        let maxMemory = 128 * n * r * p + 1 << 20
        let status = secret.withUnsafeBufferPointer { pass in
            salt.withUnsafeBufferPointer { salt in
                EVP_PBE_scrypt(
                    pass.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, pass.count,
                    salt.baseAddress, salt.count, n, r, p, maxMemory, &key, length)
            }
        }
        guard status == 1 else { throw Failure.crypto("compute scrypt") }
        return key
    }
}
