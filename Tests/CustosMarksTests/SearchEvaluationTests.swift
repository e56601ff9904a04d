import CustosCore
import CustosMarks
import Testing

@Suite struct SearchEvaluationTests {
    @Test func countsRecallAndFalsePositivesPerCategory() {
        let queries = [
            SearchEvaluation.LabelledQuery(text: "ADIBAS", classes: [], category: "typo", expected: ["TM-ADIDAS"]),
            SearchEvaluation.LabelledQuery(text: "SAMSING", classes: [], category: "typo", expected: ["TM-SAMSUNG"]),
            SearchEvaluation.LabelledQuery(text: "QQQQ", classes: [], category: "typo", expected: ["TM-NIKE"]),
            SearchEvaluation.LabelledQuery(text: "BLUE HARBOR", classes: [], category: "negative", expected: []),
            SearchEvaluation.LabelledQuery(text: "NIKE", classes: [], category: "negative", expected: []),
        ]
        let figures = SearchEvaluation(queries: queries).run(on: MarkRegisterFixture.index)
        let typo = figures.first { $0.category == "typo" }
        #expect(typo?.queries == 3)
        #expect(typo?.recallAt1 == 0.667)
        #expect(typo?.misses == ["QQQQ"])
        let negative = figures.first { $0.category == "negative" }
        #expect(negative?.falsePositiveRate == 0.5)
        #expect(figures.last?.category == "all positives")
    }
}
