/// How the ``SellerNetworkIndex`` links seller accounts.
public struct SellerNetworkPolicy: Hashable, Sendable, Codable {
    /// How raw identifiers are normalized (and which values link no one).
    public var normalizer: IdentifierNormalizer
    /// Two shop images link their sellers when their PDQ hashes differ in at most this many bits (`0 ... 256`;
    /// values outside are clamped). 31 is the PDQ reference implementation's match threshold.
    public var imageDistanceThreshold: Int
    /// The most images one bucket of the image multi-index may hold and still be searched. A guard against
    /// degenerate inputs (thousands of near-identical blank banners share their chunks): an over-full bucket is
    /// skipped, which bounds every image search to 16 × (probes per chunk) × this many comparisons; searches that
    /// skip one are counted in ``SellerNetworkIndex/truncatedImageSearches``.
    public var maximumImageBucketSize: Int

    /// The default policy: standard normalization, image distance ≤ 31, buckets of up to 4 096 images searched.
    public static let standard = SellerNetworkPolicy()

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - normalizer: how raw identifiers are normalized.
    ///   - imageDistanceThreshold: the largest Hamming distance that links two shop images.
    ///   - maximumImageBucketSize: the most images a searched bucket may hold.
    public init(
        normalizer: IdentifierNormalizer = .standard, imageDistanceThreshold: Int = 31,
        maximumImageBucketSize: Int = 4_096
    ) {
        self.normalizer = normalizer
        self.imageDistanceThreshold = imageDistanceThreshold
        self.maximumImageBucketSize = maximumImageBucketSize
    }

    /// The threshold actually applied.
    var effectiveImageDistanceThreshold: Int { min(256, max(0, imageDistanceThreshold)) }

    /// The bucket size actually applied.
    var effectiveMaximumImageBucketSize: Int { max(1, maximumImageBucketSize) }

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
        maximumImageBucketSize =
            try container.decodeIfPresent(Int.self, forKey: .maximumImageBucketSize) ?? 4_096
        guard maximumImageBucketSize >= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .maximumImageBucketSize, in: container,
                debugDescription: "maximum_image_bucket_size must be at least 1")
        }
    }

    enum CodingKeys: String, CodingKey {
        case normalizer
        case imageDistanceThreshold = "image_distance_threshold"
        case maximumImageBucketSize = "maximum_image_bucket_size"
    }
}
