import CustosCore
import CustosSamples
import Foundation
import Testing

@Suite struct ListingGeneratorTests {
    static let marks = ["NOVATECH", "GREEN PEAK", "KORELLO", "华星", "金龙宝"]

    func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).jsonl")
    }

    func decode(_ url: URL) throws -> [Listing] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try Data(contentsOf: url).split(separator: UInt8(ascii: "\n")).map {
            try decoder.decode(Listing.self, from: Data($0))
        }
    }

    @Test func sameSeedGivesTheSameListings() {
        let first = ListingGenerator(seed: 42, markNames: Self.marks).makeListings(count: 1_000)
        #expect(first == ListingGenerator(seed: 42, markNames: Self.marks).makeListings(count: 1_000))
        #expect(first.first?.id == "GL-00000000")
    }

    @Test func distinctSeedsGiveDistinctListings() {
        let first = ListingGenerator(seed: 1, markNames: Self.marks).makeListings(count: 1_000).map(\.title)
        let second = ListingGenerator(seed: 2, markNames: Self.marks).makeListings(count: 1_000).map(\.title)
        #expect(zip(first, second).filter { $0 == $1 }.count < 100)
    }

    @Test func jsonLinesDecodeToTheGeneratedListings() throws {
        let generator = ListingGenerator(seed: 8, markNames: Self.marks)
        let url = temporaryURL("feed")
        defer { try? FileManager.default.removeItem(at: url) }
        try generator.writeJSONL(count: 1_000, to: url)
        #expect(try decode(url) == generator.makeListings(count: 1_000))
    }

    @Test func jsonLinesAreByteIdenticalForTheSameSeed() throws {
        let first = temporaryURL("feed-a")
        let second = temporaryURL("feed-b")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        try ListingGenerator(seed: 3, markNames: Self.marks).writeJSONL(count: 1_000, to: first)
        try ListingGenerator(seed: 3, markNames: Self.marks).writeJSONL(count: 1_000, to: second)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
    }

    /// Pins seed 42 so that a change to the generator, or a platform that computes differently, is noticed.
    @Test func jsonLinesMatchThePinnedDigest() throws {
        let url = temporaryURL("feed-golden")
        defer { try? FileManager.default.removeItem(at: url) }
        try ListingGenerator(seed: 42, markNames: Self.marks).writeJSONL(count: 1_000, to: url)
        let digest = String(fnv1a64(try Data(contentsOf: url)), radix: 16)
        #expect(digest == "98c295822a0b588c")
    }

    @Test func awkwardMarkNamesSurviveJSONEscaping() throws {
        let marks = ["QUOTE \"Q\"", "BACK\\SLASH", "TAB\tMARK", "LINE\nBREAK", "CTRL\u{01}X", "ÉCLAIR", "𝐍𝐈𝐊𝐄"]
        let generator = ListingGenerator(seed: 4, markNames: marks)
        let url = temporaryURL("feed-escaping")
        defer { try? FileManager.default.removeItem(at: url) }
        try generator.writeJSONL(count: 400, to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 400, "every listing stays on one line")
        #expect(try decode(url) == generator.makeListings(count: 400))
    }

    @Test func mixesMarkMentionsVariantsAndGenericGoods() {
        let listings = ListingGenerator(seed: 5, markNames: Self.marks).makeListings(count: 5_000)
        let exact = listings.filter { listing in Self.marks.contains { listing.title.contains($0) } }.count
        let share = Double(exact) / Double(listings.count)
        #expect((0.22...0.40).contains(share), "exact mentions \(share)")
        let counterfeit = ["replica", "1:1", "AAA", "高仿", "原单", "复刻", "精仿"]
        #expect(listings.contains { listing in counterfeit.contains { listing.title.contains($0) } })
        let categories = Set(SampleData.listingCategories)
        #expect(listings.allSatisfy { $0.category.map(categories.contains) == true })
        #expect(listings.allSatisfy { ($0.price ?? 0) > 0 && ["CNY", "USD"].contains($0.currency ?? "") })
        #expect(Set(listings.compactMap(\.category)).count == categories.count)
    }

    @Test func withoutMarksEveryListingIsGeneric() {
        let listings = ListingGenerator(seed: 6, markNames: []).makeListings(count: 2_000)
        let counterfeit = ["replica", "1:1", "AAA", "super copy", "高仿", "原单", "复刻", "精仿", "A货", "尾单"]
        #expect(!listings.contains { listing in counterfeit.contains { listing.title.contains($0) } })
    }

    @Test func sellersKeepTheirNameAndRepeatOffendersListOften() {
        let listings = ListingGenerator(seed: 7, markNames: Self.marks).makeListings(count: 20_000)
        var names: [Party.ID: Set<String>] = [:]
        var counts: [Party.ID: Int] = [:]
        for listing in listings {
            names[listing.seller.id, default: []].insert(listing.seller.name)
            counts[listing.seller.id, default: 0] += 1
        }
        #expect(names.values.allSatisfy { $0.count <= 2 }, "a seller has one Chinese and one English name at most")
        #expect((counts.values.max() ?? 0) >= 8, "repeat offenders list many items")
    }

    @Test func observationsAdvanceThroughTheFeed() {
        let listings = ListingGenerator(seed: 2, markNames: Self.marks).makeListings(count: 100)
        #expect(zip(listings, listings.dropFirst()).allSatisfy { $0.observedAt < $1.observedAt })
        #expect(
            listings.first?.observedAt
                == Date(
                    timeIntervalSince1970: 1_704_067_200
                        + listings[0].observedAt.timeIntervalSince1970.truncatingRemainder(dividingBy: 30)))
    }
}
