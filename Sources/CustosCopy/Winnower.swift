/// Selects winnowing fingerprints from a token stream (Schleimer, Wilkerson and Aiken 2003, "robust winnowing":
/// in each window of `window` consecutive k-gram hashes the minimum is kept, the rightmost on ties, and a minimum
/// is recorded once however many windows it spans).
///
/// K-gram hashes are a polynomial rolling hash over the token symbols, passed through a 64-bit finaliser so that
/// the window minimum is not biased towards particular token sequences.
public struct Winnower: Sendable {
    /// The parameters in use.
    public let parameters: WinnowingParameters

    /// Creates a winnower.
    public init(parameters: WinnowingParameters) {
        self.parameters = parameters
    }

    /// The hash of every k-gram of `symbols`: `max(0, n - k + 1)` values, the i-th starting at token i.
    ///
    /// - Complexity: O(n).
    public func kgramHashes(_ symbols: some Collection<UInt64>) -> [UInt64] {
        let k = parameters.k
        let count = symbols.count
        guard count >= k else { return [] }
        var hashes = [UInt64](repeating: 0, count: count - k + 1)
        // h = Σ s[i+j] · B^(k-1-j) (mod 2^64); rolling: h' = (h - s[i]·B^(k-1))·B + s[i+k].
        let base: UInt64 = 0x100_0000_01b3
        var top: UInt64 = 1
        for _ in 1..<k { top &*= base }
        var rolling: UInt64 = 0
        var ring = [UInt64](repeating: 0, count: k)
        var index = 0
        for symbol in symbols {
            if index >= k {
                rolling &-= ring[index % k] &* top
            }
            rolling = rolling &* base &+ symbol
            ring[index % k] = symbol
            if index >= k - 1 {
                hashes[index - k + 1] = Self.finalize(rolling)
            }
            index += 1
        }
        return hashes
    }

    /// The fingerprints of `symbols`, positions counted from `offset` (so that the fingerprints of several files
    /// concatenated in one document carry document positions).
    ///
    /// - Complexity: O(n) expected (each window minimum is recomputed only when it leaves the window).
    public func fingerprints(_ symbols: some Collection<UInt64>, offset: Int = 0) -> [Fingerprint] {
        let hashes = kgramHashes(symbols)
        return Self.winnow(hashes, window: parameters.window, offset: offset)
    }

    /// Robust winnowing of precomputed k-gram hashes.
    ///
    /// - Complexity: O(n · w) worst case, O(n) expected.
    public static func winnow(_ hashes: [UInt64], window: Int, offset: Int = 0) -> [Fingerprint] {
        guard !hashes.isEmpty else { return [] }
        // A file shorter than one window still contributes its minimum.
        let window = min(window, hashes.count)
        var selected: [Fingerprint] = []
        selected.reserveCapacity(hashes.count * 2 / (window + 1) + 1)
        var minimum = -1
        for end in (window - 1)..<hashes.count {
            let start = end - window + 1
            if minimum < start {
                // The previous minimum left the window: rescan, rightmost minimum wins.
                minimum = start
                for i in start...end where hashes[i] <= hashes[minimum] { minimum = i }
                selected.append(Fingerprint(hash: hashes[minimum], position: Int32(clamping: minimum + offset)))
            } else if hashes[end] <= hashes[minimum] {
                minimum = end
                selected.append(Fingerprint(hash: hashes[minimum], position: Int32(clamping: minimum + offset)))
            }
        }
        return selected
    }

    /// SplitMix64's finaliser: a bijection on 64-bit words with full avalanche.
    @inline(__always)
    static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
