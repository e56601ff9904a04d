import Crypto
import Foundation

/// A trusted Ed25519 note key: a key name, its 32-bit key ID and the public key, as C2SP signed-note defines them.
///
/// The text form, a *vkey*, is `<name>+<hex key ID>+base64(0x01 ‖ public key)`.
public struct NoteVerifier: Sendable, Hashable, CustomStringConvertible {
    /// The signature type byte of Ed25519 note signatures (C2SP signed-note).
    public static let ed25519SignatureType: UInt8 = 0x01

    /// The key name; signature lines must carry the same one.
    public let name: String
    /// The key ID: the first four bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), big-endian.
    public let keyID: UInt32
    /// The 32-byte Ed25519 public key (RFC 8032 encoding).
    public let publicKeyBytes: [UInt8]

    /// Parses a verifier key, `<name>+<hex key ID>+<base64 key>`.
    ///
    /// Only the first two `+` separate fields: base64 may itself contain `+`. The checks and their order follow
    /// Go's `note.NewVerifier`: eight hex digits, canonical base64, a valid name, the key ID re-derived from the
    /// name and key, then the type byte 0x01 and a 32-byte key.
    ///
    /// - Parameter vkey: The verifier key.
    /// - Throws: `LedgerError.malformed` naming the problem.
    public init(vkey: String) throws(LedgerError) {
        let fields = vkey.utf8.split(separator: UInt8(ascii: "+"), maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3 else {
            throw LedgerError(
                .malformed, "a verifier key has three fields separated by '+', this one has \(fields.count)")
        }
        let name = String(decoding: fields[0], as: UTF8.self)
        guard let keyID = NoteVerifier.parseKeyID(fields[1]) else {
            throw LedgerError(.malformed, "the key ID of verifier key \(name) is not eight hex digits")
        }
        guard let key = NoteBase64.decode(fields[2]), !key.isEmpty else {
            throw LedgerError(.malformed, "the key of verifier key \(name) is not canonical base64")
        }
        guard NoteText.isValidKeyName(name) else {
            throw LedgerError(.malformed, "\"\(name)\" is not a valid key name")
        }
        guard keyID == NoteVerifier.keyID(name: name, typedKey: key) else {
            throw LedgerError(
                .malformed, "the key ID \(NoteText.hex(keyID)) of verifier key \(name) does not match its key")
        }
        guard key[0] == Self.ed25519SignatureType else {
            throw LedgerError(.malformed, "verifier key \(name) has the unsupported signature type \(key[0])")
        }
        try self.init(name: name, keyID: keyID, publicKeyBytes: Array(key.dropFirst()))
    }

    /// Creates the verifier for an Ed25519 public key, deriving the key ID.
    ///
    /// - Parameters:
    ///   - name: The key name; non-empty, without Unicode spaces, `+` or control characters.
    ///   - publicKey: The Ed25519 public key.
    /// - Throws: `LedgerError.malformed` when the name is not a valid key name.
    public init(name: String, publicKey: Curve25519.Signing.PublicKey) throws(LedgerError) {
        guard NoteText.isValidKeyName(name) else {
            throw LedgerError(.malformed, "\"\(name)\" is not a valid key name")
        }
        let bytes = Array(publicKey.rawRepresentation)
        try self.init(
            name: name, keyID: Self.keyID(name: name, typedKey: [Self.ed25519SignatureType] + bytes),
            publicKeyBytes: bytes)
    }

    private init(name: String, keyID: UInt32, publicKeyBytes: [UInt8]) throws(LedgerError) {
        guard publicKeyBytes.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: publicKeyBytes)) != nil
        else {
            throw LedgerError(
                .malformed, "the key of \(name) is \(publicKeyBytes.count) bytes, not a 32-byte Ed25519 public key")
        }
        self.name = name
        self.keyID = keyID
        self.publicKeyBytes = publicKeyBytes
    }

    /// The key's text form, `<name>+<hex key ID>+base64(0x01 ‖ public key)`, with the key ID in lowercase hex.
    public var vkey: String {
        "\(name)+\(NoteText.hex(keyID))+\(NoteBase64.encode([Self.ed25519SignatureType] + publicKeyBytes))"
    }

    /// The vkey: a public key is safe to show.
    public var description: String { vkey }

    /// Derives a C2SP key ID: the first four bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ type byte ‖ key).
    ///
    /// - Parameters:
    ///   - name: The key name.
    ///   - typedKey: The signature type byte followed by the public key material.
    /// - Returns: The key ID.
    public static func keyID(name: String, typedKey: [UInt8]) -> UInt32 {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8) + [NoteText.newline] + typedKey)
        return hasher.finalize().prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// Whether `signature` is this key's Ed25519 signature of the note text `text`.
    ///
    /// - Parameters:
    ///   - signature: The signature bytes, without the key ID.
    ///   - text: The note text, including its final newline.
    /// - Returns: `true` when the signature verifies.
    public func isValidSignature(_ signature: [UInt8], for text: String) -> Bool {
        isValidSignature(signature, for: Array(text.utf8))
    }

    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKeyBytes)
        else { return false }
        return key.isValidSignature(signature, for: message)
    }

    /// Compares names byte for byte rather than by `String`'s canonical equivalence.
    public static func == (lhs: NoteVerifier, rhs: NoteVerifier) -> Bool {
        lhs.name.utf8.elementsEqual(rhs.name.utf8) && lhs.keyID == rhs.keyID && lhs.publicKeyBytes == rhs.publicKeyBytes
    }

    /// Hashes the name's UTF-8 bytes, consistent with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(name.utf8))
        hasher.combine(keyID)
        hasher.combine(publicKeyBytes)
    }

    /// Eight hex digits of either case, as Go's `strconv.ParseUint(s, 16, 32)` with a length check accepts.
    static func parseKeyID(_ digits: some Collection<UInt8>) -> UInt32? {
        guard digits.count == 8 else { return nil }
        var value: UInt32 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(nibble)
        }
        return value
    }
}
