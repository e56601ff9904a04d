import Testing

@testable import CustosCopy

@Suite struct MinHashLSHTests {
    @Test(arguments: [
        (0.5, 128, 25, 5), (0.8, 128, 9, 13), (0.3, 128, 37, 3), (0.9, 128, 5, 25), (0.5, 256, 42, 6),
        (0.8, 64, 5, 11),
    ])
    func optimalBandingMatchesDatasketch(threshold: Double, permutations: Int, bands: Int, rows: Int) {
        // Expected values from datasketch's `_optimal_param(threshold, num_perm, 0.5, 0.5)` (SciPy quadrature and
        // its midpoint fallback agree on all of these).
        let parameters = MinHashLSH.Parameters.optimal(threshold: threshold, numPermutations: permutations)
        #expect(parameters == MinHashLSH.Parameters(bands: bands, rows: rows))
    }

    @Test func errorProbabilitiesMatchDatasketch() {
        let parameters = MinHashLSH.Parameters(bands: 25, rows: 5)
        let error =
            0.5 * parameters.falsePositiveProbability(threshold: 0.5)
            + 0.5 * parameters.falseNegativeProbability(threshold: 0.5)
        // datasketch (SciPy quad): 0.043737050; midpoint fallback 0.043736898.
        #expect(abs(error - 0.0437370) < 1e-5)
    }

    /// `count` pairs of sets with Jaccard similarity `similarity` (200 elements in their union).
    func pairs(similarity: Double, count: Int, seed: UInt64) -> [([UInt64], [UInt64])] {
        var generator = TestGenerator(state: seed)
        let union = 200
        let common = Int((similarity * Double(union)).rounded())
        let eachOnly = (union - common) / 2
        return (0..<count).map { _ in
            let shared = (0..<common).map { _ in generator.next() }
            return (
                shared + (0..<eachOnly).map { _ in generator.next() },
                shared + (0..<eachOnly).map { _ in generator.next() }
            )
        }
    }

    @Test func findsPairsAboveThresholdAndRarelyBelow() throws {
        let minHash = MinHash()
        var lsh = try MinHashLSH(threshold: 0.5)
        #expect(lsh.parameters == MinHashLSH.Parameters(bands: 25, rows: 5))
        let similar = pairs(similarity: 0.8, count: 100, seed: 1)
        let dissimilar = pairs(similarity: 0.15, count: 100, seed: 2)
        for (number, pair) in (similar + dissimilar).enumerated() {
            lsh.insert(id: UInt32(number), signature: minHash.signature(of: pair.0))
        }
        #expect(lsh.count == 200)
        var found = 0
        for (number, pair) in similar.enumerated()
        where lsh.query(signature: minHash.signature(of: pair.1))
            .contains(UInt32(number))
        {
            found += 1
        }
        var falsePositives = 0
        for (number, pair) in dissimilar.enumerated()
        where lsh.query(signature: minHash.signature(of: pair.1))
            .contains(UInt32(100 + number))
        {
            falsePositives += 1
        }
        // P(candidate) = 1 − (1 − s⁵)²⁵: 0.9999… at s = 0.8, 0.0019 at s = 0.15.
        #expect(found >= 98)
        #expect(falsePositives <= 3)
    }

    @Test func queryReturnsSortedUniqueIdentifiers() throws {
        let minHash = MinHash(numPermutations: 32)
        var lsh = try MinHashLSH(parameters: .init(bands: 8, rows: 4), numPermutations: 32)
        let signature = minHash.signature(of: [1, 2, 3, 4, 5])
        for id in [9, 3, 9, 5] as [UInt32] { lsh.insert(id: id, signature: signature) }
        lsh.insert(id: 1, signature: minHash.signature(of: [100, 200, 300]))
        #expect(lsh.query(signature: signature) == [3, 5, 9])
        #expect(lsh.query(signature: minHash.signature(of: [7000, 8000])).isEmpty)
    }

    @Test func indexGrowsPastItsInitialTable() throws {
        let minHash = MinHash(numPermutations: 16)
        var lsh = try MinHashLSH(parameters: .init(bands: 4, rows: 4), numPermutations: 16)
        for id in 0..<2000 as Range<UInt32> {
            lsh.insert(id: id, signature: minHash.signature(of: [UInt64(id), UInt64(id) + 1]))
        }
        for id in stride(from: 0, to: 2000, by: 97) as StrideTo<UInt32> {
            #expect(lsh.query(signature: minHash.signature(of: [UInt64(id), UInt64(id) + 1])).contains(id))
        }
    }

    @Test func rejectsInvalidSettings() {
        #expect(throws: CopyError.self) { try MinHashLSH(threshold: 0) }
        #expect(throws: CopyError.self) { try MinHashLSH(threshold: 1.5) }
        #expect(throws: CopyError.self) { try MinHashLSH(parameters: .init(bands: 20, rows: 7), numPermutations: 128) }
        #expect(throws: CopyError.self) { try MinHashLSH(parameters: .init(bands: 0, rows: 7), numPermutations: 128) }
    }
}
