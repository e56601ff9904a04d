/// One hash a ``HammingIndex`` search found: where it sits in the index and how far it is from the query.
///
/// Matches order by distance, then by identifier, which is the order searches return them in.
public struct HammingMatch: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The hash's identifier in the index: the position it was added at, from 0.
    public var id: Int
    /// The number of bits in which the hash differs from the query, `0 ... 256`.
    public var distance: Int

    /// Creates a match.
    ///
    /// - Parameters:
    ///   - id: the hash's identifier in the index.
    ///   - distance: its Hamming distance from the query.
    public init(id: Int, distance: Int) {
        self.id = id
        self.distance = distance
    }

    /// Orders by distance, then by identifier.
    public static func < (lhs: HammingMatch, rhs: HammingMatch) -> Bool {
        lhs.distance != rhs.distance ? lhs.distance < rhs.distance : lhs.id < rhs.id
    }

    /// `id@distance`.
    public var description: String { "\(id)@\(distance)" }
}
