import Crypto
import Foundation

/// An owner's secret key for salted fingerprints: each selected k-gram hash is replaced by the first 64 bits of
/// HMAC-SHA256(key, hash), so that a trade secret's fingerprints cannot be compared with another owner's or
/// looked up in a table precomputed from public code.
///
/// Salting happens after winnowing: the same k-grams are selected with or without a salt, and only the selected
/// hashes are keyed (an HMAC per fingerprint rather than per token).
public struct FingerprintSalt: Hashable, Sendable {
    /// The key's bytes (32 for a generated key).
    public let bytes: [UInt8]

    /// Creates a salt from key bytes.
    ///
    /// - Throws: `CopyError.invalidArgument` when the key is shorter than 16 bytes.
    public init(bytes: [UInt8]) throws(CopyError) {
        guard bytes.count >= 16 else {
            throw CopyError(.invalidArgument, "a fingerprint salt needs at least 16 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Parses a salt written as hexadecimal digits.
    ///
    /// - Throws: `CopyError.invalidArgument` when the text is not an even number of hexadecimal digits or is too
    ///   short.
    public init(hex: String) throws(CopyError) {
        let digits = Array(hex.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard digits.count.isMultiple(of: 2) else {
            throw CopyError(.invalidArgument, "a fingerprint salt must be an even number of hexadecimal digits")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else {
                throw CopyError(.invalidArgument, "a fingerprint salt must be hexadecimal digits only")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        try self.init(bytes: bytes)
    }

    /// A fresh random 32-byte salt.
    public static func random() -> FingerprintSalt {
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        // 32 bytes always satisfy the length check.
        return (try? FingerprintSalt(bytes: bytes)) ?? FingerprintSalt(unchecked: bytes)
    }

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// The salt as lower-case hexadecimal digits.
    public var hex: String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// The keyed form of one fingerprint hash.
    public func apply(to hash: UInt64) -> UInt64 { apply(to: [hash])[0] }

    /// The keyed form of many fingerprint hashes (one key set-up for all).
    public func apply(to hashes: [UInt64]) -> [UInt64] {
        let key = SymmetricKey(data: bytes)
        return hashes.map { hash in
            var message = hash.littleEndian
            let code = withUnsafeBytes(of: &message) { HMAC<SHA256>.authenticationCode(for: $0, using: key) }
            return code.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        }
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
