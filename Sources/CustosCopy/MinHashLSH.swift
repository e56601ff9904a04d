import Foundation

/// Locality-sensitive hashing of MinHash signatures by banding (Leskovec, Rajaraman and Ullman, "Mining of Massive
/// Datasets", §3.4): a signature is cut into `bands` bands of `rows` values, and two signatures become candidates
/// when any band matches exactly, which happens with probability 1 − (1 − sʳ)ᵇ for sets of Jaccard similarity s.
///
/// Each band's values are hashed to a 64-bit key (mixed with the band's number); one open-addressing table maps a
/// key to the head of a linked list of the signatures that share it, so an insertion costs `bands` table probes and
/// 4 bytes a band, with no array per bucket.
///
/// - Complexity: `insert` is O(b · r) expected; `query` is O(b · r + c log c) for c signatures in matching buckets.
public struct MinHashLSH: Sendable {
    /// The banding: `bands` × `rows` signature values are used (at most the signature length).
    public struct Parameters: Hashable, Sendable, Codable {
        /// Number of bands (b).
        public var bands: Int
        /// Signature values per band (r).
        public var rows: Int

        /// Creates a banding.
        public init(bands: Int, rows: Int) {
            self.bands = bands
            self.rows = rows
        }

        /// The probability that sets of Jaccard similarity `similarity` become candidates: 1 − (1 − sʳ)ᵇ.
        public func candidateProbability(similarity: Double) -> Double {
            1 - pow(1 - pow(similarity, Double(rows)), Double(bands))
        }

        /// The area under the candidate probability over similarities below `threshold`: how likely a pair
        /// below the threshold becomes a candidate, integrated over a uniform similarity.
        public func falsePositiveProbability(threshold: Double) -> Double {
            Self.integrate(from: 0, to: threshold) { candidateProbability(similarity: $0) }
        }

        /// The area above the candidate probability over similarities from `threshold` to 1: how likely a pair at
        /// or above the threshold is missed.
        public func falseNegativeProbability(threshold: Double) -> Double {
            Self.integrate(from: threshold, to: 1) { 1 - candidateProbability(similarity: $0) }
        }

        /// The banding that minimises `falsePositiveWeight` × false-positive probability + `falseNegativeWeight` ×
        /// false-negative probability over every b × r ≤ `numPermutations`, as datasketch's `MinHashLSH` does
        /// (`_optimal_param`, weights 0.5 and 0.5). The integrals use datasketch's own fallback quadrature (the
        /// midpoint rule with step 0.001), which picks the same bandings as its SciPy path: for 128 permutations,
        /// threshold 0.5 gives 25 bands of 5 rows and 0.8 gives 9 bands of 13 rows. The first of equally good
        /// bandings (fewest bands, then fewest rows) wins.
        ///
        /// - Complexity: O(n log n) bandings for n permutations, each integrated with 1,000 evaluations.
        public static func optimal(
            threshold: Double, numPermutations: Int, falsePositiveWeight: Double = 0.5,
            falseNegativeWeight: Double = 0.5
        ) -> Parameters {
            var best = Parameters(bands: 1, rows: 1)
            var bestError = Double.infinity
            for bands in 1...max(1, numPermutations) {
                for rows in 1...max(1, numPermutations / bands) {
                    let candidate = Parameters(bands: bands, rows: rows)
                    let error =
                        candidate.falsePositiveProbability(threshold: threshold) * falsePositiveWeight
                        + candidate.falseNegativeProbability(threshold: threshold) * falseNegativeWeight
                    if error < bestError {
                        bestError = error
                        best = candidate
                    }
                }
            }
            return best
        }

        /// The midpoint rule with step 0.001 (datasketch's `_integration`).
        static func integrate(from lower: Double, to upper: Double, _ function: (Double) -> Double) -> Double {
            let step = 0.001
            let steps = max(0, Int(((upper - lower) / step).rounded(.up)))
            var area = 0.0
            for index in 0..<steps { area += function(lower + (Double(index) + 0.5) * step) * step }
            return area
        }
    }

    /// The banding in use.
    public let parameters: Parameters
    /// The signature length this index accepts.
    public let numPermutations: Int

    /// Band key → head entry (`UInt32.max` for an empty slot); an entry is insertion number × bands + band.
    private var slotKeys: [UInt64]
    private var slotHeads: [UInt32]
    private var occupied = 0
    /// Per entry, the previous entry with the same key (`UInt32.max` ends the list).
    private var next: [UInt32] = []
    /// Per insertion, the identifier inserted.
    private var ids: [UInt32] = []

