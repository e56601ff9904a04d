/// The 16-bit masks ordered by the number of bits they set, so that the values within Hamming distance `r` of a
/// chunk `v` are `v ^ masks[i]` for `i < size(r)`: probing a radius is a loop, with no recursion over bit
/// combinations, and the 128 KiB table is built once per process.
enum HammingBall {
    /// Every `UInt16`, by popcount, then by value (placed by a counting sort on the popcount, so that building the
    /// table is one pass over the masks, quick even in a debug build).
    static let masks: [UInt16] = {
        var next = sizes.dropLast()
        var masks = [UInt16](repeating: 0, count: 65_536)
        for mask in 0...UInt16.max {
            masks[next[mask.nonzeroBitCount]] = mask
            next[mask.nonzeroBitCount] += 1
        }
        return masks
    }()

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
