import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLiteClueRepositoryTests {
    private let start = Date(timeIntervalSince1970: 1_714_555_800)

    private func clue(
        listing: String, right: Right.ID = "tm-1", seller: Party.ID = "s1", score: Double,
        organisation: Organisation.ID = Organisation.defaultID, at date: Date
    ) -> Clue {
        Clue(
            id: Clue.makeID(listing: Listing.ID(listing), right: right), organisation: organisation,
            listing: Listing.ID(listing), right: right, seller: seller, score: score,
            signals: [Signal(kind: .mark, strength: score, reason: "looks alike: NIKF ~ NIKE")], createdAt: date,
            updatedAt: date)
    }

    private func storeWithRight() async throws -> SQLiteStore {
        let store = try await makeStore()
        _ = try await store.rights.upsert([sampleRights[0]])
        return store
    }

    @Test func upsertKeepsReviewStatusAndCreationDate() async throws {
        let store = try await storeWithRight()
        let first = clue(listing: "l1", score: 0.6, at: start)
        #expect(try await store.clues.upsert([first]) == CluesWriteSummary(inserted: 1, updated: 0))
        let reviewed = try await store.clues.setStatus(
            .confirmed, of: first.id, in: Organisation.defaultID, at: start.addingTimeInterval(60))
        #expect(reviewed?.status == .confirmed)

        let rescored = clue(listing: "l1", score: 0.9, at: start.addingTimeInterval(120))
        #expect(try await store.clues.upsert([rescored]) == CluesWriteSummary(inserted: 0, updated: 1))
        let stored = try #require(try await store.clues.clue(first.id, in: Organisation.defaultID))
        #expect(stored.status == .confirmed)
        #expect(stored.createdAt == start)
        #expect(stored.updatedAt == start.addingTimeInterval(120))
        #expect(stored.score == 0.9)
        #expect(stored.signals == rescored.signals)
    }

    @Test func setStatusOfAMissingClueReturnsNil() async throws {
        let store = try await storeWithRight()
        #expect(try await store.clues.setStatus(.dismissed, of: "nope", in: Organisation.defaultID, at: start) == nil)
    }

    @Test func queriesFilterSortAndPage() async throws {
        let store = try await storeWithRight()
        let clues = [
            clue(listing: "l1", seller: "s1", score: 0.2, at: start),
            clue(listing: "l2", seller: "s2", score: 0.9, at: start),
            clue(listing: "l3", seller: "s1", score: 0.7, at: start),
            clue(listing: "l4", seller: "s1", score: 0.7, at: start),
        ]
        _ = try await store.clues.upsert(clues)
        _ = try await store.clues.setStatus(.dismissed, of: clues[1].id, in: Organisation.defaultID, at: start)

        let all = try await store.clues.clues(in: Organisation.defaultID, matching: ClueQuery())
        #expect(all.map(\.listing) == ["l2", "l3", "l4", "l1"])
        let open = try await store.clues.clues(
            in: Organisation.defaultID, matching: ClueQuery(status: .open, minimumScore: 0.5))
        #expect(open.map(\.listing) == ["l3", "l4"])
        let bySeller = try await store.clues.clues(
            in: Organisation.defaultID, matching: ClueQuery(seller: "s1", limit: 1, offset: 1))
        #expect(bySeller.map(\.listing) == ["l4"])
    }

    @Test func sellerRecordsCountCluesAndConfirmations() async throws {
        let store = try await storeWithRight()
        let clues = [
            clue(listing: "l1", seller: "s1", score: 0.5, at: start),
            clue(listing: "l2", seller: "s1", score: 0.5, at: start),
            clue(listing: "l3", seller: "s2", score: 0.5, at: start),
        ]
        _ = try await store.clues.upsert(clues)
        _ = try await store.clues.setStatus(.confirmed, of: clues[0].id, in: Organisation.defaultID, at: start)
        let records = try await store.clues.sellerRecords(in: Organisation.defaultID)
        #expect(records == ["s1": SellerRecord(clues: 2, confirmed: 1), "s2": SellerRecord(clues: 1, confirmed: 0)])
    }

    @Test func organisationsNeverSeeEachOthersClues() async throws {
        let store = try await storeWithRight()
        try await store.ensureOrganisation(Organisation(id: "b", name: "Bee"))
        var theirRight = sampleRights[0]
        theirRight.organisation = "b"
        _ = try await store.rights.upsert([theirRight])
        _ = try await store.clues.upsert([
            clue(listing: "l1", score: 0.5, at: start),
            clue(listing: "l2", score: 0.5, organisation: "b", at: start),
        ])
        #expect(try await store.clues.clues(in: "b", matching: ClueQuery()).map(\.listing) == ["l2"])
        #expect(try await store.clues.clue(Clue.makeID(listing: "l1", right: "tm-1"), in: "b") == nil)
        #expect(try await store.clues.sellerRecords(in: "b")["s1"]?.clues == 1)
    }

    @Test func scoreOutsideZeroToOneIsRejected() async throws {
        let store = try await storeWithRight()
        let error = try await #require(throws: StoreError.self) {
            try await store.clues.upsert([clue(listing: "l1", score: 1.5, at: start)])
        }
        #expect(error.code == .constraint)
    }

    @Test func deletingARightRemovesItsClues() async throws {
        let store = try await storeWithRight()
        _ = try await store.clues.upsert([clue(listing: "l1", score: 0.5, at: start)])
        try await store.execute("DELETE FROM rights WHERE organisation_id = 'default' AND id = 'tm-1'")
        #expect(try await store.clues.clues(in: Organisation.defaultID, matching: ClueQuery()).isEmpty)
    }
}

@Suite struct SQLiteListingRepositoryTests {
    @Test func listingsRoundTripWithTheirSeller() async throws {
        let store = try await makeStore()
        let listing = Listing(
            id: "L-1", platform: "shop", url: "https://shop.example/1", title: "NIKF shoes 1:1",
            description: "replica", price: 12.5, currency: "EUR",
            seller: Listing.Seller(id: "s1", name: "Cheap Kicks", region: "HK"), images: ["a.jpg", "b.jpg"],
            category: "shoes", observedAt: Date(timeIntervalSince1970: 1_714_555_800))
        try await store.listings.save([listing], in: Organisation.defaultID)
        #expect(try await store.listings.listing("L-1", in: Organisation.defaultID) == listing)
        #expect(try await store.parties.party("s1", in: Organisation.defaultID)?.role == .seller)

        var relisted = listing
        relisted.price = 10
        try await store.listings.save([relisted], in: Organisation.defaultID)
        #expect(try await store.listings.countListings(in: Organisation.defaultID) == 1)
        #expect(try await store.listings.listing("L-1", in: Organisation.defaultID)?.price == 10)
        try await store.ensureOrganisation(Organisation(id: "b", name: "Bee"))
        #expect(try await store.listings.listing("L-1", in: "b") == nil)
        #expect(try await store.listings.countListings(in: "b") == 0)
    }
}
