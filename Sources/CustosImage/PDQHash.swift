import CustosCore

/// A PDQ hash and the quality of the image it describes.
public struct PDQHash: Sendable, Hashable, Codable {
    /// The 256 bits.
    public var hash: ImageHash
    /// How much detail the image has, `0 ... 100`; below ``PDQHasher/minimumQuality`` the hash is unreliable.
    public var quality: Int

    /// Creates a result.
    ///
    /// - Parameters:
    ///   - hash: the bits.
    ///   - quality: the quality, `0 ... 100`.
    public init(hash: ImageHash, quality: Int) {
        self.hash = hash
        self.quality = quality
    }

    /// Whether the quality is high enough to match on.
    public var isUsable: Bool { quality >= PDQHasher.minimumQuality }
}

/// The PDQ hashes of an image in its eight orientations (the dihedral group of the square).
///
/// Searching with all eight finds a copy that was rotated or mirrored, whatever its EXIF orientation said.
public struct PDQDihedralHashes: Sendable, Hashable {
    /// An orientation, in the reference's order.
    public enum Orientation: String, Sendable, CaseIterable {
        /// As stored.
        case original
        /// Rotated 90° anticlockwise.
        case rotate90
        /// Rotated 180°.
        case rotate180
        /// Rotated 270° anticlockwise.
        case rotate270
        /// Mirrored top to bottom.
        case flipX
        /// Mirrored left to right.
        case flipY
        /// Mirrored across the main diagonal (transposed).
        case flipPlus1
        /// Mirrored across the anti-diagonal.
        case flipMinus1
    }

    /// The eight hashes, in ``Orientation/allCases`` order.
    public let hashes: [ImageHash]
    /// The quality, the same in every orientation.
    public let quality: Int

    /// The hash of one orientation.
    ///
    /// - Parameter orientation: which.
    /// - Returns: its hash.
    public subscript(orientation: Orientation) -> ImageHash {
        hashes[Orientation.allCases.firstIndex(of: orientation) ?? 0]
    }
}
