/// A 64-bit FNV-1a hasher over Unicode scalars with a final avalanche: stable across runs and platforms (unlike
/// `Hasher`) and cheap for non-ASCII text (unlike `String` hashing, which normalizes first).
///
/// Used for index keys and term tables, where a collision only costs a wasted comparison, never a wrong answer.
public struct StableHasher: Sendable {
    @usableFromInline var state: UInt64

    /// Starts a hash; different `seed`s give unrelated hashes for the same input.
    @inlinable @inline(__always)
    public init(seed: UInt64 = 0) {
        state = 0xcbf2_9ce4_8422_2325 ^ (seed &* 0x9E37_79B9_7F4A_7C15)
    }

    /// Adds one scalar.
    @inlinable @inline(__always)
    public mutating func combine(_ scalar: Unicode.Scalar) {
        combine(scalar.value)
    }

    /// Adds one 32-bit value.
    @inlinable @inline(__always)
    public mutating func combine(_ value: UInt32) {
        state ^= UInt64(value)
        state &*= 0x100_0000_01b3
    }

    /// Adds every scalar of a sequence.
    @inlinable @inline(__always)
    public mutating func combine<S: Sequence>(contentsOf scalars: S) where S.Element == Unicode.Scalar {
        for scalar in scalars { combine(scalar.value) }
    }

    /// The hash of everything added so far (the hasher can keep going afterwards).
    @inlinable @inline(__always)
    public func finalize() -> UInt64 {
        var hash = state
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }

    /// The hash of a whole string's scalars.
    @inlinable @inline(__always)
    public static func hash(_ text: String, seed: UInt64 = 0) -> UInt64 {
        var hasher = StableHasher(seed: seed)
        hasher.combine(contentsOf: text.unicodeScalars)
        return hasher.finalize()
    }
}
