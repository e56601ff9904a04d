import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosStoreSQLite

/// Clue counts, the right filter and the dashboard statistics over a small hand-built data set.
@Suite struct SQLiteClueStatisticsTests {
    private static func instant(_ text: String) -> Date {
        StoredTimestamp.date(from: text) ?? Date(timeIntervalSince1970: 0)
    }

    /// The start of 2024-05-02 UTC: the dashboard's `since` in these tests.
    private let since = instant("2024-05-02T00:00:00.000Z")

    /// Seven clues of the default organisation on three rights and four platforms (one listing not stored),
    /// plus one clue of another organisation that must never be counted.
    ///
    /// | clue | listing (platform) | right | status    | raised (UTC)            |
    /// |------|--------------------|-------|-----------|-------------------------|
    /// | 1    | l1 (taobao)        | r-a   | open      | 2024-05-01 10:00        |
    /// | 2    | l2 (taobao)        | r-a   | confirmed | 2024-05-02 00:00        |
    /// | 3    | l3 (jd)            | r-a   | open      | 2024-05-02 23:59:59.999 |
    /// | 4    | l4 (jd)            | r-b   | dismissed | 2024-05-03 08:00        |
    /// | 5    | l5 (not stored)    | r-b   | open      | 2024-05-03 09:00        |
    /// | 6    | l6 (pdd)           | r-c   | open      | 2024-05-03 10:00        |
    /// | 7    | l1 (taobao)        | r-c   | confirmed | 2024-05-01 23:59:59.999 |
    private func dashboardStore() async throws -> SQLiteStore {
        let store = try await makeStore()
        try await store.ensureOrganisation(Organisation(id: "other", name: "Other"))
        let rights = ["r-a", "r-b", "r-c"].map { id in
            Right(id: Right.ID(id), kind: .trademark, name: id, owner: "Acme", jurisdiction: "CN", status: .registered)
        }
        _ = try await store.rights.upsert(
            rights + [
                Right(
                    id: "r-a", organisation: "other", kind: .trademark, name: "r-a", owner: "Other", jurisdiction: "CN",
                    status: .registered)
            ])
        let seller = Listing.Seller(id: "s1", name: "Shop")
        let observed = Self.instant("2024-05-01T00:00:00.000Z")
        let platforms = ["l1": "taobao", "l2": "taobao", "l3": "jd", "l4": "jd", "l6": "pdd"]
        try await store.listings.save(
            platforms.sorted { $0.key < $1.key }.map { id, platform in
                Listing(
                    id: Listing.ID(id), platform: platform, title: "Item \(id)", seller: seller, observedAt: observed)
            }, in: Organisation.defaultID)
        // The other organisation stores a listing l5: the default organisation's clue on l5 must not take its
        // platform.
        try await store.listings.save(
            [Listing(id: "l5", platform: "ebay", title: "Item", seller: seller, observedAt: observed)], in: "other")

        let rows: [(String, String, Clue.Status, String, Double)] = [
            ("l1", "r-a", .open, "2024-05-01T10:00:00.000Z", 0.9),
            ("l2", "r-a", .confirmed, "2024-05-02T00:00:00.000Z", 0.8),
            ("l3", "r-a", .open, "2024-05-02T23:59:59.999Z", 0.7),
            ("l4", "r-b", .dismissed, "2024-05-03T08:00:00.000Z", 0.6),
            ("l5", "r-b", .open, "2024-05-03T09:00:00.000Z", 0.5),
            ("l6", "r-c", .open, "2024-05-03T10:00:00.000Z", 0.4),
            ("l1", "r-c", .confirmed, "2024-05-01T23:59:59.999Z", 0.3),
        ]
        let clues = rows.map { listing, right, status, raised, score in
            Clue(
                id: Clue.makeID(listing: Listing.ID(listing), right: Right.ID(right)),
                organisation: Organisation.defaultID, listing: Listing.ID(listing), right: Right.ID(right),
                seller: "s1", score: score, signals: [], status: status, createdAt: Self.instant(raised),
                updatedAt: Self.instant(raised))
        }
        let foreign = Clue(
            id: Clue.makeID(listing: "l5", right: "r-a"), organisation: "other", listing: "l5", right: "r-a",
            seller: "s1", score: 0.9, signals: [], createdAt: since, updatedAt: since)
        _ = try await store.clues.upsert(clues + [foreign])
        return store
    }

