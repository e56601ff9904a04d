import Crypto
import Foundation
import _CryptoExtras

/// Hashes passwords with scrypt (RFC 7914), a memory-hard slow KDF, and checks them in constant time.
///
/// Hashes are stored in modular-crypt form, `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (salt and hash base64 without
/// padding), so the cost can be raised later: a stored hash names the parameters it was made with, and
/// `needsRehash` tells when it is weaker than the current policy. The default cost, N = 2^15, r = 8, p = 1,
/// uses 32 MiB and about 60–100 ms per hash on one core of a 2024 server, OWASP's recommended minimum for scrypt.
public struct PasswordHasher: Sendable {
    /// log2 of scrypt's CPU/memory cost N.
    public var logN: Int
    /// scrypt's block size r.
    public var blockSize: Int
    /// scrypt's parallelism p.
    public var parallelism: Int

    /// The production cost: N = 2^15, r = 8, p = 1.
    public static let standard = PasswordHasher(logN: 15, blockSize: 8, parallelism: 1)

    /// Passwords shorter than this are refused.
    public static let minimumLength = 10
    /// Passwords longer than this are refused (a megabyte password would be a cheap denial of service).
    public static let maximumLength = 1_024

    /// Creates a hasher with the given scrypt parameters.
    public init(logN: Int, blockSize: Int, parallelism: Int) {
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// Why a new password is refused, or `nil` when it is acceptable.
    public static func weakness(of password: String, login: String) -> String? {
        let length = password.count
        if length < minimumLength { return "A password needs at least \(minimumLength) characters." }
        if length > maximumLength { return "A password may have at most \(maximumLength) characters." }
        if password.lowercased() == login.lowercased() { return "The password must differ from the login." }
        if Set(password).count < 4 { return "The password repeats too few different characters." }
        return nil
    }

    /// The modular-crypt hash of `password` with a fresh 16-byte random salt.
    public func hash(_ password: String) throws(APIError) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let key = try derive(password, salt: salt, logN: logN, blockSize: blockSize, parallelism: parallelism)
        return "$scrypt$ln=\(logN),r=\(blockSize),p=\(parallelism)$\(Self.base64(salt))$\(Self.base64(key))"
    }

    /// Whether `password` matches `stored`; a malformed stored hash never matches.
    public func verify(_ password: String, against stored: String) -> Bool {
        guard let parsed = Self.parse(stored), password.utf8.count <= Self.maximumLength * 4 else { return false }
        guard
            let key = try? derive(
                password, salt: parsed.salt, logN: parsed.logN, blockSize: parsed.blockSize,
                parallelism: parsed.parallelism)
        else { return false }
        return Self.constantTimeEqual(key, parsed.hash)
    }

    /// Whether `stored` was made with weaker parameters than this hasher's.
    public func needsRehash(_ stored: String) -> Bool {
        guard let parsed = Self.parse(stored) else { return true }
        return parsed.logN < logN || parsed.blockSize < blockSize || parsed.parallelism < parallelism
    }

    private func derive(_ password: String, salt: [UInt8], logN: Int, blockSize: Int, parallelism: Int)
        throws(APIError) -> [UInt8]
    {
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: Array(password.utf8), salt: salt, outputByteCount: 32, rounds: 1 << logN,
                blockSize: blockSize, parallelism: parallelism)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw APIError(.internal, "The password could not be hashed.")
        }
    }

    private struct Parsed {
        var logN: Int
        var blockSize: Int
        var parallelism: Int
        var salt: [UInt8]
        var hash: [UInt8]
    }

    private static func parse(_ stored: String) -> Parsed? {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt" else { return nil }
        var values: [String: Int] = [:]
        for pair in parts[2].split(separator: ",") {
            let keyValue = pair.split(separator: "=")
            guard keyValue.count == 2, let value = Int(keyValue[1]) else { return nil }
            values[String(keyValue[0])] = value
        }
        guard let logN = values["ln"], let r = values["r"], let p = values["p"], (1...24).contains(logN),
            (1...64).contains(r), (1...16).contains(p),
            let salt = unbase64(String(parts[3])), let hash = unbase64(String(parts[4])), hash.count == 32
        else { return nil }
        return Parsed(logN: logN, blockSize: r, parallelism: p, salt: salt, hash: hash)
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    private static func unbase64(_ text: String) -> [UInt8]? {
        let padded = text + String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: padded).map { Array($0) }
    }

    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
