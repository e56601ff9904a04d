/// String distances over Unicode scalar values.
public enum EditDistance {
    /// The optimal string alignment (restricted Damerau–Levenshtein) distance between two scalar sequences.
    ///
    /// Insertions, deletions, substitutions and transpositions of adjacent scalars each cost 1; no substring
    /// is edited twice. Only the diagonal band of width `2 · limit + 1` is computed, so the result is exact
    /// when it is at most `limit`, and `limit + 1` otherwise.
    ///
    /// - Parameters:
    ///   - a: The first sequence of scalar values.
    ///   - b: The second sequence of scalar values.
    ///   - limit: The largest distance of interest (negative values count as 0).
    /// - Returns: The distance, or `limit + 1` when it exceeds `limit`.
    /// - Complexity: O(min(n, m) · limit) time, O(m) space.
    public static func damerauLevenshtein(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int {
        let limit = max(0, limit)
        let n = a.count
        let m = b.count
        if abs(n - m) > limit { return limit + 1 }
        if n == 0 || m == 0 { return max(n, m) }
        // Mark search runs this for every candidate: three rows on the stack, no bounds checks.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { rows in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    banded(a, b, limit: limit, rows: rows)
                }
            }
        }
    }

    /// `damerauLevenshtein(_:_:limit:)` over two buffers of code units (ASCII bytes, say), without copying them.
    ///
    /// - Parameters:
    ///   - a: The first sequence.
    ///   - b: The second sequence.
    ///   - limit: The largest distance of interest (negative values count as 0).
    /// - Returns: The distance, or `limit + 1` when it exceeds `limit`.
    @inlinable
    public static func damerauLevenshtein<Unit: FixedWidthInteger>(
        _ a: UnsafeBufferPointer<Unit>, _ b: UnsafeBufferPointer<Unit>, limit: Int
    ) -> Int {
        let limit = max(0, limit)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (b.count + 1)) { rows in
            banded(a, b, limit: limit, rows: rows)
        }
    }

    /// The banded optimal-string-alignment recurrence over `rows` (room for three rows of `b.count + 1`).
    @inlinable
    static func banded<Unit: FixedWidthInteger>(
        _ a: UnsafeBufferPointer<Unit>, _ b: UnsafeBufferPointer<Unit>, limit: Int,
        rows: UnsafeMutableBufferPointer<Int>
    ) -> Int {
        let n = a.count
        let m = b.count
        let infinity = limit + 1
        let width = m + 1
        guard let base = rows.baseAddress else { return infinity }
        base.initialize(repeating: infinity, count: 3 * width)
        // Rows 0...m; `previous2` is row i-2, for transpositions.
        var previous2 = base
        var previous = base + width
        var row = base + 2 * width
        for j in 0...min(m, limit) { previous[j] = j }
        for i in 1...n {
            let low = max(1, i - limit)
            let high = min(m, i + limit)
            // Only the band and its two edges are read by later rows, so only they are written.
            row[low - 1] = low == 1 && i <= limit ? i : infinity
            if high < m { row[high + 1] = infinity }
            var rowMinimum = row[low - 1]
            let x = a[i - 1]
            for j in low...high {
                let cost = x == b[j - 1] ? 0 : 1
                var value = min(previous[j - 1] + cost, min(previous[j] + 1, row[j - 1] + 1))
                if i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                value = min(value, infinity)
                row[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previous2, previous, row) = (previous, row, previous2)
        }
        return min(previous[m], limit + 1)
    }

    /// Normalized edit similarity: `1 − d / max(|a|, |b|)` with `d` the optimal string alignment distance
    /// over Unicode scalars.
    ///
    /// - Parameters:
    ///   - a: The first string.
    ///   - b: The second string.
    /// - Returns: A value in `0...1`; 1 for equal strings (including two empty strings).
    /// - Complexity: O(n · m).
    public static func similarity(_ a: String, _ b: String) -> Double {
        let x = a.unicodeScalars.map(\.value)
        let y = b.unicodeScalars.map(\.value)
        let longest = max(x.count, y.count)
        if longest == 0 { return 1 }
        let distance = damerauLevenshtein(x, y, limit: longest)
        return 1 - Double(distance) / Double(longest)
    }

    /// The scaling factor for the common-prefix boost in `jaroWinkler(_:_:)`.
    public static let winklerPrefixScale = 0.1
    /// The longest common prefix that `jaroWinkler(_:_:)` rewards.
    public static let winklerMaximumPrefix = 4
    /// The Jaro similarity above which `jaroWinkler(_:_:)` applies the prefix boost (Winkler's threshold).
    public static let winklerBoostThreshold = 0.7

    /// Jaro–Winkler similarity over Unicode scalars (Winkler 1990: prefix scale 0.1, prefix up to 4,
    /// boost applied above a Jaro similarity of 0.7).
    ///
    /// - Parameters:
    ///   - a: The first string.
    ///   - b: The second string.
    /// - Returns: A value in `0...1`; 1 for equal strings (including two empty strings).
    /// - Complexity: O(n · m) in the worst case.
    public static func jaroWinkler(_ a: String, _ b: String) -> Double {
        let x = a.unicodeScalars.map(\.value)
        let y = b.unicodeScalars.map(\.value)
        if x.isEmpty && y.isEmpty { return 1 }
        if x.isEmpty || y.isEmpty { return 0 }
        let window = max(0, max(x.count, y.count) / 2 - 1)
        var xMatched = [Bool](repeating: false, count: x.count)
        var yMatched = [Bool](repeating: false, count: y.count)
        var matches = 0
        for i in x.indices {
            let low = max(0, i - window)
            let high = min(y.count - 1, i + window)
            if low > high { continue }
            for j in low...high where !yMatched[j] && x[i] == y[j] {
                xMatched[i] = true
                yMatched[j] = true
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var k = 0
        for i in x.indices where xMatched[i] {
            while !yMatched[k] { k += 1 }
            if x[i] != y[k] { transpositions += 1 }
            k += 1
        }
        let m = Double(matches)
        let jaro = (m / Double(x.count) + m / Double(y.count) + (m - Double(transpositions / 2)) / m) / 3
        guard jaro > winklerBoostThreshold else { return jaro }
        var prefix = 0
        while prefix < min(winklerMaximumPrefix, min(x.count, y.count)) && x[prefix] == y[prefix] { prefix += 1 }
        return min(1, jaro + Double(prefix) * winklerPrefixScale * (1 - jaro))
    }
}
