import CustosCore
import Testing

@testable import CustosMarks

@Suite struct KeyPostingsTests {
    @Test func returnsEveryOrdinalStoredUnderAKeyOnceAndInOrder() {
        var pairs: [(key: UInt64, ordinal: UInt32)] = []
        var expected: [UInt64: Set<UInt32>] = [:]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let key = UInt64.random(in: 0..<700, using: &generator) &* 0x9E37_79B9_7F4A_7C15
            let ordinal = UInt32.random(in: 0..<300, using: &generator)
            pairs.append((key, ordinal))
            expected[key, default: []].insert(ordinal)
        }
        let postings = KeyPostings(pairs: pairs)
        for (key, ordinals) in expected {
            let found = Array(postings.postings(for: key))
            #expect(found == ordinals.sorted())
        }
        #expect(postings.postings(for: 12_345).isEmpty)
    }

    @Test func handlesAnEmptyMap() {
        #expect(KeyPostings(pairs: []).postings(for: 1).isEmpty)
    }
}
