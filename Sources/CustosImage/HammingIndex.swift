import CustosCore

/// An index of PDQ hashes that finds every hash within a Hamming distance of a query, exactly as a linear scan would,
/// without scanning millions of hashes.
///
/// The index is multi-index hashing (Norouzi, Punjani and Fleet, "Fast Search in Hamming Space with Multi-Index
/// Hashing", CVPR 2012), with the parameters of Meta's PDQ reference index (`MIH` in ThreatExchange's
/// `pdq/cpp/index`): the 256 bits are cut into 16 chunks of 16 bits, and chunk `c` of every hash is a key of an
/// inverted list. By the pigeonhole principle a hash within distance `d = 16 s + a` (`0 ≤ a < 16`) of the query
/// differs from it by at most `s` bits in one of the chunks `0 ... a`, or by at most `s - 1` bits in one of the
/// others; a search therefore visits, for each chunk, the lists of every 16-bit value within that radius of the
/// query's chunk, and checks the full distance of each hash it finds there. For the PDQ match threshold 31 that is
/// 16 × 17 lists; for random hashes one in about 240 indexed hashes is checked, against every one in a scan.
///
/// A candidate reached through more than one chunk is reported once: it is kept only from the first chunk whose
/// radius it is within, which the search can tell from the candidate's bits alone, with no set of seen identifiers.
/// When the lists to visit hold so many hashes that checking them would cost more than a scan (large distances,
/// or hashes that share chunks, such as those of blank images), ``search(_:maxDistance:strategy:)`` scans instead;
/// both give the same result.
///
/// Storage is flat, for the cache: the hashes are one array of 64-bit words (4 per hash), and the lists are in
/// compressed sparse row form, one array of `UInt32` identifiers grouped by chunk then value, with an array of
/// 16 × 65,537 offsets into it. That is 96 bytes per hash plus 4 MiB, and building is two counting passes.
/// Hashes appended after the lists were built are scanned until there are enough of them to rebuild (at most
/// 65,536, or a sixteenth of the index), so appending one hash costs amortized constant time.
///
/// Identifiers are the positions at which hashes were added, from 0; they never change.
///
/// - Complexity: building is O(n) for n hashes. A search within distance `d` visits `Σ_c ball(r_c)` lists
///   (`ball(1) = 17`, `ball(2) = 137`, ...) and checks the hashes they hold, about `n · Σ_c ball(r_c) / 65536` for
///   uniformly distributed hashes, or scans all n when that is cheaper.
public struct HammingIndex: Sendable {
    /// How a search finds its matches. Every strategy returns the same matches; they differ in cost only.
    public enum Strategy: Hashable, Sendable {
        /// Visits the chunk lists when that checks fewer hashes than a scan would, else scans (the default).
        case automatic
        /// Always visits the chunk lists, however many there are (for tests and benchmarks).
        case multiIndex
        /// Checks every hash (the reference the other strategies are held to).
        case linearScan
    }

    /// The number of chunks a hash is cut into.
    static let chunkCount = 16
    /// Offsets per chunk: one per 16-bit value, plus the end of the last list.
    static let offsetStride = 65_537
    /// Appended hashes scanned before the lists are rebuilt: a sixteenth of the indexed hashes, within these bounds.
    static let unindexedLimits = 1024...65_536

    /// Every hash's words, most significant first: hash `id` is `words[4 id ..< 4 id + 4]`.
    private(set) var words: [UInt64] = []
    /// Hashes `0 ..< indexedCount` are in the lists; the ones appended since are scanned.
    private(set) var indexedCount = 0
    /// The lists of chunk `c` and value `v` are `postings[c · indexedCount + offsets[c · 65537 + v] ..< ... + 1]]`.
    private(set) var offsets: [UInt32] = []
    /// Identifiers of the indexed hashes, by chunk, then by the chunk's value, then ascending.
    private(set) var postings: [UInt32] = []

    /// Creates an empty index.
    public init() {}

    /// Indexes the hashes, identified by their position in the sequence from 0.
    ///
    /// - Parameter hashes: the hashes; fewer than 2³² (an index of 2³² hashes would take 384 GiB).
    /// - Complexity: O(n) for n hashes.
    public init(_ hashes: some Sequence<ImageHash>) {
        // An array's elements are copied in a loop over its buffer, which is not generic: the generic loop, not
        // specialized for a caller in another module, costs a witness call per hash.
        let copied: [UInt64]? = hashes.withContiguousStorageIfAvailable { buffer in
            var words: [UInt64] = []
            words.reserveCapacity(4 * buffer.count)
            for hash in buffer {
                words.append(hash.words.0)
                words.append(hash.words.1)
                words.append(hash.words.2)
                words.append(hash.words.3)
            }
            return words
        }
        if let copied {
            words = copied
        } else {
            words.reserveCapacity(hashes.underestimatedCount * 4)
            for hash in hashes { appendWords(of: hash) }
        }
        buildLists()
    }

    /// The number of hashes in the index.
    public var count: Int { words.count / 4 }

    /// Whether the index holds no hashes.
    public var isEmpty: Bool { words.isEmpty }

    /// The hash with the identifier `id`, `0 ..< count` (like an array's subscript, another value traps).
    ///
    /// - Parameter id: an identifier from ``append(_:)`` or from a search.
    public subscript(id: Int) -> ImageHash {
        ImageHash(words: (words[4 * id], words[4 * id + 1], words[4 * id + 2], words[4 * id + 3]))
    }

    /// The bytes the index holds in memory: hashes, lists and offsets, at their allocated capacities.
    public var memoryBytes: Int {
        words.capacity * MemoryLayout<UInt64>.stride + (offsets.capacity + postings.capacity)
            * MemoryLayout<UInt32>.stride
    }

