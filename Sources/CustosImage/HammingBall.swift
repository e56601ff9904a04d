/// The 16-bit masks ordered by the number of bits they set, so that the values within Hamming distance `r` of a
/// chunk `v` are `v ^ masks[i]` for `i < ballSize(r)`: probing a radius is a loop, with no recursion over bit
/// combinations, and the 128 KiB table is built once per process.
enum HammingBall {
    /// Every `UInt16`, by popcount (then by value, so the order is deterministic).
    static let masks: [UInt16] = (0...UInt16.max).sorted {
        $0.nonzeroBitCount != $1.nonzeroBitCount ? $0.nonzeroBitCount < $1.nonzeroBitCount : $0 < $1
    }

    /// `sizes[r + 1]` is the number of 16-bit values within distance `r` of a given one (`sizes[0]` is 0, the ball of
    /// radius -1): 1, 17, 137, 697, ... 65536.
    static let sizes: [Int] = {
        var sizes = [0]
        var binomial = 1
        for weight in 0...16 {
            sizes.append(sizes[weight] + binomial)
            binomial = binomial * (16 - weight) / (weight + 1)
        }
        return sizes
    }()

    /// The number of 16-bit values within `radius` of a given one; 0 for a negative radius.
    static func size(_ radius: Int) -> Int {
        sizes[min(max(radius, -1), 16) + 1]
    }
}
