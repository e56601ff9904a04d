import Crypto
import CustosLedger
import CustosTestSupport
import Foundation
import Testing

/// `ed25519_rfc8032_vectors.json`: RFC 8032 §7.1, Ed25519 (pure).
struct Ed25519Vectors: Decodable {
    struct Vector: Decodable {
        var name: String
        var secret_key_seed: String
        var public_key: String
        var message: String
        var message_len: Int
        var signature: String
    }

    var vectors: [Vector]

    static func load() throws -> [Vector] {
        try JSONDecoder().decode(
            Ed25519Vectors.self, from: Data(contentsOf: Fixtures.url("ed25519_rfc8032_vectors.json"))
        ).vectors
    }
}

/// The Ed25519 under the note keys, checked against RFC 8032 through the note types themselves.
@Suite struct Ed25519VectorTests {
    let vectors: [Ed25519Vectors.Vector]

    init() throws {
        vectors = try Ed25519Vectors.load()
    }

    @Test func derivesEveryRFC8032PublicKeyFromItsSeed() throws {
        #expect(vectors.count == 5)
        for vector in vectors {
            #expect(bytes(vector.message).count == vector.message_len, "\(vector.name)")
            let key = try Curve25519.Signing.PrivateKey(rawRepresentation: bytes(vector.secret_key_seed))
            let signer = try NoteSigner(name: "rfc8032", privateKey: key)
            #expect(signer.verifier.publicKeyBytes == bytes(vector.public_key), "\(vector.name)")
        }
    }

    @Test func signsEveryRFC8032VectorExactly() throws {
        for vector in vectors {
            let key = try Curve25519.Signing.PrivateKey(rawRepresentation: bytes(vector.secret_key_seed))
            let signature = Array(try key.signature(for: bytes(vector.message)))
            #expect(key.publicKey.isValidSignature(signature, for: bytes(vector.message)), "\(vector.name)")
            #if os(Linux)
            // BoringSSL follows RFC 8032's deterministic nonce; CryptoKit on Darwin randomizes it.
            #expect(signature == bytes(vector.signature), "\(vector.name)")
            #endif
        }
    }

    @Test func verifiesEveryRFC8032Signature() throws {
        for vector in vectors {
            let key = try Curve25519.Signing.PublicKey(rawRepresentation: bytes(vector.public_key))
            let verifier = try NoteVerifier(name: "rfc8032", publicKey: key)
            #expect(key.isValidSignature(bytes(vector.signature), for: bytes(vector.message)), "\(vector.name)")
            // The note verifier checks the same bytes when the message is valid UTF-8 text.
            if let text = String(validating: bytes(vector.message), as: UTF8.self) {
                #expect(verifier.isValidSignature(bytes(vector.signature), for: text), "\(vector.name)")
            }
        }
    }

    @Test func rejectsEveryRFC8032SignatureWithAFlippedBit() throws {
        for vector in vectors {
            let key = try Curve25519.Signing.PublicKey(rawRepresentation: bytes(vector.public_key))
            let signature = bytes(vector.signature)
            let message = bytes(vector.message)
            for bit in stride(from: 0, to: signature.count * 8, by: 37) {
                var flipped = signature
                flipped[bit / 8] ^= 1 << (bit % 8)
                #expect(!key.isValidSignature(flipped, for: message), "\(vector.name) signature bit \(bit)")
            }
            var longer = message
            longer.append(0)
            #expect(!key.isValidSignature(signature, for: longer), "\(vector.name) message extended")
            if !message.isEmpty {
                var flipped = message
                flipped[0] ^= 0x80
                #expect(!key.isValidSignature(signature, for: flipped), "\(vector.name) message bit")
            }
        }
    }

    @Test func noteVerifierRejectsSignaturesOfTheWrongLength() throws {
        let vector = try #require(vectors.first { $0.message.isEmpty })
        let verifier = try NoteVerifier(
            name: "rfc8032", publicKey: try Curve25519.Signing.PublicKey(rawRepresentation: bytes(vector.public_key)))
        #expect(verifier.isValidSignature(bytes(vector.signature), for: ""))
        #expect(!verifier.isValidSignature(bytes(vector.signature) + [0], for: ""))
        #expect(!verifier.isValidSignature(Array(bytes(vector.signature).dropLast()), for: ""))
    }
}
