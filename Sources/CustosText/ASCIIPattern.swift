/// An ASCII string of up to 64 bytes prepared for computing its optimal string alignment distance to many other
/// strings, one machine word per column (Hyyrö's 2003 extension of Myers' bit-vector algorithm).
///
/// Mark search compares one query with a few hundred candidates: preparing the query once turns each comparison
/// into a handful of word operations per byte of the candidate, instead of a dynamic-programming band.
/// The distance is the same as `EditDistance.damerauLevenshtein(_:_:limit:)`'s.
public struct ASCIIPattern: Sendable {
    /// For every ASCII byte, the positions of the pattern where it occurs, as bits (position 0 is bit 0).
    @usableFromInline let masks: [UInt64]
    /// The pattern's length in bytes.
    public let count: Int

    /// The longest pattern this type holds: one bit per byte in a 64-bit word.
    public static let capacity = 64

    /// Prepares `bytes`, or returns `nil` when they are empty, longer than `capacity` or not all ASCII.
    public init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty, bytes.count <= Self.capacity else { return nil }
        var valid = true
        let masks = [UInt64](unsafeUninitializedCapacity: 128) { masks, initialized in
            masks.initialize(repeating: 0)
            initialized = 128
            for position in 0..<bytes.count {
                let byte = bytes[position]
                guard byte < 0x80 else {
                    valid = false
                    return
                }
                masks[Int(byte)] |= 1 << UInt64(position)
            }
        }
        guard valid else { return nil }
        self.masks = masks
        self.count = bytes.count
    }

    /// Prepares the UTF-8 of `text`, or returns `nil` when it is empty, longer than `capacity` bytes or not ASCII.
    public init?(_ text: String) {
        guard text.utf8.count <= Self.capacity else { return nil }
        var text = text
        guard let pattern = text.withUTF8({ Self($0) }) else { return nil }
        self = pattern
    }

    /// The optimal string alignment distance between the pattern and `text`.
    ///
    /// - Parameters:
    ///   - text: Bytes of any value; a non-ASCII byte matches nothing in the pattern.
    ///   - limit: The largest distance of interest (negative values count as 0).
    /// - Returns: The distance, or `limit + 1` when it exceeds `limit`.
    /// - Complexity: O(|text|).
    @inlinable
    public func distance(to text: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        let limit = max(0, limit)
        if abs(text.count - count) > limit { return limit + 1 }
        if text.isEmpty { return min(count, limit + 1) }
        let last: UInt64 = 1 << UInt64(count - 1)
        // Vertical deltas +1 / −1 of the current column, the previous column's diagonal zeros and match mask.
        var positive: UInt64 = ~0
        var negative: UInt64 = 0
        var zeros: UInt64 = 0
        var previousMatches: UInt64 = 0
        var score = count
        return masks.withUnsafeBufferPointer { masks in
            for (column, byte) in text.enumerated() {
                let matches = byte < 0x80 ? masks[Int(byte)] : 0
                let transposed = (((~zeros) & matches) << 1) & previousMatches
                zeros = (((matches & positive) &+ positive) ^ positive) | matches | negative | transposed
                var horizontalPositive = negative | ~(zeros | positive)
                var horizontalNegative = zeros & positive
                if horizontalPositive & last != 0 {
                    score += 1
                } else if horizontalNegative & last != 0 {
                    score -= 1
                }
                // The last row can fall by at most one per remaining column.
                if score - (text.count - column - 1) > limit { return limit + 1 }
                horizontalPositive = (horizontalPositive << 1) | 1
                horizontalNegative <<= 1
                positive = horizontalNegative | ~(zeros | horizontalPositive)
                negative = zeros & horizontalPositive
                previousMatches = matches
            }
            return min(score, limit + 1)
        }
    }
}
