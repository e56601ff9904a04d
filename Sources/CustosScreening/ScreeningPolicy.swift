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
    /// Weight of an image match: a listing image within ``imageMatchMaxDistance`` bits of a right's registered
    /// image. With the defaults a match within 20 bits raises a clue on its own (a listing reusing the brand's
    /// product photo without naming the brand is the classic counterfeit); a weaker one needs other evidence.
    public var imageWeight: Double
    /// The largest PDQ distance counted as an image match; 31 is PDQ's own match threshold.
    public var imageMatchMaxDistance: Int
    /// The image match's strength at ``imageMatchMaxDistance``; it falls linearly from 1 at distance 0.
    public var imageStrengthAtMaxDistance: Double
    /// Listing images whose PDQ quality is below this are not matched (too flat or small for the hash to say
    /// anything).
    public var imageMinimumQuality: Int
    /// Weight of a copy match: a listing's title and description copy a registered text work. With the defaults
    /// a listing of which half is copied raises a clue on its own.
    public var copyWeight: Double
    /// The fewest distinct winnowing fingerprints a listing must share with a registered work to count as a copy
    /// (one fingerprint is one copied run of about a sentence; a single shared phrase is often a common one).
    public var copyMinimumSharedFingerprints: Int
    /// The copy match's strength when almost none of the listing is copied; it rises linearly to 1 when all of
    /// it is.
    public var copyStrengthAtNoShare: Double

    /// Creates a policy; the defaults are the documented ones.
    public init(
        clueThreshold: Double = 0.6, mentionThreshold: Double = 0.6, priceRatioThreshold: Double = 0.5,
        exactMentionBase: Double = 0.45, vocabularyWeight: Double = 0.8, priceWeight: Double = 0.7,
        sellerWeight: Double = 0.5, networkWeight: Double = 0.6, imageWeight: Double = 0.9,
        imageMatchMaxDistance: Int = 31, imageStrengthAtMaxDistance: Double = 0.5, imageMinimumQuality: Int = 50,
        copyWeight: Double = 0.9, copyMinimumSharedFingerprints: Int = 3, copyStrengthAtNoShare: Double = 0.4
    ) {
        self.clueThreshold = clueThreshold
        self.mentionThreshold = mentionThreshold
        self.priceRatioThreshold = priceRatioThreshold
        self.exactMentionBase = exactMentionBase
        self.vocabularyWeight = vocabularyWeight
        self.priceWeight = priceWeight
        self.sellerWeight = sellerWeight
        self.networkWeight = networkWeight
        self.imageWeight = imageWeight
        self.imageMatchMaxDistance = imageMatchMaxDistance
        self.imageStrengthAtMaxDistance = imageStrengthAtMaxDistance
        self.imageMinimumQuality = imageMinimumQuality
        self.copyWeight = copyWeight
        self.copyMinimumSharedFingerprints = copyMinimumSharedFingerprints
        self.copyStrengthAtNoShare = copyStrengthAtNoShare
    }

    /// The strength of an image match at `distance` bits: 1 at 0, falling linearly to
    /// ``imageStrengthAtMaxDistance`` at ``imageMatchMaxDistance``, rounded to three decimals.
    ///
    /// - Parameter distance: the Hamming distance, `0 ... imageMatchMaxDistance`.
    /// - Returns: the strength in 0…1.
    public func imageStrength(distance: Int) -> Double {
        let span = Double(max(imageMatchMaxDistance, 1))
        let fraction = min(max(Double(distance) / span, 0), 1)
        let strength = 1 - (1 - imageStrengthAtMaxDistance) * fraction
        return (min(max(strength, 0), 1) * 1000).rounded() / 1000
    }

    /// The strength of a copy match of which `share` of the listing is copied: ``copyStrengthAtNoShare`` at 0,
    /// rising linearly to 1 at 1, rounded to three decimals.
    ///
    /// - Parameter share: the share of the listing's fingerprints found in the registered work, 0…1.
    /// - Returns: the strength in 0…1.
    public func copyStrength(share: Double) -> Double {
        let fraction = min(max(share, 0), 1)
        let strength = copyStrengthAtNoShare + (1 - copyStrengthAtNoShare) * fraction
        return (min(max(strength, 0), 1) * 1000).rounded() / 1000
    }

    /// The documented defaults.
    public static let standard = ScreeningPolicy()
}
