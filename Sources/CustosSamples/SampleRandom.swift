/// The pseudo-random generator behind every sample generator: xoshiro256** seeded through SplitMix64.
///
/// Custos needs the same records from the same seed on every platform, Swift version and run, so it does not
/// use `SystemRandomNumberGenerator` or the standard library's `random(in:using:)` (whose algorithm may change);
/// bounded draws use Lemire's multiply-high mapping, written out here.
/// Sources: Blackman and Vigna, "Scrambled linear pseudorandom number generators" (2021), and the reference
/// code at https://prng.di.unimi.it (xoshiro256starstar.c, splitmix64.c).
struct SampleRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator for stream `stream` of `seed`: record `i` of a generator uses stream `i`, so any record can be
    /// made without making the ones before it, and the first records do not depend on how many are asked for.
    init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(state: seed ^ SplitMix64.mix(stream &+ 0x6A09_E667_F3BC_C909))
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(by: 45)
        return result
    }

    /// A number in `0..<bound`; `bound` must be positive.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniformly distributed number in `0..<1` with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Whether an event of probability `probability` happens.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }
}

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014): used to expand a
/// seed into xoshiro's 256-bit state, as its authors recommend.
struct SplitMix64 {
    var state: UInt64

    /// The next 64 bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's output function: a bijective 64-bit mixer.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 - count))
    }
}
