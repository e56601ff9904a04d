import CustosCore
import CustosMarks
import Testing

@Suite struct MentionScannerTests {
    @Test func findsExactMentionsInsideListingText() throws {
        var scanner = MentionScanner(index: MarkRegisterFixture.index)
        let mentions = scanner.mentions(
            in: "2024 new NIKE AIR MAX men's running shoes, free shipping", classes: [NiceClass(25)].compactMap { $0 })
        let nike = try #require(mentions.first { $0.hit.id == "TM-NIKE" })
        #expect(nike.isExact)
        #expect(nike.matchedText == "nike")
    }

    @Test func findsKnockOffsAnywhereInText() throws {
        var scanner = MentionScanner(index: MarkRegisterFixture.index)
        let latin = scanner.mentions(in: "Hot sale ADIBAS sneakers, AAA quality", classes: [])
        let adidas = try #require(latin.first { $0.hit.id == "TM-ADIDAS" })
        #expect(!adidas.isExact)
        #expect(adidas.matchedText == "adibas")
        let han = scanner.mentions(in: "正品康帅傅红烧牛肉面整箱批发", classes: [])
        let noodles = try #require(han.first { $0.hit.id == "TM-KSF" })
        #expect(noodles.matchedText == "康帅傅")
        #expect(noodles.hit.reasons.contains { $0.contains("帅~师") })
    }

    @Test func findsMultiWordMarks() {
        var scanner = MentionScanner(index: MarkRegisterFixture.index)
        let mentions = scanner.mentions(in: "Vintage Louis Vuitton Speedy 30 canvas bag", classes: [])
        #expect(mentions.contains { $0.hit.id == "TM-LV" && $0.isExact })
    }

    @Test func findsNothingInGenericText() {
        var scanner = MentionScanner(index: MarkRegisterFixture.index)
        #expect(scanner.mentions(in: "Stainless steel kitchen knife set with wooden block", classes: []).isEmpty)
        #expect(scanner.mentions(in: "", classes: []).isEmpty)
        #expect(scanner.mentions(in: "纯棉短袖T恤 夏季新款", classes: []).isEmpty)
    }

    @Test func givesTheSameAnswerWithAWarmCache() {
        var scanner = MentionScanner(index: MarkRegisterFixture.index, cacheLimit: 4)
        let text = "SAMSING Galaxy phone case and N1KE socks"
        let first = scanner.mentions(in: text, classes: [])
        for _ in 0..<3 {
            _ = scanner.mentions(in: "other words to churn the cache \(Int.random(in: 0..<100))", classes: [])
        }
        #expect(scanner.mentions(in: text, classes: []) == first)
        #expect(Set(first.map(\.hit.id)) == ["TM-SAMSUNG", "TM-NIKE"])
    }

    @Test func findsMisspelledMultiWordMarks() {
        var scanner = MentionScanner(index: MarkRegisterFixture.index)
        let mentions = scanner.mentions(in: "AAA LOUIS VUITON Speedy 25 bag", classes: [])
        #expect(mentions.contains { $0.hit.id == "TM-LV" && !$0.isExact && $0.matchedText == "louis vuiton" })
    }

    @Test func matchesGenericWordsAndQuantitiesOnlyExactly() {
        let index = MarkIndex(entries: [
            MarkRegisterFixture.entry("TM-VALVE", "VALVE", [9], owner: "Valve Corp."),
            MarkRegisterFixture.entry("TM-SOMLE", "SOMLE", [3], owner: "Somle"),
        ])
        var plain = MentionScanner(index: index)
        #expect(plain.mentions(in: "great value pack", classes: []).map(\.hit.id) == ["TM-VALVE"])
        var scanner = MentionScanner(index: index, genericWords: ["value"])
        #expect(scanner.mentions(in: "great value pack", classes: []).isEmpty)
        #expect(scanner.mentions(in: "VALVE Steam Deck", classes: []).map(\.hit.id) == ["TM-VALVE"])
        #expect(scanner.mentions(in: "toner 50ml bottle", classes: []).isEmpty)
    }
}
