/// The thresholds and weights that turn screening evidence into clues; documented in docs/screening.md.
public struct ScreeningPolicy: Hashable, Sendable {
    /// Clues scoring below this are not stored.
    public var clueThreshold: Double
    /// Mentions of marks scoring below this are not considered at all.
    public var mentionThreshold: Double
    /// A price below this fraction of the reference price is an anomaly.
    public var priceRatioThreshold: Double

    /// Base evidence of naming the mark exactly: genuine goods name their brand, so this alone is no clue.
    public var exactMentionBase: Double
    /// How much each kind of evidence can contribute when combined (noisy-OR weights).
    public var vocabularyWeight: Double
    /// Weight of a price anomaly.
    public var priceWeight: Double
    /// Weight of the seller's earlier clues.
    public var sellerWeight: Double
    /// Weight of the seller's network risk: accounts sharing its identifiers that have findings against them.
    public var networkWeight: Double

    /// Creates a policy; the defaults are the documented ones.
    public init(
        clueThreshold: Double = 0.6, mentionThreshold: Double = 0.6, priceRatioThreshold: Double = 0.5,
        exactMentionBase: Double = 0.45, vocabularyWeight: Double = 0.8, priceWeight: Double = 0.7,
        sellerWeight: Double = 0.5, networkWeight: Double = 0.6
    ) {
        self.clueThreshold = clueThreshold
        self.mentionThreshold = mentionThreshold
        self.priceRatioThreshold = priceRatioThreshold
        self.exactMentionBase = exactMentionBase
        self.vocabularyWeight = vocabularyWeight
        self.priceWeight = priceWeight
        self.sellerWeight = sellerWeight
        self.networkWeight = networkWeight
    }

    /// The documented defaults.
    public static let standard = ScreeningPolicy()
}
