import CustosCore
import CustosMarks
import Testing

@Suite struct ClassRelatednessTests {
    func nice(_ number: Int) throws -> NiceClass { try #require(NiceClass(number)) }

    @Test func relatesBagsAndClothingFromTheBundledTable() throws {
        let table = ClassRelatedness.standard
        #expect(table.areRelated(try nice(18), try nice(25)))
        #expect(table.areRelated(try nice(25), try nice(18)))
        #expect(table.areRelated(try nice(29), try nice(30)))
        #expect(!table.areRelated(try nice(25), try nice(36)))
    }

    @Test func prefersASharedClassOverARelatedOne() throws {
        let table = ClassRelatedness.standard
        let relation = table.relation(markClasses: [try nice(18), try nice(25)], queryClasses: [try nice(25)])
        #expect(relation == .sameClass(try nice(25)))
        #expect(table.relation(markClasses: [try nice(25)], queryClasses: []) == .notCompared)
        #expect(table.relation(markClasses: [try nice(9)], queryClasses: [try nice(31)]) == .unrelated)
    }

    @Test func ignoresWeakPairsAndNamesTheLineOfABadRow() throws {
        let csv = """
            class_a,class_b,n_similar_term_pairs,n_level1,n_level2,n_level3
            10,25,1,1,0,0
            18,25,25,3,20,2
            """
        let table = try ClassRelatedness(csv: csv)
        #expect(!table.areRelated(try nice(10), try nice(25)))
        #expect(table.areRelated(try nice(18), try nice(25)))
        let error = #expect(throws: MarkError.self) {
            try ClassRelatedness(csv: "header\n1,2,3\n")
        }
        #expect(error?.message.hasPrefix("class_relatedness.csv:2:") == true)
    }
}
