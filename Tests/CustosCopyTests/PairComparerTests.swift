import Testing

@testable import CustosCopy

@Suite struct PairComparerTests {
    /// Distinct words, `count` of them, for building texts whose runs are unambiguous.
    static func words(_ prefix: String, _ count: Int) -> [String] { (0..<count).map { "\(prefix)\($0)" } }

    static func lines(_ words: [String], perLine: Int = 5) -> String {
        stride(from: 0, to: words.count, by: perLine).map {
            words[$0..<min($0 + perLine, words.count)].joined(
                separator: " ")
        }
        .joined(separator: "\n")
    }

    static func document(_ name: String, _ text: String, file: String = "main.txt") throws -> CopyDocument {
        try FingerprintSetTests.document(name, [(file, text)], k: 5, window: 4)
    }

    @Test func identicalSubmissionsScoreOneBothWays() throws {
        let text = Self.lines(Self.words("w", 60))
        let result = PairComparer().compare(try Self.document("a", text), try Self.document("b", text))
        #expect(result.similarity == 1)
        #expect(result.aInB == 1)
        #expect(result.bInA == 1)
        #expect(result.matches.count == 1)
        #expect(result.matches[0].aLines == 1...12)
        #expect(result.matches[0].bLines == 1...12)
    }

    @Test func reorderedBlocksAreStillCoveredAsSeveralTiles() throws {
        let x = Self.words("x", 20)
        let y = Self.words("y", 20)
        let z = Self.words("z", 20)
        let original = try Self.document("a", Self.lines(x + y + z))
        let reordered = try Self.document("b", Self.lines(z + x + y))
        let result = PairComparer().compare(original, reordered)
        #expect(result.similarity == 1)
        #expect(result.matches.count == 2)  // x+y stays one run; z moved
        let moved = try #require(result.matches.first { $0.aLines.lowerBound == 9 })
        #expect(moved.bLines == 1...4)
    }

    @Test func insertedDeadCodeKeepsTheOriginalInsideTheCopy() throws {
        let body = Self.words("s", 40)
        let padded = Array(body[..<20]) + Self.words("dead", 10) + Array(body[20...])
        let result = PairComparer().compare(
            try Self.document("a", Self.lines(body)),
            try Self.document(
                "b", Self.lines(padded)))
        #expect(result.aInB == 1)
        #expect(result.bInA == 0.8)
        #expect(abs(result.similarity - 80.0 / 90.0) < 1e-9)
    }

    @Test func smallFileInsideALargeOneIsDirectional() throws {
        let large = Self.words("l", 100)
        let small = Array(large[40..<60])
        let result = PairComparer().compare(
            try Self.document("small", Self.lines(small)),
            try Self.document(
                "large", Self.lines(large)))
        #expect(result.aInB == 1)
        #expect(result.bInA == 0.2)
    }

    @Test func unrelatedSubmissionsScoreZero() throws {
        let result = PairComparer().compare(
            try Self.document("a", Self.lines(Self.words("a", 50))),
            try Self.document("b", Self.lines(Self.words("b", 50))))
        #expect(result == .none)
    }

    @Test func sharedTemplateCodeDoesNotCountOnceGivenAsBase() throws {
        let template = Self.words("t", 30)
        let a = try Self.document("a", Self.lines(template + Self.words("a", 30)))
        let b = try Self.document("b", Self.lines(template + Self.words("b", 30)))
        #expect(PairComparer().compare(a, b).similarity == 0.5)
        var filter = BoilerplateFilter()
        filter.addBase(try Self.document("base", Self.lines(template)))
        let comparer = PairComparer(boilerplate: filter)
        #expect(comparer.compare(a, b) == .none)
        #expect(comparer.prepare(a).countableTokens == 30)
    }

    @Test func corpusWideFingerprintsAreSuppressedByShare() throws {
        let common = Self.words("c", 30)
        let documents = try (0..<10).map { try Self.document("d\($0)", Self.lines(common + Self.words("u\($0)", 30))) }
        var filter = BoilerplateFilter()
        filter.addFrequent(in: documents, share: 0.5)
        #expect(!filter.isEmpty)
        #expect(PairComparer(boilerplate: filter).compare(documents[0], documents[1]).similarity < 0.05)
    }

    @Test func matchesNameTheFilesOfMultiFileSubmissions() throws {
        let shared = Self.lines(Self.words("m", 30))
        let a = try FingerprintSetTests.document(
            "a", [("one.txt", Self.lines(Self.words("p", 20))), ("two.txt", shared)], k: 5, window: 4)
        let b = try FingerprintSetTests.document("b", [("copy.txt", shared)], k: 5, window: 4)
        let result = PairComparer().compare(a, b)
        let match = try #require(result.matches.first)
        #expect(match.aFile == "two.txt")
        #expect(match.bFile == "copy.txt")
        #expect(match.aLines == 1...6)
        #expect(result.aInB == 0.6)
    }
}
