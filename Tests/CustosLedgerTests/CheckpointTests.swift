import Crypto
import CustosLedger
import CustosTestSupport
import Foundation
import Testing

/// `checkpoint_vectors.json`: C2SP tlog-checkpoint, tlog-cosignature and tlog-proof examples and derived vectors.
struct CheckpointVectors: Decodable {
    struct UpstreamExample: Decodable {
        var desc: String
        var message: String?
        var origin: String?
        var tree_size: UInt64?
        var root_hash_b64: String?
        var cosigned_message: String?
        var witness_line: String?
        var text: String?
        var leaf_input_ascii: String?
        var leaf_hash_hex: String?
    }

    struct DerivedCheckpoint: Decodable {
        var origin: String
        var tree_size: UInt64
        var root_hex: String
        var signer_seed_hex: String
        var public_key_hex: String
        var key_id: String
        var vkey: String
        var note_text: String
        var signed_note: String
    }

    struct DerivedCosignature: Decodable {
        var witness_name: String
        var witness_seed_hex: String
        var witness_public_key_hex: String
        var key_id: String
        var vkey: String
        var timestamp: UInt64
        var signed_message: String
        var signature_line: String
    }

    struct DerivedProof: Decodable {
        var leaf_index: UInt64
        var leaf_input_hex: String
        var leaf_hash_hex: String
        var text: String
    }

    var upstream_examples: [UpstreamExample]
    var derived_checkpoint: DerivedCheckpoint
    var derived_cosignature: DerivedCosignature
    var derived_tlog_proof: DerivedProof

    static func load() throws -> CheckpointVectors {
        try JSONDecoder().decode(
            CheckpointVectors.self, from: Data(contentsOf: Fixtures.url("checkpoint_vectors.json")))
    }
}

@Suite struct CheckpointTests {
    let vectors: CheckpointVectors

    init() throws {
        vectors = try CheckpointVectors.load()
    }

