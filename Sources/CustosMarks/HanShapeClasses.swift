import CustosText

/// Groups Han characters that look alike into small classes, so that a knock-off with one or two look-alike
/// characters (康帅傅 for 康师傅, 粤利粤 for 奥利奥) has the same class key as the original and is found by one lookup.
///
/// Look-alike pairs are not transitive, so classes come from a union–find over `ChineseSimilarity.shapeAlikes(of:)`
/// that refuses any union making a class larger than `maximumClassSize`: chains of noisy pairs never collapse into
/// one giant class. The classes only propose candidates; the scorer then compares characters pairwise.
struct HanShapeClasses: Sendable {
    /// The largest class a union may create.
    static let maximumClassSize = 6

    private let representative: [UInt32: UInt32]

    /// The classes built from the bundled Chinese similarity tables.
    static let standard = HanShapeClasses(similarity: .standard)

    init(similarity: ChineseSimilarity) {
        var parent: [UInt32: UInt32] = [:]
        var size: [UInt32: Int] = [:]
        func find(_ x: UInt32) -> UInt32 {
            var root = x
            while let next = parent[root], next != root { root = next }
            var node = x
            while let next = parent[node], next != root {
                parent[node] = root
                node = next
            }
            return root
        }
        let ranges: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let character = Character(scalar)
                for neighbour in similarity.shapeAlikes(of: character) {
                    guard let other = neighbour.unicodeScalars.first?.value, other != value else { continue }
                    let a = find(value)
                    let b = find(other)
                    guard a != b else { continue }
                    let combined = size[a, default: 1] + size[b, default: 1]
                    guard combined <= Self.maximumClassSize else { continue }
                    let (root, child) = a < b ? (a, b) : (b, a)
                    parent[child] = root
                    parent[root] = root
                    size[root] = combined
                }
            }
        }
        var representative: [UInt32: UInt32] = [:]
        for key in parent.keys {
            let root = find(key)
            if root != key { representative[key] = root }
        }
        self.representative = representative
    }

    /// The class key of a Han scalar: the smallest member of its class (the scalar itself when it has none).
    @inline(__always)
    func classKey(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        representative[scalar.value].flatMap(Unicode.Scalar.init) ?? scalar
    }

    /// The string with every character replaced by its class key.
    func classKeys(_ scalars: some Sequence<Unicode.Scalar>) -> [Unicode.Scalar] {
        scalars.map(classKey)
    }
}
