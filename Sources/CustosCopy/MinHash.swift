/// MinHash signatures (Broder 1997): for each of `numPermutations` hash functions, the minimum over a set's
/// elements, so that the fraction of positions where two signatures agree estimates the sets' Jaccard similarity
/// with standard error sqrt(J(1 − J) / numPermutations) (±0.044 at J = 0.5 with 128 permutations).
///
/// The hash functions are Dietzfelbinger's vector multiply-shift, strongly universal from two 32-bit halves to a
/// 32-bit value: h(x) = (a₁·lo(x) + a₂·hi(x) + b mod 2⁶⁴) div 2³², with a₁, a₂, b drawn from SplitMix64 seeded with
/// `seed`. It is a faster equivalent of the textbook (a·x + b) mod (2⁶¹ − 1): no 128-bit product, so the loop over
/// permutations is a handful of vector multiplies and minimums per element. A fixed seed gives the same
/// signatures on every run and machine, so signatures can be stored.
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
    private let multipliersLow: [UInt64]
    private let multipliersHigh: [UInt64]
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
        var low: [UInt64] = []
        var high: [UInt64] = []
        var increments: [UInt64] = []
        for _ in 0..<numPermutations {
            low.append(Self.splitMix(&state))
            high.append(Self.splitMix(&state))
            increments.append(Self.splitMix(&state))
        }
        multipliersLow = low
        multipliersHigh = high
        self.increments = increments
    }

    /// The signature of the set of `elements` (duplicates do not matter).
    ///
    /// - Complexity: O(e · numPermutations) for e elements.
    public func signature(of elements: some Sequence<UInt64>) -> Signature {
        var minimums = [UInt32](repeating: .max, count: numPermutations)
        let count = numPermutations
        minimums.withUnsafeMutableBufferPointer { minimums in
            multipliersLow.withUnsafeBufferPointer { low in
                multipliersHigh.withUnsafeBufferPointer { high in
                    increments.withUnsafeBufferPointer { increments in
                        for element in elements {
                            let lowHalf = element & 0xFFFF_FFFF
                            let highHalf = element >> 32
                            // Branch-free so that the loop vectorises.
                            for index in 0..<count {
                                let mixed = low[index] &* lowHalf &+ high[index] &* highHalf &+ increments[index]
                                minimums[index] = Swift.min(minimums[index], UInt32(truncatingIfNeeded: mixed >> 32))
                            }
                        }
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
