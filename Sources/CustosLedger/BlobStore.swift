import Crypto
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A content-addressed store of evidence files: each file lives once, under its SHA-256, in sharded directories
/// (`sha256/ab/cd/abcd…`), so millions of blobs never crowd one directory.
///
/// Writes are atomic and durable: the bytes go to a temporary file while they are hashed, the file is fsynced,
/// renamed into place, and its directory fsynced, so a crash leaves either no blob or the whole blob. Files are
/// streamed in chunks and never loaded whole; storing bytes already present costs nothing more (deduplication).
public struct BlobStore: Sendable {
    /// The store's root directory.
    public let root: URL
    private var temporaryDirectory: URL { root.appendingPathComponent("tmp", isDirectory: true) }

    /// How many bytes are read, hashed and written at a time.
    static let chunkSize = 1 << 20

    /// Opens (creating when missing) the store at `root`.
    public init(root: URL) throws(LedgerError) {
        self.root = root
        try StoreFile.makeDirectory(root.appendingPathComponent("sha256", isDirectory: true))
        try StoreFile.makeDirectory(temporaryDirectory)
    }

    /// What storing a file produced.
    public struct Stored: Sendable, Hashable {
        /// The SHA-256 of the bytes, lowercase hex.
        public var sha256: String
        /// The number of bytes.
        public var size: UInt64
        /// Whether the same bytes were already stored (nothing new was written).
        public var wasPresent: Bool
    }

    /// The path a blob with this SHA-256 (lowercase hex) has in the store.
    public func url(forSHA256 hex: String) -> URL {
        let a = hex.prefix(2)
        let b = hex.dropFirst(2).prefix(2)
        return root.appendingPathComponent("sha256/\(a)/\(b)/\(hex)", isDirectory: false)
    }

    /// Whether a blob with this SHA-256 is stored.
    public func contains(sha256 hex: String) -> Bool {
        FileManager.default.fileExists(atPath: url(forSHA256: hex).path)
    }

    /// Stores a file's bytes, streaming it through SHA-256, and returns its address.
    ///
    /// - Parameter progress: called after each chunk with the bytes stored so far.
    public func store(
        contentsOf source: URL, progress: (UInt64) -> Void = { _ in }
    ) throws(LedgerError) -> Stored {
        let input = try StoreFile(source, readOnly: true)
        return try store { (buffer, offset) throws(LedgerError) in
            try input.read(into: buffer, at: offset)
        } progress: {
            progress($0)
        }
    }

    /// Stores `bytes` and returns their address.
    public func store(bytes: [UInt8]) throws(LedgerError) -> Stored {
        try store { buffer, offset in
            let position = Int(offset)
            let count = min(buffer.count, bytes.count - position)
            bytes.withUnsafeBytes { source in
                if count > 0, let base = source.baseAddress {
                    buffer.baseAddress?.copyMemory(from: base + position, byteCount: count)
                }
            }
            return count
        } progress: { _ in
        }
    }

