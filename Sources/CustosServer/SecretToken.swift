import Crypto
import Foundation

/// Random secrets for session cookies, CSRF tokens and API tokens, and the hashes that are stored instead.
///
/// A secret is 32 random bytes, base64url without padding. Only `SHA-256(secret)` in hex is stored, so a copy
/// of the database does not let anyone sign in: secrets have 256 bits of entropy, so an unsalted fast hash is
/// enough (a slow KDF is for low-entropy passwords).
public enum SecretToken {
    /// A fresh random secret.
    public static func make(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(raw).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The stored form of `secret`: lowercase hex SHA-256.
    public static func hash(_ secret: String) -> String {
        // Every authenticated request hashes its credential, so this avoids `String(format:)` per byte.
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(secret.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Compares two strings in time that depends only on their lengths.
    public static func equal(_ lhs: String, _ rhs: String) -> Bool {
        PasswordHasher.constantTimeEqual(Array(lhs.utf8), Array(rhs.utf8))
    }
}
