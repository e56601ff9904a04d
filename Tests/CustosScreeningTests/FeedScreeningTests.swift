import CustosCore
import CustosScreening
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@Suite struct FeedScreeningTests {
    static let feed = """
        {"id":"a1","platform":"taobao","title":"ADIBAS Superstar sneakers","description":"","price":120,"currency":"CNY","seller":{"id":"s-1","name":"Shop 1"},"images":[],"category":"footwear","observed_at":"2026-03-01T10:00:00Z"}
        {"id":"a2","platform":"taobao","title":"NIKE Air Force 1","description":"official store","price":799,"currency":"CNY","seller":{"id":"s-2","name":"Shop 2"},"images":[],"category":"footwear","observed_at":"2026-03-01T10:00:00Z"}
        this is not json

        {"id":"a3","platform":"jd","title":"","price":10,"currency":"CNY","seller":{"id":"s-1","name":"Shop 1"},"images":[],"observed_at":"2026-03-01T10:00:00Z"}
        {"id":"a4","platform":"jd","title":"康帅傅 红烧牛肉面","price":1.5,"currency":"CNY","seller":{"id":"s-1","name":"Shop 1"},"images":[],"category":"food","observed_at":"2026-03-01T10:00:00.250Z"}
        {"id":"a5","platform":"jd","title":"kettle","price":"cheap","seller":{"id":"s-3","name":"Shop 3"},"images":[],"observed_at":"2026-03-01T10:00:00Z"}
        {"id":"a6","platform":"jd","title":"kettle","seller":{"name":"Shop 3"},"images":[],"observed_at":"2026-03-01T10:00:00Z"}
        """

    func makeStoreWithPortfolio() async throws -> any CustosStore {
        let store = try await makeStore()
        _ = try await store.rights.upsert(ScreeningFixture.rights)
        return store
    }

    @Test func screensGoodLinesAndNamesEveryBadOne() async throws {
        try await withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("feed.jsonl")
            try Data(Self.feed.utf8).write(to: url)
            let store = try await makeStoreWithPortfolio()
            let screening = FeedScreening(store: store, organisation: Organisation.defaultID)
            let report = try await screening.run(feed: url, displayName: "feed.jsonl")
            #expect(report.listingsScreened == 3)
            #expect(report.badLines == 4)
            #expect(
                report.problems.map(\.description) == [
                    "feed.jsonl:3: not valid JSON",
                    "feed.jsonl:5: title: must not be empty",
                    "feed.jsonl:7: price: expected a number",
                    "feed.jsonl:8: seller.id: missing",
                ])
            #expect(report.cluesInserted == 2)
            let clues = try await store.clues.clues(in: Organisation.defaultID, matching: ClueQuery())
            #expect(Set(clues.map(\.right)) == ["TM-ADIDAS", "TM-KSF"])
            #expect(try await store.listings.countListings(in: Organisation.defaultID) == 3)
        }
    }

    @Test func rescreeningUpdatesCluesAndKeepsTheirReview() async throws {
        try await withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("feed.jsonl")
            try Data(Self.feed.utf8).write(to: url)
            let store = try await makeStoreWithPortfolio()
            let screening = FeedScreening(store: store, organisation: Organisation.defaultID)
            _ = try await screening.run(feed: url)
            let id = Clue.makeID(listing: "a1", right: "TM-ADIDAS")
            _ = try await store.clues.setStatus(.confirmed, of: id, in: Organisation.defaultID, at: Date())
            let again = try await screening.run(feed: url)
            #expect(again.cluesInserted == 0)
            #expect(again.cluesUpdated == 2)
            let clues = try await store.clues.clues(in: Organisation.defaultID, matching: ClueQuery())
            #expect(clues.count == 2)
            #expect(clues.first { $0.id == id }?.status == .confirmed)
        }
    }

    @Test func screensAnEmptyFeed() async throws {
        try await withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("empty.jsonl")
            try Data().write(to: url)
            let report = try await FeedScreening(store: try await makeStoreWithPortfolio(), organisation: "default")
                .run(feed: url)
            #expect(report.linesRead == 0)
            #expect(report.listingsScreened == 0)
            #expect(report.badLines == 0)
        }
    }

    @Test func reportsAMissingFeed() async throws {
        let screening = FeedScreening(store: try await makeStoreWithPortfolio(), organisation: "default")
        await #expect(throws: CustosError.self) {
            _ = try await screening.run(feed: URL(fileURLWithPath: "/nonexistent/feed.jsonl"))
        }
    }
}

@Suite struct HostileFeedTests {
    @Test func reportsAndSkipsAnOverlongLine() async throws {
        try await withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("feed.jsonl")
            let huge = "{\"id\":\"" + String(repeating: "z", count: 5_000) + "\"}"
            let good = FeedScreeningTests.feed.split(separator: "\n")[0]
            try Data((huge + "\n" + good + "\n").utf8).write(to: url)
            let store = try await makeStore()
            _ = try await store.rights.upsert(ScreeningFixture.rights)
            var screening = FeedScreening(store: store, organisation: "default")
            screening.maximumLineLength = 1_000
            let report = try await screening.run(feed: url, displayName: "feed.jsonl")
            #expect(report.problems.map(\.description) == ["feed.jsonl:1: line longer than 1000 bytes, skipped"])
            #expect(report.listingsScreened == 1)
            #expect(report.cluesInserted == 1)
        }
    }
}
