import Testing

@testable import CustosCopy

@Suite struct NearDuplicateFinderTests {
    /// A deterministic stream of pseudo-random numbers (SplitMix64).
    struct Words {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A document of `count` word symbols drawn from a 5,000-word vocabulary.
        mutating func document(_ count: Int) -> [UInt64] {
            (0..<count).map { _ in TokenSymbol.make("w\(next() % 5000)") }
        }
    }

    /// `document` with the words at `positions` replaced by words no document uses.
    static func edited(_ document: [UInt64], at positions: [Int]) -> [UInt64] {
        var copy = document
        for position in positions { copy[position] = TokenSymbol.make("edit-\(position)") }
        return copy
    }

    /// 300 unrelated documents, then 20 planted copies (documents 300…319) of documents 0, 15, 30, …, each with
    /// two words replaced (shingle Jaccard about 0.85).
    static func corpus() -> (documents: [[UInt64]], planted: Set<[Int]>) {
        var words = Words(state: 11)
        var documents = (0..<300).map { _ in words.document(150) }
        var planted: Set<[Int]> = []
        for copy in 0..<20 {
            let source = copy * 15
            documents.append(edited(documents[source], at: [40, 110]))
            planted.insert([source, 300 + copy])
        }
        return (documents, planted)
    }

    @Test func plantedNearDuplicatesAreFoundAndUnrelatedDocumentsAreNot() throws {
        let (documents, planted) = Self.corpus()
        let result = try NearDuplicateFinder().find(documents)
        #expect(Set(result.pairs.map { [$0.a, $0.b] }) == planted)
        #expect(result.pairs.allSatisfy { $0.jaccard >= 0.8 && $0.jaccard < 1 && $0.a < $0.b })
        #expect(result.clusters.count == 20)
        #expect(result.tooShort.isEmpty)
        // The LSH proposed few candidates beyond the planted pairs: no quadratic verification.
        #expect(result.candidatePairs >= 20 && result.candidatePairs < 200)
        // Banded against misses: 16 × 8 rather than datasketch's 9 × 13.
        #expect(result.banding == MinHashLSH.Parameters(bands: 16, rows: 8))
    }

    @Test func exactJaccardIsTheShingleSetSimilarity() throws {
        // 20 distinct tokens give 16 five-shingles; replacing the last token changes one: 15 shared of 17.
        let original = (0..<20).map { TokenSymbol.make("t\($0)") }
        let copy = Self.edited(original, at: [19])
        let result = try NearDuplicateFinder().find([original, copy])
        let pair = try #require(result.pairs.first)
        #expect(pair.jaccard == 15.0 / 17.0)
        #expect(NearDuplicateFinder.jaccard([1, 2, 3], [2, 3, 4, 5]) == 0.4)
        #expect(NearDuplicateFinder.jaccard([], []) == 1)
    }

    @Test func heavierRewritesFallBelowTheThresholdButAreFoundWithALowerOne() throws {
        var words = Words(state: 5)
        let original = words.document(200)
        // A replaced word every 12: about 60 % of the shingles survive.
        let rewrite = Self.edited(original, at: Array(stride(from: 6, to: 200, by: 12)))
        let strict = try NearDuplicateFinder().find([original, rewrite])
        #expect(strict.pairs.isEmpty)
        let loose = try NearDuplicateFinder(threshold: 0.4).find([original, rewrite])
        let pair = try #require(loose.pairs.first)
        #expect(pair.jaccard > 0.4 && pair.jaccard < 0.8)
    }

    @Test func clustersJoinChainsOfNearDuplicatesByUnionFind() throws {
        var words = Words(state: 7)
        let a = words.document(150)
        let b = Self.edited(a, at: [30])  // a with one word changed
        let c = Self.edited(b, at: [100])  // b with another: c ~ b ~ a
        let x = words.document(150)
        let y = Self.edited(x, at: [75])
        let lone = words.document(150)
        // Input order mixes the two families.
        let result = try NearDuplicateFinder().find([c, x, lone, a, y, b])
        #expect(result.clusters.map(\.documents) == [[0, 3, 5], [1, 4]])
        let chain = try #require(result.clusters.first)
        let chainPairs = result.pairs.filter { chain.documents.contains($0.a) }
        #expect(chain.minimumJaccard == chainPairs.map(\.jaccard).min())
        #expect(chain.minimumJaccard < 1)
        #expect(NearDuplicateFinder.clusters(of: [], documentCount: 3).isEmpty)
    }

