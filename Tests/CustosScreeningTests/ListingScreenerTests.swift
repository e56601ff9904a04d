import CustosCore
import CustosScreening
import Foundation
import Testing

@Suite struct ListingScreenerTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func raisesNoClueForAGenuineListingNamingTheBrand() throws {
        var screener = try ScreeningFixture.makeScreener()
        let listing = ScreeningFixture.listing("l1", "NIKE Air Zoom Pegasus 40 running shoes", price: 799)
        #expect(screener.assess(listing, history: SellerHistory(), now: now).isEmpty)
    }

    @Test func raisesAClueForAKnockOffNameAlone() throws {
        var screener = try ScreeningFixture.makeScreener()
        let listing = ScreeningFixture.listing("l2", "ADIBAS Ultraboost sneakers", price: 520)
        let clue = try #require(screener.assess(listing, history: SellerHistory(), now: now).first)
        #expect(clue.right == "TM-ADIDAS")
        #expect(clue.id == Clue.makeID(listing: "l2", right: "TM-ADIDAS"))
        #expect(clue.signals.first?.kind == .mark)
        #expect(clue.signals.first?.reason.contains(#""adibas" is confusingly similar to ADIDAS"#) == true)
        #expect(clue.score >= ScreeningPolicy.standard.clueThreshold)
    }

    @Test func combinesAnExactNameWithCounterfeitVocabularyAndPrice() throws {
        var screener = try ScreeningFixture.makeScreener()
        let listing = ScreeningFixture.listing(
            "l3", "NIKE Air Max 高仿 原单", description: "1:1 mirror quality, same factory", price: 89)
        let clue = try #require(screener.assess(listing, history: SellerHistory(), now: now).first)
        #expect(clue.right == "TM-NIKE")
        let kinds = Set(clue.signals.map(\.kind))
        #expect(kinds == [.mark, .vocabulary, .price])
        #expect(clue.signals.contains { $0.reason == "price 89 CNY is 13% of the reference 699 CNY" })
        #expect(clue.score > 0.9)
    }

    @Test func raisesOneCluePerRightsHolder() throws {
        var screener = try ScreeningFixture.makeScreener()
        let listing = ScreeningFixture.listing("l4", "nike replica shoes 耐克", price: 100)
        let clues = screener.assess(listing, history: SellerHistory(), now: now)
        #expect(clues.count == 1)
        #expect(clues.first?.right == "TM-NIKE")
    }

    @Test func usesCategoryPricesBeforeTheRightsOwnPrice() throws {
        let socks = CategoryPrice(
            owner: "Nike, Inc.", category: "apparel", price: ReferencePrice(amount: 99, currency: "CNY"))
        var screener = try ScreeningFixture.makeScreener(categories: [socks])
        let listing = ScreeningFixture.listing("l5", "NIKE replica socks", price: 20, category: "apparel")
        let clue = try #require(screener.assess(listing, history: SellerHistory(), now: now).first)
        #expect(clue.signals.contains { $0.reason == "price 20 CNY is 20% of the reference 99 CNY" })
    }

    @Test func countsTheSellersOtherFlaggedListingsButNotThisOne() throws {
        var screener = try ScreeningFixture.makeScreener()
        var history = SellerHistory()
        history.record(seller: "s-9", listing: "same")
        let listing = ScreeningFixture.listing("same", "NIKE trainers", price: 650, seller: "s-9")
        #expect(screener.assess(listing, history: history, now: now).isEmpty)
        history.record(seller: "s-9", listing: "other-1", confirmed: true)
        history.record(seller: "s-9", listing: "other-2")
        let clue = try #require(screener.assess(listing, history: history, now: now).first)
        #expect(clue.signals.contains { $0.reason == "seller has 2 other flagged listings (1 confirmed)" })
    }

    @Test func weighsClassesOfTheListingCategory() throws {
        var screener = try ScreeningFixture.makeScreener()
        let juice = ScreeningFixture.listing("l6", "Fresh apple juice 1L", price: 12, category: "beverages")
        #expect(screener.assess(juice, history: SellerHistory(), now: now).isEmpty)
    }

    @Test func catchesChineseKnockOffs() throws {
        var screener = try ScreeningFixture.makeScreener()
        let listing = ScreeningFixture.listing("l7", "康帅傅红烧牛肉面 整箱24袋", price: 30, category: "food")
        let clue = try #require(screener.assess(listing, history: SellerHistory(), now: now).first)
        #expect(clue.right == "TM-KSF")
        #expect(clue.signals.first?.reason.contains("帅~师") == true)
    }

    @Test func comparesPricesOnlyWithinTheSameClass() throws {
        var screener = try ScreeningFixture.makeScreener()
        // Toys (28) and computers (9) are related classes, but a toy's price says nothing about a phone's.
        let toy = ScreeningFixture.listing("l8", "APPLE replica toy phone", price: 20, category: "toys")
        let clue = try #require(screener.assess(toy, history: SellerHistory(), now: now).first)
        #expect(clue.right == "TM-APPLE")
        #expect(!clue.signals.contains { $0.kind == .price })
        let phone = ScreeningFixture.listing("l8b", "APPLE replica phone", price: 20, category: "phones")
        let priced = try #require(screener.assess(phone, history: SellerHistory(), now: now).first)
        #expect(priced.signals.contains { $0.kind == .price })
    }

    @Test func knowsChineseCounterfeitCodePhrases() throws {
        var screener = try ScreeningFixture.makeScreener()
        let listing = ScreeningFixture.listing("l9", "NIKE 跑步鞋", description: "原厂面料，专柜品质，懂的来。", price: 650)
        let clue = try #require(screener.assess(listing, history: SellerHistory(), now: now).first)
        #expect(clue.signals.contains { $0.kind == .vocabulary && $0.reason.contains("懂的来") })
    }
}
