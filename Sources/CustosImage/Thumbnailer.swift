import Foundation

/// Makes the small JPEG shown beside an image match: the image shrunk to fit a square, then encoded.
///
/// Shrinking averages every source pixel a thumbnail pixel covers (an area, or box, filter, weighting the pixels cut
/// by the cell's edges by the part inside), so fine patterns do not alias the way point sampling makes them.
/// Images already small enough keep their size.
public struct Thumbnailer: Sendable {
    /// The longest side of a thumbnail, in pixels.
    public var maximumSide: Int
    /// The encoder.
    public var encoder: JPEGEncoder

    /// Creates a thumbnailer.
    ///
    /// - Parameters:
    ///   - maximumSide: the longest side, 256 pixels by default.
    ///   - quality: the JPEG quality, 80 by default.
    public init(maximumSide: Int = 256, quality: Int = 80) {
        self.maximumSide = maximumSide
        encoder = JPEGEncoder(quality: quality)
    }

    /// The JPEG thumbnail of `image`.
    ///
    /// - Parameter image: the pixels.
    /// - Returns: the JPEG file's bytes; its longest side is at most ``maximumSide``.
    /// - Throws: ``ImageError`` `.invalidArgument` when ``maximumSide`` is not positive, or from the encoder.
    /// - Complexity: O(width × height) of `image`.
    public func thumbnail(of image: RGBImage) throws -> Data {
        try encoder.encode(try downscaled(image))
    }

    /// `image` shrunk to fit a ``maximumSide`` square, keeping its aspect ratio (each side at least one pixel).
    ///
    /// - Parameter image: the pixels.
    /// - Returns: the shrunk pixels, or `image` itself when it already fits.
    /// - Throws: ``ImageError`` `.invalidArgument` when ``maximumSide`` is not positive.
    /// - Complexity: O(width × height) of `image`.
    public func downscaled(_ image: RGBImage) throws -> RGBImage {
        guard maximumSide > 0 else {
            throw ImageError(.invalidArgument, "A thumbnail's longest side must be positive, not \(maximumSide).")
        }
        let longest = max(image.width, image.height)
        guard longest > maximumSide else { return image }
        let scale = Double(maximumSide) / Double(longest)
        let width = min(maximumSide, max(1, Int((Double(image.width) * scale).rounded())))
        let height = min(maximumSide, max(1, Int((Double(image.height) * scale).rounded())))

        // Separable: rows first (into floats, width × source height), then columns.
        let columns = Self.cells(from: image.width, to: width)
        let rows = Self.cells(from: image.height, to: height)
        var horizontal = [Float](repeating: 0, count: width * image.height * 3)
        image.pixels.withUnsafeBufferPointer { source in
            horizontal.withUnsafeMutableBufferPointer { target in
                for y in 0..<image.height {
                    let sourceRow = y * image.width * 3
                    let targetRow = y * width * 3
                    for (x, cell) in columns.enumerated() {
                        var sums: (Float, Float, Float) = (0, 0, 0)
                        for (index, weight) in cell {
                            let offset = sourceRow + index * 3
                            sums.0 += weight * Float(source[offset])
                            sums.1 += weight * Float(source[offset + 1])
                            sums.2 += weight * Float(source[offset + 2])
                        }
                        target[targetRow + x * 3] = sums.0
                        target[targetRow + x * 3 + 1] = sums.1
                        target[targetRow + x * 3 + 2] = sums.2
                    }
                }
            }
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        horizontal.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                for (y, cell) in rows.enumerated() {
                    for x in 0..<(width * 3) {
                        var sum: Float = 0
                        for (index, weight) in cell { sum += weight * source[index * width * 3 + x] }
                        target[y * width * 3 + x] = UInt8(clamping: Int(sum.rounded()))
                    }
                }
            }
        }
        return try RGBImage(width: width, height: height, pixels: pixels)
    }

    /// For each of `target` cells spanning `source` pixels, the pixels it covers and their weights (summing to 1).
    private static func cells(from source: Int, to target: Int) -> [[(index: Int, weight: Float)]] {
        let step = Double(source) / Double(target)
        return (0..<target).map { cell in
            let start = Double(cell) * step
            let end = min(Double(source), start + step)
            var weights: [(index: Int, weight: Float)] = []
            var index = Int(start)
            while Double(index) < end, index < source {
                let covered = min(end, Double(index + 1)) - max(start, Double(index))
                if covered > 1e-9 { weights.append((index, Float(covered / step))) }
                index += 1
            }
            return weights
        }
    }
}
