/// How two submissions overlap.
public struct PairComparison: Hashable, Sendable {
    /// The symmetric score: tokens of both sides inside matches over tokens of both sides (boilerplate excluded),
    /// in 0…1.
    public var similarity: Double
    /// The share of A's tokens found in B (how much of A is inside B), in 0…1.
    public var aInB: Double
    /// The share of B's tokens found in A, in 0…1.
    public var bInA: Double
    /// Tokens of A inside matches.
    public var matchedTokensA: Int
    /// Tokens of B inside matches.
    public var matchedTokensB: Int
    /// The matching regions (greedy string tiles, adjacent ones merged), in A's order.
    public var matches: [CopyMatch]

    /// Creates a comparison.
    public init(
        similarity: Double, aInB: Double, bInA: Double, matchedTokensA: Int, matchedTokensB: Int,
        matches: [CopyMatch]
    ) {
        self.similarity = similarity
        self.aInB = aInB
        self.bInA = bInA
        self.matchedTokensA = matchedTokensA
        self.matchedTokensB = matchedTokensB
        self.matches = matches
    }

    /// Two submissions with nothing in common.
    public static let none = PairComparison(
        similarity: 0, aInB: 0, bInA: 0, matchedTokensA: 0, matchedTokensB: 0, matches: [])
}
