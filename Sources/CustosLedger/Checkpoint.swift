/// The body of a C2SP tlog checkpoint (`c2sp.org/tlog-checkpoint`): the log's origin, its tree size and the
/// RFC 6962 root hash at that size, then optional extension lines.
///
/// ```
/// example.com/behind-the-sofa
/// 20852163
/// CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
/// ```
public struct Checkpoint: Sendable, Hashable {
    /// The unique identifier of the log, conventionally a schema-less URL; the log's key carries the same name.
    public let origin: String
    /// The number of leaves in the tree.
    public let size: UInt64
    /// The 32-byte Merkle tree hash of the first `size` leaves.
    public let rootHash: [UInt8]
    /// Opaque extension lines after the root hash, without their newlines; rarely used, never empty.
    public let extensionLines: [String]

    /// Creates a checkpoint body, checking each part as parsing would.
    ///
    /// - Parameters:
    ///   - origin: The log's origin; a non-empty line.
    ///   - size: The tree size.
    ///   - rootHash: The 32-byte root hash.
    ///   - extensionLines: Extension lines, each non-empty and without a newline.
    /// - Throws: `LedgerError.malformed` naming the problem.
    public init(origin: String, size: UInt64, rootHash: [UInt8], extensionLines: [String] = []) throws(LedgerError) {
        guard rootHash.count == RFC6962.hashSize else {
            throw LedgerError(.malformed, "a checkpoint root hash is \(RFC6962.hashSize) bytes, not \(rootHash.count)")
        }
        guard !origin.isEmpty, !origin.utf8.contains(NoteText.newline) else {
            throw LedgerError(.malformed, "a checkpoint origin must be one non-empty line")
        }
        for (offset, line) in extensionLines.enumerated() where line.isEmpty || line.utf8.contains(NoteText.newline) {
            throw LedgerError(.malformed, "checkpoint extension line \(offset + 1) must be one non-empty line")
        }
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensionLines = extensionLines
        try NoteText.validate(Array(body.utf8), what: "the checkpoint")
    }

    /// Parses a checkpoint body strictly: lines end in a newline; a non-empty origin; a decimal size without sign
    /// or leading zeros (except `0` itself); a canonical base64 root of 32 bytes; no empty extension line.
    ///
    /// - Parameter body: The note text of a checkpoint.
    /// - Throws: `LedgerError.malformed` naming the problem and its line.
    public init(parsing body: String) throws(LedgerError) {
        let bytes = Array(body.utf8)
        try NoteText.validate(bytes, what: "the checkpoint")
        let lines = bytes.split(separator: NoteText.newline, omittingEmptySubsequences: false).dropLast()
        guard lines.count >= 3 else {
            throw LedgerError(
                .malformed, "a checkpoint has origin, size and root hash lines; this one has \(lines.count) lines")
        }
        guard !lines[0].isEmpty else { throw LedgerError(.malformed, "the checkpoint origin on line 1 is empty") }
        guard let size = NoteText.parseDecimal(lines[1]) else {
            throw LedgerError(.malformed, "line 2 of the checkpoint is not a tree size in plain decimal")
        }
        guard let rootHash = NoteBase64.decode(lines[2]), rootHash.count == RFC6962.hashSize else {
            throw LedgerError(.malformed, "line 3 of the checkpoint is not a base64 32-byte root hash")
        }
        var extensionLines: [String] = []
        for (offset, line) in lines.dropFirst(3).enumerated() {
            guard !line.isEmpty else {
                throw LedgerError(.malformed, "the checkpoint extension line on line \(offset + 4) is empty")
            }
            extensionLines.append(String(decoding: line, as: UTF8.self))
        }
        self.origin = String(decoding: lines[0], as: UTF8.self)
        self.size = size
        self.rootHash = rootHash
        self.extensionLines = extensionLines
    }

    /// The checkpoint's note text: origin, size, base64 root hash and extension lines, each ending in a newline.
    public var body: String {
        ([origin, String(size), NoteBase64.encode(rootHash)] + extensionLines).map { $0 + "\n" }.joined()
    }

    /// Compares texts byte for byte rather than by `String`'s canonical equivalence.
    public static func == (lhs: Checkpoint, rhs: Checkpoint) -> Bool {
        lhs.body.utf8.elementsEqual(rhs.body.utf8)
    }

    /// Hashes the body's UTF-8 bytes, consistent with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(body.utf8))
    }
}

/// A checkpoint together with the signed note that carries it, checked against the log's key.
///
/// Other signature lines (witness cosignatures, keys being rotated in) are kept in ``note`` and ignored unless
/// their key is among the verifiers.
public struct SignedCheckpoint: Sendable, Hashable {
    /// The checkpoint the note's text holds.
    public let checkpoint: Checkpoint
    /// The signed note, with every signature line it came with.
    public let note: SignedNote

    /// Parses a signed checkpoint and verifies it.
    ///
    /// - Parameters:
    ///   - text: The signed note's text form.
    ///   - verifiers: Trusted keys; one of them, named like the checkpoint's origin, must have signed it.
    /// - Throws: `LedgerError.malformed` when the note or its checkpoint body is malformed;
    ///   `LedgerError.badSignature` as ``init(note:verifiers:)`` says.
    public init(parsing text: String, verifiers: [NoteVerifier]) throws(LedgerError) {
        try self.init(note: try SignedNote(parsing: text), verifiers: verifiers)
    }

    /// Reads the checkpoint in a signed note and verifies the note.
    ///
    /// - Parameters:
    ///   - note: The signed note.
    ///   - verifiers: Trusted keys; one of them, named like the checkpoint's origin, must have signed it.
    /// - Throws: `LedgerError.malformed` when the note's text is not a checkpoint; `LedgerError.badSignature`
    ///   when a trusted key's signature does not verify or no trusted key named for the origin signed.
    public init(note: SignedNote, verifiers: [NoteVerifier]) throws(LedgerError) {
        let checkpoint = try Checkpoint(parsing: note.text)
        let signers = try note.verified(by: verifiers)
        guard signers.contains(where: { $0.name.utf8.elementsEqual(checkpoint.origin.utf8) }) else {
            throw LedgerError(.badSignature, "no trusted key named \(checkpoint.origin) signed the checkpoint")
        }
        self.checkpoint = checkpoint
        self.note = note
    }

    /// Signs a checkpoint with the log's key.
    ///
    /// - Parameters:
    ///   - checkpoint: The checkpoint.
    ///   - signer: The log's key, whose name must be the checkpoint's origin.
    /// - Returns: The signed checkpoint.
    /// - Throws: `LedgerError.malformed` when the signer's name is not the origin.
    public static func sign(_ checkpoint: Checkpoint, with signer: NoteSigner) throws(LedgerError) -> SignedCheckpoint {
        guard signer.name.utf8.elementsEqual(checkpoint.origin.utf8) else {
            throw LedgerError(
                .malformed, "the key \(signer.name) cannot sign a checkpoint of origin \(checkpoint.origin)")
        }
        let note = try SignedNote.signing(checkpoint.body, with: [signer])
        return SignedCheckpoint(checkpoint: checkpoint, note: note)
    }

    private init(checkpoint: Checkpoint, note: SignedNote) {
        self.checkpoint = checkpoint
        self.note = note
    }

    /// The signed note's text form.
    public var formatted: String { note.formatted }
}
