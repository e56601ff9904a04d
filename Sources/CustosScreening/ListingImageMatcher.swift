import CustosCore
import CustosImage
import CustosStore
import Foundation

/// A listing image that matched a registered image of a right, ready to become an `image_match` signal.
public struct ListingImageMatch: Hashable, Sendable {
    /// The right whose registered image matched.
    public var right: Right
    /// How many images the right has registered (the sentence numbers them only when there are several).
    public var rightImageCount: Int
    /// Which listing image matched which registered image, and how closely.
    public var evidence: ImageMatchEvidence

    /// Creates a match.
    ///
    /// - Parameters:
    ///   - right: the right.
    ///   - rightImageCount: how many images the right has registered.
    ///   - evidence: the match.
    public init(right: Right, rightImageCount: Int = 1, evidence: ImageMatchEvidence) {
        self.right = right
        self.rightImageCount = rightImageCount
        self.evidence = evidence
    }

    /// The `image_match` signal: its strength from the policy and a sentence such as "listing image 2 is 6 bits
    /// from the registered image of design D-7 'Bottle shape' (mirrored copy)".
    ///
    /// - Parameter policy: how the distance becomes a strength.
    /// - Returns: the signal, carrying ``evidence``.
    public func signal(policy: ScreeningPolicy) -> Signal {
        Signal(
            kind: .imageMatch, strength: policy.imageStrength(distance: evidence.distance), reason: sentence,
            image: evidence)
    }

    /// The match in words.
    var sentence: String {
        let listingImage = Self.describeListingImage(evidence.listingImage)
        let registered =
            rightImageCount > 1 ? "registered image \(evidence.rightImagePosition + 1)" : "the registered image"
        let kind = right.kind.rawValue.replacingOccurrences(of: "_", with: " ")
        let target = "\(registered) of \(kind) \(right.id.rawValue) '\(right.name)'"
        let closeness =
            evidence.distance == 0
            ? "is identical to \(target)"
            : "is \(evidence.distance) bit\(evidence.distance == 1 ? "" : "s") from \(target)"
        let orientation = Self.describeOrientation(evidence.orientation).map { " (\($0))" } ?? ""
        return "\(listingImage) \(closeness)\(orientation)"
    }

    /// `images[1]` → "listing image 2"; `image_pdq[0]` → "the platform's hash of listing image 1".
    static func describeListingImage(_ field: String) -> String {
        let number = field.split(separator: "[").last.flatMap { Int($0.dropLast()) }.map { $0 + 1 }
        if field.hasPrefix(FeedImageHashes.field) {
            return "the platform's hash of listing image \(number ?? 1)"
        }
        return "listing image \(number ?? 1)"
    }

    /// The copy's orientation in words, or `nil` for an unrotated, unmirrored copy.
    static func describeOrientation(_ orientation: String) -> String? {
        switch PDQDihedralHashes.Orientation(rawValue: orientation) {
        case .original, nil: nil
        case .rotate90: "copy rotated 90°"
        case .rotate180: "copy rotated 180°"
        case .rotate270: "copy rotated 270°"
        case .flipY: "mirrored copy"
        case .flipX: "copy mirrored top to bottom"
        case .flipPlus1, .flipMinus1: "rotated and mirrored copy"
        }
    }
}

/// What matching one listing's images found and skipped.
public struct ListingImageAssessment: Sendable {
    /// The best match per right, closest first.
    public var matches: [ListingImageMatch] = []
    /// Listing images decoded and hashed (local files) or taken from the feed (`image_pdq`).
    public var hashed = 0
    /// Remote images (URLs), which screening does not fetch.
    public var remote = 0
    /// Local image paths that were not read because this screening reads no local files (a feed uploaded to the
    /// server names paths on another machine).
    public var notRead = 0
    /// Images whose PDQ quality was too low to match on.
    public var lowQuality = 0
    /// Images that could not be decoded (missing, corrupt, unsupported, over the limits), each named in
    /// ``problems``.
    public var unreadable = 0
    /// What was wrong with the unreadable images, naming the feed field (`images[1]`).
    public var problems: [FeedProblem.Reason] = []

    /// Creates an empty assessment.
    public init() {}
}

/// Matches listing images against an organisation's registered images during screening.
///
/// Local image files (paths relative to the feed's directory, or absolute) are decoded, border-trimmed and hashed
/// with the same ``ImageFingerprinter`` import uses; hashes the platform computed (`image_pdq`) are matched as
/// given. Remote URLs are not fetched. Only rights in force raise matches.
public struct ListingImageMatcher: Sendable {
    /// The registered images.
    public let index: RightImageIndex
    /// The rights in force that have registered images.
    public let rights: [Right.ID: Right]
    /// How many images each right has registered.
    private let imageCounts: [Right.ID: Int]
    /// Decodes and hashes listing images.
    public var fingerprinter: ImageFingerprinter
    /// The directory relative image paths are resolved against, or `nil` to read no local file.
    public var imageDirectory: URL?
    /// The match distance and quality floor.
    public var policy: ScreeningPolicy

