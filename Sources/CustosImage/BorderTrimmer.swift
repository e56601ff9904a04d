/// Finds and removes flat borders (letterbox and pillarbox bars, padding, frames of one colour) before hashing.
///
/// A copy of a product photo pasted onto a white square, or letterboxed into a video frame, has a different PDQ
/// hash from the original (the DCT sees the bars); cutting the bars away first brings it back within the match
/// threshold. A side is trimmed while its outermost remaining line is flat: at least ``uniformShare`` of its pixels
/// within ``tolerance`` of the line's mean colour, and that colour within ``tolerance`` of the first trimmed
/// line's, so a bar ends where the picture starts even when the picture's edge is flat in another colour. Trimming
/// never leaves less than ``minimumRemainingShare`` of a side, so a flat image is hashed whole.
public struct BorderTrimmer: Sendable, Hashable {
    /// How far, per channel, a pixel may be from the bar's colour and still belong to the bar (JPEG noise).
    public var tolerance: Int
    /// The share of a line's pixels that must be within ``tolerance`` for the line to be part of a bar.
    public var uniformShare: Double
    /// The smallest share of the width and of the height that trimming keeps.
    public var minimumRemainingShare: Double

    /// Creates a trimmer.
    ///
    /// - Parameters:
    ///   - tolerance: per-channel distance from the bar colour, default 24.
    ///   - uniformShare: share of a line that must be flat, default 0.98.
    ///   - minimumRemainingShare: share of each side always kept, default 0.25.
    public init(tolerance: Int = 24, uniformShare: Double = 0.98, minimumRemainingShare: Double = 0.25) {
        self.tolerance = tolerance
        self.uniformShare = uniformShare
        self.minimumRemainingShare = minimumRemainingShare
    }

    /// How many rows and columns each side's bar covers.
    public struct Insets: Sendable, Hashable, Codable {
        /// Rows cut from the top.
        public var top: Int
        /// Rows cut from the bottom.
        public var bottom: Int
        /// Columns cut from the left.
        public var left: Int
        /// Columns cut from the right.
        public var right: Int

        /// Creates insets.
        ///
        /// - Parameters:
        ///   - top: rows from the top.
        ///   - bottom: rows from the bottom.
        ///   - left: columns from the left.
        ///   - right: columns from the right.
        public init(top: Int = 0, bottom: Int = 0, left: Int = 0, right: Int = 0) {
            self.top = top
            self.bottom = bottom
            self.left = left
            self.right = right
        }

        /// Whether nothing is cut.
        public var isEmpty: Bool { top == 0 && bottom == 0 && left == 0 && right == 0 }
    }

    /// The image without its flat borders (the image itself when it has none).
    ///
    /// - Parameter image: the pixels.
    /// - Returns: the cropped pixels.
    public func trim(_ image: RGBImage) -> RGBImage {
        let insets = borders(of: image)
        guard !insets.isEmpty else { return image }
        let width = image.width - insets.left - insets.right
        let height = image.height - insets.top - insets.bottom
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height * 3)
        for row in insets.top..<(insets.top + height) {
            let start = (row * image.width + insets.left) * 3
            pixels.append(contentsOf: image.pixels[start..<(start + width * 3)])
        }
        return RGBImage(unchecked: width, height, pixels)
    }

    /// The flat borders of an image.
    ///
    /// - Parameter image: the pixels.
    /// - Returns: rows and columns to cut on each side.
    public func borders(of image: RGBImage) -> Insets {
        let minimumWidth = max(1, Int((Double(image.width) * minimumRemainingShare).rounded(.up)))
        let minimumHeight = max(1, Int((Double(image.height) * minimumRemainingShare).rounded(.up)))
        var insets = Insets()
        image.pixels.withUnsafeBufferPointer { pixels in
            let scan = LineScanner(pixels: pixels, width: image.width, tolerance: tolerance, share: uniformShare)
            var bar: (Int, Int, Int)?
            bar = nil
            while image.height - insets.top - insets.bottom > minimumHeight,
                scan.isBar(row: insets.top, columns: 0..<image.width, matching: &bar)
            {
                insets.top += 1
            }
            bar = nil
            while image.height - insets.top - insets.bottom > minimumHeight,
                scan.isBar(row: image.height - 1 - insets.bottom, columns: 0..<image.width, matching: &bar)
            {
                insets.bottom += 1
            }
            let rows = insets.top..<(image.height - insets.bottom)
            bar = nil
            while image.width - insets.left - insets.right > minimumWidth,
                scan.isBar(column: insets.left, rows: rows, matching: &bar)
            {
                insets.left += 1
            }
            bar = nil
            while image.width - insets.left - insets.right > minimumWidth,
                scan.isBar(column: image.width - 1 - insets.right, rows: rows, matching: &bar)
            {
                insets.right += 1
            }
        }
        return insets
    }
}

/// Tests rows and columns for flatness.
private struct LineScanner {
    let pixels: UnsafeBufferPointer<UInt8>
    let width: Int
    let tolerance: Int
    let share: Double

    func isBar(row: Int, columns: Range<Int>, matching bar: inout (Int, Int, Int)?) -> Bool {
        isBar(offsets: columns.lazy.map { (row * width + $0) * 3 }, count: columns.count, matching: &bar)
    }

    func isBar(column: Int, rows: Range<Int>, matching bar: inout (Int, Int, Int)?) -> Bool {
        isBar(offsets: rows.lazy.map { ($0 * width + column) * 3 }, count: rows.count, matching: &bar)
    }

    private func isBar<Offsets: Sequence<Int>>(
        offsets: Offsets, count: Int, matching bar: inout (Int, Int, Int)?
    ) -> Bool {
        guard count > 0 else { return false }
        var sums = (0, 0, 0)
        for offset in offsets {
            sums.0 += Int(pixels[offset])
            sums.1 += Int(pixels[offset + 1])
            sums.2 += Int(pixels[offset + 2])
        }
        let mean = (sums.0 / count, sums.1 / count, sums.2 / count)
        if let bar, !close(bar, mean) { return false }
        var within = 0
        for offset in offsets
        where close(mean, (Int(pixels[offset]), Int(pixels[offset + 1]), Int(pixels[offset + 2]))) {
            within += 1
        }
        guard Double(within) >= share * Double(count) else { return false }
        if bar == nil { bar = mean }
        return true
    }

    private func close(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Bool {
        abs(a.0 - b.0) <= tolerance && abs(a.1 - b.1) <= tolerance && abs(a.2 - b.2) <= tolerance
    }
}
