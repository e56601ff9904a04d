import CTurboJPEG
import Foundation

/// Encodes ``RGBImage``s as baseline JPEG through TurboJPEG.
///
/// Used for thumbnails beside matches, where a small file matters more than fidelity: 4:2:0 chroma subsampling, the
/// standard quantisation tables scaled to ``quality``.
public struct JPEGEncoder: Sendable {
    /// The libjpeg quality, `1 ... 100`.
    public var quality: Int

    /// Creates an encoder.
    ///
    /// - Parameter quality: the libjpeg quality, `1 ... 100`; 80 by default, where artefacts are hard to see at
    ///   thumbnail size.
    public init(quality: Int = 80) {
        self.quality = quality
    }

    /// Encodes `image`.
    ///
    /// - Parameter image: the pixels.
    /// - Returns: the JPEG file's bytes.
    /// - Throws: ``ImageError`` `.invalidArgument` when the quality is outside `1 ... 100` or the image is larger
    ///   than JPEG allows (65,535 pixels a side); `.corrupt` when TurboJPEG refuses it.
    /// - Complexity: O(width × height).
    public func encode(_ image: RGBImage) throws -> Data {
        guard (1...100).contains(quality) else {
            throw ImageError(.invalidArgument, "A JPEG quality must be in 1…100, not \(quality).")
        }
        guard image.width <= 65_535, image.height <= 65_535 else {
            throw ImageError(
                .invalidArgument,
                "A \(image.width)×\(image.height) image is larger than JPEG allows (65,535 pixels a side).")
        }
        guard let handle = tjInitCompress() else {
            throw ImageError(.corrupt, "TurboJPEG could not start a compressor.")
        }
        defer { tjDestroy(handle) }
        let width = Int32(image.width)
        let height = Int32(image.height)
        let subsampling = Int32(TJSAMP_420.rawValue)
        // tjBufSize is the worst case for these dimensions, so with NOREALLOC TurboJPEG writes into our buffer and
        // never allocates one we would have to release with tjFree.
        let capacity = Int(tjBufSize(width, height, subsampling))
        guard capacity > 0 else {
            throw ImageError(.invalidArgument, "TurboJPEG cannot size a JPEG of \(image.width)×\(image.height).")
        }
        var output = [UInt8](repeating: 0, count: capacity)
        var size = UInt(capacity)
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            output.withUnsafeMutableBufferPointer { buffer in
                var destination: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
                return tjCompress2(
                    handle, pixels.baseAddress, width, 0, height, Int32(TJPF_RGB.rawValue), &destination, &size,
                    subsampling, Int32(quality), TJFLAG_NOREALLOC)
            }
        }
        guard status == 0, size <= UInt(capacity) else {
            throw ImageError(.corrupt, "TurboJPEG could not encode the image (\(ImageDecoder.turboMessage(handle))).")
        }
        return Data(output[0..<Int(size)])
    }
}
