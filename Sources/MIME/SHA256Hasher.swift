import CLibCrypto
import Foundation

/// SHA-256 from the system's libcrypto, which uses the CPU's SHA extensions where present.
///
/// Incremental, so a large attachment or a raw message streamed to disk is hashed as it
/// passes through, without being held whole.
public final class SHA256Hasher {
    private let context: OpaquePointer
    private var finished = false

    public init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto could not set up a SHA-256 context")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "SHA256Hasher used after finalize()")
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    public func update<Bytes: ContiguousBytes>(_ bytes: Bytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The lowercase hex digest. Call once.
    public func finalize() -> String {
        precondition(!finished, "SHA256Hasher finalized twice")
        finished = true
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &output, &length)
        return Hex.encode(output.prefix(Int(length)))
    }

    public static func hex<Bytes: ContiguousBytes>(of bytes: Bytes) -> String {
        let hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }
}

enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