    @Test func statisticsCountPerDayRightPlatformAndStatus() async throws {
        let store = try await dashboardStore()
        let statistics = try await store.clues.statistics(in: Organisation.defaultID, since: since, top: 2)
        #expect(
            statistics.perDay == [
                LabelledCount(label: "2024-05-02", count: 2), LabelledCount(label: "2024-05-03", count: 3),
            ])
        // r-b and r-c tie at two clues: the label decides, and r-c falls into "other".
        #expect(statistics.perRight == [LabelledCount(label: "r-a", count: 3), LabelledCount(label: "r-b", count: 2)])
        #expect(statistics.otherRights == 2)
        #expect(
            statistics.perPlatform == [
                LabelledCount(label: "taobao", count: 3), LabelledCount(label: "jd", count: 2),
            ])
        #expect(statistics.otherPlatforms == 2)
        #expect(
            statistics.byStatus == [
                LabelledCount(label: "open", count: 4), LabelledCount(label: "confirmed", count: 2),
                LabelledCount(label: "dismissed", count: 1),
            ])
        #expect(statistics.total == 7)
    }

    @Test func aMissingListingCountsAsUnknownPlatform() async throws {
        let store = try await dashboardStore()
        let statistics = try await store.clues.statistics(in: Organisation.defaultID, since: since, top: 10)
        #expect(
            statistics.perPlatform == [
                LabelledCount(label: "taobao", count: 3), LabelledCount(label: "jd", count: 2),
                LabelledCount(label: "pdd", count: 1), LabelledCount(label: "unknown", count: 1),
            ])
        #expect(statistics.otherPlatforms == 0)
        #expect(
            statistics.perRight == [
                LabelledCount(label: "r-a", count: 3), LabelledCount(label: "r-b", count: 2),
                LabelledCount(label: "r-c", count: 2),
            ])
        #expect(statistics.otherRights == 0)
    }

    @Test func topZeroPutsEverythingIntoOther() async throws {
        let store = try await dashboardStore()
        let statistics = try await store.clues.statistics(in: Organisation.defaultID, since: since, top: 0)
        #expect(statistics.perRight.isEmpty)
        #expect(statistics.otherRights == 7)
        #expect(statistics.perPlatform.isEmpty)
        #expect(statistics.otherPlatforms == 7)
    }

    @Test func sinceBoundsOnlyThePerDayCounts() async throws {
        let store = try await dashboardStore()
        let everything = try await store.clues.statistics(
            in: Organisation.defaultID, since: Date(timeIntervalSince1970: 0), top: 3)
        #expect(
            everything.perDay == [
                LabelledCount(label: "2024-05-01", count: 2), LabelledCount(label: "2024-05-02", count: 2),
                LabelledCount(label: "2024-05-03", count: 3),
            ])
        let late = try await store.clues.statistics(
            in: Organisation.defaultID, since: Self.instant("2024-05-03T08:00:00.001Z"), top: 3)
        #expect(late.perDay == [LabelledCount(label: "2024-05-03", count: 2)])
        #expect(late.total == 7)
    }

    @Test func anOrganisationWithoutCluesHasZeroCountsPerStatus() async throws {
        let store = try await makeStore()
        let statistics = try await store.clues.statistics(in: Organisation.defaultID, since: since, top: 5)
        #expect(statistics.perDay.isEmpty)
        #expect(statistics.perRight.isEmpty)
        #expect(statistics.perPlatform.isEmpty)
        #expect(statistics.otherRights == 0)
        #expect(statistics.otherPlatforms == 0)
        #expect(statistics.byStatus == Clue.Status.allCases.map { LabelledCount(label: $0.rawValue, count: 0) })
    }

    @Test func theOtherOrganisationSeesOnlyItsOwnClue() async throws {
        let store = try await dashboardStore()
        let statistics = try await store.clues.statistics(in: "other", since: since, top: 5)
        #expect(statistics.perRight == [LabelledCount(label: "r-a", count: 1)])
        #expect(statistics.perPlatform == [LabelledCount(label: "ebay", count: 1)])
        #expect(statistics.total == 1)
    }

    @Test func countCluesHonoursTheQueryButNotItsPaging() async throws {
        let store = try await dashboardStore()
        let clues = store.clues
        let organisation = Organisation.defaultID
        #expect(try await clues.countClues(in: organisation, matching: ClueQuery()) == 7)
        #expect(try await clues.countClues(in: organisation, matching: ClueQuery(limit: 1, offset: 5)) == 7)
        #expect(try await clues.countClues(in: organisation, matching: ClueQuery(status: .open)) == 4)
        #expect(try await clues.countClues(in: organisation, matching: ClueQuery(minimumScore: 0.65)) == 3)
        #expect(try await clues.countClues(in: organisation, matching: ClueQuery(right: "r-a")) == 3)
        #expect(try await clues.countClues(in: organisation, matching: ClueQuery(status: .open, right: "r-a")) == 2)
        #expect(try await clues.countClues(in: organisation, matching: ClueQuery(right: "r-missing")) == 0)
        #expect(try await clues.countClues(in: "other", matching: ClueQuery()) == 1)
    }

    @Test func cluesCanBeListedForOneRight() async throws {
        let store = try await dashboardStore()
        let organisation = Organisation.defaultID
        let forB = try await store.clues.clues(in: organisation, matching: ClueQuery(right: "r-b"))
        #expect(forB.map(\.listing) == ["l4", "l5"])
        #expect(forB.allSatisfy { $0.right == "r-b" })
        let page = try await store.clues.clues(in: organisation, matching: ClueQuery(right: "r-a", limit: 1, offset: 1))
        #expect(page.map(\.listing) == ["l2"])
        let openOnC = try await store.clues.clues(in: organisation, matching: ClueQuery(status: .open, right: "r-c"))
        #expect(openOnC.map(\.listing) == ["l6"])
    }
}
