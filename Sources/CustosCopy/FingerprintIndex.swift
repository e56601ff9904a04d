/// An inverted index from fingerprint hash to the documents holding it: "which registered works does this file copy
/// from?" answered over a million indexed documents in well under a millisecond.
///
/// The index is built once and stored compactly, in compressed sparse row form:
/// - `hashes`: every distinct fingerprint hash, ascending;
/// - `offsets`: for the i-th hash, its postings are `postings[offsets[i]..<offsets[i + 1]]`;
/// - `postings`: document ordinals (0-based, in the order documents were added), ascending within a hash, a document
///   listed once per hash however often the hash occurs in it;
/// - `buckets`: a radix table on the hashes' high bits, so that a lookup is one table read and a binary search over
///   a handful of hashes (fingerprint hashes are uniformly distributed, so buckets stay short).
///
/// About 8 bytes per distinct hash, 4 per posting and 4 per document, plus the radix table (at most one `UInt32` per
/// four distinct hashes). Documents are named by caller-chosen `UInt32` identifiers.
///
/// - Complexity: building is O(p log m) for p postings in buckets of at most m entries (a counting sort on the high
///   bits, then small sorts); a query of q hashes is O(q log q + q + P) for P postings visited.
public struct FingerprintIndex: Sendable {
    /// A document sharing fingerprints with a query.
    public struct Candidate: Hashable, Sendable, Codable {
        /// The document's identifier.
        public var document: UInt32
        /// How many of the query's distinct hashes the document holds (after the document-frequency cap).
        public var shared: Int
        /// How many distinct hashes the document holds in all, so that a caller can tell "the query copies this
        /// document" (`shared` close to it) from "this document copies a little of the query".
        public var documentFingerprints: Int

        /// Creates a candidate.
        public init(document: UInt32, shared: Int, documentFingerprints: Int) {
            self.document = document
            self.shared = shared
            self.documentFingerprints = documentFingerprints
        }
    }

    /// Collects documents, then builds the index in one pass.
    ///
    /// Adding the same identifier twice adds to that document's hashes.
    public struct Builder: Sendable {
        var entryHashes: [UInt64] = []
        var entryOrdinals: [UInt32] = []
        var documentIDs: [UInt32] = []
        var ordinals: [UInt32: UInt32] = [:]

        /// Creates an empty builder.
        public init() {}

        /// Reserves room for `postings` hashes over `documents` documents.
        public mutating func reserveCapacity(documents: Int, postings: Int) {
            entryHashes.reserveCapacity(postings)
            entryOrdinals.reserveCapacity(postings)
            documentIDs.reserveCapacity(documents)
            ordinals.reserveCapacity(documents)
        }

        /// Adds a document's fingerprint hashes (duplicates are counted once).
        ///
        /// - Complexity: amortised O(h) for h hashes.
        public mutating func add(document: UInt32, hashes: some Sequence<UInt64>) {
            let ordinal: UInt32
            if let known = ordinals[document] {
                ordinal = known
            } else {
                precondition(documentIDs.count < Int(UInt32.max), "a fingerprint index holds fewer than 2^32 documents")
                ordinal = UInt32(documentIDs.count)
                ordinals[document] = ordinal
                documentIDs.append(document)
            }
            let before = entryHashes.count
            entryHashes.append(contentsOf: hashes)
            entryOrdinals.append(contentsOf: repeatElement(ordinal, count: entryHashes.count - before))
        }

        /// The index of everything added.
        ///
        /// - Complexity: O(p log m) for p hashes added, m the largest number of entries sharing a radix bucket.
        public consuming func build() -> FingerprintIndex {
            FingerprintIndex(builder: self)
        }
    }

    /// Every distinct hash, ascending.
    let hashes: [UInt64]
    /// `offsets[i]..<offsets[i + 1]` is the range of `postings` listing the documents holding `hashes[i]`.
    let offsets: [UInt32]
    /// Document ordinals, ascending within each hash.
    let postings: [UInt32]
    /// `buckets[k]..<buckets[k + 1]` is the range of `hashes` whose top `bucketBits` bits are k.
    let buckets: [UInt32]
    /// 64 minus the radix bits (at least one bit, so that the shift is below 64).
    let bucketShift: UInt64
    /// The caller's identifier of each document ordinal.
    let documentIDs: [UInt32]
    /// The number of distinct hashes of each document ordinal.
    let fingerprintCounts: [UInt32]

