import CTurboJPEG
import CWebP
import CustosPNGDecode
import Foundation

/// Decodes JPEG, PNG and WebP files into ``RGBImage``s, refusing anything over its ``ImageLimits``.
///
/// The pixels are exactly the ones the PDQ reference pipeline hashes (Pillow's decoders, then `convert("RGB")`):
/// TurboJPEG with default flags (accurate integer IDCT, fancy upsampling) gives byte-identical RGB to Pillow's
/// bundled libjpeg-turbo, libpng and libwebp likewise. Conventions, documented in docs/images.md:
/// - **EXIF orientation is not applied**: the stored pixels are hashed, as the reference does. A rotated or mirrored
///   copy is still found through the eight dihedral hashes (``PDQHasher/dihedralHashes(of:)``), which are exactly
///   the eight EXIF orientations.
/// - **Alpha is dropped**, not composited (PNG, WebP): the colour under a transparent pixel is hashed.
/// - **16-bit PNG samples are scaled** to 8 bits (`v * 255 / 65535`, rounded); Pillow clips them instead, which
///   saturates almost every sample.
/// - CMYK and YCCK JPEGs are read as Adobe-inverted CMYK and converted as Pillow does.
///
/// Every failure is an ``ImageError`` naming the source and what is wrong; the decoders never exit the process
/// (plain libjpeg's default error handler would) and never read outside the buffer.
public struct ImageDecoder: Sendable {
    /// The limits every decode checks.
    public var limits: ImageLimits

    /// Creates a decoder.
    ///
    /// - Parameter limits: the limits, ``ImageLimits/standard`` by default.
    public init(limits: ImageLimits = .standard) {
        self.limits = limits
    }

    /// Reads and decodes a file.
    ///
    /// - Parameter path: the file.
    /// - Returns: the pixels.
    /// - Throws: ``ImageError``: `.unreadable`, `.tooLarge`, `.unsupportedFormat` or `.corrupt`.
    public func decode(contentsOf path: String) throws -> RGBImage {
        let url = URL(fileURLWithPath: path)
        let size: Int
        do {
            let values = try url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            guard values.isRegularFile == true else {
                throw ImageError(.unreadable, "\(path): not a regular file.")
            }
            size = values.fileSize ?? 0
        } catch let error as ImageError {
            throw error
        } catch {
            throw ImageError(.unreadable, "\(path): cannot be read (\(Self.reason(error))).")
        }
        guard size <= limits.maximumFileBytes else {
            throw ImageError(
                .tooLarge, "\(path): the file is \(size) bytes, over the limit of \(limits.maximumFileBytes) bytes.")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw ImageError(.unreadable, "\(path): cannot be read (\(Self.reason(error))).")
        }
        return try decode(data, source: path)
    }

    /// Decodes an image held in memory.
    ///
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - source: what to call the image in messages (a file name or URL).
    /// - Returns: the pixels.
    /// - Throws: ``ImageError``: `.tooLarge`, `.unsupportedFormat` or `.corrupt`.
    public func decode<Bytes: ContiguousBytes>(_ bytes: Bytes, source: String = "image") throws -> RGBImage {
        try bytes.withUnsafeBytes { raw -> RGBImage in
            let buffer = raw.bindMemory(to: UInt8.self)
            guard buffer.count <= limits.maximumFileBytes else {
                throw ImageError(
                    .tooLarge,
                    "\(source): the file is \(buffer.count) bytes, over the limit of \(limits.maximumFileBytes) bytes.")
            }
            guard let format = ImageFormat.sniff(buffer) else {
                let described = ImageFormat.describeUnsupported(Array(buffer.prefix(12)))
                throw ImageError(
                    .unsupportedFormat, "\(source): \(described); Custos reads JPEG, PNG and WebP images.")
            }
            switch format {
            case .jpeg: return try decodeJPEG(buffer, source: source)
            case .png: return try decodePNG(buffer, source: source)
            case .webp: return try decodeWebP(buffer, source: source)
            }
        }
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
