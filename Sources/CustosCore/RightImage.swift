import Foundation

/// A registered image of a right (a figurative mark, a design, a copyrighted picture) as Custos matches it: its
/// PDQ fingerprint, where it came from, and a small thumbnail to show beside a match.
public struct RightImage: Sendable, Hashable, Codable {
    /// The organisation holding the right.
    public var organisation: Organisation.ID
    /// The right.
    public var right: Right.ID
    /// The image's position among the right's images, from 0.
    public var position: Int
    /// The path or URL the record named.
    public var source: String
    /// SHA-256 of the image file, 64 lowercase hex digits.
    public var sha256: String
    /// The PDQ hash, after border trimming.
    public var hash: ImageHash
    /// The PDQ quality, `0 ... 100`.
    public var quality: Int
    /// Decoded width in pixels.
    public var width: Int
    /// Decoded height in pixels.
    public var height: Int
    /// A JPEG thumbnail (longest side at most 256 pixels), or `nil`.
    public var thumbnail: Data?
    /// When the image was hashed.
    public var recordedAt: Date

    /// Creates a registered image.
    ///
    /// - Parameters:
    ///   - organisation: the organisation holding the right.
    ///   - right: the right.
    ///   - position: the position among the right's images.
    ///   - source: the path or URL the record named.
    ///   - sha256: SHA-256 of the file.
    ///   - hash: the PDQ hash.
    ///   - quality: the PDQ quality.
    ///   - width: decoded width.
    ///   - height: decoded height.
    ///   - thumbnail: a JPEG thumbnail.
    ///   - recordedAt: when it was hashed.
    public init(
        organisation: Organisation.ID, right: Right.ID, position: Int = 0, source: String, sha256: String,
        hash: ImageHash, quality: Int, width: Int, height: Int, thumbnail: Data? = nil, recordedAt: Date
    ) {
        self.organisation = organisation
        self.right = right
        self.position = position
        self.source = source
        self.sha256 = sha256
        self.hash = hash
        self.quality = quality
        self.width = width
        self.height = height
        self.thumbnail = thumbnail
        self.recordedAt = recordedAt
    }

    enum CodingKeys: String, CodingKey {
        case organisation = "organisation_id"
        case right = "right_id"
        case position, source, sha256
        case hash = "pdq"
        case quality, width, height, thumbnail
        case recordedAt = "recorded_at"
    }
}
