import CustosCore
import Foundation

/// PDQ, Meta's 256-bit perceptual image hash, bit for bit as the reference C++ (`pdq/cpp/hashing/pdqhashing.cpp`).
///
/// The steps, each in the reference's float arithmetic and order so that every bit agrees: luma
/// (0.299 R + 0.587 G + 0.114 B in `Float`); two passes of a Jarosz box filter whose window is the image side over
/// 128, rounded up; decimation to 64×64 by sampling pixel centres; a quality score from the gradients of that grid;
/// a 16×16 DCT (frequencies 1–16, no DC) of it; one bit per coefficient, set when the coefficient is above the
/// median. The full-resolution image is hashed (no pre-resize), as `pdqhash` on PyPI and the reference library do.
///
/// Two hashes of the same picture are typically within 31 bits (``matchThreshold``); hashes of quality below
/// ``minimumQuality`` (flat or tiny images) are too unstable to match on.
public struct PDQHasher: Sendable {
    /// The Hamming distance up to which the reference calls two hashes the same picture.
    public static let matchThreshold = 31
    /// The quality below which Meta recommends discarding a hash (it describes noise or a flat image).
    public static let minimumQuality = 50

    /// Creates a hasher.
    public init() {}

    /// Hashes an image.
    ///
    /// - Parameter image: the pixels.
    /// - Returns: the hash and its quality, `0 ... 100`.
    public func hash(_ image: RGBImage) -> PDQHash {
        let (grid, quality) = downsample(image)
        let coefficients = Self.dct(grid)
        return PDQHash(hash: Self.bits(coefficients), quality: quality)
    }

    /// Hashes an image in its eight orientations, derived from one DCT as the reference does.
    ///
    /// - Parameter image: the pixels.
    /// - Returns: the eight hashes and the quality (the same for all eight).
    public func dihedralHashes(of image: RGBImage) -> PDQDihedralHashes {
        let (grid, quality) = downsample(image)
        let coefficients = Self.dct(grid)
        return PDQDihedralHashes(
            hashes: PDQDihedralHashes.Orientation.allCases.map { Self.bits(Self.transform(coefficients, $0)) },
            quality: quality)
    }

    /// Luma, blurred and decimated to the 64×64 grid the DCT reads, and the grid's quality.
    func downsample(_ image: RGBImage) -> (grid: [Float], quality: Int) {
        var luma = Self.luma(image)
        let grid = JaroszFilter.downsample(&luma, rows: image.height, columns: image.width)
        return (grid, Self.quality(grid))
    }

    /// `computeJaroszFilterWindowSize(old, 64)`: the side over 128, rounded up.
    static func windowSize(_ side: Int) -> Int {
        (side + 2 * 64 - 1) / (2 * 64)
    }

    /// `fillFloatLumaFromBufferImage`: 0.299 R + 0.587 G + 0.114 B, in `Float`, added left to right.
    static func luma(_ image: RGBImage) -> [Float] {
        let count = image.width * image.height
        return [Float](unsafeUninitializedCapacity: count) { luma, initialized in
            image.pixels.withUnsafeBufferPointer { pixels in
                guard let source = pixels.baseAddress, let target = luma.baseAddress else { return }
                var index = 0
                while index < count {
                    let pixel = source + 3 &* index
                    target[index] = 0.299 * Float(pixel[0]) + 0.587 * Float(pixel[1]) + 0.114 * Float(pixel[2])
                    index &+= 1
                }
            }
            initialized = count
        }
    }

    /// `computePDQImageDomainQualityMetric`: the sum of truncated absolute gradients in percent, over 90, at most 100.
    static func quality(_ grid: [Float]) -> Int {
        var sum = 0
        for i in 0..<63 {
            for j in 0..<64 {
                sum += abs(Int((grid[i * 64 + j] - grid[(i + 1) * 64 + j]) * 100 / 255))
            }
        }
        for i in 0..<64 {
            for j in 0..<63 {
                sum += abs(Int((grid[i * 64 + j] - grid[i * 64 + j + 1]) * 100 / 255))
            }
        }
        return min(sum / 90, 100)
    }

    /// The reference's DCT matrix: rows are frequencies 1–16, scaled by sqrt(2/64) computed in `Float`.
    static let dctMatrix: [Float] = {
        let scale = Float((2.0 / 64.0).squareRoot())
        var matrix = [Float](repeating: 0, count: 16 * 64)
        for i in 0..<16 {
            for j in 0..<64 {
                let angle = Double.pi / 2 / 64 * Double(i + 1) * Double(2 * j + 1)
                matrix[i * 64 + j] = Float(Double(scale) * cos(angle))
            }
        }
        return matrix
    }()

    /// `dct64To16`: D · A · Dᵀ, accumulated in `Float` in the reference's order.
    static func dct(_ grid: [Float]) -> [Float] {
        let matrix = dctMatrix
        var partial = [Float](repeating: 0, count: 16 * 64)
        for i in 0..<16 {
            for j in 0..<64 {
                var sum: Float = 0
                for k in 0..<64 { sum += matrix[i * 64 + k] * grid[k * 64 + j] }
                partial[i * 64 + j] = sum
            }
        }
        var coefficients = [Float](repeating: 0, count: 16 * 16)
        for i in 0..<16 {
            for j in 0..<16 {
                var sum: Float = 0
                for k in 0..<64 { sum += partial[i * 64 + k] * matrix[j * 64 + k] }
                coefficients[i * 16 + j] = sum
            }
        }
        return coefficients
    }

    /// One bit per coefficient above the median (the 128th smallest, which Torben's method in the reference returns).
    static func bits(_ coefficients: [Float]) -> ImageHash {
        let median = coefficients.sorted()[127]
        var words: [UInt64] = [0, 0, 0, 0]
        for k in 0..<256 where coefficients[k] > median {
            // Bit k is worth 2^k; the words run most significant first.
            words[3 - k / 64] |= 1 << UInt64(k % 64)
        }
        return ImageHash(words: (words[0], words[1], words[2], words[3]))
    }

    /// The coefficients of the image in another orientation: DCT basis functions are even or odd under a flip, so a
    /// flip negates the odd frequencies, and a transpose swaps the axes.
    static func transform(_ coefficients: [Float], _ orientation: PDQDihedralHashes.Orientation) -> [Float] {
        var output = [Float](repeating: 0, count: 256)
        for i in 0..<16 {
            for j in 0..<16 {
                let value = coefficients[i * 16 + j]
                // Frequency i + 1 is odd when i is even.
                let rowOdd = i & 1 == 0
                let columnOdd = j & 1 == 0
                switch orientation {
                case .original: output[i * 16 + j] = value
                case .rotate90: output[j * 16 + i] = columnOdd ? -value : value
                case .rotate180: output[i * 16 + j] = rowOdd != columnOdd ? -value : value
                case .rotate270: output[j * 16 + i] = rowOdd ? -value : value
                case .flipX: output[i * 16 + j] = rowOdd ? -value : value
                case .flipY: output[i * 16 + j] = columnOdd ? -value : value
                case .flipPlus1: output[j * 16 + i] = value
                case .flipMinus1: output[j * 16 + i] = rowOdd != columnOdd ? -value : value
                }
            }
        }
        return output
    }
}
