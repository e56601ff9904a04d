import CustosCore
import CustosCredit
import CustosScreening
import CustosStore
import CustosTestSupport
import Foundation
import Testing

/// Seller identifiers on feed lines are stored per organisation, and a seller linked to an account with findings
/// gets a `seller_network` signal.
@Suite struct SellerNetworkScreeningTests {
    /// One feed line; `seller` is the JSON object of the seller.
    static func line(_ id: String, title: String, price: Double = 799, seller: String) -> String {
        #"{"id":"\#(id)","platform":"taobao","title":"\#(title)","price":\#(price),"currency":"CNY","seller":\#(seller),"#
            + #""category":"footwear","observed_at":"2026-03-01T10:00:00Z"}"#
    }

    /// The infringer: an account with a phone number and a payment account.
    static let infringer =
        #"{"id":"old-shop","name":"Old Shoes","phone":"138 0013 8000","payment_account":"6222 0212 3456 7890"}"#
    /// The same operator under a new name, giving the same phone number in another format.
    static let relister = #"{"id":"new-shop","name":"Fresh Kicks","phone":"+86 138-0013-8000"}"#
    /// A seller that shares nothing with the infringer.
    static let stranger = #"{"id":"other-shop","name":"Other","phone":"139 1111 2222","email":"shop@other.example"}"#

    /// A store with the screening portfolio, and the infringer stored as a party with a counterfeiting finding.
    static func storeWithInfringer(kind: Finding.Kind = .counterfeiting) async throws -> any CustosStore {
        let store = try await makeStore()
        _ = try await store.rights.upsert(ScreeningFixture.rights)
        try await store.parties.save([
            Party(id: "old-shop", organisation: Organisation.defaultID, role: .seller, name: "Old Shoes")
        ])
        try await store.findings.save([
            Finding(
                id: "F-1", party: "old-shop", organisation: Organisation.defaultID, kind: kind,
                basis: .init(caseReference: "C-12", summary: "Sold counterfeit trainers."),
                decidedBy: Organisation.defaultID, decidedAt: Date().addingTimeInterval(-86_400))
        ])
        return store
    }

