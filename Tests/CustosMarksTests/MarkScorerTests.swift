import CustosCore
import CustosText
import Testing

@testable import CustosMarks

/// A search scores every candidate without composing reasons and explains only the hits it returns; these tests
/// prove the two paths agree and that the integer shortcuts say what the strings say.
@Suite struct MarkScorerTests {
    let index = MarkRegisterFixture.index

    func form(_ text: String, isWindow: Bool = false) -> ComparedForm {
        ComparedForm(index.normalizer.forms(of: text), isWindow: isWindow, chinese: index.chinese)
    }

    @Test func scoringWithoutReasonsGivesTheScoreOfTheExplainedEvidence() {
        let scorer = MarkScorer(index: index)
        let queries = [
            "NIKE", "N1KE", "NIKEE", "ADIBAS", "SAMSING", "CHANNEL", "LOUIS", "VUITTON", "康帅傅", "康師傅", "kangshifu",
            "雷碧", "粤利粤", "哇哈哈", "华为", "huawei", "NOKlA", "GREENLEAF FARMS", "雪莲", "",
        ]
        var scored = 0
        for query in queries {
            for isWindow in [false, true] {
                let compared = form(query, isWindow: isWindow)
                for ordinal in 0..<index.count {
                    let explained = scorer.evidence(ordinal, against: compared)
                    #expect(scorer.score(ordinal, against: compared) == explained.score, "\(query) vs \(ordinal)")
                    #expect(explained.score == 0 || !explained.reasons.isEmpty)
                    if explained.score > 0 { scored += 1 }
                }
            }
        }
        #expect(scored > 30, "the queries should match many marks, not none")
    }

    @Test func theClassFactorIsTheOneTheExplainedPathApplies() {
        let scorer = MarkScorer(index: index)
        for numbers: [Int] in [[], [25], [9], [30, 32], [1]] {
            let classes = numbers.compactMap { NiceClass($0) }
            for ordinal in 0..<index.count {
                let explained = scorer.applyingClasses((0.8, []), ordinal: ordinal, queryClasses: classes)
                #expect(0.8 * scorer.classFactor(ordinal: ordinal, queryClasses: classes) == explained.score)
            }
        }
    }

    @Test func findsWholeWordsOnlyInNamesOfSeveralWords() {
        #expect(MarkScorer.containsWord("louis vuitton", "vuitton"))
        #expect(MarkScorer.containsWord("louis vuitton", "louis"))
        #expect(!MarkScorer.containsWord("louis vuitton", "vuitt"))
        #expect(!MarkScorer.containsWord("louis vuitton", "louis vuitton"))
        #expect(!MarkScorer.containsWord("vuitton", "vuitton"), "a one-word mark is compared as a whole")
        #expect(!MarkScorer.containsWord("nice day", ""))
        #expect(MarkScorer.containsWord("a  b", "b"), "repeated spaces")
    }

    @Test func packedPhoneticCodesAreEqualExactlyWhenTheKeysAre() {
        let keys = ["", "N", "NK", "NKS", "ANKS", "XNTL", "0RMS", "SMSNK", "TRFLKR", "ÄNK", "LONGERKEY"]
        for a in keys {
            for b in keys {
                #expect((MarkFingerprint.phoneticCode(a) == MarkFingerprint.phoneticCode(b)) == (a == b), "\(a) \(b)")
            }
        }
        #expect(MarkFingerprint.length(ofCode: MarkFingerprint.phoneticCode("ANKS")) == 4)
        #expect(MarkFingerprint.length(ofCode: MarkFingerprint.phoneticCode("")) == 0)
        #expect(MarkFingerprint.length(ofCode: MarkFingerprint.phoneticCode("LONGERKEY")) >= 4)
    }

    @Test func sharesSoundOnlyThroughKeysOfTwoLettersOrMore() {
        let normalizer = index.normalizer
        let nike = MarkFingerprint(normalizer.forms(of: "NIKE"))
        #expect(MarkFingerprint(normalizer.forms(of: "NYKE")).sharesSound(with: nike))
        #expect(!MarkFingerprint(normalizer.forms(of: "ADIDAS")).sharesSound(with: nike))
    }
}

