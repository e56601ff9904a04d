import CustosCore
import CustosImage
import CustosStore

/// A registered image found by ``RightImageSearch``, with the right it belongs to.
public struct RightImageSearchHit: Hashable, Sendable, Codable {
    /// The right.
    public var right: Right.ID
    /// The right's name.
    public var name: String
    /// The right's kind.
    public var kind: RightKind
    /// The registered image's position among the right's images, from 0.
    public var position: Int
    /// Bits in which the query (in ``orientation``) differs from the registered image, `0 ... 256`.
    public var distance: Int
    /// The orientation of the query that matched.
    public var orientation: String
    /// The registered image's PDQ hash.
    public var pdq: ImageHash
    /// The registered image's PDQ quality.
    public var quality: Int
    /// Whether a thumbnail of the registered image is stored.
    public var hasThumbnail: Bool

    /// Creates a hit.
    ///
    /// - Parameters:
    ///   - right: the right.
    ///   - name: its name.
    ///   - kind: its kind.
    ///   - position: the image's position.
    ///   - distance: the Hamming distance.
    ///   - orientation: the query orientation that matched.
    ///   - pdq: the registered hash.
    ///   - quality: the registered image's quality.
    ///   - hasThumbnail: whether a thumbnail is stored.
    public init(
        right: Right.ID, name: String, kind: RightKind, position: Int, distance: Int, orientation: String,
        pdq: ImageHash, quality: Int, hasThumbnail: Bool = false
    ) {
        self.right = right
        self.name = name
        self.kind = kind
        self.position = position
        self.distance = distance
        self.orientation = orientation
        self.pdq = pdq
        self.quality = quality
        self.hasThumbnail = hasThumbnail
    }

    enum CodingKeys: String, CodingKey {
        case right = "right_id"
        case name, kind, position, distance, orientation, pdq, quality
        case hasThumbnail = "has_thumbnail"
    }
}

/// Searches an organisation's registered images for one image: what `custos image search` and
/// `POST /api/v1/images/search` answer.
public enum RightImageSearch {
    /// The largest distance a search accepts: beyond 64 bits nearly every hash is a neighbour of some other.
    public static let maximumDistance = 64

    /// The organisation's registered images within `maxDistance` of any orientation of `fingerprint`, closest
    /// first, each with its right's name and kind. Rights of every status are searched (a search is a question,
    /// not a clue).
    ///
    /// - Parameters:
    ///   - fingerprint: the query image.
    ///   - maxDistance: the largest distance reported, `0 ... maximumDistance`.
    ///   - store: the store.
    ///   - organisation: the organisation whose images are searched.
    /// - Returns: the hits.
    /// - Throws: store errors.
    public static func search(
        _ fingerprint: ImageFingerprint, maxDistance: Int = PDQHasher.matchThreshold, in store: any CustosStore,
        organisation: Organisation.ID
    ) async throws -> [RightImageSearchHit] {
        let index = try await RightImageIndex.load(from: store, organisation: organisation)
        let matches = index.matches(for: fingerprint, maxDistance: min(max(maxDistance, 0), maximumDistance))
        var rights: [Right.ID: Right] = [:]
        var registered: [Right.ID: [Int: RightImage]] = [:]
        var hits: [RightImageSearchHit] = []
        for match in matches {
            if rights[match.right] == nil {
                guard let right = try await store.rights.right(match.right, in: organisation) else { continue }
                rights[match.right] = right
                registered[match.right] = Dictionary(
                    try await store.rightImages.images(of: match.right, in: organisation).map { ($0.position, $0) },
                    uniquingKeysWith: { first, _ in first })
            }
            guard let right = rights[match.right], let image = registered[match.right]?[match.position] else {
                continue
            }
            hits.append(
                RightImageSearchHit(
                    right: right.id, name: right.name, kind: right.kind, position: match.position,
                    distance: match.distance, orientation: match.orientation, pdq: image.hash, quality: match.quality,
                    hasThumbnail: image.thumbnail != nil))
        }
        return hits
    }
}
