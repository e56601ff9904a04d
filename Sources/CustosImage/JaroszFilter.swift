/// The reference PDQ's box filter (`box1DFloat`), run along rows and along columns.
///
/// Each output is the mean of a window centred on it, shrunk at the ends; the running sum is kept in `Float` and
/// updated in exactly the reference's order, which is what makes the hash bit-exact. The column pass keeps one
/// running sum per column and sweeps the rows in memory order: each column sees the same operations in the same
/// order as the reference's strided walk, without its cache misses.
enum JaroszFilter {
    /// Phases of `box1DFloat` for a vector of `length` and a window of `window`.
    struct Phases {
        let accumulate: Int
        let growing: Int
        let full: Int
        let shrinking: Int

        init(length: Int, window: Int) {
            let half = (window + 2) / 2
            accumulate = half - 1
            growing = window - half + 1
            full = length - window
            shrinking = half - 1
        }
    }

    static func boxAlongRows(_ input: [Float], into output: inout [Float], rows: Int, columns: Int, window: Int) {
        let phases = Phases(length: columns, window: window)
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                for row in 0..<rows {
                    let base = row * columns
                    var sum: Float = 0
                    var size = 0
                    var left = base
                    var right = base
                    var out = base
                    for _ in 0..<max(phases.accumulate, 0) {
                        sum += input[right]
                        size += 1
                        right += 1
                    }
                    for _ in 0..<max(phases.growing, 0) {
                        sum += input[right]
                        size += 1
                        output[out] = sum / Float(size)
                        right += 1
                        out += 1
                    }
                    for _ in 0..<max(phases.full, 0) {
                        sum += input[right]
                        sum -= input[left]
                        output[out] = sum / Float(size)
                        left += 1
                        right += 1
                        out += 1
                    }
                    for _ in 0..<max(phases.shrinking, 0) {
                        sum -= input[left]
                        size -= 1
                        output[out] = sum / Float(size)
                        left += 1
                        out += 1
                    }
                }
            }
        }
    }

    static func boxAlongColumns(_ input: [Float], into output: inout [Float], rows: Int, columns: Int, window: Int) {
        let phases = Phases(length: rows, window: window)
        var sums = [Float](repeating: 0, count: columns)
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                sums.withUnsafeMutableBufferPointer { sums in
                    var size = 0
                    var left = 0
                    var right = 0
                    var out = 0
                    for _ in 0..<max(phases.accumulate, 0) {
                        for column in 0..<columns { sums[column] += input[right * columns + column] }
                        size += 1
                        right += 1
                    }
                    for _ in 0..<max(phases.growing, 0) {
                        let divisor = Float(size + 1)
                        for column in 0..<columns {
                            sums[column] += input[right * columns + column]
                            output[out * columns + column] = sums[column] / divisor
                        }
                        size += 1
                        right += 1
                        out += 1
                    }
                    for _ in 0..<max(phases.full, 0) {
                        let divisor = Float(size)
                        for column in 0..<columns {
                            sums[column] += input[right * columns + column]
                            sums[column] -= input[left * columns + column]
                            output[out * columns + column] = sums[column] / divisor
                        }
                        left += 1
                        right += 1
                        out += 1
                    }
                    for _ in 0..<max(phases.shrinking, 0) {
                        let divisor = Float(size - 1)
                        for column in 0..<columns {
                            sums[column] -= input[left * columns + column]
                            output[out * columns + column] = sums[column] / divisor
                        }
                        size -= 1
                        left += 1
                        out += 1
                    }
                }
            }
        }
    }
}
