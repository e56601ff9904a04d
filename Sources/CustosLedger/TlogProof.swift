/// An offline-verifiable proof that an entry is in a transparency log, in the text format of
/// `c2sp.org/tlog-proof@v1`: a header line, optional `extra` data, the entry's `index`, the inclusion proof hashes
/// in base64, a blank line, then the signed checkpoint verbatim (cosignatures included).
///
/// ```
/// c2sp.org/tlog-proof@v1
/// index 5
/// vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=
///
/// example.com/log
/// 8
/// XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=
///
/// — example.com/log 3oawZEwU…
/// ```
public struct TlogProof: Sendable, Hashable {
    /// The first line of every proof.
    public static let header = "c2sp.org/tlog-proof@v1"
    /// The most proof hashes accepted: a tree of at most 2⁶⁴ − 1 leaves is at most 64 levels deep.
    public static let maximumProofLength = 64

    /// Opaque, unauthenticated extra data for the application, or `nil` when the proof has no `extra` line.
    public let extraData: [UInt8]?
    /// The zero-based index of the entry in the log.
    public let leafIndex: UInt64
    /// The inclusion proof, from the leaf's sibling up to the root's child; 32-byte hashes.
    public let proof: [[UInt8]]
    /// The signed checkpoint the proof leads to, with every signature line.
    public let checkpoint: SignedNote

    /// Creates a proof.
    ///
    /// - Parameters:
    ///   - leafIndex: The zero-based index of the entry.
    ///   - proof: The inclusion proof hashes, each 32 bytes, at most ``maximumProofLength``.
    ///   - checkpoint: The signed checkpoint (``SignedCheckpoint/note``).
    ///   - extraData: Opaque extra data, or `nil` for none.
    /// - Throws: `LedgerError.malformed` when a hash is not 32 bytes or there are too many.
    public init(
        leafIndex: UInt64, proof: [[UInt8]], checkpoint: SignedNote, extraData: [UInt8]? = nil
    ) throws(LedgerError) {
        guard proof.count <= Self.maximumProofLength else {
            throw LedgerError(.malformed, "a proof of \(proof.count) hashes is longer than any tree needs")
        }
        for (position, hash) in proof.enumerated() where hash.count != RFC6962.hashSize {
            throw LedgerError(.malformed, "proof hash \(position) is \(hash.count) bytes, not \(RFC6962.hashSize)")
        }
        self.leafIndex = leafIndex
        self.proof = proof
        self.checkpoint = checkpoint
        self.extraData = extraData
    }

    /// Parses a proof's text form.
    ///
    /// - Parameter text: The proof.
    /// - Throws: `LedgerError.malformed` naming the problem and its line.
    public init(parsing text: String) throws(LedgerError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// Parses a proof from its UTF-8 bytes.
    ///
    /// - Parameter bytes: The proof.
    /// - Throws: `LedgerError.malformed` naming the problem and its line.
    public init(parsing bytes: [UInt8]) throws(LedgerError) {
        var reader = LineReader(bytes: bytes)
        guard try reader.next().elementsEqual(Self.header.utf8) else {
            throw LedgerError(.malformed, "line 1 of a proof must be \(Self.header)")
        }
        var line = try reader.next()
        var extraData: [UInt8]?
        if line.starts(with: "extra ".utf8) {
            guard let data = NoteBase64.decode(line.dropFirst(6)) else {
                throw LedgerError(.malformed, "the extra data on line \(reader.lineNumber) is not canonical base64")
            }
            extraData = data
            line = try reader.next()
        }
        guard line.starts(with: "index ".utf8), let leafIndex = NoteText.parseDecimal(line.dropFirst(6)) else {
            throw LedgerError(.malformed, "line \(reader.lineNumber) of the proof must be \"index\" and a decimal")
        }
        var proof: [[UInt8]] = []
        while true {
            let line = try reader.next()
            if line.isEmpty { break }
            guard proof.count < Self.maximumProofLength else {
                throw LedgerError(.malformed, "the proof has more than \(Self.maximumProofLength) hashes")
            }
            guard let hash = NoteBase64.decode(line), hash.count == RFC6962.hashSize else {
                throw LedgerError(.malformed, "line \(reader.lineNumber) of the proof is not a base64 32-byte hash")
            }
            proof.append(hash)
        }
        let checkpoint: SignedNote
        do {
            checkpoint = try SignedNote(parsing: Array(reader.rest))
        } catch {
            throw LedgerError(
                error.code, "in the checkpoint starting on line \(reader.lineNumber + 1) of the proof: \(error.message)"
            )
        }
        try self.init(leafIndex: leafIndex, proof: proof, checkpoint: checkpoint, extraData: extraData)
    }

    /// The proof's text form.
    public var formatted: String {
        var lines = [Self.header]
        if let extraData { lines.append("extra " + NoteBase64.encode(extraData)) }
        lines.append("index \(leafIndex)")
        lines += proof.map { NoteBase64.encode($0) }
        return lines.map { $0 + "\n" }.joined() + "\n" + checkpoint.formatted
    }

    /// Verifies the checkpoint's signature by the log's key and the entry's inclusion in it.
    ///
    /// - Parameters:
    ///   - leafHash: The entry's RFC 6962 leaf hash, SHA-256(0x00 ‖ entry).
    ///   - verifiers: Trusted keys; one named like the checkpoint's origin must have signed it.
    /// - Returns: The verified checkpoint.
    /// - Throws: `LedgerError.malformed` when the checkpoint text is malformed; `LedgerError.badSignature` when its
    ///   signatures do not satisfy ``SignedCheckpoint/init(note:verifiers:)``; `LedgerError.invalidProof` when the
    ///   inclusion proof fails.
    public func verify(leafHash: [UInt8], verifiers: [NoteVerifier]) throws(LedgerError) -> Checkpoint {
        let signed = try SignedCheckpoint(note: checkpoint, verifiers: verifiers)
        try MerkleVerifier.verifyInclusion(
            leafIndex: leafIndex, treeSize: signed.checkpoint.size, leafHash: leafHash, proof: proof,
            root: signed.checkpoint.rootHash)
        return signed.checkpoint
    }
}

/// Reads newline-terminated lines off the front of a byte array.
private struct LineReader {
    let bytes: [UInt8]
    var position = 0
    /// The 1-based number of the line `next()` returned last.
    var lineNumber = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() throws(LedgerError) -> ArraySlice<UInt8> {
        lineNumber += 1
        guard let end = bytes[position...].firstIndex(of: NoteText.newline) else {
            throw LedgerError(.malformed, "line \(lineNumber) of the proof is missing or does not end in a newline")
        }
        defer { position = end + 1 }
        return bytes[position..<end]
    }

    var rest: ArraySlice<UInt8> { bytes[position...] }
}