    /// Makes room for `count` hashes in all, so that appending them does not reallocate the hash storage.
    ///
    /// - Parameter count: the number of hashes the index will hold.
    public mutating func reserveCapacity(_ count: Int) {
        words.reserveCapacity(4 * count)
    }

    /// Adds a hash and returns its identifier, the number of hashes added before it.
    ///
    /// The hash is found by searches at once. It is scanned until enough hashes have been appended to rebuild the
    /// lists, so a batch is best indexed with ``init(_:)``.
    ///
    /// - Parameter hash: the hash; the index must hold fewer than 2³² hashes.
    /// - Returns: the hash's identifier.
    /// - Complexity: amortized O(1); a rebuild, every `min(max(n / 16, 1024), 65536)` appends, is O(n).
    @discardableResult
    public mutating func append(_ hash: ImageHash) -> Int {
        let id = count
        appendWords(of: hash)
        let unindexed = count - indexedCount
        let limit = min(max(indexedCount / 16, Self.unindexedLimits.lowerBound), Self.unindexedLimits.upperBound)
        if unindexed > limit { buildLists() }
        return id
    }

    private mutating func appendWords(of hash: ImageHash) {
        words.append(hash.words.0)
        words.append(hash.words.1)
        words.append(hash.words.2)
        words.append(hash.words.3)
    }

    /// The value of chunk `chunk` (0 most significant) of the hash whose words start at `hash`.
    @inline(__always)
    static func chunkValue(_ hash: UnsafePointer<UInt64>, _ chunk: Int) -> Int {
        Int(truncatingIfNeeded: (hash[chunk >> 2] >> UInt64(48 - 16 * (chunk & 3))) & 0xFFFF)
    }

    /// Rebuilds the lists over every hash: per chunk, a counting sort of the identifiers by the chunk's value.
    ///
    /// Placing each identifier straight at its value's list would write to 65,536 places at random, a cache miss
    /// per write once the lists outgrow the cache. Instead the identifiers are placed in two stable passes, first by
    /// the value's high byte (256 places, written in sequence) into a scratch array, then each of those 256 groups
    /// by the low byte, within a slice of n / 256 identifiers that stays in the cache.
    private mutating func buildLists() {
        let n = count
        precondition(n <= Int(UInt32.max), "a HammingIndex holds fewer than 2^32 hashes")
        guard n > 0 else { return }
        let stride = Self.offsetStride
        var offsets = [UInt32](repeating: 0, count: Self.chunkCount * stride)
        var scratch = [UInt64](repeating: 0, count: n)
        var cursors = [UInt32](repeating: 0, count: stride)
        let postings = [UInt32](unsafeUninitializedCapacity: Self.chunkCount * n) { buffer, initialized in
            words.withUnsafeBufferPointer { wordBuffer in
                offsets.withUnsafeMutableBufferPointer { offsetBuffer in
                    scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                        cursors.withUnsafeMutableBufferPointer { cursorBuffer in
                            guard let hashes = wordBuffer.baseAddress, let offsetBase = offsetBuffer.baseAddress,
                                let scratch = scratchBuffer.baseAddress, let cursors = cursorBuffer.baseAddress,
                                let lists = buffer.baseAddress
                            else { return }
                            for chunk in 0..<Self.chunkCount {
                                Self.sortChunk(
                                    chunk, of: hashes, count: n, offsets: offsetBase + chunk * stride,
                                    into: lists + chunk * n, scratch: scratch, cursors: cursors)
                            }
                            initialized = Self.chunkCount * n
                        }
                    }
                }
            }
        }
        self.offsets = offsets
        self.postings = postings
        indexedCount = n
    }

    /// Counts chunk `chunk`'s values into `offsets` (65,537 list bounds) and places the identifiers `0 ..< n` in
    /// `list` grouped by value, ascending within a value.
    private static func sortChunk(
        _ chunk: Int, of hashes: UnsafePointer<UInt64>, count n: Int, offsets: UnsafeMutablePointer<UInt32>,
        into list: UnsafeMutablePointer<UInt32>, scratch: UnsafeMutablePointer<UInt64>,
        cursors: UnsafeMutablePointer<UInt32>
    ) {
        let word = hashes + (chunk >> 2)
        let shift = UInt64(48 - 16 * (chunk & 3))
        // Each value counted at the slot after its own, so the prefix sum leaves every list's start in its slot.
        for id in 0..<n { offsets[Int(truncatingIfNeeded: (word[4 * id] >> shift) & 0xFFFF) + 1] &+= 1 }
        for value in 1..<offsetStride { offsets[value] &+= offsets[value - 1] }
        // Pass 1, by high byte: the low byte and the identifier, into the high byte's group of the scratch array.
        for high in 0..<256 { cursors[high] = offsets[high << 8] }
        for id in 0..<n {
            let value = Int(truncatingIfNeeded: (word[4 * id] >> shift) & 0xFFFF)
            let cursor = cursors + (value >> 8)
            scratch[Int(cursor.pointee)] = UInt64(value & 0xFF) << 32 | UInt64(truncatingIfNeeded: id)
            cursor.pointee &+= 1
        }
        // Pass 2, by low byte within each group: the identifiers into their lists.
        for value in 0..<65_536 { cursors[value] = offsets[value] }
        for high in 0..<256 {
            let group = cursors + (high << 8)
            for position in Int(offsets[high << 8])..<Int(offsets[(high + 1) << 8]) {
                let entry = scratch[position]
                let cursor = group + Int(truncatingIfNeeded: entry >> 32)
                list[Int(cursor.pointee)] = UInt32(truncatingIfNeeded: entry)
                cursor.pointee &+= 1
            }
        }
    }
}
