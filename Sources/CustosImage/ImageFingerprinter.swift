import CustosCore
import Foundation

/// What Custos records about an image: its PDQ hash (after border trimming), quality and orientations.
public struct ImageFingerprint: Sendable, Hashable {
    /// The PDQ hash of the (trimmed) image as stored.
    public var hash: ImageHash
    /// The PDQ quality, `0 ... 100`.
    public var quality: Int
    /// The hashes of the eight orientations, ``PDQDihedralHashes/Orientation`` order; the first is ``hash``.
    public var orientations: [ImageHash]
    /// The decoded size, before trimming.
    public var width: Int
    /// The decoded size, before trimming.
    public var height: Int
    /// The flat borders cut before hashing.
    public var trimmed: BorderTrimmer.Insets

    /// Whether the quality is high enough to match on.
    public var isUsable: Bool { quality >= PDQHasher.minimumQuality }

    /// The smallest distance from any orientation of this image to `other`, and which orientation it is.
    ///
    /// - Parameter other: a stored hash.
    /// - Returns: the distance and orientation.
    public func closestOrientation(to other: ImageHash) -> (distance: Int, orientation: PDQDihedralHashes.Orientation) {
        var best = (distance: Int.max, orientation: PDQDihedralHashes.Orientation.original)
        for (hash, orientation) in zip(orientations, PDQDihedralHashes.Orientation.allCases) {
            let distance = hash.distance(to: other)
            if distance < best.distance { best = (distance, orientation) }
        }
        return best
    }
}

/// Decodes, trims and hashes images: the one pipeline that import, screening, the API and the CLI share, so a
/// registered image and a listing's copy of it are always hashed the same way.
public struct ImageFingerprinter: Sendable {
    /// The decoder and its limits.
    public var decoder: ImageDecoder
    /// The border trimmer, or `nil` to hash the stored pixels as Meta's reference does.
    public var trimmer: BorderTrimmer?
    /// The hasher.
    public var hasher: PDQHasher

    /// Creates a fingerprinter.
    ///
    /// - Parameters:
    ///   - limits: decoding limits.
    ///   - trimmer: the border trimmer; `nil` for reference hashes (interchangeable with other PDQ tools for every
    ///     image, not only those without borders).
    public init(limits: ImageLimits = .standard, trimmer: BorderTrimmer? = BorderTrimmer()) {
        decoder = ImageDecoder(limits: limits)
        self.trimmer = trimmer
        hasher = PDQHasher()
    }

    /// Fingerprints a file.
    ///
    /// - Parameter path: the file.
    /// - Returns: the fingerprint.
    /// - Throws: ``ImageError`` from decoding.
    public func fingerprint(contentsOf path: String) throws -> ImageFingerprint {
        fingerprint(try decoder.decode(contentsOf: path))
    }

    /// Fingerprints an image held in memory.
    ///
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - source: the name used in error messages.
    /// - Returns: the fingerprint.
    /// - Throws: ``ImageError`` from decoding.
    public func fingerprint(_ bytes: some ContiguousBytes, source: String = "image") throws -> ImageFingerprint {
        fingerprint(try decoder.decode(bytes, source: source))
    }

    /// Fingerprints decoded pixels.
    ///
    /// - Parameter image: the pixels.
    /// - Returns: the fingerprint.
    public func fingerprint(_ image: RGBImage) -> ImageFingerprint {
        let insets = trimmer?.borders(of: image) ?? BorderTrimmer.Insets()
        let hashed = insets.isEmpty ? image : (trimmer?.trim(image) ?? image)
        let hashes = hasher.dihedralHashes(of: hashed)
        return ImageFingerprint(
            hash: hashes.hashes[0], quality: hashes.quality, orientations: hashes.hashes, width: image.width,
            height: image.height, trimmed: insets)
    }
}