@Suite struct CandidateSetTests {
    @Test func keepsFirstInsertionOrderWithoutDuplicates() {
        var set = CandidateSet(capacity: 200)
        set.insert(contentsOf: [5, 3, 5, 199, 64, 63])
        set.insert(contentsOf: [3, 0, 64][...])
        #expect(set.members == [5, 3, 199, 64, 63, 0])
    }

    @Test func removeAllEmptiesTheSetForReuse() {
        var set = CandidateSet(capacity: 100)
        set.insert(contentsOf: [1, 2, 70])
        set.removeAll()
        #expect(set.members.isEmpty)
        set.insert(contentsOf: [70, 1])
        #expect(set.members == [70, 1])
    }

    @Test func ignoresOrdinalsBeyondItsCapacity() {
        var set = CandidateSet(capacity: 10)
        set.insert(contentsOf: [9, 1000])
        #expect(set.members == [9])
    }
}

@Suite struct CountedCandidatesTests {
    let index = MarkRegisterFixture.index

    @Test func countsOverlapsAndReturnsTheBorrowedCountersZeroed() {
        let lists: [ArraySlice<UInt32>] = [[0, 2, 5, 7][...], [2, 5, 9][...], [5, 7, 9, 11][...]]
        let first = index.countedCandidates(lists, threshold: 2, limit: 10)
        #expect(Set(first) == [2, 5, 7, 9])
        // A counter left behind would let a mark reach the threshold from one list.
        #expect(index.countedCandidates(lists, threshold: 2, limit: 10) == first)
        #expect(index.countedCandidates([[0, 11][...]], threshold: 2, limit: 10).isEmpty)
        index.storage.counters.withCounters { counters in
            #expect(counters.allSatisfy { $0 == 0 })
            #expect(counters.count == index.count)
        }
    }

    @Test func keepsTheMarksInTheMostListsWhenOverTheLimit() {
        let lists: [ArraySlice<UInt32>] = [[1, 2, 3][...], [2, 3][...], [3][...]]
        #expect(index.countedCandidates(lists, threshold: 1, limit: 2) == [3, 2])
    }

    @Test func agreesWithCountingEveryListOnRandomLists() {
        var state: UInt64 = 0x9E37_79B9
        func next(_ bound: Int) -> Int {
            // SplitMix64, so failures reproduce.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        for _ in 0..<2_000 {
            let lists: [ArraySlice<UInt32>] = (0..<(1 + next(8))).map { _ in
                Set((0..<next(index.count + 1)).map { _ in UInt32(next(index.count)) }).sorted()[...]
            }
            let threshold = 1 + next(lists.count)
            let limit = 1 + next(12)
            var counts: [UInt32: Int] = [:]
            for list in lists { for ordinal in list { counts[ordinal, default: 0] += 1 } }
            let expected = counts.filter { $0.value >= threshold }.sorted {
                $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
            }.map(\.key)
            let actual = index.countedCandidates(lists, threshold: threshold, limit: limit)
            if expected.count <= limit {
                #expect(Set(actual) == Set(expected) && actual.count == expected.count)
            } else {
                #expect(actual == Array(expected.prefix(limit)), "lists \(lists), threshold \(threshold)")
            }
        }
        index.storage.counters.withCounters { counters in #expect(counters.allSatisfy { $0 == 0 }) }
    }

    @Test func selectsTheSmallestValuesInOrder() {
        var values: [UInt32] = [9, 3, 7, 1, 8, 2, 6, 4, 5, 0]
        #expect(Array(MarkIndex.smallest(4, of: &values)) == [0, 1, 2, 3])
        var sorted: [UInt32] = Array(0..<100)
        #expect(Array(MarkIndex.smallest(3, of: &sorted)) == [0, 1, 2])
        var descending: [UInt32] = Array((0..<100).reversed())
        #expect(Array(MarkIndex.smallest(5, of: &descending)) == [0, 1, 2, 3, 4])
        var few: [UInt32] = [5, 1]
        #expect(Array(MarkIndex.smallest(4, of: &few)) == [1, 5])
    }
}