    static func screen(_ lines: [String], in store: any CustosStore) async throws -> ScreeningReport {
        try await withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("feed.jsonl")
            try Data(lines.joined(separator: "\n").utf8).write(to: url)
            return try await FeedScreening(store: store, organisation: Organisation.defaultID)
                .run(feed: url, displayName: "feed.jsonl")
        }
    }

    static func clue(_ listing: String, _ right: String, in store: any CustosStore) async throws -> Clue? {
        try await store.clues.clue(
            Clue.makeID(listing: Listing.ID(listing), right: Right.ID(right)), in: Organisation.defaultID)
    }

    @Test func relisterSharingAPhoneNumberWithAnInfringerGetsTheNetworkSignal() async throws {
        let store = try await Self.storeWithInfringer()
        // An earlier feed gave the infringer's identifiers.
        _ = try await Self.screen([Self.line("old-1", title: "canvas tote bag", seller: Self.infringer)], in: store)

        let report = try await Self.screen(
            [
                Self.line("new-1", title: "ADIBAS Superstar sneakers", seller: Self.relister),
                Self.line("other-1", title: "ADIBAS Superstar sneakers", seller: Self.stranger),
            ], in: store)
        #expect(report.listingsWithNetworkRisk == 1)
        #expect(report.sellersIdentified == 2)

        let relisted = try #require(try await Self.clue("new-1", "TM-ADIDAS", in: store))
        let signal = try #require(relisted.signals.first { $0.kind == .sellerNetwork })
        #expect(signal.reason.contains("phone number ***8000"), "\(signal.reason)")
        #expect(signal.reason.contains("old-shop"), "\(signal.reason)")
        #expect(signal.reason.contains("C-12"), "\(signal.reason)")
        // Grade D (counterfeiting, 0.9) through a phone number (0.9).
        #expect(abs(signal.strength - 0.81) < 0.001)

        let unrelated = try #require(try await Self.clue("other-1", "TM-ADIDAS", in: store))
        #expect(!unrelated.signals.contains { $0.kind == .sellerNetwork })
        #expect(relisted.score > unrelated.score)
    }

    @Test func exactMentionByARelisterOfACounterfeiterBecomesAClue() async throws {
        let store = try await Self.storeWithInfringer()
        // The infringer's identifiers arrive in the same feed as the re-lister's: the index links them at once.
        let report = try await Self.screen(
            [
                Self.line("old-1", title: "canvas tote bag", seller: Self.infringer),
                Self.line("new-1", title: "NIKE Air Force 1", seller: Self.relister),
                Self.line("other-1", title: "NIKE Air Force 1", seller: Self.stranger),
            ], in: store)
        #expect(report.listingsWithNetworkRisk == 1)
        // Naming the mark exactly is what genuine goods do: alone it is no clue.
        #expect(try await Self.clue("other-1", "TM-NIKE", in: store) == nil)
        let clue = try #require(try await Self.clue("new-1", "TM-NIKE", in: store))
        #expect(clue.signals.map(\.kind) == [.mark, .sellerNetwork])
        #expect(clue.score >= ScreeningPolicy.standard.clueThreshold)
    }

    @Test func sellersWithoutFindingsInTheirNetworkGetNoSignal() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert(ScreeningFixture.rights)
        let report = try await Self.screen(
            [
                Self.line("old-1", title: "ADIBAS shoes", seller: Self.infringer),
                Self.line("new-1", title: "ADIBAS shoes", seller: Self.relister),
            ], in: store)
        #expect(report.listingsWithNetworkRisk == 0)
        let clues = try await store.clues.clues(in: Organisation.defaultID, matching: ClueQuery())
        #expect(clues.count == 2)
        #expect(clues.allSatisfy { clue in !clue.signals.contains { $0.kind == .sellerNetwork } })
        // The identifiers are stored all the same, for the networks of later runs and the party page.
        #expect(try await store.sellerIdentifiers.countSellers(in: Organisation.defaultID) == 2)
    }

    @Test func anOverturnedFindingNoLongerRaisesTheNetwork() async throws {
        let store = try await Self.storeWithInfringer()
        _ = try await store.findings.recordAppeal(
            .init(outcome: .overturned, decidedAt: Date().addingTimeInterval(-60)), on: "F-1",
            in: Organisation.defaultID, by: Organisation.defaultID)
        let report = try await Self.screen(
            [
                Self.line("old-1", title: "canvas tote bag", seller: Self.infringer),
                Self.line("new-1", title: "ADIBAS Superstar sneakers", seller: Self.relister),
            ], in: store)
        #expect(report.listingsWithNetworkRisk == 0)
        let clue = try #require(try await Self.clue("new-1", "TM-ADIDAS", in: store))
        #expect(!clue.signals.contains { $0.kind == .sellerNetwork })
    }

    @Test func identifiersAreStoredAndMergedWithEarlierOnes() async throws {
        let store = try await makeStore()
        _ = try await Self.screen([Self.line("a", title: "tote bag", seller: Self.infringer)], in: store)
        let later =
            #"{"id":"old-shop","name":"Old Shoes","email":["Sales@Old.example"],"phone":"138 0013 8000","address":"Room 5, No. 12 Keyuan Rd., Nanshan","shop_image_pdq":"\#(String(repeating: "ab", count: 32))"}"#
        _ = try await Self.screen([Self.line("b", title: "tote bag", seller: later)], in: store)
        let stored = try #require(
            try await store.sellerIdentifiers.identifiers(of: "old-shop", in: Organisation.defaultID))
        #expect(stored.phones == ["138 0013 8000"])
        #expect(stored.paymentAccounts == ["6222 0212 3456 7890"])
        #expect(stored.emails == ["Sales@Old.example"])
        #expect(stored.addresses == ["Room 5, No. 12 Keyuan Rd., Nanshan"])
        #expect(stored.shopImageHashes == [String(repeating: "ab", count: 32)])
    }

    @Test func badIdentifierValuesAreReportedAndTheListingIsStillScreened() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert(ScreeningFixture.rights)
        let seller =
            #"{"id":"s-9","name":"Shop 9","email":["ok@shop9.example","nonsense",7],"phone":12345,"#
            + #""payment_account":"12","address":"Rm 1","shop_image_pdq":"xyz","region":"CN-GD"}"#
        let report = try await Self.screen(
            [Self.line("x1", title: "ADIBAS Superstar sneakers", seller: seller)], in: store)
        #expect(report.badLines == 0)
        #expect(report.listingsScreened == 1)
        #expect(report.cluesInserted == 1)
        #expect(report.identifiersLeftOut == 6)
        #expect(
            report.identifierProblems.map(\.description) == [
                "feed.jsonl:1: seller.email[2]: expected a string; left out",
                "feed.jsonl:1: seller.phone: expected a string or an array of strings; left out",
                "feed.jsonl:1: seller.email[1]: expected an email address (name@domain.example) (at most 1000 bytes); left out",
                "feed.jsonl:1: seller.payment_account: expected a payment account of at least 4 characters (at most 1000 bytes); left out",
                "feed.jsonl:1: seller.address: expected an address of at least 6 letters and digits (at most 1000 bytes); left out",
                "feed.jsonl:1: seller.shop_image_pdq: expected a PDQ hash of 64 hexadecimal digits (at most 1000 bytes); left out",
            ])
        let listing = try #require(try await store.listings.listing("x1", in: Organisation.defaultID))
        #expect(listing.seller.region == "CN-GD")
        let stored = try #require(try await store.sellerIdentifiers.identifiers(of: "s-9", in: Organisation.defaultID))
        #expect(stored.emails == ["ok@shop9.example"])
        #expect(stored.phones.isEmpty && stored.paymentAccounts.isEmpty && stored.shopImageHashes.isEmpty)
    }

    @Test func aLineWithOnlyBadIdentifiersStoresNoIdentifiers() async throws {
        let store = try await makeStore()
        let seller = #"{"id":"s-8","name":"Shop 8","email":{"not":"a string"},"phone":null}"#
        let report = try await Self.screen([Self.line("y1", title: "kettle", seller: seller)], in: store)
        #expect(report.listingsScreened == 1)
        #expect(report.sellersIdentified == 0)
        #expect(
            report.identifierProblems.map(\.description) == [
                "feed.jsonl:1: seller.email: expected a string or an array of strings; left out"
            ])
        #expect(try await store.sellerIdentifiers.countSellers(in: Organisation.defaultID) == 0)
    }

    @Test func networkSignalCarriesTheStrongestReasonAndCountsTheOthers() throws {
        var screener = try ScreeningFixture.makeScreener()
        let listing = ScreeningFixture.listing("n1", "NIKE Air Force 1", price: 799, seller: "new-shop")
        let risk = NetworkRisk(
            seller: "new-shop", network: "new-shop", networkSize: 3, score: 0.9,
            contributions: [
                .init(member: "a", grade: .d, creditSummary: "D", path: [], strength: 0.81, explanation: "first"),
                .init(member: "b", grade: .b, creditSummary: "B", path: [], strength: 0.27, explanation: "second"),
            ], reasons: ["first", "second"])
        let now = Date()
        let clues = screener.assess(listing, history: SellerHistory(), network: risk, now: now)
        let clue = try #require(clues.first)
        let signal = try #require(clue.signals.first { $0.kind == .sellerNetwork })
        #expect(signal.reason == "seller network: first (and 1 more linked account with findings)")
        #expect(signal.strength == 0.9)
        // 1 − (1 − 0.45 · mark) · (1 − 0.6 · 0.9)
        let mark = try #require(clue.signals.first { $0.kind == .mark }).strength
        #expect(abs(clue.score - (1 - (1 - 0.45 * mark) * (1 - 0.54))) < 0.0001)
        #expect(screener.assess(listing, history: SellerHistory(), now: now).isEmpty)
    }
}
