import Crypto
import Foundation

/// The Merkle tree hashing of RFC 9162 §2.1.1 (unchanged from RFC 6962): leaves and interior nodes are
/// domain-separated so that a leaf can never be passed off as a node.
public enum RFC6962 {
    /// The size of every hash, in bytes.
    public static let hashSize = 32

    /// The root of the empty tree: SHA-256 of the empty string.
    public static let emptyRoot: [UInt8] = Array(SHA256.hash(data: [UInt8]()))

    /// The hash of a leaf: SHA-256(0x00 ‖ entry).
    public static func leafHash<D: DataProtocol>(_ entry: D) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: entry)
        return Array(hasher.finalize())
    }

    /// The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left)
        hasher.update(data: right)
        return Array(hasher.finalize())
    }

    /// The largest power of two strictly smaller than `n` (n > 1): where RFC 9162 splits a tree of n leaves.
    @inline(__always)
    static func split(_ n: UInt64) -> UInt64 {
        precondition(n > 1, "a tree of one leaf or fewer is not split")
        return 1 << (63 - (n - 1).leadingZeroBitCount)
    }
}
