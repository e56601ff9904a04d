import Testing

@testable import CustosCopy

/// SplitMix64 for reproducible random corpora in tests.
struct TestGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 { MinHash.splitMix(&state) }
}

/// Random documents drawing hashes from a small pool, so that documents overlap, with some repeated hashes.
func randomDocuments(count: Int, pool: Int, hashesPerDocument: ClosedRange<Int>, seed: UInt64) -> [[UInt64]] {
    var generator = TestGenerator(state: seed)
    let hashes = (0..<pool).map { _ in generator.next() }
    return (0..<count).map { _ in
        let length = Int.random(in: hashesPerDocument, using: &generator)
        return (0..<length).map { _ in hashes[Int.random(in: 0..<pool, using: &generator)] }
    }
}

/// The candidates a query should get, counted naively.
func bruteForceCandidates(
    query: [UInt64], documents: [(document: UInt32, hashes: [UInt64])], cap: Int, minimumShared: Int
) -> [FingerprintIndex.Candidate] {
    var frequency: [UInt64: Int] = [:]
    for document in documents { for hash in Set(document.hashes) { frequency[hash, default: 0] += 1 } }
    let kept = Set(query).filter { frequency[$0, default: 0] <= cap }
    var result: [FingerprintIndex.Candidate] = []
    for document in documents {
        let held = Set(document.hashes)
        let shared = kept.intersection(held).count
        if shared >= max(1, minimumShared) {
            result.append(.init(document: document.document, shared: shared, documentFingerprints: held.count))
        }
    }
    result.sort { $0.shared != $1.shared ? $0.shared > $1.shared : $0.document < $1.document }
    return result
}

@Suite struct FingerprintIndexTests {
    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func candidatesEqualBruteForceCounts(seed: UInt64) {
        let hashLists = randomDocuments(count: 300, pool: 2000, hashesPerDocument: 0...60, seed: seed)
        // Sparse, shuffled identifiers: the index must not assume 0..<n.
        let documents = hashLists.enumerated().map { (document: UInt32($0.offset * 7 + 3), hashes: $0.element) }
        let index = FingerprintIndex(documents)
        let queries = randomDocuments(count: 40, pool: 2000, hashesPerDocument: 1...80, seed: seed &+ 100)
        for query in queries {
            for (cap, minimumShared) in [(Int.max, 1), (5, 1), (Int.max, 3)] {
                let expected = bruteForceCandidates(
                    query: query, documents: documents, cap: cap, minimumShared: minimumShared)
                let found = index.candidates(
                    for: query, limit: 1000, minimumShared: minimumShared,
                    maximumDocumentFrequency: cap == Int.max ? nil : cap)
                #expect(found == expected)
                #expect(
                    index.candidates(
                        for: query, limit: 5, minimumShared: minimumShared,
                        maximumDocumentFrequency: cap == Int.max ? nil : cap) == Array(expected.prefix(5)))
            }
        }
    }

    @Test func documentFrequencyCapDropsHotHashes() {
        let boilerplate: [UInt64] = [0xB0, 0xB1, 0xB2]
        var documents: [(document: UInt32, hashes: [UInt64])] = []
        for id in 0..<50 as Range<UInt32> { documents.append((id, boilerplate + [UInt64(1000 + id)])) }
        documents.append((99, [0x5EC, 0x5ED]))
        let index = FingerprintIndex(documents)
        #expect(index.documentFrequency(of: 0xB1) == 50)
        #expect(index.documentFrequency(of: 0x5EC) == 1)
        #expect(index.documentFrequency(of: 0xDEAD) == 0)

        let query: [UInt64] = boilerplate + [1007, 0x5EC]
        let uncapped = index.candidates(for: query, limit: 100)
        #expect(uncapped.count == 51)
        #expect(uncapped.first == .init(document: 7, shared: 4, documentFingerprints: 4))

        // With the cap, the boilerplate says nothing: only the real matches remain.
        let capped = index.candidates(for: query, limit: 100, maximumDocumentFrequency: 10)
        #expect(
            capped == [
                .init(document: 7, shared: 1, documentFingerprints: 4),
                .init(document: 99, shared: 1, documentFingerprints: 2),
            ])
    }

    @Test func duplicateHashesCountOnceAndRepeatedDocumentsMerge() {
        var builder = FingerprintIndex.Builder()
        builder.add(document: 5, hashes: [1, 1, 2, 3])
        builder.add(document: 9, hashes: [3, 4])
        builder.add(document: 5, hashes: [4, 2])
        let index = builder.build()
        #expect(index.count == 2)
        #expect(index.hashCount == 4)
        #expect(index.postingCount == 6)
        #expect(index.fingerprintCount(of: 5) == 4)
        #expect(index.documents(holding: 4) == [5, 9])
        #expect(
            index.candidates(for: [1, 1, 1, 4, 4]) == [
                .init(document: 5, shared: 2, documentFingerprints: 4),
                .init(document: 9, shared: 1, documentFingerprints: 2),
            ])
    }

    @Test func emptyIndexAndEmptyQueryFindNothing() {
        let empty = FingerprintIndex([(document: UInt32, hashes: [UInt64])]())
        #expect(empty.isEmpty)
        #expect(empty.candidates(for: [1, 2, 3]).isEmpty)
        #expect(empty.documentFrequency(of: 1) == 0)
        let index = FingerprintIndex(hashLists: [[1, 2], [], [2, 3]])
        #expect(index.count == 3)
        #expect(index.candidates(for: []).isEmpty)
        #expect(index.candidates(for: [2], limit: 0).isEmpty)
        #expect(index.fingerprintCount(of: 1) == 0)
    }

    @Test func extremeHashValuesAreFound() {
        let hashes: [UInt64] = [0, 1, .max, .max - 1, 1 << 63, (1 << 63) - 1]
        let index = FingerprintIndex(hashLists: hashes.map { [$0] } + [hashes])
        for hash in hashes { #expect(index.documents(holding: hash) == [UInt32(hashes.firstIndex(of: hash)!), 6]) }
    }

    @Test func hotBucketsSortLikeSmallOnes() {
        // Many documents holding the same few hashes land in one radix bucket of more than 32 entries.
        let documents = (0..<200).map { number -> [UInt64] in
            number % 2 == 0 ? [7, 8, UInt64(number) << 40] : [8, 7]
        }
        let index = FingerprintIndex(hashLists: documents)
        #expect(index.documentFrequency(of: 7) == 200)
        #expect(index.documents(holding: 8) == (0..<200).map(UInt32.init))
        #expect(index.candidates(for: [7, 8], limit: 3).map(\.document) == [0, 1, 2])
    }
}