    @Test func identicalCopiesArePairedWithTheFirstOnlyAndFormOneCluster() throws {
        var words = Words(state: 3)
        let listing = words.document(60)
        let other = words.document(60)
        let documents = [other] + Array(repeating: listing, count: 50)
        let result = try NearDuplicateFinder().find(documents)
        #expect(result.pairs.count == 49)
        #expect(result.pairs.allSatisfy { $0.a == 1 && $0.jaccard == 1 })
        #expect(result.pairs.map(\.b) == Array(2...50))
        #expect(result.clusters == [NearDuplicateFinder.Cluster(documents: Array(1...50), minimumJaccard: 1)])
        #expect(result.candidatePairs == 0)
    }

    @Test func documentsTooShortForOneShingleAreReportedNotCompared() throws {
        var words = Words(state: 9)
        let long = words.document(80)
        let documents = [[], Array(long.prefix(4)), long, Array(long.prefix(4)), Self.edited(long, at: [40]), [7]]
        let result = try NearDuplicateFinder().find(documents)
        #expect(result.tooShort == [0, 1, 3, 5])
        #expect(result.pairs.map { [$0.a, $0.b] } == [[2, 4]])
        let shorter = try NearDuplicateFinder(shingleSize: 4).find(documents)
        #expect(shorter.tooShort == [0, 5])
        #expect(shorter.pairs.contains { $0.a == 1 && $0.b == 3 && $0.jaccard == 1 })
        #expect(try NearDuplicateFinder().find([]).pairs.isEmpty)
    }

    @Test func resultsDoNotDependOnWorkersOrRuns() throws {
        let (documents, _) = Self.corpus()
        let one = try NearDuplicateFinder(workers: 1).find(documents)
        let four = try NearDuplicateFinder(workers: 4).find(documents)
        let again = try NearDuplicateFinder(workers: 4).find(documents)
        #expect(one == four)
        #expect(four == again)
        // The pairs come most similar first, then by index.
        let order = one.pairs.map { (-$0.jaccard, $0.a, $0.b) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0.0 < $0.1 })
    }

    @Test func estimatedVerificationFindsThePlantedPairsToo() throws {
        let (documents, planted) = Self.corpus()
        let result = try NearDuplicateFinder(verification: .estimate).find(documents)
        #expect(Set(result.pairs.map { [$0.a, $0.b] }) == planted)
        #expect(result.pairs.allSatisfy { abs($0.jaccard - 0.85) < 0.15 })
    }

    @Test func textsAreTokenizedSoRespacingCaseAndPunctuationDoNotHide() throws {
        let chapter = """
            It was a bright cold day in April, and the clocks were striking thirteen. The hallway smelt of boiled \
            cabbage and old rag mats; at one end of it a coloured poster, too large for indoor display, had been \
            tacked to the wall.
            """
        let pirated = """
            IT WAS A BRIGHT COLD DAY IN APRIL -- and the clocks were striking thirteen!  The hallway smelt of \
            boiled cabbage and old rag mats. At one end of it a coloured poster, too large for indoor display, \
            had been tacked to the wall
            """
        let cjk = "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。"
        let cjkCopy = "春眠不觉晓 处处闻啼鸟 夜来风雨声 花落知多少"
        let unrelated = "A recipe: whisk two eggs with sugar, fold in flour and bake for twenty minutes at 180 degrees."
        let result = try NearDuplicateFinder().find(texts: [chapter, cjk, unrelated, pirated, cjkCopy])
        #expect(result.pairs.map { [$0.a, $0.b] } == [[0, 3], [1, 4]])
    }

    @Test func outOfRangeSettingsAreRefused() {
        #expect(throws: CopyError.self) { try NearDuplicateFinder(threshold: 0) }
        #expect(throws: CopyError.self) { try NearDuplicateFinder(threshold: 1.5) }
        #expect(throws: CopyError.self) { try NearDuplicateFinder(shingleSize: 0) }
        #expect(throws: CopyError.self) { try NearDuplicateFinder(numPermutations: 0) }
        #expect(throws: CopyError.self) { try NearDuplicateFinder(numPermutations: 5000) }
    }
}
