import Crypto
import Foundation

/// The evidence log's single source of truth: an append-only file of checksummed frames, fsynced before any
/// deposit is acknowledged.
///
/// Layout (docs/evidence.md): the 8-byte magic `CUSTOSJ1`, then frames of
/// `kind (1 byte) ‖ length (4 bytes, big-endian) ‖ payload ‖ SHA-256(kind ‖ payload)`.
/// An entry frame has kind 0x00, so its trailer *is* the entry's RFC 9162 leaf hash; a checkpoint frame
/// (kind 0x02) holds a signed note. A crash can only leave a torn last frame, which `open` moves aside.
struct Journal: Sendable {
    /// A frame's kind.
    enum Kind: UInt8, Sendable {
        /// A deposited entry's canonical bytes.
        case entry = 0x00
        /// A signed checkpoint note.
        case checkpoint = 0x02
    }

    /// One frame read back.
    struct Frame: Sendable {
        var kind: Kind
        var offset: UInt64
        var payload: [UInt8]
        /// SHA-256(kind ‖ payload): for an entry, its leaf hash.
        var digest: [UInt8]
        var end: UInt64 { offset + 5 + UInt64(payload.count) + 32 }
    }

    static let magic = Array("CUSTOSJ1".utf8)
    /// The largest payload a frame may carry; entries are small statements, never file contents.
    static let maximumPayload = 1 << 24

    let file: StoreFile

    /// Opens the journal at `url`, creating it with its magic when missing.
    init(url: URL) throws(LedgerError) {
        let isNew = !FileManager.default.fileExists(atPath: url.path)
        file = try StoreFile(url, create: true)
        let existingSize = try file.size()
        if isNew || existingSize == 0 {
            try file.write(Self.magic, at: 0)
            try file.sync()
            try StoreFile.syncDirectory(url.deletingLastPathComponent())
        } else {
            let head = try file.read(count: 8, at: 0)
            guard head == Self.magic else {
                throw LedgerError(.tampered, "\(url.path) does not start with the evidence-journal magic CUSTOSJ1")
            }
        }
    }

    /// The encoded frame for a payload, and its digest.
    static func encode(_ kind: Kind, _ payload: [UInt8]) -> (bytes: [UInt8], digest: [UInt8]) {
        var hasher = SHA256()
        hasher.update(data: [kind.rawValue])
        hasher.update(data: payload)
        let digest = Array(hasher.finalize())
        var bytes: [UInt8] = []
        bytes.reserveCapacity(payload.count + 37)
        bytes.append(kind.rawValue)
        let length = UInt32(payload.count)
        bytes.append(contentsOf: [
            UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF),
        ])
        bytes.append(contentsOf: payload)
        bytes.append(contentsOf: digest)
        return (bytes, digest)
    }

    /// What reading a frame at an offset found.
    enum ReadResult {
        case frame(Frame)
        /// The file ends inside the frame (a torn write).
        case truncated(offset: UInt64, declaredEnd: UInt64)
        /// The frame is whole but its kind or checksum is wrong.
        case corrupt(offset: UInt64, end: UInt64, reason: String)
        case end
    }

    /// Reads the frame at `offset` of a file of `fileSize` bytes.
    func readFrame(at offset: UInt64, fileSize: UInt64) throws(LedgerError) -> ReadResult {
        guard offset < fileSize else { return .end }
        guard fileSize - offset >= 5 else { return .truncated(offset: offset, declaredEnd: offset + 5) }
        let head = try file.read(count: 5, at: offset)
        let length = UInt64(head[1]) << 24 | UInt64(head[2]) << 16 | UInt64(head[3]) << 8 | UInt64(head[4])
        let end = offset + 5 + length + 32
        guard end <= fileSize else { return .truncated(offset: offset, declaredEnd: end) }
        guard let kind = Kind(rawValue: head[0]) else {
            return .corrupt(offset: offset, end: end, reason: "unknown frame kind 0x\(Hex.encode([head[0]]))")
        }
        guard length <= Self.maximumPayload else {
            return .corrupt(offset: offset, end: end, reason: "frame length \(length) exceeds the maximum")
        }
        let body = try file.read(count: Int(length) + 32, at: offset + 5)
        let payload = Array(body[0..<Int(length)])
        let stored = Array(body[Int(length)...])
        var hasher = SHA256()
        hasher.update(data: [kind.rawValue])
        hasher.update(data: payload)
        let digest = Array(hasher.finalize())
        guard digest == stored else {
            return .corrupt(offset: offset, end: end, reason: "checksum does not match the frame's contents")
        }
        return .frame(Frame(kind: kind, offset: offset, payload: payload, digest: digest))
    }

    /// Appends encoded frames at `offset` and makes them durable.
    func append(_ bytes: [UInt8], at offset: UInt64) throws(LedgerError) {
        try file.write(bytes, at: offset)
        try file.sync()
    }
}
