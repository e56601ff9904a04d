import Testing

@testable import CustosText

@Suite struct ASCIIPatternTests {
    private static func distance(_ pattern: String, _ text: String, limit: Int) throws -> Int {
        let prepared = try #require(ASCIIPattern(pattern))
        return Array(text.utf8).withUnsafeBufferPointer { prepared.distance(to: $0, limit: limit) }
    }

    private static func reference(_ a: String, _ b: String, limit: Int) -> Int {
        EditDistance.damerauLevenshtein(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value), limit: limit)
    }

    @Test(arguments: [
        ("KITTEN", "SITTING", 3), ("ADIBAS", "ADIDAS", 1), ("NIKE", "NKIE", 1), ("CA", "ABC", 3),
        ("FLAW", "LAWN", 2), ("LENOVA", "LENOVO", 1), ("ABCD", "ABDC", 1), ("ABC", "", 3),
    ])
    func computesKnownDistances(_ a: String, _ b: String, _ expected: Int) throws {
        #expect(try Self.distance(a, b, limit: 10) == expected)
    }

    @Test func capsTheDistanceAtOneOverTheLimit() throws {
        #expect(try Self.distance("SAMSUNG", "APPLE", limit: 3) == 4)
        #expect(try Self.distance("NIKE", "NIKEEEEE", limit: 2) == 3)
        #expect(try Self.distance("NIKE", "NIKE", limit: 0) == 0)
    }

    @Test func agreesWithTheDynamicProgrammeOnRandomStrings() throws {
        var generator = SplitMix(state: 2003)
        for round in 0..<20_000 {
            // A small alphabet makes repeats and transpositions common; long rounds reach the 64-byte capacity.
            let alphabet = Array(round % 2 == 0 ? "ABCD" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123")
            let longest = round % 10 == 0 ? 64 : 12
            func word() -> String {
                String(
                    (0..<Int.random(in: 0...longest, using: &generator)).map { _ in
                        alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                    })
            }
            let (a, b) = (word(), word())
            guard !a.isEmpty else { continue }
            let limit = Int.random(in: 0...6, using: &generator)
            let expected = Self.reference(a, b, limit: limit)
            let actual = try Self.distance(a, b, limit: limit)
            #expect(actual == expected, "\(a) ~ \(b), limit \(limit)")
            if actual != expected { return }
        }
    }

    @Test func refusesWhatItCannotHold() {
        #expect(ASCIIPattern("") == nil)
        #expect(ASCIIPattern(String(repeating: "A", count: 65)) == nil)
        #expect(ASCIIPattern("CAFÉ") == nil)
        #expect(ASCIIPattern(String(repeating: "A", count: 64)) != nil)
    }

    @Test func matchesNothingForNonASCIITextBytes() throws {
        let prepared = try #require(ASCIIPattern("AB"))
        let text: [UInt8] = [0xC3, 0x41]
        #expect(text.withUnsafeBufferPointer { prepared.distance(to: $0, limit: 5) } == 2)
    }
}