    /// An empty index with the banding datasketch would choose for `threshold`.
    ///
    /// - Throws: `CopyError.invalidArgument` unless 0 < `threshold` ≤ 1 and `numPermutations` ≥ 1.
    public init(threshold: Double, numPermutations: Int = 128) throws(CopyError) {
        guard threshold > 0, threshold <= 1 else {
            throw CopyError(.invalidArgument, "LSH threshold \(threshold) is out of range (0, 1]")
        }
        guard numPermutations >= 1 else {
            throw CopyError(.invalidArgument, "LSH needs at least one permutation, not \(numPermutations)")
        }
        try self.init(
            parameters: .optimal(threshold: threshold, numPermutations: numPermutations),
            numPermutations: numPermutations)
    }

    /// An empty index with an explicit banding.
    ///
    /// - Throws: `CopyError.invalidArgument` unless bands and rows are at least 1 and bands × rows ≤
    ///   `numPermutations`.
    public init(parameters: Parameters, numPermutations: Int) throws(CopyError) {
        guard parameters.bands >= 1, parameters.rows >= 1,
            parameters.bands.multipliedReportingOverflow(by: parameters.rows).partialValue <= numPermutations,
            parameters.bands <= numPermutations
        else {
            throw CopyError(
                .invalidArgument,
                "LSH banding \(parameters.bands) × \(parameters.rows) does not fit \(numPermutations) permutations")
        }
        self.parameters = parameters
        self.numPermutations = numPermutations
        slotKeys = [UInt64](repeating: 0, count: 64)
        slotHeads = [UInt32](repeating: .max, count: 64)
    }

    /// The number of insertions.
    public var count: Int { ids.count }

    /// The bytes the index's arrays occupy.
    public var memoryBytes: Int { slotKeys.count * 12 + next.count * 4 + ids.count * 4 }

    /// Adds a signature under `id` (an identifier inserted twice is returned once by `query`).
    ///
    /// - Precondition: `signature.values.count == numPermutations`.
    /// - Complexity: amortised O(b · r).
    public mutating func insert(id: UInt32, signature: MinHash.Signature) {
        precondition(signature.values.count == numPermutations, "signature length differs from the index's")
        let insertion = ids.count
        precondition(
            (insertion + 1) * parameters.bands < Int(UInt32.max), "an LSH index holds fewer than 2^32 band entries")
        ids.append(id)
        for band in 0..<parameters.bands {
            if (occupied + 1) * 10 > slotKeys.count * 7 { grow() }
            let key = bandKey(signature, band: band)
            let entry = UInt32(insertion * parameters.bands + band)
            let slot = findSlot(key)
            if slotHeads[slot] == .max {
                slotKeys[slot] = key
                occupied += 1
            }
            next.append(slotHeads[slot])
            slotHeads[slot] = entry
        }
    }

    /// The identifiers of every inserted signature sharing at least one band with `signature`, ascending, each once.
    ///
    /// - Precondition: `signature.values.count == numPermutations`.
    /// - Complexity: O(b · r + c log c) for c entries in the matching buckets.
    public func query(signature: MinHash.Signature) -> [UInt32] {
        precondition(signature.values.count == numPermutations, "signature length differs from the index's")
        var found: [UInt32] = []
        for band in 0..<parameters.bands {
            let slot = findSlot(bandKey(signature, band: band))
            var entry = slotHeads[slot]
            while entry != .max {
                found.append(ids[Int(entry) / parameters.bands])
                entry = next[Int(entry)]
            }
        }
        found.sort()
        var unique = 0
        for index in found.indices where index == 0 || found[index] != found[unique - 1] {
            found[unique] = found[index]
            unique += 1
        }
        found.removeLast(found.count - unique)
        return found
    }

    /// A 64-bit key for band `band`'s rows, with the band number mixed in so that equal rows in different bands
    /// land in different buckets.
    func bandKey(_ signature: MinHash.Signature, band: Int) -> UInt64 {
        var hash = Winnower.finalize(UInt64(band) &+ 0x9E37_79B9_7F4A_7C15)
        let start = band * parameters.rows
        for index in start..<(start + parameters.rows) {
            hash = (hash ^ UInt64(signature.values[index])) &* 0x0000_0100_0000_01b3
        }
        return Winnower.finalize(hash)
    }

    /// The slot holding `key`, or the empty slot where it would go (linear probing).
    private func findSlot(_ key: UInt64) -> Int {
        let mask = slotKeys.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while slotHeads[slot] != .max && slotKeys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func grow() {
        let oldKeys = slotKeys
        let oldHeads = slotHeads
        slotKeys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        slotHeads = [UInt32](repeating: .max, count: oldKeys.count * 2)
        for slot in oldKeys.indices where oldHeads[slot] != .max {
            let target = findSlot(oldKeys[slot])
            slotKeys[target] = oldKeys[slot]
            slotHeads[target] = oldHeads[slot]
        }
    }
}
