import Testing

@testable import CustosCopy

/// Every pair's shared distinct hashes, counted naively under the same rules as `CandidatePairs`.
func bruteForcePairs(_ documents: [[UInt64]], generator: CandidatePairs) -> [CandidatePair] {
    let sets = documents.map(Set.init)
    var frequency: [UInt64: Int] = [:]
    for set in sets { for hash in set { frequency[hash, default: 0] += 1 } }
    let cap = generator.documentFrequencyCap(documents: documents.count)
    var pairs: [CandidatePair] = []
    for a in sets.indices {
        for b in sets.indices where b > a {
            let shared = sets[a].intersection(sets[b]).count { hash in
                !generator.ignoring.contains(hash) && frequency[hash, default: 0] <= cap
            }
            if shared >= max(1, generator.minimumShared) {
                pairs.append(CandidatePair(a: UInt32(a), b: UInt32(b), shared: shared))
            }
        }
    }
    pairs.sort(by: CandidatePair.ranksBefore)
    if let limit = generator.limit { return Array(pairs.prefix(limit)) }
    return pairs
}

@Suite struct CandidatePairsTests {
    @Test(arguments: [1 as UInt64, 2, 3])
    func pairsEqualBruteForce(seed: UInt64) {
        let documents = randomDocuments(count: 120, pool: 3000, hashesPerDocument: 0...50, seed: seed)
        for generator in [
            CandidatePairs(maximumShare: nil),
            CandidatePairs(minimumShared: 2, maximumShare: 0.05),
            CandidatePairs(maximumShare: 0.03, limit: 25),
            CandidatePairs(maximumShare: nil, workers: 1),
        ] {
            #expect(generator.pairs(amongHashLists: documents) == bruteForcePairs(documents, generator: generator))
        }
    }

    @Test func outputDoesNotDependOnWorkers() {
        let documents = randomDocuments(count: 400, pool: 5000, hashesPerDocument: 10...40, seed: 11)
        let sequential = CandidatePairs(maximumShare: 0.1, limit: 500, workers: 1).pairs(amongHashLists: documents)
        let parallel = CandidatePairs(maximumShare: 0.1, limit: 500, workers: 4).pairs(amongHashLists: documents)
        #expect(sequential.count == 500)
        #expect(sequential == parallel)
    }

    @Test func maximumShareDropsStarterCode() {
        // Twenty submissions share the starter code; two of them also share a copied function.
        var documents = (0..<20).map { number in [0x5A, 0x5B, 0x5C] + [UInt64(1000 + number)] as [UInt64] }
        documents[3] += [0xC0, 0xC1]
        documents[17] += [0xC1, 0xC0]
        let everything = CandidatePairs(maximumShare: nil).pairs(amongHashLists: documents)
        #expect(everything.count == 190)
        let suppressed = CandidatePairs(maximumShare: 0.1).pairs(amongHashLists: documents)
        #expect(suppressed == [CandidatePair(a: 3, b: 17, shared: 2)])
    }

    @Test func ignoredHashesNeverCount() {
        let documents: [[UInt64]] = [[1, 2, 3], [1, 2, 4], [3, 4, 5], [5, 6]]
        let generator = CandidatePairs(maximumShare: nil, ignoring: [1, 5])
        #expect(
            generator.pairs(amongHashLists: documents) == [
                CandidatePair(a: 0, b: 1, shared: 1), CandidatePair(a: 0, b: 2, shared: 1),
                CandidatePair(a: 1, b: 2, shared: 1),
            ])
        #expect(generator.pairs(amongHashLists: documents) == bruteForcePairs(documents, generator: generator))
    }

    @Test func identifiersAreOrderedWithinPairs() {
        let documents: [(document: UInt32, hashes: [UInt64])] = [(90, [1, 2]), (10, [2, 3]), (50, [1, 2, 3])]
        let pairs = CandidatePairs(maximumShare: nil).pairs(among: documents)
        #expect(
            pairs == [
                CandidatePair(a: 10, b: 50, shared: 2), CandidatePair(a: 50, b: 90, shared: 2),
                CandidatePair(a: 10, b: 90, shared: 1),
            ])
    }

    @Test func smallCorporaKeepPairwiseHashes() {
        #expect(CandidatePairs().documentFrequencyCap(documents: 5) == 2)
        #expect(CandidatePairs().documentFrequencyCap(documents: 1000) == 100)
        #expect(CandidatePairs(maximumShare: nil).documentFrequencyCap(documents: 5) == Int.max)
        #expect(CandidatePairs().pairs(amongHashLists: [[1]]).isEmpty)
        #expect(CandidatePairs(limit: 0).pairs(amongHashLists: [[1], [1]]).isEmpty)
    }
}
