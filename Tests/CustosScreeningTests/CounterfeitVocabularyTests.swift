import CustosScreening
import Testing

@Suite struct CounterfeitVocabularyTests {
    let vocabulary: CounterfeitVocabulary

    init() throws { vocabulary = try .bundled() }

    @Test(arguments: [
        ("Replica watch", "replica"), ("1:1 copy bag", "1 1 copy"), ("AAA quality shoes", "aaa quality"),
        ("super copy", "super copy"), ("高仿包包", "高仿"), ("原单尾货", "原单"), ("顶级复刻手表", "复刻"), ("A货", "a货"),
    ])
    func findsTermsInEnglishAndChinese(text: String, term: String) {
        #expect(vocabulary.matches(in: text).map { $0.term.lowercased() }.contains(term))
    }

    @Test func matchesWholeWordsOnly() {
        #expect(vocabulary.matches(in: "Copyright 2024 official store, photocopy paper").isEmpty)
        #expect(vocabulary.matches(in: "Genuine leather wallet").isEmpty)
    }

    @Test func ordersMatchesStrongestFirst() {
        let matches = vocabulary.matches(in: "copy, super copy")
        #expect(matches.first?.term == "super copy")
        #expect(matches.map(\.strength) == matches.map(\.strength).sorted(by: >))
    }

    @Test func rejectsAMalformedTableNamingTheLine() {
        let error = #expect(throws: ScreeningError.self) {
            try CounterfeitVocabulary(tsv: "# comment\nreplica\ten\tstrong\treplica\n")
        }
        #expect(error?.message.hasPrefix("counterfeit_terms.tsv:2:") == true)
    }
}
