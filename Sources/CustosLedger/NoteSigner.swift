import Crypto
import Foundation

/// An Ed25519 note signing key with its name, as C2SP signed-note and Go's `golang.org/x/mod/sumdb/note` use.
///
/// The text form, an *skey*, is `PRIVATE+KEY+<name>+<hex key ID>+base64(0x01 ‖ seed)`. The type keeps only the
/// 32-byte seed; `description` shows the public vkey, never the seed.
public struct NoteSigner: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let seed: [UInt8]
    /// The matching verifier: name, key ID and public key.
    public let verifier: NoteVerifier

    /// Parses a signer key, `PRIVATE+KEY+<name>+<hex key ID>+<base64 key>`.
    ///
    /// Only the first four `+` separate fields: base64 may itself contain `+`. The key ID is checked against the
    /// public key derived from the seed, as Go's `note.NewSigner` does.
    ///
    /// - Parameter skey: The signer key.
    /// - Throws: `LedgerError.malformed` naming the problem (never the key material).
    public init(skey: String) throws(LedgerError) {
        let fields = skey.utf8.split(separator: UInt8(ascii: "+"), maxSplits: 4, omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].elementsEqual("PRIVATE".utf8), fields[1].elementsEqual("KEY".utf8) else {
            throw LedgerError(.malformed, "a signer key has the form PRIVATE+KEY+<name>+<key ID>+<key>")
        }
        let name = String(decoding: fields[2], as: UTF8.self)
        guard let keyID = NoteVerifier.parseKeyID(fields[3]) else {
            throw LedgerError(.malformed, "the key ID of signer key \(name) is not eight hex digits")
        }
        guard let key = NoteBase64.decode(fields[4]), !key.isEmpty else {
            throw LedgerError(.malformed, "the key of signer key \(name) is not canonical base64")
        }
        guard key[0] == NoteVerifier.ed25519SignatureType else {
            throw LedgerError(.malformed, "signer key \(name) has the unsupported signature type \(key[0])")
        }
        guard key.count == 33, let privateKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: key.dropFirst())
        else {
            throw LedgerError(.malformed, "the key of signer key \(name) is not a 32-byte Ed25519 seed")
        }
        try self.init(name: name, privateKey: privateKey)
        guard verifier.keyID == keyID else {
            throw LedgerError(
                .malformed, "the key ID \(NoteText.hex(keyID)) of signer key \(name) does not match its key")
        }
    }

    /// Creates a signer from an Ed25519 private key.
    ///
    /// - Parameters:
    ///   - name: The key name; non-empty, without Unicode spaces, `+` or control characters.
    ///   - privateKey: The Ed25519 private key.
    /// - Throws: `LedgerError.malformed` when the name is not a valid key name.
    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) throws(LedgerError) {
        verifier = try NoteVerifier(name: name, publicKey: privateKey.publicKey)
        seed = Array(privateKey.rawRepresentation)
    }

    /// Creates a signer with a fresh random key.
    ///
    /// - Parameter name: The key name; non-empty, without Unicode spaces, `+` or control characters.
    /// - Returns: The new signer.
    /// - Throws: `LedgerError.malformed` when the name is not a valid key name.
    public static func generate(name: String) throws(LedgerError) -> NoteSigner {
        try NoteSigner(name: name, privateKey: Curve25519.Signing.PrivateKey())
    }

    /// The key name.
    public var name: String { verifier.name }

    /// The signer key's text form, `PRIVATE+KEY+<name>+<hex key ID>+base64(0x01 ‖ seed)`: a secret.
    public var skey: String {
        "PRIVATE+KEY+\(name)+\(NoteText.hex(verifier.keyID))+"
            + NoteBase64.encode([NoteVerifier.ed25519SignatureType] + seed)
    }

    /// The public vkey, so that printing a signer never leaks its seed.
    public var description: String { "NoteSigner(\(verifier.vkey))" }

    /// The public vkey, as `description`.
    public var debugDescription: String { description }

    /// Signs a note text.
    ///
    /// - Parameter text: The note text; it must end in a newline and hold no control characters other than
    ///   newline.
    /// - Returns: The signature line's contents.
    /// - Throws: `LedgerError.malformed` when the text is not a valid note text; `LedgerError.badSignature` when
    ///   the Ed25519 implementation fails.
    public func signature(for text: String) throws(LedgerError) -> NoteSignature {
        let message = Array(text.utf8)
        try NoteText.validate(message, what: "the note text")
        let signature: Data
        do {
            signature = try Curve25519.Signing.PrivateKey(rawRepresentation: seed).signature(for: message)
        } catch {
            throw LedgerError(.badSignature, "Ed25519 signing with key \(verifier.vkey) failed")
        }
        return try NoteSignature(name: name, keyID: verifier.keyID, signature: Array(signature))
    }
}
