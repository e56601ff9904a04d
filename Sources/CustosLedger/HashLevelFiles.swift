import Foundation
import Synchronization

/// The Merkle tree's perfect-subtree hashes on disk, one append-only file per level (`level-00` holds the leaf
/// hashes, `level-01` the hash of each aligned pair, …), 32 bytes per hash, in order. It is the documented
/// equivalent of C2SP tlog-tiles with tiles one level high: the hash of subtree `i` at level `l` sits at byte
/// `32·i` of `level-l`.
///
/// These files are derived data: the journal holds every entry, and the files can be rebuilt from it. Levels at
/// `cachedLevel` and above (one hash per 64 leaves or fewer, about 1 byte per leaf in all) are also kept in
/// memory, so a proof at ten million leaves reads at most `cachedLevel` hashes from disk.
final class HashLevelFiles: MerkleHashSource, Sendable {
    /// The lowest level kept in memory as well as on disk.
    static let cachedLevel = 6

    private struct State: ~Copyable {
        var size: UInt64 = 0
        var files: [StoreFile] = []
        /// Flat hashes of each level ≥ `cachedLevel`, indexed by `level - cachedLevel`.
        var cache: [[UInt8]] = []
        /// The last hash of each level whose count is odd: the left half of the next parent.
        var tails: [[UInt8]?] = []
    }

    private let directory: URL
    private let state: Mutex<State>
    /// Hashes of ragged (not perfect) subtrees, keyed by their leaf range: every proof for the same tree size
    /// needs the same few along the right edge. Bounded; never stale, since a range's hash never changes.
    private let ragged = Mutex<[RaggedKey: [UInt8]]>([:])
    private static let raggedLimit = 4_096

    private struct RaggedKey: Hashable {
        var start: UInt64
        var end: UInt64
    }

    /// Opens the level files in `directory` for a tree of `size` leaves, checking that each file holds at least
    /// the hashes that size needs; longer files are cut back.
    ///
    /// - Throws: `LedgerError.tampered` naming the first level that is too short (truncated or damaged), so the
    ///   caller can rebuild the files from the journal.
    init(directory: URL, size: UInt64) throws(LedgerError) {
        self.directory = directory
        try StoreFile.makeDirectory(directory)
        var state = State()
        let levelCount = size == 0 ? 1 : 64 - size.leadingZeroBitCount
        for level in 0..<levelCount {
            let file = try StoreFile(Self.url(directory, level), create: true)
            let needed = (size >> UInt64(level)) * 32
            let actual = try file.size()
            guard actual >= needed else {
                throw LedgerError(
                    .tampered,
                    "\(file.path) holds \(actual / 32) hashes (\(actual) bytes); a tree of \(size) leaves needs "
                        + "\(needed / 32)")
            }
            if actual > needed { try file.truncate(to: needed) }
            state.files.append(file)
            if level >= Self.cachedLevel {
                state.cache.append(needed == 0 ? [] : try file.read(count: Int(needed), at: 0))
            }
            let count = size >> UInt64(level)
            state.tails.append(count % 2 == 1 ? try file.read(count: 32, at: (count - 1) * 32) : nil)
        }
        state.size = size
        self.state = Mutex(state)
    }

    /// Removes every level file, for a rebuild from the journal.
    static func remove(in directory: URL) {
        try? FileManager.default.removeItem(at: directory)
    }

    private static func url(_ directory: URL, _ level: Int) -> URL {
        directory.appendingPathComponent(String(format: "level-%02d", level))
    }

    /// How many leaves the files hold.
    var size: UInt64 { state.withLock { $0.size } }

    /// The hash of the perfect subtree of 2^`level` leaves starting at leaf `index << level`.
    func perfectSubtreeHash(level: Int, index: UInt64) throws(LedgerError) -> [UInt8] {
        // One lock per lookup: either the hash from memory, or the file to read it from outside the lock.
        let located: Result<[UInt8], LedgerError>?
        let file: StoreFile?
        (located, file) = state.withLock { state in
            guard level < state.files.count, index < state.size >> UInt64(level) else {
                return (
                    .failure(
                        LedgerError(
                            .outOfRange, "no complete subtree \(index) at level \(level) in \(state.size) leaves")),
                    nil
                )
            }
            if level >= Self.cachedLevel {
                let start = Int(index) * 32
                return (.success(Array(state.cache[level - Self.cachedLevel][start..<start + 32])), nil)
            }
            return (nil, state.files[level])
        }
        if let located { return try located.get() }
        guard let file else { throw LedgerError(.outOfRange, "no hash file for level \(level)") }
        return try file.read(count: 32, at: index * 32)
    }

    func rememberedSubtreeHash(start: UInt64, end: UInt64) -> [UInt8]? {
        ragged.withLock { $0[RaggedKey(start: start, end: end)] }
    }

    func remember(subtreeHash: [UInt8], start: UInt64, end: UInt64) {
        ragged.withLock { cache in
            if cache.count >= Self.raggedLimit { cache.removeAll(keepingCapacity: true) }
            cache[RaggedKey(start: start, end: end)] = subtreeHash
        }
    }

    /// Appends leaf hashes, computing every parent they complete, and writes each level's new hashes with one
    /// positioned write. Not durable by itself: the journal is, and these files are rebuilt from it.
    ///
    /// Only one writer may call this at a time (the log's committer); readers may run concurrently.
    func append(leafHashes: [[UInt8]]) throws(LedgerError) {
        guard !leafHashes.isEmpty else { return }
        var (size, tails) = state.withLock { ($0.size, $0.tails) }
        var added: [[UInt8]] = []
        for leaf in leafHashes {
            var hash = leaf
            var level = 0
            var count = size
            while true {
                if added.count == level { added.append([]) }
                if tails.count == level { tails.append(nil) }
                added[level].append(contentsOf: hash)
                if count % 2 == 0 {
                    tails[level] = hash
                    break
                }
                let left = tails[level] ?? []
                tails[level] = nil
                hash = RFC6962.nodeHash(left, hash)
                level += 1
                count >>= 1
            }
            size += 1
        }
        let oldSize = state.withLock { $0.size }
        var files = state.withLock { $0.files }
        for level in added.indices where !added[level].isEmpty {
            if level == files.count { files.append(try StoreFile(Self.url(directory, level), create: true)) }
            try files[level].write(added[level], at: (oldSize >> UInt64(level)) * 32)
        }
        state.withLock { state in
            state.files = files
            for level in added.indices where level >= Self.cachedLevel {
                while state.cache.count <= level - Self.cachedLevel { state.cache.append([]) }
                state.cache[level - Self.cachedLevel].append(contentsOf: added[level])
            }
            state.tails = tails
            state.size = size
        }
    }

    /// Flushes every level file to stable storage.
    func sync() throws(LedgerError) {
        for file in state.withLock({ $0.files }) { try file.sync() }
    }
}
