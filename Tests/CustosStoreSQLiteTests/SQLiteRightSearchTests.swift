import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLiteRightSearchTests {
    private let start = Date(timeIntervalSince1970: 1_714_555_800)

    private func right(
        _ id: Right.ID, _ kind: RightKind = .trademark, name: String, owner: String = "Acme Ltd",
        number: String? = nil, organisation: Organisation.ID = Organisation.defaultID
    ) -> Right {
        Right(
            id: id, organisation: organisation, kind: kind, name: name, owner: owner, jurisdiction: "CN",
            status: .registered, details: RightDetails(registrationNumber: number))
    }

    /// Rights whose fields exercise every searched column, wildcards and letter case.
    private func searchableStore() async throws -> SQLiteStore {
        let store = try await makeStore()
        try await store.ensureOrganisation(Organisation(id: "other", name: "Other"))
        _ = try await store.rights.upsert([
            right("tm-001", name: "NIKE", owner: "Nike Inc", number: "CN-555"),
            right("tm-002", name: "Swoosh", owner: "Nike Inc"),
            right("tm-003", name: "50% OFF", owner: "Discount Co"),
            right("tm-004", name: "5000 OFF", owner: "Discount Co"),
            right("tm-005", name: "A_B", owner: "Letters Ltd"),
            right("tm-006", name: "AXB", owner: "Letters Ltd"),
            right("tm-007", name: "back\\slash", owner: "Paths Ltd"),
            right("pt-001", .patent, name: "Self-lacing shoe", owner: "NIKE INNOVATE", number: "ZL2019"),
            right("cr-001", .copyright, name: "Élan guide", owner: "Éditions Zoé"),
            right("tm-900", name: "NIKE", owner: "Nike Inc", number: "CN-555", organisation: "other"),
        ])
        return store
    }

    private func search(
        _ store: SQLiteStore, _ text: String, kinds: Set<RightKind>? = nil, limit: Int = 50, offset: Int = 0
    ) async throws -> [Right.ID] {
        try await store.rights.searchRights(
            in: Organisation.defaultID, text: text, kinds: kinds, limit: limit, offset: offset
        ).map(\.id)
    }

    @Test func searchMatchesIdNameOwnerAndRegistrationNumber() async throws {
        let store = try await searchableStore()
        #expect(try await search(store, "pt-0") == ["pt-001"])
        #expect(try await search(store, "swoo") == ["tm-002"])
        #expect(try await search(store, "innovate") == ["pt-001"])
        #expect(try await search(store, "cn-555") == ["tm-001"])
        #expect(try await search(store, "ZL20") == ["pt-001"])
        #expect(try await search(store, "nike") == ["pt-001", "tm-001", "tm-002"])
        #expect(try await search(store, "no such thing").isEmpty)
    }

    @Test func searchIgnoresLetterCaseBeyondASCII() async throws {
        let store = try await searchableStore()
        #expect(try await search(store, "NiKe") == ["pt-001", "tm-001", "tm-002"])
        #expect(try await search(store, "élan") == ["cr-001"])
        #expect(try await search(store, "ÉLAN") == ["cr-001"])
        #expect(try await search(store, "ZOÉ") == ["cr-001"])
    }

    @Test func wildcardsInTheTextMatchLiterally() async throws {
        let store = try await searchableStore()
        #expect(try await search(store, "50%") == ["tm-003"])
        #expect(try await search(store, "%") == ["tm-003"])
        #expect(try await search(store, "a_b") == ["tm-005"])
        #expect(try await search(store, "_") == ["tm-005"])
        #expect(try await search(store, "k\\s") == ["tm-007"])
    }

    @Test func emptyTextFindsEveryRightOfTheOrganisation() async throws {
        let store = try await searchableStore()
        let all = try await search(store, "")
        #expect(all.count == 9)
        #expect(all == all.sorted())
        #expect(!all.contains("tm-900"))
        #expect(try await store.rights.countRights(in: Organisation.defaultID, text: "", kinds: nil) == 9)
    }

    @Test func searchPagesInIdOrderAndCountsWithoutPaging() async throws {
        let store = try await searchableStore()
        #expect(try await search(store, "ltd", limit: 2, offset: 0) == ["tm-005", "tm-006"])
        #expect(try await search(store, "ltd", limit: 2, offset: 2) == ["tm-007"])
        #expect(try await search(store, "ltd", limit: 2, offset: 4).isEmpty)
        #expect(try await search(store, "ltd", limit: 0).isEmpty)
        #expect(try await store.rights.countRights(in: Organisation.defaultID, text: "ltd", kinds: nil) == 3)
        #expect(try await store.rights.countRights(in: Organisation.defaultID, text: "50%", kinds: nil) == 1)
    }

    @Test func kindsFilterTheSearch() async throws {
        let store = try await searchableStore()
        #expect(try await search(store, "nike", kinds: [.patent]) == ["pt-001"])
        #expect(try await search(store, "", kinds: [.patent, .copyright]) == ["cr-001", "pt-001"])
        #expect(try await search(store, "nike", kinds: []).isEmpty)
        #expect(try await store.rights.countRights(in: Organisation.defaultID, text: "nike", kinds: [.trademark]) == 2)
        #expect(try await store.rights.countRights(in: Organisation.defaultID, text: "nike", kinds: []) == 0)
    }

    @Test func anotherOrganisationsRightsAreNeverFound() async throws {
        let store = try await searchableStore()
        #expect(try await search(store, "tm-900").isEmpty)
        #expect(
            try await store.rights.searchRights(in: "other", text: "nike", kinds: nil, limit: 10, offset: 0).map(\.id)
                == ["tm-900"])
        #expect(try await store.rights.countRights(in: "other", text: "", kinds: nil) == 1)
    }

    @Test func searchReturnsWholeRights() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert(sampleRights)
        let found = try await store.rights.searchRights(
            in: Organisation.defaultID, text: "NIKE", kinds: nil, limit: 10, offset: 0)
        #expect(found == [sampleRights[0]])
    }

    @Test func deleteRemovesTheRightItsDetailsAndItsClues() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert(sampleRights)
        let clues = ["l1", "l2"].map { listing in
            Clue(
                id: Clue.makeID(listing: Listing.ID(listing), right: "tm-1"), organisation: Organisation.defaultID,
                listing: Listing.ID(listing), right: "tm-1", seller: "s1", score: 0.8, signals: [], createdAt: start,
                updatedAt: start)
        }
        let kept = Clue(
            id: Clue.makeID(listing: "l1", right: "pt-1"), organisation: Organisation.defaultID, listing: "l1",
            right: "pt-1", seller: "s1", score: 0.5, signals: [], createdAt: start, updatedAt: start)
        _ = try await store.clues.upsert(clues + [kept])

        #expect(try await store.rights.delete("tm-1", in: Organisation.defaultID))
        #expect(try await store.rights.right("tm-1", in: Organisation.defaultID) == nil)
        #expect(try await store.clues.clue(clues[0].id, in: Organisation.defaultID) == nil)
        #expect(try await store.clues.countClues(in: Organisation.defaultID, matching: ClueQuery()) == 1)
        #expect(try await store.clues.clue(kept.id, in: Organisation.defaultID) == kept)
        #expect(try await store.rights.countRights(in: Organisation.defaultID) == sampleRights.count - 1)
        #expect(try await !store.rights.delete("tm-1", in: Organisation.defaultID))

        // Re-adding the id starts clean: no class or detail rows were left behind.
        var readded = sampleRights[0]
        readded.classes = []
        readded.details = RightDetails()
        _ = try await store.rights.upsert([readded])
        #expect(try await store.rights.right("tm-1", in: Organisation.defaultID) == readded)
    }

    @Test func deleteInAnotherOrganisationLeavesTheRight() async throws {
        let store = try await makeStore()
        try await store.ensureOrganisation(Organisation(id: "other", name: "Other"))
        _ = try await store.rights.upsert([sampleRights[0]])
        #expect(try await !store.rights.delete("tm-1", in: "other"))
        #expect(try await store.rights.right("tm-1", in: Organisation.defaultID) == sampleRights[0])
    }
}
