import Testing

@testable import CustosCopy

@Suite struct MinHashTests {
    /// Two sets of random hashes with `common` shared elements and `only` elements each of their own.
    func overlappingSets(common: Int, only: Int, seed: UInt64) -> ([UInt64], [UInt64]) {
        var generator = TestGenerator(state: seed)
        let shared = (0..<common).map { _ in generator.next() }
        let first = shared + (0..<only).map { _ in generator.next() }
        let second = shared + (0..<only).map { _ in generator.next() }
        return (first, second)
    }

    @Test(arguments: [(100, 0), (300, 100), (100, 100), (100, 400), (20, 1000), (0, 200)])
    func estimateIsWithinATenthOfTrueJaccard(common: Int, only: Int) {
        let minHash = MinHash()
        for seed in 1...5 as ClosedRange<UInt64> {
            let (first, second) = overlappingSets(common: common, only: only, seed: seed)
            let truth = Double(common) / Double(common + 2 * only)
            let estimate = minHash.signature(of: first).jaccard(estimate: minHash.signature(of: second))
            #expect(abs(estimate - truth) <= 0.1, "J = \(truth), estimated \(estimate)")
        }
    }

    @Test func signaturesAreStableAcrossRuns() {
        // Golden values (also computed by an independent Python transcription of the family): a change here
        // breaks every stored signature.
        let minHash = MinHash(numPermutations: 8)
        let signature = minHash.signature(of: [1, 2, 3, 0xDEAD_BEEF, .max])
        #expect(signature.values == Self.golden)
        #expect(MinHash(numPermutations: 8).signature(of: [.max, 3, 2, 1, 0xDEAD_BEEF, 2]) == signature)
        #expect(MinHash(numPermutations: 8, seed: 7).signature(of: [1, 2, 3, 0xDEAD_BEEF, .max]) != signature)
        #expect(MinHash().signature(of: [1, 2, 3]).values.count == 128)
    }

    static let golden: [UInt32] = [
        1_174_079_117, 435_104_717, 937_826_120, 920_774_933, 656_732_401, 94_086_977, 812_736_373, 1_070_977_023,
    ]

    @Test func emptySetsHaveMaximalSignatures() {
        let minHash = MinHash(numPermutations: 16)
        let empty = minHash.signature(of: [UInt64]())
        #expect(empty.values == [UInt32](repeating: .max, count: 16))
        #expect(empty.jaccard(estimate: empty) == 1)
        #expect(empty.jaccard(estimate: minHash.signature(of: [42])) == 0)
    }

    @Test func shinglesEqualWinnowingKgramHashes() throws {
        let symbols = (0..<50).map { UInt64($0 % 7) &* 0x9E37_79B9 }
        let shingles = MinHash.shingles(symbols: symbols, size: 5)
        #expect(shingles.count == 46)
        let winnower = Winnower(parameters: try WinnowingParameters(k: 5, window: 1))
        #expect(shingles == winnower.kgramHashes(symbols))
        // Periodic input: equal windows give equal shingles.
        #expect(shingles[0] == shingles[7])
        #expect(shingles[0] != shingles[1])
    }

    @Test func shortSequencesYieldOneShingle() {
        #expect(MinHash.shingles(symbols: [], size: 3).isEmpty)
        let short = MinHash.shingles(symbols: [4, 5], size: 3)
        #expect(short == MinHash.shingles(symbols: [4, 5], size: 2))
        #expect(short.count == 1)
    }

    @Test func editedTextKeepsMostOfItsShingles() {
        var generator = TestGenerator(state: 9)
        let words = (0..<400).map { _ in generator.next() % 500 }
        var edited = words
        edited[100] = 9999
        edited[300] = 9999
        let minHash = MinHash()
        let estimate = minHash.signature(of: MinHash.shingles(symbols: words, size: 5))
            .jaccard(estimate: minHash.signature(of: MinHash.shingles(symbols: edited, size: 5)))
        // Two edits spoil 10 of 396 shingles: J = 386 / 406 ≈ 0.95.
        #expect(estimate > 0.85)
    }
}
