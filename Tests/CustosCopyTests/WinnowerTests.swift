import Testing

@testable import CustosCopy

@Suite struct WinnowerTests {
    private func symbols(_ text: String) -> [UInt64] {
        text.split(separator: " ").map { TokenSymbol.make($0) }
    }

    @Test func keepsTheRightmostMinimumOfEveryWindowOnce() {
        let hashes: [UInt64] = [77, 74, 42, 17, 98, 50, 17, 98, 8, 88, 67, 39, 77, 74, 42, 17, 98]
        // The paper's example (window 4): fingerprints 17, 17, 8, 39, 17 at positions 3, 6, 8, 11, 15.
        let selected = Winnower.winnow(hashes, window: 4)
        #expect(selected.map(\.hash) == [17, 17, 8, 39, 17])
        #expect(selected.map(\.position) == [3, 6, 8, 11, 15])
    }

    @Test func rollingHashEqualsHashingEachKGramAfresh() throws {
        let parameters = try WinnowingParameters(k: 5, window: 4)
        let winnower = Winnower(parameters: parameters)
        let tokens = symbols("a b c d e f g a b c d e h i j k a b c")
        let rolling = winnower.kgramHashes(tokens)
        #expect(rolling.count == tokens.count - 4)
        for start in 0..<rolling.count {
            #expect(rolling[start] == winnower.kgramHashes(tokens[start..<start + 5]).first)
        }
        // Equal k-grams hash equally wherever they stand.
        #expect(rolling[0] == rolling[7])
        #expect(rolling[0] != rolling[1])
    }

    @Test func commonRunAtTheGuaranteeThresholdSharesAFingerprint() throws {
        let parameters = try WinnowingParameters(k: 4, window: 3)
        let winnower = Winnower(parameters: parameters)
        let shared = "p q r s t u"  // 6 = k + w - 1 tokens
        let a = Set(winnower.fingerprints(symbols("a1 a2 a3 a4 a5 \(shared) a6 a7 a8 a9")).map(\.hash))
        let b = Set(winnower.fingerprints(symbols("b1 b2 \(shared) b3 b4 b5 b6 b7 b8")).map(\.hash))
        #expect(!a.isDisjoint(with: b))
    }

    @Test func shortInputsYieldAtMostTheirMinimum() throws {
        let winnower = Winnower(parameters: try WinnowingParameters(k: 3, window: 10))
        #expect(winnower.fingerprints(symbols("a b")).isEmpty)
        #expect(winnower.fingerprints(symbols("a b c d")).count == 1)
    }

    @Test func rejectsParametersOutOfRange() {
        #expect(throws: CopyError.self) { try WinnowingParameters(k: 0, window: 4) }
        #expect(throws: CopyError.self) { try WinnowingParameters(k: 4, window: 5000) }
    }
}
