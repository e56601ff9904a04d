/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): a tiny seeded
/// generator, so that property tests replay exactly from their seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniform index below `bound`, computed here (not by the standard library) so the sequence never depends on
    /// the library's sampling algorithm.
    mutating func index(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    /// A uniformly chosen element.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[index(below: elements.count)]
    }

    /// `true` with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { index(below: 100) < percent }
}
