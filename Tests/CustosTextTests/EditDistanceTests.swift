import Testing

@testable import CustosText

@Suite struct EditDistanceTests {
    private static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    private static func distance(_ a: String, _ b: String, limit: Int = 100) -> Int {
        EditDistance.damerauLevenshtein(scalars(a), scalars(b), limit: limit)
    }

    private static func randomWords(count: Int) -> [String] {
        var generator = SplitMix(state: 42)
        let alphabet = Array("abcdenst康师")
        return (0..<count).map { _ in
            String(
                (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                    alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                })
        }
    }

    @Test(arguments: [
        ("kitten", "sitting", 3), ("adibas", "adidas", 1), ("samsing", "samsung", 1), ("", "abc", 3),
        ("abc", "", 3), ("ca", "abc", 3), ("康师傅", "康帅傅", 1), ("nike", "nkie", 1), ("flaw", "lawn", 2),
    ])
    func computesKnownDistances(_ a: String, _ b: String, _ expected: Int) {
        #expect(Self.distance(a, b) == expected)
    }

    @Test func countsAnAdjacentTranspositionAsOne() {
        #expect(Self.distance("abcd", "abdc") == 1)
        #expect(Self.distance("adidas", "aiddas") == 1)
    }

    @Test func isZeroExactlyForIdenticalSequences() {
        for word in Self.randomWords(count: 200) {
            #expect(Self.distance(word, word) == 0)
        }
        #expect(Self.distance("nike", "nika") > 0)
    }

    @Test func isSymmetric() {
        let words = Self.randomWords(count: 60)
        for a in words {
            for b in words.prefix(20) {
                #expect(Self.distance(a, b) == Self.distance(b, a), "\(a) \(b)")
            }
        }
    }

    @Test func bandedResultAgreesWithFullResultWithinTheLimit() {
        let words = Self.randomWords(count: 60)
        for a in words {
            for b in words.prefix(20) {
                let full = Self.distance(a, b)
                for limit in 0...4 {
                    let banded = Self.distance(a, b, limit: limit)
                    #expect(banded == (full <= limit ? full : limit + 1), "\(a) \(b) limit \(limit)")
                }
            }
        }
    }

    @Test func similarityIsNormalizedToTheUnitInterval() {
        #expect(EditDistance.similarity("nike", "nike") == 1)
        #expect(EditDistance.similarity("", "") == 1)
        #expect(EditDistance.similarity("abc", "xyz") == 0)
        #expect(abs(EditDistance.similarity("adibas", "adidas") - 5.0 / 6.0) < 1e-9)
        for a in Self.randomWords(count: 30) {
            for b in Self.randomWords(count: 10) {
                let value = EditDistance.similarity(a, b)
                #expect((0...1).contains(value))
            }
        }
    }

    @Test(arguments: [("MARTHA", "MARHTA", 0.961), ("DWAYNE", "DUANE", 0.84), ("DIXON", "DICKSONX", 0.813)])
    func jaroWinklerMatchesWinklersExamples(_ a: String, _ b: String, _ expected: Double) {
        #expect(abs(EditDistance.jaroWinkler(a, b) - expected) < 0.001)
        #expect(abs(EditDistance.jaroWinkler(b, a) - expected) < 0.001)
    }

    @Test func jaroWinklerHandlesEdges() {
        #expect(EditDistance.jaroWinkler("", "") == 1)
        #expect(EditDistance.jaroWinkler("a", "") == 0)
        #expect(EditDistance.jaroWinkler("abc", "xyz") == 0)
        #expect(EditDistance.jaroWinkler("samsung", "samsung") == 1)
    }
}