    /// Builds the index of `documents` (a document listed twice has the union of its hash lists).
    ///
    /// - Complexity: as `Builder.build()`.
    public init(_ documents: some Sequence<(document: UInt32, hashes: [UInt64])>) {
        var builder = Builder()
        for entry in documents { builder.add(document: entry.document, hashes: entry.hashes) }
        self.init(builder: builder)
    }

    /// Builds the index of documents given as hash arrays, identified by their position in `documents`.
    ///
    /// - Complexity: as `Builder.build()`.
    public init(hashLists documents: [[UInt64]]) {
        precondition(documents.count < Int(UInt32.max), "a fingerprint index holds fewer than 2^32 documents")
        var builder = Builder()
        builder.reserveCapacity(documents: documents.count, postings: documents.reduce(0) { $0 + $1.count })
        for (number, hashes) in documents.enumerated() { builder.add(document: UInt32(number), hashes: hashes) }
        self.init(builder: builder)
    }

    init(builder: consuming Builder) {
        let documentIDs = builder.documentIDs
        let documentCount = documentIDs.count
        var keys = builder.entryHashes
        var owners = builder.entryOrdinals
        builder = Builder()
        let entryCount = keys.count
        precondition(entryCount < Int(UInt32.max), "a fingerprint index holds fewer than 2^32 postings")

        // Sort (hash, ordinal) pairs: a counting sort on the top bits, then each (short) bucket by hash and ordinal.
        let bits = Self.bucketBits(for: entryCount)
        let shift = UInt64(64 - bits)
        var starts = [UInt32](repeating: 0, count: (1 << bits) + 1)
        for key in keys { starts[Int(truncatingIfNeeded: key &>> shift) + 1] &+= 1 }
        for bucket in 0..<(1 << bits) { starts[bucket + 1] &+= starts[bucket] }
        var sortedKeys = [UInt64](repeating: 0, count: entryCount)
        var sortedOwners = [UInt32](repeating: 0, count: entryCount)
        var cursor = starts
        for entry in 0..<entryCount {
            let bucket = Int(truncatingIfNeeded: keys[entry] &>> shift)
            let slot = Int(cursor[bucket])
            cursor[bucket] = UInt32(slot + 1)
            sortedKeys[slot] = keys[entry]
            sortedOwners[slot] = owners[entry]
        }
        keys = []
        owners = []
        cursor = []
        sortedKeys.withUnsafeMutableBufferPointer { keys in
            sortedOwners.withUnsafeMutableBufferPointer { owners in
                for bucket in 0..<(1 << bits) {
                    Self.sortPairs(keys: keys, owners: owners, range: Int(starts[bucket])..<Int(starts[bucket + 1]))
                }
            }
        }

        // Compact in place: one hash per run of equal hashes, one posting per (hash, ordinal).
        var counts = [UInt32](repeating: 0, count: documentCount)
        var offsets: [UInt32] = []
        offsets.reserveCapacity(entryCount / 2 + 1)
        var hashCount = 0
        var postingCount = 0
        sortedKeys.withUnsafeMutableBufferPointer { keys in
            sortedOwners.withUnsafeMutableBufferPointer { owners in
                var entry = 0
                while entry < entryCount {
                    let hash = keys[entry]
                    keys[hashCount] = hash
                    offsets.append(UInt32(postingCount))
                    hashCount += 1
                    var previous = UInt32.max
                    while entry < entryCount && keys[entry] == hash {
                        let owner = owners[entry]
                        if owner != previous {
                            owners[postingCount] = owner
                            postingCount += 1
                            counts[Int(owner)] += 1
                            previous = owner
                        }
                        entry += 1
                    }
                }
            }
        }
        offsets.append(UInt32(postingCount))
        sortedKeys.removeLast(entryCount - hashCount)
        sortedOwners.removeLast(entryCount - postingCount)

        // The lookup table over distinct hashes.
        let lookupBits = Self.bucketBits(for: hashCount)
        let lookupShift = UInt64(64 - lookupBits)
        var buckets = [UInt32](repeating: 0, count: (1 << lookupBits) + 1)
        for hash in sortedKeys { buckets[Int(truncatingIfNeeded: hash &>> lookupShift) + 1] &+= 1 }
        for bucket in 0..<(1 << lookupBits) { buckets[bucket + 1] &+= buckets[bucket] }

        self.hashes = sortedKeys
        self.offsets = offsets
        self.postings = sortedOwners
        self.buckets = buckets
        self.bucketShift = lookupShift
        self.documentIDs = documentIDs
        self.fingerprintCounts = counts
    }