    var derivedSigner: NoteSigner {
        get throws {
            let derived = vectors.derived_checkpoint
            return try NoteSigner(
                name: derived.origin,
                privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: bytes(derived.signer_seed_hex)))
        }
    }

    @Test func parsesTheUpstreamCheckpointExamples() throws {
        let sofa = try #require(vectors.upstream_examples.first { $0.message != nil })
        let note = try SignedNote(parsing: try #require(sofa.message))
        #expect(note.formatted == sofa.message)
        let checkpoint = try Checkpoint(parsing: note.text)
        #expect(checkpoint.origin == sofa.origin)
        #expect(checkpoint.size == sofa.tree_size)
        #expect(checkpoint.rootHash.count == 32)
        #expect(checkpoint.body == note.text)
        #expect(Data(checkpoint.rootHash).base64EncodedString() == sofa.root_hash_b64)
        // Its key is not published: a key with the right name but another public key must not pass.
        let stranger = try NoteSigner.generate(name: try #require(sofa.origin))
        #expect(
            ledgerErrorCode { _ = try SignedCheckpoint(note: note, verifiers: [stranger.verifier]) } == .badSignature)

        let goTree = try #require(vectors.upstream_examples.first { $0.text != nil })
        let tree = try Checkpoint(parsing: try #require(goTree.text))
        #expect(tree.origin == "go.sum database tree")
        #expect(tree.size == 123_456_789_012)
        #expect(tree.rootHash == RFC6962.leafHash(Array(try #require(goTree.leaf_input_ascii).utf8)))
        #expect(tree.rootHash == bytes(try #require(goTree.leaf_hash_hex)))
        #expect(tree.body == goTree.text)
    }

    @Test func signingTheDerivedCheckpointReproducesItByteForByte() throws {
        let derived = vectors.derived_checkpoint
        let signer = try derivedSigner
        #expect(signer.verifier.vkey == derived.vkey)
        #expect(
            NoteVerifier.keyID(name: derived.origin, typedKey: [0x01] + bytes(derived.public_key_hex))
                == UInt32(derived.key_id, radix: 16))
        let checkpoint = try Checkpoint(
            origin: derived.origin, size: derived.tree_size, rootHash: bytes(derived.root_hex))
        #expect(checkpoint.body == derived.note_text)
        let signed = try SignedCheckpoint.sign(checkpoint, with: signer)
        #if os(Linux)
        // BoringSSL signs Ed25519 deterministically; CryptoKit on Darwin randomizes.
        #expect(signed.formatted == derived.signed_note)
        #endif
        let verifier = try NoteVerifier(vkey: derived.vkey)
        let parsed = try SignedCheckpoint(parsing: derived.signed_note, verifiers: [verifier])
        #expect(parsed.checkpoint == checkpoint)
        #expect(parsed.formatted == derived.signed_note)
        #expect(try SignedCheckpoint(parsing: signed.formatted, verifiers: [verifier]).checkpoint == checkpoint)
    }

    @Test func rejectsACheckpointSignedByAKeyNotNamedForItsOrigin() throws {
        let derived = vectors.derived_checkpoint
        let other = try NoteSigner.generate(name: "example.com/other-log")
        let checkpoint = try Checkpoint(parsing: derived.note_text)
        #expect(ledgerErrorCode { _ = try SignedCheckpoint.sign(checkpoint, with: other) } == .malformed)
        let note = try SignedNote.signing(derived.note_text, with: [other])
        #expect(ledgerErrorCode { _ = try SignedCheckpoint(note: note, verifiers: [other.verifier]) } == .badSignature)
    }

    @Test func verifiesTheWitnessCosignature() throws {
        let cosignature = vectors.derived_cosignature
        // The witness key is type 0x04 (tlog-cosignature): not a note key, so the note verifier refuses it.
        #expect(ledgerErrorCode { _ = try NoteVerifier(vkey: cosignature.vkey) } == .malformed)
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: bytes(cosignature.witness_seed_hex))
        #expect(Array(key.publicKey.rawRepresentation) == bytes(cosignature.witness_public_key_hex))
        let typedKey = Array(try #require(Data(base64Encoded: String(cosignature.vkey.split(separator: "+")[2]))))
        #expect(typedKey == [0x04] + bytes(cosignature.witness_public_key_hex))
        #expect(
            NoteVerifier.keyID(name: cosignature.witness_name, typedKey: typedKey)
                == UInt32(cosignature.key_id, radix: 16))
        #expect(
            cosignature.signed_message
                == "cosignature/v1\ntime \(cosignature.timestamp)\n" + vectors.derived_checkpoint.note_text)

        // The line parses as a note signature: key ID, then uint64 timestamp and the Ed25519 signature.
        let note = try SignedNote(parsing: vectors.derived_checkpoint.note_text + "\n" + cosignature.signature_line)
        let line = try #require(note.signatures.first)
        #expect(line.name == cosignature.witness_name)
        #expect(line.keyID == UInt32(cosignature.key_id, radix: 16))
        #expect(line.signature.count == 8 + 64)
        let timestamp = line.signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(timestamp == cosignature.timestamp)
        let signature = Array(line.signature.dropFirst(8))
        let message = Array(cosignature.signed_message.utf8)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: Array(note.text.utf8)))
        #expect(line.line == cosignature.signature_line)
        // A cosignature alone is no log signature.
        let log = try NoteVerifier(vkey: vectors.derived_checkpoint.vkey)
        #expect(ledgerErrorCode { _ = try note.verified(by: [log]) } == .badSignature)
    }

    @Test func parsesFormatsAndVerifiesTheTlogProof() throws {
        let vector = vectors.derived_tlog_proof
        let proof = try TlogProof(parsing: vector.text)
        #expect(proof.leafIndex == vector.leaf_index)
        #expect(proof.extraData == nil)
        #expect(proof.proof.count == 3)
        #expect(proof.checkpoint.signatures.count == 2, "the log signature and the witness cosignature")
        #expect(proof.formatted == vector.text)
        #expect(RFC6962.leafHash(bytes(vector.leaf_input_hex)) == bytes(vector.leaf_hash_hex))
        let verifier = try NoteVerifier(vkey: vectors.derived_checkpoint.vkey)
        let checkpoint = try proof.verify(leafHash: bytes(vector.leaf_hash_hex), verifiers: [verifier])
        #expect(checkpoint.size == 8)
        #expect(checkpoint.rootHash == bytes(vectors.derived_checkpoint.root_hex))

        #expect(
            ledgerErrorCode { _ = try proof.verify(leafHash: RFC6962.leafHash([0x40]), verifiers: [verifier]) }
                == .invalidProof)
        let otherKey = try NoteSigner.generate(name: vectors.derived_checkpoint.origin)
        #expect(
            ledgerErrorCode {
                _ = try proof.verify(leafHash: bytes(vector.leaf_hash_hex), verifiers: [otherKey.verifier])
            }
                == .badSignature)
        let moved = try TlogProof(leafIndex: 4, proof: proof.proof, checkpoint: proof.checkpoint)
        #expect(
            ledgerErrorCode { _ = try moved.verify(leafHash: bytes(vector.leaf_hash_hex), verifiers: [verifier]) }
                == .invalidProof)
    }

    @Test func roundTripsExtraDataAndAnEmptyProof() throws {
        let signer = try derivedSigner
        let leaf = RFC6962.leafHash(Array("only entry".utf8))
        let checkpoint = try Checkpoint(origin: signer.name, size: 1, rootHash: leaf)
        let signed = try SignedCheckpoint.sign(checkpoint, with: signer)
        let proof = try TlogProof(leafIndex: 0, proof: [], checkpoint: signed.note, extraData: Array("ctx".utf8))
        #expect(proof.formatted.hasPrefix("c2sp.org/tlog-proof@v1\nextra Y3R4\nindex 0\n\n"))
        let parsed = try TlogProof(parsing: proof.formatted)
        #expect(parsed == proof)
        #expect(try parsed.verify(leafHash: leaf, verifiers: [signer.verifier]) == checkpoint)
    }

    @Test(arguments: [
        ("another header", "c2sp.org/tlog-proof@v2\nindex 5\n"),
        ("no index line", "c2sp.org/tlog-proof@v1\nvBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\n"),
        ("a leading zero", "c2sp.org/tlog-proof@v1\nindex 05\n"),
        ("a signed index", "c2sp.org/tlog-proof@v1\nindex +5\n"),
        ("an index past UInt64", "c2sp.org/tlog-proof@v1\nindex 18446744073709551616\n"),
        ("bad extra data", "c2sp.org/tlog-proof@v1\nextra !!!!\nindex 5\n"),
        ("a short hash", "c2sp.org/tlog-proof@v1\nindex 5\nvBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZng==\n"),
    ])
    func rejectsMalformedProofHeads(_ problem: String, _ head: String) throws {
        let rest = try #require(vectors.derived_tlog_proof.text.split(separator: "\n\n", maxSplits: 1).last)
        #expect(ledgerErrorCode { _ = try TlogProof(parsing: head + "\n" + rest) } == .malformed, "\(problem)")
    }

    @Test func rejectsProofsThatEndEarly() {
        let text = vectors.derived_tlog_proof.text
        for cut in [0, 10, 30, 80] {
            let prefix = String(text.utf8.prefix(cut)) ?? ""
            #expect(ledgerErrorCode { _ = try TlogProof(parsing: prefix) } == .malformed, "cut at \(cut)")
        }
    }

    @Test(arguments: [
        ("no final newline", "origin\n1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="),
        ("two lines", "origin\n1\n"),
        ("an empty origin", "\n1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"),
        ("a leading zero", "origin\n01\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"),
        ("a sign", "origin\n+1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"),
        ("an empty size", "origin\n\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"),
        ("a size past UInt64", "origin\n18446744073709551616\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"),
        ("a 31-byte root", "origin\n1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQw==\n"),
        ("a root without padding", "origin\n1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg\n"),
        ("a root in hex", "origin\n1\n5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n"),
        ("an empty extension line", "origin\n1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n"),
        ("a control character", "ori\u{7}gin\n1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"),
    ])
    func rejectsMalformedCheckpointBodies(_ problem: String, _ body: String) {
        #expect(ledgerErrorCode { _ = try Checkpoint(parsing: body) } == .malformed, "\(problem)")
    }

    @Test func keepsExtensionLinesAndAcceptsTheLargestSize() throws {
        let body = "origin\n18446744073709551615\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\nextra one\nextra two\n"
        let checkpoint = try Checkpoint(parsing: body)
        #expect(checkpoint.size == UInt64.max)
        #expect(checkpoint.extensionLines == ["extra one", "extra two"])
        #expect(checkpoint.body == body)
        #expect(try Checkpoint(parsing: "origin\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n").size == 0)
        #expect(ledgerErrorCode { _ = try Checkpoint(origin: "", size: 0, rootHash: RFC6962.emptyRoot) } == .malformed)
        #expect(
            ledgerErrorCode { _ = try Checkpoint(origin: "a\nb", size: 0, rootHash: RFC6962.emptyRoot) } == .malformed)
        #expect(ledgerErrorCode { _ = try Checkpoint(origin: "o", size: 0, rootHash: [1, 2, 3]) } == .malformed)
        #expect(
            ledgerErrorCode {
                _ = try Checkpoint(origin: "o", size: 0, rootHash: RFC6962.emptyRoot, extensionLines: [""])
            } == .malformed)
    }

    @Test func roundTripsAGeneratedKeyAndRejectsEveryTampering() throws {
        let signer = try NoteSigner.generate(name: "example.com/round-trip")
        let reloaded = try NoteSigner(skey: signer.skey)
        #expect(reloaded.verifier == signer.verifier)
        let verifier = try NoteVerifier(vkey: signer.verifier.vkey)
        let root = RFC6962.nodeHash(RFC6962.leafHash([1]), RFC6962.leafHash([2]))
        let checkpoint = try Checkpoint(origin: signer.name, size: 2, rootHash: root)
        let signed = try SignedCheckpoint.sign(checkpoint, with: reloaded)
        let parsed = try SignedCheckpoint(parsing: signed.formatted, verifiers: [verifier])
        #expect(parsed == signed)
        #expect(parsed.checkpoint == checkpoint)

        let text = signed.formatted
        var otherRoot = root
        otherRoot[0] ^= 0x01
        let tampered = [
            ("size", text.replacingOccurrences(of: "\n2\n", with: "\n3\n")),
            (
                "root",
                text.replacingOccurrences(
                    of: Data(root).base64EncodedString(), with: Data(otherRoot).base64EncodedString())
            ),
            ("origin", text.replacingOccurrences(of: "example.com/round-trip\n2", with: "example.com/round-trjp\n2")),
            ("body", text.replacingOccurrences(of: "\n\n", with: "\nextension\n\n")),
        ]
        for (what, forged) in tampered {
            #expect(forged != text, "\(what) was not changed")
            #expect(
                ledgerErrorCode { _ = try SignedCheckpoint(parsing: forged, verifiers: [verifier]) } == .badSignature,
                "tampered \(what)")
        }
        let stranger = try NoteSigner.generate(name: signer.name)
        #expect(
            ledgerErrorCode { _ = try SignedCheckpoint(parsing: text, verifiers: [stranger.verifier]) } == .badSignature
        )
    }
}