    private func store(
        reading fill: (UnsafeMutableRawBufferPointer, UInt64) throws(LedgerError) -> Int,
        progress: (UInt64) -> Void
    ) throws(LedgerError) -> Stored {
        let temporary = temporaryDirectory.appendingPathComponent(UUID().uuidString)
        let output = try StoreFile(temporary, create: true, permissions: 0o444)
        let writer = ChunkWriter(file: output)
        var hasher = SHA256()
        var size: UInt64 = 0
        // Two buffers: while one chunk is hashed here and written on the writer's queue, the next is read into
        // the other, so hashing (the slowest step) overlaps the I/O.
        let buffers = (0..<2).map { _ in
            UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 64)
        }
        defer {
            try? writer.finish()
            for buffer in buffers { buffer.deallocate() }
        }
        do throws(LedgerError) {
            var turn = 0
            while true {
                let buffer = buffers[turn % 2]
                let count = try fill(buffer, size)
                if count == 0 { break }
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
                try writer.waitForPrevious()
                writer.write(chunk, at: size)
                hasher.update(bufferPointer: chunk)
                size += UInt64(count)
                progress(size)
                turn += 1
            }
            try writer.finish()
            let hex = Hex.encode(Array(hasher.finalize()))
            let destination = url(forSHA256: hex)
            if FileManager.default.fileExists(atPath: destination.path) {
                unlink(temporary.path)
                return Stored(sha256: hex, size: size, wasPresent: true)
            }
            try output.sync()
            let shard = destination.deletingLastPathComponent()
            let isNewShard = !FileManager.default.fileExists(atPath: shard.path)
            if isNewShard { try StoreFile.makeDirectory(shard) }
            guard rename(temporary.path, destination.path) == 0 else {
                throw LedgerError.system("cannot move blob into place", destination.path)
            }
            try StoreFile.syncDirectory(shard)
            if isNewShard {
                try StoreFile.syncDirectory(shard.deletingLastPathComponent())
                try StoreFile.syncDirectory(shard.deletingLastPathComponent().deletingLastPathComponent())
            }
            return Stored(sha256: hex, size: size, wasPresent: false)
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// Re-hashes a stored blob and returns its SHA-256 and size, streaming it.
    ///
    /// - Throws: `LedgerError.notFound` when no blob has that address.
    public func rehash(sha256 hex: String) throws(LedgerError) -> (sha256: String, size: UInt64) {
        let path = url(forSHA256: hex)
        guard FileManager.default.fileExists(atPath: path.path) else {
            throw LedgerError(.notFound, "blob \(hex) is missing from \(root.path)")
        }
        return try Self.hash(contentsOf: path)
    }

    /// The SHA-256 (lowercase hex) and size of a file, streaming it.
    public static func hash(contentsOf url: URL) throws(LedgerError) -> (sha256: String, size: UInt64) {
        let file = try StoreFile(url, readOnly: true)
        var hasher = SHA256()
        var offset: UInt64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = try file.read(into: buffer, at: offset)
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            offset += UInt64(count)
        }
        return (Hex.encode(Array(hasher.finalize())), offset)
    }

    /// Every stored blob's SHA-256 (from its file name), in no particular order.
    public func allAddresses() -> [String] {
        let base = root.appendingPathComponent("sha256", isDirectory: true)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.count == 64, name.allSatisfy(\.isHexDigit) { found.append(name) }
        }
        return found
    }
}

/// Writes chunks on its own queue, one at a time, so the caller can hash the same chunk meanwhile; every
/// `flushInterval` bytes a third queue flushes what was written so far, concurrently with later writes, so the
/// final `fsync` has little left to wait for and the disk never stalls the hashing. The caller must not reuse a
/// chunk's memory before `waitForPrevious` returns.
private final class ChunkWriter: @unchecked Sendable {
    // Unchecked: `failure` and `unflushed` are touched only on `queue`, and `failure` is read by the caller only
    // after `group.wait()`, which orders the two; `flushFailure` is read only after `flushes.wait()`.
    private let file: StoreFile
    private let queue = DispatchQueue(label: "custos.blob.writer")
    private let flusher = DispatchQueue(label: "custos.blob.flusher")
    private let group = DispatchGroup()
    private let flushes = DispatchGroup()
    private let isFlushing = Atomic<Bool>(false)
    private var failure: LedgerError?
    private var flushFailure: LedgerError?
    private var unflushed = 0
    private static let flushInterval = 32 << 20

    init(file: StoreFile) { self.file = file }

    func write(_ chunk: UnsafeRawBufferPointer, at offset: UInt64) {
        let address = UInt(bitPattern: chunk.baseAddress)
        let count = chunk.count
        queue.async(group: group) {
            guard self.failure == nil, let base = UnsafeRawPointer(bitPattern: address) else { return }
            do throws(LedgerError) {
                try self.file.write(UnsafeRawBufferPointer(start: base, count: count), at: offset)
            } catch {
                self.failure = error
                return
            }
            self.unflushed += count
            if self.unflushed >= Self.flushInterval,
                self.isFlushing.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
                    .exchanged
            {
                self.unflushed = 0
                self.flusher.async(group: self.flushes) {
                    do throws(LedgerError) {
                        try self.file.sync()
                    } catch {
                        self.flushFailure = error
                    }
                    self.isFlushing.store(false, ordering: .releasing)
                }
            }
        }
    }

    func waitForPrevious() throws(LedgerError) {
        group.wait()
        if let failure { throw failure }
    }

    /// Waits for every write and flush; throws the first failure.
    func finish() throws(LedgerError) {
        group.wait()
        flushes.wait()
        if let failure { throw failure }
        if let flushFailure { throw flushFailure }
    }
}
