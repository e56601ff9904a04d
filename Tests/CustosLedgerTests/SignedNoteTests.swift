import Crypto
import CustosLedger
import CustosTestSupport
import Foundation
import Testing

/// `signed_note_vectors.json`: Go `sumdb/note` and C2SP signed-note keys and notes.
struct SignedNoteVectors: Decodable {
    struct Key: Decodable {
        var name: String
        var key_id: String
        var vkey: String
        var skey: String?
        var seed_hex: String?
        var public_key_hex: String
    }

    struct ValidNote: Decodable {
        var desc: String
        var text: String
        var message: String
        var verify_with: [String]
    }

    struct InvalidNote: Decodable {
        var desc: String
        var message: String?
        var message_hex: String?
        var construct: String?
        var verify_with: [String]?
        var error: String
    }

    struct InvalidVerifierKey: Decodable {
        var vkey: String
        var why: String
    }

    var keys: [Key]
    var valid_notes: [ValidNote]
    var invalid_notes_go: [InvalidNote]
    var invalid_vkeys_go: [InvalidVerifierKey]

    static func load() throws -> SignedNoteVectors {
        try JSONDecoder().decode(
            SignedNoteVectors.self, from: Data(contentsOf: Fixtures.url("signed_note_vectors.json")))
    }

    func key(_ name: String) throws -> Key {
        try #require(keys.first { $0.name == name })
    }
}

/// Parses verifier keys.
func noteVerifiers(_ vkeys: [String]) throws -> [NoteVerifier] {
    var verifiers: [NoteVerifier] = []
    for vkey in vkeys { verifiers.append(try NoteVerifier(vkey: vkey)) }
    return verifiers
}

/// The code of the `LedgerError` that `body` throws, or `nil` when it throws nothing or another error.
func ledgerErrorCode(_ body: () throws -> Void) -> LedgerError.Code? {
    do {
        try body()
        return nil
    } catch {
        return (error as? LedgerError)?.code
    }
}

@Suite struct SignedNoteTests {
    let vectors: SignedNoteVectors

    init() throws {
        vectors = try SignedNoteVectors.load()
    }

    @Test func parsesEveryVerifierKeyAndRederivesItsKeyID() throws {
        #expect(vectors.keys.count == 3)
        for key in vectors.keys {
            let verifier = try NoteVerifier(vkey: key.vkey)
            #expect(verifier.name == key.name)
            #expect(verifier.keyID == UInt32(key.key_id, radix: 16))
            #expect(verifier.publicKeyBytes == bytes(key.public_key_hex))
            #expect(verifier.vkey == key.vkey)
            let derived = NoteVerifier.keyID(name: key.name, typedKey: [0x01] + bytes(key.public_key_hex))
            #expect(derived == verifier.keyID, "\(key.name)")
            let rebuilt = try NoteVerifier(
                name: key.name,
                publicKey: try Curve25519.Signing.PublicKey(rawRepresentation: bytes(key.public_key_hex)))
            #expect(rebuilt == verifier)
        }
    }

