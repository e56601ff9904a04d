/// How large an image Custos agrees to decode.
///
/// The pixel limit is checked against the dimensions the file *declares*, before any pixel is decoded, so a small
/// file that expands to gigabytes (a decompression bomb) is refused at the cost of reading its header.
public struct ImageLimits: Sendable, Hashable, Codable {
    /// The largest file accepted, in bytes.
    public var maximumFileBytes: Int
    /// The largest image accepted, in pixels (width × height).
    public var maximumPixels: Int
    /// The longest side accepted, in pixels.
    public var maximumSide: Int

    /// Creates limits.
    ///
    /// - Parameters:
    ///   - maximumFileBytes: the largest file, default 64 MiB.
    ///   - maximumPixels: the largest image, default 100 megapixels (a 12-megapixel phone photo decodes to 36 MB).
    ///   - maximumSide: the longest side, default 30,000 pixels.
    public init(maximumFileBytes: Int = 64 << 20, maximumPixels: Int = 100_000_000, maximumSide: Int = 30_000) {
        self.maximumFileBytes = maximumFileBytes
        self.maximumPixels = maximumPixels
        self.maximumSide = maximumSide
    }

    /// The defaults.
    public static let standard = ImageLimits()

    enum CodingKeys: String, CodingKey {
        case maximumFileBytes = "maximum_file_bytes"
        case maximumPixels = "maximum_pixels"
        case maximumSide = "maximum_side"
    }

    /// Refuses declared dimensions over the limits.
    func check(width: Int, height: Int, format: ImageFormat, source: String) throws {
        guard width > 0, height > 0 else {
            throw ImageError(.corrupt, "\(source): the \(format) header declares an empty image (\(width)×\(height)).")
        }
        if width > maximumSide || height > maximumSide {
            throw ImageError(
                .tooLarge,
                "\(source): the \(format) image is \(width)×\(height) pixels; the longest side allowed is \(maximumSide)."
            )
        }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || pixels > maximumPixels {
            throw ImageError(
                .tooLarge,
                "\(source): the \(format) image is \(width)×\(height) pixels, over the limit of \(maximumPixels) pixels "
                    + "(a decompression bomb, or raise the limit).")
        }
    }
}
