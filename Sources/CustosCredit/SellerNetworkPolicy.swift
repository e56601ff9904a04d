/// How the ``SellerNetworkIndex`` links seller accounts.
public struct SellerNetworkPolicy: Hashable, Sendable, Codable {
    /// How raw identifiers are normalized (and which values link no one).
    public var normalizer: IdentifierNormalizer
    /// Two shop images link their sellers when their PDQ hashes differ in at most this many bits (`0 ... 256`;
    /// values outside are clamped). 31 is the PDQ reference implementation's match threshold.
    public var imageDistanceThreshold: Int
    /// The most stored image hashes one new hash is compared with. A guard against degenerate inputs (thousands of
    /// near-identical blank banners): when a search reaches it, the remaining candidates are skipped and the index
    /// counts the search in ``SellerNetworkIndex/truncatedImageSearches``.
    public var maximumImageCandidates: Int

    /// The default policy: standard normalization, image distance ≤ 31, at most 100 000 candidates per image.
    public static let standard = SellerNetworkPolicy()

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - normalizer: how raw identifiers are normalized.
    ///   - imageDistanceThreshold: the largest Hamming distance that links two shop images.
    ///   - maximumImageCandidates: the most stored hashes one new hash is compared with.
    public init(
        normalizer: IdentifierNormalizer = .standard, imageDistanceThreshold: Int = 31,
        maximumImageCandidates: Int = 100_000
    ) {
        self.normalizer = normalizer
        self.imageDistanceThreshold = imageDistanceThreshold
        self.maximumImageCandidates = maximumImageCandidates
    }

    /// The threshold actually applied.
    var effectiveImageDistanceThreshold: Int { min(256, max(0, imageDistanceThreshold)) }

    /// Decodes a policy; absent fields take the ``standard`` values.
    ///
    /// - Throws: `DecodingError` when a field is malformed or out of range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        normalizer = try container.decodeIfPresent(IdentifierNormalizer.self, forKey: .normalizer) ?? .standard
        imageDistanceThreshold = try container.decodeIfPresent(Int.self, forKey: .imageDistanceThreshold) ?? 31
        guard (0...256).contains(imageDistanceThreshold) else {
            throw DecodingError.dataCorruptedError(
                forKey: .imageDistanceThreshold, in: container,
                debugDescription: "image_distance_threshold must be 0 to 256")
        }
        maximumImageCandidates =
            try container.decodeIfPresent(Int.self, forKey: .maximumImageCandidates) ?? 100_000
        guard maximumImageCandidates >= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .maximumImageCandidates, in: container,
                debugDescription: "maximum_image_candidates must be at least 1")
        }
    }

    enum CodingKeys: String, CodingKey {
        case normalizer
        case imageDistanceThreshold = "image_distance_threshold"
        case maximumImageCandidates = "maximum_image_candidates"
    }
}
