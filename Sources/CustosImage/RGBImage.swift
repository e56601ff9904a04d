/// A decoded image: 8-bit RGB samples, row after row, three bytes per pixel.
///
/// Every decoder in ``ImageDecoder`` ends here, so hashing never sees a source format: palettes are expanded,
/// grey is replicated into the three channels, alpha is dropped and 16-bit samples are scaled to 8 bits.
public struct RGBImage: Sendable, Hashable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// `width * height * 3` bytes: R, G, B of the top-left pixel first.
    public let pixels: [UInt8]

    /// Wraps decoded samples.
    ///
    /// - Parameters:
    ///   - width: columns, at least 1.
    ///   - height: rows, at least 1.
    ///   - pixels: `width * height * 3` bytes.
    /// - Throws: ``ImageError`` `.invalidArgument` when the sizes do not agree.
    public init(width: Int, height: Int, pixels: [UInt8]) throws {
        guard width > 0, height > 0, width.multipliedReportingOverflow(by: height).partialValue * 3 == pixels.count
        else {
            throw ImageError(
                .invalidArgument,
                "An RGB image of \(width)×\(height) pixels needs \(width * height * 3) bytes, not \(pixels.count).")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    init(unchecked width: Int, _ height: Int, _ pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}