    /// Radix bits giving about four entries a bucket (a table of at most a quarter as many words as entries), at
    /// least 2 and at most 2^24 buckets.
    static func bucketBits(for entries: Int) -> Int {
        var bits = 1
        while bits < 24 && (entries >> (bits + 2)) > 1 { bits += 1 }
        return bits
    }

    /// Sorts the (key, owner) pairs in `range` ascending, so that a hash's owners come out ascending and a document
    /// that listed a hash twice has the two entries side by side.
    static func sortPairs(
        keys: UnsafeMutableBufferPointer<UInt64>, owners: UnsafeMutableBufferPointer<UInt32>, range: Range<Int>
    ) {
        if range.count <= 32 {
            // Insertion sort: buckets hold about four entries.
            var index = range.lowerBound + 1
            while index < range.upperBound {
                let key = keys[index]
                let owner = owners[index]
                var hole = index
                while hole > range.lowerBound
                    && (keys[hole - 1] > key || (keys[hole - 1] == key && owners[hole - 1] > owner))
                {
                    keys[hole] = keys[hole - 1]
                    owners[hole] = owners[hole - 1]
                    hole -= 1
                }
                keys[hole] = key
                owners[hole] = owner
                index += 1
            }
            return
        }
        // A hot bucket (a boilerplate hash held by many documents): sort (key, owner) pairs.
        var pairs = range.map { (keys[$0], owners[$0]) }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        for (offset, pair) in pairs.enumerated() {
            keys[range.lowerBound + offset] = pair.0
            owners[range.lowerBound + offset] = pair.1
        }
    }

    /// The number of documents.
    public var count: Int { documentIDs.count }

    /// Whether the index holds no documents.
    public var isEmpty: Bool { documentIDs.isEmpty }

    /// The number of distinct hashes.
    public var hashCount: Int { hashes.count }

    /// The number of (hash, document) postings.
    public var postingCount: Int { postings.count }

    /// The documents' identifiers, in the order they were first added.
    public var documents: [UInt32] { documentIDs }

    /// The bytes the index's arrays occupy (element storage only).
    public var memoryBytes: Int {
        hashes.count * 8 + offsets.count * 4 + postings.count * 4 + buckets.count * 4 + documentIDs.count * 8
    }

    /// The position of `hash` in `hashes`, or `nil` when no document holds it.
    ///
    /// - Complexity: O(log m) for m hashes in its radix bucket (about four).
    @inline(__always)
    func position(of hash: UInt64) -> Int? {
        let bucket = Int(truncatingIfNeeded: hash &>> bucketShift)
        var low = Int(buckets[bucket])
        var high = Int(buckets[bucket + 1])
        while low < high {
            let middle = (low + high) >> 1
            if hashes[middle] < hash { low = middle + 1 } else { high = middle }
        }
        return low < Int(buckets[bucket + 1]) && hashes[low] == hash ? low : nil
    }

    /// How many documents hold `hash`.
    ///
    /// - Complexity: O(1) expected.
    public func documentFrequency(of hash: UInt64) -> Int {
        guard let position = position(of: hash) else { return 0 }
        return Int(offsets[position + 1] - offsets[position])
    }

    /// The identifiers of the documents holding `hash`, in the order they were added.
    ///
    /// - Complexity: O(1) expected plus O(d) for d documents.
    public func documents(holding hash: UInt64) -> [UInt32] {
        guard let position = position(of: hash) else { return [] }
        return postings[Int(offsets[position])..<Int(offsets[position + 1])].map { documentIDs[Int($0)] }
    }

    /// The number of distinct hashes document `document` holds, or `nil` when it is not indexed.
    ///
    /// - Complexity: O(n) for n documents (a scan; candidates carry this figure for free).
    public func fingerprintCount(of document: UInt32) -> Int? {
        guard let ordinal = documentIDs.firstIndex(of: document) else { return nil }
        return Int(fingerprintCounts[ordinal])
    }
}
