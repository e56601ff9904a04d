import CustosCore
import CustosImage
import CustosStore
import Synchronization

/// A match of an image against a registered image of a right.
public struct RightImageMatch: Sendable, Hashable, Codable {
    /// The right.
    public var right: Right.ID
    /// The matched image's position among the right's images.
    public var position: Int
    /// The path or URL the right's record named for the image.
    public var source: String
    /// Bits in which the closest orientation of the query differs from the registered hash, `0 ... 256`.
    public var distance: Int
    /// The orientation of the query that matched (`original` unless the copy was rotated or mirrored).
    public var orientation: String
    /// The registered image's PDQ quality.
    public var quality: Int

    /// Creates a match.
    ///
    /// - Parameters:
    ///   - right: the right.
    ///   - position: the image's position.
    ///   - source: the image's path or URL.
    ///   - distance: the Hamming distance.
    ///   - orientation: the query orientation that matched.
    ///   - quality: the registered image's quality.
    public init(right: Right.ID, position: Int, source: String, distance: Int, orientation: String, quality: Int) {
        self.right = right
        self.position = position
        self.source = source
        self.distance = distance
        self.orientation = orientation
        self.quality = quality
    }
}

/// The registered images of one organisation in a ``HammingIndex``, searched with all eight orientations of a query
/// so that rotated and mirrored copies are found too.
public struct RightImageIndex: Sendable {
    private let index: HammingIndex
    private let images: [RightImage]

    /// Indexes registered images (their thumbnails are not kept).
    ///
    /// - Parameter images: the images, usually every image of one organisation.
    public init(images: [RightImage]) {
        self.images = images.map { image in
            var image = image
            image.thumbnail = nil
            return image
        }
        index = HammingIndex(images.map(\.hash))
    }

    /// Loads every registered image of `organisation`.
    ///
    /// - Parameters:
    ///   - store: the store.
    ///   - organisation: the organisation.
    /// - Returns: the index.
    /// - Throws: store errors.
    public static func load(from store: any CustosStore, organisation: Organisation.ID) async throws -> RightImageIndex
    {
        let collected = Mutex<[RightImage]>([])
        try await store.rightImages.forEachImage(in: organisation, batchSize: 10_000) { batch in
            collected.withLock { $0 += batch }
        }
        return RightImageIndex(images: collected.withLock { $0 })
    }

    /// How many images are indexed.
    public var count: Int { images.count }

    /// The rights with at least one indexed image.
    public var rights: Set<Right.ID> { Set(images.map(\.right)) }

    /// How many images each right has indexed.
    public var imageCounts: [Right.ID: Int] {
        var counts: [Right.ID: Int] = [:]
        for image in images { counts[image.right, default: 0] += 1 }
        return counts
    }

    /// Registered images within `maxDistance` of any orientation of `fingerprint`, closest first, one match per
    /// registered image (its closest orientation). Registered images of too low a quality are skipped.
    ///
    /// - Parameters:
    ///   - fingerprint: the query image.
    ///   - maxDistance: the largest Hamming distance reported, `0 ... 256`; 31 is PDQ's match threshold.
    /// - Returns: the matches.
    public func matches(for fingerprint: ImageFingerprint, maxDistance: Int = PDQHasher.matchThreshold)
        -> [RightImageMatch]
    {
        matches(
            for: Array(zip(fingerprint.orientations, PDQDihedralHashes.Orientation.allCases)), maxDistance: maxDistance)
    }

    /// Registered images within `maxDistance` of `hash` as given, closest first: for a hash computed elsewhere
    /// (a platform's own PDQ of a listing image), whose other orientations are unknown.
    ///
    /// - Parameters:
    ///   - hash: the query hash.
    ///   - maxDistance: the largest Hamming distance reported, `0 ... 256`.
    /// - Returns: the matches, each in the `original` orientation.
    public func matches(for hash: ImageHash, maxDistance: Int = PDQHasher.matchThreshold) -> [RightImageMatch] {
        matches(for: [(hash, .original)], maxDistance: maxDistance)
    }

    private func matches(
        for queries: [(ImageHash, PDQDihedralHashes.Orientation)], maxDistance: Int
    ) -> [RightImageMatch] {
        guard !images.isEmpty else { return [] }
        var best: [Int: (distance: Int, orientation: PDQDihedralHashes.Orientation)] = [:]
        for (hash, orientation) in queries {
            for match in index.search(hash, maxDistance: maxDistance)
            where match.distance < best[match.id]?.distance ?? Int.max {
                best[match.id] = (match.distance, orientation)
            }
        }
        return best.compactMap { id, found -> RightImageMatch? in
            let image = images[id]
            guard image.quality >= PDQHasher.minimumQuality else { return nil }
            return RightImageMatch(
                right: image.right, position: image.position, source: image.source, distance: found.distance,
                orientation: found.orientation.rawValue, quality: image.quality)
        }.sorted { ($0.distance, $0.right.rawValue, $0.position) < ($1.distance, $1.right.rawValue, $1.position) }
    }
}
