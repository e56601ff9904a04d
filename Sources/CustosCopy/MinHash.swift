/// MinHash signatures (Broder 1997): for each of `numPermutations` hash functions, the minimum over a set's
/// elements, so that the fraction of positions where two signatures agree estimates the sets' Jaccard similarity
/// with standard error sqrt(J(1 − J) / numPermutations) (±0.044 at J = 0.5 with 128 permutations).
///
/// The hash functions are Dietzfelbinger's multiply-add-shift, strongly universal from 32-bit keys to 32-bit values:
/// h(x) = (a·x + b mod 2⁶⁴) div 2³², with a and b drawn from SplitMix64 seeded with `seed`, and each 64-bit element
/// folded to a 32-bit key x (its high half xor its low half). It is a faster equivalent of the textbook
/// (a·x + b) mod (2⁶¹ − 1): no 128-bit product and no division, so the loop over permutations is two 32 × 32-bit
/// vector multiplies and a minimum per element (about 1 ns per element and permutation on one x86-64 core with
/// SSE2 only). A fixed seed gives the same signatures on every run and machine, so signatures can be stored.
///
/// Elements are 64-bit hashes (shingles of token symbols, see `shingles(symbols:size:)`), assumed well mixed.
public struct MinHash: Hashable, Sendable {
    /// A signature: one 32-bit minimum per permutation.
    public struct Signature: Hashable, Sendable, Codable {
        /// The minimums, one per permutation; `UInt32.max` everywhere for the empty set.
        public var values: [UInt32]

        /// Wraps precomputed minimums.
        public init(values: [UInt32]) {
            self.values = values
        }

        /// The estimated Jaccard similarity of the two sets: the fraction of permutations whose minimums agree.
        ///
        /// Two empty sets estimate 1. Signatures of different lengths compare over the shorter one.
        ///
        /// - Complexity: O(numPermutations).
        public func jaccard(estimate other: Signature) -> Double {
            let length = min(values.count, other.values.count)
            guard length > 0 else { return 0 }
            var equal = 0
            for index in 0..<length where values[index] == other.values[index] { equal += 1 }
            return Double(equal) / Double(length)
        }
    }

    /// The default seed, fixed so that signatures are stable.
    public static let defaultSeed: UInt64 = 0x4375_7374_6f73_4d48  // "CustosMH"

    /// The number of hash functions (signature length).
    public let numPermutations: Int
    /// The seed the hash functions were drawn from.
    public let seed: UInt64
    private let multipliers: [UInt64]
    private let increments: [UInt64]

    /// Creates the hash family.
    ///
    /// - Parameters:
    ///   - numPermutations: signature length, 1 or more (128 estimates a Jaccard of 0.5 to about ±0.04).
    ///   - seed: the family's seed; signatures compare only between families with equal seeds and lengths.
    public init(numPermutations: Int = 128, seed: UInt64 = MinHash.defaultSeed) {
        precondition(numPermutations >= 1, "a MinHash needs at least one permutation")
        self.numPermutations = numPermutations
        self.seed = seed
        var state = seed
        var multipliers: [UInt64] = []
        var increments: [UInt64] = []
        for _ in 0..<numPermutations {
            multipliers.append(Self.splitMix(&state))
            increments.append(Self.splitMix(&state))
        }
        self.multipliers = multipliers
        self.increments = increments
    }

    /// The signature of the set of `elements` (duplicates do not matter).
    ///
    /// - Complexity: O(e · numPermutations) for e elements; about a nanosecond per element and permutation.
    public func signature(of elements: some Sequence<UInt64>) -> Signature {
        signature(ofArray: Array(elements))
    }

    /// The signature of `elements`, in non-generic code so that the loops below are optimised as written.
    func signature(ofArray elements: [UInt64]) -> Signature {
        // Fold each 64-bit element to the 32-bit key the hash family takes (two distinct shingles collide with
        // probability 2⁻³², which does not move an estimate). Masked here, in the loops' function, so that the
        // compiler sees 32 × 64-bit products, which SSE2 vectorises.
        let keys = elements.map { ($0 ^ ($0 >> 32)) & 0xFFFF_FFFF }
        var minimums = [UInt32](repeating: .max, count: numPermutations)
        let count = numPermutations
        minimums.withUnsafeMutableBufferPointer { minimums in
            multipliers.withUnsafeBufferPointer { multipliers in
                increments.withUnsafeBufferPointer { increments in
                    // Four elements a pass over the permutations: a quarter of the loads and stores of the
                    // minimums, and a branch-free body the compiler vectorises.
                    var element = 0
                    while element + 4 <= keys.count {
                        let x0 = keys[element] & 0xFFFF_FFFF
                        let x1 = keys[element + 1] & 0xFFFF_FFFF
                        let x2 = keys[element + 2] & 0xFFFF_FFFF
                        let x3 = keys[element + 3] & 0xFFFF_FFFF
                        for index in 0..<count {
                            let a = multipliers[index]
                            let b = increments[index]
                            let h0 = UInt32(truncatingIfNeeded: (a &* x0 &+ b) >> 32)
                            let h1 = UInt32(truncatingIfNeeded: (a &* x1 &+ b) >> 32)
                            let h2 = UInt32(truncatingIfNeeded: (a &* x2 &+ b) >> 32)
                            let h3 = UInt32(truncatingIfNeeded: (a &* x3 &+ b) >> 32)
                            minimums[index] = Swift.min(
                                Swift.min(minimums[index], Swift.min(h0, h1)), Swift.min(h2, h3))
                        }
                        element += 4
                    }
                    while element < keys.count {
                        let x = keys[element] & 0xFFFF_FFFF
                        for index in 0..<count {
                            let hash = UInt32(truncatingIfNeeded: (multipliers[index] &* x &+ increments[index]) >> 32)
                            minimums[index] = Swift.min(minimums[index], hash)
                        }
                        element += 1
                    }
                }
            }
        }
        return Signature(values: minimums)
    }

    /// The w-shingles of a token sequence: one 64-bit hash per run of `size` consecutive symbols
    /// (`symbols.count - size + 1` of them), equal to the winnowing k-gram hashes for k = `size`. A non-empty
    /// sequence shorter than `size` yields one shingle over all its symbols, so that a short text still has a
    /// signature.
    ///
    /// - Complexity: O(n).
    public static func shingles(symbols: [UInt64], size: Int) -> [UInt64] {
        precondition(size >= 1, "a shingle holds at least one symbol")
        guard !symbols.isEmpty else { return [] }
        let k = Swift.min(size, symbols.count)
        // The same polynomial rolling hash and finaliser as `Winnower.kgramHashes`.
        let base: UInt64 = 0x100_0000_01b3
        var top: UInt64 = 1
        for _ in 1..<k { top &*= base }
        var result = [UInt64](repeating: 0, count: symbols.count - k + 1)
        var rolling: UInt64 = 0
        for (index, symbol) in symbols.enumerated() {
            if index >= k { rolling &-= symbols[index - k] &* top }
            rolling = rolling &* base &+ symbol
            if index >= k - 1 { result[index - k + 1] = Winnower.finalize(rolling) }
        }
        return result
    }

    /// SplitMix64 (Steele, Lea and Flood 2014): a fixed, portable generator for the hash functions' constants.
    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Winnower.finalize(state)
    }
}
