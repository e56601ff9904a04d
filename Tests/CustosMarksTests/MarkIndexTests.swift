import CustosCore
import CustosMarks
import Testing

@Suite struct MarkIndexTests {
    let index = MarkRegisterFixture.index

    func top(_ text: String, classes: [Int] = [], minimumScore: Double = MarkQuery.defaultMinimumScore) -> MarkHit? {
        index.search(MarkQuery(text, classes: classes.compactMap(NiceClass.init), minimumScore: minimumScore)).first
    }

    @Test(arguments: [
        ("ADIBAS", "TM-ADIDAS"), ("SAMSING", "TM-SAMSUNG"), ("NIKEE", "TM-NIKE"), ("CHANNEL", "TM-CHANEL"),
        ("LOUIS VUITON", "TM-LV"),
    ])
    func catchesTyposAndRespellings(query: String, expected: String) throws {
        let hit = try #require(top(query))
        #expect(hit.id.rawValue == expected)
        #expect(hit.score >= MarkQuery.defaultMinimumScore)
        #expect(hit.reasons.contains { $0.hasPrefix("spelled alike") || $0.hasPrefix("sounds alike") })
    }

    @Test func foldsLeetspeak() throws {
        let hit = try #require(top("N1KE"))
        #expect(hit.id == "TM-NIKE")
        #expect(hit.reasons.first == #"leetspeak: "n1ke" reads as "nike""#)
    }

    @Test func foldsCyrillicLookalikes() throws {
        let hit = try #require(top("\u{0421}HANEL"))  // Cyrillic capital Es
        #expect(hit.id == "TM-CHANEL")
        #expect(hit.reasons.first?.hasPrefix("look-alike letters") == true)
    }

    @Test func foldsFullwidthLetters() throws {
        let hit = try #require(top("ＮＩＫＥ"))
        #expect(hit.id == "TM-NIKE")
        #expect(hit.score >= 0.95)
    }

    @Test func findsTheMarkInsideALongerName() throws {
        let hit = try #require(top("NIKE AIR MAX", classes: [25]))
        #expect(hit.id == "TM-NIKE")
        #expect(hit.reasons.contains("contains the mark"))
        #expect(hit.reasons.contains("same class 25"))
    }

    @Test func findsALongerMarkFromOneOfItsWords() throws {
        let hits = index.search(MarkQuery("VUITTON"))
        #expect(hits.first?.id == "TM-LV")
        #expect(hits.first?.reasons.contains(#"the mark contains "vuitton", a distinctive word"#) == true)
    }

    @Test(arguments: [("康帅傅", "TM-KSF", "帅~师"), ("雷碧", "TM-SPRITE-ZH", "雷~雪"), ("粤利粤", "TM-OREO-ZH", "粤~奥")])
    func catchesChineseShapeAlikes(query: String, expected: String, pair: String) throws {
        let hit = try #require(top(query))
        #expect(hit.id.rawValue == expected)
        #expect(hit.reasons.contains { $0.hasPrefix("look-alike characters") && $0.contains(pair) })
    }

    @Test func catchesOneChangedChineseCharacterButNotTwoOfTwo() throws {
        let hit = try #require(top("唐师傅"))
        #expect(hit.id == "TM-KSF")
        #expect(hit.reasons.first == "1 character differs: 唐~康")
        // Two-character names share too much by chance for one changed character to count.
        #expect(top("华星") == nil)
    }

    @Test func catchesChineseSoundAlikes() throws {
        let hit = try #require(top("哇哈哈"))
        #expect(hit.id == "TM-WAHAHA")
        let homophone = try #require(top("华伟"))
        #expect(homophone.id == "TM-HUAWEI-ZH")
    }

    @Test func readsTraditionalCharacters() throws {
        let hit = try #require(top("康師傅"))
        #expect(hit.id == "TM-KSF")
        #expect(hit.reasons.first?.hasPrefix("traditional characters") == true)
        #expect(hit.score >= 0.95)
    }

    @Test func matchesAcrossScripts() throws {
        let latin = try #require(top("KANGSHIFU"))
        #expect(latin.id == "TM-KSF")
        #expect(latin.reasons.first?.hasPrefix("transliteration") == true)
        let han = try #require(top("耐克"))
        #expect(han.id == "TM-NIKE")
        #expect(han.reasons.contains(#"sounds alike: "naike" ~ "nike""#))
        #expect(han.reasons.contains(#"transliteration: 耐克 reads "naike""#))
    }

    @Test(arguments: ["ZEPHYR OUTDOOR", "MOUNTAIN BREW", "青山茶业", "BLUE HARBOR", "TECHNOVA", "天天向上"])
    func leavesUnrelatedNamesBelowTheThreshold(query: String) {
        #expect(index.search(MarkQuery(query)).isEmpty)
    }

    @Test func keepsSoundAlikeButDissimilarNamesApart() {
        // NOKIA and NIKE share a Double Metaphone key (NK) but are spelled too differently to be confused.
        #expect(!index.search(MarkQuery("NOKIA")).contains { $0.id == "TM-NIKE" })
    }

    @Test func scalesScoresByClassRelation() throws {
        let same = try #require(top("ADIBAS", classes: [25]))
        let related = try #require(top("ADIBAS", classes: [18]))
        let unrelated = try #require(top("ADIBAS", classes: [36], minimumScore: 0))
        #expect(unrelated.score < MarkQuery.defaultMinimumScore)
        #expect(same.score > related.score)
        #expect(related.score > unrelated.score)
        #expect(same.reasons.contains("same class 25"))
        #expect(related.reasons.contains("related classes 18~25"))
        #expect(unrelated.reasons.contains { $0.hasPrefix("unrelated classes") })
    }

    @Test func honoursLimitAndThreshold() {
        let all = index.search(MarkQuery("SAMSUNG", limit: 10, minimumScore: 0))
        #expect(all.count <= 10)
        #expect(all.allSatisfy { (0...1).contains($0.score) })
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(index.search(MarkQuery("SAMSUNG", limit: 1, minimumScore: 0)).count == 1)
        #expect(index.search(MarkQuery("SAMSUNG", minimumScore: 1.0)).allSatisfy { $0.score == 1 })
    }

    @Test func returnsNothingForEmptyOrPunctuationQueries() {
        #expect(index.search(MarkQuery("")).isEmpty)
        #expect(index.search(MarkQuery("!!! ---")).isEmpty)
    }

    @Test func isDeterministic() {
        let first = index.search(MarkQuery("SAMSING", minimumScore: 0))
        let again = MarkIndex(entries: MarkRegisterFixture.entries).search(MarkQuery("SAMSING", minimumScore: 0))
        #expect(first == again)
    }
}