    @Test func parsesSignerKeysWhoseBase64HoldsAPlus() throws {
        let peter = try vectors.key("PeterNeumann")
        let skey = try #require(peter.skey)
        #expect(skey.split(separator: "+").count > 5, "the vector must put a '+' inside the base64")
        let signer = try NoteSigner(skey: skey)
        #expect(signer.name == "PeterNeumann")
        #expect(signer.verifier.vkey == peter.vkey)
        #expect(signer.skey == skey)
        #expect(!signer.description.contains(skey.split(separator: "+").last.map(String.init) ?? skey))
        for key in vectors.keys {
            guard let skey = key.skey, let seed = key.seed_hex else { continue }
            let fromSeed = try NoteSigner(
                name: key.name, privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: bytes(seed)))
            #expect(fromSeed.skey == skey)
            #expect(fromSeed.verifier.vkey == key.vkey)
        }
    }

    @Test func rejectsGosBadVerifierKeys() {
        #expect(vectors.invalid_vkeys_go.count == 2)
        for bad in vectors.invalid_vkeys_go {
            #expect(ledgerErrorCode { _ = try NoteVerifier(vkey: bad.vkey) } == .malformed, "\(bad.why)")
        }
    }

    @Test(arguments: [
        "PeterNeumann+c74f20a3",
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20ag+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX",
        "PeterNeumann+c74f20a3+",
    ])
    func rejectsHandWrittenBadVerifierKeys(_ vkey: String) {
        #expect(ledgerErrorCode { _ = try NoteVerifier(vkey: vkey) } == .malformed)
    }

    @Test func rejectsBadSignerKeys() throws {
        let skey = try #require(try vectors.key("PeterNeumann").skey)
        for bad in [
            skey.replacingOccurrences(of: "c74f20a3", with: "c74f20a4"),
            skey.replacingOccurrences(of: "PRIVATE+KEY", with: "PRIVATE+KEX"),
            skey.replacingOccurrences(of: "+AYEK", with: "+AoEK"),
            String(skey.dropLast(4)),
            "PRIVATE+KEY+PeterNeumann+c74f20a3",
        ] {
            #expect(ledgerErrorCode { _ = try NoteSigner(skey: bad) } == .malformed, "\(bad)")
        }
    }

    @Test func verifiesEveryValidNoteWithItsKeys() throws {
        #expect(vectors.valid_notes.count == 3)
        for vector in vectors.valid_notes {
            let note = try SignedNote(parsing: vector.message)
            #expect(note.text == vector.text, "\(vector.desc)")
            #expect(note.formatted == vector.message, "\(vector.desc)")
            let verifiers = try noteVerifiers(vector.verify_with)
            #expect(try note.verified(by: verifiers) == verifiers, "\(vector.desc)")
            // Any single one of the keys is enough; the other signatures are then unknown and ignored.
            for verifier in verifiers {
                #expect(try note.verified(by: [verifier]) == [verifier], "\(vector.desc)")
            }
        }
    }

    @Test func rejectsEveryMustRejectNote() throws {
        #expect(vectors.invalid_notes_go.count == 10)
        let peter = try NoteVerifier(vkey: try vectors.key("PeterNeumann").vkey)
        let enoch = try NoteVerifier(vkey: try vectors.key("EnochRoot").vkey)
        let valid = try #require(vectors.valid_notes.first)
        for vector in vectors.invalid_notes_go {
            let message: [UInt8]
            if let text = vector.message {
                message = Array(text.utf8)
            } else if let hex = vector.message_hex {
                message = bytes(hex)
            } else {
                #expect(vector.construct == "text + '\\n' + 101 * peter_line")
                let peterLine = try #require(valid.message.split(separator: "\n").last)
                message = Array((valid.text + "\n" + String(repeating: peterLine + "\n", count: 101)).utf8)
            }
            let verifiers = try vector.verify_with.map(noteVerifiers) ?? [peter, enoch]
            let code = ledgerErrorCode {
                _ = try SignedNote(parsing: message).verified(by: verifiers)
            }
            let expected: LedgerError.Code = vector.error == "malformed note" ? .malformed : .badSignature
            #expect(code == expected, "\(vector.desc)")
        }
    }

    @Test func namesTheLineThatIsWrong() throws {
        let valid = try #require(vectors.valid_notes.first)
        let trailing = valid.message + "Unexpected line.\n"
        do {
            _ = try SignedNote(parsing: trailing)
            Issue.record("a trailing non-signature line was accepted")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.message.contains("line 5"), "\(error.message)")
        }
        let corrupted = try #require(vectors.invalid_notes_go.first { $0.error.hasPrefix("invalid signature") })
        let note = try SignedNote(parsing: try #require(corrupted.message))
        let peter = try NoteVerifier(vkey: try vectors.key("PeterNeumann").vkey)
        do {
            _ = try note.verified(by: [peter])
            Issue.record("a corrupted signature verified")
        } catch {
            #expect(error.code == .badSignature)
            #expect(error.message.contains("PeterNeumann+c74f20a3"), "\(error.message)")
            #expect(error.message.contains("line 4"), "\(error.message)")
        }
    }

    @Test(arguments: [
        ("a name with a space, newline-terminated", "— Bad Name AAAAAAE=\n"),
        ("a name with a no-break space", "— Bad\u{00A0}Name AAAAAAE=\n"),
        ("a name with a plus", "— Bad+Name AAAAAAE=\n"),
        ("an empty name", "—  AAAAAAE=\n"),
        ("no signature after the name", "— Name\n"),
        ("a key ID but no signature byte", "— Name AAAAAA==\n"),
        ("base64 without padding", "— Name AAAAAAE\n"),
        ("base64 with non-zero unused bits", "— Name AAAAAAF=\n"),
        ("base64 with a space inside", "— Name AAAA AAE=\n"),
        ("a hyphen instead of an em dash", "- Name AAAAAAE=\n"),
        ("an em dash without a space", "—Name AAAAAAE=\n"),
        ("a tab in the text", "\t\n\n— Name AAAAAAE=\n"),
        ("a carriage return", "text\r\n\n— Name AAAAAAE=\n"),
        ("DEL-free but a NUL", "te\u{0}xt\n\n— Name AAAAAAE=\n"),
    ])
    func rejectsMalformedSignatureBlocks(_ problem: String, _ tail: String) {
        let message = tail.hasPrefix("—") || tail.hasPrefix("-") ? "text\n\n" + tail : tail
        #expect(ledgerErrorCode { _ = try SignedNote(parsing: message) } == .malformed, "\(problem)")
    }

    @Test func acceptsBlankLinesInsideTheTextAndSplitsAtTheLastOne() throws {
        let signer = try NoteSigner(skey: try #require(try vectors.key("EnochRoot").skey))
        let note = try SignedNote.signing("Ognuno sta solo\n\ned è subito sera.\n", with: [signer])
        let parsed = try SignedNote(parsing: note.formatted)
        #expect(parsed == note)
        #expect(parsed.text == "Ognuno sta solo\n\ned è subito sera.\n")
        #expect(try parsed.verified(by: [signer.verifier]) == [signer.verifier])
    }

    @Test func acceptsAHundredSignaturesButNotOneMore() throws {
        let valid = try #require(vectors.valid_notes.first)
        let peterLine = String(try #require(valid.message.split(separator: "\n").last)) + "\n"
        let hundred = valid.text + "\n" + String(repeating: peterLine, count: 100)
        let note = try SignedNote(parsing: hundred)
        #expect(note.signatures.count == 100)
        #expect(note.formatted == hundred)
        #expect(ledgerErrorCode { _ = try SignedNote(parsing: hundred + peterLine) } == .malformed)
    }

    @Test func reSigningGosNoteIsByteIdentical() throws {
        let peter = try NoteSigner(skey: try #require(try vectors.key("PeterNeumann").skey))
        let enoch = try NoteSigner(skey: try #require(try vectors.key("EnochRoot").skey))
        let both = try #require(vectors.valid_notes.first { $0.verify_with.count == 2 })
        let signed = try SignedNote.signing(both.text, with: [peter, enoch])
        #expect(try signed.verified(by: [peter.verifier, enoch.verifier]) == [peter.verifier, enoch.verifier])
        #if os(Linux)
        // BoringSSL signs Ed25519 deterministically (RFC 8032); CryptoKit on Darwin randomizes.
        #expect(signed.formatted == both.message)
        #endif
    }

    @Test func rejectsAKnownKeysBadSignatureEvenBesideAGoodOne() throws {
        let peter = try NoteSigner(skey: try #require(try vectors.key("PeterNeumann").skey))
        let good = try SignedNote.signing("hello\n", with: [peter])
        var flipped = try #require(good.signatures.first).signature
        flipped[10] ^= 0x01
        let bad = try NoteSignature(name: peter.name, keyID: peter.verifier.keyID, signature: flipped)
        let note = try SignedNote(text: good.text, signatures: good.signatures + [bad])
        #expect(ledgerErrorCode { _ = try note.verified(by: [peter.verifier]) } == .badSignature)
    }

    @Test func ignoresSignaturesThatShareOnlyTheNameOrOnlyTheKeyID() throws {
        let peter = try NoteSigner(skey: try #require(try vectors.key("PeterNeumann").skey))
        let impostor = try NoteSigner.generate(name: "PeterNeumann")
        let note = try SignedNote.signing("hello\n", with: [impostor, peter])
        #expect(try note.verified(by: [peter.verifier]) == [peter.verifier])
        let renamed = try NoteSignature(
            name: "Peter", keyID: peter.verifier.keyID, signature: try #require(note.signatures.last).signature)
        #expect(
            ledgerErrorCode {
                _ = try SignedNote(text: "hello\n", signatures: [renamed]).verified(by: [peter.verifier])
            }
                == .badSignature)
    }

    @Test func refusesToSignTextsThatCannotBeNotes() throws {
        let signer = try NoteSigner.generate(name: "example.com/test")
        for text in ["", "no newline", "tab\there\n"] {
            #expect(ledgerErrorCode { _ = try signer.signature(for: text) } == .malformed, "\(text)")
        }
        for name in ["", "two words", "a+b", "tab\tname"] {
            #expect(ledgerErrorCode { _ = try NoteSigner.generate(name: name) } == .malformed, "\(name)")
        }
    }

    @Test func formatsSignatureLinesWithAnEmDash() throws {
        let signature = try NoteSignature(name: "n", keyID: 0x0102_0304, signature: [0xFF])
        #expect(signature.line == "\u{2014} n AQIDBP8=\n")
        #expect(Array(signature.line.utf8.prefix(4)) == [0xE2, 0x80, 0x94, 0x20])
    }
}