    /// Creates a matcher.
    ///
    /// - Parameters:
    ///   - index: the registered images.
    ///   - rights: the rights in force that have registered images.
    ///   - imageCounts: how many images each right has registered.
    ///   - fingerprinter: decodes and hashes listing images.
    ///   - imageDirectory: where relative image paths are resolved, or `nil` to read no local file.
    ///   - policy: the match distance and quality floor.
    public init(
        index: RightImageIndex, rights: [Right], imageCounts: [Right.ID: Int] = [:],
        fingerprinter: ImageFingerprinter = ImageFingerprinter(), imageDirectory: URL?, policy: ScreeningPolicy
    ) {
        self.index = index
        self.rights = Dictionary(rights.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.imageCounts = imageCounts
        self.fingerprinter = fingerprinter
        self.imageDirectory = imageDirectory
        self.policy = policy
    }

    /// Loads the organisation's registered images and the rights in force they belong to, or returns `nil` when
    /// none is registered, so that screening without registered images costs nothing.
    ///
    /// - Parameters:
    ///   - store: the store.
    ///   - organisation: the organisation.
    ///   - limits: decoding limits for listing images.
    ///   - imageDirectory: where relative image paths are resolved, or `nil` to read no local file.
    ///   - policy: the match distance and quality floor.
    /// - Returns: the matcher, or `nil`.
    /// - Throws: store errors.
    public static func load(
        from store: any CustosStore, organisation: Organisation.ID, limits: ImageLimits = .standard,
        imageDirectory: URL?, policy: ScreeningPolicy
    ) async throws -> ListingImageMatcher? {
        guard try await store.rightImages.countImages(in: organisation) > 0 else { return nil }
        let index = try await RightImageIndex.load(from: store, organisation: organisation)
        var rights: [Right] = []
        for id in index.rights.sorted(by: { $0.rawValue < $1.rawValue }) {
            if let right = try await store.rights.right(id, in: organisation), right.isEnforceable {
                rights.append(right)
            }
        }
        guard !rights.isEmpty else { return nil }
        return ListingImageMatcher(
            index: index, rights: rights, imageCounts: index.imageCounts,
            fingerprinter: ImageFingerprinter(limits: limits), imageDirectory: imageDirectory, policy: policy)
    }

    /// Matches a listing's images and the platform's hashes of them.
    ///
    /// A listing image that cannot be decoded is counted and named in the assessment's problems; it never throws.
    ///
    /// - Parameters:
    ///   - listing: the listing, whose `images` are paths or URLs.
    ///   - hashes: hashes the platform computed (`image_pdq`).
    /// - Returns: the best match per right, and what was skipped.
    public func assess(_ listing: Listing, hashes: [ListingImageHash] = []) -> ListingImageAssessment {
        var assessment = ListingImageAssessment()
        var best: [Right.ID: ImageMatchEvidence] = [:]
        func keep(_ found: [RightImageMatch], field: String) {
            for match in found where rights[match.right] != nil {
                if let current = best[match.right], current.distance <= match.distance { continue }
                best[match.right] = ImageMatchEvidence(
                    listingImage: field, right: match.right, rightImagePosition: match.position,
                    distance: match.distance, orientation: match.orientation)
            }
        }
        for (position, reference) in listing.images.enumerated() {
            let field = "images[\(position)]"
            guard let path = localPath(of: reference) else {
                if Self.isRemote(reference) { assessment.remote += 1 } else { assessment.notRead += 1 }
                continue
            }
            let fingerprint: ImageFingerprint
            do {
                fingerprint = try fingerprinter.fingerprint(contentsOf: path)
            } catch let error as ImageError {
                assessment.unreadable += 1
                assessment.problems.append(.init(field: field, message: Self.describe(error, path: path) + "; skipped"))
                continue
            } catch {
                assessment.unreadable += 1
                assessment.problems.append(.init(field: field, message: "the image cannot be read; skipped"))
                continue
            }
            assessment.hashed += 1
            guard fingerprint.quality >= policy.imageMinimumQuality else {
                assessment.lowQuality += 1
                continue
            }
            keep(index.matches(for: fingerprint, maxDistance: policy.imageMatchMaxDistance), field: field)
        }
        for given in hashes {
            assessment.hashed += 1
            keep(index.matches(for: given.hash, maxDistance: policy.imageMatchMaxDistance), field: given.field)
        }
        assessment.matches = best.compactMap { id, evidence in
            rights[id].map { ListingImageMatch(right: $0, rightImageCount: imageCounts[id] ?? 1, evidence: evidence) }
        }.sorted {
            ($0.evidence.distance, $0.right.id.rawValue) < ($1.evidence.distance, $1.right.id.rawValue)
        }
        return assessment
    }

    /// Whether `reference` names a remote resource (`https://…`, any `scheme://`).
    static func isRemote(_ reference: String) -> Bool {
        guard let range = reference.range(of: "://") else { return false }
        let scheme = reference[..<range.lowerBound]
        return !scheme.isEmpty && scheme.lowercased() != "file"
            && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    /// The file a local image reference names, or `nil` for a remote one or when no local file may be read.
    private func localPath(of reference: String) -> String? {
        guard !Self.isRemote(reference), let imageDirectory, !reference.isEmpty else { return nil }
        if reference.hasPrefix("file://") { return URL(string: reference)?.path }
        if reference.hasPrefix("/") { return reference }
        return imageDirectory.appendingPathComponent(reference).path
    }

    /// The decoder's message without the path it starts with (the report names the field and line).
    private static func describe(_ error: ImageError, path: String) -> String {
        let message = error.message
        let prefix = path + ": "
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }
}
